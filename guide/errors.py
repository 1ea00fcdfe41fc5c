"""Problems for people: every message about content names a file and a line.

A `Problem` is one finding (error or warning) with its `Location`. Stages collect problems into a
`Problems` list instead of raising, so one run reports everything; `GuideError` carries them to the
CLI, which prints them as ``path:line: error: message`` without a traceback.
"""
from __future__ import annotations

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

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class Problems(list):
    """An ordered collection of problems, with helpers to add them."""

    def error(self, message: str, location: Location | None = None, hint: str | None = None) -> None:
        self.append(Problem("error", message, location, hint))

    def warning(self, message: str, location: Location | None = None, hint: str | None = None) -> None:
        self.append(Problem("warning", message, location, hint))

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


def display_path(path: Path | str) -> str:
    """A path as a user would like to read it: relative to the current folder when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
