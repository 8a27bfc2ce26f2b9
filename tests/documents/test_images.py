"""Image files opened upright with a resolution that measures the page in points."""

from __future__ import annotations

import io

from PIL import Image

from mailbot.documents.images import load_image, with_lost_rows
from mailbot.documents.model import Word


def _jpeg(size: tuple[int, int], dpi: tuple[int, int] | None) -> bytes:
    buffer = io.BytesIO()
    extra = {"dpi": dpi} if dpi else {}
    Image.new("RGB", size, "white").save(buffer, format="JPEG", **extra)
    return buffer.getvalue()


def test_a_declared_resolution_that_fits_a_page_is_kept() -> None:
    _, dpi = load_image(_jpeg((1240, 1754), (150, 150)))  # A4 scanned at 150 dpi
    assert dpi == 150
    _, dpi = load_image(_jpeg((620, 877), (72, 72)))  # 8.6 inches at 72 dpi: a page
    assert dpi == 72


def test_a_cameras_72_dpi_is_not_the_pages_resolution() -> None:
    # a phone photo of an A4 page, 1777 pixels wide, "72 dpi": a page 24.7 inches wide
    _, dpi = load_image(_jpeg((1777, 2463), (72, 72)))
    assert 200 <= dpi <= 230  # estimated from an A4 page's width instead
    _, dpi = load_image(_jpeg((1777, 2463), None))
    assert 200 <= dpi <= 230


def _grainy_page(seed: int = 5) -> Image.Image:
    """A blank A4 scan at 150 dpi: paper grey 245 with scanner grain."""
    import numpy as np

    rng = np.random.default_rng(seed)
    grain = rng.normal(245, 6, (1754, 1240)).clip(0, 255).astype("uint8")
    return Image.fromarray(grain, mode="L")


def test_a_blank_scan_is_blank_and_read_without_ocr_but_a_line_of_ink_is_not() -> None:
    import numpy as np
    from PIL import ImageDraw

    from mailbot.documents.images import is_blank, ocr_page

    page = _grainy_page()
    assert is_blank(np.asarray(page))
    read = ocr_page(page, 150, 1)
    assert read.ocr and read.words == () and read.text == ""
    inked = page.copy()
    ImageDraw.Draw(inked).text((100, 100), "Kayıp Başvuru Formu " * 4, fill=30)
    assert not is_blank(np.asarray(inked))
    dark_desk = Image.new("L", (1240, 1754), 60)  # a photo's desk around nothing: no page
    assert not is_blank(np.asarray(dark_desk))


def _line(texts: list[str], top: float, line: int, conf: float = 90.0) -> list[Word]:
    return [Word(t, 50.0 + 60 * i, top, 100.0 + 60 * i, top + 10, conf, line)
            for i, t in enumerate(texts)]


def test_a_printed_row_one_picture_lost_is_taken_from_the_other() -> None:
    # the flattened picture, surer on the whole, dropped the row of tick boxes that the grey
    # picture read; a row both read, or one the other read only as specks, is not doubled
    flat = tuple(_line(["GSM", "535"], 260, 0) + _line(["Kart", "Okuyucu:"], 310, 1))
    grey = tuple(_line(["GSM", "53ş"], 261, 0) + _line(["Başvuru", "Nedeni:"], 285, 1)
                 + _line(["Kart", "Okuyucu"], 311, 2) + _line(["o", ","], 340, 3, conf=30.0))
    merged = with_lost_rows(flat, grey)
    assert [w.text for w in merged] == ["GSM", "535", "Kart", "Okuyucu:", "Başvuru", "Nedeni:"]
    assert len({w.line for w in merged}) == 3
    assert with_lost_rows(grey, flat) == grey
