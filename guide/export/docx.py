"""`guide export docx`: a `Plan` (the guide, its separate answer key, a handout or its answer sheet) as an
editable Word document, drawn by `docx_parts.WordRenderer`.

The document's date is the build's (SOURCE_DATE_EPOCH when set), its author the edition's instructor.
Nothing here selects, resolves or plans: `guide/exporting.py` runs the pipeline and hands the plan over.
"""
from __future__ import annotations

import datetime as _dt

from ..document import Document
from ..theme import Theme

KIND_WORDS = {"guide": "study guide", "answers": "answer key", "handout": "handout",
              "handout-answers": "answer sheet"}


def _when(doc: Document) -> _dt.datetime:
    """The day of the build, as the document gives it ("1 December 2026")."""
    try:
        return _dt.datetime.strptime(doc.built, "%d %B %Y")
    except ValueError:
        return _dt.datetime(1980, 1, 1)


def render_docx(plan, theme: Theme) -> bytes:
    from .docx_parts import WordRenderer
    from .images import figure_png

    cache: dict[int, tuple[bytes, float]] = {}

    def figures(block):
        if id(block) not in cache:
            cache[id(block)] = figure_png(block, theme)
        return cache[id(block)]

    doc = plan.document
    renderer = WordRenderer(plan, figures)
    renderer.w.properties(doc.title, doc.instructor or "", doc.subtitle or doc.title,
                          ", ".join(x for x in (doc.topic, doc.level_label, KIND_WORDS.get(plan.kind, "")) if x),
                          _when(doc))
    return renderer.render()
