"""The table of part renderers: each `Part.kind` of the plan → the function that draws it."""
from __future__ import annotations

from . import answers, back, front, sections
from .story import Renderer

PARTS = {
    "title-page": front.title_page, "imprint": front.imprint, "contents": front.contents,
    "name-line": front.name_line, "section": sections.section, "handout-quiz": sections.handout_quiz,
    "dbqs": back.dbqs, "tasks": back.tasks, "chronology": back.chronology, "glossary": back.glossary,
    "people": back.people, "notes": back.notes, "bibliography": back.bibliography, "reading": back.reading,
    "handout-apparatus": back.apparatus, "answer-key": answers.answer_key,
}


def story(plan, theme) -> list:
    """The flowables of a plan: each part, in order, drawn by its renderer."""
    r = Renderer(plan, theme)
    out: list = []
    for part in plan.parts:
        out += PARTS[part.kind](r, part)
    return out
