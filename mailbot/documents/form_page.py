"""A field's value read off a form's pages: the page's words, its crops, PP-OCR's lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from statistics import median

from mailbot.documents.form_crop import Box, crop_line_words
from mailbot.documents.form_fields import (
    CASED,
    FieldReading,
    Status,
    at_restored,
    best,
    read_region,
    read_text,
)
from mailbot.documents.form_layout import (
    edit_distance,
    find_hits,
    group_lines,
)
from mailbot.documents.form_lexicon import (
    agrees_word_for_word,
    near_spelled,
    some_word_listed,
    spelled,
)
from mailbot.documents.form_lines import (
    Found,
    owner_address_in,
    read_as_tesseract,
    read_lines,
    readings_of,
    texts_in,
    values_mostly,
    words_of,
)
from mailbot.documents.form_ocr import crop_words, digits_in
from mailbot.documents.form_regions import Region, value_regions
from mailbot.documents.form_rules import default_rules, squash
from mailbot.documents.form_values import PARSERS, Invalid, digits_of
from mailbot.documents.form_view import PageView, below_of, crop_box, crop_regions, field_hits
from mailbot.documents.ink import baseline_wobble, ticked
from mailbot.documents.layout import trim_ends
from mailbot.documents.line_ocr import page_lines, reread_line
from mailbot.documents.model import Word
from mailbot.documents.spelling import respell_names
from mailbot.text import fold_key

SURE_CONF = 93  # OCR values with every word at least this confident need no second reading
SELF_CHECKED = ("tckn",)  # a checksum already vets a confident reading (a date may slip a digit)
# handwritten values whose format vets a reading that every enlargement of its crop agrees on
FORMAT_VETTED = ("phone", "date", "email")
# handwritten values vetted by word lists instead (form_lexicon), spelled as listed
LEXICON_VETTED = ("full_name", "title", "institution")
CONFIRM_SCALES = (1.0, 1.45)  # sizes of a value's crop (see TEXT_PX) that must agree with the page
RESCUE_CONF = 40  # below this, an unsure OCR value is not even worth a second reading
HAND_CONF = 95  # handwritten values (see _handwritten) need every word this confident
HAND_WOBBLE_PT = 0.3  # letters further off one baseline than this (median, points): by hand


def _has_ink(view: PageView, region: Region) -> bool:
    ink = view.ink
    height = max(region.hit.height, 4.0)
    if ink is None:
        return False
    x0, top, x1, bottom = _off_edges(view, (region.x0 + 2, region.top, region.x1 - 2,
                                            region.bottom))
    return x1 > x0 and ink.has_writing(x0, top, x1, bottom, 0.45 * height)


def _confirmed(view: PageView, what: str, region: Region, reading: FieldReading) -> bool:
    """An OCR value short of certain must be read the same again from its own crop."""
    confs = [w.conf for w in region.words if w.conf is not None]
    if not confs:
        return True
    if min(confs) >= SURE_CONF or (what in SELF_CHECKED and reading.status is Status.READ):
        return not _contradicted([view], what, reading)  # sure, and wrong on handwriting
    if view.page.image is None or min(confs) < RESCUE_CONF:
        return False
    words = region.words
    margin = 0.35 * max(region.hit.height, 4.0)
    box = (min(w.x0 for w in words) - margin, min(w.top for w in words) - margin,
           max(w.x1 for w in words) + margin, max(w.bottom for w in words) + margin)
    for scale in CONFIRM_SCALES:  # every enlargement must read the same value
        try:
            again = crop_words(view.page, box, median(w.bottom - w.top for w in words), scale)
        except Exception:  # no second opinion available: only a sure reading stands
            return False
        second = read_text(what, " ".join(w.text for w in again or ()))
        if second.status is not Status.READ or reading.value not in (
                second.value, _listed_spelling(view, what, region, second).value):
            return False
    return True


def _by_digits(view: PageView, what: str, region: Region) -> FieldReading | None:
    """A TCKN or phone number in comb cells or smudged: digits only, read at two sizes. A
    TCKN's checksum guards it, and the same eleven printed digits at both sizes that fail it
    are an invalid TCKN; a phone number must be print read alike at both sizes."""
    if view.page.image is None:
        return None
    height = max(region.hit.height, 4.0)
    words = region.words
    if words:  # OCR may read a comb's cells as a few short words: two heights either side
        box = (min(w.x0 for w in words) - 2 * height, min(w.top for w in words) - 0.6 * height,
               max(w.x1 for w in words) + 2 * height, max(w.bottom for w in words) + 0.6 * height)
    else:
        box = (region.x0, region.top - 0.6 * height, region.x1, region.bottom)
    try:
        digits = digits_in(view.page, box, height, view.slope, partial(_fits, what))
    except Exception:  # OCR is optional here
        return None
    readings = [read_text(what, text) for text in digits.texts]
    numbers = {digits_of(text) for text in digits.texts}
    printed = ((digits.wobble is not None and digits.wobble <= HAND_WOBBLE_PT)
               or _baseline(view, box) == "straight")
    alike = len(digits.texts) > 1 and len(numbers) == 1
    if what == "phone":
        read = readings[0] if readings and readings[0].status is Status.READ else None
        return read if read is not None and alike and printed else None
    read = next((r for r in readings if r.status is Status.READ), None)
    if read is None and alike and len(numbers.pop()) == 11 and printed:
        return FieldReading(Status.INVALID)  # the same printed 11 digits at both sizes
    return read


def _fits(what: str, digits: str) -> bool:
    """Whether digits read in comb cells can be the field's: a TCKN's eleven, a phone."""
    return len(digits) == 11 if what == "tckn" else read_text(what, digits).status is Status.READ


def _handwritten(view: PageView, what: str, region: Region) -> bool:
    """Letters off a straight baseline (handwriting) need sure OCR: Tesseract drops Turkish
    marks on them ("Dis" for "Diş") and agrees with itself doing so; it reads a written 2 as
    a 9 at one size and not at another; a written name it reads surely all the same
    ("Zeynep Kee" for "Zeynep Koç"), so a name is judged by its baseline at any confidence."""
    confs = [w.conf for w in region.words if w.conf is not None]
    if what in SELF_CHECKED or not confs or (min(confs) >= HAND_CONF
                                              and what not in LEXICON_VETTED):
        return False
    return _wobbly(view, region)


def _wobbly(view: PageView, region: Region) -> bool:
    """The region's words sit off one straight baseline: written by hand."""
    return bool(region.words) and _baseline(view, _box(region)) == "wobbly"


def _box(region: Region) -> Box:
    """The box around a region's words (points)."""
    words = region.words
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))


def _listed_spelling(view: PageView, what: str, region: Region,
                     reading: FieldReading) -> FieldReading:
    """An OCR'd name not clearly in print (joined script letters are too few to tell), read
    surely, spelled as listed all the same: Tesseract drops a Turkish mark from handwriting
    surely too ("Dis Hekimi")."""
    if reading.value is None or what not in LEXICON_VETTED or not view.page.ocr:
        return reading
    if view.ink is None or not region.words or _baseline(view, _box(region)) == "straight":
        return _slip_mended(what, reading)
    listed = spelled(what, reading.value)
    return _slip_mended(what, reading) if listed is None else FieldReading(reading.status, listed)


def _slip_mended(what: str, reading: FieldReading) -> FieldReading:
    """A printed title or institution OCR read a letter or two off listed words ("UZMAN DAK
    TOR"), spelled as listed, or with a mark dropped ("ERGENE İLCE SAĞLIK MÜDÜRLÜĞÜ"), given
    it by the spelling most of its words were read in; a person's name is kept as read."""
    if what == "full_name":
        return reading
    if spelled(what, reading.value) is not None:
        lexicon = "institutions.toml" if what == "institution" else "titles.toml"
        return FieldReading(reading.status, respell_names(str(reading.value), lexicon))
    near = near_spelled(what, reading.value)
    return reading if near is None else FieldReading(reading.status, near)


def _baseline(view: PageView, box: Box) -> str | None:
    """'straight' (print) or 'wobbly' (handwriting) for the letters in `box` (points); None
    when there is no picture or too few letters to tell."""
    if view.ink is None:
        return None
    wobble = baseline_wobble(view.ink.ink, view.ink.to_px(*box))
    if wobble is None:
        return None
    return "wobbly" if wobble / view.ink.sy > HAND_WOBBLE_PT else "straight"


CROP_SCALES = (1.0, 1.4, 1.8)  # a value read from its crop must read alike at two sizes
SPECK_CONF = 50  # a one- or two-letter word at a crop's edge below this is a speck
WRITTEN_CONF = 70  # a crop with a word this sure holds its value: nothing is looked for below


def _crop_region(view: PageView, what: str, region: Region, scale: float) -> Region:
    """The region with its words read again from its own cleaned, enlarged crop."""
    box = crop_box(view, region)
    blanks = tuple((h.x0, h.top, h.x1, h.bottom) for h in view.hits if h is not region.hit)
    height = max(region.hit.height, 4.0)
    try:
        words = crop_line_words(view.page, box, height, scale, blanks)
    except Exception:  # OCR is optional here
        words = ()
    words = _without_specks(what, tuple(w for w in words if any(c.isalnum() for c in w.text)))
    return Region(region.hit, box[0], box[1], box[2], box[3], words, region.below)


def _without_specks(what: str, words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Drop unsure words at either end, a box corner or a speck read: short ones, and any for
    a value whose format vets what is left (a TCKN, an address, a number, a date)."""
    def speck(word: Word) -> bool:
        short = len(word.text) <= 2 or (what not in CASED and not _parses(what, word.text))
        return short and word.conf is not None and word.conf < SPECK_CONF

    return tuple(trim_ends(words, speck))


def _parses(what: str, text: str) -> bool:
    """Whether one word alone is a value of the field (an address, a number): no speck."""
    if what not in PARSERS:
        return False
    if what == "email":
        text = at_restored(text, default_rules().email_domains) or text
    try:
        PARSERS[what](text)
    except Invalid:
        return False
    return True


def _promising(what: str, reading: FieldReading, crop: Region, hand: bool) -> bool:
    """A first reading worth enlarging: it gave a value, an address lost only its "@" (it
    ends with a common domain), or handwriting shows a listed word of the field."""
    if reading.value is not None:
        return True
    if hand and what in LEXICON_VETTED:
        return some_word_listed(what, crop.text)
    text = crop.text.lower()
    return what == "email" and any(text.endswith(d) for d in default_rules().email_domains)


def _read_crop(view: PageView, what: str, region: Region,
               seen: set[object] | None = None) -> tuple[FieldReading | None, bool]:
    """A value read alike from two enlargements of its crop (a TCKN: its checksum suffices;
    handwriting: every enlargement reads it, of a field its format or word lists vet), and
    whether anything was clearly written there at all; `seen` collects every value read,
    sure or not."""
    votes: list[FieldReading] = []
    written = hand = False
    for scale in CROP_SCALES:
        crop = _crop_region(view, what, region, scale)
        written = written or any(w.conf is not None and w.conf >= WRITTEN_CONF
                                 for w in crop.words)
        if scale == CROP_SCALES[0] and not any(w.conf is not None and w.conf >= RESCUE_CONF
                                               for w in crop.words):
            return None, False  # nothing, or scrawl Tesseract cannot follow at any size
        reading = read_region(what, crop, lenient=True)
        if seen is not None and reading.value is not None:
            seen.add(reading.value)
        hand = hand or _handwritten(view, what, crop)
        reading = (_vetted(what, reading, crop.text) if hand
                   else _listed_spelling(view, what, crop, reading))
        if scale == CROP_SCALES[0] and not _promising(what, reading, crop, hand):
            return None, written  # no candidate value to confirm: larger copies seldom help
        if reading.value is None or _holds_label(view, crop):
            continue
        if what == "tckn" and reading.status is Status.READ:
            return reading, True
        votes.append(reading)
        typed = _typed_votes(what, votes)
        if not hand and what not in FORMAT_VETTED and len(set(typed)) > 1:
            return None, True  # a name read two ways: which is right, no format tells
        if not hand and typed.count(reading.value) == 2:
            agreed = FieldReading(Status.READ, reading.value)  # unless PP-OCR surely differs
            return (None if _contradicted([view], what, agreed) else agreed), True
    vote = _hand_vote(votes) if hand else None
    if vote is not None and (_contradicted([view], what, vote) or _drops_sure_word(
            what, region, vote)):
        vote = None
    return vote, written


SURE_WORD_CONF = 85  # a word of the page's reading this sure is in the value, if it is one


def _drops_sure_word(what: str, region: Region, reading: FieldReading) -> bool:
    """Whether a listed-words value read from a crop lacks a word the page's reading of
    the same place read surely: the crop caught only the end of it ("Aile Sağlığı Merkezi"
    of Şarköy 1 Nolu Aile Sağlığı Merkezi, where the page read "Nolu" surely)."""
    if what not in LEXICON_VETTED or reading.value is None:
        return False
    value = [squash(word) for word in str(reading.value).split()]
    sure = [squash(w.text) for w in region.words if w.conf is not None
            and w.conf >= SURE_WORD_CONF and sum(ch.isalpha() for ch in w.text) >= 3]
    return any(all(edit_distance(word, part, 1) > 1 for part in value) for word in sure)


def _typed_votes(what: str, votes: list[FieldReading]) -> list[object]:
    """The values that count for print: sure readings, and unsure ones of a field whose
    format vets them (Tesseract is seldom sure of an address, never in a dictionary)."""
    return [v.value for v in votes if v.status is Status.READ or what in FORMAT_VETTED]


def _hand_vote(votes: list[FieldReading]) -> FieldReading | None:
    """Handwriting's value: two sure readings, and no enlargement reading otherwise."""
    sure = [v for v in votes if v.status is Status.READ]
    if len(sure) >= 2 and len({v.value for v in votes}) == 1:
        return sure[0]
    return None


def _holds_label(view: PageView, region: Region) -> bool:
    """A value never contains a label: its crop reached into the next row or column."""
    if not region.words:
        return False
    hits = find_hits(view.rules, group_lines(region.words), True)
    return any(not h.what.startswith("opt:") for h in hits)


PRINT_CONF = 85  # crop words all read this surely are print (a label's rest), not handwriting


def written_texts(views: list[PageView], what: str) -> tuple[list[str], bool]:
    """What is written beside and under a field's label on scanned pages, read from its crop
    at two sizes, and whether any handwriting is there (ink, not all of it sure print)."""
    texts: list[str] = []
    inked = False
    for view, right in crop_regions(views, what):
        for region in (right, below_of(view, right)):
            crops = [_crop_region(view, what, region, scale) for scale in CROP_SCALES[:2]]
            texts += [crop.text for crop in crops]
            printed = bool(crops[0].words) and all(
                w.conf is not None and w.conf >= PRINT_CONF for w in crops[0].words)
            inked = inked or (not printed and _has_ink(view, region))
    return texts, inked


def boxes_by(views: list[PageView], what: str) -> list[bool]:
    """Whether each printed box beside or under a field's label on scanned pages is ticked
    (a row of choices whose words OCR could not read)."""
    states = []
    for view, right in crop_regions(views, what):
        if view.ink is None:
            continue
        boxes = view.ink.boxes()
        for region in (right, below_of(view, right)):
            states += [ticked(box, boxes) for box in boxes
                       if region.x0 <= (box.x0 + box.x1) / 2 <= region.x1
                       and region.top <= (box.top + box.bottom) / 2 <= region.bottom]
    return states


LINE_SURE = 85  # a PP-OCR line at least this sure is print (a typed reason), not a guess


def sure_lines(views: list[PageView], what: str) -> list[str]:
    """PP-OCR's sure lines beside and under a field's label on scanned pages (a typed reason
    on a dotted line, which Tesseract reads as specks)."""
    return [f.text for _, _, found in _rows(views, what) for f in found
            if f.row.conf is not None and f.row.conf >= LINE_SURE]


def lines_written(views: list[PageView], what: str) -> bool:
    """Whether PP-OCR found writing beside or under a field's label (three letters or digits
    besides the form's label words, read or not): the pen left strokes there, not specks."""
    labels = sorted({key for keys in views[0].rules.labels.values() for key in keys},
                    key=len, reverse=True) if views else []

    def written(text: str) -> bool:
        rest = squash(text)
        for label in labels:
            rest = rest.replace(label, "")
        return len(rest) >= 3

    return any(written(f.text) for _, _, found in _rows(views, what) for f in found)


def _rows(views: list[PageView], what: str,
          without_rules: bool = False) -> Iterator[tuple[PageView, Box, list[Found]]]:
    """PP-OCR's rows beside and under each of the field's labels on scanned pages, with the
    box (points) they were looked for in; `without_rules`: read on the page with its ruled
    lines taken out."""
    for view, right in crop_regions(views, what):
        lines = page_lines(view.page, without_rules)
        for region in (right, below_of(view, right)):
            box = crop_box(view, region)
            yield view, box, texts_in(lines, box)


def read_from_crops(views: list[PageView], what: str,
                    seen: set[object] | None = None) -> FieldReading | None:
    """A field's value read from the picture beside its label or, when nothing is clearly
    written there, under it; only when sure (`seen` collects every value read)."""
    for view, right in crop_regions(views, what):
        reading, written = _read_crop(view, what, right, seen)
        if reading is None and not written:
            reading, _ = _read_crop(view, what, below_of(view, right), seen)
        if reading is not None:
            return reading
    return None


def read_from_page(views: list[PageView], what: str) -> FieldReading:
    """A field's value from the words near its labels on every page (best outcome kept);
    on scanned pages, from each value's own crop when the page's words fall short, and
    then from the second OCR engine's lines (handwriting, see form_lines), which also give
    listed words Tesseract read only some of (_not_cut)."""
    seen: set[object] = set()
    reading = _read_page_words(views, what, seen)
    if reading.status is Status.EMPTY:
        return reading  # no word nor ink where the value goes
    if reading.status is Status.READ:
        return _not_cut(views, what, reading, seen)
    crops = read_from_crops(views, what, seen)
    if crops is None or what not in LEXICON_VETTED:
        return crops or _read_lines(views, what, seen) or reading
    return _not_cut(views, what, crops, seen)


def _not_cut(views: list[PageView], what: str, reading: FieldReading,
             seen: set[object]) -> FieldReading:
    """PP-OCR's longer listed value where Tesseract's words or crop caught only some of its
    words ("Devlet Hastanesi" of Malkara Devlet Hastanesi, "Uzman" of Uzman Hemşire)."""
    if what not in LEXICON_VETTED:
        return reading
    longer = _read_lines(views, what, seen)
    cut = longer is not None and longer.value != reading.value and words_of(
        str(reading.value), str(longer.value))
    return longer if cut else reading


def address_of(views: list[PageView], owner: str) -> FieldReading | None:
    """A handwritten address PP-OCR's lines give as a way of writing the owner's name, read
    on the same form (a second chance for an address no listed names alone vouch for)."""
    for view, _, found in _rows(views, "email"):
        address = owner_address_in(found, partial(reread_line, view.page), owner)
        if address is not None:
            return FieldReading(Status.READ, address)
    return None


def _read_lines(views: list[PageView], what: str, seen: set[object]) -> FieldReading | None:
    """A value from PP-OCR's lines beside or under the field's label, as far as form_lines
    vouches for it (`seen`: what Tesseract read there), and none where writing on the value's
    row lies beside its lines (a word the detector missed: "Acil ... ekwisyeni") unless
    Tesseract read the same value; a number's row is first grown over writing beside it
    (_widened), and a comb's digits are also read without its walls. Where the page's lines
    give nothing, the lines read on the page with its ruled lines taken out are tried."""
    numbers = what in (*NUMBERS, "tckn")
    for without_rules in (False, True):
        for view, box, found in _rows(views, what, without_rules):
            box = _off_edges(view, box)
            whole = [row for f in found
                     for row in [_between_unread(view, f if not numbers else
                                                 _widened(view, f, box), box, numbers)]
                     if not _missed_writing(view, row, box, True, _zero_missable(what, f.text))]
            reread = partial(reread_line, view.page, without_rules=without_rules)
            reading = (read_lines(what, whole, seen, reread, partial(reread, without_walls=True))
                       or read_as_tesseract(what, found, seen))
            if reading is not None:
                return reading
    return None


def _between_unread(view: PageView, found: Found, box: Box, numbers: bool) -> Found:
    """The row without its text as found where writing lies between its lines ("Tekird" /
    "vTetHastanes" of Tekirdağ Devlet Hastanesi): its re-readings, of the whole row, read
    that writing; the lines as found do not (a number's re-readings stand alone anyway)."""
    if numbers or not _missed_writing(view, found, box):
        return found
    return replace(found, text="")


# no one writes this near the paper's edge (about 3 % of A4's width): a scanner's shadow and a
# straightened page's turned border lie there
SCAN_EDGE_PT = 18


def _off_edges(view: PageView, box: Box) -> Box:
    """The box short of the page's edges, where a scan's dark border is no missed writing."""
    width = view.page.width
    return max(box[0], SCAN_EDGE_PT), box[1], min(box[2], width - SCAN_EDGE_PT), box[3]


MISSED_STROKE = 0.35  # of a PP-OCR row's height (its box is padded): a stroke, not a speck


NUMBERS = ("phone", "date")  # a digit missed between a row's lines leaves it no valid value


def _widened(view: PageView, found: Found, box: Box) -> Found:
    """The row's box grown over writing beside its lines in the value's box (the detector
    passed over a comb's first or last cell), so that its re-readings read all of it; the
    row as found where there is none."""
    row = found.row
    height = row.bottom - row.top
    span = None if view.ink is None else view.ink.writing_span(
        box[0] + 0.2 * height, row.top, box[2] - 0.2 * height, row.bottom, MISSED_STROKE * height)
    if span is None or (span[0] >= row.x0 and span[1] <= row.x1):
        return found
    x0, x1 = min(row.x0, span[0]), max(row.x1, span[1])
    grown = Word(row.text, x0, row.top, x1, row.bottom, row.conf)
    return Found(found.text, grown, found.labelled, ((x0, x1),))


def _missed_writing(view: PageView, found: Found, box: Box, beside_only: bool = False,
                    zero_before: bool = False) -> bool:
    """Strokes between or beside a row's lines in the box (a rule through the letters, once
    removed, leaves short strokes: hence a third of the row's height); with `beside_only`,
    beside them only (a re-reading of the row reads what lies between); with `zero_before`,
    strokes before the lines do not count (see _zero_missable)."""
    row = found.row
    height = row.bottom - row.top
    gaps = [(x0, x1) for x0, x1 in found.gaps(box[0], box[2])
            if (not beside_only or x0 == box[0] or x1 == box[2])
            and not (zero_before and x0 == box[0])]
    return view.ink is not None and any(
        view.ink.has_writing(x0 + 0.2 * height, row.top, x1 - 0.2 * height, row.bottom,
                             MISSED_STROKE * height) for x0, x1 in gaps)


_MOBILE_WITHOUT_ZERO = re.compile(r"5\d{9}")


def _zero_missable(what: str, text: str) -> bool:
    """Whether writing PP-OCR missed before a phone number's digits can only be its leading
    zero (or +90): ten digits from a 5 are a whole mobile number ("53 28 902900" where the
    detector passed over the comb's first cell), and any other digit before them would make
    no phone number at all."""
    return what == "phone" and _MOBILE_WITHOUT_ZERO.fullmatch(digits_of(text)) is not None


def _vetted(what: str, reading: FieldReading, text: str) -> FieldReading:
    """A handwritten reading as far as its format or the word lists vouch for it: a name
    whose words, as read (`text`), are listed words or near readings of them, spelled as
    listed; no value at all where neither does."""
    if what in FORMAT_VETTED or what in SELF_CHECKED:
        return reading
    value = near_spelled(what, text) if what in LEXICON_VETTED else None
    if value is not None and not _parses(what, value):
        value = None
    return FieldReading(Status.READ if value else Status.UNREADABLE, value)


def _hand_checked(views: list[PageView], what: str, reading: FieldReading,
                  text: str) -> FieldReading:
    """A handwritten value stands only where its format or the word lists vet it and its
    crop reads it alike at every size, or where PP-OCR reads the listed words one of
    Tesseract's readings gives (_lines_agreed)."""
    seen: set[object] = set()
    crops = read_from_crops(views, what, seen)
    vetted = _vetted(what, reading, text)
    if (vetted.value is not None and crops == vetted
            and not _contradicted(views, what, vetted)):
        return vetted
    return _lines_agreed(views, what, {text, *map(str, seen)})


LINES_AGREEING = 3  # of PP-OCR's four readings of a row (as found, and its three re-readings)


def _lines_agreed(views: list[PageView], what: str, texts: set[str]) -> FieldReading:
    """The listed words one of Tesseract's readings (`texts`, sure or not) gives and PP-OCR,
    which errs otherwise, reads too, word for word, in three of its four readings of the
    field's row ("Nurgil Aydin" four times where Tesseract read "Nurgül Aydin" once and
    "Nurgül Avdin" enlarged); unreadable where none or two do."""
    if what not in LEXICON_VETTED:
        return FieldReading(Status.UNREADABLE)
    candidates = {near_spelled(what, text) for text in texts} - {None}
    agreed = {fold_key(c): c for c in candidates if _lines_agree(views, what, c)}
    if len(agreed) != 1:
        return FieldReading(Status.UNREADABLE)
    return FieldReading(Status.READ, agreed.popitem()[1])


def _lines_agree(views: list[PageView], what: str, value: str) -> bool:
    return any(sum(agrees_word_for_word(what, value, text) for text in readings)
               >= LINES_AGREEING for readings in _row_readings(views, what))


def _row_readings(views: list[PageView], what: str) -> Iterator[list[str]]:
    """Each PP-OCR row's readings beside and under the field's labels (as found, re-read)."""
    for view, _, found in _rows(views, what):
        for row in found:
            yield readings_of(row, partial(reread_line, view.page))


CONTRADICTED = ("tckn", "phone", "date")  # Tesseract's reading of these yields to PP-OCR's


def _contradicted(views: list[PageView], what: str, reading: FieldReading) -> bool:
    """Whether PP-OCR surely reads another value where Tesseract read this one: a TCKN whose
    checksum it keeps, a phone number or date all its re-readings give, or (a phone number,
    a date) half its readings give (two misread digits can keep a TCKN's checksum, and
    Tesseract repeats its misreading at every crop size)."""
    if what not in CONTRADICTED:
        return False
    other = _read_lines(views, what, set())
    if other is not None:
        return other.value != reading.value
    return what in NUMBERS and any(value != reading.value for value in _lines_mostly(views, what))


def _lines_mostly(views: list[PageView], what: str) -> list[object]:
    """The values half of PP-OCR's readings of a row give (two of four): not sure enough to
    stand, sure enough to doubt a handwritten number Tesseract read otherwise ("4842" three
    times where Tesseract read "4249" at every size)."""
    return [value for readings in _row_readings(views, what)
            for value in values_mostly(what, readings)]


def _read_page_words(views: list[PageView], what: str, seen: set[object]) -> FieldReading:
    readings = []
    vetted: dict[int, set[object]] = {}  # the listed words each reading of the page gives
    for view, hit in field_hits(views, what):
        for region in value_regions(view.lines, view.hits, hit, view.page.width):
            reading = _region_reading(views, view, what, region, seen, vetted)
            readings.append(reading)
            if reading.status is Status.READ:
                return reading
    return _views_agreed(vetted) or best(readings)


def _region_reading(views: list[PageView], view: PageView, what: str, region: Region,
                    seen: set[object], vetted: dict[int, set[object]]) -> FieldReading:
    """One label's value from the page's words, checked as its kind of writing needs."""
    reading = read_region(what, region)
    if reading.value is not None:
        seen.add(reading.value)
    if reading.status is Status.EMPTY and not region.words and _has_ink(view, region):
        return FieldReading(Status.UNREADABLE)  # words read as empty are a printed sentence
    if reading.status is Status.UNREADABLE and _blank(views, view, what, region):
        return FieldReading(Status.EMPTY)
    digits = None
    if what in ("tckn", "phone") and reading.status is Status.UNREADABLE:
        digits = _by_digits(view, what, region)
        reading = digits or reading
    if what == "phone" and digits is not None:  # vetted by its own two readings
        return FieldReading(Status.UNREADABLE) if _contradicted([view], what, reading) else reading
    if reading.value is None:
        return reading
    if what in LEXICON_VETTED:
        vetted.setdefault(id(view), set()).add(_vetted(what, reading, region.text).value)
    if _handwritten(view, what, region):
        return _hand_checked(views, what, reading, region.text)
    reading = _listed_spelling(view, what, region, reading)
    confirmed = _confirmed(view, what, region, reading)
    return FieldReading(Status.READ if confirmed else Status.UNREADABLE,
                        reading.value if confirmed else None)


def _blank(views: list[PageView], view: PageView, what: str, region: Region) -> bool:
    """Whether a value's place holds nothing but what Tesseract made of its printed frame
    or specks (the walls of empty comb cells read "DELETE EET"; see _specks): no strokes there,
    and no writing PP-OCR finds beside or under the label either."""
    return (bool(region.words) and _specks(region.words)
            and not _has_ink(view, region) and not lines_written(views, what))


def _specks(words: tuple[Word, ...]) -> bool:
    """Whether OCR'd words are what Tesseract made of specks or a printed frame: every one
    unsure, or a single letter or digit in all (a speck read as "a")."""
    if any(w.conf is None for w in words):
        return False
    return (all(w.conf < SPECK_CONF for w in words)
            or sum(ch.isalnum() for w in words for ch in w.text) <= 1)


def _views_agreed(vetted: dict[int, set[object]]) -> FieldReading | None:
    """Listed words both readings of the page give (its picture as scanned and with its
    rules removed), each only those, where no crop confirmed them (a crop caught only
    "SEKRETER" of "TIBBİ SEKRETER")."""
    values = list(vetted.values())
    if len(values) < 2 or any(len(found) != 1 or None in found for found in values):
        return None
    agreed = set.union(*values)
    return FieldReading(Status.READ, agreed.pop()) if len(agreed) == 1 else None
