"""A handwritten address is mended only into listed names at one common domain, read twice."""

from mailbot.documents.form_email import (
    agreed_address,
    name_shaped,
    nearest_domain,
    owner_address,
    owner_slip,
)
from mailbot.documents.form_lexicon import listed_cut
from mailbot.documents.form_rules import default_rules

DOMAINS = default_rules().email_domains


def test_a_domain_a_slip_or_two_off_exactly_one_common_domain_is_that_domain():
    assert nearest_domain("outlook.con", DOMAINS) == "outlook.com"
    assert nearest_domain("saglk.gov.tr", DOMAINS) == "saglik.gov.tr"
    assert nearest_domain("saglik gov tr", DOMAINS) == "saglik.gov.tr"
    assert nearest_domain("yahou.cam", DOMAINS) == "yahoo.com"
    assert nearest_domain("yahou.can", DOMAINS) is None  # three slips
    assert nearest_domain("msn.cxm", DOMAINS) == "msn.com"
    assert nearest_domain("msm.cxm", DOMAINS) is None  # a short domain allows one slip
    assert nearest_domain("firma.com.tr", DOMAINS) is None


def test_a_local_part_of_listed_names_is_spelled_as_listed_with_its_separators_and_number():
    assert name_shaped("gunes.dilek@outlook.con", DOMAINS) == "gunes.dilek@outlook.com"
    assert name_shaped("GONULSARIGUL@SAGLK.GOV.TR", DOMAINS) == "gonulsarigul@saglik.gov.tr"
    assert name_shaped(": HUSEYIN,AGAOGLU4S@SAGLIK.GOV.TR.", DOMAINS) == (
        "huseyin.agaoglu45@saglik.gov.tr")
    assert name_shaped("ELIF,OKSUZ@GMAIL .COM", DOMAINS) == "elif.oksuz@gmail.com"
    assert name_shaped("HUSeYIN:BOZkURT45@HOTMAIL.COM", DOMAINS) == (
        "huseyin.bozkurt45@hotmail.com")  # a written dot read as a colon
    assert name_shaped("ELIF;OKSUZ@GMAIL.COM", DOMAINS) == "elif.oksuz@gmail.com"
    assert name_shaped("s.ozturk@gmail.com", DOMAINS) == "s.ozturk@gmail.com"
    assert name_shaped("sozturk@gmail.com", DOMAINS) == "sozturk@gmail.com"


def test_an_at_read_as_a_letter_is_put_back_only_where_told():
    assert name_shaped("mehmet.kayaegmail.com", DOMAINS) is None
    assert name_shaped("mehmet.kayaegmail.com", DOMAINS, also="ea") == "mehmet.kaya@gmail.com"
    readings = ["FURKAN.CINAR3IeHOTMAIL.COM"] + ["FURKAN.CINAR3IHOTMAIL.COM"] * 3
    assert agreed_address(readings, DOMAINS, "ea") == "furkan.cinar31@hotmail.com"  # @ lost


def test_anything_else_stays_unread():
    assert name_shaped("drk1975@gmail.com", DOMAINS) is None  # not names
    assert name_shaped("oguz isik@yandex.com", DOMAINS) is None  # "oguz.isik" or "oguzisik"?
    assert name_shaped("oguz. isik@yandex.com", DOMAINS) == "oguz.isik@yandex.com"
    assert name_shaped("mehmet.kaya@firma.com.tr", DOMAINS) is None  # not a common domain
    assert name_shaped("s.m.ozturk@gmail.com", DOMAINS) is None  # two initials
    assert name_shaped("ayse..kaya@gmail.com", DOMAINS) is None
    assert name_shaped("_ayse.kaya@gmail.com", DOMAINS) is None
    assert name_shaped("elif.bozkur+57@outlook.com", DOMAINS) is None  # not "elif.bozkurt"
    assert name_shaped("sozturx@gmail.com", DOMAINS) is None  # an initial needs an exact name
    assert name_shaped("sdemir@gmail.com", DOMAINS) == "sdemir@gmail.com"
    assert name_shaped("sozturk@gmail.com", DOMAINS) == "sozturk@gmail.com"  # not "ozturk"
    assert name_shaped("mehmxt.kayx.ozturx@gmail.com", DOMAINS) is None  # three slips


def test_the_readings_must_give_one_address_at_least_twice_and_far_more_than_others():
    first, other = "gunes.dilek@outlook.con", "gunes.dilek@outlook.com"
    assert agreed_address([first, other, "?"], DOMAINS) == "gunes.dilek@outlook.com"
    assert agreed_address([first, "?", "?"], DOMAINS) is None
    assert agreed_address([first, other, "gunes.dilek2@outlook.com"], DOMAINS) is None
    assert agreed_address([first, other, other, "gunes-dilek@outlook.com"], DOMAINS) == other
    # its "@" read as an a, three readings cut the address after "dilek.b": the one that
    # read the "@" as written gives other letters, so none is known
    lost = ["dilek.bayayandex.com"] * 3
    assert agreed_address(lost, DOMAINS, "ea") == "dilek.b@yandex.com"
    assert agreed_address(["dilek.kaya@yandex.com", *lost], DOMAINS, "ea") is None


def test_a_gap_inside_a_name_is_closed_but_one_between_two_names_is_unknown():
    assert name_shaped("RuS TU. CetlN67eHOTmall.coM", DOMAINS, also="e") == (
        "rustu.cetin67@hotmail.com")
    assert name_shaped("simsek seyma@yahoo.com", DOMAINS) is None
    assert name_shaped("elif erdogan7@gmail.com", DOMAINS) is None  # a number after the name
    gaps = ["elif erdogan7@gmail.com", "elif erdogan7@gmoil.com"]  # a dot or none: unknown
    assert agreed_address(gaps, DOMAINS, "eao") is None
    assert agreed_address(["elif.erdogan7@gmail.com", *gaps], DOMAINS, "eao") == (
        "elif.erdogan7@gmail.com")  # another reading showed the dot there
    assert agreed_address(["elif_erdogan7@gmail.com", "elif.erdogan7@gmail.com", *gaps],
                          DOMAINS, "eao") is None  # two separators shown: still unknown


def test_an_at_read_as_o_is_put_back_where_told_and_only_one_cut_fits():
    assert name_shaped("KUBRAGURSOYOHOTMAIL.COM", DOMAINS, also="o") == (
        "kubragursoy@hotmail.com")


def test_a_cut_without_spaces_counts_the_same_letters_once():
    assert listed_cut("full_name", "NURGUL") is None  # "NURGÜL" or "NUR GÜL"
    words, slips = listed_cut("full_name", "NURGUL", spaced=False)
    assert ("".join(words), slips) in {("NURGÜL", 0)}


def test_a_listed_name_read_whole_beats_an_initial_before_another_one():
    assert name_shaped("halil.demir17@yandex.Com", DOMAINS) == "halil.demir17@yandex.com"
    assert name_shaped("umitozdemir@yahoa.c@m", DOMAINS) == "umitozdemir@yahoo.com"  # o as @


def test_an_initial_before_a_name_a_slip_off_beats_the_name_two_off_without_it():
    assert name_shaped("osacigul@gnail.com", DOMAINS) == "osarigul@gmail.com"  # not sarigul@


def test_an_address_near_its_owners_name_as_read_on_the_form_is_mended():
    readings = ["ilgoz.yilmoz@saglik.goy.tr", "jlgaz.yilmoz@saalik. goy.tr",
                "ilgaz.yilmoz@saalik. goy.tr", "ilgaz vilmez@ aglik goytr"]
    assert agreed_address(readings, DOMAINS, "eao") is None  # no listed names alone vouch
    assert owner_address(readings, DOMAINS, "ILGAZ YILMAZ", "eao") == (
        "ilgaz.yilmaz@saglik.gov.tr")
    readings = ["umitagdemir@yahoa.c@m", "umitagdemir@yahoa.c@m", "umitagdemir@y.he.@m"]
    assert owner_address(readings, DOMAINS, "Ümit Özdemir") == "umitozdemir@yahoo.com"
    twice = ["hali1.demir17@yandex.com", "halil.demir17@yandex.Com"]
    assert owner_address(twice, DOMAINS, "Halil Demir") == "halil.demir17@yandex.com"
    assert owner_address(twice, DOMAINS, "Halil İbrahim Demir") == "halil.demir17@yandex.com"


def test_readings_that_dropped_the_dot_take_the_one_another_reading_showed():
    # "mustafa.cakir@gmail.com" by hand: Tesseract saw the dot (not the domain), PP-OCR the
    # domain (not the dot): together they give the address
    readings = ["mustafa.cakic@gmai/", "mstafacakicogmail.com", "mstafacakicogmail.cm"]
    assert owner_address(readings, DOMAINS, "MUSTAFA ÇAKIR", "eao") == "mustafa.cakir@gmail.com"
    unsure = ["mustafa.cakic@gmai/", "mustafa_cakir@gmail.com", "mstafacakicogmail.com",
              "mstafacakicogmail.cm"]  # a dot and an underscore shown: neither is known
    assert owner_address(unsure, DOMAINS, "MUSTAFA ÇAKIR", "eao") is None
    # "elifozdemir@saglik.gov.tr" on a speckled scan: dots read inside the words ("ozde.mir")
    # are specks, so the dot after "elif" in one of those readings shows no separator
    specks = ["ell.f.oz.de.mir.@saglik.goy.t.r", ":.elifozde.mir@saglik.goy.t..",
              ":.elif.ozde.mir.@saglik.goy..", "elifozdemir@saglik.goy tr"]
    assert owner_address(specks, DOMAINS, "ELİF DENİZ ÖZDEMİR", "eao") != (
        "elif.ozdemir@saglik.gov.tr")


def test_an_address_far_from_its_owners_name_or_read_once_is_not_mended():
    far = ["dogan.yilnaz@etlock.com", "dogan.yilnaz@tlock.con"]
    assert owner_address(far, DOMAINS, "Doğan Yılmaz") is None  # no common domain that near
    other = ["drkaya1980@gmail.com", "drkaya1980@gmail.com"]
    assert owner_address(other, DOMAINS, "Ayşe Kaya") is None
    assert owner_address(["ilgaz.yilmaz@saglik.gov.tr"], DOMAINS, "Ilgaz Yılmaz") is None
    gaps = ["zeynepkoc@saglik.gou.tr", "geynep kac@saglik.gou.lr", "geynep kac@saglik.gou.lr"]
    assert owner_address(gaps, DOMAINS, "Zeynep Koç") is None  # a dot or none: unknown
    tie = ["aysekaya@gmail.com", "ayse.kaya@gmail.com", "aysekaya@gmail.com", "ayse_kaya@gmail.com"]
    assert owner_address(tie, DOMAINS, "Ayşe Kaya") is None  # readings disagree on the dot
    number = ["SILA.TEKINSO@OUTLOOK.COM", "sila.tekinso@outlook.com"]
    assert owner_address(number, DOMAINS, "SILA TEKİN") is None  # 50 as letters: unknown
    dash = ["OMER.ASLAN-O@SAGLIK.GOV.TR"] * 2
    assert owner_address(dash, DOMAINS, "ÖMER ASLAN") is None
    dots = ["ozdemiriliknur@gmail.com"] * 3  # ozdemirilknur, or ozdemir.ilknur its dot lost
    assert owner_address(dots, DOMAINS, "İlknur Özdemir") is None


def test_an_address_read_a_few_letters_off_its_owners_name_is_a_misreading():
    assert owner_slip("Itozdemir.iiknur@gmail.com", "İlknur Özdemir")
    assert owner_slip("sila.tekn@outlook.com", "Sıla Tekin")
    assert not owner_slip("ilknur.ozdemir@gmail.com", "İlknur Özdemir")
    assert not owner_slip("iozdemir34@gmail.com", "İlknur Özdemir")
    assert not owner_slip("mehmetali.kaya@gmail.com", "Mehmet Ali Kaya")
    assert not owner_slip("drk1975@hotmail.com", "Ayşe Kaya")  # no name in it at all


def test_a_one_or_zero_between_letters_of_a_name_is_its_l_or_o():
    assert name_shaped("kaya.i1knur@gmail.com", DOMAINS) == "kaya.ilknur@gmail.com"
    assert name_shaped("ayse.k0c@gmail.com", DOMAINS) == "ayse.koc@gmail.com"
    assert name_shaped("ayse.koc10@gmail.com", DOMAINS) == "ayse.koc10@gmail.com"  # a number
