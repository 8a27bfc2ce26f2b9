"""Ink on a page image: printed checkbox outlines, the ink drawn inside them, handwriting."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

TICK_RATIO = 0.06  # ink share inside a box, above the emptiest box, that counts as a tick
MIN_BOX_PT = 6.5
MAX_BOX_PT = 28.0


@dataclass(frozen=True)
class Box:
    """A square-ish printed box, in points from the top-left, and the ink share inside it."""

    x0: float
    top: float
    x1: float
    bottom: float
    ink: float

    @property
    def side(self) -> float:
        return max(self.x1 - self.x0, self.bottom - self.top)


@lru_cache(maxsize=4)
def page_gray(png: bytes) -> np.ndarray | None:
    """A page picture decoded to grey, once per picture (its value crops are many); the
    array is shared, so it is read-only: copy before drawing on it."""
    gray = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if gray is not None:
        gray.flags.writeable = False
    return gray


class PageInk:
    """A binarised page image with helpers in PDF points (top-left origin)."""

    def __init__(self, png: bytes, page_width: float, page_height: float) -> None:
        gray = page_gray(png)
        if gray is None:
            raise ValueError("page image cannot be decoded")
        self.ink = binarise(gray)
        self.sx = gray.shape[1] / page_width
        self.sy = gray.shape[0] / page_height
        self._boxes: list[Box] | None = None

    def to_px(self, x0: float, top: float, x1: float, bottom: float) -> tuple[int, int, int, int]:
        """A rectangle in points as clipped pixel bounds (x0, y0, x1, y1)."""
        h, w = self.ink.shape
        return (max(0, int(x0 * self.sx)), max(0, int(top * self.sy)),
                min(w, round(x1 * self.sx)), min(h, round(bottom * self.sy)))

    def boxes(self) -> list[Box]:
        """Every printed checkbox outline on the page (found once, then cached)."""
        if self._boxes is None:
            self._boxes = [self._to_box(rect) for rect in _box_rects(self.ink, self.sx)]
        return self._boxes

    def _to_box(self, rect: tuple[int, int, int, int]) -> Box:
        x, y, w, h = rect
        return Box(x / self.sx, y / self.sy, (x + w) / self.sx, (y + h) / self.sy,
                   inner_ink(self.ink, rect))

    def has_writing(self, x0: float, top: float, x1: float, bottom: float, min_pt: float) -> bool:
        """True when the rectangle holds strokes at least `min_pt` tall (not rules or dots)."""
        tall = self._strokes(x0, top, x1, bottom, min_pt)
        return sum(int(s[cv2.CC_STAT_AREA]) for s in tall) >= 6 * self.sx * self.sy

    def writing_span(self, x0: float, top: float, x1: float, bottom: float,
                     min_pt: float) -> tuple[float, float] | None:
        """From where to where (points, left to right) the rectangle holds strokes at least
        `min_pt` tall (not rules or dots); None where it holds none."""
        tall = self._strokes(x0, top, x1, bottom, min_pt)
        if not tall:
            return None
        left = min(int(s[cv2.CC_STAT_LEFT]) for s in tall)
        right = max(int(s[cv2.CC_STAT_LEFT] + s[cv2.CC_STAT_WIDTH]) for s in tall)
        start = self.to_px(x0, top, x1, bottom)[0]
        return (start + left) / self.sx, (start + right) / self.sx

    def _strokes(self, x0: float, top: float, x1: float, bottom: float,
                 min_pt: float) -> list[np.ndarray]:
        """The rectangle's connected strokes at least `min_pt` tall, rules removed (stats)."""
        px = self.to_px(x0, top, x1, bottom)
        crop = self.ink[px[1]:px[3], px[0]:px[2]]
        if crop.size == 0:
            return []
        crop = _without_rules(crop, int(12 * self.sx))
        count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
        return [s for s in stats[1:count] if s[cv2.CC_STAT_HEIGHT] >= min_pt * self.sy]


def binarise(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0: darker than its neighbourhood (photos: shadows, dark table edges)."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 41, 15)


def line_mask(ink: np.ndarray, across: int, down: int, grow: int = 3) -> np.ndarray:
    """Strokes of `ink` at least `across` pixels long or `down` pixels tall (rules, underlines,
    box sides), grown by `grow` pixels to cover their anti-aliased edges."""
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, across), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((down, 1), np.uint8))
    return cv2.dilate(horizontal | vertical, np.ones((grow, grow), np.uint8))


def without_rules_mended(gray: np.ndarray) -> np.ndarray:
    """The page with its long horizontal rules (a 25th of its width or longer) painted white
    and the upright strokes they cut joined again: writing that sits on a rule, or that a
    rule strikes through, reads as writing and not as one long line."""
    width = gray.shape[1]
    rules = cv2.morphologyEx(binarise(gray), cv2.MORPH_OPEN,
                             np.ones((1, max(40, width // 25)), np.uint8))
    rules = cv2.dilate(rules, np.ones((3, 1), np.uint8))
    cleaned = gray.copy()
    cleaned[rules > 0] = 255
    gap = max(5, round(width / 275)) | 1  # a rule's thickness, grown, on an A4 page
    strokes = cv2.morphologyEx(np.where(cleaned < 128, 255, 0).astype(np.uint8),
                               cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    cleaned[(strokes > 0) & (rules > 0)] = 0
    return cleaned


def _without_rules(ink: np.ndarray, length: int) -> np.ndarray:
    """Remove long horizontal and vertical strokes (underlines, table rules, box sides)."""
    length = max(length, 8)
    return cv2.bitwise_and(ink, cv2.bitwise_not(line_mask(ink, length, length)))


def _box_rects(ink: np.ndarray, scale: float) -> list[tuple[int, int, int, int]]:
    """Pixel rectangles (x, y, w, h) of square outlines between MIN_BOX_PT and MAX_BOX_PT."""
    lo, hi = int(MIN_BOX_PT * scale), int(MAX_BOX_PT * scale)
    run = max(4, int(lo * 0.8))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    frame = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(frame, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    rects = []
    for contour in contours:
        rect = _refine(horizontal, vertical, cv2.boundingRect(contour))
        if rect is None:
            continue
        _x, _y, w, h = rect
        if lo <= w <= hi and lo <= h <= hi and 0.75 <= w / h <= 1.33 \
                and _closed(horizontal, vertical, rect):
            rects.append(rect)
    return _outermost(rects)


def _refine(horizontal: np.ndarray, vertical: np.ndarray,
            rect: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """Shrink a frame's bounding rectangle to its outermost long rules (drops tick overshoot)."""
    x, y, w, h = rect
    rows = np.where((horizontal[y:y + h, x:x + w] > 0).sum(axis=1) >= 0.5 * w)[0]
    cols = np.where((vertical[y:y + h, x:x + w] > 0).sum(axis=0) >= 0.5 * h)[0]
    if len(rows) < 2 or len(cols) < 2:
        return None
    return (x + int(cols[0]), y + int(rows[0]), int(cols[-1] - cols[0]) + 1,
            int(rows[-1] - rows[0]) + 1)


def _outermost(rects: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Drop rectangles that lie inside another one (a frame's inner contour)."""
    def inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
        return (a != b and a[0] >= b[0] and a[1] >= b[1]
                and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3])
    return [a for a in rects if not any(inside(a, b) for b in rects)]


def _closed(horizontal: np.ndarray, vertical: np.ndarray, rect: tuple[int, int, int, int]) -> bool:
    """Four straight sides, each drawn along most of its length."""
    x, y, w, h = rect
    band = max(3, min(w, h) // 5)
    hs = horizontal[y:y + h, x:x + w] > 0
    vs = vertical[y:y + h, x:x + w] > 0
    sides = (hs[:band].any(axis=0), hs[-band:].any(axis=0),
             vs[:, :band].any(axis=1), vs[:, -band:].any(axis=1))
    return all(side.mean() >= 0.8 for side in sides)


def inner_ink(ink: np.ndarray, rect: tuple[int, int, int, int]) -> float:
    """Share of ink pixels inside a box, its outline (and a margin) left out."""
    x, y, w, h = rect
    inset = max(2, int(min(w, h) * 0.2))
    crop = ink[y + inset:y + h - inset, x + inset:x + w - inset]
    return float((crop > 0).mean()) if crop.size else 0.0


def ticked(box: Box, boxes: list[Box]) -> bool:
    """A box is ticked when it holds clearly more ink than the emptiest box on the page."""
    baseline = min((b.ink for b in boxes), default=0.0)
    return box.ink >= min(baseline, 0.05) + TICK_RATIO


def baseline_wobble(ink: np.ndarray, box: tuple[int, int, int, int]) -> float | None:
    """How far letters sit off one straight baseline, in pixels (median absolute deviation).

    Printed text sits on its baseline within a pixel; handwriting wanders. None when the box
    holds too few letter-sized strokes to tell."""
    x0, y0, x1, y1 = box
    crop = ink[y0:y1, x0:x1]
    if crop.size == 0:
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    tall = 0.3 * (y1 - y0)
    letters = [s for s in stats[1:count]
               if s[cv2.CC_STAT_HEIGHT] >= tall and s[cv2.CC_STAT_AREA] >= 10]
    if len(letters) < 4:
        return None
    xs = np.array([s[cv2.CC_STAT_LEFT] + s[cv2.CC_STAT_WIDTH] / 2 for s in letters], float)
    bottoms = np.array([s[cv2.CC_STAT_TOP] + s[cv2.CC_STAT_HEIGHT] for s in letters], float)
    residual = bottoms - np.polyval(np.polyfit(xs, bottoms, 1), xs)
    return float(np.median(np.abs(residual - np.median(residual))))
