"""The document reader: extract in a sandbox, classify, read the receipt or the form."""

from __future__ import annotations

from pathlib import Path

from mailbot.documents.classify import classify
from mailbot.documents.extract import extract
from mailbot.documents.model import DocumentKind, Extraction, ReadDocument, Receipt, Unreadable
from mailbot.documents.receipt import read_receipt
from mailbot.documents.reread import reread_unsure

_RECEIPT_KEYS = ("bank", "amount", "currency", "date", "payer_name", "recipient_name",
                 "recipient_iban", "description", "tckn", "reference")
_FORM_KEYS = ("request", "full_name", "tckn", "title", "institution", "email", "phone",
              "card_reader", "date", "valid", "problems")


def read_document(data: bytes, filename: str = "", *, timeout: float = 60.0) -> ReadDocument:
    """Read one attachment's bytes into a verdict; never raises for hostile input."""
    return read_extraction(extract(data, filename, timeout=timeout))


def read_extraction(extraction: Extraction) -> ReadDocument:
    """Classify an extraction and read its fields (on a scan, unsure values are read again
    from their crops of the page picture)."""
    kind = classify(extraction)
    notes = (extraction.detail,) if extraction.detail else ()
    if kind is DocumentKind.UNREADABLE:
        failure = extraction.failure or Unreadable.EMPTY
        return ReadDocument(kind, extraction.scanned, failure=failure, notes=notes)
    if kind is DocumentKind.RECEIPT:
        receipt = read_receipt(reread_unsure(extraction))
        return ReadDocument(kind, extraction.scanned, receipt=receipt, text=_all_text(extraction))
    if kind is DocumentKind.FORM:
        try:
            from mailbot.documents.form import read_form
        except ImportError:
            return ReadDocument(kind, extraction.scanned, notes=("form reader missing",))
        return ReadDocument(kind, extraction.scanned, form=read_form(extraction))
    return ReadDocument(kind, extraction.scanned)


def _all_text(extraction: Extraction) -> str:
    """Every word read, both OCR readings included, page by page."""
    parts = []
    for page in extraction.pages:
        parts.append(page.text)
        parts.extend(w.text for w in getattr(page, "alt_words", ()) or ())
    return "\n".join(parts)


def read_path(path: Path | str, *, timeout: float = 60.0) -> ReadDocument:
    """Read a file from disk (an unreadable path is an unreadable document, not an error)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ReadDocument(DocumentKind.UNREADABLE, failure=Unreadable.CORRUPT, notes=(str(exc),))
    return read_document(data, str(path), timeout=timeout)


def document_json(file_as_given: str, doc: ReadDocument) -> dict:
    """The `mailbot parse --json` object: file, kind, scanned, then the kind's own keys."""
    result: dict = {"file": file_as_given, "kind": doc.kind.value, "scanned": doc.scanned}
    if doc.kind is DocumentKind.RECEIPT:
        result.update(_receipt_json(doc.receipt or Receipt()))
    elif doc.kind is DocumentKind.FORM and doc.form is not None:
        result.update(_form_json(doc.form))
    elif doc.kind is DocumentKind.UNREADABLE:
        result["reason"] = (doc.failure or Unreadable.EMPTY).value
    return result


def _receipt_json(receipt: Receipt) -> dict:
    """Receipt keys, JSON-ready (amount "1234.56", date "YYYY-MM-DD")."""
    out = {key: getattr(receipt, key) for key in _RECEIPT_KEYS}
    if receipt.amount is not None:
        out["amount"] = f"{receipt.amount:.2f}"
    if receipt.date is not None:
        out["date"] = receipt.date.isoformat()
    return out


def _form_json(form) -> dict:
    """Form keys, JSON-ready."""
    out = {key: getattr(form, key) for key in _FORM_KEYS}
    if form.date is not None:
        out["date"] = form.date.isoformat()
    out["problems"] = list(form.problems)
    return out
