"""Page geometry: the paper, its margins, one- or two-sided printing, booklet pages — apart from the look.

The Theme (`theme.py`) is the look: fonts, sizes, colours, and the margins its type size reads best with.
A `Layout` is where the text goes on the page for one output, decided from the selection before any
renderer runs. Pure data, in PDF points; every renderer (the PDF typesetter, the Word export) reads it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .theme import INCH, PAPER_SIZES, Theme

GUTTER = 0.25 * INCH      # moved from the outer margin to the inner (binding) margin when printed two-sided


@dataclass(frozen=True)
class Layout:
    paper: str                          # "letter" | "a4": the sheet the pages are printed on
    pagesize: tuple[float, float]       # (width, height) of one page (half the sheet for a booklet)
    margin_inner: float                 # the binding side: left on odd pages
    margin_outer: float
    margin_top: float
    margin_bottom: float
    header_gap: float                   # from the top of the text frame to the running head's baseline
    footer_gap: float                   # from the bottom of the text frame to the footer's baseline
    two_sided: bool = False             # mirrored margins; sections open on right-hand pages
    booklet: bool = False               # half-size pages, imposed two to a sheet after layout

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.margin_inner - self.margin_outer

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.margin_top - self.margin_bottom

    @property
    def sheet(self) -> tuple[float, float]:
        """The paper the output is printed on."""
        return PAPER_SIZES[self.paper]


def half_paper(paper: str) -> tuple[float, float]:
    """The page size of a booklet: half-letter for Letter, A5 for A4."""
    width, height = PAPER_SIZES[paper]
    return height / 2, width


def page_layout(theme: Theme, paper: str, two_sided: bool = False, booklet: bool = False) -> Layout:
    """The geometry of one output: the theme's margins; two-sided moves `GUTTER` of the outer margin to the
    inner; a booklet has half-size pages with narrower margins, mirrored for the fold."""
    if booklet:
        return Layout(paper, half_paper(paper), 0.62 * INCH, 0.5 * INCH, 0.62 * INCH, 0.62 * INCH,
                      0.3 * INCH, 0.32 * INCH, two_sided=True, booklet=True)
    inner, outer = theme.margin_inner, theme.margin_outer
    if two_sided:
        inner, outer = inner + GUTTER, outer - GUTTER
    return Layout(paper, PAPER_SIZES[paper], inner, outer, theme.margin_top, theme.margin_bottom,
                  theme.header_gap, theme.footer_gap, two_sided=two_sided)
