"""Stage 5, typeset: a resolved `Document` → PDF bytes. The only package that imports ReportLab.

Layout runs twice: the first pass finds the page of every marker (contents entries, page total); the
second lays out the same story with those numbers in place. The contents table has a fixed shape, so the
second pass lands every marker on the same page, which is checked.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError

from ..document import Document
from ..errors import GuideError
from ..theme import PAPER_SIZES, Theme
from .fonts import font_for
from .parts import Story
from .tagging import Tagger, finish
from .template import GuideDoc


@dataclass
class Typeset:
    pdf: bytes
    pages: int
    passes: int
    marks: dict[str, int]


def typeset(doc: Document, theme: Theme, pagesize: tuple[float, float] | None = None,
            kind: str = "guide", tagged: bool = True) -> Typeset:
    """Lay out a document: `kind` is "guide" (the full guide), "answers" (the separate teacher's copy) or
    "handout" (one section as a worksheet)."""
    from . import flowables

    rl_config.useA85 = 0          # binary (compressed) streams: no ASCII85 pass over fonts and pages
    marks: dict[str, int] = {}
    total = None
    pagesize = pagesize or PAPER_SIZES[doc.paper]
    flowables.LINE_CACHE = {}
    for passes in range(1, 4):
        out = io.BytesIO()
        builder = Story(doc, theme, marks, pagesize)
        tagger = Tagger() if tagged and passes > 1 else None   # pass 1 only measures: tag the final pass
        story = {"guide": builder.build, "answers": builder.build_answers, "handout": builder.build_handout,
                 "handout-answers": builder.build_handout_answers}[kind]()
        template = GuideDoc(out, theme, pagesize, doc.edition_line, total, handout=kind.startswith("handout"),
                            tagger=tagger, title=doc.title,
                            author=doc.instructor or "", subject=doc.subtitle or doc.title,
                            keywords=", ".join(x for x in (doc.topic, doc.level_label, "study guide") if x),
                            creator="guide", lang="en", displayDocTitle=True,
                            initialFontName=font_for(theme, theme.text_family), initialFontSize=theme.body_size,
                            invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else None)
        try:
            template.build(story)
        except LayoutError as exc:
            raise GuideError(f"the layout failed: {exc}. A block is too large to fit on one page; "
                             "split it into smaller paragraphs") from None
        if template.marks == marks and template.page == total:
            break
        marks, total = dict(template.marks), template.page
    flowables.LINE_CACHE = None
    pdf = out.getvalue()
    if tagger is not None:
        pdf = finish(pdf, tagger, title=doc.title, lang="en", link_labels=builder.link_labels(),
                     subject=doc.subtitle or "", author=doc.instructor or "")
    return Typeset(pdf, template.page, passes, marks)
