"""A handwritten e-mail address taken by its shape: listed name words at a common domain.

OCR reads a written address nearly right far more often than exactly ("gunes.dilek@outlook.con",
"GONULSARIGUL@SAGLK.GOV.TR"). Most addresses are made of the owner's names, so a reading is
mended only when its local part cuts into given names and surnames of rules/names/people.toml
(near readings as form_lexicon allows, a few slips in all, an initial before a surname, the
separators and a trailing number as read) and its domain is within a slip or two of exactly
one common domain (rules/forms email_domains). One reading is not enough: the readings of the
same line must give the same address at least twice, and more than twice as often as any
others (the password goes to this address; a wrong one is worse than none).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from mailbot.documents.form_layout import edit_distance
from mailbot.documents.form_lexicon import listed_cut
from mailbot.text import fold_key

AT_LOOKALIKES = "@&€©®8"  # and, for PP-OCR, a small e, a or o (`also`)
LOCAL_SLIPS = 2  # letters the whole local part may be off the listed names
AGREEING = 2  # readings that must give the same address
_EDGES = " :;,.'\"`"
_SEPARATORS = re.compile(r"([._-])")
_NUMBER = re.compile(r"^(?P<letters>.*[a-z])(?P<number>[0-9][0-9oslizb]*)$")
_DIGIT_LOOKALIKES = str.maketrans("oslizb", "051128")


def agreed_address(readings: Sequence[str], domains: frozenset[str],
                   also: str = "") -> str | None:
    """The address the readings give (see the module), or None."""
    found = Counter(name_shaped(text, domains, also) for text in readings)
    found.pop(None, None)
    if not found:
        return None
    (address, count), others = found.most_common(1)[0], sum(found.values())
    return address if count >= AGREEING and count > 2 * (others - count) else None


def name_shaped(text: str, domains: frozenset[str], also: str = "") -> str | None:
    """One reading mended into a name-shaped address at a common domain, or None (also
    when it could be cut into two such addresses)."""
    text = fold_key(text).strip(_EDGES)
    found = {f"{mended}@{domain}" for local, domain in _splits(text, domains, AT_LOOKALIKES + also)
             if (mended := _name_local(local)) is not None}
    return found.pop() if len(found) == 1 else None


def _splits(text: str, domains: frozenset[str], at_signs: str) -> Iterator[tuple[str, str]]:
    """(local part, common domain) at the "@", else at each look-alike of it."""
    if "@" in text:
        local, _, rest = text.rpartition("@")
        domain = nearest_domain(rest, domains)
        if domain is not None:
            yield local, domain
        return
    for i, ch in enumerate(text):
        if i and ch in at_signs:
            domain = nearest_domain(text[i + 1:], domains)
            if domain is not None:
                yield text[:i], domain


def nearest_domain(text: str, domains: frozenset[str]) -> str | None:
    """The one common domain `text` is, or is a slip or two off (one for short domains)."""
    text = re.sub(r"\s+", ".", re.sub(r"\s*\.\s*", ".", text.strip(_EDGES)))
    if text in domains:
        return text
    near = sorted((edit_distance(text, domain, 2), domain) for domain in domains)
    near = [(d, domain) for d, domain in near if d <= (1 if len(domain) < 9 else 2)]
    if not near or (len(near) > 1 and near[1][0] == near[0][0]):
        return None
    return near[0][1]


def _name_local(local: str) -> str | None:
    """The local part with its words spelled as the listed names, or None."""
    local = re.sub(r"\s*([._,-])\s*", r"\1", local.strip(_EDGES)).replace(",", ".")
    local = _gaps_closed(local)  # (no address holds a comma: it is a full stop)
    if local is None:
        return None
    match = _NUMBER.match(local)
    letters, number = (match["letters"], match["number"]) if match else (local, "")
    parts = _SEPARATORS.split(letters)
    words, separators = parts[::2], parts[1::2]
    mended, slips, initials = [], 0, 0
    for word in words:
        cut = _cut(word)
        if cut is None:
            return None
        mended.append(cut[0])
        slips += cut[1]
        initials += cut[2]
    if slips > LOCAL_SLIPS or initials > 1 or all(len(word) == 1 for word in mended):
        return None
    joined = "".join(w + s for w, s in zip(mended, [*separators, ""], strict=True))
    return joined + number.translate(_DIGIT_LOOKALIKES)


def _gaps_closed(local: str) -> str | None:
    """The local part without the gaps OCR read inside a word ("rus tu.cetin"); None when
    a gap falls between two names ("oguz isik": "oguz.isik" or "oguzisik", unknown)."""
    chunks = local.split()
    for left, right in pairwise(chunks):
        last, first = _SEPARATORS.split(left)[-1], _SEPARATORS.split(right)[0]
        if _cut(last) is not None and _cut(first) is not None:
            return None
    return "".join(chunks)


def _cut(word: str) -> tuple[str, int, int] | None:
    """(the word as listed names, slips, initials): a listed name or names, a lone initial,
    or an initial before one listed name read exactly ("sozturk": "S. Öztürk" rather than
    "Öztürk" a slip off); None when two readings are as near."""
    if not word.isalpha():
        return None  # nothing between two separators, or a mark OCR left in a name
    if len(word) == 1:
        return word, 0, 1
    cut = listed_cut("full_name", word, spaced=False)
    rest = listed_cut("full_name", word[1:], spaced=False) if word[:1].isalpha() else None
    readings = []
    if cut is not None:
        readings.append(("".join(map(fold_key, cut[0])), cut[1], 0))
    if rest is not None and len(rest[0]) == 1 and rest[1] == 0:
        readings.append((word[0] + fold_key(rest[0][0]), 0, 1))
    readings.sort(key=lambda r: r[1])
    if not readings or (len(readings) > 1 and readings[1][1] == readings[0][1]):
        return None
    return readings[0]
