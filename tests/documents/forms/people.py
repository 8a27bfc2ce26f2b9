"""Synthetic applicants for form tests: invented names, checksum-valid TCKNs, varied spellings."""

from __future__ import annotations

import random
from datetime import date, timedelta

from stdnum.tr import tckimlik

from tests.documents.forms.layouts import Person

NAMES = ("Ayşe Gül Yılmaz", "Mehmet Şükrü Öztürk", "İlknur Çağlar", "Oğuz Kağan Işık",
         "Zeynep Ünal", "Halil İbrahim Doğan", "Çiğdem Karaağaç", "Ümit Ertuğrul")
TITLES = ("Aile Hekimi", "Uzman Doktor", "Hemşire", "Ebe", "Diş Hekimi", "Sağlık Memuru",
          "Eczacı", "Acil Tıp Teknisyeni")
PLACES = ("Süleymanpaşa 3 Nolu Aile Sağlığı Merkezi", "Çorlu Devlet Hastanesi",
          "Tekirdağ İl Sağlık Müdürlüğü", "Malkara Toplum Sağlığı Merkezi", "Ergene 2 Nolu ASM")
DOMAINS = ("saglik.gov.tr", "gmail.com", "hotmail.com", "yandex.com")
_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def make_tckn(rng: random.Random) -> str:
    """A checksum-valid TCKN (never starts with 0)."""
    body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return body + tckimlik.calc_check_digits(body)


def broken_tckn(tckn: str) -> str:
    """The same number with its last digit changed: fails the checksum."""
    return tckn[:-1] + str((int(tckn[-1]) + 3) % 10)


def make_person(rng: random.Random) -> Person:
    """One applicant with a random request and card-reader wish."""
    name = rng.choice(NAMES)
    first, last = name.split()[0], name.split()[-1]
    local = f"{first}.{last}".lower().translate(_ASCII).replace("i̇", "i")
    phone = "05" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    day = date(2024, 1, 2) + timedelta(days=rng.randint(0, 700))
    return Person(name, make_tckn(rng), rng.choice(TITLES), rng.choice(PLACES),
                  f"{local}@{rng.choice(DOMAINS)}", phone, day,
                  rng.choice(("lost", "stolen", "fault")), rng.random() < 0.5)


def phone_spellings(phone: str) -> list[str]:
    """How people write one number: +90, spaces, parentheses, no leading zero."""
    d = phone[1:]
    return [phone, f"+90 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}", f"0({d[:3]}) {d[3:6]} {d[6:]}",
            f"{d[:3]} {d[3:6]} {d[6:8]} {d[8:]}", f"0 {d[:3]} {d[3:6]}-{d[6:8]}-{d[8:]}"]
