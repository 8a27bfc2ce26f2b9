"""Dotted leaders between a label and its value are erased before OCR, and what OCR made of
one ("emer", "veneer.") is dropped; letters' own dots and colons stay."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from mailbot.documents import leaders
from mailbot.documents.model import Word

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font(size: int = 28) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        pytest.skip("needs the Debian package fonts-dejavu-core")


def _sheet() -> tuple[np.ndarray, dict[str, tuple[int, int, int, int]]]:
    """A line "ALICI ADI ..........: ÜÖÜÖÜÖ" as ink (255 on 0) and where its parts lie."""
    image = Image.new("L", (1000, 80), 255)
    draw = ImageDraw.Draw(image)
    font = _font()
    draw.text((10, 20), "ALICI ADI", font=font, fill=0)
    x = 170
    while x < 520:
        draw.ellipse((x, 44, x + 4, 48), fill=0)
        x += 12
    draw.text((x, 20), ":", font=font, fill=0)
    draw.text((560, 20), "ÜÖÜÖÜÖ", font=font, fill=0)  # ten dots in a row, over letters
    ink = (np.asarray(image) < 128).astype(np.uint8) * 255
    return ink, {"label": (0, 0, 165, 80), "dots": (165, 30, x - 2, 60),
                 "colon": (x - 2, 0, x + 15, 80), "word": (555, 0, 1000, 80)}


def _inked(mask: np.ndarray, box: tuple[int, int, int, int]) -> int:
    x0, top, x1, bottom = box
    return int((mask[top:bottom, x0:x1] > 0).sum())


def test_a_row_of_dots_is_a_leader_but_a_colon_and_the_dots_of_letters_are_not():
    ink, parts = _sheet()
    mask = leaders.dotted_leaders(ink)
    assert _inked(mask, parts["dots"]) >= 0.9 * _inked(ink, parts["dots"])
    assert _inked(mask, parts["colon"]) == 0
    assert _inked(mask, parts["word"]) == 0
    assert _inked(mask, parts["label"]) == 0


def test_a_word_ocr_made_of_a_leader_is_dropped_and_real_words_kept():
    ink, parts = _sheet()
    picture = Image.fromarray(255 - ink)
    x0, _, x1, _ = parts["dots"]
    words = (Word("ALICI", 10, 20, 100, 50, 95.0, 1), Word("ADI", 110, 20, 160, 50, 93.0, 1),
             Word("emer", x0, 40, x1, 50, 11.0, 1),
             Word("ÜÖÜÖÜÖ", 560, 15, 900, 50, 30.0, 1))
    kept = leaders.without_leaders(words, picture, 1.0)
    assert [w.text for w in kept] == ["ALICI", "ADI", "ÜÖÜÖÜÖ"]
    sure = tuple(Word(w.text, w.x0, w.top, w.x1, w.bottom, 90.0, 1) for w in words)
    assert leaders.without_leaders(sure, picture, 1.0) == sure  # a sure reading is kept
