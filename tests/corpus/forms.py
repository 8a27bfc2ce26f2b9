"""E-imza kayıp/çalıntı/arıza forms: fillable, typed, scanned or photographed, typed or by hand."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from tests.corpus import Sample, degrade, fonts, sample_rng
from tests.corpus.form_designs import H, W
from tests.corpus.form_designs_more import DESIGNS, Pen, Slots
from tests.corpus.form_facts import FormFacts, make_facts
from tests.corpus.form_fill import add_fields, fill_fields, hand_values, type_values
from tests.corpus.people import upper_tr

# family -> weight; "hand" families are scanned or photographed handwritten forms
FAMILIES = {
    "fillable-semantic": 2,
    "fillable-metin": 2,
    "flat-typed": 2,
    "scan-typed": 2,
    "scan-hand": 4,
    "photo-hand": 2,
    "photo-typed": 1,
}
ILLEGIBLE_CANDIDATES = ("full_name", "tckn", "title", "institution", "email", "phone")


def _blank(rng: random.Random, design: str) -> tuple[Canvas, io.BytesIO, Slots]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(W, H), invariant=1)
    canvas.setTitle(rng.choice(("E-imza Kayıp Çalıntı Arıza Başvuru Formu", "form", "")))
    pen = Pen(canvas, rng.choice(fonts.families()), rng.uniform(9.5, 11))
    return canvas, buffer, DESIGNS[design](pen, rng)


def _pdf(rng: random.Random, design: str, facts: FormFacts, family: str) -> tuple[bytes, Slots]:
    canvas, buffer, slots = _blank(rng, design)
    names = None
    if family.startswith("fillable"):
        names = add_fields(canvas, rng, slots, family == "fillable-semantic", facts.ticked)
    elif not family.endswith("hand"):
        type_values(canvas, rng, slots, facts)
    desk = rng.choice(DESK_ADDRESSES)
    if rng.random() < 0.3:
        pen = Pen(canvas, "DejaVuSans", 7.5)
        pen.text(60, 36, f"Doldurulan formu taratarak {desk} adresine e-posta ile gönderiniz.")
    canvas.showPage()
    if rng.random() < 0.15:
        _instructions(canvas, desk)
        canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    if names is not None:
        pdf = fill_fields(pdf, rng, names, facts)
    return pdf, slots


DESK_ADDRESSES = (
    "tekirdag.sbs@saglik.gov.tr",
    "sinopism.eimza@saglik.gov.tr",
    "hatay.bilgiislem@saglik.gov.tr",
    "eimza.elazig@saglik.gov.tr",
)
INSTRUCTIONS = (
    "1. Form bilgisayarda veya okunaklı el yazısıyla, eksiksiz doldurulmalıdır.",
    "2. Kayıp ve çalıntı durumlarında eski sertifika iptal edilir; arıza durumunda kart "
    "kurumumuza teslim edilir.",
    "3. Kart okuyucu talep edenler ilgili kutuyu işaretlemelidir.",
    "4. T.C. Kimlik No ve e-posta adresi yazılmayan formlar işleme alınmaz.",
    "5. Başvuru onaylandıktan sonra başvuru bağlantısı ve parola formdaki e-posta adresine "
    "gönderilir.",
)


def _instructions(canvas: Canvas, desk: str) -> None:
    """A second page: how to fill in the form (full of the form's own words)."""
    pen = Pen(canvas, "DejaVuSans", 10)
    pen.text(60, H - 80, "FORMUN DOLDURULMASINA İLİŞKİN AÇIKLAMALAR", bold=True)
    y = H - 120
    for line in (*INSTRUCTIONS, f"6. Sorularınız için: {desk} / Tel: 0282 000 00 00"):
        y = pen.paragraph(60, y, W - 120, line, 10) - 8


def _hand_page(
    rng: random.Random, pdf: bytes, slots: Slots, facts: FormFacts, dpi: int
) -> Image.Image:
    page = degrade.rasterize(pdf, dpi, first_only=True)[0]
    hand_values(page, rng, slots, facts, dpi / 72)
    return page


def _write(
    rng: random.Random, family: str, pdf: bytes, slots: Slots, facts: FormFacts, stem: Path
) -> Path:
    if family.endswith("hand"):
        dpi = rng.choice((150, 200, 200, 300))
        page = _hand_page(rng, pdf, slots, facts, dpi)
        if family.startswith("photo"):
            return degrade.save_images(
                rng, [degrade.photo(rng, page)], stem, dpi, ("jpg", "jpg", "pdf"), exif_turn=True
            )
        return degrade.save_images(
            rng, [degrade.scan(rng, page, dpi)], stem, dpi, ("pdf", "pdf", "jpg", "png")
        )
    medium = {"scan-typed": "scan", "photo-typed": "photo"}.get(family, "pdf")
    return degrade.write_medium(rng, pdf, medium, stem)


def make_one(outdir: Path, rng: random.Random, index: int) -> Sample:
    """One form sample."""
    family = rng.choices(list(FAMILIES), list(FAMILIES.values()))[0]
    design = rng.choice(sorted(DESIGNS))
    hand = family.endswith("hand")
    capitals = hand and rng.random() < 0.3  # some people write everything in capitals
    facts = make_facts(rng, upper_names=capitals or (hand and rng.random() < 0.4))
    if capitals:
        for key in ("title", "institution"):
            if facts.written[key]:
                facts.written[key] = facts.truth[key] = upper_tr(facts.written[key])
    if hand and rng.random() < 0.35:
        written = [k for k in ILLEGIBLE_CANDIDATES if facts.written.get(k)]
        facts.illegible = rng.sample(written, k=min(len(written), rng.choice((1, 1, 2))))
    pdf, slots = _pdf(rng, design, facts, family)
    path = _write(rng, family, pdf, slots, facts, outdir / f"form-{index:04d}-{design}")
    truth = dict(facts.truth, scanned=not family.startswith(("fillable", "flat")))
    if facts.illegible:
        truth["illegible"] = sorted(facts.illegible)
    return Sample(path, "form", f"form-{family}-{design}", truth)


def generate(outdir: Path, n: int, seed: int) -> list[Sample]:
    """`n` forms under `outdir`, deterministic for `seed`."""
    outdir.mkdir(parents=True, exist_ok=True)
    return [make_one(outdir, sample_rng(seed, i, "form"), i) for i in range(n)]
