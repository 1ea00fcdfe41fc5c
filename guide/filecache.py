"""A cache, kept between runs, of what every process would otherwise work out afresh from a file that does not
change: the hyphenation patterns parsed from pyphen's dictionaries, the characters a font file maps.

Parsing the two English hyphenation dictionaries takes about a quarter of a second and reading eight fonts'
character maps a tenth, in a build of four; read back from JSON they take a few hundredths. Each entry is
one JSON file named after what it holds, and records the source file's path, size and modification time
and the version of the library that read it: an entry whose source or library changed is made again.

The folder is `$GUIDE_CACHE_DIR`, else `$XDG_CACHE_HOME/guide`, else `~/.cache/guide`. Nothing depends on
it being there or writable: an entry that cannot be read (missing, damaged, stale) is worked out from the
source, and one that cannot be written is simply not kept. `GUIDE_CACHE_DIR=off` keeps nothing.
JSON only (never pickle), so a damaged or planted file can make nothing run.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

FORMAT = 1


def folder() -> Path | None:
    """Where the entries are kept; None when caching is switched off."""
    chosen = os.environ.get("GUIDE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:        # (no home folder to find)
            return None
    return Path(base) / "guide"


def library(package: str) -> str:
    """A stamp of the installed version of a library, without importing it (which can take longer than
    reading the entry): where its package is and when its files were installed."""
    from importlib.util import find_spec

    spec = find_spec(package)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None:
        return package
    st = origin.stat()
    return f"{package} {origin} {st.st_size} {st.st_mtime_ns}"


def entry_name(kind: str, source: Path) -> str:
    """A file name for what is made from `source`: its kind, the file's name and a digest of its path."""
    import hashlib

    digest = hashlib.sha256(str(source.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{kind}-{source.stem}-{digest}"


def _stamp(source: Path, version: str) -> dict:
    st = source.stat()
    return {"format": FORMAT, "source": str(source.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns,
            "version": version}


def cached(kind: str, source: Path, package: str, make: Callable[[], Any], read: Callable[[Any], T]) -> T:
    """`read(make())`: the JSON-able value `make` works out from `source` with the library `package`, turned by
    `read` into what the caller uses. Read from the cache entry of this `kind` and file when it was made from
    this very file by this install of the library (and `read` takes it: `read` raises TypeError, ValueError,
    KeyError, IndexError or AttributeError on a value of the wrong shape); otherwise made afresh and kept if
    it can be."""
    where = folder()
    name = entry_name(kind, source)
    try:
        stamp = _stamp(source, library(package))
    except OSError:
        where = None
    if where is None:
        return read(make())
    entry = where / f"{name}.json"
    try:
        with open(entry, encoding="utf-8") as f:
            kept = json.load(f)
        if isinstance(kept, dict) and kept.get("stamp") == stamp and "value" in kept:
            return read(kept["value"])
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        pass
    value = make()
    _keep(where, entry, {"stamp": stamp, "value": value})
    return read(value)


def _keep(where: Path, entry: Path, data: dict) -> None:
    """Write an entry whole (other processes see the old entry or the new one), or not at all."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{entry.stem}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, separators=(",", ":"))
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
