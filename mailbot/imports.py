"""CSV imports: applications opened by the officer, and the staff roster."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select
from stdnum.tr import tckimlik

from mailbot.domain import CaseKind, Status
from mailbot.models import Application, AuditEvent, RosterEntry

APPLICATION_COLUMNS = ("tckn", "full_name", "kind", "email", "institution")
ROSTER_COLUMNS = ("tckn", "full_name", "role", "institution", "email")


class CsvImportError(ValueError):
    """A CSV row cannot be imported (file, line and reason in the message)."""


@dataclass
class ImportReport:
    """Rows added, updated and skipped."""

    added: int = 0
    updated: int = 0


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The CSV's rows with their line numbers; a missing column is an error."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        reader = csv.DictReader(handle, dialect=dialect)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise CsvImportError(f"{path}: missing column(s): {', '.join(missing)}")
        return [(number + 2, {k: (v or "").strip() for k, v in row.items() if k})
                for number, row in enumerate(reader)]


def _valid_tckn(path: Path, line: int, value: str) -> str:
    if not tckimlik.is_valid(value):
        raise CsvImportError(f"{path}:{line}: TCKN fails its checksum")
    return value


def import_applications(session: Session, path: Path, now: datetime) -> ImportReport:
    """Open one application per row (skipping a TCKN that already has an open one)."""
    report = ImportReport()
    for line, row in _rows(path, ("tckn", "full_name")):
        tckn = _valid_tckn(path, line, row["tckn"])
        kind = row.get("kind") or CaseKind.UNKNOWN.value
        if kind not in {k.value for k in CaseKind}:
            raise CsvImportError(f"{path}:{line}: unknown kind {kind!r}")
        query = select(Application).where(Application.tckn == tckn,
                                          Application.status != Status.CLOSED.value)
        if session.exec(query).first() is not None:
            continue
        application = Application(case_token=f"tmp-import-{line}", kind=kind,
                                  status=Status.RECEIVED.value, full_name=row["full_name"],
                                  tckn=tckn, email=row.get("email") or None,
                                  institution=row.get("institution") or None,
                                  created_at=now, updated_at=now)
        session.add(application)
        session.flush()
        application.case_token = f"EIMZA-{now.year}-{application.id:06d}"
        session.add(AuditEvent(actor="import", action="case-opened",
                               application_id=application.id, detail=f"{path.name}:{line}"))
        report.added += 1
    return report


def import_roster(session: Session, path: Path) -> ImportReport:
    """Add or update staff members by TCKN."""
    report = ImportReport()
    for line, row in _rows(path, ("tckn", "full_name", "role")):
        tckn = _valid_tckn(path, line, row["tckn"])
        entry = session.exec(select(RosterEntry).where(RosterEntry.tckn == tckn)).first()
        if entry is None:
            entry = RosterEntry(tckn=tckn, full_name=row["full_name"], role=row["role"])
            report.added += 1
        else:
            report.updated += 1
        entry.full_name, entry.role = row["full_name"], row["role"]
        entry.institution = row.get("institution") or None
        entry.email = row.get("email") or None
        session.add(entry)
    return report
