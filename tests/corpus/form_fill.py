"""Filling a blank form design: AcroForm fields, typed text, or handwriting on a raster."""

from __future__ import annotations

import io
import random
import re

import pypdf
from PIL import ImageDraw
from pypdf.generic import NameObject
from reportlab.pdfgen.canvas import Canvas

from tests.corpus import fonts, handwriting
from tests.corpus.form_designs import H
from tests.corpus.form_designs_more import Pen, Slots
from tests.corpus.form_facts import FormFacts
from tests.corpus.people import upper_tr

SEMANTIC = {
    "full_name": ("AdSoyad", "adi_soyadi", "txtAdiSoyadi", "Adı Soyadı"),
    "tckn": ("TCKimlikNo", "tc_kimlik_no", "TCKN", "txtTC"),
    "title": ("Unvan", "unvani", "Gorevi"),
    "institution": ("Kurum", "kurumu", "GorevYeri"),
    "email": ("Eposta", "e_posta", "EMail", "mail"),
    "phone": ("CepTelefonu", "gsm", "Telefon"),
    "date": ("Tarih", "tarih", "BasvuruTarihi"),
    "reason": ("Aciklama", "BasvuruNedeni", "talep"),
    "lost": ("Kayip", "chkKayip", "kayip"),
    "stolen": ("Calinti", "chkCalinti", "calinti"),
    "fault": ("Ariza", "chkAriza", "ariza"),
    "reader_yes": ("KartOkuyucuEvet", "KartOkuyucu", "chkOkuyucu"),
    "reader_no": ("KartOkuyucuHayir", "chkOkuyucuHayir", "okuyucu_hayir"),
}
ON_VALUES = ("Yes", "On", "Evet", "1")


def _field_regions(slots: Slots) -> dict[str, tuple[float, float, float]]:
    regions = dict(slots.text)
    for key, cells in slots.cells.items():
        x, y, _, _ = cells[0]
        regions[key] = (x + 2, y + 2, cells[-1][0] + cells[-1][2] - x - 4)
    return regions


def _names(rng: random.Random, keys: list[str], boxes: list[str], semantic: bool) -> dict[str, str]:
    if semantic:
        return {k: rng.choice(SEMANTIC[k]) for k in keys + boxes}
    text_word, box_word = rng.choice(
        (("Metin", "Onay Kutusu"), ("Text", "Check Box"), ("Metin", "Onay"))
    )
    order = list(keys)
    if rng.random() < 0.3:
        rng.shuffle(order)
    names = {k: f"{text_word}{i + 1}" for i, k in enumerate(order)}
    names.update({k: f"{box_word}{i + 1}" for i, k in enumerate(boxes)})
    return names


RADIO_EXPORTS = (("Kayip", "Calinti", "Ariza"), ("Secim1", "Secim2", "Secim3"), ("0", "1", "2"))


def _radio_group(c: Canvas, rng: random.Random, slots: Slots, ticked: set[str]) -> None:
    """The three reasons as one radio group: the value is the chosen button's export name."""
    name = rng.choice(("BasvuruNedeni", "Talep", "Grup1", "Radio Button1"))
    exports = rng.choice(RADIO_EXPORTS)
    for key, export in zip(("lost", "stolen", "fault"), exports, strict=True):
        x, y, s = slots.boxes[key]
        c.acroForm.radio(
            name=name,
            value=export,
            selected=key in ticked,
            x=x,
            y=y,
            size=s,
            borderWidth=0,
            buttonStyle=rng.choice(("circle", "check", "cross")),
        )


def add_fields(
    c: Canvas, rng: random.Random, slots: Slots, semantic: bool, ticked: set[str]
) -> dict[str, str]:
    """Empty AcroForm widgets over the value places; returns field name per key."""
    regions = _field_regions(slots)
    boxes = list(slots.boxes)
    if {"lost", "stolen", "fault"} <= set(boxes) and rng.random() < 0.35:
        _radio_group(c, rng, slots, ticked)
        boxes = [b for b in boxes if b not in ("lost", "stolen", "fault")]
    names = _names(rng, list(regions), boxes, semantic)
    for key, (x, y, w) in regions.items():
        c.acroForm.textfield(
            name=names[key],
            value="",
            x=x,
            y=y - 4,
            width=w,
            height=15,
            borderWidth=0,
            fontSize=rng.choice((0, 9, 10, 11)),
            fillColor=None,
        )
    for key in boxes:
        x, y, s = slots.boxes[key]
        c.acroForm.checkbox(
            name=names[key],
            checked=False,
            x=x,
            y=y,
            size=s,
            borderWidth=0,
            buttonStyle=rng.choice(("check", "cross", "circle")),
        )
    return names


def fill_fields(pdf: bytes, rng: random.Random, names: dict[str, str], facts: FormFacts) -> bytes:
    """Set the field values with pypdf; ticked boxes get a random on-state name."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    values = {names[k]: v for k, v in facts.written.items() if v and k in names}
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    on = rng.choice(ON_VALUES)
    by_name = {v: k for k, v in names.items()}
    for annot in writer.pages[0].get("/Annots", []):
        widget = annot.get_object()
        key = by_name.get(widget.get("/T"))
        if key is None or widget.get("/FT") != "/Btn" or "/AP" not in widget:
            continue
        for state in ("/N", "/D"):
            appearance = widget["/AP"].get(state)
            if appearance is not None and "/Yes" in appearance:
                appearance[NameObject("/" + on)] = appearance.pop("/Yes")
        value = NameObject("/" + on if key in facts.ticked else "/Off")
        widget[NameObject("/V")] = value
        widget[NameObject("/AS")] = value
    writer.set_need_appearances_writer(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cell_digits(value: str | None) -> str:
    """What a person writes in one-digit cells: the digits, a phone as 0 + 10 digits."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 12 and digits.startswith("90"):
        return "0" + digits[2:]
    return "0" + digits if len(digits) == 10 else digits


def type_values(c: Canvas, rng: random.Random, slots: Slots, facts: FormFacts) -> None:
    """Typed values (a filled-in Word form printed to PDF) and typed box marks."""
    pen = Pen(c, rng.choice(fonts.families()), rng.uniform(9.5, 11.5))
    for key, (x, y, _) in slots.text.items():
        value = facts.written.get(key)
        if value:
            pen.text(x, y, value)
    for key, cells in slots.cells.items():
        for ch, (x, y, w, _) in zip(cell_digits(facts.written.get(key)), cells, strict=False):
            pen.text(x + w / 2, y + 4, ch, align="center")
    mark = rng.choice(("X", "x", "☒", "✓", "✔"))
    if not mark.isascii():  # only DejaVu has the ballot box and check marks
        pen = Pen(c, "DejaVuSans", pen.size)
    for key in facts.ticked & set(slots.boxes):
        x, y, s = slots.boxes[key]
        pen.text(x + s / 2, y + s * 0.18, mark, bold=mark == "X", size=s * 0.95, align="center")


def hand_values(page, rng: random.Random, slots: Slots, facts: FormFacts, scale: float) -> None:
    """Write the values by hand on a rendered blank page (scale = pixels per point)."""
    hand = handwriting.Hand(rng, int(rng.uniform(11, 15) * scale), mess=rng.uniform(0.05, 0.4))
    if hand.capitals_only:  # the truth is what the page shows
        for key in ("full_name", "title", "institution"):
            if facts.truth.get(key):
                facts.truth[key] = upper_tr(facts.truth[key])
    for key, (x, y, w) in slots.text.items():
        value = facts.written.get(key)
        if value:
            _hand_text(page, rng, hand, key, value, (x * scale, (H - y) * scale, w * scale), facts)
    for key, cells in slots.cells.items():
        for ch, (x, y, w, _) in zip(cell_digits(facts.written.get(key)), cells, strict=False):
            hand.write(page, (x + w * 0.18) * scale, (H - y - 5) * scale, ch, w * scale)
        if key in facts.illegible:
            _spoil(
                page,
                rng,
                hand,
                cells[0][0] * scale,
                (H - cells[0][1]) * scale,
                (cells[-1][0] - cells[0][0]) * scale,
            )
    for key, (x, y, s) in slots.boxes.items():
        box = (x * scale, (H - y - s) * scale, s * scale)
        if key in facts.ticked:
            handwriting.tick(page, rng, box, hand.ink)
        elif rng.random() < 0.1:
            handwriting.stray_mark(page, rng, box, hand.ink)
    sx, sy, sw = slots.signature
    handwriting.signature(page, rng, sx * scale, (H - sy - 30) * scale, sw * scale, hand.ink)


def _hand_text(page, rng, hand, key: str, value: str, where: tuple, facts: FormFacts) -> None:
    x, baseline, width = where
    if key not in facts.illegible:
        hand.write(page, x, baseline, value, width)
        return
    hand.write(page, x, baseline, value, width)
    _spoil(page, rng, hand, x, baseline, min(width, hand.size * 0.55 * len(value)))


def _spoil(page, rng, hand, x: float, baseline: float, width: float) -> None:
    """Make a written value unreadable: smear and scribble over it."""
    top = int(baseline - hand.size * 1.1)
    box = (int(x), max(top, 0), int(x + width), int(baseline + hand.size * 0.4))
    handwriting.smudge(page, rng, box)
    messy = handwriting.Hand(rng, hand.size, mess=0.95)
    messy.ink = hand.ink
    messy.scribble(ImageDraw.Draw(page), x, baseline, x + width)
