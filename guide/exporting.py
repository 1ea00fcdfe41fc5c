"""The exports' pipeline: select and resolve an edition as `build` does (the same options,
every problem reported with its place), render it with a renderer of `guide/export/` (or the flashcards of
`guide/typeset/`), and write the files all or none (`build.write_all`), so a failed export never leaves a
half-written file or touches an earlier good one. The renderers only draw; this module runs them (`guide export`: guide/cli/exporting.py)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .errors import GuideError, display_path
from .export.common import DEFAULT_FORMAT, FORMATS

KINDS = tuple(FORMATS)


@dataclass
class Resolved:
    document: Document
    selection: object            # select.Selection
    warnings: list


def resolved(content: Path, edition_name: str | None, level: str | None = None, sections: list[str] | None = None,
             answers: str | None = None, paper: str | None = None, strict: bool = False) -> Resolved:
    """The edition as `build` would print it, with the same options and the same problems reported."""
    from .build import check_selection_fonts, load, warnings_of
    from .resolve import resolve, source_date_epoch
    from .select import find_edition, select

    source_date_epoch()
    guide, found = load(content)
    edition = find_edition(guide, edition_name)
    selection = select(guide, edition, level, sections, paper, None, answers, False, False)
    check_selection_fonts(selection)
    warnings = warnings_of(found, selection, strict)
    return Resolved(resolve(selection), selection, warnings)


def output_path(output: str | None, edition: str, kind: str, fmt: str) -> Path:
    """Where an export goes: --output, checked against the format, or out/<edition><suffix>."""
    suffix, ending = FORMATS[kind][fmt]
    if output is not None and not output.strip():
        raise GuideError(f"--output is empty: give a file name ending in {ending}, or leave the option out",
                         exit_code=2)
    target = Path(output) if output is not None else Path("out") / f"{edition}{suffix}"
    if target.is_dir():
        raise GuideError(f"{display_path(target)}: the output path is a folder (give a file name ending in "
                         f"{ending})", exit_code=2)
    if not target.name.lower().endswith(ending):
        raise GuideError(f"{display_path(target)}: a {kind} in the format '{fmt}' must be written to a file "
                         f"ending in {ending}", exit_code=2)
    return target


@dataclass
class ExportResult:
    paths: list[Path]
    seconds: float
    edition: str
    level: str
    warnings: list = field(default_factory=list)


def check_format(kind: str, fmt: str | None, output: str | None = None) -> str:
    """The format asked for; without --format, the one the --output name ends in, else the kind's default."""
    if fmt is None and output:
        fmt = next((f for f, (_, ending) in FORMATS[kind].items() if output.lower().endswith(ending)), None)
    fmt = fmt or DEFAULT_FORMAT[kind]
    if fmt not in FORMATS[kind]:
        names = list(FORMATS[kind])
        raise GuideError(f"--format {fmt}: a {kind} export is written as "
                         + (f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]), exit_code=2)
    return fmt


def render(kind: str, fmt: str, document, selection) -> list[tuple[str, bytes]]:
    """The files of one export: [(name suffix, bytes)], the first the main file."""
    from .theme import theme_named

    if kind == "quiz":
        from .export.quiz import export_quiz
        return [("", export_quiz(document, fmt))]
    if kind == "flashcards":
        if fmt == "anki":
            from .export.anki import anki_deck
            return [("", anki_deck(document))]
        from .typeset.flashcards import flashcards
        return [("", flashcards(document, theme_named(selection.theme), selection.paper).pdf)]
    return docx_files(document, selection)


def docx_files(document, selection, handout: bool = False) -> list[tuple[str, bytes]]:
    """The plans of a build (or of a handout), each drawn as a .docx: [(suffix, bytes)]."""
    from .build import look_and_layout
    from .export.docx import render_docx
    from .plan import handout_plans, plans

    theme, layout = look_and_layout(selection)
    return [(plan.suffix, render_docx(plan, theme)) for plan in (handout_plans if handout else plans)(document, layout)]


def export(content: Path, kind: str, edition: str | None = None, level: str | None = None,
           sections: list[str] | None = None, answers: str | None = None, paper: str | None = None,
           fmt: str | None = None, output: str | None = None, strict: bool = False) -> ExportResult:
    started = time.perf_counter()
    fmt = check_format(kind, fmt, output)
    got = resolved(content, edition, level, sections, answers, paper, strict)
    sel = got.selection
    target = output_path(output, sel.edition.name, kind, fmt)
    files = render(kind, fmt, got.document, sel)
    outputs = [(target if not suffix else target.with_name(f"{target.stem}{suffix}{target.suffix}"), data)
               for suffix, data in files]
    from .build import write_all
    write_all(outputs)
    return ExportResult([p for p, _ in outputs], time.perf_counter() - started, sel.edition.name, sel.level,
                        got.warnings)


def export_handouts(content: Path, edition: str | None = None, sections: list[str] | None = None,
                    output_dir: str | None = None, level: str | None = None, paper: str | None = None,
                    answers: str | None = None, strict: bool = False) -> list[ExportResult]:
    """`guide handouts --format docx`: one .docx per section, named and numbered as the PDF handouts are
    (OUTDIR/<edition>[-<level>]/NN-<section>.docx), with its answer sheet when answers are separate."""
    from .build import handout_selections, write_all
    from .resolve import resolve

    edition, warnings, folder, chosen = handout_selections(content, edition, sections, output_dir, level, paper,
                                                           answers, None, strict)
    outputs, results = [], []
    for stem, one in chosen:
        started = time.perf_counter()
        target = folder / f"{stem}.docx"
        files = [(target if not suffix else target.with_name(f"{target.stem}{suffix}.docx"), data)
                 for suffix, data in docx_files(resolve(one), one, handout=True)]
        outputs += files
        results.append(ExportResult([p for p, _ in files], time.perf_counter() - started, edition.name, one.level,
                                    warnings))
    write_all(outputs)
    return results


# Every export of an edition, for `guide build --all --exports`: (kind, format)
EVERYTHING = (("docx", "docx"), ("quiz", "gift"), ("quiz", "qti"), ("quiz", "moodle-xml"), ("flashcards", "pdf"),
              ("flashcards", "anki"))


def export_everything(content: Path, edition: str, output_dir: str) -> list[tuple[str, None, float]]:
    """Every export of one edition into `output_dir`, under the default names, from one resolved document;
    an edition without quiz items or glossary terms has no such file. Rows as `build_all` lists them."""
    from .build import write_all

    started = time.perf_counter()
    got = resolved(content, edition)
    outputs = []
    for kind, fmt in EVERYTHING:
        target = Path(output_dir) / f"{got.selection.edition.name}{FORMATS[kind][fmt][0]}"
        try:
            files = render(kind, fmt, got.document, got.selection)
        except GuideError as exc:
            if all("nothing was written" in p.message for p in exc.problems):
                continue          # nothing of that kind in this edition
            raise
        outputs += [(target if not suffix else target.with_name(f"{target.stem}{suffix}{target.suffix}"), data)
                    for suffix, data in files]
    write_all(outputs)
    seconds = time.perf_counter() - started
    return [(str(p), None, seconds) for p, _ in outputs]
