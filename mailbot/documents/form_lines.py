"""A handwritten value from PP-OCR's lines (line_ocr) where Tesseract's reading fell short.

Taken only as far as something vouches for it: a TCKN by its checksum (as found, or as two
of its three re-readings give it); a name, title or institution by the word lists (every
word a listed word or a near reading of exactly one, written with Turkish marks as listed;
from the line as read, or, but for a title, from two of its three re-readings; or the one
listed value Tesseract read there, a reading of PP-OCR's a slip or two off it); a phone
number, date or address when Tesseract read the same value from the crop, unsure as it was
(two engines that err differently); a phone number or date three of the row's four readings
give (as found and re-read from its own crop: PP-OCR reads a written 2 as a 7 in some); an
address, where the application's password goes, when all three re-readings give it again
with a common domain (rules/forms: "hetmail.cam" is not), or mended into listed names by
form_email.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, partial

from mailbot.documents.form_crop import Box
from mailbot.documents.form_email import agreed_address, letter_read_as_digit, owner_address
from mailbot.documents.form_fields import FieldReading, Status, at_restored
from mailbot.documents.form_layout import edit_distance
from mailbot.documents.form_lexicon import field_words, near_spelled, number_lost
from mailbot.documents.form_rules import default_rules
from mailbot.documents.form_values import (
    PARSERS,
    Invalid,
    date_digits,
    date_of_digits,
    digit_forms,
    digits_of,
    padding_mixed,
    parse_date,
)
from mailbot.documents.model import Word
from mailbot.text import fold_key

LEXICON_FIELDS = ("full_name", "title", "institution")
AGAIN_LISTED = ("full_name", "institution")  # a title cut short is another title: "Memur"
AGREEING_FIELDS = ("phone", "date", "email")
_PP_AT_LOOKALIKES = "ea"  # PP-OCR reads a handwritten "@" as a small e or a,
_PP_AT_IN_NAMES = "eao"  # or an o, taken only where the address is made of names
REREADS_AGREEING = 3  # of the line's three re-readings (line_ocr.reread_line)
READINGS_AGREEING = 3  # of a row's four readings (as found, and re-read): a number or date
TCKN_AGREEING = 2  # re-readings of a TCKN whose checksum holds (a misreading seldom keeps it)
_COLON = re.compile(r"[:：]")
_DIGIT_GAP = re.compile(r"(?<=\d) (?=\d)")
_EDGES = " :：.,;"


@dataclass(frozen=True)
class Found:
    """A value's text on one row of PP-OCR lines, the row's box, whether its label was read
    on the row too, and the stretches (x0, x1) its lines cover."""

    text: str
    row: Word
    labelled: bool
    spans: tuple[tuple[float, float], ...]

    def gaps(self, x0: float, x1: float) -> list[tuple[float, float]]:
        """Stretches between `x0` and `x1` no line of the row covers, wider than its height
        (a word the detector did not see may sit there)."""
        height = self.row.bottom - self.row.top
        found, start = [], x0
        for a, b in sorted(self.spans):
            if a - start > height:
                found.append((start, a))
            start = max(start, b)
        if x1 - start > height:
            found.append((start, x1))
        return found


def texts_in(lines: tuple[Word, ...], box: Box) -> list[Found]:
    """The rows of lines whose middle lies in `box` (points), each with its value's text
    (the detector may cut one value into several lines); a line that starts left of the box
    (the label read with its value) gives what follows its colon."""
    x0, top, x1, bottom = box
    height = max(bottom - top, 1.0)
    found: list[Found] = []
    for line in lines:
        middle = (line.top + line.bottom) / 2
        if not top <= middle <= bottom or line.x1 < x0 + 0.1 * height or _beyond(line, x1):
            continue
        labelled = line.x0 < x0 - 0.2 * height
        if labelled and not _COLON.search(line.text):
            continue
        text = _value_part(line.text, labelled)
        if text:
            found.append(Found(text, line, labelled, ((line.x0, line.x1),)))
    return _rows(found)


def _beyond(line: Word, x1: float) -> bool:
    """Whether most of the line lies right of `x1`: the label of the next field beside the
    value ("İmza:" beside a date), caught by the box's edge."""
    return line.x1 - x1 > (line.x1 - line.x0) / 2


def _rows(found: list[Found]) -> list[Found]:
    """Lines side by side (one's middle within the other's height) joined left to right."""
    rows: list[list[Found]] = []
    for item in sorted(found, key=lambda f: f.row.top):
        middle = (item.row.top + item.row.bottom) / 2
        row = next((r for r in rows if r[0].row.top <= middle <= r[0].row.bottom), None)
        if row is None:
            rows.append([item])
        else:
            row.append(item)
    return [_joined(sorted(row, key=lambda f: f.row.x0)) for row in rows]


def _joined(row: list[Found]) -> Found:
    lines = [f.row for f in row]
    box = Word(" ".join(w.text for w in lines), min(w.x0 for w in lines),
               min(w.top for w in lines), max(w.x1 for w in lines),
               max(w.bottom for w in lines), min(w.conf or 0.0 for w in lines))
    return Found(" ".join(f.text for f in row), box, row[0].labelled,
                 tuple(span for f in row for span in f.spans))


def read_lines(what: str, found: list[Found], tesseract: set[object],
               reread: Callable[[Word], list[str]],
               unwalled: Callable[[Word], list[str]] | None = None) -> FieldReading | None:
    """The value PP-OCR's lines give for the field, when vouched for (see the module);
    `tesseract` holds the values Tesseract read, unsure or not, from the same place;
    `reread` reads a line again from its own crop, `unwalled` with comb cells' walls taken
    out (a number in comb cells whose re-readings read the walls as digits)."""
    for item in found:
        again = cache(partial(_reread_values, reread, item.row, item.labelled))  # when needed
        value = _vouched(what, item.text, tesseract, again)
        if value is None and unwalled is not None and what in COMBED:
            value = _unwalled(what, item.text, unwalled(item.row))
        if value is not None:
            return FieldReading(Status.READ, value)
    return None


def owner_address_in(found: list[Found], reread: Callable[[Word], list[str]],
                     owner: str) -> str | None:
    """The address a line and its re-readings give as a way of writing the owner's name
    (see form_email.owner_address)."""
    for item in found:
        address = owner_address(readings_of(item, reread), default_rules().email_domains,
                                owner, _PP_AT_IN_NAMES)
        if address is not None:
            return address
    return None


def readings_of(item: Found, reread: Callable[[Word], list[str]]) -> list[str]:
    """A row's value as found and as each re-reading of its line gives it."""
    return [_value_part(item.text, item.labelled),
            *_reread_values(reread, item.row, item.labelled)]


def read_as_tesseract(what: str, found: list[Found], tesseract: set[object]
                      ) -> FieldReading | None:
    """A number, date or address a line gives just as Tesseract read it there (two engines
    agreeing need nothing else)."""
    if what not in (*AGREEING_FIELDS, "tckn"):
        return None
    for item in found:
        value = parsed_value(what, item.text)
        if value is not None and _among(value, tesseract):
            return FieldReading(Status.READ, value)
    return None


def _reread_values(reread: Callable[[Word], list[str]], line: Word,
                   labelled: bool) -> list[str]:
    return [_value_part(text, labelled) for text in reread(line)]


def _vouched(what: str, text: str, tesseract: set[object],
             reread: Callable[[], list[str]]) -> object | None:
    if what in LEXICON_FIELDS:
        value = near_spelled(what, text) or (
            _listed_again(what, reread()) if what in AGAIN_LISTED else None)
        if value is None:
            return _near_tesseracts(what, [text, *reread()], tesseract)
        if _listed_otherwise(what, value, tesseract) or _middle_lost(value, tesseract):
            return None
        if _may_be_cut(what, value):
            return _longer_again(what, value, reread)
        return _not_outvoted(what, value, reread())
    value = parsed_value(what, text)
    if what == "tckn":  # the line misread, its checksum failing: two re-readings may agree
        return value if value is not None else _mostly(what, reread(), TCKN_AGREEING)
    if what not in AGREEING_FIELDS:
        return None
    if value is not None and _among(value, tesseract):
        return value
    if what == "email":
        if (value is not None and not letter_read_as_digit(str(value))
                and _agreed_again(what, value, reread)):
            return value
        return agreed_address([text, *reread()], default_rules().email_domains, _PP_AT_IN_NAMES)
    readings = [text, *reread()]
    agreed = _mostly(what, readings, READINGS_AGREEING)
    if agreed is not None and _letters_outvote_digits(what, readings, agreed):
        return None
    if agreed is None and what == "date":
        agreed = _digits_agreed(readings) or _slashes_agreed(readings)
    if what == "date" and any(padding_mixed(t) for t in readings):
        return None  # a digit of the day may be lost: "6.07.2024" for 26.07.2024
    return agreed


COMBED = ("tckn", "phone")  # numbers written in comb cells
UNWALLED_AGREEING = 2  # of a line's three re-readings without its comb's walls


def _unwalled(what: str, text: str, readings: list[str]) -> object | None:
    """A TCKN two re-readings without the comb's walls give (its checksum holding), or a
    phone number the line as found and two of them give (taking the walls out may also
    take a stroke of a digit that touches one: the found line must agree)."""
    agreed = _mostly(what, readings, UNWALLED_AGREEING)
    if what == "tckn" or agreed is None:
        return agreed
    return agreed if parsed_value(what, text) == agreed else None


def _mostly(what: str, readings: list[str], least: int) -> object | None:
    """The value at least `least` of the readings give, more of them than any other."""
    counts = Counter(parsed_value(what, text) for text in readings)
    counts.pop(None, None)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _letters_outvote_digits(what: str, readings: list[str], agreed: object) -> bool:
    """Whether every reading giving the agreed number needed a letter taken for a digit
    ("+90 506 89g 93 38") where one read in plain digits gives another ("+905068989338"):
    the letter is the unsure digit, and no vote settles it."""
    if what != "phone":
        return False
    lettered = [any(ch.isalpha() for ch in text) for text in readings]
    values = [parsed_value(what, text) for text in readings]
    agreeing = [has for has, value in zip(lettered, values, strict=True) if value == agreed]
    return all(agreeing) and any(
        not has and value is not None and value != agreed
        for has, value in zip(lettered, values, strict=True))


def _digits_agreed(readings: list[str]) -> date | None:
    """The date every reading of the line shows the same digits of, its separators or month
    name lost in some ("28.2.2023", "2822023"): the one date the readings that parse give,
    or, where none does, the one date the digits can be (form_values.date_of_digits)."""
    digits = {date_digits(text) for text in readings}
    if len(readings) <= REREADS_AGREEING or len(digits) != 1:
        return None
    shown = digits.pop()
    parsed = {value for value in map(partial(parsed_value, "date"), readings) if value is not None}
    if not parsed:
        parsed = {date_of_digits(shown)} - {None}
    value = parsed.pop() if len(parsed) == 1 else None
    return value if value is not None and shown in digit_forms(value) else None


def _slashes_agreed(readings: list[str]) -> date | None:
    """The one date a reading gives that three readings show, as it or with a separator
    read as a 1 ("03105/2023" of 03/05/2023: PP-OCR reads a written slash as a 1); where
    no reading gives a date, the one date with its separators read as 1s that three show
    ("2810112023" of 28/01/2023), from readings that cannot be a date whose separators
    were lost ("1122023": 1.12 or 11.2)."""
    parsed = {value for value in map(partial(parsed_value, "date"), readings)
              if value is not None}
    if not parsed:
        cuts = [_digit_dates(text) for text in readings]
        parsed = {value for lost, ones in cuts if not lost for value in ones}
    shown = [value for value in parsed
             if sum(_shows(text, value) for text in readings) >= READINGS_AGREEING]
    return shown[0] if len(shown) == 1 else None


_NUMBER_RUN = re.compile(r"\d+")


def _digit_dates(text: str) -> tuple[set[date], set[date]]:
    """The dates a reading's digits can be with its separators lost, and with one or both
    of them read as a 1 (a day and a month of one or two digits, a year of this century);
    none for a reading that shows both separators (three runs of figures: "31.02.2024",
    its 7 read as a 2, is no 3.02.2024)."""
    found: dict[bool, set[date]] = {True: set(), False: set()}  # separators read as 1s?
    digits = date_digits(text)
    head, year = digits[:-4], digits[-4:]
    if len(_NUMBER_RUN.findall(text)) >= 3 or not year.startswith("20"):
        return found[False], found[True]
    for day_size, month_size in ((1, 1), (1, 2), (2, 1), (2, 2)):
        for first, second in ((False, False), (True, True), (True, False), (False, True)):
            month_at = day_size + first
            if (len(head) != month_at + month_size + second
                    or (first and head[day_size] != "1") or (second and head[-1] != "1")):
                continue
            try:
                found[first or second].add(date(int(year), int(head[month_at:][:month_size]),
                                                int(head[:day_size])))
            except ValueError:
                continue
    return found[False], found[True]


def _shows(text: str, value: date) -> bool:
    """Whether a reading gives the date, or, giving none, its digits with a separator read
    as a 1 (see _digit_dates; one giving another date shows that one: "11.5.2023" is no
    1.5.2023)."""
    given = parsed_value("date", text)
    return given == value if given is not None else value in _digit_dates(text)[1]


ENGINES_SLIPS = 2  # letters PP-OCR's reading may be off the listed words Tesseract read


def _near_tesseracts(what: str, readings: list[str], tesseract: set[object]) -> str | None:
    """The one listed value Tesseract read there (its other readings list nothing) when a
    reading of PP-OCR's is a slip or two off it ("Mige Cakr" beside Tesseract's "Müge
    Cakır"): two engines that nearly agree, one of them on listed words."""
    listed = {near_spelled(what, str(text)) for text in tesseract} - {None}
    if len(listed) != 1:
        return None
    value = listed.pop()
    key, number = _letters(value), digits_of(value)
    near = any(edit_distance(_letters(text), key, ENGINES_SLIPS) <= ENGINES_SLIPS
               and digits_of(text) == number for text in readings)  # "4 NOLU ASM": its 4 too
    return value if near else None


def _letters(text: str) -> str:
    return "".join(ch for ch in fold_key(text) if ch.isalpha())


def _listed_otherwise(what: str, value: str, tesseract: set[object]) -> bool:
    """Whether Tesseract read other listed words there (PP-OCR cut "DİŞ HEKİMİ" short to
    the listed "DİŞ HEKİM"; Tesseract read "DIŞ HEKİMİ"), not merely these cut short or some
    of these words ("DEVLET HASTANESİ" of "MALKARA DEVLET HASTANESİ": a crop cut it)."""
    others = {near_spelled(what, str(text)) or near_spelled(what, _STROKE_DIGIT.sub("", str(text)))
              for text in tesseract} - {None}
    return any(fold_key(other) != fold_key(value) and not _cut_short(other, value)
               and not words_of(other, value) and not _stroke_before(other, value)
               for other in others)


_STROKE_DIGIT = re.compile(r"^\d (?=\S)")


def _middle_lost(value: str, tesseract: set[object]) -> bool:
    """Whether Tesseract read the value's first and last words with a word of letters
    between them that the value lacks ("Beyabıt VW Nelu ASM" beside PP-OCR's "Boyaba+NASM",
    listed as "Boyabat ASM": "2 Nolu" was lost)."""
    words = [fold_key(w) for w in value.split()]
    for text in tesseract:
        read = [fold_key(w) for w in str(text).split()]
        if len(words) < 2 or len(read) <= len(words):
            continue
        if not (_alike(read[0], words[0]) and _alike(read[-1], words[-1])):
            continue
        if any(sum(ch.isalpha() for ch in w) >= 3 and not any(_alike(w, v) for v in words)
               for w in read[1:-1]):
            return True
    return False


def _alike(read: str, word: str) -> bool:
    """A word read a slip or two off another (two for words of five letters or more)."""
    slips = 2 if len(word) >= 5 else 1
    return edit_distance(read, word, slips) <= slips


def _stroke_before(other: str, value: str) -> bool:
    """Whether `other` is the value after a lone digit, a stroke or a table's rule read as
    one ("7 ERGENE İLÇE SAĞLIK MÜDÜRLÜĞÜ"), where the value needs no number first (not
    "NOLU ASM" of "4 NOLU ASM", form_lexicon.number_lost)."""
    return (fold_key(_STROKE_DIGIT.sub("", other)) == fold_key(value)
            and not number_lost(value))


def _may_be_cut(what: str, value: str) -> bool:
    """Whether the value's last word is another listed word cut short (TEKNİSYEN of
    TEKNİSYENİ): PP-OCR drops a last letter that touches the box's side."""
    last = fold_key(value.split()[-1])
    return any(_cut_short(last, fold_key(word)) for word in field_words(what).values())


def _longer_again(what: str, value: str, reread: Callable[[], list[str]]) -> str | None:
    """A value that may be cut short (see _may_be_cut) as its re-readings give it: the
    longer words where two give them, none where one does ("ACİL TIP TEKNİSYENİ")."""
    longer = Counter(other for other in map(partial(near_spelled, what), reread())
                     if other is not None and _cut_short(value, other))
    if not longer:
        return value
    other, count = longer.most_common(1)[0]
    return other if count >= 2 and len(longer) == 1 else None


def _not_outvoted(what: str, value: str, readings: list[str]) -> str | None:
    """The value, unless two re-readings of the line give other listed words (not merely
    a crop of it): those where none gives the value ("SİNOP ATATÜRK DEVLET HASTANESİ" of a
    line cut into "ATATUR İL DEVLET"), none where one does."""
    found = Counter(near_spelled(what, text) for text in readings)
    found.pop(None, None)
    others = [(other, count) for other, count in found.most_common()
              if fold_key(other) != fold_key(value) and not _crop_of(other, value)]
    if not others or others[0][1] < 2:
        return value
    return others[0][0] if found.total() == others[0][1] else None


def _crop_of(part: str, whole: str) -> bool:
    """Whether `part` is `whole` with its first or last word read from a crop that cut it
    (letters of it only: "İL HEKİMİ" of AİLE HEKİMİ), no other value."""
    cut, words = fold_key(part).split(), fold_key(whole).split()
    if len(cut) != len(words) or cut == words:
        return False
    return ((cut[1:] == words[1:] and _letters_within(cut[0], words[0]))
            or (cut[:-1] == words[:-1] and _letters_within(cut[-1], words[-1])))


def _letters_within(part: str, word: str) -> bool:
    """Whether `part`'s letters appear in `word` in order."""
    rest = iter(word)
    return all(ch in rest for ch in part)


def words_of(part: str, whole: str) -> bool:
    """Whether `part` is a run of `whole`'s words."""
    words, run = fold_key(whole).split(), fold_key(part).split()
    return any(words[at:at + len(run)] == run for at in range(len(words) - len(run) + 1))


def _cut_short(short: str, whole: str) -> bool:
    """Whether `short` is `whole` with a letter or two missing at the end of its last word
    (an engine drops a last letter it cannot read: "DİŞ HEKİM" of "DİŞ HEKİMİ"; the longer
    reading of the two is the one to keep)."""
    cut, full = fold_key(short), fold_key(whole)
    return full.startswith(cut) and 0 < len(full) - len(cut) <= 2 and " " not in full[len(cut):]


def _listed_again(what: str, readings: list[str]) -> str | None:
    """The listed words two of the line's three re-readings give, and no other one does
    (the line as first read gave none)."""
    found = Counter(near_spelled(what, text) for text in readings)
    found.pop(None, None)
    value, count = found.most_common(1)[0] if found else (None, 0)
    return value if count >= 2 and len(found) == 1 else None


def _agreed_again(what: str, value: object, reread: Callable[[], list[str]]) -> bool:
    """Whether all re-readings of the line give the value (an address: at a common domain)."""
    domain = str(value).rsplit("@", 1)[-1].lower()
    if what == "email" and domain not in default_rules().email_domains:
        return False
    return [parsed_value(what, t) for t in reread()].count(value) >= REREADS_AGREEING


def _among(value: object, tesseract: set[object]) -> bool:
    """Whether Tesseract read the value too (an address in any case)."""
    if isinstance(value, str) and "@" in value:
        return value.lower() in {str(v).lower() for v in tesseract}
    return value in tesseract


def values_mostly(what: str, readings: list[str]) -> list[object]:
    """The values half or more of a row's readings give (two of four)."""
    counts = Counter(parsed_value(what, text) for text in readings)
    counts.pop(None, None)
    return [value for value, count in counts.items() if 2 * count >= len(readings)]


def parsed_value(what: str, text: str) -> object | None:
    """A line's text as the field's value, or None (an "@" read as a look-alike put back, a
    gap of the pen inside a date's number closed)."""
    if what == "email":  # an "@" read as a look-alike before a common domain is put back
        text = at_restored(text, default_rules().email_domains, _PP_AT_LOOKALIKES) or text
    try:
        if what == "date":  # a gap of the pen inside a number ("04.01.20 23")
            return parse_date(_DIGIT_GAP.sub("", text), near_months=True)
        return PARSERS[what](text)
    except Invalid:
        return None


def _value_part(text: str, labelled: bool) -> str:
    """The value's text: what follows the colon of a label read with it
    ("T.C.KIMLIKNO：314...", "Tarihi: 15.2.2026 imza:": the first colon), edge marks
    dropped."""
    return (_COLON.split(text, maxsplit=1)[-1] if labelled else text).strip(_EDGES)
