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
console = Console(stderr=True)


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


if __name__ == "__main__":
    main()
