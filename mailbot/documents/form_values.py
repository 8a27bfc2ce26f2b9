"""Parse and validate form values: TCKN, e-mail, phone, date, names and free text."""

from __future__ import annotations

import re
from datetime import date

from stdnum.tr import tckimlik

from mailbot.documents.form_layout import edit_distance
from mailbot.text import collapse_spaces, fold_key, nfc

_MONTHS = {
    "ocak": 1, "subat": 2, "mart": 3, "nisan": 4, "mayis": 5, "haziran": 6, "temmuz": 7,
    "agustos": 8, "eylul": 9, "ekim": 10, "kasim": 11, "aralik": 12,
}
# a comma is a written full stop that sat low ("21,1.2024")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[.,/-]\s*(\d{1,2})\s*[.,/-]\s*(\d{4}|\d{2})(?!\d)")
_YEAR_LOOKALIKE = re.compile(r"(?<!\w)2[\dOo]{3}(?!\w)")  # "2 Temmuz 2o24": a year's 0 an o
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})[.,]?\s*([a-z]+)\s*(\d{4})(?!\d)")  # "2Ocak2023" (PP-OCR)
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_EMAIL_WHOLE = re.compile(rf"^{_EMAIL.pattern}$")
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "C": "0", "c": "0", "l": "1", "I": "1",
                                   "|": "1", ")": "1"})  # OCR's readings of written 0 and 1
_NAME_CHARS = re.compile(r"^[A-Za-zÇĞİÖŞÜçğıöşüÂâÎîÛû.'’ -]+$")
_TEXT_CHARS = re.compile(r"^[0-9A-Za-zÇĞİÖŞÜçğıöşüÂâÎîÛû.,'’()/&\" -]+$")
_EDGE_PUNCT = " :;,._-–—|"


class Invalid(ValueError):
    """A value was present but is not a valid value of its kind."""


def clean_text(text: str) -> str:
    """NFC, collapsed spaces, leading colons and edge punctuation removed."""
    return collapse_spaces(nfc(text)).strip(_EDGE_PUNCT).strip()


def digits_of(text: str) -> str:
    """The digits in `text`."""
    return re.sub(r"\D", "", text)


def parse_tckn(text: str) -> str:
    """An 11-digit checksum-valid TCKN, or Invalid (empty text raises Invalid too)."""
    digits = digits_of(text)
    if len(digits) != 11 or not tckimlik.is_valid(digits):
        raise Invalid(f"not a valid TCKN ({len(digits)} digits)")
    return digits


def parse_email(text: str) -> str:
    """The e-mail address in `text` (spaces around @ and dots tolerated), or Invalid."""
    squeezed = re.sub(r"\s*([@.])\s*", r"\1", clean_text(text))
    squeezed = squeezed.replace(" ", "")
    if "@" not in squeezed and squeezed.count("©") == 1:
        squeezed = squeezed.replace("©", "@")  # a common OCR slip for "@"
    squeezed = squeezed.rstrip(".,;")
    if _EMAIL_WHOLE.match(squeezed):
        return squeezed
    found = _EMAIL.findall(squeezed)
    if len(found) == 1:
        return found[0]
    raise Invalid("not an e-mail address")


_NUMBER_LOOKALIKES = str.maketrans("OoCcDlI|qgSsZzB", "000001119955228")  # in a number


def _number_tokens(text: str) -> str:
    """Letters OCR reads for written digits put back in the tokens that are mostly digits
    ("C535 416 5C q1"); a word such as "Cep" is left alone."""
    return " ".join(token.translate(_NUMBER_LOOKALIKES)
                    if 2 * sum(ch.isdigit() for ch in token) >= len(token) else token
                    for token in text.split())


def parse_phone(text: str) -> str:
    """A Turkish phone number as "0" + 10 digits (from +90, 90, 0 or bare forms), or Invalid."""
    digits = digits_of(_number_tokens(text))
    if len(digits) == 12 and digits.startswith("90"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    elif len(digits) == 12 and digits.startswith("00"):  # "(0544)" with its bracket as a C
        digits = digits[2:]
    elif len(digits) == 13 and digits.startswith("900"):
        digits = digits[3:]
    if len(digits) != 10 or digits[0] not in "2345":
        raise Invalid("not a Turkish phone number")
    return "0" + digits


def _make_date(day: int, month: int, year: int) -> date:
    if year < 100:
        year += 2000
    try:
        value = date(year, month, day)
    except ValueError as error:
        raise Invalid(str(error)) from error
    if not 2010 <= value.year <= 2045:  # a form filled this decade, not an OCR slip "2075"
        raise Invalid("year out of range")
    return value


_LOOKALIKE_DATE = re.compile(r"(?<![\w])[\dOoCcIl|)]{1,2}\s*[.,/-]\s*[\dOoCcIl|)]{1,2}\s*[.,/-]\s*"
                             r"(?:\d|[OoCcIl|]){2,4}(?!\w)")


IN_WORD_DIGIT = re.compile(r"(?<=[a-z])[10](?=[a-z])")  # OCR's 1 or 0 for a letter


def parse_date(text: str, near_months: bool = False) -> date:
    """A date written dd.mm.yyyy, dd/mm/yyyy, dd-mm-yy or `14 Mart 2024`, or Invalid; in
    the shape of a numeric date, O, C, l and ")" are OCR's 0, 0, 1 and 1 ("C8.C3.2024",
    "2).6.2024"), as an o is in a year ("2o24"), and a comma is a full stop ("21,1.2024").
    With `near_months`, a month's name may be a letter off ("20 &ylul 2023", "13 KaSm
    2023"): only for a reading something else vouches for. A 1 or 0 between a
    month's letters is its i or o ("18 EK1M 2024")."""
    text = _LOOKALIKE_DATE.sub(lambda m: m[0].translate(_DIGIT_LOOKALIKES), text)
    text = _YEAR_LOOKALIKE.sub(lambda m: m[0].translate(_DIGIT_LOOKALIKES), text)
    match = _NUMERIC_DATE.search(text)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    folded = IN_WORD_DIGIT.sub(lambda m: "i" if m[0] == "1" else "o", fold_key(text))
    match = _WORD_DATE.search(folded)
    if match and match[2] in _MONTHS:
        return _make_date(int(match[1]), _MONTHS[match[2]], int(match[3]))
    match = _NEAR_WORD_DATE.search(folded) if near_months else None
    month = _near_month(match[2].replace(" ", "")) if match else None
    if month is not None:
        return _make_date(int(match[1]), month, int(match[3]))
    raise Invalid("not a date")


def date_digits(text: str) -> str:
    """The digits a written date shows, letters OCR reads for digits put back ("18.32C25":
    1832025)."""
    return digits_of(_number_tokens(text))


def padding_mixed(text: str) -> bool:
    """Whether a numeric date pads its month with a zero but not its day ("6.07.2024"): a
    hand pads both or neither, and a recogniser that dropped the day's first digit of
    "26.07.2024" leaves this."""
    found = _NUMERIC_DATE.search(_number_tokens(text))
    return found is not None and len(found[1]) == 1 and found[2].startswith("0")


def digit_forms(value: date) -> set[str]:
    """The digits `value` shows written out: day and month with or without a leading zero,
    the month as a number or a name, a four-digit year."""
    days = {str(value.day), f"{value.day:02d}"}
    months = {str(value.month), f"{value.month:02d}", ""}
    return {day + month + str(value.year) for day in days for month in months}


def date_of_digits(digits: str) -> date | None:
    """The one date a run of digits can be when its separators were lost: a day and a month
    of three or four digits between them ("2822023": 28.2.2023), then a four-digit year;
    none where it could be two ("1122023": 1.12 or 11.2)."""
    head, year = digits[:-4], digits[-4:]
    if len(head) not in (3, 4) or not year.startswith("20"):
        return None
    found = set()
    for cut in (1, 2):
        day, month = head[:cut], head[cut:]
        if len(month) <= 2:
            try:
                found.add(_make_date(int(day), int(month), int(year)))
            except Invalid:
                continue
    return found.pop() if len(found) == 1 else None


# a month's name may be cut in two by a gap of the pen ("24 Ha giran 2023")
_NEAR_WORD_DATE = re.compile(
    r"(?<!\d)(\d{1,2})[.,]?\s*([^\d\s]{1,8}(?: [^\d\s]{1,7})?)\s*(\d{4})(?!\d)")


def _near_month(word: str) -> int | None:
    """The one month whose name `word` is, or is a letter off (four letters at least)."""
    if not 4 <= len(word) <= 8:
        return None
    near = {number for name, number in _MONTHS.items() if edit_distance(word, name, 1) <= 1}
    return near.pop() if len(near) == 1 else None


LOWER_WORDS = {"ve", "ile", "de", "da", "için", "nolu", "no", "nlu", "veya"}  # small in names


def consistent_case(value: str) -> bool:
    """Words written one way: all "Title Case" or all CAPITALS (short acronyms, digits and
    the small words "ve", "ile" aside). A lone lower-case or mixed word is an OCR slip."""
    words = [w.strip(".,()/-'’\"") for w in value.split()]
    words = [w for w in words if w and any(ch.isalpha() for ch in w)]
    styles = set()
    for word in words:
        letters = [ch for ch in word if ch.isalpha()]
        if word.lower() in LOWER_WORDS and word == word.lower():
            continue
        if all(ch.isupper() for ch in letters):
            styles.add("upper" if len(letters) > 3 else "acronym")
        elif letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
            styles.add("title")
        else:
            return False
    return not {"upper", "title"} <= styles


def parse_name(text: str) -> str:
    """A person's name as printed: letters, spaces, dots, hyphens; two or more words."""
    value = clean_text(text)
    if not _NAME_CHARS.match(value) or len(value.split()) < 2:
        raise Invalid("not a name")
    initials = re.compile(r"^\w\.$")
    if any(sum(ch.isalpha() for ch in part) < 2 for part in value.split()
           if not initials.match(part)):
        raise Invalid("a name part is too short")
    return value


def parse_free_text(text: str) -> str:
    """A title or institution as printed: ordinary letters, digits and punctuation."""
    value = clean_text(text)
    if len(value) < 2 or not _TEXT_CHARS.match(value) or sum(ch.isalpha() for ch in value) < 2:
        raise Invalid("not plain text")
    return value


PARSERS = {
    "full_name": parse_name,
    "tckn": parse_tckn,
    "title": parse_free_text,
    "institution": parse_free_text,
    "email": parse_email,
    "phone": parse_phone,
    "date": parse_date,
}
