"""The seam for one message and one poll: ledger, decision, outbox, then the mailbox."""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections import Counter
from dataclasses import dataclass, field, replace

from sqlmodel import Session

from mailbot import ledger
from mailbot.app import App
from mailbot.applications import apply_case, open_candidates, prior_receipts, record_receipts
from mailbot.authres import is_authenticated
from mailbot.db import session_scope
from mailbot.decide import Verdict, decide, decide_command
from mailbot.documents.reader import read_document
from mailbot.documents.store import store_documents
from mailbot.domain import (
    Decision,
    Finding,
    Folder,
    Inbound,
    LedgerStatus,
    OutboxStatus,
    Outcome,
)
from mailbot.evidence import Evidence, ReadAttachment
from mailbot.mail.compose import compose_reply, render
from mailbot.mail.imap import FetchedMail, Mailbox
from mailbot.mail.parse import message_id_of, parse_message
from mailbot.models import AuditEvent, Processed
from mailbot.officer import carry_out, officer_command
from mailbot.outbox import enqueue, record_bounces, replies_today
from mailbot.text import mask_tckns_in

log = logging.getLogger(__name__)
READ_TIMEOUT = 60.0
MAX_ATTACHMENTS = 10


@dataclass
class PollReport:
    """What one poll did."""

    seen: int = 0
    processed: int = 0
    refiled: int = 0
    failed: int = 0
    outcomes: Counter = field(default_factory=Counter)


def poll_mailbox(app: App, mailbox: Mailbox) -> PollReport:
    """Process every message in the polled folder once, batch by batch, then file each one."""
    report = PollReport()
    mailbox.ensure_folders(app.folder_name(f) for f in Folder)
    uidvalidity = mailbox.uidvalidity()
    uids = mailbox.uids()
    batch = app.settings.fetch_batch
    for start in range(0, len(uids), batch):
        moves: dict[str, list[tuple[int, int]]] = {}
        for fetched in mailbox.fetch(uids[start:start + batch], batch):
            report.seen += 1
            row = handle_message(app, mailbox.account.location, uidvalidity, fetched, report)
            if row is not None and row.folder:
                moves.setdefault(row.folder, []).append((fetched.uid, row.id))
            if app.stop.is_set():
                break
        file_messages(app, mailbox, moves)
        if app.stop.is_set():
            break
    return report


def handle_message(app: App, location: str, uidvalidity: int, fetched: FetchedMail,
                   report: PollReport) -> Processed | None:
    """Process one message unless the ledger already has it; return its row if it is to be filed."""
    row, twin = _known_row(app, location, uidvalidity, fetched)
    if row is not None and row.status in (LedgerStatus.DONE, LedgerStatus.SHUNTED):
        report.refiled += 1
        return row
    row_id = row.id if row is not None else None  # `row` is expired if the transaction fails
    try:
        done, decision, case = process_inbound(app, parse_message(fetched.raw), row, twin,
                                               location, uidvalidity, fetched.uid)
    except Exception:
        return _record_failure(app, row_id, location, uidvalidity, fetched, report)
    report.processed += 1
    report.outcomes[decision.outcome.value] += 1
    log.info("message uid=%s outcome=%s case=%s replies=%d findings=%s", fetched.uid,
             decision.outcome.value, case or "-", len(decision.replies),
             ",".join(f.code for f in decision.findings) or "-")
    return done


def process_inbound(app: App, inbound: Inbound, row: Processed | None, twin: Processed | None,
                    location: str, uidvalidity: int, uid: int,
                    outbox_status: OutboxStatus = OutboxStatus.PENDING,
                    ) -> tuple[Processed, Decision, str | None]:
    """Read, decide and commit one message in one transaction; also returns its case token."""
    verdict = Verdict(duplicate_delivery(twin)) if twin is not None else judge(app, inbound)
    with session_scope(app.engine) as session:
        done = ledger.record_done(session, row, location, uidvalidity, uid, inbound,
                                  verdict.decision, app.clock())
        case = _commit_effects(app, session, done, inbound, verdict, outbox_status)
    return done, verdict.decision, case


def judge(app: App, inbound: Inbound) -> Verdict:
    """Read the attachments, gather what the database knows, and decide."""
    command = officer_command(inbound, app.rules)
    if command is not None:
        vouched = is_authenticated(inbound.auth_results,
                                   app.rules.directorate.trusted_authserv_id,
                                   inbound.from_address or "")
        return decide_command(command, command.case_token, vouched)
    attachments = () if inbound.auto_reason else read_attachments(inbound)
    references = [a.document.receipt.reference for a in attachments if a.document.receipt]
    with Session(app.engine) as session:
        candidates = open_candidates(session)
        prior = prior_receipts(session, references, [a.sha256 for a in attachments])
        today = replies_today(session, inbound.reply_address, app.clock())
    evidence = Evidence(inbound, attachments, candidates, prior, today)
    return replace(decide(evidence, app.rules, app.clock()), documents=attachments)


def read_attachments(inbound: Inbound) -> tuple[ReadAttachment, ...]:
    """Every attachment through the sandboxed reader."""
    return tuple(
        ReadAttachment(a.filename, hashlib.sha256(a.data).hexdigest(),
                       read_document(a.data, a.filename, timeout=READ_TIMEOUT))
        for a in inbound.attachments[:MAX_ATTACHMENTS]
    )


def duplicate_delivery(twin: Processed) -> Decision:
    """A second copy of bytes already in this folder: recorded and filed, never answered again."""
    folder = Folder(twin.folder) if twin.folder else Folder.REVIEW
    finding = Finding("duplicate-delivery", f"same bytes as ledger row {twin.id}")
    return Decision(Outcome.IGNORED, folder, (finding,))


def _known_row(app: App, location: str, uidvalidity: int,
               fetched: FetchedMail) -> tuple[Processed | None, Processed | None]:
    """(this message's row, an identical earlier copy's row).

    A row for the same bytes under an older UIDVALIDITY is this very message, re-numbered by
    the server: it is re-located. Under the current UIDVALIDITY it is another copy.
    """
    with Session(app.engine) as session:
        row = ledger.find(session, location, uidvalidity, fetched.uid)
        if row is not None:
            return row, None
        twin = ledger.find_twin(session, location, hashlib.sha256(fetched.raw).hexdigest())
        if twin is None:
            message_id = message_id_of(fetched.raw)
            same_id = ledger.find_by_message_id(session, location, message_id)
            return (None, same_id) if same_id is not None else (None, None)
    if twin.uidvalidity != uidvalidity:
        return ledger.relocate(app.engine, twin, uidvalidity, fetched.uid), None
    return None, twin


def _commit_effects(app: App, session: Session, row: Processed, inbound: Inbound,
                    verdict: Verdict, outbox_status: OutboxStatus) -> str | None:
    """Case change, receipts on file, outbox rows and the audit event, in one transaction."""
    decision = verdict.decision
    application = None
    if verdict.command is not None:
        carry_out(app, session, verdict.command, inbound.from_address or "", row.id)
    elif any(f.code == "officer-command-refused" for f in decision.findings):
        session.add(AuditEvent(actor=(inbound.from_address or "?")[:320],
                               action="officer-command-refused",
                               processed_id=row.id, detail=decision.findings[0].detail))
    if verdict.case is not None:
        application = apply_case(session, verdict.case, app.clock(), row.id,
                                 inbound.from_address)
        row.application_id = application.id
        session.add(row)
    record_receipts(session, application, row.id, verdict.receipts)
    record_bounces(session, row.id, inbound.bounces)
    store_documents(app, session, row.id, inbound, verdict.documents)
    for reply in decision.replies:
        context = {**reply.context, "case": application.case_token if application else None}
        rendered = render(app.templates, reply.template, context)
        message = compose_reply(rendered, sender=app.sender_address(), to=reply.to,
                                now=app.clock(), in_reply_to=inbound.message_id,
                                references=inbound.references)
        enqueue(session, message, row.id, app.clock(), status=outbox_status)
    codes = ",".join(f.code for f in decision.findings)
    session.add(AuditEvent(actor="mailbot", action=f"decided:{decision.outcome.value}",
                           processed_id=row.id, application_id=row.application_id,
                           detail=codes or None))
    return application.case_token if application else None


def _record_failure(app: App, row_id: int | None, location: str, uidvalidity: int,
                    fetched: FetchedMail, report: PollReport) -> Processed | None:
    """The shunt: count the failure; after max attempts the message is filed to Failed."""
    error = mask_tckns_in(traceback.format_exc())
    failed = ledger.record_failure(app.engine, row_id, location, uidvalidity, fetched.uid,
                                   hashlib.sha256(fetched.raw).hexdigest(), error,
                                   app.settings.max_attempts, app.clock())
    report.failed += 1
    log.error("message uid=%s failed attempt=%d: %s", fetched.uid, failed.attempts,
              error.strip().splitlines()[-1])
    return failed if failed.status == LedgerStatus.SHUNTED else None


def file_messages(app: App, mailbox: Mailbox, moves: dict[str, list[tuple[int, int]]]) -> None:
    """Move committed messages to their folders, then note it in the ledger."""
    for folder, items in moves.items():
        mailbox.move([uid for uid, _ in items], app.folder_name(folder))
        ledger.mark_filed(app.engine, [row_id for _, row_id in items])
