"""The pipeline: load → validate → select → resolve → typeset → write. This file reads like its outline.

`build()` returns where the PDF went and how long it took; any problem with content, the edition or the
output path raises `GuideError` carrying every problem found. The PDF is written to a temporary file
beside the target and renamed over it, so a failed build never touches the previous good PDF.
"""
from __future__ import annotations

import os
import signal
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import GuideError, Problem, Problems, display_path
from .model import Guide
from .resolve import source_date_epoch
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


def printable_chars() -> frozenset[int]:
    """The characters the fonts of every theme can print (they share their fonts' reach)."""
    from .theme import THEMES
    from .typeset.coverage import printable

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
    from .resolve import resolve
    from .select import find_edition, select
    from .typeset import typeset

    started = time.perf_counter()
    source_date_epoch()                 # a bad SOURCE_DATE_EPOCH is a message before any work
    guide, found = load(content)
    edition = find_edition(guide, edition_name)
    selection = select(guide, edition, level, sections, paper, theme, answers, two_sided, booklet)
    check_selection_fonts(selection)
    warnings = warnings_of(found, selection, strict)
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
    write_all([(target, pdf)] + extra)
    return BuildResult(target, pages, time.perf_counter() - started, result.passes, edition.name,
                       selection.level, [p for p, _ in extra], warnings)


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


def layout(selection) -> tuple:
    """The theme and page size a selection asks for (two-sided margins, half-size booklet pages)."""
    from .theme import PAPER_SIZES, booklet_theme, half_paper, theme_named

    theme = theme_named(selection.theme, two_sided=selection.two_sided, level=selection.level)
    if selection.booklet:
        return booklet_theme(theme), half_paper(selection.paper)
    return theme, PAPER_SIZES[selection.paper]


MANIFEST = ".guide-handouts.json"


def handouts(content: Path, edition_name: str | None = None, sections: list[str] | None = None,
             output_dir: str | None = None, level: str | None = None, paper: str | None = None,
             answers: str | None = None, theme: str | None = None, tagged: bool = True,
             strict: bool = False) -> list[BuildResult]:
    """One self-contained PDF per section, with its answer sheet when the edition asks for separate answers.

    They go to OUTDIR/<edition>[-<level>]/NN-<section>.pdf (the level only when --level changes it), NN
    being the section's number in the edition's own order, also when `sections` picks a few. A run removes
    the files it wrote into that folder before (listed in a manifest there), and no others."""
    from .resolve import resolve
    from .select import find_edition, select
    from .typeset import typeset

    source_date_epoch()
    guide, found = load(content)
    edition = find_edition(guide, edition_name)
    whole = select(guide, edition, level, None, paper, theme, answers, False, False)
    check_selection_fonts(whole)
    chosen = select(guide, edition, level, sections, paper, theme, answers, False, False).sections \
        if sections is not None else whole.sections
    warnings = warnings_of(found, whole, strict)
    numbers = {sid: i for i, sid in enumerate(whole.sections, 1)}
    for sid in chosen:
        numbers.setdefault(sid, len(numbers) + 1)
    name = edition.name + (f"-{level}" if level and level != edition.level else "")
    folder = (Path(output_dir) if output_dir else Path("out") / "handouts") / name
    if folder.exists() and not folder.is_dir() or folder.parent.exists() and not folder.parent.is_dir():
        raise GuideError(f"{display_path(folder)}: the output folder is a file", exit_code=2)
    results, outputs = [], []
    for sid in chosen:
        started = time.perf_counter()
        one = select(guide, edition, level, [sid], paper, theme, answers, False, False)
        document = resolve(one)
        theme_obj, pagesize = layout(one)
        result = typeset(document, theme_obj, pagesize, kind="handout", tagged=tagged)
        target = folder / f"{numbers[sid]:02d}-{sid}.pdf"
        outputs.append((target, result.pdf))
        extra = []
        if one.answers == "separate":
            key = typeset(document, theme_obj, pagesize, kind="handout-answers", tagged=tagged)
            extra.append(target.with_name(f"{target.stem}-answers.pdf"))
            outputs.append((extra[-1], key.pdf))
        results.append(BuildResult(target, result.pages, time.perf_counter() - started, result.passes,
                                   edition.name, one.level, extra, warnings))
    write_all(outputs)
    replace_manifest(folder, [path.name for path, _ in outputs])
    return results


def replace_manifest(folder: Path, names: list[str]) -> None:
    """Remove the files an earlier run listed in the folder's manifest and did not write now; list these."""
    import json

    manifest = folder / MANIFEST
    try:
        earlier = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        earlier = []
    for old in earlier if isinstance(earlier, list) else []:
        if isinstance(old, str) and old not in names and "/" not in old and "\\" not in old \
                and old.endswith(".pdf") and not old.startswith("."):
            try:
                (folder / old).unlink()
            except OSError:
                pass
    write_atomic(manifest, (json.dumps({"written by": "guide handouts", "files": names}, indent=1) + "\n")
                 .encode("utf-8"))


def output_path(output: str | None, edition: str) -> Path:
    if output is not None and not output.strip():
        raise GuideError("--output is empty: give a file name ending in .pdf, or leave the option out", exit_code=2)
    target = Path(output) if output is not None else Path("out") / f"{edition}.pdf"
    if target.is_dir():
        raise GuideError(f"{display_path(target)}: the output path is a folder (give a file name ending in .pdf)",
                         exit_code=2)
    if target.suffix.lower() != ".pdf":
        raise GuideError(f"{display_path(target)}: the output file must end in .pdf", exit_code=2)
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    write_all([(target, data)])


def write_temporary(target: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `target`; returns its path.

    Its name is short (`.guide-<pid>-<random>.tmp`, so that any target name the file system allows works)
    and carries the writer's process id: files left by a build that was killed are removed by the next
    build into the folder, but never those of a build that is still running."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError) as exc:
        raise GuideError(f"{display_path(folder)}: cannot create the output folder "
                         f"({getattr(exc, 'strerror', None) or exc})", exit_code=1) from None
    remove_debris(folder)
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".guide-{os.getpid()}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fd = None
            fh.write(data)
            fh.flush()
            _test_hold_while_writing()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        done, tmp = tmp, None
        return done
    except OSError as exc:
        raise GuideError(f"{display_path(target)}: cannot write the file ({exc.strerror or exc}); "
                         "any earlier file there is unchanged", exit_code=1) from None
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


def write_all(outputs: list[tuple[Path, bytes]]) -> None:
    """Write every output of a build, or none: each goes to a temporary file first, and they are renamed
    into place only when all were written."""
    pending: list[tuple[str, Path]] = []
    try:
        for target, data in outputs:
            if target.is_dir():
                raise GuideError(f"{display_path(target)}: a folder has this name; nothing was written "
                                 "(any earlier files are unchanged)", exit_code=1)
            if os.path.exists(target) and not os.path.isfile(target):
                raise GuideError(f"{display_path(target)}: this is not an ordinary file (a device or a pipe); "
                                 "nothing was written", exit_code=1)
            pending.append((write_temporary(target, data), target))
        for tmp, target in pending:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise GuideError(f"{display_path(target)}: cannot write the file ({exc.strerror or exc}); "
                                 "any earlier file there is unchanged", exit_code=1) from None
    finally:
        for tmp, _ in pending:
            if os.path.exists(tmp):
                os.unlink(tmp)


def remove_debris(folder: Path) -> None:
    """Delete temporary files left in `folder` by builds that no longer run."""
    for leftover in [*folder.glob(".guide-*.tmp"), *folder.glob(".*.pdf.tmp")]:
        name = leftover.name
        pid = name.split("-")[1] if name.startswith(".guide-") else (name.split(".") + [""] * 5)[-4]
        pid = int(pid) if pid.isdigit() else None
        if pid is not None and (pid == os.getpid() or _alive(pid)):
            continue   # still being written (by this process or another)
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


class Stop(Exception):
    """SIGTERM or SIGINT: stop the work at hand, removing temporary files on the way out."""


def _stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def _start_worker() -> None:
    """A worker of `build --all` keeps the content it has loaded for its next edition, and stops cleanly
    (its temporary files removed, earlier outputs kept) on SIGTERM or SIGINT."""
    global _LOADED
    _LOADED = {}
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)


def _job(args):
    """One unit of `build --all`, run in a worker process: returns (label, results, problems)."""
    kind, content, name, output_dir, tagged = args
    try:
        if kind == "build":
            r = build(Path(content), name, output=str(Path(output_dir) / f"{name}.pdf"), tagged=tagged)
            rows = [(str(r.path), r.pages, r.seconds)] + [(str(p), None, None) for p in r.extra or []]
        else:
            rs = handouts(Path(content), name, output_dir=str(Path(output_dir) / "handouts"), tagged=tagged)
            rows = [(str(r.path), r.pages, r.seconds) for r in rs]
        return name, kind, rows, []
    except GuideError as exc:
        return name, kind, [], [str(p) for p in exc.problems]
    except Stop:       # the temporary files are gone (the exception passed through `write_all`): end here
        os._exit(143)


def build_all(content: Path, output_dir: str | None = None, with_handouts: bool = False, workers: int | None = None,
              tagged: bool = True):
    """Every edition of the content folder (and their handouts), in parallel worker processes.

    Yields the number of jobs, then (edition, kind, rows, problems) as each finishes; a failing edition
    does not stop the others."""
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
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise GuideError(f"{display_path(folder)}: the output folder is a file; nothing was built", exit_code=2)
    source_date_epoch()
    yield len(jobs)   # first, how many results will follow (for a progress bar)
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    before = signal.signal(signal.SIGTERM, _stop)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
    futures, finished = [], False
    try:
        futures = [pool.submit(_job, j) for j in jobs]
        for future in as_completed(futures):
            yield future.result()
        finished = True
    finally:   # also when stopped (SIGTERM, Ctrl-C) or abandoned: no worker outlives the command
        if not finished:
            for future in futures:
                future.cancel()
            for proc in list(getattr(pool, "_processes", {}).values()):   # each removes its temporary files
                if proc.is_alive():
                    proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGTERM, before)
