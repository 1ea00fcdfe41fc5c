"""Saddle-stitch booklet imposition with pypdf.

The guide is set on half-size pages (half-letter for Letter, A5 for A4), padded with blank pages to a
multiple of four, and placed two-up on landscape sheets of the full paper size. Sheet k (from 0) of a
booklet of n pages carries pages (n − 2k, 2k + 1) on its front and (2k + 2, n − 2k − 1) on its back, which
folds into the right order when the sheets are printed duplex, flipped on the short edge, stacked and folded.
"""
from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) for each sheet side, fronts and backs alternating."""
    total = -(-pages // 4) * 4
    sides = []
    for k in range(total // 4):
        sides.append((total - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, total - 2 * k - 1))
    return sides


def impose(pdf: bytes, sheet: tuple[float, float]) -> tuple[bytes, int]:
    """Impose a PDF of half-size pages onto landscape sheets; returns the PDF and the number of sides."""
    reader = PdfReader(io.BytesIO(pdf))
    n = len(reader.pages)
    width, height = max(sheet), min(sheet)   # landscape
    half = width / 2
    writer = PdfWriter()
    for left, right in booklet_order(n):
        side = PageObject.create_blank_page(width=width, height=height)
        for number, x in ((left, 0.0), (right, half)):
            if number <= n:
                page = reader.pages[number - 1]
                if "/Annots" in page:      # links point at pages the imposed sheets no longer have
                    del page["/Annots"]
                box = page.mediabox
                dx = x + (half - float(box.width)) / 2 - float(box.left)
                dy = (height - float(box.height)) / 2 - float(box.bottom)
                side.merge_transformed_page(page, Transformation().translate(dx, dy))
        writer.add_page(side)
    writer.page_mode = "/UseNone"
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if isinstance(v, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)
