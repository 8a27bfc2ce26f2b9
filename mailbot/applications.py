"""Applications in the database: candidates for matching, opening and moving cases, receipts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, or_, select

from mailbot.checks import PriorReceipt
from mailbot.decide import CaseUpdate
from mailbot.documents.model import Receipt
from mailbot.domain import Status, can_move
from mailbot.match import Candidate
from mailbot.models import Application, AuditEvent, Payment
from mailbot.text import mask_tckn

CLOSED = (Status.CLOSED.value,)
ISTANBUL = ZoneInfo("Europe/Istanbul")


class TransitionError(ValueError):
    """A status change the state machine does not allow."""


def open_candidates(session: Session) -> tuple[Candidate, ...]:
    """Every application that is not closed, as matching sees it."""
    rows = session.exec(select(Application).where(col(Application.status).not_in(CLOSED)))
    return tuple(Candidate(a.case_token, a.tckn, a.full_name, a.form_email or a.email)
                 for a in rows)


def prior_receipts(session: Session, references: Iterable[str],
                   hashes: Iterable[str]) -> tuple[PriorReceipt, ...]:
    """Receipts on file with one of these bank references or file hashes."""
    refs, shas = [r for r in references if r], list(hashes)
    if not refs and not shas:
        return ()
    query = select(Payment, Application).join(
        Application, col(Payment.application_id) == col(Application.id), isouter=True
    ).where(or_(col(Payment.reference).in_(refs), col(Payment.file_sha256).in_(shas)))
    return tuple(PriorReceipt(p.reference, p.file_sha256, p.tckn, a.case_token if a else "?",
                              a.sender if a else None) for p, a in session.exec(query))


def by_token(session: Session, token: str) -> Application | None:
    """The application with this case token."""
    return session.exec(select(Application).where(Application.case_token == token)).first()


def move(session: Session, application: Application, target: Status, actor: str,
         now: datetime, processed_id: int | None = None, note: str = "") -> None:
    """Change status through the state machine, with an audit line."""
    current = Status(application.status)
    if not can_move(current, target):
        raise TransitionError(f"{application.case_token}: başvurunun durumu ({current}) "
                              f"'{target}' durumuna geçişe izin vermiyor")
    if current != target:
        application.status = target.value
        application.updated_at = now
        session.add(AuditEvent(actor=actor, action="status", application_id=application.id,
                               processed_id=processed_id,
                               detail=json.dumps({"from": current, "to": target, "note": note},
                                                 ensure_ascii=False)))


def apply_case(session: Session, update: CaseUpdate, now: datetime, processed_id: int,
               sender: str | None) -> Application:
    """Open the case or move the existing one; fill in what the documents told."""
    application = by_token(session, update.token) if update.token else None
    if application is None:
        application = _open(session, update, now, sender, processed_id)
    target = update.status
    if not can_move(Status(application.status), target):
        target = Status.NEEDS_OFFICER if can_move(Status(application.status),
                                                  Status.NEEDS_OFFICER) else Status(
            application.status)
    move(session, application, target, "mailbot", now, processed_id)
    _fill(application, update)
    session.add(application)
    return application


def _open(session: Session, update: CaseUpdate, now: datetime, sender: str | None,
          processed_id: int) -> Application:
    """A new application with the next case token of the year."""
    sender = sender[:320] if sender else None
    application = Application(case_token=f"tmp-{processed_id}", kind=update.kind.value,
                              status=Status.RECEIVED.value, sender=sender, email=sender,
                              created_at=now, updated_at=now)
    session.add(application)
    session.flush()
    year = now.astimezone(ISTANBUL).year  # a business date: Istanbul's new year, not UTC's
    application.case_token = f"EIMZA-{year}-{application.id:06d}"
    session.add(AuditEvent(actor="mailbot", action="case-opened", application_id=application.id,
                           processed_id=processed_id,
                           detail=f"{application.case_token} {update.kind.value} "
                                  f"{mask_tckn(update.tckn) if update.tckn else '-'}"))
    return application


def _fill(application: Application, update: CaseUpdate) -> None:
    """Copy what the documents told into empty fields (an officer's edits are kept)."""
    for name in ("full_name", "tckn", "institution", "title", "phone", "card_reader"):
        value = getattr(update, name)
        if value is not None and getattr(application, name) is None:
            setattr(application, name, value)
    if update.email:
        application.form_email = update.email[:320]
    if application.kind == "unknown" and update.kind.value != "unknown":
        application.kind = update.kind.value


def record_receipts(session: Session, application: Application | None, processed_id: int,
                    receipts: Iterable[tuple[str, Receipt, bool]]) -> None:
    """Put the message's receipts on file (for duplicate and re-use detection)."""
    for sha, receipt, accepted in receipts:
        session.add(Payment(
            application_id=application.id if application else None, processed_id=processed_id,
            bank=receipt.bank, amount=receipt.amount, paid_on=receipt.date,
            reference=receipt.reference, file_sha256=sha,
            tckn=receipt.tckn or (application.tckn if application else None), accepted=accepted,
        ))
