"""Read one value from its own crop of a scanned page: background flattened, leaders erased."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from mailbot.documents.form_ocr import tesseract_words, tesseract_words_many
from mailbot.documents.ink import binarise, line_mask, page_gray
from mailbot.documents.model import Page, Word

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points
CROP_TEXT_PX = 40  # height the value's text is scaled to before OCR
PAD_PX = 20
DOT_ROW_MIN = 6  # this many dot-sized blobs on one row are a dotted leader, not diacritics


def flatten(gray: np.ndarray, text_px: float) -> np.ndarray:
    """Divide out the background (shade, tinted paper) so that paper is white everywhere."""
    side = max(15, int(text_px * 1.5)) | 1
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((side, side), np.uint8))
    ratio = gray.astype(np.float32) / np.maximum(background, 1).astype(np.float32)
    return np.clip(ratio * 255, 0, 255).astype(np.uint8)


def _rules_mask(ink: np.ndarray, text_px: float) -> np.ndarray:
    """Rules, underlines and box sides: strokes much longer or taller than a letter."""
    return line_mask(ink, max(12, int(text_px * 3)), max(6, int(text_px * 1.5)), grow=2)


def _dots_mask(ink: np.ndarray, text_px: float) -> np.ndarray:
    """Dotted leaders: many dot-sized blobs sharing a row (a letter's dots are one or two)."""
    count, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    band = max(2.0, 0.15 * text_px)
    rows: dict[int, list[int]] = {}
    for i in range(1, count):
        if (stats[i, cv2.CC_STAT_HEIGHT] <= 0.3 * text_px
                and stats[i, cv2.CC_STAT_WIDTH] <= 0.45 * text_px):
            rows.setdefault(int(centres[i][1] // band), []).append(i)
    dots = [i for row, blobs in rows.items()
            if len(blobs) + len(rows.get(row - 1, ())) + len(rows.get(row + 1, ())) >= DOT_ROW_MIN
            for i in blobs]
    return np.isin(labels, dots).astype(np.uint8) * 255


def clean_crop(gray: np.ndarray, text_px: float) -> np.ndarray:
    """A value's crop with flat white paper and no rules, box sides or dotted leaders."""
    flat = flatten(gray, text_px)
    ink = binarise(flat)
    rules = _rules_mask(ink, text_px)
    rest = cv2.bitwise_and(ink, cv2.bitwise_not(rules))
    cleaned = flat.copy()
    cleaned[(rules | _dots_mask(rest, text_px)) > 0] = 255
    return cleaned


def crop_line_words(page: Page, box: Box, text_height: float, scale: float = 1.0,
                    blanks: tuple[Box, ...] = ()) -> tuple[Word, ...]:
    """OCR the rectangle `box` (points) as one line of text `text_height` points tall, its
    `blanks` (other labels) painted white; words come back in page points."""
    crop = line_crop(page, box, text_height, scale, blanks)
    if crop is None:
        return ()
    words = tesseract_words(crop.picture, "--psm 7")
    return tuple(crop.to_page(w) for w in words)


def crops_line_words(page: Page,
                     wanted: list[tuple[Box, float, float]]) -> list[tuple[Word, ...]]:
    """`crop_line_words` of each (box, text height, scale), all read in one Tesseract run."""
    crops = [line_crop(page, box, height, scale) for box, height, scale in wanted]
    found = iter(tesseract_words_many([c.picture for c in crops if c is not None], 7))
    return [() if crop is None else tuple(crop.to_page(w) for w in next(found))
            for crop in crops]


@dataclass(frozen=True)
class LineCrop:
    """A cleaned, enlarged crop of a page and how to map its pixels back to page points."""

    picture: Image.Image
    factor: float
    origin: tuple[int, int]
    px_per_pt: tuple[float, float]

    def to_page(self, word: Word) -> Word:
        return _to_page(word, self.factor, self.origin, self.px_per_pt)


def line_crop(page: Page, box: Box, text_height: float, scale: float = 1.0,
              blanks: tuple[Box, ...] = ()) -> LineCrop | None:
    """The rectangle `box` (points) of the page picture, `blanks` painted white, cleaned and
    enlarged so that text `text_height` points tall is CROP_TEXT_PX * `scale` pixels."""
    gray = None if page.image is None else page_gray(page.image)
    if gray is None:
        return None
    sx, sy = gray.shape[1] / page.width, gray.shape[0] / page.height
    x0, y0 = max(0, int(box[0] * sx)), max(0, int(box[1] * sy))
    x1, y1 = min(gray.shape[1], int(box[2] * sx) + 1), min(gray.shape[0], int(box[3] * sy) + 1)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = gray[y0:y1, x0:x1].copy()
    for bx0, btop, bx1, bbottom in blanks:
        crop[max(0, int(btop * sy) - y0):max(0, int(bbottom * sy) + 1 - y0),
             max(0, int(bx0 * sx) - x0):max(0, int(bx1 * sx) + 1 - x0)] = 255
    text_px = max(text_height * sy, 4.0)
    cleaned = clean_crop(crop, text_px)
    factor = min(6.0, max(0.5, CROP_TEXT_PX / text_px)) * scale
    big = cv2.resize(cleaned, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    big = cv2.copyMakeBorder(big, PAD_PX, PAD_PX, PAD_PX, PAD_PX, cv2.BORDER_CONSTANT, value=255)
    return LineCrop(Image.fromarray(big), factor, (x0, y0), (sx, sy))


def _to_page(word: Word, factor: float, origin: tuple[int, int],
             scale: tuple[float, float]) -> Word:
    def x(value: float) -> float:
        return ((value - PAD_PX) / factor + origin[0]) / scale[0]

    def y(value: float) -> float:
        return ((value - PAD_PX) / factor + origin[1]) / scale[1]

    return Word(word.text, x(word.x0), y(word.top), x(word.x1), y(word.bottom), word.conf)
