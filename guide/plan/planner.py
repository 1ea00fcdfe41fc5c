"""Stage 5, plan: a resolved `Document` → the `Plan` of each file to write, before any renderer runs.

Every decision of what to print is made here: which parts, in what order, their titles; the sections'
labels, the questions' numbers, the quiz letters; the answer key as an appendix of the guide or as a
separate teacher's copy; a handout and its answer sheet; the contents entries and link targets.
"""
from __future__ import annotations

from ..document import DocSection, Document
from ..layout import Layout
from ..markup import Span
from .labels import LABELS
from .nodes import (AnswerKey, AnswerSection, BackPart, Contents, ContentsEntry, Dbqs, HandoutApparatus,
                    HandoutQuiz, Imprint, NameLine, Part, Plan, QuestionGroup, QuizPlan, SectionPart, Tasks,
                    TitlePage, anchor)

PARTS_TITLES = {
    "chronology": "Chronology",
    "glossary": "Glossary",
    "people": "Who’s Who",
    "notes": "Notes",
    "bibliography": "Bibliography",
    "reading": "Further Reading",
    "dbq": "Document-Based Question",
    "task": "Summative Task",
    "answers": "Answer Key",
}
LETTERS = "ABCDEFGHIJ"
KIND_TITLES = {"comprehension": "Check your understanding", "analysis": "Think it through",
               "essay": "Essay prompts"}
QUESTION_KINDS = ("comprehension", "analysis", "essay")
QUIZ_INTRO = ("For each multiple-choice item, circle the letter of the one best answer. Answer the other items "
              "with a word or a short phrase.")
BACK_INTROS = {
    "chronology": "Events of the sections in this edition, in date order. The number after each event is the "
                  "section that tells its story.",
    "bibliography": "Works cited in this edition.",
}


def plans(document: Document, layout: Layout) -> list[Plan]:
    """The files of a build: the guide (with the answer key as its appendix when the edition asks), and the
    separate teacher's copy when the edition asks for separate answers."""
    out = [guide_plan(document, layout)]
    if document.answers == "separate":
        out.append(answers_plan(document, layout))
    return out


def handout_plans(document: Document, layout: Layout) -> list[Plan]:
    """The files of one handout (a document of one section): the worksheet, and its answer sheet when the
    edition asks for separate answers."""
    out = [handout_plan(document, layout)]
    if document.answers == "separate":
        out.append(handout_answers_plan(document, layout))
    return out


# -- the four kinds of file -------------------------------------------------------------------------------

def guide_plan(d: Document, layout: Layout) -> Plan:
    parts: list[Part] = [title_page(d), imprint(d), None]
    parts += [section_part(d, sec) for sec in d.sections]
    if d.dbqs:
        parts.append(dbqs_part(d))
    if d.tasks:
        parts.append(Tasks("tasks", PARTS_TITLES["task"], anchor("part", "task"), d.tasks))
    for name, present in (("chronology", d.chronology), ("glossary", d.glossary), ("people", d.people),
                          ("notes", any(s.notes for s in d.sections)), ("bibliography", d.bibliography),
                          ("reading", d.reading)):
        if present:
            parts.append(BackPart(name, PARTS_TITLES[name], anchor("part", name), BACK_INTROS.get(name),
                                  new_page=name != "reading",
                                  section_numbers={s.id: s.number for s in d.sections} if name == "chronology"
                                  else {}))
    if d.answers == "appendix":
        parts.append(answer_key(d))
    return finish("guide", "", d, layout, parts)


def answers_plan(d: Document, layout: Layout) -> Plan:
    """The separate teacher's copy: a title page, contents and the answer key."""
    parts = [title_page(d, "Answer key"), imprint(d), None, answer_key(d)]
    return finish("answers", "-answers", d, layout, parts)


def handout_plan(d: Document, layout: Layout) -> Plan:
    """One section as a self-contained worksheet: name line, text, questions with answer lines, and the
    section's own terms, timeline, notes and works cited; its quiz on a page of its own."""
    sec = d.sections[0]
    parts: list[Part] = [NameLine("name-line", ["Name", "Date", "Class"]),
                         section_part(d, sec, handout=True), apparatus(d)]
    if sec.quiz:
        parts.append(HandoutQuiz("handout-quiz", sec, quiz_plan(sec, f"Quiz · {sec.title}", new_page=True)))
    return finish("handout", "", d, layout, parts, handout=True)


def handout_answers_plan(d: Document, layout: Layout) -> Plan:
    sec = d.sections[0]
    key = AnswerKey("answer-key", None, None, LABELS["answer sheet"].format(sec.title), None, None,
                    [answer_section(s, numbered=False) for s in d.sections], numbered=False)
    return finish("handout-answers", "-answers", d, layout, [key], handout=True)


def finish(kind: str, suffix: str, d: Document, layout: Layout, parts: list, handout: bool = False) -> Plan:
    """The contents entries (in print order) fill the placeholder `None` in `parts`."""
    entries = [e for p in parts if p is not None for e in contents_entries(p)]
    parts = [Contents("contents", "Contents", entries) if p is None else p for p in parts]
    return Plan(kind, suffix, d, layout, parts, entries, link_labels(d, entries), d.footer_fields, handout)


def contents_entries(part: Part) -> list[ContentsEntry]:
    if isinstance(part, SectionPart):
        return [ContentsEntry(part.key, str(part.section.number), part.section.title)]
    if isinstance(part, (Dbqs, Tasks, BackPart)) or isinstance(part, AnswerKey) and part.title:
        return [ContentsEntry(part.key, "", part.title)]
    return []


def link_labels(d: Document, entries: list[ContentsEntry]) -> dict[str, str]:
    """What each internal link leads to, for screen readers."""
    labels = {anchor("term", t.term.id): f"Glossary: {t.term.term}" for t in d.glossary}
    for sec in d.sections:
        labels[anchor("sec", sec.id)] = f"Section {sec.number}: {sec.title}"
        for note in sec.notes:
            labels[anchor("note", sec.number, note.number)] = f"Note {note.number} of section {sec.number}"
    for e in entries:
        labels.setdefault(e.key, e.title)
    return labels


# -- front matter ---------------------------------------------------------------------------------------

def title_page(d: Document, kicker: str = "Study guide") -> TitlePage:
    course = " · ".join(x for x in (d.course, d.period) if x)
    return TitlePage("title-page", f"{kicker} · {d.level_label} edition", d.title, d.subtitle,
                     f"{d.level_label} · {d.audience}" if d.audience else d.level_label,
                     [x for x in (d.instructor, course, d.school) if x], d.date or d.built)


def _text(value: str) -> list[Span]:
    return [Span("text", value)]


def imprint(d: Document) -> Imprint:
    dated = f", dated {d.content_date}" if d.content_date else ""
    items = [
        ("About this edition", _text(f"{d.title}: {d.level_label} edition ({d.audience}). Content version "
                                     f"{d.version}{dated}; this copy was made on {d.built}.")),
        ("Licence", _text(d.license or "All rights reserved.")),
        ("Permission to photocopy", _text(
            "Instructors may photocopy and print this guide, in whole or in part, for use with their own "
            "classes, and may share it with their students in print or as a file.")),
    ]
    if d.cite_as:
        items.append(("How to cite this guide", _text(d.cite_as)))
    items.append((LABELS["how made"], [
        Span("text", "Written as structured text and made with the open-source tool "),
        Span("em", children=[Span("text", "guide")]),
        Span("text", ".")]))
    return Imprint("imprint", items)


# -- sections -------------------------------------------------------------------------------------------

def numbered_questions(sec: DocSection) -> list[QuestionGroup]:
    """The section's questions grouped by kind, numbered through the section."""
    out, n = [], 0
    for kind in QUESTION_KINDS:
        qs = [q for q in sec.questions if q.kind == kind]
        if qs:
            out.append(QuestionGroup(kind, KIND_TITLES[kind], [(n + i, q) for i, q in enumerate(qs, 1)]))
            n += len(qs)
    return out


def quiz_items(sec: DocSection):
    return [(n, item, list(LETTERS[:len(item.options)])) for n, item in enumerate(sec.quiz, 1)]


def quiz_plan(sec: DocSection, heading: str = "Quiz", new_page: bool = False) -> QuizPlan:
    return QuizPlan(anchor("sec", sec.id, "quiz"), heading, new_page, QUIZ_INTRO, quiz_items(sec))


def section_part(d: Document, sec: DocSection, handout: bool = False) -> SectionPart:
    documents = {x.block for dbq in d.dbqs for x in dbq.documents}    # blocks a DBQ points at
    sub, subheadings = 0, []
    for b in sec.blocks:
        if b.type == "subheading":
            sub += 1
        subheadings.append(anchor("sec", sec.id, "sub", sub) if b.type == "subheading" else None)
    return SectionPart(
        "section", sec, anchor("sec", sec.id), "Handout" if handout else f"Section {sec.number}",
        new_page=not handout, answer_lines=handout, box_titles=("Key question", "In this section you will"),
        subheading_keys=subheadings,
        document_keys=[anchor("doc", b.id) if b.id in documents else None for b in sec.blocks],
        question_groups=numbered_questions(sec), questions_key=anchor("sec", sec.id, "questions"),
        quiz=quiz_plan(sec) if sec.quiz and not handout else None)


def dbqs_part(d: Document) -> Dbqs:
    return Dbqs("dbqs", PARTS_TITLES["dbq"], anchor("part", "dbq"),
                [(dbq, [(LETTERS[i], anchor("doc", x.block)) for i, x in enumerate(dbq.documents)])
                 for dbq in d.dbqs],
                "The documents",
                "Read each document again where it is printed in its section (the page is given). Use most of "
                "them, and what you know from the sections.",
                "Write an essay with a clear thesis that answers the question, supported by evidence from the "
                "documents and from the sections.")


def apparatus(d: Document) -> HandoutApparatus:
    parts = []
    for kind, present, title, key in (("glossary", d.glossary, "Key terms", "terms"),
                                      ("chronology", d.chronology, "Timeline", "timeline"),
                                      ("notes", any(s.notes for s in d.sections), "Notes", "notes"),
                                      ("bibliography", d.bibliography, "Works cited", "works")):
        if present:
            parts.append((kind, title, anchor("handout", key)))
    return HandoutApparatus("handout-apparatus", parts)


# -- the answer key -------------------------------------------------------------------------------------

def answer_section(sec: DocSection, numbered: bool = True) -> AnswerSection:
    boxes = [(b, [(i, q, a) for i, (q, a) in enumerate(zip(b.questions, b.answers or [None] * len(b.questions)), 1)])
             for b in sec.blocks if b.type == "primary" and b.questions and any(b.answers)]
    rubrics: dict = {}
    for q in sec.questions:
        if q.rubric:
            rubrics.setdefault(q.rubric.id or id(q.rubric), q.rubric)
    return AnswerSection(sec, anchor("answers", sec.id), f"{sec.number}. {sec.title}" if numbered else sec.title,
                         numbered_questions(sec), boxes, list(rubrics.values()), quiz_items(sec))


def answer_key(d: Document) -> AnswerKey:
    """Model answers and teacher notes, section by section (the teacher's copy)."""
    return AnswerKey("answer-key", PARTS_TITLES["answers"], anchor("part", "answers"), None,
                     "Model answers to every question, and notes for the teacher. Question numbers match the "
                     "numbers in the sections.", d.instructor_note,
                     [answer_section(s) for s in d.sections], numbered=True, dbqs=list(d.dbqs), tasks=list(d.tasks))
