"""The changed section first: its pages, laid out alone, while the whole guide is built.

A whole build of the default edition takes seconds; a teacher who rewords one paragraph wants to see that
page now. Every section opens on a new page, so a section's pages depend only on the section itself (its
text, notes and first uses of glossary terms are numbered per section) and on the edition's theme and paper:
laid out alone, with the same typesetter, they look as they will in the whole guide, except that the page
numbers in the footer count from 1 (the page says so). The whole PDF, built next, replaces them.

Which section changed is decided from the settings alone: the section of the first override that differs
from the last build, or else (an option that changes every page) the first section of the edition.
"""
from __future__ import annotations

from dataclasses import replace

OPTIONS_PER_PAGE = ("level", "paper", "theme", "two_sided", "booklet", "answers")


def changed_section(table: dict, selection, before: dict | None, now: dict) -> str | None:
    """The id of the section to show first, or None when nothing in the sections' pages changed.
    `table` is `overrides.items` of the content (what each id names)."""
    chosen = selection.sections
    if before is None:
        return chosen[0]
    old, new = before.get("overrides") or {}, now.get("overrides") or {}
    differ = [key for key in list(new) + list(old) if old.get(key) != new.get(key)]
    if differ:
        for key in differ:
            item = table.get(key)
            if item is not None and item.section in chosen:
                return item.section
    if any(before.get(k) != now.get(k) for k in OPTIONS_PER_PAGE) or before.get("add") != now.get("add"):
        return chosen[0]
    if before.get("omit") != now.get("omit"):
        return chosen[0]
    moved = [sid for i, sid in enumerate(chosen) if sid not in (before.get("sections") or [])[i:i + 1]]
    return moved[0] if moved else None


def quick_selection(guide, ed, table: dict):
    """What `select` makes of an edition, without re-checking the whole guide's references and glyphs for an
    edition that only rewords (the whole build that follows does, and reports what it finds): its wording
    is put in place as `select` would. None when the edition has errors."""
    from ..errors import Problems
    from ..overrides import apply
    from ..select import select

    selection = select(guide, replace(ed, overrides=[]) if not ed.additions else ed)
    if ed.overrides and not ed.additions:
        problems = Problems()
        merged = apply(selection.guide, ed.overrides, set(ed.omit), problems, table)
        if problems.errors:
            return None
        selection = replace(selection, guide=merged)
    return selection


def section_pages(selection, sid: str) -> tuple[bytes, int]:
    """The pages of one section of the selection, laid out alone (untagged): PDF bytes and page count."""
    from ..build import look_and_layout
    from ..plan import guide_plan
    from ..resolve import resolve
    from ..typeset.alone import typeset_alone

    number = selection.sections.index(sid) + 1
    document = resolve(replace(selection, sections=[sid]))
    sec = replace(document.sections[0], number=number)
    document = replace(document, sections=[sec], chronology=[], people=[], bibliography=[], reading=[],
                       dbqs=[], tasks=[], answers="none")
    theme, page = look_and_layout(selection)
    plan = guide_plan(document, replace(page, booklet=False))       # a booklet's half-size pages, not imposed
    part = next(p for p in plan.parts if p.kind == "section")
    plan = replace(plan, parts=[replace(part, new_page=False)], handout=True)     # the body pages from page 1
    return typeset_alone(plan, theme)
