"""The synthetic corpus generator is deterministic and its truth is self-consistent."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from stdnum import iban
from stdnum.tr import tckimlik

from tests.corpus import receipts

BANKS = {"halkbank", "ziraat", "vakifbank", "isbank", "garanti", "akbank", "yapikredi"}
SEED = 7


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _has_text_layer(path: Path) -> bool:
    if path.suffix != ".pdf":
        return False
    with pdfplumber.open(path) as pdf:
        return any((page.extract_text() or "").strip() for page in pdf.pages)


@pytest.fixture(scope="module")
def receipt_set(tmp_path_factory: pytest.TempPathFactory) -> list:
    return receipts.generate(tmp_path_factory.mktemp("receipts"), 14, SEED)


def test_receipts_are_deterministic(receipt_set: list, tmp_path: Path) -> None:
    again = receipts.generate(tmp_path, 14, SEED)
    assert [s.layout for s in again] == [s.layout for s in receipt_set]
    assert [s.truth for s in again] == [s.truth for s in receipt_set]
    assert [_digest(s.path) for s in again] == [_digest(s.path) for s in receipt_set]


def test_another_seed_gives_other_receipts(receipt_set: list, tmp_path: Path) -> None:
    other = receipts.generate(tmp_path, 14, SEED + 1)
    assert [s.truth for s in other] != [s.truth for s in receipt_set]


def test_receipt_truth_is_consistent(receipt_set: list) -> None:
    for sample in receipt_set:
        truth = sample.truth
        assert truth["kind"] == sample.kind == "receipt"
        assert truth["bank"] in BANKS and sample.layout.startswith(truth["bank"])
        assert iban.is_valid(truth["recipient_iban"]) and " " not in truth["recipient_iban"]
        assert Decimal(truth["amount"]) > 0 and truth["currency"] == "TRY"
        assert date.fromisoformat(truth["date"]).year >= 2021
        assert truth["description"] == " ".join(truth["description"].split())
        if truth["tckn"] is not None:
            assert tckimlik.is_valid(truth["tckn"]) and truth["tckn"] in truth["description"]


def test_scanned_receipts_have_no_text_layer(receipt_set: list) -> None:
    for sample in receipt_set:
        assert sample.path.exists() and sample.path.stat().st_size > 0
        assert _has_text_layer(sample.path) is not sample.truth["scanned"], sample.path.name
