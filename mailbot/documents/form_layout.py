"""Find form labels among positioned words (text layer or OCR) and the words of their values."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from statistics import median

from mailbot.documents.form_rules import FormRules, squash
from mailbot.documents.model import Page, Word

MAX_LABEL_WORDS = 6
# Choices printed side by side on one row: a word one slip off two choices ("Kayır": Kayıp or
# Hayır?) is the one whose row-mates are printed beside it.
CHOICE_GROUPS = (frozenset({"opt:lost", "opt:stolen", "opt:fault"}),
                 frozenset({"opt:yes", "opt:no"}))
GLUED_MARK_CHARS = 2  # letters a box read as text may glue in front of a choice ("(Bikayır")
_LEADERS = set("._…-–—:|")
# a box read glued before a word ("(H)Kart", "[X]Evet"), and a choice word with its box
# read into its tail ("Evet(X)", "Hayır/kj", "KAYIP|")
_BOX_HEAD = re.compile(r"[(\[{|]\s*[^\W\d_]{0,2}\s*[)\]}|](?=[^\W\d_]{3})")
_BOX_TAIL = re.compile(r"^([^\W\d_]{4,})\s*[(\[{|/]\s*[^\W\d_]{0,2}\s*[)\]}|]?$")


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline band, left to right."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return median(w.bottom - w.top for w in self.words)


@dataclass(frozen=True)
class Hit:
    """A label or an option found on a line: `what` is a field name or `opt:<option>`."""

    what: str
    line: int
    start: int  # first word index in the line
    end: int  # one past the last word index
    x0: float
    top: float
    x1: float
    bottom: float
    distance: int  # edit distance to the rule's phrase
    colon: bool  # a colon follows the label

    @property
    def height(self) -> float:
        return self.bottom - self.top


def text_slope(words: tuple[Word, ...]) -> float:
    """The page's text-line slope (dy/dx) from neighbouring words: photos and scans are skewed."""
    ordered = sorted(words, key=lambda w: w.x0)
    slopes = []
    for i, word in enumerate(ordered):
        height = word.bottom - word.top
        centre = (word.top + word.bottom) / 2
        for other in ordered[i + 1:]:
            if other.x0 - word.x1 > 2 * height:
                break
            other_centre = (other.top + other.bottom) / 2
            similar = abs((other.bottom - other.top) - height) < 0.3 * height
            if other.x0 > word.x1 and similar and abs(other_centre - centre) < 0.6 * height:
                slopes.append((other_centre - centre) / max(other.x0 - word.x0, 1.0))
                break
    return max(-0.1, min(0.1, median(slopes))) if len(slopes) >= 5 else 0.0


def group_lines(words: tuple[Word, ...]) -> list[Line]:
    """Group words into lines by vertical overlap (along the text slope), top to bottom."""
    slope = text_slope(words)

    def level(word: Word) -> tuple[float, float]:
        shift = slope * (word.x0 + word.x1) / 2
        return word.top - shift, word.bottom - shift

    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: sum(level(w)) / 2):
        centre = sum(level(word)) / 2
        for line in reversed(lines[-3:]):
            top = median(level(w)[0] for w in line)
            bottom = median(level(w)[1] for w in line)
            if top <= centre <= bottom:
                line.append(word)
                break
        else:
            lines.append([word])
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines if line]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _allowed_slips(key: str, fuzzy: bool) -> int:
    if not fuzzy or len(key) < 6:
        return 0
    return 1 if len(key) < 11 else 2


class LabelIndex:
    """All label and option phrases of a rule set, for matching against squashed words."""

    def __init__(self, rules: FormRules) -> None:
        self.phrases: list[tuple[str, str]] = []
        for field, keys in rules.labels.items():
            self.phrases += [(key, field) for key in keys]
        for option, keys in rules.options.items():
            self.phrases += [(key, f"opt:{option}") for key in keys]
        self.exact = {}
        for key, what in self.phrases:
            self.exact.setdefault(key, what)
        self.stems = [(stem, f"opt:{option}") for option, stems in rules.option_stems.items()
                      for stem in stems]
        self.fuzzy_options = False

    def match(self, text: str, fuzzy: bool, one_word: bool = False) -> tuple[str, int] | None:
        """(what, distance) for the phrase `text` matches, exactly or within OCR slips."""
        if text in self.exact:
            return self.exact[text], 0
        self.fuzzy_options = fuzzy
        found = self._one_word_option(text) if one_word and len(text) >= 4 else None
        if found is not None:
            return found
        if not fuzzy or len(text) < 5:
            return None
        return self._fuzzy(text, fuzzy)

    def _one_word_option(self, text: str) -> tuple[str, int] | None:
        """A choice written as one word, maybe with a tick glued in front ("Mevet", "YMçalıntı")."""
        for skip in range(5):  # "KartÇalınması": the glued "Kart" of its own line
            rest = text[skip:]
            for stem, what in self.stems:
                if rest.startswith(stem):
                    return what, skip
            glued = self.exact.get(rest, "") if skip else ""
            if glued.startswith("opt:"):
                return glued, skip
        if self.fuzzy_options:  # "Arza", "Kayıo": one OCR slip in a choice word, of one
            near = {what for key, what in self.phrases  # choice ("Kayır": Kayıp? Hayır?)
                    if what.startswith("opt:") and len(key) >= 5
                    and edit_distance(text, key, 1) <= 1}
            return (near.pop(), 1) if len(near) == 1 else None
        return None

    def near_options(self, text: str) -> set[str]:
        """The choices a word is one slip off, maybe after a box's glued letters ("bikayir":
        Kayıp and Hayır)."""
        near = set()
        for skip in range(GLUED_MARK_CHARS + 1):
            rest = text[skip:]
            near |= {what for key, what in self.phrases
                     if what.startswith("opt:") and len(key) >= 5 and len(rest) >= 5
                     and edit_distance(rest, key, 1) <= 1}
        return near

    def _fuzzy(self, text: str, fuzzy: bool) -> tuple[str, int] | None:
        best: tuple[str, int] | None = None
        for key, what in self.phrases:
            limit = _allowed_slips(key, fuzzy)
            if limit == 0 or (text[0] != key[0] and text[-1] != key[-1]):
                continue
            distance = edit_distance(text, key, limit)
            if distance <= limit and (best is None or distance < best[1]):
                best = (what, distance)
        return best


def _has_colon(line: Line, end: int) -> bool:
    last = line.words[end - 1].text.rstrip()
    following = line.words[end].text.strip() if end < len(line.words) else ""
    return last.endswith(":") or following.startswith(":")


def box_head(text: str) -> int:
    """How many characters of a word are a box OCR glued before it ("(H)Kart", "[X]Evet")."""
    match = _BOX_HEAD.match(text)
    return match.end() if match else 0


def _line_hits(index: LabelIndex, line: Line, number: int, fuzzy: bool) -> list[Hit]:
    keys = [squash(word.text[box_head(word.text):]) for word in line.words]
    found: list[tuple[float, Hit]] = []
    for start in range(len(keys)):
        if not keys[start]:
            continue
        text = ""
        for end in range(start + 1, min(len(keys), start + MAX_LABEL_WORDS) + 1):
            text += keys[end - 1]
            matched = index.match(text, fuzzy, one_word=end == start + 1)
            if matched is None and end == start + 1:
                matched = _boxed_choice(index, line.words[start].text)
            if matched is None:
                continue
            words = line.words[start:end]
            hit = Hit(matched[0], number, start, end, words[0].x0, min(w.top for w in words),
                      words[-1].x1, max(w.bottom for w in words), matched[1],
                      _has_colon(line, end))
            found.append((len(text) - 4 * matched[1], hit))
    chosen: list[Hit] = []
    taken: set[int] = set()
    for _, hit in sorted(found, key=lambda item: -item[0]):
        span = set(range(hit.start, hit.end))
        if not span & taken:
            chosen.append(hit)
            taken |= span
    if fuzzy:
        chosen += _told_by_row(index, line, keys, number, chosen)
    return _merge_alternatives(line, sorted(chosen, key=lambda h: h.start))


def _boxed_choice(index: LabelIndex, text: str) -> tuple[str, int] | None:
    """A choice word whose box OCR glued to its end ("Evet(X)"): the choice, one slip off."""
    match = _BOX_TAIL.match(text.strip())
    found = index.exact.get(squash(match[1]), "") if match else ""
    return (found, 1) if found.startswith("opt:") else None


def _told_by_row(index: LabelIndex, line: Line, keys: list[str], number: int,
                 chosen: list[Hit]) -> list[Hit]:
    """Choice words one slip off two choices, each the one of them its row prints the other
    choices of ("(Bikayır" beside Çalıntı and Arıza is Kayıp, beside Evet it is Hayır)."""
    taken = {i for hit in chosen for i in range(hit.start, hit.end)}
    present = {hit.what for hit in chosen}
    told = []
    for i, key in enumerate(keys):
        if i in taken or not key:
            continue
        fitting = {what for what in index.near_options(key) - present
                   if any(what in group and group & present for group in CHOICE_GROUPS)}
        if len(fitting) == 1:
            word = line.words[i]
            told.append(Hit(fitting.pop(), number, i, i + 1, word.x0, word.top, word.x1,
                            word.bottom, 1, _has_colon(line, i + 1)))
    return told


def _merge_alternatives(line: Line, hits: list[Hit]) -> list[Hit]:
    """One label written as alternatives: "Kurumu / Görev Yeri", "Unvanı / Görevi"."""
    merged: list[Hit] = []
    for hit in hits:
        previous = merged[-1] if merged else None
        between = line.words[previous.end:hit.start] if previous else ()
        if (previous and previous.what == hit.what and not previous.what.startswith("opt:")
                and all(w.text.strip() in ("/", "-", "veya", "|") for w in between)
                and not previous.colon):
            merged[-1] = replace(previous, end=hit.end, x1=hit.x1, colon=hit.colon,
                                 top=min(previous.top, hit.top),
                                 bottom=max(previous.bottom, hit.bottom))
        else:
            merged.append(hit)
    return merged


def find_hits(rules: FormRules, lines: list[Line], fuzzy: bool) -> list[Hit]:
    """Every label and option on the page's lines, longest phrase first where they overlap."""
    index = _index_for(rules)
    hits: list[Hit] = []
    for number, line in enumerate(lines):
        hits += _line_hits(index, line, number, fuzzy)
    return hits


_INDEXES: dict[str, LabelIndex] = {}


def _index_for(rules: FormRules) -> LabelIndex:
    if rules.name not in _INDEXES:
        _INDEXES[rules.name] = LabelIndex(rules)
    return _INDEXES[rules.name]


def is_leader(word: Word) -> bool:
    """True for dotted leaders, underscores and lone colons printed where a value goes."""
    text = word.text.strip()
    return not text or all(ch in _LEADERS for ch in text)


_GLUED = re.compile(r"^([^\W\d_]{4,}:?)(\d[\d./-]*)$")


def split_glued(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """OCR glues a label to its value ("Tarihi26", "No:123"): split at the letter-digit seam."""
    result = []
    for word in words:
        match = _GLUED.match(word.text)
        if not match:
            result.append(word)
            continue
        cut = word.x0 + (word.x1 - word.x0) * len(match[1]) / len(word.text)
        result += [replace(word, text=match[1], x1=cut), replace(word, text=match[2], x0=cut)]
    return tuple(result)


def page_is_fuzzy(page: Page) -> bool:
    """OCR pages get OCR-slip tolerance in label matching; text layers do not."""
    return page.ocr or any(word.conf is not None for word in page.words)
