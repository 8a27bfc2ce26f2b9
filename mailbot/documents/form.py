"""Read the e-imza kayıp/çalıntı/arıza başvuru formu: fillable, flat typed, scanned or hand-filled.

`is_form(extraction)` says whether a document looks like the form; `read_form(extraction)`
returns a `Form`. Labels come from rules/forms/*.toml. A value is kept only when it was read
reliably (text layer or AcroForm, or confident OCR that passes its check); otherwise the field
is None, and when something is written there it is listed in `Form.unreadable`.

How: AcroForm widgets by semantic name, else by the printed label left of or above them;
typed values right of their label or below it; ticks as typed marks, checked widgets or the
ink inside printed boxes (ink.py). On scans, an unsure OCR value must be read the same from
its own enlarged crop twice (form_ocr.py); a TCKN only needs its checksum; a page short of
labels or values is OCR'd again with rules, boxes and dotted leaders erased.
`card_reader` is True/False when a box or answer says so, None when the form does not tell.

Problems (`Form.problems`: what is wrong with the form itself, for the sender to fix; `valid`
is True when there are none and every required field was read, False when there are some,
None when there are none but a required field could not be read):
- `missing_name`, `missing_tckn`, `missing_email`: the field is empty on the form.
- `missing_request`: no request box is ticked and no request is typed.
- `ambiguous_request`: more than one of Kayıp / Çalıntı / Arıza is ticked.
- `invalid_tckn`: an 11-digit number (or a typed number) is there but fails the checksum.
- `invalid_email`, `invalid_phone`, `invalid_date`, `invalid_name`: typed but malformed.
Fields with ink or text that could not be read reliably (handwriting, a poor scan) are no
problem of the form: they are listed in `Form.unreadable` (`request` for an unreadable tick)
for the officer, and never reported as missing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from mailbot.documents.form_acro import AcroValue, apply_checkboxes, semantic_targets, text_values
from mailbot.documents.form_choices import (
    Anchor,
    anchors_on_page,
    apply_ink,
    apply_text_marks,
    decide_card_reader,
    decide_request,
)
from mailbot.documents.form_email import owner_slip
from mailbot.documents.form_fields import FieldReading, Status, best, read_text
from mailbot.documents.form_layout import Hit
from mailbot.documents.form_lexicon import spelled
from mailbot.documents.form_page import (
    address_of,
    boxes_by,
    lines_written,
    read_from_page,
    sure_lines,
    written_texts,
)
from mailbot.documents.form_regions import value_regions
from mailbot.documents.form_rules import REQUESTS, VALUE_FIELDS, FormRules, default_rules, squash
from mailbot.documents.form_view import PageView, field_hits, page_views
from mailbot.documents.model import Extraction, Form
from mailbot.documents.spelling import word_key

REQUIRED = {"full_name": "name", "tckn": "tckn", "email": "email"}
UNREADABLE_REQUEST = "unreadable_request"  # boxes were there but their ticks could not be told
FORM_SCORE = 6  # title 3, each value label 1, two choices 2, three semantic field names 3


def is_form(extraction: Extraction) -> bool:
    """Does this look like the e-imza lost/stolen/broken form (title, labels, field names)?"""
    rules = default_rules()
    views = page_views(extraction, rules)
    text = "".join(squash(w.text) for v in views for w in v.page.words)
    title = "form" in text and any(key in text for key in rules.title_keywords)
    labels = {h.what for v in views for h in v.hits if h.what in VALUE_FIELDS}
    options = {h.what for v in views for h in v.hits if h.what[4:] in REQUESTS}
    named = set().union(*(semantic_targets(f.name, rules) for f in extraction.fields))
    score = 3 * title + len(labels) + 2 * (len(options) >= 2) + 3 * (len(named) >= 3)
    return score >= FORM_SCORE


def _read_field(views: list[PageView], acro: list[AcroValue], what: str) -> FieldReading:
    typed = [read_text(what, a.value) for a in acro if a.what == what]
    if typed:  # the form has a widget for it: page text near the label is not its value
        return best(typed)
    reading = read_from_page(views, what)
    if (reading.status is Status.EMPTY and what in REQUIRED and not field_hits(views, what)
            and any(view.page.ocr for view in views)):
        return FieldReading(Status.UNREADABLE)  # its label was not read: "missing" is unknown
    return reading


def _requests_in(text: str, rules: FormRules) -> set[str]:
    """Requests named in free text: "Kartımı kaybettim." -> lost (by the option words and stems,
    compared as spelling.word_key folds them: an ı OCR read as l or ! still counts, "arlza")."""
    found = set()
    for word in text.split():
        key = word_key(word)
        if key.startswith("kart") and len(key) > 7:  # "Kartkırıldı": PP-OCR lost the space
            key = key.removeprefix("kartim").removeprefix("kart")
        for option in REQUESTS:
            words = _keys(rules.options[option])
            stems = words + _keys(rules.option_stems.get(option, ()))
            if key in words or (len(key) >= 4 and key.startswith(stems)):
                found.add(option)
    return found


@cache
def _keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """The rules' request words as word_key folds them."""
    return tuple(word_key(word) for word in words)


def _typed_requests(views: list[PageView], acro: list[AcroValue], rules: FormRules) -> list[str]:
    """A request written as text: an AcroForm value, an option alone after a request label, or
    a sentence there ("Kartım çalındı.")."""
    typed = [opt for a in acro if a.what == "request" for opt in _requests_in(a.value, rules)]
    for view, hit in field_hits(views, "request"):
        words = view.lines[hit.line].words[hit.end:]
        on_line = [h for h in view.hits if h.line == hit.line and h.start >= hit.end]
        options = {h.what[4:] for h in on_line if h.what[4:] in REQUESTS}
        covered = sum(h.end - h.start for h in on_line)
        if len(options) == 1 and len(on_line) == 1 and covered == len(words) and not view.ink:
            typed += list(options)  # "Başvuru Nedeni: Kayıp" and nothing else on the line
        elif not on_line:
            for region in value_regions(view.lines, view.hits, hit, view.page.width):
                inside = [h.what[4:] for h in view.hits if h.what[4:] in REQUESTS
                          and region.x0 <= h.x0 and h.x1 <= region.x1
                          and region.top <= (h.top + h.bottom) / 2 <= region.bottom]
                named = _requests_in(region.text, rules) | set(inside)
                typed += list(named) if len(named) == 1 else []
            typed += _answer_below(view, hit)
    return typed


def _answer_below(view: PageView, hit: Hit) -> list[str]:
    """The one request option written alone on the line under a request label ("Açıklama:" /
    "çalıntı"), with no other option from the label down (printed options are choices)."""
    options = [h for h in view.hits if h.what[4:] in REQUESTS and h.line >= hit.line]
    below = hit.line + 1
    if len(options) != 1 or options[0].line != below or below >= len(view.lines):
        return []
    line = view.lines[below]
    close = line.top - hit.bottom <= 2.6 * max(hit.height, 1.0)
    alone = options[0].end - options[0].start == len(line.words)
    return [options[0].what[4:]] if close and alone else []


def _typed_flat(views: list[PageView], extraction: Extraction) -> bool:
    """A flat text-layer form whose values were typed (a tick there would be typed too)."""
    if extraction.fields or any(v.page.ocr or v.page.image for v in views):
        return False
    return sum(read_from_page(views, what).status is Status.READ for what in REQUIRED) >= 2


def _choices(views: list[PageView], extraction: Extraction,
             rules: FormRules) -> tuple[list[Anchor], int]:
    """The printed choices with what marks them, and how many ticked boxes on the request
    choices' rows belong to none of them."""
    anchors: list[Anchor] = []
    stray = 0
    for view in views:
        page_anchors = anchors_on_page(view.hits, view.lines, view.page.number, rules)
        anchors += page_anchors
        apply_text_marks(page_anchors, view.lines, rules)
    apply_checkboxes(extraction.fields, anchors, rules)
    if any("text" in a.sources for a in anchors) or _typed_flat(views, extraction):
        # typed marks, or a form typed in full: a box without a mark is empty
        for anchor in anchors:
            if anchor.state is None:
                anchor.set(False, "unmarked")
    for view in views:
        if view.ink is not None and not extraction.fields:
            stray += apply_ink([a for a in anchors if a.page == view.page.number], view.ink,
                               view.hits, view.lines)
    return anchors, stray


def _request(views: list[PageView], anchors: list[Anchor], stray: int, typed: list[str],
             scanned: bool) -> tuple[str | None, str | None]:
    request, problem = decide_request(anchors, typed)
    requests = [a for a in anchors if a.what in REQUESTS]
    if problem != "missing_request" or not scanned:
        return request, problem
    if stray and (last := _last_choice(requests)) is not None:
        return last, None
    ticks = boxes_by(views, "request")
    if stray or (True in ticks and False in ticks):  # a ticked choice whose words were not
        return None, UNREADABLE_REQUEST  # read (letters read as boxes are all "ticked")
    if any(a.boxed for a in requests) or len(ticks) >= 2:  # boxes: no reason written out
        return (None, UNREADABLE_REQUEST) if _box_unseen(requests) else (request, problem)
    # no boxes: the reason is written out, maybe by hand (choices named in the notes of a
    # second page are no boxes)
    written, problem = _written_request(views)
    if written is None and requests:
        problem = UNREADABLE_REQUEST
    return written, problem


def _last_choice(requests: list[Anchor]) -> str | None:
    """The one request choice whose words went unread where a ticked box on the choices' row
    belongs to no choice read and every choice read has an empty box ("Kart Arızası" read as
    "KanArzası" beside two empty boxes)."""
    seen = {a.what for a in requests}
    empty = {a.what for a in requests if a.state is False and "ink" in a.sources}
    unread = set(REQUESTS) - seen
    return unread.pop() if empty == seen and len(unread) == 1 else None


def _box_unseen(requests: list[Anchor]) -> bool:
    """Whether a request choice has no box found on any reading where another has one (its
    box, ticked or not, was lost to writing around it): no tick seen is then no answer."""
    boxed = {a.what for a in requests if a.boxed}
    return bool(boxed) and bool({a.what for a in requests} - boxed)


def _written_request(views: list[PageView]) -> tuple[str | None, str | None]:
    """A reason written beside or under the request label ("Kart kırıldı"): the one request
    the readings of its crop name (none other in PP-OCR's sure lines), or, where they name
    none, the one PP-OCR's sure lines name (typed on a dotted line Tesseract reads as
    specks); unreadable when ink is there but nothing names one request, or where the
    request's label went unread (a photo's "Açıklama:" read as "ir ki,")."""
    texts, inked = written_texts(views, "request")
    rules = default_rules()
    found = {option for text in texts for option in _requests_in(text, rules)}
    sure = {option for text in sure_lines(views, "request") for option in _requests_in(text, rules)}
    if len(found) == 1 and sure <= found:
        return found.pop(), None
    if not found and len(sure) == 1:  # Tesseract read nothing there, PP-OCR surely one reason
        return sure.pop(), None
    labelled = any(True for _ in field_hits(views, "request"))  # else: where is it written?
    return None, UNREADABLE_REQUEST if inked or sure or not labelled else "missing_request"


def _problems(readings: dict[str, FieldReading], request_problem: str | None) -> list[str]:
    problems = []
    for what, reading in readings.items():
        name = REQUIRED.get(what, what)
        if reading.status is Status.INVALID and what in (*REQUIRED, "phone", "date"):
            problems.append(f"invalid_{name}")
        elif what in REQUIRED and reading.status is Status.EMPTY:
            problems.append(f"missing_{name}")
    if request_problem and request_problem != UNREADABLE_REQUEST:
        problems.append(request_problem)
    return problems


def read_form(extraction: Extraction) -> Form:
    """Read every field of the form; None where a value is absent or not reliably read."""
    rules = default_rules()
    views = page_views(extraction, rules, reread=True)
    acro = text_values(extraction.fields, {v.page.number: v.hits for v in views}, rules)
    readings = {what: _read_field(views, acro, what) for what in VALUE_FIELDS}
    scanned = extraction.scanned or any(v.page.ocr for v in views)
    readings["email"] = _owners_address(views, readings, scanned)
    anchors, stray = _choices(views, extraction, rules)
    boxed = any(a.what in REQUESTS and any(s != "unmarked" for s in a.sources) for a in anchors)
    typed = [] if boxed else _typed_requests(views, acro, rules)  # printed choices are no answer
    request, request_problem = _request(views, anchors, stray, typed, scanned)
    if scanned and washed_out(readings, partial(lines_written, views)):
        readings, request_problem = _unread_not_missing(readings, request_problem)
    problems = _problems(readings, request_problem)
    unreadable = [w for w, r in readings.items() if r.status is Status.UNREADABLE]
    if request_problem == UNREADABLE_REQUEST:
        unreadable.append("request")
    values = {w: r.value if r.status is Status.READ else None for w, r in readings.items()}
    return Form(request=request, card_reader=decide_card_reader(anchors),
                valid=_valid(problems, unreadable), problems=tuple(problems),
                unreadable=tuple(unreadable), **values)


def washed_out(readings: dict[str, FieldReading], written: Callable[[str], bool]) -> bool:
    """Whether no value could be read, only ink, and PP-OCR found no writing where the ink
    is (`written`, form_page.lines_written: a light pen through a bilevel scan leaves specks
    of each letter): then an empty field may hold writing too. Clear writing no reading
    vouched for leaves an empty field empty."""
    unread = [w for w, r in readings.items() if r.status is Status.UNREADABLE]
    return (bool(unread) and all(r.status is not Status.READ for r in readings.values())
            and not any(written(what) for what in unread))


def _unread_not_missing(readings: dict[str, FieldReading], request_problem: str | None
                        ) -> tuple[dict[str, FieldReading], str | None]:
    """A washed-out scan tells nothing missing: its empty fields and request are unread."""
    unread = {what: FieldReading(Status.UNREADABLE) if r.status is Status.EMPTY else r
              for what, r in readings.items()}
    missing = request_problem == "missing_request"
    return unread, UNREADABLE_REQUEST if missing else request_problem


def _owners_address(views: list[PageView], readings: dict[str, FieldReading],
                    scanned: bool) -> FieldReading:
    """The address as read, mended by its owner's name where it was not read or where OCR
    read it a few letters off its owner's name (form_email.owner_slip: a misreading, then
    unread unless PP-OCR's readings give a way of writing the name, one whose words are all
    listed: the name may be the misreading, "RARIS İNCE" beside baris.ince1@yahoo.com)."""
    name, email = readings["full_name"], readings["email"]
    if name.status is not Status.READ:
        return email
    owner = str(name.value)
    if email.status is Status.UNREADABLE:
        return address_of(views, owner) or email
    if scanned and email.status is Status.READ and owner_slip(str(email.value), owner):
        mended = address_of(views, owner) if spelled("full_name", owner) else None
        return mended or FieldReading(Status.UNREADABLE)
    return email


def _valid(problems: list[str], unreadable: list[str]) -> bool | None:
    """False with problems; else True, unless a required field could not be read (None)."""
    if problems:
        return False
    return None if any(w in REQUIRED or w == "request" for w in unreadable) else True
