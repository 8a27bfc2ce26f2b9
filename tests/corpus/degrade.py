"""Turn a clean PDF into what arrives by mail: scans, phone photos and screenshots."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont, ImageOps
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.corpus import fonts


def rasterize(pdf: bytes, dpi: float, first_only: bool = False) -> list[Image.Image]:
    """Render PDF pages to RGB images."""
    document = pdfium.PdfDocument(pdf)
    try:
        count = 1 if first_only else len(document)
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(count)]
    finally:
        document.close()


def rotate(rng: random.Random, img: np.ndarray, max_deg: float) -> np.ndarray:
    """Rotate by a small random angle, filling with paper colour."""
    h, w = img.shape[:2]
    angle = rng.uniform(-max_deg, max_deg)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, matrix, (w, h), borderValue=(250, 250, 248))


def perspective(
    rng: random.Random, img: np.ndarray, amount: float, background: tuple
) -> np.ndarray:
    """Warp the page as a photo taken at a slant, on a background surface."""
    h, w = img.shape[:2]
    pad = int(max(h, w) * amount * 1.5)
    canvas = np.full((h + 2 * pad, w + 2 * pad, 3), background, np.uint8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = lambda: rng.uniform(-amount, amount) * min(h, w)  # noqa: E731
    dst = np.float32(
        [
            [pad + jitter(), pad + jitter()],
            [pad + w + jitter(), pad + jitter()],
            [pad + w + jitter(), pad + h + jitter()],
            [pad + jitter(), pad + h + jitter()],
        ]
    )
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(
        img,
        matrix,
        (canvas.shape[1], canvas.shape[0]),
        dst=canvas,
        borderMode=cv2.BORDER_TRANSPARENT,
    )


def lighting(rng: random.Random, img: np.ndarray, strength: float) -> np.ndarray:
    """Uneven light: a linear gradient and a soft shadow blob."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    grad = np.cos(angle) * xx / w + np.sin(angle) * yy / h
    grad = (grad - grad.min()) / max(float(np.ptp(grad)), 1e-6)
    cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.2, 0.6) * max(h, w)
    blob = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)))
    factor = 1 - strength * (0.6 * grad + 0.5 * blob * rng.uniform(0, 1))
    return np.clip(img.astype(np.float32) * factor[..., None], 0, 255).astype(np.uint8)


def noise(rng: random.Random, img: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian sensor noise."""
    gen = np.random.default_rng(rng.randint(0, 2**31))
    return np.clip(img + gen.normal(0, sigma, img.shape), 0, 255).astype(np.uint8)


def contrast(img: np.ndarray, low: float, high: float) -> np.ndarray:
    """Squeeze the intensity range (faded toner, grey paper)."""
    return (low + img.astype(np.float32) * (high - low) / 255).astype(np.uint8)


def blur(rng: random.Random, img: np.ndarray, max_sigma: float) -> np.ndarray:
    """Gaussian (defocus) blur."""
    sigma = rng.uniform(0.3, max_sigma)
    return cv2.GaussianBlur(img, (0, 0), sigma)


def jpeg(rng: random.Random, img: Image.Image, low: int, high: int) -> Image.Image:
    """Round-trip through JPEG at a random quality."""
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=rng.randint(low, high))
    return Image.open(io.BytesIO(buffer.getvalue())).convert(img.mode)


def scan(rng: random.Random, page: Image.Image, dpi: float) -> Image.Image:
    """A flatbed scan: slight skew, faded contrast, noise, blur, often grey-scale."""
    img = np.asarray(page)
    img = rotate(rng, img, 3.0)
    if rng.random() < 0.5:
        img = contrast(img, rng.uniform(20, 70), rng.uniform(200, 250))
    img = blur(rng, img, 1.1 * dpi / 200)
    img = noise(rng, img, rng.uniform(2, 14))
    if rng.random() < 0.3:
        img = lighting(rng, img, rng.uniform(0.1, 0.3))
    out = Image.fromarray(img)
    if rng.random() < 0.12:  # a fax-like black-and-white scan
        threshold = rng.randint(110, 170)
        return out.convert("L").point(lambda v: 255 if v > threshold else 0).convert("1")
    if rng.random() < 0.6:
        out = out.convert("L")
    return jpeg(rng, out, 35, 90)


def crop_to_ink(rng: random.Random, page: Image.Image) -> Image.Image:
    """The part of the page with ink on it and a random margin (how people frame a photo)."""
    gray = np.asarray(page.convert("L"))
    ys, xs = np.nonzero(gray < 200)
    if len(xs) == 0:
        return page
    pad = int(page.width * rng.uniform(0.02, 0.08))
    box = (
        max(int(xs.min()) - pad, 0),
        max(int(ys.min()) - pad, 0),
        min(int(xs.max()) + pad, page.width),
        min(int(ys.max()) + pad, page.height),
    )
    return page.crop(box)


def photo(rng: random.Random, page: Image.Image) -> Image.Image:
    """A phone photo: perspective, a surface around the page, shadow, tint, blur, JPEG."""
    if rng.random() < 0.6:
        page = crop_to_ink(rng, page)
    img = np.asarray(page)
    surface = tuple(rng.randint(40, 160) for _ in range(3))
    img = perspective(rng, rotate(rng, img, 4.0), rng.uniform(0.01, 0.05), surface)
    img = lighting(rng, img, rng.uniform(0.15, 0.45))
    tint = np.array([rng.uniform(0.85, 1.0), rng.uniform(0.85, 1.0), rng.uniform(0.8, 1.0)])
    img = np.clip(img * tint, 0, 255).astype(np.uint8)
    img = noise(rng, blur(rng, img, 1.3), rng.uniform(3, 10))
    return jpeg(rng, Image.fromarray(img), 45, 88)


def screenshot(rng: random.Random, page: Image.Image) -> Image.Image:
    """A phone screenshot: a status bar above the app's page."""
    bar_h = int(page.height * 0.045)
    shot = Image.new("RGB", (page.width, page.height + bar_h), (245, 245, 245))
    shot.paste(page, (0, bar_h))
    draw = ImageDraw.Draw(shot)
    font = ImageFont.truetype(fonts.pil_path("DejaVuSans", bold=True), int(bar_h * 0.55))
    draw.text(
        (int(page.width * 0.05), int(bar_h * 0.2)),
        f"{rng.randint(7, 23)}:{rng.randint(0, 59):02d}",
        fill=(20, 20, 20),
        font=font,
    )
    draw.text(
        (int(page.width * 0.78), int(bar_h * 0.2)),
        f"%{rng.randint(5, 100)}",
        fill=(20, 20, 20),
        font=font,
    )
    if rng.random() < 0.5:  # the app's buttons under the receipt
        y = int(shot.height - bar_h * 1.6)
        for x, label in ((0.08, "Paylaş"), (0.42, "PDF İndir"), (0.75, "Kapat")):
            draw.text((int(page.width * x), y), label, fill=(0, 90, 200), font=font)
    if rng.random() < 0.15:  # dark mode
        shot = ImageOps.invert(shot)
    return shot


def garbage_layer_pdf(rng: random.Random, images: list[Image.Image], dpi: float) -> bytes:
    """An image PDF with an invisible, garbage text layer (a scanner's failed OCR)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for img in images:
        width, height = img.width * 72 / dpi, img.height * 72 / dpi
        canvas.setPageSize((width, height))
        canvas.drawImage(ImageReader(img.convert("RGB")), 0, 0, width, height)
        text = canvas.beginText(40, height - 60)
        text.setTextRenderMode(3)  # invisible
        text.setFont("Helvetica", 9)
        for _ in range(rng.randint(3, 25)):
            text.textLine("".join(rng.choice("¢£¤¥¦§¨©ª«¬®¯°±²³µ¶·¸¹º»¼½¾~^`|") for _ in range(30)))
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def exif_rotated(img: Image.Image) -> tuple[Image.Image, bytes]:
    """Pixels turned a quarter, with an EXIF orientation that turns them back (a phone photo)."""
    exif = Image.Exif()
    exif[0x0112] = 6  # display: rotate 90° clockwise
    return img.transpose(Image.Transpose.ROTATE_90), exif.tobytes()


def save_images(
    rng: random.Random,
    images: list[Image.Image],
    stem: Path,
    dpi: float,
    formats: tuple[str, ...],
    exif_turn: bool = False,
) -> Path:
    """Save as an image-only PDF, a JPEG or a PNG (images after the first only go in a PDF)."""
    choice = rng.choice(formats)
    path = stem.with_suffix("." + choice)
    if choice == "pdf" and rng.random() < 0.15:
        path.write_bytes(garbage_layer_pdf(rng, images, dpi))
    elif choice == "pdf":
        stamp = time.gmtime(1704067200)  # fixed, so that files are reproducible
        images[0].save(
            path,
            "PDF",
            resolution=dpi,
            save_all=True,
            append_images=images[1:],
            creationDate=stamp,
            modDate=stamp,
        )
    elif choice == "jpg":
        img, exif = images[0].convert("RGB"), b""
        if exif_turn and rng.random() < 0.2:
            img, exif = exif_rotated(img)
        img.save(path, "JPEG", quality=rng.randint(70, 95), exif=exif)
    else:
        images[0].save(path, "PNG")
    return path


def write_medium(rng: random.Random, pdf: bytes, medium: str, stem: Path) -> Path:
    """Write `pdf` as the given medium: pdf (as is), scan, photo or shot."""
    if medium == "pdf":
        path = stem.with_suffix(".pdf")
        path.write_bytes(pdf)
        return path
    if medium == "scan":
        dpi = rng.choice((150, 200, 200, 300))
        pages = [scan(rng, page, dpi) for page in rasterize(pdf, dpi)]
        return save_images(rng, pages, stem, dpi, ("pdf", "pdf", "jpg", "png"))
    if medium == "photo":
        pages = [photo(rng, rasterize(pdf, rng.choice((150, 200, 250)), first_only=True)[0])]
        return save_images(rng, pages, stem, 200, ("jpg", "jpg", "pdf"), exif_turn=True)
    pages = [screenshot(rng, rasterize(pdf, rng.uniform(2.4, 3.2) * 72, first_only=True)[0])]
    return save_images(rng, pages, stem, 216, ("png", "png", "jpg"))
