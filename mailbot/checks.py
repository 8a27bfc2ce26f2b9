"""Named checks (pure): each looks at one fact and returns a Finding or None."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from stdnum.tr import tckimlik

from mailbot.documents.model import Form, Receipt
from mailbot.domain import Finding
from mailbot.rules import Rules
from mailbot.text import fold_key

# A form's fields a request rests on: who asks, for what, and where the password goes.
DECISIVE_FORM_FIELDS = frozenset({"request", "full_name", "tckn", "email"})
# The form's fields as the officer reads them (in the digest).
FORM_FIELD_NAMES = {
    "request": "başvuru nedeni", "full_name": "ad soyad", "tckn": "T.C. kimlik no",
    "title": "görev", "institution": "kurum", "email": "e-posta", "phone": "telefon",
    "date": "tarih", "card_reader": "kart okuyucu",
}
_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


@dataclass(frozen=True)
class PriorReceipt:
    """A receipt already on file: its bank reference, file hash, and whose it was."""

    reference: str | None
    file_sha256: str
    tckn: str | None
    case_token: str
    sender: str | None = None


@dataclass(frozen=True)
class Claimant:
    """Who sends the receipt now: TCKNs they wrote (form, message) and their address."""

    tckns: tuple[str, ...]
    sender: str | None

    def is_owner(self, prior: PriorReceipt) -> bool:
        """Whether the receipt on file was this person's."""
        if self.tckns and prior.tckn:
            return prior.tckn in self.tckns
        if prior.sender and self.sender:
            return prior.sender.lower() == self.sender.lower()
        return True


def _money(amount: Decimal) -> str:
    """Turkish money text: 1.080,00 TL."""
    text = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} TL"


def payee_iban_mismatch(receipt: Receipt, rules: Rules) -> Finding | None:
    """The money went to another account than the directorate's."""
    if receipt.recipient_iban is None or receipt.recipient_iban == rules.payee.iban:
        return None
    return Finding("payee-iban-mismatch",
                   f"beklenen {rules.payee.iban}, dekontta {receipt.recipient_iban}")


_LOOKALIKE_DIGITS = str.maketrans({"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "|": "1",
                                   "Z": "2", "A": "4", "S": "5", "G": "6", "T": "7", "B": "8"})


def payee_iban_in_text(text: str, payee_iban: str, max_slips: int = 2) -> bool:
    """The payee's IBAN appears in OCR text up to `max_slips` misread characters.

    Used only when the reader found no checksum-valid IBAN: a repair against the known
    value, never a guess of an unknown one (two valid TR IBANs differ in more places).
    """
    squeezed = re.sub(r"[\s.\-]", "", text.upper())
    for start in (m.start() for m in re.finditer("TR", squeezed)):
        window = squeezed[start + 2:start + 26]
        if len(window) < 24:
            continue
        digits = window.translate(_LOOKALIKE_DIGITS)
        slips = sum(a != b for a, b in zip(digits, payee_iban[2:], strict=True))
        if slips <= max_slips:
            return True
    return False


def payee_iban_unread(receipt: Receipt) -> Finding | None:
    """The recipient IBAN could not be read (an officer must look)."""
    return Finding("payee-iban-unread") if receipt.recipient_iban is None else None


def expected_amounts(rules: Rules, receipt: Receipt) -> tuple[Decimal, ...]:
    """Amounts that fit the tariff in force on the receipt's date: NES+reader, NES, reader."""
    tariff = rules.tariff_on(receipt.date) if receipt.date else None
    if tariff is None:
        return ()
    return (tariff.nes + tariff.reader, tariff.nes, tariff.reader)


def fee_mismatch(receipt: Receipt, rules: Rules) -> Finding | None:
    """The amount fits no fee of the tariff in force on the payment date."""
    if receipt.amount is None or receipt.date is None:
        return None
    expected = expected_amounts(rules, receipt)
    if receipt.amount in expected:
        return None
    listed = " / ".join(_money(a) for a in expected) or "bu tarih için tarife yok"
    return Finding("fee-mismatch", f"beklenen {listed}; dekontta {_money(receipt.amount)}")


def _ocr_variants(amount: Decimal) -> set[Decimal]:
    """Amounts OCR may have misread as `amount`: ₺ taken for a 2 or 4, a lost leading 1."""
    text = f"{amount:.2f}"
    variants = {Decimal("1" + text)}
    if len(text) > 4:
        variants.add(Decimal(text[1:]))
    return variants


def amount_unsure(receipt: Receipt, rules: Rules, scanned: bool) -> Finding | None:
    """A scanned amount fits no fee, but a typical OCR slip of it does (or it is one figure
    off a fee): an officer checks, the physician is not told the fee is wrong."""
    if not scanned or receipt.amount is None or receipt.date is None:
        return None
    expected = set(expected_amounts(rules, receipt))
    if receipt.amount in expected or not _a_fee_misread(receipt.amount, expected):
        return None
    return Finding("amount-unsure", f"okunan {_money(receipt.amount)}")


def _a_fee_misread(amount: Decimal, fees: set[Decimal]) -> bool:
    """Whether the amount may be one of the fees as OCR misreads it (see _ocr_variants,
    _one_digit_off)."""
    return bool(_ocr_variants(amount) & fees) or any(_one_digit_off(amount, f) for f in fees)


_LOOKALIKE_FIGURES = {frozenset(pair) for pair in ("14", "17", "08", "38", "56", "58", "68", "06")}


def _one_digit_off(amount: Decimal, fee: Decimal) -> bool:
    """Whether the amounts differ in one figure only, a kuruş figure or one OCR takes for
    another ("-147,50" read 447,50: a minus and a 1 taken for a 4)."""
    read, due = f"{amount:.2f}", f"{fee:.2f}"
    if len(read) != len(due):
        return False
    off = [i for i, (a, b) in enumerate(zip(read, due, strict=True)) if a != b]
    return len(off) == 1 and (off[0] >= len(read) - 2
                              or frozenset((read[off[0]], due[off[0]])) in _LOOKALIKE_FIGURES)


def amount_unread(receipt: Receipt) -> Finding | None:
    """No amount or no date could be read from the receipt."""
    if receipt.amount is None or receipt.date is None:
        return Finding("amount-unread", "tutar veya tarih okunamadı")
    return None


def tckn_invalid(receipt: Receipt) -> Finding | None:
    """The description carries an 11-digit number that fails the TCKN checksum (as printed:
    not where a scan's OCR may have misread a digit, see tckn_unsure)."""
    if receipt.tckn is not None or not receipt.description or "tckn" in receipt.unsure:
        return None
    bad = [n for n in _ELEVEN_DIGITS.findall(receipt.description) if not tckimlik.is_valid(n)]
    return Finding("tckn-invalid", "açıklamadaki T.C. kimlik numarası geçersiz") if bad else None


def tckn_unsure(receipt: Receipt) -> Finding | None:
    """The scan's description holds eleven figures failing the TCKN checksum that its crops
    did not read alike: a misread digit fails it too, so an officer reads the number."""
    if "tckn" not in receipt.unsure:
        return None
    return Finding("tckn-unsure", receipt.description or "")


def description_missing_tckn(receipt: Receipt) -> Finding | None:
    """The payment description has no TCKN at all."""
    if receipt.tckn is not None:
        return None
    if receipt.description and _ELEVEN_DIGITS.search(receipt.description):
        return None  # a number is there but invalid: tckn-invalid says so
    return Finding("description-missing-tckn", receipt.description or "")


def description_missing_signal(receipt: Receipt, rules: Rules) -> Finding | None:
    """The description names neither NES nor e-imza (the payment's purpose is unclear)."""
    text = fold_key(receipt.description or "")
    signals = [fold_key(signal) for signal in rules.description.signals]
    if not text or any(signal in text for signal in signals):
        return None
    return Finding("description-missing-purpose", receipt.description or "")


def _same_receipt(receipt: Receipt, sha: str, prior: PriorReceipt) -> bool:
    """Same file, or the same bank reference."""
    if prior.file_sha256 == sha:
        return True
    return bool(receipt.reference) and receipt.reference == prior.reference


def receipt_duplicate(receipt: Receipt, sha: str, claimant: Claimant,
                      prior: tuple[PriorReceipt, ...]) -> Finding | None:
    """The same person sent this receipt before."""
    for old in prior:
        if _same_receipt(receipt, sha, old) and claimant.is_owner(old):
            return Finding("receipt-duplicate", f"daha önce {old.case_token} ile gönderildi")
    return None


def receipt_reused(receipt: Receipt, sha: str, claimant: Claimant,
                   prior: tuple[PriorReceipt, ...]) -> Finding | None:
    """Another applicant already used this receipt."""
    for old in prior:
        if _same_receipt(receipt, sha, old) and not claimant.is_owner(old):
            return Finding("receipt-reused", f"başka bir başvuruda ({old.case_token}) kullanıldı")
    return None


def form_missing_email(form: Form) -> Finding | None:
    """The form has no e-mail address (and none was left unread)."""
    if "missing_email" in form.problems and "email" not in form.unreadable:
        return Finding("form-missing-email")
    return None


def form_missing_tckn(form: Form) -> Finding | None:
    """The form has no TCKN (and none was left unread)."""
    if "missing_tckn" in form.problems and "tckn" not in form.unreadable:
        return Finding("form-missing-tckn")
    return None


def form_missing_request(form: Form) -> Finding | None:
    """No box is ticked: lost, stolen or broken is not said."""
    if "missing_request" in form.problems and "request" not in form.unreadable:
        return Finding("form-missing-request")
    return None


def form_missing_name(form: Form) -> Finding | None:
    """The form has no name (and none was left unread)."""
    if "missing_name" in form.problems and "full_name" not in form.unreadable:
        return Finding("form-missing-name")
    return None


def form_invalid_tckn(form: Form) -> Finding | None:
    """The form's TCKN fails its checksum."""
    return Finding("form-invalid-tckn") if "invalid_tckn" in form.problems else None


def form_unreadable_fields(form: Form) -> Finding | None:
    """Fields the request rests on (who, which request, where the password goes) have ink the
    reader could not read: an officer reads them."""
    unread = [f for f in form.unreadable if f in DECISIVE_FORM_FIELDS]
    return Finding("form-unreadable-fields", _named(unread)) if unread else None


def form_details_unread(form: Form) -> Finding | None:
    """Other fields (title, institution, phone, date) have ink the reader could not read: the
    request goes on its route and the officer sees what to read on the form."""
    unread = [f for f in form.unreadable if f not in DECISIVE_FORM_FIELDS]
    return Finding("form-details-unread", _named(unread)) if unread else None


def _named(fields: list[str]) -> str:
    """Form fields named as the officer reads them ("görev, telefon")."""
    return ", ".join(FORM_FIELD_NAMES.get(f, f) for f in fields)
