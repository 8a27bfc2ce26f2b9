"""One region's words as a field's reading: what OCR read surely, what it could not."""

from mailbot.documents.form_fields import Status, read_region
from mailbot.documents.form_layout import Hit
from mailbot.documents.form_regions import Region
from mailbot.documents.model import Word


def _region(*words: tuple[str, float], what: str = "tckn") -> Region:
    placed, x = [], 100.0
    for text, conf in words:
        placed.append(Word(text, x, 100.0, x + 7.0 * len(text), 112.0, conf))
        x += 7.0 * len(text) + 5.0
    hit = Hit(what, 0, 0, 2, 10.0, 100.0, 80.0, 112.0, 0, True)
    return Region(hit, 100.0, 98.0, 400.0, 114.0, tuple(placed), False)


def _sure(text: str) -> list[tuple[str, float]]:
    return [(word, 95.0) for word in text.split(" ")]


def test_eleven_digits_read_surely_that_fail_the_checksum_are_an_invalid_tckn():
    assert read_region("tckn", _region(("86054170323", 94.0))).status is Status.INVALID
    assert read_region("tckn", _region(("86054170323", 94.0), ("hb", 36.0))).status is (
        Status.INVALID)  # a speck read as letters beside the number is no part of it
    assert read_region("tckn", _region(("86054170323", 70.0))).status is Status.UNREADABLE
    assert read_region("tckn", _region(("8605417032", 94.0), ("3", 40.0))).status is (
        Status.UNREADABLE)  # a digit read unsurely


def test_a_capital_dotted_i_read_as_a_small_i_is_given_back():
    reading = read_region("full_name", _region(("ilknur", 93.0), ("Özdemir", 96.0),
                                               what="full_name"))
    assert (reading.status, reading.value) == (Status.READ, "İlknur Özdemir")
    reading = read_region("full_name", _region(("ilknur", 93.0), ("özdemir", 96.0),
                                               what="full_name"))
    assert reading.status is Status.UNREADABLE  # all small: handwriting or a slip, unsure


def test_the_rest_of_an_aside_or_an_institution_that_lost_its_number_is_no_value():
    aside = _region(("Yetkilisine)", 95.0), what="institution")
    assert read_region("institution", aside).status is Status.UNREADABLE
    lost = _region(*_sure("Şarköy Nolu Aile Sağlığı Merkezi"), what="institution")
    assert read_region("institution", lost).status is Status.UNREADABLE
    whole = _region(*_sure("Şarköy 1 Nolu Aile Sağlığı Merkezi"), what="institution")
    assert read_region("institution", whole).value == "Şarköy 1 Nolu Aile Sağlığı Merkezi"


def test_a_scan_is_washed_out_only_where_no_writing_was_found_at_its_unread_fields() -> None:
    """GIVEN a hand-filled scan of which nothing could be read THEN its empty fields are
    taken as unread only where PP-OCR found no writing by the unread ones (specks of a
    light pen); clear writing it could not read leaves an empty address missing."""
    from mailbot.documents.form import washed_out
    from mailbot.documents.form_fields import FieldReading

    readings = {"full_name": FieldReading(Status.UNREADABLE),
                "tckn": FieldReading(Status.UNREADABLE), "email": FieldReading(Status.EMPTY)}
    assert washed_out(readings, lambda what: False)
    assert not washed_out(readings, lambda what: what == "tckn")  # '700463157' was written
    read = {**readings, "tckn": FieldReading(Status.READ, "10000000146")}
    assert not washed_out(read, lambda what: False)  # a value was read: the pen did not fade


def test_a_name_word_without_a_vowel_lost_letters():
    lost = _region(*_sure("MPHMT YAYA"), what="full_name")
    assert read_region("full_name", lost).status is Status.UNREADABLE  # MEHMET KAYA
    whole = _region(*_sure("MEHMET KAYA"), what="full_name")
    assert read_region("full_name", whole).value == "MEHMET KAYA"
    initial = _region(*_sure("M. Şükrü Öz"), what="full_name")
    assert read_region("full_name", initial).value == "M. Şükrü Öz"


def test_a_number_labels_sentence_beside_it_is_no_number_written_there():
    # "T.C. Kimlik No ve e-posta adresi yazılmayan formlar işleme alınmaz." under the form
    sentence = _sure("ve e-posta adresi yazılmayan formlar işleme alınmaz.")
    assert read_region("tckn", _region(*sentence)).status is Status.EMPTY
    assert read_region("phone", _region(*sentence, what="phone")).status is Status.EMPTY
    assert read_region("tckn", _region(("Bilinmiyor", 95.0))).status is Status.UNREADABLE
    assert read_region("tckn", _region(("yok", 40.0), ("bir", 38.0))).status is (
        Status.UNREADABLE)  # unsure letters: writing OCR could not read
