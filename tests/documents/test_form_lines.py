"""PP-OCR's lines give a handwritten value only as far as a checksum, a format or a list vouches."""

import random
from datetime import date

from mailbot.documents.form_fields import Status
from mailbot.documents.form_lines import (
    Found,
    read_as_tesseract,
    read_lines,
    texts_in,
    values_mostly,
    words_of,
)
from mailbot.documents.model import Word
from tests.corpus.people import make_tckn

BOX = (200.0, 100.0, 560.0, 130.0)  # where a label's value is looked for (points)


def _line(text: str, x0: float, top: float = 108.0, x1: float = 420.0) -> Word:
    return Word(text, x0, top, x1, top + 14, 90.0)


def test_a_label_read_with_its_value_gives_what_follows_its_colon():
    lines = (_line("T.C.KIMLIKNO：31487147162", 60), _line("Kadro Unvani", 60, top=150),
             _line("imza", 600, x1=640))
    assert [f.text for f in texts_in(lines, BOX)] == ["31487147162"]


def test_a_label_read_with_its_value_and_the_next_label_gives_what_lies_between():
    lines = (_line("Basvuru Tarihi: 15.2.2026imza:", 60),)
    assert [f.text for f in texts_in(lines, BOX)] == ["15.2.2026imza"]


def test_a_line_mostly_right_of_the_box_is_the_next_label_not_the_value():
    lines = (_line("01.09.2024", 260, x1=330), _line("imza:", 552, x1=582))
    assert [f.text for f in texts_in(lines, BOX)] == ["01.09.2024"]  # not "01.09.2024 imza"
    assert [f.text for f in texts_in((_line("Kaya", 530, x1=570),), BOX)] == ["Kaya"]


def test_lines_side_by_side_are_one_value_and_the_stretches_they_miss_are_told():
    lines = (_line("ekwisyeni", 330, top=109, x1=420), _line("Acil", 210, x1=260))
    [found] = texts_in(lines, BOX)
    assert found.text == "Acil ekwisyeni"
    assert found.gaps(BOX[0], BOX[2]) == [(260, 330), (420, 560)]


def test_a_line_that_starts_left_of_the_box_without_a_colon_is_the_label_alone():
    assert texts_in((_line("Ad Soyad", 60, x1=190),), BOX) == []
    assert texts_in((_line("AdSoyadSuleKoc", 60),), BOX) == []


def _read(what: str, text: str, tesseract: set[object] = frozenset(),
          again: tuple[str, ...] = ()) -> object | None:
    """read_lines on one line in the box; `again`: what reading its crop again gives."""
    line = _line(text, 210)
    found = read_lines(what, [Found(text, line, False, ((line.x0, line.x1),))], set(tesseract),
                       lambda _: list(again))
    assert found is None or found.status is Status.READ
    return None if found is None else found.value


def _read_combed(what: str, text: str, again: tuple[str, ...],
                 unwalled: tuple[str, ...]) -> object | None:
    line = _line(text, 210)
    found = read_lines(what, [Found(text, line, False, ((line.x0, line.x1),))], set(),
                       lambda _: list(again), lambda _: list(unwalled))
    return None if found is None else found.value


def test_a_number_in_comb_cells_stands_as_its_re_readings_without_the_walls_give_it():
    walls = ("0]3 46|63 416]4|512", "10151416161314161415121", "?")
    assert _read_combed("phone", "05466346452", walls, ("05466346452",) * 2 + ("x",)) == (
        "05466346452")
    assert _read_combed("phone", "05466346452", walls, ("05462346452",) * 3) is None  # a 6
    # lost a stroke to a wall: the line as found must agree
    number = make_tckn(random.Random(3))
    assert _read_combed("tckn", number[1:], walls, (number, number, "x")) == number
    assert _read_combed("tckn", number[1:], walls, (number, "x", "y")) is None


def test_a_tckn_stands_by_its_checksum_as_found_or_as_two_re_readings_give_it():
    number = make_tckn(random.Random(7))
    assert _read("tckn", number) == number
    misread = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert _read("tckn", misread) is None
    assert _read("tckn", misread, again=(number, number, misread)) == number  # re-read twice
    assert _read("tckn", misread, again=(number, misread, misread)) is None


def test_a_name_stands_where_tesseract_read_it_listed_and_pp_ocr_a_slip_or_two_off():
    tesseract = {"Müge Caher", "Müge Caka", "Müge Cakır"}
    assert _read("full_name", "Mige Cakr", tesseract) == "Müge Çakır"
    assert _read("full_name", "Mige Cakr", {"Müge Caher"}) is None  # nothing listed
    assert _read("full_name", "Nurten Sakr", tesseract) is None  # too far off
    assert _read("full_name", "Mige Cakr", tesseract | {"Müge Kara"}) is None  # two listed


def test_a_phone_date_or_address_stands_where_tesseract_read_it_too():
    assert _read("phone", "0532 181 9763", {"05321819763"}) == "05321819763"
    assert _read("email", "kara.umit@hotmail.com", {"kara.wmit@hotmail.com"}) is None
    assert _read("email", "kara.umit@hotmail.com", {"kara.umit@hotmail.com"}) == (
        "kara.umit@hotmail.com")


def test_a_row_with_writing_outside_its_lines_gives_only_what_tesseract_read_too():
    line = _line("0506 408 62 54", 210)
    found = [Found("0506 408 62 54", line, False, ((line.x0, line.x1),))]
    assert read_as_tesseract("phone", found, {"05064086254"}).value == "05064086254"
    assert read_as_tesseract("phone", found, {"05064086257"}) is None
    assert read_as_tesseract("full_name", [Found("Ali Kaya", line, False, ())], {"Ali Kaya"}
                             ) is None  # a name may have lost a word there


def test_or_where_three_of_its_rows_four_readings_give_it():
    assert _read("phone", "0506 417 6447") is None
    assert _read("phone", "0506 417 6447", again=("05064126447", "05064126447",
                                                  "05064176447")) is None  # two against two
    assert _read("phone", "0555 742 01 41", again=("05552420141",) * 3) == "05552420141"
    assert _read("phone", "05064126447", again=("05064126447", "0506 412 6447", "05064126447")
                 ) == "05064126447"
    assert _read("date", "16/01/2025", again=("16.01.2025", "", "")) is None
    assert _read("date", "16/01/2025", again=("16.01.2025", "16 07 2025", "16.07.2025")
                 ) is None
    assert _read("date", "16/01/2025", again=("16.01.2025", "16/01/2025", "16 07 2025")) == (
        date(2025, 1, 16))
    assert _read("email", "drk1975@hotmail.com", again=("drk1975@hotmail.com",) * 2 + (
        "drk1976@hotmail.com",)) is None  # the password goes there: all three must agree
    assert _read("email", "drk1975@hotmail.com", again=("drk1975@hotmail.com",) * 3) == (
        "drk1975@hotmail.com")
    assert _read("email", "drk1975@hetmail.cam", again=("drk1975@hetmail.cam",) * 3) is None


def test_a_number_read_with_letters_for_digits_or_misread_once_stands_where_rereads_agree():
    again = ("C535 416 5C 91", "C535 416 50 91", "C535 416 50 91")
    assert _read("phone", "C535 416 50 q1", again=again) == "05354165091"
    again = ("+90 535 992 77 91",) * 3
    assert _read("phone", "+905359G277 91", again=again) == "05359927791"  # first misread
    again = ("+90 535 992 77 91",) * 2 + ("+90 535 992 77 97",)
    assert _read("phone", "+905359G277 91", again=again) is None
    again = ("(0555)757-9360",) * 3  # read into another number first: the rereads agree
    assert _read("phone", "(0555)957-9360", again=again) == "05557579360"
    assert _read("phone", "(0555)957-9360", again=(*again[:2], "(0555)957-9360")) is None


def test_an_address_of_listed_names_is_mended_where_two_readings_give_it_and_none_another():
    assert _read("email", "gunes.dilek@outlook.con", again=("gunes.dilek@outlook.con", "?", "?")
                 ) == "gunes.dilek@outlook.com"
    assert _read("email", "gunes.dilek@outlook.con", again=("?", "?", "?")) is None
    assert _read("email", "gunes.dilek@outlook.con", again=(
        "gunes.dilek@outlook.con", "gunes.dilek1@outlook.con", "?")) is None


def test_a_date_with_a_gap_in_a_number_or_a_month_a_letter_off_stands_where_vouched():
    assert _read("date", "04.01.20 23", {date(2023, 1, 4)}) == date(2023, 1, 4)
    assert _read("date", "20 &ylul 2023 Imza", {date(2023, 9, 20)}) == date(2023, 9, 20)
    assert _read("date", "13KaSm2 023", again=("13kaSm2023",) * 3) == date(2023, 11, 13)
    assert _read("date", "13KaSm2 023", again=("13kaSm2023",) + ("",) * 2) is None


def test_a_date_stands_where_every_reading_shows_its_digits_separators_or_month_lost():
    assert _read("date", "28.2.2023", again=("282.2023", "2822023", "2822023")) == (
        date(2023, 2, 28))
    assert _read("date", "28Mart2024", again=("282024",) * 3) == date(2024, 3, 28)
    assert _read("date", "18.32025", again=("18.32025", "18.32025", "18.32C25")) == (
        date(2025, 3, 18))  # no reading parses: 183 is only 18.3
    assert _read("date", "14.7.202 3", again=("14. 2.2 02.3", "14. 2.2023", "14.2.2023")
                 ) is None  # a 7 read as 2 in some
    assert _read("date", "1.12.2023", again=("1122023",) * 3) == date(2023, 12, 1)
    assert _read("date", "1122023", again=("1122023",) * 3) is None  # 1.12 or 11.2
    assert _read("date", "282024", again=("282024",) * 3) is None  # 28 of a month lost?
    assert _read("date", "28.2.2023", again=("282.2023", "2822023")) is None  # one lost


def test_a_handwritten_date_padding_its_month_but_not_its_day_may_have_lost_a_digit():
    assert _read("date", "6.07.7074", again=("6.07.2024",) * 3) is None  # 26.07.2024
    assert _read("date", "26.07.7074", again=("26.07.2024",) * 3) == date(2024, 7, 26)
    assert _read("date", "6.7.2024", again=("6.7.2024",) * 3) == date(2024, 7, 6)


def test_a_date_stands_where_three_readings_show_it_with_a_slash_read_as_a_one():
    assert _read("date", "03105/2023", again=("03105/2023", "03105/2023", "03/05/2023")) == (
        date(2023, 5, 3))
    assert _read("date", "03105/2023", again=("x", "x", "03/05/2023")) is None
    assert _read("date", "091012024", again=("091012024",) * 3) is None  # 09.01 or 09.10?
    assert _read("date", "1.5.2023", again=("11.5.2023", "11.5.2023", "x")) is None
    both = ("2810112023", "28101/2023", "2810112023")  # 28/01/2023, both slashes read as 1s
    assert _read("date", "7810112023", again=both) == date(2023, 1, 28)  # a 2 read as a 7
    assert _read("date", "7810112023", again=(*both[:2], "x")) is None  # two show it
    # 31.07.2024 with its 7 read as a 2: both dots shown, so its 1 is no separator
    assert _read("date", "31.02.2024", again=("31.02.202,4",) * 3) is None


def test_a_month_read_with_a_one_for_its_i_is_that_month_not_digits():
    assert _read("date", "18Ek1M 2024", again=("18EK1M 2024",) * 3) == date(2024, 10, 18)


def test_an_at_read_as_e_before_a_common_domain_is_put_back_and_vouched_as_any_address():
    assert _read("email", "OMER.KILICeOUTLOOK.COM", {"OMER.KILIC@OUTLOOK.COM"}) == (
        "OMER.KILIC@OUTLOOK.COM")
    assert _read("email", "omer.kilicaoutlook.com", {"omer.kilic@outlook.com"}) == (
        "omer.kilic@outlook.com")
    assert _read("email", "OMER.KILICeOUTLOOK.COM", {"OMER.KILIC@OUTLOOK.COM".lower()}) == (
        "OMER.KILIC@OUTLOOK.COM")
    assert _read("email", "omer.kilicxoutlook.com", {"omer.kilic@outlook.com"}) is None


def test_listed_words_two_re_readings_give_stand_where_the_first_reading_gave_none():
    again = ("SinopAtaturk Devet Hastanesi", "SinopAtaturk Devet Hastanesi", "Sinop Atat")
    assert _read("institution", "SinopAtaturkDqvxtHastanesi", again=again) == (
        "Sinop Atatürk Devlet Hastanesi")
    two = (again[0], "Sinop Devlet Hastanesi", "Sinop Devlet Hastanesi")  # two values given
    assert _read("institution", "SinopAtaturkDqvxtHastanesi", again=two) is None
    assert _read("title", "Saglck Mem", again=("Saglk Memu", "Saglk Memu", "Snalck Maa")
                 ) is None  # "Sağlık Memur": a title cut short is another title


def test_listed_words_stand_only_where_tesseract_read_no_other_listed_words():
    assert _read("title", "DIS HEKIM", {"DIŞ HEKİMİ", "DER HEKİM 7"}) is None  # cut short
    assert _read("title", "DIS HEKIMI", {"DIŞ HEKİMİ", "DER HEKİM 7"}) == "DİŞ HEKİMİ"
    assert _read("title", "DISHEKIM1", {"DIŞ HEKİM)", "DIS HEKİM)"}) == "DİŞ HEKİMİ"  # the
    # longer reading stands where Tesseract's is the same words cut short
    assert _read("institution", "MALICARADEVLETHASTANESi", {"DEVLET HASTANESİ"}) == (
        "MALKARA DEVLET HASTANESİ")  # a crop that cut the province off is no other value
    assert _read("institution", "MALICARADEVLETHASTANESi", {"ÇORLU DEVLET HASTANESİ"}) is None
    assert _read("institution", "ERGENEiLGESAGLIKMUDURLOGU", {"7 ERCENE İLÇE SAĞLIK MÜDÜRLÜĞÜ"}
                 ) == "ERGENE İLÇE SAĞLIK MÜDÜRLÜĞÜ"  # a rule before it read as a 7
    assert _read("institution", "NOLUASM", {"4 NOLU ASM"}) is None  # its number is no stroke
    assert _read("institution", "ERGENEiLGESAGLIKMUDURLOGU", {"7 ÇORLU İLÇE SAĞLIK MÜDÜRLÜĞÜ"}
                 ) is None
    assert words_of("Devlet Hastanesi", "Malkara Devlet Hastanesi")
    assert not words_of("Devlet Hastane", "Malkara Devlet Hastanesi")  # words, not letters


def test_listed_words_that_may_be_cut_short_stand_as_their_re_readings_give_them():
    # the last İ touched the box's side: PP-OCR dropped it on the line, not on its crop
    again = ("ACILTIPTEKNISYENI", "ACILTIPTEKNISYENI", "ACILTIOTESYEN")
    assert _read("title", "ACILTIPTEKNISYEN", again=again) == "ACİL TIP TEKNİSYENİ"
    assert _read("title", "ACILTIPTEKNISYEN", again=again[1:]) is None  # once: unknown
    assert _read("title", "ACILTIPTEKNISYEN", again=("ACILTIPTEKNISYEN",) * 3) == (
        "ACİL TIP TEKNİSYEN")
    assert _read("title", "UZMAN DOKTOR", again=()) == "UZMAN DOKTOR"  # no longer twin


def test_listed_words_two_re_readings_give_otherwise_outvote_the_line():
    again = ("SINOP ATATURI DEVUET HASTANESI", "SINOP ATATURIC DEVUET HASTAUESI", "x")
    line = "SINOPATATURILDEVUETHASTANESI"  # its K read as "IL": one slip, and İL
    assert _read("institution", line, again=again) == "SİNOP ATATÜRK DEVLET HASTANESİ"
    assert _read("institution", line, again=(*again[:2], "SINOPATATURILDEVLETHASTANESI")
                 ) is None  # one gives the line's value: unknown
    assert _read("institution", line, again=(again[0], "x", "x")) == (
        "SİNOP ATATÜRK İL DEVLET HASTANESİ")  # one re-reading alone does not outvote it
    cut = ("iL..HEKiMi", "iL..HEKiMi", "·AiLE.HEKiMi")  # two crops cut "AİLE" short
    assert _read("title", "AIL.E.HEKIMi", again=cut) == "AİLE HEKİMİ"


def test_names_titles_and_institutions_stand_as_listed_words_with_their_turkish_marks():
    assert _read("full_name", "Sule Koc") == "Şule Koç"
    assert _read("title", "TIBBISEKRETER") == "TIBBİ SEKRETER"
    assert _read("full_name", "Qxwz Prtk") is None


def test_the_values_half_of_a_rows_readings_give_can_doubt_another_engines():
    readings = ["5064764842", "506 476 4842", "506 476 4842", "506 476 4849"]
    assert values_mostly("phone", readings) == ["05064764842"]
    assert values_mostly("phone", ["5064764842", "5064764849"] * 2) == [
        "05064764842", "05064764849"]  # two of four each: both doubt a third value
    assert values_mostly("phone", ["5064764842", "?", "?", "?"]) == []


def test_an_address_with_a_digit_between_letters_is_read_as_names_not_as_found():
    readings = ("kaya.i1knur@gmail.com",) * 3  # the l of İlknur read as a 1 every time
    assert _read("email", readings[0], again=readings) == "kaya.ilknur@gmail.com"
    assert _read("email", "mert.qz1x@gmail.com", again=("mert.qz1x@gmail.com",) * 3) is None


def test_listed_words_stand_not_where_tesseract_read_a_word_between_their_first_and_last():
    # "Boyabat 2 Nolu ASM" written: PP-OCR's "Boyaba+NASM" is the listed "Boyabat ASM", but
    # Tesseract read "Beyabıt VW Nelu ASM": its middle was lost
    assert _read("institution", "Boyaba+NASM", {"Beyabıt VW Nelu ASM"}) is None
    assert _read("institution", "Boyaba+NASM", {"Beyabıt ASM"}) == "Boyabat ASM"
    assert _read("institution", "Boyaba+NASM", {"Beyabıt VW ASM"}) == "Boyabat ASM"  # specks


def test_a_number_with_a_letter_for_a_digit_does_not_outvote_one_read_in_plain_digits():
    again = ("+90 506 89g 93 38",) * 3  # the g is the unsure digit: 8 or 9
    assert _read("phone", "+905068989338", again=again) is None
    again = ("+90 506 899 93 38",) * 3
    assert _read("phone", "+905068989338", again=again) == "05068999338"  # digits, three to one
