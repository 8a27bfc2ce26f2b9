"""`mailbot status`: ledger and outbox counts as a Rich table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from sqlalchemy import func
from sqlmodel import Session, select

from mailbot.app import App
from mailbot.models import Outbox, Processed


def counts(app: App) -> dict[str, int]:
    """Ledger rows per status and outcome, outbox rows per status."""
    result: dict[str, int] = {}
    with Session(app.engine) as session:
        for status, n in session.exec(select(Processed.status, func.count()).group_by(
                Processed.status)):
            result[f"ledger {status}"] = n
        for outcome, n in session.exec(select(Processed.outcome, func.count()).group_by(
                Processed.outcome)):
            result[f"outcome {outcome}"] = n
        for status, n in session.exec(select(Outbox.status, func.count()).group_by(
                Outbox.status)):
            result[f"outbox {status}"] = n
    return result


def print_status(app: App) -> None:
    """Print the counts."""
    table = Table(title="mailbot status")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in sorted(counts(app).items()):
        table.add_row(key, str(value))
    Console().print(table)
