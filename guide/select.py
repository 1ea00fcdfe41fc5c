"""Stage 3, select: (content, edition, command-line options) → what to print.

An `Edition` from content can be overridden by options (level, sections, paper); the result is checked
against the content here, so a bad option gets the same kind of message as a bad edition file.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import GuideError, Problems
from .model import Edition, Guide
from .validate import check_edition, edition_sections, read_edition, suggest


@dataclass
class Selection:
    guide: Guide          # the content, with the edition's own files merged in
    edition: Edition
    level: str
    sections: list[str]
    paper: str
    theme: str
    answers: str
    two_sided: bool
    booklet: bool
    problems: Problems = field(default_factory=Problems)   # the warnings found on the way (errors raise)


def find_edition(guide: Guide, name: str | None) -> Edition:
    """An edition by name (from content/editions) or by path to a YAML file."""
    if name is None:
        name = guide.default_edition
    if name in guide.editions:
        return guide.editions[name]   # with what reading it found: `select` reports that with the rest
    if name in guide.edition_problems:
        raise GuideError(guide.edition_problems[name].sorted())
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        problems = Problems()
        ed = read_edition(path, problems, content_root=Path(guide.root))
        if ed is None:
            raise GuideError(problems.sorted())
        return ed
    hint = suggest(name, guide.editions) or f"editions: {', '.join(sorted(guide.editions)) or 'none'}"
    raise GuideError(f"there is no edition '{name}' ({hint}; or give the path of an edition file)", exit_code=2)


def select(guide: Guide, edition: Edition, level: str | None = None, sections: list[str] | None = None,
           paper: str | None = None, theme: str | None = None, answers: str | None = None,
           two_sided: bool | None = None, booklet: bool | None = None) -> Selection:
    """The one place where an edition is checked against the content and its own files are merged in."""
    problems = Problems()
    problems.add_new(edition.read_problems)
    if level:
        edition = replace(edition, level=level)
    guide = check_edition(guide, edition, problems)
    if problems.errors:
        raise GuideError(problems.sorted())
    level = edition.level
    explicit = sections is not None
    chosen = sections if explicit else edition_sections(guide, edition, problems)
    chosen = check_sections(guide, edition, level, chosen, explicit, problems)
    check_dbqs(guide, edition, level, chosen, problems)
    return Selection(guide, edition, level, list(chosen), paper or edition.paper, theme or edition.theme,
                     answers or edition.answers, edition.two_sided if two_sided is None else two_sided,
                     edition.booklet if booklet is None else booklet, problems)


def narrow(selection: Selection, sections: list[str]) -> Selection:
    """The selection with other sections (a handout's one section, `--sections`), checked as `select` checks
    them, without merging the edition in again: the guide it holds already has the edition's own files."""
    problems = Problems()
    chosen = check_sections(selection.guide, selection.edition, selection.level, sections, True, problems)
    check_dbqs(selection.guide, selection.edition, selection.level, chosen, problems)
    return replace(selection, sections=list(chosen), problems=problems)


def check_sections(guide: Guide, edition: Edition, level: str, chosen: list[str], explicit: bool,
                   problems: Problems) -> list[str]:
    """The sections chosen (by the edition, or on the command line when `explicit`) that exist at the level;
    errors raise, with exit code 2 for a command-line choice."""
    seen = set()
    for sid in chosen:
        if sid in seen:
            problems.error(f"the section '{sid}' is chosen twice")
        seen.add(sid)
        if sid not in guide.sections and sid in guide.order and not explicit:
            continue   # its file is unreadable: `load_guide` has said so, with the file and line
        if sid not in guide.sections:
            problems.error(f"there is no section '{sid}'",
                           hint=suggest(sid, guide.sections) or f"sections: {', '.join(guide.order)}")
        elif level not in guide.sections[sid].levels:
            problems.error(f"the section '{sid}' is not written for the {level} level")
    chosen = [sid for sid in chosen if sid in guide.sections]
    if not chosen:
        where = edition.locations.get(":sections") if not explicit else None
        problems.error("no sections are chosen", where or (edition.location if not explicit else None),
                       "list at least one section", "sections")
    if problems.errors:
        raise GuideError(problems.sorted(), exit_code=2 if explicit else 1)
    return chosen


def check_dbqs(guide: Guide, edition: Edition, level: str, chosen: list[str], problems: Problems) -> None:
    """A DBQ whose documents stand in sections the edition does not print is left out, with a warning naming
    those sections (docs/content-format.md, "Assessment")."""
    from .validate import dbq_missing

    omit = set(edition.omit)
    if "dbq" in omit:
        return
    for d in guide.dbqs:
        if level not in d.levels or level not in d.title.values or d.id in omit:
            continue
        missing = dbq_missing(guide, d, level, chosen, omit)
        if missing:
            names = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
            problems.warning(f"the DBQ '{d.id}' is left out: its documents need {names}, which this edition does "
                             "not print", edition.locations.get(":sections") or edition.location,
                             f"print {'it' if len(missing) == 1 else 'them'}, or add 'dbq' (or '{d.id}') to "
                             "'omit' to leave the DBQ out without this warning", "sections")
