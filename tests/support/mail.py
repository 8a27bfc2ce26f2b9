"""Builders of synthetic inbound mail: receipts, forms, questions, auto-replies, broken MIME."""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from mailbot.text import ascii_fold, lower_tr
from tests.support.people import make_iban, make_tckn

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DESK = "tekirdag.sbs@saglik.gov.tr"
PAYEE_IBAN = "TR640001200930400005000016"
FIRST = ["Ayşe", "Mehmet", "Şükrü", "Çağla", "İsmail", "Gülşen", "Ömer", "Zeynep", "Oğuz", "Ümran"]
LAST = ["Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk", "Aydın", "Güneş", "Kılıç", "Işık"]
TZ = timezone(timedelta(hours=3))


def _font() -> str:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    return "DejaVu"


def pdf_from_lines(lines: list[str]) -> bytes:
    """A one-page text PDF with `lines`, top to bottom."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(_font(), 11)
    y = 800
    for line in lines:
        page.drawString(60, y, line)
        y -= 18
    page.save()
    return buffer.getvalue()


def receipt_pdf(name: str, tckn: str, amount: str, when: str, rng: random.Random) -> bytes:
    """A Halkbank-style text receipt paid to the Tekirdağ directorate."""
    return pdf_from_lines([
        "T. HALK BANKASI A.Ş.", "HAVALE / EFT DEKONTU", "",
        f"İŞLEM TARİHİ : {when}", f"SORGU NO : {rng.randint(10**9, 10**10 - 1)}",
        f"GÖNDEREN : {name.upper()}", f"GÖNDEREN IBAN : {make_iban(rng, '00012')}",
        "ALICI : TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ", f"ALICI IBAN : {PAYEE_IBAN}",
        f"İŞLEM TUTARI (TL) : {amount}", f"AÇIKLAMA : {name.upper()}-{tckn}- NES Ücreti",
    ])


def form_pdf(name: str, tckn: str, email: str, phone: str) -> bytes:
    """A flat, typed e-imza lost-card form."""
    return pdf_from_lines([
        "E-İMZA KAYIP / ÇALINTI / ARIZA BAŞVURU FORMU", "",
        f"Adı Soyadı : {name}", f"T.C. Kimlik No : {tckn}", "Unvanı : Aile Hekimi",
        "Kurumu : Süleymanpaşa 3 Nolu Aile Sağlığı Merkezi", f"E-posta : {email}",
        f"Cep Telefonu : {phone}", "Başvuru Nedeni : [X] Kayıp  [ ] Çalıntı  [ ] Arıza",
        "Kart okuyucu talep ediyorum : [ ] Evet  [X] Hayır", "Tarih : 14.03.2024", "İmza :",
    ])


def envelope(sender: str, name: str, subject: str, body: str, when: datetime) -> EmailMessage:
    """A plain message from a physician to the desk."""
    msg = EmailMessage()
    msg["From"] = f"{name} <{sender}>"
    msg["To"] = DESK
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    msg.set_content(body)
    return msg


def person(rng: random.Random) -> tuple[str, str, str]:
    """(full name, TCKN, e-mail address) of an invented physician."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    ascii_name = ascii_fold(lower_tr(first + "." + last))
    return f"{first} {last}", make_tckn(rng), f"{ascii_name}{rng.randint(1, 99)}@example.org"


def receipt_mail(rng: random.Random, when: datetime) -> bytes:
    """A physician sending a receipt PDF."""
    name, tckn, address = person(rng)
    msg = envelope(address, name, "E-imza dekont", "Merhaba, dekontum ektedir.\nİyi çalışmalar.",
                   when)
    amount = "218,30" if when.year < 2023 else "1.080,00"  # NES + reader, tariff of the date
    msg.add_attachment(receipt_pdf(name, tckn, amount, when.strftime("%d.%m.%Y %H:%M"), rng),
                       maintype="application", subtype="pdf", filename="dekont.pdf")
    return bytes(msg)


def form_mail(rng: random.Random, when: datetime) -> bytes:
    """A physician sending the lost-card form."""
    name, tckn, address = person(rng)
    msg = envelope(address, name, "e-imza kayıp formu", "Kartımı kaybettim, form ektedir.", when)
    msg.add_attachment(form_pdf(name, tckn, address, "0532 111 22 33"), maintype="application",
                       subtype="pdf", filename="kayip_formu.pdf")
    return bytes(msg)


def question_mail(rng: random.Random, when: datetime) -> bytes:
    """A free-text question, no attachment."""
    name, _, address = person(rng)
    return bytes(envelope(address, name, "Soru: e-imza yenileme",
                          "Merhaba, e-imzamın süresi doluyor. Ne yapmam gerekiyor?", when))


def auto_reply_mail(rng: random.Random, when: datetime) -> bytes:
    """An out-of-office auto-reply (RFC 3834)."""
    name, _, address = person(rng)
    msg = envelope(address, name, "Otomatik yanıt: Başvurunuz alındı",
                   "İzindeyim, 1 Aralık'ta döneceğim.", when)
    msg["Auto-Submitted"] = "auto-replied"
    return bytes(msg)


def broken_mime_mail(rng: random.Random, when: datetime) -> bytes:
    """A multipart message whose boundary never appears and whose base64 is broken."""
    _, _, address = person(rng)
    return (
        f"From: {address}\r\nTo: {DESK}\r\nSubject: =?utf-8?B?bozuk?=\r\n"
        f"Date: {format_datetime(when)}\r\nMessage-ID: {make_msgid(domain='example.org')}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nope\"\r\n\r\n"
        "--wrong\r\nContent-Type: application/pdf; name=x.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLj!!!broken\r\n"
    ).encode()


KINDS = (receipt_mail, form_mail, question_mail, auto_reply_mail, broken_mime_mail)


def mixed_mail(count: int, seed: int = 7) -> list[bytes]:
    """`count` messages cycling through every kind, deterministic for `seed`."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
    return [KINDS[i % len(KINDS)](rng, start + timedelta(minutes=i)) for i in range(count)]


def custom_receipt_mail(*, name: str, tckn: str, sender: str, when: datetime,
                        amount: str = "1.080,00", iban: str = PAYEE_IBAN,
                        description: str | None = None, reference: str = "4280387012",
                        body: str = "Dekontum ektedir.") -> bytes:
    """A receipt mail with every field under the test's control."""
    text = description if description is not None else f"{name.upper()}-{tckn}- NES Ücreti"
    pdf = pdf_from_lines([
        "T. HALK BANKASI A.Ş.", "HAVALE / EFT DEKONTU", "",
        f"İŞLEM TARİHİ : {when:%d.%m.%Y %H:%M}", f"SORGU NO : {reference}",
        f"GÖNDEREN : {name.upper()}", "ALICI : İL SAĞLIK MÜDÜRLÜĞÜ", f"ALICI IBAN : {iban}",
        f"İŞLEM TUTARI (TL) : {amount}", f"AÇIKLAMA : {text}",
    ])
    msg = envelope(sender, name, "E-imza dekont", body, when)
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="dekont.pdf")
    return bytes(msg)


def custom_form_mail(*, name: str, tckn: str, sender: str, form_email: str, when: datetime,
                     request: str = "Kayıp") -> bytes:
    """A lost/stolen/broken-card form mail; the form's address may differ from the sender's."""
    choices = ("Kayıp", "Çalıntı", "Arıza")
    boxes = "  ".join(f"[{'X' if r == request else ' '}] {r}" for r in choices)
    pdf = pdf_from_lines([
        "E-İMZA KAYIP / ÇALINTI / ARIZA BAŞVURU FORMU", "", f"Adı Soyadı : {name}",
        f"T.C. Kimlik No : {tckn}", "Unvanı : Uzman Tabip", "Kurumu : Devlet Hastanesi",
        f"E-posta : {form_email}", "Cep Telefonu : 0532 111 22 33",
        f"Başvuru Nedeni : {boxes}", "Kart okuyucu talep ediyorum : [ ] Evet  [X] Hayır",
        f"Tarih : {when:%d.%m.%Y}", "İmza :",
    ])
    msg = envelope(sender, name, "e-imza kayıp formu", "Form ektedir.", when)
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="form.pdf")
    return bytes(msg)


def attachment_mail(*, sender: str, when: datetime, filename: str, data: bytes,
                    subtype: str = "pdf") -> bytes:
    """A mail with one arbitrary attachment."""
    msg = envelope(sender, "Dr. Deneme", "ek", "Ektedir.", when)
    msg.add_attachment(data, maintype="application", subtype=subtype, filename=filename)
    return bytes(msg)


def officer_mail(*, officer: str, token: str, body: str, when: datetime,
                 auth_results: str | None) -> bytes:
    """An officer's reply to a case, with or without an Authentication-Results header."""
    msg = envelope(officer, "Yetkili", f"Re: [{token}] Kayıp/çalıntı/arıza formunuz alındı",
                   body, when)
    if auth_results is not None:
        msg["Authentication-Results"] = auth_results
    return bytes(msg)


def dsn_mail(original_id: str, recipient: str) -> bytes:
    """A mail server's report that one of our replies could not be delivered."""
    return (
        f"From: MAILER-DAEMON@mx.example.org\r\nTo: {DESK}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status;"
        ' boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n'
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org"
        f"\r\n\r\nFinal-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n--b1\r\n"
        f"Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: {original_id}\r\n"
        "Subject: x\r\n\r\n--b1--\r\n"
    ).encode()
