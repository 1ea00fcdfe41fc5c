"""Stage 5, typeset: a resolved `Document` → PDF bytes. The only package that imports ReportLab.

Layout runs once. The contents table has a fixed shape (one row per entry, known before the body is laid
out), and the numbers that are only known at the end (its page numbers, the page total in the footer) are
form XObjects that the document template defines after the last page (`template.GuideDoc._define_forms`).
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
from .reportlab_patches import installed as reportlab_patched
from .tagging import Tagger
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
    rl_config.useA85 = 0          # binary (compressed) streams: no ASCII85 pass over fonts and pages
    pagesize = pagesize or PAPER_SIZES[doc.paper]
    out = io.BytesIO()
    builder = Story(doc, theme, pagesize)
    tagger = Tagger() if tagged else None
    story = {"guide": builder.build, "answers": builder.build_answers, "handout": builder.build_handout,
             "handout-answers": builder.build_handout_answers}[kind]()
    template = GuideDoc(out, theme, pagesize, doc.footer_fields, handout=kind.startswith("handout"),
                        tagger=tagger, link_labels=builder.link_labels(), title=doc.title,
                        author=doc.instructor or "", subject=doc.subtitle or doc.title,
                        keywords=", ".join(x for x in (doc.topic, doc.level_label, "study guide") if x),
                        creator="guide", lang="en", displayDocTitle=True,
                        initialFontName=font_for(theme, theme.text_family), initialFontSize=theme.body_size,
                        invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else None)
    try:
        with reportlab_patched():     # ReportLab's text operators changed for this layout only
            template.build(story)
    except LayoutError:
        where = getattr(template, "running_head", None)
        raise GuideError(f"the layout failed on page {template.page}" + (f", in “{where}”" if where else "")
                         + ": something there is too tall or too wide to fit on a page (a very long title, "
                         "table entry or chart label); shorten the longest text there (see 'Limits' in the "
                         "README)") from None
    return Typeset(out.getvalue(), template.page, 1, dict(template.marks))
