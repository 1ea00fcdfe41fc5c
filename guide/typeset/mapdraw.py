"""The map of the camp system, drawn as ReportLab vector graphics in the guide's fonts.

`map_drawing()` returns a `Drawing`: the former Soviet republics in a mid grey with white borders between
them, neighbouring countries lighter, the sea white with a faint graticule, the Arctic Circle dashed, and
the places from content as markers that differ in shape, not only in tone (camps: black squares; cities:
open circles with a dot; projects: a thick dark line), each with a label that overlaps no other label and
no marker. It reads in greyscale. The geometry, without drawing, is `maplayout.map_layout()` (for tests and
callers that want to know which labels fit).

Geometry (projection, boundary data, label placement) is in `guide/geo.py`; this module only draws.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, PolyLine, Rect, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isColorOrNone, isNumber

from .. import geo
from ..theme import Theme
from .fonts import font_for
from .maplayout import (ARCTIC_CIRCLE, ARCTIC_TEXT, KINDS, LEGEND_TEXT, PROJECT_WIDTH, MapLayout, label_metrics,
                        latitude_arc, legend_rows, map_layout, projected_rings, scale_km)
from .styles import color

# Tones, chosen to stay apart in greyscale (luminance in brackets).
SEA = "#ffffff"              # (255)

GRATICULE = "#d6d6d6"        # (214) thin lines over the sea only

NEIGHBOUR = "#e4e1da"        # (225)

SOVIET = "#bdb7ac"           # (184)

BORDER = "#ffffff"

HALO = "#ffffff"



class HaloString(String):
    """A String that can be stroked, for the white halo drawn under a label (textRenderMode=1)."""

    _attrMap = AttrMap(BASE=String, strokeColor=AttrMapValue(isColorOrNone), strokeWidth=AttrMapValue(isNumber),
                       strokeLineJoin=AttrMapValue(isNumber))



def _ring_path(rings, to_page, fill, stroke, stroke_width, frame) -> Path | None:
    path = Path(fillColor=fill, strokeColor=stroke, strokeWidth=stroke_width, strokeLineJoin=1,
                fillMode=0, autoclose="pdf")
    drawn = False
    for ring in rings:
        pts = [to_page(x, y) for x, y in ring]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        if max(xs) < frame[0] or min(xs) > frame[2] or max(ys) < frame[1] or min(ys) > frame[3]:
            continue
        path.moveTo(*pts[0])
        for p in pts[1:]:
            path.lineTo(*p)
        path.closePath()
        drawn = True
    return path if drawn else None



def _label(g: Group, text: str, rect: geo.Rect, fs: float, font: str, ink, halo: float, anchor="start"):
    desc, _, p = label_metrics(fs)
    x = rect[0] + p if anchor == "start" else (rect[0] + rect[2]) / 2
    y = rect[1] + p + desc
    g.add(HaloString(x, y, text, fontName=font, fontSize=fs, textAnchor=anchor, fillColor=None,
                     strokeColor=color(HALO), strokeWidth=halo, strokeLineJoin=1, textRenderMode=1))
    g.add(String(x, y, text, fontName=font, fontSize=fs, textAnchor=anchor, fillColor=ink))



def map_drawing(places: Sequence[Any], theme: Theme, width: float, height: float | None = None,
                label_places: Iterable[str] | None = None, legend: bool | None = None) -> Drawing:
    """A map of the Soviet Union with `places` marked, `width` points wide.

    `places` are dicts or objects with `name`, `lat`, `lon`, `kind` ("camp", "project" or "city"), and for
    a project drawn as a line, `line`: [[lat, lon], …]. The republics' projected bounding box is fitted to
    `width`, keeping the aspect ratio; with a `height` too, the map is fitted inside width × height and
    centred. `label_places` names (or ids) the places that get a label (default: all); labels that fit
    nowhere are left out (`map_layout()` says which). The legend is drawn on maps 300 pt wide or more
    unless `legend` says otherwise. Labels use the theme's heading family, never a built-in PDF font."""
    lay = map_layout(places, theme, width, height, label_places, legend)
    fs = lay.font_size
    sans = font_for(theme, theme.heading_family)
    italic = font_for(theme, theme.heading_family, "italic")
    ink = color(theme.ink)
    d = Drawing(lay.width, lay.height, initialFontName=sans, initialFontSize=fs)
    fx0, fy0, fx1, fy1 = lay.frame
    thin = max(0.3, 0.4 * lay.width / 360)

    g = Group()
    clip = Path(strokeColor=None, fillColor=None, isClipPath=1)
    clip.moveTo(fx0, fy0)
    clip.lineTo(fx1, fy0)
    clip.lineTo(fx1, fy1)
    clip.lineTo(fx0, fy1)
    clip.closePath()
    g.add(clip)
    g.add(Rect(fx0, fy0, fx1 - fx0, fy1 - fy0, fillColor=color(SEA), strokeColor=None))

    # A faint graticule (every 10° of latitude, 20° of longitude), hidden by the land drawn over it.
    grat = color(GRATICULE)
    for lat in (30, 40, 50, 60, 70, 80):
        g.add(PolyLine([c for p in latitude_arc(lay, lat) for c in p], strokeColor=grat, strokeWidth=0.3))
    for lon in range(0, 201, 20):
        pts = [lay.project(lon, lat / 2) for lat in range(20 * 2, 80 * 2 + 1)]
        g.add(PolyLine([c for p in pts for c in p], strokeColor=grat, strokeWidth=0.3))

    to_page = lay.to_page
    for soviet, rings in projected_rings():
        if soviet:
            continue
        path = _ring_path(rings, to_page, color(NEIGHBOUR), color(BORDER), thin, lay.frame)
        if path:
            g.add(path)
    for soviet, rings in projected_rings():
        if not soviet:
            continue
        path = _ring_path(rings, to_page, color(SOVIET), color(BORDER), thin * 1.4, lay.frame)
        if path:
            g.add(path)

    # The Arctic Circle.
    g.add(PolyLine([c for p in latitude_arc(lay, ARCTIC_CIRCLE) for c in p], strokeColor=color("#4a4a4a"),
                   strokeWidth=thin * 1.2, strokeDashArray=[fs * 0.5, fs * 0.35]))
    if lay.arctic_label:
        afs = lay.small_size
        r = lay.arctic_label
        _label(g, ARCTIC_TEXT, r, afs, italic, color("#3a3a3a"), afs * 0.35, anchor="middle")

    for text, r in lay.seas:
        g.add(String((r[0] + r[2]) / 2, r[1] + lay.small_size * 0.3, text, fontName=italic,
                     fontSize=lay.small_size, textAnchor="middle",
                     fillColor=color(theme.muted if theme.min_text_size else "#6b6b6b")))

    # Projects (lines) under the point markers, then camps, then cities.
    for it in lay.items:
        if it.kind == "project":
            if len(it.line) >= 2:
                pts = [c for p in it.line for c in p]
                g.add(PolyLine(pts, strokeColor=color(HALO), strokeWidth=fs * PROJECT_WIDTH + 1.2, strokeLineCap=1,
                               strokeLineJoin=1))
                g.add(PolyLine(pts, strokeColor=color(theme.accent), strokeWidth=fs * PROJECT_WIDTH, strokeLineCap=1,
                               strokeLineJoin=1))
            else:
                x, y = it.point
                s = fs * 0.5
                g.add(Line(x - s, y, x + s, y, strokeColor=color(theme.accent), strokeWidth=fs * PROJECT_WIDTH,
                           strokeLineCap=1))
    for it in lay.items:
        x, y = it.point
        if it.kind == "camp":
            m = it.marker
            g.add(Rect(m[0], m[1], m[2] - m[0], m[3] - m[1], fillColor=ink, strokeColor=color(HALO),
                       strokeWidth=0.6))
        elif it.kind == "city":
            r = (it.marker[2] - it.marker[0]) / 2
            g.add(Circle(x, y, r, fillColor=color("#ffffff"), strokeColor=ink, strokeWidth=max(0.6, fs * 0.1)))
            g.add(Circle(x, y, r * 0.36, fillColor=ink, strokeColor=None))

    for it in lay.items:
        if it.label:
            _label(g, it.name, it.label, fs, sans, ink, fs * 0.32)

    if lay.legend:
        _draw_legend(g, lay, theme, sorted({it.kind for it in lay.items}, key=KINDS.index))
    d.add(g)
    d.add(Rect(fx0, fy0, fx1 - fx0, fy1 - fy0, fillColor=None, strokeColor=ink, strokeWidth=0.6))
    return d



def _draw_legend(g: Group, lay: MapLayout, theme: Theme, kinds: Sequence[str]) -> None:
    fs = lay.legend_size
    sans = font_for(theme, theme.heading_family)
    ink = color(theme.ink)
    x0, y0, x1, y1 = lay.legend
    g.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=color("#ffffff"), strokeColor=color(theme.rule),
               strokeWidth=0.4))
    row = fs * 1.45
    key = fs * 1.6
    kx = x0 + fs * 0.6
    tx = kx + key + fs * 0.2
    y = y1 - fs * 0.4 - row
    mk = lay.font_size * 0.62
    for r in legend_rows(kinds):
        cy = y + row * 0.5
        base = cy - fs * 0.33
        if r == "soviet":
            g.add(Rect(kx, cy - fs * 0.4, key, fs * 0.8, fillColor=color(SOVIET), strokeColor=None))
            g.add(String(tx, base, "Soviet republics (modern borders)", fontName=sans, fontSize=fs, fillColor=ink))
        elif r == "camp":
            g.add(Rect(kx + key / 2 - mk / 2, cy - mk / 2, mk, mk, fillColor=ink, strokeColor=None))
        elif r == "city":
            rad = mk * 0.55
            g.add(Circle(kx + key / 2, cy, rad, fillColor=color("#ffffff"), strokeColor=ink,
                         strokeWidth=max(0.6, lay.font_size * 0.1)))
            g.add(Circle(kx + key / 2, cy, rad * 0.36, fillColor=ink, strokeColor=None))
        elif r == "project":
            lw = lay.font_size * PROJECT_WIDTH
            g.add(Line(kx + lw / 2, cy, kx + key - lw / 2, cy, strokeColor=color(theme.accent), strokeWidth=lw,
                       strokeLineCap=1))
        elif r == "scale":
            pt_per_km = lay.scale / geo.EARTH_RADIUS_KM
            km = scale_km(pt_per_km, fs * 4)
            length = km * pt_per_km
            sy = cy - fs * 0.15
            g.add(Line(kx, sy, kx + length, sy, strokeColor=ink, strokeWidth=0.6))
            for xx in (kx, kx + length / 2, kx + length):
                g.add(Line(xx, sy, xx, sy + fs * 0.35, strokeColor=ink, strokeWidth=0.6))
            g.add(String(kx + length + fs * 0.4, base, f"{km:,} km", fontName=sans, fontSize=fs, fillColor=ink))
        if r in LEGEND_TEXT:
            g.add(String(tx, base, LEGEND_TEXT[r], fontName=sans, fontSize=fs, fillColor=ink))
        y -= row
