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
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import pairwise

from mailbot.documents.form_layout import edit_distance
from mailbot.documents.form_lexicon import listed_cut
from mailbot.documents.form_values import IN_WORD_DIGIT
from mailbot.text import fold_key

AT_LOOKALIKES = "@&€©®8"  # and, for PP-OCR, a small e, a or o (`also`)
LOCAL_SLIPS = 2  # letters the whole local part may be off the listed names
AGREEING = 2  # readings that must give the same address
OWNER_SLIPS = 2  # letters a local part may be off its owner's name (one below eight letters)
_EDGES = " :;,.'\"`"
_SEPARATORS = re.compile(r"([._-])")
_GAP = re.compile(r"(?<=[a-z]) (?=[a-z])")  # a space OCR read between two letters
_NUMBER = re.compile(r"^(?P<letters>.*[a-z])(?P<number>[0-9][0-9oslizb]*)$")
_DIGIT_LOOKALIKES = str.maketrans("oslizb", "051128")


def agreed_address(readings: Sequence[str], domains: frozenset[str],
                   also: str = "") -> str | None:
    """The address the readings give (see the module), or None; a reading with a gap
    between two names ("elif erdogan7@…", unknown alone) counts for the one address other
    readings give with a separator there ("elif.erdogan7@…"); none where a reading with
    its "@" read as written gives other letters (readings that read it as a letter cut the
    address elsewhere: "dilek.bayayandex.com" of dilek.kaya@yandex.com)."""
    shaped = [name_shaped(text, domains, also) for text in readings]
    written = {address for text, address in zip(readings, shaped, strict=True)
               if address is not None and "@" in text}
    shown = {a for a in shaped if a is not None and _SEPARATORS.search(a.partition("@")[0])}
    if len(shown) == 1:
        address = shown.pop()
        for at, text in enumerate(readings):
            if shaped[at] is None and any(
                    name_shaped(_GAP.sub(mark, fold_key(text), count=1), domains, also) == address
                    for mark in "._-"):
                shaped[at] = address
    agreed = _agreed(Counter(shaped))
    letters = {_SEPARATORS.sub("", address) for address in written}
    return None if agreed is None or letters - {_SEPARATORS.sub("", agreed)} else agreed


def owner_address(readings: Sequence[str], domains: frozenset[str], owner: str,
                  also: str = "") -> str | None:
    """The address the readings give when its local part is a slip or two off one way of
    writing the owner's name as read on the form ("ilgoz.yilmoz" of Ilgaz Yılmaz), or None."""
    locals_ = _owner_locals(owner)
    mend = partial(_owner_local, locals_=locals_, shown=_separator_shown(readings, locals_))
    return _agreed(Counter(_mended(text, domains, also, mend) for text in readings))


def _separator_shown(readings: Sequence[str], locals_: frozenset[str]) -> str | None:
    """The one way of writing the owner's name with a separator that the readings showing a
    separator before their "@" are a slip or two off ("mustafa.cakic@mai/"), as many
    separators as it has: the dot the readings that dropped it had ("mstafacakicogmil")."""
    shown = set()
    for text in readings:
        local = _tidied(fold_key(text).strip(_EDGES).partition("@")[0])
        if "@" not in fold_key(text) or not _SEPARATORS.search(local) or " " in local:
            continue
        limit = OWNER_SLIPS if len(local) >= 8 else 1
        near = sorted((edit_distance(local, other, limit + 1), other) for other in locals_
                      if _SEPARATORS.search(other))
        near = [(distance, other) for distance, other in near  # more are specks: "ozde.mir"
                if len(_SEPARATORS.findall(local)) == len(_SEPARATORS.findall(other))]
        if near and near[0][0] <= limit and (len(near) == 1 or near[1][0] > near[0][0]):
            shown.add(near[0][1])
    return shown.pop() if len(shown) == 1 else None


def _agreed(found: Counter) -> str | None:
    found.pop(None, None)
    if not found:
        return None
    (address, count), others = found.most_common(1)[0], sum(found.values())
    return address if count >= AGREEING and count > 2 * (others - count) else None


def _owner_locals(owner: str) -> frozenset[str]:
    """Local parts made of a name: given names (first, last or all) and surname in either
    order, or an initial and the surname, run together or joined by . _ or -."""
    words = [w for w in re.split(r"[^a-z]+", fold_key(owner)) if w]
    if len(words) < 2:
        return frozenset()
    given, surname = words[:-1], words[-1]
    found = set()
    for sep in ("", ".", "_", "-"):
        for first in {given[0], given[-1], sep.join(given), "".join(given)}:
            found |= {first + sep + surname, surname + sep + first, first[0] + sep + surname}
    return frozenset(found)


def _mended(text: str, domains: frozenset[str], also: str,
            mend: Callable[[str], str | None]) -> str | None:
    """One reading as the one address its local part mends into (`mend`) at a common
    domain, or None (also when it could be cut into two such addresses)."""
    text = fold_key(text).strip(_EDGES)
    found = {f"{mended}@{domain}" for local, domain in _splits(text, domains, AT_LOOKALIKES + also)
             if (mended := mend(local)) is not None}
    return found.pop() if len(found) == 1 else None


def _owner_local(local: str, locals_: frozenset[str], shown: str | None = None) -> str | None:
    """The one way of writing the owner's name the local part is nearest, a slip (two for
    eight letters or more) off, and its trailing number as read; None on a tie, and where
    OCR read a gap (a dot or nothing there: "geynep kac" of zeynep.koc, unknown). A reading
    without separators takes the one another reading `shown` (see _separator_shown)."""
    local = _tidied(local)
    if " " in local:
        return None
    match = _NUMBER.match(local)
    letters, number = (match["letters"], match["number"]) if match else (local, "")
    limit = OWNER_SLIPS if len(letters) >= 8 else 1
    near = sorted((edit_distance(letters, other, limit + 1), other) for other in locals_)
    if not near or near[0][0] > limit or (len(near) > 1 and near[1][0] == near[0][0]):
        return None
    if _runs_on(letters, near[0][1]):
        return None
    name = near[0][1]
    if shown is not None and _SEPARATORS.sub("", shown) == _SEPARATORS.sub("", name):
        name = shown  # the separator another reading of the line showed
    elif _separator_unknown(letters, near, limit):
        return None
    return name + number.translate(_DIGIT_LOOKALIKES)


def _separator_unknown(letters: str, near: list[tuple[int, str]], limit: int) -> bool:
    """Whether a reading without separators is as near, within its slips, a way of writing
    the name with one (PP-OCR drops an address's dots: "ozdemiriliknur" of ozdemir.ilknur)."""
    if _SEPARATORS.search(letters):
        return False
    bare = _SEPARATORS.sub("", near[0][1])
    return any(_SEPARATORS.sub("", other) == bare and other != near[0][1]
               for distance, other in near if distance <= limit)


_NUMBER_TAIL = "oslizbqg-_."  # a number's digits read as letters, or a separator before it


def _runs_on(letters: str, name: str) -> bool:
    """Whether the reading is the name followed by a number read as letters ("sila.tekinso"
    of sila.tekin50): its slips are a number, which is not known."""
    slips = edit_distance(letters, name, OWNER_SLIPS + 1)
    return any(set(letters[-cut:]) <= set(_NUMBER_TAIL)
               and edit_distance(letters[:-cut], name, OWNER_SLIPS + 1) < slips
               for cut in range(1, min(slips, len(letters) - 1) + 1))


def owner_slip(address: str, owner: str) -> bool:
    """Whether an address's local part is a slip or a few off a way of writing its owner's
    name but not one ("itozdemir.iiknur" of İlknur Özdemir): a misreading, not an address."""
    local = fold_key(address.rpartition("@")[0])
    match = _NUMBER.match(local)
    letters = match["letters"] if match else local
    locals_ = _owner_locals(owner)
    if not locals_ or letters in locals_:
        return False
    limit = OWNER_SLIPS + 1
    return any(edit_distance(letters, other, limit + 1) <= limit for other in locals_)


def name_shaped(text: str, domains: frozenset[str], also: str = "") -> str | None:
    """One reading mended into a name-shaped address at a common domain, or None (also
    when it could be cut into two such addresses)."""
    return _mended(text, domains, also, _name_local)


def _splits(text: str, domains: frozenset[str], at_signs: str) -> Iterator[tuple[str, str]]:
    """(local part, common domain) at the "@", else at each look-alike of it."""
    if "@" in text:  # at the first: PP-OCR also reads a domain's o as one ("yahoo.c@m")
        local, _, rest = text.partition("@")
        domain = nearest_domain(rest.replace("@", "o"), domains)
        if domain is not None:
            yield local, domain
        return
    for i, ch in enumerate(text):
        if i and ch in at_signs:
            domain = nearest_domain(text[i + 1:], domains)
            if domain is not None:
                yield text[:i], domain
    for domain in domains:  # the "@" lost outright before a common domain read exactly
        local = text[:-len(domain)]
        if text.endswith(domain) and local[-1:].isalnum() and local[-1] not in _AT_LETTERS:
            yield local, domain


_AT_LETTERS = AT_LOOKALIKES + "eao"  # a letter before a domain that may be its misread "@"


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
    local = _gaps_closed(_tidied(local))
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


def _tidied(local: str) -> str:
    """A local part without spaces around its separators; a comma, colon or semicolon is a
    full stop (no address holds one: "huseyin:bozkurt45"); a 1 or 0 between letters is the
    l or o it looks like ("i1knur")."""
    local = re.sub(r"\s*([._,;:-])\s*", r"\1", local.strip(_EDGES))
    local = re.sub(r"[,;:]", ".", local)
    return IN_WORD_DIGIT.sub(lambda m: m[0].translate(_LETTER_LOOKALIKES), local)


_LETTER_LOOKALIKES = str.maketrans("10", "lo")


def letter_read_as_digit(address: str) -> bool:
    """Whether an address's local part holds a 1 or 0 between letters: in handwriting, an l
    or o read as a digit ("kaya.i1knur")."""
    return IN_WORD_DIGIT.search(fold_key(address.rpartition("@")[0])) is not None


def _gaps_closed(local: str) -> str | None:
    """The local part without the gaps OCR read inside a word ("rus tu.cetin"); None when
    a gap falls between two names ("oguz isik": "oguz.isik" or "oguzisik", unknown)."""
    chunks = local.split()
    for left, right in pairwise(chunks):
        last, first = _SEPARATORS.split(left)[-1], _SEPARATORS.split(right)[0]
        if _cut(_unnumbered(last)) is not None and _cut(_unnumbered(first)) is not None:
            return None  # "elif erdogan7": its number is no part of the name
    return "".join(chunks)


def _unnumbered(word: str) -> str:
    match = _NUMBER.match(word)
    return match["letters"] if match else word


def _cut(word: str) -> tuple[str, int, int] | None:
    """(the word as listed names, slips, initials): a listed name or names, a lone initial,
    or an initial before one listed name read exactly ("sozturk": "S. Öztürk" rather than
    "Öztürk" a slip off) or nearer than the whole word is to any ("osacigul": O. Sarıgül a
    slip off, not Sarıgül two off); None when two readings are as near."""
    if not word.isalpha():
        return None  # nothing between two separators, or a mark OCR left in a name
    if len(word) == 1:
        return word, 0, 1
    cut = listed_cut("full_name", word, spaced=False)
    rest = listed_cut("full_name", word[1:], spaced=False) if word[:1].isalpha() else None
    readings = []
    if cut is not None:
        readings.append(("".join(map(fold_key, cut[0])), cut[1], 0))
    if rest is not None and len(rest[0]) == 1 and (
            rest[1] == 0 or (cut is not None and rest[1] < cut[1])):
        readings.append((word[0] + fold_key(rest[0][0]), rest[1], 1))
    readings.sort(key=lambda r: (r[1], r[2]))  # "demir": Demir, not D. Emir
    if not readings or (len(readings) > 1 and readings[1][1:] == readings[0][1:]):
        return None
    return readings[0]
