"""Typed receipt values: amounts, dates, IBAN repair, TCKNs, references."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mailbot.documents import values


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234,56 TL", "1234.56"), ("TRY 218,30", "218.30"), ("₺218,30", "218.30"),
    ("-218,30", "218.30"), ("218.30", "218.30"), ("1,234.56", "1234.56"),
    ("(TL) : 1.080,00", "1080.00"), ("600 TL", "600.00"), ("− 70,80 TL", "70.80"),
])
def test_amounts(text: str, expected: str) -> None:
    """Turkish and English separators, currency marks and minus signs give the same Decimal."""
    assert values.parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("TUTAR 90000 TRY", "900.00"), ("(Tutar 21830TRY", "218.30"), ("TRY 218,30", "218.30"),
    ("Tutar 1.080,00 TL", "1080.00"), ("90000 TRY ... 900,00 TL", "900.00"),
    ("Tutar 21830", None), ("12 TL", None), ("1.08000 TL", None),
    ("AKTARILAN TUTAR: 1 080.00 TL", None), ("1 080,00 TL", None),
    ("AKTARILAN TUTAR 2 218,30TL", "218.30"),  # its colon read as a 2
])
def test_an_ocr_amount_shows_its_kurus_or_lost_only_its_comma(text: str,
                                                             expected: str | None) -> None:
    """On a scan, printed amounts always have kuruş: figures beside the currency without
    them lost their comma; a number with no currency beside it or too short is no amount, nor
    figures after a lost thousands dot ("1 080.00": 080) nor a colon read as a figure."""
    assert values.parse_printed_amount(text) == (None if expected is None else Decimal(expected))


def test_no_amount_in_words() -> None:
    """Text without digits has no amount."""
    assert values.parse_amount("İKİYÜZ TL") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("14.03.2024 10:22", date(2024, 3, 14)), ("14/03/2024", date(2024, 3, 14)),
    ("2024-03-14", date(2024, 3, 14)), ("14 Mart 2024", date(2024, 3, 14)),
    ("14 MART 2024 Perşembe", date(2024, 3, 14)), ("1 Şubat 2023", date(2023, 2, 1)),
    ("01 SUBAT 2023", date(2023, 2, 1)), ("5 Ağustos 2022", date(2022, 8, 5)),
    ("07.06.202223:14:27", date(2022, 6, 7)),  # OCR glued the time to the year
    ("23 Ocak 202111:35", date(2021, 1, 23)),  # ... also after a month name
    ("TARIH/SAAT : 3OARALIK 2023 14:27", date(2023, 12, 30)),  # the day's 0 read as an O
    ("3 Ocak 2024", date(2024, 1, 3)),  # ... but Ocak's own O is no digit
    ("DÜZENLENME TARIHI : 7TTEMMUZ 2021", date(2021, 7, 7)),  # a letter read twice
    ("Date 1410812022 18:37:40", date(2022, 8, 14)),  # the slashes read as ones
    ("İşlem Tarihi: 31.08 2025 13:38:17", date(2025, 8, 31)),  # a dot read as a space
    ("ISLEM TARIHI 2702.2023 17:57:55", date(2023, 2, 27)),  # the first dot lost
    ("İŞLEM TARİHİ * 31122023", date(2023, 12, 31)),  # both dots lost
    ("ISLEM ZAMANI GEYLUL 2021 17:51", date(2021, 9, 6)),  # the day's 6 read as a G
])
def test_dates(text: str, expected: date) -> None:
    """Numeric, ISO and Turkish month-name dates (also ASCII-folded)."""
    assert values.parse_date(text) == expected


def test_impossible_date_is_none() -> None:
    """31.02 is not a date."""
    assert values.parse_date("31.02.2024") is None


def test_iban_spaced_wrapped_and_repaired() -> None:
    """Spaces and line breaks are skipped; O/l look-alikes are repaired if the checksum passes."""
    assert values.find_ibans("TR64 0001 2009 3040\n0005 0000 16") == ["TR640001200930400005000016"]
    assert values.find_ibans("TR64 OOO1 2OO9 3O4O OOO5 OOOO l6") == ["TR640001200930400005000016"]


def test_iban_failing_checksum_or_masked_is_not_reported() -> None:
    """A one-digit error and a masked IBAN are both left out."""
    assert values.find_ibans("TR64 0001 2009 3040 0005 0000 17") == []
    assert values.find_ibans("TR64 0001 2*** **** **** **00 16") == []


def test_a_known_payees_account_misread_a_digit_or_two_on_a_scan_is_that_account() -> None:
    sinop = "TR890001200969400005000041"
    assert sinop in values.known_payee_ibans()
    assert values.recipient_iban("TR89 0001 2009 6946 0005 0000 41", scanned=True) == sinop
    assert values.recipient_iban("TR6S5 0001 2009 3310 0006 1006 37 IBAN", scanned=True) == (
        "TR650001200933100006100037")  # a digit misread, one read twice
    assert values.recipient_iban("TR89 0001 2009 6946 0005 0000 41") is None  # a text layer
    assert values.recipient_iban("TR89 0001 2009 6940 0005 ©6009 41", scanned=True) == sinop
    assert values.recipient_iban("TR89 0001 2009 6946 0075 0800 41", scanned=True) is None
    assert values.recipient_iban("TR12 3456 7890 1234 5678 9012 34", scanned=True) is None


def test_a_prefixed_references_zero_read_as_o_is_put_back() -> None:
    assert values.prefixed_reference("HBO722059359") == "HB0722059359"
    assert values.prefixed_reference("HB0722059359") == "HB0722059359"
    assert values.prefixed_reference("HBOOO12345") == "HBOOO12345"  # too many to be slips
    assert values.prefixed_reference("EFT0123456") == "EFT0123456"


def test_tckn_must_pass_checksum() -> None:
    """Only checksum-valid 11-digit numbers count as TCKNs."""
    assert values.find_tckn("AYŞE 62601815964 NES") == "62601815964"
    assert values.find_tckn("AYŞE 62601815965 NES") is None
    assert values.find_tckn("IBAN 626018159641234") is None


def test_a_space_ocr_read_inside_a_tckn_is_taken_out_where_the_whole_is_valid() -> None:
    assert values.tckn_gap_closed("FURKAN-GÜRSOY-95 126207518 / NES") == (
        "FURKAN-GÜRSOY-95126207518 / NES")
    assert values.tckn_gap_closed("AYŞE 6260 1815965 NES") == "AYŞE 6260 1815965 NES"  # invalid
    assert values.tckn_gap_closed("TUTAR 2 147,50") == "TUTAR 2 147,50"


def test_reference_needs_digits() -> None:
    """A reference is a token with at least three digits."""
    assert values.parse_reference(": HB25010200044") == "HB25010200044"
    assert values.parse_reference("yok") is None


def test_digits_read_as_look_alike_letters_in_a_hex_reference_are_digits():
    from mailbot.documents.values import hex_reference

    assert hex_reference("E9CO9329BCA900C9") == "E9C09329BCA900C9"
    assert hex_reference("1740995FADE8D5DO") == "1740995FADE8D5D0"
    assert hex_reference("DOE206BSFOSC4373") == "D0E206B5F05C4373"
    assert hex_reference("4CGFGEAB42AD6DE1") == "4C6F6EAB42AD6DE1"
    assert hex_reference("SOSO5O5OAB12CD34") == "SOSO5O5OAB12CD34"  # too many to be slips
    assert hex_reference("AS09DN3B7") == "AS09DN3B7"  # not hexadecimal: left as read
    assert hex_reference("HB1776877780") == "HB1776877780"
    assert hex_reference("ODEON12345678") == "ODEON12345678"


def test_a_neighbouring_columns_label_is_no_name() -> None:
    # a grid's header row "Alıcı Ad Soyad/Unvan | Alıcı IBAN No" with the second label misread
    assert values.parse_name("Ahes İBAN No") is None
    assert values.parse_name("Transfer Tutarı") is None
    assert values.parse_name("SİNOP İL SAĞLIK MÜD.") == "SİNOP İL SAĞLIK MÜD."


@pytest.mark.parametrize(("read", "meant"), [
    ("24856522790-0MER AKGUL-NES", "24856522790-OMER AKGUL-NES"),  # O of a name as a zero
    ("HAVALE - Tulay AYDIN 1.C. 64702315794 elektronik", "HAVALE - Tulay AYDIN T.C. "
     "64702315794 elektronik"),
    ("NES 2024 ÜCRETİ 10 TL", "NES 2024 ÜCRETİ 10 TL"),  # figures among words stay figures
    ("TÜLAY KARA 1TC:36493020614 NES", "TÜLAY KARA TC:36493020614 NES"),
    ("ÖMER ERYİĞİT 1C:93352313942 NES", "ÖMER ERYİĞİT TC:93352313942 NES"),
    ("28436996940 SILA OZKAN E-MZA UCRETI", "28436996940 SILA OZKAN E-IMZA UCRETI"),
    ("AYŞE KARA e-mza ücreti", "AYŞE KARA e-imza ücreti"),
])
def test_an_ocr_description_gets_back_letters_read_as_figures(read: str, meant: str) -> None:
    from mailbot.documents.receipt import letters_for_figures

    assert letters_for_figures(read) == meant


def test_mangled_dates_are_read_only_in_a_dates_own_value() -> None:
    """A page's reference numbers may look like a date whose separators were lost: the one
    date on a page (receipt._lone_date) is never one of those."""
    assert values.parse_date("1410812022") == date(2022, 8, 14)
    assert values.all_dates("MÜŞTERİ NO 15062024 REFERANS 1410812022") == set()
