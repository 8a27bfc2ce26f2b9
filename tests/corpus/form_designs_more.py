"""More form designs: sections with digit cells, a two-column grid, a reason in words."""

from __future__ import annotations

import random

from tests.corpus.form_designs import (
    DECLARATION,
    TITLES,
    H,
    Pen,
    Slots,
    W,
    _label,
    _reader_row,
    _request_items,
    lines_design,
    table_design,
)


def _cells(
    p: Pen, x: float, y: float, count: int, size: float
) -> list[tuple[float, float, float, float]]:
    cells = []
    for i in range(count):
        p.c.rect(x + i * size, y - 4, size, size + 4)
        cells.append((x + i * size, y - 4, size, size + 4))
    return cells


def sections_design(p: Pen, rng: random.Random) -> Slots:
    """Numbered sections; the TCKN (and sometimes the phone) in one-digit cells."""
    slots = Slots()
    y = H - 60
    p.text(60, y, "T.C. SAĞLIK BAKANLIĞI", bold=True)
    p.text(W - 60, y, f"Form No: Eİ-{rng.randint(1, 40):02d}", size=p.size * 0.8, align="right")
    y -= 30
    p.text(W / 2, y, rng.choice(TITLES), bold=True, size=p.size * 1.3, align="center")
    y -= 36
    p.text(60, y, "1. BAŞVURU SAHİBİNİN BİLGİLERİ", bold=True)
    y -= 26
    lw = rng.uniform(130, 160)
    phone_cells = rng.random() < 0.5
    for key in ("full_name", "tckn", "title", "institution", "email", "phone"):
        p.text(70, y, _label(rng, key))
        if key == "tckn" or (key == "phone" and phone_cells):
            slots.cells[key] = _cells(p, 70 + lw, y, 11, 17.0)
        else:
            p.c.line(70 + lw, y - 3, W - 60, y - 3)
            slots.text[key] = (70 + lw + 3, y, W - 60 - 70 - lw - 6)
        y -= 30
    y -= 6
    p.text(60, y, "2. BAŞVURU NEDENİ", bold=True)
    y -= 24
    p.options(70, y, _request_items(rng), slots, box_first=rng.random() < 0.5, gap=40)
    y -= 34
    p.text(60, y, "3. KART OKUYUCU", bold=True)
    y -= 24
    _reader_row(p, rng, 70, y, slots)
    y = p.paragraph(60, y - 34, W - 120, DECLARATION, p.size * 0.85) - 30
    width = p.text(70, y, _label(rng, "date") + ":")
    slots.text["date"] = (70 + max(70, width + 8), y, 120)
    p.text(W - 200, y, "İmza:")
    slots.signature = (W - 160, y - 8, 100)
    return slots


def twocol_design(p: Pen, rng: random.Random) -> Slots:
    """Label over a value box, in two columns; reasons in a box at the top right."""
    slots = Slots()
    y = H - 70
    p.text(60, y, rng.choice(TITLES), bold=True, size=p.size * 1.2)
    y -= 20
    p.text(60, y, "Sağlık Bilgi Sistemleri Birimi", size=p.size * 0.9)
    bx, by = W - 210, H - 170
    p.c.rect(bx, by, 150, 90)
    p.text(bx + 8, by + 74, "Talep Türü", bold=True)
    for i, (key, label) in enumerate(_request_items(rng)):
        p.options(bx + 12, by + 52 - i * 20, [(key, label)], slots, box_first=True)
    y = by - 40
    col_w, gap = (W - 120 - 20) / 2, 20
    keys = ("full_name", "institution", "tckn", "email", "title", "phone")
    for i, key in enumerate(keys):
        x = 60 + (i % 2) * (col_w + gap)
        row_y = y - (i // 2) * 52
        p.text(x, row_y, _label(rng, key), bold=True, size=p.size * 0.9)
        p.c.rect(x, row_y - 30, col_w, 22)
        slots.text[key] = (x + 5, row_y - 23, col_w - 10)
    y -= 3 * 52 + 20
    _reader_row(p, rng, 60, y, slots)
    y = p.paragraph(60, y - 34, W - 120, DECLARATION, p.size * 0.85) - 36
    p.text(60, y, _label(rng, "date"), bold=True)
    p.c.rect(60, y - 30, 150, 22)
    slots.text["date"] = (65, y - 23, 140)
    p.text(W - 220, y, "İmza", bold=True)
    p.c.rect(W - 220, y - 60, 160, 52)
    slots.signature = (W - 200, y - 45, 120)
    return slots


def reason_design(p: Pen, rng: random.Random) -> Slots:
    """A petition-like form: the reason written out in words, no reason boxes."""
    slots = Slots()
    y = H - 70
    p.text(W / 2, y, rng.choice(TITLES), bold=True, size=p.size * 1.25, align="center")
    y -= 26
    p.text(W / 2, y, "(Kurum Yetkilisine)", size=p.size * 0.9, align="center")
    y -= 40
    lw = rng.uniform(130, 160)
    for key in ("full_name", "tckn", "title", "institution", "phone", "email"):
        label = _label(rng, key) + " :"
        p.text(70, y, label)
        x = 70 + max(lw, p.c.stringWidth(label, p.regular, p.size) + 10)
        slots.text[key] = (x, y, W - 70 - x)
        y -= 28
    y -= 8
    label = rng.choice(("Başvuru Nedeni (açıklayınız)", "Talebiniz", "Açıklama"))
    p.text(70, y, label + " :", bold=True)
    p.c.setDash(1, 2)
    for k in range(2):
        p.c.line(70, y - 22 - 22 * k, W - 70, y - 22 - 22 * k)
    p.c.setDash()
    slots.text["reason"] = (74, y - 19, W - 150)
    y -= 70
    _reader_row(p, rng, 70, y, slots)
    y = p.paragraph(70, y - 36, W - 140, DECLARATION, p.size * 0.88) - 40
    width = p.text(W - 240, y, _label(rng, "date") + " :")
    slots.text["date"] = (W - 240 + width + 8, y, 110)
    p.text(W - 240, y - 30, "İmza :")
    slots.signature = (W - 240 + 50, y - 38, 110)
    return slots


DESIGNS = {
    "reason": reason_design,
    "table": table_design,
    "lines": lines_design,
    "sections": sections_design,
    "twocol": twocol_design,
}
__all__ = ["DECLARATION", "DESIGNS", "H", "W"]
