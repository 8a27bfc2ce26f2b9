"""PP-OCR (line_ocr) reads handwritten lines of a page picture, and reads a line again."""

import io
import random

from PIL import Image, ImageDraw

from mailbot.documents.form_lexicon import near_spelled
from mailbot.documents.line_ocr import page_lines, reread_line
from mailbot.documents.model import Page, Word
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


def _comb_page(digits: str, seed: int, cell: int = 34) -> tuple[Page, Word]:
    """A white page at 150 dpi with `digits` written one to a comb cell, and the comb's box."""
    size = (int(PAGE_PT[0] * 150 / 72), int(PAGE_PT[1] * 150 / 72))
    picture = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(picture)
    x0, top, height = 150, 120, 56
    for i in range(len(digits) + 1):
        draw.line([(x0 + i * cell, top), (x0 + i * cell, top + height)], fill="black", width=3)
    draw.line([(x0, top + height), (x0 + len(digits) * cell, top + height)], fill="black",
              width=3)
    hand = Hand(random.Random(seed), size_px=40, mess=0.1)
    for i, digit in enumerate(digits):
        hand.write(picture, x0 + i * cell + 7, top + height - 10, digit, cell - 10)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    page = Page(1, PAGE_PT[0], PAGE_PT[1], (), "", ocr=True, image=buffer.getvalue(), dpi=150)
    pt = 72 / 150
    return page, Word(digits, x0 * pt, top * pt, (x0 + len(digits) * cell) * pt,
                      (top + height) * pt, 90.0)


def test_digits_in_comb_cells_are_read_again_without_the_walls_read_as_ones():
    number, read = "05466346452", []
    for seed in range(6):
        page, line = _comb_page(number, seed)
        assert number not in reread_line(page, line)  # the walls read as 1s and brackets
        read.append(reread_line(page, line, without_walls=True).count(number) >= 2)
    assert sum(read) >= 2  # not all: a digit touching a wall loses a stroke with it
    assert reread_line(*_lines_page_and_line(), without_walls=True) == []  # no comb


def _lines_page_and_line() -> tuple[Page, Word]:
    page = _page(["31487147162"], 0)
    return page, page_lines(page)[0]
