"""Labels and choices found on a scanned form's lines, and printed values OCR slipped on."""

from __future__ import annotations

import io
import random

from PIL import Image

from mailbot.documents.form_layout import Hit
from mailbot.documents.form_page import _handwritten, _views_agreed
from mailbot.documents.form_regions import Region, value_regions
from mailbot.documents.form_rules import default_rules
from mailbot.documents.form_view import PageView, crop_box
from mailbot.documents.model import Page, Word
from tests.documents.forms.scans import handwrite


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


def test_imza_followed_by_words_is_a_sentence_not_the_signature_label():
    # "E-imza kartım kayboldu" under "Talebiniz :" with its "E-" lost: no label to stop at
    assert "signature" not in {h.what for h in _view("imza", "kartım", "kayboldu").hits}
    assert "signature" in {h.what for h in _view("İmza").hits}


def test_a_values_crop_starts_after_its_labels_colon_read_as_a_word_of_its_own():
    view = _view("CEP", "TELEFONU", ":", "+90", "532", "660", "83", "70")
    [hit] = [h for h in view.hits if h.what == "phone"]
    colon = view.lines[hit.line].words[hit.end]
    region = value_regions(view.lines, view.hits, hit, view.page.width)[0]
    assert colon.text == ":" and crop_box(view, region)[0] > colon.x1


def test_the_crop_under_a_label_stops_at_the_next_label_on_its_line():
    # "Tarih        İmza" with the date written under "Tarih" and a signature under "İmza"
    words = (Word("Tarih", 60, 464, 87, 476, 95.0), Word("İmza", 378, 464, 401, 476, 95.0))
    view = PageView(Page(1, 595.0, 842.0, words, "Tarih İmza", ocr=True), default_rules())
    [hit] = [h for h in view.hits if h.what == "date"]
    right = value_regions(view.lines, view.hits, hit, view.page.width)[0]
    below = Region(hit, hit.x0, hit.bottom, right.x1, hit.bottom + 40, (), below=True)
    assert crop_box(view, below)[2] <= 378
    view.hits = [hit]  # the signature label was read only in the page's other reading
    view.others = [h for h in PageView(view.page, default_rules()).hits if h.what != "date"]
    assert crop_box(view, below)[2] <= 378


def test_a_printed_title_read_a_letter_off_listed_words_is_spelled_as_listed():
    from mailbot.documents.form_fields import FieldReading, Status
    from mailbot.documents.form_page import _slip_mended

    def mended(what: str, text: str) -> str:
        return _slip_mended(what, FieldReading(Status.READ, text)).value

    assert mended("title", "UZMAN DAK TOR") == "UZMAN DOKTOR"
    assert mended("title", "Uzman Doktor") == "Uzman Doktor"
    assert mended("institution", "ERGENE İLCE SAĞLIK MÜDÜRLÜĞÜ") == (
        "ERGENE İLÇE SAĞLIK MÜDÜRLÜĞÜ")  # a mark dropped among words read with theirs
    assert mended("institution", "ERGENE ILCE SAGLIK MUDURLUGU") == (
        "ERGENE ILCE SAGLIK MUDURLUGU")  # typed without marks: as typed
    assert mended("institution", "Qwxyz Zrtplk") == "Qwxyz Zrtplk"  # nothing near: as read
    assert mended("full_name", "Berkay Yilmaz") == "Berkay Yilmaz"  # names are many


def test_listed_words_both_readings_of_a_page_give_stand_without_a_crop_to_confirm_them():
    assert _views_agreed({1: {"TIBBİ SEKRETER"}, 2: {"TIBBİ SEKRETER"}}).value == (
        "TIBBİ SEKRETER")
    assert _views_agreed({1: {"TIBBİ SEKRETER"}}) is None  # one reading of the page
    assert _views_agreed({1: {"TIBBİ SEKRETER"}, 2: {"SAĞLIK MEMURU"}}) is None
    assert _views_agreed({1: {"TIBBİ SEKRETER"}, 2: {None}}) is None  # one read no listed words
    assert _views_agreed({1: {"EBE", "HEMŞİRE"}, 2: {"EBE"}}) is None  # one read two titles


def test_a_name_read_surely_off_a_wandering_baseline_is_still_handwriting():
    image = Image.new("L", (595, 200), 255)
    handwrite(image, 60, 120, "Zeynep Koç", random.Random(3), dpi=72, messy=1.6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    words = (Word("Zeynep", 60.0, 92.0, 160.0, 124.0, 96.0), Word("Kee", 170.0, 92.0, 220.0,
                                                                  124.0, 95.0))
    page = Page(1, 595.0, 200.0, words, "Zeynep Kee", ocr=True, image=buffer.getvalue(),
                dpi=72)
    view = PageView(page, default_rules())
    label = Word("Adı", 10.0, 100.0, 40.0, 112.0, 96.0)
    hit = Hit("full_name", 0, 0, 1, label.x0, label.top, label.x1, label.bottom, 0, True)
    region = Region(hit, 50.0, 90.0, 595.0, 126.0, words, below=False)
    assert _handwritten(view, "full_name", region)  # sure OCR, wandering letters
    assert not _handwritten(view, "phone", region)  # a number: its format vets it


def test_a_word_a_slip_off_two_choices_is_the_one_beside_its_row_mates():
    choices = {h.what for h in _view("Kart", "okuyucu", "istiyor", "musunuz?", "LJ", "Evet",
                                     "Kayır").hits if h.what.startswith("opt:")}
    assert choices == {"opt:yes", "opt:no"}  # "Kayır": Hayır or Kayıp; beside Evet, Hayır
    assert "opt:lost" in {h.what for h in _view("Başvuru", "Nedeni:", "Kayıo").hits}


def test_a_choice_read_with_its_kart_glued_on_is_still_that_choice():
    view = _view("Başvuru", "Nedeni:", "|KarKaybı", "(|", "KartÇalınması", "(X)", "Kartarızası")
    assert {h.what for h in view.hits if h.what.startswith("opt:")} == {
        "opt:lost", "opt:stolen", "opt:fault"}


def _below(words: tuple[Word, ...], what: str) -> Region:
    text = " ".join(w.text for w in words)
    view = PageView(Page(1, 595.0, 842.0, words, text, ocr=True), default_rules())
    [hit] = [h for h in view.hits if h.what == what]
    return value_regions(view.lines, view.hits, hit, view.page.width)[-1]


def test_words_level_with_the_next_label_are_its_value_not_the_one_above():
    # an empty "Adı Soyadı" over "T.C. KİMLİK NO" whose comb stands a little higher than its
    # label: OCR read the comb's top edge as words of a line of their own, between the two
    label = (Word("Adı", 71, 145, 85, 152, 95.0), Word("Soyadı", 87, 145, 113, 154, 95.0))
    tckn = (Word("T.C.", 71, 175, 89, 182, 95.0), Word("KİMLİK", 92, 171, 125, 187, 95.0),
            Word("NO", 128, 175, 140, 182, 95.0))
    comb_top = (Word("Sani", 98, 167, 120, 174, 25.0), Word("aot", 269, 167, 290, 173, 51.0))
    assert _below(label + comb_top + tckn, "full_name").words == ()
    written = (Word("Ayşe", 75, 157, 100, 165, 90.0), Word("Kaya", 104, 157, 130, 165, 90.0))
    assert _below(label + written + tckn, "full_name").text == "Ayşe Kaya"


def test_a_choice_after_a_box_read_as_a_parenthesis_is_a_choice_but_an_aside_is_not():
    # "Evet ☐ Hayır ☑" with Hayır's box read "(": alone on its row it is the choice
    assert "opt:no" in {h.what for h in _view("Kart", "Okuyucu", "Talebi:", "Evet|",
                                               "(Hayır").hits}
    assert "opt:no" not in {h.what for h in _view("Evet", "(Hayır", "ise", "boş").hits}


def test_a_choice_between_boxes_read_as_parentheses_is_a_choice():
    # "KAYIP ☐ ÇALINTI ☒ ARIZA ☐" on a photo read "KAYIP( (ÇALINTI) (o ARIZA(": the
    # parentheses close on the choice itself, no aside goes on after it
    view = _view("Başvuru", "Nedeni:", "KAYIP(", "(ÇALINTI)", "(o", "ARIZA(")
    assert {h.what for h in view.hits if h.what.startswith("opt:")} == {
        "opt:lost", "opt:stolen", "opt:fault"}
    assert "opt:no" not in {h.what for h in _view("Evet", "(Hayır", "ise)", "boş").hits}


def test_a_label_with_its_box_read_glued_before_it_is_still_the_label():
    # "☒ Kart okuyucu talep ediyorum" read "(H)Kart okuyucu talep ediyorum"
    assert "card_reader" in {h.what for h in _view("(H)Kart", "okuyucu", "talep",
                                                    "ediyorum").hits}
    assert "card_reader" in {h.what for h in _view("[X]Kart", "okuyucu", "talep",
                                                    "ediyorum").hits}
