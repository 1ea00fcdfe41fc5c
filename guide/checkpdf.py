"""A layout checker for built PDFs: `guide check-pdf FILE...` reads a PDF and reports what a reader would notice.

Pure Python (pypdf for the document's structure, pdfplumber for glyphs with positions, pikepdf if installed):
an instructor who checks their own edition needs no poppler. `check_pdf()` returns `Finding`s and
`format_report()` turns them into a report grouped by page.

The contract with the builder
-----------------------------
The typesetter writes two private keys into the catalog's page-piece dictionary, ``/PieceInfo /Guide
/Private`` (where document properties do not show them; imposed booklets keep it):

* ``/TypeArea`` ``"x0 y0 x1 y1"``: the text frame, in PDF points, origin at the bottom left of the page
  (``"104.40 72.00 507.60 720.00"`` for US Letter with 1.45 in side margins and 1 in top and bottom margins).
* ``/Furniture`` ``"footer_y header_y"``: the baselines of the footer and of the running head.

PDFs made by earlier versions carry the same values as ``/GuideTypeArea`` and ``/GuideFurniture`` in the
document information dictionary; they are read from there when there is no PieceInfo (below, the two are
called by those names).

Text may then stand in the frame, in the header zone (from the top of the frame up to ``FURNITURE_ROOM``
above the header baseline) and in the footer zone (from ``FURNITURE_ROOM / 2`` below the footer baseline up
to the bottom of the frame); both zones are as wide as the frame.

* Two-sided printing: the frame of an even page may be the mirror image of the odd page's; an even page whose
  text fits the mirrored frame better is checked against it. Odd pages are always checked against the frame
  as given.
* Booklets: a landscape page at least twice as wide as the type area's right edge is a two-up sheet imposed
  by ``guide.impose``. Each half is checked as a page of its own, against the type area shifted into it, and
  the halves are read in the booklet's page order (a finding's page is the PDF page, its message names the
  booklet page). The contents check is skipped for booklets.
* Without ``/GuideTypeArea`` (a PDF from elsewhere) the type area is inferred generously: the page less 0.5 in
  on every side, furniture included. Without ``/GuideFurniture`` the header and footer zones reach to 0.25 in
  from the edges of the page. ``check_pdf(path, type_area=(x0, y0, x1, y1))`` overrides the frame.

The checks (the name in brackets is `Finding.check`)
----------------------------------------------------
1. [off-page], [type-area]: no glyph outside the page or outside the type area and furniture zones (glyph
   boxes as pdfplumber gives them, ``GLYPH_TOLERANCE`` points of slack); no rectangle, line, curve or image
   off the page (``GRAPHIC_TOLERANCE``). pdfplumber ignores clipping paths, so on a page where it sees a
   graphic off the page the content stream is read again with the clipping applied (a map clipped to its
   frame is fine); glyphs are not clipped.
2. [missing-glyph]: no character drawn as ``.notdef``: a character whose text is empty, U+FFFD or U+0000
   (ReportLab draws a character its font lacks as code 0, which its ToUnicode maps to U+0000), an unmapped
   ``(cid:N)``, or a code whose glyph in the embedded TrueType font's own cmap is glyph 0.
3. [font-embedding], [font-subset]: every font (except Type 3) embedded (FontFile, FontFile2 or FontFile3)
   and subset (its name starts with six capital letters and "+").
4. [structure]: qpdf's structural check through pikepdf (``Pdf.check()``, ``check_pdf_syntax()`` in newer
   versions), when pikepdf can be imported; otherwise skipped, as the report's header says.
5. [link], [outline], [contents]: every link annotation with a destination (``/Dest`` or a GoTo action)
   and every outline entry points at a page of this document. On the first page with a line reading
   "Contents", every line ending in a number whose title is also an outline entry must show that entry's page.
6. [stranded-heading]: a line set in the heading font (``HEADING_FONT``: a bold sans, e.g. NotoSans-Bold)
   that is the last text line in the frame of a page, with nothing drawn below it (rules thinner than
   1.5 pt within 1.2 em under it, such as a table header's rule, excepted), while the next page goes on with
   text that is not a heading. Box titles, table headers and chronology years are caught too: they are set in
   the same font.
7. [orphan], [widow]: see "Body text" below.
8. [stretched-line]: in body lines that reach the right edge of the frame (justified lines; the last line of
   a paragraph is set at its natural width and so is not measured), the mean gap between words, measured from
   the glyphs' positions, must not exceed ``MAX_WORD_SPACE`` times the font's normal space (the width of its
   space glyph, about 0.29 em in Charis SIL; 0.25 em if the PDF draws no space). A justified line spreads its
   extra space evenly, so a line whose gaps differ by more than ``UNEVEN_GAPS`` spaces (a table row, a contents
   line) is not measured. Every line over the limit is reported, and the worst on each page is marked.
9. [chronology-header]: on the pages whose running head reads CHRONOLOGY, the table's header row ("Date",
   "Event") appears on the first such page and is the first line of every later one. (Whether a table row is
   split across pages cannot be seen reliably in a PDF; rows are not checked.)

Body text
---------
Glyphs are grouped into lines by baseline (within ``LINE_TOLERANCE``; smaller raised glyphs such as note
numbers join the line below them). The body font is the regular (not bold or italic) font with the most
glyphs in the frames of all pages, and the body size its most common size. A body line has at least 70% of
its glyphs in the body font's family at the body size. The leading is the most common distance between the
baselines of consecutive body lines. Two consecutive body lines on a page belong to different paragraphs if
their baselines are more than ``PARAGRAPH_GAP`` leadings apart, or the second is indented (first-line
indent) by more than half the body size relative to the first. A paragraph continues onto the next page when
the last line in the frame of one page is a body line that is "open" (it reaches the right edge of the frame,
or ends with a hyphen, or, for ragged text, is at least 60% of the measure and does not end with . ! ? : or a
closing quote after them), and the first line in the frame of the next page is a body line, at the top of the
frame, not indented, and not to the left of where the last line started (a list item or quiz option goes on
at its own indent, so a line at the margin after it begins something new). Then an orphan is such a continuing paragraph with only its first line on the page, and
a widow one whose last line is alone at the top of the next page. Lines in boxes or tables are in other sizes
and are not body lines.
"""
from __future__ import annotations

import re
import struct
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

INCH = 72.0
GLYPH_TOLERANCE = 2.0          # points a glyph box may cross the edge of its zone (rounding, overshoot)
GRAPHIC_TOLERANCE = 1.0        # points a rule or box may cross the edge of the page
FURNITURE_ROOM = 14.0          # header zone reaches this far above the header baseline; footer zone half of it below
INFERRED_MARGIN = 0.5 * INCH   # the inferred type area without /GuideTypeArea: the page less this
INFERRED_EDGE = 0.25 * INCH    # furniture zones reach this close to the page edge without /GuideFurniture
LINE_TOLERANCE = 1.5           # glyphs whose baselines differ by at most this are on one line
WORD_GAP = 0.2                 # a gap between glyphs wider than this many ems separates two words
FULL_LINE_TOLERANCE = 1.0      # a line whose right end is within this of the frame's right edge is "full"
PARAGRAPH_GAP = 1.1            # consecutive body lines further apart than this many leadings: a new paragraph
# The widest mean word space accepted in a justified line, as a multiple of the font's normal space. Good
# typesetting keeps word spaces within about 1.5x; beyond 2x a line shows rivers and gaps that readers notice
# (TeX's default \tolerance of 200 corresponds roughly to a stretch of 1.6-1.8x for Computer Modern).
MAX_WORD_SPACE = 2.0
UNEVEN_GAPS = 0.6              # word gaps differing by more than this many spaces: not a justified line
NORMAL_SPACE_EM = 0.25         # the normal space if the PDF draws no space glyph in the body font
BODY_SHARE = 0.7               # share of a line's glyphs in the body family at the body size that makes a body line
HEADING_SHARE = 0.9            # share of a line's glyphs in a heading font that makes a heading line
CONTINUATION_GAP = 1.6     # a line this close (× its size) below a non-heading line continues that paragraph
HEADING_FONT = re.compile(r"sans.*bold|bold.*sans", re.IGNORECASE)   # bold sans: NotoSans-Bold, …
STYLED = re.compile(r"bold|italic|oblique|black|heavy|semibold|demi", re.IGNORECASE)
TERMINAL = tuple(".!?:…") + tuple(p + q for p in ".!?…" for q in "”’\")]")
MAX_PER_PAGE = 5               # examples quoted per page and check before "and N more"


@dataclass
class Finding:
    page: int | None    # 1-based; None for the whole document
    check: str
    message: str


# --------------------------------------------------------------------------------------------------------------
# Geometry


@dataclass(frozen=True)
class _Area:
    x0: float
    y0: float
    x1: float
    y1: float
    header: tuple[float, float] | None   # (bottom, top) of the header zone
    footer: tuple[float, float] | None

    def mirrored(self, width: float) -> "_Area":
        return _Area(width - self.x1, self.y0, width - self.x0, self.y1, self.header, self.footer)

    def shifted(self, dx: float) -> "_Area":
        return _Area(self.x0 + dx, self.y0, self.x1 + dx, self.y1, self.header, self.footer)

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


def _floats(value, count: int) -> tuple[float, ...] | None:
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("latin-1")
    parts = str(value).split() if isinstance(value, str) else list(value)
    try:
        numbers = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        return None
    return numbers if len(numbers) == count else None


def _guide_info(reader) -> dict:
    """The document information, with /GuideTypeArea and /GuideFurniture from the catalog's PieceInfo when it
    has them (see the contract above)."""
    info = dict(reader.metadata or {})
    try:
        private = reader.trailer["/Root"]["/PieceInfo"]["/Guide"]["/Private"]
    except (KeyError, TypeError, AttributeError):
        return info
    for key, name in (("/TypeArea", "/GuideTypeArea"), ("/Furniture", "/GuideFurniture")):
        if key in private:
            info[name] = private[key]
    return info


def _geometry(info: dict, type_area, findings: list[Finding]) -> tuple[tuple | None, tuple | None]:
    """The frame (x0, y0, x1, y1) and the furniture baselines (footer_y, header_y), None where unknown."""
    frame = None
    if type_area is not None:
        frame = _floats(type_area, 4)
        if frame is None or not (frame[0] < frame[2] and frame[1] < frame[3]):
            raise ValueError(f"type_area must be four numbers x0 y0 x1 y1 (got {type_area!r})")
    else:
        raw = info.get("/GuideTypeArea")
        if raw is not None:
            frame = _floats(raw, 4)
            if frame is None or not (frame[0] < frame[2] and frame[1] < frame[3]):
                findings.append(Finding(None, "type-area", f"/GuideTypeArea {str(raw)!r} is not four numbers "
                                        "x0 y0 x1 y1; the type area is inferred instead"))
                frame = None
    furniture = None
    raw = info.get("/GuideFurniture")
    if raw is not None:
        furniture = _floats(raw, 2)
        if furniture is None:
            findings.append(Finding(None, "type-area", f"/GuideFurniture {str(raw)!r} is not two numbers "
                                    "footer_y header_y; the furniture zones are inferred instead"))
    return frame, furniture


def _page_area(frame, furniture, width: float, height: float) -> _Area:
    if frame is None:
        m = INFERRED_MARGIN
        return _Area(m, m, width - m, height - m, None, None)
    x0, y0, x1, y1 = frame
    if furniture is not None:
        foot, head = furniture
        return _Area(x0, y0, x1, y1, (y1, head + FURNITURE_ROOM), (foot - FURNITURE_ROOM / 2, y0))
    return _Area(x0, y0, x1, y1, (y1, height - INFERRED_EDGE), (INFERRED_EDGE, y0))


# --------------------------------------------------------------------------------------------------------------
# Lines of text


def _base(fontname: str) -> str:
    """The font name without its subset prefix."""
    return fontname.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", fontname or "") else (fontname or "")


def _family(fontname: str) -> str:
    return re.split(r"[-,]", _base(fontname), maxsplit=1)[0]


def _baseline(c: dict) -> float:
    return c["matrix"][5]


@dataclass
class _Line:
    baseline: float
    size: float
    x0: float
    x1: float
    text: str
    fonts: Counter                      # (fontname, size) → glyphs, spaces excluded
    glyphs: int
    gaps: list[float] = field(default_factory=list)   # gaps between words, in points
    space: float | None = None          # the width of a space glyph in the line's main font
    main_font: str = ""
    zone: str | None = None
    chars: list = field(default_factory=list, repr=False)   # kept only while the page is scanned

    def short(self, n: int = 48) -> str:
        t = self.text.strip()
        return t if len(t) <= n else t[: n - 1].rstrip() + "…"


def _make_line(chars: list[dict]) -> _Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    ink = [c for c in chars if c["text"].strip()]
    sizes = Counter(round(c["size"], 2) for c in ink or chars)
    size = sizes.most_common(1)[0][0]
    fonts = Counter((c["fontname"], round(c["size"], 2)) for c in ink)
    main_font = fonts.most_common(1)[0][0][0] if fonts else chars[0]["fontname"]
    base = median(_baseline(c) for c in (ink or chars) if abs(round(c["size"], 2) - size) < 0.01) \
        if any(abs(round(c["size"], 2) - size) < 0.01 for c in (ink or chars)) else _baseline(chars[0])
    text, words, cur, spaces = [], [], [], []
    prev = None
    for c in chars:
        if not c["text"].strip():
            if c["fontname"] == main_font and c.get("adv"):
                spaces.append(c["adv"])
            if cur:
                words.append(cur)
                cur = []
            if text and text[-1] != " ":
                text.append(" ")
            continue
        if prev is not None and cur and c["x0"] - prev["x1"] > WORD_GAP * size:
            words.append(cur)
            cur = []
            if text and text[-1] != " ":
                text.append(" ")
        cur.append(c)
        text.append(c["text"])
        prev = c
    if cur:
        words.append(cur)
    gaps = [b[0]["x0"] - a[-1]["x1"] for a, b in zip(words, words[1:])]
    return _Line(baseline=base, size=size, x0=min(c["x0"] for c in (ink or chars)),
                 x1=max(c["x1"] for c in (ink or chars)), text="".join(text).strip(), fonts=fonts,
                 glyphs=len(ink), gaps=gaps, space=median(spaces) if spaces else None, main_font=main_font,
                 chars=chars)


def _lines(chars: list[dict]) -> list[_Line]:
    """Upright glyphs grouped into lines, top to bottom; raised small glyphs (note numbers) join their line."""
    glyphs = sorted((c for c in chars if c.get("upright", True)), key=lambda c: (-_baseline(c), c["x0"]))
    clusters: list[list] = []
    for c in glyphs:
        b = _baseline(c)
        if clusters and clusters[-1][0] - b <= LINE_TOLERANCE:
            clusters[-1][1].append(c)
        else:
            clusters.append([b, [c]])
    merged: list[list[dict]] = []
    i = 0
    while i < len(clusters):
        b, cs = clusters[i]
        if i + 1 < len(clusters):
            nb, ncs = clusters[i + 1]
            small = max(c["size"] for c in cs)
            big = Counter(round(c["size"], 2) for c in ncs if c["text"].strip()).most_common(1)
            if big and small < 0.9 * big[0][0] and b - nb < 0.6 * big[0][0] \
                    and min(c["x0"] for c in cs) >= min(c["x0"] for c in ncs) - big[0][0] \
                    and max(c["x1"] for c in cs) <= max(c["x1"] for c in ncs) + big[0][0]:
                clusters[i + 1][1] = cs + ncs
                i += 1
                continue
        merged.append(cs)
        i += 1
    return [_make_line(cs) for cs in merged if any(c["text"].strip() for c in cs)]


# --------------------------------------------------------------------------------------------------------------
# Fonts, read with pypdf


_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _utf16(hexdigits: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hexdigits).decode("ascii"))
    return raw.decode("utf-16-be", errors="replace") if raw else ""


def _parse_tounicode(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.finditer(rb"beginbfchar(.*?)endbfchar", data, re.S):
        hexes = _HEX.findall(block.group(1))
        for src, dst in zip(hexes[0::2], hexes[1::2]):
            out[int(src, 16)] = _utf16(dst)
    for block in re.finditer(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block.group(1)):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if hi - lo > 0xFFFF:
                continue
            if dst.startswith(b"["):
                for i, d in enumerate(_HEX.findall(dst)):
                    out[lo + i] = _utf16(d)
            else:
                raw = bytes.fromhex(dst[1:-1].decode("ascii"))
                if not raw:
                    continue
                start = int.from_bytes(raw, "big")
                for i in range(hi - lo + 1):
                    try:
                        out[lo + i] = (start + i).to_bytes(len(raw), "big").decode("utf-16-be", errors="replace")
                    except OverflowError:
                        break
    return out


def _truetype_cmaps(data: bytes) -> dict[tuple[int, int], dict[int, int]]:
    """The (platform, encoding) → {code: glyph} subtables of a TrueType font (formats 0, 4, 6 and 12)."""
    out: dict[tuple[int, int], dict[int, int]] = {}
    try:
        count = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(count):
            tag, _sum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
            tables[tag] = (offset, length)
        if b"cmap" not in tables:
            return out
        base = tables[b"cmap"][0]
        _version, n = struct.unpack(">HH", data[base: base + 4])
        for i in range(n):
            platform, encoding, sub = struct.unpack(">HHI", data[base + 4 + 8 * i: base + 12 + 8 * i])
            p = base + sub
            fmt = struct.unpack(">H", data[p: p + 2])[0]
            table: dict[int, int] = {}
            if fmt == 0:
                table = {c: g for c, g in enumerate(data[p + 6: p + 262])}
            elif fmt == 6:
                first, entries = struct.unpack(">HH", data[p + 6: p + 10])
                ids = struct.unpack(f">{entries}H", data[p + 10: p + 10 + 2 * entries])
                table = {first + i: g for i, g in enumerate(ids)}
            elif fmt == 4:
                segs = struct.unpack(">H", data[p + 6: p + 8])[0] // 2
                ends = struct.unpack(f">{segs}H", data[p + 14: p + 14 + 2 * segs])
                q = p + 16 + 2 * segs
                starts = struct.unpack(f">{segs}H", data[q: q + 2 * segs])
                deltas = struct.unpack(f">{segs}h", data[q + 2 * segs: q + 4 * segs])
                ro_pos = q + 4 * segs
                ranges = struct.unpack(f">{segs}H", data[ro_pos: ro_pos + 2 * segs])
                for s in range(segs):
                    if starts[s] == 0xFFFF:
                        continue
                    for c in range(starts[s], ends[s] + 1):
                        if ranges[s] == 0:
                            g = (c + deltas[s]) & 0xFFFF
                        else:
                            at = ro_pos + 2 * s + ranges[s] + 2 * (c - starts[s])
                            g = struct.unpack(">H", data[at: at + 2])[0]
                            g = (g + deltas[s]) & 0xFFFF if g else 0
                        table[c] = g
            elif fmt == 12:
                groups = struct.unpack(">I", data[p + 12: p + 16])[0]
                for k in range(min(groups, 10000)):
                    lo, hi, g = struct.unpack(">III", data[p + 16 + 12 * k: p + 28 + 12 * k])
                    if hi - lo <= 0xFFFF:
                        table.update({c: g + c - lo for c in range(lo, hi + 1)})
            else:
                continue
            out[(platform, encoding)] = table
    except (struct.error, IndexError, ValueError):
        return out
    return out


def _notdef_texts(font, tounicode: dict[int, str]) -> set[str]:
    """Texts whose code, in a simple embedded TrueType font, maps to glyph 0 in the font's own cmap."""
    desc = font.get("/FontDescriptor")
    if desc is None or font.get("/Subtype") != "/TrueType":
        return set()
    desc = desc.get_object()
    if "/FontFile2" not in desc:
        return set()
    try:
        cmaps = _truetype_cmaps(desc["/FontFile2"].get_object().get_data())
    except Exception:   # a damaged font stream: the structural check reports it
        return set()
    if not cmaps:
        return set()
    first = int(font.get("/FirstChar", 0))
    last = int(font.get("/LastChar", 255))
    out = set()
    for code in range(max(first, 1), min(last, 255) + 1):
        text = tounicode.get(code)
        if not text or not text.strip():
            continue
        if (1, 0) in cmaps:
            glyph = cmaps[(1, 0)].get(code, 0)
        elif (3, 0) in cmaps:
            glyph = cmaps[(3, 0)].get(0xF000 + code, cmaps[(3, 0)].get(code, 0))
        elif (3, 1) in cmaps and len(text) == 1:
            glyph = cmaps[(3, 1)].get(ord(text), 0)
        else:
            continue
        if glyph == 0:
            out.add(text)
    return out


@dataclass
class _FontInfo:
    name: str
    first_page: int
    embedded: bool
    subset: bool
    type3: bool
    notdef: set[str]


def _fonts(reader) -> dict[str, _FontInfo]:
    """Every font in the pages' resources (and their form XObjects'), by base font name."""
    found: dict[str, _FontInfo] = {}
    seen: set = set()

    def visit_resources(res, page_no, depth=0):
        if res is None or depth > 8:
            return
        res = res.get_object()
        fonts = res.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                key = getattr(ref, "idnum", None) or id(ref)
                if key in seen:
                    continue
                seen.add(key)
                font = ref.get_object()
                add_font(font, page_no)
        xobjects = res.get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                key = ("x", getattr(ref, "idnum", None) or id(ref))
                if key in seen:
                    continue
                seen.add(key)
                xo = ref.get_object()
                if xo.get("/Subtype") == "/Form":
                    visit_resources(xo.get("/Resources"), page_no, depth + 1)

    def add_font(font, page_no):
        name = str(font.get("/BaseFont", "")).lstrip("/") or "(unnamed font)"
        subtype = font.get("/Subtype")
        desc = font.get("/FontDescriptor")
        if desc is None and "/DescendantFonts" in font:
            desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        desc = desc.get_object() if desc is not None else {}
        embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        tounicode = {}
        if "/ToUnicode" in font:
            try:
                tounicode = _parse_tounicode(font["/ToUnicode"].get_object().get_data())
            except Exception:
                tounicode = {}
        notdef = _notdef_texts(font, tounicode)
        info = found.get(name)
        if info is None:
            found[name] = _FontInfo(name, page_no, embedded, bool(re.match(r"^[A-Z]{6}\+", name)),
                                    subtype == "/Type3", notdef)
        else:
            info.embedded = info.embedded and embedded
            info.notdef |= notdef

    for i, page in enumerate(reader.pages, 1):
        visit_resources(page.get("/Resources"), i)
    return found


# --------------------------------------------------------------------------------------------------------------
# Links and outline, read with pypdf


def _dest_page(reader, dest, page_ids: dict[int, int]) -> tuple[int | None, str]:
    """The 1-based page a destination points at, or None and why not."""
    from pypdf.generic import ArrayObject, IndirectObject, NullObject

    if dest is None:
        return None, "has no destination"
    if isinstance(dest, IndirectObject):
        dest = dest.get_object()
    if isinstance(dest, (str, bytes)):
        name = dest.decode("latin-1") if isinstance(dest, bytes) else str(dest)
        named = _named(reader)
        if name not in named and name.lstrip("/") not in named:
            return None, f"points at the named destination {name!r}, which does not exist"
        target = named.get(name, named.get(name.lstrip("/")))
        return _dest_page(reader, target, page_ids)
    if hasattr(dest, "get") and "/D" in dest:   # a destination dictionary
        return _dest_page(reader, dest["/D"], page_ids)
    if isinstance(dest, (list, ArrayObject)):
        if not dest:
            return None, "has an empty destination"
        target = dest[0]
    else:   # a pypdf Destination (outline item)
        target = getattr(dest, "page", None)
    if target is None or isinstance(target, NullObject):
        return None, "points at no page"
    if isinstance(target, int) and not isinstance(target, IndirectObject):
        n = int(target)
        return (n + 1, "") if 0 <= n < len(page_ids) else (None, f"points at page index {n}, which does not exist")
    idnum = getattr(target, "idnum", None)
    if idnum is None and hasattr(target, "indirect_reference") and target.indirect_reference is not None:
        idnum = target.indirect_reference.idnum
    if idnum in page_ids:
        return page_ids[idnum], ""
    return None, "points at an object that is not a page of this document"


_NAMED_CACHE: dict[int, dict] = {}


def _named(reader) -> dict:
    key = id(reader)
    if key not in _NAMED_CACHE:
        try:
            named = dict(reader.named_destinations)
        except Exception:
            named = {}
        _NAMED_CACHE.clear()
        _NAMED_CACHE[key] = named
    return _NAMED_CACHE[key]


def _check_links(reader, page_ids: dict[int, int], findings: list[Finding]) -> None:
    for i, page in enumerate(reader.pages, 1):
        annots = page.get("/Annots")
        if annots is None:
            continue
        broken: dict[str, list[str]] = defaultdict(list)   # why → where
        for ref in annots.get_object():
            a = ref.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            rect = a.get("/Rect")
            where = f"at ({float(rect[0]):.0f}, {float(rect[1]):.0f})" if rect is not None and len(rect) == 4 \
                else "(no rectangle)"
            if "/Dest" in a:
                dest = a["/Dest"]
            elif "/A" in a:
                action = a["/A"].get_object()
                if action.get("/S") != "/GoTo":
                    continue     # a web link, a link to another file, …
                dest = action.get("/D")
            else:
                broken["has neither a destination nor an action"].append(where)
                continue
            target, why = _dest_page(reader, dest, page_ids)
            if target is None:
                broken[why].append(where)
        for why, places in broken.items():
            what = "a link" if len(places) == 1 else f"{len(places)} links"
            findings.append(Finding(i, "link", f"{what} {_sample_list(places)}: {why}"))


def _outline(reader, page_ids: dict[int, int], findings: list[Finding]) -> list[tuple[str, int]]:
    """(title, page) of every outline entry that points at a page; the others are findings."""
    out: list[tuple[str, int]] = []
    try:
        items = reader.outline
    except Exception as exc:
        findings.append(Finding(None, "outline", f"the outline cannot be read ({exc})"))
        return out

    def walk(entries):
        for item in entries:
            if isinstance(item, list):
                walk(item)
                continue
            title = str(getattr(item, "title", "") or "")
            target, why = _dest_page(reader, item, page_ids)
            if target is None:
                findings.append(Finding(None, "outline", f"the outline entry {title!r} {why}"))
            else:
                out.append((title, target))

    walk(items)
    return out


# --------------------------------------------------------------------------------------------------------------
# The checker


@dataclass
class _Page:
    sheet: int                  # the PDF page (1-based): what findings report
    number: int                 # the reading order: the PDF page, or the booklet page of a half sheet
    label: str                  # "" or "left half" / "right half" of a two-up sheet
    area: _Area
    frame: list[_Line]          # lines in the text frame, top to bottom
    head: str                   # the running head's text
    graphics: list[tuple[float, float, float]]   # (top, bottom, height) bottom-up, of graphics in the frame


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def _sample_list(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_PER_PAGE])
    return shown + (f" and {len(items) - MAX_PER_PAGE} more" if len(items) > MAX_PER_PAGE else "")


MAX_STREAM = 256 * 2**20         # bytes one stream may inflate to before the file is refused
MAX_INFLATED = 1024 * 2**20      # … and all streams together


def _inflation(path: Path) -> Finding | None:
    """A file whose streams inflate beyond the limits (a decompression bomb) is refused before anything
    decompresses them in full: each Flate stream is inflated in bounded chunks, counting."""
    import zlib
    try:
        import pikepdf
    except ImportError:
        return None
    total = 0
    try:
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if not isinstance(obj, pikepdf.Stream):
                    continue
                filters = obj.get("/Filter")
                first = filters[0] if isinstance(filters, pikepdf.Array) and len(filters) else filters
                if first != pikepdf.Name.FlateDecode:
                    continue
                inflater, data, size = zlib.decompressobj(), obj.read_raw_bytes(), 0
                while data and size <= MAX_STREAM:
                    size += len(inflater.decompress(data, 2**20))
                    data = inflater.unconsumed_tail
                total += size
                if size > MAX_STREAM or total > MAX_INFLATED:
                    limit = MAX_STREAM if size > MAX_STREAM else MAX_INFLATED
                    return Finding(None, "unreadable", f"{path.name}: its compressed streams inflate to more than "
                                   f"{limit // 2**20:,} MB, so it is not checked")
    except (pikepdf.PdfError, zlib.error, OSError):
        return None      # reported by the readers below
    return None


def check_pdf(path, *, type_area=None) -> list[Finding]:
    """Check the layout of the PDF at `path`; return the findings (an empty list if there are none).

    `type_area` (x0, y0, x1, y1 in PDF points, bottom-up, or a string of four numbers) overrides the
    /GuideTypeArea the PDF carries; a malformed one raises ValueError. A file that cannot be read as a PDF gives
    one finding ("unreadable")."""
    import pdfplumber
    from pypdf import PdfReader

    path = Path(path)
    findings: list[Finding] = []
    bomb = _inflation(path)
    if bomb:
        return [bomb]
    try:
        reader = PdfReader(str(path))
        len(reader.pages)
        info = _guide_info(reader)
    except Exception as exc:
        return [Finding(None, "unreadable", f"{path.name} cannot be read as a PDF ({exc})")]

    frame, furniture = _geometry(info, type_area, findings)

    # 4. structure
    findings += _structure(path)

    # 3. fonts (and the glyph-0 half of 2.)
    try:
        fonts = _fonts(reader)
    except Exception as exc:
        fonts = {}
        findings.append(Finding(None, "font-embedding", f"the fonts cannot be read ({exc})"))
    for f in fonts.values():
        if f.type3:
            continue
        if not f.embedded:
            findings.append(Finding(f.first_page, "font-embedding",
                                    f"the font {f.name} is not embedded (first used on page {f.first_page})"))
        if not f.subset:
            findings.append(Finding(f.first_page, "font-subset",
                                    f"the font {f.name} is not subset (its name lacks the ABCDEF+ prefix; first "
                                    f"used on page {f.first_page})"))

    # 5. links and outline
    page_ids = {}
    for i, page in enumerate(reader.pages, 1):
        ref = page.indirect_reference
        if ref is not None:
            page_ids[ref.idnum] = i
    try:
        _check_links(reader, page_ids, findings)
    except Exception as exc:
        findings.append(Finding(None, "link", f"the links cannot be read ({exc})"))
    outline = _outline(reader, page_ids, findings)

    # One pdfplumber pass over the pages: glyph and graphic positions (1., 2.), and lines for the rest.
    pages: list[_Page] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, pp in enumerate(pdf.pages, 1):
                pages += _scan_sheet(pp, number, len(pdf.pages), frame, furniture, fonts, findings, reader)
                pp.close()
    except Exception as exc:    # pdfminer gives up on some damaged files that pypdf could open
        findings.append(Finding(None, "unreadable", f"the pages cannot be read ({type(exc).__name__}: {exc})"))
        return findings
    imposed = any(p.label for p in pages)
    pages.sort(key=lambda p: p.number)

    body = _body_font(pages)
    if body is not None:
        leading = _leading(pages, body)
        _check_headings(pages, body, findings)
        _check_widows(pages, body, leading, findings)
        _check_stretch(pages, body, findings)
    if not imposed:   # the outline of an imposed booklet (if any) counts sheets, not the printed page numbers
        _check_contents(pages, outline, findings)
    _check_chronology(pages, findings)
    order = {name: i for i, name in enumerate(CHECK_ORDER)}
    findings.sort(key=lambda f: (f.page or 0, order.get(f.check, len(order))))
    return findings


CHECK_ORDER = ("unreadable", "type-area", "structure", "font-embedding", "font-subset", "outline", "link",
               "off-page", "missing-glyph", "contents", "stranded-heading", "orphan", "widow", "stretched-line",
               "chronology-header")


def _structure(path: Path) -> list[Finding]:
    try:
        import pikepdf
    except ImportError:
        return []
    try:
        with pikepdf.open(str(path)) as pdf:
            check = getattr(pdf, "check", None) or getattr(pdf, "check_pdf_syntax")
            problems = check()
    except Exception as exc:
        return [Finding(None, "structure", f"qpdf cannot open the file: {exc}")]
    return [Finding(None, "structure", f"qpdf: {p}") for p in problems]


def _samples(lines: list[_Line], bad: list[dict]) -> list[str]:
    """The lines holding some of the `bad` glyphs, quoted with their positions."""
    ids = {id(c) for c in bad}
    out = []
    for ln in lines:
        mine = [c for c in ln.chars if id(c) in ids]
        if mine:
            x = min(c["x0"] for c in mine)
            out.append(f"{ln.short(40)!r} (from x={x:.0f}, baseline y={ln.baseline:.0f})")
    return out or [f"at x={c['x0']:.0f}, y={_baseline(c):.0f}" for c in bad[:MAX_PER_PAGE]]


def _mul(a, b):
    """The product of two PDF matrices (a, b, c, d, e, f): a applied first, then b."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _bbox(points, m):
    xs, ys = [], []
    for x, y in points:
        xs.append(m[0] * x + m[2] * y + m[4])
        ys.append(m[1] * x + m[3] * y + m[5])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _meet(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


_PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _visible_off_page(reader, page, width: float, height: float) -> list[str]:
    """Painted paths and images that reach off the page once clipping is applied (pdfplumber ignores clipping
    paths, so a map clipped to its frame would otherwise look as if it spilled off the page).

    A small interpreter of the content stream's graphics operators: paths' bounding boxes (control points
    included) under the current matrix, intersected with the bounding box of the clipping path."""
    from pypdf.generic import ContentStream

    out: list[str] = []
    g = GRAPHIC_TOLERANCE

    def run(contents, resources, ctm, clip, depth):
        if contents is None or depth > 6:
            return
        stack = []
        points: list[tuple[float, float]] = []
        kinds: set[bytes] = set()
        pending_clip = False
        for operands, op in ContentStream(contents, reader).operations:
            if op == b"q":
                stack.append((ctm, clip))
            elif op == b"Q":
                if stack:
                    ctm, clip = stack.pop()
            elif op == b"cm" and len(operands) == 6:
                ctm = _mul(tuple(float(v) for v in operands), ctm)
            elif op in (b"m", b"l") and len(operands) == 2:
                points.append((float(operands[0]), float(operands[1])))
                kinds.add(op)
            elif op in (b"c", b"v", b"y"):
                vals = [float(v) for v in operands]
                points += list(zip(vals[0::2], vals[1::2]))
                kinds.add(b"c")
            elif op == b"re" and len(operands) == 4:
                x, y, w, h = (float(v) for v in operands)
                points += [(x, y), (x + w, y + h)]
                kinds.add(op)
            elif op in (b"W", b"W*"):
                pending_clip = True
            elif op in _PAINT or op == b"n":
                box = _bbox(points, ctm)
                if pending_clip:
                    clip = _meet(clip, box)
                    pending_clip = False
                if op in _PAINT and box is not None:
                    seen = _meet(box, clip)
                    if seen[0] <= seen[2] and seen[1] <= seen[3] and (
                            seen[0] < -g or seen[1] < -g or seen[2] > width + g or seen[3] > height + g):
                        what = ("a rectangle" if kinds == {b"re"} else "a curve" if b"c" in kinds
                                else "a line" if kinds <= {b"m", b"l"} else "a path")
                        out.append(f"{what} from ({seen[0]:.0f}, {seen[1]:.0f}) to ({seen[2]:.0f}, {seen[3]:.0f})")
                points = []
                kinds = set()
            elif op == b"Do" and operands and resources is not None:
                xobjects = resources.get_object().get("/XObject")
                xo = xobjects.get_object().get(operands[0]) if xobjects is not None else None
                if xo is None:
                    continue
                xo = xo.get_object()
                if xo.get("/Subtype") == "/Image":
                    box = _meet(_bbox([(0, 0), (1, 1), (0, 1), (1, 0)], ctm), clip)
                    if box[0] < -g or box[1] < -g or box[2] > width + g or box[3] > height + g:
                        out.append(f"an image from ({box[0]:.0f}, {box[1]:.0f}) to ({box[2]:.0f}, {box[3]:.0f})")
                elif xo.get("/Subtype") == "/Form":
                    m = tuple(float(v) for v in xo.get("/Matrix", (1, 0, 0, 1, 0, 0)))
                    inner = _mul(m, ctm)
                    bb = xo.get("/BBox")
                    inner_clip = clip
                    if bb is not None:
                        x0, y0, x1, y1 = (float(v) for v in bb)
                        inner_clip = _meet(clip, _bbox([(x0, y0), (x1, y1), (x0, y1), (x1, y0)], inner))
                    run(xo, xo.get("/Resources", resources), inner, inner_clip, depth + 1)

    run(page.get_contents(), page.get("/Resources"), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), None, 0)
    return out


def _scan_sheet(pp, sheet: int, sheets: int, frame, furniture, fonts: dict[str, _FontInfo],
                findings: list[Finding], reader=None) -> list[_Page]:
    """Check one PDF page's glyphs and graphics (checks 1 and 2) and return its views for the other checks:
    the page itself, or the two halves of a two-up booklet sheet."""
    width, height = float(pp.width), float(pp.height)
    chars = pp.chars
    t = GLYPH_TOLERANCE
    g = GRAPHIC_TOLERANCE
    graphic_objects = list(pp.rects) + list(pp.lines) + list(pp.curves) + list(pp.images)
    graphics_off = []
    for o in graphic_objects:
        if o["x0"] < -g or o["x1"] > width + g or o["top"] < -g or o["bottom"] > height + g:
            kind = {"rect": "rectangle"}.get(o.get("object_type"), o.get("object_type", "graphic"))
            graphics_off.append(f"a {kind} from ({o['x0']:.0f}, {height - o['bottom']:.0f}) to "
                                f"({o['x1']:.0f}, {height - o['top']:.0f})")
    if graphics_off and reader is not None:
        try:   # pdfplumber does not apply clipping paths: look again at what is really painted
            graphics_off = _visible_off_page(reader, reader.pages[sheet - 1], width, height)
        except Exception:
            pass
    if graphics_off:
        findings.append(Finding(sheet, "off-page", f"{len(graphics_off)} graphic(s) reach off the page: "
                                + _sample_list(graphics_off)))
    off = [c for c in chars if c["text"].strip() and (c["x0"] < -t or c["x1"] > width + t or c["y0"] < -t
                                                      or c["y1"] > height + t)]
    if off:
        samples = _samples(_lines(chars), off)
        findings.append(Finding(sheet, "off-page", f"{len(off)} glyph(s) off the page: {_sample_list(samples)}"))
    off_ids = {id(c) for c in off}

    two_up = frame is not None and width > height and frame[2] <= width / 2 + t
    if two_up:
        half = width / 2
        sides = [(0.0, half, "left"), (half, half, "right")]
    else:
        sides = [(0.0, width, "")]
    views = []
    order = None
    if two_up:
        from .impose import booklet_order
        order = booklet_order(2 * sheets)
    for k, (ox, w, side) in enumerate(sides):
        number = order[sheet - 1][k] if order and sheet - 1 < len(order) else sheet
        # each glyph belongs to the half holding its centre (glyphs off the sheet to the nearer half)
        mine = [c for c in chars if not side or (side == "left") == ((c["x0"] + c["x1"]) / 2 < width / 2)]
        label = f"{side} half" if side else ""
        views.append(_scan_view(mine, off_ids, graphic_objects, sheet, number, label, ox, w, height, frame,
                                furniture, fonts, findings))
    return views


def _scan_view(chars, off_ids, graphic_objects, sheet: int, number: int, label: str, ox: float, width: float,
               height: float, frame, furniture, fonts, findings: list[Finding]) -> _Page:
    t = GLYPH_TOLERANCE
    prefix = f"{label}: " if label else ""
    area = _page_area(frame, furniture, width, height).shifted(ox)
    visible = [c for c in chars if c["text"].strip() and id(c) not in off_ids]

    def outside(a: _Area) -> list[dict]:
        return [c for c in visible if not a.allows(c["x0"], c["y0"], c["x1"], c["y1"])]

    stray = outside(area)
    if stray and frame is not None and number % 2 == 0:
        mirror = _page_area(frame, furniture, width, height).mirrored(width).shifted(ox)
        if mirror != area:
            stray_m = outside(mirror)
            if len(stray_m) < len(stray):
                area, stray = mirror, stray_m

    # 1. outside the type area
    lines = _lines(chars)
    if stray:
        samples = _samples(lines, stray)
        findings.append(Finding(sheet, "type-area", f"{prefix}{len(stray)} glyph(s) outside the type area and the "
                                f"header and footer zones: {_sample_list(samples)}"))

    # 2. missing glyphs
    missing: dict[str, list[str]] = defaultdict(list)
    for c in chars:
        text = c["text"]
        notdef = fonts[c["fontname"]].notdef if c["fontname"] in fonts else set()
        if text == "" or "\ufffd" in text or "\x00" in text or text.startswith("(cid:") or text in notdef:
            near = next((ln for ln in lines if abs(ln.baseline - _baseline(c)) <= LINE_TOLERANCE
                         and ln.x0 - 1 <= c["x0"] <= ln.x1 + 1), None)
            missing[c["fontname"]].append(repr(near.short(40)) if near else f"at x={c['x0']:.0f}")
    for font, where in missing.items():
        samples = list(dict.fromkeys(where))
        findings.append(Finding(sheet, "missing-glyph",
                                f"{prefix}{len(where)} character(s) drawn as .notdef (missing glyph) in "
                                f"{_base(font)} (text U+0000/U+FFFD or glyph 0), in {_sample_list(samples)}"))

    # lines by zone, for the checks across pages
    frame_lines, head = [], []
    for ln in lines:
        if ln.x1 < area.x0 - t or ln.x0 > area.x1 + t:
            continue
        ln.zone = area.zone(ln.baseline - 0.25 * ln.size, ln.baseline + 0.7 * ln.size)
        if ln.zone == "frame":
            frame_lines.append(ln)
        elif ln.zone == "header":
            head.append(ln.text)
    graphics = []
    for o in graphic_objects:
        top, bottom = height - o["top"], height - o["bottom"]
        if bottom >= area.y0 - t and top <= area.y1 + t and o["x1"] >= area.x0 - t and o["x0"] <= area.x1 + t:
            graphics.append((top, bottom, top - bottom))
    for ln in lines:
        ln.chars = []
    return _Page(sheet, number, label, area, frame_lines, " ".join(head), graphics)


def _prefix(p: _Page) -> str:
    return f"booklet page {p.number} ({p.label}): " if p.label else ""


def _ref(p: _Page) -> str:
    return f"booklet page {p.number}" if p.label else f"page {p.number}"


# -- body text ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Body:
    font: str
    size: float
    family: str
    space: float    # the normal word space, points


def _body_font(pages: list[_Page]) -> _Body | None:
    counts: Counter = Counter()
    for p in pages:
        for ln in p.frame:
            for (font, size), n in ln.fonts.items():
                if not STYLED.search(_base(font)) and not HEADING_FONT.search(_base(font)):
                    counts[(font, size)] += n
    if not counts:
        return None
    (font, size), _ = counts.most_common(1)[0]
    spaces = [ln.space for p in pages for ln in p.frame if ln.main_font == font and ln.space
              and abs(ln.size - size) < 0.05]
    space = median(spaces) if spaces else NORMAL_SPACE_EM * size
    return _Body(font, size, _family(font), space)


def _is_body(ln: _Line, body: _Body) -> bool:
    if abs(ln.size - body.size) > 0.05 or not ln.glyphs:
        return False
    share = sum(n for (f, s), n in ln.fonts.items() if _family(f) == body.family and abs(s - body.size) < 0.05)
    has_regular = any(f == body.font for f, _ in ln.fonts)
    return has_regular and share / ln.glyphs >= BODY_SHARE


def _is_heading(ln: _Line) -> bool:
    if not ln.glyphs:
        return False
    share = sum(n for (f, _), n in ln.fonts.items() if HEADING_FONT.search(_base(f)))
    return share / ln.glyphs >= HEADING_SHARE


def _leading(pages: list[_Page], body: _Body) -> float:
    diffs: Counter = Counter()
    for p in pages:
        for a, b in zip(p.frame, p.frame[1:]):
            d = a.baseline - b.baseline
            if _is_body(a, body) and _is_body(b, body) and body.size * 0.95 <= d <= body.size * 2:
                diffs[round(d * 4) / 4] += 1
    return diffs.most_common(1)[0][0] if diffs else body.size * 1.2


def _new_paragraph(a: _Line, b: _Line, body: _Body, leading: float) -> bool:
    """Whether body line b, just below body line a on the same page, starts a new paragraph."""
    return (a.baseline - b.baseline > leading * PARAGRAPH_GAP) or (b.x0 > a.x0 + 0.5 * body.size)


def _open(ln: _Line, area: _Area) -> bool:
    """Whether a body line visibly goes on: full (justified), hyphenated, or long and unpunctuated (ragged)."""
    text = ln.text.rstrip()
    if text.endswith(("?", "!", ".”", "?”")):
        return False    # a full line ending a question or a quotation ends its paragraph (list items, ragged text)
    if ln.x1 >= area.x1 - FULL_LINE_TOLERANCE:
        return True
    if text.endswith(("-", "\u2010", "\u00ad")):
        return True
    return (ln.x1 - ln.x0) >= 0.6 * (area.x1 - area.x0) and not text.endswith(TERMINAL)


def _continues(p: _Page, q: _Page, body: _Body, leading: float) -> bool:
    """Whether a body paragraph runs from the bottom of page p onto the top of page q."""
    if not p.frame or not q.frame or q.number != p.number + 1:
        return False
    a, b = p.frame[-1], q.frame[0]
    return (_is_body(a, body) and _is_body(b, body) and _open(a, p.area)
            and q.area.y1 - b.baseline <= 1.5 * leading and b.x0 <= q.area.x0 + 0.5 * body.size
            # an indented line (a list item, a quiz option) goes on indented, not at the margin
            and b.x0 - q.area.x0 >= a.x0 - p.area.x0 - 0.5 * body.size
            and not _below(p, a))


def _below(p: _Page, ln: _Line, rule_room: float = 0.0) -> bool:
    """Whether a graphic starts below line `ln` (thin rules within `rule_room` below it excepted)."""
    for top, _bottom, h in p.graphics:
        if top < ln.baseline - 0.35 * ln.size:
            if h <= 1.5 and top >= ln.baseline - rule_room:
                continue
            return True
    return False


def _check_widows(pages: list[_Page], body: _Body, leading: float, findings: list[Finding]) -> None:
    for p, q in zip(pages, pages[1:]):
        if not _continues(p, q, body, leading):
            continue
        a, b = p.frame[-1], q.frame[0]
        before = p.frame[-2] if len(p.frame) > 1 else None
        if before is None or not _is_body(before, body) or _new_paragraph(before, a, body, leading):
            findings.append(Finding(p.sheet, "orphan",
                                    f"{_prefix(p)}orphan: only the first line of a paragraph ({a.short()!r}) is at "
                                    f"the foot of the page; the paragraph goes on on {_ref(q)}"))
        after = q.frame[1] if len(q.frame) > 1 else None
        if after is None or not _is_body(after, body) or _new_paragraph(b, after, body, leading):
            findings.append(Finding(q.sheet, "widow",
                                    f"{_prefix(q)}widow: the last line of a paragraph ({b.short()!r}) stands alone "
                                    f"at the top of the page; the paragraph starts on {_ref(p)}"))


def _check_headings(pages: list[_Page], body: _Body, findings: list[Finding]) -> None:
    for p, q in zip(pages, pages[1:]):
        if not p.frame or not q.frame:
            continue
        last = p.frame[-1]
        if not _is_heading(last) or _is_heading(q.frame[0]):
            continue
        if len(p.frame) > 1:
            prev = p.frame[-2]
            if not _is_heading(prev) and prev.baseline - last.baseline <= CONTINUATION_GAP * last.size:
                continue    # a bold line that continues a paragraph (emphasis set by weight), not a heading
        if _below(p, last, rule_room=1.2 * last.size):
            continue
        findings.append(Finding(p.sheet, "stranded-heading",
                                f"{_prefix(p)}the heading {last.short()!r} is the last line on the page; what it "
                                f"heads starts on {_ref(q)} ({q.frame[0].short(32)!r})"))


def _check_stretch(pages: list[_Page], body: _Body, findings: list[Finding]) -> None:
    for p in pages:
        found = []
        for ln in p.frame:
            if not _is_body(ln, body) or not ln.gaps or ln.x1 < p.area.x1 - FULL_LINE_TOLERANCE:
                continue
            if max(ln.gaps) - min(ln.gaps) > UNEVEN_GAPS * body.space:
                continue    # unequal gaps: a table row or a tabbed line (contents), not a justified line
            ratio = (sum(ln.gaps) / len(ln.gaps)) / body.space
            if ratio > MAX_WORD_SPACE:
                found.append((ratio, ln))
        if not found:
            continue
        worst = max(r for r, _ in found)
        for ratio, ln in found:
            mark = " (the worst on this page)" if ratio == worst and len(found) > 1 else ""
            findings.append(Finding(p.sheet, "stretched-line",
                                    f"{_prefix(p)}a justified line has word spaces {ratio:.2f}x the normal space "
                                    f"(limit {MAX_WORD_SPACE:.1f}x){mark}: {ln.short(60)!r}"))


# -- contents and chronology ---------------------------------------------------------------------------------------


def _check_contents(pages: list[_Page], outline: list[tuple[str, int]], findings: list[Finding]) -> None:
    page = None
    for p in pages:
        for i, ln in enumerate(p.frame):
            if _norm(ln.text) == "contents":
                page, start = p, i + 1
                break
        if page:
            break
    if page is None or not outline:
        return
    by_title: dict[str, set[int]] = defaultdict(set)
    for title, number in outline:
        by_title[_norm(title)].add(number)
    pending = ""
    for ln in page.frame[start:]:
        m = re.match(r"^(.*?)[\s.·…_]*?\s*(\d{1,4})$", ln.text)
        if not m or not m.group(1).strip():
            pending = (pending + " " + ln.text).strip()
            continue
        shown = int(m.group(2))
        title = (pending + " " + m.group(1)).strip().rstrip(" .·…_")
        pending = ""
        candidates = [title, re.sub(r"^[\dIVXLC]+[.):]?\s+", "", title)]
        for cand in candidates:
            pages_for = by_title.get(_norm(cand))
            if pages_for:
                if shown not in pages_for:
                    want = " or ".join(str(n) for n in sorted(pages_for))
                    findings.append(Finding(page.sheet, "contents",
                                            f"the contents give page {shown} for {cand!r}, but it starts on "
                                            f"page {want}"))
                break


def _check_chronology(pages: list[_Page], findings: list[Finding]) -> None:
    chron = [p for p in pages if "chronology" in p.head.casefold()]
    header = re.compile(r"\bdate\b.*\bevent\b", re.IGNORECASE)
    for k, p in enumerate(chron):
        if k == 0:
            if not any(header.search(ln.text) for ln in p.frame):
                findings.append(Finding(p.sheet, "chronology-header",
                                        f"{_prefix(p)}the chronology's table has no header row (\"Date\", \"Event\")"))
        elif not p.frame or not header.search(p.frame[0].text):
            first = p.frame[0].short(32) if p.frame else "nothing"
            findings.append(Finding(p.sheet, "chronology-header",
                                    f"{_prefix(p)}the chronology's header row (\"Date\", \"Event\") does not "
                                    f"repeat at the top of the page (it starts with {first!r})"))


# --------------------------------------------------------------------------------------------------------------
# The report


def _pikepdf_version() -> str | None:
    try:
        import pikepdf
    except ImportError:
        return None
    return getattr(pikepdf, "__version__", "?")


def format_report(path, findings: list[Finding]) -> str:
    """A report for people: a header, the findings grouped by page, and a one-line summary."""
    path = Path(path)
    pages, source = "?", "inferred (the page less 0.5 in)"
    try:
        from pypdf import PdfReader
        reader = PdfReader(str(path))
        pages = str(len(reader.pages))
        info = _guide_info(reader)
        if _floats(info.get("/GuideTypeArea"), 4):
            source = "from the PDF (/GuideTypeArea " + str(info.get("/GuideTypeArea")) + ")"
    except Exception:
        pass
    version = _pikepdf_version()
    structure = f"qpdf via pikepdf {version}" if version else "skipped (pikepdf is not installed)"
    out = [f"{path}: {pages} pages; type area {source}; structural check {structure}"]
    groups: dict[int | None, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.page].append(f)
    for page in sorted(groups, key=lambda p: (p is not None, p or 0)):
        out.append("  whole document:" if page is None else f"  page {page}:")
        for f in groups[page]:
            out.append(f"    [{f.check}] {f.message}")
    n = len(findings)
    out.append(f"{n} finding{'s' if n != 1 else ''}" if n else "no findings")
    return "\n".join(out)
