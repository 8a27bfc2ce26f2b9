"""Baseline for the intake benchmark: a bare imaplib `UID FETCH n:m (BODY.PEEK[])` loop.

Import `raw_fetch_rate` (bench/intake.py does); run alone it starts a private Dovecot and
prints its start time, append rate and the raw fetch rate:
    .venv/bin/python bench/intake_raw.py [--messages 400] [--size-kb 60] [--batch 50]
"""

from __future__ import annotations

import argparse
import imaplib
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

_BODY = re.compile(rb"BODY\[\] \{(\d+)\}")


def uid_set(uids: Sequence[int]) -> str:
    """An IMAP sequence set with runs folded: [1, 2, 3, 7, 9, 10] → "1:3,7,9:10"."""
    parts: list[str] = []
    ordered = sorted(set(uids))
    start = prev = ordered[0]
    for uid in [*ordered[1:], None]:
        if uid is not None and uid == prev + 1:
            prev = uid
            continue
        parts.append(str(start) if start == prev else f"{start}:{prev}")
        if uid is not None:
            start = prev = uid
    return ",".join(parts)


def raw_fetch_rate(host: str, port: int, user: str, password: str, folder: str,
                   uids: Sequence[int], *, batch: int = 50, timeout: float = 30.0) -> float:
    """Messages/s of `UID FETCH <batch> (BODY.PEEK[])` over `uids` on a read-only folder.

    Login and EXAMINE are outside the timing; every message must come back whole, otherwise
    RuntimeError (a baseline that silently fetched less would flatter it)."""
    if not uids:
        raise ValueError("no UIDs to fetch")
    client = imaplib.IMAP4(host, port, timeout=timeout)
    try:
        client.login(user, password)
        client.select('"' + folder.replace('"', '\\"') + '"', readonly=True)
        started = time.perf_counter()
        fetched = 0
        for start in range(0, len(uids), batch):
            status, data = client.uid("FETCH", uid_set(uids[start:start + batch]),
                                      "(BODY.PEEK[])")
            if status != "OK":
                raise RuntimeError(f"UID FETCH failed: {status} {data!r}")
            fetched += _whole_messages(data)
        elapsed = time.perf_counter() - started
    finally:
        client.logout()
    if fetched != len(uids):
        raise RuntimeError(f"fetched {fetched} of {len(uids)} messages")
    return fetched / elapsed


def _whole_messages(data: list) -> int:
    """How many literals in a FETCH reply are complete BODY[] messages."""
    count = 0
    for item in data:
        if isinstance(item, tuple) and (size := _BODY.search(item[0])):
            count += len(item[1]) == int(size.group(1))
    return count


def sample_message(index: int, size_kb: int) -> bytes:
    """A mail of about `size_kb` KB: headers and a base64-like body in 76-column lines."""
    body = os.urandom(size_kb * 1024 // 2).hex().encode()[: size_kb * 1024]
    lines = b"\r\n".join(body[i:i + 76] for i in range(0, len(body), 76))
    return (f"From: hekim{index}@example.org\r\nTo: desk@example.org\r\n"
            f"Subject: Dekont {index}\r\nMessage-ID: <{index}.bench@example.org>\r\n\r\n"
            ).encode() + lines + b"\r\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--size-kb", type=int, default=60)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from mailbot.testing.dovecot import Dovecot

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with Dovecot(Path(tmp) / "imap") as imap:
            start_s = time.perf_counter() - started
            raws = [sample_message(i, args.size_kb) for i in range(args.messages)]
            started = time.perf_counter()
            imap.append_many("desk", raws)
            append_rate = args.messages / (time.perf_counter() - started)
            uids = imap.uids("desk")
            rate = raw_fetch_rate(imap.host, imap.port, "desk", "secret", "INBOX", uids,
                                  batch=args.batch)
    print(f"Dovecot start           : {start_s * 1000:8.0f} ms")
    print(f"append ({args.size_kb} KB, 1 session): {append_rate:8.0f} msg/s")
    print(f"raw UID FETCH BODY.PEEK[] batch={args.batch}: {rate:8.0f} msg/s")


if __name__ == "__main__":
    main()
