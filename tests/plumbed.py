"""A built PDF's glyphs, filled rectangles and text lines, in pdfplumber's terms, read once per process.

pdfplumber (pdfminer) takes about 20 s to read a 100-page guide; the checker's own content-stream reader
(`guide.checkpdf.reader`, pikepdf) reads it in about 1 s and places every glyph as pdfplumber does (to
0.01 pt: tests/test_checkpdf.py), so the pages are read with it and given in pdfplumber's coordinates
(top-down `top`/`bottom`), and the text lines are grouped as pdfplumber's `extract_text_lines(strip=True)`
groups them (`text_lines`, the same clustering with the same tolerances). tests/test_testsuite.py holds
the two readings of the fixture guide and (slow) of the default edition equal. Colours are given as `dark`
(0 white … 1 black, the checker's `darkness`), not as pdfplumber's colour tuples; `by_pdfplumber` reads
a PDF with pdfplumber itself, and `differences` says where two readings part.

Several tests read the same PDF, so `pages` keeps the reading in memory (each xdist worker reads a PDF at
most once: the default edition in about 1.5 s, less than its reading would take to load as JSON); a PDF
written again (another size or time) is read again. Each page gives its number, width, height, glyphs
(`chars`), filled rectangles (`rects`) and text lines (`lines`, each with its `chars`).
"""
from __future__ import annotations

import os
from functools import lru_cache
from itertools import groupby
from pathlib import Path

TOLERANCE = 3          # pdfplumber's default x_tolerance and y_tolerance, in points
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}   # pdfplumber expands them


def pages(path) -> list[dict]:
    """[{"number", "width", "height", "chars", "rects", "lines"}] of every page of the PDF at `path`."""
    st = os.stat(path)
    return _pages(str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _pages(path: str, mtime_ns: int, size: int) -> list[dict]:
    return read(path)


def read(path) -> list[dict]:
    """Every page of the PDF at `path`, read now (no cache)."""
    import pikepdf

    from guide.checkpdf.fonts import FontTable
    from guide.checkpdf.reader import page_content

    out = []
    fonts = FontTable()
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            drawn = page_content(page, number, fonts)
            h = drawn.height
            chars = [{"text": g.text, "size": g.size, "x0": g.x0, "x1": g.x1, "top": h - g.y1, "bottom": h - g.y0,
                      "fontname": g.font, "upright": g.upright, "dark": g.dark, "mcid": g.mcid} for g in drawn.glyphs]
            rects = [{"x0": r.x0, "x1": r.x1, "top": h - r.y1, "bottom": h - r.y0, "width": r.x1 - r.x0,
                      "height": r.y1 - r.y0, "fill": True, "dark": r.dark}
                     for r in drawn.graphics if r.kind == "rectangle" and r.filled]
            out.append({"number": number, "width": drawn.width, "height": h, "chars": chars, "rects": rects,
                        "lines": text_lines(chars)})
    return out


# -- text lines, grouped as pdfplumber groups them -----------------------------------------------------------


def _clusters(items: list, key, tolerance: float = TOLERANCE) -> list[list]:
    """pdfplumber's `cluster_objects`: the items whose key values chain within the tolerance, in order of key
    (each cluster keeps the items' own order)."""
    values = sorted(set(map(key, items)))
    index, last, n = {}, None, -1
    for v in values:
        if last is None or v > last + tolerance:
            n += 1
        index[v] = n
        last = v
    ordered = sorted(items, key=lambda item: index[key(item)])
    return [list(group) for _, group in groupby(ordered, key=lambda item: index[key(item)])]


def words(chars: list[dict], keep_blank_chars: bool = False, y_tolerance: float = TOLERANCE,
          extra_attrs: tuple[str, ...] = ()) -> list[dict]:
    """pdfplumber's `extract_words` (its `WordExtractor`, left to right, top down) with these of its options:
    {"text", "x0", "x1", "top", "bottom", each of `extra_attrs`, "chars"}."""
    out = []

    def done(word):
        if word:
            out.append({"text": "".join(LIGATURES.get(c["text"], c["text"]) for c in word),
                        "x0": min(c["x0"] for c in word), "x1": max(c["x1"] for c in word),
                        "top": min(c["top"] for c in word), "bottom": max(c["bottom"] for c in word),
                        **{a: word[0][a] for a in extra_attrs}, "chars": word})

    for _, run in groupby(chars, key=lambda c: (c["upright"], *(c[a] for a in extra_attrs))):
        for line in _clusters(list(run), lambda c: c["top"], y_tolerance):
            word: list[dict] = []
            for c in sorted(line, key=lambda c: c["x0"]):
                if not keep_blank_chars and c["text"].isspace():
                    done(word)
                    word = []
                elif word and (c["x0"] < word[-1]["x0"] or c["x0"] > word[-1]["x1"] + TOLERANCE
                               or abs(c["top"] - word[-1]["top"]) > y_tolerance):
                    done(word)
                    word = [c]
                else:
                    word.append(c)
            done(word)
    return out


def text_lines(chars: list[dict]) -> list[dict]:
    """pdfplumber's `extract_text_lines(strip=True)`: the words clustered by their tops, each line's words
    left to right with one space between; {"text", "x0", "x1", "top", "bottom", "chars"}."""
    found = sorted(words(chars), key=lambda w: w["top"])
    out = []
    for line in _clusters(found, lambda w: w["top"]):
        line.sort(key=lambda w: w["x0"])
        text = " ".join(w["text"] for w in line).strip()
        if not text:
            continue
        got = [c for w in line for c in w["chars"]]
        out.append({"text": text, "x0": min(c["x0"] for c in got), "x1": max(c["x1"] for c in got),
                    "top": min(c["top"] for c in got), "bottom": max(c["bottom"] for c in got), "chars": got})
    return out


# -- the same, read by pdfplumber (to hold the two equal) ------------------------------------------------------


def by_pdfplumber(path) -> list[dict]:
    """Every page of the PDF at `path` as pdfplumber reads it: its `chars`, filled `rects` and
    `extract_text_lines(strip=True)`, each with the keys `read` gives (colours as pdfplumber's tuples)."""
    import pdfplumber

    keys = ("text", "size", "x0", "x1", "top", "bottom", "fontname", "upright", "non_stroking_color")
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines = [{**{k: ln[k] for k in ("text", "x0", "x1", "top", "bottom")},
                      "chars": [{k: c.get(k) for k in keys} for c in ln["chars"]]}
                     for ln in page.extract_text_lines(strip=True)]
            out.append({"number": page.page_number, "width": float(page.width), "height": float(page.height),
                        "chars": [{k: c.get(k) for k in keys} for c in page.chars],
                        "rects": [{k: r.get(k) for k in ("x0", "x1", "top", "bottom", "width", "height", "fill",
                                                         "non_stroking_color")} for r in page.rects if r.get("fill")],
                        "lines": lines})
    return out


def differences(mine: list[dict], theirs: list[dict], limit: int = 10) -> list[str]:
    """Where two readings of one PDF part (at most `limit`): page count and size, each glyph's text, font,
    size and box, each filled rectangle's box, each text line's text and box (positions to 0.01 pt)."""
    out = []

    def near(a, b):
        return abs(a - b) < 0.01

    if len(mine) != len(theirs):
        out.append(f"{len(mine)} pages, not {len(theirs)}")
    for a, b in zip(mine, theirs):
        n = a["number"]
        if not (near(a["width"], b["width"]) and near(a["height"], b["height"])):
            out.append(f"page {n}: {a['width']}×{a['height']}, not {b['width']}×{b['height']}")
        if len(a["chars"]) != len(b["chars"]):
            out.append(f"page {n}: {len(a['chars'])} glyphs, not {len(b['chars'])}")
        for c, d in zip(a["chars"], b["chars"]):
            if c["text"] != d["text"] or c["fontname"] != d["fontname"] or not near(c["size"], d["size"]) \
                    or not all(near(c[k], d[k]) for k in ("x0", "x1", "top", "bottom")):
                out.append(f"page {n}: glyph {c['text']!r} {c['fontname']} {c['size']} at {c['x0']:.2f},"
                           f"{c['top']:.2f}, not {d['text']!r} {d['fontname']} {d['size']} at {d['x0']:.2f},"
                           f"{d['top']:.2f}")
                break

        def boxes(rects):
            return sorted(tuple(round(r[k], 1) for k in ("x0", "top", "x1", "bottom")) for r in rects)

        if boxes(a["rects"]) != boxes(b["rects"]):
            out.append(f"page {n}: filled rectangles {sorted(set(boxes(a['rects'])) ^ set(boxes(b['rects'])))[:3]}"
                       " in one reading only")
        if [ln["text"] for ln in a["lines"]] != [ln["text"] for ln in b["lines"]]:
            theirs_text = [ln["text"] for ln in b["lines"]]
            first = next((ln["text"] for ln in a["lines"] if ln["text"] not in theirs_text), None)
            out.append(f"page {n}: {len(a['lines'])} lines, not {len(b['lines'])}; e.g. {first!r}")
        else:
            for c, d in zip(a["lines"], b["lines"]):
                if not all(near(c[k], d[k]) for k in ("x0", "x1", "top", "bottom")) or len(c["chars"]) != len(d["chars"]):
                    out.append(f"page {n}: the line {c['text']!r} is placed or made up differently")
                    break
    return out[:limit]
