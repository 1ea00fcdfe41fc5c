"""A bibliography entry (`Source`, in CSL terms) and the names in it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Location


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
