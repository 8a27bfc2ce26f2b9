"""Arrival → SMTP-accepted reply latency, with IMAP IDLE and with polling, in one run.

Run: .venv/bin/python bench/latency.py [--idle-messages 20] [--poll-messages 8] [--interval 60]
A real `mailbot run` daemon against a private Dovecot and an aiosmtpd sink on loopback; each
message is appended at a random moment and timed until the sink has the reply to it.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.testing.dovecot import Dovecot
from mailbot.testing.smtpsink import SmtpSink
from tests.integration.loop_support import settings_for
from tests.support.mail import TZ, question_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


def daemon_env(imap: Dovecot, smtp: SmtpSink, data: Path, idle: bool, interval: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    for key, value in settings_for(imap.port, smtp.port, data).items():
        env[f"MAILBOT_{key.upper()}"] = str(value)
    env.update(MAILBOT_IDLE=str(idle).lower(), MAILBOT_POLL_INTERVAL=str(interval),
               MAILBOT_LOG_LEVEL="WARNING", MAILBOT_CONFIG=str(data / "none.toml"))
    return env


def replied_to(smtp: SmtpSink, message_id: str) -> bool:
    return any(message_from_bytes(m.data, policy=policy.default)["In-Reply-To"] == message_id
               for m in list(smtp.messages))


def measure(idle: bool, count: int, interval: int, rng: random.Random) -> list[float]:
    """Seconds from APPEND to the reply at the sink, for `count` messages."""
    with tempfile.TemporaryDirectory() as tmp, Dovecot(Path(tmp) / "imap") as imap, \
            SmtpSink() as smtp:
        env = daemon_env(imap, smtp, Path(tmp) / "data", idle, interval)
        daemon = subprocess.Popen([sys.executable, "-m", "mailbot.cli", "run"], env=env)
        time.sleep(3)  # started, first poll done, IDLE entered
        latencies = []
        try:
            for n in range(count):
                time.sleep(rng.uniform(0.5, 2.0) if idle else rng.uniform(0, interval))
                raw = question_mail(random.Random(n), WHEN)
                message_id = message_from_bytes(raw, policy=policy.default)["Message-ID"]
                started = time.monotonic()
                imap.append("desk", raw)
                while not replied_to(smtp, message_id):
                    if time.monotonic() - started > interval * 3:
                        raise RuntimeError("no reply: is the daemon running?")
                    time.sleep(0.02)
                latencies.append(time.monotonic() - started)
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=60)
    return latencies


def summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return (f"{name:<28} n={len(values):3d} p50={statistics.median(values):7.2f} s "
            f"p95={p95:7.2f} s max={values[-1]:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--idle-messages", type=int, default=20)
    parser.add_argument("--poll-messages", type=int, default=8)
    parser.add_argument("--interval", type=int, default=60, help="poll interval (default 60)")
    args = parser.parse_args()
    rng = random.Random(7)
    pushed = measure(True, args.idle_messages, args.interval, rng)
    polled = measure(False, args.poll_messages, args.interval, rng)
    print(summary("IDLE (push)", pushed))
    print(summary(f"polling every {args.interval} s", polled))
    print(f"p50 ratio polling/IDLE: {statistics.median(polled) / statistics.median(pushed):.1f}x")


if __name__ == "__main__":
    main()
