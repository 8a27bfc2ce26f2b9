"""Turkish-aware text normalisation: NFC, Turkish case folding, ASCII folding, masking."""

from __future__ import annotations

import re
import unicodedata

_TURKISH_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TURKISH_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_ASCII_FOLD = str.maketrans(
    {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u",
     "Ç": "C", "Ğ": "G", "İ": "I", "Ö": "O", "Ş": "S", "Ü": "U", "Â": "A", "Î": "I", "Û": "U"}
)
_SPACES = re.compile(r"\s+")
TURKISH_LETTERS = frozenset("ÇĞİÖŞÜçğıöşü")  # the letters ASCII lacks


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC form (composed Turkish letters)."""
    return unicodedata.normalize("NFC", text)


def lower_tr(text: str) -> str:
    """Lower-case with Turkish rules (I→ı, İ→i)."""
    return nfc(text).translate(_TURKISH_LOWER).lower()


def upper_tr(text: str) -> str:
    """Upper-case with Turkish rules (i→İ, ı→I)."""
    return nfc(text).translate(_TURKISH_UPPER).upper()


def ascii_fold(text: str) -> str:
    """Replace Turkish letters by their ASCII look-alikes (Ş→S, ı→i, İ→I)."""
    return nfc(text).translate(_ASCII_FOLD)


def collapse_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def fold_key(text: str) -> str:
    """A comparison key: Turkish lower-case, ASCII-folded, whitespace collapsed."""
    return collapse_spaces(ascii_fold(lower_tr(text)))


def mask_tckn(tckn: str) -> str:
    """Mask a TCKN for logs and digests: first three and last two digits (`123******50`)."""
    digits = re.sub(r"\D", "", tckn)
    if len(digits) != 11:
        return "***********"
    return f"{digits[:3]}******{digits[-2:]}"


_TCKN_IN_TEXT = re.compile(r"(?<!\d)([1-9]\d{10})(?!\d)")


def mask_tckns_in(text: str) -> str:
    """Mask every 11-digit run that could be a TCKN inside free text."""
    return _TCKN_IN_TEXT.sub(lambda m: mask_tckn(m.group(1)), text)
