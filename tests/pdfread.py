"""Helpers to read built PDFs in tests (pypdf)."""
import json
import os
from pathlib import Path

from filelock import FileLock
from pypdf import PdfReader


def outline_titles(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every outline entry."""
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def page_texts(reader: PdfReader) -> list[str]:
    return [p.extract_text() or "" for p in reader.pages]


def texts_of(path) -> list[str]:
    """`page_texts` of the PDF at `path`, extracted once per test run: kept beside the PDF (written under a
    file lock, so xdist workers share it) for a PDF of the run's cache that several tests read (pypdf takes
    some 3 s for the default edition). A PDF written again (another size or time) is read again."""
    st = os.stat(path)
    stamp = [st.st_mtime_ns, st.st_size]
    cached = Path(str(path) + ".texts.json")
    with FileLock(str(path) + ".texts.lock"):
        if cached.is_file():
            record = json.loads(cached.read_text(encoding="utf-8"))
            if record["stamp"] == stamp:
                return record["texts"]
        texts = page_texts(PdfReader(str(path)))
        tmp = cached.with_name(cached.name + ".tmp")
        tmp.write_text(json.dumps({"stamp": stamp, "texts": texts}), encoding="utf-8")
        tmp.replace(cached)
        return texts


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name → embedded?"""
    found = {}
    for page in reader.pages:
        res = page.get("/Resources") or {}
        fonts = res.get("/Font") or {}
        for f in fonts.values():
            f = f.get_object()
            name = str(f.get("/BaseFont"))
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[name] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def red_text(path) -> list[str]:
    """The characters of a PDF printed in a red colour (what an interpreted `<font color="red">` makes)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [c["text"] for page in pdf.pages for c in page.chars
                if (col := c.get("non_stroking_color")) and len(col) == 3 and col[0] > 0.6 and col[0] - max(col[1:]) > 0.4]
