"""Push intake: IMAP IDLE wakes the poll; a dropped IDLE connection is re-established."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from mailbot.mail.idle import IdleWatcher
from mailbot.testing.proxy import TcpProxy
from tests.integration.loop_support import applicant_mail, make_app, wait_until
from tests.integration.test_crash import _env
from tests.support.mail import TZ, question_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


def test_new_mail_is_answered_long_before_the_poll_interval(dovecot, smtp_sink,
                                                           tmp_path: Path) -> None:
    env = _env(dovecot, smtp_sink, tmp_path / "data")
    env["MAILBOT_POLL_INTERVAL"] = "600"  # only IDLE can explain a quick answer
    daemon = subprocess.Popen([sys.executable, "-m", "mailbot.cli", "run"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        dovecot.append("desk", question_mail(random.Random(1), WHEN))
        assert wait_until(lambda: len(applicant_mail(smtp_sink)) == 1, 60), "first poll"
        time.sleep(1.0)  # the watcher is back in IDLE
        for n in (2, 3):
            dovecot.append("desk", question_mail(random.Random(n), WHEN))
            assert wait_until(lambda n=n: len(applicant_mail(smtp_sink)) == n, 30), "no IDLE wake"
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err.decode()


def test_idle_watcher_reconnects_after_the_connection_drops(dovecot, smtp_sink,
                                                          tmp_path: Path) -> None:
    events: list[float] = []
    stop = threading.Event()
    with TcpProxy("127.0.0.1", dovecot.port) as proxy:
        app = make_app(proxy.port, smtp_sink.port, tmp_path / "data")
        watcher = IdleWatcher(app.account(), lambda: events.append(time.monotonic()), stop)
        watcher.start()
        try:
            assert wait_until(lambda: len(events) == 1, 10)  # catch-up on connect
            time.sleep(0.5)
            dovecot.append("desk", question_mail(random.Random(4), WHEN))
            assert wait_until(lambda: len(events) == 2, 10)  # pushed
            proxy.cut_all()
            assert wait_until(lambda: len(events) == 3, 20)  # reconnected, caught up
            time.sleep(0.5)
            dovecot.append("desk", question_mail(random.Random(5), WHEN))
            assert wait_until(lambda: len(events) == 4, 10)  # pushed again
        finally:
            stop.set()
            watcher.thread.join(timeout=10)
    assert not watcher.thread.is_alive()
