"""The decision on one inbound message (pure; the clock is passed in)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from mailbot.domain import Decision, Finding, Folder, Inbound, Outcome, Reply
from mailbot.text import collapse_spaces

ISTANBUL = ZoneInfo("Europe/Istanbul")
SUBJECT_LIMIT = 120


def decide(inbound: Inbound, now: datetime, directorate: str) -> Decision:
    """Until the rules engine lands: acknowledge a person's mail, route everything to review."""
    findings = _findings(inbound)
    if inbound.auto_reason is not None:
        return Decision(Outcome.IGNORED, Folder.REVIEW, findings)
    if inbound.reply_address is None:
        return Decision(Outcome.NEEDS_OFFICER, Folder.REVIEW, findings)
    reply = Reply(
        template="applicant/acknowledgement",
        to=inbound.reply_address,
        context=acknowledgement_context(inbound, now, directorate),
    )
    return Decision(Outcome.NEEDS_OFFICER, Folder.REVIEW, findings, (reply,))


def _findings(inbound: Inbound) -> tuple[Finding, ...]:
    """Facts about the message the officer should see."""
    found = []
    if inbound.auto_reason is not None:
        found.append(Finding("auto-submitted", inbound.auto_reason))
    if inbound.reply_address is None:
        found.append(Finding("no-sender", "no usable From or Reply-To address"))
    if not inbound.attachments and inbound.auto_reason is None:
        found.append(Finding("no-attachment"))
    if inbound.defects:
        found.append(Finding("mime-defects", ", ".join(inbound.defects)))
    return tuple(found)


def acknowledgement_context(inbound: Inbound, now: datetime, directorate: str) -> dict:
    """What the acknowledgement template is told."""
    received = (inbound.date or now).astimezone(ISTANBUL)
    return {
        "name": collapse_spaces(inbound.from_name) or None,
        "subject": safe_subject(inbound.subject),
        "received_at": received.strftime("%d.%m.%Y %H:%M"),
        "attachments": [a.filename for a in inbound.attachments],
        "directorate": directorate,
    }


def safe_subject(subject: str) -> str:
    """A subject fit to quote in a reply header: one line, bounded length."""
    line = collapse_spaces(subject.replace("\r", " ").replace("\n", " "))
    return line if len(line) <= SUBJECT_LIMIT else line[: SUBJECT_LIMIT - 1] + "…"
