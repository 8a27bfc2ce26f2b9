"""Loop safety: a per-sender daily cap on replies, and bounces of our replies tied to the case."""

from __future__ import annotations

import random
from pathlib import Path

from sqlmodel import Session, select

from mailbot.jobs import poll_job
from mailbot.models import Bounce, Outbox
from mailbot.settings import PROJECT_ROOT
from tests.integration.loop_support import Clock, ledger_rows, make_app
from tests.integration.test_scenarios import AYSE, WHEN, _receipt
from tests.support.mail import dsn_mail, question_mail


def _capped_rules(tmp_path: Path, cap: int) -> Path:
    text = (PROJECT_ROOT / "rules" / "sinop.toml").read_text(encoding="utf-8")
    path = tmp_path / "rules.toml"
    path.write_text(text + f"\n[limits]\nreplies_per_sender_per_day = {cap}\n", encoding="utf-8")
    return path


def test_replies_per_sender_are_capped_per_day(dovecot, smtp_sink, tmp_path: Path) -> None:
    clock = Clock()
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data", clock,
                   rules_file=_capped_rules(tmp_path, 2))
    same_sender = [question_mail(random.Random(1), WHEN) for _ in range(3)]
    for n, raw in enumerate(same_sender):
        dovecot.append("desk", raw.replace(b"Message-ID: <", f"Message-ID: <{n}.".encode()))
    poll_job(app)
    assert len(smtp_sink.wait_for(2)) == 2
    assert [r.findings.count("reply-limit") for r in ledger_rows(app)] == [0, 0, 1]
    clock.advance(days=1)
    dovecot.append("desk", same_sender[0].replace(b"Message-ID: <", b"Message-ID: <next."))
    poll_job(app)
    assert len(smtp_sink.wait_for(3)) == 3  # a new day, a new allowance


def test_bounce_of_our_reply_is_tied_to_its_case(dovecot, smtp_sink, tmp_path: Path) -> None:
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data", Clock(),
                   rules_file=_capped_rules(tmp_path, 10))
    dovecot.append("desk", _receipt(AYSE))
    poll_job(app)
    with Session(app.engine) as session:
        reply = session.exec(select(Outbox)).one()
    dovecot.append("desk", dsn_mail(reply.message_id, AYSE[2]))
    poll_job(app)
    rows = ledger_rows(app)
    assert rows[-1].outcome == "ignored" and "reply-bounced" in rows[-1].findings
    with Session(app.engine) as session:
        bounce = session.exec(select(Bounce)).one()
    assert bounce.outbox_id == reply.id and bounce.application_id == rows[0].application_id
    assert bounce.status == "5.1.1" and bounce.recipient == AYSE[2]
    assert len(smtp_sink.messages) == 1  # never answered
