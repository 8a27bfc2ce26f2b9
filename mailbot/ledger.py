"""The processed-mail ledger: one row per inbound message, found by location or by bytes."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select, update

from mailbot.db import session_scope
from mailbot.domain import Decision, Folder, Inbound, LedgerStatus
from mailbot.models import AuditEvent, Processed

BODY_LIMIT = 100_000


def find(session: Session, location: str, uidvalidity: int, uid: int) -> Processed | None:
    """The row for a message at this mailbox location, if any."""
    query = select(Processed).where(
        Processed.mailbox == location, Processed.uidvalidity == uidvalidity, Processed.uid == uid
    )
    return session.exec(query).first()


def find_twin(session: Session, location: str, raw_sha256: str) -> Processed | None:
    """A row for the same bytes in this mailbox (seen before under another UID/UIDVALIDITY)."""
    query = select(Processed).where(
        Processed.mailbox == location, Processed.raw_sha256 == raw_sha256
    ).order_by(col(Processed.id))
    return session.exec(query).first()


def find_by_message_id(session: Session, location: str,
                       message_id: str | None) -> Processed | None:
    """An earlier row in this mailbox with the same Message-ID (a copy with other bytes)."""
    if not message_id:
        return None
    query = select(Processed).where(
        Processed.mailbox == location, Processed.message_id == message_id[:998]
    ).order_by(col(Processed.id))
    return session.exec(query).first()


def relocate(engine: Engine, row: Processed, uidvalidity: int, uid: int) -> Processed:
    """Point a row at the message's new UID (after a UIDVALIDITY change or a re-delivery)."""
    with session_scope(engine) as session:
        fresh = session.get(Processed, row.id)
        old = (fresh.uidvalidity, fresh.uid)
        fresh.uidvalidity, fresh.uid, fresh.filed = uidvalidity, uid, False
        session.add(AuditEvent(actor="mailbot", action="ledger-relocated", processed_id=fresh.id,
                               detail=f"uidvalidity/uid {old} -> {(uidvalidity, uid)}"))
    return fresh


def record_done(session: Session, row: Processed | None, location: str, uidvalidity: int,
                uid: int, inbound: Inbound, decision: Decision, now: datetime) -> Processed:
    """Write the message's final ledger row (in the caller's transaction)."""
    row = row or Processed(mailbox=location, uidvalidity=uidvalidity, uid=uid,
                           raw_sha256=inbound.raw_sha256, status=LedgerStatus.DONE)
    row.status = LedgerStatus.DONE
    row.outcome = decision.outcome.value
    row.folder = decision.folder.value
    row.message_id = inbound.message_id[:998] if inbound.message_id else None
    row.sender = inbound.from_address[:320] if inbound.from_address else None
    row.subject = inbound.subject[:998]
    row.findings = json.dumps([{"code": f.code, "detail": f.detail} for f in decision.findings],
                              ensure_ascii=False)
    row.error = None
    commands = {"officer-command", "officer-command-refused"}
    keep_body = not any(f.code in commands for f in decision.findings)  # may hold a password
    row.body = inbound.text[:BODY_LIMIT] if keep_body else None
    row.auto_reason = inbound.auto_reason[:64] if inbound.auto_reason else None
    row.processed_at = now
    session.add(row)
    session.flush()
    return row


def record_failure(engine: Engine, row_id: int | None, location: str, uidvalidity: int,
                   uid: int, raw_sha256: str, error: str, max_attempts: int,
                   now: datetime) -> Processed:
    """Count a failed attempt; after `max_attempts` the message is shunted to Failed."""
    with session_scope(engine) as session:
        fresh = session.get(Processed, row_id) if row_id is not None else None
        fresh = fresh or Processed(mailbox=location, uidvalidity=uidvalidity, uid=uid,
                                   raw_sha256=raw_sha256, status=LedgerStatus.FAILED)
        fresh.attempts += 1
        fresh.error = error
        fresh.processed_at = now
        shunt = fresh.attempts >= max_attempts
        fresh.status = LedgerStatus.SHUNTED if shunt else LedgerStatus.FAILED
        fresh.outcome = "failed"
        fresh.folder = Folder.FAILED.value if shunt else None
        session.add(fresh)
        session.flush()
        session.add(AuditEvent(actor="mailbot", action="shunted" if shunt else "failed",
                               processed_id=fresh.id, detail=error.strip().splitlines()[-1]))
    return fresh


def mark_filed(engine: Engine, row_ids: list[int]) -> None:
    """Remember that these messages now sit in their destination folder."""
    if row_ids:
        with session_scope(engine) as session:
            session.exec(update(Processed).where(col(Processed.id).in_(row_ids)).values(filed=True))
