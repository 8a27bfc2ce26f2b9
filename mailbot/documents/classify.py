"""Classify an extraction as a receipt, a lost/stolen form, something else, or unreadable."""

from __future__ import annotations

import re

from mailbot.documents import values
from mailbot.documents.model import DocumentKind, Extraction
from mailbot.text import ascii_fold, lower_tr

_MIN_CHARS = 20  # fewer letters and digits than this: nothing was read
_RECEIPT_THRESHOLD = 4.0
_RECEIPT_SIGNALS: tuple[tuple[str, float], ...] = (
    (r"dekont", 2.0), (r"\biban\b", 1.0), (r"\btutar", 1.0), (r"\b(havale|eft|fast)\b", 1.0),
    (r"\b(alici|alacakli|lehdar|lehtar)\b", 1.0), (r"\b(gonderen|gonderici|amir|borclu)\b", 1.0),
    (r"\bislem tarihi\b|\btarih\b", 0.5), (r"\baciklama", 0.5),
    (r"\b(sorgu no|referans[i]?|ref)\b", 0.5),  # "İŞLEM REFERANSI"
    (r"\b(banka|bankasi|bank|bbva)\b", 1.0), (r"\d[\d.,]*\s*(tl|try)\b|(₺|\btry)\s*\d", 1.0),
    (r"gerceklestiril", 1.0),  # a bank's notice: "... EFT işlemi gerçekleştirilmiştir"
)
_NOT_RECEIPT: tuple[tuple[str, float], ...] = (
    # payment instructions ("yatırmaları gerekmektedir") and account statements
    (r"gerekmektedir|yatirmalari|yatiriniz|yatirilmalidir|odeme bilgileri", 4.0),
    (r"hesap ozeti|hesap hareketleri|hesap ekstresi|ekstre", 4.0),
    # invoices and bills: what is to be paid, not a payment made
    (r"e-?arsiv fatura|e-?fatura|fatura no|fatura tarihi|odenecek tutar|son odeme tarihi", 4.0),
)
_IBAN_SHAPED = re.compile(r"\bTR[0-9A-Z]{2}(?: ?[0-9]{4}){5}")
_FORM_WORDS = re.compile(r"(kayip|calinti|ariza)")
_FORM_CONTEXT = re.compile(r"(basvuru formu|e-?imza|elektronik sertifika|nes\b)")


def classify(extraction: Extraction) -> DocumentKind:
    """The kind of document: unreadable, form (helper module's test), receipt, or other."""
    if extraction.failure is not None:
        return DocumentKind.UNREADABLE
    text = extraction.text
    if len(re.findall(r"[0-9A-Za-zÇĞİÖŞÜçğıöşü]", text)) < _MIN_CHARS and not extraction.fields:
        return DocumentKind.OTHER  # read fine, but nothing written on it (blank, a picture)
    if _may_be_form(extraction, text) and _is_form(extraction):
        return DocumentKind.FORM
    if receipt_score(text, scanned=extraction.scanned) >= _RECEIPT_THRESHOLD:
        return DocumentKind.RECEIPT
    return DocumentKind.OTHER


def receipt_score(text: str, scanned: bool = False) -> float:
    """Weighted count of receipt signals in the text (a valid IBAN counts double).

    A text layer without any date loses points; OCR'd text does not (dates are often misread).
    """
    folded = ascii_fold(lower_tr(text))
    score = sum(weight for pattern, weight in _RECEIPT_SIGNALS if re.search(pattern, folded))
    score -= sum(weight for pattern, weight in _NOT_RECEIPT if re.search(pattern, folded))
    if values.find_ibans(text):
        score += 2.0
    elif scanned and _IBAN_SHAPED.search(text):
        score += 1.0  # an IBAN OCR misread a character of ("TRS7 0001 2022 ...")
    if not scanned and not values.all_dates(text):
        score -= 2.0  # a transfer that happened has a date; payment instructions do not
    return score


def _may_be_form(extraction: Extraction, text: str) -> bool:
    """A cheap gate before the form reader's own test: scans, fields, or form words in the text."""
    if extraction.fields or extraction.scanned:
        return True
    folded = ascii_fold(lower_tr(text))
    return bool(_FORM_WORDS.search(folded) or "form" in folded or "basvuru" in folded)


def _is_form(extraction: Extraction) -> bool:
    """The form reader's own test when it is installed, else a keyword test."""
    try:
        from mailbot.documents.form import is_form
    except ImportError:
        return keyword_form(extraction)
    return bool(is_form(extraction))


def keyword_form(extraction: Extraction) -> bool:
    """A lost/stolen/broken card application: those words plus the e-imza context, page 1."""
    first = extraction.pages[0].text if extraction.pages else ""
    folded = ascii_fold(lower_tr(first))
    return bool(_FORM_WORDS.search(folded) and _FORM_CONTEXT.search(folded)
                and "formu" in folded)
