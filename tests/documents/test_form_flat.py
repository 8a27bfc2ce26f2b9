"""Flat (typed) and fillable forms read from the text layer and AcroForm fields."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from mailbot.documents.form import is_form, read_form
from mailbot.documents.model import Extraction, Page, Word
from tests.documents.forms.draw import draw_form
from tests.documents.forms.extraction import extracted, from_pdf_text
from tests.documents.forms.layouts import Spec
from tests.documents.forms.people import broken_tckn, make_person, phone_spellings

LABEL_SETS = (
    {},
    {"full_name": "Adı ve Soyadı", "tckn": "TC Kimlik Numarası", "title": "Görevi",
     "institution": "Çalıştığı Kurum", "email": "E-Posta Adresi", "phone": "Cep Telefonu"},
    {"full_name": "AD SOYAD", "tckn": "T.C. NO", "title": "ÜNVANI", "institution": "GÖREV YERİ",
     "email": "MAIL", "phone": "GSM", "date": "BAŞVURU TARİHİ"},
    {"full_name": "Adi Soyadi", "tckn": "TC Kimlik No", "title": "Unvani", "email": "E-mail",
     "institution": "Kurumu / Birimi", "phone": "Tel"},
)


def read(spec: Spec):
    pdf, _ = draw_form(spec)
    extraction = from_pdf_text(pdf)
    assert is_form(extraction)
    return read_form(extraction)


def assert_all_read(form, spec: Spec) -> None:
    person = spec.person
    assert (form.request, form.full_name, form.tckn) == (person.request, person.full_name,
                                                         person.tckn)
    assert (form.title, form.institution, form.email) == (person.title, person.institution,
                                                          person.email)
    assert (form.phone, form.date, form.card_reader) == (person.phone, person.date,
                                                         person.card_reader)
    assert form.valid and form.problems == () and form.unreadable == ()


@pytest.mark.parametrize("layout", ["colon", "table", "below", "two_column"])
@pytest.mark.parametrize("labels", range(len(LABEL_SETS)))
def test_typed_layouts_and_label_variants(layout: str, labels: int) -> None:
    rng = random.Random(f"{layout}{labels}")
    person = make_person(rng)
    spec = Spec(person, layout=layout, labels=LABEL_SETS[labels], box_side=rng.choice(
        ("left", "right")), marks=rng.choice(("box", "glyph")),
        card_style=rng.choice(("single", "yes_no")), font=rng.choice(("Sans", "Serif", "Mono")),
        phone_text=rng.choice(phone_spellings(person.phone)),
        date_text=f"{person.date.day} Mart {person.date.year}" if labels == 1 else None)
    if labels == 1:
        spec.person = replace(person, date=person.date.replace(month=3))
    assert_all_read(read(spec), spec)


@pytest.mark.parametrize(("names", "on_value"), [("semantic", "Yes"), ("semantic", "Evet"),
                                                 ("word", "On"), ("word", "1")])
@pytest.mark.parametrize("card_style", ["single", "yes_no"])
def test_fillable_forms_by_field_name_or_by_label(names: str, on_value: str,
                                                  card_style: str) -> None:
    rng = random.Random(f"{names}{on_value}{card_style}")
    spec = Spec(make_person(rng), layout=rng.choice(("colon", "table", "below", "two_column")),
                fill="fillable", acro_names=names, on_value=on_value, card_style=card_style)
    pdf, _ = draw_form(spec)
    extraction = extracted(pdf, ocr=False)
    assert spec.person.full_name not in extraction.text  # AcroForm values are not page text
    assert_all_read(read_form(extraction), spec)


def test_problems_name_what_is_missing_or_wrong() -> None:
    person = make_person(random.Random(11))
    spec = Spec(replace(person, tckn=broken_tckn(person.tckn)), omit=("email",))
    form = read(spec)
    assert form.tckn is None and form.email is None
    assert set(form.problems) == {"invalid_tckn", "missing_email"} and not form.valid

    blank = read(Spec(person, fill="blank"))
    assert set(blank.problems) == {"missing_name", "missing_tckn", "missing_email",
                                   "missing_request"}
    assert blank.full_name is None and blank.request is None and blank.unreadable == ()


def test_two_ticked_requests_are_ambiguous_not_guessed() -> None:
    spec = Spec(replace(make_person(random.Random(5)), request="stolen"))
    pdf, _ = draw_form(spec)
    extraction = from_pdf_text(pdf)
    page = extraction.pages[0]
    kayip = next(w for w in page.words if w.text == "Kayıp" and w.top > 200)
    mark = Word("X", kayip.x0 - 14, kayip.top, kayip.x0 - 6, kayip.bottom)
    doubled = replace(extraction, pages=(replace(page, words=(*page.words, mark)),))
    form = read_form(doubled)
    assert form.request is None and "ambiguous_request" in form.problems


def test_a_receipt_is_not_a_form() -> None:
    lines = ["HALKBANK", "GÖNDEREN: AYŞE YILMAZ", "ALICI: TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ",
             "TC KIMLIK NO: 10000000146", "İŞLEM TARİHİ: 14.03.2024", "AÇIKLAMA: NES KAYIP",
             "Ad Soyad: AYŞE YILMAZ", "TUTAR: 300,00 TL"]
    words = []
    for row, line in enumerate(lines):
        x = 50.0
        for token in line.split():
            words.append(Word(token, x, 100 + 20 * row, x + 7 * len(token), 110 + 20 * row))
            x += 7 * len(token) + 5
    page = Page(1, 595, 842, tuple(words), "\n".join(lines))
    assert not is_form(Extraction(pages=(page,)))


def test_a_request_typed_alone_under_its_label_is_the_answer(tmp_path) -> None:
    from mailbot.documents import pipeline
    from tests.corpus import forms, sample_rng

    sample = forms.make_one(tmp_path, sample_rng(381230, 10, "form"), 10)
    assert sample.layout == "form-flat-typed-reason"  # "Açıklama :" then "çalıntı" below
    form = read_form(pipeline.extract_bytes(sample.path.read_bytes()))
    assert form.request == sample.truth["request"] == "stolen"
    assert "missing_request" not in form.problems


@pytest.mark.parametrize("ocr", [True, False])
def test_a_required_label_ocr_did_not_read_is_unreadable_not_missing(ocr: bool) -> None:
    spec = Spec(make_person(random.Random(8)))
    pdf, _ = draw_form(spec)
    extraction = from_pdf_text(pdf)
    page = extraction.pages[0]
    tckn = next(w for w in page.words if w.text == spec.person.tckn)
    kept = tuple(replace(w, conf=96.0 if ocr else None) for w in page.words
                 if abs(w.top - tckn.top) > 3)  # the TCKN's line, label and value, is gone
    form = read_form(replace(extraction, pages=(replace(page, words=kept, ocr=ocr),)))
    assert form.full_name == spec.person.full_name
    if ocr:  # a scan: the label may be there, misread
        assert "tckn" in form.unreadable and "missing_tckn" not in form.problems
        assert form.valid is None
    else:  # a text layer holds every printed label: no label, no TCKN
        assert "missing_tckn" in form.problems and form.valid is False
