"""Golden receipts: monospaced text (columns become word positions) in, expected fields out."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mailbot.documents.layout import extraction_from_text
from mailbot.documents.model import Extraction
from mailbot.documents.reader import document_json, read_extraction
from mailbot.documents.receipt import _iban_part

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "receipts"
CASES = sorted(GOLDEN.glob("*/*.txt"))


def _as_ocr(extraction: Extraction) -> Extraction:
    """Mark every word as OCR output (confidence set), as Tesseract pages are."""
    pages = tuple(
        replace(page, ocr=True, words=tuple(replace(w, conf=80.0) for w in page.words))
        for page in extraction.pages
    )
    return replace(extraction, pages=pages, scanned=True)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_receipt(case: Path) -> None:
    """GIVEN a receipt's text WHEN it is read THEN every field equals the golden JSON."""
    extraction = extraction_from_text(case.read_text(encoding="utf-8"))
    if "ocr" in case.stem:
        extraction = _as_ocr(extraction)
    got = document_json(case.name, read_extraction(extraction))
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert got["kind"] == "receipt"
    assert {key: got[key] for key in expected} == expected


def test_every_bank_has_two_golden_layouts() -> None:
    """The golden set covers each bank profile with at least two layouts."""
    banks = {p.stem for p in (GOLDEN.parents[2] / "rules" / "banks").glob("*.toml")} - {"generic"}
    for bank in banks:
        assert len(list((GOLDEN / bank).glob("*.txt"))) >= 2, bank


def test_a_wrapped_iban_after_a_label_word_keeps_its_label_line() -> None:
    assert _iban_part("IBAN: TRSI 0001 0078 1570 8261 7880 (o") == (
        "IBAN: TRSI 0001 0078 1570 8261 7880")  # the words before the IBAN stay
    assert _iban_part("TR 64 0001 (o") == "TR 64 0001 (o"  # no IBAN start word: as read
