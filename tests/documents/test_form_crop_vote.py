"""How readings of a value's crop at three sizes are weighed (OCR readings given, pure)."""

from __future__ import annotations

import pytest

from mailbot.documents import form_page
from mailbot.documents.form_regions import Region
from mailbot.documents.form_rules import default_rules
from mailbot.documents.form_view import PageView
from mailbot.documents.model import Page, Word


def _view(label: str) -> PageView:
    word = Word(label, 50.0, 100.0, 100.0, 110.0, 95.0)
    return PageView(Page(1, 595.0, 842.0, (word,), label, ocr=True), default_rules())


def _read(monkeypatch: pytest.MonkeyPatch, label: str, what: str,
          readings: list[tuple[str, float]]) -> object:
    """What `_read_crop` makes of a printed value read at each crop size as `readings`."""
    view = _view(label)
    hit = next(h for h in view.hits if h.what == what)
    sizes = iter(readings)

    def crop(view: PageView, what: str, region: Region, scale: float) -> Region:
        text, conf = next(sizes)
        words = tuple(Word(t, 110.0, 100.0, 300.0, 110.0, conf) for t in text.split())
        return Region(hit, 105.0, 95.0, 500.0, 115.0, words, False)

    monkeypatch.setattr(form_page, "_crop_region", crop)
    region = Region(hit, 105.0, 95.0, 500.0, 115.0, (), False)
    reading, _ = form_page._read_crop(view, what, region)
    return None if reading is None else reading.value


def test_an_address_two_sizes_read_alike_stands_though_tesseract_is_unsure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    readings = [("ozturk.halil@outlook.com", 58.0), ("ozturk.halil@outlook.com", 33.0),
                ("ozturk.halii@outlook.com", 86.0)]
    assert _read(monkeypatch, "E-posta", "email", readings) == "ozturk.halil@outlook.com"


def test_an_address_read_three_ways_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    readings = [("ozturk.halil@outlook.com", 58.0), ("ozturk.ha1il@outlook.com", 60.0),
                ("ozturk.halii@outlook.com", 86.0)]
    assert _read(monkeypatch, "E-posta", "email", readings) is None


def test_a_name_read_two_ways_is_not_taken_by_majority(monkeypatch: pytest.MonkeyPatch) -> None:
    readings = [("Ümit Deniz Kılıç", 92.0), ("Umit Deniz Kılıç", 96.0),
                ("Umit Deniz Kılıç", 96.0)]
    assert _read(monkeypatch, "Adı Soyadı", "full_name", readings) is None


def test_a_name_read_alike_and_surely_at_two_sizes_stands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    readings = [("Ümit Deniz Kılıç", 92.0), ("Ümit Deniz Kılıç", 96.0)]
    assert _read(monkeypatch, "Adı Soyadı", "full_name", readings) == "Ümit Deniz Kılıç"


def test_an_unsure_lone_address_is_no_speck_but_an_unsure_short_word_is() -> None:
    address = Word("ozturk.halil@outlook.com", 0.0, 0.0, 90.0, 10.0, 33.0)
    speck = Word("ws", 95.0, 0.0, 99.0, 10.0, 30.0)
    assert form_page._without_specks("email", (address, speck)) == (address,)
