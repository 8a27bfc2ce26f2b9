"""KVKK retention: delete stored attachments, bodies and sent passwords past their period."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import Session, and_, col, or_, select

from mailbot.app import App
from mailbot.db import session_scope
from mailbot.domain import OutboxStatus
from mailbot.models import AuditEvent, Credential, Document, Outbox, Processed


@dataclass
class PurgeReport:
    """How many of each kind were (or, in a dry run, would be) deleted."""

    attachments: int = 0
    bodies: int = 0
    replies: int = 0
    credentials: int = 0


def purge(app: App, now: datetime, dry_run: bool = False) -> PurgeReport:
    """Apply the rules' retention periods; one audit line records what went."""
    keep = app.rules.retention
    files_before = now - timedelta(days=keep.attachments_days)
    bodies_before = now - timedelta(days=keep.bodies_days)
    secrets_before = now - timedelta(days=keep.credentials_days_after_sent)
    with session_scope(app.engine) as session:
        documents = _old_documents(session, files_before)
        bodies = list(session.exec(select(Processed).where(
            col(Processed.body).is_not(None), col(Processed.processed_at) < bodies_before)))
        replies = list(session.exec(select(Outbox).where(
            col(Outbox.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED,
                                    OutboxStatus.REPLAY]),
            col(Outbox.created_at) < bodies_before, Outbox.raw != b"")))
        credentials = list(session.exec(select(Credential).where(
            col(Credential.purged_at).is_(None), col(Credential.ciphertext).is_not(None),
            or_(col(Credential.sent_at) < secrets_before,  # sent: N days after sending
                and_(col(Credential.sent_at).is_(None),  # never delivered: N days after
                     col(Credential.created_at) < secrets_before)))))
        report = PurgeReport(len(documents), len(bodies), len(replies), len(credentials))
        if dry_run:
            session.rollback()
            return report
        _forget_documents(session, documents, now)
        for row in bodies:
            row.body = None
        for reply in replies:
            reply.raw = b""
        for credential in credentials:
            credential.ciphertext, credential.purged_at = None, now
        session.add_all([*bodies, *replies, *credentials])
        session.add(AuditEvent(actor="mailbot", action="purge", at=now,
                               detail=json.dumps(asdict(report))))
    return report


def _old_documents(session: Session, before: datetime) -> list[Document]:
    return list(session.exec(select(Document).where(
        col(Document.purged_at).is_(None), col(Document.created_at) < before)))


def _forget_documents(session: Session, documents: list[Document], now: datetime) -> None:
    """Drop the fields and the file (a file another, younger document still uses stays)."""
    purged = {d.id for d in documents}
    for document in documents:
        path = document.stored_path
        document.fields, document.stored_path, document.purged_at = None, None, now
        session.add(document)
        if path and not _still_used(session, document.sha256, purged):
            Path(path).unlink(missing_ok=True)


def _still_used(session: Session, sha256: str, purged: set[int]) -> bool:
    users = session.exec(select(Document.id).where(
        Document.sha256 == sha256, col(Document.purged_at).is_(None))).all()
    return any(user not in purged for user in users)
