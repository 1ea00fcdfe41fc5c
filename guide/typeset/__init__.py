"""Stage 6, typeset: a `Plan` → PDF bytes. The only package that imports ReportLab.

It draws the plan and decides nothing about what to print. Layout runs once: the contents table has a fixed
shape (one row per entry of the plan), and the numbers that are only known at the end (its page numbers,
the page total in the footer) are form XObjects that the document template defines after the last page
(`template.GuideDoc._define_forms`).
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError

from ..errors import GuideError
from ..plan import Plan
from ..theme import Theme
from .fonts import font_for
from .parts import story
from .styles import styles
from .collection import alive_set_aside
from .reportlab_patches import installed as reportlab_patched
from .tagging import Tagger
from .template import GuideDoc


@dataclass
class Typeset:
    pdf: bytes
    pages: int
    passes: int          # how many times the story was laid out (counted, not assumed)
    marks: dict[str, int]


def typeset(plan: Plan, theme: Theme, tagged: bool = True) -> Typeset:
    """Lay out one planned file in the theme's look, on the plan's page layout."""
    rl_config.useA85 = 0          # binary (compressed) streams: no ASCII85 pass over fonts and pages
    tagger = Tagger() if tagged else None
    styles(theme)       # (the fonts and hyphenation patterns it loads live as long as the process)
    with alive_set_aside():     # the garbage collector skips what was alive before the layout (`collection`)
        return _laid_out(plan, theme, tagger)


def _laid_out(plan: Plan, theme: Theme, tagger) -> Typeset:
    doc = plan.document
    out = io.BytesIO()
    flowables = story(plan, theme)
    template = GuideDoc(out, theme, plan.layout, plan.footer_fields, handout=plan.handout,
                        tagger=tagger, link_labels=plan.link_labels, title=doc.title,
                        author=doc.instructor or "", subject=doc.subtitle or doc.title,
                        keywords=", ".join(x for x in (doc.topic, doc.level_label, "study guide") if x),
                        creator="guide", lang="en", displayDocTitle=True,
                        initialFontName=font_for(theme, theme.text_family), initialFontSize=theme.body_size,
                        invariant=1 if os.environ.get("SOURCE_DATE_EPOCH") else None)
    passes = _count_passes(template)
    try:
        with reportlab_patched():     # ReportLab's text operators changed for this layout only
            template.build(flowables)
    except LayoutError:
        raise too_large(template) from None
    return Typeset(out.getvalue(), template.page, passes[0], dict(template.marks))


def too_large(template: GuideDoc) -> GuideError:
    """The message for content that cannot fit on a page: where it is written, the words it starts with,
    what to shorten; never ReportLab's description of its objects."""
    from ..errors import Problem
    from .flowables import fit_words

    what = getattr(template, "handling", None)
    where = getattr(what, "_guide_where", None)
    text = " ".join((describe(getattr(what, "_guide_block", None)) or describe(what)).split())
    quoted = f" (“{fit_words(text, len, 60)}”)" if text else ""
    section = getattr(template, "running_head", None)
    context = f" on page {template.page}" + (f", in “{section}”" if section else "")
    message = (f"this block{quoted} is too tall or too wide to fit on a page{context}, even on a page of its "
               "own: shorten it (fewer bars in a chart, fewer places on a map, a shorter title, label or table "
               "entry), or choose a larger paper or a theme with smaller type (see 'Limits' in the README)")
    return GuideError([Problem("error", message, where)])


def describe(flowable) -> str:
    """The first words a reader would see in a flowable (a paragraph, a table's cells, a box, a figure's
    title), for a message."""
    if flowable is None:
        return ""
    if isinstance(flowable, (list, tuple)):
        return " ".join(describe(f) for f in flowable)[:200]
    for attr in ("_content", "_cellvalues"):
        parts = getattr(flowable, attr, None)
        if parts:
            return describe(list(parts))
    text = getattr(flowable, "getPlainText", None)
    try:
        return text() if callable(text) else ""
    except Exception:       # (a flowable that cannot say: the message goes without its words)
        return ""


def _count_passes(template: GuideDoc) -> list[int]:
    """A counter of the layout passes of `template`: ReportLab starts each pass over the story with
    `_startBuild` (once for `build`, once per pass for `multiBuild`); each start on this template adds one."""
    passes = [0]
    start = template._startBuild

    def counted(*args, **kwargs):
        passes[0] += 1
        return start(*args, **kwargs)

    template._startBuild = counted
    return passes
