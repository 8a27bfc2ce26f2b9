"""Ticked boxes read by the ink inside them, and handwriting seen (not misread) on a page image."""

from __future__ import annotations

import io
import random
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from mailbot.documents.form import _requests_in, read_form
from mailbot.documents.form_rules import default_rules
from mailbot.documents.ink import PageInk, ticked, without_rules_mended
from mailbot.documents.model import Word
from tests.documents.forms.draw import draw_form
from tests.documents.forms.extraction import from_pdf_text
from tests.documents.forms.layouts import Spec
from tests.documents.forms.people import make_person
from tests.documents.forms.scans import degrade, fill_by_hand, handwrite, render, tick

DPI = 200


def with_image(pdf: bytes, image: Image.Image):
    """The text layer's words (labels) with the drawn-on page picture as the page image."""
    extraction = from_pdf_text(pdf)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    page = replace(extraction.pages[0], image=buffer.getvalue(), dpi=DPI)
    return replace(extraction, pages=(page,))


def blank_form(seed: int, **overrides):
    rng = random.Random(seed)
    spec = Spec(make_person(rng), fill="blank", layout=rng.choice(("colon", "table", "below")),
                box_side=rng.choice(("left", "right")), **overrides)
    pdf, drawn = draw_form(spec)
    return rng, spec, pdf, drawn


@pytest.mark.parametrize("seed", range(6))
def test_hand_ticks_of_any_thickness_are_read_by_ink(seed: int) -> None:
    rng, spec, pdf, drawn = blank_form(seed, card_style=("single", "yes_no")[seed % 2])
    image = render(pdf, DPI)
    chosen = {spec.person.request, "card_reader" if spec.person.card_reader else "",
              "kart_okuyucu_evet" if spec.person.card_reader else "kart_okuyucu_hayir"}
    for key, box in drawn.boxes.items():
        if key in chosen:
            tick(image, box, rng, DPI, style=("x", "check")[seed % 2])
    form = read_form(with_image(pdf, degrade(image, rng, skew=0)))
    assert form.request == spec.person.request
    assert form.card_reader is spec.person.card_reader
    assert "missing_request" not in form.problems


def test_empty_boxes_are_not_ticks_and_two_ticks_are_ambiguous() -> None:
    rng, _spec, pdf, drawn = blank_form(21)
    image = render(pdf, DPI)
    form = read_form(with_image(pdf, degrade(image, rng, skew=0)))
    assert form.request is None and "missing_request" in form.problems
    for key in ("lost", "fault"):
        tick(image, drawn.boxes[key], rng, DPI)
    form = read_form(with_image(pdf, degrade(image, rng, skew=0)))
    assert form.request is None and "ambiguous_request" in form.problems


def test_ink_ratio_separates_ticked_from_empty_boxes() -> None:
    rng, _spec, pdf, drawn = blank_form(4)
    image = render(pdf, DPI)
    tick(image, drawn.boxes["stolen"], rng, DPI, style="check")
    buffer = io.BytesIO()
    degrade(image, rng, skew=0).save(buffer, format="PNG")
    ink = PageInk(buffer.getvalue(), 595, 842)
    boxes = ink.boxes()
    stolen = drawn.boxes["stolen"]
    found = [b for b in boxes if abs(b.x0 - stolen[0]) < 3 and abs(b.top - stolen[1]) < 3]
    assert len(found) == 1 and ticked(found[0], boxes)
    others = [b for b in boxes if b is not found[0] and abs(b.top - stolen[1]) < 3]
    assert len(others) == 2 and not any(ticked(b, boxes) for b in others)


def test_handwriting_without_text_is_unreadable_not_missing() -> None:
    rng, spec, pdf, drawn = blank_form(8)
    image = render(pdf, DPI)
    fill_by_hand(image, spec, drawn, rng, DPI)
    form = read_form(with_image(pdf, degrade(image, rng, skew=0)))
    assert form.full_name is None and form.email is None
    assert form.tckn in (None, spec.person.tckn)  # digits alone may be read: the checksum vets
    assert {"full_name", "email", "phone"} <= set(form.unreadable)
    assert not any(p.startswith("unreadable") for p in form.problems)  # no fault of the form
    assert form.valid is (False if form.problems else None)  # unknown until an officer reads it
    assert ("tckn" in form.unreadable) is (form.tckn is None)
    assert not any(p.startswith("missing_") and p != "missing_request" for p in form.problems)
    assert form.request == spec.person.request


def test_a_blank_value_next_to_handwriting_is_still_missing() -> None:
    rng, spec, pdf, drawn = blank_form(9)
    image = render(pdf, DPI)
    x, baseline, _ = drawn.slots["full_name"]
    handwrite(image, x, baseline, spec.person.full_name, rng, DPI)
    form = read_form(with_image(pdf, degrade(image, rng, skew=0)))
    assert "full_name" in form.unreadable and "unreadable_name" not in form.problems
    assert "missing_email" in form.problems and "email" not in form.unreadable
    assert form.valid is False


def test_a_speck_read_as_a_letter_in_a_blank_value_leaves_it_missing() -> None:
    rng, _spec, pdf, drawn = blank_form(9)
    extraction = with_image(pdf, degrade(render(pdf, DPI), rng, skew=0))
    x, baseline, _ = drawn.slots["email"]
    speck = Word("a", x + 30, baseline - 6, x + 35, baseline, 60.0)  # sure of itself
    page = extraction.pages[0]
    form = read_form(replace(extraction, pages=(replace(page, words=(*page.words, speck)),)))
    assert "missing_email" in form.problems and "email" not in form.unreadable
    word = Word("ab", x + 30, baseline - 6, x + 40, baseline, 60.0)  # two letters: writing
    form = read_form(replace(extraction, pages=(replace(page, words=(*page.words, word)),)))
    assert "missing_email" not in form.problems and "email" in form.unreadable


def test_a_request_choice_whose_box_was_not_found_leaves_no_tick_unknown_not_missing() -> None:
    rng, _spec, pdf, drawn = blank_form(5)
    image = render(pdf, DPI)

    def scanned(picture):  # the page as OCR read it
        extraction = with_image(pdf, degrade(picture, rng, skew=0))
        return replace(extraction, pages=(replace(extraction.pages[0], ocr=True),))

    form = read_form(scanned(image.copy()))
    assert "missing_request" in form.problems  # every box seen, none ticked
    x0, top, x1, bottom = (v * DPI / 72 for v in drawn.boxes["stolen"])
    ImageDraw.Draw(image).rectangle((x0 - 4, top - 4, x1 + 4, bottom + 4), fill="white")
    form = read_form(scanned(image))  # its box lost to the writing around it
    assert form.request is None and "request" in form.unreadable
    assert "missing_request" not in form.problems


def test_a_written_request_whose_label_went_unread_is_unknown_not_missing() -> None:
    from mailbot.documents.form import UNREADABLE_REQUEST, _written_request

    assert _written_request([]) == (None, UNREADABLE_REQUEST)  # no label: where to look?


def _without_choice_words(extraction):
    """The page as OCR read it when it could not make out the printed choices' words."""
    rules = default_rules()
    page = extraction.pages[0]
    words = tuple(w for w in page.words if w.top < 150 or not _requests_in(w.text, rules))
    assert len(words) < len(page.words)
    return replace(extraction, pages=(replace(page, words=words, ocr=True),))


def test_a_tick_whose_printed_choice_was_not_read_is_never_missing() -> None:
    rng, _spec, pdf, drawn = blank_form(5)
    image = render(pdf, DPI)
    form = read_form(_without_choice_words(with_image(pdf, degrade(image, rng, skew=0))))
    assert form.request is None and "missing_request" in form.problems
    tick(image, drawn.boxes["stolen"], rng, DPI)
    form = read_form(_without_choice_words(with_image(pdf, degrade(image, rng, skew=0))))
    # the page read again gives Kayıp and Arıza beside empty boxes, not the ticked Çalıntı:
    # the tick is the one choice left
    assert form.request == "stolen" and "missing_request" not in form.problems


def test_a_rule_struck_through_writing_is_taken_out_and_the_writing_kept() -> None:
    from tests.corpus.handwriting import Hand

    for seed in range(4):
        plain = Image.new("RGB", (1240, 300), "white")
        Hand(random.Random(seed), size_px=44, mess=0.1).write(plain, 120, 160,
                                                               "Hatay Eğitim ve Araştırma", 1000)
        ruled = plain.copy()
        ImageDraw.Draw(ruled).line([(60, 150), (1180, 150)], fill=(40, 40, 40), width=4)
        writing = np.asarray(plain.convert("L")) < 128
        cleaned = without_rules_mended(np.asarray(ruled.convert("L")))
        band = (slice(147, 154), slice(60, 1180))
        assert (cleaned[band][~writing[band]] >= 128).mean() > 0.98, seed  # the rule is gone
        assert (cleaned[writing] < 128).mean() > 0.6, seed  # most of the writing is not
        assert not ((cleaned < 128) & ~writing).any(), seed  # and nothing is made up
