"""`mailbot replay`: the whole decision path on archived mail, without touching any server."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from mailbot.app import App
from mailbot.db import upgrade
from mailbot.domain import OutboxStatus
from mailbot.mail.parse import parse_message
from mailbot.models import Outbox
from mailbot.process import process_inbound
from mailbot.settings import load_settings

REPLAY_MAILBOX = "replay@local/INBOX"


class MessageClock:
    """A clock set to each message's Date header as it is replayed."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def replay(rules_file: Path, files: list[Path], db_url: str | None = None) -> Iterator[dict]:
    """Judge each .eml in order, as of its own Date; yield one result dict per message."""
    with tempfile.TemporaryDirectory(prefix="mailbot-replay-") as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'replay.db'}"
        settings = load_settings(rules_file=rules_file, database_url=url, data_dir=Path(tmp),
                                 mailbox_address="replay@localhost")
        upgrade(url)
        clock = MessageClock()
        app = App.build(settings, clock)
        run = int(datetime.now(UTC).timestamp())  # a fresh UIDVALIDITY: reruns never collide
        for uid, path in enumerate(files, start=1):
            yield _replay_one(app, clock, path, run, uid)
        app.engine.dispose()


def _replay_one(app: App, clock: MessageClock, path: Path, run: int, uid: int) -> dict:
    inbound = parse_message(path.read_bytes())
    clock.now = inbound.date or clock.now
    # outbox rows are written as `replay`: even in a live database nothing is ever sent
    row, decision, case = process_inbound(app, inbound, None, None, REPLAY_MAILBOX, run, uid,
                                          outbox_status=OutboxStatus.REPLAY)
    with Session(app.engine) as session:
        replies = session.exec(select(Outbox).where(Outbox.processed_id == row.id)).all()
    return {
        "file": str(path),
        "outcome": decision.outcome.value,
        "findings": [f.code for f in decision.findings],
        "case": case,
        "replies": [{"to": r.to_address, "subject": r.subject} for r in replies],
    }
