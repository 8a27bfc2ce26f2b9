"""Unsure OCR words that carry figures, read again from their own crops at three sizes.

On a photographed or scanned receipt Tesseract now and then doubles or drops a digit of a
long number ('686103834567' read '6861038344567') or reads a letter for one, always with low
confidence. The word's own crop, cleaned and enlarged, usually reads right; a reading stands
only when three enlargements agree on one token that keeps the word's figures; where they do
not, the second OCR engine (PP-OCR, line_ocr) reads the crop in three variants and a token
all three give stands. Else (and always for a word holding a valid IBAN or TCKN) the page's
word is kept as it was. A word Tesseract glued out of two printed ones ('147,90'71' of
"-147,50 TL", 'MOBILEFT' of "MOBIL EFT") is split where every enlargement surely reads it as
several words (an unsure word of letters only where they spell it as the page did).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

from mailbot.documents import lira, values
from mailbot.documents.form_crop import crops_line_words
from mailbot.documents.images import line_texts
from mailbot.documents.ink import page_gray
from mailbot.documents.line_ocr import reread_line
from mailbot.documents.model import CONFIRMED_CONF, Extraction, Page, Word
from mailbot.text import TURKISH_LETTERS

UNSURE_CONF = 75  # a word read at least this surely is kept
MIN_DIGITS = 3  # figures a word needs to be worth re-reading (references, amounts, IBAN groups)
MIN_GLUED = 6  # letters an unsure word of letters needs to be re-read for a lost space
SPLIT_CONF = 85  # each word of a crop that reads the page's word as several is this sure
SCALES = (1.0, 1.4, 1.8)  # every enlargement must read the same new token
PAD_ACROSS, PAD_UP = 0.3, 0.4  # the crop around a word, in word heights


def reread_unsure(extraction: Extraction) -> Extraction:
    """The extraction with unsure figure words of its OCR'd pages read again (see module)."""
    if not extraction.scanned:
        return extraction
    return replace(extraction, pages=tuple(_reread_page(page) for page in extraction.pages))


def _reread_page(page: Page) -> Page:
    if not page.ocr or page.image is None:
        return page
    unsure = [i for i, word in enumerate(page.words) if _unsure(word) or _maybe_glued(word)]
    try:
        mended = _reread(page, unsure)
    except (OSError, ValueError, subprocess.SubprocessError):  # OCR is optional: words stand
        return page
    if not mended:
        return page
    marked = iter(_signs_marked(page, tuple(w for new in mended.values() for w in new)))
    mended = {i: tuple(next(marked) for _ in new) for i, new in mended.items()}
    words = tuple(w for i, word in enumerate(page.words) for w in mended.get(i, (word,)))
    return replace(page, words=words, text="\n".join(line_texts(words)))


def _unsure(word: Word) -> bool:
    """Worth reading again: unsure, with figures, and no checksum vouching for them (a crop
    drops the marks of 'BÜŞRA-AYDIN-...' and reads 'TC:' as '1C:' as surely as it mends a
    digit), nor a lira sign already told by its shape."""
    if word.conf is None or _vouched(word.text):
        return False
    if _broken_tckn(word.text):
        return True  # however sure: a digit misread in a TCKN fails its checksum
    return (word.conf < UNSURE_CONF and _digits(word.text) >= MIN_DIGITS
            and lira.LIRA not in word.text)


def _maybe_glued(word: Word) -> bool:
    """An unsure word of letters long enough to be two words whose space was lost."""
    return (word.conf is not None and word.conf < UNSURE_CONF and len(word.text) >= MIN_GLUED
            and word.text.isalpha())


def _broken_tckn(text: str) -> bool:
    """The text holds eleven figures standing alone that fail the TCKN checksum."""
    return bool(values.broken_tckns(text))


def _reread(page: Page, unsure: list[int]) -> dict[int, tuple[Word, ...]]:
    """The unsure words (by index) that every enlargement of their crop reads alike and
    otherwise than the page did, as read there (all crops in one Tesseract run)."""
    if not unsure:
        return {}
    wanted = [(_box(page.words[i]), _height(page.words[i]), scale)
              for i in unsure for scale in SCALES]
    readings = iter(crops_line_words(page, wanted))
    mended = {}
    for i in unsure:
        word = page.words[i]
        crops = [next(readings) for _ in SCALES]
        split = _split(word, crops)
        if split is not None:
            mended[i] = split
        elif _unsure(word):
            new = _mended(page, word, crops)
            if new is not None:
                mended[i] = (new,)
    return mended


def _mended(page: Page, word: Word, crops: list[tuple[Word, ...]]) -> Word | None:
    """The figure word as every crop, or else the second engine, reads it anew; or marked
    confirmed: a broken TCKN every crop reads alike."""
    tokens = {_one_token(words) for words in crops}
    token = tokens.pop() if len(tokens) == 1 else None
    if token == word.text and _broken_tckn(word.text):
        return replace(word, conf=CONFIRMED_CONF)  # the number printed, an invalid TCKN
    if not _mends(word, token):
        token = _second_engine(page, word)
    return replace(word, text=token, conf=UNSURE_CONF) if _mends(word, token) else None


def _split(word: Word, crops: list[tuple[Word, ...]]) -> tuple[Word, ...] | None:
    """The several words every crop of `word` reads alike, each surely and within the word's
    stretch, as the first crop placed them; for a word of letters only where they spell the
    word as the page read it (a crop drops Turkish marks)."""
    kept = [tuple(w for w in words if any(ch.isalnum() for ch in w.text)) for words in crops]
    if len({tuple(w.text for w in words) for words in kept}) != 1 or len(kept[0]) < 2:
        return None
    if any(w.conf is None or w.conf < SPLIT_CONF for words in kept for w in words):
        return None
    first = kept[0]
    if not all(word.x0 <= (w.x0 + w.x1) / 2 <= word.x1 for w in first):
        return None  # a neighbour's word caught by the crop's margin
    if not _unsure(word) and "".join(w.text for w in first) != word.text:
        return None
    return tuple(replace(w, conf=UNSURE_CONF, line=word.line) for w in first)


def _mends(word: Word, token: str | None) -> bool:
    """Whether a new reading changes the word and keeps its figures; a TCKN that failed its
    checksum is mended only into one that passes it."""
    if token is None or token == word.text or not _plausible(word.text, token):
        return False
    return not _broken_tckn(word.text) or bool(values.all_tckns(token))


_PLAIN_FIGURES = re.compile(r"[0-9A-Z][0-9A-Z./:,-]*")


def _second_engine(page: Page, word: Word) -> str | None:
    """The token PP-OCR reads alike in every variant of the word's crop, where the word is
    plain figures and capitals (PP-OCR knows no Turkish letters): it reads printed digits
    Tesseract doubled or dropped ('2028182423863' of 23028182423863) right."""
    if TURKISH_LETTERS.intersection(word.text):
        return None
    found = set(reread_line(page, word))
    token = found.pop() if len(found) == 1 else None
    if not token or not _PLAIN_FIGURES.fullmatch(token):
        return None
    if word.text[:1].isalpha() and not token[:1].isalpha():
        return None  # a lira sign Tesseract read as a letter ('b780,00'), which PP-OCR drops
    return token


def _height(word: Word) -> float:
    return word.bottom - word.top


def _box(word: Word) -> tuple[float, float, float, float]:
    """The word's crop: the word and a margin around it."""
    height = _height(word)
    return (word.x0 - PAD_ACROSS * height, word.top - PAD_UP * height,
            word.x1 + PAD_ACROSS * height, word.bottom + PAD_UP * height)


def _plausible(old: str, new: str) -> bool:
    """A re-reading may mend figures (a digit doubled, one or two dropped) but not lose
    them, nor take in the next word's ('3425' read '34251209028-' where digits follow close);
    a date printed in full keeps every digit ('24/11/2023' re-read '24/1/2023' is another
    day)."""
    if _FULL_DATE.search(old):
        return _digits(new) == _digits(old)
    return _digits(old) - 1 <= _digits(new) <= _digits(old) + 2


_FULL_DATE = re.compile(r"(?<!\d)\d{2}[./-]\d{2}[./-]\d{4}(?!\d)")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _vouched(text: str) -> bool:
    """The text holds a valid IBAN or TCKN."""
    return bool(values.find_ibans(text) or values.all_tckns(text))


def _one_token(words: tuple[Word, ...]) -> str | None:
    """The crop's text when it is one word (table rules and specks without letters or
    figures dropped), else None."""
    tokens = [w.text for w in words if any(ch.isalnum() for ch in w.text)]
    return tokens[0] if len(tokens) == 1 else None


def _signs_marked(page: Page, words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Re-read words with the lira sign told on the page picture (a crop reads '₺' as a
    digit too)."""
    gray = page_gray(page.image or b"")
    if gray is None:
        return words
    return lira.mark_signs(words, gray, gray.shape[1] / page.width)
