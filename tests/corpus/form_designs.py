"""Blank designs of the e-imza kayıp/çalıntı/arıza başvuru formu; each returns where values go."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from tests.corpus import fonts

W, H = 595.0, 842.0
TEXT_FIELDS = ("full_name", "tckn", "title", "institution", "email", "phone", "date")
LABELS = {
    "full_name": ("Adı Soyadı", "Adı ve Soyadı", "Ad Soyad", "ADI SOYADI"),
    "tckn": ("T.C. Kimlik No", "TC Kimlik Numarası", "T.C. Kimlik Numarası", "T.C. KİMLİK NO"),
    "title": ("Unvanı", "Görevi", "Unvanı / Görevi", "Kadro Unvanı"),
    "institution": ("Kurumu", "Görev Yeri", "Kurumu / Görev Yeri", "Çalıştığı Kurum"),
    "email": ("E-posta", "E-posta Adresi", "e-Posta", "Mail Adresi", "E-POSTA"),
    "phone": ("Cep Telefonu", "GSM", "Cep Tel.", "Telefon (GSM)", "CEP TELEFONU"),
    "date": ("Tarih", "Başvuru Tarihi"),
}
TITLES = (
    "E-İMZA KAYIP / ÇALINTI / ARIZA BAŞVURU FORMU",
    "ELEKTRONİK İMZA KAYIP-ÇALINTI-ARIZA BAŞVURU FORMU",
    "NES KAYIP / ÇALINTI / ARIZA BİLDİRİM FORMU",
    "E-İmza Kartı Kayıp/Çalıntı/Arıza Başvuru Formu",
)
PROVINCES = ("TEKİRDAĞ", "SİNOP", "HATAY", "ELAZIĞ", "BARTIN", "KIRKLARELİ")
DECLARATION = (
    "Yukarıda bilgileri bulunan nitelikli elektronik sertifikama ait akıllı kartın belirttiğim "
    "nedenle yenilenmesi için gereğini arz ederim. Verdiğim bilgilerin doğru olduğunu beyan ederim."
)


@dataclass
class Slots:
    """Where a design expects each value: text baselines, digit cells, tick boxes, signature."""

    text: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # x, baseline, width
    cells: dict[str, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    boxes: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # x, y, size
    signature: tuple[float, float, float] = (400.0, 120.0, 120.0)
    reader_single: bool = False  # one "kart okuyucu talep ediyorum" box instead of Evet/Hayır


class Pen:
    """Drawing helpers over a canvas with one font family."""

    def __init__(self, c: Canvas, family: str, size: float) -> None:
        self.c, self.size = c, size
        self.regular, self.bold = fonts.pair(family)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        bold: bool = False,
        size: float | None = None,
        align: str = "left",
    ) -> float:
        size = size or self.size
        self.c.setFont(self.bold if bold else self.regular, size)
        draw = {
            "left": self.c.drawString,
            "center": self.c.drawCentredString,
            "right": self.c.drawRightString,
        }[align]
        draw(x, y, s)
        return self.c.stringWidth(s, self.bold if bold else self.regular, size)

    def box(self, x: float, y: float, size: float) -> None:
        self.c.setLineWidth(0.8)
        self.c.rect(x, y, size, size, stroke=1, fill=0)

    def paragraph(self, x: float, y: float, width: float, s: str, size: float) -> float:
        words, line, lines = s.split(), "", []
        for word in words:
            if self.c.stringWidth(f"{line} {word}", self.regular, size) > width and line:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        for line in lines:
            self.text(x, y, line, size=size)
            y -= size * 1.35
        return y

    def options(
        self,
        x: float,
        y: float,
        items: list[tuple[str, str]],
        slots: Slots,
        box_first: bool,
        gap: float = 22.0,
    ) -> None:
        """Tick boxes with their labels in a row."""
        size = self.size + 1
        for key, label in items:
            if box_first:
                self.box(x, y - 2, size)
                slots.boxes[key] = (x, y - 2, size)
                x += size + 4 + self.text(x + size + 4, y, label) + gap
            else:
                x += self.text(x, y, label) + 4
                self.box(x, y - 2, size)
                slots.boxes[key] = (x, y - 2, size)
                x += size + gap


def _label(rng: random.Random, key: str) -> str:
    return rng.choice(LABELS[key])


def _heading(p: Pen, rng: random.Random, y: float) -> float:
    province = rng.choice(PROVINCES)
    for line in ("T.C.", f"{province} VALİLİĞİ", "İl Sağlık Müdürlüğü"):
        p.text(W / 2, y, line, bold=True, align="center")
        y -= p.size * 1.5
    y -= 10
    p.text(W / 2, y, rng.choice(TITLES), bold=True, size=p.size * 1.35, align="center")
    return y - 30


def _request_items(rng: random.Random) -> list[tuple[str, str]]:
    labels = rng.choice(
        (
            ("Kayıp", "Çalıntı", "Arıza"),
            ("KAYIP", "ÇALINTI", "ARIZA"),
            ("Kart Kaybı", "Kart Çalınması", "Kart Arızası"),
        )
    )
    return list(zip(("lost", "stolen", "fault"), labels, strict=True))


def _reader_row(p: Pen, rng: random.Random, x: float, y: float, slots: Slots) -> None:
    if rng.random() < 0.4:
        slots.reader_single = True
        p.options(x, y, [("reader_yes", "Kart okuyucu talep ediyorum")], slots, box_first=True)
        return
    label = rng.choice(("Kart Okuyucu Talebi:", "Kart okuyucu istiyor musunuz?", "Kart Okuyucu:"))
    width = p.text(x, y, label)
    p.options(
        x + width + 10,
        y,
        [("reader_yes", "Evet"), ("reader_no", "Hayır")],
        slots,
        box_first=rng.random() < 0.5,
    )


def table_design(p: Pen, rng: random.Random) -> Slots:
    """A bordered table: label cell, value cell; reason and reader rows with boxes."""
    slots, y = Slots(), _heading(p, rng, H - 60)
    x0, lw, x1, row_h = 60.0, rng.uniform(140, 175), W - 60, rng.uniform(24, 30)
    p.c.setLineWidth(0.8)
    for key in ("full_name", "tckn", "title", "institution", "email", "phone"):
        p.c.rect(x0, y - row_h, lw, row_h)
        p.c.rect(x0 + lw, y - row_h, x1 - x0 - lw, row_h)
        p.text(x0 + 5, y - row_h + 8, _label(rng, key), bold=True)
        slots.text[key] = (x0 + lw + 6, y - row_h + 8, x1 - x0 - lw - 12)
        y -= row_h
    for key in ("request", "reader"):
        p.c.rect(x0, y - row_h, x1 - x0, row_h)
        if key == "request":
            width = p.text(x0 + 5, y - row_h + 8, "Başvuru Nedeni:", bold=True)
            p.options(
                x0 + width + 16, y - row_h + 8, _request_items(rng), slots, rng.random() < 0.6
            )
        else:
            _reader_row(p, rng, x0 + 5, y - row_h + 8, slots)
        y -= row_h
    y = p.paragraph(x0, y - 24, x1 - x0, DECLARATION, p.size * 0.9) - 30
    width = p.text(x1 - 190, y, _label(rng, "date") + ":", bold=True)
    slots.text["date"] = (x1 - 190 + max(60, width + 8), y, 120)
    p.text(x1 - 190, y - 34, "İmza:", bold=True)
    slots.signature = (x1 - 190 + 40, y - 40, 110)
    return slots


def lines_design(p: Pen, rng: random.Random) -> Slots:
    """Labels with dotted lines, reasons as a vertical list, a single reader box."""
    slots, y = Slots(), _heading(p, rng, H - 55)
    x0, lw = 70.0, rng.uniform(120, 150)
    reasons = _request_items(rng)
    p.text(x0, y, "Başvuru nedenini işaretleyiniz:", bold=True)
    y -= 24
    for key, label in reasons:
        p.options(x0 + 10, y, [(key, label)], slots, box_first=True)
        y -= 20
    y -= 14
    for key in ("full_name", "tckn", "title", "institution", "email", "phone"):
        lw = max(lw, p.text(x0, y, _label(rng, key)) + 14)
        p.text(x0 + lw - 8, y, ":")
        p.c.setDash(1, 2)
        p.c.line(x0 + lw, y - 2, W - 70, y - 2)
        p.c.setDash()
        slots.text[key] = (x0 + lw + 4, y + 1, W - 70 - x0 - lw - 8)
        y -= rng.uniform(26, 34)
    y -= 6
    slots.reader_single = True
    p.options(x0, y, [("reader_yes", "Kart okuyucu talep ediyorum")], slots, box_first=True)
    y = p.paragraph(x0, y - 30, W - 140, DECLARATION, p.size * 0.9) - 34
    width = p.text(W - 230, y, _label(rng, "date") + " :")
    slots.text["date"] = (W - 230 + max(70, width + 8), y + 1, 110)
    p.text(W - 230, y - 30, "İmza :")
    slots.signature = (W - 230 + 50, y - 36, 110)
    return slots
