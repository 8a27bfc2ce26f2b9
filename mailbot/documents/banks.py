"""Which bank issued a receipt: profile keywords in header and body, never the recipient's bank."""

from __future__ import annotations

import re
from functools import lru_cache

from mailbot.documents.layout import Line
from mailbot.documents.profiles import BankProfile

_HEADER_SHARE = 0.25  # the top quarter of page 1 (logo, bank title) weighs more
_WEIGHTS = {"header": 3.0, "body": 1.0, "later": 0.3}
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
        return None
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
