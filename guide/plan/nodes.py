"""The plan's objects: what one output prints, part by part, with every number, label and link target.

Renderer-neutral (no ReportLab, no Word): plain dataclasses over the resolved `Document`. A renderer walks
`Plan.parts` in order and draws each part with the function its table gives for `part.kind`; inside a
section it does the same for `block.type`. It decides nothing about what to print: that is all here.
Link targets are `key`s (safe names from `anchor()`); a renderer turns them into its own destinations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import (DocBlock, DocDbq, DocQuestion, DocQuizItem, DocRubric, DocSection, DocTask,
                        Document, Spans)
from ..layout import Layout

_ANCHOR = re.compile(r"[^A-Za-z0-9_-]")


def anchor(*parts) -> str:
    """A safe destination name ("sec-background", "note-2-3"): letters, digits, `_` and `-` only."""
    return "-".join(_ANCHOR.sub("_", str(p)) for p in parts)


# -- small pieces ---------------------------------------------------------------------------------------

@dataclass
class ContentsEntry:
    key: str                 # the destination it links to (and whose page it shows)
    number: str              # "3" for a section, "" for a part of the back matter
    title: str


@dataclass
class QuestionGroup:
    """The questions of one kind, numbered through the section (the same numbers in every copy)."""
    kind: str                                   # comprehension | analysis | essay
    title: str                                  # "Check your understanding"
    items: list[tuple[int, DocQuestion]]


@dataclass
class QuizPlan:
    key: str
    heading: str                                # "Quiz", or "Quiz · <section>" on a handout's own page
    new_page: bool                              # a handout's quiz starts a page (to hand out apart)
    intro: str
    items: list[tuple[int, DocQuizItem, list[str]]]   # (number, item, the options' letters)


# -- parts ----------------------------------------------------------------------------------------------

@dataclass
class Part:
    kind: str                                   # the renderer's table is keyed by this


@dataclass
class TitlePage(Part):
    kicker: str                                 # "STUDY GUIDE · HIGH SCHOOL EDITION"
    title: str
    subtitle: str | None
    level_line: str                             # "High school · Grades 9–12"
    people: list[str]                           # instructor, "course · period", school
    date: str                                   # the edition's date, or the day of the build
    key: str = anchor("title")


@dataclass
class Imprint(Part):
    items: list[tuple[str, Spans]]              # (heading, text) on the back of the title page
    key: str = anchor("imprint")


@dataclass
class Contents(Part):
    title: str
    entries: list[ContentsEntry]                # = Plan.contents, in print order
    key: str = anchor("contents")


@dataclass
class SectionPart(Part):
    section: DocSection
    key: str
    kicker: str                                 # "Section 3", or "Handout"
    new_page: bool                              # starts a page (a right-hand page when two-sided)
    answer_lines: bool                          # ruled lines after each question (a worksheet)
    box_titles: tuple[str, str]                 # ("Key question", "In this section you will")
    subheading_keys: list[str | None]           # per block: the bookmark of each subheading
    document_keys: list[str | None]             # per block: the destination of a DBQ's document
    question_groups: list[QuestionGroup]
    questions_key: str
    quiz: QuizPlan | None                       # printed at the end of the section (None: not here)


@dataclass
class Dbqs(Part):
    title: str
    key: str
    dbqs: list[tuple[DocDbq, list[tuple[str, str]]]]   # (dbq, [(letter, destination key) per document])
    documents_title: str
    documents_intro: str
    closing: str


@dataclass
class Tasks(Part):
    title: str
    key: str
    tasks: list[DocTask]


@dataclass
class BackPart(Part):
    """Chronology, glossary, who's who, notes, bibliography, further reading: the data is the Document's
    list of that name (`document.chronology`, …); `intro` the line under the title."""
    title: str
    key: str
    intro: str | None = None
    new_page: bool = True                       # further reading follows the bibliography on its page
    section_numbers: dict[str, int] = field(default_factory=dict)   # chronology: section id → number


@dataclass
class AnswerSection:
    section: DocSection
    key: str
    heading: str                                # "3. The trials", or the title alone on an answer sheet
    question_groups: list[QuestionGroup]
    source_boxes: list[tuple[DocBlock, list[tuple[int, Spans, Spans | None]]]]  # (box, [(n, question, answer)])
    rubrics: list[DocRubric]                    # those the section's questions are marked with, once each
    quiz: list[tuple[int, DocQuizItem, list[str]]]


@dataclass
class AnswerKey(Part):
    """Model answers and teacher notes. In the guide (appendix) and the teacher's copy (separate) it has a
    title and numbered sections; on a handout's answer sheet, a kicker line and the section alone."""
    title: str | None
    key: str | None
    kicker: str | None
    intro: str | None
    instructor_note: Spans | None               # addressed to the instructor: never in a student copy
    sections: list[AnswerSection]
    numbered: bool
    dbqs: list[DocDbq] = field(default_factory=list)
    tasks: list[DocTask] = field(default_factory=list)


@dataclass
class NameLine(Part):
    fields: list[str]                           # "Name", "Date", "Class"


@dataclass
class HandoutApparatus(Part):
    """A handout's own terms, timeline, notes and works cited, without page breaks: (kind, title, key)
    with kind one of glossary, chronology, notes, bibliography."""
    parts: list[tuple[str, str, str]]


@dataclass
class HandoutQuiz(Part):
    section: DocSection
    quiz: QuizPlan


# -- the whole ------------------------------------------------------------------------------------------

@dataclass
class Plan:
    """One output file: the guide, the separate answer key, a handout or a handout's answer sheet."""
    kind: str                                   # guide | answers | handout | handout-answers
    suffix: str                                 # added to the output's file name: "" or "-answers"
    document: Document                          # metadata, sources, glossary, the lists of the back matter
    layout: Layout
    parts: list[Part]
    contents: list[ContentsEntry]               # every entry of the contents, in print order
    link_labels: dict[str, str]                 # destination key → what a link there leads to (screen readers)
    footer_fields: list[tuple[str, str]]
    handout: bool = False                       # a worksheet: no running head

    @property
    def glossary_ids(self) -> set[str]:
        return {t.term.id for t in self.document.glossary}
