"""The content model: plain dataclasses, no I/O and no ReportLab.

`validate` builds these from loaded YAML; `select` and `resolve` read them; `typeset` never sees YAML.
Text that may vary by level is a `Text`: one string per level, with the location it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Location

LEVELS = ("middle", "high", "college")
PAPERS = ("letter", "a4")
QUESTION_KINDS = ("comprehension", "analysis", "essay")
BLOCK_TYPES = ("paragraph", "subheading", "callout", "primary", "figures", "chart", "map")
PLACE_KINDS = ("camp", "project", "city")
PARTS = ("chronology", "glossary", "people", "questions", "notes", "bibliography", "reading", "quiz", "dbq", "task")
QUIZ_TYPES = ("choice", "short")


@dataclass
class Text:
    """A text that may differ by level. `values[level]` is missing where the text has no version."""

    values: dict[str, str]
    locations: dict[str, Location]
    id: str | None = None        # for an item of a list (an objective, a question in a source box): its stable id

    def at(self, level: str) -> str | None:
        return self.values.get(level)

    def loc(self, level: str) -> Location:
        return self.locations.get(level) or next(iter(self.locations.values()))

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(lv for lv in LEVELS if lv in self.values)


@dataclass
class Block:
    type: str
    location: Location
    id: str | None = None
    levels: tuple[str, ...] = LEVELS
    text: Text | None = None          # paragraph, subheading, callout
    title: Text | None = None         # callout, primary, chart
    intro: Text | None = None         # primary
    quote: Text | None = None         # primary
    attribution: Text | None = None   # primary
    source: str | None = None         # primary, chart
    locator: str | None = None        # primary
    origin: str | None = None         # primary: the document the quotation first appeared in, if read elsewhere
    questions: list[Text] = field(default_factory=list)   # primary
    answers: dict[str, Text] = field(default_factory=dict)  # primary: model answers, by question id
    people: list[str] = field(default_factory=list)       # figures
    caption: Text | None = None       # chart
    alt: Text | None = None           # chart
    data: list["ChartDatum"] = field(default_factory=list)  # chart
    places: list[str] = field(default_factory=list)       # map
    labels: dict[str, list[str]] | None = None            # map: the places labelled, by level (None: all)

    def main_text(self) -> Text | None:
        """The text whose presence decides whether the block appears at a level."""
        return {"paragraph": self.text, "subheading": self.text, "callout": self.text,
                "primary": self.quote, "chart": self.title, "map": self.title}.get(self.type)


# The text fields of each kind of item, in reading order, with how each prints:
#   "markup": inline markup in the section's body (a citation becomes a note, a term's first use a link)
#   "plain":  printed as written (a quotation), or not printed but read aloud (a chart's alt text)
#   "key":    inline markup printed only in the answer key
# `text_fields` walks them for every pass over the texts (resolve's notes, validation of the markup, the
# glossary links, the fonts check), on the content model and on the resolved document alike.
TEXT_FIELDS = {
    "section": (("title", "markup"), ("key_question", "markup"), ("objectives", "markup"),
                ("teacher_notes", "key")),
    "block": (("title", "markup"), ("intro", "markup"), ("text", "markup"), ("quote", "plain"),
              ("attribution", "markup"), ("questions", "markup"), ("caption", "markup"), ("alt", "plain"),
              ("answers", "key")),
    "question": (("text", "markup"), ("answer", "key")),
}
TEXT_KINDS = ("markup", "plain", "key")
MARKUP = ("markup", "key")            # the fields read as inline markup, wherever they print
LIST_FIELDS = ("objectives", "questions", "answers")      # a list (answers: by question id in the model)


def text_fields(item, kinds: tuple[str, ...] = TEXT_KINDS, of: str | None = None):
    """(field, value) for each text of a section's own fields, a block or a question, in reading order,
    of the `kinds` asked for. `item` is of the content model (values are `Text`) or of the resolved
    document (`Spans`; a plain field is a string); `of` is "section", "block" or "question" (by default
    read from the class name). A list field (objectives, a source box's questions and answers) gives one
    pair per entry; missing texts are left out. Of a section, only its own texts: walk its blocks and
    questions with their own calls."""
    of = of or type(item).__name__.lower().removeprefix("doc")
    for name, kind in TEXT_FIELDS[of]:
        if kind not in kinds:
            continue
        value = getattr(item, name, None)
        if name in LIST_FIELDS:
            values = value.values() if isinstance(value, dict) else value or []
        else:
            values = [value]
        for v in values:
            if v:
                yield name, v


@dataclass
class ChartDatum:
    label: Text
    value: float
    total: float | None = None


@dataclass
class Question:
    id: str
    kind: str
    text: Text
    answer: Text | None
    lines: int
    location: Location
    levels: tuple[str, ...] = LEVELS
    rubric: str | None = None          # the id of the rubric that marks it (analysis and essay questions)


@dataclass
class Criterion:
    name: Text
    levels: list[Text]                 # one descriptor per step of the rubric's scale, lowest first
    location: Location


@dataclass
class Rubric:
    """Criteria × a scale of 3 or 4 performance levels. In a section file it has an id; inline in a DBQ or a
    task it has none."""
    id: str | None
    title: Text | None
    scale: list[Text]
    criteria: list[Criterion]
    location: Location
    objectives: list[str] = field(default_factory=list)   # ids of the objectives it assesses
    levels: tuple[str, ...] = LEVELS
    section: str | None = None          # the section file it stands in (None: inline)


@dataclass
class QuizOption:
    text: Text
    correct: bool
    feedback: Text | None
    location: Location


@dataclass
class QuizItem:
    """An auto-gradable item: multiple choice (`options`, exactly one correct) or short answer (`accept`)."""
    id: str
    type: str                           # choice | short
    text: Text
    location: Location
    levels: tuple[str, ...] = LEVELS
    options: list[QuizOption] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    tolerance: int = 1
    feedback: Text | None = None


@dataclass
class Dbq:
    """A document-based question (content/assessment.yaml): its documents are primary blocks of the sections."""
    id: str
    title: Text
    prompt: Text
    documents: list[str]
    location: Location
    levels: tuple[str, ...] = LEVELS
    thesis: Text | None = None
    rubric: "Rubric | str | None" = None    # inline, or a rubric id
    document_locations: list[Location] = field(default_factory=list)


@dataclass
class Task:
    """A summative task (content/assessment.yaml), one per level."""
    id: str
    title: Text
    text: Text
    location: Location
    levels: tuple[str, ...] = LEVELS
    rubric: "Rubric | str | None" = None


@dataclass
class Section:
    id: str
    title: Text
    key_question: Text | None
    objectives: list[Text]
    blocks: list[Block]
    questions: list[Question]
    teacher_notes: Text | None
    location: Location
    levels: tuple[str, ...] = LEVELS
    rubrics: list[Rubric] = field(default_factory=list)
    quiz: list[QuizItem] = field(default_factory=list)


@dataclass(frozen=True)
class Date:
    year: int
    month: int | None = None
    day: int | None = None

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass
class Event:
    date: Date
    end: Date | None
    text: Text
    section: str
    source: str | None
    location: Location
    levels: tuple[str, ...] = LEVELS


@dataclass
class Place:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    location: Location
    years: str | None = None
    text: Text | None = None
    source: str | None = None
    line: list[tuple[float, float]] = field(default_factory=list)   # (lat, lon) points of a project's route


@dataclass
class Term:
    id: str
    term: str
    definition: Text
    location: Location
    original: str | None = None
    translit: str | None = None
    expansion: str | None = None
    variants: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    levels: tuple[str, ...] = LEVELS


@dataclass
class Person:
    id: str
    name: str
    sort: str
    location: Location
    role: Text | None = None
    fate: Text | None = None
    original: str | None = None
    pronounce: str | None = None
    variants: list[str] = field(default_factory=list)
    born: int | None = None
    died: int | None = None
    source: str | None = None
    levels: tuple[str, ...] = LEVELS


@dataclass
class Name:
    family: str | None = None
    given: str | None = None
    literal: str | None = None
    suffix: str | None = None                  # "Jr."
    dropping_particle: str | None = None       # "de" in "Beauvoir, Simone de"
    non_dropping_particle: str | None = None   # "van" in "van Gogh"


@dataclass
class Source:
    """A bibliography entry in CSL terms."""

    id: str
    type: str
    title: str
    location: Location
    author: list[Name] = field(default_factory=list)
    editor: list[Name] = field(default_factory=list)
    translator: list[Name] = field(default_factory=list)
    year: int | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    container_title: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    url: str | None = None
    note: str | None = None
    lines: dict = field(default_factory=dict)   # the Location of each key, for messages
    title_short: str | None = None     # CSL `title-short`: the title used in short notes
    # CSL-JSON and Better BibTeX (issue 15): how the work is cited, and what Chicago prints of it
    key_from: str = "id"               # "citation-key", "id", or "derived" (from author and year)
    csl_id: str | None = None          # the `id` as the file gives it, where the key is not that id
    issued: object = None              # csl.CslDate
    accessed: object = None            # csl.CslDate
    edition: str | None = None
    doi: str | None = None
    collection_title: str | None = None
    collection_number: str | None = None
    event_title: str | None = None
    event_place: str | None = None
    genre: str | None = None
    number: str | None = None


@dataclass
class Reading:
    source: str
    note: Text | None
    location: Location


@dataclass
class LevelInfo:
    id: str
    label: str
    audience: str


ANSWERS = ("none", "appendix", "separate")
ADD_KINDS = ("sections", "glossary", "people", "sources", "chronology", "places")


@dataclass
class Addition:
    """An instructor's own file, added by an edition: a section (placed `after` a section), or a file of
    glossary terms, people, sources, chronology events or places merged with the shipped ones."""

    kind: str
    path: str
    location: Location
    after: str | None = None


@dataclass
class Edition:
    """An edition file, read by the declaration of its options (`options.OPTIONS`)."""
    name: str
    location: Location
    level: str = "high"
    sections: list[str] | None = None
    paper: str = "letter"
    title: str | None = None
    subtitle: str | None = None
    instructor: str | None = None
    course: str | None = None
    school: str | None = None
    period: str | None = None
    date: str | None = None
    omit: list[str] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)
    overrides: list = field(default_factory=list)   # overrides.Override: the edition's own wording
    answers: str = "none"
    theme: str = "classic"
    two_sided: bool = False
    booklet: bool = False
    path: str | None = None                    # the edition file
    locations: dict[str, Location] = field(default_factory=dict)   # of each listed section and omit id
    read_problems: list = field(default_factory=list)   # what reading the file found (warnings, if it is used)


@dataclass
class Guide:
    """All content, validated, before any edition is applied."""

    root: str
    title: str
    subtitle: str | None
    topic: str | None
    version: str
    date: str | None
    license: str | None
    cite_as: str | None
    levels: dict[str, LevelInfo]
    order: list[str]
    default_edition: str
    instructor_note: Text | None
    sections: dict[str, Section]
    events: list[Event]
    terms: dict[str, Term]
    people: dict[str, Person]
    sources: dict[str, Source]
    reading: dict[str, list[Reading]]
    editions: dict[str, Edition]
    places: dict[str, Place] = field(default_factory=dict)
    edition_problems: dict = field(default_factory=dict)   # problems found in each edition file, by name
    head_locations: dict = field(default_factory=dict)     # where guide.yaml says title, subtitle, …
    dbqs: list[Dbq] = field(default_factory=list)          # content/assessment.yaml
    tasks: list[Task] = field(default_factory=list)

    def rubrics(self) -> dict[str, Rubric]:
        """Every rubric with an id, from all sections."""
        return {r.id: r for sec in self.sections.values() for r in sec.rubrics if r.id}
