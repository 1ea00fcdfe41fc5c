"""All the content, validated, before any edition is applied (`Guide`), and the levels it is written for."""
from __future__ import annotations

from dataclasses import dataclass, field

from .assessment import Dbq, Rubric, Task
from .edition import Edition
from .lists import Event, Person, Place, Reading, Term
from .sections import Section
from .sources import Source
from .texts import Text


@dataclass
class LevelInfo:
    id: str
    label: str
    audience: str


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
