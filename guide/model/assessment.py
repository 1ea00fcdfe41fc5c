"""Assessment: rubrics, quiz items, document-based questions (DBQs) and summative tasks."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location
from .texts import LEVELS, Text

QUIZ_TYPES = ("choice", "short")


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
