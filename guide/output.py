"""Writing the outputs: every file of a build, or none; a failed build never touches the previous good files.

Each file goes to a temporary file beside its target and is renamed over it only when all were written;
temporary files left by a build that was killed are removed by the next build into the folder.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .errors import GuideError, display_path

MANIFEST = ".guide-handouts.json"



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
    it at exactly that point (tests/test_hostile.py); the studio holds there when a whole build has begun
    (tests/test_studio.py stops it with Ctrl-C then). Without the variable it does nothing."""
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
