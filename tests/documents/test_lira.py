"""The lira sign, missing from Tesseract's Turkish model, is told by its shape on the picture."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from mailbot.documents import lira
from mailbot.documents.model import Word

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _word_picture(printed: str, read_as: str, size: int = 40) -> tuple[Word, np.ndarray]:
    """A grey page with `printed` drawn on it, and an OCR word `read_as` around it (1 px =
    1 pt)."""
    if not DEJAVU.is_file():
        pytest.skip("needs the Debian package fonts-dejavu-core (a font with the lira sign)")
    font = ImageFont.truetype(str(DEJAVU), size)
    page = Image.new("L", (600, 120), 235)
    ImageDraw.Draw(page).text((40, 30), printed, fill=30, font=font)
    page = page.filter(ImageFilter.GaussianBlur(0.8))
    left, top, right, bottom = ImageDraw.Draw(page).textbbox((40, 30), printed, font=font)
    return Word(read_as, left, top, right, bottom, 90.0), np.asarray(page)


@pytest.mark.parametrize("misread", ["41.080,00", "11.080,00", "t1.080,00"])
def test_a_lira_sign_read_as_a_digit_is_written_back(misread):
    word, page = _word_picture("₺1.080,00", misread)
    assert lira.mark_signs((word,), page, 1.0)[0].text == "₺1.080,00"


def test_a_real_leading_digit_stands():
    word, page = _word_picture("41.080,00", "41.080,00")
    assert lira.mark_signs((word,), page, 1.0)[0].text == "41.080,00"
    word, page = _word_picture("147,50", "147,50")
    assert lira.mark_signs((word,), page, 1.0)[0].text == "147,50"


def test_a_dropped_sign_leaves_every_digit_in_place():
    word, page = _word_picture("₺147,50", "147,50")  # one character more on the picture
    assert lira.mark_signs((word,), page, 1.0)[0].text == "147,50"


def test_only_amount_words_are_looked_at():
    word, page = _word_picture("₺1.080,00", "IBAN")
    assert lira.mark_signs((word,), page, 1.0)[0] is word


def _blank_page(size: int) -> tuple[ImageFont.FreeTypeFont, Image.Image, ImageDraw.ImageDraw]:
    """The font at `size`, and a grey page to draw on (skips without the font)."""
    if not DEJAVU.is_file():
        pytest.skip("needs the Debian package fonts-dejavu-core (a font with the lira sign)")
    page = Image.new("L", (600, 120), 235)
    return ImageFont.truetype(str(DEJAVU), size), page, ImageDraw.Draw(page)


def _touching_tail_picture(head: str, read_as: str, size: int = 40) -> tuple[Word, np.ndarray]:
    """`head` and then '00' drawn so close that the two zeros touch (a low-resolution scan)."""
    font, page, draw = _blank_page(size)
    draw.text((40, 30), head, fill=30, font=font)
    x = 40 + font.getlength(head)
    draw.text((x, 30), "0", fill=30, font=font)
    draw.text((x + font.getlength("0") - 6, 30), "0", fill=30, font=font)
    left, top, _, bottom = draw.textbbox((40, 30), head + "00", font=font)
    right = x + 2 * font.getlength("0") - 6
    return Word(read_as, left, top, right, bottom, 72.0), np.asarray(page)


def test_two_touching_digits_count_as_two_so_a_dropped_sign_keeps_its_digits():
    # '₺780,00' with its zeros touching: Tesseract dropped the sign and misread '00'; the
    # picture still shows seven characters, so the 7 is no lira sign
    word, page = _touching_tail_picture("₺780,", "780,99")
    assert lira.mark_signs((word,), page, 1.0)[0].text == "780,99"


def test_narrow_ones_do_not_make_the_sign_count_twice():
    word, page = _word_picture("₺111,11", "4111,11")
    assert lira.mark_signs((word,), page, 1.0)[0].text == "₺111,11"


def _glued_picture(head: str, tail: str, read_as: str, size: int = 40) -> tuple[Word, np.ndarray]:
    """`head` printed touching `tail` (a blurred photo joins them), read as `read_as`."""
    font, page, draw = _blank_page(size)
    draw.text((40, 30), head, fill=30, font=font)
    left, top, head_right, bottom = draw.textbbox((40, 30), head, font=font)
    draw.text((head_right - 4, 30), tail, fill=30, font=font)
    right = draw.textbbox((head_right - 4, 30), tail, font=font)[2]
    page = page.filter(ImageFilter.GaussianBlur(1.2))
    return Word(read_as, left, top, right, bottom, 90.0), np.asarray(page)


def test_a_sign_glued_to_the_first_digit_is_still_told_by_its_shape():
    word, page = _glued_picture("₺", "218,30", "4218,30")
    ink = page[int(word.top):int(word.bottom) + 1, int(word.x0):int(word.x1) + 1] < 130
    columns = ink.any(axis=0)
    first_run = np.argmin(columns[np.argmax(columns):])  # the sign and the 2 are one run
    assert first_run > ink.shape[0] * 0.8
    assert lira.mark_signs((word,), page, 1.0)[0].text == "₺218,30"
    word, page = _glued_picture("4", "218,30", "4218,30")
    assert lira.mark_signs((word,), page, 1.0)[0].text == "4218,30"
