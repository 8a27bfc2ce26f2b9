"""A form page as the reader sees it: lines, label hits, ink, and where a value is looked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from mailbot.documents.form_crop import Box
from mailbot.documents.form_layout import (
    Hit,
    Line,
    box_head,
    find_hits,
    group_lines,
    page_is_fuzzy,
    split_glued,
    text_slope,
)
from mailbot.documents.form_ocr import reread_without_rules
from mailbot.documents.form_regions import Region, value_regions
from mailbot.documents.form_rules import VALUE_FIELDS, FormRules, squash
from mailbot.documents.ink import PageInk
from mailbot.documents.model import Extraction, Page, Word

MIN_LABELS = 5  # a scanned page with fewer value labels found is OCR'd a second time
CLEAR_CONF = 80  # mean OCR confidence of a value that needs no second OCR pass of its page
PROSE_WORDS = 3  # a colon label after this many words on its line (no gap) ends a sentence


@dataclass
class PageView:
    """One page's lines, label hits and (lazily) its ink; `others`: the hits another OCR
    reading of the same page found."""

    page: Page
    rules: FormRules
    slope: float = field(init=False)
    lines: list[Line] = field(init=False)
    hits: list[Hit] = field(init=False)
    others: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        fuzzy = page_is_fuzzy(self.page)
        words = split_glued(self.page.words)
        self.slope = text_slope(words)
        self.lines = group_lines(words)
        self.hits = [h for h in find_hits(self.rules, self.lines, fuzzy)
                     if _label_like(h, self.lines, fuzzy)]

    @cached_property
    def ink(self) -> PageInk | None:
        if self.page.image is None:
            return None
        try:
            return PageInk(self.page.image, self.page.width, self.page.height)
        except ValueError:
            return None


def _stands_alone(hit: Hit, lines: list[Line]) -> bool:
    """No word follows a choice closely on its row (an aside goes on: "(Hayır ise ...)")."""
    after = lines[hit.line].words[hit.end:hit.end + 1]
    return not after or after[0].x0 - hit.x1 >= 1.2 * max(hit.height, 4.0)


def _label_like(hit: Hit, lines: list[Line], fuzzy: bool = False) -> bool:
    """A label starts its line or a column, or ends with a colon; not a word inside a sentence."""
    first = lines[hit.line].words[hit.start].text
    last = lines[hit.line].words[hit.end - 1].text
    glued = hit.what.startswith("opt:") and (hit.distance > 0  # "(OÇALINTIMN)": a box read
                                             or _stands_alone(hit, lines)  # "(Hayır" alike
                                             or last.endswith(")"))  # "(ÇALINTI)": boxes
    if first.startswith("(") and not glued and not box_head(first):
        return False  # "(Kurum Yetkilisine)", "(Hayır": an aside, not a label
    line_before = lines[hit.line].words[:hit.start]
    before = [w for w in line_before if not _is_marker(w.text)]
    if hit.what.startswith("opt:"):
        return True
    if hit.colon:
        return not _in_sentence(hit, before, line_before)
    after = lines[hit.line].words[hit.end:hit.end + 1]
    if hit.what == "signature" and after and after[0].x0 - hit.x1 < 1.2 * max(hit.height, 4.0):
        return False  # "(E-)imza kartım kayboldu": a signature label has no words after it
    if not before:  # nothing, or only a tick, a box read as letters, a number "1."
        return True
    if fuzzy and len(squash(before[-1].text)) <= 3 and len(before) == 1:
        return True  # an OCR-slipped prefix of the label ("T.G. KİMLİK NO")
    last = before[-1]
    return hit.x0 - last.x1 >= 1.2 * max(hit.height, 4.0) or last.text.strip()[-1:] in ":|"


def _in_sentence(hit: Hit, before: list[Word], line_before: tuple[Word, ...]) -> bool:
    """A label-like word with a colon that closes a run of prose ("Sorularınız için: ... /
    Tel: 0282 ..."): three or more words before it, the last with no column gap."""
    if len(before) < PROSE_WORDS:
        return False
    return hit.x0 - line_before[-1].x1 < 1.2 * max(hit.height, 4.0)


def _is_marker(text: str) -> bool:
    """A short non-word before a label: "X", "Lİ" (a box), "1.", "a)", "☐"."""
    text = text.strip()
    if not any(c.isalnum() for c in text):
        return True
    return len(text) == 1 or (len(text) <= 2 and not (text.isalpha() and text.islower()))


def _labels_found(view: PageView) -> int:
    return len({h.what for h in view.hits if h.what in VALUE_FIELDS})


def _clear(region: Region) -> bool:
    confs = [w.conf for w in region.words if w.conf is not None]
    return bool(region.words) and (not confs or sum(confs) / len(confs) >= CLEAR_CONF)


def _coverage(view: PageView) -> tuple[int, int]:
    """(value labels found, of which with clearly read words beside or below them)."""
    filled = set()
    for hit in view.hits:
        if hit.what in VALUE_FIELDS and any(
                _clear(r) for r in value_regions(view.lines, view.hits, hit, view.page.width)):
            filled.add(hit.what)
    return _labels_found(view), len(filled)


def _views_of(page: Page, rules: FormRules, reread: bool) -> list[PageView]:
    """A page's view; a scanned page short of labels or of clear values beside them is OCR'd
    again with its rules, boxes and leaders removed, and both readings kept, better first."""
    view = PageView(page, rules)
    if not reread or not page.ocr or page.image is None:
        return [view]
    labels, filled = _coverage(view)
    if labels >= MIN_LABELS and filled * 2 > labels:
        return [view]
    try:
        again = reread_without_rules(page)
    except Exception:  # OCR is optional here: any failure keeps the first reading
        return [view]
    if again is None:
        return [view]
    second = PageView(again, rules)
    second.others, view.others = view.hits, second.hits
    return [second, view] if sum(_coverage(second)) > labels + filled else [view, second]


def page_views(extraction: Extraction, rules: FormRules,
               reread: bool = False) -> list[PageView]:
    """A view of every page; with `reread`, scanned pages short of labels get a second OCR."""
    return [view for page in extraction.pages for view in _views_of(page, rules, reread)]


def field_hits(views: list[PageView], what: str) -> list[tuple[PageView, Hit]]:
    found = [(v, h) for v in views for h in v.hits if h.what == what]
    return sorted(found, key=lambda vh: (not vh[1].colon, vh[1].distance))


CROP_ABOVE, CROP_BELOW = 1.0, 0.6  # a value right of its label may sit this high or low (heights)
CROP_BELOW_MAX = 4.5  # a value under its label is looked for this far down (label heights)
CROP_HITS = 1  # labels of one field whose crops are read, best first


def crop_box(view: PageView, region: Region) -> Box:
    """Where a label's value is looked for on the picture: the region, taller, and short of
    any other label beside it (under a label, beside its line too), as either OCR reading of
    the page found them."""
    hit = region.hit
    height = max(hit.height, 4.0)
    if region.below:
        top, bottom = hit.bottom + 0.1 * height, min(region.bottom, hit.bottom + CROP_BELOW_MAX
                                                     * height)
        x0 = region.x0
    else:
        line = view.lines[hit.line]
        top, bottom = line.top - CROP_ABOVE * height, line.bottom + CROP_BELOW * height
        x0 = _after_colon(line, hit) + 1
    band = (min(top, hit.top), max(bottom, hit.bottom))  # under a label: its line's too
    beside = [h.x0 for h in (*view.hits, *view.others) if h is not hit
              and h.x0 > x0 + height and h.top < band[1] and h.bottom > band[0]]
    return x0, top, min([region.x1 - 1, *beside]), bottom


def _after_colon(line: Line, hit: Hit) -> float:
    """Where the label ends: after its colon, read as a word of its own ("TELEFONU :")."""
    after = line.words[hit.end:hit.end + 1]
    colon = bool(after) and not after[0].text.strip(":;") and after[0].x0 - hit.x1 < 2 * hit.height
    return after[0].x1 if colon else hit.x1


def crop_regions(views: list[PageView], what: str) -> list[tuple[PageView, Region]]:
    """The value regions of a field's best labels on scanned pages, one per place."""
    found: list[tuple[PageView, Region]] = []
    seen: set[tuple[int, int, int]] = set()
    for view, hit in field_hits(views, what):
        key = (view.page.number, round(hit.x0 / 4), round(hit.top / 4))
        if not view.page.ocr or view.page.image is None or key in seen:
            continue
        seen.add(key)
        found.append((view, value_regions(view.lines, view.hits, hit, view.page.width)[0]))
        if len(seen) >= CROP_HITS:
            break
    return found


def below_of(view: PageView, right: Region) -> Region:
    """Under a label, down to the next label in its column (or CROP_BELOW_MAX heights); a
    choice's word is no label there (handwriting read as one: "KAYIP" as "Hayır")."""
    hit = right.hit
    height = max(hit.height, 4.0)
    x0, bottom = hit.x0 - 0.5 * height, hit.bottom + CROP_BELOW_MAX * height
    for other in view.hits:
        if other.what.startswith("opt:"):
            continue
        if other.top > hit.bottom and other.x1 > x0 and other.x0 < right.x1:
            bottom = min(bottom, other.top - 0.2 * height)
    return Region(hit, x0, hit.bottom, right.x1, max(bottom, hit.bottom + height), (),
                  below=True)
