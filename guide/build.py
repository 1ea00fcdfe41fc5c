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


def load(content: Path) -> tuple[Guide, Problems]:
    problems = Problems()
    guide = load_guide(content, problems)
    if guide is None or problems.errors:
        raise GuideError(problems.sorted())
    return guide, problems


def build(content: Path, edition_name: str | None = None, level: str | None = None,
          sections: list[str] | None = None, paper: str | None = None, output: str | None = None,
          theme_name: str = "classic") -> BuildResult:
    from .resolve import resolve
    from .select import find_edition, select
    from .theme import theme_named
    from .typeset import typeset

    started = time.perf_counter()
    guide, _warnings = load(content)
    edition = find_edition(guide, edition_name)
    selection = select(guide, edition, level, sections, paper)
    target = output_path(output, edition.name)
    document = resolve(guide, selection)
    result = typeset(document, theme_named(theme_name))
    write_atomic(target, result.pdf)
    return BuildResult(target, result.pages, time.perf_counter() - started, result.passes, edition.name,
                       selection.level)


def output_path(output: str | None, edition: str) -> Path:
    target = Path(output) if output else Path("out") / f"{edition}.pdf"
    if target.is_dir():
        raise GuideError(f"{display_path(target)}: the output path is a folder (give a file name ending in .pdf)",
                         exit_code=2)
    if target.suffix.lower() != ".pdf":
        raise GuideError(f"{display_path(target)}: the output file must end in .pdf", exit_code=2)
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuideError(f"{display_path(folder)}: cannot create the output folder ({exc.strerror or exc})",
                         exit_code=1) from None
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".pdf.tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fd = None
            fh.write(data)
            fh.flush()
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
