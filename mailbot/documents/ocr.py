"""OCR backend: Tesseract (Turkish model) words with positions, from deskewed rule-free pictures."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytesseract
from PIL import Image

from mailbot.documents.leaders import dotted_leaders
from mailbot.documents.model import Word

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _cv2():
    """OpenCV, imported on first use and kept single-threaded.

    Its thread pool does not survive a fork: a pool created in a (fork-server) parent
    deadlocks the forked child, so it is never imported before the fork and never threaded.
    """
    import cv2

    cv2.setNumThreads(1)
    return cv2
_MAX_SKEW_DEGREES = 15.0
_EVEN_LIGHT_SPREAD = 45.0  # grey levels; scans measure under ~40, photos over ~50
_ANGLE_WIDTH_PX = 900  # the skew angle is estimated on a copy this wide
_RULE_MARKS = "|¦!"  # a word of these alone is what is left of a table rule
GREY, FLAT, BINARY = "grey", "flat", "binary"  # picture styles, see `prepare`


def is_available() -> bool:
    """True when the tesseract binary (Debian package tesseract-ocr) is on PATH."""
    return shutil.which("tesseract") is not None


def straighten(image: Image.Image) -> Image.Image:
    """Grayscale and deskewed copy of `image` (the picture word coordinates refer to)."""
    return Image.fromarray(_deskew(np.asarray(image.convert("L"))))


def prepare(image: Image.Image, adaptive: bool | None = None, *, style: str = GREY
            ) -> Image.Image:
    """The picture Tesseract reads, table rules erased, in one of three styles.

    GREY keeps the grey levels (Tesseract reads anti-aliased text better than our
    thresholding of it); FLAT divides the grey picture by its background first, for sheets
    shaded or lying on a darker desk; BINARY denoises and thresholds (adaptive for unevenly
    lit photos, Otsu for even scans). `adaptive` None chooses by the light.
    """
    cv2 = _cv2()
    gray = np.asarray(image.convert("L"))
    if min(gray.shape) < 32:
        return image.convert("L")
    if adaptive is None:
        adaptive = uneven_light(gray)
    flat = flatten_light(gray) if style == FLAT else None
    source = cv2.medianBlur(gray, 3) if style == BINARY else gray if flat is None else flat
    if adaptive:
        block = max(15, (min(gray.shape) // 30) | 1)
        thresholded = cv2.adaptiveThreshold(source, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
                                            cv2.THRESH_BINARY, block, 15)
    else:
        _, thresholded = cv2.threshold(source, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    picture = {GREY: gray, FLAT: flat, BINARY: thresholded}[style].copy()
    picture[_rules(thresholded) > 0] = 255
    return Image.fromarray(picture)


def flatten_light(gray: np.ndarray) -> np.ndarray:
    """Divide by the background (ink closed away): paper becomes white, shade and borders go.

    Without it, Tesseract's global threshold takes a shaded sheet, or a sheet on a darker
    desk, for ink as a whole.
    """
    cv2 = _cv2()
    size = max(15, (min(gray.shape) // 40) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), size / 2)
    ratio = gray.astype(np.float32) / np.maximum(background.astype(np.float32), 1.0)
    return np.clip(ratio * 255.0, 0, 255).astype(np.uint8)


def uneven_light(gray: np.ndarray) -> bool:
    """True for photos: the page background's brightness spreads widely (shade, table, edge)."""
    cv2 = _cv2()
    small = cv2.resize(gray, (64, 64), interpolation=cv2.INTER_AREA)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    spread = float(np.percentile(background, 95) - np.percentile(background, 5))
    return spread > _EVEN_LIGHT_SPREAD


def _rules(binary: np.ndarray) -> np.ndarray:
    """Mask of long horizontal and vertical lines (table borders confuse Tesseract)."""
    cv2 = _cv2()
    ink = 255 - binary
    height, width = binary.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(25, width // 20), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(25, height // 20)))
    flat = _long_only(cv2.morphologyEx(ink, cv2.MORPH_OPEN, across), _letter_height(ink))
    rules = cv2.bitwise_or(flat, cv2.morphologyEx(ink, cv2.MORPH_OPEN, down))
    return cv2.dilate(rules | dotted_leaders(ink), np.ones((3, 3), np.uint8))


_RULE_LETTERS = 8  # a rule is at least this many letters' heights long


def _letter_height(ink: np.ndarray) -> float:
    """The median height (pixels) of the ink's blobs of letter size."""
    cv2 = _cv2()
    _count, _labels, stats, _centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    letters = heights[(heights >= 6) & (heights <= ink.shape[0] // 10)]
    return float(np.median(letters)) if letters.size else 0.0


def _long_only(rules: np.ndarray, letter: float) -> np.ndarray:
    """The rules' strokes that are many letters long: the joined feet of small bold print
    ("Gönderen" on a phone's screen) also hold a short horizontal run."""
    cv2 = _cv2()
    _count, labels, stats, _centres = cv2.connectedComponentsWithStats(rules, connectivity=8)
    extent = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    short = np.flatnonzero(extent < _RULE_LETTERS * letter)
    short = short[short > 0]
    if short.size == 0:
        return rules
    kept = rules.copy()
    kept[np.isin(labels, short)] = 0
    return kept


def _deskew(gray: np.ndarray) -> np.ndarray:
    """Rotate so that text lines are horizontal (angle from Hough lines on a small copy)."""
    if gray.size == 0 or int((gray < 128).sum()) < 50:
        return gray
    angle = _skew_angle(flatten_light(gray))  # desk and sheet edges are not text lines
    if abs(angle) < 0.3 or abs(angle) > _MAX_SKEW_DEGREES:
        return gray
    cv2 = _cv2()
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def _skew_angle(gray: np.ndarray) -> float:
    """The dominant text-line angle in degrees, from Hough lines over smeared ink."""
    cv2 = _cv2()
    factor = min(1.0, _ANGLE_WIDTH_PX / gray.shape[1])
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, small.shape[1] // 40), 1))
    smeared = cv2.erode(cv2.dilate(binary, kernel), np.ones((3, 3), np.uint8))
    lines = cv2.HoughLinesP(smeared, 1, np.pi / 720, threshold=60,
                            minLineLength=small.shape[1] // 5, maxLineGap=5)
    if lines is None:
        return 0.0
    segments = lines.reshape(-1, 4)
    angles = [np.degrees(np.arctan2(y2 - y1, x2 - x1)) for x1, y1, x2, y2 in segments]
    angles = [a for a in angles if abs(a) <= _MAX_SKEW_DEGREES]
    return float(np.median(angles)) if angles else 0.0


def rule_remnant(text: str) -> bool:
    """True for a word that is only bars ("|", "!"): what is left of a table rule, not text."""
    return not text.strip(_RULE_MARKS)


def mean_confidence(words: tuple[Word, ...]) -> float:
    """Tesseract's mean confidence over words of two or more characters (0 when none)."""
    confidences = [word.conf for word in words if len(word.text) >= 2]
    return sum(confidences) / len(confidences) if confidences else 0.0


def ocr_image(image: Image.Image, *, psm: int = 6, lang: str = "tur",
              dpi: int | None = None, deskew: bool = True,
              adaptive: bool | None = None, style: str = GREY) -> tuple[Word, ...]:
    """OCR one image into words.

    With `dpi` the coordinates are converted to PDF points (72 per inch); without it they
    are pixels of `image` (after deskewing, when `deskew` is true; pass an image already
    straightened by `straighten` and `deskew=False` to keep coordinates on that picture).
    `conf` is Tesseract's 0-100 word confidence; `adaptive` and `style` go to `prepare`.
    """
    prepared = prepare(straighten(image) if deskew else image, adaptive, style=style)
    config = f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")
    data = pytesseract.image_to_data(prepared, lang=lang, config=config,
                                     output_type=pytesseract.Output.DICT)
    scale = 72.0 / dpi if dpi else 1.0
    words: list[Word] = []
    line_ids: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0 or rule_remnant(text):
            continue
        left, top = data["left"][i], data["top"][i]
        right, bottom = left + data["width"][i], top + data["height"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        line = line_ids.setdefault(key, len(line_ids))
        words.append(Word(text, left * scale, top * scale, right * scale, bottom * scale, conf,
                          line))
    return tuple(words)
