"""Receipts written as a sentence ("… tarihinde … hesabınızdan X adına … hesaba TRY 218,30
tutarında HAVALE işlemi gerçekleştirilmiştir"): fields from Turkish grammar, not labels."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from mailbot.documents import values
from mailbot.documents.layout import fold
from mailbot.text import collapse_spaces

_IBAN = r"(tr\s?[0-9os]{2}(?:\s?[0-9o]){22,24})"  # OCR's "TR6S", "0O01": see values.find_ibans
_TO_ACCOUNT = re.compile(_IBAN + r"\s*(?:iban)?\s*(?:no\.?|numarali)?\s*hesab(?:a|ina)\b")
_FROM_ACCOUNT = re.compile(_IBAN + r"\s*(?:iban)?\s*(?:no\.?|numarali)?\s*hesab(?:iniz|in)dan\b")
_BENEFICIARY = re.compile(r"hesab(?:iniz|in)dan\s+(.{3,120}?)\s+adina\b")
_AMOUNT = re.compile(r"((?:try|tl|₺)?\s*[\d.,]+\s*(?:try|tl|₺)?)\s*tutarinda\b")
_DATE = re.compile(r"(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{1,2}\s+[a-z]+\s+\d{4})"
                   r"(?:\s*-?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s+tarihinde\b")


def prose_fields(text: str, scanned: bool = False) -> dict[str, object]:
    """Recipient IBAN and name, amount and date found in sentence-style receipt text (on a
    scan, an amount only as printed with its kuruş: see values.parse_printed_amount)."""
    parse_amount = values.parse_printed_amount if scanned else values.parse_amount
    flat = collapse_spaces(text)
    key = fold(flat)
    found: dict[str, object] = {}
    match = _TO_ACCOUNT.search(key)
    if match and (iban := values.recipient_iban(match[1].upper(), scanned)):
        found["recipient_iban"] = iban
    if match := _BENEFICIARY.search(key):
        found["recipient_name"] = values.parse_name(flat[match.start(1):match.end(1)])
    if (match := _AMOUNT.search(key)) and (amount := parse_amount(match[1])):
        found["amount"] = amount
    if (match := _DATE.search(key)) and (when := values.parse_date(match[1])):
        found["date"] = when
    return {k: v for k, v in found.items() if isinstance(v, str | Decimal | date)}


def prose_payer_iban(text: str) -> str | None:
    """The payer's IBAN in a sentence-style receipt ("… TR38 0006 2038 … IBAN numaralı
    hesabınızdan …"), when printed in full and checksum-valid: its bank issued the receipt."""
    match = _FROM_ACCOUNT.search(fold(collapse_spaces(text)))
    return values.first_iban(match[1].upper()) if match else None
