"""Reading a value from its own crop: dotted leaders and grey paper cleaned, prose not a label."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from mailbot.documents.form import read_form
from mailbot.documents.form_crop import clean_crop, flatten
from mailbot.documents.form_fields import at_restored, misread_domain
from mailbot.documents.form_rules import default_rules
from mailbot.documents.form_view import PageView
from mailbot.documents.model import Page, Word
from tests.documents.forms.extraction import extracted, tesseract_missing

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def test_dotted_leader_is_erased_and_letters_kept() -> None:
    crop = np.full((60, 400), 255, np.uint8)
    crop[10:40, 20:34] = 0  # a letter-sized stroke
    crop[12:15, 60:63] = 0  # a lone dot (an "i" dot) above the baseline
    for x in range(20, 390, 8):
        crop[48:50, x:x + 2] = 0  # the leader under the value
    cleaned = clean_crop(crop, 30.0)
    assert cleaned[10:40, 20:34].mean() < 60
    assert cleaned[12:15, 60:63].mean() < 128
    assert cleaned[48:50, 100:300].min() > 200


def test_grey_paper_becomes_white_and_ink_stays_dark() -> None:
    crop = np.full((60, 200), 170, np.uint8)
    crop[20:40, 50:60] = 40
    flat = flatten(crop, 20.0)
    assert flat[5, 5] > 240 and flat[30, 55] < 100


@pytest.mark.parametrize(("address", "misread"), [
    ("a.b@vandex.com", True), ("a.b@gmai1.com", True), ("a.b@hotmall.com", True),
    ("a.b@yandex.com", False), ("a.b@tekirdag.saglik.gov.tr", False),
    ("a.b@firma.com.tr", False), ("a.b@saghk.gov.tr", True), ("a.b@adalet.gov.tr", False),
    ("a.b@saglik.gov", True), ("a.b@outlook.co", True), ("a.b@hotmail.com", False)])
def test_email_domain_near_a_common_one_is_a_misreading(address: str, misread: bool) -> None:
    assert misread_domain(address, default_rules().email_domains) is misread


def _word(text: str, x0: float, y: float = 100.0) -> Word:
    return Word(text, x0, y, x0 + 6.0 * len(text), y + 10.0, 95.0)


def test_a_label_closing_a_sentence_is_not_a_label() -> None:
    texts = ["6.", "Sorularınız", "için:", "sbs@saglik.gov.tr", "/", "Tel:", "0282", "000"]
    words, x = [], 40.0
    for text in texts:
        words.append(_word(text, x))
        x += 6.0 * len(text) + 4.0
    words.append(_word("Telefon:", 40.0, 140.0))
    words.append(_word("05321234567", 120.0, 140.0))
    page = Page(1, 595.0, 842.0, tuple(words), "", ocr=True)
    phones = [h for h in PageView(page, default_rules()).hits if h.what == "phone"]
    assert [round(h.top) for h in phones] == [140]


def _dotted_form() -> bytes:
    """A grey scan of a form whose values sit on dotted leaders (typed in a mono font)."""
    page = Image.new("L", (1654, 1200), 215)
    draw = ImageDraw.Draw(page)
    label, value = ImageFont.truetype(SERIF, 34), ImageFont.truetype(FONT, 34)
    draw.text((200, 80), "E-İMZA KAYIP / ÇALINTI / ARIZA BAŞVURU FORMU", font=label, fill=20)
    rows = [("Adı Soyadı", "Büşra Polat"), ("T.C. Kimlik No", "10000000146"),
            ("Kadro Unvanı", "Uzman Doktor"), ("Mail Adresi", "polat.busra@outlook.com"),
            ("Cep Telefonu", "05337527329")]
    for number, (name, text) in enumerate(rows):
        y = 220 + 110 * number
        draw.text((150, y), name, font=label, fill=20)
        draw.text((560, y), ":", font=label, fill=20)
        draw.text((600, y - 4), text, font=value, fill=20)
        for x in range(590, 1500, 9):
            draw.rectangle((x, y + 40, x + 2, y + 42), fill=60)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()


@pytest.mark.skipif(tesseract_missing(), reason="needs tesseract-ocr, tesseract-ocr-tur")
def test_values_on_dotted_leaders_are_read_from_their_crops() -> None:
    form = read_form(extracted(_dotted_form()))
    assert (form.full_name, form.tckn, form.title) == ("Büşra Polat", "10000000146",
                                                       "Uzman Doktor")
    assert (form.email, form.phone) == ("polat.busra@outlook.com", "05337527329")


@pytest.mark.parametrize(("text", "address"), [
    ("halilyildiz& yahoo.com", "halilyildiz@yahoo.com"),
    ("polat.busra€outlook.com", "polat.busra@outlook.com"),
    ("huseyin.ucar148yahoo.com", "huseyin.ucar14@yahoo.com"),  # the Turkish model's "@"
    ("cagla.ozdemir saglik.gov.tr", "cagla.ozdemir@saglik.gov.tr"),
    ("polat.busradoutlook.com", None),  # a letter for "@": it may be the address's own
    ("ali@veli.com", None), ("x & firma.com", None)])
def test_an_at_sign_misread_before_a_common_domain_is_restored(text: str,
                                                               address: str | None) -> None:
    assert at_restored(text, default_rules().email_domains) == address
