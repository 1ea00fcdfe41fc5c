"""The map: its projection, its boundary data, its label placement and its fonts."""
from __future__ import annotations

import io
import json
import math
from importlib import resources
from itertools import combinations
from types import SimpleNamespace

import pytest
import yaml

from guide import geo
from guide.theme import THEME_NAMES, theme_named

from conftest import CONTENT

R = geo.EARTH_RADIUS_KM


def shipped_places() -> list[dict]:
    return yaml.load((CONTENT / "places.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["places"]


# --- projection -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lat", [20, 45, 60, 75, 85])
def test_central_meridian_is_x_zero(lat):
    x, y = geo.albers(100, lat)
    assert x == pytest.approx(0, abs=1e-12)
    # and northwards is up
    assert geo.albers(100, lat + 1)[1] > y


def test_origin_and_symmetry():
    assert geo.albers(100, 60) == pytest.approx((0, 0), abs=1e-12)
    for d in (5, 40, 90):
        left, right = geo.albers(100 - d, 55), geo.albers(100 + d, 55)
        assert left[0] == pytest.approx(-right[0])
        assert left[1] == pytest.approx(right[1])
    # Longitudes are taken modulo 360: 190°E is 170°W
    assert geo.albers(190, 66) == pytest.approx(geo.albers(-170, 66))


# Reference values from PROJ 9.5.1: +proj=aea +lat_1=50 +lat_2=70 +lat_0=60 +lon_0=100 +R=6371000, in km.
PROJ_REFERENCE = [
    ((37.62, 55.76), (-3329.031, 1189.354)),      # Moscow
    ((150.80, 59.56), (2558.819, 966.700)),       # Magadan
    ((64.05, 67.50), (-1445.312, 1241.613)),      # Vorkuta
    ((128.13, 51.38), (1889.853, -566.826)),      # Svobodny
    ((-170.0, 66.0), (2922.895, 2991.801)),       # Chukotka, west of 180
    ((20.0, 45.0), (-4972.197, 1693.842)),
]


@pytest.mark.parametrize("lonlat,expected", PROJ_REFERENCE)
def test_known_points_match_proj(lonlat, expected):
    x, y = geo.albers(*lonlat, radius=R - 0.0088)    # PROJ's sphere: 6371 km exactly
    assert x == pytest.approx(expected[0], abs=0.01)
    assert y == pytest.approx(expected[1], abs=0.01)


@pytest.mark.parametrize("lat", [50, 70])
def test_standard_parallels_are_true_to_scale(lat):
    # Along a standard parallel, projected distance equals distance on the sphere (scale factor 1).
    d = 0.01
    (x0, y0), (x1, y1) = geo.albers(120, lat, radius=R), geo.albers(120 + d, lat, radius=R)
    projected = math.hypot(x1 - x0, y1 - y0)
    on_sphere = R * math.cos(math.radians(lat)) * math.radians(d)
    assert projected == pytest.approx(on_sphere, rel=1e-6)
    # and only there: at 60°N the parallels are shortened, at 40°N lengthened
    def k(phi):
        (a, b), (c, e) = geo.albers(120, phi), geo.albers(120 + d, phi)
        return math.hypot(c - a, e - b) / (math.cos(math.radians(phi)) * math.radians(d))
    assert k(60) < 1 < k(40)


def projected_cell_area(lon0, lat0, size, steps=50):
    """The projected area of a lon/lat cell, its edges densified (parallels are arcs in the projection)."""
    lon1, lat1 = lon0 + size, lat0 + size
    ring = ([(lon0 + size * i / steps, lat0) for i in range(steps)]
            + [(lon1, lat0 + size * i / steps) for i in range(steps)]
            + [(lon1 - size * i / steps, lat1) for i in range(steps)]
            + [(lon0, lat1 - size * i / steps) for i in range(steps)])
    return abs(geo.ring_area([geo.albers(lon, lat, radius=R) for lon, lat in ring]))


def spherical_cell_area(lon0, lat0, size):
    return R * R * math.radians(size) * (math.sin(math.radians(lat0 + size)) - math.sin(math.radians(lat0)))


def test_equal_area_cells_at_one_latitude():
    a = projected_cell_area(40, 55, 1)
    b = projected_cell_area(160, 55, 1)          # far from the central meridian, where shapes are skewed
    assert a == pytest.approx(b, rel=1e-4)


@pytest.mark.parametrize("lon,lat", [(100, 60), (35, 64), (70, 40), (185, 66), (130, 78)])
def test_cell_area_matches_the_sphere(lon, lat):
    assert projected_cell_area(lon, lat, 2) == pytest.approx(spherical_cell_area(lon, lat, 2), rel=0.01)


# --- boundary data ----------------------------------------------------------------------------------

def map_file():
    return resources.files("guide").joinpath("data", geo.MAP_FILE)


def test_geojson_is_small_and_well_formed():
    raw = map_file().read_bytes()
    assert len(raw) < 120 * 1024
    data = json.loads(raw)
    assert data["type"] == "FeatureCollection"
    for f in data["features"]:
        assert set(f["properties"]) == {"name", "iso_a3", "soviet"}
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
    soviet = {f["properties"]["iso_a3"] for f in data["features"] if f["properties"]["soviet"]}
    assert soviet == {"RUS", "UKR", "BLR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE", "KAZ", "UZB",
                      "TKM", "KGZ", "TJK"}


def test_load_map():
    countries = geo.load_map()
    assert countries[0].soviet and not countries[-1].soviet            # republics first
    names = {c.name for c in countries}
    assert {"Russia", "Finland", "China", "Mongolia", "Japan"} <= names
    for c in countries:
        for poly in c.polygons:
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-20 <= lon <= 215 and 0 <= lat <= 90 for lon, lat in ring)


def test_russia_is_one_piece_across_180():
    russia = next(c for c in geo.load_map() if c.iso_a3 == "RUS")
    # The mainland is one ring that runs from the Baltic to Chukotka's tip past 180°.
    mainland = max((poly[0] for poly in russia.polygons), key=len)
    lons = [lon for lon, _ in mainland]
    assert min(lons) < 30 and max(lons) > 185
    # No seam: nothing of Russia stops at the 180° meridian, and no longitude is west of 150°W.
    for poly in russia.polygons:
        for lon, _ in poly[0]:
            assert lon > 0
        pts = poly[0]
        assert not any(a[0] == b[0] == 180.0 for a, b in zip(pts, pts[1:]))


def test_russia_lies_inside_the_frame():
    from guide.typeset.mapdraw import map_layout

    lay = map_layout([], theme_named(), 360)
    x0, y0, x1, y1 = lay.frame
    russia = next(c for c in geo.load_map() if c.iso_a3 == "RUS")
    for poly in russia.polygons:
        for lon, lat in poly[0]:
            x, y = lay.project(lon, lat)
            assert x0 <= x <= x1 and y0 <= y <= y1


# --- label placement --------------------------------------------------------------------------------

def test_place_labels_prefers_the_right_and_avoids_obstacles():
    pts = [(50, 50)]
    [r] = geo.place_labels(pts, [(20, 8)], (0, 0, 100, 100), [], gap=3)
    assert r == (53, 46, 73, 54)                                        # to the right, centred
    [r] = geo.place_labels(pts, [(20, 8)], (0, 0, 100, 100), [(52, 40, 80, 60)], gap=3)
    assert r == (27, 46, 47, 54)                                        # the right is taken: left
    [r] = geo.place_labels(pts, [(20, 8)], (0, 0, 100, 100), [(0, 47, 45, 53), (55, 47, 100, 53)], gap=3)
    assert r == (40, 53, 60, 61)                                        # both sides taken: above


def test_place_labels_drops_what_does_not_fit_and_is_deterministic():
    pts = [(10, 10), (12, 10), (95, 50)]
    sizes = [(30, 8), (30, 8), (30, 8)]
    out = geo.place_labels(pts, sizes, (0, 0, 100, 100), [], gap=2)
    assert out == geo.place_labels(pts, sizes, (0, 0, 100, 100), [], gap=2)
    assert out[0] is not None and out[2] is not None
    assert out[2][2] <= 100                                             # stays inside: placed left
    # A point boxed in on every side gets no label.
    walls = [(0, 0, 100, 45), (0, 55, 100, 100), (0, 0, 45, 100), (55, 0, 100, 100)]
    assert geo.place_labels([(50, 50)], [(20, 8)], (0, 0, 100, 100), walls) == [None]


def check_layout(lay):
    """No label overlaps another label or any marker, and every label is inside the frame."""
    labels = [(it.name, it.label) for it in lay.items if it.label]
    if lay.arctic_label:
        labels.append(("Arctic Circle", lay.arctic_label))
    labels += lay.seas
    for (a, ra), (b, rb) in combinations(labels, 2):
        assert not geo.overlaps(ra, rb), f"labels {a!r} and {b!r} overlap"
    boxes = [it.marker for it in lay.items if it.kind != "project"] + ([lay.legend] if lay.legend else [])
    for name, r in labels:
        for m in boxes:
            assert not geo.overlaps(r, m), f"label {name!r} covers a marker or the legend"
        assert geo.inside(r, lay.frame), f"label {name!r} leaves the frame"
    for it in lay.items:
        if lay.legend:
            assert not geo.overlaps(it.marker, lay.legend), f"the legend hides {it.name!r}"


@pytest.mark.parametrize("width", [360, 250])
def test_shipped_places_labels_do_not_overlap(width):
    from guide.typeset.mapdraw import map_layout

    places = shipped_places()
    lay = map_layout(places, theme_named(), width)
    check_layout(lay)
    labelled = {it.name for it in lay.items if it.label}
    # the places the Gulag section cannot do without are labelled at both sizes
    assert {"Moscow", "Solovki", "Vorkuta", "Norilsk", "Kolyma", "Karlag", "BAMlag"} <= labelled
    # and line segments of projects are avoided too
    for it in lay.items:
        if it.label:
            assert not any(geo.overlaps(it.label, o) for o in lay.obstacles)


@pytest.mark.parametrize("theme_name", THEME_NAMES)
@pytest.mark.parametrize("width,height", [(468, None), (300, 150), (220, None)])
def test_layout_in_every_theme(theme_name, width, height):
    from guide.typeset.mapdraw import map_layout

    lay = map_layout(shipped_places(), theme_named(theme_name), width, height)
    check_layout(lay)
    x0, y0, x1, y1 = lay.frame
    assert x1 - x0 <= width + 1e-6
    if height is not None:
        assert lay.height == height and y1 - y0 <= height + 1e-6


def test_label_places_limits_the_labels():
    from guide.typeset.mapdraw import map_layout

    lay = map_layout(shipped_places(), theme_named(), 360, label_places=["moscow", "Kolyma"])
    assert {it.name for it in lay.items if it.label} == {"Moscow", "Kolyma"}
    assert len(lay.items) == len(shipped_places())                     # every marker is still drawn


def test_objects_work_as_places_and_bad_kinds_are_refused():
    from guide.typeset.mapdraw import map_drawing

    theme = theme_named()
    d = map_drawing([SimpleNamespace(name="Vorkuta", lat=67.5, lon=64.05, kind="camp", line=None)], theme, 300)
    assert d.width == 300 and d.height > 150
    with pytest.raises(ValueError, match="kind"):
        map_drawing([{"name": "X", "lat": 60, "lon": 60, "kind": "prison"}], theme, 300)


# --- fonts ------------------------------------------------------------------------------------------

def test_map_uses_only_the_guides_embedded_fonts():
    from pypdf import PdfReader
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    from guide.typeset.fonts import font_for
    from guide.typeset.mapdraw import map_drawing

    theme = theme_named()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(612, 792), initialFontName=font_for(theme, theme.heading_family))
    y = 760
    for width in (360, 250):
        d = map_drawing(shipped_places(), theme, width)
        y -= d.height + 10
        renderPDF.draw(d, canvas, 72, y)
    canvas.showPage()
    canvas.save()

    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        base = str(font["/BaseFont"])
        assert "Helvetica" not in base and "Times" not in base and "Courier" not in base
        assert "NotoSans" in base, base
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object() \
            if "/DescendantFonts" in font else font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{base} is not embedded"
    text = page.extract_text()
    for name in ("Moscow", "Vorkuta", "Kolyma", "Arctic Circle"):
        assert name in text


# --- places -----------------------------------------------------------------------------------------

def test_places_content_is_complete():
    refs = {r["id"] for r in yaml.load((CONTENT / "sources.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["references"]}
    places = shipped_places()
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids))
    assert {"moscow", "solovki", "belomorkanal", "vorkuta", "norilsk", "kolyma", "magadan", "karlag",
            "bamlag"} <= set(ids)
    for p in places:
        assert p["kind"] in ("camp", "project", "city")
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 360
        assert 40 <= p["lat"] <= 75 and 20 <= p["lon"] <= 180           # all inside the Soviet Union
        assert p["source"] in refs
        assert set(p["text"]) == {"middle", "high", "college"}
        assert isinstance(p["years"], str) and p["years"]
        for lat, lon in p.get("line") or []:
            assert abs(lat - p["lat"]) < 2 and abs(lon - p["lon"]) < 2   # the label sits on its line
    canal = next(p for p in places if p["id"] == "belomorkanal")
    assert canal["kind"] == "project" and len(canal["line"]) >= 2
    # from Lake Onega (Povenets) in the south to the White Sea (Belomorsk) in the north
    assert canal["line"][0][0] < 63 and canal["line"][-1][0] > 64.4
