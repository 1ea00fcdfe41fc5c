"""Before anything is read: refuse decompression bombs, and run qpdf's structural check (check 4)."""
from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf

from .report import Finding

MAX_STREAM = 256 * 2**20         # bytes one stream may inflate to before the file is refused
MAX_INFLATED = 1024 * 2**20      # … and all streams together


def inflation(pdf: pikepdf.Pdf, name: str) -> Finding | None:
    """A file whose streams inflate beyond the limits (a decompression bomb) is refused before anything
    decompresses them in full: each Flate stream is inflated in bounded chunks, counting."""
    total = 0
    try:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            filters = obj.get("/Filter")
            first = filters[0] if isinstance(filters, pikepdf.Array) and len(filters) else filters
            if first != pikepdf.Name.FlateDecode:
                continue
            inflater, data, size = zlib.decompressobj(), obj.read_raw_bytes(), 0
            while data and size <= MAX_STREAM:
                size += len(inflater.decompress(data, 2**20))
                data = inflater.unconsumed_tail
            total += size
            if size > MAX_STREAM or total > MAX_INFLATED:
                limit = MAX_STREAM if size > MAX_STREAM else MAX_INFLATED
                return Finding(None, "unreadable", f"{name}: its compressed streams inflate to more than "
                               f"{limit // 2**20:,} MB, so it is not checked")
    except (pikepdf.PdfError, zlib.error, OSError):
        return None      # reported by the readers below
    return None


def structure(path: Path) -> list[Finding]:
    try:
        with pikepdf.open(str(path)) as pdf:
            check = getattr(pdf, "check", None) or getattr(pdf, "check_pdf_syntax")
            problems = check()
    except Exception as exc:
        return [Finding(None, "structure", f"qpdf cannot open the file: {exc}")]
    return [Finding(None, "structure", f"qpdf: {p}") for p in problems]
