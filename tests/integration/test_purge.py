"""Retention: data past its period is gone, the audit line stays, nothing else is touched."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from mailbot.crypto import new_key
from mailbot.db import session_scope
from mailbot.jobs import flush_job, poll_job
from mailbot.models import Application, AuditEvent, Credential, Document, Outbox, Processed
from mailbot.officer import approve
from mailbot.purge import purge
from mailbot.settings import PROJECT_ROOT
from tests.integration.loop_support import Clock, make_app
from tests.integration.test_scenarios import AYSE, SUKRU, WHEN, _receipt
from tests.support.mail import custom_form_mail


def _rules(tmp_path: Path) -> Path:
    text = (PROJECT_ROOT / "rules" / "sinop.toml").read_text(encoding="utf-8")
    text += ("\n[retention]\nattachments_days = 30\nbodies_days = 30\n"
             "credentials_days_after_sent = 5\n")
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot(app) -> dict:
    with Session(app.engine) as session:
        return {
            "docs": [(d.processed_id, d.fields is not None, d.stored_path)
                     for d in session.exec(select(Document))],
            "bodies": [(p.id, p.body is not None) for p in session.exec(select(Processed))],
            "ledger": [(p.id, p.outcome, p.status) for p in session.exec(select(Processed))],
            "cases": [(a.case_token, a.status) for a in session.exec(select(Application))],
            "credentials": [c.ciphertext is not None for c in session.exec(select(Credential))],
            "replies": [(o.id, o.raw != b"") for o in session.exec(select(Outbox))],
        }


def test_purge_deletes_only_what_is_past_retention(dovecot, smtp_sink, tmp_path: Path) -> None:
    clock = Clock()
    clock.now = WHEN
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data", clock,
                   rules_file=_rules(tmp_path), secret_keys=new_key())
    name, tckn, sender = SUKRU
    dovecot.append("desk", custom_form_mail(name=name, tckn=tckn, sender=sender,
                                            form_email=sender, when=WHEN))
    poll_job(app)
    with Session(app.engine) as session:
        token = session.exec(select(Application)).one().case_token
    with session_scope(app.engine) as session:
        approve(app, session, token, "cli:test", clock.now, "Parola-123")
    flush_job(app)
    clock.advance(days=10)
    dovecot.append("desk", _receipt(AYSE))
    poll_job(app)
    before = _snapshot(app)
    old_file = next(path for pid, _, path in before["docs"] if pid == 1)
    young_file = next(path for pid, _, path in before["docs"] if pid == 2)
    assert Path(old_file).exists() and Path(young_file).exists() and all(before["credentials"])

    clock.advance(days=21)  # the first mail is 31 days old, the second 21
    counted = purge(app, clock.now, dry_run=True)
    assert _snapshot(app) == before  # a dry run only counts
    report = purge(app, clock.now)
    assert (report.attachments, report.bodies, report.credentials) == (1, 1, 1)
    assert counted == report
    after = _snapshot(app)
    assert not Path(old_file).exists() and Path(young_file).exists()
    assert [d[:2] for d in after["docs"]] == [(1, False), (2, True)]
    assert dict(after["bodies"]) == {1: False, 2: True}
    assert after["credentials"] == [False]
    assert after["ledger"] == before["ledger"] and after["cases"] == before["cases"]
    with Session(app.engine) as session:
        (line,) = session.exec(select(AuditEvent).where(AuditEvent.action == "purge")).all()
    assert json.loads(line.detail)["attachments"] == 1
    assert purge(app, clock.now) == type(report)()  # nothing left to purge
