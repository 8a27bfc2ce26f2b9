"""Dotted leaders ("ALICI ADI ..........: "): found in a page's ink and erased before OCR, and
what OCR still made of one ("emer", "veneer.") dropped from its words."""

from __future__ import annotations

import numpy as np
from PIL import Image

from mailbot.documents.model import Word


def _cv2():
    from mailbot.documents.ocr import _cv2 as single_threaded_cv2  # imported on first use

    return single_threaded_cv2()


LEADER_RUN = 8  # dots in a row at least: a dotted leader ("ALICI ADI ..........: ")
_DOT_OF_LETTER = 0.4  # a dot's height and width, at most, against the letters'
_DOT_GAP = 1.5  # letter heights between two dots of a leader, at most


def dotted_leaders(ink: np.ndarray) -> np.ndarray:
    """Mask of dotted leaders in `ink` (255 on 0): runs of dot-sized blobs on one row with no
    letter above or below them (the dots of "MÜDÜRLÜĞÜ" have their letters under them)."""
    cv2 = _cv2()
    count, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    letters = heights[heights >= 6]
    if count < LEADER_RUN or letters.size == 0:
        return np.zeros_like(ink)
    letter = float(np.median(letters))
    small = ((stats[:, cv2.CC_STAT_HEIGHT] <= _DOT_OF_LETTER * letter)
             & (stats[:, cv2.CC_STAT_WIDTH] <= _DOT_OF_LETTER * letter))
    small[0] = False
    candidates = np.flatnonzero(small)
    others = (labels > 0) & ~np.isin(labels, candidates)
    runs = [_unstacked(run, candidates, centres, letter)
            for run in _dot_runs(candidates, centres, letter)]
    found = [i for run in runs if len(run) >= LEADER_RUN
             and not _letters_by(others, run, stats, letter) for i in run]
    return np.isin(labels, found).astype(np.uint8) * 255


def _unstacked(run: list[int], dots: np.ndarray, centres: np.ndarray,
               letter: float) -> list[int]:
    """The run less dots with another dot right above them (a colon's lower dot ends many
    leaders: erased alone, the upper one would read as a quote)."""
    near = dots[np.abs(centres[dots, 1] - centres[run, 1].mean()) <= letter]
    xs, ys = centres[near, 0], centres[near, 1]
    return [i for i in run
            if not ((np.abs(xs - centres[i][0]) <= 0.3 * letter)
                    & (centres[i][1] - ys >= 0.15 * letter)
                    & (centres[i][1] - ys <= 0.8 * letter)).any()]


def _dot_runs(dots: np.ndarray, centres: np.ndarray, letter: float) -> list[list[int]]:
    """Runs of at least LEADER_RUN dots along one row, each within _DOT_GAP letters of the
    next (dots taken left to right; a run is open to the rows next to its last dot's)."""
    band, gap = 0.3 * letter, _DOT_GAP * letter
    rows: dict[int, list[list[int]]] = {}
    runs: list[list[int]] = []
    for i in sorted(dots, key=lambda i: centres[i][0]):
        x, y = centres[i]
        row = int(y // band)
        run = None
        for near in (row - 1, row, row + 1):
            open_runs = [r for r in rows.get(near, []) if x - centres[r[-1]][0] <= gap]
            rows[near] = open_runs  # runs left behind are closed
            run = run or next((r for r in open_runs
                               if abs(y - centres[r[-1]][1]) <= band), None)
        if run is None:
            run = []
            runs.append(run)
        else:
            last = int(centres[run[-1]][1] // band)
            rows[last] = [r for r in rows.get(last, []) if r is not run]
        run.append(i)
        rows.setdefault(row, []).append(run)
    return [run for run in runs if len(run) >= LEADER_RUN]


def _letters_by(others: np.ndarray, run: list[int], stats: np.ndarray, letter: float) -> bool:
    """Whether ink other than dots lies in the run's stretch, from a letter above to below."""
    x0 = min(stats[i, 0] for i in run)
    x1 = max(stats[i, 0] + stats[i, 2] for i in run)
    top = min(stats[i, 1] for i in run)
    bottom = max(stats[i, 1] + stats[i, 3] for i in run)
    band = others[max(0, int(top - letter)):int(bottom + 0.5 * letter), x0:x1]
    return bool(band.any())


LEADER_CONF = 50  # a dotted leader read as letters is read unsurely; a sure word is kept
LEADER_DOTS = 5  # blobs a leader's box holds at least
_DOT_SIZE = 0.45  # a dot's or dash's height, at most, against the line's letters


def without_leaders(words: tuple[Word, ...], picture: Image.Image,
                    px_per_point: float) -> tuple[Word, ...]:
    """The words less dotted or dashed leaders read as letters ("ALICI ADI .....:" gives
    "emer"): unsure, without a digit (a blurred number breaks into specks too), and nothing
    in their box of `picture` but blobs far lower than the letters of their line."""
    heights: dict[int | None, list[float]] = {}
    for word in words:
        if word.conf is not None and word.conf >= LEADER_CONF:
            heights.setdefault(word.line, []).append(word.bottom - word.top)
    gray = np.asarray(picture.convert("L"))

    def leader(word: Word) -> bool:
        if (word.conf is None or word.conf >= LEADER_CONF or _has_digit(word.text)
                or word.line not in heights):
            return False
        box = [round(v * px_per_point) for v in (word.x0, word.top, word.x1, word.bottom)]
        return _only_dots(gray, box, float(np.median(heights[word.line])) * px_per_point)

    return tuple(word for word in words if not leader(word))


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _only_dots(gray: np.ndarray, box: list[int], text_px: float) -> bool:
    cv2 = _cv2()
    left, top, right, bottom = box
    crop = gray[max(top, 0):bottom, max(left, 0):right]
    if crop.size == 0 or crop.ndim != 2:
        return False
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = stats[1:]
    return bool(count - 1 >= LEADER_DOTS
                and (blobs[:, cv2.CC_STAT_HEIGHT] <= _DOT_SIZE * text_px).all())
