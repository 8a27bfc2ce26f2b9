"""SQLModel tables: the processed-mail ledger, the outbox, the audit log, applications."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Processed(SQLModel, table=True):
    """The ledger: exactly one row per inbound message, keyed by its mailbox location."""

    __tablename__ = "processed"
    __table_args__ = (UniqueConstraint("mailbox", "uidvalidity", "uid", name="uq_processed_loc"),)

    id: int | None = Field(default=None, primary_key=True)
    mailbox: str = Field(index=True, max_length=320)
    uidvalidity: int = Field(sa_type=BigInteger)  # 32-bit unsigned in IMAP
    uid: int = Field(sa_type=BigInteger)
    raw_sha256: str = Field(index=True, max_length=64)
    message_id: str | None = Field(default=None, index=True, max_length=998)
    status: str = Field(index=True, max_length=16)
    outcome: str | None = Field(default=None, max_length=32)
    folder: str | None = Field(default=None, max_length=32)
    filed: bool = False
    attempts: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text))
    sender: str | None = Field(default=None, max_length=320)
    subject: str | None = Field(default=None, max_length=998)
    findings: str | None = Field(default=None, sa_column=Column(Text))
    body: str | None = Field(default=None, sa_column=Column(Text))  # purged after retention
    auto_reason: str | None = Field(default=None, max_length=64)
    application_id: int | None = Field(default=None, foreign_key="application.id")
    first_seen_at: datetime = Field(default_factory=utcnow)
    processed_at: datetime | None = None


class Outbox(SQLModel, table=True):
    """One outgoing message, composed once; its Message-ID never changes across retries."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    message_id: str = Field(unique=True, max_length=998)
    processed_id: int | None = Field(default=None, foreign_key="processed.id", index=True)
    to_address: str = Field(max_length=320)
    subject: str = Field(max_length=998)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sealed: bool = False  # raw is Fernet-encrypted (it carries a password); wiped once sent
    status: str = Field(index=True, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    """An append-only line of what happened, by whom, to which message or application."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=320)
    action: str = Field(max_length=64, index=True)
    processed_id: int | None = Field(default=None, foreign_key="processed.id")
    application_id: int | None = Field(default=None, foreign_key="application.id")
    detail: str | None = Field(default=None, sa_column=Column(Text))


class Application(SQLModel, table=True):
    """An applicant's case (first application, renewal, lost/stolen/broken card)."""

    __tablename__ = "application"

    id: int | None = Field(default=None, primary_key=True)
    case_token: str = Field(unique=True, max_length=32)
    kind: str = Field(max_length=32)
    status: str = Field(index=True, max_length=32)
    full_name: str | None = Field(default=None, max_length=200)
    tckn: str | None = Field(default=None, index=True, max_length=11)
    email: str | None = Field(default=None, max_length=320)
    institution: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=20)
    form_email: str | None = Field(default=None, max_length=320)
    card_reader: bool | None = None
    sender: str | None = Field(default=None, max_length=320)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Payment(SQLModel, table=True):
    """A bank receipt on file, for duplicate and re-use detection."""

    __tablename__ = "payment"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int | None = Field(default=None, foreign_key="application.id", index=True)
    processed_id: int | None = Field(default=None, foreign_key="processed.id")
    bank: str | None = Field(default=None, max_length=32)
    amount: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)
    paid_on: date | None = None
    reference: str | None = Field(default=None, index=True, max_length=64)
    file_sha256: str = Field(index=True, max_length=64)
    tckn: str | None = Field(default=None, max_length=11)
    accepted: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class Credential(SQLModel, table=True):
    """An application password, Fernet-encrypted; never logged, never shown again."""

    __tablename__ = "credential"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    ciphertext: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    purged_at: datetime | None = None


class RosterEntry(SQLModel, table=True):
    """A staff member known to the directorate (imported roster)."""

    __tablename__ = "roster"

    id: int | None = Field(default=None, primary_key=True)
    tckn: str = Field(unique=True, max_length=11)
    full_name: str = Field(max_length=200)
    role: str = Field(max_length=100)
    institution: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=320)


class Document(SQLModel, table=True):
    """An attachment as read: what it was and its fields; the file itself under data_dir."""

    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    processed_id: int = Field(foreign_key="processed.id", index=True)
    filename: str = Field(max_length=300)
    sha256: str = Field(index=True, max_length=64)
    kind: str = Field(max_length=16)
    fields: str | None = Field(default=None, sa_column=Column(Text))  # JSON, purged with the file
    stored_path: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    purged_at: datetime | None = None


class DigestRun(SQLModel, table=True):
    """One officer digest per period; the unique period key makes it exactly once."""

    __tablename__ = "digest_run"

    id: int | None = Field(default=None, primary_key=True)
    period_key: str = Field(unique=True, max_length=64)
    since: datetime
    until: datetime
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    created_at: datetime = Field(default_factory=utcnow)


class Bounce(SQLModel, table=True):
    """A delivery failure report (DSN) for one of our replies, tied to its case."""

    __tablename__ = "bounce"

    id: int | None = Field(default=None, primary_key=True)
    processed_id: int = Field(foreign_key="processed.id")
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    application_id: int | None = Field(default=None, foreign_key="application.id")
    recipient: str | None = Field(default=None, max_length=320)
    status: str | None = Field(default=None, max_length=32)
    diagnostic: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)
