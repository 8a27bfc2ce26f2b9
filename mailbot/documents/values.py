"""Typed values from receipt text: amounts, dates, IBANs (with OCR repair), TCKNs, references."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from stdnum import iban as std_iban
from stdnum.tr import tckimlik

from mailbot.documents.form_layout import edit_distance
from mailbot.documents.spelling import names_toml
from mailbot.text import ascii_fold, collapse_spaces, fold_key, lower_tr

_AMOUNT = re.compile(
    r"(?<![\d.,/])(\d{1,3}(?:[.,']\d{3})+|\d+)(?:\s?([.,])\s?(\d{1,2}))?(?![\d/]|[.,]\d)"
)
# the second separator may be lost to a space on a scan ("31.08 2025")
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s?[./\-]\s?(\d{1,2})(?:\s?[./\-]\s?|\s)(\d{4})(?!\d)")
_GLUED_TIME = re.compile(r"([./\-]\d{4}|[^\W\d_]\.?\s?\d{4})(\d{1,2}:\d{2})")
_SLASHES_AS_ONES = re.compile(r"(?<!\d)([0-3]\d)1([01]\d)1(20\d\d)(?!\d)")
_FIRST_DOT_LOST = re.compile(r"(?<![\d.])([0-3]\d)([01]\d)[./-](20\d\d)(?!\d)")
_DOTS_LOST = re.compile(r"(?<![\d.])([0-3]\d)([01]\d)(20\d\d)(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = {
    "ocak": 1, "subat": 2, "mart": 3, "nisan": 4, "mayis": 5, "haziran": 6, "temmuz": 7,
    "agustos": 8, "eylul": 9, "ekim": 10, "kasim": 11, "aralik": 12,
}
_DAY_LOOKALIKES = str.maketrans("gbszlq", "655219")  # a day's figure read as a capital
_LETTER_DAY = re.compile(rf"(?<![a-z0-9])([gbszlq])\s?({'|'.join(_MONTHS)})\s*(\d{{4}})(?!\d)")
_WORD_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*([a-z]{3,8})\.?\s*(\d{4})(?!\d)")
_TCKN = re.compile(r"(?<!\d)([1-9]\d{10})(?!\d)")
_LOOKALIKE_DIGITS = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0", "I": "1", "l": "1", "i": "1", "|": "1",
    "L": "1", "!": "1", "Z": "2", "z": "2", "A": "4", "S": "5", "s": "5", "G": "6", "b": "6",
    "T": "7", "B": "8", "g": "9", "q": "9", "İ": "1", "ı": "1", "©": "0", "®": "0",
})
_IBAN_START = re.compile(r"[TŢ7][RKP]\s?[0-9OoDQIlSBZAG]{2}", re.IGNORECASE)


def parse_amount(text: str) -> Decimal | None:
    """The first money amount in `text` as a positive Decimal with two places."""
    return _amount(text, cents_needed=False)


def parse_printed_amount(text: str) -> Decimal | None:
    """The first amount printed with its kuruş ("218,30", "900,00 TL"); else figures beside
    the currency that lost their comma on an OCR'd receipt ("21830TRY": 218.30)."""
    return _amount(text, cents_needed=True) or _comma_lost(text)


_LOST_COMMA = re.compile(r"(?<![\d.,])(\d{3,7})\s*(?:TL|TRY)\b|(?:TRY|₺)\s*(\d{3,7})(?![\d.,])")


def _comma_lost(text: str) -> Decimal | None:
    """Figures beside the currency whose comma OCR lost ("21830TL", "TRY 90000"): a receipt
    prints every amount with its kuruş, so the last two digits are those."""
    match = _LOST_COMMA.search(text)
    if match is None:
        return None
    digits = match[1] or match[2]
    return Decimal(f"{int(digits[:-2])}.{digits[-2:]}")


def _amount(text: str, cents_needed: bool) -> Decimal | None:
    best: Decimal | None = None
    for match in _AMOUNT.finditer(text.replace("−", "-")):
        whole, _sep, cents = match.groups()
        digits = re.sub(r"\D", "", whole)
        if not digits or len(digits) > 9 or (digits[0] == "0" and len(digits) > 1):
            continue  # "1 080.00": its thousands dot read as a space, 080 is no amount
        try:
            value = Decimal(f"{int(digits)}.{(cents or '0').ljust(2, '0')}")
        except InvalidOperation:
            continue
        if cents is not None:
            return value.quantize(Decimal("0.01"))
        if best is None and not cents_needed:
            best = value.quantize(Decimal("0.01"))
    return best


def parse_date(text: str) -> date | None:
    """The first date in `text`: dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd or `14 Mart 2024`; in a
    date's own value, else one whose separators a scan mangled (see `_mangled_dates`)."""
    candidates = _dates(text) or _mangled_dates(text)
    return min(candidates)[1] if candidates else None


def all_dates(text: str) -> set[date]:
    """Every date in `text` (as `parse_date` reads them)."""
    return {found for _, found in _dates(text)}


def _dates(text: str) -> list[tuple[int, date]]:
    candidates: list[tuple[int, date]] = []
    text = _GLUED_TIME.sub(r"\1 \2", text)  # "07.06.202223:14", "23 Ocak 202111:35" (OCR)
    for match in _NUMERIC_DATE.finditer(text):
        _append_date(candidates, match.start(), match[3], match[2], match[1])
    for match in _ISO_DATE.finditer(text):
        _append_date(candidates, match.start(), match[1], match[2], match[3])
    folded = ascii_fold(lower_tr(text))
    for match in _WORD_DATE.finditer(folded):
        day, name = match[1], match[2]
        if len(day) == 1 and name[:1] == "o" and _month_number(name) is None:
            day, name = day + "0", name[1:]  # "3OARALIK 2023": the day's 0 read as an O
        elif _month_number(name) is None and name[1:] in _MONTHS:
            name = name[1:]  # "7TTEMMUZ 2021": a letter read twice, or a speck before it
        month = _month_number(name)
        if month:
            _append_date(candidates, match.start(), match[3], str(month), day)
    return candidates


def _mangled_dates(text: str) -> list[tuple[int, date]]:
    """Dates a scan mangled the separators of: "1410812022" (the slashes of 14/08/2022
    read as ones), "2702.2023" (the first dot lost), "31122023" (both lost); only in a date
    label's value, where no other number stands (a reference could look like one)."""
    candidates: list[tuple[int, date]] = []
    for pattern in (_SLASHES_AS_ONES, _FIRST_DOT_LOST, _DOTS_LOST):
        for match in pattern.finditer(text):
            _append_date(candidates, match.start(), match[3], match[2], match[1])
    for match in _LETTER_DAY.finditer(ascii_fold(lower_tr(text))):  # "GEYLUL 2021": 6 Eylül
        day = match[1].translate(_DAY_LOOKALIKES)
        _append_date(candidates, match.start(), match[3], str(_MONTHS[match[2]]), day)
    return candidates


def _append_date(found: list[tuple[int, date]], at: int, year: str, month: str, day: str) -> None:
    """Add a date when it exists and is plausible for a receipt."""
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return
    if 2000 <= value.year <= 2100:
        found.append((at, value))


def _month_number(word: str) -> int | None:
    """Turkish month number from a folded full or three-letter name."""
    if word in _MONTHS:
        return _MONTHS[word]
    matches = [n for name, n in _MONTHS.items() if name.startswith(word[:3])]
    return matches[0] if len(word) >= 3 and len(matches) == 1 else None


def valid_iban(candidate: str) -> bool:
    """True for a checksum-valid IBAN (no spaces)."""
    return std_iban.is_valid(candidate)


def find_ibans(text: str) -> list[str]:
    """Every checksum-valid TR IBAN in `text` (spaced, wrapped or OCR-slipped), in order."""
    found: list[str] = []
    for match in _IBAN_START.finditer(text):
        iban = _read_iban_at(text[match.start():])
        if iban and iban not in found:
            found.append(iban)
    return found


KNOWN_IBAN_SLIPS = 2  # digits a misread known account may be off


@lru_cache(maxsize=1)
def known_payee_ibans() -> tuple[str, ...]:
    """The published payee accounts of rules/names/payees.toml."""
    raw = names_toml("payees.toml")
    return tuple(iban for iban in raw.get("ibans", ()) if valid_iban(iban))


def recipient_iban(text: str, scanned: bool = False) -> str | None:
    """The first valid IBAN in the text; on a scan, else a known payee's read a digit or two
    off (a text layer's IBAN is as printed: one failing its checksum stays unread)."""
    found = first_iban(text)
    if found or not scanned:
        return found
    return near_known_iban(text, known_payee_ibans())


def first_iban(text: str) -> str | None:
    """The first valid IBAN in the text."""
    found = find_ibans(text)
    return found[0] if found else None


def near_known_iban(text: str, known: Iterable[str]) -> str | None:
    """The one known IBAN a TR IBAN read in `text` (failing its checksum) is a digit or two
    off: a directorate's published account with a digit misread ("6946" for "6940")."""
    for match in _IBAN_START.finditer(text):
        raw = _iban_digits(text[match.start() + 2:])
        near = {iban for iban in known for size in (23, 24, 25)
                if edit_distance(raw[:size], iban[2:], KNOWN_IBAN_SLIPS) <= KNOWN_IBAN_SLIPS}
        if len(near) == 1:
            return near.pop()
    return None


def _iban_digits(text: str) -> str:
    """Up to 25 digits (look-alikes read as digits) after an IBAN's TR, spaces skipped."""
    chars = []
    for ch in text.translate(_LOOKALIKE_DIGITS):
        if ch.isspace() or ch in "-.":
            continue
        if not ch.isdigit() or len(chars) == 25:
            break
        chars.append(ch)
    return "".join(chars)


def starts_iban(text: str) -> bool:
    """True when `text` holds the start of a TR IBAN ("TR64 0001 …", maybe cut short)."""
    return _IBAN_START.search(text) is not None


def _read_iban_at(text: str) -> str | None:
    """Read 26 IBAN characters from the start of `text`, skipping spaces and separators."""
    chars: list[str] = []
    for ch in text[2:]:
        if ch.isspace() or ch in "-.":
            continue
        if not ch.isalnum() and ch != "|":
            break
        chars.append(ch)
        if len(chars) == 24:
            break
    if len(chars) != 24:
        return None
    raw = "".join(chars)
    if raw.isdigit():
        candidate = "TR" + raw
        return candidate if valid_iban(candidate) else None
    masked = sum(1 for ch in raw if ch in "*Xx")
    if masked:
        return None
    repaired = "TR" + raw.translate(_LOOKALIKE_DIGITS)
    return repaired if repaired[2:].isdigit() and valid_iban(repaired) else None


def find_tckn(text: str) -> str | None:
    """The first checksum-valid TCKN in `text` (11 contiguous digits)."""
    for match in _TCKN.finditer(text):
        if tckimlik.is_valid(match[1]):
            return match[1]
    return None


_SPLIT_NUMBER = re.compile(r"(?<!\d)(\d+) (\d+)(?!\d)")


def tckn_gap_closed(text: str) -> str:
    """OCR'd text with a space it read inside a TCKN taken out: two runs of digits that
    together make 11 and a valid TCKN ("95 126207518")."""
    def joined(match: re.Match[str]) -> str:
        number = match[1] + match[2]
        return number if tckimlik.is_valid(number) else match[0]  # 11 digits, no leading 0

    return _SPLIT_NUMBER.sub(joined, text)


_ELEVEN_ALONE = re.compile(r"(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])")


def broken_tckns(text: str) -> list[str]:
    """Eleven figures standing alone in `text` that fail the TCKN checksum (a number typed
    wrong, or a digit OCR misread)."""
    return [n for n in _ELEVEN_ALONE.findall(text) if not tckimlik.is_valid(n)]


def all_tckns(text: str) -> list[str]:
    """Every distinct checksum-valid TCKN in `text`."""
    seen: list[str] = []
    for match in _TCKN.finditer(text):
        if tckimlik.is_valid(match[1]) and match[1] not in seen:
            seen.append(match[1])
    return seen


_REFERENCE = re.compile(r"[A-Z0-9][A-Z0-9\-/]{3,39}", re.IGNORECASE)


def parse_reference(text: str) -> str | None:
    """A transaction reference: the first token of 4+ characters holding at least 3 digits."""
    for match in _REFERENCE.finditer(text):
        token = match[0].strip("-/")
        if sum(ch.isdigit() for ch in token) >= 3 and len(token) >= 4:
            return token
    return None


_HEX_LOOKALIKES = str.maketrans("OQSGIZ", "005612")  # letters OCR reads for hex digits
_HEX_READ = re.compile(r"^[0-9A-FOQSGIZ]{12,}$")
_HEX_MISREAD_MAX = 4


def hex_reference(token: str | None) -> str | None:
    """A hexadecimal reference with digits OCR read as letters ("E9CO9329BCA900C9",
    "DOE206BSFOSC4373") written with the digits: a long token of hex digits, letters and
    digits both, in which O, Q, S, G, I and Z are the only non-hex letters (at most four)."""
    if not token or not _HEX_READ.match(token):
        return token
    misread = sum(ch in "OQSGIZ" for ch in token)
    if (not 0 < misread <= _HEX_MISREAD_MAX or not any(ch in "ABCDEF" for ch in token)
            or not any(ch.isdigit() for ch in token)):
        return token
    return token.translate(_HEX_LOOKALIKES)


_PREFIXED_READ = re.compile(r"^(?P<prefix>[A-Z]{1,3}?)(?P<number>[0-9OQ]{6,})$")


def prefixed_reference(token: str | None) -> str | None:
    """A reference of a letter prefix and a number ("HB0722059359") with a 0 of its number
    read as O or Q ("HBO722059359") written with the 0 (one or two of them)."""
    match = _PREFIXED_READ.match(token or "")
    if not match or not 0 < sum(ch in "OQ" for ch in match["number"]) <= 2:
        return token
    return match["prefix"] + match["number"].replace("O", "0").replace("Q", "0")


_NAME_JUNK = re.compile(r"^[\s:;.\-–|]+|[\s:;,\-–|]+$")


# words of a receipt's field labels that no person's or institution's name holds
_FIELD_WORDS = frozenset({"iban", "tutar", "tutari", "referans", "aciklama", "aciklamasi"})


def parse_name(text: str) -> str | None:
    """A person's or institution's name as printed, or None when `text` is not name-like."""
    name = collapse_spaces(_NAME_JUNK.sub("", text))
    letters = sum(ch.isalpha() for ch in name)
    digits = sum(ch.isdigit() for ch in name)
    if letters < 3 or digits > 2 or ("*" in name and letters < 4):
        return None
    if any(word.strip(".:") in _FIELD_WORDS for word in fold_key(name).split()):
        return None  # a neighbouring column's label OCR slipped on ("Ahes İBAN No")
    return name
