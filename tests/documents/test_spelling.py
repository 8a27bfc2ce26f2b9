"""OCR'd names mended: payee words spelled as the lexicon has them, junk at the edges dropped."""

from __future__ import annotations

import pytest

from mailbot.documents.spelling import mend_institution, mend_person, respell_names


@pytest.mark.parametrize(("read", "mended"), [
    ("TEKİRDAG IL SAGLIK MUDURLUGU", "TEKIRDAG IL SAGLIK MUDURLUGU"),  # printed in ASCII
    ("Hatay Il Sağlık Müdürlüğü Döner Sermaye", "Hatay İl Sağlık Müdürlüğü Döner Sermaye"),
    ("ELAZIĞ İl SAĞLIK MÜDÜRLÜGÜ", "ELAZIĞ İL SAĞLIK MÜDÜRLÜĞÜ"),
    ("TEKIRDAG |L SAGLIK MUDURLUGU", "TEKIRDAG IL SAGLIK MUDURLUGU"),
    ("e TEKIRDAG IL SAGLIK MUDURLUGU", "TEKIRDAG IL SAGLIK MUDURLUGU"),
    ("KIRKLARELİ İL SAĞLIK MÜD", "KIRKLARELİ İL SAĞLIK MÜD."),
    ("KIRKLARELİ İL SAGLIK MUDURLUGU", "KIRKLARELI IL SAGLIK MUDURLUGU"),  # OCR's dotted I
    ("ELAZIGIL SAGLIK MUDURLUGU", "ELAZIG IL SAGLIK MUDURLUGU"),  # a space lost
    ("T.C. SAĞLIK BAKANLIĞIELAZIĞIL SAĞLIK", "T.C. SAĞLIK BAKANLIĞI ELAZIĞ İL SAĞLIK"),  # two
    ("TEKİRDAG İL SAGLIK MÜDURLUGU", "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ"),  # Ğ read as G
    ("TUBITAK BİLGEM KAMU SERTİFİKASYON MERKEZİ", "TÜBİTAK BİLGEM KAMU SERTİFİKASYON MERKEZİ"),
    ("Sinopil Sağlık Müdürlüğü", "Sinop İl Sağlık Müdürlüğü"),
    ("TUBITAK BILGEM KAMU SERTIFIKASYON MERKEZİ", "TUBITAK BILGEM KAMU SERTIFIKASYON MERKEZI"),
    ("TÜBİTAK BİLGEM Kamu Sertifikasyon Merkezi", "TÜBİTAK BİLGEM Kamu Sertifikasyon Merkezi"),
    ("Acme Ltd Şti", "Acme Ltd Şti"),  # unknown words are left as read
    ("ISINOP İL SAĞLIK MÜD.", "SİNOP İL SAĞLIK MÜD."),  # the cell's rule read as an I
    ("T.C. SAĞLIK BAKANLIĞI TEKİRDAĞ © İL SAĞLIK", "T.C. SAĞLIK BAKANLIĞI TEKİRDAĞ İL SAĞLIK"),
    ("IZMIR İL SAĞLIK MÜD.", "İZMİR İL SAĞLIK MÜD."),  # a known word keeps its I
    ("HATAY 1 SAGLIK MUDURLUGU DONER SERMAYE", "HATAY IL SAGLIK MUDURLUGU DONER SERMAYE"),
    ("SINOP IL SAGLIK MUDURLUGGU", "SINOP IL SAGLIK MUDURLUGU"),  # a letter read twice
    ("SINOP IL SAGLIK MUDURLUĞGU", "SINOP IL SAGLIK MUDURLUGU"),  # once with its mark
    ("DÜZCE İL, SAĞLIK MÜDÜRLÜĞÜ", "DÜZCE İL SAĞLIK MÜDÜRLÜĞÜ"),  # a speck read as a comma
    ("ALLAH AA", "ALLAH AA"),  # doubled letters of unknown words are as printed
    ("TUBITAK BILGEM KAMU SERTIFIKASYON MERKEZ!", "TUBITAK BILGEM KAMU SERTIFIKASYON MERKEZI"),
    ("HATAY IL SAGUK MUDURLUGU", "HATAY IL SAGLIK MUDURLUGU"),  # LI read as U
    ("TEKIRDAG TL SAGLIK MUDURLUGU", "TEKIRDAG IL SAGLIK MUDURLUGU"),  # İL one slip off
    ("TEKİRDAĞ It SAĞLIK MÜD.", "TEKİRDAĞ İL SAĞLIK MÜD."),
    ("T.G. SAGLIK BAKANLIGI HATAY IL", "T.C. SAGLIK BAKANLIGI HATAY IL"),  # its C read as G
    ("T.O, SAĞLIK BAKANLIĞI", "T.C. SAĞLIK BAKANLIĞI"),
    ("T.G. BAKANLIGI", "T.G. BAKANLIGI"),  # only before SAĞLIK
])
def test_institution_names(read: str, mended: str) -> None:
    """GIVEN a payee name as OCR read it THEN known words are spelled as the name spells them."""
    assert mend_institution(read) == mended


@pytest.mark.parametrize(("read", "mended"), [
    ("O DILEK KOC", "DILEK KOC"),
    ("OĞUZ BOZKURT Miz", "OĞUZ BOZKURT"),
    ("semeresini: MUGE YILDIRIM", "MUGE YILDIRIM"),
    ("Selçuk Doğan", "Selçuk Doğan"),
    ("-- :", None),
    ("SERKAN YILDIZ TCKNWKN", "SERKAN YILDIZ"),  # the next label, TCKN/VKN, read in
    ("Ali Vural T.C.Kimlik", "Ali Vural"),
])
def test_person_names_lose_edge_junk(read: str, mended: str | None) -> None:
    """GIVEN a payer name with OCR noise at its edges THEN the noise goes, the name stays."""
    assert mend_person(read) == mended


def test_ocr_slips_in_common_person_names_are_spelled_in_the_names_own_spelling():
    from mailbot.documents.spelling import mend_person

    assert mend_person("GOKHAN KUŞÇU") == "GÖKHAN KUŞÇU"  # the name is printed in Turkish
    assert mend_person("ÇIĞDEM POLAT") == "ÇİĞDEM POLAT"
    assert mend_person("GOKHAN KUSCU") == "GOKHAN KUSCU"  # printed folded: kept folded
    assert mend_person("Elif Ali Sarıgül") == "Elif Ali Sarıgül"  # "Elif" has no Turkish letter
    assert mend_person("ŞULE AYŞE AYDIN.") == "ŞULE AYŞE AYDIN"
    assert mend_person("Xyzq Abcq") == "Xyzq Abcq"  # unknown words stay as read
    assert mend_person("KUBRA BULUT", turkish=True) == "KÜBRA BULUT"  # the bank prints them
    assert mend_person("Kubra Xyzq", turkish=True) == "Kübra Xyzq"


def test_names_in_a_description_get_the_marks_ocr_dropped_and_nothing_else_changes():
    assert respell_names("ŞEYMA OZTURK") == "ŞEYMA ÖZTÜRK"  # Ş: printed in Turkish
    assert respell_names("Ismaıl Erdoğan 81832721462 nes ücreti") == (
        "İsmail Erdoğan 81832721462 nes ücreti")
    assert respell_names("SEYMA OZTURK 12345678901") == "SEYMA OZTURK 12345678901"  # folded
    assert respell_names("89055401338-MUGE NUR TURKMEN-NES") == (
        "89055401338-MUGE NUR TURKMEN-NES")  # glued tokens are left as read
    assert respell_names("Şeyma ozturk") == "Şeyma öztürk"  # each word in its own case
    assert respell_names("Veri Hazırlama ve Kontrol İşletmeni", "titles.toml") == (
        "Veri Hazırlama ve Kontrol İşletmeni")


def test_a_descriptions_fee_words_get_the_marks_the_rest_of_it_was_printed_with():
    def described(text: str) -> str | None:
        return respell_names(text, also="descriptions.toml")

    assert described("EFT - Selçuk Kılıç 16868213308 nes ucreti") == (
        "EFT - Selçuk Kılıç 16868213308 nes ücreti")  # the ü's dots lost on a scan
    assert described("AYŞE YILMAZ NES UCRETI") == "AYŞE YILMAZ NES ÜCRETİ"
    assert described("Ayse Yilmaz nes ucreti") == "Ayse Yilmaz nes ucreti"  # printed folded
    assert described("OZLEM-KILIC-30839633926 / NES 3 YILLIK BASVURUSU") == (
        "OZLEM-KILIC-30839633926 / NES 3 YILLIK BASVURUSU")
