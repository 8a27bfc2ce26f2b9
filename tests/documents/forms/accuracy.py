"""Field accuracy of the form reader on this folder's own variants, per input family.

Run: .venv/bin/python -m tests.documents.forms.accuracy [--n 8] [--seed 1]
Families: fillable (semantic names), fillable (Metin/Onay Kutusu names), flat typed, scanned
typed (PNG/JPEG/image-only PDF, skew, blur, noise) and hand-filled scans. A field is right,
null (not read) or wrong (a value that differs from the form): wrong must stay at zero.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict

from mailbot.documents.form import read_form
from tests.documents.forms.draw import draw_form
from tests.documents.forms.extraction import extracted
from tests.documents.forms.layouts import Spec
from tests.documents.forms.people import make_person, phone_spellings
from tests.documents.forms.scans import degrade, encode, fill_by_hand, render

FIELDS = ("request", "full_name", "tckn", "title", "institution", "email", "phone",
          "card_reader", "date")
LABEL_SETS = (
    {},
    {"full_name": "Adı ve Soyadı", "tckn": "TC Kimlik Numarası", "title": "Görevi",
     "institution": "Çalıştığı Kurum", "email": "E-Posta Adresi", "phone": "Cep Telefonu"},
    {"full_name": "AD SOYAD", "tckn": "T.C. NO", "title": "ÜNVANI", "institution": "GÖREV YERİ",
     "email": "MAIL", "phone": "GSM", "date": "BAŞVURU TARİHİ"},
    {"full_name": "Adi Soyadi", "tckn": "TC Kimlik No", "title": "Unvani", "email": "E-mail",
     "institution": "Kurumu / Birimi", "phone": "Tel"},
)
FAMILIES = ("fillable-semantic", "fillable-word", "flat", "scan-typed", "scan-hand")


def random_spec(rng: random.Random, family: str) -> Spec:
    """A form of one family with random layout, labels, fonts, marks and spellings."""
    person = make_person(rng)
    return Spec(person, layout=rng.choice(("colon", "table", "below", "two_column")),
                labels=rng.choice(LABEL_SETS), box_side=rng.choice(("left", "right")),
                marks=rng.choice(("box", "box", "glyph")) if family == "flat" else "box",
                card_style=rng.choice(("single", "yes_no")),
                fill={"fillable-semantic": "fillable", "fillable-word": "fillable",
                      "scan-hand": "blank"}.get(family, "typed"),
                acro_names="word" if family == "fillable-word" else "semantic",
                on_value=rng.choice(("Yes", "On", "Evet", "1")),
                phone_text=rng.choice(phone_spellings(person.phone)),
                font=rng.choice(("Sans", "Serif", "Cond", "Mono")))


def read_family(rng: random.Random, family: str):
    """Draw, convert and read one form; returns (spec, form)."""
    spec = random_spec(rng, family)
    pdf, drawn = draw_form(spec)
    if family.startswith(("fillable", "flat")):
        return spec, read_form(extracted(pdf, ocr=False))
    image = render(pdf)
    if family == "scan-hand":
        fill_by_hand(image, spec, drawn, rng, messy=rng.uniform(0.6, 1.6))
    scan = encode(degrade(image, rng, skew=rng.uniform(0, 2)), rng.choice(("png", "jpeg", "pdf")))
    return spec, read_form(extracted(scan))


def main() -> None:
    """Print right/null/wrong shares per family (and every wrong value)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=8, help="forms per family")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tally: dict[str, Counter] = defaultdict(Counter)
    for family in FAMILIES:
        started = time.perf_counter()
        for index in range(args.n):
            spec, form = read_family(random.Random(f"{args.seed}:{family}:{index}"), family)
            for field in FIELDS:
                want, got = getattr(spec.person, field), getattr(form, field)
                outcome = "null" if got is None else ("right" if got == want else "wrong")
                tally[family][outcome] += 1
                if outcome == "wrong":
                    print(f"WRONG {family} #{index} {field}: want {want!r} got {got!r}")
        seconds = (time.perf_counter() - started) / args.n
        c = tally[family]
        total = sum(c.values())
        print(f"{family:18s} forms={args.n:3d} right={c['right'] / total:.3f} "
              f"null={c['null'] / total:.3f} wrong={c['wrong'] / total:.3f} {seconds:.2f} s/form")


if __name__ == "__main__":
    main()
