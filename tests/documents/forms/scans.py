"""Turn synthetic forms into scans and photos: rasterise, fill by "hand", skew, blur, noise."""

from __future__ import annotations

import io
import random

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.documents.forms.layouts import Drawn, Spec, value_text

HAND_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Oblique.ttf")


def render(pdf: bytes, dpi: int = 200) -> Image.Image:
    """The first page as a grayscale image (pypdfium2; AcroForm widgets drawn)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        document.init_forms()
        page = document[0]
        image = page.render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("L")
    finally:
        document.close()
    return image


def _char_image(char: str, font: ImageFont.FreeTypeFont, rng: random.Random,
                ink: int) -> Image.Image:
    box = font.getbbox(char)
    w, h = max(box[2], 1) + 8, font.size + 16
    glyph = Image.new("L", (w, h), 0)
    ImageDraw.Draw(glyph).text((4, 4), char, font=font, fill=255 - ink)
    return glyph.rotate(rng.uniform(-14, 14), resample=Image.BICUBIC, expand=True)


def handwrite(image: Image.Image, x: float, baseline: float, text: str, rng: random.Random,
              dpi: int = 200, messy: float = 1.0) -> None:
    """Write `text` at a point in PDF points with jittered, rotated, uneven letters."""
    scale = dpi / 72
    px, py = x * scale, baseline * scale
    path = rng.choice(HAND_FONTS)
    for char in text:
        size = int(rng.uniform(27, 36) * (1 + 0.15 * messy * rng.uniform(-1, 1)))
        font = ImageFont.truetype(path, size)
        glyph = _char_image(char, font, rng, rng.randint(10, 70))
        dy = rng.uniform(-4, 4) * messy
        image.paste(0, (int(px), int(py - size - 2 + dy)), glyph)
        px += font.getlength(char) * rng.uniform(0.85, 1.2) + rng.uniform(-1, 3) * messy


def _stroke(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], width: int) -> None:
    draw.line(points, fill=35, width=width, joint="curve")


def tick(image: Image.Image, box: tuple[float, float, float, float], rng: random.Random,
         dpi: int = 200, style: str = "x") -> None:
    """A hand-drawn X or check mark over a box (points), of random thickness and overshoot."""
    s = dpi / 72
    x0, top, x1, bottom = (v * s for v in box)
    over = rng.uniform(-0.1, 0.35) * (x1 - x0)
    width = rng.randint(2, 6)
    draw = ImageDraw.Draw(image)

    def jitter(x: float, y: float) -> tuple[float, float]:
        return x + rng.uniform(-2.5, 2.5), y + rng.uniform(-2.5, 2.5)

    if style == "x":
        _stroke(draw, [jitter(x0 - over, top - over), jitter((x0 + x1) / 2, (top + bottom) / 2),
                       jitter(x1 + over, bottom + over)], width)
        _stroke(draw, [jitter(x1 + over, top - over), jitter(x0 - over, bottom + over)], width)
    else:
        _stroke(draw, [jitter(x0 + 2, (top + bottom) / 2), jitter((x0 + x1) / 2 - 2, bottom - 1),
                       jitter(x1 + over, top - over)], width)


def fill_by_hand(image: Image.Image, spec: Spec, drawn: Drawn, rng: random.Random,
                 dpi: int = 200, messy: float = 1.0) -> None:
    """Write every value and tick the chosen boxes on a blank form's image."""
    for what, (x, baseline, _width) in drawn.slots.items():
        text = value_text(spec, what)
        if text:
            handwrite(image, x + rng.uniform(0, 12), baseline + rng.uniform(-1, 2), text, rng,
                      dpi, messy)
    person = spec.person
    chosen = {person.request, "card_reader" if person.card_reader else "",
              "kart_okuyucu_evet" if person.card_reader else "kart_okuyucu_hayir"}
    for key, box in drawn.boxes.items():
        if key in chosen:
            tick(image, box, rng, dpi, rng.choice(("x", "check")))


def degrade(image: Image.Image, rng: random.Random, skew: float = 1.5, blur: float = 0.7,
            noise: float = 10.0) -> Image.Image:
    """A scanner's or phone's copy: small rotation, blur, gray background and noise."""
    angle = rng.uniform(-skew, skew)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    array = np.asarray(image, dtype=np.float32)
    array = array * rng.uniform(0.82, 0.95) + rng.uniform(8, 25)
    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    array += np_rng.normal(0, noise, array.shape)
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))


def encode(image: Image.Image, fmt: str, dpi: int = 200) -> bytes:
    """PNG, JPEG (quality 70) or an image-only PDF of the picture."""
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, format="JPEG", quality=70, dpi=(dpi, dpi))
    elif fmt == "pdf":
        image.convert("RGB").save(buffer, format="PDF", resolution=dpi)
    else:
        image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
