"""Every text of the content that is printed or written into the PDF, for checks that look at all of it, and
the check that the fonts can print each of its characters."""
from __future__ import annotations

from functools import lru_cache

from ..errors import Location, Problems
from ..model import Edition, Guide, QuizItem, Rubric, Text, text_fields
from ..options import OPTIONS
from .sources import PRINTED


def _line(value: str | None, loc: Location) -> list[Text]:
    return [Text({"high": value}, {"high": loc})] if value else []



def iter_texts(guide: Guide):
    """Every Text of the content that is printed or written into the PDF's metadata, for checks that look at
    all of it (glyph coverage, statistics)."""
    head = guide.head_locations
    for key in ("title", "subtitle", "topic", "version", "date", "license", "cite_as"):
        yield from _line(getattr(guide, key, None), head.get(key, Location("guide.yaml")))
    if guide.instructor_note:
        yield guide.instructor_note
    for info in guide.levels.values():
        yield from _line(info.label, head.get("levels", Location("guide.yaml")))
        yield from _line(info.audience, head.get("levels", Location("guide.yaml")))
    for src in guide.sources.values():
        at = src.lines.get
        for key, attr in (("title", "title"), ("note", "note"), *PRINTED.items()):
            yield from _line(getattr(src, attr), at(key, src.location))
        yield from _line(src.event_title, at("event-title", at("event", src.location)))
        for key in ("issued", "accessed"):
            date = getattr(src, key)
            yield from _line(date.literal if date is not None else None, at(key, src.location))
        for key in ("author", "editor", "translator"):
            for n in getattr(src, key):
                for value in (n.family, n.given, n.literal, n.suffix, n.dropping_particle, n.non_dropping_particle):
                    yield from _line(value, at(key, src.location))
    for sec in guide.sections.values():
        for item in (sec, *sec.blocks, *sec.questions):
            yield from (t for _, t in text_fields(item))
        for b in sec.blocks:
            yield from (d.label for d in b.data)
        for rubric in sec.rubrics:
            yield from rubric_texts(rubric)
        for qi in sec.quiz:
            yield from quiz_texts(qi)
    for item in [*guide.dbqs, *guide.tasks]:
        yield from (t for t in (item.title, getattr(item, "prompt", None), getattr(item, "text", None),
                                getattr(item, "thesis", None)) if t)
        if isinstance(item.rubric, Rubric):
            yield from rubric_texts(item.rubric)
    for ev in guide.events:
        yield ev.text
    for term in guide.terms.values():
        yield term.definition
        for value in (term.term, term.original, term.translit, term.expansion, *term.variants):
            if value:
                yield Text({"high": value}, {"high": term.location})
    for person in guide.people.values():
        yield from (t for t in (person.role, person.fate) if t)
        for value in (person.name, person.sort, person.original, person.pronounce, *person.variants):
            if value:
                yield Text({"high": value}, {"high": person.location})
    for items in guide.reading.values():
        yield from (i.note for i in items if i.note)
    for place in guide.places.values():
        if place.text:
            yield place.text
        yield Text({"high": place.name}, {"high": place.location})
        yield from _line(place.years, place.location)



def rubric_texts(rubric: Rubric):
    yield from (t for t in (rubric.title, *rubric.scale) if t)
    for c in rubric.criteria:
        yield c.name
        yield from c.levels



def quiz_texts(item: QuizItem):
    yield item.text
    if item.feedback:
        yield item.feedback
    for o in item.options:
        yield o.text
        if o.feedback:
            yield o.feedback
    for a in item.accept:
        yield Text({"high": a}, {"high": item.location})



def edition_texts(ed: Edition):
    """The edition's own printed words (title, instructor, course, …), with their lines."""
    for o in OPTIONS:
        if o.kind == "text":
            yield from _line(getattr(ed, o.attr), ed.locations.get(f":{o.name}", ed.location))



@lru_cache(maxsize=8)
def _printable_text(printable: frozenset[int]) -> frozenset[str]:
    """The characters a text may hold: the fonts' and the line breaks and tabs the reader allows."""
    return frozenset(map(chr, printable)) | frozenset("\n\r\t")


def check_glyphs(guide: Guide, printable: frozenset[int], problems: Problems, extra=()) -> None:
    """Every character must be in the fonts that print it: otherwise a located error naming it (one error
    per line, naming up to five such characters)."""
    import itertools
    import unicodedata

    bad: dict[Location, list[str]] = {}
    fine = _printable_text(printable)
    for text in itertools.chain(iter_texts(guide), extra):
        for level, value in text.values.items():
            if fine.issuperset(value):      # (nearly every text: one set operation, not a loop per letter)
                continue
            missing = [ch for ch in dict.fromkeys(value) if ch not in fine]
            if missing:
                found = bad.setdefault(text.loc(level), [])
                found += [ch for ch in missing if ch not in found]
    for loc, chars in bad.items():
        def name(ch):
            kind = "a control character" if unicodedata.category(ch) == "Cc" else "unnamed"
            return f"{ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, kind)})"
        shown = ", ".join(name(ch) for ch in chars[:5]) + (f" and {len(chars) - 5} more" if len(chars) > 5 else "")
        what = "the character" if len(chars) == 1 else "the characters"
        problems.error(f"{what} {shown} cannot be printed: the guide's fonts do not have "
                       f"{'it' if len(chars) == 1 else 'them'}", loc, "remove or replace "
                       f"{'it' if len(chars) == 1 else 'them'} (letters, accents, Cyrillic, Greek and common "
                       "punctuation are fine)")
