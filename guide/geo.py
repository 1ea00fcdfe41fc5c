"""Map geometry in pure Python: an equal-area projection, the shipped boundary data and a label placer.

No ReportLab here (the drawing is `typeset/mapdraw.py`) and no numpy: a map has a few thousand points.

* `albers()` — the Albers equal-area conic projection on a sphere. By default the sphere has radius 1,
  so x and y are in Earth radii and areas in steradians; pass `radius=EARTH_RADIUS_KM` for kilometres.
  The defaults suit the Soviet Union: central meridian 100°E, standard parallels 50°N and 70°N, origin 60°N.
* `load_map()` — the countries in `guide/data/ussr_map.geojson` (Natural Earth 1:110m, simplified; see
  `guide/data/README.md`), as polygons of rings of (lon, lat).
* `place_labels()` — a deterministic, greedy placer: each label takes the first of eight positions around
  its marker that stays inside the frame and overlaps no marker and no label placed before it.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

EARTH_RADIUS_KM = 6371.0088    # the mean radius (IUGG)
MAP_FILE = "ussr_map.geojson"

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]      # the outer ring first, then any holes
Rect = tuple[float, float, float, float]   # x0, y0, x1, y1 with x0 <= x1 and y0 <= y1


# --- projection -------------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _albers_constants(lat1: float, lat2: float, lat0: float) -> tuple[float, float, float]:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(lat0))) / n
    return n, c, rho0


def albers(lon: float, lat: float, lon0: float = 100, lat1: float = 50, lat2: float = 70, lat0: float = 60,
           radius: float = 1.0) -> Point:
    """Project (lon, lat) in degrees with the Albers equal-area conic on a sphere of `radius`.

    The central meridian `lon0` maps to x = 0 and the origin (lon0, lat0) to (0, 0); y grows northwards.
    Longitudes are taken modulo 360 around `lon0`, so 190 and -170 are the same meridian. The formulas
    are Snyder's (Map Projections: A Working Manual, 1987, pp. 100–101), spherical form."""
    n, c, rho0 = _albers_constants(lat1, lat2, lat0)
    dlon = (lon - lon0 + 180.0) % 360.0 - 180.0
    rho = math.sqrt(max(c - 2 * n * math.sin(math.radians(lat)), 0.0)) / n
    theta = n * math.radians(dlon)
    return radius * rho * math.sin(theta), radius * (rho0 - rho * math.cos(theta))


def ring_area(ring: Sequence[Point]) -> float:
    """The signed area of a closed or open ring of (x, y) points (shoelace; counter-clockwise positive)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, list(ring[1:]) + [ring[0]]):
        total += x0 * y1 - x1 * y0
    return total / 2


# --- boundary data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Country:
    name: str
    iso_a3: str
    soviet: bool                # a former Soviet republic (its modern borders)
    polygons: tuple[Polygon, ...]


def _polygons(geometry: dict) -> tuple[Polygon, ...]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        coords = [coords]
    elif kind != "MultiPolygon":
        raise ValueError(f"unexpected geometry type {kind!r} in {MAP_FILE}")
    return tuple(tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in poly) for poly in coords)


@lru_cache(maxsize=1)
def load_map() -> tuple[Country, ...]:
    """The countries of the shipped map, Soviet republics first. Coordinates are (lon, lat) in degrees;
    Chukotka's longitudes run past 180 (up to about 190) so that Russia is drawn in one piece."""
    text = resources.files("guide").joinpath("data", MAP_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    out = [Country(f["properties"]["name"], f["properties"]["iso_a3"], bool(f["properties"]["soviet"]),
                   _polygons(f["geometry"])) for f in data["features"]]
    out.sort(key=lambda c: (not c.soviet, c.name))
    return tuple(out)


# --- label placement --------------------------------------------------------------------------------

# Positions tried around a marker, in order of preference: the directions the label's box is moved in.
POSITIONS = (("right", 1, 0), ("left", -1, 0), ("above", 0, 1), ("below", 0, -1),
             ("above-right", 1, 1), ("below-right", 1, -1), ("above-left", -1, 1), ("below-left", -1, -1))


def overlaps(a: Rect, b: Rect) -> bool:
    """True if two rectangles share interior area (touching edges do not count)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Rect, bounds: Rect) -> bool:
    return a[0] >= bounds[0] and a[1] >= bounds[1] and a[2] <= bounds[2] and a[3] <= bounds[3]


def candidates(point: Point, size: tuple[float, float], gap: float) -> list[Rect]:
    """The label rectangles tried for a marker at `point`, `gap` away from its centre, in order."""
    x, y = point
    w, h = size
    out = []
    for _, dx, dy in POSITIONS:
        if dx > 0:
            x0 = x + gap
        elif dx < 0:
            x0 = x - gap - w
        else:
            x0 = x - w / 2
        if dy > 0:
            y0 = y + gap * (0.7 if dx else 1)
        elif dy < 0:
            y0 = y - gap * (0.7 if dx else 1) - h
        else:
            y0 = y - h / 2
        out.append((x0, y0, x0 + w, y0 + h))
    return out


def place_labels(points: Sequence[Point], label_sizes: Sequence[tuple[float, float]], bounds: Rect,
                 avoid: Iterable[Rect] = (), gap: float | Sequence[float] = 2.0) -> list[Rect | None]:
    """Place one label per point, in the order given (the first has priority).

    `points` are marker centres and `label_sizes` the (width, height) of each label, in the same units;
    `bounds` is the rectangle labels must stay inside; `avoid` are rectangles no label may overlap (the
    markers, lines, a legend). `gap` is the distance from the marker's centre to the label's box, one
    number or one per point. Each label takes the first candidate position (right, left, above, below,
    then the diagonals) that is inside `bounds` and overlaps nothing avoided and no label placed so far.
    Returns the chosen rectangle per point, or None where no position fits (the label is dropped).
    Deterministic: the same input always gives the same output."""
    if len(points) != len(label_sizes):
        raise ValueError("one label size per point is needed")
    gaps = [gap] * len(points) if isinstance(gap, (int, float)) else list(gap)
    blocked = list(avoid)
    placed: list[Rect | None] = []
    for point, size, g in zip(points, label_sizes, gaps):
        choice = None
        for rect in candidates(point, size, g):
            if inside(rect, bounds) and not any(overlaps(rect, other) for other in blocked):
                choice = rect
                break
        placed.append(choice)
        if choice is not None:
            blocked.append(choice)
    return placed
