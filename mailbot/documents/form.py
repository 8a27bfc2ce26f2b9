"""Read the e-imza kayıp/çalıntı/arıza başvuru formu: fillable, flat typed, scanned or hand-filled.

`is_form(extraction)` says whether a document looks like the form; `read_form(extraction)`
returns a `Form`. Labels come from rules/forms/*.toml. A value is kept only when it was read
reliably (text layer or AcroForm, or confident OCR that passes its check); otherwise the field
is None, and when something is written there it is listed in `Form.unreadable`.

Problems (`Form.problems`; `valid` is True when there are none):
- `missing_name`, `missing_tckn`, `missing_email`: the field is empty on the form.
- `missing_request`: no request box is ticked and no request is typed.
- `ambiguous_request`: more than one of Kayıp / Çalıntı / Arıza is ticked.
- `invalid_tckn`: an 11-digit number (or a typed number) is there but fails the checksum.
- `invalid_email`, `invalid_phone`, `invalid_date`, `invalid_name`: typed but malformed.
- `unreadable_name`, `unreadable_tckn`, `unreadable_email`, `unreadable_request`: a required
  field has ink or text that could not be read reliably (handwriting, poor scan): for the
  officer, never reported as missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from mailbot.documents.form_acro import AcroValue, apply_checkboxes, semantic_targets, text_values
from mailbot.documents.form_choices import (
    Anchor,
    anchors_on_page,
    apply_ink,
    apply_text_marks,
    decide_card_reader,
    decide_request,
)
from mailbot.documents.form_fields import FieldReading, Status, best, read_region, read_text
from mailbot.documents.form_layout import (
    Hit,
    Line,
    find_hits,
    group_lines,
    page_is_fuzzy,
    split_glued,
    text_slope,
)
from mailbot.documents.form_ocr import crop_words, digits_in, reread_without_rules
from mailbot.documents.form_regions import Region, value_regions
from mailbot.documents.form_rules import REQUESTS, VALUE_FIELDS, FormRules, default_rules, squash
from mailbot.documents.ink import PageInk
from mailbot.documents.model import Extraction, Form, Page

REQUIRED = {"full_name": "name", "tckn": "tckn", "email": "email"}
SURE_CONF = 93  # OCR values with every word at least this confident need no second reading
SELF_CHECKED = ("tckn", "date")  # a checksum or a calendar already vets a confident reading
CONFIRM_SCALES = (1.5, 2.2)  # enlargements of a value's crop that must agree with the page OCR
RESCUE_CONF = 40  # below this, an unsure OCR value is not even worth a second reading
MIN_LABELS = 5  # a scanned page with fewer value labels found is OCR'd a second time
FORM_SCORE = 6


@dataclass
class PageView:
    """One page's lines, label hits and (lazily) its ink."""

    page: Page
    rules: FormRules
    slope: float = field(init=False)
    lines: list[Line] = field(init=False)
    hits: list[Hit] = field(init=False)

    def __post_init__(self) -> None:
        fuzzy = page_is_fuzzy(self.page)
        words = split_glued(self.page.words) if fuzzy else self.page.words
        self.slope = text_slope(words)
        self.lines = group_lines(words)
        self.hits = [h for h in find_hits(self.rules, self.lines, fuzzy)
                     if _label_like(h, self.lines)]

    @cached_property
    def ink(self) -> PageInk | None:
        if self.page.image is None:
            return None
        try:
            return PageInk(self.page.image, self.page.width, self.page.height)
        except ValueError:
            return None


def _label_like(hit: Hit, lines: list[Line]) -> bool:
    """A label starts its line or a column, or ends with a colon; not a word inside a sentence."""
    if hit.what.startswith("opt:") or hit.colon:
        return True
    before = [w for w in lines[hit.line].words[:hit.start] if any(c.isalnum() for c in w.text)]
    if not before or len(before[-1].text.strip()) == 1:  # nothing, or a tick mark "X"
        return True
    last = before[-1]
    return hit.x0 - last.x1 >= 1.2 * max(hit.height, 4.0) or last.text.strip()[-1:] in ":|"


def _labels_found(view: PageView) -> int:
    return len({h.what for h in view.hits if h.what in VALUE_FIELDS})


def _view(page: Page, rules: FormRules, reread: bool) -> PageView:
    """A page's view; a scanned page short of labels is OCR'd again without its table rules."""
    view = PageView(page, rules)
    if not reread or not page.ocr or page.image is None or _labels_found(view) >= MIN_LABELS:
        return view
    try:
        again = reread_without_rules(page)
    except Exception:  # OCR is optional here: any failure keeps the first reading
        return view
    if again is None:
        return view
    second = PageView(again, rules)
    return second if _labels_found(second) > _labels_found(view) else view


def _views(extraction: Extraction, rules: FormRules, reread: bool = False) -> list[PageView]:
    return [_view(page, rules, reread) for page in extraction.pages]


def is_form(extraction: Extraction) -> bool:
    """Does this look like the e-imza lost/stolen/broken form (title, labels, field names)?"""
    rules = default_rules()
    views = _views(extraction, rules)
    text = "".join(squash(w.text) for v in views for w in v.page.words)
    title = "form" in text and any(key in text for key in rules.title_keywords)
    labels = {h.what for v in views for h in v.hits if h.what in VALUE_FIELDS}
    options = {h.what for v in views for h in v.hits if h.what[4:] in REQUESTS}
    named = set().union(*(semantic_targets(f.name, rules) for f in extraction.fields))
    score = 3 * title + len(labels) + 2 * (len(options) >= 2) + 3 * (len(named) >= 3)
    return score >= FORM_SCORE


def _field_hits(views: list[PageView], what: str) -> list[tuple[PageView, Hit]]:
    found = [(v, h) for v in views for h in v.hits if h.what == what]
    return sorted(found, key=lambda vh: (not vh[1].colon, vh[1].distance))


def _has_ink(view: PageView, region: Region) -> bool:
    ink = view.ink
    height = max(region.hit.height, 4.0)
    if ink is None:
        return False
    bottom = region.bottom if not region.below else min(region.bottom, region.top + 1.8 * height)
    return ink.has_writing(region.x0 + 2, region.top, region.x1 - 2, bottom, 0.45 * height)


def _confirmed(view: PageView, what: str, region: Region, reading: FieldReading) -> bool:
    """An OCR value short of certain must be read the same again from its own crop."""
    confs = [w.conf for w in region.words if w.conf is not None]
    if not confs or min(confs) >= SURE_CONF or (what in SELF_CHECKED and reading.status is
                                                 Status.READ):
        return True
    if view.page.image is None or min(confs) < RESCUE_CONF:
        return False
    words = region.words
    margin = 0.35 * max(region.hit.height, 4.0)
    box = (min(w.x0 for w in words) - margin, min(w.top for w in words) - margin,
           max(w.x1 for w in words) + margin, max(w.bottom for w in words) + margin)
    for scale in CONFIRM_SCALES:  # every enlargement must read the same value
        try:
            again = crop_words(view.page, box, scale)
        except Exception:  # no second opinion available: only a sure reading stands
            return False
        second = read_text(what, " ".join(w.text for w in again or ()))
        if second.status is not Status.READ or second.value != reading.value:
            return False
    return True


def _tckn_by_digits(view: PageView, region: Region) -> FieldReading | None:
    """A TCKN in comb cells or smudged: read digits only; the checksum guards the result."""
    if view.page.image is None:
        return None
    height = max(region.hit.height, 4.0)
    words = region.words
    if words:
        box = (min(w.x0 for w in words) - height, min(w.top for w in words) - 0.6 * height,
               max(w.x1 for w in words) + height, max(w.bottom for w in words) + 0.6 * height)
    else:
        box = (region.x0, region.top - 0.6 * height, region.x1, region.top + 1.8 * height)
    try:
        readings = [read_text("tckn", text)
                    for text in digits_in(view.page, box, height, view.slope)]
    except Exception:  # OCR is optional here
        return None
    return next((r for r in readings if r.status is Status.READ), None)


def _read_from_page(views: list[PageView], what: str) -> FieldReading:
    readings = []
    for view, hit in _field_hits(views, what):
        for region in value_regions(view.lines, view.hits, hit, view.page.width):
            reading = read_region(what, region)
            if reading.status is Status.EMPTY and _has_ink(view, region):
                reading = FieldReading(Status.UNREADABLE)
            if what == "tckn" and reading.status is Status.UNREADABLE:
                reading = _tckn_by_digits(view, region) or reading
            if reading.value is not None:
                confirmed = _confirmed(view, what, region, reading)
                reading = FieldReading(Status.READ if confirmed else Status.UNREADABLE,
                                       reading.value if confirmed else None)
            readings.append(reading)
            if reading.status is Status.READ:
                return reading
    return best(readings)


def _read_field(views: list[PageView], acro: list[AcroValue], what: str) -> FieldReading:
    typed = [read_text(what, a.value) for a in acro if a.what == what]
    reading = best(typed)
    if reading.status is Status.READ or (typed and reading.status is Status.INVALID):
        return reading
    return best([reading, _read_from_page(views, what)])


def _typed_requests(views: list[PageView], acro: list[AcroValue], rules: FormRules) -> list[str]:
    """A request written as text: an AcroForm value, or an option after a request label."""
    typed = [opt for a in acro if a.what == "request" for opt in REQUESTS
             if squash(a.value) in rules.options[opt]]
    for view, hit in _field_hits(views, "request"):
        words = view.lines[hit.line].words[hit.end:]
        on_line = [h for h in view.hits if h.line == hit.line and h.start >= hit.end]
        options = {h.what[4:] for h in on_line if h.what[4:] in REQUESTS}
        covered = sum(h.end - h.start for h in on_line)
        if len(options) == 1 and len(on_line) == 1 and covered == len(words) and not view.ink:
            typed += list(options)  # "Başvuru Nedeni: Kayıp" and nothing else on the line
    return typed


def _choices(views: list[PageView], extraction: Extraction, rules: FormRules) -> list[Anchor]:
    anchors: list[Anchor] = []
    for view in views:
        page_anchors = anchors_on_page(view.hits, view.lines, view.page.number, rules)
        anchors += page_anchors
        apply_text_marks(page_anchors, view.lines, rules)
    apply_checkboxes(extraction.fields, anchors, rules)
    if any("text" in a.sources for a in anchors):  # typed marks: an unmarked box is empty
        for anchor in anchors:
            if anchor.state is None:
                anchor.set(False, "unmarked")
    for view in views:
        if view.ink is not None and not extraction.fields:
            apply_ink([a for a in anchors if a.page == view.page.number], view.ink, view.hits)
    return anchors


def _request(anchors: list[Anchor], typed: list[str],
             scanned: bool) -> tuple[str | None, str | None]:
    request, problem = decide_request(anchors, typed)
    requests = [a for a in anchors if a.what in REQUESTS]
    if problem == "missing_request" and scanned and requests and not any(a.boxed for a in requests):
        problem = "unreadable_request"
    return request, problem


def _problems(readings: dict[str, FieldReading], request_problem: str | None) -> list[str]:
    problems = []
    for what, reading in readings.items():
        name = REQUIRED.get(what, what)
        if reading.status is Status.INVALID and what in (*REQUIRED, "phone", "date"):
            problems.append(f"invalid_{name}")
        elif what in REQUIRED and reading.status is Status.EMPTY:
            problems.append(f"missing_{name}")
        elif what in REQUIRED and reading.status is Status.UNREADABLE:
            problems.append(f"unreadable_{name}")
    if request_problem:
        problems.append(request_problem)
    return problems


def read_form(extraction: Extraction) -> Form:
    """Read every field of the form; None where a value is absent or not reliably read."""
    rules = default_rules()
    views = _views(extraction, rules, reread=True)
    acro = text_values(extraction.fields, {v.page.number: v.hits for v in views}, rules)
    readings = {what: _read_field(views, acro, what) for what in VALUE_FIELDS}
    anchors = _choices(views, extraction, rules)
    scanned = extraction.scanned or any(v.page.ocr for v in views)
    request, request_problem = _request(anchors, _typed_requests(views, acro, rules), scanned)
    problems = _problems(readings, request_problem)
    unreadable = [w for w, r in readings.items() if r.status is Status.UNREADABLE]
    if request_problem == "unreadable_request":
        unreadable.append("request")
    values = {w: r.value if r.status is Status.READ else None for w, r in readings.items()}
    return Form(request=request, card_reader=decide_card_reader(anchors), valid=not problems,
                problems=tuple(problems), unreadable=tuple(unreadable), **values)
