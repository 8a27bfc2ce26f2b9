"""Page layout from word positions: lines, cells split at column gaps, text-to-page for tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import TypeVar

from mailbot.documents.model import Extraction, Page, Word
from mailbot.text import ascii_fold, lower_tr

_GAP_EMS = 1.5  # a horizontal gap wider than this many word heights starts a new cell


@dataclass(frozen=True)
class Cell:
    """A run of words on one line with no column gap inside; `key` is its folded text."""

    page: int
    line: int
    words: tuple[Word, ...]
    text: str
    key: str
    x0: float
    top: float
    x1: float
    bottom: float

    def overlaps_x(self, other: Cell, slack: float = 0.0) -> bool:
        """True when the two cells share some horizontal extent."""
        return self.x0 - slack < other.x1 and other.x0 - slack < self.x1


@dataclass(frozen=True)
class Line:
    """Cells sharing a baseline, left to right."""

    page: int
    index: int
    top: float
    bottom: float
    cells: tuple[Cell, ...]


def fold(text: str) -> str:
    """Turkish lower-case + ASCII fold, keeping the length when it can (index-compatible)."""
    folded = ascii_fold(lower_tr(text))
    return folded if len(folded) == len(text) else ascii_fold(text.lower())


SPECK_CONF = 20.0  # below this, a word flatter than SPECK_HEIGHT of the page's is a speck,
SPECK_HEIGHT = 0.4
FLAT_HEIGHT = 0.25  # and one flatter than this at any confidence ("pan", 2 points of 15)


def page_lines(page: Page) -> list[Line]:
    """Group a page's words into lines (OCR line ids, else vertical position), then cells;
    specks OCR made words of ("Le e" beside a name, a point tall) are left out."""
    height = _text_height(page.words)
    words = tuple(w for w in page.words if not _speck(w, height))
    if words and all(w.line is not None for w in words):
        rows = _rows_by_id(words)
    else:
        rows = _rows_by_position(words)
    return [_line(page.number, index, row, height) for index, row in enumerate(rows)]


def _text_height(words: tuple[Word, ...]) -> float:
    """The height of the page's words, as far as read with confidence."""
    sure = [w.bottom - w.top for w in words if w.conf is None or w.conf >= 60]
    heights = sure or [w.bottom - w.top for w in words]
    return median(heights) if heights else 10.0


def _speck(word: Word, height: float) -> bool:
    if word.conf is None or not any(ch.isalnum() for ch in word.text):
        return False  # a text layer's word, or a dash (flat by nature)
    flat = (word.bottom - word.top) / height
    return flat < FLAT_HEIGHT or (word.conf < SPECK_CONF and flat < SPECK_HEIGHT)


def _middle(word: Word) -> float:
    """Vertical centre of a word."""
    return (word.top + word.bottom) / 2


def _rows_by_id(words: tuple[Word, ...]) -> list[list[Word]]:
    """Rows as the OCR engine found them (robust to residual skew), top to bottom."""
    rows: dict[int, list[Word]] = {}
    for word in words:
        rows.setdefault(word.line, []).append(word)
    return sorted(rows.values(), key=lambda row: median(_middle(w) for w in row))


def _rows_by_position(words: tuple[Word, ...]) -> list[list[Word]]:
    """Rows of words whose centres lie within half a word height of the row's centre."""
    rows: list[list[Word]] = []
    centre = 0.0
    for word in sorted(words, key=lambda w: (_middle(w), w.x0)):
        height = max(1.0, word.bottom - word.top)
        if rows and abs(_middle(word) - centre) <= height * 0.45:
            rows[-1].append(word)
            centre += (_middle(word) - centre) / len(rows[-1])
        else:
            rows.append([word])
            centre = _middle(word)
    return rows


def _line(page: int, index: int, row: list[Word], height: float) -> Line:
    """One line with its cells."""
    words = sorted(row, key=lambda w: w.x0)
    groups: list[list[Word]] = [[words[0]]]
    for word in words[1:]:
        if word.x0 - groups[-1][-1].x1 > _GAP_EMS * height:
            groups.append([word])
        else:
            groups[-1].append(word)
    cells = tuple(make_cell(page, index, group) for group in groups)
    return Line(page, index, min(w.top for w in words), max(w.bottom for w in words), cells)


_Item = TypeVar("_Item")


def trim_ends(items: Sequence[_Item], unwanted: Callable[[_Item], bool]) -> list[_Item]:
    """`items` without the unwanted ones at either end (those inside are kept)."""
    start, end = 0, len(items)
    while start < end and unwanted(items[start]):
        start += 1
    while end > start and unwanted(items[end - 1]):
        end -= 1
    return list(items[start:end])


def make_cell(page: int, line: int, words: list[Word]) -> Cell:
    """A cell from its words."""
    text = " ".join(w.text for w in words)
    return Cell(page, line, tuple(words), text, fold(text), words[0].x0,
                min(w.top for w in words), words[-1].x1, max(w.bottom for w in words))


def document_lines(extraction: Extraction) -> list[Line]:
    """All pages' lines in reading order (page by page, top to bottom)."""
    lines: list[Line] = []
    for page in extraction.pages:
        lines.extend(page_lines(page))
    return lines


def page_from_text(text: str, number: int = 1, char_width: float = 6.0,
                   line_height: float = 14.0) -> Page:
    """A text-layer page built from monospaced text (one char = `char_width` points).

    Golden tests use it: columns in the text become word positions, so two-column and
    label-above-value layouts read as they would from a PDF.
    """
    words: list[Word] = []
    for row, line in enumerate(text.splitlines()):
        column = 0
        for chunk in line.split(" "):
            if chunk:
                x0 = 40 + column * char_width
                top = 40 + row * line_height
                words.append(Word(chunk, x0, top, x0 + len(chunk) * char_width, top + 10.0))
            column += len(chunk) + 1
    height = 80 + len(text.splitlines()) * line_height
    return Page(number, 595.0, max(842.0, height), tuple(words), text)


def extraction_from_text(text: str) -> Extraction:
    """An Extraction of monospaced text; pages are separated by form feeds."""
    pages = tuple(page_from_text(part, n) for n, part in enumerate(text.split("\f"), start=1))
    return Extraction(pages=pages)
