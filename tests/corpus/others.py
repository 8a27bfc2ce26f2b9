"""Documents that are neither receipts nor forms: letters, printouts, invoices, blanks."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests.corpus import Sample, degrade, fonts, formats, sample_rng
from tests.corpus.people import DIRECTORATES, Person, make_iban, make_person, upper_tr
from tests.corpus.render import Style, Writer

Draw = Callable[[Writer, random.Random, Person], None]


def petition(w: Writer, rng: random.Random, p: Person) -> None:
    """A signed petition to the directorate about an e-imza matter (mentions TCKN and NES)."""
    w.header(
        upper_tr(rng.choice(DIRECTORATES).name).replace("MÜDÜRLÜĞÜ", "MÜDÜRLÜĞÜNE"), align="center"
    )
    w.newline(2)
    w.paragraph(
        rng.choice(
            (
                f"{p.institution} bünyesinde {p.title} olarak görev yapmaktayım. "
                "E-imza (NES) kartımın süresi dolmak üzeredir. Süre uzatımı için gerekli "
                "işlemlerin yapılmasını arz ederim.",
                "Elektronik imza başvurum ile ilgili olarak ücretin hangi hesaba yatırılacağı ve "
                "dekontun nereye gönderileceği hakkında bilgi verilmesini rica ederim.",
                "Nitelikli elektronik sertifika başvurumun KamuSM tarafından onaylanmadığını "
                "görüyorum. Başvurumun kurum yetkilisi tarafından onaylanması hususunda "
                "gereğini arz ederim.",
            )
        )
    )
    w.newline(2)
    day = formats.pick_when(rng)
    for label, value in (
        ("Tarih", formats.format_date(rng, day, "dot")),
        ("Adı Soyadı", p.full_name),
        ("T.C. Kimlik No", p.tckn),
        ("Telefon", p.phone),
        ("İmza", ""),
    ):
        w.row(label, value, "aligned", x=w.s.width / 2)


def kamusm_printout(w: Writer, rng: random.Random, p: Person) -> None:
    """A printed, signed KamuSM application summary."""
    w.header("KAMU SERTİFİKASYON MERKEZİ", align="center")
    w.header("Nitelikli Elektronik Sertifika Başvuru Özeti", size=w.s.size * 1.2, align="center")
    mode = rng.choice(("aligned", "table"))
    for label, value in (
        ("Başvuru No", str(rng.randint(10**7, 10**8))),
        ("Adı Soyadı", p.full_name),
        ("T.C. Kimlik No", p.tckn),
        ("Kurum", p.institution),
        ("Sertifika Süresi", "3 Yıl"),
        ("E-posta", p.email),
        ("Başvuru Tarihi", formats.format_date(rng, formats.pick_when(rng), "dot")),
    ):
        w.row(label, value, mode)
    w.newline()
    w.paragraph(
        "Yukarıdaki bilgilerin doğruluğunu kabul ve taahhüt ederim.   İmza: .................."
    )


def invoice(w: Writer, rng: random.Random, p: Person) -> None:
    """A non-bank e-Arşiv invoice with an amount, a date and the seller's IBAN."""
    seller = rng.choice(
        (
            "ÖZ KIRTASİYE LTD. ŞTİ.",
            "TRAKYA ELEKTRİK PERAKENDE SATIŞ A.Ş.",
            "BİLGİSAYAR DÜNYASI TİC. A.Ş.",
            "ÇORLU SU VE KANALİZASYON İDARESİ",
        )
    )
    w.header(seller)
    w.header("e-Arşiv Fatura", size=w.s.size * 1.3, align="right")
    amount = formats.pick_amount(rng, formats.pick_when(rng).date())
    for label, value in (
        ("Fatura No", f"GIB{rng.randint(2021, 2026)}{rng.randint(10**8, 10**9)}"),
        ("Fatura Tarihi", formats.format_date(rng, formats.pick_when(rng), "dot")),
        ("Sayın", p.full_name),
        ("VKN/TCKN", p.tckn),
        ("Mal/Hizmet", rng.choice(("USB kart okuyucu", "Elektrik tüketimi", "Toner"))),
        ("KDV (%20)", formats.tr_number(amount / 6)),
        ("Ödenecek Tutar", formats.format_amount(rng, amount, "TL")),
        ("Banka IBAN", formats.format_iban(rng, make_iban(rng, "garanti"), True)),
    ):
        w.row(label, value, "table")


def statement(w: Writer, rng: random.Random, p: Person) -> None:
    """A bank account statement (hesap özeti): many transactions, not one payment receipt."""
    bank = rng.choice(("HALKBANK", "ZİRAAT BANKASI", "AKBANK", "GARANTİ BBVA"))
    w.header(bank)
    w.header("HESAP ÖZETİ / HESAP HAREKETLERİ", size=w.s.size * 1.2)
    w.row("Müşteri", upper_tr(p.full_name), "colon")
    w.row("IBAN", formats.format_iban(rng, make_iban(rng, "halkbank"), True), "colon")
    w.rule()
    for _ in range(rng.randint(6, 14)):
        when = formats.pick_when(rng)
        amount = formats.pick_amount(rng, when.date())
        what = rng.choice(
            (
                "MARKET ALIŞVERİŞİ",
                "MAAŞ ÖDEMESİ",
                "FAST GELEN",
                "KREDİ KARTI ÖDEME",
                "ELEKTRİK FATURASI",
                "EFT GİDEN NES ÜCRETİ",
            )
        )
        w.text(w.s.margin, when.strftime("%d.%m.%Y"))
        w.text(w.s.margin + 80, what)
        w.text(w.s.width - w.s.margin, formats.format_amount(rng, amount, "BARE"), align="right")
        w.newline()


def instructions(w: Writer, rng: random.Random, p: Person) -> None:
    """The directorate's payment instructions page: IBAN and required description, no payment."""
    payee = rng.choice(DIRECTORATES)
    w.header("E-İMZA BAŞVURU ÜCRETİ ÖDEME BİLGİLERİ")
    w.paragraph(
        "Aile hekimlerimizin ilk başvuru ve süre uzatımı ücretlerini aşağıdaki hesaba "
        "yatırmaları ve dekontu birimimize e-posta ile göndermeleri gerekmektedir."
    )
    w.newline()
    for label, value in (
        ("Alıcı", payee.name),
        ("IBAN", formats.format_iban(rng, payee.iban, True)),
        ("Açıklama", "AD-SOYAD-TC / NES 3 YILLIK BAŞVURUSU"),
        ("İlk başvuru", "780,00 + 300,00 = 1.080,00 TL"),
        ("Süre uzatımı", "780,00 TL"),
    ):
        w.row(label, value, "aligned")


def mail_printout(w: Writer, rng: random.Random, p: Person) -> None:
    """A printed e-mail about a receipt (the receipt itself is not in it)."""
    when = formats.pick_when(rng)
    for label, value in (
        ("Kimden", f"{p.full_name} <{p.email}>"),
        ("Kime", rng.choice(("tekirdag.sbs@saglik.gov.tr", "eimza.elazig@saglik.gov.tr"))),
        ("Tarih", formats.format_date(rng, when, "long_time")),
        ("Konu", rng.choice(("E-imza başvurusu hk.", "Dekont", "NES yenileme"))),
    ):
        w.row(label, value, "colon")
    w.rule()
    w.paragraph(
        "Merhaba, e-imza başvurum için ücreti yatırdım, dekontu ekte gönderiyorum. "
        f"T.C. Kimlik No: {p.tckn}. Başvurumun onaylanmasını rica ederim. İyi çalışmalar, "
        f"{p.full_name} - {p.title}"
    )


def blank(w: Writer, rng: random.Random, p: Person) -> None:
    """An empty page (a scanner's blank sheet)."""


DRAWERS: dict[str, Draw] = {
    "petition": petition,
    "kamusm": kamusm_printout,
    "invoice": invoice,
    "statement": statement,
    "instructions": instructions,
    "blank": blank,
    "mail": mail_printout,
}


def make_one(outdir: Path, rng: random.Random, index: int) -> Sample:
    """One document that is neither a receipt nor a form."""
    name = rng.choice(sorted(DRAWERS))
    buffer = io.BytesIO()
    style = Style(*A4, family=rng.choice(fonts.families()), size=rng.uniform(9, 11), margin=60)
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    DRAWERS[name](Writer(canvas, style), rng, make_person(rng))
    canvas.showPage()
    canvas.save()
    medium = rng.choice(("pdf", "pdf", "scan", "photo"))
    path = degrade.write_medium(
        rng, buffer.getvalue(), medium, outdir / f"other-{index:04d}-{name}"
    )
    scanned = medium != "pdf" or name == "blank"
    return Sample(path, "other", f"other-{name}-{medium}", {"kind": "other", "scanned": scanned})


def generate(outdir: Path, n: int, seed: int) -> list[Sample]:
    """`n` other documents under `outdir`, deterministic for `seed`."""
    outdir.mkdir(parents=True, exist_ok=True)
    return [make_one(outdir, sample_rng(seed, i, "other"), i) for i in range(n)]
