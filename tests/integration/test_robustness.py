"""Hostile or unlucky input never stalls the loop nor answers twice (review findings)."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest

from mailbot import process
from mailbot.jobs import flush_job, poll_job
from mailbot.testing.smtpsink import SmtpSink
from tests.integration.loop_support import Clock, ledger_rows, make_app, outbox_rows
from tests.support.mail import TZ, question_mail, receipt_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


def test_failure_inside_the_transaction_is_counted_and_shunted(
        dovecot, smtp_sink, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data")
    dovecot.append("desk", receipt_mail(random.Random(1), WHEN))
    dovecot.append("desk", question_mail(random.Random(2), WHEN))

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(process, "store_documents", broken)  # fails after record_done
    for attempt in (1, 2, 3):
        assert poll_job(app) is not None, f"attempt {attempt} escaped the message boundary"
    rows = sorted(ledger_rows(app), key=lambda r: r.uid)
    assert [(r.status, r.attempts) for r in rows] == [("shunted", 3), ("shunted", 3)]
    assert dovecot.uids("desk", "INBOX") == [] and len(dovecot.uids("desk", "Failed")) == 2
    assert outbox_rows(app) == []


def test_message_id_that_decodes_to_a_line_break_is_not_copied_into_headers(
        dovecot, smtp_sink, tmp_path: Path) -> None:
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data")
    raw = question_mail(random.Random(3), WHEN)
    start = raw.index(b"Message-ID:")
    end = raw.index(b"\n", start)
    dovecot.append("desk", raw[:start] + b"Message-ID: =?utf-8?q?a=0Ab?=" + raw[end - 1:])
    poll_job(app)
    (row,) = ledger_rows(app)
    assert row.status == "done" and len(smtp_sink.wait_for(1)) == 1


def test_same_message_id_with_other_bytes_is_answered_once(dovecot, smtp_sink,
                                                           tmp_path: Path) -> None:
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data")
    raw = receipt_mail(random.Random(4), WHEN)
    dovecot.append("desk", raw)
    dovecot.append("desk", b"Received: from mx2.example.org by mx.saglik.gov.tr\r\n" + raw)
    poll_job(app)
    first, second = sorted(ledger_rows(app), key=lambda r: r.uid)
    assert first.outcome == "accepted"
    assert second.outcome == "ignored" and "duplicate-delivery" in second.findings
    assert len(outbox_rows(app)) == 1 and len(smtp_sink.wait_for(1)) == 1


def test_wrong_smtp_password_defers_replies_instead_of_failing_them(dovecot,
                                                                    tmp_path: Path) -> None:
    with SmtpSink(credentials={"desk": "right"}) as sink:
        clock = Clock()
        app = make_app(dovecot.port, sink.port, tmp_path / "data", clock, smtp_user="desk",
                       smtp_password="wrong")
        dovecot.append("desk", question_mail(random.Random(5), WHEN))
        poll_job(app)
        (row,) = outbox_rows(app)
        assert row.status == "pending" and "connect/login" in row.last_error
        fixed = make_app(dovecot.port, sink.port, tmp_path / "data", clock, smtp_user="desk",
                         smtp_password="right")
        clock.advance(minutes=5)
        assert flush_job(fixed).sent == 1 and len(sink.wait_for(1)) == 1


def test_turkish_folder_names(dovecot, smtp_sink, tmp_path: Path) -> None:
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data",
                   processed_folder="İşlendi", review_folder="İnceleme")
    dovecot.append("desk", receipt_mail(random.Random(6), WHEN))
    dovecot.append("desk", question_mail(random.Random(7), WHEN))
    poll_job(app)
    assert dovecot.uids("desk", "INBOX") == []
    assert all(row.filed for row in ledger_rows(app))
