"""Lay out a whole synthetic form (title, fields, request boxes, card reader, date) as a PDF."""

from __future__ import annotations

import io

import pypdf
from pypdf.generic import NameObject

from tests.documents.forms.layouts import (
    DEFAULT_LABELS,
    DEFAULT_OPTIONS,
    PAGE_H,
    PAGE_W,
    Drawn,
    Painter,
    Spec,
    value_text,
)

PREAMBLE = (
    "Kurumumuzda kullanılan nitelikli elektronik sertifikamın (e-imza) aşağıda belirttiğim",
    "nedenle yeniden düzenlenmesini ve başvuru bilgilerinin e-posta adresime gönderilmesini",
    "arz ederim.",
)
ROWS = ("full_name", "tckn", "title", "institution", "email", "phone")
PAIRS = (("full_name", "tckn"), ("title", "phone"), ("email", None), ("institution", None))


class FormDrawer:
    """Draws one Spec; `fields` counts AcroForm widgets for Word-style names."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.p = Painter(spec)
        self.text_fields = 0
        self.boxes = 0
        self.acro_values: dict[str, str] = {}

    def label(self, what: str) -> str:
        return self.spec.labels.get(what, DEFAULT_LABELS[what])

    def value(self, what: str, x: float, baseline: float, width: float) -> None:
        """Write (typed), add a widget (fillable) or leave room (blank) for a value."""
        self.p.drawn.slots[what] = (x, baseline, width)
        text = value_text(self.spec, what)
        if self.spec.fill == "typed" and text:
            self.p.text(x, baseline, text)
        elif self.spec.fill == "fillable":
            self.text_fields += 1
            name = what if self.spec.acro_names == "semantic" else f"Metin{self.text_fields}"
            name = {"full_name": "ad_soyad", "institution": "kurum"}.get(name, name)
            self.acro_values[name] = text
            self.p.canvas.acroForm.textfield(
                name=name, value="", x=x - 2, y=PAGE_H - baseline - 4, width=width,
                height=16, borderWidth=0, fontName="Helvetica", fontSize=10, forceBorder=False)

    def checkbox(self, key: str, x: float, baseline: float, ticked: bool) -> float:
        if self.spec.fill != "fillable":
            return self.p.box(key, x, baseline, ticked)
        self.boxes += 1
        name = key if self.spec.acro_names == "semantic" else f"Onay Kutusu{self.boxes}"
        self.p.canvas.acroForm.checkbox(name=name, x=x, y=PAGE_H - baseline - 1, size=10,
                                        checked=ticked, buttonStyle="cross", borderWidth=0.8)
        self.p.drawn.boxes[key] = (x, baseline - 9, x + 10, baseline + 1)
        return 10.0

    def header(self) -> float:
        y = 70.0
        for line in self.spec.title_lines:
            width = self.p.text(0, -100, line, 13, "SansBold")
            self.p.text((PAGE_W - width) / 2, y, line, 13, "SansBold")
            y += 20
        y += 14
        for line in PREAMBLE:
            self.p.text(60, y, line, 9.5)
            y += 14
        return y + 20

    def rows(self, y: float) -> float:
        layout = self.spec.layout
        if layout == "two_column":
            return self.two_columns(y)
        for what in ROWS:
            if layout == "below":
                self.p.text(60, y, self.label(what), font="SansBold" if what == "tckn" else None)
                self.value(what, 60, y + 17, 320)
                self.p.line(58, y + 20, 400)
                y += 44
            else:
                label = self.label(what)
                if layout == "table":
                    self.p.rect(55, y - 16, 200, y + 10)
                    self.p.rect(200, y - 16, 540, y + 10)
                    self.p.text(60, y, label)
                else:
                    self.p.text(60, y, label)
                    self.p.text(195, y, ":")
                self.value(what, 206, y, 300)
                y += 26
        return y + 10

    def two_columns(self, y: float) -> float:
        for left, right in PAIRS:
            self.p.text(50, y, self.label(left) + ":")
            self.value(left, 150 if right else 160, y, 145 if right else 360)
            if right:
                self.p.text(305, y, self.label(right) + ":")
                self.value(right, 400, y, 150)
            y += 26
        return y + 10

    def request(self, y: float) -> float:
        self.p.text(60, y, self.label("request") + ":")
        x = 170.0
        for key in ("lost", "stolen", "fault"):
            text = self.spec.options.get(key, DEFAULT_OPTIONS[key])
            ticked = self.spec.person.request == key
            if self.spec.box_side == "left":
                x += self.checkbox(key, x, y, ticked) + 5
                x += self.p.text(x, y, text) + 28
            else:
                x += self.p.text(x, y, text) + 5
                x += self.checkbox(key, x, y, ticked) + 28
        return y + 30

    def card(self, y: float) -> float:
        wanted = self.spec.person.card_reader
        if self.spec.card_style == "single":
            x = 60 + self.p.text(60, y, self.label("card")) + 8
            self.checkbox("card_reader", x, y, wanted)
        else:
            label = self.spec.labels.get("card", "Kart Okuyucu")
            x = 60 + self.p.text(60, y, label + ":") + 14
            x += self.checkbox("kart_okuyucu_evet", x, y, wanted) + 5
            x += self.p.text(x, y, "Evet") + 24
            x += self.checkbox("kart_okuyucu_hayir", x, y, not wanted) + 5
            self.p.text(x, y, "Hayır")
        return y + 34

    def footer(self, y: float) -> None:
        x = 60 + self.p.text(60, y, self.label("date") + ":") + 8
        self.value("date", x, y, 120)
        self.p.text(360, y, self.label("signature") + ":")
        self.p.line(400, y + 2, 530)


def draw_form(spec: Spec) -> tuple[bytes, Drawn]:
    """The PDF bytes of one form and where its values and boxes are."""
    drawer = FormDrawer(spec)
    y = drawer.rows(drawer.header())
    y = drawer.card(drawer.request(y))
    drawer.footer(y + 10)
    data = drawer.p.finish()
    if spec.fill == "fillable":
        data = fill_acroform(data, drawer.acro_values, spec.on_value)
    return data, drawer.p.drawn


def _rename_on_state(writer: pypdf.PdfWriter, on_value: str) -> None:
    """Rename every checkbox's on-state /Yes to `on_value` (appearances, /AS and /V)."""
    on, yes = NameObject("/" + on_value), NameObject("/Yes")
    for page in writer.pages:
        for ref in page.get("/Annots") or ():
            annot = ref.get_object()
            for kind in ("/N", "/D"):
                states = annot.get("/AP", {}).get(kind)
                if states is not None and yes in states.get_object():
                    states = states.get_object()
                    states[on] = states.pop(yes)
            for key in ("/AS", "/V"):
                if annot.get(key) == yes:
                    annot[NameObject(key)] = on


def fill_acroform(data: bytes, values: dict[str, str], on_value: str) -> bytes:
    """Set text field values with pypdf (Unicode-safe) and rename the checkbox on-state."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    if on_value != "Yes":
        _rename_on_state(writer, on_value)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
