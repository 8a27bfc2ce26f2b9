"""RFC 3834 loop safety: which mail must never be answered."""

from __future__ import annotations

import pytest

from mailbot.mail.parse import parse_message


def _mail(headers: str, sender: str = "doctor@example.org") -> bytes:
    return f"From: {sender}\r\nSubject: s\r\n{headers}\r\nhello".encode()


@pytest.mark.parametrize(
    ("headers", "sender", "reason"),
    [
        ("Auto-Submitted: auto-replied\r\n", "doctor@example.org", "auto-submitted:auto-replied"),
        ("Auto-Submitted: auto-generated\r\n", "doctor@example.org",
         "auto-submitted:auto-generated"),
        ("Precedence: bulk\r\n", "doctor@example.org", "precedence:bulk"),
        ("List-Id: <x.lists.example.org>\r\n", "doctor@example.org", "list"),
        ("", "MAILER-DAEMON@example.org", "bounce"),
        ("Return-Path: <>\r\n", "doctor@example.org", "bounce"),
        ("X-Autoreply: yes\r\n", "doctor@example.org", "x-autoreply"),
        ("", "noreply@bank.example", "no-reply-sender"),
    ],
)
def test_machine_mail_is_recognised(headers: str, sender: str, reason: str) -> None:
    assert parse_message(_mail(headers, sender)).auto_reason == reason


def test_auto_submitted_no_is_a_person() -> None:
    assert parse_message(_mail("Auto-Submitted: no\r\n")).auto_reason is None


def test_plain_mail_is_a_person() -> None:
    assert parse_message(_mail("")).auto_reason is None


def test_dsn_report_is_a_bounce() -> None:
    raw = (b"From: postmaster@example.org\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
           b"--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--\r\n")
    assert parse_message(raw).auto_reason == "bounce"
