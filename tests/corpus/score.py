"""Scoring a reader's `mailbot parse --json` output against corpus truth (bench/reading.py)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

RECEIPT_FIELDS = (
    "bank",
    "amount",
    "currency",
    "date",
    "payer_name",
    "recipient_name",
    "recipient_iban",
    "description",
    "tckn",
    "reference",
)
FORM_FIELDS = (
    "request",
    "full_name",
    "tckn",
    "title",
    "institution",
    "email",
    "phone",
    "card_reader",
    "date",
    "valid",
    "problems",
)
TEXT_FIELDS = {"payer_name", "recipient_name", "description", "full_name", "title", "institution"}
# the problem a reader may report when it (rightly) could not read an illegible field
_ILLEGIBLE_PROBLEMS = {
    "full_name": {"missing_name"},
    "email": {"missing_email"},
    "tckn": {"missing_tckn", "invalid_tckn"},
}


def _text(value: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def same(name: str, want: object, got: object) -> bool:
    """Equal after the field's normalisation (exact for ids, amounts and dates)."""
    if want is None or got is None:
        return want is None and got is None
    if name in TEXT_FIELDS:
        a, b = _text(want), _text(got)
        return a == b or a.replace(" ", "") == b.replace(" ", "")
    if name == "email":
        return _text(want).lower() == _text(got).lower()
    if name == "recipient_iban":
        return str(want).replace(" ", "").upper() == str(got).replace(" ", "").upper()
    if name == "problems":
        return set(want) == set(got)
    if isinstance(want, bool):
        return want is got
    return str(want).strip() == str(got).strip()


@dataclass
class Verdict:
    """Per-field outcomes of one document: right, null (missed), or wrong (a wrong value)."""

    kind_ok: bool
    scanned_ok: bool
    fields: dict[str, str] = field(default_factory=dict)  # name -> "right" | "null" | "wrong"


def _problems_ok(want: list, got: list | None, illegible: set[str]) -> bool:
    excused = set().union(*(_ILLEGIBLE_PROBLEMS.get(f, set()) for f in illegible))
    return got is not None and (set(want) ^ set(got)) <= excused


def score(truth: dict, got: dict) -> Verdict:
    """Compare one reader output with its truth."""
    verdict = Verdict(got.get("kind") == truth["kind"], got.get("scanned") == truth["scanned"])
    names = {"receipt": RECEIPT_FIELDS, "form": FORM_FIELDS}.get(truth["kind"], ())
    illegible = set(truth.get("illegible", ()))
    for name in names:
        if not verdict.kind_ok:  # nothing was read as what it is
            verdict.fields[name] = "null"
            continue
        value, want = got.get(name), truth.get(name)
        if name == "problems" and illegible:
            ok = _problems_ok(want, value, illegible)
        elif name == "valid" and illegible & set(_ILLEGIBLE_PROBLEMS):
            ok = value is not True or want is True  # unknown (None), or False for "missing"
        else:
            ok = same(name, want, value) or (name in illegible and value is None)
        verdict.fields[name] = "right" if ok else ("null" if value is None else "wrong")
    return verdict
