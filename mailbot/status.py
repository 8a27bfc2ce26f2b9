"""`mailbot status`: last poll, queue depths, failures, quarantined mail and the next jobs."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from rich.console import Console
from rich.table import Table
from sqlalchemy import func
from sqlmodel import Session, select

from mailbot.app import App
from mailbot.digest import digest_trigger
from mailbot.models import Application, Outbox, Processed

ISTANBUL = ZoneInfo("Europe/Istanbul")


def heartbeat_path(app: App) -> Path:
    """Where the last poll's result is kept."""
    return app.settings.data_dir / "last-poll.json"


def write_heartbeat(app: App, ok: bool, detail: str) -> None:
    """Record the last poll (atomically: tmp + rename)."""
    path = heartbeat_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"at": app.clock().isoformat(), "ok": ok, "detail": detail}))
    os.replace(tmp, path)


def _grouped(session: Session, column: Any) -> dict[str, int]:
    return {str(k): n for k, n in session.exec(select(column, func.count()).group_by(column))}


def collect(app: App) -> list[tuple[str, str]]:
    """(what, value) rows for the status table."""
    rows = []
    path = heartbeat_path(app)
    if path.exists():
        beat = json.loads(path.read_text())
        rows.append(("last poll", f"{beat['at']} {'ok' if beat['ok'] else 'FAILED'} "
                                  f"{beat['detail']}"))
    else:
        rows.append(("last poll", "never"))
    with Session(app.engine) as session:
        ledger = _grouped(session, Processed.status)
        outbox = _grouped(session, Outbox.status)
        cases = _grouped(session, Application.status)
    rows += [("ledger " + k, str(v)) for k, v in sorted(ledger.items())]
    rows.append(("failed (will retry)", str(ledger.get("failed", 0))))
    rows.append(("quarantined (Failed folder)", str(ledger.get("shunted", 0))))
    rows += [("outbox " + k, str(v)) for k, v in sorted(outbox.items())]
    rows.append(("awaiting approval", str(cases.get("awaiting-approval", 0))))
    rows += _next_jobs(app)
    return rows


def _next_jobs(app: App) -> list[tuple[str, str]]:
    now = app.clock().astimezone(ISTANBUL)
    digest = digest_trigger(app.settings.digest_cron)
    purge = CronTrigger(hour=3, minute=17, timezone=ISTANBUL)
    poll = now + timedelta(seconds=app.settings.poll_interval)
    fmt = "%d.%m.%Y %H:%M"
    return [("next poll (at the latest)", f"{poll:{fmt}}"),
            ("next digest", f"{digest.get_next_fire_time(None, now):{fmt}}"),
            ("next purge", f"{purge.get_next_fire_time(None, now):{fmt}}")]


def print_status(app: App) -> None:
    """Print the status table."""
    table = Table(title=f"mailbot status ({datetime.now(ISTANBUL):%d.%m.%Y %H:%M})")
    table.add_column("what")
    table.add_column("value")
    for what, value in collect(app):
        table.add_row(what, value)
    Console().print(table)
