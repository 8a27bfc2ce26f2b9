"""A small flowing writer over a reportlab canvas: headings, label/value rows, columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tests.corpus import fonts

RowMode = Literal["colon", "aligned", "below", "table", "right", "dots"]


@dataclass
class Style:
    """Page geometry and typography of one document."""

    width: float
    height: float
    family: str = "DejaVuSans"
    size: float = 9.5
    margin: float = 50.0
    label_width: float = 140.0
    leading: float = 1.35
    bold_labels: bool = True


class Writer:
    """Writes flowing blocks top-down on a canvas; starts a new page when one is full."""

    def __init__(self, canvas: Canvas, style: Style) -> None:
        self.c = canvas
        self.s = style
        self.regular, self.bold = fonts.pair(style.family)
        self.y = style.height - style.margin

    @property
    def line_height(self) -> float:
        """Distance between baselines."""
        return self.s.size * self.s.leading

    def _room(self, lines: int = 1) -> None:
        if self.y - lines * self.line_height < self.s.margin * 0.6:
            self.c.showPage()
            self.y = self.s.height - self.s.margin

    def wrap(
        self, text: str, width: float, font: str | None = None, size: float | None = None
    ) -> list[str]:
        """Greedy word wrap; explicit newlines force breaks, over-long words are cut."""
        font, size = font or self.regular, size or self.s.size
        lines: list[str] = []
        for part in text.split("\n"):
            current = ""
            for word in part.split(" "):
                trial = f"{current} {word}".strip()
                if stringWidth(trial, font, size) <= width or not current:
                    current = trial
                else:
                    lines.append(current)
                    current = word
                while stringWidth(current, font, size) > width and len(current) > 1:
                    cut = self._cut(current, width, font, size)
                    lines.append(current[:cut])
                    current = current[cut:]
            lines.append(current)
        return lines

    @staticmethod
    def _cut(word: str, width: float, font: str, size: float) -> int:
        """Where to break an over-long word: after the last fitting hyphen, else at the edge."""
        cut = len(word)
        while cut > 1 and stringWidth(word[:cut], font, size) > width:
            cut -= 1
        hyphen = word.rfind("-", 0, cut)
        return hyphen + 1 if hyphen > 0 else cut

    def text(
        self,
        x: float,
        text: str,
        bold: bool = False,
        size: float | None = None,
        align: str = "left",
    ) -> None:
        """Draw one string at the current baseline."""
        font = self.bold if bold else self.regular
        size = size or self.s.size
        self.c.setFont(font, size)
        if align == "center":
            self.c.drawCentredString(x, self.y, text)
        elif align == "right":
            self.c.drawRightString(x, self.y, text)
        else:
            self.c.drawString(x, self.y, text)

    def newline(self, factor: float = 1.0) -> None:
        """Move the baseline down."""
        self.y -= self.line_height * factor
        self._room()

    def header(
        self, text: str, size: float | None = None, align: str = "left", bold: bool = True
    ) -> None:
        """A heading line."""
        size = size or self.s.size * 1.5
        x = {
            "left": self.s.margin,
            "center": self.s.width / 2,
            "right": self.s.width - self.s.margin,
        }[align]
        self.y -= size * 0.4
        self.text(x, text, bold=bold, size=size, align=align)
        self.y -= size * 1.1
        self._room()

    def paragraph(
        self,
        text: str,
        size: float | None = None,
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        """Wrapped running text."""
        size = size or self.s.size
        x = self.s.margin if x is None else x
        width = width or (self.s.width - x - self.s.margin)
        for line in self.wrap(text, width, size=size):
            self.text(x, line, size=size)
            self.y -= size * self.s.leading
            self._room()

    def rule(self, gap: float = 0.6) -> None:
        """A horizontal line across the text width."""
        self.y += self.line_height * 0.45
        self.c.setLineWidth(0.6)
        self.c.line(self.s.margin, self.y, self.s.width - self.s.margin, self.y)
        self.y -= self.line_height * gap + self.line_height * 0.45
        self._room()

    def row(
        self,
        label: str,
        value: str,
        mode: RowMode = "aligned",
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        """One label/value pair in the given mode."""
        x = self.s.margin if x is None else x
        width = width or (self.s.width - x - self.s.margin)
        label_w = stringWidth(label, self.bold, self.s.size)
        if mode in ("aligned", "dots", "table") and label_w + 22 > width * 0.6:
            mode = "below"  # a label too long for the label column goes above its value
        getattr(self, f"_row_{mode}")(label, value, x, width)

    def _row_colon(self, label: str, value: str, x: float, width: float) -> None:
        head = f"{label}: "
        head_w = stringWidth(head, self.bold if self.s.bold_labels else self.regular, self.s.size)
        lines, vsize = self._fit(value, max(width - head_w, 40))
        self._room(len(lines))
        self.text(x, head, bold=self.s.bold_labels)
        for line in lines:
            self.text(x + head_w, line, size=vsize)
            self.newline()

    def _fit(self, value: str, width: float) -> tuple[list[str], float]:
        """One token (an IBAN) a bit too wide is set smaller, as apps do; the rest is wrapped."""
        size = self.s.size
        needed = stringWidth(value, self.regular, size)
        if " " not in value and "\n" not in value and width < needed <= width / 0.72:
            return [value], size * width / needed * 0.98
        return self.wrap(value, width), size

    def _label_column(self, label: str, width: float, pad: float = 14.0) -> float:
        """Width of the label column: the style's, widened (for later rows too) to fit `label`."""
        font = self.bold if self.s.bold_labels else self.regular
        needed = stringWidth(label, font, self.s.size) + pad
        if needed > self.s.label_width:
            self.s.label_width = min(needed, width * 0.6)
        return min(self.s.label_width, width * 0.6)

    def _row_aligned(self, label: str, value: str, x: float, width: float) -> None:
        lw = self._label_column(label, width)
        lines, vsize = self._fit(value, max(width - lw - 10, 40))
        self._room(len(lines))
        self.text(x, label, bold=self.s.bold_labels)
        self.text(x + lw - 6, ":")
        for line in lines:
            self.text(x + lw + 4, line, size=vsize)
            self.newline()

    def _row_dots(self, label: str, value: str, x: float, width: float) -> None:
        lw = self._label_column(label, width, pad=22.0)
        dots = label + " "
        while stringWidth(dots + ".", self.regular, self.s.size) < lw - 6:
            dots += "."
        lines, vsize = self._fit(value, max(width - lw - 10, 40))
        self._room(len(lines))
        self.text(x, dots + ":")
        for line in lines:
            self.text(x + lw + 4, line, size=vsize)
            self.newline()

    def _row_below(self, label: str, value: str, x: float, width: float) -> None:
        lines, vsize = self._fit(value, width)
        self._room(len(lines) + 1)
        self.text(x, label, bold=self.s.bold_labels, size=self.s.size * 0.85)
        self.y -= self.s.size * 1.15
        for line in lines:
            self.text(x, line, size=vsize * 1.05)
            self.newline()
        self.y -= self.line_height * 0.3

    def _row_right(self, label: str, value: str, x: float, width: float) -> None:
        label_w = stringWidth(label, self.regular, self.s.size * 0.9)
        lines, vsize = self._fit(value, min(width * 0.6, width - label_w - 12))
        self._room(len(lines))
        self.text(x, label, bold=False, size=self.s.size * 0.9)
        for line in lines:
            self.text(x + width, line, bold=True, size=vsize, align="right")
            self.newline()
        self.y -= self.line_height * 0.25

    def _row_table(self, label: str, value: str, x: float, width: float) -> None:
        lw = self._label_column(label, width, pad=10.0)
        lines, vsize = self._fit(value, width - lw - 10)
        self._room(len(lines))
        h = self.line_height * len(lines) + 4
        top = self.y + self.s.size + 1
        self.c.setLineWidth(0.5)
        self.c.setFillGray(0.9)
        self.c.rect(x, top - h, lw, h, stroke=1, fill=1)
        self.c.setFillGray(0)
        self.c.rect(x + lw, top - h, width - lw, h, stroke=1, fill=0)
        self.text(x + 3, label, bold=self.s.bold_labels)
        for line in lines:
            self.text(x + lw + 5, line, size=vsize)
            self.y -= self.line_height
        self.y = top - h - self.s.size - 3
        self._room()

    def columns(
        self,
        left: list[tuple[str, str]],
        right: list[tuple[str, str]],
        mode: RowMode,
        titles: tuple[str, str] | None = None,
        gap: float = 20.0,
    ) -> None:
        """Two columns of rows side by side, each written top-down from the same baseline."""
        inner = self.s.width - 2 * self.s.margin
        col_w = (inner - gap) / 2
        start = self.y
        ends = []
        for i, rows in enumerate((left, right)):
            self.y = start
            x = self.s.margin + i * (col_w + gap)
            if titles:
                self.text(x, titles[i], bold=True, size=self.s.size * 1.1)
                self.newline(1.3)
            for label, value in rows:
                self.row(label, value, mode, x=x, width=col_w)
            ends.append(self.y)
        self.y = min(ends)
        self._room()
