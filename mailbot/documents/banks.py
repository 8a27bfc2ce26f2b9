"""Which bank issued a receipt: profile keywords in header and body, never the recipient's bank."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from mailbot.documents.layout import Line
from mailbot.documents.profiles import BankProfile

_HEADER_SHARE = 0.25  # the top quarter of page 1 (logo, bank title) weighs more
_WEIGHTS = {"header": 3.0, "body": 1.0, "later": 0.3}
_FUZZY_HEADER_LINES = 4  # the logo or bank title is in the first lines
_FUZZY_RATIO = 0.8
_OTHER_BANK = re.compile(r"(alici|alacakli|lehdar|karsi|gonderilen|hedef)\W*(banka|sube)")


@lru_cache(maxsize=256)
def _pattern(keyword: str) -> re.Pattern[str]:
    """A whole-word pattern for a folded keyword."""
    return re.compile(r"(?<![a-z0-9])" + re.escape(keyword) + r"(?![a-z0-9])")


def detect_bank(lines: list[Line], banks: tuple[BankProfile, ...]) -> BankProfile | None:
    """The profile whose keywords weigh most; None when no keyword is found or banks tie."""
    scores: dict[str, float] = {}
    first_page_height = max((ln.bottom for ln in lines if ln.page == 1), default=0.0)
    for line in lines:
        for cell in line.cells:
            if _OTHER_BANK.search(cell.key):
                break  # the recipient's bank, and whatever follows it on the line
            weight = _weight(line, first_page_height)
            for bank in banks:
                if _mentions(cell.key, bank):
                    scores[bank.id] = scores.get(bank.id, 0.0) + weight
    if not scores:
        return _fuzzy_header_bank(lines, banks)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return next(b for b in banks if b.id == ranked[0][0])


def _weight(line: Line, first_page_height: float) -> float:
    """Header lines of page 1 count most, later pages (terms) least."""
    if line.page > 1:
        return _WEIGHTS["later"]
    if line.top <= first_page_height * _HEADER_SHARE:
        return _WEIGHTS["header"]
    return _WEIGHTS["body"]


def _mentions(key: str, bank: BankProfile) -> bool:
    """True when the folded cell text names the bank (and none of its exclusions)."""
    if any(_pattern(word).search(key) for word in bank.exclude_keywords):
        return False
    return any(_pattern(word).search(key) for word in bank.keywords)


def _fuzzy_header_bank(lines: list[Line], banks: tuple[BankProfile, ...]) -> BankProfile | None:
    """On an OCR'd page with no keyword: the one bank whose one-word keyword (six letters or
    more) a word of the top lines reads as, one or two letters off ("Gatantı BBVA")."""
    found: set[str] = set()
    for line in lines[:_FUZZY_HEADER_LINES]:
        words = [w for cell in line.cells if any(x.conf is not None for x in cell.words)
                 for w in cell.key.split()]
        for word in words:
            letters = "".join(ch for ch in word if ch.isalpha())
            for bank in banks:
                if any(_close(letters, keyword) for keyword in bank.keywords
                       if keyword.isalpha() and len(keyword) >= 6):
                    found.add(bank.id)
    if len(found) != 1:
        return None
    return next(b for b in banks if b.id in found)


def _close(word: str, keyword: str) -> bool:
    """True when `word` is `keyword` with an OCR slip or two."""
    return abs(len(word) - len(keyword)) <= 1 and SequenceMatcher(
        None, word, keyword).ratio() >= _FUZZY_RATIO


SIGNALS_NEEDED = 2  # of a bank's own label phrases, for a receipt that names no bank


def signalled_bank(lines: list[Line], banks: tuple[BankProfile, ...]) -> BankProfile | None:
    """The one bank most of whose own label phrases (profile `signals`, from DOMAIN.md:
    Garanti greets "SAYIN <name>" and dates "DÜZENLENME TARİHİ") start cells of the receipt,
    at least two of them; for a receipt whose logo OCR could not read."""
    keys = [cell.key for line in lines for cell in line.cells]
    counts = {bank.id: sum(any(key.startswith(s) for key in keys) for s in bank.signals)
              for bank in banks}
    best = max(counts.values(), default=0)
    winners = [bank for bank in banks if counts[bank.id] == best]
    return winners[0] if best >= SIGNALS_NEEDED and len(winners) == 1 else None
