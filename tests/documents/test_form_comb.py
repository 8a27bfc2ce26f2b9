"""Numbers typed into comb cells on a scanned form: read as digits with the cell walls removed."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw, ImageFont

from mailbot.documents import pipeline
from mailbot.documents.form import read_form
from tests.corpus.people import make_tckn
from tests.documents.forms.extraction import tesseract_missing

pytestmark = pytest.mark.skipif(tesseract_missing(),
                                reason="needs Debian packages tesseract-ocr, tesseract-ocr-tur")
FONTS = "/usr/share/fonts/truetype/dejavu/"


def _comb(draw: ImageDraw.ImageDraw, x: int, y: int, digits: str,
          font: ImageFont.FreeTypeFont) -> None:
    """Eleven cells, one digit typed in each."""
    cell = 34
    for i, digit in enumerate(digits):
        left = x + i * cell
        draw.rectangle((left, y, left + cell, y + 44), outline=0, width=2)
        draw.text((left + 10, y + 8), digit, font=font, fill=0)


def _scan(tckn: str, phone: str) -> bytes:
    """A form page at 150 dpi with its TCKN and phone number in comb cells."""
    page = Image.new("L", (1240, 1754), 235)
    draw = ImageDraw.Draw(page)
    label = ImageFont.truetype(FONTS + "DejaVuSerif.ttf", 26)
    typed = ImageFont.truetype(FONTS + "DejaVuSans.ttf", 24)
    draw.text((160, 120), "E-İMZA KARTI KAYIP/ÇALINTI/ARIZA BAŞVURU FORMU", font=label, fill=0)
    rows = [("Ad Soyad", "Ayşe Yılmaz"), ("TC Kimlik Numarası", None), ("Görevi", "Hemşire"),
            ("E-POSTA", "ayse.yilmaz@saglik.gov.tr"), ("Cep Telefonu", None)]
    for n, (name, value) in enumerate(rows):
        y = 260 + n * 90
        draw.text((120, y), name, font=label, fill=0)
        if value is not None:
            draw.text((520, y - 4), value, font=typed, fill=0)
            draw.line((510, y + 30, 1100, y + 30), fill=0, width=2)
    _comb(draw, 510, 260 + 90 - 12, tckn, typed)
    _comb(draw, 510, 260 + 4 * 90 - 12, phone, typed)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(150, 150))
    return buffer.getvalue()


def test_a_phone_number_in_comb_cells_is_read() -> None:
    tckn = make_tckn(random.Random(3))
    form = read_form(pipeline.extract_bytes(_scan(tckn, "05079752467")))
    assert (form.tckn, form.phone) == (tckn, "05079752467")


def test_a_printed_tckn_failing_its_checksum_in_comb_cells_is_invalid() -> None:
    tckn = make_tckn(random.Random(4))
    broken = tckn[:10] + str((int(tckn[10]) + 1) % 10)
    form = read_form(pipeline.extract_bytes(_scan(broken, "05446340169")))
    assert form.tckn is None and "invalid_tckn" in form.problems
