"""Scanned and photographed forms through Tesseract: typed ones read in full, hand-filled ones
read by ink where OCR cannot follow, and never a wrong value."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image

from mailbot.documents.form import is_form, read_form
from tests.documents.forms.draw import draw_form
from tests.documents.forms.extraction import extracted, tesseract_missing
from tests.documents.forms.layouts import Spec
from tests.documents.forms.people import make_person
from tests.documents.forms.scans import degrade, encode, fill_by_hand, render

pytestmark = pytest.mark.skipif(tesseract_missing(),
                                reason="needs Debian packages tesseract-ocr, tesseract-ocr-tur")
FIELDS = ("request", "full_name", "tckn", "title", "institution", "email", "phone",
          "card_reader", "date")


def wrong_fields(form, spec: Spec) -> list[str]:
    """Fields read with a value that differs from what is on the form (None is not wrong)."""
    person = spec.person
    return [f for f in FIELDS if getattr(form, f) is not None
            and getattr(form, f) != getattr(person, f)]


def corpus_form(tmp_path, seed: int, index: int):
    """The corpus generator's form `index` of `seed` (as bench/reading.py makes it), and
    what the reader reads on it."""
    from mailbot.documents import pipeline
    from tests.corpus import forms, sample_rng

    sample = forms.make_one(tmp_path, sample_rng(seed, index, "form"), index)
    return sample, read_form(pipeline.extract_bytes(sample.path.read_bytes()))


@pytest.mark.parametrize(("layout", "fmt"), [("colon", "png"), ("table", "jpeg"),
                                             ("two_column", "pdf")])
def test_typed_scans_are_read_in_full(layout: str, fmt: str) -> None:
    rng = random.Random(layout)
    spec = Spec(make_person(rng), layout=layout, card_style=rng.choice(("single", "yes_no")))
    pdf, _ = draw_form(spec)
    extraction = extracted(encode(degrade(render(pdf), rng), fmt))
    form = read_form(extraction)
    assert is_form(extraction)
    assert wrong_fields(form, spec) == []
    assert form.request == spec.person.request and form.card_reader is spec.person.card_reader
    assert (form.tckn, form.email) == (spec.person.tckn, spec.person.email)
    read = sum(getattr(form, f) is not None for f in FIELDS)
    assert read >= 8, form


@pytest.mark.parametrize("seed", range(3))
def test_hand_filled_scans_tick_by_ink_and_never_guess(seed: int) -> None:
    rng = random.Random(100 + seed)
    spec = Spec(make_person(rng), fill="blank", layout=("colon", "below", "table")[seed],
                card_style=("single", "yes_no")[seed % 2], box_side=rng.choice(("left", "right")))
    pdf, drawn = draw_form(spec)
    image = render(pdf)
    fill_by_hand(image, spec, drawn, rng, messy=1.4)
    form = read_form(extracted(encode(degrade(image, rng, skew=1.0), "png")))
    assert form.request == spec.person.request
    assert form.card_reader is spec.person.card_reader
    assert wrong_fields(form, spec) == []
    missing = [f for f in ("full_name", "tckn", "email") if getattr(form, f) is None]
    assert all(f in form.unreadable for f in missing)
    assert not any(p in form.problems for p in ("missing_name", "missing_tckn", "missing_email"))


@pytest.mark.parametrize(("seed", "index"), [(5, 17), (11, 2)])
def test_a_reason_written_by_hand_names_the_request_or_is_left_to_the_officer(
        tmp_path, seed: int, index: int) -> None:
    sample, form = corpus_form(tmp_path, seed, index)
    assert sample.layout == "form-scan-hand-reason"  # no boxes: "Başvuru Nedeni" by hand
    assert form.request in (sample.truth["request"], None)
    assert "missing_request" not in form.problems
    assert (form.request is None) is ("request" in form.unreadable)
    if (seed, index) == (5, 17):  # this hand writes its reason clearly enough to read
        assert form.request == "lost"


def test_a_scan_whose_writing_washed_out_to_specks_claims_nothing_missing() -> None:
    rng = random.Random(29)  # a light pen through a bilevel scan: a few dots of each letter
    spec = Spec(make_person(rng), fill="blank", layout="colon", card_style="yes_no")
    pdf, drawn = draw_form(spec)
    page, writing = render(pdf), Image.new("L", render(pdf).size, 255)
    fill_by_hand(writing, spec, drawn, rng)
    dots = np.random.default_rng(29).random(writing.size[::-1]) < 0.06
    array = np.asarray(page).copy()
    array[(np.asarray(writing) < 128) & dots] = 0
    form = read_form(extracted(encode(degrade(Image.fromarray(array), rng), "png")))
    assert not {"missing_name", "missing_tckn", "missing_email", "missing_request"} & set(
        form.problems), form
    assert form.valid is None and {"email", "request"} <= set(form.unreadable)


def test_an_address_read_a_slip_off_its_owners_name_is_taken_as_pp_ocr_reads_it(tmp_path):
    sample, form = corpus_form(tmp_path, 2525, 27)
    assert sample.layout == "form-scan-typed-lines"  # Tesseract: "eliftekinS@outlook.com"
    assert form.full_name == "Elif Tekin"
    assert form.email == sample.truth["email"] == "elif.tekin51@outlook.com"


def test_a_title_tesseract_caught_only_the_first_word_of_is_read_whole(tmp_path):
    sample, form = corpus_form(tmp_path, 2525, 46)
    assert sample.layout == "form-scan-typed-lines"  # Tesseract: "& Ezman" on one reading
    assert form.title == sample.truth["title"] == "Uzman Hemşire"


def test_an_address_is_not_remade_from_a_misread_name_it_is_a_slip_off(tmp_path):
    sample, form = corpus_form(tmp_path, 8181, 45)
    assert sample.truth["email"] == "baris.ince1@yahoo.com"
    assert form.email in (None, sample.truth["email"])  # not "raris.ince1" of "RARIS İNCE"


def test_comb_cells_the_detector_passed_over_are_read_with_their_row(tmp_path):
    sample, form = corpus_form(tmp_path, 1919, 41)
    assert sample.layout == "form-scan-hand-sections"  # PP-OCR: "4704658634", "5054347668"
    assert (form.tckn, form.phone) == (sample.truth["tckn"], sample.truth["phone"])
    assert form.date.isoformat() == sample.truth["date"]  # "İmza:" beside it is not the date
    assert form.full_name == sample.truth["full_name"]  # a scan's dark edge is no writing


def test_a_handwritten_reason_read_as_a_choice_word_is_no_label_ending_its_crop(tmp_path):
    sample, form = corpus_form(tmp_path, 2525, 20)
    assert sample.layout == "form-photo-hand-reason"  # Tesseract reads "KAYIP" as "Hayır"
    assert form.request in (None, sample.truth["request"])
    assert "missing_request" not in form.problems  # the writing is seen: not "missing"


def test_empty_comb_cells_tesseract_reads_as_letters_are_a_missing_value(tmp_path):
    sample, form = corpus_form(tmp_path, 3636, 32)
    assert sample.layout == "form-photo-typed-sections"  # the walls read "e"
    assert sample.truth["tckn"] is None and "missing_tckn" in sample.truth["problems"]
    assert form.tckn is None and "missing_tckn" in form.problems and form.valid is False


def test_writing_between_a_rows_lines_is_read_by_its_re_readings_of_the_whole_row(tmp_path):
    sample, form = corpus_form(tmp_path, 4141, 44)
    assert sample.layout == "form-scan-hand-sections"  # PP-OCR: "Tekird" / "vTetHastanes"
    assert form.institution == sample.truth["institution"] == "Tekirdağ Devlet Hastanesi"



def test_handwritten_comb_digits_read_with_a_slip_are_no_invalid_tckn(tmp_path):
    sample, form = corpus_form(tmp_path, 5858, 3)
    assert sample.layout == "form-scan-hand-sections"  # "36073238474" at both sizes
    assert form.tckn in (None, sample.truth["tckn"])
    assert "invalid_tckn" not in form.problems and form.valid is not False


def test_writing_a_rule_strikes_through_is_read_on_the_page_without_its_rules(tmp_path):
    sample, form = corpus_form(tmp_path, 8181, 6)
    assert sample.layout == "form-scan-hand-sections"  # PP-OCR found "ekin" of Ece Tekin
    assert form.full_name == sample.truth["full_name"] == "Ece Tekin"
    assert form.institution == sample.truth["institution"]
