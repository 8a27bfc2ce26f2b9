"""Logging set-up: one line per event, TCKNs masked before anything is written."""

from __future__ import annotations

import logging
from typing import TextIO

from mailbot.text import mask_tckns_in


class MaskingFilter(logging.Filter):
    """Rewrite every record so that no full TCKN reaches a log handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask TCKN-like numbers in the formatted message."""
        record.msg = mask_tckns_in(record.getMessage())
        record.args = ()
        return True


def setup_logging(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Log to stderr (or `stream`) as `time level logger: message`, with TCKN masking."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("apscheduler.executors", "aiosmtplib", "mail.log", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # a wake-up that finds the poll running is expected: the poll re-runs by itself
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
