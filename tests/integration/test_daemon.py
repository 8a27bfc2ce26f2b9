"""`mailbot run`: the daemon polls on its schedule, refuses a twin, and stops cleanly on SIGTERM."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.integration.loop_support import applicant_mail, wait_until
from tests.integration.test_crash import _env
from tests.support.mail import TZ, question_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


def test_daemon_polls_refuses_twin_and_stops_on_sigterm(dovecot, smtp_sink,
                                                         tmp_path: Path) -> None:
    env = _env(dovecot, smtp_sink, tmp_path / "data")
    env["MAILBOT_POLL_INTERVAL"] = "5"
    env["MAILBOT_LOG_LEVEL"] = "INFO"
    dovecot.append("desk", question_mail(random.Random(1), WHEN))
    daemon = subprocess.Popen([sys.executable, "-m", "mailbot.cli", "run"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert wait_until(lambda: len(applicant_mail(smtp_sink)) == 1, 30), "first poll"
        twin = subprocess.run([sys.executable, "-m", "mailbot.cli", "run"], env=env,
                              capture_output=True, timeout=60)
        assert twin.returncode == 3 and b"another mailbot is running" in twin.stderr
        dovecot.append("desk", question_mail(random.Random(2), WHEN))
        assert wait_until(lambda: len(applicant_mail(smtp_sink)) == 2, 30), "scheduled poll"
        assert wait_until(lambda: len(smtp_sink.messages) == 3, 30), "catch-up digest"
        digests = [m for m in smtp_sink.messages if m not in applicant_mail(smtp_sink)]
        assert len(digests) == 1 and b"Auto-Submitted: auto-generated" in digests[0].data
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err.decode()
    assert b"mailbot stopped" in err
    assert dovecot.uids("desk", "INBOX") == []


def test_missing_setting_is_one_clear_line(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "MAILBOT_CONFIG": str(tmp_path / "none.toml"),
           "MAILBOT_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "mailbot.cli", "poll"], env=env,
                          capture_output=True, timeout=60)
    assert done.returncode == 2
    assert b"MAILBOT_IMAP_HOST" in done.stderr and b"Traceback" not in done.stderr
