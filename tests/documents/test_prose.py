"""Receipts written as a sentence: fields from the grammar of a bank's notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mailbot.documents.prose import prose_fields

NOTICE = ("Sayın ÖZLEM BULUT, 17 Mayıs 2023 07:37 tarihinde hesabınızdan TÜBİTAK BİLGEM KAMU "
          "SERTİFİKASYON MERKEZİ adına TR32 0001 0002 0100 0000 9999 01 IBAN numaralı hesaba "
          "{amount} tutarında EFT işlemi gerçekleştirilmiştir.")


def test_a_notice_gives_payee_iban_amount_and_date() -> None:
    found = prose_fields(NOTICE.format(amount="TRY 218,30"))
    assert found == {"recipient_iban": "TR320001000201000000999901",
                     "recipient_name": "TÜBİTAK BİLGEM KAMU SERTİFİKASYON MERKEZİ",
                     "amount": Decimal("218.30"), "date": date(2023, 5, 17)}


def test_on_a_scan_an_amount_without_its_kurus_is_not_taken() -> None:
    misread = NOTICE.format(amount="218,368")  # '₺218,30' as OCR may read it
    assert prose_fields(misread)["amount"] == Decimal("218368.00")  # a text layer is as printed
    assert "amount" not in prose_fields(misread, scanned=True)


def test_an_iban_whose_check_digits_ocr_misread_is_mended_by_its_checksum() -> None:
    notice = NOTICE.format(amount="TRY 218,30").replace(
        "TR32 0001 0002 0100 0000 9999 01", "TR6S\n0001 2009 3310 0006 1000 37")  # TR65 ...
    assert prose_fields(notice, scanned=True)["recipient_iban"] == "TR650001200933100006100037"
