"""Give generic "Ad Soyad" / "IBAN" labels a party: the payer or recipient block they sit in."""

from __future__ import annotations

from mailbot.documents.grid import Grid
from mailbot.documents.labels import Hit

_PARTY_RANK = 1000  # a party-resolved label ranks after every explicit label
_ROLES = {
    "payer_section": "payer", "payer_name": "payer", "payer_iban": "payer",
    "recipient_section": "recipient", "recipient_name": "recipient",
    "recipient_iban": "recipient",
}
_TARGET = {"party_name": "name", "party_iban": "iban"}


def assign_parties(hits: list[Hit], grid: Grid) -> list[Hit]:
    """Hits re-labelled payer_*/recipient_* for every generic party label with a block above."""
    markers = [hit for hit in hits if hit.field in _ROLES]
    resolved: list[Hit] = []
    for hit in hits:
        if hit.field not in _TARGET:
            continue
        marker = _nearest_marker(hit, markers)
        if marker is None:
            continue
        field = f"{_ROLES[marker.field]}_{_TARGET[hit.field]}"
        resolved.append(Hit(field, _PARTY_RANK + hit.rank, hit.cell, hit.words, hit.exact))
    return resolved


def _nearest_marker(hit: Hit, markers: list[Hit]) -> Hit | None:
    """The closest payer/recipient marker above the hit in its column, or left on its line."""
    best: Hit | None = None
    for marker in markers:
        cell, mine = marker.cell, hit.cell
        if cell.page != mine.page or cell is mine:
            continue
        above = cell.line < mine.line and cell.overlaps_x(mine, slack=4.0)
        left = cell.line == mine.line and cell.x1 <= mine.x0
        if not (above or left):
            continue
        if best is None or (cell.line, cell.x0) > (best.cell.line, best.cell.x0):
            best = marker
    return best
