"""Officer-facing case commands behind the CLI: approve, reject, list, import."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel import Session, col, select

from mailbot import officer
from mailbot.app import App
from mailbot.db import session_scope
from mailbot.imports import import_applications, import_roster
from mailbot.models import Application
from mailbot.settings import ConfigError
from mailbot.text import mask_tckn


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _flush_now(app: App) -> str:
    """Send what is due right away when SMTP is configured; the daemon does it otherwise."""
    from mailbot.jobs import flush_job

    try:
        report = flush_job(app)
    except ConfigError:
        return "e-posta kuyruğa alındı; çalışan mailbot gönderecek"
    return f"gönderilen={report.sent} ertelenen={report.deferred} başarısız={report.failed}"


def approve_case(app: App, case: str, generate: bool) -> str:
    """Approve `case`, asking for the password at a hidden prompt unless it is generated."""
    with Session(app.engine) as session:
        application = session.exec(select(Application).where(
            Application.case_token == case.upper())).first()
    needs_password = (application is not None and application.kind in officer.FORM_CASES
                      and not generate and app.rules.lost_stolen.password != "generated")
    password = typer.prompt("Başvuru şifresi", hide_input=True,
                            confirmation_prompt=True) if needs_password else None
    with session_scope(app.engine) as session:
        officer.approve(app, session, case, _actor(), app.clock(), password)
    return f"{case.upper()} onaylandı; {_flush_now(app)}"


def reject_case(app: App, case: str, reason: str) -> str:
    """Reject `case` with `reason`."""
    with session_scope(app.engine) as session:
        officer.reject(app, session, case, reason, _actor(), app.clock())
    return f"{case.upper()} reddedildi; {_flush_now(app)}"


def print_applications(app: App, show_tckn: bool) -> None:
    """A table of applications, newest first."""
    table = Table(title="Başvurular")
    for column in ("başvuru no", "tür", "durum", "ad soyad", "TCKN", "e-posta", "güncelleme"):
        table.add_column(column)
    with Session(app.engine) as session:
        for a in session.exec(select(Application).order_by(col(Application.id).desc())):
            tckn = (a.tckn if show_tckn else mask_tckn(a.tckn)) if a.tckn else "-"
            table.add_row(a.case_token, a.kind, a.status, a.full_name or "-", tckn,
                          a.form_email or a.email or "-", f"{a.updated_at:%d.%m.%Y %H:%M}")
    Console().print(table)


def run_import(app: App, path: Path, roster: bool) -> str:
    """Import applications or the roster from a CSV file."""
    with session_scope(app.engine) as session:
        report = import_roster(session, path) if roster else import_applications(
            session, path, app.clock())
    return f"eklenen={report.added} güncellenen={report.updated}"


def rotate_keys(app: App) -> str:
    """Re-encrypt every stored secret with the newest key of MAILBOT_SECRET_KEYS."""
    from mailbot.crypto import SecretBox
    from mailbot.models import Credential, Outbox

    box = SecretBox.from_settings(app.settings)
    count = 0
    with session_scope(app.engine) as session:
        for credential in session.exec(select(Credential)):
            if credential.ciphertext:
                credential.ciphertext = box.rotate(credential.ciphertext)
                count += 1
        for row in session.exec(select(Outbox).where(Outbox.sealed)):
            if row.raw:
                row.raw = box.rotate(row.raw)
                count += 1
    return f"yeniden şifrelenen={count}"
