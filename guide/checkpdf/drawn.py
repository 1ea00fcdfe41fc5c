"""What a page draws, as the reader gives it: glyphs with their boxes and fill, painted graphics, and the
matrix arithmetic both need."""
from __future__ import annotations

from dataclasses import dataclass

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Glyph:
    """One drawn character (coordinates bottom-up, in points)."""
    __slots__ = ("text", "font", "size", "x0", "x1", "y0", "y1", "baseline", "adv", "upright", "dark", "mcid",
                 "artifact")

    def __init__(self, text, font, size, x0, x1, y0, y1, baseline, adv, upright, dark, mcid, artifact):
        self.text, self.font, self.size = text, font, size
        self.x0, self.x1, self.y0, self.y1, self.baseline, self.adv = x0, x1, y0, y1, baseline, adv
        self.upright, self.dark, self.mcid, self.artifact = upright, dark, mcid, artifact

    def __repr__(self):
        return f"Glyph({self.text!r} {self.font} {self.size:.1f} at {self.x0:.1f},{self.baseline:.1f})"


@dataclass
class Graphic:
    kind: str            # "rectangle", "line", "curve", "path", "image"
    x0: float
    y0: float
    x1: float
    y1: float
    filled: bool = False
    dark: float = 1.0    # darkness of the fill (0 white … 1 black)


@dataclass
class PageContent:
    width: float
    height: float
    glyphs: list[Glyph]
    graphics: list[Graphic]
    struct_parents: int | None


def mul(a, b):
    """The product of two PDF matrices (a, b, c, d, e, f): a applied first, then b."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def bbox(points, m):
    xs, ys = [], []
    for x, y in points:
        xs.append(m[0] * x + m[2] * y + m[4])
        ys.append(m[1] * x + m[3] * y + m[5])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def meet(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def darkness(values: list[float]) -> float:
    """0 (white) … 1 (black) for a gray, RGB or CMYK colour."""
    if len(values) == 1:
        return 1.0 - values[0]
    if len(values) == 3:
        r, g, b = values
        return 1.0 - (0.299 * r + 0.587 * g + 0.114 * b)
    if len(values) == 4:
        c, m, y, k = values
        return 1.0 - (1 - min(1.0, 0.299 * c + 0.587 * m + 0.114 * y)) * (1 - k)
    return 1.0
