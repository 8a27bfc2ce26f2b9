"""The mail loop against real Dovecot and aiosmtpd on loopback."""

from __future__ import annotations

import random
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from mailbot import process
from mailbot.jobs import AlreadyRunning, flush_job, instance_lock, poll_job
from mailbot.mail.imap import Mailbox
from mailbot.testing.proxy import TcpProxy
from tests.integration.loop_support import (
    Clock,
    audit_actions,
    ledger_rows,
    make_app,
    outbox_rows,
)
from tests.support.mail import TZ, mixed_mail, question_mail, receipt_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(dovecot, smtp_sink, tmp_path: Path, clock: Clock):
    return make_app(dovecot.port, smtp_sink.port, tmp_path / "data", clock)


def test_fetch_peeks_without_marking_seen(dovecot, app) -> None:
    dovecot.append("desk", receipt_mail(random.Random(1), WHEN))
    with Mailbox(app.account()) as mailbox:
        fetched = list(mailbox.fetch(mailbox.uids(), batch=10))
    assert len(fetched) == 1 and b"Subject: E-imza dekont" in fetched[0].raw
    assert all("\\Seen" not in flags for flags in dovecot.flags("desk").values())


def test_poll_records_replies_and_files_every_message(dovecot, smtp_sink, app) -> None:
    for raw in mixed_mail(5):
        dovecot.append("desk", raw)
    report = poll_job(app)
    assert report is not None and report.processed == 5
    rows = ledger_rows(app)
    assert len(rows) == 5 and all(row.status == "done" and row.filed for row in rows)
    outcomes = {row.subject: row.outcome for row in rows}
    assert outcomes == {
        "E-imza dekont": "accepted", "e-imza kayıp formu": "rejected",  # Tekirdağ: KamuSM route
        "Soru: e-imza yenileme": "needs-officer", "Otomatik yanıt: Başvurunuz alındı": "ignored",
        "bozuk": "needs-officer"}
    assert dovecot.uids("desk", "INBOX") == []
    assert len(dovecot.uids("desk", "Review")) == 3 and len(dovecot.uids("desk", "Processed")) == 2
    assert all("\\Seen" not in flags for flags in dovecot.flags("desk", "Review").values())
    received = smtp_sink.wait_for(4)
    assert len(received) == 4  # the auto-reply got no answer
    ids = {row.message_id for row in outbox_rows(app)}
    assert {mail.message_id for mail in received} == ids
    first = message_from_bytes(received[0].data, policy=policy.default)
    assert first["Auto-Submitted"] == "auto-replied" and first["In-Reply-To"]


def test_second_poll_does_nothing_new(dovecot, smtp_sink, app) -> None:
    dovecot.append("desk", question_mail(random.Random(2), WHEN))
    poll_job(app)
    report = poll_job(app)
    assert report is not None and report.seen == 0
    assert len(ledger_rows(app)) == 1 and len(smtp_sink.wait_for(1)) == 1


def test_failure_leaves_mail_in_inbox_then_shunts(dovecot, smtp_sink, app,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dovecot.append("desk", question_mail(random.Random(3), WHEN))

    def broken(*_args: object) -> None:
        raise RuntimeError("decision bug")

    monkeypatch.setattr(process, "decide", broken)
    poll_job(app)
    (row,) = ledger_rows(app)
    assert (row.status, row.attempts) == ("failed", 1) and "decision bug" in row.error
    assert len(dovecot.uids("desk", "INBOX")) == 1  # not touched before a commit
    poll_job(app)
    poll_job(app)
    (row,) = ledger_rows(app)
    assert (row.status, row.attempts, row.folder) == ("shunted", 3, "failed")
    assert dovecot.uids("desk", "INBOX") == [] and len(dovecot.uids("desk", "Failed")) == 1
    assert outbox_rows(app) == [] and smtp_sink.messages == []
    assert audit_actions(app)["shunted"] == 1


def test_uidvalidity_change_neither_reprocesses_nor_loses(dovecot, smtp_sink, app,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for raw in mixed_mail(3, seed=11):
        dovecot.append("desk", raw)
    with monkeypatch.context() as patched:  # a crash after the commit, before the move
        patched.setattr(process, "file_messages", lambda *_args: None)
        poll_job(app)
    assert len(dovecot.uids("desk", "INBOX")) == 3
    before = dovecot.uidvalidity("desk")
    after = dovecot.reset_uidvalidity("desk")
    assert after != before and len(dovecot.uids("desk", "INBOX")) == 3
    dovecot.append("desk", question_mail(random.Random(12), WHEN))
    report = poll_job(app)
    assert report is not None and (report.refiled, report.processed) == (3, 1)
    rows = ledger_rows(app)
    assert len(rows) == 4 and {row.uidvalidity for row in rows} == {after}
    assert dovecot.uids("desk", "INBOX") == []
    received = smtp_sink.wait_for(4)  # 3 persons before the change + 1 new question
    assert sorted(m.message_id for m in received) == sorted(r.message_id for r in outbox_rows(app))
    assert len(received) == 4  # nobody was answered twice
    assert audit_actions(app)["ledger-relocated"] == 3


def test_4xx_is_retried_then_sent_once(dovecot, smtp_sink, app, clock) -> None:
    dovecot.append("desk", question_mail(random.Random(4), WHEN))
    smtp_sink.fail_next("451 4.3.0 Try again later")
    poll_job(app)
    (row,) = outbox_rows(app)
    assert row.status == "pending" and row.attempts == 1 and "451" in row.last_error
    assert flush_job(app).sent == 0  # not due yet: backoff
    clock.advance(minutes=2)
    assert flush_job(app).sent == 1
    (row,) = outbox_rows(app)
    received = smtp_sink.wait_for(1)
    assert row.status == "sent" and [m.message_id for m in received] == [row.message_id]
    clock.advance(hours=1)
    assert flush_job(app).sent == 0 and len(smtp_sink.messages) == 1


def test_5xx_fails_the_reply_with_the_servers_words(dovecot, smtp_sink, app, clock) -> None:
    dovecot.append("desk", question_mail(random.Random(5), WHEN))
    smtp_sink.fail_next("550 5.1.1 No such user")
    poll_job(app)
    (row,) = outbox_rows(app)
    assert row.status == "failed" and "550 5.1.1 No such user" in row.last_error
    clock.advance(hours=2)
    assert flush_job(app).sent == 0 and smtp_sink.messages == []
    assert audit_actions(app)["outbox-failed"] == 1


def test_4xx_past_the_deadline_gives_up(dovecot, smtp_sink, app, clock) -> None:
    dovecot.append("desk", question_mail(random.Random(6), WHEN))
    smtp_sink.fail_next(*["421 4.7.0 busy"] * 20)
    poll_job(app)
    for _ in range(12):
        clock.advance(hours=8)
        flush_job(app)
    (row,) = outbox_rows(app)
    assert row.status == "failed" and "421" in (row.last_error or "")
    assert audit_actions(app)["outbox-failed"] == 1


def test_dropped_connection_mid_fetch_loses_nothing(dovecot, smtp_sink, tmp_path, clock) -> None:
    for raw in mixed_mail(10, seed=21):
        dovecot.append("desk", raw)
    with TcpProxy("127.0.0.1", dovecot.port) as proxy:
        app = make_app(proxy.port, smtp_sink.port, tmp_path / "data", clock, fetch_batch=3)
        proxy.cut_after(110_000)  # inside the third batch of three
        assert poll_job(app) is None  # the outage is logged, the job returns
        partial = len(ledger_rows(app))
        assert 0 < partial < 10
        proxy.cut_after(None)
        report = poll_job(app)
    assert report is not None
    rows = ledger_rows(app)
    assert len(rows) == 10 and all(row.status == "done" for row in rows)
    assert dovecot.uids("desk", "INBOX") == []
    persons = sum(row.outcome != "ignored" for row in rows)
    received = smtp_sink.wait_for(persons)
    assert len(received) == persons == len({m.message_id for m in received})


def test_second_instance_refuses_to_start(app) -> None:
    lock = instance_lock(app)
    try:
        with pytest.raises(AlreadyRunning, match="another mailbot"):
            instance_lock(app)
    finally:
        lock.release()


def test_undeliverable_address_fails_its_row_and_the_flush_goes_on(dovecot, smtp_sink,
                                                                     app) -> None:
    raw = question_mail(random.Random(7), WHEN).replace(b"From: ", b"From: x <\xc5\x9f\xc3\xbck"
                                                        b"r\xc3\xbc@example.org>\r\nX-Old: ", 1)
    dovecot.append("desk", raw)
    dovecot.append("desk", question_mail(random.Random(8), WHEN))
    poll_job(app)
    statuses = sorted(row.status for row in outbox_rows(app))
    assert statuses == ["failed", "sent"]
    assert len(smtp_sink.wait_for(1)) == 1


def test_status_shows_the_last_poll_and_the_queues(dovecot, smtp_sink, app) -> None:
    from mailbot.status import collect

    assert dict(collect(app))["last poll"] == "never"
    dovecot.append("desk", question_mail(random.Random(9), WHEN))
    smtp_sink.fail_next("451 4.3.0 later")
    poll_job(app)
    status = dict(collect(app))
    assert " ok seen=1 processed=1" in status["last poll"]
    assert status["outbox pending"] == "1" and status["quarantined (Failed folder)"] == "0"
