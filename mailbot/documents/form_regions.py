"""Locate the value of a label: right of it on its line, or in its column on the line below."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.documents.form_layout import Hit, Line, is_leader
from mailbot.documents.model import Word

_ASIDE = re.compile(r"^\([^\d()]*\):?$")  # "(açıklayınız)", "(GSM)": a note on the label
BELOW_LINES = 2.6  # how far below a label (in label heights) its value may start
INK_LINES = 4.5  # how far below a label handwriting is looked for when OCR found no words
LEVEL_OVERLAP = 0.3  # share of their height words overlap a label by to stand level with it


@dataclass(frozen=True)
class Region:
    """Where a label's value is (points from top-left) and the words found there."""

    hit: Hit
    x0: float
    top: float
    x1: float
    bottom: float
    words: tuple[Word, ...]
    below: bool  # the value was looked for under the label

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def _next_hit_x(hits_on_line: list[Hit], hit: Hit, page_width: float) -> float:
    later = [h.x0 for h in hits_on_line if h.start >= hit.end]
    return min(later, default=page_width)


def _right_region(line: Line, hit: Hit, limit: float) -> Region:
    words = tuple(
        w for w in line.words[hit.end:] if w.x0 >= hit.x1 - 1 and w.x1 <= limit + 1
        and not is_leader(w) and not _ASIDE.match(w.text)
    )
    top, bottom = line.top, line.bottom
    return Region(hit, hit.x1, top, limit, bottom, words, below=False)


def _label_words(hits: list[Hit], line_number: int, line: Line) -> set[int]:
    taken: set[int] = set()
    for h in hits:
        if h.line == line_number:
            taken |= {id(line.words[i]) for i in range(h.start, h.end)}
    return taken


def _below_region(lines: list[Line], hits: list[Hit], hit: Hit, limit: float) -> Region:
    height = max(hit.height, 1.0)
    x0 = hit.x0 - 0.5 * height
    bottom = hit.bottom + INK_LINES * height
    for number in range(hit.line + 1, min(len(lines), hit.line + 4)):
        line = lines[number]
        if line.top - hit.bottom > BELOW_LINES * height:
            bottom = min(bottom, line.top - 1)
            break
        labels = _label_words(hits, number, line)
        column = [w for w in line.words if x0 <= (w.x0 + w.x1) / 2 <= limit]
        if not column:
            continue
        if id(column[0]) in labels or _label_line(column):
            bottom = min(bottom, min(w.top for w in column) - 1)
            break
        words = tuple(w for w in column if id(w) not in labels and not is_leader(w))
        if words and _level_with_a_label(lines, hits, number, words):
            bottom = min(bottom, min(w.top for w in words) - 1)
            break
        if words:
            return Region(hit, x0, hit.bottom, limit, line.bottom, words, below=True)
    return Region(hit, x0, hit.bottom, limit, max(bottom, hit.bottom), (), below=True)


def _level_with_a_label(lines: list[Line], hits: list[Hit], number: int,
                       words: tuple[Word, ...]) -> bool:
    """Whether words stand level with the next line's label, so they are its value, set a
    little lower than it (a comb's digits beside "T.C. KİMLİK NO"), not the value above."""
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    for h in hits:
        if h.line == number + 1 and not h.what.startswith("opt:"):
            overlap = min(bottom, h.bottom) - max(top, h.top)
            if overlap > LEVEL_OVERLAP * min(bottom - top, h.bottom - h.top):
                return True
    return False


def _label_line(column: list[Word]) -> bool:
    """Words that end in a colon within their first three are an unknown label, not a value."""
    return any(w.text.rstrip().endswith(":") for w in column[:3]) or (
        len(column) > 1 and column[1].text.strip() == ":")


def value_regions(lines: list[Line], hits: list[Hit], hit: Hit, page_width: float) -> list[Region]:
    """The region right of `hit` and, when that holds no words, the one below it."""
    line = lines[hit.line]
    on_line = [h for h in hits if h.line == hit.line]
    limit = _next_hit_x(on_line, hit, page_width)
    right = _right_region(line, hit, limit)
    if right.words:
        return [right]
    return [right, _below_region(lines, hits, hit, limit)]


def words_near(line: Line, x0: float, x1: float) -> list[Word]:
    """Words on `line` whose centre lies between x0 and x1."""
    return [w for w in line.words if x0 <= (w.x0 + w.x1) / 2 <= x1]
