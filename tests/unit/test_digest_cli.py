"""`mailbot digest --preview out.html`: renders the digest with no mail server configured."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select

from mailbot.models import DigestRun, Outbox
from mailbot.settings import PROJECT_ROOT
from mailbot.text import mask_tckn
from tests.unit.test_digest import SUKRU, _digest_outbox, fill_day, make_offline_app


def test_preview_needs_no_smtp_settings_and_sends_nothing(tmp_path: Path) -> None:
    app = make_offline_app(tmp_path)
    fill_day(app, datetime(2026, 11, 19, 7, 0, tzinfo=UTC))
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAILBOT_")}
    env.update(MAILBOT_DATA_DIR=str(tmp_path), MAILBOT_DATABASE_URL=app.settings.db_url,
               MAILBOT_RULES_FILE=str(app.settings.rules_file),
               MAILBOT_CONFIG=str(tmp_path / "none.toml"), MAILBOT_LOG_LEVEL="WARNING")
    out = tmp_path / "out.html"
    done = subprocess.run([sys.executable, "-m", "mailbot.cli", "digest", "--preview", str(out)],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert ": preview " in done.stdout and "awaiting-approval=1" in done.stdout
    html = out.read_text(encoding="utf-8")
    assert "Onayınızı bekleyenler" in html and mask_tckn(SUKRU) in html and SUKRU not in html
    assert _digest_outbox(app) == []
    with Session(app.engine) as session:
        assert session.exec(select(DigestRun)).first() is None


def test_sending_without_smtp_settings_names_the_missing_setting(tmp_path: Path) -> None:
    app = make_offline_app(tmp_path)
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAILBOT_")}
    env.update(MAILBOT_DATA_DIR=str(tmp_path), MAILBOT_DATABASE_URL=app.settings.db_url,
               MAILBOT_RULES_FILE=str(app.settings.rules_file),
               MAILBOT_MAILBOX_ADDRESS="sinop.sbs@saglik.gov.tr",
               MAILBOT_CONFIG=str(tmp_path / "none.toml"), MAILBOT_LOG_LEVEL="WARNING")
    done = subprocess.run([sys.executable, "-m", "mailbot.cli", "digest"], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "MAILBOT_SMTP_HOST" in done.stderr
    with Session(app.engine) as session:  # queued once; the daemon's flush will send it
        (run,) = session.exec(select(DigestRun)).all()
        assert session.get(Outbox, run.outbox_id).status == "pending"
