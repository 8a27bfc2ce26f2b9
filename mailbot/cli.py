"""The `mailbot` command: run, poll, flush, demo, parse, db upgrade, status."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from mailbot.settings import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from mailbot.app import App

app = typer.Typer(help="E-imza masası posta işleyicisi (mailbot).", no_args_is_help=True,
                  pretty_exceptions_enable=False)
db_app = typer.Typer(help="Database commands.", no_args_is_help=True)
app.add_typer(db_app, name="db")
rules_app = typer.Typer(help="Directorate rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
apps_app = typer.Typer(help="Applications (cases).", no_args_is_help=True)
app.add_typer(apps_app, name="applications")
roster_app = typer.Typer(help="Staff roster.", no_args_is_help=True)
app.add_typer(roster_app, name="roster")
console = Console(stderr=True)
USER_ERRORS = {"ApprovalError", "TransitionError", "CsvImportError"}


def _settings() -> Settings:
    """Load settings and set up logging."""
    from mailbot.logs import setup_logging

    settings = load_settings()
    setup_logging(settings.log_level)
    return settings


def _app() -> App:
    """Settings, logging, an up-to-date database, and the composed application."""
    from mailbot.app import App
    from mailbot.db import upgrade

    settings = _settings()
    upgrade(settings.db_url)
    return App.build(settings)


@app.command()
def run() -> None:
    """Run the daemon: poll the mailbox and flush the outbox on a schedule."""
    from mailbot.jobs import run_daemon

    run_daemon(_app())


@app.command()
def poll() -> None:
    """Poll the mailbox once, send what is due, and exit (for cron or an operator)."""
    from mailbot.jobs import instance_lock, poll_job

    application = _app()
    lock = instance_lock(application)
    try:
        report = poll_job(application)
    finally:
        lock.release()
    if report is None:
        raise typer.Exit(1)


@app.command()
def flush() -> None:
    """Send the replies that are due in the outbox, once."""
    from mailbot.jobs import flush_job

    report = flush_job(_app())
    typer.echo(f"sent={report.sent} deferred={report.deferred} failed={report.failed}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="folder for the replies as .eml files")] = Path(
        "demo-out"),
) -> None:
    """Start local IMAP and SMTP servers, load sample mail, process it, show the results."""
    from mailbot.demo import run_demo

    raise typer.Exit(run_demo(out))


@app.command()
def digest(
    preview: Annotated[Path | None, typer.Option(
        help="write the digest as HTML to this file; nothing is sent or recorded")] = None,
) -> None:
    """Send the officers' digest for the current period (once), or preview it."""
    from mailbot.digest import preview_digest
    from mailbot.jobs import digest_job

    application = _app()
    result = preview_digest(application, preview) if preview else digest_job(application)
    counts = " ".join(f"{key}={value}" for key, value in result.counts.items())
    typer.echo(f"digest {result.period.key}: {result.status} {counts}".rstrip())


@app.command()
def status() -> None:
    """Show ledger and outbox counts."""
    from mailbot.status import print_status

    print_status(_app())


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the latest schema."""
    from mailbot.db import upgrade

    settings = _settings()
    upgrade(settings.db_url)
    typer.echo(f"database is up to date: {settings.db_url}")


@rules_app.command("check")
def rules_check(files: list[Path]) -> None:
    """Validate rules files; print each problem as file:line: key: message."""
    from mailbot.rules import RulesError, load_rules

    bad = 0
    for path in files:
        try:
            rules = load_rules(path)
        except (RulesError, OSError) as error:
            bad += 1
            console.print(f"[red]{error}[/red]")
            continue
        typer.echo(f"{path}: ok ({rules.directorate.name}, {len(rules.tariff)} tariffs)")
    if bad:
        raise typer.Exit(1)


@app.command()
def approve(
    case: str,
    generate: Annotated[bool, typer.Option(help="generate the password")] = False,
) -> None:
    """Approve a case; lost/stolen/broken: link + password go to the form's address."""
    from mailbot.cases import approve_case

    typer.echo(approve_case(_app(), case, generate))


@app.command()
def reject(case: str, reason: Annotated[str, typer.Option(help="gerekçe (Turkish)")]) -> None:
    """Reject a case; the applicant is told the reason."""
    from mailbot.cases import reject_case

    typer.echo(reject_case(_app(), case, reason))


@apps_app.command("list")
def applications_list(
    show_tckn: Annotated[bool, typer.Option(help="show TCKNs unmasked")] = False,
) -> None:
    """List applications (TCKNs masked unless asked)."""
    from mailbot.cases import print_applications

    print_applications(_app(), show_tckn)


@apps_app.command("import")
def applications_import(file: Path) -> None:
    """Open applications from a CSV (tckn, full_name, kind, email, institution)."""
    from mailbot.cases import run_import

    typer.echo(run_import(_app(), file, roster=False))


@roster_app.command("import")
def roster_import(file: Path) -> None:
    """Add or update staff from a CSV (tckn, full_name, role, institution, email)."""
    from mailbot.cases import run_import

    typer.echo(run_import(_app(), file, roster=True))


@app.command()
def keygen() -> None:
    """Print a new Fernet key for MAILBOT_SECRET_KEYS."""
    from mailbot.crypto import new_key

    typer.echo(new_key())


@app.command()
def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="only count")] = False,
) -> None:
    """Delete attachments, bodies and sent passwords past the rules' retention periods."""
    from mailbot.purge import purge as run_purge

    application = _app()
    report = run_purge(application, application.clock(), dry_run)
    prefix = "silinecek" if dry_run else "silinen"
    typer.echo(f"{prefix}: ekler={report.attachments} gövdeler={report.bodies} "
               f"yanıtlar={report.replies} şifreler={report.credentials}")


@app.command("rotate-keys")
def rotate_keys() -> None:
    """Re-encrypt stored passwords with the newest key (put it first in MAILBOT_SECRET_KEYS)."""
    from mailbot.cases import rotate_keys as run_rotation

    typer.echo(run_rotation(_app()))


@app.command()
def replay(
    files: list[Path],
    rules: Annotated[Path, typer.Option(help="rules file to judge by")],
    db: Annotated[str | None, typer.Option(help="database URL (default: a throwaway)")] = None,
    json_: Annotated[bool, typer.Option("--json", help="one JSON object per message")] = False,
) -> None:
    """Judge archived .eml files as they would have been on arrival; touches no server."""
    import json

    from mailbot.logs import setup_logging
    from mailbot.replay import replay as run_replay

    setup_logging("WARNING")
    for result in run_replay(rules, files, db):
        if json_:
            typer.echo(json.dumps(result, ensure_ascii=False))
        else:
            codes = ",".join(result["findings"]) or "-"
            typer.echo(f"{result['file']}: {result['outcome']} {result['case'] or '-'} {codes}")


def _register_parse() -> None:
    """`mailbot parse` comes from the document reader."""
    try:
        from mailbot.documents.cli import parse
    except ImportError:
        return
    app.command("parse")(parse)


_register_parse()


def main() -> None:
    """Entry point: clear one-line errors for configuration problems, never a traceback."""
    from mailbot.jobs import AlreadyRunning

    try:
        app()
    except ConfigError as error:
        console.print(f"[red]configuration error:[/red] {error}")
        sys.exit(2)
    except AlreadyRunning as error:
        console.print(f"[red]refusing to start:[/red] {error}")
        sys.exit(3)
    except ValueError as error:  # ApprovalError, TransitionError, CsvImportError, RulesError
        if type(error).__name__ not in USER_ERRORS:
            raise
        console.print(f"[red]error:[/red] {error}")
        sys.exit(1)


if __name__ == "__main__":
    main()
