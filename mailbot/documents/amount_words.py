"""The amount a receipt writes out in Turkish words ("YALNIZ BİNSEKSEN TL SIFIR KR.").

Banks print it under the amount; on a scan it survives what breaks the figures (a lost
comma, a speck read as a digit, the lira sign read as a 4). The words are parsed by a strict
grammar (hundreds, tens, ones in that order; no "bir" before "yüz" or "bin"), so a misread
word gives no amount rather than another one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from mailbot.text import fold_key

_ONES = {"bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7, "sekiz": 8,
         "dokuz": 9}
_TENS = {"on": 10, "yirmi": 20, "otuz": 30, "kirk": 40, "elli": 50, "altmis": 60,
         "yetmis": 70, "seksen": 80, "doksan": 90}
_WORDS = sorted([*_ONES, *_TENS, "yuz", "bin", "milyon", "sifir"], key=len, reverse=True)
_LEAD = re.compile(r"yaln[iı]z\W*", re.IGNORECASE)
_LIRA = r"(?:tl|try|turk\s*lirasi|lira)"
_KURUS = r"(?:kr|krs|kurus)"
_PHRASE = re.compile(rf"^([a-z\s]+?)\s*{_LIRA}\b\s*(.*)$")
_KURUS_WORDS = re.compile(rf"^([a-z\s]+?)\s*{_KURUS}\b")


def in_words(text: str) -> Decimal | None:
    """The amount after "Yalnız" in `text`, or None when there is none or it does not parse."""
    lead = _LEAD.search(text)
    if not lead:
        return None
    rest = fold_key(text[lead.end():].split("\n")[0])
    match = _PHRASE.match(re.sub(r"[^a-z\s]", " ", rest).strip())
    if not match:
        return None
    lira, kurus = _number(match[1]), _kurus(match[2])
    if lira is None or kurus is None or kurus > 99:
        return None
    return (Decimal(lira) + Decimal(kurus) / 100).quantize(Decimal("0.01"))


def _kurus(rest: str) -> int | None:
    """The kuruş written after the lira: number words before "KR", or alone to the line's
    end ("YÜZKIRKYEDİ TL ELLİ", its KR cut off); none written is 0; number words run into
    anything else are unsure (None)."""
    words = _KURUS_WORDS.match(rest)
    if words:
        return _number(words[1])
    if not rest.strip():
        return 0
    alone = _number(rest)
    if alone is not None:
        return alone
    first = rest.split()[0]
    return None if any(first.startswith(word) for word in _WORDS) else 0


def _tokens(words: str) -> list[str] | None:
    """Number words of a run written with or without spaces, or None for anything else."""
    out: list[str] = []
    text = words.replace(" ", "")
    while text:
        word = next((w for w in _WORDS if text.startswith(w)), None)
        if word is None:
            return None
        out.append(word)
        text = text[len(word):]
    return out


def _number(words: str) -> int | None:
    tokens = _tokens(words)
    if not tokens:
        return None
    if tokens == ["sifir"]:
        return 0
    total = 0
    for scale, name in ((1_000_000, "milyon"), (1000, "bin")):
        if name in tokens:
            at = tokens.index(name)
            group = _group(tokens[:at])
            if group is None or (name == "bin" and group == 1) or (name == "milyon"
                                                                   and group == 0):
                return None  # "bir bin" is not said (a lone "bin" is a thousand)
            total += (group or 1) * scale
            tokens = tokens[at + 1:]
    rest = _group(tokens)
    return None if rest is None else total + rest


def _group(tokens: list[str]) -> int | None:
    """0..999 from [ones] yüz, tens, ones in that order; None when out of order."""
    value, at = 0, 0
    if "yuz" in tokens:
        at = tokens.index("yuz") + 1
        head = tokens[:at - 1]
        if len(head) > 1 or (head and (head[0] not in _ONES or head[0] == "bir")):
            return None
        value = (_ONES[head[0]] if head else 1) * 100
    rest = tokens[at:]
    if rest and rest[0] in _TENS:
        value += _TENS[rest.pop(0)]
    if rest and rest[0] in _ONES:
        value += _ONES[rest.pop(0)]
    return None if rest else value
