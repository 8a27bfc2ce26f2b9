"""Scanned receipts: an image-only page is deskewed, OCR'd and read like a text receipt."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from mailbot.documents.extract import extract
from mailbot.documents.model import DocumentKind
from mailbot.documents.reader import read_document
from tests.documents import pdfs
from tests.documents.pdfs import image_bytes, scanned_image, text_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="needs the Debian package tesseract-ocr (+ -tur)"
)


@pytest.fixture(scope="module")
def scan():
    """A skewed, speckled 200-dpi rendering of the text receipt."""
    return scanned_image(text_pdf(), angle=1.8, noise=0.01)


@pytest.mark.parametrize("fmt", ["PDF", "PNG", "JPEG"])
def test_scanned_receipt_fields(scan, fmt: str) -> None:
    """GIVEN an image-only receipt WHEN read THEN amount, IBAN and TCKN are right, scanned=True."""
    doc = read_document(image_bytes(scan, fmt), f"scan.{fmt.lower()}")
    assert doc.kind is DocumentKind.RECEIPT and doc.scanned
    receipt = doc.receipt
    assert receipt is not None
    assert str(receipt.amount) == "1080.00"
    assert receipt.recipient_iban == "TR640001200930400005000016"
    assert receipt.tckn == "62601815964"


def test_rasterised_pages_keep_their_image_and_dpi(scan) -> None:
    """GIVEN an image-only PDF THEN the OCR'd page carries a PNG and its dpi, words in points."""
    extraction = extract(image_bytes(scan, "PDF"))
    page = extraction.pages[0]
    assert page.ocr and page.image is not None and page.image.startswith(b"\x89PNG")
    assert page.dpi and page.dpi >= 150
    assert all(0 <= w.x1 <= page.width + 1 for w in page.words)
    assert any(w.conf is not None for w in page.words)


@pytest.mark.parametrize(("seed", "index"), [(31337, 9), (31337, 60), (777, 48), (997094, 20)])
def test_sheet_on_a_desk_and_grey_scan_are_read(tmp_path, seed: int, index: int) -> None:
    """GIVEN a photo of a sheet on a purple desk (9), a grey table scan (60), a tilted table
    photographed on a dark desk (48), a scan greying towards a corner (20) from the corpus
    generator WHEN read THEN at least 8 of the 10 fields are right (the grey picture alone
    gave none; the desk's edges hid the tilt; the grey corner was erased as a table rule)."""
    from mailbot.documents.reader import document_json
    from tests.corpus import sample_rng
    from tests.corpus.receipts import make_one
    from tests.corpus.score import score

    sample = make_one(tmp_path, sample_rng(seed, index, "receipt"), index)
    doc = read_document(sample.path.read_bytes(), sample.path.name)
    verdict = score(dict(sample.truth, kind=sample.kind), document_json(str(sample.path), doc))
    right = [name for name, outcome in verdict.fields.items() if outcome == "right"]
    assert doc.kind is DocumentKind.RECEIPT and len(right) >= 8, verdict.fields


def test_flattened_picture_has_white_paper_and_black_ink() -> None:
    """GIVEN grey text on a shaded sheet WHEN flattened THEN paper is white and ink stays dark."""
    import numpy as np

    from mailbot.documents.ocr import flatten_light

    sheet = np.tile(np.linspace(210, 150, 400)[:, None], (1, 400)).astype(np.uint8)
    sheet[300:310, 50:350] = 40  # a stroke where the sheet is darkest
    flat = flatten_light(sheet)
    assert np.percentile(flat[:250], 50) >= 250
    assert flat[300:310, 60:340].mean() < 90


@pytest.mark.parametrize(("word", "remnant"), [("|", True), ("||", True), ("!", True),
                                                ("|L", False), ("1", False), ("TR64", False)])
def test_bars_alone_are_rule_remnants(word: str, remnant: bool) -> None:
    """A word of bars only is a left-over table rule and is dropped from OCR output."""
    from mailbot.documents.ocr import rule_remnant

    assert rule_remnant(word) is remnant


def test_grey_scan_with_two_sure_specks_is_read_again(tmp_path) -> None:
    """GIVEN a grey scan whose grey picture yields only two confident specks ('FE', 'A')
    WHEN read THEN the flattened reading is taken: a receipt with its IBAN and TCKN."""
    from tests.corpus import sample_rng
    from tests.corpus.receipts import make_one

    sample = make_one(tmp_path, sample_rng(997094, 8, "receipt"), 8)
    doc = read_document(sample.path.read_bytes(), sample.path.name)
    assert doc.kind is DocumentKind.RECEIPT
    assert (doc.receipt.recipient_iban, doc.receipt.tckn) == (
        sample.truth["recipient_iban"], sample.truth["tckn"])


def test_a_misread_label_word_is_not_taken_for_the_value() -> None:
    lines = tuple(line for line in pdfs.RECEIPT_LINES if not line.startswith("AÇIKLAMA"))
    lines += ("AÇIKLAMA", "DESCRİPTLON", "AYŞE YILMAZ 62601815964 NES ÜCRETİ")
    result = read_document(pdfs.text_pdf(lines), "r.pdf")
    assert result.receipt.description == "AYŞE YILMAZ 62601815964 NES ÜCRETİ"
    assert result.receipt.tckn == "62601815964"


@pytest.mark.parametrize(("date_line", "expected"), [
    ("DÜZEN! YARİMİ : 14 Mart 2024 10:22", date(2024, 3, 14)),  # the label misread
    ("DÜZEN! YARİMİ : 14.03.2024 / VALÖR 15.03.2024", None),  # two dates: which is it?
])
def test_without_a_date_label_the_one_date_on_the_page_is_taken(date_line: str,
                                                                expected: date | None) -> None:
    lines = tuple(line if not line.startswith("İŞLEM TARİHİ") else date_line
                  for line in pdfs.RECEIPT_LINES)
    assert read_document(pdfs.text_pdf(lines), "r.pdf").receipt.date == expected


def test_a_sentence_under_a_name_is_no_line_of_it() -> None:
    """GIVEN Garanti's 'SAYIN <name>' over 'Hesabınızdan yapılan HAVALE işleminin ...'
    THEN the payer is the name alone; a name wrapped onto its next line still reads whole."""
    garanti = ("Türkiye Garanti Bankası A.Ş.", "SAYIN İLKNUR YILDIZ",
               "        Hesabınızdan yapılan HAVALE işleminin",  # under the name
               *pdfs.RECEIPT_LINES[3:])
    payer = read_document(text_pdf(garanti, size=16), "r.pdf").receipt.payer_name
    assert payer == "İLKNUR YILDIZ"
    wrapped = ("Türkiye Garanti Bankası A.Ş.", "SAYIN İLKNUR", "YILDIZ KARA",
               *pdfs.RECEIPT_LINES[3:])
    payer = read_document(text_pdf(wrapped, size=16), "r.pdf").receipt.payer_name
    assert payer == "İLKNUR YILDIZ KARA"
