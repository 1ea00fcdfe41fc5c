"""Problems for people: every message about content names a file and a line.

A `Problem` is one finding (error or warning) with its `Location`. Stages collect problems into a
`Problems` list instead of raising, so one run reports everything; `GuideError` carries them to the
CLI, which prints them as ``path:line: error: message`` without a traceback.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    message: str
    location: Location | None = None
    hint: str | None = None
    field: str | None = None    # where it belongs in an edition: an option name, or a block or question id

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)   # content quoted in a message never drives the terminal


def printable(text: str) -> str:
    """Text safe to show in a terminal: control and other invisible format characters (an escape sequence,
    a direction override) shown as escapes, e.g. \\x1b."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(text))


class Problems(list):
    """An ordered collection of problems, with helpers to add them."""

    def error(self, message: str, location: Location | None = None, hint: str | None = None,
              field: str | None = None) -> None:
        self.append(Problem("error", message, location, hint, field))

    def warning(self, message: str, location: Location | None = None, hint: str | None = None,
                field: str | None = None) -> None:
        self.append(Problem("warning", message, location, hint, field))

    def add_new(self, problems) -> None:
        """Add the problems not already here (the same problem found again through another edition)."""
        seen = set(self)
        for p in problems:
            if p not in seen:
                seen.add(p)
                self.append(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        def key(p: Problem):
            loc = p.location
            return (loc.file if loc else "", loc.line or 0 if loc else 0)
        return sorted(self, key=key)


class GuideError(Exception):
    """A problem the user can fix (bad content, a bad option, an unwritable path)."""

    def __init__(self, problems: list[Problem] | str, exit_code: int = 1):
        if isinstance(problems, str):
            problems = [Problem("error", problems)]
        self.problems = list(problems)
        self.exit_code = exit_code
        super().__init__("\n".join(str(p) for p in self.problems))


@functools.lru_cache(maxsize=16)
def _lines(file: str, mtime: int) -> list[str]:
    with open(file, encoding="utf-8", errors="replace") as fh:
        return fh.read(2_000_000).splitlines()


def line_of(location: Location | None, needle: str, span: int = 400) -> Location | None:
    """The location of the first line at or after `location` that holds `needle` (the line of a `[[term]]`
    inside a long text, rather than the line where the text starts); `location` itself if not found."""
    if location is None or not location.line:
        return location
    try:
        lines = _lines(location.file, os.stat(location.file).st_mtime_ns)
    except OSError:
        return location
    for number in range(location.line, min(len(lines), location.line + span) + 1):
        if needle in lines[number - 1]:
            return Location(location.file, number)
    return location


def display_path(path: Path | str) -> str:
    """A path as a user would like to read it: relative to the current folder when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
