"""Build Extraction objects for form tests: the reader's own sandboxed `extract` for files,
with a small local builder (pdfplumber, pypdf, pytesseract) kept as a reference."""

from __future__ import annotations

import io
import shutil

import pdfplumber
import pypdf
import pytesseract
from PIL import Image

from mailbot.documents.model import Extraction, FormField, Page, Word

OCR_DPI = 200


def tesseract_missing() -> bool:
    """True when the Debian packages tesseract-ocr / tesseract-ocr-tur are not installed."""
    return shutil.which("tesseract") is None


def _fields(data: bytes) -> tuple[FormField, ...]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        for ref in page.get("/Annots") or ():
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            merged = dict(annot["/Parent"].get_object()) if "/Parent" in annot else {}
            merged.update(annot)
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            rect = (x0, height - y1, x1, height - y0)
            name, value = str(merged.get("/T", "")), merged.get("/V")
            if merged.get("/FT") == "/Btn":
                state = str(annot.get("/AS", value or "/Off"))
                found.append(FormField(name, "checkbox", state, state != "/Off", number, rect))
            else:
                found.append(FormField(name, "text", None if value is None else str(value),
                                       None, number, rect))
    return tuple(found)


def from_pdf_text(data: bytes) -> Extraction:
    """Words of every page from the text layer, plus AcroForm fields (no OCR)."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = tuple(Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
                          for w in page.extract_words())
            pages.append(Page(number, float(page.width), float(page.height), words,
                              page.extract_text() or ""))
    return Extraction(pages=tuple(pages), fields=_fields(data))


def ocr_words(image: Image.Image, dpi: int) -> tuple[Word, ...]:
    """Tesseract (tur+eng) words with confidences, in points."""
    data = pytesseract.image_to_data(image, lang="tur+eng", config="--psm 6",
                                     output_type=pytesseract.Output.DICT)
    scale = 72.0 / dpi
    return tuple(
        Word(t.strip(), data["left"][i] * scale, data["top"][i] * scale,
             (data["left"][i] + data["width"][i]) * scale,
             (data["top"][i] + data["height"][i]) * scale, float(data["conf"][i]))
        for i, t in enumerate(data["text"]) if t.strip() and float(data["conf"][i]) >= 0)


def from_image(image: Image.Image, dpi: int = OCR_DPI) -> Extraction:
    """One OCR'd page of a picture, with the picture as the page image."""
    gray = image.convert("L")
    words = ocr_words(gray, dpi)
    buffer = io.BytesIO()
    gray.save(buffer, format="PNG")
    width, height = gray.width * 72.0 / dpi, gray.height * 72.0 / dpi
    text = " ".join(w.text for w in words)
    page = Page(1, width, height, words, text, ocr=True, image=buffer.getvalue(), dpi=dpi)
    return Extraction(pages=(page,), scanned=True)


def extracted(data: bytes, *, ocr: bool = True) -> Extraction:
    """The production path: `mailbot.documents.extract.extract` in its sandboxed child."""
    from mailbot.documents.extract import extract

    result = extract(data, "form-test", timeout=120, ocr=ocr)
    assert result.failure is None, result.detail
    return result
