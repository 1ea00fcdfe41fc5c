"""The type area and furniture zones of a page, from the builder's private data (see docs/check-pdf.md)."""
from __future__ import annotations

from dataclasses import dataclass

from .report import Finding

INCH = 72.0
GLYPH_TOLERANCE = 2.0          # points a glyph box may cross the edge of its zone (rounding, overshoot)
GRAPHIC_TOLERANCE = 1.0        # points a rule or box may cross the edge of the page
FURNITURE_ROOM = 14.0          # header zone reaches this far above the header baseline; footer zone half of it below
INFERRED_MARGIN = 0.5 * INCH   # the inferred type area without /GuideTypeArea: the page less this
INFERRED_EDGE = 0.25 * INCH    # furniture zones reach this close to the page edge without /GuideFurniture


@dataclass(frozen=True)
class Area:
    x0: float
    y0: float
    x1: float
    y1: float
    header: tuple[float, float] | None   # (bottom, top) of the header zone
    footer: tuple[float, float] | None

    def mirrored(self, width: float) -> "Area":
        return Area(width - self.x1, self.y0, width - self.x0, self.y1, self.header, self.footer)

    def shifted(self, dx: float) -> "Area":
        return Area(self.x0 + dx, self.y0, self.x1 + dx, self.y1, self.header, self.footer)

    def zone(self, y0: float, y1: float) -> str | None:
        """Which zone a box from y0 to y1 (bottom-up) lies in: "frame", "header", "footer" or None."""
        t = GLYPH_TOLERANCE
        if y0 >= self.y0 - t and y1 <= self.y1 + t:
            return "frame"
        if self.header and y0 >= self.header[0] - t and y1 <= self.header[1] + t:
            return "header"
        if self.footer and y0 >= self.footer[0] - t and y1 <= self.footer[1] + t:
            return "footer"
        return None

    def allows(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        t = GLYPH_TOLERANCE
        return self.zone(y0, y1) is not None and x0 >= self.x0 - t and x1 <= self.x1 + t


def floats(value, count: int) -> tuple[float, ...] | None:
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("latin-1")
    parts = str(value).split()
    try:
        numbers = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        return None
    return numbers if len(numbers) == count else None


def guide_info(pdf) -> dict:
    """The document information (as strings), with /GuideTypeArea and /GuideFurniture from the catalog's
    PieceInfo when it has them."""
    info = {}
    try:
        for k, v in pdf.docinfo.items():
            info[str(k)] = str(v)
    except Exception:
        pass
    try:
        private = pdf.Root.PieceInfo.Guide.Private
    except (KeyError, AttributeError, TypeError):
        return info
    for key, name in (("/TypeArea", "/GuideTypeArea"), ("/Furniture", "/GuideFurniture")):
        if key in private:
            info[name] = str(private[key])
    return info


def geometry(info: dict, type_area, findings: list[Finding]) -> tuple[tuple | None, tuple | None]:
    """The frame (x0, y0, x1, y1) and the furniture baselines (footer_y, header_y), None where unknown."""
    frame = None
    if type_area is not None:
        frame = floats(type_area if isinstance(type_area, (str, bytes)) else " ".join(map(str, type_area)), 4)
        if frame is None or not (frame[0] < frame[2] and frame[1] < frame[3]):
            raise ValueError(f"type_area must be four numbers x0 y0 x1 y1 (got {type_area!r})")
    else:
        raw = info.get("/GuideTypeArea")
        if raw is not None:
            frame = floats(raw, 4)
            if frame is None or not (frame[0] < frame[2] and frame[1] < frame[3]):
                findings.append(Finding(None, "type-area", f"/GuideTypeArea {str(raw)!r} is not four numbers "
                                        "x0 y0 x1 y1; the type area is inferred instead"))
                frame = None
    furniture = None
    raw = info.get("/GuideFurniture")
    if raw is not None:
        furniture = floats(raw, 2)
        if furniture is None:
            findings.append(Finding(None, "type-area", f"/GuideFurniture {str(raw)!r} is not two numbers "
                                    "footer_y header_y; the furniture zones are inferred instead"))
    return frame, furniture


def page_area(frame, furniture, width: float, height: float) -> Area:
    if frame is None:
        m = INFERRED_MARGIN
        return Area(m, m, width - m, height - m, None, None)
    x0, y0, x1, y1 = frame
    if furniture is not None:
        foot, head = furniture
        return Area(x0, y0, x1, y1, (y1, head + FURNITURE_ROOM), (foot - FURNITURE_ROOM / 2, y0))
    return Area(x0, y0, x1, y1, (y1, height - INFERRED_EDGE), (INFERRED_EDGE, y0))
