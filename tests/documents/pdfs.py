"""Small receipt PDFs and images for document tests (reportlab, DejaVu for Turkish letters)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageFilter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
pdfmetrics.registerFont(TTFont("DejaVu", _FONT))

RECEIPT_LINES = (
    "T. HALK BANKASI A.Ş.",
    "HESAPTAN HESABA HAVALE DEKONTU",
    "GÖNDEREN : AYŞE YILMAZ",
    "ALICI : TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ",
    "ALICI IBAN : TR64 0001 2009 3040 0005 0000 16",
    "İŞLEM TUTARI (TL) : 1.080,00",
    "İŞLEM TARİHİ : 14.03.2024 10:22",
    "AÇIKLAMA : AYŞE YILMAZ 62601815964 NES ÜCRETİ",
    "SORGU NO : 4407123388",
)


def text_pdf(lines: tuple[str, ...] = RECEIPT_LINES, pages: int = 1, size: float = 11) -> bytes:
    """A text-layer PDF with the lines on every page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for _ in range(pages):
        pdf.setFont("DejaVu", size)
        for index, line in enumerate(lines):
            pdf.drawString(60, 780 - index * 22, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned_image(pdf_bytes: bytes, dpi: int = 200, angle: float = 1.5,
                  noise: float = 0.02, seed: int = 1) -> Image.Image:
    """Page 1 rendered to grayscale, slightly rotated, blurred and speckled like a scan."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    document.close()
    image = image.rotate(angle, expand=True, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    rng = random.Random(seed)
    pixels = image.load()
    for _ in range(int(image.width * image.height * noise)):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.choice((0, 255))
    return image


def image_bytes(image: Image.Image, fmt: str, dpi: int = 200) -> bytes:
    """Encode an image as PNG, JPEG or an image-only PDF."""
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, resolution=dpi) if fmt == "PDF" else image.save(
        buffer, format=fmt, dpi=(dpi, dpi))
    return buffer.getvalue()
