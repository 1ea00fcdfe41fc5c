#!/usr/bin/env python3
"""Regenerate guide/data/ussr_map.geojson from Natural Earth 1:110m countries (development time only).

This script is not run at build time and the package never imports it; pyshp and shapely, which it
needs, are not dependencies of `guide`. The boundaries come from the copy of Natural Earth that the
geopandas 0.14.4 wheel ships (geopandas/datasets/naturalearth_lowres/, Natural Earth 5.1 with Crimea
assigned to Ukraine by geopandas). To regenerate:

    python -m venv /tmp/mapvenv && /tmp/mapvenv/bin/pip install pyshp shapely
    /tmp/mapvenv/bin/pip download --no-deps geopandas==0.14.4 -d /tmp/gpd
    (cd /tmp/gpd && unzip -o geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/naturalearth_lowres/*')
    /tmp/mapvenv/bin/python tools/make_map_data.py /tmp/gpd/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

What it does:
1. Reads every country with pyshp. Polygons lying west of 150°W (Chukotka's tip and Wrangel Island,
   which Natural Earth cuts at 180°, and Alaska) are shifted by +360° so that longitudes run on past
   180 (to about 190 for Russia); Russia's pieces on either side of 180° are then merged, so Russia is
   one outline with no seam.
2. Keeps the 15 former Soviet republics whole (`soviet: true`) and clips every other country to the
   map's frame: the bounding box of the republics in the guide's projection (Albers equal-area conic,
   central meridian 100°E, standard parallels 50°N and 70°N; guide/geo.py) widened by a margin. The
   clipping is done in projected coordinates, because that frame reaches from about 0°E/49°N in its
   top-left corner to about 54°E/22°N in its bottom-left and past 190°E in its top-right, which no
   simple longitude/latitude box matches.
3. Simplifies each outline with shapely (tolerance 0.05°, topology preserved), rounds coordinates to
   two decimals and drops repeated points and slivers.
4. Writes a GeoJSON FeatureCollection with the properties `name`, `iso_a3` and `soviet`.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import shapefile                                   # pyshp
import shapely
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from guide.geo import _albers_constants, albers  # noqa: E402  (the projection the guide draws with)

# The 15 Union republics of 1991, as the countries that exist today.
SOVIET = {"RUS", "UKR", "BLR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK"}
SHIFT_WEST_OF = -150.0      # polygons entirely west of this longitude move east by 360°
LONLAT_WINDOW = (-20.0, 10.0, 215.0, 90.0)   # a coarse prefilter, so that nothing wraps in the projection
FRAME_MARGIN = 0.08         # the clip frame: the republics' projected bounding box plus 8% of its width
SIMPLIFY = 0.05             # degrees
DECIMALS = 2
MIN_AREA = 0.02             # square degrees: smaller clipped or simplified pieces are dropped


def inverse_albers(x: float, y: float) -> tuple[float, float]:
    """(lon, lat) for a projected point (unit sphere, the guide's default parameters)."""
    n, c, rho0 = _albers_constants(50, 70, 60)
    rho = math.hypot(x, rho0 - y)
    theta = math.atan2(x, rho0 - y)
    s = max(-1.0, min(1.0, (c - (rho * n) ** 2) / (2 * n)))
    return 100 + math.degrees(theta / n), math.degrees(math.asin(s))


def transform(func, geom):
    """`geom` with every (x, y) replaced by func(x, y)."""
    return shapely.transform(geom, lambda coords: [func(x, y) for x, y in coords])


def project_xy(lons, lats):
    pts = [albers(lon, lat) for lon, lat in zip(lons, lats)]
    return [p[0] for p in pts], [p[1] for p in pts]


def shifted(geom):
    """The geometry with its polygons west of 150°W moved east by 360°."""
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    out = []
    for p in polys:
        if p.bounds[2] < SHIFT_WEST_OF:
            p = transform(lambda x, y: (x + 360.0, y), p)
        out.append(p)
    return unary_union(out)


def polygons_of(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for part in getattr(geom, "geoms", []) for g in polygons_of(part)]


def rounded(geom):
    """Simplified, rounded polygons as GeoJSON coordinates (no repeated points, no slivers)."""
    geom = geom.simplify(SIMPLIFY, preserve_topology=True)
    out = []
    for poly in polygons_of(geom):
        if poly.area < MIN_AREA:
            continue
        rings = []
        for ring in [poly.exterior, *poly.interiors]:
            pts = []
            for x, y in ring.coords:
                pt = [round(x, DECIMALS), round(y, DECIMALS)]
                if not pts or pt != pts[-1]:
                    pts.append(pt)
            if len(pts) >= 4:
                rings.append(pts)
        if rings:
            out.append(rings)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shp", help="naturalearth_lowres.shp from the geopandas 0.14.4 wheel")
    ap.add_argument("-o", "--output", default=str(ROOT / "guide" / "data" / "ussr_map.geojson"))
    args = ap.parse_args()

    reader = shapefile.Reader(args.shp)
    countries = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        geom = shifted(shape(sr.shape.__geo_interface__).buffer(0))
        countries.append((rec["name"], rec["iso_a3"], rec["iso_a3"] in SOVIET, geom))
    found = {iso for _, iso, soviet, _ in countries if soviet}
    if found != SOVIET:
        raise SystemExit(f"missing republics: {sorted(SOVIET - found)}")

    # The frame: the republics' bounding box in the projection, widened by the margin.
    xs, ys = [], []
    for _, _, soviet, geom in countries:
        if soviet:
            for poly in polygons_of(geom):
                px, py = project_xy(*poly.exterior.xy)
                xs += px
                ys += py
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    m = FRAME_MARGIN * (x1 - x0)
    frame = box(x0 - m, y0 - m, x1 + m, y1 + m)
    window = box(*LONLAT_WINDOW)

    features = []
    for name, iso, soviet, geom in countries:
        if not soviet:
            geom = geom.intersection(window)
            if geom.is_empty:
                continue
            projected = transform(albers, geom.segmentize(1.0)).buffer(0)
            clipped = projected.intersection(frame)
            if clipped.is_empty:
                continue
            geom = transform(inverse_albers, clipped).buffer(0)
        coords = rounded(geom)
        if not coords:
            continue
        features.append({"type": "Feature",
                         "properties": {"name": name, "iso_a3": iso, "soviet": soviet},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    features.sort(key=lambda f: (not f["properties"]["soviet"], f["properties"]["name"]))
    data = {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4; "
                      "simplified and clipped by tools/make_map_data.py",
            "features": features}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One feature per line keeps diffs of the data file readable.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"').replace('"features":[', '"features":[\n', 1)
    Path(args.output).write_text(text + "\n", encoding="utf-8")
    npts = sum(len(r) for f in features for p in f["geometry"]["coordinates"] for r in p)
    print(f"{args.output}: {len(features)} countries, {npts} points, {len(text.encode()) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
