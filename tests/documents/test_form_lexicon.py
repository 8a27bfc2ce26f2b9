"""Handwritten names, titles and institutions are taken only as listed words, spelled as listed."""

import tomllib

from mailbot.documents.form_lexicon import (
    field_words,
    near_spelled,
    some_word_listed,
    spelled,
    split_listed,
)
from mailbot.documents.spelling import lexicon_path, load_lexicon
from mailbot.text import upper_tr


def test_a_name_read_without_its_turkish_marks_is_spelled_as_listed_in_its_case():
    assert spelled("full_name", "NURGUL ATES") == "NURGÜL ATEŞ"
    assert spelled("full_name", "Sukru Kilic") == "Şükrü Kılıç"


def test_a_word_that_is_not_listed_leaves_the_value_unread():
    assert spelled("full_name", "Bares Kaya") is None  # "Barış" misread
    assert spelled("title", "Heki pi") is None


def test_titles_and_institutions_keep_joining_words_small_and_acronyms_capital():
    assert spelled("title", "Veri Hazirlama VE Kontrol Isletmeni") == (
        "Veri Hazırlama ve Kontrol İşletmeni")
    assert spelled("institution", "Boyabat 2 Nolu asm") == "Boyabat 2 Nolu ASM"
    assert spelled("institution", "CERKEZKOY ILCE SAGLIK MUDURLUGU") == (
        "ÇERKEZKÖY İLÇE SAĞLIK MÜDÜRLÜĞÜ")


def test_a_value_without_letters_is_not_a_name():
    assert spelled("full_name", "12 34") is None


def test_lists_have_no_key_spelled_two_ways():
    for field in ("full_name", "title", "institution"):
        name = {"full_name": "people.toml", "title": "titles.toml"}.get(field, "institutions.toml")
        raw = tomllib.loads(lexicon_path(name).read_text(encoding="utf-8"))
        spellings = {upper_tr(w) for listed in raw.values() if isinstance(listed, list)
                     for w in listed}
        assert len(load_lexicon(lexicon_path(name))) == len(spellings), field  # one per key


def test_a_listed_words_g_u_and_c_read_as_pp_ocr_reads_them_by_hand_are_that_word():
    assert near_spelled("full_name", "Hatice Dosan") == "Hatice Doğan"  # ğ read as s
    assert near_spelled("full_name", "SULE KEMAL TORKMEN") == "ŞULE KEMAL TÜRKMEN"  # ü as o
    assert near_spelled("full_name", "SELGUK OZDEMiR") == "SELÇUK ÖZDEMİR"  # ç as G
    assert field_words("full_name")["dogan"] == "DOĞAN"
    assert near_spelled("full_name", "Hatice Dosun") is None  # two letters off: not taken
    assert near_spelled("title", "Sube Modoro") == "Şube Müdürü"  # titles too
    assert near_spelled("institution", "KAPAKLITOPLUMSASLIGMERKEZI") is None  # SAĞLIĞI?


def test_an_apostrophe_between_letters_is_pp_ocrs_reading_of_a_handwritten_dotless_i():
    assert near_spelled("full_name", "Hoseyin Ayd'n") == "Hüseyin Aydın"
    assert near_spelled("title", "Bashekim Yard'mc's'") == "Başhekim Yardımcısı"
    assert near_spelled("full_name", "Ayse Kaya'") == "Ayşe Kaya"  # a mark after the name


def test_an_and_sign_is_the_word_ve_or_the_e_of_a_ve_it_was_read_in():
    assert near_spelled("title", "Veri Hazırlama & Kontrol İşletmeni") == (
        "Veri Hazırlama ve Kontrol İşletmeni")
    assert near_spelled("title", "VERIHAZIRPAMAV&KONTROLiSXETMENi") == (
        "VERİ HAZIRLAMA VE KONTROL İŞLETMENİ")  # not HAZIRLAMA with a slip, VE lost
    # without the "&", the "V" is a slip of HAZIRLAMA and "ve" is lost (titles.toml)
    assert near_spelled("title", "VERI HAZIRPAMAVKONTROiSETMENi") is None


def test_other_fields_pass_through():
    assert spelled("email", "a@b.com") == "a@b.com"


def test_a_word_a_letter_or_two_off_one_listed_word_is_taken_as_that_word():
    assert near_spelled("title", "Sube Müdürü") == "Şube Müdürü"
    assert near_spelled("institution", "Mylkara Devlet Hystan esi") == (
        "Malkara Devlet Hastanesi")  # a pen gap split "Hastanesi"
    assert near_spelled("institution", "Kapaklı Toplum Sağl'ğı Merkezi") == (
        "Kapaklı Toplum Sağlığı Merkezi")
    assert near_spelled("full_name", "CAN YıLMAaz") == "CAN YILMAZ"


def test_a_name_word_as_near_two_names_is_no_reading_of_either():
    assert near_spelled("full_name", "SERİCAN KURT") is None  # SERCAN? SERKAN?
    assert near_spelled("full_name", "Bares Kaya") is None  # Barış, and Baran one more off


def test_short_words_must_be_exact_and_a_name_needs_two_words():
    assert near_spelled("title", "Di, Hekimi") is None  # "Di" is no "Diş"
    assert near_spelled("title", "AĞIL MP -EKNISYEN") is None
    assert near_spelled("full_name", "ASLAN") is None  # the crop caught one word of three


def test_case_follows_the_letters_after_each_initial():
    assert near_spelled("full_name", "ELİF YILmaz") == "ELİF YILMAZ"
    assert near_spelled("full_name", "Elif YıLmaz") == "Elif Yılmaz"


def test_a_reading_with_one_listed_word_is_worth_enlarging_scrawl_is_not():
    assert some_word_listed("title", "Baghelclm YARDIMCISI")
    assert some_word_listed("full_name", "Rasta Ayşe Ateş")
    assert not some_word_listed("full_name", "BRE at Pats")
    assert not some_word_listed("title", "ve il")  # short words say nothing


def test_words_read_without_the_spaces_between_them_are_cut_into_listed_words():
    assert near_spelled("title", "UZMANDOKTOR") == "UZMAN DOKTOR"
    assert near_spelled("title", "Acil TipTeknisyeni") == "Acil Tıp Teknisyeni"
    assert near_spelled("institution", "SINOPATATURKDEVLETHASTANESI") == (
        "SİNOP ATATÜRK DEVLET HASTANESİ")
    assert near_spelled("full_name", "YAGMURKARA") == "YAĞMUR KARA"


def test_a_cut_with_a_piece_near_no_listed_word_leaves_the_value_unread():
    assert split_listed("title", "UZMANQXZW") is None
    assert split_listed("title", "DOKTOR") is None  # one word is no cut


def test_an_institution_read_without_a_word_its_words_need_is_left_unread():
    assert near_spelled("institution", "Hatay Egitim Arastirma Hastanesi") is None
    assert near_spelled("institution", "Hatay Egitim ve Arastirma Hastanesi") == (
        "Hatay Eğitim ve Araştırma Hastanesi")
    assert near_spelled("institution", "SULEYMANPASA NOLU ASM") is None
    assert near_spelled("institution", "SULEYMANPASA 4 NOLU ASM") == "SÜLEYMANPAŞA 4 NOLU ASM"
    assert near_spelled("institution", "TEKIRDAG SAGLIK MUDURLUGU") is None
    assert near_spelled("institution", "TEKIRDAG IL SAGLIK MUDURLUGU") == (
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ")


def test_an_institution_cut_short_of_the_word_that_says_what_it_is_is_left_unread():
    assert near_spelled("institution", "Sinop Atatürk") is None
    assert near_spelled("institution", "Sinop Ataturk Devlet") is None
    assert near_spelled("institution", "Sinop Ataturk Devlet Hastanesi") == (
        "Sinop Atatürk Devlet Hastanesi")


def test_an_institutions_number_written_close_to_its_words_is_read_as_a_number():
    assert near_spelled("institution", "SULEYMANPASA 4NOLU ASM") == "SÜLEYMANPAŞA 4 NOLU ASM"
    assert near_spelled("institution", "SARKOYINOLUAILESAGLIGIMERKEZI") == (
        "ŞARKÖY 1 NOLU AİLE SAĞLIĞI MERKEZİ")  # the 1 read as an I
    assert near_spelled("institution", "MURATLIIIZACiLSACLIKiSTASYGNU") == (
        "MURATLI 112 ACİL SAĞLIK İSTASYONU")  # 112 read as IIZ: not "İL", never before Acil
    assert near_spelled("institution", "MURATLI112ACILSAGLIKISTASYONU") == (
        "MURATLI 112 ACİL SAĞLIK İSTASYONU")  # a number is all its digits, not 1 and 12


def test_a_cut_into_listed_words_beats_one_listed_word_more_letters_off():
    assert near_spelled("title", "DisHekimi") == "Diş Hekimi"  # not "Başhekimi", two off
    assert near_spelled("title", "Bashekimi") == "Başhekimi"


def test_the_word_after_a_number_in_an_institution_is_read_two_letters_off():
    assert near_spelled("institution", "Suleynanpasa 4 Ncl ASM") == "Süleymanpaşa 4 Nolu ASM"
    assert near_spelled("institution", "SULEYMANPASA4MOLUASM") == "SÜLEYMANPAŞA 4 NOLU ASM"
    assert near_spelled("institution", "Çorlu 1 No lu Aile Sağlığı Merkezi") == (
        "Çorlu 1 Nolu Aile Sağlığı Merkezi")
    assert near_spelled("institution", "Muratlı 112 Acil Sağlık İstasyonu") == (
        "Muratlı 112 Acil Sağlık İstasyonu")  # another word after a number stays itself
    assert near_spelled("institution", "Suleynanpasa Ncl ASM") is None  # no number before it
    assert near_spelled("institution", "Scleymanpas 4 No1 ASM") is None  # "No1": Nolu, not No 1
    assert near_spelled("institution", "Muratli Acil Saglik Istasyonu") is None  # its 112 lost
    assert near_spelled("institution", "Muratli 112 Acil Saglik Istasyonu") == (
        "Muratlı 112 Acil Sağlık İstasyonu")


def test_a_number_in_an_institution_not_followed_by_nolu_is_a_misread_letter():
    assert near_spelled("institution", "Tekirdn9. Devlet Hastanesi") is None  # its ğ a 9
    assert near_spelled("institution", "Boyabat 2Nolu ASM") == "Boyabat 2 Nolu ASM"


def test_a_listed_word_with_letters_glued_on_in_a_run_of_words_leaves_the_value_unread() -> None:
    # "Boyabat 2 Nolu ASM" written close, read "BoyabatzNoASM": BOYABAT + "zNo" + ASM would
    # drop the "2 Nolu" and give another health centre's name
    assert near_spelled("institution", "BoyabatzNoASM") is None
    assert near_spelled("institution", "ÇorluDevletHastanesi") == "Çorlu Devlet Hastanesi"
