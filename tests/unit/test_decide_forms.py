"""Decisions on lost/stolen forms read in part, and what the physician's reply lists."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

from mailbot.decide import decide
from mailbot.documents.model import DocumentKind, Form, ReadDocument
from mailbot.domain import Outcome
from mailbot.evidence import Evidence, ReadAttachment
from mailbot.mail.parse import parse_message
from mailbot.rules import load_rules
from mailbot.settings import PROJECT_ROOT
from tests.support.mail import TZ, attachment_mail
from tests.support.people import make_tckn

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
SINOP = load_rules(PROJECT_ROOT / "rules" / "sinop.toml")
TCKN = make_tckn(random.Random(5))
READ = Form(request="lost", full_name="Ayşe Yılmaz", tckn=TCKN, email="ayse@example.org",
            valid=True)


def _verdict(form: Form, defects: tuple[str, ...] = ()):
    raw = attachment_mail(sender="ayse@example.org", when=WHEN, filename="form.jpg",
                          data=b"\xff\xd8 a photographed form")
    inbound = parse_message(raw)
    inbound = replace(inbound, defects=defects)
    document = ReadDocument(DocumentKind.FORM, scanned=True, form=form)
    attachment = ReadAttachment("form.jpg", "f" * 64, document)
    return decide(Evidence(inbound, (attachment,)), SINOP, NOW)


def _codes(verdict) -> list[str]:
    return [f.code for f in verdict.decision.findings]


def test_unread_details_do_not_stop_a_lost_card_request() -> None:
    verdict = _verdict(replace(READ, unreadable=("title", "phone")))
    assert verdict.decision.outcome is Outcome.AWAITING_APPROVAL
    assert ("form-details-unread", "görev, telefon") in [
        (f.code, f.detail) for f in verdict.decision.findings]


def test_unread_address_or_tckn_sends_the_form_to_the_officer() -> None:
    for field in ("email", "tckn", "full_name", "request"):
        verdict = _verdict(replace(READ, unreadable=(field, "phone")))
        assert verdict.decision.outcome is Outcome.NEEDS_OFFICER, field
        assert "form-unreadable-fields" in _codes(verdict)


def test_missing_tckn_is_sent_back_though_a_detail_was_unread() -> None:
    form = replace(READ, tckn=None, valid=False, problems=("missing_tckn",),
                   unreadable=("institution",))
    verdict = _verdict(form)
    assert verdict.decision.outcome is Outcome.REJECTED
    listed = [f["code"] for f in verdict.decision.replies[0].context["findings"]]
    assert listed == ["form-missing-tckn"]  # the unread detail is the officer's, not the sender's


def test_reply_lists_only_what_the_sender_must_fix() -> None:
    form = replace(READ, email=None, valid=False, problems=("missing_email",))
    verdict = _verdict(form, defects=("StartBoundaryNotFoundDefect",))
    assert "mime-defects" in _codes(verdict)
    listed = [f["code"] for f in verdict.decision.replies[0].context["findings"]]
    assert listed == ["form-missing-email"]


def test_on_the_self_service_route_unread_fields_need_no_officer() -> None:
    # Tekirdağ answers every lost/stolen form with KamuSM's own services, a reply to the
    # sender that uses no field of the form: an unread name or address changes nothing
    tekirdag = load_rules(PROJECT_ROOT / "rules" / "tekirdag.toml")
    raw = attachment_mail(sender="ayse@example.org", when=WHEN, filename="form.jpg",
                          data=b"\xff\xd8 a photographed form")
    form = replace(READ, full_name=None, email=None, valid=None,
                   unreadable=("full_name", "email"))
    document = ReadDocument(DocumentKind.FORM, scanned=True, form=form)
    evidence = Evidence(parse_message(raw), (ReadAttachment("form.jpg", "f" * 64, document),))
    verdict = decide(evidence, tekirdag, NOW)
    assert verdict.decision.outcome is Outcome.REJECTED
    assert _codes(verdict) == ["lost-stolen-self-service"]
    assert verdict.decision.replies[0].template == "applicant/lost-stolen-kamusm"
    missing = replace(form, tckn=None, problems=("missing_tckn",), unreadable=("email",))
    evidence = Evidence(parse_message(raw), (ReadAttachment("form.jpg", "f" * 64,
                                                            replace(document, form=missing)),))
    assert decide(evidence, tekirdag, NOW).decision.outcome is Outcome.REJECTED
    assert _verdict(form).decision.outcome is Outcome.NEEDS_OFFICER  # Sinop: the officer reads


def test_a_scanned_receipts_unconfirmed_broken_tckn_goes_to_the_officer() -> None:
    from decimal import Decimal

    from mailbot.documents.model import Receipt

    broken = TCKN[:-1] + str((int(TCKN[-1]) + 1) % 10)
    fee = SINOP.tariff_on(WHEN.date()).nes
    receipt = Receipt(bank="ziraat", amount=Decimal(fee), currency="TRY",
                      date=WHEN.date(), payer_name="Ayşe Yılmaz",
                      recipient_iban=SINOP.payee.iban,
                      description=f"Ayşe Yılmaz {broken} NES", reference="123456")
    raw = attachment_mail(sender="ayse@example.org", when=WHEN, filename="dekont.jpg",
                          data=b"\xff\xd8 a photographed receipt")

    def outcome(receipt: Receipt) -> tuple[Outcome, list[str]]:
        document = ReadDocument(DocumentKind.RECEIPT, scanned=True, receipt=receipt)
        evidence = Evidence(parse_message(raw),
                            (ReadAttachment("dekont.jpg", "e" * 64, document),))
        decision = decide(evidence, SINOP, NOW).decision
        return decision.outcome, [f.code for f in decision.findings]

    assert outcome(receipt) == (Outcome.REJECTED, ["tckn-invalid"])  # every crop read it so
    unsure = replace(receipt, unsure=("tckn",))
    assert outcome(unsure) == (Outcome.NEEDS_OFFICER, ["tckn-unsure"])
