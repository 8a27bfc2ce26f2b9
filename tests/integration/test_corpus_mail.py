"""Every public corpus .eml goes through the real loop to a ledger row with an outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.jobs import poll_job
from tests.integration.loop_support import ledger_rows, make_app
from tests.support.corpora import corpus_folder


def _corpus_files() -> list[Path]:
    return sorted(corpus_folder("imap_tools", "messages").rglob("*.eml"))


@pytest.mark.corpus
def test_every_corpus_message_gets_a_ledger_row(dovecot, smtp_sink, tmp_path: Path) -> None:
    files = _corpus_files()
    for path in files:
        dovecot.append("desk", path.read_bytes())
    appended = len(dovecot.uids("desk"))
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data")
    report = poll_job(app)
    assert report is not None
    rows = ledger_rows(app)
    assert appended == len(files) > 100
    assert len(rows) == appended
    assert len({(row.uidvalidity, row.uid) for row in rows}) == appended
    outcomes = {"accepted", "awaiting-approval", "rejected", "needs-officer", "ignored"}
    broken = [(row.subject, row.error) for row in rows
              if row.status != "done" or row.outcome not in outcomes]
    assert broken == []  # no message failed or crashed the loop
    assert dovecot.uids("desk", "INBOX") == []
