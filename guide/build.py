"""The pipeline: load → validate → select → resolve → typeset → write. This file reads like its outline.

`build()` returns where the PDF went and how long it took; any problem with content, the edition or the
output path raises `GuideError` carrying every problem found. The PDF is written to a temporary file
beside the target and renamed over it, so a failed build never touches the previous good PDF.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import GuideError, Problems, display_path
from .model import Guide
from .validate import load_guide


@dataclass
class BuildResult:
    path: Path
    pages: int
    seconds: float
    passes: int
    edition: str
    level: str
    extra: list = None          # other files written (the answer key)


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
        st = path.stat()
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
    in_editions = {id(p) for ep in (guide.edition_problems.values() if guide else []) for p in ep}
    errors = [p for p in problems.errors if id(p) not in in_editions]
    if guide is None or errors:
        raise GuideError(Problems(errors).sorted())
    return guide, problems


def check_fonts(guide: Guide, problems: Problems, theme_names=None) -> None:
    """Every character of the content must be in the fonts of every theme (they share their fonts' reach)."""
    from .theme import THEMES
    from .typeset.coverage import printable
    from .validate import check_glyphs

    chars = None
    for name in theme_names or THEMES:
        cover = printable(THEMES[name])
        chars = cover if chars is None else chars & cover
    check_glyphs(guide, chars or frozenset(), problems)


def build(content: Path, edition_name: str | None = None, level: str | None = None,
          sections: list[str] | None = None, paper: str | None = None, output: str | None = None,
          theme: str | None = None, answers: str | None = None, two_sided: bool | None = None,
          booklet: bool | None = None, tagged: bool = True) -> BuildResult:
    """Build one edition (and its separate answer key when the edition asks for one)."""
    from .resolve import resolve
    from .select import find_edition, select
    from .typeset import typeset

    started = time.perf_counter()
    guide, _warnings = load(content)
    edition = find_edition(guide, edition_name)
    selection = select(guide, edition, level, sections, paper, theme, answers, two_sided, booklet)
    target = output_path(output, edition.name)
    document = resolve(selection)
    theme_obj, pagesize = layout(selection)
    result = typeset(document, theme_obj, pagesize, tagged=tagged and not selection.booklet)
    pdf, pages = result.pdf, result.pages
    if selection.booklet:
        from .impose import impose
        from .theme import PAPER_SIZES
        pdf, pages = impose(pdf, PAPER_SIZES[selection.paper])
    extra = []
    if selection.answers == "separate":
        key = typeset(document, theme_obj, pagesize, kind="answers", tagged=tagged)
        key_path = target.with_name(f"{target.stem}-answers.pdf")
        extra.append((key_path, key.pdf))
    write_atomic(target, pdf)
    for path, data in extra:
        write_atomic(path, data)
    return BuildResult(target, pages, time.perf_counter() - started, result.passes, edition.name,
                       selection.level, [p for p, _ in extra])


def layout(selection) -> tuple:
    """The theme and page size a selection asks for (two-sided margins, half-size booklet pages)."""
    from .theme import PAPER_SIZES, booklet_theme, half_paper, theme_named

    theme = theme_named(selection.theme, two_sided=selection.two_sided)
    if selection.booklet:
        return booklet_theme(theme), half_paper(selection.paper)
    return theme, PAPER_SIZES[selection.paper]


def handouts(content: Path, edition_name: str | None = None, sections: list[str] | None = None,
             output_dir: str | None = None, level: str | None = None, paper: str | None = None,
             answers: str | None = None, tagged: bool = True) -> list[BuildResult]:
    """One self-contained PDF per section, with its answer sheet when the edition asks for separate answers."""
    from .resolve import resolve
    from .select import find_edition, select
    from .typeset import typeset

    guide, _ = load(content)
    edition = find_edition(guide, edition_name)
    whole = select(guide, edition, level, sections, paper, None, answers, False, False)
    folder = Path(output_dir) if output_dir else Path("out") / "handouts"
    if folder.exists() and not folder.is_dir():
        raise GuideError(f"{display_path(folder)}: the output folder is a file", exit_code=2)
    results = []
    for number, sid in enumerate(whole.sections, 1):
        started = time.perf_counter()
        one = select(guide, edition, level, [sid], paper, None, answers, False, False)
        document = resolve(one)
        theme_obj, pagesize = layout(one)
        result = typeset(document, theme_obj, pagesize, kind="handout", tagged=tagged)
        target = folder / f"{number:02d}-{sid}.pdf"
        extra = []
        if one.answers == "separate":
            key = typeset(document, theme_obj, pagesize, kind="handout-answers", tagged=tagged)
            extra.append((target.with_name(f"{target.stem}-answers.pdf"), key.pdf))
        write_atomic(target, result.pdf)
        for path, data in extra:
            write_atomic(path, data)
        results.append(BuildResult(target, result.pages, time.perf_counter() - started, result.passes,
                                   edition.name, one.level, [p for p, _ in extra]))
    return results


def output_path(output: str | None, edition: str) -> Path:
    target = Path(output) if output else Path("out") / f"{edition}.pdf"
    if target.is_dir():
        raise GuideError(f"{display_path(target)}: the output path is a folder (give a file name ending in .pdf)",
                         exit_code=2)
    if target.suffix.lower() != ".pdf":
        raise GuideError(f"{display_path(target)}: the output file must end in .pdf", exit_code=2)
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target.

    The temporary file's name carries the writer's process id (`.<stem>.<pid>.<random>.pdf.tmp`); files
    left by a build that was killed are removed by the next build into the folder, but never those of a
    build that is still running."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError) as exc:
        raise GuideError(f"{display_path(folder)}: cannot create the output folder "
                         f"({getattr(exc, 'strerror', None) or exc})", exit_code=1) from None
    remove_debris(folder)
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.{os.getpid()}.", suffix=".pdf.tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fd = None
            fh.write(data)
            fh.flush()
            _test_hold_while_writing()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise GuideError(f"{display_path(target)}: cannot write the PDF ({exc.strerror or exc}); "
                         "any earlier PDF there is unchanged", exit_code=1) from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _test_hold_while_writing() -> None:
    """A hook for tests only: with GUIDE_TEST_SIGNAL_FILE set, a build that is writing a PDF (its temporary
    file written, not yet renamed) creates that file and waits until it is deleted, so that a test can kill
    it at exactly that point (tests/test_hostile.py). Without the variable it does nothing."""
    signal_file = os.environ.get("GUIDE_TEST_SIGNAL_FILE")
    if not signal_file:
        return
    Path(signal_file).write_text(str(os.getpid()))
    while os.path.exists(signal_file):
        time.sleep(0.01)


def remove_debris(folder: Path) -> None:
    """Delete temporary PDFs left in `folder` by builds that no longer run."""
    for leftover in folder.glob(".*.pdf.tmp"):
        parts = leftover.name.split(".")
        pid = int(parts[-4]) if len(parts) >= 5 and parts[-4].isdigit() else None
        if pid is not None and pid != os.getpid() and _alive(pid):
            continue
        try:
            leftover.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _start_worker() -> None:
    """A worker of `build --all` keeps the content it has loaded for its next edition."""
    global _LOADED
    _LOADED = {}


def _job(args):
    """One unit of `build --all`, run in a worker process: returns (label, results, problems)."""
    kind, content, name, output_dir, tagged = args
    try:
        if kind == "build":
            r = build(Path(content), name, output=str(Path(output_dir) / f"{name}.pdf"), tagged=tagged)
            rows = [(str(r.path), r.pages, r.seconds)] + [(str(p), None, None) for p in r.extra or []]
        else:
            rs = handouts(Path(content), name, output_dir=str(Path(output_dir) / "handouts" / name), tagged=tagged)
            rows = [(str(r.path), r.pages, r.seconds) for r in rs]
        return name, kind, rows, []
    except GuideError as exc:
        return name, kind, [], [str(p) for p in exc.problems]


def build_all(content: Path, output_dir: str | None = None, with_handouts: bool = False, workers: int | None = None,
              tagged: bool = True):
    """Every edition of the content folder (and their handouts), in parallel worker processes.

    Yields (edition, kind, rows, problems) as each finishes; a failing edition does not stop the others."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    problems = Problems()
    from .validate import load_guide
    guide = load_guide(content, problems)
    names = sorted(guide.editions) if guide else []
    if not names:
        raise GuideError(f"{display_path(content)}: no editions to build (add files to editions/)", exit_code=1)
    out = output_dir or "out"
    jobs = [("build", str(content), n, out, tagged) for n in names]
    if with_handouts:
        jobs += [("handouts", str(content), n, out, tagged) for n in names]
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        futures = [pool.submit(_job, j) for j in jobs]
        for future in as_completed(futures):
            yield future.result()
