"""A section and what it holds: its blocks (paragraphs, boxes, sources, charts, maps) and its questions."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location
from .assessment import QuizItem, Rubric
from .texts import LEVELS, Text

QUESTION_KINDS = ("comprehension", "analysis", "essay")
BLOCK_TYPES = ("paragraph", "subheading", "callout", "primary", "figures", "chart", "map")


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
