"""The page template: page geometry, running head, footer with "Page X of Y" and the edition line.

`GuideDoc` owns the page furniture (drawn as artifacts, never part of the text's structure) and records
where each `Marker` lands. Numbers that are only known when the layout is finished (the contents' page
numbers, "of Y" in the footer) are drawn as form XObjects, referenced where they stand and defined once the
last page is laid out, so the whole document is laid out in a single pass.
"""
from __future__ import annotations

import re

from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFString
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Table

from ..layout import Layout
from ..theme import Theme
from .fonts import font_for
from .boxes import Box
from .flowables import Marker, fit_words
from .keeps import Floats, KeepWithFirstPiece, ink_gap
from .styles import color
from .tagging import TaggingCanvas, finish


class _GuideInfo(PDFInfo):
    """The document information dictionary, without an Author entry when there is no author (ReportLab
    would write an empty string)."""

    def format(self, document):
        text = PDFInfo.format(self, document)
        if not self.author:
            text = re.sub(rb"/Author \(\)\s*", b"", text, count=1)
        return text


def piece_info(type_area: str, furniture: str, date) -> PDFDictionary:
    """The guide's private data for `guide check-pdf`, in the catalog's page-piece dictionary (PieceInfo, PDF
    1.3), where document properties do not show it: /TypeArea "x0 y0 x1 y1" is the text frame and
    /Furniture "footer_y header_y" the baselines of the page furniture, in PDF points."""
    private = PDFDictionary({"TypeArea": PDFString(type_area), "Furniture": PDFString(furniture)})
    return PDFDictionary({"Guide": PDFDictionary({"LastModified": date, "Private": private})})


def finish_document(template, lang: str = "en", link_labels=None) -> None:
    """The end of a guide PDF's build, for every page template: its geometry (PieceInfo), metadata and
    language, and the structure tree when it is tagged."""
    doc = template.canv._doc
    catalog = doc.Catalog
    if "PieceInfo" not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "PieceInfo"]
    catalog.PieceInfo = piece_info(*template._geometry, PDFDate(ts=doc._timeStamp,
                                                                 dateFormatter=doc.info._dateFormatter))
    finish(template.canv, title=template.title, lang=lang, subject=template.subject or "",
           author=template.author or "", link_labels=link_labels, tagged=template.tagger is not None)
    if template.tagger is not None:
        template.tagger.write(template.canv)


class GuideDoc(BaseDocTemplate):
    def __init__(self, target, theme: Theme, layout: Layout, footer_fields: list[tuple[str, str]],
                 handout: bool = False, tagger=None, link_labels: dict[str, str] | None = None, **kw):
        self.theme = theme
        self.layout = layout
        self.tagger = tagger
        self.link_labels = link_labels or {}
        self.footer_fields = footer_fields
        self._footer_lines: dict[float, str] = {}
        self.marks: dict[str, int] = {}
        self._page_refs: dict[str, tuple[str, object]] = {}    # marker key → (form name, paragraph style)
        self._footers: list[tuple[int, str, float]] = []       # (page, form name, width of the line)
        self._footer_size = theme.furniture_size
        self.running_head = ""
        self.floats = Floats()
        g = layout
        super().__init__(target, pagesize=g.pagesize, leftMargin=g.margin_inner, rightMargin=g.margin_outer,
                         topMargin=g.margin_top, bottomMargin=g.margin_bottom,
                         keepTogetherClass=KeepWithFirstPiece,    # a heading keeps with the first piece after it
                         **kw)

        def frame(x):
            return Frame(x, g.margin_bottom, g.frame_width, g.frame_height, id="text",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        odd = PageTemplate("body", [frame(g.margin_inner)], onPageEnd=self._furniture)
        templates = [PageTemplate("cover", [frame(g.margin_inner)], onPageEnd=self._cover_furniture), odd]
        if g.two_sided:  # mirrored margins: the wide (binding) margin is on the left of odd pages
            even = PageTemplate("body-even", [frame(g.margin_outer)], onPageEnd=self._furniture)
            odd.autoNextPageTemplate = "body-even"
            even.autoNextPageTemplate = "body"
            templates.append(even)
        if handout:  # a handout has no title page: the body template comes first
            templates = templates[1:] + templates[:1]
        self.addPageTemplates(templates)

    def handle_pageBegin(self):
        """In two-sided printing, odd pages take the body template and even pages its mirror, always."""
        if self.layout.two_sided and self.pageTemplate.id in ("body", "body-even"):
            want = "body" if (self.page + 1) % 2 else "body-even"
            if self.pageTemplate.id != want:
                self.pageTemplate = next(t for t in self.pageTemplates if t.id == want)
        super().handle_pageBegin()

    def handle_flowable(self, flowables):
        """As ReportLab does, except that a figure or box that does not fit waits for the next page while
        the text after it fills this one (`keeps.Floats`), and that a table with a row taller than a whole
        page (a very long glossary definition in large print on booklet pages) splits inside that row
        instead of failing. Only such a table: every other table keeps its rows whole."""
        if self.floats.before(self, flowables):
            return
        first = flowables[0] if flowables else None
        self.handling = first               # (what a layout error is about)
        if isinstance(first, Table) and not isinstance(first, Box) and getattr(first, "_postponed", 0) \
                and not first.splitInRow and _tallest_row(first, self) > self.frame._aH:
            first.splitInRow = 2 * max(first._cellStyles[0][0].leading or 12, 12)   # at least two lines a side
            del first._postponed
        super().handle_flowable(flowables)

    def handle_oddPageBreak(self):
        """Break to the next right-hand (odd) page, leaving a blank left-hand page if needed."""
        self.handle_pageBreak()
        if self.page % 2 == 1:
            self._drawing_blank = True   # the left-hand page in between stays blank: no furniture
            self.handle_pageBreak()
            self._drawing_blank = False

    def beforeDocument(self):
        if self.tagger is not None:
            self.canv._guide_tagger = self.tagger
        info = self.canv._doc.info
        info.__class__ = _GuideInfo
        width, height = self.pagesize
        g = self.layout
        x0, y0 = self.leftMargin, self.bottomMargin
        self._geometry = (f"{x0:.2f} {y0:.2f} {x0 + self.width:.2f} {y0 + self.height:.2f}",
                          f"{self.bottomMargin - g.footer_gap:.2f} {height - self.topMargin + g.header_gap:.2f}")

    # -- numbers known at the end ------------------------------------------------------------------
    def page_ref(self, key: str, style) -> str:
        """The name of the form that will hold the page number of marker `key`."""
        name = f"guide-page-{len(self._page_refs)}"
        name, _ = self._page_refs.setdefault(key, (name, style))
        return name

    def build(self, flowables):
        super().build(flowables, canvasmaker=TaggingCanvas)

    def _endBuild(self):
        self._doSave = 0
        super()._endBuild()
        self._define_forms()
        finish_document(self, lang=self.lang or "en", link_labels=self.link_labels)
        self.canv.save()

    def _define_forms(self):
        """Fill in the forms drawn as placeholders: the contents' page numbers and each page's footer."""
        total = self.page
        for key, (name, style) in self._page_refs.items():
            page = self.marks.get(key)
            if page is None:     # (the contents list only parts the story holds: this is a bug, not bad input)
                raise RuntimeError(f"the contents point at {key!r}, which is not in the document")
            text = str(page)
            self._form(name, -self.canv.stringWidth(text, style.fontName, style.fontSize) - 1, style.fontSize,
                       lambda c, text=text, style=style: (c.setFont(style.fontName, style.fontSize),
                                                          c.drawRightString(0, 0, text)))
        for page, name, width in self._footers:
            self._form(name, -width - 1, self._footer_size, lambda c, page=page, width=width:
                       self._draw_footer(c, page, total, width))

    def _form(self, name: str, lowerx: float, size: float, draw) -> None:
        """A form drawn at its origin: a baseline whose right end is x = 0."""
        canv = self.canv
        canv.beginForm(name, lowerx=lowerx, lowery=-size * 0.4, upperx=1, uppery=size * 1.2)
        draw(canv)
        canv.endForm()

    def _draw_footer(self, canv, page: int, total: int, width: float) -> None:
        """The footer line: the edition on the left (shortened to fit), "Page X of Y" on the right; on the
        left-hand (even) pages of two-sided printing mirrored, so that the page number is on the outer edge."""
        t = self.theme
        sans, size = font_for(t, t.heading_family), self._footer_size
        page_text = f"Page {page} of {total}"
        canv.setFillColor(color(t.furniture_colour))
        canv.setFont(sans, size)
        room = width - canv.stringWidth(page_text, sans, size) - size * 3
        line = self._footer_lines.get(room)
        if line is None:
            line = self._footer_lines[room] = fit_footer(self.footer_fields,
                                                         lambda s: canv.stringWidth(s, sans, size), room)
        if self.layout.two_sided and page % 2 == 0:
            canv.drawString(-width, 0, page_text)
            canv.drawRightString(0, 0, line)
        else:
            canv.drawString(-width, 0, line)
            canv.drawRightString(0, 0, page_text)

    # -- recording ---------------------------------------------------------------------------------
    def afterFlowable(self, flowable):
        if self.frame is not None and not getattr(flowable, "_ZEROSIZE", 0):
            self.frame._guide_ink_gap = ink_gap(flowable)     # (what `keeps.left_empty` adds)
        if isinstance(flowable, Marker):
            self.marks.setdefault(flowable.key, self.page)
            if flowable.running_head is not None:
                self.running_head = flowable.running_head

    # -- furniture ---------------------------------------------------------------------------------
    def _cover_furniture(self, canv, doc):
        pass

    def _furniture(self, canv, doc):
        if getattr(self, "_drawing_blank", False):
            return  # a blank left-hand page before a section opening stays blank
        if self.tagger is not None:
            self.tagger.begin_artifact(canv, "Pagination")
        try:
            self._draw_furniture(canv, doc)
        finally:
            if self.tagger is not None:
                self.tagger.end_artifact(canv)

    def _draw_furniture(self, canv, doc):
        t = self.theme
        sans = font_for(t, t.heading_family)
        width, height = self.pagesize
        frame_x = self.pageTemplate.frames[0]._x1
        left, right = frame_x, frame_x + self.width
        size = self._footer_size
        canv.saveState()
        canv.setFillColor(color(t.furniture_colour))
        canv.setStrokeColor(color(t.rule))
        canv.setLineWidth(0.4)
        head_y = height - self.topMargin + self.layout.header_gap
        if self.running_head:
            canv.setFont(sans, size)
            head = self.running_head.upper() if len(self.running_head) < 60 else self.running_head
            canv.drawString(left, head_y, fit_words(head, lambda x: canv.stringWidth(x, sans, size), right - left))
            canv.line(left, head_y - size * 0.6, right, head_y - size * 0.6)
        # the footer holds the page total, known only at the end: a form filled in then (`_define_forms`)
        name = f"guide-foot-{doc.page}"
        self._footers.append((doc.page, name, right - left))
        canv.translate(right, self.bottomMargin - self.layout.footer_gap)
        canv.doForm(name)
        canv.restoreState()


def _tallest_row(table, doc) -> float:
    """The height of a table's tallest row below its repeated header rows, with them."""
    table.wrapOn(doc.canv, doc.frame._aW, doc.frame._aH)
    heights = [h or 0 for h in (getattr(table, "_rowHeights", None) or [0])]
    head = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
    return sum(heights[:head]) + max(heights[head:] or [0])


def odd_page_break():
    """A page break that always lands on a right-hand page (for two-sided printing)."""
    from reportlab.platypus.doctemplate import ActionFlowable
    return ActionFlowable(("oddPageBreak",))


def fit_footer(fields: list[tuple[str, str]], width, room: float) -> str:
    """The footer line that fits in `room`: whole fields are dropped in the order of
    `options.FOOTER_DROP_ORDER`; if the title and level alone are too long, the title is cut after a whole
    word, with an ellipsis. Never cut inside a word."""
    from ..options import FOOTER_DROP_ORDER

    fields = list(fields)
    line = " · ".join(text for _, text in fields)
    for name in FOOTER_DROP_ORDER:
        if width(line) <= room:
            return line
        fields = [(n, t) for n, t in fields if n != name]
        line = " · ".join(text for _, text in fields)
    if width(line) <= room:
        return line
    rest = " · ".join(text for n, text in fields if n != "title")
    words = dict(fields).get("title", "").split()
    lo, hi = 0, len(words)          # the most words of the title that fit, found by halving
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(" ".join(words[:mid]) + "… · " + rest) <= room:
            lo = mid
        else:
            hi = mid - 1
    return (" ".join(words[:lo]) + "… · " + rest) if lo else rest
