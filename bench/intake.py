"""Intake benchmark: messages/s through fetch + ledger commit + move, vs a raw IMAP fetch loop.

Run: .venv/bin/python bench/intake.py [--messages 400] [--size-kb 60]
Both are measured in the same run against the same private Dovecot on loopback.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.intake_raw import raw_fetch_rate
from mailbot import process
from mailbot.decide import Verdict
from mailbot.domain import Decision, Folder, Inbound, Outcome
from mailbot.mail.imap import Mailbox
from mailbot.process import poll_mailbox
from mailbot.testing.dovecot import Dovecot
from mailbot.testing.smtpsink import SmtpSink
from tests.integration.loop_support import make_app

USER, PASSWORD = "desk", "secret"
original_judge = process.judge


def message(index: int, size_kb: int, rng: random.Random) -> bytes:
    """A physician's mail with a binary attachment padding it to about `size_kb`."""
    msg = EmailMessage()
    msg["From"] = f"Hekim {index} <hekim{index}@example.org>"
    msg["To"] = "tekirdag.sbs@saglik.gov.tr"
    msg["Subject"] = f"Dekont {index}"
    msg["Message-ID"] = make_msgid(domain="example.org")
    msg.set_content("Dekontum ektedir.")
    msg.add_attachment(rng.randbytes(size_kb * 1024 * 3 // 4), maintype="application",
                       subtype="pdf", filename="dekont.pdf")
    return bytes(msg)


def intake_only(_app: object, inbound: Inbound) -> Verdict:
    """A decision that reads nothing and answers nobody: leaves fetch + ledger + move."""
    return Verdict(Decision(Outcome.NEEDS_OFFICER, Folder.REVIEW))


def mailbot_rate(port: int, smtp_port: int, data_dir: Path, batch: int,
                 full: bool) -> tuple[float, int]:
    """Messages/s of mailbot's poll: peek-fetch, parse, (decide,) one commit each, move."""
    app = make_app(port, smtp_port, data_dir, fetch_batch=batch)
    process.judge = original_judge if full else intake_only
    started = time.perf_counter()
    with Mailbox(app.account()) as mailbox:
        report = poll_mailbox(app, mailbox)
    elapsed = time.perf_counter() - started
    return report.processed / elapsed, report.processed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--size-kb", type=int, default=60)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp, \
            Dovecot(Path(tmp) / "imap", users={USER: PASSWORD}) as imap, SmtpSink() as smtp:
        imap.append_many(USER, (message(i, args.size_kb, rng) for i in range(args.messages)))
        baseline = raw_fetch_rate("127.0.0.1", imap.port, USER, PASSWORD, "INBOX",
                                  imap.uids(USER), batch=args.batch)
        rates = {}
        for full in (False, True):
            if full:  # put the same mail back for the full pipeline
                imap.append_many(USER, (message(i, args.size_kb, random.Random(i))
                                        for i in range(args.messages)))
            rate, processed = mailbot_rate(imap.port, smtp.port, Path(tmp) / f"data{full}",
                                           args.batch, full)
            assert processed == args.messages, processed
            assert not imap.uids(USER, "INBOX")
            rates[full] = rate
    print(f"messages={args.messages} size≈{args.size_kb} KB batch={args.batch}")
    print(f"raw UID FETCH BODY.PEEK[] loop          : {baseline:8.1f} msg/s (baseline)")
    print(f"mailbot fetch+parse+ledger commit+move  : {rates[False]:8.1f} msg/s "
          f"ratio {rates[False] / baseline:.3f}")
    print(f"  + read attachment, decide, reply      : {rates[True]:8.1f} msg/s "
          f"ratio {rates[True] / baseline:.3f}")


if __name__ == "__main__":
    main()
