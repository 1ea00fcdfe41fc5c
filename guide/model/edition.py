"""An edition: what an edition file chooses (level, sections, paper, parts left out, answers, look) and the
instructor's own files it adds."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location

PAPERS = ("letter", "a4")
PARTS = ("chronology", "glossary", "people", "questions", "notes", "bibliography", "reading", "quiz", "dbq", "task")
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
