"""Writing PP-OCR's detector passed over beside a value's row: re-read with it, or no value."""

from types import SimpleNamespace

import cv2
import numpy as np

from mailbot.documents.form_lines import Found
from mailbot.documents.form_page import _missed_writing, _off_edges, _widened, _zero_missable
from mailbot.documents.ink import PageInk
from mailbot.documents.model import Word

WIDTH, HEIGHT, SCALE = 300.0, 100.0, 4  # points, pixels per point
BOX = (20.0, 30.0, 280.0, 60.0)  # where the phone number is looked for (points)


def _page_with_a_zero_at(x: float) -> PageInk:
    """A white page with a handwritten-sized ring (a "0") at `x` points, mid-box."""
    gray = np.full((int(HEIGHT * SCALE), int(WIDTH * SCALE)), 255, np.uint8)
    cv2.ellipse(gray, (int(x * SCALE), int(45 * SCALE)), (3 * SCALE, 6 * SCALE), 0, 0, 360,
                0, 2 * SCALE // 2)
    png = cv2.imencode(".png", gray)[1].tobytes()
    return PageInk(png, WIDTH, HEIGHT)


def _row(text: str, x0: float, x1: float) -> Found:
    return Found(text, Word(text, x0, 38.0, x1, 52.0, 90.0), False, ((x0, x1),))


def test_a_phone_row_missing_only_a_digit_before_it_is_whole_when_ten_digits_from_five_remain():
    view = SimpleNamespace(ink=_page_with_a_zero_at(35.0))  # the comb's first cell
    row = _row("53 28 902900", 60.0, 200.0)
    assert _missed_writing(view, row, BOX, beside_only=True)
    assert not _missed_writing(view, row, BOX, True, _zero_missable("phone", row.text))


def test_writing_missed_after_the_row_still_counts():
    view = SimpleNamespace(ink=_page_with_a_zero_at(240.0))
    row = _row("53 28 902900", 60.0, 200.0)
    assert _missed_writing(view, row, BOX, True, _zero_missable("phone", row.text))


def test_only_a_bare_mobile_number_can_have_lost_its_zero():
    assert _zero_missable("phone", "53 28 902900")
    assert not _zero_missable("phone", "0532 890 29 00")  # its zero is there: a digit is lost
    assert not _zero_missable("phone", "328902900")  # nine digits
    assert not _zero_missable("phone", "2128902900")  # a landline: +90 is not all it can miss
    assert not _zero_missable("date", "5328902900")


def test_a_row_is_grown_over_a_cell_the_detector_passed_over_and_then_misses_nothing():
    view = SimpleNamespace(ink=_page_with_a_zero_at(35.0))
    row = _row("4704658634", 60.0, 200.0)
    grown = _widened(view, row, BOX)
    assert 30.0 < grown.row.x0 < 33.0 and grown.row.x1 == 200.0
    assert grown.text == row.text and not _missed_writing(view, grown, BOX, beside_only=True)
    assert _widened(SimpleNamespace(ink=_page_with_a_zero_at(120.0)), row, BOX) == row


def test_a_scans_dark_border_at_the_pages_edge_is_no_missed_writing():
    view = SimpleNamespace(ink=_page_with_a_zero_at(WIDTH - 5), page=SimpleNamespace(width=WIDTH))
    row = _row("Huseyin Celik", 60.0, 200.0)
    whole_width = (20.0, 30.0, WIDTH, 60.0)
    assert _missed_writing(view, row, whole_width)
    assert not _missed_writing(view, row, _off_edges(view, whole_width))


def test_a_crop_value_lacking_a_word_the_page_read_surely_is_cut() -> None:
    # the page read "Şarköy. İ Nolu Ajle Sağlığı Merkezi" (Nolu sure) where the crops agreed
    # on "Aile Sağlığı Merkezi" only: that is the end of the institution, not all of it
    from mailbot.documents.form_layout import Hit
    from mailbot.documents.form_page import FieldReading, Status, _drops_sure_word
    from mailbot.documents.form_regions import Region

    words = [("Şarköy.", 0.0), ("İ", 0.0), ("Nolu", 89.0), ("Ajle", 82.0), ("Sağlığı", 96.0),
             ("Merkezi", 74.0), ("0", 49.0)]
    hit = Hit("institution", 12, 0, 4, 70.0, 307.0, 170.0, 331.0, 0, False)
    region = Region(hit, 170.0, 307.0, 595.0, 331.0,
                    tuple(Word(t, 180.0 + 40 * i, 308.0, 215.0 + 40 * i, 330.0, c)
                          for i, (t, c) in enumerate(words)), below=False)
    cut = FieldReading(Status.READ, "Aile Sağlığı Merkezi")
    whole = FieldReading(Status.READ, "Şarköy 1 Nolu Aile Sağlığı Merkezi")
    assert _drops_sure_word("institution", region, cut)
    assert not _drops_sure_word("institution", region, whole)
    assert not _drops_sure_word("email", region, cut)  # format-vetted fields: no word lists
