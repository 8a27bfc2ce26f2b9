"""A second OCR engine for handwriting: PP-OCR text lines of a page picture (RapidOCR, ONNX).

Tesseract follows print well and script poorly; PP-OCR's detector and recogniser (the models
ship inside the `rapidocr_onnxruntime` wheel; nothing is downloaded) read handwritten digits
and letters far more often, but only in ASCII: Turkish marks are dropped ("Sule Koc") and
spaces between words often too ("UZMANDOKTOR"). Its lines are a second opinion, vetted by
checksums, formats and word lists before anything is taken from them.
"""

from __future__ import annotations

import logging
import unicodedata
from functools import lru_cache
from typing import Any

import cv2
import numpy as np

from mailbot.documents.form_crop import clean_crop
from mailbot.documents.form_ocr import comb_walls
from mailbot.documents.ink import page_gray, without_rules_mended
from mailbot.documents.model import Page, Word

log = logging.getLogger(__name__)
MIN_SCORE = 0.5  # lines the recogniser scores lower are noise


@lru_cache(maxsize=1)
def _engine() -> Any:  # a RapidOCR (the package has no type hints)
    from rapidocr_onnxruntime import RapidOCR

    one_thread = {f"{part}_{kind}_op_num_threads": 1
                  for part in ("det", "cls", "rec") for kind in ("intra", "inter")}
    return RapidOCR(**one_thread)


def page_lines(page: Page, without_rules: bool = False) -> tuple[Word, ...]:
    """The text lines PP-OCR finds on the page picture, in page points (conf 0-100); none
    when the page has no picture. `without_rules`: on the picture with its ruled lines
    taken out (writing a rule strikes through is otherwise often not found)."""
    if page.image is None:
        return ()
    return _lines(page.image, page.width, page.height, without_rules)


def reread_line(page: Page, line: Word, without_walls: bool = False,
                without_rules: bool = False) -> list[str]:
    """The line read again from its own crop of the page picture: as it is, enlarged by half
    and cleaned of rules and dotted leaders (differences show an unsure reading). Each line is
    read once: the form's checks ask for the same rows again. With `without_walls`, the
    walls of the comb cells it is written in are taken out first (PP-OCR reads a wall as a 1
    or a bracket); no readings where the crop holds no comb. `without_rules`: cropped from
    the picture page_lines(page, without_rules=True) read."""
    if page.image is None:
        return []
    return list(_reread(page.image, page.width, page.height, line, without_walls, without_rules))


@lru_cache(maxsize=256)
def _reread(image: bytes, width: float, height: float, line: Word,
            without_walls: bool, without_rules: bool) -> tuple[str, ...]:
    crop = _crop(image, width, height, line, without_rules)
    if crop is not None and without_walls:
        crop = _without_walls(crop)
    return () if crop is None else tuple(_recognise(variant) for variant in _variants(crop))


def _without_walls(crop: np.ndarray) -> np.ndarray | None:
    """The crop with its comb cells' walls painted over, or None where it holds no comb."""
    walls = comb_walls(crop, int(0.6 * crop.shape[0]))
    if walls is None:
        return None
    crop = crop.copy()
    crop[walls > 0] = 255
    return crop


def _crop(image: bytes, width: float, height: float, line: Word,
          without_rules: bool = False) -> np.ndarray | None:
    """The line's crop of the page picture, padded by a sixth of its height."""
    gray = _gray(image, without_rules)
    if gray is None:
        return None
    sx, sy = gray.shape[1] / width, gray.shape[0] / height
    pad = 0.15 * (line.bottom - line.top) * sy
    y0, y1 = max(0, int(line.top * sy - pad)), int(line.bottom * sy + pad) + 1
    x0, x1 = max(0, int(line.x0 * sx - pad)), int(line.x1 * sx + pad) + 1
    crop = gray[y0:y1, x0:x1]
    return crop if crop.size else None


def _variants(crop: np.ndarray) -> tuple[np.ndarray, ...]:
    """A crop as it is, enlarged by half, and cleaned of rules and dotted leaders."""
    return (crop, cv2.resize(crop, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC),
            clean_crop(crop, 0.7 * crop.shape[0]))


def _recognise(gray: np.ndarray) -> str:
    try:
        found, _ = _engine()(np.dstack([gray, gray, gray]), use_det=False, use_cls=False,
                             use_rec=True)
    except Exception as error:  # no reading: the value is not vouched for
        log.warning("PP-OCR failed on a line (%s)", type(error).__name__)
        return ""
    return _ascii_forms(str(found[0][0])).strip() if found else ""


def _ascii_forms(text: str) -> str:
    """Full-width digits and letters PP-OCR's Chinese-trained recogniser gives ("０5４")
    as plain ones (NFKC)."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=2)
def _gray(image: bytes, without_rules: bool) -> np.ndarray | None:
    """The page picture in grey, with its ruled lines taken out (ink.without_rules_mended)
    or as it is."""
    gray = page_gray(image)
    return without_rules_mended(gray) if gray is not None and without_rules else gray


@lru_cache(maxsize=4)
def _lines(image: bytes, width: float, height: float, without_rules: bool) -> tuple[Word, ...]:
    gray = _gray(image, without_rules)
    if gray is None:
        return ()
    try:
        found, _ = _engine()(np.dstack([gray, gray, gray]), use_cls=False)
    except ImportError as error:
        log.warning("PP-OCR is unavailable (%s): handwriting gets no second reading", error)
        return ()
    except Exception as error:  # a second opinion only: the form is read without it
        log.warning("PP-OCR failed on a page (%s): handwriting gets no second reading",
                    type(error).__name__)
        return ()
    sx, sy = gray.shape[1] / width, gray.shape[0] / height
    lines = []
    for corners, text, score in found or ():
        text = _ascii_forms(text)
        if float(score) < MIN_SCORE or not text.strip():
            continue
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        lines.append(Word(text.strip(), min(xs) / sx, min(ys) / sy, max(xs) / sx, max(ys) / sy,
                          round(float(score) * 100, 1)))
    return tuple(sorted(lines, key=lambda w: (w.top, w.x0)))
