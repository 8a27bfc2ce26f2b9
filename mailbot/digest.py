"""Officer digest: once per scheduled period, what is new since the last one, by e-mail."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mailbot.app import App
from mailbot.db import session_scope
from mailbot.digest_data import DigestData, gather
from mailbot.digest_render import ISTANBUL, cases_csv, digest_context, istanbul
from mailbot.mail.compose import Rendered, render
from mailbot.models import DigestRun
from mailbot.outbox import enqueue

log = logging.getLogger(__name__)
TEMPLATE = "officer/digest"
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A message's ledger time is set just before its transaction commits: the digest stops this far
# back so that a message being committed by another process right now is not skipped for ever.
SETTLE = timedelta(seconds=60)
_LOOKBACKS = (timedelta(hours=2), timedelta(days=2), timedelta(days=9), timedelta(days=63),
              timedelta(days=400), timedelta(days=3000))


@dataclass(frozen=True)
class Period:
    """A digest period, named by its scheduled fire time (`2026-11-20T08:30+03:00`)."""

    key: str
    fire_time: datetime


@dataclass
class DigestResult:
    """What one attempt to send the digest did."""

    status: str  # queued | already-sent | skipped-empty | no-officers
    period: Period
    counts: dict[str, int] = field(default_factory=dict)
    outbox_ids: list[int] = field(default_factory=list)


def _cron_weekdays(field_text: str) -> str:
    """Crontab day-of-week numbers (0 or 7 = Sunday) as names: APScheduler counts from Monday."""
    return re.sub(r"(?<![/\d])\d+", lambda m: _CRON_DAYS[int(m.group()) % 8], field_text)


def digest_trigger(cron: str) -> CronTrigger:
    """The digest's schedule from a five-field crontab expression, in Istanbul time."""
    fields = cron.split()
    if len(fields) == 5:
        fields[4] = _cron_weekdays(fields[4])
    return CronTrigger.from_crontab(" ".join(fields), timezone=ISTANBUL)


def current_period(cron: str, now: datetime) -> Period:
    """The period whose scheduled time is the latest at or before `now`."""
    trigger = digest_trigger(cron)
    now = now.astimezone(ISTANBUL)
    for lookback in _LOOKBACKS:
        fire = trigger.get_next_fire_time(None, now - lookback)
        if fire is None or fire > now:
            continue
        while (following := trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))) \
                and following <= now:
            fire = following
        return Period(fire.isoformat(timespec="minutes"), fire)
    minute = now.replace(second=0, microsecond=0)  # never fired: this minute names the period
    return Period(minute.isoformat(timespec="minutes"), minute)


def build(app: App, session: Session, period: Period) -> tuple[DigestData, Rendered]:
    """Gather what is new and render the text and HTML twins."""
    data = gather(session, app.clock() - SETTLE)
    label = istanbul(period.fire_time)
    return data, render(app.templates, TEMPLATE,
                        digest_context(data, app.rules, app.templates, label))


def compose(app: App, rendered: Rendered, data: DigestData, period: Period,
            to: str) -> EmailMessage:
    """One officer's copy: text, HTML alternative and (unless empty) the CSV of the cases."""
    sender = app.sender_address()
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = rendered.subject
    msg["Date"] = format_datetime(app.clock())
    msg["Message-ID"] = make_msgid(idstring="mailbot-digest", domain=sender.domain or "localhost")
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Mailbot-Digest"] = period.key
    msg.set_content(rendered.text)
    if rendered.html is not None:
        msg.add_alternative(rendered.html, subtype="html")
    if not data.empty:
        name = f"eimza-ozet-{period.fire_time:%Y-%m-%d-%H%M}.csv"
        msg.add_attachment(cases_csv(data), subtype="csv", charset="utf-8", filename=name)
    return msg


def already_sent(session: Session, period: Period) -> bool:
    """Whether a digest is on record for this period."""
    query = select(DigestRun.id).where(DigestRun.period_key == period.key)
    return session.exec(query).first() is not None


def record(app: App, period: Period, data: DigestData, rendered: Rendered | None) -> list[int]:
    """The run row and every officer's outbox row in ONE transaction.

    The unique period key makes this exactly once: a concurrent writer's insert fails with
    IntegrityError and its whole transaction (outbox rows included) rolls back.
    """
    now = app.clock()
    with session_scope(app.engine) as session:
        run = DigestRun(period_key=period.key, since=data.since, until=data.until, created_at=now)
        session.add(run)
        session.flush()  # the unique key is claimed here, before anything is queued
        ids = []
        if rendered is not None:
            for officer in app.rules.directorate.officers:
                message = compose(app, rendered, data, period, officer)
                ids.append(enqueue(session, message, None, now).id)
        run.outbox_id = ids[0] if ids else None
        session.add(run)
    return ids


def send_digest(app: App) -> DigestResult:
    """Queue this period's digest for the officers unless it is already done (then skip)."""
    period = current_period(app.settings.digest_cron, app.clock())
    if not app.rules.directorate.officers:
        log.warning("digest %s: no officers in the rules, nothing sent", period.key)
        return DigestResult("no-officers", period)
    with Session(app.engine) as session:
        if already_sent(session, period):
            return DigestResult("already-sent", period)
        data, rendered = build(app, session, period)
    skip = data.empty and app.settings.digest_skip_empty
    try:
        ids = record(app, period, data, None if skip else rendered)
    except IntegrityError:
        log.info("digest %s: another process recorded it first", period.key)
        return DigestResult("already-sent", period)
    log.info("digest %s queued=%d new=%d", period.key, len(ids), len(data.items))
    return DigestResult("skipped-empty" if skip else "queued", period, data.counts(), ids)


def preview_digest(app: App, path: Path) -> DigestResult:
    """Render this period's digest to an HTML file; nothing is sent or recorded."""
    period = current_period(app.settings.digest_cron, app.clock())
    with Session(app.engine) as session:
        data, rendered = build(app, session, period)
    path.write_text(rendered.html or "", encoding="utf-8")
    return DigestResult("preview", period, data.counts())
