"""The resolved document: what one PDF prints, at one level, with every reference settled.

Built by `resolve`, read by `typeset`. Running text is parsed markup (`Span` lists) with note numbers
and first-use marks filled in; everything else is plain data. No ReportLab here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Location
from .markup import Span
from .model import Person, Source, Term

Spans = list[Span]


@dataclass
class DocBlock:
    type: str
    id: str | None = None
    text: Spans | None = None
    title: Spans | None = None
    intro: Spans | None = None
    quote: str | None = None
    attribution: Spans | None = None
    source: Source | None = None
    locator: str | None = None
    questions: list[Spans] = field(default_factory=list)
    answers: list[Spans | None] = field(default_factory=list)   # primary: the model answer of each question
    people: list["DocPerson"] = field(default_factory=list)
    caption: Spans | None = None
    alt: str | None = None
    data: list[tuple[str, float, float | None]] = field(default_factory=list)
    places: list["DocPlace"] = field(default_factory=list)    # map
    labels: list[str] | None = None                          # map: ids of the places labelled
    location: "Location | None" = None                       # where it is written (for messages about it)


@dataclass
class DocPlace:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    line: list[tuple[float, float]]
    years: str | None
    text: Spans | None
    source: Source | None


@dataclass
class DocRubric:
    id: str | None
    title: str | None
    scale: list[str]
    criteria: list[tuple[str, list[Spans]]]      # (name, one descriptor per step of the scale)
    objectives: list[Spans] = field(default_factory=list)   # the objectives it assesses, as printed


@dataclass
class DocQuestion:
    id: str
    kind: str
    text: Spans
    answer: Spans | None
    lines: int
    rubric: DocRubric | None = None


@dataclass
class DocOption:
    text: Spans
    correct: bool
    feedback: Spans | None


@dataclass
class DocQuizItem:
    id: str
    type: str                                    # choice | short
    text: Spans
    options: list[DocOption] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    tolerance: int = 1
    feedback: Spans | None = None


@dataclass
class DocDocument:
    """A DBQ's document: a primary block printed in a section."""
    block: str
    title: str
    section: int                                 # the number of the section it is printed in
    attribution: str | None = None


@dataclass
class DocDbq:
    id: str
    title: str
    prompt: Spans
    documents: list[DocDocument]
    thesis: Spans | None
    rubric: DocRubric | None


@dataclass
class DocTask:
    id: str
    title: str
    text: Spans
    rubric: DocRubric | None


@dataclass
class Note:
    number: int
    cites: list[tuple[Source, str | None]]


@dataclass
class DocSection:
    id: str
    number: int
    title: str
    key_question: Spans | None
    objectives: list[Spans]
    blocks: list[DocBlock]
    questions: list[DocQuestion]
    teacher_notes: Spans | None
    notes: list[Note] = field(default_factory=list)
    quiz: list[DocQuizItem] = field(default_factory=list)


@dataclass
class DocEvent:
    when: str            # "1 December", "July", "" (year only)
    sort: tuple
    text: Spans
    section: str
    source: Source | None


@dataclass
class DocTerm:
    term: Term
    definition: Spans
    related: list[Term]


@dataclass
class DocPerson:
    person: Person
    role: Spans | None
    fate: Spans | None


@dataclass
class DocReading:
    source: Source
    note: Spans | None


@dataclass
class Document:
    title: str
    subtitle: str | None
    level: str
    level_label: str
    audience: str
    paper: str
    edition: str
    instructor: str | None
    course: str | None
    school: str | None
    period: str | None
    date: str | None                       # as the edition gives it ("Spring 2027"), printed as written
    built: str                             # the day of the build, "1 December 2026"
    version: str
    content_date: str | None
    license: str | None
    cite_as: str | None
    topic: str | None
    instructor_note: Spans | None
    sections: list[DocSection]
    chronology: list[tuple[int, list[DocEvent]]]
    glossary: list[DocTerm]
    people: list[DocPerson]
    bibliography: list[Source]
    reading: list[DocReading]
    answers: str = "none"                  # none | appendix | separate
    sources: dict[str, Source] = field(default_factory=dict)   # every known source, for citations anywhere
    dbqs: list[DocDbq] = field(default_factory=list)
    tasks: list[DocTask] = field(default_factory=list)

    @property
    def footer_fields(self) -> list[tuple[str, str]]:
        """The footer line's fields, in order: (name, text). The page template drops whole fields to make
        it fit, in the order `options.FOOTER_DROP_ORDER` gives, then shortens the title at a word."""
        from .options import FOOTER_FIELDS

        fields = [("title", self.title), ("level", f"{self.level_label} edition")]
        fields += [(name, getattr(self, name)) for name in FOOTER_FIELDS if getattr(self, name)]
        return fields
