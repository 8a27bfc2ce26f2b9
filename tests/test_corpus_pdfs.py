"""Robustness over pdfplumber's own test PDFs: every file ends in a named kind, in time."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mailbot.documents import extract
from mailbot.documents.model import DocumentKind
from mailbot.documents.reader import read_document
from tests.support.corpora import corpus_folder

PER_FILE_TIMEOUT = 30.0  # seconds of wall clock per file, enforced by killing the child
SLACK = 5.0  # parent-side reading and pickling on top of the child's limit


def _corpus() -> list[Path]:
    """The PDFs under $MAILBOT_CORPUS_DIR/pdfplumber/pdfs, or a skip."""
    return sorted(corpus_folder("pdfplumber", "pdfs").glob("*.pdf"))


def _timed(path: Path) -> tuple[Path, DocumentKind, float, str]:
    """Read one file, timing it."""
    started = time.monotonic()
    doc = read_document(path.read_bytes(), path.name, timeout=PER_FILE_TIMEOUT)
    reason = doc.failure.value if doc.failure else ""
    return path, doc.kind, time.monotonic() - started, reason


@pytest.mark.corpus
@pytest.mark.timeout(900)
def test_every_corpus_pdf_ends_in_a_named_kind() -> None:
    """GIVEN pdfplumber's hostile and odd PDFs THEN each is classified in time, none crashes."""
    files = _corpus()
    assert files, "the corpus folder holds no PDF"
    extract.set_workers(2)
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(_timed, files))
    finally:
        extract.set_workers(1)
    slow = [(p.name, round(t, 1)) for p, _k, t, _r in results if t > PER_FILE_TIMEOUT + SLACK]
    assert not slow, f"over the time limit: {slow}"
    assert all(kind in set(DocumentKind) for _p, kind, _t, _r in results)
    kinds = {kind for _p, kind, _t, _r in results}
    assert DocumentKind.OTHER in kinds and DocumentKind.UNREADABLE in kinds
