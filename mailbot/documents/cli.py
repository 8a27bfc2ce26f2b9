"""`mailbot parse FILE... [--json]`: read documents and print their kind and fields."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mailbot.documents.reader import document_json, read_path

_COLUMNS = ("file", "kind", "scanned", "bank", "amount", "date", "payer_name", "recipient_name",
            "recipient_iban", "tckn", "reference", "request", "full_name", "email", "valid")


def parse(
    files: Annotated[list[Path], typer.Argument(help="PDF, JPEG or PNG files to read.")],
    json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Read receipts and forms; print a table, or JSON lines with --json."""
    console = Console()
    rows = []
    for path in files:
        row = document_json(str(path), read_path(path))
        if json:
            typer.echo(jsonlib.dumps(row, ensure_ascii=False))
        else:
            rows.append(row)
    if not json:
        console.print(_table(rows))


def _table(rows: list[dict]) -> Table:
    """A Rich table with the columns any row has."""
    present = [c for c in _COLUMNS if any(c in row for row in rows)]
    table = Table(title="Belgeler")
    for column in present:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in present))
    return table


if __name__ == "__main__":
    app = typer.Typer(add_completion=False)
    app.command()(parse)
    app()
