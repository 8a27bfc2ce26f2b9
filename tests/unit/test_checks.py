"""Each named check: hit and miss."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from mailbot import checks
from mailbot.documents.model import Form, Receipt
from mailbot.rules import load_rules
from mailbot.settings import PROJECT_ROOT
from tests.support.people import make_iban, make_tckn

RULES = load_rules(PROJECT_ROOT / "rules" / "tekirdag.toml")
TCKN = make_tckn(random.Random(5))
GOOD = Receipt(bank="halkbank", amount=Decimal("1080.00"), currency="TRY",
               date=date(2024, 3, 14), payer_name="ŞÜKRÜ IŞIK",
               recipient_iban=RULES.payee.iban, description=f"SUKRU ISIK-{TCKN}- NES Ucreti",
               tckn=TCKN, reference="123456")


def _with(**changes: object) -> Receipt:
    return Receipt(**{**GOOD.__dict__, **changes})


def test_good_receipt_passes_every_receipt_check() -> None:
    assert checks.payee_iban_mismatch(GOOD, RULES) is None
    assert checks.fee_mismatch(GOOD, RULES) is None
    assert checks.description_missing_tckn(GOOD) is None
    assert checks.tckn_invalid(GOOD) is None
    assert checks.description_missing_signal(GOOD, RULES) is None


def test_other_iban_is_named_with_expected_and_found() -> None:
    other = make_iban(random.Random(1), "00010")
    finding = checks.payee_iban_mismatch(_with(recipient_iban=other), RULES)
    assert finding.code == "payee-iban-mismatch"
    assert RULES.payee.iban in finding.detail and other in finding.detail


def test_fee_uses_tariff_in_force_on_payment_date() -> None:
    assert checks.fee_mismatch(_with(amount=Decimal("780.00")), RULES) is None  # renewal
    assert checks.fee_mismatch(_with(amount=Decimal("218.30"), date=date(2021, 6, 1)),
                               RULES) is None
    late = checks.fee_mismatch(_with(amount=Decimal("900.00")), RULES)  # last year's price
    assert late.code == "fee-mismatch"
    assert "1.080,00 TL" in late.detail and "780,00 TL" in late.detail
    assert "900,00 TL" in late.detail


def test_missing_and_invalid_tckn_in_description() -> None:
    missing = checks.description_missing_tckn(_with(tckn=None, description="SUKRU ISIK NES"))
    assert missing.code == "description-missing-tckn"
    broken = TCKN[:-1] + str((int(TCKN[-1]) + 1) % 10)
    receipt = _with(tckn=None, description=f"SUKRU ISIK {broken} NES")
    assert checks.tckn_invalid(receipt).code == "tckn-invalid"
    assert checks.description_missing_tckn(receipt) is None
    assert checks.tckn_unsure(receipt) is None
    # on a scan whose crops did not read those figures alike, a digit may be misread: the
    # officer reads it, the physician is not told the TCKN is invalid
    unsure = _with(tckn=None, description=f"SUKRU ISIK {broken} NES", unsure=("tckn",))
    assert checks.tckn_invalid(unsure) is None
    assert checks.tckn_unsure(unsure).code == "tckn-unsure"
    assert checks.description_missing_tckn(unsure) is None


def test_duplicate_and_reuse() -> None:
    prior = (checks.PriorReceipt("123456", "aaa", TCKN, "EIMZA-2026-000001", "a@example.org"),)
    same = checks.Claimant((TCKN,), "a@example.org")
    other = checks.Claimant((make_tckn(random.Random(9)),), "b@example.org")
    assert checks.receipt_duplicate(GOOD, "bbb", same, prior).code == "receipt-duplicate"
    assert checks.receipt_duplicate(GOOD, "bbb", other, prior) is None
    assert checks.receipt_reused(GOOD, "bbb", other, prior).code == "receipt-reused"
    assert checks.receipt_reused(_with(reference="999"), "ccc", other, prior) is None
    assert checks.receipt_duplicate(_with(reference=None), "aaa", same, prior) is not None
    by_address = checks.Claimant((), "b@example.org")  # no TCKN written: the address decides
    assert checks.receipt_reused(GOOD, "bbb", by_address, prior) is not None


def test_form_checks_respect_unreadable_fields() -> None:
    form = Form(problems=("missing_email", "missing_tckn"), unreadable=("email",))
    assert checks.form_missing_email(form) is None  # ink was there: an officer reads it
    assert checks.form_missing_tckn(form).code == "form-missing-tckn"
    assert checks.form_unreadable_fields(form).detail == "e-posta"  # as the officer reads it
    assert checks.form_invalid_tckn(Form(problems=("invalid_tckn",))).code == "form-invalid-tckn"


def test_scanned_amount_one_ocr_slip_from_a_fee_goes_to_the_officer() -> None:
    slipped = _with(amount=Decimal("2300.00"))  # "₺300,00" read with ₺ as 2
    assert checks.amount_unsure(slipped, RULES, scanned=True).code == "amount-unsure"
    assert checks.amount_unsure(slipped, RULES, scanned=False) is None  # a text layer is exact
    lost_one = _with(amount=Decimal("47.50"), date=date(2021, 6, 1))  # "147,50" lost its 1
    assert checks.amount_unsure(lost_one, RULES, scanned=True) is not None
    assert checks.amount_unsure(_with(amount=Decimal("900.00")), RULES, scanned=True) is None
    minus_one = _with(amount=Decimal("447.50"), date=date(2021, 6, 1))  # "-147,50": -1 as 4
    assert checks.amount_unsure(minus_one, RULES, scanned=True) is not None
    kurus = _with(amount=Decimal("147.00"), date=date(2021, 6, 1))
    assert checks.amount_unsure(kurus, RULES, scanned=True) is not None
    assert checks.amount_unsure(_with(amount=Decimal("980.00")), RULES, scanned=True) is None
    assert checks.amount_unsure(GOOD, RULES, scanned=True) is None


def test_payee_iban_is_recognised_through_ocr_slips_only() -> None:
    payee = RULES.payee.iban  # TR640001200930400005000016
    assert checks.payee_iban_in_text("ALICI IBAN : TR64 OOO1 2009 3040 0005 0000 16", payee)
    assert checks.payee_iban_in_text("IBAN: TR64-0001-2OO9-3040-0OO5-0000-16", payee, 0)
    assert checks.payee_iban_in_text("IBAN: TR64 0001 2009 3040 0005 0000 1b", payee)  # b≠6
    assert not checks.payee_iban_in_text("IBAN: TR64 0001 2009 3040 0005 0000 17", payee, 0)
    other = "TR89 0001 2009 6940 0005 0000 41"  # Sinop's: another directorate
    assert not checks.payee_iban_in_text(f"ALICI IBAN : {other}", payee)
    assert not checks.payee_iban_in_text("no iban here TR", payee)
