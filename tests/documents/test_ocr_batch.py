"""Crops read in one Tesseract run read as each would alone (real Tesseract)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from mailbot.documents.form_ocr import tesseract_words, tesseract_words_many
from tests.documents.forms.extraction import tesseract_missing

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _line(text: str, size: int) -> Image.Image:
    font = ImageFont.truetype(FONT, size)
    picture = Image.new("L", (int(font.getlength(text)) + 40, size + 40), 255)
    ImageDraw.Draw(picture).text((20, 15), text, fill=0, font=font)
    return picture


@pytest.mark.skipif(tesseract_missing(), reason="needs tesseract-ocr, tesseract-ocr-tur")
def test_each_picture_of_a_batch_reads_as_it_does_alone() -> None:
    pictures = [_line("686103834567", 40), _line("TR33 0006", 30),
                _line("İŞLEM TUTARI 1.080,00 TL", 36)]
    alone = [tesseract_words(p, "--psm 7") for p in pictures]
    together = tesseract_words_many(pictures, 7)
    assert [w.text for w in together[0]] == ["686103834567"]
    assert [w.text for w in together[1]] == ["TR33", "0006"]
    assert [[(w.text, w.conf, w.x0, w.top) for w in words] for words in together] == [
        [(w.text, w.conf, w.x0, w.top) for w in words] for words in alone]
    assert tesseract_words_many([], 7) == []
