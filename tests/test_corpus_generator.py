"""The synthetic corpus generator is deterministic and its truth is self-consistent."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from stdnum import iban
from stdnum.tr import tckimlik

from tests.corpus import forms, others, receipts
from tests.corpus.score import score

BANKS = {"halkbank", "ziraat", "vakifbank", "isbank", "garanti", "akbank", "yapikredi"}
SEED = 7


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _has_text_layer(path: Path) -> bool:
    """Whether a PDF has readable words (a scanner's garbage OCR layer does not count)."""
    if path.suffix != ".pdf":
        return False
    with pdfplumber.open(path) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return len(re.findall(r"[A-Za-zÇĞİÖŞÜçğıöşü]{3,}", text)) >= 3


@pytest.fixture(scope="module")
def receipt_set(tmp_path_factory: pytest.TempPathFactory) -> list:
    return receipts.generate(tmp_path_factory.mktemp("receipts"), 14, SEED)


def test_receipts_are_deterministic(receipt_set: list, tmp_path: Path) -> None:
    again = receipts.generate(tmp_path, 6, SEED)
    assert [s.layout for s in again] == [s.layout for s in receipt_set[:6]]
    assert [s.truth for s in again] == [s.truth for s in receipt_set[:6]]
    assert [_digest(s.path) for s in again] == [_digest(s.path) for s in receipt_set[:6]]


def test_another_seed_gives_other_receipts(receipt_set: list, tmp_path: Path) -> None:
    other = receipts.generate(tmp_path, 4, SEED + 1)
    assert [s.truth for s in other] != [s.truth for s in receipt_set[:4]]


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


@pytest.fixture(scope="module")
def form_set(tmp_path_factory: pytest.TempPathFactory) -> list:
    return forms.generate(tmp_path_factory.mktemp("forms"), 16, SEED)


def test_forms_are_deterministic(form_set: list, tmp_path: Path) -> None:
    again = forms.generate(tmp_path, 6, SEED)
    assert [s.truth for s in again] == [s.truth for s in form_set[:6]]
    assert [_digest(s.path) for s in again] == [_digest(s.path) for s in form_set[:6]]


def test_form_truth_is_consistent(form_set: list) -> None:
    for sample in form_set:
        truth = sample.truth
        problems = set(truth["problems"])
        assert truth["kind"] == "form" and sample.layout.startswith("form-")
        assert truth["valid"] is (not problems)
        assert ("missing_email" in problems) is (truth["email"] is None)
        assert ("missing_request" in problems) is (truth["request"] is None)
        assert truth["request"] in {None, "lost", "stolen", "fault"}
        if truth["tckn"] is None:
            assert problems & {"missing_tckn", "invalid_tckn"}
        else:
            assert tckimlik.is_valid(truth["tckn"])
        assert truth["phone"] is None or (len(truth["phone"]) == 11 and truth["phone"][0] == "0")
        assert isinstance(truth["card_reader"], bool)
        date.fromisoformat(truth["date"])
        assert all(truth[field] is not None for field in truth.get("illegible", []))


def test_fillable_forms_carry_their_values_in_fields(form_set: list) -> None:
    fillable = [s for s in form_set if "fillable" in s.layout]
    assert fillable, "the sample set should hold a fillable form"
    for sample in fillable:
        values = {str(f.get("/V")) for f in pypdf.PdfReader(sample.path).get_fields().values()}
        for field in ("full_name", "email"):
            if sample.truth[field] is not None:
                assert sample.truth[field] in values


def test_scanned_forms_and_others_have_no_text_layer(form_set: list, tmp_path: Path) -> None:
    other_set = others.generate(tmp_path, 10, SEED)
    for sample in form_set + other_set:
        if sample.truth["scanned"] and sample.path.suffix == ".pdf":
            assert not _has_text_layer(sample.path), sample.path.name
        if not sample.truth["scanned"]:
            assert _has_text_layer(sample.path), sample.path.name
    assert {s.truth["kind"] for s in other_set} == {"other"}


def _overlaps(chars: list[dict]) -> list[tuple[str, str]]:
    """Pairs of glyphs drawn over each other (a layout bug: text printed on text)."""
    hits = []
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    for i, a in enumerate(chars):
        for b in chars[i + 1 :]:
            if b["x0"] >= a["x1"] - 0.5:
                break
            dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if dx > 1.0 and dy > 2:
                hits.append((a["text"], b["text"]))
    return hits


def test_text_pdfs_have_no_overlapping_words(receipt_set: list, form_set: list) -> None:
    for sample in receipt_set + form_set:
        if sample.truth["scanned"] or sample.path.suffix != ".pdf":
            continue
        with pdfplumber.open(sample.path) as pdf:
            for page in pdf.pages:
                assert not _overlaps(page.chars), (sample.layout, sample.path.name)


def test_score_counts_wrong_values_apart_from_nulls() -> None:
    truth = {
        "kind": "receipt",
        "scanned": False,
        "bank": "akbank",
        "amount": "218.30",
        "currency": "TRY",
        "date": "2024-03-14",
        "payer_name": "Ayşe Kaya",
        "recipient_name": "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ",
        "recipient_iban": "TR64",
        "description": "AYŞE-KAYA-1 NES",
        "tckn": None,
        "reference": "9",
    }
    got = dict(truth, amount="218.00", payer_name=None, description="AYŞE-KAYA- 1  NES")
    fields = score(truth, got).fields
    assert fields["amount"] == "wrong" and fields["payer_name"] == "null"
    assert fields["description"] == fields["tckn"] == fields["bank"] == "right"
    assert set(score(truth, dict(got, kind="other")).fields.values()) == {"null"}


def test_score_accepts_null_for_an_illegible_field_but_not_a_wrong_value() -> None:
    truth = {
        "kind": "form",
        "scanned": True,
        "request": "lost",
        "full_name": "Ali Kurt",
        "tckn": "10000000146",
        "title": None,
        "institution": None,
        "email": "a@b.c",
        "phone": None,
        "card_reader": False,
        "date": "2024-01-02",
        "valid": True,
        "problems": [],
        "illegible": ["email"],
    }
    fields = score(truth, dict(truth, email=None, problems=["missing_email"], valid=False)).fields
    assert fields["email"] == fields["problems"] == fields["valid"] == "right"
    fields = score(truth, dict(truth, email=None, problems=[], valid=None)).fields
    assert fields["email"] == fields["problems"] == fields["valid"] == "right"
    assert score(truth, dict(truth, email="x@b.c")).fields["email"] == "wrong"
    invalid = dict(truth, valid=False, problems=["invalid_tckn"])
    assert score(invalid, dict(invalid, email=None, valid=True)).fields["valid"] == "wrong"


def test_garbage_ocr_layer_and_exif_turn_are_what_they_claim(tmp_path: Path) -> None:
    import random

    from PIL import Image, ImageOps

    from tests.corpus import degrade

    page = Image.new("RGB", (300, 420), "white")
    pdf = tmp_path / "garbage.pdf"
    pdf.write_bytes(degrade.garbage_layer_pdf(random.Random(1), [page], 150))
    with pdfplumber.open(pdf) as doc:
        assert (doc.pages[0].extract_text() or "").strip()  # a text layer exists ...
    assert not _has_text_layer(pdf)  # ... but holds no words
    turned, exif = degrade.exif_rotated(page)
    path = tmp_path / "photo.jpg"
    turned.save(path, "JPEG", exif=exif)
    assert Image.open(path).size == (420, 300)
    assert ImageOps.exif_transpose(Image.open(path)).size == page.size


def test_encrypted_receipts_open_with_an_empty_password(tmp_path: Path) -> None:
    import random

    from tests.corpus import formats
    from tests.corpus.people import make_directorate, make_person
    from tests.corpus.receipt_banks import VERSIONS

    found = 0
    for i in range(80):
        rng = random.Random(i)
        version = VERSIONS[i % len(VERSIONS)]
        when = formats.pick_when(rng)
        printed, truth = receipts.printed_values(
            rng, version, make_person(rng), make_directorate(rng), when
        )
        data = receipts.render_pdf(rng, version, printed)
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            found += 1
            assert reader.decrypt("")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                text = pdf.pages[0].extract_text().replace(" ", "")
            assert truth["recipient_iban"][-4:] in text
            if found == 3:
                break
    assert found


def test_amounts_in_words_are_turkish() -> None:
    from tests.corpus.words import amount_words

    assert amount_words(Decimal("218.30")) == "ikiyüzonsekiz TL otuz Kr."
    assert amount_words(Decimal("1080.00")) == "binseksen TL sıfır Kr."
    assert amount_words(Decimal("12500.00")) == "onikibinbeşyüz TL sıfır Kr."


def test_every_payee_iban_is_valid() -> None:
    from tests.corpus.people import DIRECTORATES, KAMUSM

    assert all(iban.is_valid(payee.iban) for payee in (*DIRECTORATES, KAMUSM))
