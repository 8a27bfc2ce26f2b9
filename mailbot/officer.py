"""Officer actions: approve (link + password to the form's address) or reject a case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from mailbot import applications
from mailbot.app import App
from mailbot.applications import TransitionError
from mailbot.crypto import SecretBox, generate_password
from mailbot.domain import CaseKind, Inbound, Status
from mailbot.mail.compose import compose_reply, render
from mailbot.match import case_token_in
from mailbot.models import Application, AuditEvent, Credential, Outbox
from mailbot.outbox import enqueue
from mailbot.rules import Rules

FORM_CASES = {CaseKind.LOST.value, CaseKind.STOLEN.value, CaseKind.FAULT.value}


class ApprovalError(ValueError):
    """The case cannot be approved or rejected as asked (the message, in Turkish, says why)."""


@dataclass(frozen=True)
class OfficerCommand:
    """An officer's decision on a case: ONAY (approve, optional password) or RET (reason)."""

    action: str  # "approve" | "reject"
    case_token: str
    password: str | None = None
    reason: str = ""


def mask_address(address: str) -> str:
    """`ayse.yilmaz@example.org` → `a***@example.org`."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def approve(app: App, session: Session, token: str, actor: str, now: datetime,
            password: str | None = None, processed_id: int | None = None) -> Application:
    """Approve a case: for lost/stolen/broken cards, send link + password to the form's address."""
    application = _case(session, token)
    if application.status in (Status.APPROVED.value, Status.CLOSED.value):
        raise ApprovalError(f"{application.case_token} zaten onaylanmış; şifre yeniden gönderilmez")
    if application.kind in FORM_CASES:
        _send_credentials(app, session, application, password, now, processed_id)
    applications.move(session, application, Status.APPROVED, actor, now, processed_id)
    return application


def reject(app: App, session: Session, token: str, reason: str, actor: str, now: datetime,
           processed_id: int | None = None) -> Application:
    """Reject a case and tell the applicant why."""
    if not reason.strip():
        raise ApprovalError("ret için bir gerekçe yazılmalı (RET <gerekçe>)")
    application = _case(session, token)
    applications.move(session, application, Status.REJECTED, actor, now, processed_id, reason)
    to = application.sender or application.form_email
    if to:
        _reply(app, session, "applicant/officer-rejected", to, application, now, processed_id,
               reason=reason)
    return application


def _case(session: Session, token: str) -> Application:
    application = applications.by_token(session, token.upper())
    if application is None:
        raise ApprovalError(f"{token} numaralı bir başvuru yok")
    return application


def _send_credentials(app: App, session: Session, application: Application,
                      password: str | None, now: datetime, processed_id: int | None) -> None:
    """Seal the password, mail it to the form's address only, tell the sender where it went."""
    if not application.form_email:
        raise ApprovalError(f"{application.case_token}: formda e-posta adresi yok")
    if password is None and app.rules.lost_stolen.password == "generated":
        password = generate_password()
    if not password:
        raise ApprovalError("şifre gerekli (ONAY <şifre>); kurallar şifre üretmiyor")
    box = SecretBox.from_settings(app.settings)
    row = _reply(app, session, "applicant/approved", application.form_email, application, now,
                 processed_id, box=box, password=password, link=app.rules.lost_stolen.link)
    session.add(Credential(application_id=application.id, outbox_id=row.id,
                           ciphertext=box.seal(password.encode()), created_at=now))
    sender = application.sender
    if sender and sender.lower() != application.form_email.lower():
        _reply(app, session, "applicant/approved-elsewhere", sender, application, now,
               processed_id, masked=mask_address(application.form_email))
    session.add(AuditEvent(actor="mailbot", action="credentials-queued",
                           application_id=application.id, processed_id=processed_id,
                           detail=f"to {mask_address(application.form_email)}"))


def _reply(app: App, session: Session, template: str, to: str, application: Application,
           now: datetime, processed_id: int | None, box: SecretBox | None = None,
           **extra: str) -> Outbox:
    """Render, compose and enqueue one message about the case."""
    context = {"name": application.full_name, "case": application.case_token,
               "directorate": app.rules.directorate.name, **extra}
    message = compose_reply(render(app.templates, template, context),
                            sender=app.sender_address(), to=to, now=now)
    return enqueue(session, message, processed_id, now, box=box)


_COMMAND = re.compile(r"^\s*(ONAY|RET)\b[ \t:]*(.*)$", re.IGNORECASE | re.MULTILINE)


def parse_command(subject: str, body: str, token: str | None) -> OfficerCommand | None:
    """An ONAY/RET line at the top of an officer's reply (quoted text is ignored)."""
    lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith(">")]
    found = _COMMAND.match(lines[0]) if lines else None
    if found is None or token is None:
        return None
    word, rest = found.group(1).upper(), found.group(2).strip()
    if word == "ONAY":
        return OfficerCommand("approve", token, password=rest.split()[0] if rest else None)
    return OfficerCommand("reject", token, reason=rest)


def officer_command(inbound: Inbound, rules: Rules) -> OfficerCommand | None:
    """An ONAY/RET command, if the mail claims to come from a configured officer."""
    officers = {o.lower() for o in rules.directorate.officers}
    if (inbound.from_address or "").lower() not in officers:
        return None
    return parse_command(inbound.subject, inbound.text, case_token_in(inbound.subject))


def carry_out(app: App, session: Session, command: OfficerCommand, officer: str,
              processed_id: int) -> None:
    """Execute an authenticated command and tell the officer how it went."""
    now = app.clock()
    try:
        with session.begin_nested():
            if command.action == "approve":
                approve(app, session, command.case_token, officer, now, command.password,
                        processed_id)
            else:
                reject(app, session, command.case_token, command.reason, officer, now,
                       processed_id)
    except (ApprovalError, TransitionError) as error:
        session.add(AuditEvent(actor=officer, action="officer-command-failed",
                               processed_id=processed_id, detail=str(error)))
        _officer_reply(app, session, "officer/command-failed", officer, command, now,
                       processed_id, problem=str(error))
        return
    session.add(AuditEvent(actor=officer, action=f"officer-{command.action}",
                           processed_id=processed_id, detail=command.case_token))
    _officer_reply(app, session, "officer/command-done", officer, command, now, processed_id)


def _officer_reply(app: App, session: Session, template: str, to: str, command: OfficerCommand,
                   now: datetime, processed_id: int, problem: str = "") -> None:
    context = {"case": command.case_token, "action": command.action, "problem": problem,
               "directorate": app.rules.directorate.name}
    message = compose_reply(render(app.templates, template, context),
                            sender=app.sender_address(), to=to, now=now)
    enqueue(session, message, processed_id, now)
