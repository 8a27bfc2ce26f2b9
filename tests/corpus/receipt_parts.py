"""Shared pieces of receipt layouts: the printed values, bank names, logos and boilerplate."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader

from tests.corpus import fonts
from tests.corpus.people import ascii_fold, upper_tr
from tests.corpus.render import Writer

LEGAL_NAMES = {
    "halkbank": ("Türkiye Halk Bankası A.Ş.", "halkbank.com.tr", "HALKBANK"),
    "ziraat": ("T.C. Ziraat Bankası A.Ş.", "ziraatbank.com.tr", "ZİRAAT BANKASI"),
    "vakifbank": ("Türkiye Vakıflar Bankası T.A.O.", "vakifbank.com.tr", "VakıfBank"),
    "isbank": ("Türkiye İş Bankası A.Ş.", "isbank.com.tr", "İŞBANK"),
    "garanti": ("Türkiye Garanti Bankası A.Ş.", "garantibbva.com.tr", "Garanti BBVA"),
    "akbank": ("Akbank T.A.Ş.", "akbank.com", "Akbank"),
    "yapikredi": ("Yapı ve Kredi Bankası A.Ş.", "yapikredi.com.tr", "YapıKredi"),
}
RECIPIENT_BANK_NAMES = {
    "00012": "TÜRKİYE HALK BANKASI A.Ş.",
    "00010": "T.C. ZİRAAT BANKASI A.Ş.",
    "00015": "TÜRKİYE VAKIFLAR BANKASI T.A.O.",
}
TERMS = (
    "İşbu dekont, {legal} tarafından elektronik ortamda oluşturulmuş olup ıslak imza "
    "gerektirmez. Dekont üzerindeki bilgilerin doğruluğunu şubelerimizden veya {web} adresinden "
    "teyit edebilirsiniz. Para transferlerinde alıcı adı ile IBAN eşleşmesi kontrolü alıcı "
    "bankanın "
    "sorumluluğundadır. 6698 sayılı Kişisel Verilerin Korunması Kanunu kapsamındaki aydınlatma "
    "metnine {web} adresinden ulaşabilirsiniz. Mersis No: 0{mersis}. Ticaret Sicil No: {sicil}. "
    "Büyük Mükellefler Vergi Dairesi. Bu belge bilgi amaçlıdır; resmi dekont yerine geçmez ibaresi "
    "taşımadıkça geçerlidir."
)


ENGLISH = {
    "GÖNDEREN": "Sender",
    "GÖNDERİCİ": "Sender",
    "ALICI": "Beneficiary",
    "TUTAR": "Amount",
    "İŞLEM TUTARI": "Transaction Amount",
    "AÇIKLAMA": "Description",
    "İŞLEM TARİHİ": "Date",
    "ALICI IBAN": "Beneficiary IBAN",
    "GÖNDEREN IBAN": "Sender IBAN",
    "REFERANS NO": "Reference",
    "DEKONT NO": "Receipt No",
    "İŞLEM REFERANSI": "Reference",
    "MASRAF": "Fee",
    "ALICI AD SOYAD/UNVAN": "Beneficiary Name",
    "AD SOYAD": "Name",
    "AD SOYAD/UNVAN": "Name",
}


@dataclass
class Printed:
    """Values exactly as the bank prints them (labels are chosen by the layout)."""

    bank: str
    payer: str
    payer_iban: str | None
    recipient: str
    recipient_iban: str
    recipient_bank: str | None
    amount: str
    date: str
    description: str
    reference: str | None
    transfer: str
    fee: str | None
    print_date: str | None
    ascii: bool
    upper_labels: bool
    second_page: bool
    logo_image: bool  # the bank's name only as a picture, so not in the text layer
    branch: str
    payer_id: str | None = None  # the payer's TCKN, usually masked
    total: str | None = None  # amount + fee, taken from the account
    extras: list[tuple[str, str]] = field(default_factory=list)  # customer no, branch code ...
    in_words: str | None = None  # "YALNIZ İKİYÜZONSEKİZ TL OTUZ KR."
    bilingual: bool = False  # labels followed by their English ("Tutar / Amount")

    def lab(self, label: str) -> str:
        """A label in this bank version's case and alphabet (and English, if bilingual)."""
        english = ENGLISH.get(upper_tr(label)) if self.bilingual else None
        if self.upper_labels:
            label = upper_tr(label)
        if english:
            label = f"{label} / {english.upper() if self.upper_labels else english}"
        return ascii_fold(label) if self.ascii else label

    def val(self, value: str) -> str:
        """A fixed bank text in this version's alphabet."""
        return ascii_fold(value) if self.ascii else value


def logo(w: Writer, p: Printed, rng: random.Random, align: str = "left") -> None:
    """The bank's name as a heading, sometimes drawn as a coloured box with the name inside."""
    _, _, short = LEGAL_NAMES[p.bank]
    short = p.val(short)
    if p.logo_image:
        _picture_logo(w, short, rng, align)
    elif rng.random() < 0.35:
        size = w.s.size * 1.6
        x = w.s.margin if align == "left" else w.s.width - w.s.margin - 150
        w.c.setFillColorRGB(rng.uniform(0, 0.6), rng.uniform(0, 0.5), rng.uniform(0.2, 0.8))
        w.c.rect(x, w.y - 6, 150, size + 12, stroke=0, fill=1)
        w.c.setFillColorRGB(1, 1, 1)
        w.c.setFont(w.bold, size)
        w.c.drawString(x + 8, w.y, short)
        w.c.setFillColorRGB(0, 0, 0)
        w.y -= size * 2
    else:
        w.header(short, size=w.s.size * 1.8, align=align)


def _picture_logo(w: Writer, name: str, rng: random.Random, align: str) -> None:
    """The bank's name rendered into a bitmap and placed as an image."""
    font = ImageFont.truetype(fonts.pil_path("DejaVuSans", bold=True), 64)
    width = int(font.getlength(name)) + 40
    img = Image.new("RGB", (width, 100), tuple(rng.randint(0, 120) for _ in range(3)))
    ImageDraw.Draw(img).text((20, 12), name, fill=(255, 255, 255), font=font)
    height = w.s.size * 2.6
    draw_w = height * width / 100
    x = w.s.margin if align == "left" else (w.s.width - draw_w) / (2 if align == "center" else 1)
    x = min(x, w.s.width - w.s.margin - draw_w) if align == "right" else x
    w.c.drawImage(ImageReader(img), x, w.y - height * 0.3, draw_w, height)
    w.y -= height * 1.3


def title(w: Writer, p: Printed, rng: random.Random, options: tuple[str, ...]) -> None:
    """The document title line."""
    text = rng.choice(options).format(t=p.transfer)
    w.header(p.val(text), size=w.s.size * 1.25, align=rng.choice(("left", "center")))


def footer(w: Writer, p: Printed, rng: random.Random) -> None:
    """Bank boilerplate at the end, and sometimes a second page of terms."""
    legal, web, _ = LEGAL_NAMES[p.bank]
    mode = rng.choice(("aligned", "colon"))
    maybe(w, p.lab(rng.choice(("Toplam Tutar", "Hesaptan Çekilen Tutar", "TOPLAM"))), p.total, mode)
    for label, value in p.extras:
        w.row(p.lab(label), value, mode)  # type: ignore[arg-type]
    if p.in_words:
        w.newline(0.3)
        w.paragraph(p.val(p.in_words), size=w.s.size * 0.9)
    w.newline(0.8)
    small = w.s.size * 0.75
    if p.logo_image or rng.random() < 0.7:
        w.paragraph(p.val(f"{legal} · {p.branch} · www.{web}"), size=small)
    if p.second_page:
        w.c.showPage()
        w.y = w.s.height - w.s.margin
        w.header(
            p.val(rng.choice(("Genel Hükümler", "BİLGİLENDİRME", "Açıklamalar"))),
            size=w.s.size * 1.2,
        )
        text = TERMS.format(
            legal=legal,
            web=web,
            mersis=rng.randint(10**14, 10**15 - 1),
            sicil=rng.randint(10**4, 10**6),
        )
        for _ in range(rng.randint(2, 5)):
            w.paragraph(p.val(text), size=small)
            w.newline(0.5)


def maybe(w: Writer, label: str, value: str | None, mode: str) -> None:
    """A row, only when the value is printed."""
    if value is not None:
        w.row(label, value, mode)  # type: ignore[arg-type]
