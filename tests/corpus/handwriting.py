"""Hand-filled look: jittered script-font letters, pen ticks in boxes, signatures (PIL)."""

from __future__ import annotations

import functools
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.corpus import fonts

_BASE = {
    "ş": "s",
    "Ş": "S",
    "ç": "c",
    "Ç": "C",
    "ğ": "g",
    "Ğ": "G",
    "İ": "I",
    "ö": "o",
    "Ö": "O",
    "ü": "u",
    "Ü": "U",
}
INKS = ((25, 35, 140), (20, 20, 30), (30, 60, 170), (60, 30, 110))


@functools.cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@functools.cache
def _has_glyph(path: str, ch: str) -> bool:
    font = _font(path, 40)
    return _mask_bytes(font, ch) != _mask_bytes(font, "\uffff")


def _mask_bytes(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    img = Image.new("L", (80, 80), 0)
    ImageDraw.Draw(img).text((10, 10), ch, fill=255, font=font)
    return img.tobytes()


def _glyph(font: ImageFont.FreeTypeFont, ch: str, stroke: int) -> Image.Image:
    left, _, right, bottom = font.getbbox(ch, stroke_width=stroke)
    img = Image.new("L", (max(right - left, 1) + 4, max(bottom, 1) + 8), 0)
    ImageDraw.Draw(img).text(
        (2 - left, 2), ch, fill=255, font=font, stroke_width=stroke, stroke_fill=255
    )
    return img


class Hand:
    """One writer: a font, an ink, a slant and a level of mess."""

    def __init__(self, rng: random.Random, size_px: int, mess: float = 0.2) -> None:
        self.rng = rng
        self.path = rng.choice(fonts.hand_fonts() or (fonts.pil_path("DejaVuSans"),))
        self.fallback = fonts.pil_path("DejaVuSans")
        self.size = size_px
        self.mess = mess
        self.ink = rng.choice(INKS)
        self.stroke = rng.choice((0, 0, 1)) if size_px > 24 else 0
        self.slant = rng.uniform(-6, 4)
        self.slope = rng.uniform(-0.035, 0.035)  # lines that climb or sink

    @property
    def capitals_only(self) -> bool:
        """The font draws small letters as capitals (Humor Sans): what it writes reads as
        capitals, whatever case the writer meant."""
        return self.path.endswith(fonts.CAPITALS_ONLY)

    def _char_image(self, ch: str, size: int) -> tuple[Image.Image, str | None]:
        if _has_glyph(self.path, ch):
            return _glyph(_font(self.path, size), ch, self.stroke), None
        base = _BASE.get(ch)
        if base and _has_glyph(self.path, base):
            return _glyph(_font(self.path, size), base, self.stroke), ch
        return _glyph(_font(self.fallback, int(size * 0.85)), ch, self.stroke), None

    def _mark(self, draw: ImageDraw.ImageDraw, ch: str, box: tuple[int, int, int, int]) -> None:
        """Draw the diacritic a script font lacks (cedilla, breve, dot)."""
        x0, y0, x1, y1 = box
        cx, width = (x0 + x1) / 2, max(2, self.size // 14)
        if ch in "şŞçÇ":
            draw.arc((cx - 4, y1 - 2, cx + 4, y1 + 8), 270, 120, fill=self.ink, width=width)
        elif ch in "ğĞ":
            top = y0 - 2 if ch == "Ğ" else y0 + self.size * 0.25
            draw.arc((cx - 6, top - 8, cx + 6, top + 2), 20, 160, fill=self.ink, width=width)
        elif ch == "İ":
            draw.ellipse((cx - width, y0 - 8, cx + width, y0 - 8 + 2 * width), fill=self.ink)

    def write(
        self, page: Image.Image, x: float, baseline: float, text: str, max_width: float
    ) -> None:
        """Write `text` with its baseline at (x, baseline) in pixels, squeezed into max_width."""
        draw = ImageDraw.Draw(page)
        rng, size = self.rng, self.size
        scale = 1.0
        for _ in range(3):
            if self._advance(text, size) <= max_width:
                break
            scale *= 0.85
            size = max(int(self.size * scale), 10)
        pen_x = x
        for ch in text:
            if ch == " ":
                pen_x += size * rng.uniform(0.3, 0.5)
                continue
            glyph, mark = self._char_image(ch, int(size * rng.uniform(0.92, 1.08)))
            angle = self.slant + rng.uniform(-4, 4) * (1 + 3 * self.mess)
            glyph = glyph.rotate(angle, resample=Image.BICUBIC, expand=True)
            dy = rng.gauss(0, size * 0.04 * (1 + 4 * self.mess))
            dy += (pen_x - x) * self.slope
            top = int(baseline - size * 0.8 + dy)
            page.paste(self.ink, (int(pen_x), top), glyph)
            if mark:
                self._mark(
                    draw,
                    mark,
                    (
                        int(pen_x),
                        top + int(size * 0.2),
                        int(pen_x) + glyph.width,
                        top + int(size * 0.95),
                    ),
                )
            pen_x += glyph.width * rng.uniform(0.78, 0.95) * (1 - 0.35 * self.mess)
        if self.mess > 0.6:
            self.scribble(draw, x, baseline, pen_x)

    def _advance(self, text: str, size: int) -> float:
        font = _font(self.path, size)
        return font.getlength(text) * 0.95

    def scribble(self, draw: ImageDraw.ImageDraw, x0: float, baseline: float, x1: float) -> None:
        """Cross-outs and over-writing that make a value illegible."""
        rng = self.rng
        for _ in range(rng.randint(2, 4)):
            points = [
                (x0 + (x1 - x0) * t / 8, baseline - self.size * rng.uniform(0.1, 0.9))
                for t in range(9)
            ]
            draw.line(points, fill=self.ink, width=max(2, self.size // 10))


def tick(
    page: Image.Image, rng: random.Random, box: tuple[float, float, float], ink: tuple
) -> None:
    """A hand mark in a box (x, y_top, size in pixels): X, check mark, or filled scribble."""
    x, y, s = box
    draw = ImageDraw.Draw(page)
    width = max(2, int(s * rng.uniform(0.08, 0.22)))
    j = lambda: rng.uniform(-0.12, 0.12) * s  # noqa: E731
    style = rng.choice(("x", "x", "check", "check", "fill"))
    if style == "x":
        draw.line((x + j(), y + j(), x + s + j(), y + s + j()), fill=ink, width=width)
        draw.line((x + s + j(), y + j(), x + j(), y + s + j()), fill=ink, width=width)
    elif style == "check":
        mid = (x + s * 0.4 + j(), y + s * 0.9 + j())
        draw.line(((x + s * 0.05 + j(), y + s * 0.5 + j()), mid), fill=ink, width=width)
        draw.line((mid, (x + s * 1.25 + j(), y - s * 0.35 + j())), fill=ink, width=width)
    else:
        for k in range(6):
            yy = y + s * (0.15 + 0.14 * k)
            draw.line(
                (x + s * 0.15, yy + j() * 0.3, x + s * 0.85, yy + j() * 0.3), fill=ink, width=width
            )


def stray_mark(
    page: Image.Image, rng: random.Random, box: tuple[float, float, float], ink: tuple
) -> None:
    """A small pen mark near (not in) a box: noise a reader must not take for a tick."""
    x, y, s = box
    draw = ImageDraw.Draw(page)
    ox = x + s * rng.choice((-1.6, 2.2))
    draw.line((ox, y + s * 0.3, ox + s * 0.4, y + s * 0.6), fill=ink, width=2)


def signature(
    page: Image.Image, rng: random.Random, x: float, y: float, width: float, ink: tuple
) -> None:
    """A signature: a few loops and a flourish."""
    draw = ImageDraw.Draw(page)
    height = width * 0.3
    points = []
    for i in range(60):
        t = i / 59
        points.append(
            (
                x + width * t + math.sin(t * rng.uniform(15, 30)) * width * 0.05,
                y + height * (0.5 + 0.45 * math.sin(t * rng.uniform(8, 16) + rng.random())),
            )
        )
    draw.line(points, fill=ink, width=rng.randint(2, 4), joint="curve")


def smudge(page: Image.Image, rng: random.Random, box: tuple[int, int, int, int]) -> None:
    """Smear a region (water, a thumb): blur it hard."""
    region = page.crop(box).filter(ImageFilter.GaussianBlur(rng.uniform(3, 6)))
    page.paste(region, box[:2])
