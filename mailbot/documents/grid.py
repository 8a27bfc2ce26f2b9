"""Neighbourhood queries over layout lines: the cell right of a label, below it, wrapped text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from mailbot.documents.labels import Hit
from mailbot.documents.layout import Cell, Line, fold, make_cell, trim_ends
from mailbot.documents.model import Word

_SEPARATORS = " :;.-–=|>*"  # a colon OCR may read as * or >
_BELOW_LINES = 2.6  # a value below its label is at most this many line heights down
_SPECK_CONFIDENCE = 40.0  # Tesseract's confidence below which a tiny edge word is a speck
_WRAP_LINES = 1.3  # a wrapped line starts at most this many line heights below the last


@dataclass(frozen=True)
class Span:
    """Value text with the box it came from (for looking below it)."""

    text: str
    page: int
    line: int
    x0: float
    x1: float
    top: float
    bottom: float


def span_of(words: tuple[Word, ...] | list[Word], page: int, line: int) -> Span:
    """A span over words (OCR specks at its edges left out); it starts where its first
    letter or digit does (a wrapped line aligns with the value, not with a colon before it)."""
    words = _without_specks(list(words))
    lettered = [w.x0 for w in words if any(ch.isalnum() for ch in w.text)]
    return Span(" ".join(w.text for w in words), page, line, min(lettered or
                                                                 [w.x0 for w in words]),
                max(w.x1 for w in words), min(w.top for w in words),
                max(w.bottom for w in words))


def _without_specks(words: list[Word]) -> list[Word]:
    """Drop edge words of one or two characters that OCR read with little confidence ("mi",
    "o", "(" left of a value: specks and rule ends); all of them when nothing else is left.
    A slash is no speck's shape: it starts a description's wrapped line ("/ NES 3 YILLIK").
    An OCR'd edge character twice as tall as the span's words is an icon or a rule's end
    ("o SERKAN GÜRSOY" on a phone's screen), however sure OCR was of it."""
    def speck(word: Word) -> bool:
        if word.conf is None or word.text == "/":
            return False
        others = [w.bottom - w.top for w in words if w is not word]
        tall = len(word.text) == 1 and bool(others) and (
            word.bottom - word.top >= _ICON_HEIGHT * median(others))
        return tall or (word.conf < _SPECK_CONFIDENCE and len(word.text) <= 2)

    return trim_ends(words, speck) or words


_ICON_HEIGHT = 1.5  # of the median height of the span's other words


_NUMERIC_FIELDS = frozenset({"payer_iban", "recipient_iban", "party_iban", "amount", "date",
                             "reference"})


RUN_ON_GAP = 2.0  # line heights: a cell this close right of a value goes on with it


def _close(cell: Cell, right: Cell) -> bool:
    return right.x0 - cell.x1 <= RUN_ON_GAP * max(4.0, cell.bottom - cell.top)


class Grid:
    """Lines of a document indexed by page and line number, with the label cells marked."""

    def __init__(self, lines: list[Line], hits: list[Hit],
                 value_words: tuple[str, ...] = ()) -> None:
        """`value_words`: ignored label words, folded, that also end values (see
        _words_of_value)."""
        self.pages: dict[int, list[Line]] = {}
        for line in lines:
            self.pages.setdefault(line.page, []).append(line)
        self.labelled = {id(hit.cell) for hit in hits}
        self.bare_labels = {id(hit.cell) for hit in hits if not hit.inline}
        fields: dict[int, set[str]] = {}
        for hit in hits:
            fields.setdefault(id(hit.cell), set()).add(hit.field)
        ignored = {key for key, names in fields.items() if names == {"ignore"}}
        self.bare_ignored = ignored & self.bare_labels
        self.ignored_before_words = ignored & {id(hit.cell) for hit in hits if hit.inline}
        self.numeric = {key for key, names in fields.items() if names <= _NUMERIC_FIELDS}
        self.value_words = value_words

    def is_label(self, cell: Cell) -> bool:
        """True when the cell starts with a known label."""
        return id(cell) in self.labelled

    def right_of(self, cell: Cell) -> Cell | None:
        """The next cell on the same line, unless it is a label (a lone ':' column is skipped)."""
        line = self.pages[cell.page][cell.line]
        later = [c for c in line.cells if c.x0 >= cell.x1 - 0.5 and c is not cell
                 and c.text.strip(_SEPARATORS)]
        if not later or self.is_label(later[0]):
            return None
        return later[0]

    def below(self, span: Span | Cell) -> Cell | None:
        """The nearest non-label cell under `span`, overlapping it horizontally.

        Under a table header, a cell that runs into the next column is cut at that
        column's header ("TR64 … 16   147,50 TRY" under "Alıcı Hesap | İşlem Tutarı").
        """
        height = max(4.0, span.bottom - span.top)
        for line in self.pages[span.page][span.line + 1:]:
            if line.top - span.bottom > _BELOW_LINES * height * 1.3:
                return None
            for cell in line.cells:
                if cell.x0 < span.x1 and span.x0 < cell.x1:
                    if self.is_label(cell) or self._owned(line, cell):
                        return None
                    return self._column_part(span, cell) if isinstance(span, Cell) else cell
        return None

    def _column_part(self, header: Cell, cell: Cell) -> Cell | None:
        """The words of `cell` in `header`'s column, between its neighbouring header labels."""
        row = self.pages[header.page][header.line].cells
        labels = [c for c in row if self.is_label(c) and c is not header]
        before = max((c.x1 for c in labels if c.x1 <= header.x0), default=None)
        after = min((c.x0 for c in labels if c.x0 >= header.x1), default=None)
        slack = max(4.0, header.bottom - header.top)  # values start under their header
        left = None if before is None else max(before, header.x0 - slack)
        right = None if after is None else after - slack
        words = [w for w in cell.words
                 if (right is None or w.x0 < right) and (left is None or w.x0 >= left)]
        if len(words) == len(cell.words):
            return cell
        return make_cell(cell.page, cell.line, words) if words else None

    def wrapped(self, span: Span, label_x0: float) -> Cell | None:
        """The next line's cell continuing `span` (left- or right-aligned with it), if any.

        Not a continuation: a label (but see _words_of_value), a cell starting with a
        separator (the value of an unknown label), or a line that has
        something in the label column.
        """
        height = max(4.0, span.bottom - span.top)
        lines = self.pages[span.page][span.line + 1:span.line + 2]
        if not lines or lines[0].top - span.bottom > _WRAP_LINES * height:
            return None
        line = lines[0]
        if any(abs(c.x0 - label_x0) <= height and c.x1 <= span.x0 for c in line.cells):
            return None
        for cell in line.cells:
            tolerance = 1.6 * height
            aligned = (abs(cell.x0 - span.x0) <= tolerance or abs(cell.x1 - span.x1) <= tolerance
                       or (cell.x0 >= span.x0 - tolerance and cell.x1 <= span.x1 + tolerance))
            if aligned and cell.x0 < span.x1 and span.x0 < cell.x1:
                if self._owned(line, cell) or cell.text[:1] in ":;.=" or _FOOTER.search(cell.text):
                    return None
                if self.is_label(cell) and not (len(line.cells) == 1 and (
                        self._word_of_value(cell, span)
                        or self._words_of_value(cell, span))):
                    return None
                return cell
        return None

    def _word_of_value(self, cell: Cell, span: Span) -> bool:
        """True for a lone ignored label word under a value ("NES" / "ÜCRETİ"): it wraps it.

        One word only: "İŞLEM ÜCRETİ" or "Sıra No" alone on a line are labels of their own,
        and so is one with a number of its own under it ("ÜCRET" / "0,00 TL")."""
        return (id(cell) in self.bare_ignored and ":" not in cell.text
                and len(cell.words) == 1 and not self._number_under(span.page, span.line + 1))

    def _words_of_value(self, cell: Cell, span: Span) -> bool:
        """True for words under a value that start with an ignored label word that also ends
        values (self.value_words: "NES" / "ÜCRETİ YAĞMUR ÜNAL", not "YALNIZ BİNSEKSEN TL"),
        with more than the label's words (not "İŞLEM ÜCRETİ" alone), no colon, no number (not
        "ÜCRET 0,00 TL"), and no number under them (not a stacked "Komisyon" / "0,00 TL")."""
        first = fold(cell.words[0].text) if cell.words else ""
        return (id(cell) in self.ignored_before_words and first.startswith(self.value_words)
                and ":" not in cell.text
                and not any(ch.isdigit() for ch in cell.text)
                and not self._number_under(span.page, span.line + 1))

    def _number_under(self, page: int, line: int) -> bool:
        """Whether the line after `line` is one unlabelled cell holding a digit (a stacked
        label's value)."""
        below = self.pages[page][line + 1:line + 2]
        if not below or len(below[0].cells) != 1 or self.is_label(below[0].cells[0]):
            return False
        return any(ch.isdigit() for ch in below[0].cells[0].text)

    def _owned(self, line: Line, cell: Cell) -> bool:
        """True when the cell is the value of a bare label just left of it on its line."""
        left = [c for c in line.cells if c.x1 <= cell.x0]
        if not left or id(left[-1]) not in self.bare_labels:
            return False
        # words without a figure are no IBAN, amount or date: a value wrapped in the next
        # column, beside the other column's label ("GÖNDEREN IBAN   SAĞLIK MÜDÜRLÜĞÜ")
        return id(left[-1]) not in self.numeric or any(ch.isdigit() for ch in cell.text)

    def value_spans(self, hit: Hit, run_on: bool = False) -> list[Span]:
        """Where the hit's value may be: inline, in the next cell right, or below the label.
        `run_on`: an inline value goes on into a cell close right of it (a description OCR
        cut at a wide word gap: "AÇIKLAMA: E-İMZA   YAĞMUR SU BULUT 80082364832")."""
        spans: list[Span] = []
        right = self.right_of(hit.cell)
        if hit.inline:
            words = list(hit.words)
            while words and not words[0].text.strip(_SEPARATORS):
                words.pop(0)
            if len(words) > 1 and _label_rest(words[0].text):
                words.pop(0)  # "Name:" of "Ad Soyad/Unvan / Name: T.C. SAĞLIK"
            if run_on and words and right is not None and _close(hit.cell, right):
                words += list(right.words)
            spans.append(span_of(words, hit.cell.page, hit.cell.line))
        if right is not None:
            spans.append(span_of(right.words, right.page, right.line))
        under = self.below(hit.cell)
        if under is not None:
            spans.append(span_of(under.words, under.page, under.line))
        return spans

    def continued(self, span: Span, max_lines: int, label_x0: float) -> list[Span]:
        """The span followed by up to `max_lines` wrapped continuation lines below it."""
        chain = [span]
        for _ in range(max_lines):
            nxt = self.wrapped(chain[-1], label_x0)
            if nxt is None:
                break
            chain.append(span_of(nxt.words, nxt.page, nxt.line))
        return chain


# a bank's footer (its web address or legal form) under a value is no line of it
_FOOTER = re.compile(r"www\.|\.com\b|\bT\.\s?A\.\s?[OŞS]\b|\bTAO\b|\bA\.\s?Ş\b", re.IGNORECASE)


def _label_rest(text: str) -> bool:
    """A label's other-language words ending in its colon ("Name:", "Amount:")."""
    return text.endswith(":") and text[:-1].isalpha() and len(text) > 4
