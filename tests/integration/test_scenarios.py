"""Scenarios per outcome and finding, through the real loop (Dovecot + aiosmtpd)."""

from __future__ import annotations

import io
import json
import logging
import random
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from sqlmodel import Session, select

from mailbot.crypto import new_key
from mailbot.db import session_scope
from mailbot.jobs import flush_job, poll_job
from mailbot.logs import setup_logging
from mailbot.models import Application, AuditEvent, Credential, Outbox
from mailbot.officer import approve
from mailbot.settings import PROJECT_ROOT
from tests.integration.loop_support import Clock, ledger_rows, make_app
from tests.support.mail import (
    attachment_mail,
    auto_reply_mail,
    custom_form_mail,
    custom_receipt_mail,
    officer_mail,
    pdf_from_lines,
    question_mail,
)
from tests.support.people import make_iban, make_tckn

TZ = timezone(timedelta(hours=3))
WHEN = datetime(2024, 3, 14, 10, 0, tzinfo=TZ)
OFFICER = "sinop.sbs@saglik.gov.tr"
TRUSTED = "mx.saglik.gov.tr"
PAYEE = "TR890001200969400005000041"
RNG = random.Random(77)
AYSE = ("Ayşe Gül Yılmaz", make_tckn(RNG), "ayse.yilmaz@example.org")
SUKRU = ("Şükrü Işık", make_tckn(RNG), "sukru.isik@example.org")
PASSWORD = "Gizli-Parola-93"


@pytest.fixture
def sinop_rules(tmp_path: Path) -> Path:
    text = (PROJECT_ROOT / "rules" / "sinop.toml").read_text(encoding="utf-8")
    text = text.replace('officers = ["sinop.sbs@saglik.gov.tr"]',
                        f'officers = ["{OFFICER}"]\ntrusted_authserv_id = "{TRUSTED}"')
    path = tmp_path / "sinop.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def app(dovecot, smtp_sink, tmp_path: Path, sinop_rules: Path):
    clock = Clock()
    clock.now = WHEN + timedelta(hours=1)
    return make_app(dovecot.port, smtp_sink.port, tmp_path / "data", clock,
                    rules_file=sinop_rules, secret_keys=new_key())


def _run(app, dovecot, *raws: bytes) -> None:
    for raw in raws:
        dovecot.append("desk", raw)
    assert poll_job(app) is not None


def _replies(smtp_sink, to: str) -> list:
    return [message_from_bytes(m.data, policy=policy.default) for m in smtp_sink.messages
            if to in m.rcpt_tos]


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _outcome(app) -> tuple[str, list[str]]:
    row = ledger_rows(app)[-1]
    return row.outcome, [f["code"] for f in json.loads(row.findings or "[]")]


def _receipt(person=AYSE, **changes) -> bytes:
    name, tckn, sender = person
    return custom_receipt_mail(name=name, tckn=tckn, sender=sender, when=WHEN,
                               iban=changes.pop("iban", PAYEE), **changes)


def test_valid_receipt_is_accepted(app, dovecot, smtp_sink) -> None:
    _run(app, dovecot, _receipt())
    assert _outcome(app) == ("accepted", [])
    (reply,) = _replies(smtp_sink, AYSE[2])
    assert "Dekontunuz kabul edildi" in reply["Subject"] and "[EIMZA-2024-" in reply["Subject"]
    with Session(app.engine) as session:
        (case,) = session.exec(select(Application)).all()
    assert case.status == "payment-verified" and case.tckn == AYSE[1]


@pytest.mark.parametrize(("changes", "code", "words"), [
    ({"iban": make_iban(random.Random(1), "00010")}, "payee-iban-mismatch", [PAYEE, "hesabına"]),
    ({"amount": "900,00"}, "fee-mismatch", ["1.080,00 TL", "780,00 TL", "900,00 TL"]),
    ({"description": "AYSE GUL YILMAZ NES UCRETI"}, "description-missing-tckn",
     ["T.C. kimlik numaranız yok"]),
    ({"description": "AYSE GUL YILMAZ 12345678901 NES"}, "tckn-invalid", ["geçerli değil"]),
])
def test_each_receipt_problem_is_named_in_the_reply(app, dovecot, smtp_sink, changes, code,
                                                    words) -> None:
    _run(app, dovecot, _receipt(**changes))
    outcome, codes = _outcome(app)
    assert outcome == "rejected" and code in codes
    (reply,) = _replies(smtp_sink, AYSE[2])
    assert "düzeltilmesi gereken" in reply["Subject"]
    for word in words:
        assert word in _text(reply)


def test_duplicate_and_reused_receipts(app, dovecot, smtp_sink) -> None:
    _run(app, dovecot, _receipt())
    _run(app, dovecot, _receipt())  # the same receipt again, same person
    assert _outcome(app) == ("rejected", ["receipt-duplicate"])
    assert "daha önce" in _text(_replies(smtp_sink, AYSE[2])[-1])
    _, tckn, sender = SUKRU
    stolen = _receipt(body=f"Dekontum ektedir. TC: {tckn}")
    stolen = stolen.replace(AYSE[2].encode(), sender.encode())
    _run(app, dovecot, stolen)
    assert _outcome(app) == ("rejected", ["receipt-reused"])
    assert "başka bir başvuruda" in _text(_replies(smtp_sink, sender)[-1])
    with Session(app.engine) as session:
        (case,) = session.exec(select(Application)).all()  # Ayşe's case untouched by Şükrü
    assert case.tckn == AYSE[1] and case.status == "needs-fix"  # her own duplicate, not Şükrü's


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_from_lines(["DEKONT"]))))
    writer.encrypt(user_password="gizli", owner_password="sahip")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("filename", "data", "outcome", "code"), [
    ("dekont.pdf", b"%PDF-1.4\n%broken beyond repair", "rejected", "document-unreadable"),
    ("dekont.pdf", None, "rejected", "document-encrypted"),
    ("mektup.pdf", pdf_from_lines(["Sayın Müdürlük,", "Toplantı tutanağı ektedir."]),
     "needs-officer", "document-unrecognised"),
])
def test_documents_that_cannot_be_used(app, dovecot, smtp_sink, filename, data, outcome,
                                       code) -> None:
    payload = data if data is not None else _encrypted_pdf()
    _run(app, dovecot, attachment_mail(sender=AYSE[2], when=WHEN, filename=filename,
                                       data=payload))
    got, codes = _outcome(app)
    assert got == outcome and code in codes
    (reply,) = _replies(smtp_sink, AYSE[2])
    assert filename in _text(reply) or outcome == "needs-officer"


def test_question_goes_to_officer_and_auto_reply_is_ignored(app, dovecot, smtp_sink) -> None:
    _run(app, dovecot, question_mail(random.Random(3), WHEN))
    assert _outcome(app) == ("needs-officer", ["no-attachment"])
    _run(app, dovecot, auto_reply_mail(random.Random(4), WHEN))
    assert _outcome(app)[0] == "ignored"
    assert len(smtp_sink.messages) == 1


def _lost_card(app, dovecot, smtp_sink) -> str:
    name, tckn, sender = SUKRU
    _run(app, dovecot, custom_form_mail(name=name, tckn=tckn, sender=sender,
                                        form_email="s.isik@example.net", when=WHEN))
    assert _outcome(app) == ("awaiting-approval", [])
    with Session(app.engine) as session:
        (case,) = session.exec(select(Application)).all()
    assert case.status == "awaiting-approval" and case.form_email == "s.isik@example.net"
    return case.case_token


def _credential_mail_checks(app, smtp_sink) -> None:
    (secret,) = _replies(smtp_sink, "s.isik@example.net")
    assert PASSWORD in _text(secret) and "basvuru.kamusm.gov.tr" in _text(secret)
    notices = _replies(smtp_sink, SUKRU[2])
    assert "s***@example.net" in _text(notices[-1]) and PASSWORD not in _text(notices[-1])
    with Session(app.engine) as session:
        (credential,) = session.exec(select(Credential)).all()
        sealed = session.exec(select(Outbox).where(Outbox.sealed)).all()
    assert PASSWORD.encode() not in credential.ciphertext and credential.sent_at is not None
    assert [row.raw for row in sealed] == [b""]  # wiped once delivered


def test_lost_card_approved_from_the_command_line(app, dovecot, smtp_sink) -> None:
    token = _lost_card(app, dovecot, smtp_sink)
    with session_scope(app.engine) as session:
        approve(app, session, token, "cli:officer", app.clock(), PASSWORD)
    flush_job(app)
    _credential_mail_checks(app, smtp_sink)
    with pytest.raises(ValueError, match="zaten onaylanmış"), session_scope(app.engine) as s:
        approve(app, s, token, "cli:officer", app.clock(), PASSWORD)


def test_lost_card_approved_by_authenticated_officer_mail(app, dovecot, smtp_sink) -> None:
    token = _lost_card(app, dovecot, smtp_sink)
    header = f"{TRUSTED}; spf=pass smtp.mailfrom=saglik.gov.tr; dkim=pass header.d=saglik.gov.tr"
    _run(app, dovecot, officer_mail(officer=OFFICER, token=token, body=f"ONAY {PASSWORD}",
                                    when=WHEN, auth_results=header))
    assert _outcome(app) == ("accepted", ["officer-command"])
    assert ledger_rows(app)[-1].body is None  # the command mail carried the password
    _credential_mail_checks(app, smtp_sink)
    assert "işlendi" in _replies(smtp_sink, OFFICER)[-1]["Subject"]


@pytest.mark.parametrize("auth", [None, "evil.example; dmarc=pass header.from=saglik.gov.tr",
                                  f"{TRUSTED}; dmarc=fail header.from=saglik.gov.tr"])
def test_forged_officer_mail_changes_nothing(app, dovecot, smtp_sink, auth) -> None:
    token = _lost_card(app, dovecot, smtp_sink)
    _run(app, dovecot, officer_mail(officer=OFFICER, token=token, body=f"ONAY {PASSWORD}",
                                    when=WHEN, auth_results=auth))
    assert _outcome(app) == ("needs-officer", ["officer-command-refused"])
    assert _replies(smtp_sink, "s.isik@example.net") == [] and _replies(smtp_sink, OFFICER) == []
    with Session(app.engine) as session:
        (case,) = session.exec(select(Application)).all()
        refused = session.exec(select(AuditEvent).where(
            AuditEvent.action == "officer-command-refused")).all()
    assert case.status == "awaiting-approval" and len(refused) == 1


def test_tekirdag_sends_lost_cards_to_kamusm(dovecot, smtp_sink, tmp_path: Path) -> None:
    app = make_app(dovecot.port, smtp_sink.port, tmp_path / "data", Clock())
    name, tckn, sender = SUKRU
    _run(app, dovecot, custom_form_mail(name=name, tckn=tckn, sender=sender, form_email=sender,
                                        when=WHEN))
    assert _outcome(app) == ("rejected", ["lost-stolen-self-service"])
    (reply,) = _replies(smtp_sink, sender)
    assert "KamuSM" in _text(reply) and "basvuru.kamusm.gov.tr" in _text(reply)


def test_no_full_tckn_or_password_in_any_log_line(app, dovecot, smtp_sink) -> None:
    output = io.StringIO()
    setup_logging("DEBUG", stream=output)  # mailbot's own log set-up, at its most verbose
    try:
        token = _lost_card(app, dovecot, smtp_sink)
        _run(app, dovecot, _receipt(), _receipt(description="AYSE GUL YILMAZ 12345678901 NES"))
        header = f"{TRUSTED}; dmarc=pass header.from=saglik.gov.tr"
        _run(app, dovecot, officer_mail(officer=OFFICER, token=token, body=f"ONAY {PASSWORD}",
                                        when=WHEN, auth_results=header))
    finally:
        logging.getLogger().handlers.clear()
    logged = output.getvalue()
    assert "outcome=awaiting-approval" in logged and "outcome=rejected" in logged
    assert len(_replies(smtp_sink, "s.isik@example.net")) == 1  # the password did go out
    for secret in (AYSE[1], SUKRU[1], PASSWORD):
        assert secret not in logged


def test_mailbot_approve_command_asks_for_the_password_hidden(app, dovecot, smtp_sink,
                                                             sinop_rules, tmp_path,
                                                             monkeypatch) -> None:
    from typer.testing import CliRunner

    from mailbot.cli import app as cli
    from tests.integration.loop_support import settings_for

    token = _lost_card(app, dovecot, smtp_sink)
    for key, value in settings_for(dovecot.port, smtp_sink.port, tmp_path / "data").items():
        monkeypatch.setenv(f"MAILBOT_{key.upper()}", str(value))
    monkeypatch.setenv("MAILBOT_RULES_FILE", str(sinop_rules))
    monkeypatch.setenv("MAILBOT_SECRET_KEYS", app.settings.secret_keys.get_secret_value())
    monkeypatch.setenv("MAILBOT_CONFIG", str(tmp_path / "none.toml"))
    result = CliRunner().invoke(cli, ["approve", token], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert f"{token} onaylandı" in result.output and "gönderilen=2" in result.output
    assert PASSWORD not in result.output  # the prompt does not echo it
    _credential_mail_checks(app, smtp_sink)
    again = CliRunner().invoke(cli, ["reject", token, "--reason", "yanlış kişi"])
    assert again.exit_code != 0


def test_officer_command_for_an_unknown_case_is_reported_back(app, dovecot, smtp_sink) -> None:
    token = _lost_card(app, dovecot, smtp_sink)
    header = f"{TRUSTED}; dmarc=pass header.from=saglik.gov.tr"
    _run(app, dovecot, officer_mail(officer=OFFICER, token="EIMZA-2024-999999", body="ONAY x",
                                    when=WHEN, auth_results=header))
    (answer,) = _replies(smtp_sink, OFFICER)
    assert "işlenemedi" in answer["Subject"] and "numaralı bir başvuru yok" in _text(answer)
    _run(app, dovecot, officer_mail(officer=OFFICER, token=token, body="RET", when=WHEN,
                                    auth_results=header))
    assert "gerekçe" in _text(_replies(smtp_sink, OFFICER)[-1])
    with Session(app.engine) as session:
        (case,) = session.exec(select(Application)).all()
        failed = session.exec(select(AuditEvent).where(
            AuditEvent.action == "officer-command-failed")).all()
    assert case.status == "awaiting-approval" and len(failed) == 2
    assert _replies(smtp_sink, "s.isik@example.net") == []
