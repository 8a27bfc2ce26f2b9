"""PP-OCR (line_ocr) reads handwritten lines of a page picture, and reads a line again."""

import io
import random

from PIL import Image

from mailbot.documents.form_lexicon import near_spelled
from mailbot.documents.line_ocr import page_lines, reread_line
from mailbot.documents.model import Page
from tests.corpus.handwriting import Hand

PAGE_PT = (595.0, 300.0)


def _page(lines: list[str], seed: int) -> Page:
    """A white page at 150 dpi with `lines` written by one hand, one under the other."""
    size = (int(PAGE_PT[0] * 150 / 72), int(PAGE_PT[1] * 150 / 72))
    picture = Image.new("RGB", size, "white")
    hand = Hand(random.Random(seed), size_px=44, mess=0.1)
    for i, text in enumerate(lines):
        hand.write(picture, 120, 140 + 110 * i, text, size[0] - 240)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return Page(1, PAGE_PT[0], PAGE_PT[1], (), "", ocr=True, image=buffer.getvalue(), dpi=150)


def test_handwritten_digits_and_words_are_read_as_lines_in_page_points():
    read = []
    for seed in range(8):  # eight writers (fonts, slants, inks)
        lines = page_lines(_page(["31487147162", "Uzman Doktor"], seed))
        assert len(lines) == 2, seed
        number, title = lines
        assert 40 < number.x0 < number.x1 < 400 and 30 < number.top < number.bottom < 90
        assert title.top > number.bottom and 50 <= number.conf <= 100
        read.append((number.text.replace(" ", "") == "31487147162",
                     near_spelled("title", title.text) is not None))
    assert sum(digits for digits, _ in read) >= 5  # not all: handwriting stays hard
    assert sum(words for _, words in read) >= 4


def test_a_line_read_again_from_its_crop_gives_three_readings():
    page = _page(["0532 181 97 63"], seed=5)
    [line] = page_lines(page)
    again = reread_line(page, line)
    assert len(again) == 3
    assert sum(t.replace(" ", "") == "05321819763" for t in again) >= 2


def test_a_page_without_a_picture_has_no_lines():
    assert page_lines(Page(1, 595.0, 842.0, (), "")) == ()
