"""Parsing raw mail into Inbound: addresses, bodies, attachments, broken input."""

from __future__ import annotations

import random
from datetime import datetime

from mailbot.mail.parse import parse_message
from tests.support.mail import TZ, broken_mime_mail, receipt_mail

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)


def test_receipt_mail_has_sender_subject_and_pdf() -> None:
    inbound = parse_message(receipt_mail(random.Random(1), WHEN))
    assert inbound.from_address and inbound.from_address.endswith("@example.org")
    assert inbound.subject == "E-imza dekont"
    assert [a.filename for a in inbound.attachments] == ["dekont.pdf"]
    assert inbound.attachments[0].data.startswith(b"%PDF")
    assert inbound.date == WHEN
    assert inbound.auto_reason is None
    assert "dekontum" in inbound.text


def test_broken_mime_yields_defects_and_no_attachment() -> None:
    inbound = parse_message(broken_mime_mail(random.Random(1), WHEN))
    assert inbound.defects
    assert inbound.attachments == ()
    assert inbound.from_address is not None


def test_same_bytes_same_hash_different_bytes_different_hash() -> None:
    raw = receipt_mail(random.Random(1), WHEN)
    assert parse_message(raw).raw_sha256 == parse_message(raw).raw_sha256
    assert parse_message(raw + b"\r\n").raw_sha256 != parse_message(raw).raw_sha256


def test_charset_fallback_for_unknown_charset() -> None:
    raw = (
        b"From: a@example.org\r\nSubject: x\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\n"
    ) + "Şükrü".encode("cp1254")
    inbound = parse_message(raw)
    assert "kr" in inbound.text and inbound.text.strip() != ""


def test_garbage_bytes_do_not_raise() -> None:
    inbound = parse_message(b"\x00\xff not a mail at all \r\n\r\n\xfe")
    assert inbound.from_address is None
    assert inbound.reply_address is None


def test_reply_to_wins_over_from() -> None:
    raw = b"From: a@example.org\r\nReply-To: Dr B <b@example.org>\r\nSubject: s\r\n\r\nhi"
    assert parse_message(raw).reply_address == "b@example.org"


def test_bad_date_becomes_none_not_1900() -> None:
    raw = b"From: a@example.org\r\nDate: yesterday-ish\r\nSubject: s\r\n\r\nhi"
    assert parse_message(raw).date is None
