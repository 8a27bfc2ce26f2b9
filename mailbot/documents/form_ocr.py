"""Second OCR pass for scanned forms: table rules removed, so Tesseract keeps every labelled row."""

from __future__ import annotations

import csv
import io
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from mailbot.documents.form_values import digits_of
from mailbot.documents.ink import baseline_wobble, binarise, line_mask, page_gray
from mailbot.documents.model import Page, Word

TEXT_PX = 50  # height a value's text is enlarged to before its second reading
RULE_FRACTION = 1 / 20  # a dark run this share of the page width is a table rule, not a letter
TESSERACT_TIMEOUT = 60  # seconds for one batch of crops


def _without_rules(png: bytes) -> Image.Image | None:
    """The page image with long horizontal and vertical rules painted white."""
    gray = page_gray(png)
    if gray is None:
        return None
    ink = binarise(gray)
    length = max(20, int(gray.shape[1] * RULE_FRACTION))
    rules = line_mask(ink, length, length) | cv2.dilate(_leaders(ink), np.ones((3, 3), np.uint8))
    cleaned = gray.copy()
    cleaned[rules > 0] = 255
    return Image.fromarray(cleaned)


def _leaders(ink: np.ndarray) -> np.ndarray:
    """Dotted or dashed leader lines ("Adı Soyadı ........"): thin once their gaps are closed."""
    width = ink.shape[1]
    gap = np.ones((1, max(3, int(width * 0.012))), np.uint8)
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, gap)
    runs = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((1, max(20, width // 20)), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    thin = [i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] <= max(3, width * 0.004)]
    return np.isin(labels, thin).astype(np.uint8) * 255


def ocr_words(image: Image.Image, dpi: int, psm: int = 6) -> tuple[Word, ...]:
    """Tesseract (tur+eng) words of a prepared grayscale image, in points at `dpi`.

    The form reader's own call (not the page OCR's, whose preprocessing may change): the
    picture is only Otsu-binarised here, since rules and boxes were already removed."""
    gray = np.asarray(image.convert("L"))
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return tesseract_words(Image.fromarray(binary), f"--psm {psm} --dpi {dpi}", 72.0 / dpi)


def tesseract_words(picture: Image.Image, config: str, scale: float = 1.0) -> tuple[Word, ...]:
    """Tesseract's (tur+eng) non-empty words of `picture`, coordinates times `scale`."""
    import pytesseract

    data = pytesseract.image_to_data(picture, lang="tur+eng", config=config,
                                     output_type=pytesseract.Output.DICT)
    rows = zip(data["text"], data["conf"], data["left"], data["top"], data["width"],
               data["height"], strict=True)
    return tuple(_words(rows, scale))


def tesseract_words_many(pictures: list[Image.Image], psm: int) -> list[tuple[Word, ...]]:
    """`tesseract_words` of each picture from one Tesseract run (the models load once: most
    of a small crop's time), each picture a page of its own, read as alone."""
    if not pictures:
        return []
    with tempfile.TemporaryDirectory(prefix="mailbot-ocr-") as folder:
        names = []
        for number, picture in enumerate(pictures):
            names.append(str(Path(folder) / f"{number}.png"))
            picture.save(names[-1])
        listing = Path(folder) / "pictures.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        done = subprocess.run(["tesseract", str(listing), "stdout", "-l", "tur+eng", "--psm",
                               str(psm), "tsv"], capture_output=True, text=True, check=True,
                              timeout=TESSERACT_TIMEOUT)
    pages: list[list[tuple]] = [[] for _ in pictures]
    for row in list(csv.reader(io.StringIO(done.stdout), delimiter="\t",
                               quoting=csv.QUOTE_NONE))[1:]:
        if len(row) >= 12 and row[0] == "5":
            conf = int(float(row[10]))  # whole numbers, as pytesseract gives them
            pages[int(row[1]) - 1].append((row[11], conf, *map(int, row[6:10])))
    return [tuple(_words(rows, 1.0)) for rows in pages]


def _words(rows, scale: float) -> list[Word]:
    """Words from Tesseract's (text, conf, left, top, width, height) rows."""
    words = []
    for text, conf, left, top, width, height in rows:
        if text.strip() and float(conf) >= 0:
            words.append(Word(text.strip(), left * scale, top * scale, (left + width) * scale,
                              (top + height) * scale, float(conf)))
    return words


def reread_without_rules(page: Page) -> Page | None:
    """The page OCR'd again with its table rules removed, or None when there is no image."""
    if page.image is None:
        return None
    image = _without_rules(page.image)
    if image is None:
        return None
    dpi = page.dpi or round(image.width * 72 / page.width)
    words = ocr_words(image, dpi)
    return replace(page, words=words, text=" ".join(w.text for w in words))


def crop_words(page: Page, box: tuple[float, float, float, float], text_height: float,
               scale: float = 1.0) -> tuple[Word, ...] | None:
    """OCR one value's rectangle (points) again as a single line, its text (`text_height`
    points tall) enlarged to TEXT_PX pixels, times `scale`."""
    if page.image is None:
        return None
    gray = page_gray(page.image)
    if gray is None:
        return None
    sx, sy = gray.shape[1] / page.width, gray.shape[0] / page.height
    x0, top, x1, bottom = box
    crop = gray[max(0, int(top * sy)):int(bottom * sy) + 1, max(0, int(x0 * sx)):int(x1 * sx) + 1]
    if crop.size == 0:
        return None
    crop = _erase_lines(crop, text_height * sy)
    factor = min(6.0, max(1.0, TEXT_PX / max(text_height * sy, 1.0))) * scale
    crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    crop = cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    return line_words(Image.fromarray(crop))


def _erase_lines(crop: np.ndarray, text_px: float) -> np.ndarray:
    """Paint white the box sides and rules around a value: strokes taller or longer than text."""
    ink = binarise(crop)
    lines = line_mask(ink, max(12, int(text_px * 4)), max(6, int(text_px * 1.3)))
    cleaned = crop.copy()
    cleaned[lines > 0] = 255
    return cleaned


def line_words(image: Image.Image) -> tuple[Word, ...]:
    """Tesseract words of a one-line image (coordinates in its pixels, at a nominal 72 dpi)."""
    return ocr_words(image, 72, psm=7)


def _level(crop: np.ndarray, slope: float) -> np.ndarray:
    """Rotate a crop so that text running at `slope` (dy/dx) becomes horizontal."""
    if abs(slope) < 0.005:
        return crop
    height, width = crop.shape
    angle = float(np.degrees(np.arctan(slope)))
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1)
    return cv2.warpAffine(crop, matrix, (width, height), borderValue=255)


@dataclass(frozen=True)
class Digits:
    """A row of digits read at two sizes, and how far they sit off one baseline (points; None
    when too few to tell): print sits on it, handwriting wanders."""

    texts: list[str]
    wobble: float | None = None


def digits_in(page: Page, box: tuple[float, float, float, float], text_height: float,
              slope: float = 0.0, fits: Callable[[str], bool] = bool) -> Digits:
    """The digits in a rectangle (points), read with rules and comb-cell walls removed
    (a wall is a vertical stroke taller than the text, `text_height` points); in comb cells,
    read again closed up where the readings disagree or the value does not `fit` (all four
    readings kept where neither pair fits)."""
    if page.image is None:
        return Digits([])
    gray = page_gray(page.image)
    if gray is None:
        return Digits([])
    sx, sy = gray.shape[1] / page.width, gray.shape[0] / page.height
    crop = gray[max(0, int(box[1] * sy)):int(box[3] * sy) + 1,
                max(0, int(box[0] * sx)):int(box[2] * sx) + 1]
    if crop.size == 0:
        return Digits([])
    crop = _level(crop, slope)
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    width = ink.shape[1]
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(20, width // 4)), np.uint8))
    thick = cv2.dilate(ink, np.ones((1, 3), np.uint8))
    walls = _walls(thick, max(8, int(text_height * 1.05 * sy)))
    lines = cv2.dilate(walls | rules, np.ones((3, 3), np.uint8))
    keep = cv2.bitwise_and(ink, cv2.bitwise_not(lines))
    rows = np.flatnonzero(keep.any(axis=1))  # the digits' own height, not the crop's
    wobble = baseline_wobble(keep, (0, int(rows[0]), keep.shape[1], int(rows[-1]) + 1)
                             ) if rows.size else None
    texts = digit_line(_bordered(keep))
    if _comb_walls(walls) >= COMB_WALLS and rows.size and not _fitting(texts, fits):
        closed = digit_line(_bordered(_closed_up(keep[rows[0]:rows[-1] + 1])))
        texts = closed if _fitting(closed, fits) else texts + closed  # digits a cell apart
    return Digits(texts, None if wobble is None else wobble / sy)


def _bordered(keep: np.ndarray) -> Image.Image:
    return Image.fromarray(cv2.copyMakeBorder(255 - keep, 20, 20, 20, 20, cv2.BORDER_CONSTANT,
                                              value=255))


def _fitting(texts: list[str], fits: Callable[[str], bool]) -> bool:
    """Whether every reading gives the same digits, and they fit the field."""
    found = {digits_of(text) for text in texts}
    return len(found) == 1 and fits(found.pop())


COMB_WALLS = 4  # cell walls that make a row of comb cells


def _walls(ink: np.ndarray, tall: int) -> np.ndarray:
    """Vertical strokes taller than `tall` pixels; where they are a comb's walls, only those
    nearly as tall as most of them (a digit's stroke in a cell is tall too)."""
    walls = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((tall, 1), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(walls, connectivity=8)
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    if len(heights) < COMB_WALLS:
        return walls
    wall = max(tall, int(0.8 * np.median(heights)))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((wall, 1), np.uint8))


def comb_walls(gray: np.ndarray, tall: int) -> np.ndarray | None:
    """The walls of the comb cells in a grey crop (vertical strokes at least `tall` pixels,
    grown to cover their edges), or None where there are fewer than COMB_WALLS."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    walls = _walls(cv2.dilate(ink, np.ones((1, 3), np.uint8)), max(8, tall))
    if _comb_walls(walls) < COMB_WALLS:
        return None
    return cv2.dilate(walls, np.ones((3, 3), np.uint8))


def _comb_walls(walls: np.ndarray) -> int:
    """How many separate vertical walls the mask holds."""
    columns = walls.any(axis=0).astype(np.int8)
    return int(np.count_nonzero(np.diff(columns, prepend=0) == 1))


def _closed_up(keep: np.ndarray) -> np.ndarray:
    """The glyphs of a row side by side at a text's spacing (a third of their height apart):
    Tesseract reads printed digits a cell wide apart as fewer or more than there are (a
    handwritten digit's strokes may stand apart: only where the cells' reading fell short)."""
    columns = np.flatnonzero(keep.any(axis=0))
    if not columns.size:
        return keep
    runs = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1)
    gap = np.zeros((keep.shape[0], max(2, keep.shape[0] // 3)), np.uint8)
    pieces = [part for run in runs for part in (keep[:, run[0]:run[-1] + 1], gap)]
    return np.hstack(pieces[:-1])


def digit_line(image: Image.Image) -> list[str]:
    """Readings of one line of digits by Tesseract with a digit whitelist, as printed and
    enlarged twice (swap point)."""
    import pytesseract

    config = "--psm 6 -c tessedit_char_whitelist=0123456789"
    larger = image.resize((image.width * 2, image.height * 2), Image.LANCZOS)
    return [pytesseract.image_to_string(picture, lang="eng", config=config).strip()
            for picture in (image, larger)]
