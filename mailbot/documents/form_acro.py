"""Map AcroForm fields to form fields: by semantic name, else by the printed label beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailbot.documents.form_choices import MARK_REACH, Anchor
from mailbot.documents.form_layout import Hit
from mailbot.documents.form_rules import FormRules, squash
from mailbot.documents.model import FormField

_TEXT_TARGETS = ("full_name", "tckn", "title", "institution", "email", "phone", "date",
                 "request", "card_reader", "signature")
_OFF = {"", "off", "/off", "false", "0", "no", "none"}


@dataclass(frozen=True)
class AcroValue:
    """A filled (or empty) AcroForm text field assigned to a form field."""

    what: str
    value: str
    name: str


def semantic_targets(name: str, rules: FormRules) -> set[str]:
    """Form fields and options whose AcroForm name keys occur in the field's name."""
    key = re.sub(r"\d+", "", squash(name))
    found = set()
    for what, keys in rules.acroform.items():
        if any(k == key or (len(k) >= 5 and k in key)
               or (len(k) >= 3 and (key.startswith(k) or key.endswith(k))) for k in keys):
            found.add(what)
    return found


def is_checked(field: FormField) -> bool:
    """A checkbox is ticked unless its value is Off (or empty): /On, /Yes, /Evet, /1 all tick."""
    if field.checked is not None:
        return field.checked
    return (field.value or "").strip().lower() not in _OFF


def _field_box(field: FormField) -> tuple[float, float, float, float]:
    return field.rect


def _label_left(hits: list[Hit], rect: tuple[float, float, float, float]) -> Hit | None:
    x0, top, x1, bottom = rect
    centre = (top + bottom) / 2
    reach = x0 + min(0.3 * (x1 - x0), 40)  # a label may run under the widget's left edge
    left = [h for h in hits if h.x0 < x0 - 2 and h.x1 <= reach
            and (h.top - 3 <= centre <= h.bottom + 3
                 or top - 2 <= (h.top + h.bottom) / 2 <= bottom + 2)]
    return max(left, key=lambda h: h.x1, default=None)


def _label_above(hits: list[Hit], rect: tuple[float, float, float, float]) -> Hit | None:
    x0, top, x1, _ = rect
    above = [h for h in hits if h.bottom <= top + 3 and top - h.bottom <= 3 * max(h.height, 6)
             and h.x0 < x1 and h.x1 > x0 - 10]
    return max(above, key=lambda h: h.bottom, default=None)


def label_for(field: FormField, hits: list[Hit]) -> str | None:
    """The printed label a text field belongs to: nearest on its left, else just above it."""
    labels = [h for h in hits if h.what in _TEXT_TARGETS]
    hit = _label_left(labels, _field_box(field)) or _label_above(labels, _field_box(field))
    return hit.what if hit else None


def text_values(fields: tuple[FormField, ...], hits_by_page: dict[int, list[Hit]],
                rules: FormRules) -> list[AcroValue]:
    """Every AcroForm text field that belongs to a form field, with its value ("" if empty)."""
    values = []
    for field in fields:
        if field.kind == "checkbox":
            continue
        targets = semantic_targets(field.name, rules) & set(_TEXT_TARGETS)
        what = targets.pop() if len(targets) == 1 else None
        what = what or label_for(field, hits_by_page.get(field.page, []))
        if what and what != "signature":
            values.append(AcroValue(what, (field.value or "").strip(), field.name))
    return values


def _anchor_by_position(field: FormField, anchors: list[Anchor]) -> Anchor | None:
    x0, top, x1, bottom = field.rect
    centre = (top + bottom) / 2
    best: tuple[float, Anchor] | None = None
    for anchor in anchors:
        hit = anchor.hit
        band = (hit.top - hit.height, hit.bottom + hit.height)
        if anchor.page != field.page or not band[0] <= centre <= band[1]:
            continue
        gap = hit.x0 - x1 if x1 <= hit.x0 + 2 else max(0.0, x0 - hit.x1)
        if gap <= MARK_REACH * max(hit.height, 4.0) and (best is None or gap < best[0]):
            best = (gap, anchor)
    return best[1] if best else None


def _combined_card_answer(field: FormField, targets: set[str], anchors: list[Anchor]) -> bool:
    """A checkbox named like `kart_okuyucu_evet`: answer the card-reader question directly."""
    if not ("card_reader" in targets and targets & {"yes", "no"}):
        return False
    anchor = _anchor_by_position(field, anchors)
    if anchor is not None and anchor.what in ("yes", "no"):
        anchor.set(is_checked(field), "acro")
        return True
    cards = [a for a in anchors if a.what == "card"]
    if cards and is_checked(field):
        cards[0].set("yes" in targets, "acro")
    elif cards and "yes" in targets:  # the "yes" box left empty
        cards[0].set(False, "acro")
    return bool(cards)


def apply_checkboxes(fields: tuple[FormField, ...], anchors: list[Anchor],
                     rules: FormRules) -> None:
    """Tick anchors from AcroForm checkboxes, matched by semantic name or by position."""
    for field in (f for f in fields if f.kind == "checkbox"):
        targets = semantic_targets(field.name, rules)
        if _combined_card_answer(field, targets, anchors):
            continue
        wanted = {"card" if t == "card_reader" else t for t in targets}
        named = [a for a in anchors if a.what in wanted and a.page == field.page]
        anchor = named[0] if len(named) == 1 else _anchor_by_position(field, anchors)
        if anchor is not None:
            anchor.set(is_checked(field), "acro")
