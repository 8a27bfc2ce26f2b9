"""Fonts for the synthetic corpus: TrueType families for reportlab and paths for PIL."""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))
# family name -> (regular file, bold file); Debian packages: fonts-dejavu-core,
# fonts-liberation, fonts-freefont-ttf, fonts-crosextra-carlito.
_FAMILIES = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVuCond": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVuMono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "LiberationSans": (
        "liberation/LiberationSans-Regular.ttf",
        "liberation/LiberationSans-Bold.ttf",
    ),
    "LiberationSerif": (
        "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf",
    ),
    "LiberationNarrow": (
        "liberation/LiberationSansNarrow-Regular.ttf",
        "liberation/LiberationSansNarrow-Bold.ttf",
    ),
    "LiberationMono": (
        "liberation/LiberationMono-Regular.ttf",
        "liberation/LiberationMono-Bold.ttf",
    ),
    "FreeSans": ("freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf"),
    "FreeSerif": ("freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf"),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
}
# Base-14 fonts: WinAnsi only, so only for ASCII-folded text.
ASCII_FAMILIES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Courier": ("Courier", "Courier-Bold"),
    "Times": ("Times-Roman", "Times-Bold"),
}
HAND_FONTS = (
    "fifthhorseman/dkg.ttf",
    "breip/Breip.ttf",
    "humor-sans/Humor-Sans.ttf",
    "dancingscript/DancingScript-Regular.otf",
    "comic-neue/ComicNeue-Regular.otf",
)
# Fonts whose small letters are capitals drawn smaller (xkcd's hand): their text reads as
# capitals on the page whatever case it was typed in.
CAPITALS_ONLY = ("humor-sans/Humor-Sans.ttf",)


def find(relative: str) -> Path | None:
    """The absolute path of a font file under the system font folders, or None."""
    for base in _DIRS:
        path = base / relative
        if path.exists():
            return path
    return None


@functools.cache
def families() -> tuple[str, ...]:
    """Register every installed TrueType family with reportlab; return their names."""
    names = []
    for name, (regular, bold) in _FAMILIES.items():
        reg_path, bold_path = find(regular), find(bold)
        if reg_path is None or bold_path is None:
            continue
        pdfmetrics.registerFont(TTFont(name, str(reg_path)))
        pdfmetrics.registerFont(TTFont(name + "-Bold", str(bold_path)))
        names.append(name)
    if not names:
        raise RuntimeError("no TrueType fonts found; apt-get install fonts-dejavu-core")
    return tuple(names)


def pair(family: str) -> tuple[str, str]:
    """(regular, bold) reportlab font names of a family."""
    if family in ASCII_FAMILIES:
        return ASCII_FAMILIES[family]
    families()
    return family, family + "-Bold"


def pil_path(family: str, bold: bool = False) -> str:
    """The file of a registered family for PIL drawing."""
    regular, bold_file = _FAMILIES.get(family, _FAMILIES["DejaVuSans"])
    path = find(bold_file if bold else regular)
    return str(path or find(_FAMILIES["DejaVuSans"][1 if bold else 0]))


def hand_fonts() -> tuple[str, ...]:
    """Installed handwriting-like fonts (fonts-dkg-handwriting, fonts-breip, ...)."""
    return tuple(str(p) for p in (find(rel) for rel in HAND_FONTS) if p is not None)
