"""Reading a content file's text: inside the content folder (symbolic links followed), a regular file, within
the size limit, UTF-8."""
from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from pathlib import Path

from ..errors import Location, Problems, display_path
from .data import LIMITS, Limits


_ROOT: contextvars.ContextVar[str | None] = contextvars.ContextVar("content_root", default=None)
_OVERLAY: contextvars.ContextVar[dict | None] = contextvars.ContextVar("overlay", default=None)


@contextlib.contextmanager
def overlay(texts: dict[str, str]):
    """While previewing, these texts (by absolute path) stand in for files not written yet (the studio's
    unsaved material); they are read with the same limits as files."""
    token = _OVERLAY.set({os.path.abspath(k): v for k, v in texts.items()})
    try:
        yield
    finally:
        _OVERLAY.reset(token)


@contextlib.contextmanager
def confined(root: Path):
    """While reading a content folder, files (symbolic links followed) must lie inside it."""
    token = _ROOT.set(os.path.realpath(root))
    try:
        yield
    finally:
        _ROOT.reset(token)


def read_text(path: Path, problems: Problems, limits: Limits = LIMITS) -> str | None:
    """The file's text, or None with a problem recorded."""
    shown = display_path(path)
    drafts = _OVERLAY.get()
    if drafts and os.path.abspath(path) in drafts:
        text = drafts[os.path.abspath(path)]
        if len(text.encode("utf-8")) > limits.max_bytes:
            problems.error(f"the file is larger than {limits.max_bytes:,} bytes, the limit", Location(shown),
                           "split it into smaller files")
            return None
        return text
    root = _ROOT.get()
    if root is not None and os.path.lexists(path):
        real = os.path.realpath(path)
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            problems.error("this is a symbolic link to a file outside the content folder, so it is not read",
                           Location(shown), "copy the file into the content folder instead of linking to it")
            return None
    too_big = (f"the file is larger than {limits.max_bytes:,} bytes, the limit", "split it into smaller files")
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            problems.error("this is a folder, not a YAML file", Location(shown), "give the path of a .yaml file")
            return None
        if not stat.S_ISREG(st.st_mode):   # a FIFO, a device (/dev/zero), a socket: never read
            problems.error("this is not a regular file (a pipe, a device or a socket), so it is not read",
                           Location(shown), "replace it with an ordinary text file")
            return None
        if st.st_size > limits.max_bytes:
            problems.error(*too_big[:1], Location(shown), too_big[1])
            return None
        with open(path, "rb") as fh:       # the limit holds while reading, even if the file grows
            data = fh.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            problems.error(too_big[0], Location(shown), too_big[1])
            return None
    except FileNotFoundError:
        what = "a symbolic link to a file that does not exist" if os.path.islink(path) else "file not found"
        problems.error(what, Location(shown), "check the path and the file name")
        return None
    except OSError as exc:
        problems.error(f"cannot read the file: {exc.strerror or exc}", Location(shown))
        return None
    text, bad = decode_utf8(data)
    if bad:
        line, byte = bad
        problems.error(f"the file is not UTF-8 text (byte 0x{byte:02x})", Location(shown, line),
                       "save it as UTF-8 in your editor")
        return None
    return text


def decode_utf8(data: bytes) -> tuple[str, tuple[int, int] | None]:
    """The text of UTF-8 bytes (a byte-order mark dropped), or ("", (line, byte)) of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", (data[: exc.start].count(b"\n") + 1, data[exc.start])

