"""Ticked choices on a form (request type, card reader) from AcroForm boxes, typed marks or ink."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mailbot.documents.form_layout import Hit, Line
from mailbot.documents.form_rules import FormRules, squash
from mailbot.documents.ink import Box, PageInk, ticked
from mailbot.documents.model import Word

MARK_REACH = 3.5  # how far (in label heights) a mark or box may sit from its choice
_REQUESTS = ("lost", "stolen", "fault")
_REQUEST_OPTIONS = tuple(f"opt:{what}" for what in _REQUESTS)
_TITLE_WORDS = ("formu", "eimza", "elektronikimza", "nitelikli")


@dataclass
class Anchor:
    """A printed choice (`lost`, `stolen`, `fault`, `yes`, `no`, or `card` for the reader label)."""

    what: str
    page: int
    hit: Hit
    state: bool | None = None  # ticked, seen empty, or unknown
    boxed: bool = False  # a box or mark belongs to it (it is a choice, not a word in a sentence)
    sources: list[str] = field(default_factory=list)

    def set(self, state: bool, source: str) -> None:
        """Record evidence; a tick wins over an empty box, ink overrides OCR-read marks."""
        if source == "ink" and self.sources and set(self.sources) <= {"ocr"}:
            self.state = None
        self.state = bool(self.state) or state
        self.boxed = True
        self.sources.append(source)


def is_title_line(line: Line) -> bool:
    """The form's title line (its words name all choices but are no choice)."""
    text = "".join(squash(w.text) for w in line.words)
    return any(word in text for word in _TITLE_WORDS)


def _phrase(hit: Hit, line: Line, taken: set[int], rules: FormRules) -> Hit:
    """Widen an option to the words printed tightly with it ("Kart Arızası", "Kırık / Arızalı")."""
    words = line.words
    start, end = hit.start, hit.end

    def free(i: int) -> bool:
        text = words[i].text.strip()
        wordy = len(squash(text)) >= 3 or text == "/"
        return i not in taken and _glyph_state(text, rules) is None and wordy

    def tight(left: Word, right: Word) -> bool:  # one space apart, in any font
        return right.x0 - left.x1 <= max(0.6 * max(hit.height, 4.0), 1.5 * _advance(left),
                                         1.5 * _advance(right))

    while start > 0 and free(start - 1) and tight(words[start - 1], words[start]):
        start -= 1
    while end < len(words) and free(end) and tight(words[end - 1], words[end]):
        end += 1
    return replace(hit, start=start, end=end, x0=words[start].x0, x1=words[end - 1].x1)


def _advance(word: Word) -> float:
    """A letter's width in this word (a monospaced form's space is as wide as a letter)."""
    return (word.x1 - word.x0) / max(len(word.text.strip()), 1)


def anchors_on_page(hits: list[Hit], lines: list[Line], page: int,
                    rules: FormRules) -> list[Anchor]:
    """Choice anchors: option words off the title line, and the card-reader label."""
    anchors = []
    for hit in hits:
        if (hit.what.startswith("opt:") and not is_title_line(lines[hit.line])
                and not _listed(hit, hits, lines[hit.line])):
            taken = {i for h in hits if h.line == hit.line and h is not hit
                     for i in range(h.start, h.end)}
            anchors.append(Anchor(hit.what[4:], page, _phrase(hit, lines[hit.line], taken, rules)))
        elif hit.what == "card_reader":
            anchors.append(Anchor("card", page, hit))
    return anchors


def _listed(hit: Hit, hits: list[Hit], line: Line) -> bool:
    """A request choice slashed to another one ("KAYIP / ÇALINTI"): a piece of the title
    (a photo's skew splits its line), not a choice with a box."""
    if hit.what not in _REQUEST_OPTIONS:
        return False
    for other in hits:
        if other.line != hit.line or other is hit or other.what not in _REQUEST_OPTIONS:
            continue
        first, second = sorted((hit, other), key=lambda h: h.start)
        between = "".join(w.text for w in line.words[first.end:second.start])
        joint = line.words[first.end - 1].text.endswith("/") or between.strip() == "/"
        if second.start - first.end <= 1 and joint:
            return True
    return False


def _glyph_state(text: str, rules: FormRules) -> bool | None:
    stripped = text.strip()
    if stripped in rules.ticked_marks:
        return True
    if stripped in rules.empty_marks:
        return False
    return None


def _gap(word: Word | Box, hit: Hit) -> float:
    if word.x1 <= hit.x0:
        return hit.x0 - word.x1
    return max(0.0, word.x0 - hit.x1)


def _nearest(anchors: list[Anchor], item: Word | Box, line: int | None) -> Anchor | None:
    best: tuple[float, Anchor] | None = None
    centre = (item.top + item.bottom) / 2
    for anchor in anchors:
        hit = anchor.hit
        same_line = hit.line == line if line is not None else (
            hit.top - hit.height * 0.6 <= centre <= hit.bottom + hit.height * 0.6)
        gap = _gap(item, hit)
        near = same_line and gap <= MARK_REACH * max(hit.height, 4.0)
        if near and (best is None or gap < best[0]):
            best = (gap, anchor)
    return best[1] if best else None


def _inline_glyph(anchor: Anchor, lines: list[Line], rules: FormRules) -> None:
    """Marks glued to the option word itself: "☒Kayıp", "[X]Çalıntı", "Arıza☐"."""
    words = lines[anchor.hit.line].words[anchor.hit.start:anchor.hit.end]
    text = "".join(w.text for w in words)
    if any(mark in text for mark in rules.ticked_marks if len(mark) == 1 and not mark.isalpha()):
        anchor.set(True, "glyph")
    elif any(mark in text for mark in rules.empty_marks if len(mark) == 1 and not mark.isalnum()):
        anchor.set(False, "glyph")


def apply_text_marks(anchors: list[Anchor], lines: list[Line], rules: FormRules) -> None:
    """Typed marks ("X", "[X]", "☒", "✓", "☐") next to a choice decide it."""
    for anchor in anchors:
        _inline_glyph(anchor, lines, rules)
    for number, line in enumerate(lines):
        for word in line.words:
            state = _glyph_state(word.text, rules)
            if state is None or (word.conf is not None and word.conf < 40):
                continue
            anchor = _nearest([a for a in anchors if a.hit.line == number], word, number)
            if anchor is not None:
                anchor.set(state, "text" if word.conf is None else "ocr")


def _inside_label(box: Box, hits: list[Hit]) -> bool:
    """A box-shaped letter of a printed label ("O", "D") is no checkbox; a box at either end
    of a choice's word is one (OCR often glues the box to the word)."""
    for hit in hits:
        overlap = min(box.x1, hit.x1) - max(box.x0, hit.x0)
        if overlap <= 0.5 * (box.x1 - box.x0) or box.top >= hit.bottom or box.bottom <= hit.top:
            continue
        choice = hit.what.startswith("opt:") or hit.what == "card_reader"
        at_end = box.x0 <= hit.x0 + 0.5 * box.side or box.x1 >= hit.x1 - 0.5 * box.side
        if not (choice and at_end):
            return True
    return False


def _side(box: Box, hit: Hit) -> str:
    return "left" if (box.x0 + box.x1) / 2 < (hit.x0 + hit.x1) / 2 else "right"


def _box_side(pairs: list[tuple[float, int, Anchor, Box]]) -> str | None:
    """Which side of their words this form prints boxes on, by each choice's nearest box."""
    nearest: dict[int, tuple[float, str]] = {}
    for gap, _, anchor, box in pairs:
        if id(anchor) not in nearest or gap < nearest[id(anchor)][0]:
            nearest[id(anchor)] = (gap, _side(box, anchor.hit))
    votes = [side for _, side in nearest.values()]
    for side in ("left", "right"):
        if votes and votes.count(side) * 3 >= len(votes) * 2:
            return side
    return None


def _inside_word(box: Box, lines: Sequence[Line]) -> bool:
    """A box-shaped letter inside a word read on its row ("KAYBOLDU": its O and D), not a
    box at either end of one (OCR often glues a box to its choice's word)."""
    for line in lines:
        for word in line.words:
            if sum(ch.isalpha() for ch in word.text) < 3:
                continue
            overlap = min(box.x1, word.x1) - max(box.x0, word.x0)
            if (overlap > 0.5 * (box.x1 - box.x0) and box.top < word.bottom
                    and box.bottom > word.top and box.x0 > word.x0 + 0.5 * box.side
                    and box.x1 < word.x1 - 0.5 * box.side):
                return True
    return False


def apply_ink(anchors: list[Anchor], ink: PageInk, hits: list[Hit],
              lines: Sequence[Line] = ()) -> int:
    """Printed boxes next to choices on a page image: ticked by the ink inside them. Returns
    how many ticked boxes on the rows of request choices belong to none of them (a choice
    whose words OCR could not read)."""
    boxes = [box for box in ink.boxes()
             if not _inside_label(box, hits) and not _inside_word(box, lines)]
    pairs = []
    for box in boxes:
        for anchor in _on_nearest_row(box, anchors):
            if _nearest([anchor], box, None) is anchor:
                pairs.append((_gap(box, anchor.hit), id(box), anchor, box))
    sides = {line: _box_side([p for p in pairs if p[2].hit.line == line])
             for line in {p[2].hit.line for p in pairs}}
    # a box on the other side than its row's boxes belongs to the neighbouring choice
    pairs = [p for p in pairs if sides[p[2].hit.line] in (None, _side(p[3], p[2].hit))]
    used_boxes: set[int] = set()
    used_anchors: set[int] = set()
    request_boxes = []
    for _, box_id, anchor, box in sorted(pairs, key=lambda p: p[0]):
        if box_id in used_boxes or id(anchor) in used_anchors:
            continue
        used_boxes.add(box_id)
        used_anchors.add(id(anchor))
        anchor.set(ticked(box, boxes), "ink")
        if anchor.what in _REQUESTS:
            request_boxes.append(box)
    requests = [a for a in anchors if a.what in _REQUESTS]
    return sum(1 for box in boxes if id(box) not in used_boxes and ticked(box, boxes)
               and (any(_on_row(box, anchor.hit) for anchor in requests)
                    or _in_column(box, request_boxes)))


def _on_nearest_row(box: Box, anchors: list[Anchor]) -> list[Anchor]:
    """The choices whose row's middle is nearest the box's: a box reaches a choice on the
    row below or above only where no choice of its own row was read (a photo's "Hayır" under
    the ticked "Arıza" box, whose word went unread)."""
    def offset(anchor: Anchor) -> float:
        return abs((box.top + box.bottom) / 2 - (anchor.hit.top + anchor.hit.bottom) / 2)
    if not anchors:
        return []
    nearest = min(offset(a) for a in anchors)
    return [a for a in anchors if offset(a) <= nearest + ROW_SLACK * box.side]


def _in_column(box: Box, column: list[Box]) -> bool:
    """Whether a box lies in the column of the request choices' boxes, between the first
    and the last of them (a choice listed under another whose word went unread)."""
    aligned = [b for b in column if abs(b.x0 - box.x0) <= 0.5 * b.side]
    return len(aligned) >= 2 and min(b.top for b in aligned) < box.top < max(
        b.top for b in aligned)


ROW_SLACK = 0.6  # of a choice word's height: a box centred this far above or below is on its row


def _on_row(box: Box, hit: Hit) -> bool:
    """Whether a box sits on a choice's row, however far along it (a ticked box whose own
    choice word went unread may be further from the next choice than a mark reaches)."""
    centre = (box.top + box.bottom) / 2
    slack = ROW_SLACK * hit.height
    return hit.top - slack <= centre <= hit.bottom + slack


def _near_card(anchor: Anchor, card: Anchor) -> bool:
    hit, label = anchor.hit, card.hit
    if anchor.page != card.page or hit.line < label.line or hit.line > label.line + 2:
        return False
    return hit.line == label.line or hit.top - label.bottom <= 2.5 * max(label.height, 4.0)


def decide_request(anchors: list[Anchor], typed: list[str]) -> tuple[str | None, str | None]:
    """(request, problem) from ticked request choices, else from a typed answer."""
    choices = [a for a in anchors if a.what in ("lost", "stolen", "fault")]
    chosen = {a.what for a in choices if a.state}
    if len(chosen) == 1:
        return chosen.pop(), None
    if len(chosen) > 1:
        return None, "ambiguous_request"
    if len(set(typed)) == 1:
        return typed[0], None
    return None, "missing_request"


def _evidence(anchor: Anchor) -> bool:
    """A box, mark or widget was seen for this choice (not merely no mark on a typed page)."""
    return any(source != "unmarked" for source in anchor.sources)


def decide_card_reader(anchors: list[Anchor]) -> bool | None:
    """True/False when the form says whether a card reader is requested, else None."""
    cards = sorted((a for a in anchors if a.what == "card"), key=lambda a: not _evidence(a))
    boxed = False  # an answer's box was seen on some reading of the page
    for card in cards:
        answers = [a for a in anchors if a.what in ("yes", "no") and _near_card(a, card)]
        ticked_answers = {a.what for a in answers if a.state}
        if len(ticked_answers) == 1:
            return ticked_answers == {"yes"}
        if len(ticked_answers) == 2:
            return None
        if card.state is not None and _evidence(card):
            return card.state
        boxed = boxed or any(_evidence(a) for a in answers)
        if boxed:
            continue  # boxes seen, none ticked: not answered here (nor printed alone)
        typed = {a.what for a in answers}
        if len(typed) == 1:
            return typed == {"yes"}
        if card.state is not None:
            return card.state
    return None if cards else _answer_row(anchors)


def _answer_row(anchors: list[Anchor]) -> bool | None:
    """With the card-reader label unread ("pa Okuyucu:"), the one row printing both a yes
    and a no box, one of them ticked, answers it."""
    rows: dict[tuple[int, int], list[Anchor]] = {}
    for anchor in anchors:
        if anchor.what in ("yes", "no") and "ink" in anchor.sources:
            rows.setdefault((anchor.page, anchor.hit.line), []).append(anchor)
    full = [row for row in rows.values() if {a.what for a in row} == {"yes", "no"}]
    ticked = {a.what for a in full[0] if a.state} if len(full) == 1 else set()
    return ticked == {"yes"} if len(ticked) == 1 else None
