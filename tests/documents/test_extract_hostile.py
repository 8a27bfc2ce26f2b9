"""Hostile inputs end in a named outcome, in the sandboxed child, without crashing the caller."""

from __future__ import annotations

import io
import os
import random

import pypdf
import pytest

from mailbot.documents.extract import extract
from mailbot.documents.model import DocumentKind, Unreadable
from mailbot.documents.reader import read_document
from tests.documents.pdfs import text_pdf


def _encrypted(user_password: str) -> bytes:
    """The receipt PDF encrypted with the given user password."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-secret",
                   algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text_pdf_is_read_with_positions() -> None:
    """GIVEN a text PDF WHEN extracted THEN words carry positions and no OCR was needed."""
    extraction = extract(text_pdf())
    assert extraction.failure is None and not extraction.scanned
    words = {w.text: w for w in extraction.pages[0].words}
    assert words["GÖNDEREN"].top < words["ALICI"].top


def test_empty_user_password_is_decrypted_and_read() -> None:
    """GIVEN an encrypted PDF with an empty user password THEN it is read like any other."""
    doc = read_document(_encrypted(""), "enc.pdf")
    assert doc.kind is DocumentKind.RECEIPT
    assert doc.receipt is not None and str(doc.receipt.amount) == "1080.00"


def test_real_password_is_encrypted_outcome() -> None:
    """GIVEN a PDF that needs a password THEN the outcome is ENCRYPTED, kind unreadable."""
    extraction = extract(_encrypted("s3cret"))
    assert extraction.failure is Unreadable.ENCRYPTED
    assert read_document(_encrypted("s3cret")).kind is DocumentKind.UNREADABLE


@pytest.mark.parametrize("cut", [60, 400])
def test_truncated_pdf_is_corrupt(cut: int) -> None:
    """GIVEN a PDF cut short THEN the outcome is CORRUPT (or EMPTY when no page survives)."""
    extraction = extract(text_pdf()[:cut])
    assert extraction.failure in (Unreadable.CORRUPT, Unreadable.EMPTY)


def test_half_a_pdf_never_crashes() -> None:
    """GIVEN the first half of a PDF THEN the reader returns a named kind."""
    data = text_pdf()
    assert read_document(data[: len(data) // 2]).kind in set(DocumentKind)


def test_zero_bytes_is_empty() -> None:
    """GIVEN zero bytes THEN EMPTY, without starting a child."""
    assert extract(b"").failure is Unreadable.EMPTY


def test_random_bytes_are_unsupported_or_corrupt() -> None:
    """GIVEN random bytes (and random bytes behind a PDF header) THEN a named failure."""
    noise = random.Random(4).randbytes(5000)
    assert extract(noise, "x.pdf").failure is Unreadable.UNSUPPORTED
    assert extract(b"%PDF-1.7\n" + noise).failure is Unreadable.CORRUPT


def test_file_name_is_ignored_when_sniffing() -> None:
    """GIVEN a PDF named .jpg THEN it is still read as a PDF."""
    assert extract(text_pdf(), "photo.jpg").failure is None


def test_timeout_kills_the_child_and_the_next_file_is_read() -> None:
    """GIVEN a tiny timeout THEN TIMEOUT; the killed child is replaced for the next file."""
    heavy = text_pdf(pages=40)
    assert extract(heavy, timeout=0.01).failure is Unreadable.TIMEOUT
    assert extract(text_pdf()).failure is None


def test_memory_limit_is_a_named_outcome() -> None:
    """GIVEN a 49-megapixel image and a 64 MB address-space limit THEN TOO_LARGE, no crash."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (7000, 7000), 255).save(buffer, format="PNG")
    assert extract(buffer.getvalue(), memory_mb=64).failure is Unreadable.TOO_LARGE
    assert extract(text_pdf()).failure is None


def test_oversized_input_is_refused_before_parsing() -> None:
    """GIVEN more bytes than the limit THEN TOO_LARGE at once."""
    assert extract(b"%PDF-" + bytes(51 * 1024 * 1024)).failure is Unreadable.TOO_LARGE


@pytest.mark.skipif(not os.path.exists("/dev/urandom"), reason="needs /dev/urandom")
def test_image_magic_with_garbage_is_corrupt() -> None:
    """GIVEN a PNG header followed by garbage THEN CORRUPT."""
    assert extract(b"\x89PNG\r\n\x1a\n" + os.urandom(300)).failure is Unreadable.CORRUPT


def test_the_child_reads_with_this_mailbot_whatever_the_working_directory_holds(
        tmp_path, monkeypatch) -> None:
    """GIVEN a working directory holding another package named mailbot WHEN a file is read
    THEN the child still runs this mailbot's reader (python -m would put the cwd first)."""
    impostor = tmp_path / "mailbot"
    (impostor / "documents").mkdir(parents=True)
    (impostor / "__init__.py").write_text('raise SystemExit("another mailbot")\n')
    monkeypatch.chdir(tmp_path)
    from mailbot.documents import extract as extract_module

    extract_module.shutdown()  # a child started from the new working directory
    extraction = extract(text_pdf())
    assert extraction.failure is None and "TR64" in extraction.text
