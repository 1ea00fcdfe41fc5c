"""Stage 4, resolve: a selection → a `Document` with every reference settled, before any typesetting.

- texts are picked for the level and parsed into markup spans;
- source notes are numbered per section, in reading order; the first use of each glossary term in a
  section is marked;
- the chronology keeps the events of the printed sections and level, in date order, grouped by year;
- the glossary keeps the terms the printed text uses (and the terms their definitions use);
- the who's who keeps the people of the printed key-figures blocks;
- the bibliography keeps the works cited anywhere in the document.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import os

from . import markup
from .bibliography import sort_key
from .document import (DocBlock, DocDbq, DocDocument, DocEvent, DocOption, DocPerson, DocPlace, DocQuestion,
                       DocQuizItem, DocReading, DocRubric, DocSection, DocTask, DocTerm, Document, Note)
from .markup import Span
from .model import Date, Guide, QuizItem, Rubric, Text, text_fields
from .select import Selection


MAX_EPOCH = 253_402_300_799     # 31 December 9999, 23:59:59 UTC


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible builds: the date printed and stored in the PDF), checked: a whole
    number of seconds since 1970 up to the year 9999. Unset or empty: None (today is used)."""
    from .errors import GuideError, printable

    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not raw.isascii() or int(raw) > MAX_EPOCH:
        raise GuideError(f"SOURCE_DATE_EPOCH is '{printable(raw)[:40]}'; it must be a whole number of seconds since "
                         "1 January 1970 (e.g. 1780000000), from 0 to the year 9999, or unset", exit_code=2)
    return int(raw)


def today() -> str:
    """The build date: from SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = source_date_epoch()
    if epoch is not None:
        day = _dt.datetime.fromtimestamp(epoch, _dt.timezone.utc).date()
    else:
        day = _dt.date.today()
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def format_date(d: Date, with_year: bool = False) -> str:
    text = ""
    if d.month:
        text = calendar.month_name[d.month]
        if d.day:
            text = f"{d.day} {text}"
    if with_year:
        text = f"{text} {d.year}".strip()
    return text


def format_range(start: Date, end: Date | None) -> str:
    if end is None:
        return format_date(start)
    if end.year != start.year:
        return f"{format_date(start, True)} – {format_date(end, True)}"
    if start.month and end.month == start.month and start.day and end.day:
        return f"{start.day}–{end.day} {calendar.month_name[start.month]}"
    return f"{format_date(start)} – {format_date(end)}"


class Resolver:
    def __init__(self, guide: Guide, sel: Selection):
        self.guide = guide
        self.sel = sel
        self.level = sel.level
        self.omit = set(sel.edition.omit)
        self.used_terms: dict[str, None] = {}
        self.cited: dict[str, None] = {}
        self.people: dict[str, None] = {}

    # -- text -------------------------------------------------------------------------------------
    def spans(self, text: Text | None) -> list[Span] | None:
        if text is None:
            return None
        value = text.at(self.level)
        if value is None:
            return None
        spans, _ = markup.parse(value)
        for s in markup.walk(spans):
            if s.kind == "term":
                self.used_terms.setdefault(s.ref)
                if not s.children and s.ref in self.guide.terms:
                    s.children = [Span("text", self.guide.terms[s.ref].term)]
            elif s.kind == "cite":
                for key, _loc in s.cites:
                    self.cited.setdefault(key)
        return spans

    def plain(self, text: Text | None) -> str | None:
        """Text printed as it is written (a quotation, an image's alternative text), with typographic quotes."""
        value = text.at(self.level) if text else None
        return markup.smart_quotes(value) if value else value

    def visible(self, levels, main: Text | None = None) -> bool:
        if self.level not in levels:
            return False
        return main is None or self.level in main.values

    # -- sections ---------------------------------------------------------------------------------
    def section(self, number: int, sid: str) -> DocSection:
        sec = self.guide.sections[sid]
        blocks = []
        for b in sec.blocks:
            if not self.visible(b.levels, b.main_text()) or (b.id and b.id in self.omit):
                continue
            shown = [q for q in b.questions if q.at(self.level)]
            db = DocBlock(b.type, b.id, self.spans(b.text), self.spans(b.title), self.spans(b.intro),
                          self.plain(b.quote), self.spans(b.attribution), None, b.locator,
                          [self.spans(q) for q in shown], [], [], self.spans(b.caption), self.plain(b.alt))
            db.answers = [self.spans(b.answers.get(q.id)) if q.id else None for q in shown]
            db.location = b.location
            if b.source:
                db.source = self.guide.sources[b.source]
                self.cited.setdefault(b.source)
            if b.type == "figures":
                for pid in b.people:
                    person = self.guide.people[pid]
                    if self.level in person.levels:
                        self.people.setdefault(pid)
                        db.people.append(DocPerson(person, self.spans(person.role), self.spans(person.fate)))
            if b.type == "chart":
                db.data = [(d.label.at(self.level) or "", d.value, d.total) for d in b.data]
            if b.type == "map":
                for pid in b.places:
                    pl = self.guide.places[pid]
                    src = self.guide.sources.get(pl.source) if pl.source else None
                    if src:
                        self.cited.setdefault(src.id)
                    db.places.append(DocPlace(pl.id, pl.name, pl.kind, pl.lat, pl.lon, pl.line, pl.years,
                                              self.spans(pl.text), src))
                db.labels = (b.labels or {}).get(self.level) if b.labels else None
            blocks.append(db)
        questions = [DocQuestion(q.id, q.kind, self.spans(q.text), self.spans(q.answer), q.lines,
                                 self.rubric(q.rubric))
                     for q in sec.questions if self.visible(q.levels, q.text) and q.id not in self.omit
                     and "questions" not in self.omit]
        quiz = [self.quiz_item(q) for q in sec.quiz if self.visible(q.levels, q.text) and q.id not in self.omit] \
            if "quiz" not in self.omit else []
        doc_sec = DocSection(sid, number, self.plain(sec.title) or sid, self.spans(sec.key_question),
                             [s for s in (self.spans(o) for o in sec.objectives) if s], blocks, questions,
                             self.spans(sec.teacher_notes), quiz=quiz)
        self.number_notes(doc_sec)
        return doc_sec

    # -- assessment -------------------------------------------------------------------------------
    def rubric(self, ref) -> DocRubric | None:
        """A rubric (inline, or by id) as printed at the level."""
        rubric = ref if isinstance(ref, Rubric) else self.guide.rubrics().get(ref) if ref else None
        if rubric is None or self.level not in rubric.levels:
            return None
        objectives = {o.id: o for s in self.guide.sections.values() for o in s.objectives if o.id}
        return DocRubric(rubric.id, self.plain(rubric.title), [self.plain(x) or "" for x in rubric.scale],
                         [(self.plain(c.name) or "", [self.spans(d) or [] for d in c.levels]) for c in rubric.criteria],
                         [s for s in (self.spans(objectives.get(o)) for o in rubric.objectives) if s])

    def quiz_item(self, q: QuizItem) -> DocQuizItem:
        return DocQuizItem(q.id, q.type, self.spans(q.text) or [],
                           [DocOption(self.spans(o.text) or [], o.correct, self.spans(o.feedback)) for o in q.options],
                           list(q.accept), q.tolerance, self.spans(q.feedback))

    def dbqs(self, sections: list[str], numbers: dict[str, int]) -> list[DocDbq]:
        from .validate import dbq_missing
        blocks = {b.id: b for s in self.guide.sections.values() for b in s.blocks if b.id}
        where = {b.id: s.id for s in self.guide.sections.values() for b in s.blocks if b.id}
        out = []
        for d in self.guide.dbqs:
            if not self.visible(d.levels, d.title) or d.id in self.omit:
                continue
            if dbq_missing(self.guide, d, self.level, sections, self.omit) or not all(
                    doc in blocks and self.visible(blocks[doc].levels, blocks[doc].main_text()) for doc in d.documents):
                continue     # `select` has warned (or `check` has: a document not printed at this level)
            docs = [DocDocument(doc, self.plain(blocks[doc].title) or doc, numbers[where[doc]],
                                self.plain(blocks[doc].attribution)) for doc in d.documents if doc in blocks]
            out.append(DocDbq(d.id, self.plain(d.title) or d.id, self.spans(d.prompt) or [], docs,
                              self.spans(d.thesis), self.rubric(d.rubric)))
        return out

    def tasks(self) -> list[DocTask]:
        return [DocTask(t.id, self.plain(t.title) or t.id, self.spans(t.text) or [], self.rubric(t.rubric))
                for t in self.guide.tasks if self.visible(t.levels, t.title) and t.id not in self.omit]

    def number_notes(self, sec: DocSection) -> None:
        """Number the citations of a section in reading order and mark first uses of terms."""
        seen_terms: set[str] = set()
        texts = [v for _, v in text_fields(sec, ("markup",))]     # in reading order, as the section prints
        for b in sec.blocks:
            texts += [v for _, v in text_fields(b, ("markup",))]
            texts += [p.role for p in b.people if p.role]   # a key-figures box prints each person's role
        for q in sec.questions:
            texts += [v for _, v in text_fields(q, ("markup",))]
        texts = [t for t in texts if isinstance(t, list)]         # (a section's title is printed as written)
        for spans in texts:
            for s in markup.walk(spans):
                if s.kind == "cite" and "notes" in self.omit:
                    s.kind = "hidden"  # the edition prints no notes: drop the markers too
                elif s.kind == "cite":
                    note = Note(len(sec.notes) + 1, [(self.guide.sources[k], loc) for k, loc in s.cites])
                    s.note = note.number
                    sec.notes.append(note)
                elif s.kind == "term" and s.ref not in seen_terms:
                    seen_terms.add(s.ref)
                    s.first = True

    # -- back matter ------------------------------------------------------------------------------
    def chronology(self, sections: list[str]) -> list[tuple[int, list[DocEvent]]]:
        events = [e for e in self.guide.events
                  if e.section in sections and self.visible(e.levels, e.text)]
        events.sort(key=lambda e: (e.date.key(), e.end.key() if e.end else (0, 0, 0)))
        years: dict[int, list[DocEvent]] = {}
        for e in events:
            src = self.guide.sources.get(e.source) if e.source else None
            if src:
                self.cited.setdefault(src.id)
            when = format_range(e.date, e.end)
            years.setdefault(e.date.year, []).append(DocEvent(when, e.date.key(), self.spans(e.text), e.section, src))
        return sorted(years.items())

    def glossary(self) -> list[DocTerm]:
        out: dict[str, DocTerm] = {}
        pending = [t for t in self.used_terms if t in self.guide.terms]
        while pending:
            tid = pending.pop(0)
            if tid in out:
                continue
            term = self.guide.terms[tid]
            before = set(self.used_terms)
            definition = self.spans(term.definition) or []
            out[tid] = DocTerm(term, definition, [])
            pending += [t for t in self.used_terms if t not in before and t in self.guide.terms]
        for dt in out.values():
            dt.related = [self.guide.terms[r] for r in dt.term.related if r in out]
        return sorted(out.values(), key=lambda d: d.term.term.lower())

    def who(self) -> list[DocPerson]:
        people = [self.guide.people[p] for p in self.people]
        out = []
        for p in people:
            if p.source:
                self.cited.setdefault(p.source)
            out.append(DocPerson(p, self.spans(p.role), self.spans(p.fate)))
        return sorted(out, key=lambda d: d.person.sort.lower())

    def reading(self) -> list[DocReading]:
        return [DocReading(self.guide.sources[r.source], self.spans(r.note))
                for r in self.guide.reading.get(self.level, [])]


def printed(guide: Guide) -> Guide:
    """The guide with the plain text of its sources, people and terms (names, titles, spellings) given
    typographic quotes, as every marked-up text has: one place for every printed plain text."""
    import dataclasses

    return dataclasses.replace(
        guide, sources={k: markup.typographic(v) for k, v in guide.sources.items()},
        people={k: markup.typographic(v) for k, v in guide.people.items()},
        terms={k: markup.typographic(v) for k, v in guide.terms.items()})


def typographic_text(text: str | None) -> str | None:
    return markup.smart_quotes(text) if text else text


def resolve(sel: Selection) -> Document:
    guide = printed(sel.guide)
    r = Resolver(guide, sel)
    ed = sel.edition
    omit = r.omit
    sections = [r.section(i, sid) for i, sid in enumerate(sel.sections, 1)]
    if "notes" in omit:
        for sec in sections:
            sec.notes = []
    dbqs = r.dbqs(sel.sections, {s.id: s.number for s in sections}) if "dbq" not in omit else []
    tasks = r.tasks() if "task" not in omit else []
    chronology = r.chronology(sel.sections) if "chronology" not in omit else []
    people = r.who() if "people" not in omit else []
    glossary = r.glossary() if "glossary" not in omit else []
    reading = r.reading() if "reading" not in omit else []
    instructor_note = r.spans(guide.instructor_note)
    bibliography = sorted((guide.sources[k] for k in r.cited if k in guide.sources), key=sort_key) \
        if "bibliography" not in omit else []
    info = guide.levels.get(sel.level)
    return Document(
        title=markup.smart_quotes(ed.title or guide.title),
        subtitle=typographic_text(ed.subtitle if ed.subtitle is not None else guide.subtitle),
        level=sel.level, level_label=info.label if info else sel.level, audience=info.audience if info else "",
        paper=sel.paper, edition=ed.name, instructor=ed.instructor, course=ed.course, school=ed.school,
        period=ed.period, date=ed.date, built=today(), version=guide.version, content_date=guide.date, license=guide.license,
        cite_as=guide.cite_as, topic=guide.topic, instructor_note=instructor_note, sections=sections,
        chronology=chronology, glossary=glossary, people=people, bibliography=bibliography, reading=reading,
        answers=sel.answers, sources={k: v for k, v in guide.sources.items()}, dbqs=dbqs, tasks=tasks)
