"""Scanned receipts: an image-only page is deskewed, OCR'd and read like a text receipt."""

from __future__ import annotations

import shutil

import pytest

from mailbot.documents.extract import extract
from mailbot.documents.model import DocumentKind
from mailbot.documents.reader import read_document
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
