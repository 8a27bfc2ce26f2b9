"""What an applicant writes on the form, how it is written, and what a perfect reader reports."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from tests.corpus.formats import MONTHS
from tests.corpus.people import break_tckn, make_person, upper_tr

REQUESTS = ("lost", "stolen", "fault")
REASONS = {
    "lost": (
        "Kartımı kaybettim.",
        "E-imza kartım kayboldu",
        "kayıp",
        "Kartımı kaybettiğim için yeni kart talep ediyorum",
    ),
    "stolen": (
        "Kartım çalındı.",
        "Çantam çalındı, e-imza kartı içindeydi",
        "çalıntı",
        "Kart çalınması",
    ),
    "fault": (
        "Kartım arızalandı, okunmuyor.",
        "Kart kırıldı",
        "arıza",
        "PIN blokesi / kart arızalı",
    ),
}


@dataclass
class FormFacts:
    """Written values (None = left blank) and the ticked boxes."""

    written: dict[str, str | None]
    ticked: set[str]
    truth: dict
    illegible: list[str] = field(default_factory=list)


def _phone_text(rng: random.Random, phone: str) -> str:
    d = phone[1:]
    return rng.choice(
        (
            f"0{d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",
            f"{d[:3]} {d[3:6]} {d[6:]}",
            f"(0{d[:3]}) {d[3:6]}-{d[6:]}",
            f"+90 {d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",
            phone,
            f"0 {d[:3]} {d[3:]}",
        )
    )


def _date_text(rng: random.Random, day: date) -> str:
    return rng.choice(
        (
            day.strftime("%d.%m.%Y"),
            day.strftime("%d/%m/%Y"),
            day.strftime("%d.%m.%Y"),
            f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{day.day}.{day.month}.{day.year}",
        )
    )


def _problems(rng: random.Random) -> set[str]:
    roll = rng.random()
    if roll < 0.62:
        return set()
    options = ("missing_email", "missing_tckn", "invalid_tckn", "missing_request", "missing_name")
    picked = {rng.choices(options, (5, 4, 5, 3, 1))[0]}
    if rng.random() < 0.15:
        picked.add(rng.choice(("missing_email", "missing_request")))
    if {"missing_tckn", "invalid_tckn"} <= picked:
        picked.discard("invalid_tckn")
    return picked


def make_facts(rng: random.Random, upper_names: bool) -> FormFacts:
    """A person's form, with problems injected about a third of the time."""
    person = make_person(rng)
    problems = _problems(rng)
    request = None if "missing_request" in problems else rng.choice(REQUESTS)
    reader = rng.random() < 0.45
    day = date(2023, 1, 2) + timedelta(days=rng.randint(0, 1150))
    name = upper_tr(person.full_name) if upper_names else person.full_name
    tckn = person.tckn
    if "invalid_tckn" in problems:
        tckn = break_tckn(rng, tckn)
    phone = person.phone if rng.random() < 0.94 else None
    written = {
        "full_name": None if "missing_name" in problems else name,
        "tckn": None if "missing_tckn" in problems else tckn,
        "title": person.title if rng.random() < 0.95 else None,
        "institution": person.institution if rng.random() < 0.95 else None,
        "email": None if "missing_email" in problems else person.email,
        "phone": _phone_text(rng, phone) if phone else None,
        "date": _date_text(rng, day),
        "reason": rng.choice(REASONS[request]) if request else None,
    }
    ticked = ({request} if request else set()) | ({"reader_yes"} if reader else {"reader_no"})
    truth = {
        "kind": "form",
        "scanned": False,
        "request": request,
        "full_name": written["full_name"],
        "tckn": None if problems & {"missing_tckn", "invalid_tckn"} else person.tckn,
        "title": written["title"],
        "institution": written["institution"],
        "email": written["email"],
        "phone": phone,
        "card_reader": reader,
        "date": day.isoformat(),
        "valid": not problems,
        "problems": sorted(problems),
    }
    return FormFacts(written, ticked, truth)
