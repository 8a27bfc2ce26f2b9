"""Where no label names the recipient's IBAN, which IBAN on the page is the recipient's."""

from mailbot.documents.model import Extraction, Page
from mailbot.documents.receipt import _lone_iban

SINOP = "TR890001200969400005000041"  # a published payee account (rules/names/payees.toml)
PAYER = "TR330006100519786457841326"


def _extraction(text: str, ocr: bool) -> Extraction:
    return Extraction(pages=(Page(1, 595.0, 842.0, (), text, ocr=ocr),), scanned=ocr)


def test_on_a_scan_a_published_payee_account_read_a_slip_off_is_the_recipients() -> None:
    # a grid's value row: "TR89" read "TRS9", under a header OCR garbled ("Ahes İBAN No")
    row = "SİNOP İL SAĞLIK MÜD. 'TRS9 0001 2009 6940 0005 0000 41 147,50TL"
    assert _lone_iban(_extraction(row, ocr=True), None) == SINOP


def test_on_a_scan_a_lone_unknown_iban_is_left_unread() -> None:
    # it is most likely the payer's, the recipient's being the one misread
    assert _lone_iban(_extraction(f"Gönderen {PAYER}", ocr=True), None) is None
    assert _lone_iban(_extraction(f"Gönderen {PAYER}", ocr=False), None) == PAYER
