"""The data a file is read into: `Map` and `Seq`, which know the file and line of every key and item, and the
`Limits` that keep a hostile file from exhausting memory."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Location


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 2_000_000       # one YAML file
    max_nodes: int = 200_000         # values in one file, after aliases are expanded
    max_depth: int = 64              # nesting of maps and lists
    max_aliases: int = 100           # uses of *alias in one file


LIMITS = Limits()


class Map(dict):
    """A YAML mapping that knows its file, its own line and the line of each key."""

    def __init__(self, file: str, line: int):
        super().__init__()
        self.file = file
        self.line = line
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}      # a plain scalar's text as written, where YAML read it as no string

    def loc(self, key: str | None = None) -> Location:
        return Location(self.file, self.lines.get(key, self.line) if key is not None else self.line)

    def written(self, key: str) -> str:
        """The value of `key` as the author wrote it (`yes`, `0x1F`, `1.10`), for messages."""
        return self.raw.get(key, str(self.get(key)))


class Seq(list):
    """A YAML sequence that knows its file, its own line and the line of each item."""

    def __init__(self, file: str, line: int):
        super().__init__()
        self.file = file
        self.line = line
        self.lines: list[int] = []

    def loc(self, index: int | None = None) -> Location:
        if index is not None and index < len(self.lines):
            return Location(self.file, self.lines[index])
        return Location(self.file, self.line)


class _TooBig(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line

