"""Find field labels at the start of layout cells (folded, OCR slips tolerated) and their values."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from mailbot.documents.layout import Cell, Line, fold, make_cell
from mailbot.documents.model import Word

_FUZZY_MIN_LETTERS = 5
_FUZZY_RATIO = 0.85
_SEPARATORS = " :;.-–=|>*"  # a colon OCR may read as * or >


@dataclass(frozen=True)
class Hit:
    """A label found at the start of a cell; `words` are the words after it (the inline value)."""

    field: str
    rank: int
    cell: Cell
    words: tuple[Word, ...]
    exact: bool

    @property
    def inline(self) -> str:
        """The text right of the label inside the same cell, separators stripped."""
        return " ".join(w.text for w in self.words).strip(_SEPARATORS)


def _compact(text: str) -> str:
    """Letters and digits only (label comparison ignores spaces and punctuation)."""
    return "".join(ch for ch in text if ch.isalnum())


def _prefix_end(key: str, label: str, text: str = "") -> int | None:
    """Index in `key` just past `label` when `key` starts with it (spaces/punctuation flexible).

    With the cell's `text`, a label glued to its value is cut at a case change
    ("DescriptionHAVALE").
    """
    want = _compact(label)
    got = 0
    for index, ch in enumerate(key):
        if not ch.isalnum():
            continue
        if got == len(want):
            if not key[index - 1].isalnum() or not ch.isalpha():
                return index
            glued = len(text) == len(key) and text[index].isupper() and text[index - 1].islower()
            return index if glued else None
        if ch != want[got]:
            return None
        got += 1
    return len(key) if got == len(want) else None


def _fuzzy_end(key: str, label: str) -> int | None:
    """Like `_prefix_end`, but allowing an OCR slip or two in labels of six letters or more."""
    want = _compact(label)
    if len(want) < _FUZZY_MIN_LETTERS:
        return None
    positions = [i for i, ch in enumerate(key) if ch.isalnum()]
    best: tuple[float, int] | None = None
    for size in (len(want) - 1, len(want), len(want) + 1):
        if size > len(positions):
            continue
        end = positions[size - 1] + 1
        if end < len(key) and key[end].isalnum():
            continue
        ratio = SequenceMatcher(None, _compact(key[:end]), want).ratio()
        if ratio >= _FUZZY_RATIO and (best is None or ratio > best[0]):
            best = (ratio, end)
    return None if best is None else best[1]


def _words_after(cell: Cell, end: int) -> tuple[Word, ...]:
    """The cell's words that start at or after character `end` of its text."""
    position = 0
    kept: list[Word] = []
    for word in cell.words:
        if position >= end:
            kept.append(word)
        elif position + len(word.text) > end:
            rest = word.text[end - position:]
            if rest.strip(_SEPARATORS) and not _leader_tail(word.text, end - position):
                width = (word.x1 - word.x0) * len(rest) / max(1, len(word.text))
                kept.append(Word(rest, word.x1 - width, word.top, word.x1, word.bottom, word.conf))
        position += len(word.text) + 1
    return tuple(kept)


def _leader_tail(text: str, cut: int) -> bool:
    """True when the word's part after `cut` is dot leaders glued to the label and ending in
    a misread colon ("ACIKLAMA..........1")."""
    leaders = text[:cut] + text[cut:][: len(text[cut:]) - len(text[cut:].lstrip(_SEPARATORS))]
    return leaders.endswith("...") and len(text[cut:].strip(_SEPARATORS)) <= 2


def _cuts_a_number(key: str, end: int) -> bool:
    """True when a label ending at `end` would cut a number in two ("TUTAR: 1.080,00" read as
    "TUTARI" + ".080,00" once 1 is taken for i)."""
    start = key.rfind(" ", 0, end) + 1
    stop = key.find(" ", end)
    stop = len(key) if stop < 0 else stop
    return any(ch.isdigit() for ch in key[start:end]) and any(
        ch.isdigit() for ch in key[end:stop])


_OCR_SKELETON = str.maketrans("l1|!05$8", "iiiiossb")


def skeleton(text: str) -> str:
    """Fold OCR look-alikes (l/1/| → i, 0 → o, 5 → s, 8 → b), keeping the length."""
    return text.translate(_OCR_SKELETON)


# A table's left border read as a letter glued to a label written in small letters:
# "JHavale Tutan", "IAlıcı Unvanı" (a capital and then small letters follow the stray one).
_BORDER_LETTER = re.compile(r"[JIl1](?=[A-ZÇĞİÖŞÜ][a-zçğıöşü])")


def _bigrams(text: str) -> set[str]:
    """The set of two-letter substrings (a cheap filter before fuzzy comparison)."""
    return {text[i:i + 2] for i in range(len(text) - 1)}


class LabelIndex:
    """Labels of every field, indexed by their first two letters for a fast exact pass."""

    def __init__(self, labels: dict[str, tuple[str, ...]]) -> None:
        self.entries = [
            (field, rank, label, len(_compact(label)))
            for field, names in labels.items() for rank, label in enumerate(names)
        ]
        self.skeletons = [
            (field, rank, skeleton(label), length) for field, rank, label, length in self.entries
        ]
        self.bigrams = {label: _bigrams(_compact(label)) for _f, _r, label, _l in self.entries}
        self.by_start: dict[str, list[tuple[str, int, str, int]]] = {}
        for entry in self.entries:
            self.by_start.setdefault(_compact(entry[2])[:2], []).append(entry)

    def label_words(self, words: list[Word], start: int) -> int | None:
        """Index of the word after the longest label starting exactly at word `start`."""
        text = " ".join(w.text for w in words[start:])
        key = fold(text)
        best: int | None = None
        for _field, _rank, label, _length in self.by_start.get(_compact(key[:40])[:2], ()):
            end = _prefix_end(key, label)
            if end is not None and (best is None or end > best):
                best = end
        if best is None:
            return None
        consumed = len(key[:best].split())
        return start + max(1, consumed)

    def cell_hits(self, cell: Cell, fuzzy: bool) -> list[Hit]:
        """Every field whose best label is the longest label matching this cell (ties kept)."""
        found: list[tuple[int, bool, str, int, int]] = []
        start = _compact(cell.key[:40])[:2]
        for field, rank, label, length in self.by_start.get(start, ()):
            end = _prefix_end(cell.key, label, cell.text)
            if end is not None:
                found.append((length, True, field, rank, end))
        if fuzzy:
            key = skeleton(cell.key)
            for field, rank, label, length in self.skeletons:
                end = _prefix_end(key, label)
                if end is not None and not _cuts_a_number(cell.key, end):
                    found.append((length, True, field, rank, end))
        if fuzzy:
            longest_exact = max((length for length, *_ in found), default=0)
            exact_end = max((end for *_, end in found), default=-1)
            skip = 1 if _BORDER_LETTER.match(cell.text) else 0
            head = _compact(cell.key[skip:])[:40]
            heads: dict[int, set[str]] = {}
            for field, rank, label, length in self.entries:
                if length <= max(longest_exact, _FUZZY_MIN_LETTERS - 1) or length > len(head) + 1:
                    continue
                if length not in heads:
                    heads[length] = _bigrams(head[: length + 1])
                if len(heads[length] & self.bigrams[label]) < 0.5 * len(self.bigrams[label]):
                    continue
                end = _fuzzy_end(cell.key[skip:], label)
                end = None if end is None else end + skip
                # a longer label must read more text, and not past a colon: "GÖNDEREN AD
                # SOYAD: EFE" is no slip of "gönderen ad soyad/unvan"
                if end is not None and end > exact_end and ":" not in cell.key[:end]:
                    found.append((length, False, field, rank, end))
        return self._best_hits(cell, found)

    def _best_hits(self, cell: Cell, found: list[tuple[int, bool, str, int, int]]) -> list[Hit]:
        """Keep the longest matching label's fields, best rank per field."""
        if not found:
            return []
        longest = max(length for length, *_ in found)
        hits: dict[str, Hit] = {}
        for length, exact, field, rank, end in found:
            if length == longest and (field not in hits or rank < hits[field].rank):
                end = self._translated_end(cell, end)
                hits[field] = Hit(field, rank, cell, _words_after(cell, end), exact)
        return list(hits.values())

    def _translated_end(self, cell: Cell, end: int) -> int:
        """Past a bilingual twin of the label: "ALICI / Beneficiary", "Tutar (Amount)"."""
        start = end
        while start > 0 and not cell.key[start - 1].isalnum():
            start -= 1
        if not any(mark in cell.key[start:end] for mark in "/(|"):
            return end
        tail = cell.key[end:]
        best = None
        for _field, _rank, label, _length in self.by_start.get(_compact(tail[:40])[:2], ()):
            found = _prefix_end(tail, label, cell.text[end:])
            if found is not None and (best is None or found > best):
                best = found
        return end if best is None else end + best


def split_headers(lines: list[Line], index: LabelIndex) -> list[Line]:
    """Split table-header cells holding several labels ("İŞLEM TARİHİ ALICI ADI") apart."""
    return [replace(line, cells=tuple(c for cell in line.cells
                                      for c in _split_cell(cell, index))) for line in lines]


def _split_cell(cell: Cell, index: LabelIndex) -> list[Cell]:
    """The cell cut before every label that starts after the previous label, if no digits."""
    words = list(cell.words)
    if len(words) < 2 or ":" in cell.text or any(ch.isdigit() for ch in cell.text):
        return [cell]
    cuts = [0]
    position = index.label_words(words, 0)
    if position is None:
        return [cell]
    while position < len(words):
        following = index.label_words(words, position)
        twin = (words[position - 1].text.endswith(("/", "(", "|"))
                or words[position].text[:1] in "/(")
        if following is not None and not twin:
            cuts.append(position)
            position = following
        elif following is not None:
            position = following
        else:
            position += 1
    if len(cuts) == 1:
        return [cell]
    bounds = [*cuts, len(words)]
    return [make_cell(cell.page, cell.line, words[a:b]) for a, b in itertools.pairwise(bounds)]


def find_hits(lines: list[Line], index: LabelIndex) -> list[Hit]:
    """Label hits over all lines, in reading order; fuzzy matching on OCR'd words only."""
    hits: list[Hit] = []
    for line in lines:
        for cell in line.cells:
            fuzzy = any(w.conf is not None for w in cell.words)
            hits.extend(index.cell_hits(cell, fuzzy))
    return hits
