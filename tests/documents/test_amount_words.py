"""Amounts written out in Turkish words are parsed by a strict grammar."""

from decimal import Decimal

import pytest

from mailbot.documents.amount_words import in_words


@pytest.mark.parametrize(("text", "amount"), [
    ("YALNIZ BİNSEKSEN TL SIFIR KR.", "1080.00"),
    ("#YALNIZ YEDİYÜZSEKSEN TL SIFIR KR.#", "780.00"),
    ("Yalnız: İKİYÜZONSEKİZ TL OTUZ KR.", "218.30"),
    ("YALNIZ IKIYUZ ONSEKIZ TURK LIRASI OTUZ KURUS", "218.30"),  # folded, spaced
    ("YALNIZ ONİKİBİNBEŞYÜZ TL SIFIR KR", "12500.00"),
    ("YALNIZ YETMİŞ TL SEKSEN KR", "70.80"),
    ("Tutar 1.080,00 TL\nYalnız: BİNSEKSEN TL\nAçıklama", "1080.00"),
    ("Yalnız: YÜZKIRKYEDİ TL ELLİ", "147.50"),  # its "KR" cut off the picture
])
def test_amounts_in_words_are_read(text, amount):
    assert in_words(text) == Decimal(amount)


@pytest.mark.parametrize("text", [
    "YALNIZ BİRBİN TL",  # "bir bin" is not said
    "YALNIZ BİRSEKSEN TL SIFIR KR",  # ones before tens: a misread, not a number
    "YALNIZ BİNSEKSFN TL SIFIR KR",  # a misread letter
    "YALNIZ SEKSENYÜZ TL",
    "Tutar 1.080,00 TL",  # no amount in words at all
    "YALNIZ YÜZKIRKYEDİ TL ELLİX",  # kuruş words run into a misread: unsure, not 0
])
def test_anything_else_gives_no_amount(text):
    assert in_words(text) is None
