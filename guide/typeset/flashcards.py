"""Printable flashcards: the glossary terms of an edition, eight cards to a sheet, for duplex printing.

Pages alternate: fronts (the term, its Russian form and transliteration), then backs (the meaning at the
edition's level). Printed on both sides and flipped on the long edge, a back lands behind its front: a
portrait page flipped on its long edge mirrors left and right, so a back page holds its row's cards in
reversed column order. Cut marks in the margins (artifacts) show where to cut; every card has the same
size on both sides. Tagged like every PDF guide writes (`tagging.py`); the card grid is the type area
that `guide check-pdf` checks.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Spacer

from ..document import DocTerm, Document
from ..errors import GuideError
from ..theme import PAPER_SIZES, Theme
from .flowables import GuideParagraph, tag
from .fonts import font_for
from .inline import Inline, esc
from .reportlab_patches import installed as reportlab_patched
from .styles import color, styles
from .tagging import Tagger, TaggingCanvas
from .template import finish_document

COLUMNS, ROWS = 2, 4
MARGIN = 0.5 * inch           # every side: the grid's edge; the cut marks stand in this margin
HEADER = 0.4 * inch           # above the grid: what the page is (fronts or backs, sheet n of m)
MARK_GAP, MARK_LENGTH = 0.08 * inch, 0.3 * inch
MIN_SIZE = 6.5                # the smallest type a card's meaning is set in before the card is refused


@dataclass
class Cards:
    pdf: bytes
    pages: int
    cards: int
    positions: dict[str, tuple[int, int, int]]   # term id → (sheet, row, column of its front)


def grid(pagesize: tuple[float, float]) -> tuple[float, float, float, float]:
    """The card grid: (x0, y0, card width, card height)."""
    width, height = pagesize
    card_w = (width - 2 * MARGIN) / COLUMNS
    card_h = (height - 2 * MARGIN - HEADER) / ROWS
    return MARGIN, MARGIN, card_w, card_h


class CardDoc(BaseDocTemplate):
    def __init__(self, target, theme: Theme, pagesize, tagger, **kw):
        self.theme, self.tagger = theme, tagger
        width, height = pagesize
        super().__init__(target, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, **kw)
        x0, y0, cw, ch = grid(pagesize)
        pad = 0.16 * inch
        frames = [Frame(MARGIN, height - MARGIN - HEADER, width - 2 * MARGIN, HEADER, id="head",
                        leftPadding=pad, rightPadding=pad, topPadding=0, bottomPadding=0)]
        for r in range(ROWS):
            for c in range(COLUMNS):
                frames.append(Frame(x0 + c * cw, y0 + (ROWS - 1 - r) * ch, cw, ch, id=f"card-{r}-{c}",
                                    leftPadding=pad, rightPadding=pad, topPadding=pad, bottomPadding=pad))
        self.addPageTemplates([PageTemplate("cards", frames, onPageEnd=self._cut_marks)])

    def beforeDocument(self):
        if self.tagger is not None:
            self.canv._guide_tagger = self.tagger
        w, h = self.pagesize
        self._geometry = (f"{MARGIN:.2f} {MARGIN:.2f} {w - MARGIN:.2f} {h - MARGIN:.2f}",
                          f"{MARGIN * 0.5:.2f} {h - MARGIN * 0.5:.2f}")

    def build(self, flowables):
        super().build(flowables, canvasmaker=TaggingCanvas)

    def _endBuild(self):
        self._doSave = 0
        super()._endBuild()
        finish_document(self)
        self.canv.save()

    def _cut_marks(self, canv, doc):
        """Short lines in the margin at every edge of the grid, the same on fronts and backs."""
        if self.tagger is not None:
            self.tagger.begin_artifact(canv, "Layout")
        x0, y0, cw, ch = grid(self.pagesize)
        canv.saveState()
        canv.setStrokeColor(color(self.theme.ink))
        canv.setLineWidth(0.5)
        xs = [x0 + c * cw for c in range(COLUMNS + 1)]
        ys = [y0 + r * ch for r in range(ROWS + 1)]
        top, right = ys[-1], xs[-1]
        for x in xs:
            canv.line(x, y0 - MARK_GAP, x, y0 - MARK_GAP - MARK_LENGTH)
            canv.line(x, top + MARK_GAP, x, top + MARK_GAP + min(MARK_LENGTH, HEADER - 2 * MARK_GAP))
        for y in ys:
            canv.line(x0 - MARK_GAP, y, x0 - MARK_GAP - MARK_LENGTH, y)
            canv.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y)
        canv.restoreState()
        if self.tagger is not None:
            self.tagger.end_artifact(canv)


def back_column(c: int) -> int:
    """The column of a back page that lies behind column `c` of its front page (flipped on the long edge)."""
    return COLUMNS - 1 - c


def card_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    st = styles(theme)
    head, text = theme.heading_family, theme.text_family
    return {
        "head": ParagraphStyle("cards-head", parent=st["small"], fontName=font_for(theme, head), alignment=TA_LEFT,
                               textColor=color(theme.muted), spaceAfter=0),
        "term": ParagraphStyle("cards-term", parent=st["body"], fontName=font_for(theme, text, "bold"),
                               fontSize=theme.size(1.6), leading=theme.size(1.6) * 1.2, alignment=TA_CENTER,
                               hyphenationLang="", spaceBefore=0, spaceAfter=theme.leading * 0.4),
        "russian": ParagraphStyle("cards-ru", parent=st["body"], fontSize=theme.size(1.2),
                                  leading=theme.size(1.2) * 1.25, alignment=TA_CENTER, hyphenationLang="",
                                  spaceAfter=theme.leading * 0.2),
        "translit": ParagraphStyle("cards-translit", parent=st["body"], fontName=font_for(theme, text, "italic"),
                                   alignment=TA_CENTER, hyphenationLang="", textColor=color(theme.muted)),
        "back_term": ParagraphStyle("cards-back-term", parent=st["body"], fontName=font_for(theme, head, "bold"),
                                    fontSize=theme.size(0.85), leading=theme.size(0.85) * 1.25, alignment=TA_CENTER,
                                    hyphenationLang="", textColor=color(theme.muted), spaceAfter=theme.leading * 0.3),
        "meaning": ParagraphStyle("cards-meaning", parent=st["body"], alignment=TA_LEFT, hyphenationLang="",
                                  spaceAfter=0),
    }


def front(dt: DocTerm, st, width: float, height: float) -> list:
    """The term, its Russian form and transliteration, centred on the card."""
    t = dt.term
    out = [tag(GuideParagraph(esc(t.term), st["term"]), "P")]
    if t.original:
        out.append(tag(GuideParagraph(esc(t.original), st["russian"]), "P"))
    if t.translit and t.translit != t.term:
        out.append(tag(GuideParagraph(esc(t.translit), st["translit"]), "P"))
    used = sum(f.wrap(width, height)[1] + f.style.spaceAfter for f in out) + st["term"].spaceBefore
    return [Spacer(1, max(0.0, (height - used) / 2)), *out]


def back(dt: DocTerm, st, ink: Inline, width: float, height: float) -> list:
    """The term (small, to check a card by) and its meaning, set smaller until it fits the card."""
    t = dt.term
    meaning = ink.render(dt.definition)
    if t.expansion:
        meaning = f"<i>{esc(t.expansion)}.</i> " + meaning
    head = tag(GuideParagraph(esc(t.term), st["back_term"]), "P")
    room = height - head.wrap(width, height)[1] - st["back_term"].spaceAfter
    size = st["meaning"].fontSize
    while True:
        style = ParagraphStyle(f"cards-meaning-{size}", parent=st["meaning"], fontSize=size, leading=size * 1.22)
        para = GuideParagraph(meaning, style)
        if para.wrap(width, height)[1] <= room:
            break
        size -= 0.5
        if size < MIN_SIZE:
            raise GuideError(f"the meaning of '{t.term}' is too long for a flashcard, even at {MIN_SIZE} pt: "
                             "shorten its definition at this level", exit_code=1)
    return [head, tag(para, "P")]


def flashcards(doc: Document, theme: Theme, paper: str, tagged: bool = True) -> Cards:
    """The cards of the edition's glossary terms, in the glossary's order."""
    rl_config.useA85 = 0
    terms = doc.glossary
    if not terms:
        raise GuideError(f"the edition '{doc.edition}' prints no glossary terms (or leaves out the glossary), so "
                         "there are no flashcards to make; nothing was written", exit_code=1)
    pagesize = PAPER_SIZES[paper]
    st = card_styles(theme)
    ink = Inline(theme, doc.sources, set(), None, False, False, {})
    x0, y0, cw, ch = grid(pagesize)
    inner_w, inner_h = cw - 0.32 * inch, ch - 0.32 * inch
    per = ROWS * COLUMNS
    sheets = [terms[i:i + per] for i in range(0, len(terms), per)]
    story: list = []
    positions: dict[str, tuple[int, int, int]] = {}
    for n, sheet in enumerate(sheets, 1):
        for side in ("fronts", "backs"):
            label = (f"{doc.title}: flashcards, {doc.level_label} edition. Sheet {n} of {len(sheets)}, {side}. "
                     "Print on both sides, flipping on the long edge; cut along the marks.")
            role = "H1" if (n, side) == (1, "fronts") else "P"
            story += [tag(GuideParagraph(esc(label), st["head"]), role), FrameBreak()]
            for r in range(ROWS):
                for c in range(COLUMNS):
                    # a back page mirrors left and right: its column c holds the card of the front's column behind it
                    k = r * COLUMNS + (c if side == "fronts" else back_column(c))
                    if k < len(sheet):
                        dt = sheet[k]
                        if side == "fronts":
                            positions[dt.term.id] = (n, r, c)
                            story += front(dt, st, inner_w, inner_h)
                        else:
                            story += back(dt, st, ink, inner_w, inner_h)
                    story.append(FrameBreak())
    out = io.BytesIO()
    template = CardDoc(out, theme, pagesize, Tagger() if tagged else None,
                       title=f"{doc.title}: flashcards", author=doc.instructor or "",
                       subject=f"Glossary flashcards, {doc.level_label} edition", creator="guide",
                       keywords=", ".join(x for x in (doc.topic, doc.level_label, "flashcards") if x),
                       lang="en", displayDocTitle=True, initialFontName=font_for(theme, theme.text_family),
                       initialFontSize=theme.body_size, invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else None)
    with reportlab_patched():     # ReportLab's text operators, changed for this layout only (tagging)
        template.build(story)
    return Cards(out.getvalue(), template.page, len(terms), positions)
