"""A scanned description's misread name words take the payer's spelling, and only those."""

from mailbot.documents.description_names import payer_respelled


def test_a_word_next_to_the_payers_exact_name_word_and_a_slip_off_another_is_mended():
    assert payer_respelled("16771728302 Örner Yıldız e-imza ücreti", "Ömer Yıldız") == (
        "16771728302 Ömer Yıldız e-imza ücreti")  # rn read for m
    assert payer_respelled("15542629688-D1LEK KURT-.NES", "DİLEK KURT") == (
        "15542629688-DİLEK KURT-.NES")
    assert payer_respelled("Ayşe-K0OÇ-40793332438- NES Ücreti", "Ayşe KOÇ") == (
        "Ayşe-KOÇ-40793332438- NES Ücreti")


def test_a_listed_name_read_with_look_alikes_of_the_payers_word_is_the_payers():
    # 'Ilgaz' is itself a common name, so the relatives' rule kept 'llgaz' as read
    assert payer_respelled("llgaz-AĞAOĞLU-42964057096- NES Ücreti", "Ilgaz Ağaoğlu") == (
        "Ilgaz-AĞAOĞLU-42964057096- NES Ücreti")


def test_common_names_words_far_off_and_words_away_from_the_name_stay_as_read():
    assert payer_respelled("Ayşe Kaya NES", "Ahmet Kaya") == "Ayşe Kaya NES"  # a relative
    assert payer_respelled("NEŞE KAYA NES ÜCRETİ", "NEŞE KAYA") == "NEŞE KAYA NES ÜCRETİ"
    assert payer_respelled("ÖZ! FM ÇELİK TC:30804577712", "ÖZLEM ÇELİK") == (
        "ÖZ! FM ÇELİK TC:30804577712")  # too far off to say
    assert payer_respelled("Örner 16771728302 e-imza", "Ömer Yıldız") == (
        "Örner 16771728302 e-imza")  # no exact word of the payer's beside it
    assert payer_respelled("Örner Yıldız", None) == "Örner Yıldız"
    assert payer_respelled("Ahmet KURTT.C. 13538026176", "Ahmet KURT") == (
        "Ahmet KURTT.C. 13538026176")  # the T of T.C. read onto the name
