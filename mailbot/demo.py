"""`mailbot demo`: real IMAP (Dovecot) and SMTP (aiosmtpd) on loopback, sample mail, results."""

from __future__ import annotations

import email
import json
import shutil
import sys
import tempfile
import time
from email import policy
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlmodel import Session, col, select

from mailbot.app import App
from mailbot.db import upgrade
from mailbot.jobs import poll_job
from mailbot.logs import setup_logging
from mailbot.models import Outbox, Processed
from mailbot.settings import PROJECT_ROOT, load_settings
from mailbot.testing.dovecot import Dovecot
from mailbot.testing.smtpsink import SmtpSink

SAMPLES = PROJECT_ROOT / "data" / "samples"
DESK_USER, DESK_PASSWORD = "desk", "demo-password"
DESK_ADDRESS = "tekirdag.sbs@saglik.gov.tr"


def run_demo(out: Path, samples: Path = SAMPLES) -> int:
    """Run the whole loop once on sample mail; return the exit code."""
    console = Console(width=None if sys.stdout.isatty() else 160)
    setup_logging("WARNING")
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.eml"):
        old.unlink()
    workdir = Path(tempfile.mkdtemp(prefix="mailbot-demo-"))
    try:
        with Dovecot(workdir / "imap", users={DESK_USER: DESK_PASSWORD}) as imap, \
                SmtpSink(save_dir=out) as smtp:
            sample_files = sorted(samples.glob("*.eml"))
            for sample in sample_files:
                imap.append(DESK_USER, sample.read_bytes())
            console.print(f"IMAP 127.0.0.1:{imap.port} (Dovecot), SMTP 127.0.0.1:{smtp.port} "
                          f"(aiosmtpd): {len(sample_files)} sample messages in INBOX")
            app = _demo_app(workdir, imap.port, smtp.port)
            poll_job(app)
            smtp.wait_for(_count_outbox(app), timeout=10)
            folders = {f: len(imap.uids(DESK_USER, f)) for f in imap.folders(DESK_USER)}
            summary = _show(console, app, folders)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    console.print(f"replies written to {out.resolve()} ({time.monotonic() - started:.1f} s)")
    console.print(summary)
    return 0


def _demo_app(workdir: Path, imap_port: int, smtp_port: int) -> App:
    """Settings pointing at the local servers and a throwaway database."""
    data_dir = workdir / "data"
    settings = load_settings(
        imap_host="127.0.0.1", imap_port=imap_port, imap_security="plain", imap_user=DESK_USER,
        imap_password=DESK_PASSWORD, smtp_host="127.0.0.1", smtp_port=smtp_port,
        smtp_security="plain", smtp_user=None, smtp_password=None,
        mailbox_address=DESK_ADDRESS, mailbox_name="Tekirdağ İl Sağlık Müdürlüğü",
        data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'mailbot.db'}",
    )
    upgrade(settings.db_url)
    return App.build(settings)


def _count_outbox(app: App) -> int:
    with Session(app.engine) as session:
        return len(session.exec(select(Outbox.id)).all())


def _first_line(raw: bytes) -> str:
    """The first non-empty line of a reply's plain-text body."""
    message = email.message_from_bytes(raw, policy=policy.default)
    body = message.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _show(console: Console, app: App, folders: dict[str, int]) -> str:
    """Print the per-message table and return the summary line."""
    table = Table(title="mailbot demo: one row per inbound message")
    for column in ("#", "from", "subject", "outcome", "findings", "reply to", "reply subject",
                   "reply first line"):
        table.add_column(column, overflow="fold")
    replied = failed = 0
    with Session(app.engine) as session:
        rows = session.exec(select(Processed).order_by(col(Processed.id))).all()
        for row in rows:
            replies = session.exec(select(Outbox).where(Outbox.processed_id == row.id)).all()
            replied += bool(replies)
            failed += row.outcome == "failed"
            reply = replies[0] if replies else None
            codes = ", ".join(f["code"] for f in json.loads(row.findings or "[]"))
            table.add_row(str(row.id), row.sender or "-", row.subject or "-", row.outcome or "-",
                          codes or "-", reply.to_address if reply else "-",
                          reply.subject if reply else "-",
                          _first_line(reply.raw) if reply else "-")
    console.print(table)
    console.print("folders: " + ", ".join(f"{name}={n}" for name, n in sorted(folders.items())))
    return f"processed={len(rows)} replied={replied} failed={failed}"
