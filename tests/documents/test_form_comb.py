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
          font: ImageFont.FreeTypeFont, cell: int) -> None:
    """Eleven cells, one digit typed in each."""
    for i, digit in enumerate(digits):
        left = x + i * cell
        draw.rectangle((left, y, left + cell, y + 44), outline=0, width=2)
        draw.text((left + (cell - font.getlength(digit)) / 2, y + 8), digit, font=font, fill=0)


def _scan(tckn: str, phone: str, cell: int = 34, typeface: str = "DejaVuSans.ttf") -> bytes:
    """A form page at 150 dpi with its TCKN and phone number in comb cells."""
    page = Image.new("L", (1240, 1754), 235)
    draw = ImageDraw.Draw(page)
    label = ImageFont.truetype(FONTS + "DejaVuSerif.ttf", 26)
    typed = ImageFont.truetype(FONTS + typeface, 24)
    draw.text((160, 120), "E-İMZA KARTI KAYIP/ÇALINTI/ARIZA BAŞVURU FORMU", font=label, fill=0)
    rows = [("Ad Soyad", "Ayşe Yılmaz"), ("TC Kimlik Numarası", None), ("Görevi", "Hemşire"),
            ("E-POSTA", "ayse.yilmaz@saglik.gov.tr"), ("Cep Telefonu", None)]
    for n, (name, value) in enumerate(rows):
        y = 260 + n * 90
        draw.text((120, y), name, font=label, fill=0)
        if value is not None:
            draw.text((520, y - 4), value, font=typed, fill=0)
            draw.line((510, y + 30, 1100, y + 30), fill=0, width=2)
    _comb(draw, 510, 260 + 90 - 12, tckn, typed, cell)
    _comb(draw, 510, 260 + 4 * 90 - 12, phone, typed, cell)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(150, 150))
    return buffer.getvalue()


@pytest.mark.parametrize(("cell", "typeface"), [(34, "DejaVuSans.ttf"),
                                              (22, "DejaVuSansMono.ttf")])
def test_a_phone_number_in_comb_cells_is_read(cell: int, typeface: str) -> None:
    # wide cells in a proportional face, narrow ones in a monospaced face
    tckn = make_tckn(random.Random(3))
    form = read_form(pipeline.extract_bytes(_scan(tckn, "05079752467", cell, typeface)))
    assert (form.tckn, form.phone) == (tckn, "05079752467")


def test_a_printed_tckn_failing_its_checksum_in_comb_cells_is_invalid() -> None:
    tckn = make_tckn(random.Random(4))
    broken = tckn[:10] + str((int(tckn[10]) + 1) % 10)
    form = read_form(pipeline.extract_bytes(_scan(broken, "05446340169")))
    assert form.tckn is None and "invalid_tckn" in form.problems


def test_a_generated_scan_with_narrow_comb_cells_reads_its_tckn_and_phone(tmp_path) -> None:
    # monospaced digits nearly touching their cells' walls: strokes as tall as the label's
    # text were taken for walls and removed, and digits a cell apart were read as fewer
    from tests.corpus import forms, sample_rng

    sample = forms.make_one(tmp_path, sample_rng(8484, 36, "form"), 36)
    assert sample.layout == "form-scan-typed-sections"
    form = read_form(pipeline.extract_bytes(sample.path.read_bytes()))
    assert (form.tckn, form.phone) == (sample.truth["tckn"], sample.truth["phone"])
