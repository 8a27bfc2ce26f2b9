"""How banks print values: amounts, dates, IBANs, references and payment descriptions."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from tests.corpus.people import Person, ascii_fold, lower_tr, upper_tr

MONTHS = (
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
)
# (first day the tariff applies to payments in the corpus, NES fee, card reader fee)
TARIFFS = (
    (date(2021, 1, 4), Decimal("147.50"), Decimal("70.80")),
    (date(2023, 7, 12), Decimal("600.00"), Decimal("300.00")),
    (date(2024, 1, 3), Decimal("780.00"), Decimal("300.00")),
)


def pick_when(rng: random.Random) -> datetime:
    """A transaction time between 2021 and early 2026, on banking hours mostly."""
    start = date(2021, 1, 4)
    day = start + timedelta(days=rng.randint(0, (date(2026, 2, 27) - start).days))
    return datetime(
        day.year, day.month, day.day, rng.randint(7, 23), rng.randint(0, 59), rng.randint(0, 59)
    )


def pick_amount(rng: random.Random, when: date) -> Decimal:
    """A fee from the tariff in force (or last year's), sometimes an odd amount."""
    tariffs = [t for t in TARIFFS if t[0] <= when]
    _, nes, reader = tariffs[-1] if rng.random() < 0.85 or len(tariffs) == 1 else tariffs[-2]
    roll = rng.random()
    if roll < 0.5:
        return nes + reader
    if roll < 0.85:
        return nes
    if roll < 0.93:
        return reader
    return Decimal(rng.choice(("200.00", "1500.00", "250.75", "1.00", "2160.00", "12500.00")))


def tr_number(amount: Decimal, thousands: bool = True) -> str:
    """1234.5 -> '1.234,50' (or '1234,50')."""
    whole, frac = f"{amount:.2f}".split(".")
    if thousands:
        whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{frac}"


def format_amount(rng: random.Random, amount: Decimal, style: str | None = None) -> str:
    """An amount in one of the ways Turkish banks print it."""
    number = tr_number(amount, thousands=rng.random() < 0.8)
    style = style or rng.choice(
        ("TL", "TL", "TRY", "TRY_PRE", "LIRA", "MINUS", "BARE", "MINUS_TRY")
    )
    return {
        "TL": f"{number} TL",
        "TRY": f"{number} TRY",
        "TRY_PRE": f"TRY {number}",
        "LIRA": f"₺{number}",
        "MINUS": f"-{number} TL",
        "BARE": number,
        "MINUS_TRY": f"-{number} TRY",
        "LIRA_POST": f"{number} ₺",
    }[style]


def format_date(rng: random.Random, when: datetime, style: str | None = None) -> str:
    """A transaction date (sometimes with its time) in one of the bank styles."""
    style = style or rng.choice(
        ("dot", "dot_time", "dot_time_s", "slash", "slash_time", "long", "long_time", "dash_time")
    )
    hm, hms = when.strftime("%H:%M"), when.strftime("%H:%M:%S")
    d = when.strftime("%d.%m.%Y")
    long_form = f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    return {
        "dot": d,
        "dot_time": f"{d} {hm}",
        "dot_time_s": f"{d} {hms}",
        "slash": when.strftime("%d/%m/%Y"),
        "slash_time": when.strftime("%d/%m/%Y %H:%M:%S"),
        "long": long_form,
        "long_time": f"{long_form} {hm}",
        "dash_time": f"{d} - {hms}",
        "long_upper": upper_tr(long_form),
        "iso": when.strftime("%Y-%m-%d %H:%M"),
    }[style]


def format_iban(rng: random.Random, iban: str, spaced: bool | None = None) -> str:
    """An IBAN spaced in groups of four or not."""
    if spaced is None:
        spaced = rng.random() < 0.6
    return " ".join(iban[i : i + 4] for i in range(0, 26, 4)) if spaced else iban


def mask_iban(rng: random.Random, iban: str) -> str:
    """A masked sender IBAN, as on a sender's copy: TR12 **** **** 1234."""
    return rng.choice(
        (
            f"{iban[:4]} **** **** {iban[-4:]}",
            f"{iban[:4]} {iban[4:8]} **** **** **** {iban[-6:-2]} {iban[-2:]}",
            f"{iban[:8]}**********{iban[-4:]}",
            f"TR** **** **** **** **** {iban[-6:-2]} {iban[-2:]}",
        )
    )


def make_reference(rng: random.Random, when: datetime) -> str:
    """A bank transaction reference."""
    digits = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    return rng.choice(
        (
            when.strftime("%Y%m%d") + digits(8),
            digits(12),
            digits(10),
            "HB" + digits(10),
            digits(4) + "-" + digits(6),
            when.strftime("%y%j") + digits(9),
            "".join(rng.choice("0123456789ABCDEF") for _ in range(16)),
        )
    )


def name_forms(rng: random.Random, person: Person) -> dict[str, str]:
    """Ways the person's name is written in a description."""
    first, last = person.first, person.last
    return {
        "title": f"{first} {last}",
        "upper": upper_tr(f"{first} {last}"),
        "first_upper_last": f"{first} {upper_tr(last)}",
        "hyphen": f"{upper_tr(first)}-{upper_tr(last)}",
        "hyphen_mixed": f"{first.replace(' ', '-')}-{upper_tr(last)}",
    }


def make_description(rng: random.Random, person: Person, renewal: bool) -> str:
    """The payment description the payer typed (before the bank prints it)."""
    names = name_forms(rng, person)
    t = person.tckn
    kind = "YENİLEME" if renewal else rng.choice(("3 YILLIK BAŞVURUSU", "BAŞVURU", "İLK BAŞVURU"))
    options = [
        f"{names['hyphen']}-{t} / NES 3 YILLIK BAŞVURUSU",
        f"{names['hyphen_mixed']}-{t}- NES Ücreti",
        f"{t} {names['title']} e-imza ücreti",
        f"{names['upper']} TC:{t} NES {kind}",
        f"{names['title']} {t} nes ücreti",
        f"E-İMZA {names['upper']} {t}",
        f"{t}-{names['upper']}-NES",
        f"{names['first_upper_last']} T.C. {t} elektronik imza {lower_tr(kind)}",
        f"{names['title']} e-imza kart bedeli",
        f"NES ÜCRETİ {names['upper']}",
        f"{names['upper']}",
    ]
    weights = [6, 6, 4, 4, 3, 3, 3, 3, 1, 1, 1]
    return rng.choices(options, weights)[0]


def bank_wrap(rng: random.Random, description: str, transfer: str) -> str:
    """Bank text around the payer's description (sometimes)."""
    roll = rng.random()
    if roll < 0.15:
        return f"{transfer} - {description}"
    if roll < 0.25:
        return f"{description} / İNTERNET ŞUBESİ"
    if roll < 0.32:
        return f"MOBİL {transfer} {description}"
    return description


def truncate(description: str, limit: int) -> str:
    """Cut a description where the bank cuts it, without a trailing space."""
    return description[:limit].rstrip()


def recipient_forms(name: str) -> list[str]:
    """Ways a bank prints the payee's name."""
    upper = upper_tr(name)
    short = upper.replace("MÜDÜRLÜĞÜ", "MÜD.")
    return [upper, f"T.C. SAĞLIK BAKANLIĞI {upper}", name, short, ascii_fold(upper)]
