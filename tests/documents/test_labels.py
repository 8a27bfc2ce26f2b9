"""Label matching: exact labels win over fuzzy look-alikes that read no more of the cell."""

from __future__ import annotations

from dataclasses import replace

from mailbot.documents.labels import LabelIndex
from mailbot.documents.layout import make_cell
from mailbot.documents.model import Word

_INDEX = LabelIndex({
    "recipient_iban": ("alacakli iban",),
    "ignore": ("alacakli banka", "alacakli sube"),
    "recipient_name": ("alici adi soyadi",),
})


def _ocr_cell(text: str):
    """One OCR'd cell (words carry a confidence, so fuzzy matching applies)."""
    words, x = [], 0.0
    for token in text.split():
        words.append(Word(token, x, 0.0, x + 6.0 * len(token), 10.0, 90.0))
        x += 6.0 * len(token) + 4.0
    return make_cell(1, 0, words)


def test_exact_label_beats_a_longer_fuzzy_label_ending_at_the_same_place() -> None:
    """GIVEN OCR'd 'ALACAKLI IBAN: TR…' THEN it is the recipient IBAN, not 'alacakli banka'."""
    hits = _INDEX.cell_hits(_ocr_cell("ALACAKLI IBAN: TR640001200930400005000016"), fuzzy=True)
    assert [(hit.field, hit.inline) for hit in hits] == [
        ("recipient_iban", "TR640001200930400005000016")]


def test_fuzzy_label_still_reads_an_ocr_slip() -> None:
    """GIVEN an OCR slip in a long label ('ALlCI ADI SOYADl') THEN the fuzzy match finds it."""
    hits = _INDEX.cell_hits(_ocr_cell("ALICl ADJ SOYADI: SİNOP İL SAĞLIK MÜD."), fuzzy=True)
    assert [(hit.field, hit.inline) for hit in hits] == [
        ("recipient_name", "SİNOP İL SAĞLIK MÜD")]  # inline strips separators


def test_a_fuzzy_label_does_not_read_past_a_colon() -> None:
    """GIVEN 'GÖNDEREN AD SOYAD: EFE KILIÇ' THEN the label ends at its colon: 'SOYAD: EFE'
    is no slip of 'soyad/unvan', and the payer keeps 'EFE'."""
    from mailbot.documents.receipt import _index, load_profiles

    generic, _ = load_profiles()
    hits = _index(generic).cell_hits(_ocr_cell("GÖNDEREN AD SOYAD: EFE KILIÇ"), fuzzy=True)
    assert [(hit.field, hit.inline) for hit in hits] == [("payer_name", "EFE KILIÇ")]


def test_value_right_of_a_lone_colon_column() -> None:
    """GIVEN 'LABEL | : | VALUE' as three cells THEN the value is the cell after the colon."""
    from mailbot.documents.grid import Grid
    from mailbot.documents.labels import find_hits
    from mailbot.documents.layout import Line

    def word(text: str, x0: float) -> Word:
        return Word(text, x0, 0.0, x0 + 6.0 * len(text), 10.0, 90.0)

    cells = (make_cell(1, 0, [word("ALACAKLI", 10), word("IBAN", 64)]),
             make_cell(1, 0, [word(":", 160)]),
             make_cell(1, 0, [word("TR64", 200), word("0001", 230), word("2009", 260)]))
    lines = [Line(1, 0, 0.0, 10.0, cells)]
    hits = find_hits(lines, _INDEX)
    grid = Grid(lines, hits)
    assert [span.text for span in grid.value_spans(hits[0])] == ["TR64 0001 2009"]


def test_description_wrapping_onto_a_word_that_is_also_a_label() -> None:
    """GIVEN a description wrapped so 'ÜCRETİ' (an ignored label) stands alone under it
    THEN the description reads on to it; a line with its own label does not join."""
    from mailbot.documents.grid import Grid
    from mailbot.documents.labels import find_hits
    from mailbot.documents.layout import Line

    index = LabelIndex({"description": ("aciklama",), "ignore": ("ucret",),
                        "date": ("islem tarihi",)})

    def line(number: int, *cells: tuple[str, float]) -> Line:
        made = []
        for text, x0 in cells:
            words, x = [], x0
            for token in text.split():
                words.append(Word(token, x, 14.0 * number, x + 6.0 * len(token),
                                  14.0 * number + 10.0, 90.0))
                x += 6.0 * len(token) + 4.0
            made.append(make_cell(1, number, words))
        return Line(1, number, 14.0 * number, 14.0 * number + 10.0, tuple(made))

    lines = [line(0, ("AÇIKLAMA", 10), (": ELİF-YILDIZ-53074645936- NES", 150)),
             line(1, ("ÜCRETİ", 158)),
             line(2, ("İŞLEM TARİHİ", 10), (": 18/03/2021", 150))]
    hits = find_hits(lines, index)
    grid = Grid(lines, hits)
    description = next(hit for hit in hits if hit.field == "description")
    span = grid.value_spans(description)[0]
    assert [s.text.lstrip(": ") for s in grid.continued(span, 4, description.cell.x0)] == [
        "ELİF-YILDIZ-53074645936- NES", "ÜCRETİ"]

    stacked = [line(0, ("AÇIKLAMA", 10)), line(1, ("SILA-BOZKURT-57497171348 / NES", 10)),
               line(2, ("ÜCRET", 10)), line(3, ("0,00 TL", 10))]
    hits = find_hits(stacked, index)
    grid = Grid(stacked, hits)
    description = next(hit for hit in hits if hit.field == "description")
    span = grid.value_spans(description)[0]
    assert [s.text for s in grid.continued(span, 4, description.cell.x0)] == [
        "SILA-BOZKURT-57497171348 / NES"]  # "ÜCRET" has a number of its own under it


def test_specks_at_the_edges_of_a_value_are_left_out() -> None:
    """GIVEN OCR words 'mi' (confidence 14) and '(' before a value THEN the span starts after
    them; a confident short word ('/') inside or at the end stays, and a slash read unsure too."""
    from mailbot.documents.grid import span_of

    words = [Word("mi", 0, 0, 10, 10, 14.0), Word("(", 12, 0, 14, 10, 30.0),
             Word("FATMA-CAKIR-45655978526", 16, 0, 90, 10, 87.0), Word("/", 92, 0, 96, 10, 91.0)]
    assert span_of(words, 1, 0).text == "FATMA-CAKIR-45655978526 /"
    assert span_of(words[:1], 1, 0).text == "mi"  # nothing else: kept
    wrapped = [Word("/", 0, 0, 4, 10, 37.0), Word("NES", 8, 0, 26, 10, 92.0)]
    assert span_of(wrapped, 1, 1).text == "/ NES"  # a wrapped line's slash, read unsure


def test_a_tall_lone_character_at_a_spans_edge_is_an_icon_however_sure() -> None:
    """GIVEN a phone screen's description read 'o SERKAN GÜRSOY TC:43008503104', its 'o'
    (confidence 71) twice as tall as the words THEN the span starts at the name; a lone
    letter of the words' height stays."""
    from mailbot.documents.grid import span_of

    words = [Word("o", 234, 464, 244, 492, 71.0), Word("SERKAN", 247, 471, 318, 485, 95.0),
             Word("GÜRSOY", 324, 467, 400, 485, 93.0),
             Word("TC:43008503104", 405, 470, 553, 485, 87.0)]
    assert span_of(words, 1, 0).text == "SERKAN GÜRSOY TC:43008503104"
    words[0] = Word("A", 234, 471, 244, 485, 71.0)
    assert span_of(words, 1, 0).text == "A SERKAN GÜRSOY TC:43008503104"


def test_dot_leaders_glued_to_a_label_are_not_a_value() -> None:
    """GIVEN 'ACIKLAMA.........1 8149…' (leaders and a misread colon glued on) THEN the
    inline value starts at the description."""
    index = LabelIndex({"description": ("aciklama",)})
    hits = index.cell_hits(_ocr_cell("ACIKLAMA...........1 81492975410 DILEK KOC"), fuzzy=True)
    assert [hit.inline for hit in hits] == ["81492975410 DILEK KOC"]


def test_a_label_read_through_look_alikes_does_not_cut_a_number() -> None:
    """GIVEN 'TUTAR: 1.080,00 TL' and a label 'tutarı' THEN the 1 is not taken for its ı."""
    index = LabelIndex({"amount": ("tutar", "tutari")})
    hits = index.cell_hits(_ocr_cell("TUTAR: 1.080,00 TL"), fuzzy=True)
    assert [hit.inline for hit in hits] == ["1.080,00 TL"]


def test_description_does_not_wrap_onto_a_two_word_label() -> None:
    """GIVEN 'İŞLEM ÜCRETİ' (an ignored label) alone under a description THEN it is not read
    as part of the description."""
    from mailbot.documents.grid import Grid
    from mailbot.documents.labels import find_hits
    from mailbot.documents.layout import Line

    index = LabelIndex({"description": ("aciklama",), "ignore": ("ucret", "islem ucreti")})
    cells = []
    for number, (text, x0) in enumerate((("AÇIKLAMA", 10), ("İŞLEM ÜCRETİ", 150))):
        words = [Word(token, x0 + 50 * i, 14.0 * number, x0 + 50 * i + 40, 14.0 * number + 10,
                      90.0) for i, token in enumerate(text.split())]
        cells.append(make_cell(1, number, words))
    value = make_cell(1, 0, [Word("53653364746", 150, 0, 220, 10, 90.0),
                             Word("E-İMZA", 230, 0, 270, 10, 90.0)])
    lines = [Line(1, 0, 0.0, 10.0, (cells[0], value)), Line(1, 1, 14.0, 24.0, (cells[1],))]
    hits = find_hits(lines, index)
    grid = Grid(lines, hits)
    description = next(hit for hit in hits if hit.field == "description")
    span = grid.value_spans(description)[0]
    assert [s.text for s in grid.continued(span, 4, description.cell.x0)] == [
        "53653364746 E-İMZA"]


def test_a_labels_other_language_word_is_not_part_of_its_inline_value() -> None:
    """GIVEN 'Ad Soyad/Unvan / Name: T.C. SAĞLIK' THEN the value starts at T.C., so the
    lines it wraps onto line up with it; a short word with a colon ('TC:') is a value's."""
    from mailbot.documents.grid import Grid
    from mailbot.documents.labels import find_hits
    from mailbot.documents.layout import Line

    index = LabelIndex({"recipient_name": ("ad soyad/unvan",), "description": ("aciklama",)})
    texts = ("Ad Soyad/Unvan / Name: T.C. SAĞLIK", "ACIKLAMA: TC: 1234")
    lines = [Line(1, number, 14.0 * number, 14.0 * number + 10,
                  (make_cell(1, number, [replace(w, top=w.top + 14.0 * number,
                                                 bottom=w.bottom + 14.0 * number)
                                         for w in _ocr_cell(text).words]),))
             for number, text in enumerate(texts)]
    hits = find_hits(lines, index)
    grid = Grid(lines, hits)
    assert [grid.value_spans(hit)[0].text for hit in hits] == ["T.C. SAĞLIK", "TC: 1234"]


def test_specks_ocr_made_words_of_are_no_part_of_a_line() -> None:
    """GIVEN OCR words a point or two tall on a page of 15-point text ('Le' at confidence 0,
    'pan' at 51) THEN they are left out of its lines; a dash, flat by nature, stays."""
    from mailbot.documents.layout import page_lines
    from mailbot.documents.model import Page

    def word(text: str, x0: float, height: float, conf: float) -> Word:
        return Word(text, x0, 100.0, x0 + 8.0 * len(text), 100.0 + height, conf, 0)

    words = (word("Alıcı", 10, 15, 91), word("pan", 60, 2.2, 51), word("Le", 100, 1.1, 0),
             word("ELAZIĞ", 130, 15, 96), word("-", 190, 2, 88), word("İL", 200, 15, 88))
    [line] = page_lines(Page(1, 600, 800, words, "", ocr=True))
    assert " ".join(cell.text for cell in line.cells) == "Alıcı ELAZIĞ - İL"


def test_a_description_does_not_wrap_onto_the_banks_footer() -> None:
    """GIVEN the bank's footer ('Türkiye Vakıflar Bankası T.A.O. - www.vakifbank.com.tr')
    just under a description THEN it is no line of the description; a name line is."""
    from mailbot.documents.grid import Grid
    from mailbot.documents.labels import find_hits
    from mailbot.documents.layout import Line

    def line(number: int, *texts: tuple[str, float]) -> Line:
        cells = tuple(make_cell(1, number, [
            replace(w, x0=w.x0 + x0, x1=w.x1 + x0, top=w.top + 14.0 * number,
                    bottom=w.bottom + 14.0 * number) for w in _ocr_cell(text).words])
            for text, x0 in texts)
        return Line(1, number, 14.0 * number, 14.0 * number + 10, cells)

    index = LabelIndex({"description": ("islem aciklamasi",)})
    for below, wraps in (("Türkiye Vakıflar Bankası T.A.O. - www.vakifbank.com.tr", False),
                         ("Turteye Yakar Barka TAO Tekirdağ Şutu", False),  # misread, no dots
                         ("ÇELİK NES ÜCRETİ", True)):
        lines = [line(0, ("İŞLEM AÇIKLAMASI", 0), ("ÖZLEM ÇELİK TC:30804577712", 150)),
                 line(1, (below, 150))]
        hits = find_hits(lines, index)
        grid = Grid(lines, hits)
        span = grid.value_spans(hits[0])[0]
        assert len(grid.continued(span, 4, hits[0].cell.x0)) == (2 if wraps else 1)


def test_a_name_starts_with_a_capital_a_speck_before_it_aside() -> None:
    """GIVEN 'ile IBAN eşleşmesi ...' (the terms page's prose) THEN it is no name; a speck read
    as a small letter before a name ('o T.C. SAĞLIK BAKANLIĞI') does not make it one."""
    from mailbot.documents.receipt import _starts_small

    assert _starts_small("ile IBAN eşleşmesi kontrolü")
    assert not _starts_small("o T.C. SAĞLIK BAKANLIĞI")
    assert not _starts_small("Ahmet Bulut")



def test_a_tables_border_read_as_a_letter_before_a_label_is_left_out() -> None:
    """GIVEN OCR'd 'JHavale Tutan 600,00 TRY' (the border read as a J, 'rı' as an n) THEN the
    fuzzy match still finds the amount's label; an all-capital word keeps its first letter."""
    index = LabelIndex({"amount": ("havale tutarı",), "recipient_name": ("alıcı",)})
    hits = index.cell_hits(_ocr_cell("JHavale Tutan 600,00 TRY"), fuzzy=True)
    assert [(hit.field, hit.inline) for hit in hits] == [("amount", "600,00 TRY")]
    assert index.cell_hits(_ocr_cell("JHAVALE TUTAN 600,00 TRY"), fuzzy=True) == []
