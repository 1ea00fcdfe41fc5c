"""Large print and furniture: in a large-print PDF every glyph in the type area is at least 18 pt (note
numbers included) and at least 60% black; running heads and footers may be 14 pt but must be black. On
two-sided and booklet pages the page number stands at the outer edge, never at the spine."""
from __future__ import annotations

import re

from .body import Body
from .report import Finding, sample_list
from .sheets import Page, prefix

LARGE_BODY = 16.0          # a body size at least this marks a large-print PDF
LARGE_MIN = 18.0           # the smallest type in its type area (APH guidance)
FURNITURE_MIN = 14.0       # … in its running heads and footers
CONTRAST = 0.6             # the lightest text: 60% black (0 white … 1 black)
FURNITURE_BLACK = 0.8      # running heads and footers: black (80% or more)
WHITE = 0.1                # text lighter than this is drawn on a dark panel (reversed out), not grey
SIZE_SLACK = 0.05
PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,4})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)


def check_large_print(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    if body.size < LARGE_BODY:
        return
    for p in pages:
        small, light, furniture = [], [], []
        for ln in p.frame:
            if ln.min_size < LARGE_MIN - SIZE_SLACK:
                small.append(f"{ln.short(40)!r} ({ln.min_size:g} pt)")
            if WHITE < ln.lightest < CONTRAST:
                light.append(f"{ln.short(40)!r} ({ln.lightest:.0%} black)")
        for ln in p.furniture:
            if ln.min_size < FURNITURE_MIN - SIZE_SLACK or WHITE < ln.lightest < FURNITURE_BLACK:
                furniture.append(f"{ln.short(40)!r} ({ln.min_size:g} pt, {ln.lightest:.0%} black)")
        if small:
            findings.append(Finding(p.sheet, "large-print-size",
                                    f"{prefix(p)}{len(small)} line(s) have text under {LARGE_MIN:g} pt in large "
                                    f"print: {sample_list(small)}"))
        if light:
            findings.append(Finding(p.sheet, "large-print-contrast",
                                    f"{prefix(p)}{len(light)} line(s) have text lighter than {CONTRAST:.0%} black "
                                    f"in large print: {sample_list(light)}"))
        if furniture:
            findings.append(Finding(p.sheet, "large-print-size",
                                    f"{prefix(p)}running heads or footers under {FURNITURE_MIN:g} pt or not black "
                                    f"in large print: {sample_list(furniture)}"))


def two_sided(pages: list[Page], frame) -> bool:
    """Booklet halves, or a frame whose side margins differ (mirrored on even pages)."""
    if any(p.label for p in pages):
        return True
    if frame is None or not pages:
        return False
    width = pages[0].width
    return abs(frame[0] - (width - frame[2])) > 1.0


def check_page_numbers(pages: list[Page], frame, findings: list[Finding]) -> None:
    """On two-sided pages a left-hand (even) page has its number at the left, a right-hand page at the right;
    a number on the spine side of the page's middle is a finding."""
    if not two_sided(pages, frame):
        return
    for p in pages:
        middle = p.offset + p.width / 2
        for ln in p.furniture:
            for seg in ln.segments():
                m = PAGE_NUMBER.match(seg.text.strip())
                if not m:
                    continue
                centre = (seg.x0 + seg.x1) / 2
                if abs(centre - middle) < 0.1 * p.width:
                    continue          # centred: neither edge
                left_hand = p.number % 2 == 0
                at_spine = centre > middle if left_hand else centre < middle
                if at_spine:
                    side = "left" if left_hand else "right"
                    findings.append(Finding(p.sheet, "page-number-spine",
                                            f"{prefix(p)}the page number {seg.text.strip()!r} stands at the spine "
                                            f"of a {side}-hand page; it belongs at the outer edge"))
