"""Cross-references, checked once everything is read: every id a text or field names exists, every inline
markup parses, levels agree."""
from __future__ import annotations

from .. import markup
from ..errors import Location, Problems, line_of
from ..model import MARKUP, Guide, Text, text_fields
from .assessment import check_assessment
from .reader import suggest


def check_references(guide: Guide, problems: Problems, files: dict[str, str] | None = None) -> None:
    """Every id a text or field names must exist; every inline markup must parse.

    `files` names the file an instructor should add a missing entry to, by kind ("glossary", "sources"):
    an edition's own terms file rather than the shipped glossary.yaml."""
    files = files or {}
    by_csl_id = {s.csl_id: s.id for s in guide.sources.values() if s.csl_id}

    def need(kind: str, key: str | None, table, loc: Location, field: str | None = None):
        if key is not None and key not in table:
            where = files.get({"glossary term": "glossary", "source": "sources", "person": "people",
                               "place": "places"}.get(kind, ""))
            hint = (f"that work is cited as '{by_csl_id[key]}' ('guide list --sources' lists every key)"
                    if kind == "source" and key in by_csl_id else None) or suggest(key, table) or (f"add it to {where}" if where else f"add it to the {kind} file"
                                           if kind != "section" else "check the section id")
            problems.error(f"unknown {kind} '{key}'", loc, hint, field)

    def check_text(text: Text | None, field: str | None = None):
        if text is None:
            return
        seen: set[tuple[str, Location]] = set()
        for level, value in text.values.items():
            loc = text.loc(level)
            if (value, loc) in seen:   # one string for several levels: check it once
                continue
            seen.add((value, loc))
            levels = [lv for lv, v in text.values.items() if v == value and text.loc(lv) == loc]
            spans, warnings = markup.parse(value)
            for w in warnings:
                problems.warning(w, loc, field=field)
            for span in markup.walk(spans):
                if span.kind == "term":
                    at = line_of(loc, f"[[{span.ref}")
                    if span.ref not in guide.terms:
                        problems.error(f"unknown glossary term [[{span.ref}]]", at,
                                       suggest(span.ref, guide.terms)
                                       or f"add it to {files.get('glossary', 'glossary.yaml')}", field)
                    else:
                        missing = [lv for lv in levels if lv not in guide.terms[span.ref].levels]
                        if missing:
                            problems.error(f"the glossary term '{span.ref}' is not defined for the "
                                           f"{' and '.join(missing)} level{'s' * (len(missing) > 1)}", at,
                                           field=field)
                elif span.kind == "cite":
                    for key, _ in span.cites:
                        if key not in guide.sources:
                            problems.error(f"unknown source [@{key}]", line_of(loc, f"@{key}"),
                                           (f"that work is cited as [@{by_csl_id[key]}] ('guide list --sources' "
                                            "lists every key)" if key in by_csl_id else None)
                                           or suggest(key, guide.sources)
                                           or f"add it to {files.get('sources', 'sources.yaml')}", field)

    qids: dict[str, Location] = {}
    bids: dict[str, Location] = {}
    for sec in guide.sections.values():
        for _, t in text_fields(sec, MARKUP):
            check_text(t)
        for b in sec.blocks:
            for _, t in text_fields(b, ("markup",)):     # (its answers: `check_assessment`, by question id)
                check_text(t, b.id)
            if b.id:
                if b.id in bids:
                    problems.error(f"duplicate block id '{b.id}' (first at {bids[b.id]})", b.location)
                bids[b.id] = b.location
            if b.type in ("primary", "chart"):
                need("source", b.source, guide.sources, b.location)
            if b.origin:
                need("source", b.origin, guide.sources, b.location)
            if b.type == "chart":
                for level in b.levels:
                    if b.title and level in b.title.values and not (b.alt and b.alt.at(level)):
                        problems.error("the chart has no alt text for the " + level + " level", b.location,
                                       "add 'alt:' describing the chart for readers who cannot see it")
            for pid in b.people:
                need("person", pid, guide.people, b.location)
            for pid in b.places:
                need("place", pid, guide.places, b.location)
            for level, ids in (b.labels or {}).items():
                for pid in ids:
                    if pid not in b.places:
                        problems.error(f"'labels' names '{pid}', which is not among the map's places", b.location)
            if b.type == "map":
                for level in b.levels:
                    if b.title and level in b.title.values and not (b.alt and b.alt.at(level)):
                        problems.error("the map has no alt text for the " + level + " level", b.location,
                                       "add 'alt:' describing the map for readers who cannot see it")
            main = b.main_text()
            if main is not None:
                for name in ("title", "attribution", "caption"):
                    t = getattr(b, name)
                    if t is not None:
                        for lv in b.levels:
                            if lv in main.values and lv not in t.values:
                                problems.error(f"the {b.type} block has text for {lv} but no '{name}' for {lv}",
                                               b.location)
        for q in sec.questions:
            check_text(q.text, q.id)
            check_text(q.answer, q.id)
            if q.id in qids:
                problems.error(f"duplicate question id '{q.id}' (first at {qids[q.id]})", q.location)
            qids[q.id] = q.location
            if q.answer is None:
                problems.warning(f"the question '{q.id}' has no model answer", q.location,
                                 "add 'answer:' so the answer key can print it", q.id)
        for level in sec.levels:
            if level not in sec.title.values:
                problems.error(f"the section has no title for the {level} level", sec.location)
    check_assessment(guide, problems, check_text)
    for ev in guide.events:
        check_text(ev.text)
        need("section", ev.section, guide.sections, ev.location)
        need("source", ev.source, guide.sources, ev.location)
        if ev.source is None:
            problems.warning("the event has no source", ev.location, "add 'source: <bibliography id>'")
    for term in guide.terms.values():
        check_text(term.definition)
        for rel in term.related:
            need("glossary term", rel, guide.terms, term.location)
            if rel == term.id:
                problems.error(f"the term '{term.id}' lists itself as related", term.location)
    for person in guide.people.values():
        check_text(person.role)
        check_text(person.fate)
        need("source", person.source, guide.sources, person.location)
    for place in guide.places.values():
        check_text(place.text)
        need("source", place.source, guide.sources, place.location)
    for level, items in guide.reading.items():
        for item in items:
            need("source", item.source, guide.sources, item.location)
            check_text(item.note)
