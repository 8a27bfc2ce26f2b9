"""Bank profiles validate; classification separates receipts, forms, other and unreadable."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mailbot.documents.classify import classify
from mailbot.documents.layout import Line, extraction_from_text
from mailbot.documents.model import DocumentKind, Extraction, Unreadable
from mailbot.documents.profiles import ProfileError, load_profiles
from mailbot.documents.reader import document_json, read_extraction
from mailbot.documents.receipt import read_receipt

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "receipts"


def test_every_profile_loads_and_merges_generic_labels() -> None:
    """Seven bank profiles load; each carries the generic label synonyms after its own."""
    generic, banks = load_profiles()
    assert {b.id for b in banks} >= {"halkbank", "ziraat", "vakifbank", "isbank", "garanti",
                                     "akbank", "yapikredi"}
    for bank in banks:
        assert set(generic.labels["amount"]) <= set(bank.labels["amount"])
        assert bank.keywords and bank.iban_bank_code


def test_unknown_key_in_a_profile_is_an_error(tmp_path: Path) -> None:
    """A typo in a profile fails loudly instead of being ignored."""
    (tmp_path / "generic.toml").write_text('[bank]\nid = "generic"\n', encoding="utf-8")
    (tmp_path / "x.toml").write_text('[bank]\nid = "x"\nkeywrds = ["x"]\n', encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profiles(tmp_path)


def test_recipient_bank_line_does_not_make_the_issuer() -> None:
    """GIVEN a VakıfBank receipt naming Halkbank as the recipient's bank THEN bank is vakifbank."""
    text = (GOLDEN / "vakifbank" / "table.txt").read_text(encoding="utf-8")
    assert read_receipt(extraction_from_text(text)).bank == "vakifbank"


@pytest.mark.parametrize(("header", "bank"), [
    ("Gatantı BBVA", "garanti"), ("L akbamk", "akbank"), ("VAKIFBAMK", "vakifbank")])
def test_bank_title_with_an_ocr_slip(header: str, bank: str) -> None:
    """GIVEN an OCR'd receipt whose only bank name is a slipped title THEN the bank is found."""
    from mailbot.documents.banks import detect_bank
    from mailbot.documents.layout import make_cell
    from mailbot.documents.model import Word

    words = [Word(token, 10.0 + 60 * i, 0.0, 60.0 + 60 * i, 10.0, 60.0)
             for i, token in enumerate(header.split())]
    line = Line(1, 0, 0.0, 10.0, (make_cell(1, 0, words),))
    found = detect_bank([line], load_profiles()[1])
    assert found is not None and found.id == bank


def test_a_receipt_naming_no_bank_is_known_by_two_of_its_banks_own_labels() -> None:
    """GIVEN a receipt whose logo was not read THEN Garanti's "SAYIN" greeting and
    "DÜZENLENME TARİHİ" name it; one such label alone names no bank."""
    text = ("Caranu b V/\nSAYIN OMER YILDIZ\nALACAKLI IBAN : TR890001200969400005000041\n"
            "TUTAR : 218,30 TRY\nDÜZENLENME TARİHİ : 10/12/2022\n")
    assert read_receipt(extraction_from_text(text)).bank == "garanti"
    one = text.replace("DÜZENLENME TARİHİ", "İŞLEM TARİHİ")
    assert read_receipt(extraction_from_text(one)).bank is None


ZIRAAT_UNNAMED = (
    "Hesaptan Hesaba HAVALE\nGönderen Ad Soyad: Şule Yüksel\nGönderen IBAN: "
    "TR460001**********5053\nAlıcı Hesap: TÜBİTAK BİLGEM KAMU SERTİFİKASYON MERKEZİ\n"
    "Alacaklı IBAN: TR32 0001 0002 0100 0000 9999 01\nAlıcı Banka: T.C. ZİRAAT BANKASI A.Ş.\n"
    "Havale Tutarı: 600,00 TL\nİşlem Tarihi: 31.08.2025 13:38:17\n")
GARANTI_NOTICE = (
    "Sayın Hüseyin Köseoğlu,\n8 Ağustos 2025 08:46 tarihinde TR38 0006 2038 9798 0634 8608 40 "
    "IBAN numaralı hesabınızdan TÜBİTAK BİLGEM KAMU SERTİFİKASYON\nMERKEZİ adına TR32 0001 "
    "0002 0100 0000 9999 01 IBAN numaralı hesaba 1080,00 TRY tutarında FAST işlemi "
    "gerçekleştirilmiştir.\nRef. No: 3974379030\n")


@pytest.mark.parametrize(("text", "bank", "unsaid", "said"), [
    # Ziraat's own labels, "Alıcı Hesap" and "Havale Tutarı" (the payee's bank names none)
    (ZIRAAT_UNNAMED, "ziraat", "Havale Tutarı", "İşlem Tutarı"),
    # a notice's payer IBAN ("… IBAN numaralı hesabınızdan"): Garanti's code 00062
    (GARANTI_NOTICE, "garanti", "TR38 0006 2038 9798 0634 8608 40", "TR38 **** **** 8608 40"),
])
def test_a_receipt_whose_logo_was_not_read_is_known_by_what_else_it_prints(
        text: str, bank: str, unsaid: str, said: str) -> None:
    """GIVEN a receipt naming no issuing bank THEN its own labels or its payer's IBAN in a
    sentence name it; without them (one label only, a masked IBAN) no bank is named."""
    assert read_receipt(extraction_from_text(text)).bank == bank
    assert read_receipt(extraction_from_text(text.replace(unsaid, said))).bank is None


def test_a_receipt_whose_bank_name_ocr_garbled_is_read_by_that_banks_labels() -> None:
    """GIVEN a Ziraat receipt whose name OCR garbled THEN its payer's IBAN names the bank and
    Ziraat's labels read it: "Alıcı Hesap" is the payee's name there, not an IBAN."""
    text = ("Z4LSAAİ BANKA\nEFT Dekontu\nGönderen Ad Soyad : RÜŞTÜ YILDIRIM\n"
            "Gönderen IBAN : TR890001000400541572569027\n"
            "Alıcı Hesap : TEKIRDAG IL SAGLIK MUDURLUGU\n"
            "Alacaklı IBAN : TR640001200930400005000016\nHavale Tutarı : -218,30 TL\n")
    receipt = read_receipt(extraction_from_text(text))
    assert receipt.bank == "ziraat"
    assert receipt.recipient_name == "TEKIRDAG IL SAGLIK MUDURLUGU"
    assert receipt.recipient_iban == "TR640001200930400005000016"


def test_kinds() -> None:
    """Receipts, other text, failures and empty pages get their kinds."""
    receipt = extraction_from_text((GOLDEN / "halkbank" / "classic.txt").read_text("utf-8"))
    letter = extraction_from_text("Merhaba,\nE-imza şifremi unuttum, yardım eder misiniz?")
    assert classify(receipt) is DocumentKind.RECEIPT
    assert classify(letter) is DocumentKind.OTHER
    assert classify(Extraction(failure=Unreadable.ENCRYPTED)) is DocumentKind.UNREADABLE
    assert classify(extraction_from_text("  ")) is DocumentKind.OTHER


def test_json_keys_for_each_kind() -> None:
    """--json objects carry exactly the issue's keys for receipts and other documents."""
    receipt = extraction_from_text((GOLDEN / "ziraat" / "classic.txt").read_text("utf-8"))
    row = document_json("a.pdf", read_extraction(receipt))
    assert list(row) == ["file", "kind", "scanned", "bank", "amount", "currency", "date",
                         "payer_name", "recipient_name", "recipient_iban", "description",
                         "tckn", "reference"]
    hello = extraction_from_text("Merhaba dünya, nasılsın?")
    other = document_json("b.pdf", read_extraction(hello))
    assert other == {"file": "b.pdf", "kind": "other", "scanned": False}
    failed = document_json("c.pdf", read_extraction(Extraction(failure=Unreadable.CORRUPT)))
    assert failed == {"file": "c.pdf", "kind": "unreadable", "scanned": False, "reason": "corrupt"}


def test_payment_instructions_and_statements_are_not_receipts() -> None:
    """A directorate's payment instructions and an account statement carry IBANs, not receipts."""
    instructions = extraction_from_text(
        "E-İMZA BAŞVURU ÜCRETİ ÖDEME BİLGİLERİ\n"
        "Ücretleri aşağıdaki hesaba yatırmaları ve dekontu göndermeleri gerekmektedir.\n"
        "Alıcı : Tekirdağ İl Sağlık Müdürlüğü\nIBAN : TR64 0001 2009 3040 0005 0000 16\n"
        "Açıklama : AD-SOYAD-TC / NES 3 YILLIK BAŞVURUSU\nTutar : 780,00 TL")
    statement = extraction_from_text(
        "ZİRAAT BANKASI\nHESAP ÖZETİ / HESAP HAREKETLERİ\nIBAN: TR64 0001 2009 3040 0005 0000 16\n"
        "18.10.2021 ELEKTRİK FATURASI 147,50 TL\n29.10.2025 HAVALE 1.080,00 TL")
    invoice = extraction_from_text(
        "TRAKYA ELEKTRİK PERAKENDE SATIŞ A.Ş.\ne-Arşiv Fatura\nFatura No | 61B2023262374460\n"
        "Fatura Tarihi | 23.08.2021\nSayın | Şule Can Güler\nÖdenecek Tutar | 218,30 TL\n"
        "Banka IBAN | TR73 0006 2088 8475 9218 1049 33")
    assert classify(instructions) is DocumentKind.OTHER
    assert classify(statement) is DocumentKind.OTHER
    assert classify(invoice) is DocumentKind.OTHER


def test_a_bank_notice_with_its_iban_and_lira_sign_misread_is_a_receipt() -> None:
    """A photographed notice: the IBAN fails its checksum and '₺' reads '$', but the
    sentence says the transfer was made."""
    notice = extraction_from_text(
        "Sayın ÖZLEM BULUT,\n17 Mayıs 2023 07:37 tarihinde hesabınızdan TÜBİTAK BİLGEM KAMU "
        "SERTİFİKASYON MERKEZİ adına TR32 0001 0002 0100 0006 9999 81 IBAN numaralı hesaba "
        "$218,30 tutarında EFT işlemi gerçekleştirilmiştir.\n"
        "Ödeme Açıklaması : 74423645612 Özlem Bulut e-imza ücreti")
    assert classify(replace(notice, scanned=True)) is DocumentKind.RECEIPT


def test_a_photo_whose_iban_and_labels_ocr_half_read_is_a_receipt() -> None:
    """A phone photo of a Garanti receipt, its words small: the IBAN fails its checksum
    ('TRS7'), 'AÇIKLAMA' and the amount are lost, 'İŞLEM REFERANSI' and the payee remain."""
    photo = extraction_from_text(
        "SAYIN HATİCE ÇETİN\nALACAKLI ADI SOYADIUNVANI BARTIN İL SAĞLIK MÜDÜRLÜĞÜ\n"
        "ALACAKLI IBAN >\nTRS7 0001 2022 9758 6781 4391 39\n"
        "im REFERANSI 10 Nisan 2024\nTüy Gara Bankası AŞ. ÇORLU ŞUBESİ")
    assert classify(replace(photo, scanned=True)) is DocumentKind.RECEIPT
    assert classify(photo) is DocumentKind.OTHER  # a text layer has its IBAN right or none


def test_a_text_layers_number_shaped_like_a_date_is_no_date_of_the_transfer() -> None:
    """A text layer without a date loses receipt points; a reference such as 31122023 (a
    date only where a scan lost its dots, in a date label's value) does not count as one."""
    from mailbot.documents.classify import receipt_score

    dated = "HAVALE DEKONTU Tutar: 147,50 TL İşlem Tarihi: 31.12.2023 Referans: 12345678"
    undated = "HAVALE DEKONTU Tutar: 147,50 TL Referans: 31122023"
    assert receipt_score(dated) - receipt_score(undated) == 2.5  # the date's label and itself
