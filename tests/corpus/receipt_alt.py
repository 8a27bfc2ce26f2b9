"""Invented, plausible receipt layouts with label synonyms: for banks' other app versions."""

from __future__ import annotations

import random

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.corpus.receipt_parts import Printed, footer, logo, title
from tests.corpus.render import Writer

SYNONYMS = {
    "payer": (
        "Gönderen",
        "Gönderen Adı",
        "Gönderen Ad Soyad",
        "Gönderici",
        "Hesap Sahibi",
        "Müşteri Adı",
        "Borçlu",
    ),
    "payer_id": ("Gönderen TCKN", "TCKN/VKN", "Müşteri TCKN", "T.C. Kimlik No"),
    "payer_iban": ("Gönderen IBAN", "Gönderen Hesap", "Kaynak Hesap", "Hesap No", "Borçlu IBAN"),
    "recipient": (
        "Alıcı",
        "Alıcı Adı",
        "Alıcı Ad Soyad/Unvan",
        "Alacaklı",
        "Alıcı Unvanı",
        "Lehdar",
    ),
    "recipient_iban": ("Alıcı IBAN", "Alacaklı IBAN", "Alıcı Hesap", "Hedef IBAN", "Alıcı IBAN No"),
    "amount": (
        "Tutar",
        "İşlem Tutarı",
        "Gönderilen Tutar",
        "Transfer Tutarı",
        "Havale Tutarı",
        "EFT Tutarı",
        "Aktarılan Tutar",
    ),
    "date": ("İşlem Tarihi", "Tarih", "İşlem Zamanı", "Tarih/Saat", "İşlem Tarihi ve Saati"),
    "description": ("Açıklama", "İşlem Açıklaması", "Ödeme Açıklaması", "Açıklama/Not"),
    "reference": (
        "Referans No",
        "İşlem No",
        "Dekont No",
        "Sorgu No",
        "Fiş No",
        "İşlem Referansı",
        "Ref. No",
    ),
    "fee": ("Masraf", "İşlem Ücreti", "Komisyon", "Ücret"),
}


def _rows(p: Printed, rng: random.Random) -> list[tuple[str, str]]:
    values = {
        "payer": p.payer,
        "payer_id": p.payer_id,
        "payer_iban": p.payer_iban,
        "recipient": p.recipient,
        "recipient_iban": p.recipient_iban,
        "amount": p.amount,
        "date": p.date,
        "description": p.description,
        "reference": p.reference,
        "fee": p.fee,
    }
    order = list(values)
    if rng.random() < 0.5:  # date and reference first, as many apps do
        order = ["date", "reference"] + [k for k in order if k not in ("date", "reference")]
    return [(p.lab(rng.choice(SYNONYMS[k])), values[k]) for k in order if values[k] is not None]


def synonym_rows(w: Writer, p: Printed, rng: random.Random) -> None:
    """Label/value rows with randomly chosen synonyms and one row style."""
    logo(w, p, rng, align=rng.choice(("left", "center", "right")))
    title(w, p, rng, ("{t} DEKONTU", "{t} İşlem Dekontu", "Para Transferi", "İŞLEM DEKONTU"))
    mode = rng.choice(("aligned", "colon", "below", "table", "dots", "right"))
    for label, value in _rows(p, rng):
        w.row(label, value, mode)  # type: ignore[arg-type]
    footer(w, p, rng)


def grid(w: Writer, p: Printed, rng: random.Random) -> None:
    """A horizontal table: a header row of labels over one row of values, then the rest."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} DEKONTU", "Giden {t}"))
    head = [
        ("date", p.date),
        ("recipient", p.recipient),
        ("recipient_iban", p.recipient_iban),
        ("amount", p.amount),
    ]
    inner = w.s.width - 2 * w.s.margin
    widths = [inner * f for f in (0.2, 0.3, 0.3, 0.2)]
    x = w.s.margin
    size = w.s.size * 0.9
    top = w.y + size
    lines_per_cell = []
    for (key, value), width in zip(head, widths, strict=True):
        label = p.lab(rng.choice(SYNONYMS[key]))
        fit = min(size, size * (width - 6) / stringWidth(label, w.bold, size))
        w.text(x + 3, label, bold=True, size=fit)
        lines_per_cell.append(w.wrap(value, width - 6, size=size))
        x += width
    depth = max(len(lines) for lines in lines_per_cell)
    x = w.s.margin
    for lines, width in zip(lines_per_cell, widths, strict=True):
        for i, line in enumerate(lines):
            w.c.setFont(w.regular, size)
            w.c.drawString(x + 3, w.y - (i + 1.4) * size * 1.3, line)
        x += width
    bottom = w.y - (depth + 1.2) * size * 1.3
    w.c.setLineWidth(0.5)
    w.c.rect(w.s.margin, bottom, inner, top - bottom + 2)
    w.c.line(w.s.margin, w.y - size * 0.5, w.s.margin + inner, w.y - size * 0.5)
    w.y = bottom - w.s.size * 2
    mode = rng.choice(("aligned", "colon"))
    skip = {p.date, p.recipient, p.recipient_iban, p.amount}
    for label, value in _rows(p, rng):
        if value not in skip:
            w.row(label, value, mode)  # type: ignore[arg-type]
    footer(w, p, rng)


def notice(w: Writer, p: Printed, rng: random.Random) -> None:
    """A notice in sentences (the bank's e-mail printed), then a few labelled rows."""
    logo(w, p, rng)
    w.newline()
    w.paragraph(p.val(f"Sayın {p.payer},"))
    w.newline(0.5)
    source = f" {p.payer_iban} IBAN numaralı" if p.payer_iban else ""
    w.paragraph(
        p.val(
            f"{p.date} tarihinde{source} hesabınızdan {p.recipient} adına {p.recipient_iban} IBAN "
            f"numaralı hesaba {p.amount} tutarında {p.transfer} işlemi gerçekleştirilmiştir."
        )
    )
    w.newline(0.8)
    mode = rng.choice(("aligned", "colon"))
    w.row(p.lab(rng.choice(SYNONYMS["description"])), p.description, mode)  # type: ignore[arg-type]
    if p.reference:
        w.row(p.lab(rng.choice(SYNONYMS["reference"])), p.reference, mode)  # type: ignore[arg-type]
    w.newline(0.5)
    w.paragraph(p.val("Bizi tercih ettiğiniz için teşekkür ederiz."))
    footer(w, p, rng)
