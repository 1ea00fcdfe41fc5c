"""Boxes (callouts, primary sources, key figures): a tinted panel in the frame. A box broken across pages
must repeat its title with "(continued)", and must not part a quotation from its introduction or its
attribution, or a source from its questions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .body import Body, is_heading
from .lines import Line
from .drawn import Graphic
from .report import Finding
from .sheets import Page, prefix, ref

TINT = (0.005, 0.25)           # a box's panel: a filled rectangle this dark (0 white … 1 black)
MIN_WIDTH = 0.5                # … at least this share of the frame wide
FOOT_ROOM = 3.0                # a piece ending within this many leadings of the frame's foot reaches the foot
CONTINUED = re.compile(r"\(?\bcont(?:inued|\.|’d|'d)\b", re.IGNORECASE)
ATTRIBUTION = re.compile(r"^[—―–]\s*\S")
QUOTE_OPEN = tuple("“‘\"«")
QUESTIONS = re.compile(r"^(questions?|think about it|discuss)\b", re.IGNORECASE)


@dataclass
class Piece:
    """The part of one box on one page."""
    page: Page
    panel: Graphic
    lines: list[Line]

    @property
    def title(self) -> str:
        return self.lines[0].short(40) if self.lines and is_heading(self.lines[0]) else ""

    def at_top(self) -> bool:
        return self.panel.y1 >= self.page.area.y1 - 2.0

    def at_foot(self, leading: float) -> bool:
        below = [ln for ln in self.page.frame if ln.baseline < self.panel.y0]
        return not below and self.panel.y0 - self.page.area.y0 <= FOOT_ROOM * leading


def is_panel(g: Graphic, p: Page) -> bool:
    """Whether a graphic is a box's tinted panel."""
    return (g.kind == "rectangle" and g.filled and TINT[0] <= g.dark <= TINT[1]
            and g.x1 - g.x0 >= MIN_WIDTH * (p.area.x1 - p.area.x0))


def pieces(p: Page) -> list[Piece]:
    out = []
    for g in p.shapes:
        if not is_panel(g, p):
            continue
        inside = [ln for ln in p.frame if g.y0 <= ln.baseline <= g.y1 and ln.x0 >= g.x0 - 1 and ln.x1 <= g.x1 + 1]
        if inside:
            out.append(Piece(p, g, inside))
    out.sort(key=lambda k: -k.panel.y1)
    # panels of one box drawn as several rectangles (one per row) are merged
    merged: list[Piece] = []
    for k in out:
        if merged and abs(merged[-1].panel.y0 - k.panel.y1) <= 1.0 and abs(merged[-1].panel.x0 - k.panel.x0) <= 1:
            last = merged[-1]
            last.panel = Graphic("rectangle", last.panel.x0, k.panel.y0, last.panel.x1, last.panel.y1, True,
                                 last.panel.dark)
            last.lines += k.lines
        else:
            merged.append(k)
    return merged


def continued_pairs(pages: list[Page], body: Body) -> list[tuple[Piece, Piece]]:
    """(piece at the foot of a page, piece at the top of the next) for every box broken across pages."""
    out = []
    by_page = {p.number: pieces(p) for p in pages}
    for p, q in zip(pages, pages[1:]):
        if q.number != p.number + 1 or not by_page[p.number] or not by_page[q.number]:
            continue
        a, b = by_page[p.number][-1], by_page[q.number][0]
        if a.at_foot(body.leading) and b.at_top():
            out.append((a, b))
    return out


def italic(ln: Line) -> bool:
    return "italic" in ln.main_font.casefold() or "oblique" in ln.main_font.casefold()


def check_boxes(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    for a, b in continued_pairs(pages, body):
        p, q = a.page, b.page
        name = f"the box {a.title!r}" if a.title else "a box"
        first = b.lines[0]
        titled = is_heading(first) and CONTINUED.search(first.text)
        if is_heading(first) and not titled and not QUESTIONS.match(first.text):
            continue    # another box, with its own title, starts at the top of the page
        if not titled:
            findings.append(Finding(q.sheet, "box-continued",
                                    f"{prefix(q)}{name} goes on from {ref(p)} without its title and "
                                    f"\"(continued)\": it starts with {first.short(40)!r}"))
        rest = b.lines[1:] if titled else b.lines
        if not rest:
            continue
        head, last = rest[0], a.lines[-1]
        if ATTRIBUTION.match(head.text):
            why = f"the quotation ({last.short(32)!r}) is parted from its attribution ({head.short(32)!r})"
        elif italic(head) and head.text.startswith(QUOTE_OPEN) and not italic(last):
            why = f"the quotation ({head.short(32)!r}) is parted from its introduction ({last.short(32)!r})"
        elif (QUESTIONS.match(head.text) and is_heading(head)) or (QUESTIONS.match(last.text) and is_heading(last)):
            why = "the source is parted from its questions"
        else:
            continue
        findings.append(Finding(p.sheet, "box-split",
                                f"{prefix(p)}{name} breaks between {ref(p)} and {ref(q)} in the wrong place: {why}"))
