"""The pipeline: load → validate → select → resolve → plan → typeset → write (it reads like its outline).

`build()` returns where the PDF went and how long it took; any problem with content, the edition or the
output path raises `GuideError` carrying every problem found. The PDF is written to a temporary file
beside the target and renamed over it, so a failed build never touches the previous good PDF (`output.py`);
`build --all` runs editions in worker processes (`parallel.py`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import GuideError, Problem, Problems, display_path
from .model import Guide
from .output import MANIFEST, output_path, replace_manifest, write_all, write_atomic, write_temporary
from .parallel import Stop, build_all
from .resolve import source_date_epoch
from .validate import load_guide

__all__ = ["BuildResult", "MANIFEST", "Stop", "build", "build_all", "check_all", "check_fonts",
           "check_selection_fonts", "find_content", "handouts", "load", "look_and_layout", "output_path",
           "plan_selection", "printable_chars", "render", "replace_manifest", "shipped_content", "warnings_of",
           "write_all", "write_atomic", "write_temporary"]


@dataclass
class BuildResult:
    path: Path
    pages: int
    seconds: float
    passes: int
    edition: str
    level: str
    extra: list = None          # other files written (the answer key)
    warnings: list = None       # the warnings of the content and the edition


def shipped_content() -> Path:
    packaged = Path(str(resources.files("guide"))) / "_data" / "content"
    if (packaged / "guide.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "content"


def find_content(option: str | None) -> tuple[Path, str]:
    """The content folder and why it was chosen: --content, ./content, or the shipped content."""
    if option:
        path = Path(option)
        if (path / "guide.yaml").is_file():
            return path, "--content"
        if path.name == "guide.yaml" and path.is_file():
            return path.parent, "--content"
        raise GuideError(f"{option}: no guide.yaml in this folder (give the folder that holds guide.yaml)",
                         exit_code=2)
    local = Path("content")
    if (local / "guide.yaml").is_file():
        return local, "./content in the current folder"
    return shipped_content(), "the content shipped with guide"


# In the worker processes of `build --all`: content folder → (its files' sizes and times, loaded guide), so a
# worker that builds several editions reads and checks the content once. None in an ordinary build.
_LOADED: dict[str, tuple[tuple, tuple[Guide, Problems]]] | None = None


def _signature(content: Path) -> tuple:
    out = []
    for path in sorted(content.rglob("*")):
        try:
            st = path.stat()
        except OSError:          # a dangling symbolic link, a file removed meanwhile
            out.append((str(path), None, None))
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def load(content: Path) -> tuple[Guide, Problems]:
    """Load and validate content. Problems of one edition file do not stop the others being built:
    they are raised when that edition is chosen (`select.find_edition`)."""
    if _LOADED is None:
        return _load(content)
    key, signature = str(content.resolve()), _signature(content)
    hit = _LOADED.get(key)
    if hit is None or hit[0] != signature:
        hit = _LOADED[key] = (signature, _load(content))
    return hit[1]


def _load(content: Path) -> tuple[Guide, Problems]:
    problems = Problems()
    guide = load_guide(content, problems)
    if guide is not None:
        check_fonts(guide, problems)
    if guide is None or problems.errors:
        raise GuideError(Problems(problems.errors).sorted())
    return guide, problems


def check_all(content: Path) -> tuple[Problems, list[str]]:
    """`guide check`: the content, then every edition of it as `build` would select it; each problem once."""
    from .select import select

    problems = Problems()
    guide = load_guide(content, problems)
    if guide is None:
        return problems, []
    check_fonts(guide, problems)
    names = sorted(set(guide.editions) | set(guide.edition_problems))
    for name in names:
        problems.add_new(guide.edition_problems.get(name, ()))
        if name in guide.editions:
            try:
                selection = select(guide, guide.editions[name])
                check_selection_fonts(selection)
                problems.add_new(selection.problems)
            except GuideError as exc:
                problems.add_new(exc.problems)
    return problems, names


@lru_cache(maxsize=1)
def printable_chars() -> frozenset[int]:
    """The characters the fonts of every theme can print (they share their fonts' reach)."""
    from .theme import THEMES
    from .font_coverage import printable

    chars = None
    for name in THEMES:
        cover = printable(THEMES[name])
        chars = cover if chars is None else chars & cover
    return chars or frozenset()


def check_fonts(guide: Guide, problems: Problems) -> None:
    """Every character of the content must be in the fonts."""
    from .validate import check_glyphs
    check_glyphs(guide, printable_chars(), problems)


def check_selection_fonts(selection) -> None:
    """The same for what an edition adds: its own files and its title, instructor, course and the rest.
    Errors raise; the shipped content's own were reported by `load`."""
    from .validate import check_glyphs, edition_texts

    from dataclasses import replace

    found = Problems()
    ed = selection.edition
    check_glyphs(selection.guide, printable_chars(), found, extra=list(edition_texts(ed)))
    lines = {loc: key[1:] for key, loc in ed.locations.items() if key.startswith(":")}
    found = [replace(p, field=lines.get(p.location)) if p.field is None and p.location in lines else p for p in found]
    selection.problems.add_new(found)
    if selection.problems.errors:
        raise GuideError(selection.problems.sorted())


def build(content: Path, edition_name: str | None = None, level: str | None = None,
          sections: list[str] | None = None, paper: str | None = None, output: str | None = None,
          theme: str | None = None, answers: str | None = None, two_sided: bool | None = None,
          booklet: bool | None = None, tagged: bool = True, strict: bool = False) -> BuildResult:
    """Build one edition (and its separate answer key when the edition asks for one)."""
    from .select import find_edition, select

    started = time.perf_counter()
    source_date_epoch()                 # a bad SOURCE_DATE_EPOCH is a message before any work
    guide, found = load(content)
    edition = find_edition(guide, edition_name)
    selection = select(guide, edition, level, sections, paper, theme, answers, two_sided, booklet)
    check_selection_fonts(selection)
    warnings = warnings_of(found, selection, strict)
    target = output_path(output, edition.name)
    made = render(selection, tagged)
    outputs = [(target.with_name(f"{target.stem}{plan.suffix}.pdf") if plan.suffix else target, pdf)
               for plan, pdf, _, _ in made]
    write_all(outputs)
    _, _, pages, passes = made[0]
    return BuildResult(target, pages, time.perf_counter() - started, passes, edition.name,
                       selection.level, [p for p, _ in outputs[1:]], warnings)


def plan_selection(selection, handout: bool = False) -> tuple:
    """Resolve and plan a selection: its theme (the look) and the `Plan` of each file it makes, the main one
    first. Every renderer starts here (the PDF typesetter in `render`, the exports)."""
    from .plan import handout_plans, plans
    from .resolve import resolve

    document = resolve(selection)
    theme, page = look_and_layout(selection)
    return theme, (handout_plans if handout else plans)(document, page)


def render(selection, tagged: bool = True, handout: bool = False, first_only: bool = False) -> list[tuple]:
    """Resolve, plan and typeset a selection: (plan, PDF bytes, pages, layout passes) for each file it makes,
    the main one first (`first_only`: that one alone). A booklet's guide is imposed two pages to a sheet (and so
    is not tagged)."""
    from .typeset import typeset

    theme, planned = plan_selection(selection, handout)
    out = []
    for one in planned[:1] if first_only else planned:
        booklet = one.layout.booklet and one.kind == "guide"
        result = typeset(one, theme, tagged=tagged and not booklet)
        pdf, pages = result.pdf, result.pages
        if booklet:
            from .impose import impose
            pdf, pages = impose(pdf, one.layout.sheet)
        out.append((one, pdf, pages, result.passes))
    return out


def warnings_of(content_problems: Problems, selection, strict: bool) -> list:
    """The warnings of a build: the content's and the edition's, each once. `strict` makes them errors."""
    warnings = Problems()
    warnings.add_new(content_problems.warnings)
    warnings.add_new(selection.problems.warnings)
    if strict and warnings:
        raise GuideError(warnings.sorted() + [Problem("error", f"{len(warnings)} warning"
                                                      f"{'s' * (len(warnings) != 1)} with --strict; nothing "
                                                      "was written")])
    return warnings.sorted()


def look_and_layout(selection) -> tuple:
    """The theme (the look) and the page layout (the geometry) a selection asks for."""
    from .layout import page_layout
    from .theme import theme_named

    theme = theme_named(selection.theme, level=selection.level)
    return theme, page_layout(theme, selection.paper, selection.two_sided, selection.booklet)


def handouts(content: Path, edition_name: str | None = None, sections: list[str] | None = None,
             output_dir: str | None = None, level: str | None = None, paper: str | None = None,
             answers: str | None = None, theme: str | None = None, tagged: bool = True,
             strict: bool = False) -> list[BuildResult]:
    """One self-contained PDF per section, with its answer sheet when the edition asks for separate answers.

    They go to OUTDIR/<edition>[-<level>]/NN-<section>.pdf (the level only when --level changes it), NN
    being the section's number in the edition's own order, also when `sections` picks a few. A run removes
    the files it wrote into that folder before (listed in a manifest there), and no others."""
    edition, warnings, folder, chosen = handout_selections(content, edition_name, sections, output_dir, level,
                                                           paper, answers, theme, strict)
    results, outputs = [], []
    for stem, one in chosen:
        started = time.perf_counter()
        made = render(one, tagged, handout=True)
        target = folder / f"{stem}.pdf"
        files = [(target.with_name(f"{target.stem}{plan.suffix}.pdf") if plan.suffix else target, pdf)
                 for plan, pdf, _, _ in made]
        outputs += files
        _, _, pages, passes = made[0]
        results.append(BuildResult(target, pages, time.perf_counter() - started, passes,
                                   edition.name, one.level, [p for p, _ in files[1:]], warnings))
    write_all(outputs)
    replace_manifest(folder, [path.name for path, _ in outputs])
    return results


def handout_selections(content: Path, edition_name: str | None, sections: list[str] | None, output_dir: str | None,
                       level: str | None, paper: str | None, answers: str | None, theme: str | None,
                       strict: bool) -> tuple:
    """What `handouts` makes, in whatever format (PDF here, .docx in `exporting`): (edition, warnings, folder,
    [(file stem "NN-<section>", the section's selection)]), NN the section's number in the edition's order."""
    from .select import find_edition, narrow, select

    source_date_epoch()
    guide, found = load(content)
    edition = find_edition(guide, edition_name)
    whole = select(guide, edition, level, None, paper, theme, answers, False, False)
    check_selection_fonts(whole)
    chosen = narrow(whole, sections).sections if sections is not None else whole.sections
    warnings = warnings_of(found, whole, strict)
    numbers = {sid: i for i, sid in enumerate(whole.sections, 1)}
    for sid in chosen:
        numbers.setdefault(sid, len(numbers) + 1)
    name = edition.name + (f"-{level}" if level and level != edition.level else "")
    folder = (Path(output_dir) if output_dir else Path("out") / "handouts") / name
    if folder.exists() and not folder.is_dir() or folder.parent.exists() and not folder.parent.is_dir():
        raise GuideError(f"{display_path(folder)}: the output folder is a file", exit_code=2)
    # each section's selection from the edition's one (the edition merged in once, by `select` above)
    return edition, warnings, folder, [(f"{numbers[sid]:02d}-{sid}", narrow(whole, [sid])) for sid in chosen]
