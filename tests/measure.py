"""The measure of a built PDF's running text, counted from the glyphs on its pages, as a typographer counts
it: characters and spaces on the full lines of the body (lines that run from the left edge of the text
column to its right edge), not from the layout's own numbers.

The body size is the commonest glyph size; a line is a run of glyphs of that size on one baseline, and a
space is a gap between glyphs wider than a fifth of the size (a justified space is never narrower). The
column's edges are the commonest left and right ends of such lines.
"""
from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path


def body_lines(path: Path, pages: list[int] | None = None) -> list[tuple[int, float, float, str]]:
    """(page, x0, x1, text with its spaces) of every line set in the body size."""
    import plumbed

    lines = []
    read = plumbed.pages(path)        # read once per test run, shared by the tests that read this PDF
    chosen = [read[i] for i in pages] if pages is not None else read
    sizes = Counter()
    per_page = []
    for page in chosen:
        chars = [c for c in page["chars"] if c["text"].strip()]
        per_page.append((page["number"], chars))
        sizes.update(round(c["size"], 1) for c in chars)
    if not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    for number, chars in per_page:
        rows: dict[float, list] = {}
        for c in chars:
            if abs(c["size"] - body) < 0.05:
                rows.setdefault(round(c["bottom"], 0), []).append(c)
        for row in rows.values():
            row.sort(key=lambda c: c["x0"])
            text = [row[0]["text"]]
            for a, b in zip(row, row[1:]):
                if b["x0"] - a["x1"] > body * 0.2:
                    text.append(" ")
                text.append(b["text"])
            lines.append((number, row[0]["x0"], row[-1]["x1"], "".join(text)))
    return lines


def measure(path: Path, pages: list[int] | None = None) -> tuple[float, int]:
    """(median characters and spaces per full line, the number of full lines counted)."""
    lines = body_lines(path, pages)
    if not lines:
        return 0.0, 0
    full = []
    by_page: dict[int, list] = {}
    for line in lines:
        by_page.setdefault(line[0], []).append(line)
    for page_lines in by_page.values():
        left = Counter(round(x0) for _, x0, _, _ in page_lines).most_common(1)[0][0]
        right = Counter(round(x1) for _, _, x1, _ in page_lines).most_common(1)[0][0]
        full += [t for _, x0, x1, t in page_lines if abs(x0 - left) < 1.5 and abs(x1 - right) < 1.5]
    if not full:
        return 0.0, 0
    return statistics.median(len(t) for t in full), len(full)
