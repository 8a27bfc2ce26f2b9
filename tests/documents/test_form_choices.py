"""Which printed box belongs to which choice on a row, and requests named in words (pure)."""

from __future__ import annotations

from mailbot.documents.form import _requests_in
from mailbot.documents.form_choices import anchors_on_page, apply_ink, decide_request
from mailbot.documents.form_layout import Line, find_hits
from mailbot.documents.form_rules import default_rules
from mailbot.documents.ink import Box
from mailbot.documents.model import Word


class Boxes:
    """The ink of a page as apply_ink sees it: its boxes."""

    def __init__(self, boxes: list[Box]) -> None:
        self._boxes = boxes

    def boxes(self) -> list[Box]:
        return self._boxes


def _row(words: list[tuple[str, float, float]], top: float = 318.0) -> Line:
    return Line(tuple(Word(text, x0, top, x1, top + 9.0, 95.0) for text, x0, x1 in words))


def _request(row: Line, boxes: list[Box]) -> str | None:
    rules = default_rules()
    hits = find_hits(rules, [row], fuzzy=True)
    anchors = anchors_on_page(hits, [row], 1, rules)
    apply_ink(anchors, Boxes(boxes), hits)
    return decide_request(anchors, [])[0]


def _box(x0: float, ink: float = 0.0) -> Box:
    return Box(x0, 317.0, x0 + 12.0, 329.0, ink)


def test_a_monospaced_rows_boxes_belong_to_the_words_after_them() -> None:
    # "☐ Kart Kaybı  ☐ Kart Çalınması  ☑ Kart Arızası" in a monospaced font: a space is as
    # wide as a letter, so "Kart" is part of each choice and each box sits left of its own
    row = _row([("Kart", 165, 187), ("Kaybı", 194, 219), ("Kart", 257, 279),
                ("Çalınması", 286, 334), ("Kart", 371, 393), ("Arızası", 400, 438)])
    boxes = [_box(148), _box(240), _box(354, ink=0.45)]
    assert _request(row, boxes) == "fault"
    boxes = [_box(148), _box(240, ink=0.45), _box(354)]
    assert _request(row, boxes) == "stolen"


def test_choices_apart_from_their_neighbours_stay_single_words() -> None:
    # proportional type, boxes right of their words: "Kayıp ☐   Çalıntı ☑   Arıza ☐"
    row = _row([("Kayıp", 100, 126), ("Çalıntı", 170, 204), ("Arıza", 248, 274)])
    boxes = [_box(130), _box(208, ink=0.45), _box(278)]
    assert _request(row, boxes) == "stolen"


def test_a_reason_read_without_its_spaces_still_names_its_request() -> None:
    rules = default_rules()
    assert _requests_in("Kartkirildi", rules) == {"fault"}  # PP-OCR: "Kart kırıldı"
    assert _requests_in("Kartımkayboldu.", rules) == {"lost"}
    assert _requests_in("Kartımı", rules) == set()  # the card alone names no request


def test_a_reason_whose_undotted_i_ocr_read_as_an_l_still_names_its_request() -> None:
    rules = default_rules()
    assert _requests_in("arlza", rules) == {"fault"}  # arıza
    assert _requests_in("ar!za", rules) == {"fault"}
    assert _requests_in("Kartım arlzalandı", rules) == {"fault"}
    assert _requests_in("callndl", rules) == {"stolen"}  # çalındı
    assert _requests_in("kaylp", rules) == {"lost"}  # kayıp
    assert _requests_in("kayit", rules) == set()  # kayıt (a record) is one letter off, not ı


def test_a_ticked_box_beside_choices_whose_own_word_was_not_read_is_counted() -> None:
    # "☐ Kayıp  ☑ Hezşıhı  ☐ Arıza": the tick hid the second choice's word from OCR
    row = _row([("Kayıp", 101, 127), ("Hezşıhı", 171, 205), ("Arıza", 249, 275)])
    rules = default_rules()
    hits = find_hits(rules, [row], fuzzy=True)
    anchors = anchors_on_page(hits, [row], 1, rules)
    stray = apply_ink(anchors, Boxes([_box(86), _box(156, ink=0.45), _box(234)]), hits)
    assert stray == 1 and decide_request(anchors, [])[0] is None
    stray = apply_ink(anchors, Boxes([_box(86), _box(156), _box(234)]), hits)
    assert stray == 0


def test_a_ticked_box_far_along_its_row_from_the_next_choice_is_counted() -> None:
    # "☑ ????  ☐ Çalıntı  ☐ Arıza" on a photo: the first choice's word went unread and its
    # box stands further left of Çalıntı than a mark reaches; the tick is no "missing"
    row = _row([("Başvuru", 40, 80), ("Nedeni:", 84, 120), ("Çalıntı", 270, 322),
                ("Arıza", 350, 390)])
    rules = default_rules()
    hits = find_hits(rules, [row], fuzzy=True)
    anchors = anchors_on_page(hits, [row], 1, rules)
    stray = apply_ink(anchors, Boxes([_box(198, ink=0.65), _box(255), _box(335)]), hits)
    assert stray == 1 and decide_request(anchors, [])[0] is None


def test_a_choice_word_one_slip_off_two_choices_is_the_one_its_row_prints() -> None:
    # "☒KAYIP ☐ÇALINTI ☐ARIZA" read "(Bikayır JçaLınrı jJarıza": "kayır" is one slip off
    # Kayıp and Hayır; beside Çalıntı and Arıza it is Kayıp, beside Evet it is Hayır
    row = _row([("(Bikayır", 198, 244), ("JçaLınrı", 265, 322), ("jJarıza", 344, 390)])
    assert _request(row, [_box(198, ink=0.65), _box(265), _box(344)]) == "lost"
    row = _row([("Kayıp", 101, 127), ("Heçatıntı", 171, 205), ("Arıza", 249, 275)])
    assert _request(row, [_box(86), _box(156, ink=0.45), _box(234)]) == "stolen"
    rules = default_rules()
    answers = _row([("Evet", 229, 252), ("Kayır", 290, 318)])
    assert [h.what for h in find_hits(rules, [answers], fuzzy=True)] == ["opt:yes", "opt:no"]
    alone = _row([("Kayır", 290, 318)])
    assert find_hits(rules, [alone], fuzzy=True) == []  # no row-mates: left unread


def test_a_box_shaped_letter_inside_a_written_word_is_no_box() -> None:
    # a written reason OCR read as "Arıza BARTIN SAYBOLDY": the O of the last word looks
    # like a ticked box right after the "choice"
    row = _row([("Arıza", 72, 100), ("BARTIN", 106, 150), ("SAYBOLDY", 152, 230)])
    rules = default_rules()
    hits = find_hits(rules, [row], fuzzy=True)
    letter = Box(168.0, 319.0, 176.0, 327.0, 0.87)
    anchors = anchors_on_page(hits, [row], 1, rules)
    apply_ink(anchors, Boxes([letter]), hits, [row])
    assert decide_request(anchors, [])[0] is None
    anchors = anchors_on_page(hits, [row], 1, rules)
    apply_ink(anchors, Boxes([letter]), hits)  # without the words, it would be a tick
    assert decide_request(anchors, [])[0] == "fault"


def test_a_card_reader_answer_printed_alone_counts_only_where_no_reading_saw_boxes() -> None:
    # "Kart Okuyucu Talebi: Evet ☒ Hayır ☐" with "Evet" unread: the page read with its rules
    # removed sees "Hayır" without its box; that is no typed "Hayır"
    from mailbot.documents.form_choices import decide_card_reader

    rules = default_rules()
    row = _row([("Kart", 61, 80), ("Okuyucu", 84, 130), ("Talebi:", 134, 174),
                ("Hayır", 248, 277)], top=377.0)
    hits = find_hits(rules, [row], fuzzy=True)
    boxed = anchors_on_page(hits, [row], 1, rules)
    apply_ink(boxed, Boxes([Box(213, 376, 226, 389, 0.34), Box(280, 376, 293, 389, 0.0)]), hits)
    lines = [_row([("Yukarıda", 61, 110)], top=300.0), row]  # that reading found a line more
    bare = anchors_on_page(find_hits(rules, lines, fuzzy=True), lines, 1, rules)
    assert decide_card_reader(boxed + bare) is None
    assert decide_card_reader(bare) is False  # "Kart Okuyucu Talebi: Hayır" typed


def _card_reader(row: Line, boxes: list[Box]) -> bool | None:
    from mailbot.documents.form_choices import decide_card_reader

    rules = default_rules()
    hits = find_hits(rules, [row], fuzzy=True)
    anchors = anchors_on_page(hits, [row], 1, rules)
    apply_ink(anchors, Boxes(boxes), hits)
    return decide_card_reader(anchors)


def test_a_card_reader_choice_whose_box_ocr_glued_to_its_end_is_still_a_choice() -> None:
    # "Kart Okuyucu: Evet ☒ Hayır ☐" read "Evet(X)" or "Evet/kj": the box is in the word
    for yes in ("Evet(X)", "Evet/kj", "Evet[]"):
        row = _row([("Kart", 71, 98), ("Okuyucu:", 102, 150), (yes, 162, 202),
                    ("Hayır", 224, 254)], top=412.0)
        boxes = [Box(189, 410, 202, 423, 0.4), Box(257, 410, 270, 423, 0.0)]
        assert _card_reader(row, boxes) is True, yes
        boxes = [Box(189, 410, 202, 423, 0.0), Box(257, 410, 270, 423, 0.4)]
        assert _card_reader(row, boxes) is False, yes


def test_yes_and_no_boxes_answer_the_card_reader_where_its_label_went_unread() -> None:
    # "Kart" of "Kart Okuyucu:" read "pa": the row of a yes and a no box still answers
    row = _row([("pa", 77, 95), ("Okuyucu:", 104, 150), ("Evet", 172, 190),
                ("Hayır", 228, 252)], top=377.0)
    assert _card_reader(row, [Box(155, 375, 168, 387, 0.0), Box(211, 373, 225, 386, 0.4)]) \
        is False
    assert _card_reader(row, [Box(155, 375, 168, 387, 0.4), Box(211, 373, 225, 386, 0.0)]) \
        is True
    assert _card_reader(row, [Box(155, 375, 168, 387, 0.0), Box(211, 373, 225, 386, 0.0)]) \
        is None


def test_choices_slashed_together_are_a_piece_of_the_title_not_choices() -> None:
    # a photo's skew split "NES KAYIP / ÇALINTI / ARIZA BİLDİRİM FORMU" over two lines; a
    # blot beside a title word looks like a ticked box
    row = _row([("NES", 87, 113), ("KAYIP", 140, 185), ("/", 191, 196), ("ÇALINTI", 208, 266)])
    assert _request(row, [Box(124, 317, 136, 329, 0.6)]) is None
    glued = _row([("KAYIP/", 140, 190), ("ÇALINTI", 208, 266)])
    assert _request(glued, [Box(124, 317, 136, 329, 0.6)]) is None
    apart = _row([("KAYIP", 140, 185), ("ÇALINTI", 240, 290)])
    assert _request(apart, [Box(124, 317, 136, 329, 0.6), Box(224, 317, 236, 329, 0.0)]) == "lost"


def test_a_ticked_box_listed_between_choices_whose_word_was_not_read_is_counted() -> None:
    # "☐ Kayıp / ☒ Çalıntı / ☐ Arıza" one under another, "Çalıntı" unread: its ticked box
    # in the column of the choices' boxes is a choice no word names
    rules = default_rules()
    lines = [_row([("Kayıp", 90, 119)], top=168.0), _row([("Arıza", 90, 119)], top=210.0)]
    hits = find_hits(rules, lines, fuzzy=True)
    anchors = anchors_on_page(hits, lines, 1, rules)
    boxes = [Box(73, 167, 86, 180, 0.0), Box(73, 189, 86, 201, 0.4), Box(73, 209, 86, 222, 0.0)]
    assert apply_ink(anchors, Boxes(boxes), hits) == 1
    assert decide_request(anchors, [])[0] is None
    boxes[1] = Box(73, 189, 86, 201, 0.0)  # nothing ticked there: no stray box
    assert apply_ink(anchors_on_page(hits, lines, 1, rules), Boxes(boxes), hits) == 0


def test_a_ticked_box_on_the_request_row_is_not_the_answer_of_the_row_below() -> None:
    # a photo's "Başvuru Nedeni: ☐ Kayıp ☐ Çalıntı ☑ Arıza" over "Kart Okuyucu: Evet ☐
    # Hayır ☑": only "Çalıntı" of the first row was read, Hayır's own box was not found;
    # the ticked Arıza box is nearer its own row than Hayır, so it answers no card reader
    from mailbot.documents.form_choices import decide_card_reader

    rules = default_rules()
    lines = [_row([("Başvuru", 46, 82), ("Nedeni:", 90, 125), ("çalıntı", 198, 243)],
                  top=289.0),
             Line((Word("Kart", 45, 314, 66, 327, 95.0), Word("Okuyucu:", 70, 314, 112, 327, 93.0),
                   Word("Evet", 121, 311, 141, 328, 86.0),
                   Word("Hayır", 179, 308, 226, 329, 92.0)))]  # its tick's top read with it
    hits = find_hits(rules, lines, fuzzy=True)
    anchors = anchors_on_page(hits, lines, 1, rules)
    boxes = [Box(134, 288, 148, 302, 0.0), Box(198, 289, 212, 302, 0.0),
             Box(265, 290, 278, 303, 0.5), Box(144, 312, 159, 327, 0.0)]
    assert apply_ink(anchors, Boxes(boxes), hits) == 1  # the Arıza box: no choice read
    assert decide_card_reader(anchors) is None


def test_the_one_choice_left_unread_is_the_ticked_box_no_read_choice_owns() -> None:
    # "☐ Kart Kaybı ☐ Kart Çalınması ☑ Kart Arızası" with the last read "KanArzası": both
    # choices read have empty boxes and a ticked box on their row belongs to neither
    from mailbot.documents.form import _request

    rules = default_rules()
    row = _row([("Kart", 136, 150), ("Kaybı", 151, 168), ("Kart", 197, 211),
                ("Çalınması", 212, 241), ("KanArzası", 270, 300)])
    hits = find_hits(rules, [row], fuzzy=True)
    anchors = anchors_on_page(hits, [row], 1, rules)
    stray = apply_ink(anchors, Boxes([_box(171), _box(244), _box(308, ink=0.45)]), hits)
    assert stray == 1 and decide_request(anchors, [])[0] is None
    assert _request([], anchors, stray, [], scanned=True) == ("fault", None)
    # where a read choice's box went unseen, the tick may be its: unread, not guessed
    anchors = anchors_on_page(hits, [row], 1, rules)
    stray = apply_ink(anchors, Boxes([_box(171), _box(308, ink=0.45)]), hits)
    assert _request([], anchors, stray, [], scanned=True)[0] is None
