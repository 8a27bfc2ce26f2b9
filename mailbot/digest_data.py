"""What an officer digest reports: the period's ledger rows, their cases and our bounced replies."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from mailbot.domain import Finding, LedgerStatus, Outcome, Status
from mailbot.models import Application, Bounce, DigestRun, Outbox, Processed
from mailbot.text import mask_tckn, mask_tckns_in

# The order of the digest's count tiles; "bounced" is counted from the bounce table.
OUTCOME_ORDER = (Outcome.ACCEPTED, Outcome.AWAITING_APPROVAL, Outcome.REJECTED,
                 Outcome.NEEDS_OFFICER, Outcome.IGNORED, Outcome.FAILED)


def as_utc(moment: datetime) -> datetime:
    """A database timestamp as an aware UTC datetime (SQLite hands back naive ones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class CaseRef:
    """The case a line is about, as an officer may see it: token, masked TCKN, name."""

    token: str | None = None
    masked_tckn: str = "—"
    name: str | None = None
    kind: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Item:
    """One inbound message of the period and what mailbot did with it."""

    at: datetime
    outcome: str
    ledger_status: str
    case: CaseRef
    sender: str | None
    subject: str | None
    findings: tuple[Finding, ...]
    attempts: int = 0
    error: str | None = None


@dataclass(frozen=True)
class BounceItem:
    """A delivery failure report for one of our replies."""

    at: datetime
    case: CaseRef
    recipient: str | None
    status: str | None
    diagnostic: str | None
    reply_subject: str | None


@dataclass(frozen=True)
class DigestData:
    """Everything new in (since, until]: the raw material of one digest."""

    since: datetime
    until: datetime
    items: tuple[Item, ...]
    bounces: tuple[BounceItem, ...]
    waiting_total: int  # every case awaiting approval now, older ones included

    @property
    def empty(self) -> bool:
        """Nothing arrived and nothing bounced."""
        return not self.items and not self.bounces

    def counts(self) -> dict[str, int]:
        """Messages per outcome (every outcome listed, zeros included) plus bounces."""
        seen = Counter(item.outcome for item in self.items)
        counts = {outcome.value: seen.get(outcome.value, 0) for outcome in OUTCOME_ORDER}
        counts["bounced"] = len(self.bounces)
        return counts

    def with_outcome(self, outcome: Outcome) -> list[Item]:
        """The period's messages that ended with `outcome`."""
        return [item for item in self.items if item.outcome == outcome.value]


def case_ref(application: Application | None) -> CaseRef:
    """A case as shown in a digest: never the full TCKN."""
    if application is None:
        return CaseRef()
    masked = mask_tckn(application.tckn) if application.tckn else "—"
    return CaseRef(application.case_token, masked, application.full_name, application.kind,
                   application.status)


def _findings(raw: str | None) -> tuple[Finding, ...]:
    """The ledger's JSON findings as values (details masked: they may quote a description)."""
    return tuple(Finding(f["code"], mask_tckns_in(f.get("detail") or ""))
                 for f in json.loads(raw or "[]"))


def _last_line(error: str | None) -> str | None:
    """The last line of a stored traceback (the exception), masked and shortened."""
    if not error or not error.strip():
        return None
    return mask_tckns_in(error.strip().splitlines()[-1])[:300]


def _item(row: Processed, application: Application | None) -> Item:
    at = as_utc(row.processed_at or row.first_seen_at)
    failed = row.status in (LedgerStatus.FAILED, LedgerStatus.SHUNTED)
    return Item(at, Outcome.FAILED.value if failed else (row.outcome or Outcome.FAILED.value),
                row.status, case_ref(application), row.sender, row.subject,
                _findings(row.findings), row.attempts, _last_line(row.error) if failed else None)


def period_items(session: Session, since: datetime | None, until: datetime) -> tuple[Item, ...]:
    """Ledger rows settled in (since, until], oldest first, with their cases."""
    query = (select(Processed, Application)
             .join(Application, col(Processed.application_id) == col(Application.id),
                   isouter=True)
             .where(col(Processed.processed_at) <= until)
             .order_by(col(Processed.processed_at), col(Processed.id)))
    if since is not None:
        query = query.where(col(Processed.processed_at) > since)
    return tuple(_item(row, application) for row, application in session.exec(query))


def period_bounces(session: Session, since: datetime | None,
                   until: datetime) -> tuple[BounceItem, ...]:
    """Bounces of our replies whose report was settled in (since, until] (the ledger's clock)."""
    report_at = col(Processed.processed_at)
    query = (select(Bounce, Processed, Application, Outbox)
             .join(Processed, col(Bounce.processed_id) == col(Processed.id))
             .join(Application, col(Bounce.application_id) == col(Application.id), isouter=True)
             .join(Outbox, col(Bounce.outbox_id) == col(Outbox.id), isouter=True)
             .where(report_at <= until)
             .order_by(report_at, col(Bounce.id)))
    if since is not None:
        query = query.where(report_at > since)
    return tuple(
        BounceItem(as_utc(report.processed_at or bounce.created_at), case_ref(application),
                   bounce.recipient, bounce.status,
                   mask_tckns_in(bounce.diagnostic or "")[:300] or None,
                   reply.subject if reply else None)
        for bounce, report, application, reply in session.exec(query))


def previous_until(session: Session) -> datetime | None:
    """Where the last recorded digest stopped (None before the first digest)."""
    last = session.exec(select(func.max(DigestRun.until))).one()
    return as_utc(last) if last is not None else None


def first_ledger_time(session: Session) -> datetime | None:
    """When the first message was settled (the start of the very first digest)."""
    first = session.exec(select(func.min(Processed.processed_at))).one()
    return as_utc(first) if first is not None else None


def waiting_total(session: Session) -> int:
    """How many cases wait for an officer's approval right now."""
    query = select(func.count()).select_from(Application).where(
        Application.status == Status.AWAITING_APPROVAL.value)
    return int(session.exec(query).one())


def gather(session: Session, until: datetime) -> DigestData:
    """The digest's data: what is new since the previous digest, up to `until`."""
    since = previous_until(session)
    items = period_items(session, since, until)
    bounces = period_bounces(session, since, until)
    start = since or min(first_ledger_time(session) or until, until)
    return DigestData(start, until, items, bounces, waiting_total(session))
