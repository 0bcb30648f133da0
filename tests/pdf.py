"""What a printed page really shows: text, colours and page sizes read back from Chromium's PDF.

`printed(page, **options)` prints the Playwright `page` to PDF (its CSS page size, as a reader's
print dialog would) and returns a `Printed` with:

- `pages`: the text of each sheet (pypdf's extraction);
- `runs`: every piece of text drawn, as `TextRun(page, text, colour)`, where `colour` is the
  fill colour as it lands on white paper (its alpha blended over white), so
  `contrast(run.colour)` is the ratio a reader sees;
- `sizes`: each sheet's size in millimetres.

Chromium (Skia) writes fill colours with `rg`/`g` and transparency through an ExtGState's `ca`;
both are followed here. Nothing else of the PDF is interpreted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

POINT_MM = 25.4 / 72


@dataclass
class TextRun:
    page: int
    text: str
    colour: tuple[float, float, float]


@dataclass
class Printed:
    pages: list[str]
    runs: list[TextRun]
    sizes: list[tuple[float, float]]
    data: bytes

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour given as 0..1 floats."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(rgb: tuple[float, float, float], background=(1.0, 1.0, 1.0)) -> float:
    """WCAG contrast ratio of `rgb` against `background` (white paper by default)."""
    lighter, darker = sorted((luminance(rgb), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def read(data: bytes) -> Printed:
    """Read text, text colours and sheet sizes from PDF bytes."""
    reader = PdfReader(io.BytesIO(data))
    pages, runs, sizes = [], [], []
    for number, sheet in enumerate(reader.pages):
        sizes.append((float(sheet.mediabox.width) * POINT_MM, float(sheet.mediabox.height) * POINT_MM))
        states = sheet.get("/Resources", {}).get("/ExtGState", {})
        graphics = [{"fill": (0.0, 0.0, 0.0), "alpha": 1.0}]

        def before(operator, operands, cm, tm, graphics=graphics, states=states):
            state = graphics[-1]
            if operator == b"q":
                graphics.append(dict(state))
            elif operator == b"Q" and len(graphics) > 1:
                graphics.pop()
            elif operator == b"rg":
                state["fill"] = tuple(float(x) for x in operands)
            elif operator == b"g":
                state["fill"] = (float(operands[0]),) * 3
            elif operator == b"gs":
                state["alpha"] = float(states.get(operands[0], {}).get("/ca", state["alpha"]))

        def text(chunk, cm, tm, font, size, graphics=graphics, number=number):
            if chunk.strip():
                state = graphics[-1]
                a = state["alpha"]
                colour = tuple(c * a + (1 - a) for c in state["fill"])
                runs.append(TextRun(number, chunk, colour))

        pages.append(sheet.extract_text(visitor_operand_before=before, visitor_text=text))
    return Printed(pages, runs, sizes, data)


def printed(page, **options) -> Printed:
    """Print `page` to PDF as a reader would (the page's own CSS size, A4 otherwise) and read it."""
    options.setdefault("prefer_css_page_size", True)
    options.setdefault("format", "A4")
    return read(page.pdf(**options))
