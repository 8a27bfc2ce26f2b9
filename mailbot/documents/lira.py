"""The lira sign '₺', missing from Tesseract's Turkish model, told by its shape on the picture.

Tesseract reads '₺1.080,00' as '41.080,00' or '11.080,00': a digit glued to a well-formed
amount. For such a word the first glyph is cut from the page picture and compared with the
lira sign and with the look-alike characters, each drawn in the fonts this machine has (all
scaled to one small grid); the word becomes '₺' + the amount only when the sign fits clearly
better than every look-alike and the picture shows as many characters as the word has (when
it shows one more, Tesseract dropped the sign and kept every digit: the word stands).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from mailbot.documents.model import Word

LIRA = "₺"
GLUED_AMOUNT = re.compile(r"^([0-9tLbf])(\d{1,3}(?:[.,]\d{3})*[.,]\d{2}(?:TL|TRY)?)$")
LOOK_ALIKES = "0123456789tLbfE"
GRID = (16, 20)  # width, height of the normalised glyph
MARGIN = 0.04  # the sign's fit must beat the best look-alike's by this much (0..1)
_FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))
_FONT_NAMES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf",
               "DejaVuSansCondensed.ttf", "DejaVuSerif-Bold.ttf", "LiberationSans-Regular.ttf",
               "LiberationSerif-Regular.ttf", "FreeSans.ttf", "Carlito-Regular.ttf",
               "NotoSans-Regular.ttf", "Roboto-Regular.ttf", "OpenSans-Regular.ttf")


def _font_files() -> list[Path]:
    found = []
    for name in _FONT_NAMES:
        for base in _FONT_DIRS:
            found += sorted(base.glob(f"*/{name}"))[:1] if base.is_dir() else []
    return found


def _draw(font: ImageFont.FreeTypeFont, ch: str) -> np.ndarray | None:
    image = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(image).text((20, 10), ch, fill=255, font=font)
    return _normalised(np.asarray(image) > 127)


def _normalised(ink: np.ndarray) -> np.ndarray | None:
    """The glyph's ink cropped to its box and scaled to GRID, as floats 0..1."""
    rows, cols = np.nonzero(ink)
    if rows.size < 4:
        return None
    box = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    picture = Image.fromarray((box * 255).astype(np.uint8)).resize(GRID, Image.BILINEAR)
    return np.asarray(picture, dtype=np.float32) / 255.0


@lru_cache(maxsize=1)
def templates() -> tuple[tuple[str, np.ndarray], ...]:
    """(character, glyph) for the sign and the look-alikes in every font that draws them;
    a font without the sign (a box instead) gives none of its sign."""
    found: list[tuple[str, np.ndarray]] = []
    for path in _font_files():
        font = ImageFont.truetype(str(path), 64)
        tofu = _draw(font, "\uffff")
        for ch in LIRA + LOOK_ALIKES:
            glyph = _draw(font, ch)
            if glyph is not None and (tofu is None or not np.allclose(glyph, tofu)):
                found.append((ch, glyph))
    return tuple(found)


def _fit(a: np.ndarray, b: np.ndarray) -> float:
    """Normalised correlation of two glyphs (1 = same shape)."""
    a, b = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / denominator if denominator else 0.0


def is_lira(glyph: np.ndarray) -> bool:
    """True when the lira sign fits the glyph clearly better than any look-alike."""
    sign = [_fit(glyph, t) for ch, t in templates() if ch == LIRA]
    other = [_fit(glyph, t) for ch, t in templates() if ch != LIRA]
    return bool(sign) and bool(other) and max(sign) > max(other) + MARGIN


def glyph_count(ink: np.ndarray) -> int:
    """The characters of a printed word: runs of inked columns, a run about twice as wide as
    a digit (the median run, at least 0.45 of the ink's height) counted as the two glyphs it
    is ('00' touching on a low-resolution scan)."""
    columns = ink.any(axis=0).astype(np.int8)
    edges = np.diff(np.concatenate(([0], columns, [0])))
    widths = np.nonzero(edges == -1)[0] - np.nonzero(edges == 1)[0]
    if widths.size == 0:
        return 0
    rows = np.nonzero(ink.any(axis=1))[0]
    typical = max(float(np.median(widths)), 0.45 * float(rows[-1] - rows[0] + 1))
    return int(sum(max(1, int(width / typical + 0.25)) for width in widths))


def first_glyphs(ink: np.ndarray) -> list[np.ndarray]:
    """The word's first character: ink columns from the left up to the first empty column;
    where that run is wider than tall (blur glued it to the next character), each way of
    cutting it where a character's right side may lie (0.3 to 0.9 of the ink's height)."""
    columns = ink.any(axis=0)
    if not columns.any():
        return []
    start = int(np.argmax(columns))
    gaps = np.nonzero(~columns[start:])[0]
    end = start + int(gaps[0]) if gaps.size else ink.shape[1]
    if end - start <= ink.shape[0]:
        cuts = [end]
    else:
        rows = np.nonzero(ink.any(axis=1))[0]
        height = int(rows[-1] - rows[0] + 1)
        cuts = list(range(start + max(1, int(0.3 * height)),
                          min(end, start + int(0.9 * height) + 1)))
    glyphs = [_normalised(ink[:, start:cut]) for cut in cuts]
    return [glyph for glyph in glyphs if glyph is not None]


def mark_signs(words: tuple[Word, ...], gray: np.ndarray, px_per_pt: float) -> tuple[Word, ...]:
    """`words` with a digit misread for a lira sign written back as '₺'."""
    out = []
    for word in words:
        match = GLUED_AMOUNT.match(word.text)
        if match and _starts_with_sign(word, gray, px_per_pt):
            word = Word(LIRA + match[2], word.x0, word.top, word.x1, word.bottom, word.conf,
                        word.line)
        out.append(word)
    return tuple(out)


def _starts_with_sign(word: Word, gray: np.ndarray, px_per_pt: float) -> bool:
    x0, x1 = int(word.x0 * px_per_pt), int(np.ceil(word.x1 * px_per_pt))
    y0, y1 = int(word.top * px_per_pt), int(np.ceil(word.bottom * px_per_pt))
    crop = gray[max(0, y0):y1, max(0, x0):x1]
    if crop.size == 0 or crop.shape[0] < 6:
        return False
    ink = crop < _threshold(crop)
    if glyph_count(ink) != len(word.text):
        return False
    return any(is_lira(glyph) for glyph in first_glyphs(ink))


def _threshold(crop: np.ndarray) -> float:
    """Half-way between the paper and the ink of a word's box."""
    low, high = np.percentile(crop, 5), np.percentile(crop, 95)
    return float(low + high) / 2
