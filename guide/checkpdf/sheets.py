"""One PDF page read into what the checks look at: glyphs off the page or outside the type area, missing
glyphs (checks 1 and 2, made here), and the page's lines by zone and graphics for the checks across pages.
A two-up booklet sheet gives two views, one per half, in the booklet's page order."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .geometry import GLYPH_TOLERANCE, GRAPHIC_TOLERANCE, Area, page_area
from .lines import LINE_TOLERANCE, Line, group_lines
from .drawn import Glyph, Graphic, PageContent
from .report import MAX_PER_PAGE, Finding, sample_list
from .fonts import base_name


@dataclass
class Page:
    sheet: int                  # the PDF page (1-based): what findings report
    number: int                 # the reading order: the PDF page, or the booklet page of a half sheet
    label: str                  # "" or "left half" / "right half" of a two-up sheet
    area: Area
    frame: list[Line]           # lines in the text frame, top to bottom
    head: str                   # the running head's text
    graphics: list[tuple[float, float, float]]   # (top, bottom, height) bottom-up, of graphics in the frame
    furniture: list[Line] = field(default_factory=list)   # lines in the header and footer zones
    shapes: list[Graphic] = field(default_factory=list)   # the graphics in the frame, as drawn
    width: float = 0.0          # of the page (or the half sheet)
    offset: float = 0.0         # x of the page's left edge on the sheet
    mirrored: bool = False      # checked against the mirrored frame (an even page of a two-sided PDF)


def prefix(p: Page) -> str:
    return f"booklet page {p.number} ({p.label}): " if p.label else ""


def ref(p: Page) -> str:
    return f"booklet page {p.number}" if p.label else f"page {p.number}"


def _samples(lines: list[Line], bad: list[Glyph]) -> list[str]:
    """The lines holding some of the `bad` glyphs, quoted with their positions."""
    ids = {id(c) for c in bad}
    out = []
    for ln in lines:
        mine = [c for c in ln.chars if id(c) in ids]
        if mine:
            x = min(c.x0 for c in mine)
            out.append(f"{ln.short(40)!r} (from x={x:.0f}, baseline y={ln.baseline:.0f})")
    return out or [f"at x={c.x0:.0f}, y={c.baseline:.0f}" for c in bad[:MAX_PER_PAGE]]


def scan_sheet(content: PageContent, sheet: int, frame, furniture, findings: list[Finding], order=None) -> list[Page]:
    """Check one PDF page's glyphs and graphics (checks 1 and 2) and return its views for the other checks:
    the page itself, or the two halves of a two-up booklet sheet (`order`: booklet page numbers by sheet)."""
    width, height = content.width, content.height
    chars = content.glyphs
    t, g = GLYPH_TOLERANCE, GRAPHIC_TOLERANCE
    graphics_off = [f"a {o.kind} from ({o.x0:.0f}, {o.y0:.0f}) to ({o.x1:.0f}, {o.y1:.0f})"
                    for o in content.graphics
                    if o.x0 < -g or o.y0 < -g or o.x1 > width + g or o.y1 > height + g]
    if graphics_off:
        findings.append(Finding(sheet, "off-page", f"{len(graphics_off)} graphic(s) reach off the page: "
                                + sample_list(graphics_off)))
    off = [c for c in chars if c.text.strip() and (c.x0 < -t or c.x1 > width + t or c.y0 < -t or c.y1 > height + t)]
    if off:
        samples = _samples(group_lines(chars), off)
        findings.append(Finding(sheet, "off-page", f"{len(off)} glyph(s) off the page: {sample_list(samples)}"))
    off_ids = {id(c) for c in off}

    two_up = frame is not None and width > height and frame[2] <= width / 2 + t
    sides = [(0.0, width / 2, "left"), (width / 2, width / 2, "right")] if two_up else [(0.0, width, "")]
    views = []
    for k, (ox, w, side) in enumerate(sides):
        number = order[sheet - 1][k] if two_up and order and sheet - 1 < len(order) else sheet
        # each glyph belongs to the half holding its centre (glyphs off the sheet to the nearer half)
        mine = [c for c in chars if not side or (side == "left") == ((c.x0 + c.x1) / 2 < width / 2)]
        shapes = [o for o in content.graphics if not side or (side == "left") == ((o.x0 + o.x1) / 2 < width / 2)]
        label = f"{side} half" if side else ""
        views.append(_scan_view(mine, off_ids, shapes, sheet, number, label, ox, w, height, frame, furniture,
                                findings))
    return views


def _scan_view(chars, off_ids, shapes, sheet: int, number: int, label: str, ox: float, width: float,
               height: float, frame, furniture, findings: list[Finding]) -> Page:
    t = GLYPH_TOLERANCE
    pre = f"{label}: " if label else ""
    area = page_area(frame, furniture, width, height).shifted(ox)
    visible = [c for c in chars if c.text.strip() and id(c) not in off_ids]

    def outside(a: Area) -> list[Glyph]:
        x0, x1, y0, y1 = a.x0 - t, a.x1 + t, a.y0 - t, a.y1 + t
        zones = [(z[0] - t, z[1] + t) for z in (a.header, a.footer) if z]
        out = []
        for c in visible:
            if c.x0 < x0 or c.x1 > x1:
                out.append(c)
            elif not (y0 <= c.y0 and c.y1 <= y1) and not any(lo <= c.y0 and c.y1 <= hi for lo, hi in zones):
                out.append(c)
        return out

    stray = outside(area)
    mirrored = False
    if frame is not None and number % 2 == 0:
        mirror = page_area(frame, furniture, width, height).mirrored(width).shifted(ox)
        if mirror != area:
            stray_m = outside(mirror)
            if len(stray_m) < len(stray) or (not stray and not stray_m and _fits_better(visible, mirror, area)):
                area, stray, mirrored = mirror, stray_m, True

    # 1. outside the type area
    lines = group_lines(chars)
    if stray:
        samples = _samples(lines, stray)
        findings.append(Finding(sheet, "type-area", f"{pre}{len(stray)} glyph(s) outside the type area and the "
                                f"header and footer zones: {sample_list(samples)}"))

    # 2. missing glyphs
    missing: dict[str, list[str]] = defaultdict(list)
    for c in chars:
        text = c.text
        if text == "" or "\ufffd" in text or "\x00" in text or text.startswith("(cid:"):
            near = next((ln for ln in lines if abs(ln.baseline - c.baseline) <= LINE_TOLERANCE
                         and ln.x0 - 1 <= c.x0 <= ln.x1 + 1), None)
            missing[c.font].append(repr(near.short(40)) if near else f"at x={c.x0:.0f}")
    for font, where in missing.items():
        samples = list(dict.fromkeys(where))
        findings.append(Finding(sheet, "missing-glyph",
                                f"{pre}{len(where)} character(s) drawn as .notdef (missing glyph) in "
                                f"{base_name(font)} (text U+0000/U+FFFD or glyph 0), in {sample_list(samples)}"))

    # lines by zone, for the checks across pages
    frame_lines, head, furn = [], [], []
    for ln in lines:
        if ln.x1 < area.x0 - t or ln.x0 > area.x1 + t:
            continue
        ln.zone = area.zone(ln.baseline - 0.25 * ln.size, ln.baseline + 0.7 * ln.size)
        if ln.zone == "frame":
            frame_lines.append(ln)
        elif ln.zone in ("header", "footer"):
            furn.append(ln)
            if ln.zone == "header":
                head.append(ln.text)
    graphics, inside = [], []
    for o in shapes:
        if o.y0 >= area.y0 - t and o.y1 <= area.y1 + t and o.x1 >= area.x0 - t and o.x0 <= area.x1 + t:
            graphics.append((o.y1, o.y0, o.y1 - o.y0))
            inside.append(o)
    for ln in lines:
        ln.chars = []
    return Page(sheet, number, label, area, frame_lines, " ".join(head), graphics, furn, inside, width, ox,
                mirrored)


def _fits_better(glyphs: list[Glyph], mirror: Area, area: Area) -> bool:
    """Whether the text of a page stands closer to the mirrored frame's left edge than to the frame's."""
    if not glyphs:
        return False
    left = min(c.x0 for c in glyphs)
    return abs(left - mirror.x0) < abs(left - area.x0)
