"""Build a mailbot App wired to the test servers, and read back what happened."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from mailbot.app import App
from mailbot.db import upgrade
from mailbot.models import AuditEvent, Outbox, Processed
from mailbot.settings import load_settings

DESK_ADDRESS = "tekirdag.sbs@saglik.gov.tr"


class Clock:
    """A settable clock for tests (UTC)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def settings_for(imap_port: int, smtp_port: int, data_dir: Path, user: str = "desk",
                 password: str = "secret", **extra: object) -> dict:
    """Settings (as keyword arguments) for servers on loopback and a private SQLite file."""
    settings = dict(
        imap_host="127.0.0.1", imap_port=imap_port, imap_security="plain", imap_user=user,
        imap_password=password, imap_timeout=10, smtp_host="127.0.0.1", smtp_port=smtp_port,
        smtp_security="plain", smtp_timeout=10, mailbox_address=DESK_ADDRESS,
        mailbox_name="Tekirdağ İl Sağlık Müdürlüğü", data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'mailbot.db'}",
    )
    return {**settings, **extra}


def make_app(imap_port: int, smtp_port: int, data_dir: Path, clock: Clock | None = None,
             **extra: object) -> App:
    """A migrated App for the given servers."""
    settings = load_settings(**settings_for(imap_port, smtp_port, data_dir, **extra))
    upgrade(settings.db_url)
    return App.build(settings, clock or Clock())


def ledger_rows(app: App) -> list[Processed]:
    with Session(app.engine) as session:
        return list(session.exec(select(Processed)))


def outbox_rows(app: App) -> list[Outbox]:
    with Session(app.engine) as session:
        return list(session.exec(select(Outbox)))


def audit_actions(app: App) -> Counter:
    with Session(app.engine) as session:
        return Counter(event.action for event in session.exec(select(AuditEvent)))


def wait_until(predicate: Callable[[], bool], timeout: float) -> bool:
    """Poll `predicate` until it holds or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def applicant_mail(sink: object) -> list:
    """What the sink received for anyone but the desk's officers (digests excluded)."""
    return [m for m in list(sink.messages) if DESK_ADDRESS not in m.rcpt_tos]


def finding_codes(row: Processed) -> list[str]:
    return [f["code"] for f in json.loads(row.findings or "[]")]
