"""A built PDF as pdfplumber reads it (glyphs, filled rectangles, text lines), read once per test run.

Reading a 100-page guide with pdfplumber takes about 20 s, and several tests read the same PDF; so the
reading is kept beside the PDF (`<name>.plumbed.json`, written under a file lock, so xdist workers share
it) and in memory. A PDF written again (another size or time) is read again. Only what the tests use is
kept: each page's number, width, height, glyphs, filled rectangles and `extract_text_lines(strip=True)`.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from filelock import FileLock

CHAR_KEYS = ("text", "size", "x0", "x1", "top", "bottom", "fontname", "non_stroking_color")
RECT_KEYS = ("top", "bottom", "x0", "x1", "width", "height", "fill", "non_stroking_color")
LINE_KEYS = ("text", "x0", "x1", "top", "bottom")


def pages(path) -> list[dict]:
    """[{"number", "width", "height", "chars", "rects", "lines"}] of every page of the PDF at `path`."""
    st = os.stat(path)
    return _pages(str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _pages(path: str, mtime_ns: int, size: int) -> list[dict]:
    cached = Path(path + ".plumbed.json")
    stamp = [mtime_ns, size]
    with FileLock(path + ".plumbed.lock"):
        if cached.is_file():
            record = json.loads(cached.read_text())
            if record["stamp"] == stamp:
                return record["pages"]
        got = _read(path)
        tmp = cached.with_name(cached.name + ".tmp")
        tmp.write_text(json.dumps({"stamp": stamp, "pages": got}))
        tmp.replace(cached)
        return got


def _plain(value):
    """A JSON-safe copy of a pdfplumber value (colours are numbers or tuples of numbers)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value] if all(isinstance(v, (int, float)) for v in value) else None
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return None


def _pick(obj: dict, keys) -> dict:
    return {k: _plain(obj.get(k)) for k in keys}


def _read(path: str) -> list[dict]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = []
            for ln in page.extract_text_lines(strip=True):
                line = _pick(ln, LINE_KEYS)
                line["chars"] = [_pick(c, CHAR_KEYS) for c in ln["chars"]]
                lines.append(line)
            out.append({"number": page.page_number, "width": float(page.width), "height": float(page.height),
                        "chars": [_pick(c, CHAR_KEYS) for c in page.chars],
                        "rects": [_pick(r, RECT_KEYS) for r in page.rects], "lines": lines})
    return out
