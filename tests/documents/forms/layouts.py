"""Draw synthetic e-imza kayıp/çalıntı/arıza forms with reportlab: flat, fillable or blank."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE_W, PAGE_H = 595.0, 842.0
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"  # Debian package fonts-dejavu-core
FONTS = {"Sans": "DejaVuSans.ttf", "Serif": "DejaVuSerif.ttf", "Cond": "DejaVuSansCondensed.ttf",
         "Mono": "DejaVuSansMono.ttf", "SansBold": "DejaVuSans-Bold.ttf"}
FIELDS = ("full_name", "tckn", "title", "institution", "email", "phone")
MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
          "Ekim", "Kasım", "Aralık")


@dataclass
class Person:
    """The applicant's values as the form should be read."""

    full_name: str
    tckn: str
    title: str
    institution: str
    email: str
    phone: str  # "0" + 10 digits
    date: date
    request: str  # lost / stolen / fault
    card_reader: bool


@dataclass
class Spec:
    """How one form is drawn and filled."""

    person: Person
    layout: str = "colon"  # colon | table | below | two_column
    labels: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)  # lost/stolen/fault display text
    box_side: str = "left"  # left | right: where the box sits next to its option
    marks: str = "box"  # box: drawn boxes; glyph: ☐/☒ characters
    card_style: str = "single"  # single | yes_no
    fill: str = "typed"  # typed | fillable | blank
    acro_names: str = "semantic"  # semantic | word (Metin1, Onay Kutusu1)
    on_value: str = "Yes"  # a ticked AcroForm checkbox's state name (Yes, On, Evet, 1)
    phone_text: str | None = None  # how the phone is written (default: as stored)
    date_text: str | None = None
    omit: tuple[str, ...] = ()  # fields left empty
    font: str = "Sans"
    title_lines: tuple[str, ...] = ("T.C. TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ",
                                    "E-İMZA KAYIP / ÇALINTI / ARIZA BAŞVURU FORMU")


DEFAULT_LABELS = {"full_name": "Adı Soyadı", "tckn": "T.C. Kimlik No", "title": "Unvanı",
                  "institution": "Kurumu", "email": "E-posta", "phone": "Telefon",
                  "date": "Tarih", "signature": "İmza", "request": "Başvuru Nedeni",
                  "card": "Kart okuyucu talep ediyorum"}
DEFAULT_OPTIONS = {"lost": "Kayıp", "stolen": "Çalıntı", "fault": "Arıza"}


@dataclass
class Drawn:
    """Where values and boxes ended up (points from the top-left), for fillers and scans."""

    slots: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # x, baseline, w
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)


def register_fonts() -> None:
    """Register the DejaVu TrueType fonts with reportlab (once)."""
    for name, file in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, FONT_DIR + file))


def value_text(spec: Spec, what: str) -> str:
    """The text written for a field (empty when omitted)."""
    if what in spec.omit:
        return ""
    person = spec.person
    if what == "phone" and spec.phone_text:
        return spec.phone_text
    if what == "date":
        return spec.date_text or person.date.strftime("%d.%m.%Y")
    return str(getattr(person, what))


class Painter:
    """A reportlab canvas with top-left coordinates and the form's drawing moves."""

    def __init__(self, spec: Spec) -> None:
        register_fonts()
        self.spec = spec
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(PAGE_W, PAGE_H))
        self.drawn = Drawn()
        self.size = 10.5

    def text(self, x: float, y: float, text: str, size: float | None = None,
             font: str | None = None) -> float:
        """Draw text with its baseline at `y` from the top; returns its width."""
        font = font or self.spec.font
        size = size or self.size
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, PAGE_H - y, text)
        return pdfmetrics.stringWidth(text, font, size)

    def rect(self, x0: float, top: float, x1: float, bottom: float, width: float = 0.8) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top)

    def line(self, x0: float, y: float, x1: float) -> None:
        self.canvas.setLineWidth(0.5)
        self.canvas.line(x0, PAGE_H - y, x1, PAGE_H - y)

    def box(self, key: str, x: float, baseline: float, ticked: bool) -> float:
        """A checkbox (drawn or glyph) at x on the baseline; returns its width."""
        side = 10.0
        if self.spec.marks == "glyph":
            glyph = "☒" if ticked and self.spec.fill == "typed" else "☐"
            width = self.text(x, baseline, glyph, self.size + 2, "Sans")
            self.drawn.boxes[key] = (x, baseline - side, x + width, baseline + 1)
            return width
        top = baseline - side + 1
        self.rect(x, top, x + side, top + side)
        self.drawn.boxes[key] = (x, top, x + side, top + side)
        if ticked and self.spec.fill == "typed":
            self.text(x + 1.8, baseline - 0.5, "X", 9.5, "Sans")
        return side

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
