"""Receipt layouts of the seven banks, two or more app versions each."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tests.corpus.receipt_alt import grid, notice, synonym_rows
from tests.corpus.receipt_parts import Printed, footer, logo, maybe, title
from tests.corpus.render import Writer

Layout = Callable[[Writer, Printed, random.Random], None]


@dataclass(frozen=True)
class Version:
    """One app version of a bank's receipt."""

    bank: str
    name: str
    draw: Layout
    page: str  # "a4" | "a5" | "mobile"
    ascii: bool = False  # the bank folds Turkish letters
    upper: bool = False  # values printed upper-case
    desc_limit: int | None = None  # the bank cuts descriptions at this length


def _mode(rng: random.Random, *modes: str) -> str:
    return rng.choice(modes)


def halkbank_classic(w: Writer, p: Printed, rng: random.Random) -> None:
    """Halkbank: GÖNDEREN / ALICI / ALICI IBAN / İŞLEM TUTARI (TL) / İŞLEM TARİHİ / SORGU NO."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} DEKONTU", "HESAPTAN {t} DEKONTU", "PARA TRANSFERİ - {t}"))
    m = _mode(rng, "aligned", "table", "colon", "dots")
    maybe(w, p.lab("İŞLEM TARİHİ"), p.date, m)
    maybe(w, p.lab("SORGU NO"), p.reference, m)
    w.row(p.lab("GÖNDEREN"), p.payer, m)
    maybe(w, p.lab("GÖNDEREN TCKN"), p.payer_id, m)
    maybe(w, p.lab("GÖNDEREN IBAN"), p.payer_iban, m)
    w.row(p.lab("ALICI"), p.recipient, m)
    w.row(p.lab("ALICI IBAN"), p.recipient_iban, m)
    w.row(p.lab("İŞLEM TUTARI (TL)"), p.amount, m)
    maybe(w, p.lab("MASRAF (TL)"), p.fee, m)
    w.row(p.lab("AÇIKLAMA"), p.description, m)
    footer(w, p, rng)


def halkbank_amir(w: Writer, p: Printed, rng: random.Random) -> None:
    """Halkbank newer layout: AMİR / LEHDAR, each followed by an unlabeled `IBAN :` line."""
    logo(w, p, rng, align=rng.choice(("left", "right")))
    title(w, p, rng, ("{t} İŞLEMİ", "{t} GİDEN", "DEKONT"))
    m = _mode(rng, "aligned", "colon")
    w.row(p.lab("İşlem Tarihi"), p.date, m)
    maybe(w, p.lab("İşlem Ref"), p.reference, m)
    w.rule()
    w.row(p.lab("AMİR"), p.payer, m)
    w.row("IBAN", p.payer_iban or "", m)
    w.row(p.lab("LEHDAR"), p.recipient, m)
    w.row("IBAN", p.recipient_iban, m)
    w.rule()
    w.row(p.lab("Tutar"), p.amount, m)
    maybe(w, p.lab("Ücret"), p.fee, m)
    w.row(p.lab("Açıklama"), p.description, m)
    maybe(w, p.lab("Yazdırma Tarihi"), p.print_date, m)
    footer(w, p, rng)


def ziraat_classic(w: Writer, p: Printed, rng: random.Random) -> None:
    """Ziraat: Alıcı Hesap / Alacaklı IBAN / Havale Tutarı."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} Dekontu", "Hesaptan Hesaba {t}", "Giden {t} Bilgileri"))
    m = _mode(rng, "aligned", "colon", "table")
    w.row(p.lab("Gönderen Ad Soyad"), p.payer, m)
    maybe(w, p.lab("TC Kimlik No"), p.payer_id, m)
    maybe(w, p.lab("Gönderen IBAN"), p.payer_iban, m)
    w.row(p.lab("Alıcı Hesap"), p.recipient, m)
    w.row(p.lab("Alacaklı IBAN"), p.recipient_iban, m)
    maybe(w, p.lab("Alıcı Banka"), p.recipient_bank, m)
    w.row(p.lab("Havale Tutarı"), p.amount, m)
    maybe(w, p.lab("Masraf Tutarı"), p.fee, m)
    w.row(p.lab("Açıklama"), p.description, m)
    w.row(p.lab("İşlem Tarihi"), p.date, m)
    maybe(w, p.lab("Fiş No"), p.reference, m)
    footer(w, p, rng)


def ziraat_borclu(w: Writer, p: Printed, rng: random.Random) -> None:
    """Ziraat older ASCII layout: BORCLU / ALACAKLI rows, reference on top right."""
    logo(w, p, rng)
    if p.reference:
        w.text(w.s.width - w.s.margin, p.lab("Referans") + ": " + p.reference, align="right")
        w.newline()
    title(w, p, rng, ("{t} ISLEM DEKONTU", "MUSTERI DEKONTU"))
    m = _mode(rng, "aligned", "dots")
    w.row(p.lab("İşlem Tarihi"), p.date, m)
    w.row(p.lab("Borçlu Ad Soyad"), p.payer, m)
    maybe(w, p.lab("Borçlu IBAN"), p.payer_iban, m)
    w.row(p.lab("Alacaklı Ad Soyad"), p.recipient, m)
    w.row(p.lab("Alacaklı IBAN"), p.recipient_iban, m)
    w.row(p.lab("Tutar"), p.amount, m)
    maybe(w, p.lab("BSMV"), p.fee, m)
    w.row(p.lab("Açıklama"), p.description, m)
    footer(w, p, rng)


def vakifbank_twocol(w: Writer, p: Printed, rng: random.Random) -> None:
    """VakıfBank: two columns GÖNDEREN AD SOYAD | ALICI AD SOYAD/UNVAN, IBANs over two lines."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} DEKONTU", "GİDEN {t}"))
    half = lambda iban: iban.replace(" ", "")[:14] + "\n" + iban.replace(" ", "")[14:]  # noqa: E731
    left = [(p.lab("GÖNDEREN AD SOYAD"), p.payer)]
    if p.payer_iban:
        left.append(
            (p.lab("GÖNDEREN IBAN"), p.payer_iban if "*" in p.payer_iban else half(p.payer_iban))
        )
    right = [
        (p.lab("ALICI AD SOYAD/UNVAN"), p.recipient),
        (p.lab("ALICI IBAN"), half(p.recipient_iban)),
    ]
    w.columns(left, right, "below")
    w.rule()
    m = _mode(rng, "aligned", "colon")
    w.row(p.lab("İŞLEM TUTARI"), p.amount, m)
    maybe(w, p.lab("İŞLEM ÜCRETİ"), p.fee, m)
    w.row(p.lab("AÇIKLAMA"), p.description, m)
    w.row(p.lab("İŞLEM TARİHİ"), p.date, m)
    maybe(w, p.lab("DEKONT NO"), p.reference, m)
    footer(w, p, rng)


def vakifbank_table(w: Writer, p: Printed, rng: random.Random) -> None:
    """VakıfBank internet branch: one table, reference first."""
    logo(w, p, rng, align="right")
    title(w, p, rng, ("{t} İŞLEM SONUCU", "İşlem Dekontu"))
    maybe(w, p.lab("İşlem No"), p.reference, "table")
    w.row(p.lab("İşlem Tarihi"), p.date, "table")
    w.row(p.lab("Gönderen"), p.payer, "table")
    maybe(w, p.lab("Gönderen Hesap"), p.payer_iban, "table")
    w.row(p.lab("Alıcı Ad Soyad/Unvan"), p.recipient, "table")
    w.row(p.lab("Alıcı IBAN"), p.recipient_iban, "table")
    w.row(p.lab("Tutar"), p.amount, "table")
    w.row(p.lab("Açıklama"), p.description, "table")
    footer(w, p, rng)


def isbank_classic(w: Writer, p: Printed, rng: random.Random) -> None:
    """İş Bankası: Gönderici İsim/Ünvan, Alıcı IBAN, Aktarılan Tutar, Dekont Tarihi."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} Dekontu", "Para Transferi Dekontu"))
    m = _mode(rng, "aligned", "colon", "table")
    w.row(p.lab("Dekont Tarihi"), p.date, m)
    maybe(w, p.lab("Dekont No"), p.reference, m)
    w.row(p.lab("Gönderici İsim/Ünvan"), p.payer, m)
    maybe(w, p.lab("VKN/TCKN"), p.payer_id, m)
    maybe(w, p.lab("Gönderici IBAN"), p.payer_iban, m)
    w.row(p.lab("Alıcı İsim/Ünvan"), p.recipient, m)
    w.row(p.lab("Alıcı IBAN"), p.recipient_iban, m)
    maybe(w, p.lab("Alıcı Banka"), p.recipient_bank, m)
    w.row(p.lab("Aktarılan Tutar"), p.amount, m)
    maybe(w, p.lab("İşlem Masrafı"), p.fee, m)
    w.row(p.lab("Açıklama"), p.description, m)
    footer(w, p, rng)


def mobile(w: Writer, p: Printed, rng: random.Random) -> None:
    """A narrow phone-app receipt: label above value or label left/value right."""
    logo(w, p, rng, align="center")
    title(w, p, rng, ("İşlem Başarılı", "{t} Gerçekleşti", "Dekont", "Para Gönderildi"))
    m = _mode(rng, "below", "right", "below")
    w.row(p.lab("Tutar"), p.amount, m)
    w.row(p.lab("Alıcı"), p.recipient, m)
    w.row(p.lab("Alıcı IBAN"), p.recipient_iban, m)
    w.row(p.lab("Gönderen"), p.payer, m)
    maybe(w, p.lab("Hesap"), p.payer_iban, m)
    maybe(w, p.lab("TCKN"), p.payer_id, m)
    w.row(p.lab("Açıklama"), p.description, m)
    w.row(p.lab("İşlem Tarihi"), p.date, m)
    maybe(w, p.lab("Referans"), p.reference, m)
    maybe(w, p.lab("İşlem Ücreti"), p.fee, m)
    footer(w, p, rng)


def garanti_sayin(w: Writer, p: Printed, rng: random.Random) -> None:
    """Garanti: SAYIN <name>, a sentence, ALACAKLI IBAN, DÜZENLENME TARİHİ."""
    logo(w, p, rng)
    w.newline()
    w.text(w.s.margin, p.lab("SAYIN") + " " + p.payer, bold=True)
    if p.payer_id:
        w.newline()
        w.text(w.s.margin, p.lab("TC KİMLİK NO") + ": " + p.payer_id)
    w.newline(1.5)
    w.paragraph(p.val(f"Hesabınızdan yapılan {p.transfer} işleminin bilgileri aşağıdadır."))
    w.newline(0.5)
    m = _mode(rng, "aligned", "colon")
    maybe(w, p.lab("GÖNDEREN IBAN"), p.payer_iban, m)
    w.row(p.lab("ALACAKLI ADI SOYADI/UNVANI"), p.recipient, m)
    w.row(p.lab("ALACAKLI IBAN"), p.recipient_iban, m)
    w.row(p.lab("TUTAR"), p.amount, m)
    maybe(w, p.lab("MASRAF"), p.fee, m)
    w.row(p.lab("AÇIKLAMA"), p.description, m)
    w.row(p.lab("DÜZENLENME TARİHİ"), p.date, m)
    maybe(w, p.lab("İŞLEM REFERANSI"), p.reference, m)
    footer(w, p, rng)


def akbank_twocol(w: Writer, p: Printed, rng: random.Random) -> None:
    """Akbank: two columns GÖNDERİCİ BİLGİLERİ | ALICI BİLGİLERİ, then the transaction."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} DEKONTU", "HAVALE/EFT/FAST DEKONTU"))
    left = [(p.lab("Ad Soyad"), p.payer)] + (
        [(p.lab("IBAN"), p.payer_iban)] if p.payer_iban else []
    )
    right = [(p.lab("Ad Soyad/Unvan"), p.recipient), (p.lab("IBAN"), p.recipient_iban)]
    titles = (p.lab("GÖNDERİCİ BİLGİLERİ"), p.lab("ALICI BİLGİLERİ"))
    w.columns(left, right, _mode(rng, "colon", "below"), titles=titles)
    w.rule()
    w.text(w.s.margin, p.lab("İŞLEM BİLGİLERİ"), bold=True)
    w.newline(1.3)
    m = _mode(rng, "aligned", "colon")
    w.row(p.lab("İşlem Tarihi"), p.date, m)
    w.row(p.lab("Tutar"), p.amount, m)
    maybe(w, p.lab("Masraf"), p.fee, m)
    w.row(p.lab("Açıklama"), p.description, m)
    maybe(w, p.lab("Referans No"), p.reference, m)
    footer(w, p, rng)


def yapikredi_classic(w: Writer, p: Printed, rng: random.Random) -> None:
    """Yapı Kredi: ALICI HESAP (the IBAN), ISLEM TUTARI : -…, ASCII upper-case."""
    logo(w, p, rng)
    title(w, p, rng, ("{t} DEKONTU", "MUSTERI DEKONTU - {t}"))
    m = _mode(rng, "aligned", "dots")
    w.row(p.lab("ISLEM TARIHI"), p.date, m)
    w.row(p.lab("GONDEREN"), p.payer, m)
    maybe(w, p.lab("GONDEREN HESAP"), p.payer_iban, m)
    w.row(p.lab("ALICI ADI"), p.recipient, m)
    w.row(p.lab("ALICI HESAP"), p.recipient_iban, m)
    w.row(p.lab("ISLEM TUTARI"), p.amount, m)
    maybe(w, p.lab("ISLEM MASRAFI"), p.fee, m)
    w.row(p.lab("ACIKLAMA"), p.description, m)
    maybe(w, p.lab("FIS NO"), p.reference, m)
    maybe(w, p.lab("BASIM TARIHI"), p.print_date, m)
    footer(w, p, rng)


VERSIONS = (
    Version("halkbank", "alt", synonym_rows, "a4"),
    Version("garanti", "notice", notice, "a4"),
    Version("akbank", "notice", notice, "a5"),
    Version("isbank", "wide", isbank_classic, "a5l"),
    Version("ziraat", "grid", grid, "a4"),
    Version("ziraat", "mobile", mobile, "mobile", upper=True),
    Version("vakifbank", "alt", synonym_rows, "a5"),
    Version("isbank", "grid", grid, "a4", desc_limit=70),
    Version("garanti", "mobile", mobile, "mobile"),
    Version("akbank", "alt", synonym_rows, "a4", ascii=True, upper=True),
    Version("yapikredi", "alt", synonym_rows, "a4", ascii=True),
    Version("halkbank", "classic", halkbank_classic, "a4", upper=True),
    Version("halkbank", "amir", halkbank_amir, "a4", desc_limit=60),
    Version("halkbank", "mobile", mobile, "mobile"),
    Version("ziraat", "classic", ziraat_classic, "a4"),
    Version("ziraat", "borclu", ziraat_borclu, "a5", ascii=True, upper=True, desc_limit=40),
    Version("vakifbank", "twocol", vakifbank_twocol, "a4", upper=True),
    Version("vakifbank", "table", vakifbank_table, "a4"),
    Version("isbank", "classic", isbank_classic, "a4"),
    Version("isbank", "mobile", mobile, "mobile", desc_limit=50),
    Version("garanti", "sayin", garanti_sayin, "a4", upper=True),
    Version("garanti", "ascii", garanti_sayin, "a5", ascii=True, upper=True, desc_limit=45),
    Version("akbank", "twocol", akbank_twocol, "a4"),
    Version("akbank", "mobile", mobile, "mobile"),
    Version("yapikredi", "classic", yapikredi_classic, "a4", ascii=True, upper=True),
    Version("yapikredi", "mobile", mobile, "mobile", ascii=True),
)
