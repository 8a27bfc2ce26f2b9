"""Bank receipts (dekont) of seven banks as text PDFs, scans, photos and phone screenshots."""

from __future__ import annotations

import io
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from tests.corpus import Sample, degrade, fonts, formats, sample_rng
from tests.corpus.people import (
    BANK_CODES,
    Directorate,
    Person,
    ascii_fold,
    make_directorate,
    make_iban,
    make_person,
    upper_tr,
)
from tests.corpus.receipt_banks import VERSIONS, Version
from tests.corpus.receipt_parts import RECIPIENT_BANK_NAMES, Printed
from tests.corpus.render import Style, Writer
from tests.corpus.words import amount_words

_TCKN = re.compile(r"(?<!\d)\d{11}(?!\d)")
_PAGES = {"a4": A4, "a5": A5, "a5l": landscape(A5), "mobile": (300.0, 640.0)}
MEDIA = {
    "a4": ("pdf", "pdf", "scan", "photo"),
    "a5": ("pdf", "scan", "photo"),
    "a5l": ("pdf", "scan", "photo"),
    "mobile": ("pdf", "shot", "shot", "photo"),
}


def _printed_case(version: Version, text: str) -> str:
    if version.upper:
        text = upper_tr(text)
    return ascii_fold(text) if version.ascii else text


def _amount_style(rng: random.Random, version: Version) -> str | None:
    if version.bank == "yapikredi" and rng.random() < 0.7:
        return "MINUS"
    if version.ascii:
        return rng.choice(("TL", "TRY", "TRY_PRE", "MINUS", "BARE"))
    return None


def _description(rng: random.Random, version: Version, person: Person, transfer: str) -> str:
    text = formats.bank_wrap(
        rng, formats.make_description(rng, person, rng.random() < 0.4), transfer
    )
    text = _printed_case(version, text) if version.ascii or rng.random() < 0.3 else text
    if version.desc_limit and len(text) > version.desc_limit and rng.random() < 0.7:
        text = formats.truncate(text, version.desc_limit)
    return text


def _payer_iban(rng: random.Random, version: Version) -> str | None:
    own = make_iban(rng, version.bank)
    roll = rng.random()
    if version.name == "amir" or roll < 0.45:
        return formats.format_iban(rng, own)
    if roll < 0.8:
        return formats.mask_iban(rng, own)
    return None


def _payer_id(rng: random.Random, payer: Person) -> str | None:
    """The payer's TCKN as some banks print it: mostly masked, sometimes whole."""
    t = payer.tckn
    if rng.random() < 0.55:
        return None
    return rng.choice((f"{t[:3]}******{t[-2:]}", f"{t[:2]}*******{t[-2:]}", f"*******{t[-4:]}", t))


def _extras(rng: random.Random, version: Version) -> list[tuple[str, str]]:
    """Bank numbers that are not the transaction reference."""
    digits = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    pool = [
        ("Müşteri No", digits(8)),
        ("Şube Kodu", digits(4)),
        ("Sıra No", digits(4)),
        ("Kanal", rng.choice(("İnternet", "Mobil", "ATM"))),
        ("Hesap No", f"{digits(4)}-{digits(8)}"),
    ]
    return [
        (_printed_case(version, k), _printed_case(version, v))
        for k, v in rng.sample(pool, rng.choice((0, 0, 1, 2)))
    ]


def _branch(rng: random.Random, version: Version) -> str:
    names = ("İnternet Şubesi", "Mobil Şube", "Merkez Şube", "Çorlu Şubesi", "Tekirdağ Şubesi")
    return _printed_case(version, rng.choice(names))


def _amounts(rng: random.Random, version: Version, amount) -> tuple[str, str | None, str | None]:
    """The printed amount, fee and (with a fee) sometimes the total taken from the account."""
    style = _amount_style(rng, version) or rng.choice(
        ("TL", "TL", "TRY", "TRY_PRE", "LIRA", "MINUS")
    )
    fee = _fee(rng) if rng.random() < 0.25 else None
    total = None
    if fee and rng.random() < 0.6:
        total = formats.format_amount(rng, amount + fee, style)
    fee_text = formats.format_amount(rng, fee, "TL") if fee is not None else None
    return formats.format_amount(rng, amount, style), fee_text, total


def printed_values(
    rng: random.Random, version: Version, person: Person, payee: Directorate, when: datetime
) -> tuple[Printed, dict]:
    """What the bank prints for this payment, and the truth a perfect reader reports."""
    same_bank = payee.iban[4:9] == BANK_CODES[version.bank]
    transfer = rng.choice(("HAVALE", "HAVALE", "FAST") if same_bank else ("HAVALE", "EFT", "FAST"))
    amount = formats.pick_amount(rng, when.date())
    payer = person if rng.random() < 0.9 else make_person(rng)  # sometimes a relative pays
    payer_name = payer.full_name if rng.random() < 0.6 else upper_tr(payer.full_name)
    amount_text, fee, total = _amounts(rng, version, amount)
    date_text = formats.format_date(rng, when)
    printed = Printed(
        bank=version.bank,
        payer=_printed_case(version, payer_name),
        payer_iban=_payer_iban(rng, version),
        recipient=_printed_case(version, rng.choice(formats.recipient_forms(payee.name))),
        recipient_iban=formats.format_iban(rng, payee.iban),
        recipient_bank=_recipient_bank(rng, version, payee),
        amount=amount_text,
        date=_printed_case(version, date_text) if version.ascii else date_text,
        description=_description(rng, version, person, transfer),
        reference=formats.make_reference(rng, when) if rng.random() < 0.85 else None,
        transfer=transfer,
        fee=fee,
        print_date=formats.format_date(rng, when + timedelta(days=rng.randint(1, 40)), "dot_time")
        if rng.random() < 0.3
        else None,
        ascii=version.ascii,
        upper_labels=version.upper or rng.random() < 0.3,
        second_page=rng.random() < 0.2,
        logo_image=rng.random() < 0.25,
        branch=_branch(rng, version),
        payer_id=_payer_id(rng, payer),
        total=total,
        extras=_extras(rng, version),
        in_words=_in_words(rng, amount) if rng.random() < 0.25 else None,
        bilingual=rng.random() < 0.2,
    )
    return printed, _truth(printed, amount, when)


def _recipient_bank(rng: random.Random, version: Version, payee: Directorate) -> str | None:
    """The payee's bank as printed (Elazığ's published as Ziraat; its IBAN code says Halkbank)."""
    if rng.random() < 0.6:
        return None
    name = RECIPIENT_BANK_NAMES.get(payee.iban[4:9], "")
    if payee.name.startswith("Elazığ") and rng.random() < 0.5:
        name = RECIPIENT_BANK_NAMES["00010"]
    return _printed_case(version, name)


def _in_words(rng: random.Random, amount) -> str:
    words = upper_tr(amount_words(amount))
    return rng.choice((f"YALNIZ {words}", f"#YALNIZ {words}#", f"Yalnız: {words}"))


def _fee(rng: random.Random):
    return formats.Decimal(rng.choice(("0.00", "0.00", "5.50", "8.75", "11.66", "2.10")))


def _truth(p: Printed, amount, when: datetime) -> dict:
    description = " ".join(p.description.split())
    found = _TCKN.findall(description)
    return {
        "kind": "receipt",
        "scanned": False,
        "bank": p.bank,
        "amount": f"{amount:.2f}",
        "currency": "TRY",
        "date": when.date().isoformat(),
        "payer_name": p.payer,
        "recipient_name": " ".join(p.recipient.split()),
        "recipient_iban": p.recipient_iban.replace(" ", ""),
        "description": description,
        "tckn": found[0] if found else None,
        "reference": p.reference,
    }


def _style(rng: random.Random, version: Version, printed: Printed) -> Style:
    width, height = _PAGES[version.page]
    names = list(fonts.families())
    if "₺" in printed.amount:  # only DejaVu has the lira sign
        names = [n for n in names if n.startswith("DejaVu")]
    if version.ascii:
        names += list(fonts.ASCII_FAMILIES)
    mobile = version.page == "mobile"
    return Style(
        width=width,
        height=height,
        family=rng.choice(names),
        size=rng.uniform(9.5, 11.5) if mobile else rng.uniform(8.0, 10.5),
        margin=rng.uniform(18, 28) if mobile else rng.uniform(36, 70),
        label_width=rng.uniform(110, 170),
        bold_labels=rng.random() < 0.7,
    )


def render_pdf(rng: random.Random, version: Version, printed: Printed) -> bytes:
    """The receipt as a text PDF."""
    buffer = io.BytesIO()
    style = _style(rng, version, printed)
    encrypt = (
        StandardEncryption("", ownerPassword="banka", canModify=0) if rng.random() < 0.2 else None
    )
    canvas = Canvas(buffer, pagesize=(style.width, style.height), invariant=1, encrypt=encrypt)
    canvas.setTitle(rng.choice(("Dekont", "dekont", "", "Islem Dekontu")))
    version.draw(Writer(canvas, style), printed, rng)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_one(outdir: Path, rng: random.Random, index: int) -> Sample:
    """One receipt sample."""
    version = rng.choice(VERSIONS)
    when = formats.pick_when(rng)
    printed, truth = printed_values(rng, version, make_person(rng), make_directorate(rng), when)
    pdf = render_pdf(rng, version, printed)
    medium = rng.choice(MEDIA[version.page])
    stem = outdir / f"receipt-{index:04d}-{version.bank}"
    path = degrade.write_medium(rng, pdf, medium, stem)
    truth["scanned"] = medium != "pdf"
    return Sample(path, "receipt", f"{version.bank}-{version.name}-{medium}", truth)


def generate(outdir: Path, n: int, seed: int) -> list[Sample]:
    """`n` receipts under `outdir`, deterministic for `seed`."""
    outdir.mkdir(parents=True, exist_ok=True)
    return [make_one(outdir, sample_rng(seed, i, "receipt"), i) for i in range(n)]
