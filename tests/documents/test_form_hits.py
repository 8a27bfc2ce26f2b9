"""Labels and choices found on a scanned form's lines (OCR words given, pure)."""

from __future__ import annotations

from mailbot.documents.form_page import PageView
from mailbot.documents.form_rules import default_rules
from mailbot.documents.model import Page, Word


def _view(*texts: str) -> PageView:
    """One OCR line of these words, left to right."""
    words, x = [], 50.0
    for text in texts:
        words.append(Word(text, x, 100.0, x + 9.0 * len(text), 112.0, 90.0))
        x += 9.0 * len(text) + 12.0
    return PageView(Page(1, 595.0, 842.0, tuple(words), " ".join(texts), ocr=True),
                    default_rules())


def test_a_choice_whose_ticked_box_was_read_as_a_parenthesis_is_still_a_choice():
    view = _view("Başvuru", "Nedeni:", "KAYIP)", "(OÇALINTIMN)", "ARIZAÇI")
    assert {h.what for h in view.hits if h.what.startswith("opt:")} == {
        "opt:lost", "opt:stolen", "opt:fault"}


def test_a_label_in_parentheses_is_an_aside_not_a_label():
    assert not [h for h in _view("(Kurumu)", "Sağlık", "Bakanlığı").hits
                if h.what == "institution"]
    assert [h.what for h in _view("Kurumu:", "Sağlık", "Bakanlığı").hits] == ["institution"]
