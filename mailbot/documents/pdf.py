"""PDF backend (runs inside the sandboxed child): text-layer words, AcroForm fields, rasterising."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdf
import pypdfium2

from mailbot.documents.model import FormField, Page, Unreadable, Word

OCR_DPI = 200
_MIN_REAL_CHARS = 12  # fewer letters/digits than this on a page: treat the text layer as empty


class PdfFailure(Exception):
    """A PDF that cannot be read, with the named reason."""

    def __init__(self, reason: Unreadable, detail: str = "") -> None:
        super().__init__(detail or reason.value)
        self.reason = reason
        self.detail = detail


def open_reader(data: bytes) -> pypdf.PdfReader:
    """Open with pypdf, decrypting an empty user password; raise PdfFailure when impossible."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfFailure(Unreadable.ENCRYPTED, "a password is needed")
        if len(reader.pages) == 0:
            raise PdfFailure(Unreadable.EMPTY, "no page")
    except PdfFailure:
        raise
    except pypdf.errors.FileNotDecryptedError as exc:
        raise PdfFailure(Unreadable.ENCRYPTED, str(exc)) from exc
    except MemoryError:
        raise
    except Exception as exc:  # pypdf raises many types on broken files
        raise PdfFailure(Unreadable.CORRUPT, f"{type(exc).__name__}: {exc}") from exc
    return reader


def read_fields(reader: pypdf.PdfReader) -> tuple[FormField, ...]:
    """The AcroForm widgets of every page (text fields and checkboxes), top-left coordinates."""
    found: list[FormField] = []
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        for annot_ref in page.get("/Annots") or ():
            field = _widget_field(annot_ref, number, height)
            if field is not None:
                found.append(field)
    return tuple(found)


def _widget_field(annot_ref: object, number: int, height: float) -> FormField | None:
    """One widget annotation as a FormField, or None when it is not a form field."""
    annot = annot_ref.get_object() if hasattr(annot_ref, "get_object") else annot_ref
    if not isinstance(annot, dict) or annot.get("/Subtype") != "/Widget":
        return None
    merged = dict(annot.get("/Parent").get_object()) if "/Parent" in annot else {}
    merged.update(annot)
    name = str(merged.get("/T", ""))
    field_type = merged.get("/FT")
    value = merged.get("/V")
    x0, y0, x1, y1 = (float(v) for v in annot.get("/Rect", (0, 0, 0, 0)))
    rect = (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))
    if field_type == "/Btn":
        state = str(annot.get("/AS", value if value is not None else "/Off"))
        return FormField(name, "checkbox", state, state not in ("/Off", "Off", ""), number, rect)
    if field_type == "/Tx":
        text = None if value is None else str(value)
        return FormField(name, "text", text, None, number, rect)
    return FormField(name, "other", None if value is None else str(value), None, number, rect)


def text_pages(data: bytes, password: str | None = "", max_pages: int = 30) -> list[Page]:
    """Words and layout text of the first `max_pages` pages from the text layer (pdfplumber)."""
    pages: list[Page] = []
    with pdfplumber.open(io.BytesIO(data), password=password or "") as pdf:
        for number, page in enumerate(pdf.pages[:max_pages], start=1):
            words = tuple(
                Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]),
                     float(w["bottom"]))
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
            )
            text = "\n".join(_lines_of(words))
            pages.append(Page(number, float(page.width), float(page.height), words, text))
            page.close()
    return pages


def _lines_of(words: tuple[Word, ...]) -> list[str]:
    """Join words into lines by their vertical position (a cheap layout text)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines]


def text_is_garbage(page: Page) -> bool:
    """True when the text layer is empty, or mostly private-use / replacement characters."""
    real = re.findall(r"[0-9A-Za-zÇĞİÖŞÜçğıöşü]", page.text)
    if len(real) < _MIN_REAL_CHARS:
        return True
    odd = sum(1 for ch in page.text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return odd > len(real) * 0.3


def render_page(data: bytes, index: int, dpi: int = OCR_DPI, password: str | None = None):
    """Rasterise one page to a grayscale PIL image with pypdfium2."""
    doc = pypdfium2.PdfDocument(data, password=password)
    try:
        page = doc[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil()
        page.close()
        return image
    finally:
        doc.close()
