"""The content's lists: chronology events (with their dates), map places, glossary terms, people and the
reading list."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location
from .texts import LEVELS, Text

PLACE_KINDS = ("camp", "project", "city")


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
class Reading:
    source: str
    note: Text | None
    location: Location
