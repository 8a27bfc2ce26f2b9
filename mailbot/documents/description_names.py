"""A scanned receipt's description with the payer's name words OCR misread put right.

Descriptions mostly carry the payer's own name ("Ömer Yıldız e-imza ücreti"). A word of the
description is given the payer's spelling only where it sits next to a word that is the
payer's exactly (so this stretch is the payer's name), is a slip or two off one payer word no
other word already took ("Örner", "D1LEK", "K0OÇ"), and is no common name itself (a payer
may pay for a relative: "Ayşe Kaya" stays though the payer is Ahmet Kaya) unless it differs
from the payer's word only by OCR look-alikes ("llgaz" beside AĞAOĞLU, the payer Ilgaz).
"""

from __future__ import annotations

import re

from mailbot.documents.form_layout import edit_distance
from mailbot.documents.spelling import cased_like, lexicon_path, load_lexicon, word_key
from mailbot.text import fold_key, lower_tr, upper_tr

_PIECES = re.compile(r"([\s\-_/.,:;]+)")
_DIGIT_LOOKALIKES = str.maketrans("0", "o")  # word_key makes 1 an i


def payer_respelled(text: str | None, payer: str | None) -> str | None:
    """The description with the payer's name words mended (see the module)."""
    if not text or not payer:
        return text
    parts = _PIECES.split(text)
    words = [i for i in range(0, len(parts), 2) if parts[i]]
    names = payer.split()
    exact = {i: n for i in words for n, name in enumerate(names)
             if fold_key(parts[i]) == fold_key(name)}
    taken = set(exact.values())
    for before, at, after in zip([None, *words[:-1]], words, [*words[1:], None], strict=True):
        if at in exact or not {before, after} & exact.keys() or parts[at + 1:at + 2] == ["."]:
            continue  # (a word glued to an abbreviation, "KURTT.C.", keeps its letters)
        found = _near_name(parts[at], [n for n in range(len(names)) if n not in taken], names)
        if found is not None:
            taken.add(found)
            parts[at] = _respelled(parts[at], names[found])
    return "".join(parts)


def _respelled(piece: str, name: str) -> str:
    """The payer's word in the piece's case; a piece that differs only by look-alikes takes
    the case of its letters after the first ('llgaz' -> Ilgaz, not ılgaz)."""
    if _key(piece) != _key(name):
        return cased_like(piece, upper_tr(name), False)
    return upper_tr(name) if piece[1:].isupper() else name[0] + lower_tr(name[1:])


def _key(token: str) -> str:
    return word_key(token).translate(_DIGIT_LOOKALIKES)


def _near_name(piece: str, free: list[int], names: list[str]) -> int | None:
    """The one free payer word the piece is a misreading of; none for a listed name."""
    key = _key(piece)
    if sum(ch.isalpha() for ch in piece) < 2:
        return None
    same = [n for n in free if _key(names[n]) == key]  # look-alikes only: 'llgaz' for Ilgaz
    if len(same) == 1:
        return same[0]
    if piece.isalpha() and key in _people():
        return None
    limit = 1 if len(key) <= 3 else 2
    near = [(edit_distance(key, _key(names[n]), limit), n) for n in free]
    near = sorted((d, n) for d, n in near if d <= limit)
    if not near or (len(near) > 1 and near[1][0] == near[0][0]):
        return None
    return near[0][1]


def _people() -> dict[str, str]:
    return load_lexicon(lexicon_path("people.toml"))

