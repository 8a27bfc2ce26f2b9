"""Crash test: SIGKILL the processor at random points; nothing is lost, nothing is sent twice."""

from __future__ import annotations

import collections
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mailbot.db import make_engine
from mailbot.models import AuditEvent, Outbox, Processed
from tests.integration.loop_support import settings_for
from tests.support.mail import mixed_mail

MESSAGES = 200
KILLS = 12


def _env(dovecot, smtp_sink, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    for key, value in settings_for(dovecot.port, smtp_sink.port, data_dir,
                                   fetch_batch=20).items():
        env[f"MAILBOT_{key.upper()}"] = str(value)
    env["MAILBOT_CONFIG"] = str(data_dir / "absent.toml")
    env["MAILBOT_LOG_LEVEL"] = "WARNING"
    return env


def _poll(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mailbot.cli", "poll"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _progress(db: Path) -> int:
    """Ledger rows plus sent replies: grows with every committed step of the processor."""
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=30) as conn:
        try:
            rows = conn.execute("SELECT count(*) FROM processed").fetchone()[0]
            sent = conn.execute("SELECT count(*) FROM outbox WHERE status='sent'").fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet
            return 0
    return rows + sent


def _kill_once(env: dict[str, str], db: Path, rng: random.Random) -> bool:
    """Start a poll, let it make some progress, SIGKILL it at a random moment; True if killed."""
    before = _progress(db)
    proc = _poll(env)
    deadline = time.monotonic() + 60
    while proc.poll() is None and _progress(db) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 0.4))
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return killed


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_sends_once(dovecot, smtp_sink,
                                                               tmp_path: Path) -> None:
    dovecot.append_many("desk", mixed_mail(MESSAGES, seed=99))
    env = _env(dovecot, smtp_sink, tmp_path / "data")
    db = tmp_path / "data" / "mailbot.db"
    rng = random.Random(int(os.environ.get("MAILBOT_CRASH_SEED", "1234")))
    kills = 0
    for _ in range(4 * KILLS):
        kills += _kill_once(env, db, rng)
        if kills >= KILLS:
            break
    for _ in range(10):  # then let it finish
        proc = _poll(env)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        if not dovecot.uids("desk"):
            break

    engine = make_engine(env["MAILBOT_DATABASE_URL"])
    with Session(engine) as session:
        rows = list(session.exec(select(Processed)))
        outbox = list(session.exec(select(Outbox)))
        in_doubt = sum(1 for e in session.exec(select(AuditEvent))
                       if e.action == "outbox-resend-in-doubt")
    assert kills >= 10
    assert len(rows) == MESSAGES
    assert len({row.raw_sha256 for row in rows}) == MESSAGES
    assert all(row.status == "done" for row in rows)
    assert dovecot.uids("desk", "INBOX") == []
    filed = len(dovecot.uids("desk", "Review")) + len(dovecot.uids("desk", "Processed"))
    assert filed == MESSAGES

    expected = {row.message_id for row in outbox}
    answered = [row for row in rows if row.outcome != "ignored"]
    assert len(outbox) == len(answered)  # one reply per person's message, composed once
    assert all(row.status == "sent" for row in outbox)
    received = collections.Counter(mail.message_id for mail in smtp_sink.wait_for(len(expected)))
    assert set(received) == expected
    duplicates = sum(count - 1 for count in received.values())
    print(f"kills={kills} replies={len(expected)} duplicate deliveries={duplicates} "
          f"in-doubt resends={in_doubt}")
    assert duplicates <= in_doubt  # a resend only ever follows a crash mid-send, same Message-ID
