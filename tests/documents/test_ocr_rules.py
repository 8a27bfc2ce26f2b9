"""Table rules are erased before OCR; the joined feet of small bold print are no rule."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from mailbot.documents import ocr

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _bold(size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(BOLD, size)
    except OSError:
        pytest.skip("needs the Debian package fonts-dejavu-core")


@pytest.mark.parametrize("size", [13, 17])
def test_a_long_rule_is_erased_but_small_bold_labels_are_kept(size: int) -> None:
    """GIVEN a blurred phone screen 500 px wide: small bold labels, a rule across THEN the
    rule is in the mask and the labels' ink is not (their feet, joined by the blur, held
    horizontal runs as long as the shortest rule, and "Gönderen" lost its lower half)."""
    image = Image.new("L", (500, 300), 235)
    draw = ImageDraw.Draw(image)
    for row, label in enumerate(("Gönderen", "Alıcı IBAN", "Açıklama", "İşlem Tarihi")):
        draw.text((12, 20 + 40 * row), label, font=_bold(size), fill=20)
    draw.line((5, 220, 495, 220), fill=0, width=3)
    grey = np.asarray(image.filter(ImageFilter.GaussianBlur(1.4)))
    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = ocr._rules(binary)
    labels = binary[:200] == 0
    assert (mask[218:223, 20:480] > 0).mean() > 0.95
    assert (mask[:200][labels] > 0).mean() < 0.02
