"""The outbox: replies are enqueued in the message's transaction and flushed with retries."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from zoneinfo import ZoneInfo

import aiosmtplib
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailbot.crypto import SecretBox
from mailbot.db import session_scope
from mailbot.domain import OutboxStatus
from mailbot.mail.smtp import PermanentSendError, SmtpSender, TemporarySendError, deliver
from mailbot.models import AuditEvent, Bounce, Credential, Outbox, Processed

log = logging.getLogger(__name__)
ISTANBUL = ZoneInfo("Europe/Istanbul")
BACKOFF_FIRST = timedelta(seconds=60)
BACKOFF_MAX = timedelta(hours=1)


@dataclass
class FlushReport:
    """What one flush did."""

    sent: int = 0
    deferred: int = 0
    failed: int = 0


def enqueue(session: Session, message: EmailMessage, processed_id: int | None,
            now: datetime, box: SecretBox | None = None,
            status: OutboxStatus = OutboxStatus.PENDING) -> Outbox:
    """Add a composed message to the outbox (inside the caller's transaction).

    With a `box` the bytes are stored encrypted (the message carries a secret) and are wiped
    once the server has taken them.
    """
    raw = message.as_bytes()
    row = Outbox(
        message_id=str(message["Message-ID"]), processed_id=processed_id,
        to_address=parseaddr(str(message["To"]))[1][:320], subject=str(message["Subject"])[:998],
        raw=box.seal(raw) if box else raw, sealed=box is not None,
        status=status, next_attempt_at=now, created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def backoff(attempts: int) -> timedelta:
    """Capped exponential delay before the next try after `attempts` failures."""
    return min(BACKOFF_FIRST * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def due_rows(session: Session, now: datetime, limit: int = 200) -> list[Outbox]:
    """Rows to send now: pending and due, or left 'sending' by a crashed run (in doubt)."""
    query = (
        select(Outbox)
        .where(col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
        .where(Outbox.next_attempt_at <= now)
        .order_by(col(Outbox.id))
        .limit(limit)
    )
    return list(session.exec(query))


def flush(engine: Engine, sender: SmtpSender, mail_from: str, now: datetime,
          give_up_after: timedelta, box: SecretBox | None = None) -> FlushReport:
    """Send every due row once; classify failures; commit each row's new state on its own."""
    return asyncio.run(_flush(engine, sender, mail_from, now, give_up_after, box))


async def _flush(engine: Engine, sender: SmtpSender, mail_from: str, now: datetime,
                 give_up_after: timedelta, box: SecretBox | None) -> FlushReport:
    report = FlushReport()
    with Session(engine) as session:
        ids = [row.id for row in due_rows(session, now)]
    client = sender.client()
    try:
        for row_id in ids:
            await _send_one(engine, client, row_id, mail_from, now, give_up_after, report, box)
    finally:
        if client.is_connected:
            try:
                await client.quit()
            except Exception:  # the server went away; nothing to tidy
                client.close()
    return report


async def _send_one(engine: Engine, client: aiosmtplib.SMTP, row_id: int, mail_from: str,
                    now: datetime, give_up_after: timedelta, report: FlushReport,
                    box: SecretBox | None) -> None:
    with session_scope(engine) as session:
        row = session.get(Outbox, row_id)
        if row is None or row.status not in (OutboxStatus.PENDING, OutboxStatus.SENDING):
            return
        if row.status == OutboxStatus.SENDING:
            _audit(session, row, "outbox-resend-in-doubt", "a crash left this reply in doubt")
        row.status = OutboxStatus.SENDING
        row.attempts += 1
        raw, rcpt, sealed = row.raw, row.to_address, row.sealed
    try:
        if sealed:
            if box is None:
                raise PermanentSendError("sealed message and no MAILBOT_SECRET_KEYS to open it")
            try:
                raw = box.open(raw)
            except ValueError as error:
                raise PermanentSendError(f"sealed message: {error}") from error
        reply = await deliver(client, raw, mail_from, rcpt)
    except PermanentSendError as error:
        _finish(engine, row_id, OutboxStatus.FAILED, str(error), now)
        report.failed += 1
    except TemporarySendError as error:
        if _defer(engine, row_id, str(error), now, give_up_after):
            report.deferred += 1
        else:
            report.failed += 1
    else:
        _finish(engine, row_id, OutboxStatus.SENT, reply, now)
        report.sent += 1


def _finish(engine: Engine, row_id: int, status: OutboxStatus, detail: str,
            now: datetime) -> None:
    with session_scope(engine) as session:
        row = session.get(Outbox, row_id)
        row.status = status
        if status == OutboxStatus.SENT:
            row.sent_at = now
            if row.sealed:
                row.raw = b""  # the secret is delivered: nothing readable stays behind
                _mark_credential_sent(session, row, now)
        else:
            row.last_error = detail
            _audit(session, row, "outbox-failed", detail)
    log.info("reply %s %s", row.message_id, status.value)


def _defer(engine: Engine, row_id: int, detail: str, now: datetime,
           give_up_after: timedelta) -> bool:
    """Schedule a retry, or fail the row past its deadline; True if deferred."""
    with session_scope(engine) as session:
        row = session.get(Outbox, row_id)
        row.last_error = detail
        if now - row.created_at >= give_up_after:
            row.status = OutboxStatus.FAILED
            _audit(session, row, "outbox-failed", f"gave up after {row.attempts} tries: {detail}")
            return False
        row.status = OutboxStatus.PENDING
        row.next_attempt_at = now + backoff(row.attempts)
    log.warning("reply %s deferred: %s", row.message_id, detail)
    return True


def _mark_credential_sent(session: Session, row: Outbox, now: datetime) -> None:
    """Note when the password in this message went out (retention counts from there)."""
    for credential in session.exec(select(Credential).where(Credential.outbox_id == row.id)):
        credential.sent_at = now
        session.add(credential)


def _audit(session: Session, row: Outbox, action: str, detail: str) -> None:
    session.add(AuditEvent(actor="mailbot", action=action, processed_id=row.processed_id,
                           detail=f"{row.message_id}: {detail}"))


def replies_today(session: Session, address: str | None, now: datetime) -> int:
    """Replies queued to `address` since midnight, Istanbul time (the per-sender cap)."""
    if not address:
        return 0
    local = now.astimezone(ISTANBUL)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    query = select(func.count()).select_from(Outbox).where(
        func.lower(Outbox.to_address) == address.lower(), Outbox.created_at >= midnight)
    return session.exec(query).one()


def record_bounces(session: Session, processed_id: int, bounces: tuple) -> None:
    """Tie each failure report to the reply it is about and that reply's case."""
    for bounce in bounces:
        reply = session.exec(select(Outbox).where(
            Outbox.message_id == bounce.original_message_id)).first()
        application_id = None
        if reply is not None and reply.processed_id is not None:
            origin = session.get(Processed, reply.processed_id)
            application_id = origin.application_id if origin else None
        session.add(Bounce(processed_id=processed_id, outbox_id=reply.id if reply else None,
                           application_id=application_id, recipient=bounce.recipient,
                           status=bounce.status, diagnostic=bounce.diagnostic))
        session.add(AuditEvent(actor="mailbot", action="reply-bounced",
                               processed_id=processed_id, application_id=application_id,
                               detail=f"{bounce.recipient} {bounce.status}"))
