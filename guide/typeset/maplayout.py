"""The map's geometry, without drawing: the projection's frame, the scale, and where each marker, label, the
legend and the sea names go so that no label overlaps another label or a marker (`map_layout`). Tests and
callers that want to know which labels fit use it; `mapdraw` draws what it decides.

The projection and boundary data are in `guide/geo.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from .. import geo
from ..theme import Theme
from .fonts import font_for


KINDS = ("camp", "project", "city")

ARCTIC_TEXT = "Arctic Circle"

# Sea names, each centred on (lon, lat) and drawn only where it fits clear of everything else.
SEA_LABELS = (("Arctic Ocean", 100.0, 84.5), ("Sea of Okhotsk", 148.0, 55.0))

LEGEND_TEXT = {"camp": "Camp complex", "project": "Built by prisoners", "city": "City"}

ARCTIC_CIRCLE = 66.56

PROJECT_WIDTH = 0.5          # a project's line, as a share of the label size

FRAME_PAD = 0.025            # empty space around the republics, as a share of their projected width



def _get(place: Any, key: str, default=None):
    if isinstance(place, dict):
        return place.get(key, default)
    return getattr(place, key, default)



@lru_cache(maxsize=1)
def projected_rings() -> tuple[tuple[bool, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Every country's rings in projected units (unit sphere), with its Soviet flag."""
    out = []
    for country in geo.load_map():
        rings = tuple(tuple(geo.albers(lon, lat) for lon, lat in ring)
                      for poly in country.polygons for ring in poly)
        out.append((country.soviet, rings))
    return tuple(out)



@lru_cache(maxsize=1)
def _soviet_bounds() -> geo.Rect:
    xs = [x for soviet, rings in projected_rings() if soviet for ring in rings for x, _ in ring]
    ys = [y for soviet, rings in projected_rings() if soviet for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)



@dataclass
class MapItem:
    name: str
    kind: str
    point: tuple[float, float]                   # the marker's centre, in drawing points
    marker: geo.Rect                             # the marker's box (a project: its line's box)
    line: list[tuple[float, float]] = field(default_factory=list)
    label: geo.Rect | None = None                # where the label goes, or None if it is not shown
    wanted: bool = True                          # a label was asked for



@dataclass
class MapLayout:
    width: float
    height: float
    frame: geo.Rect                              # the map's frame inside the drawing
    scale: float                                 # points per projected unit
    origin: tuple[float, float]                  # projected (x, y) at the frame's lower-left corner
    font_size: float
    items: list[MapItem]
    obstacles: list[geo.Rect]                    # every box a label must avoid (markers, line pieces, legend…)
    arctic_label: geo.Rect | None = None
    legend: geo.Rect | None = None
    legend_size: float = 0.0                     # the legend's type size
    small_size: float = 0.0                      # sea and Arctic Circle labels (never under the theme's least)
    seas: list[tuple[str, geo.Rect]] = field(default_factory=list)

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        return (self.frame[0] + (x - self.origin[0]) * self.scale,
                self.frame[1] + (y - self.origin[1]) * self.scale)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return self.to_page(*geo.albers(lon, lat))



def label_font_size(theme: Theme, width: float) -> float:
    """About 0.72 of the body size, a little smaller on narrow maps and a little larger on wide ones."""
    return max(round(theme.size(0.72) * max(0.8, min(1.1, width / 380.0)), 2), theme.min_text_size)



def label_metrics(fs: float) -> tuple[float, float, float]:
    """(descent, ascent, padding) of a label box, in points."""
    return fs * 0.25, fs * 0.78, max(0.5, fs * 0.08)



def legend_rows(kinds: Sequence[str]) -> list[str]:
    return ["soviet"] + [k for k in KINDS if k in kinds] + ["scale"]



def scale_km(scale_pt_per_km: float, target_pt: float) -> int:
    for km in (250, 500, 1000, 2000):
        if km * scale_pt_per_km >= target_pt:
            return km
    return 2000



def map_layout(places: Sequence[Any], theme: Theme, width: float, height: float | None = None,
               label_places: Iterable[str] | None = None, legend: bool | None = None) -> MapLayout:
    """Where everything goes: the frame, the markers and the labels that fit (see `map_drawing`)."""
    bx0, by0, bx1, by1 = _soviet_bounds()
    pad = FRAME_PAD * (bx1 - bx0)
    bx0, by0, bx1, by1 = bx0 - pad, by0 - pad, bx1 + pad, by1 + pad
    scale = width / (bx1 - bx0)
    if height is not None:
        scale = min(scale, height / (by1 - by0))
    fw, fh = (bx1 - bx0) * scale, (by1 - by0) * scale
    dh = fh if height is None else height
    fx, fy = (width - fw) / 2, (dh - fh) / 2
    fs = label_font_size(theme, fw)
    sans = font_for(theme, theme.heading_family)
    lay = MapLayout(width, dh, (fx, fy, fx + fw, fy + fh), scale, (bx0, by0), fs, [], [])
    lay.small_size = max(fs * 0.85, theme.min_text_size)

    wanted = None if label_places is None else set(label_places)
    mk = fs * 0.62                                   # marker size
    for place in places:
        kind = _get(place, "kind")
        if kind not in KINDS:
            raise ValueError(f"place {_get(place, 'name')!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        name = _get(place, "name")
        pid = _get(place, "id")
        x, y = lay.project(float(_get(place, "lon")), float(_get(place, "lat")))
        line = [lay.project(float(lon), float(lat)) for lat, lon in (_get(place, "line") or [])]
        if kind == "project" and len(line) >= 2:
            w = fs * 0.28
            xs, ys = [p[0] for p in line], [p[1] for p in line]
            marker = (min(xs) - w, min(ys) - w, max(xs) + w, max(ys) + w)
        elif kind == "city":
            r = mk * 0.55
            marker = (x - r, y - r, x + r, y + r)
        else:
            marker = (x - mk / 2, y - mk / 2, x + mk / 2, y + mk / 2)
        show = wanted is None or name in wanted or (pid is not None and pid in wanted)
        lay.items.append(MapItem(name, kind, (x, y), marker, line, None, show))

    # What labels must avoid: every marker (with a little air) and every piece of a project's line.
    air = fs * 0.12
    for it in lay.items:
        if it.kind == "project" and len(it.line) >= 2:
            # Short pieces, so that a slanting line blocks only the boxes it really crosses.
            w = fs * 0.28 + air
            for (xa, ya), (xb, yb) in zip(it.line, it.line[1:]):
                steps = max(1, int(((xb - xa) ** 2 + (yb - ya) ** 2) ** 0.5 / (fs * 0.4)) + 1)
                for k in range(steps):
                    x0, y0 = xa + (xb - xa) * k / steps, ya + (yb - ya) * k / steps
                    x1, y1 = xa + (xb - xa) * (k + 1) / steps, ya + (yb - ya) * (k + 1) / steps
                    lay.obstacles.append((min(x0, x1) - w, min(y0, y1) - w, max(x0, x1) + w, max(y0, y1) + w))
        else:
            m = it.marker
            lay.obstacles.append((m[0] - air, m[1] - air, m[2] + air, m[3] + air))

    inner = (fx + fs * 0.3, fy + fs * 0.3, fx + fw - fs * 0.3, fy + fh - fs * 0.3)
    if legend is None:
        legend = fw >= 300
    if legend:
        # Smaller type if the legend fits no corner at first (large print), else no legend.
        kinds = [it.kind for it in lay.items]
        for corner in range(4):
            for share in (0.9, 0.78, 0.68):
                size = max(fs * share, theme.min_text_size)
                lay.legend = _legend_box(lay, theme, kinds, size, corner)
                if lay.legend:
                    lay.legend_size = size
                    break
            if lay.legend:
                break
        if lay.legend:
            lay.obstacles.append(lay.legend)

    desc, asc, p = label_metrics(fs)
    todo = [it for it in lay.items if it.wanted]
    sizes = [(stringWidth(it.name, sans, fs) + 2 * p, desc + asc + 2 * p) for it in todo]
    gaps = [((it.marker[2] - it.marker[0]) / 2 if it.kind != "project" else fs * 0.5) + fs * 0.3 for it in todo]
    rects = geo.place_labels([it.point for it in todo], sizes, inner, lay.obstacles, gaps)
    for it, rect in zip(todo, rects):
        it.label = rect
    # The Arctic Circle's own label comes last, in whatever room the places left.
    taken = lay.obstacles + [r for r in rects if r]
    lay.arctic_label = _arctic_label(lay, theme, inner, taken)
    if lay.arctic_label:
        taken.append(lay.arctic_label)
    italic = font_for(theme, theme.heading_family, "italic")
    sfs = lay.small_size
    for text, lon, lat in SEA_LABELS:
        cx, cy = lay.project(lon, lat)
        w, h = stringWidth(text, italic, sfs) + sfs * 0.4, sfs * 1.15
        rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if geo.inside(rect, inner) and not any(geo.overlaps(rect, o) for o in taken):
            lay.seas.append((text, rect))
            taken.append(rect)
    return lay



def _legend_box(lay: MapLayout, theme: Theme, kinds: Sequence[str], fs: float, corner: int) -> geo.Rect | None:
    sans = font_for(theme, theme.heading_family)
    rows = legend_rows(kinds)
    texts = [LEGEND_TEXT.get(r, "") for r in rows if r not in ("soviet", "scale")]
    texts.append("Soviet republics (modern borders)")
    key = fs * 1.6
    w = max(stringWidth(t, sans, fs) for t in texts) + key + fs * 1.4
    km = scale_km(lay.scale / geo.EARTH_RADIUS_KM, fs * 4)
    w = max(w, km * lay.scale / geo.EARTH_RADIUS_KM + stringWidth(f"{km:,} km", sans, fs) + fs * 2.2)
    h = len(rows) * fs * 1.45 + fs * 0.8
    # Corners in order of preference: bottom right (China, Japan, the Pacific: no places there), bottom
    # left, top left, top right. None if the legend would hide a marker or a line there.
    fx0, fy0, fx1, fy1 = lay.frame
    m = fs * 0.5
    x0, y0 = ((fx1 - m - w, fy0 + m), (fx0 + m, fy0 + m), (fx0 + m, fy1 - m - h), (fx1 - m - w, fy1 - m - h))[corner]
    rect = (x0, y0, x0 + w, y0 + h)
    if x0 >= fx0 + m and y0 + h <= fy1 - m and not any(geo.overlaps(rect, o) for o in lay.obstacles):
        return rect
    return None



def latitude_arc(lay: MapLayout, lat: float, lon0: float = -20, lon1: float = 200, step: float = 1.0):
    pts = []
    lon = lon0
    while lon <= lon1 + 1e-9:
        pts.append(lay.project(lon, lat))
        lon += step
    return pts



def _arctic_label(lay: MapLayout, theme: Theme, inner: geo.Rect, taken: list[geo.Rect]) -> geo.Rect | None:
    """A box just under the Arctic Circle, near its lowest point (100°E), clear of everything in `taken`."""
    fs = lay.small_size
    font = font_for(theme, theme.heading_family, "italic")
    w = stringWidth(ARCTIC_TEXT, font, fs) + fs * 0.4
    h = fs * 1.15
    arc = latitude_arc(lay, ARCTIC_CIRCLE, 20, 180, 0.5)
    for lon in (100, 108, 92, 116, 84, 124, 76, 132, 68, 140, 60, 148):
        cx, _ = lay.project(lon, ARCTIC_CIRCLE)
        x0, x1 = cx - w / 2, cx + w / 2
        near = [y for x, y in arc if x0 - 1 <= x <= x1 + 1]
        if not near:
            continue
        top = min(near) - fs * 0.3
        rect = (x0, top - h, x1, top)
        if geo.inside(rect, inner) and not any(geo.overlaps(rect, o) for o in taken):
            return rect
    return None
