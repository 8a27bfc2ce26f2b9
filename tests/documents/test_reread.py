"""Unsure figure words re-read from their crops: when a new reading stands (crop OCR given)."""

from __future__ import annotations

import pytest

from mailbot.documents import reread
from mailbot.documents.model import Extraction, Page, Word


def _extraction(*words: Word) -> Extraction:
    text = " ".join(w.text for w in words)
    page = Page(1, 595.0, 842.0, words, text, ocr=True, image=b"png", dpi=300)
    return Extraction(pages=(page,), scanned=True)


def _word(text: str, conf: float, x0: float = 100.0) -> Word:
    return Word(text, x0, 200.0, x0 + 8.0 * len(text), 210.0, conf)


def _crops_read(monkeypatch: pytest.MonkeyPatch, *readings: str,
                conf: float = 80.0) -> list[list[float]]:
    """Let the crop OCR read `readings` in turn, crop by crop, each word `conf` sure and as
    wide as the crop; the scales asked for in each Tesseract run are returned."""
    asked: list[list[float]] = []
    sizes = iter(readings)

    def crops_line_words(page: Page, wanted: list) -> list[tuple[Word, ...]]:
        asked.append([scale for _, _, scale in wanted])
        return [tuple(Word(t, box[0], box[1], box[2], box[3], conf) for t in next(sizes).split())
                for box, _, _ in wanted]

    monkeypatch.setattr(reread, "crops_line_words", crops_line_words)
    monkeypatch.setattr(reread, "_signs_marked", lambda page, words: words)
    return asked


def _reread_text(extraction: Extraction) -> str:
    return reread.reread_unsure(extraction).pages[0].text


def test_a_doubled_digit_every_enlargement_reads_single_is_mended(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _crops_read(monkeypatch, "686103834567", "| 686103834567", "686103834567")
    text = _reread_text(_extraction(_word("Referans:", 95.0, 20.0), _word("6861038344567", 0.0)))
    assert text == "Referans: 686103834567"
    assert asked == [list(reread.SCALES)]


def test_enlargements_that_disagree_leave_the_word_as_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "686103834567", "6861O3834567", "686103834567")
    assert _reread_text(_extraction(_word("6861038344567", 0.0))) == "6861038344567"


def test_one_crop_reading_the_word_as_the_page_did_keeps_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "5566-002456", "9566-002456", "9566-002456")
    assert _reread_text(_extraction(_word("5566-002456", 70.0))) == "5566-002456"


def test_every_unsure_word_of_a_page_is_read_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _crops_read(monkeypatch, *(["2402274798719"] * 3 + ["240274798719"] * 3))
    page = _extraction(_word("24022747987I9", 10.0), _word("2402274798719", 20.0, 300.0))
    assert _reread_text(page) == "2402274798719 240274798719"
    assert asked == [[*reread.SCALES, *reread.SCALES]]


def test_a_reading_that_loses_figures_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "HBsuz/247355", "HBsuz/247355", "HBsuz/247355")
    assert _reread_text(_extraction(_word("HB8027247355", 43.0))) == "HB8027247355"


def test_a_reading_that_takes_in_the_next_words_figures_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "x", "y", "z")
    _pp_reads(monkeypatch, *["34251209028-"] * 3)  # "3425 1209028-": the crop caught both
    assert _reread_text(_extraction(_word("3425", 40.0))) == "3425"


@pytest.mark.parametrize("text", ["TC:55072853252", "TR770001202648329332451540"])
def test_a_word_a_checksum_vouches_for_is_not_read_again(monkeypatch: pytest.MonkeyPatch,
                                                         text: str) -> None:
    asked = _crops_read(monkeypatch, "1C:55072853252")
    assert _reread_text(_extraction(_word(text, 40.0))) == text
    assert asked == []


def test_sure_words_and_text_layers_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _crops_read(monkeypatch, "123456", "123456", "123456")
    assert _reread_text(_extraction(_word("1234567", 96.0))) == "1234567"
    text_layer = Extraction(pages=(Page(1, 595.0, 842.0, (_word("1234567", 10.0),), "1234567"),))
    assert reread.reread_unsure(text_layer) is text_layer
    assert asked == []


def _pp_reads(monkeypatch: pytest.MonkeyPatch, *readings: str) -> list[str]:
    """Let the second engine read the word's crop variants as `readings`; the words it was
    asked about are returned."""
    asked: list[str] = []

    def reread_line(page: Page, word: Word) -> list[str]:
        asked.append(word.text)
        return list(readings)

    monkeypatch.setattr(reread, "reread_line", reread_line)
    return asked


def test_where_enlargements_disagree_a_token_the_second_engine_reads_alike_stands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "2028182423863", "23028182423863", "2028182423863")
    _pp_reads(monkeypatch, *["23028182423863"] * 3)
    assert _reread_text(_extraction(_word("2028182423863", 62.0))) == "23028182423863"


@pytest.mark.parametrize("readings", [("47FE7EE460AA45D9", "47FE7EE460AA4509", "47FE7EE460AA45D9"),
                                      ("4512 954429",) * 3, ("45l2-954429",) * 3])
def test_the_second_engine_stands_only_on_one_plain_token_in_every_variant(
        monkeypatch: pytest.MonkeyPatch, readings: tuple[str, ...]) -> None:
    _crops_read(monkeypatch, "x", "y", "z")
    _pp_reads(monkeypatch, *readings)
    assert _reread_text(_extraction(_word("47FE7EE46OAA4509", 39.0))) == "47FE7EE46OAA4509"


def test_a_word_with_turkish_letters_is_not_given_to_the_second_engine(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "x", "y", "z")
    asked = _pp_reads(monkeypatch, *["OZKAN-88532530486"] * 3)
    assert _reread_text(_extraction(_word("ÖZKAN-8853253O486", 30.0))) == "ÖZKAN-8853253O486"
    assert asked == []


def test_the_second_engine_may_not_drop_a_leading_letter_a_lira_sign_may_have_been_read_as(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "x", "y", "z")
    _pp_reads(monkeypatch, *["780,00"] * 3)  # "₺780,00": PP-OCR has no ₺
    assert _reread_text(_extraction(_word("b780,00", 0.0))) == "b780,00"


def test_a_date_printed_in_full_keeps_every_digit(monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "24/1/2023", "24/1/2023", "24/1/2023")  # another day
    assert _reread_text(_extraction(_word("24/11/2023", 40.0))) == "24/11/2023"


BROKEN = "11114523314"  # eleven figures that fail the TCKN checksum


def test_a_sure_tckn_failing_its_checksum_is_read_again_and_marked_where_every_crop_agrees(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from mailbot.documents.model import CONFIRMED_CONF

    asked = _crops_read(monkeypatch, BROKEN, BROKEN, BROKEN)
    page = reread.reread_unsure(_extraction(_word(BROKEN, 90.0))).pages[0]
    assert asked == [list(reread.SCALES)] and page.words[0].conf == CONFIRMED_CONF
    _crops_read(monkeypatch, "11114521114", "11114421114", BROKEN)
    _pp_reads(monkeypatch, "11114521114")
    page = reread.reread_unsure(_extraction(_word(BROKEN, 90.0))).pages[0]
    assert page.words[0] == _word(BROKEN, 90.0)  # the crops disagree: no mark, no change


def test_a_tckn_failing_its_checksum_is_mended_only_into_one_that_passes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from tests.corpus.people import make_tckn

    valid = make_tckn(random.Random(3))
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    _crops_read(monkeypatch, valid, valid, valid)
    assert _reread_text(_extraction(_word(wrong, 90.0))) == valid
    other = wrong[:5] + str((int(wrong[5]) + 1) % 10) + wrong[6:]  # fails it too
    _crops_read(monkeypatch, other, other, other)
    _pp_reads(monkeypatch)
    assert _reread_text(_extraction(_word(wrong, 90.0))) == wrong


def test_a_scans_description_tckn_failing_its_checksum_unconfirmed_is_unsure() -> None:
    from mailbot.documents.model import CONFIRMED_CONF, Receipt
    from mailbot.documents.receipt import _tckn_unsure

    receipt = Receipt(description=f"Ayse Koseoglu {BROKEN} nes ucreti")
    assert _tckn_unsure(receipt, _extraction(_word(BROKEN, 90.0)))
    assert not _tckn_unsure(receipt, _extraction(_word(BROKEN, CONFIRMED_CONF)))
    text_layer = Extraction(pages=(Page(1, 595.0, 842.0, (_word(BROKEN, None),), BROKEN),))
    assert not _tckn_unsure(receipt, text_layer)  # printed text: really invalid


def test_a_word_glued_of_two_that_every_crop_surely_reads_apart_is_split(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, *["-147,50 TL"] * 3, conf=90.0)  # "TL" glued on and read "'71"
    page = reread.reread_unsure(_extraction(_word("147,90'71", 0.0))).pages[0]
    assert [w.text for w in page.words] == ["-147,50", "TL"]
    assert page.text == "-147,50 TL"


def test_a_split_needs_every_crop_alike_and_sure(monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, "-147,50 TL", "-147,50 TL", "-147,90 TL", conf=90.0)
    _pp_reads(monkeypatch)
    assert _reread_text(_extraction(_word("147,90'71", 0.0))) == "147,90'71"
    _crops_read(monkeypatch, *["-147,50 TL"] * 3, conf=80.0)
    assert _reread_text(_extraction(_word("147,90'71", 0.0))) == "147,90'71"


def test_an_unsure_word_of_letters_is_split_only_as_spelled_on_the_page(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crops_read(monkeypatch, *["MOBIL EFT"] * 3, conf=93.0)
    assert _reread_text(_extraction(_word("MOBILEFT", 55.0))) == "MOBIL EFT"
    _crops_read(monkeypatch, *["GURSOY NES"] * 3, conf=93.0)  # the crop dropped the marks
    assert _reread_text(_extraction(_word("GÜRSOYNES", 55.0))) == "GÜRSOYNES"
    asked = _crops_read(monkeypatch, *["MOBIL EFT"] * 3, conf=93.0)
    assert _reread_text(_extraction(_word("MOBILEFT", 90.0))) == "MOBILEFT"
    assert asked == []  # read surely on the page: not read again


def test_a_split_does_not_take_a_neighbours_word_the_crop_caught(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def crops_line_words(page: Page, wanted: list) -> list[tuple[Word, ...]]:
        return [(Word("3425", 100.0, 200.0, 132.0, 210.0, 95.0),
                 Word("1209028", 136.0, 200.0, 190.0, 210.0, 95.0)) for _ in wanted]

    monkeypatch.setattr(reread, "crops_line_words", crops_line_words)
    _pp_reads(monkeypatch)
    assert _reread_text(_extraction(_word("3425", 40.0))) == "3425"
