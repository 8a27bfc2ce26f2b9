"""The same loop on PostgreSQL (a throwaway cluster): migrations, ledger, outbox, decisions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mailbot.db import session_scope
from mailbot.jobs import flush_job, poll_job
from mailbot.models import Application
from mailbot.officer import approve
from mailbot.testing.postgres import DEBIAN_PACKAGE, Postgres, postgres_available
from tests.integration.loop_support import Clock, ledger_rows, make_app, outbox_rows
from tests.integration.test_scenarios import SUKRU, WHEN, sinop_rules  # noqa: F401 (fixture)
from tests.support.mail import custom_form_mail, mixed_mail


@pytest.fixture
def postgres() -> Iterator[Postgres]:
    if not postgres_available():
        pytest.skip(f"PostgreSQL is not installed (Debian package {DEBIAN_PACKAGE})")
    with Postgres() as server:
        yield server


def test_loop_and_approval_on_postgresql(dovecot, smtp_sink, postgres, sinop_rules,  # noqa: F811
                                         tmp_path: Path) -> None:
    from mailbot.crypto import new_key

    clock = Clock()
    clock.now = WHEN
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data", clock,
                   database_url=postgres.url, rules_file=sinop_rules, secret_keys=new_key())
    dovecot.append_many("desk", mixed_mail(10, seed=5))
    name, tckn, sender = SUKRU
    dovecot.append("desk", custom_form_mail(name=name, tckn=tckn, sender=sender,
                                            form_email=sender, when=WHEN))
    assert poll_job(app) is not None and poll_job(app).seen == 0
    rows = ledger_rows(app)
    assert len(rows) == 11 and all(row.status == "done" for row in rows)
    assert app.engine.dialect.name == "postgresql"
    with Session(app.engine) as session:
        token = session.exec(select(Application).where(
            Application.tckn == tckn)).one().case_token
    with session_scope(app.engine) as session:
        approve(app, session, token, "cli:test", clock.now, "Parola-123")
    flush_job(app)
    sent = [row for row in outbox_rows(app) if row.status == "sent"]
    assert len(sent) == len(outbox_rows(app)) == len(smtp_sink.messages)
    assert any("Parola-123" in m.data.decode(errors="replace") for m in smtp_sink.messages)
