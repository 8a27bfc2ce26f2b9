"""Form value parsers: TCKN checksum, phone normalisation, e-mail, dates, names."""

from __future__ import annotations

import random
from datetime import date

import pytest

from mailbot.documents.form_values import (
    Invalid,
    padding_mixed,
    parse_date,
    parse_email,
    parse_free_text,
    parse_name,
    parse_phone,
    parse_tckn,
)
from tests.documents.forms.people import broken_tckn, make_tckn, phone_spellings


def test_tckn_accepts_valid_and_rejects_a_changed_digit() -> None:
    rng = random.Random(3)
    for _ in range(20):
        tckn = make_tckn(rng)
        assert parse_tckn(f"{tckn[:3]} {tckn[3:7]} {tckn[7:]}") == tckn
        with pytest.raises(Invalid):
            parse_tckn(broken_tckn(tckn))
    with pytest.raises(Invalid):
        parse_tckn("1234567890")


@pytest.mark.parametrize("index", range(5))
def test_phone_spellings_normalise_to_zero_plus_ten_digits(index: int) -> None:
    assert parse_phone(phone_spellings("05321234567")[index]) == "05321234567"


def test_letters_read_for_written_digits_count_only_inside_numbers() -> None:
    assert parse_phone("C535 416 5C q1") == "05354165091"
    assert parse_phone("Cep: 0532 123 45 67") == "05321234567"  # the word keeps its C
    assert parse_phone("C532 123 45 67 O") == "05321234567"  # a lone letter is no digit
    with pytest.raises(Invalid):
        parse_phone("C532 123 45 67 0")  # a lone 0 is one
    assert parse_phone("CC544)C70-1066") == "05440701066"  # "(0544)", its bracket a C
    with pytest.raises(Invalid):
        parse_phone("00 1234 567 890")  # no Turkish number after the two zeros


@pytest.mark.parametrize("text", ["1234", "0532 123 45", "+1 212 555 0100", "05321234567 8"])
def test_phone_rejects_what_is_not_a_turkish_number(text: str) -> None:
    with pytest.raises(Invalid):
        parse_phone(text)


def test_email_tolerates_spaces_and_the_copyright_slip_but_not_garbage() -> None:
    assert parse_email("ayse.yilmaz @ saglik.gov.tr") == "ayse.yilmaz@saglik.gov.tr"
    assert parse_email("caydin©yandex.com") == "caydin@yandex.com"
    assert parse_email(": oguz_k@gmail.com.") == "oguz_k@gmail.com"
    for text in ("ayse.yilmaz saglik.gov.tr", "a@b", "mail adresime gönderin"):
        with pytest.raises(Invalid):
            parse_email(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("14.03.2024", date(2024, 3, 14)), ("14/03/2024", date(2024, 3, 14)),
    ("4.3.2024", date(2024, 3, 4)), ("14 Mart 2024", date(2024, 3, 14)),
    ("2 AĞUSTOS 2025", date(2025, 8, 2)), ("14-03-24", date(2024, 3, 14)),
    ("2Ocak2023", date(2023, 1, 2)), ("C8.C3.2024", date(2024, 3, 8)),
    ("20/o6/2024", date(2024, 6, 20)), ("2).6.2024", date(2024, 6, 21)),
    ("21,1.2024", date(2024, 1, 21)), ("2 TEMMuz 2o24", date(2024, 7, 2)),
])
def test_dates_in_turkish_spellings(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2024", "14 Marz 2024", "2 Ocak 2925", "tarih",
                                  "Cl.Co.loC", "9/C/C74"])
def test_impossible_dates_are_invalid(text: str) -> None:
    with pytest.raises(Invalid):
        parse_date(text)


def test_a_date_padding_its_month_but_not_its_day_is_told() -> None:
    assert padding_mixed("6.07.2024") and padding_mixed("6.O7.2024")
    assert not any(map(padding_mixed, ("06.07.2024", "6.7.2024", "6.11.2024", "6 Mart 2024")))


def test_a_day_may_be_followed_by_a_comma_or_full_stop_before_its_month() -> None:
    assert parse_date("1, Temmuz 2023") == parse_date("1. Temmuz 2023") == date(2023, 7, 1)
    assert parse_date("1, TEmnUz 2023", near_months=True) == date(2023, 7, 1)


def test_a_one_or_zero_between_a_months_letters_is_its_i_or_o() -> None:
    assert parse_date("18 EK1M 2024") == date(2024, 10, 18)
    assert parse_date("4 Ek1m 2023") == date(2023, 10, 4)


def test_a_month_name_a_letter_off_is_taken_only_when_asked() -> None:
    assert parse_date("20 &ylul 2023", near_months=True) == date(2023, 9, 20)
    assert parse_date("13KaSm2023", near_months=True) == date(2023, 11, 13)
    assert parse_date("24 Ha giran 2023", near_months=True) == date(2023, 6, 24)  # a gap
    for text in ("20 &ylul 2023", "13KaSm2023"):
        with pytest.raises(Invalid):
            parse_date(text)
    for text in ("4 Maxxs 2023", "4 Mar 2023", "4 Ma r 2023"):  # two off; too short to judge
        with pytest.raises(Invalid):
            parse_date(text, near_months=True)


def test_names_keep_turkish_letters_and_refuse_digits() -> None:
    assert parse_name(" Çiğdem  Işık ") == "Çiğdem Işık"
    assert parse_name("HALİL İBRAHİM DOĞAN") == "HALİL İBRAHİM DOĞAN"
    for text in ("Ayşe", "Ay5e Yılmaz", "A B"):
        with pytest.raises(Invalid):
            parse_name(text)
    assert parse_free_text("Süleymanpaşa 3 Nolu ASM") == "Süleymanpaşa 3 Nolu ASM"
