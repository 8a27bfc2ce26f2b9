"""Read one value of a form from its label's region: accept it, or call it invalid or unreadable."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from statistics import mean
from typing import Any

from mailbot.documents.form_layout import edit_distance
from mailbot.documents.form_lexicon import number_lost
from mailbot.documents.form_regions import Region
from mailbot.documents.form_rules import default_rules
from mailbot.documents.form_values import (
    LOWER_WORDS,
    PARSERS,
    Invalid,
    consistent_case,
    digits_of,
)
from mailbot.documents.model import Word

# Minimum OCR confidence (0-100) of every word of a value, per field: fields without a
# checksum need more, because a misread letter in an e-mail address sends a secret astray.
MIN_WORD_CONF = {"full_name": 80, "title": 78, "institution": 78, "email": 82, "phone": 80,
                 "date": 60, "tckn": 30}
MIN_MEAN_CONF = {"full_name": 88, "title": 85, "institution": 85, "email": 88, "phone": 86,
                 "date": 70, "tckn": 45}
CASED = ("full_name", "title", "institution")
LENIENT_SLACK = 8  # confidence spared a value read alike from two enlargements of its crop
CONFIDENT_INVALID_TCKN = 88  # an OCR'd 11-digit number this sure that fails is really invalid


DIGIT_FIELDS = ("tckn", "phone")  # written in digits: sure words without one are a sentence's
PROSE_CONF = 90  # the least confidence of OCR words taken as a printed sentence's


def _sentence_words(words: tuple[Word, ...]) -> bool:
    """Printed words without a digit after a label inside a sentence ("T.C. Kimlik No ve
    e-posta adresi yazılmayan formlar işleme alınmaz."): no number written there."""
    return (len(words) >= 2 and not any(ch.isdigit() for w in words for ch in w.text)
            and all(w.conf is None or w.conf >= PROSE_CONF for w in words))


class Status(StrEnum):
    """What reading a field came to."""

    READ = "read"
    EMPTY = "empty"  # nothing written where the value goes
    INVALID = "invalid"  # written and read, but not a valid value of its kind
    UNREADABLE = "unreadable"  # something is written there that could not be read reliably


@dataclass(frozen=True)
class FieldReading:
    """The outcome for one field: a value when READ (an unconfirmed candidate when UNREADABLE)."""

    status: Status
    value: Any = None


def _confident(field: str, region: Region, lenient: bool = False) -> bool:
    confs = [w.conf for w in region.words if w.conf is not None]
    if not confs:
        return True
    slack = LENIENT_SLACK if lenient else 0
    return (min(confs) >= MIN_WORD_CONF[field] - slack
            and mean(confs) >= MIN_MEAN_CONF[field] - slack)


def _confident_invalid_tckn(region: Region) -> bool:
    """Eleven digits read surely (a speck read as letters beside them, "hb", aside)."""
    numbers = [w for w in region.words if any(ch.isdigit() for ch in w.text)]
    confs = [w.conf for w in numbers if w.conf is not None]
    digits = digits_of(" ".join(w.text for w in numbers))
    return len(digits) == 11 and (not confs or min(confs) >= CONFIDENT_INVALID_TCKN)


DOMAIN_SLIPS = 2  # an OCR'd e-mail domain this close to a common one (not equal) is misread


def misread_domain(address: str, domains: frozenset[str]) -> bool:
    """True when the address's domain is a near miss of a common one ("vandex.com"), also
    under a common one ("saghk.gov.tr" of saglik.gov.tr, under gov.tr), or a common one cut
    short at the value's edge ("saglik.gov", "gmail.co")."""
    domain = address.rsplit("@", 1)[-1].lower()
    if not domains or domain in domains:
        return False
    return any(edit_distance(domain, known, DOMAIN_SLIPS) <= DOMAIN_SLIPS
               or known.startswith(domain) for known in domains
               if not domain.endswith("." + known))


_AT_LOOKALIKES = r"(?:\s*(?:[&€©®¢%8]|\(©|\(@)\s*|\s+)"  # "@" as OCR misreads or drops it


def at_restored(text: str, domains: frozenset[str], also: str = "") -> str | None:
    """An OCR'd address whose "@" came out as "&", "€", "©", "8" or a gap (or a letter of
    `also`), put back when a common domain follows it ("halilyildiz& yahoo.com" ->
    "halilyildiz@yahoo.com"); else None."""
    if "@" in text:
        return None
    lookalikes = _AT_LOOKALIKES + (f"|[{re.escape(also)}]" if also else "")
    for domain in sorted(domains, key=len, reverse=True):
        pattern = rf"^([A-Za-z0-9][A-Za-z0-9._%+-]*)(?:{lookalikes})({re.escape(domain)})$"
        match = re.match(pattern, text.strip(), flags=re.IGNORECASE)
        if match:
            return f"{match[1]}@{match[2]}"
    return None


def read_region(field: str, region: Region, parse: Callable[[str], Any] | None = None,
                lenient: bool = False) -> FieldReading:
    """Parse the words of one region for `field`, keeping OCR words only when confident
    (`lenient`: a little less confident, for a value that must then read alike twice)."""
    if not region.words or (field in DIGIT_FIELDS and _sentence_words(region.words)):
        return FieldReading(Status.EMPTY)
    parse = parse or PARSERS[field]
    ocr = any(w.conf is not None for w in region.words)
    text = region.text
    if ocr and field == "email":
        text = at_restored(text, default_rules().email_domains) or text
    try:
        value = parse(text)
    except Invalid:
        if not ocr:
            return FieldReading(Status.INVALID)
        if field == "tckn" and _confident_invalid_tckn(region):
            return FieldReading(Status.INVALID)
        return FieldReading(Status.UNREADABLE)
    if ocr and field == "email" and misread_domain(value, default_rules().email_domains):
        return FieldReading(Status.UNREADABLE)
    if ocr and field in CASED and not consistent_case(value):
        value = _dotted_capitals(value)  # "ilknur Özdemir": İ read as a small i
        if not consistent_case(value):
            return FieldReading(Status.UNREADABLE)  # "Has tanesi", "il": letters split or lost
    if ocr and field in CASED and (_unbalanced(value) or number_lost(value)):
        return FieldReading(Status.UNREADABLE)
    if ocr and field == "full_name" and _voiceless(value):
        return FieldReading(Status.UNREADABLE)
    if ocr and not _confident(field, region, lenient):
        return FieldReading(Status.UNREADABLE, value)  # a candidate, for a second reading
    return FieldReading(Status.READ, value)


_VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")


def _voiceless(value: str) -> bool:
    """A word of a name without a vowel ("MPHMT" of MEHMET): letters lost, not a name."""
    return any(len(letters) >= 2 and not _VOWELS & set(letters)
               for letters in ("".join(ch for ch in word if ch.isalpha())
                               for word in value.split()))


def _unbalanced(value: str) -> bool:
    """A bracket without its pair: the rest of an aside ("Yetkilisine)" of "(Kurum
    Yetkilisine)", its opening lost), not a value."""
    return value.count("(") != value.count(")")


def _dotted_capitals(value: str) -> str:
    """Words of small letters that start with an i given a capital İ (its dot makes OCR
    read a capital İ as a small i)."""
    return " ".join("İ" + word[1:] if word[:1] == "i" and word.isalpha() and word.islower()
                    and word not in LOWER_WORDS else word for word in value.split())


def read_text(field: str, text: str) -> FieldReading:
    """Parse a value typed into an AcroForm field (no OCR involved)."""
    if not text.strip():
        return FieldReading(Status.EMPTY)
    try:
        return FieldReading(Status.READ, PARSERS[field](text))
    except Invalid:
        return FieldReading(Status.INVALID)


def best(readings: list[FieldReading]) -> FieldReading:
    """The first READ value; else INVALID over UNREADABLE over EMPTY."""
    order = (Status.READ, Status.INVALID, Status.UNREADABLE, Status.EMPTY)
    for status in order:
        for reading in readings:
            if reading.status is status:
                return reading
    return FieldReading(Status.EMPTY)
