"""The page template: page geometry, running head, footer with "Page X of Y" and the edition line.

`GuideDoc` owns the page furniture (drawn as artifacts, never part of the text's structure) and records
where each `Marker` lands, which the two-pass build uses for contents page numbers and page totals.
"""
from __future__ import annotations

from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from ..theme import PAPER_SIZES, Theme
from .fonts import font_for
from .flowables import Marker
from .styles import color


class GuideDoc(BaseDocTemplate):
    def __init__(self, target, theme: Theme, paper: str, edition_line: str, total_pages: int | None, **kw):
        self.theme = theme
        self.edition_line = edition_line
        self.total_pages = total_pages
        self.marks: dict[str, int] = {}
        self.running_head = ""
        width, height = PAPER_SIZES[paper]
        super().__init__(target, pagesize=(width, height), leftMargin=theme.margin_inner,
                         rightMargin=theme.margin_outer, topMargin=theme.margin_top,
                         bottomMargin=theme.margin_bottom, **kw)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPageEnd=self._cover_furniture),
            PageTemplate("body", [frame], onPageEnd=self._furniture),
        ])

    # -- recording ---------------------------------------------------------------------------------
    def afterFlowable(self, flowable):
        if isinstance(flowable, Marker):
            self.marks.setdefault(flowable.key, self.page)
            if flowable.running_head is not None:
                self.running_head = flowable.running_head

    # -- furniture ---------------------------------------------------------------------------------
    def _cover_furniture(self, canv, doc):
        pass

    def _furniture(self, canv, doc):
        t = self.theme
        sans = font_for(t, t.heading_family)
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        size = t.size(0.78)
        canv.saveState()
        canv.setFillColor(color(t.muted))
        canv.setStrokeColor(color(t.rule))
        canv.setLineWidth(0.4)
        head_y = height - self.topMargin + t.header_gap
        if self.running_head:
            canv.setFont(sans, size)
            canv.drawString(left, head_y, self.running_head.upper() if len(self.running_head) < 60
                            else self.running_head)
            canv.line(left, head_y - size * 0.6, right, head_y - size * 0.6)
        foot_y = self.bottomMargin - t.footer_gap
        canv.setFont(sans, size)
        total = self.total_pages or 0
        page_text = f"Page {doc.page} of {total}" if total else f"Page {doc.page}"
        canv.drawRightString(right, foot_y, page_text)
        line = self.edition_line
        room = right - left - canv.stringWidth(page_text, sans, size) - size * 3
        while line and canv.stringWidth(line, sans, size) > room:
            line = line[:-2].rstrip() + "…"
        canv.drawString(left, foot_y, line)
        canv.restoreState()


def body_template():
    return NextPageTemplate("body")
