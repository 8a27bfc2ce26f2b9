"""Frozen value types of the mail loop: inbound mail, findings, decisions, outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    """What mailbot decided about one inbound message."""

    ACCEPTED = "accepted"
    AWAITING_APPROVAL = "awaiting-approval"
    REJECTED = "rejected"
    NEEDS_OFFICER = "needs-officer"
    IGNORED = "ignored"
    FAILED = "failed"


class LedgerStatus(StrEnum):
    """Where a ledger row stands: done, failed (will be retried), or shunted to Failed."""

    DONE = "done"
    FAILED = "failed"
    SHUNTED = "shunted"


class OutboxStatus(StrEnum):
    """Delivery state of one outgoing message."""

    PENDING = "pending"
    SENDING = "sending"  # handed to the server; a crash here leaves it in doubt
    SENT = "sent"
    FAILED = "failed"
    REPLAY = "replay"  # written by `mailbot replay`: shows what would be sent, never sent


class Folder(StrEnum):
    """Logical destination folders; settings map them to real IMAP names."""

    PROCESSED = "processed"
    REVIEW = "review"
    FAILED = "failed"


@dataclass(frozen=True)
class Attachment:
    """One attached file: the name as sent, the declared type, the bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Inbound:
    """One inbound message, parsed; `raw_sha256` identifies its exact bytes."""

    raw_sha256: str
    message_id: str | None
    subject: str
    from_address: str | None
    from_name: str
    reply_to: str | None
    to: tuple[str, ...]
    date: datetime | None
    text: str
    attachments: tuple[Attachment, ...]
    references: tuple[str, ...] = ()
    auto_reason: str | None = None  # why this is machine mail (RFC 3834), None for a person
    defects: tuple[str, ...] = ()
    auth_results: tuple[str, ...] = ()  # Authentication-Results headers, topmost first
    bounces: tuple = ()  # BounceReports when this is a delivery failure report for our mail

    @property
    def reply_address(self) -> str | None:
        """Where a reply goes: Reply-To if given, else From."""
        return self.reply_to or self.from_address


@dataclass(frozen=True)
class Finding:
    """A domain problem as data: a kebab-case code and a short detail."""

    code: str
    detail: str = ""


@dataclass(frozen=True)
class Reply:
    """A reply to send: which template, to whom, and what it is told."""

    template: str
    to: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The verdict on one message: outcome, findings, destination folder, replies."""

    outcome: Outcome
    folder: Folder
    findings: tuple[Finding, ...] = ()
    replies: tuple[Reply, ...] = ()


class CaseKind(StrEnum):
    """What an application is for."""

    FIRST = "first"  # ilk başvuru: NES + card reader
    RENEWAL = "renewal"  # süre uzatımı: NES only
    READER = "reader"  # a lost card reader only
    LOST = "lost"
    STOLEN = "stolen"
    FAULT = "fault"
    UNKNOWN = "unknown"


class Status(StrEnum):
    """Where an application stands."""

    RECEIVED = "received"  # opened; nothing valid yet
    NEEDS_FIX = "needs-fix"  # the applicant was told what to fix
    NEEDS_OFFICER = "needs-officer"  # a human must look
    PAYMENT_VERIFIED = "payment-verified"  # receipt fine: the officer can approve on KamuSM
    AWAITING_APPROVAL = "awaiting-approval"  # valid lost/stolen form, queued for the officer
    APPROVED = "approved"  # approved; link and password sent
    REJECTED = "rejected"  # refused by the officer
    REDIRECTED = "redirected"  # told to apply on KamuSM's own services
    CLOSED = "closed"


_WORKING = {Status.NEEDS_FIX, Status.NEEDS_OFFICER, Status.PAYMENT_VERIFIED,
            Status.AWAITING_APPROVAL, Status.REDIRECTED}
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(_WORKING),
    Status.NEEDS_FIX: frozenset(_WORKING),
    Status.NEEDS_OFFICER: frozenset(_WORKING | {Status.APPROVED, Status.REJECTED}),
    Status.PAYMENT_VERIFIED: frozenset(_WORKING | {Status.APPROVED, Status.REJECTED}),
    Status.AWAITING_APPROVAL: frozenset(_WORKING | {Status.APPROVED, Status.REJECTED}),
    Status.REDIRECTED: frozenset(_WORKING),
    Status.APPROVED: frozenset({Status.CLOSED, Status.NEEDS_OFFICER}),
    Status.REJECTED: frozenset({Status.CLOSED, *_WORKING}),
    Status.CLOSED: frozenset(),
}


def can_move(current: Status, target: Status) -> bool:
    """Whether an application may go from `current` to `target` (staying put is allowed)."""
    return current == target or target in TRANSITIONS[current]
