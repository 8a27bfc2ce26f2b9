"""Raster inputs (JPEG, PNG, rasterised PDF pages) turned into OCR'd pages with their picture."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
from PIL import Image, ImageOps

from mailbot.documents import leaders, lira, ocr, values
from mailbot.documents.model import Page

_MAX_SIDE_PX = 3000  # larger photos are scaled down: Tesseract gains nothing, time grows
_WIDEST_PAGE_INCHES = 12.0  # an upright page photographed or scanned is at most A4 landscape
_A4_WIDTH_INCHES = 8.27
_MIN_DPI, _MAX_DPI = 70, 600
_SURE_CONFIDENCE = 75.0  # a page read with a lower mean word confidence is read again
_FEW_WORDS = 8  # ... and so is a page of fewer words (a grey scan can yield two sure specks)
_DARK_MEDIAN = 100  # a page whose median grey is darker than this is inverted before OCR
_INK_CONTRAST = 40  # grey levels below the paper's that are ink, not grain
_BLANK_SHARE = 0.0005  # ... of a page's pixels: fewer, and the page is blank

Image.MAX_IMAGE_PIXELS = 60_000_000  # decompression bombs become an error, not a crash


def sniff(data: bytes) -> str:
    """The file type from its magic bytes: "pdf", "jpeg", "png", "empty" or "unknown"."""
    if not data:
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return "unknown"


def load_image(data: bytes) -> tuple[Image.Image, int]:
    """Open a JPEG/PNG upright (EXIF orientation), grayscale, with an estimated dpi."""
    image = Image.open(io.BytesIO(data))
    image.load()
    image = ImageOps.exif_transpose(image).convert("L")
    dpi = _declared_dpi(image) or round(image.width / _A4_WIDTH_INCHES)
    dpi = max(_MIN_DPI, min(_MAX_DPI, dpi))
    longest = max(image.size)
    if longest > _MAX_SIDE_PX:
        factor = _MAX_SIDE_PX / longest
        image = image.resize((round(image.width * factor), round(image.height * factor)))
        dpi = max(_MIN_DPI, round(dpi * factor))
    return image, dpi


def _declared_dpi(image: Image.Image) -> int | None:
    """The resolution written in the file, when it is plausible."""
    value = image.info.get("dpi")
    if not value:
        return None
    try:
        dpi = round(float(value[0]))
    except (TypeError, ValueError, IndexError):
        return None
    if not _MIN_DPI <= dpi <= _MAX_DPI or image.width / dpi > _WIDEST_PAGE_INCHES:
        return None  # a camera's 72 dpi: the photo would show a page wider than any
    return dpi


def ocr_page(image: Image.Image, dpi: int, number: int) -> Page:
    """Deskew, OCR and package one picture as a Page in points, keeping the PNG for ink checks."""
    gray = np.asarray(image.convert("L"))
    paper = float(np.median(gray))
    if paper < _DARK_MEDIAN:
        image = ImageOps.invert(image.convert("L"))  # dark-mode screenshot: light text on black
    elif is_blank(gray, paper):  # Tesseract reads a blank scan's grain as a thousand "words"
        width, height = image.width * 72.0 / dpi, image.height * 72.0 / dpi
        return Page(number, width, height, (), "", ocr=True, dpi=dpi)
    straight = ocr.straighten(image)
    words = leaders.without_leaders(_best_reading(straight, dpi), straight, dpi / 72.0)
    words = lira.mark_signs(words, np.asarray(straight), dpi / 72.0)
    text = "\n".join(line_texts(words))
    second: tuple = ()
    if not values.find_ibans(text):  # no valid IBAN read: a binarised picture may show it
        second = ocr.ocr_image(straight, dpi=dpi, deskew=False, style=ocr.BINARY)
    buffer = io.BytesIO()
    straight.save(buffer, format="PNG", optimize=False, compress_level=1)
    width, height = straight.width * 72.0 / dpi, straight.height * 72.0 / dpi
    return Page(number, width, height, words, text, ocr=True, image=buffer.getvalue(), dpi=dpi,
                alt_words=second)


def is_blank(gray: np.ndarray, paper: float | None = None) -> bool:
    """Whether a light grey page holds no ink: almost no pixel is clearly darker than its
    paper, its median grey (a printed or written page has a percent or more; a photo, its
    desk)."""
    paper = float(np.median(gray)) if paper is None else paper
    return paper >= _DARK_MEDIAN and float((gray < paper - _INK_CONTRAST).mean()) < _BLANK_SHARE


def _best_reading(straight: Image.Image, dpi: int) -> tuple:
    """The grey picture's words; when Tesseract is unsure of them or found almost none, the
    flattened picture's words instead if it is surer of those (shade or a desk fools it)."""
    words = ocr.ocr_image(straight, dpi=dpi, deskew=False)
    if ocr.mean_confidence(words) >= _SURE_CONFIDENCE and len(words) >= _FEW_WORDS:
        return words
    flat = ocr.ocr_image(straight, dpi=dpi, deskew=False, style=ocr.FLAT)
    if len(words) < _FEW_WORDS and len(flat) >= _FEW_WORDS:
        return flat
    if ocr.mean_confidence(flat) > ocr.mean_confidence(words):
        return with_lost_rows(flat, words)
    return with_lost_rows(words, flat)


_SURE_PRINT = 85.0  # a row the other picture reads with a word this sure is printed text


def with_lost_rows(words: tuple, other: tuple) -> tuple:
    """`words` with the rows of `other` that it lacks entirely and that hold a sure word:
    Tesseract now and then drops a whole printed row of one picture (a row of tick boxes)."""
    rows: dict[int, list] = {}
    for word in other:
        rows.setdefault(word.line, []).append(word)
    next_line = max((w.line for w in words), default=-1) + 1
    added = []
    for row in rows.values():
        top, bottom = min(w.top for w in row), max(w.bottom for w in row)
        if any(w.conf >= _SURE_PRINT for w in row) and not any(
                top <= (w.top + w.bottom) / 2 <= bottom for w in words):
            added += [replace(w, line=next_line) for w in row]
            next_line += 1
    return tuple(words) + tuple(added)


def line_texts(words) -> list[str]:
    """Words joined into lines by vertical overlap, left to right."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        if lines and abs(lines[-1][0] - middle) <= max(2.0, (word.bottom - word.top) * 0.5):
            lines[-1][1].append(word)
        else:
            lines.append([middle, [word]])
    return [" ".join(w.text for w in sorted(ws, key=lambda w: w.x0)) for _, ws in lines]
