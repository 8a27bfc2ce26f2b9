"""Handwritten names, titles and institutions vetted by word lists (rules/names/*.toml).

Tesseract drops Turkish marks on handwriting ("NURGUL ATES" for "NURGÜL ATEŞ") and agrees
with itself doing so, so a handwritten value of these fields is taken only when every word
of it is a listed word (compared as spelling.word_key folds it: ASCII, lower case, OCR
look-alikes of i as i); it is then written as the list spells it, in the case the value was
written in. Anything else stays unread.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from mailbot.documents.spelling import lexicon_path, load_lexicon, word_key
from mailbot.text import lower_tr, upper_tr

_EDGE_MARKS = ".,;:'\"`"
_LOWER_WORDS = {"ve"}  # joining words written in small letters inside a capitalised name
_FILES = {"full_name": "people.toml", "title": "titles.toml", "institution": "institutions.toml"}


def field_words(field: str) -> dict[str, str]:
    """Comparison key (spelling.word_key) -> the word listed for `field`, in capitals."""
    return load_lexicon(lexicon_path(_FILES[field]))


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    raw = tomllib.loads(lexicon_path("institutions.toml").read_text(encoding="utf-8"))
    return frozenset(raw.get("acronyms", ()))


def _in_case(word: str, capitals: bool) -> str:
    """The listed word in capitals, or capitalised (joining words in small letters and
    acronyms in capitals)."""
    lowered = lower_tr(word)
    if capitals or word in _acronyms():
        return upper_tr(word)
    if lowered in _LOWER_WORDS:
        return lowered
    return upper_tr(lowered[:1]) + lowered[1:]


def spelled(field: str, value: str) -> str | None:
    """`value` written with the listed spelling of each word, or None when a word is not
    listed (or listed in two spellings); numbers stand for themselves in institutions."""
    if field not in _FILES:
        return value
    words = field_words(field)
    tokens = [t.strip(_EDGE_MARKS) for t in value.split()]
    lettered = [t for t in tokens if any(ch.isalpha() for ch in t)]
    if not lettered:
        return None
    capitals = sum(t.isupper() for t in lettered) * 2 > len(lettered)
    out = []
    for token in tokens:
        if field == "institution" and token.isdigit():
            out.append(token)
            continue
        word = words.get(word_key(token))
        if word is None:
            return None
        out.append(_in_case(word, capitals))
    return " ".join(out)
