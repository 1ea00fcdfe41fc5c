"""Saddle-stitch booklet imposition with pypdf.

The guide is set on half-size pages (half-letter for Letter, A5 for A4), padded with blank pages to a
multiple of four, and placed two-up on landscape sheets of the full paper size. Sheet k (from 0) of a
booklet of n pages carries pages (n − 2k, 2k + 1) on its front and (2k + 2, n − 2k − 1) on its back, which
folds into the right order when the sheets are printed duplex, flipped on the short edge, stacked and folded.

The booklet keeps what describes the document: the document information (with /Trapped a name), the
language, the XMP metadata, the viewer preferences and the guide's private PieceInfo (`guide check-pdf`
reads its type area there), the outline and every link, each moved onto the sheet side where its page now
stands and pointing at the sheet side where its target stands (with /FitR, the target page alone). The
structure tree is not kept: its marked content would have to be renumbered across two pages per side.
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
    placed: dict[int, tuple[int, float, float]] = {}     # page index → (sheet side index, dx, dy)
    for index, (left, right) in enumerate(booklet_order(n)):
        side = PageObject.create_blank_page(width=width, height=height)
        for number, x in ((left, 0.0), (right, half)):
            if number <= n:
                page = reader.pages[number - 1]
                if "/Annots" in page:      # the links are added again on the sheet, moved (`_carry_over`)
                    del page["/Annots"]
                box = page.mediabox
                dx = x + (half - float(box.width)) / 2 - float(box.left)
                dy = (height - float(box.height)) / 2 - float(box.bottom)
                side.merge_transformed_page(page, Transformation().translate(dx, dy))
                placed[number - 1] = (index, dx, dy)
        writer.add_page(side)
    writer.page_mode = "/UseNone"
    out = io.BytesIO()
    writer.write(out)
    return _carry_over(pdf, out.getvalue(), placed), len(writer.pages)


def _carry_over(source: bytes, imposed: bytes, placed: dict[int, tuple[int, float, float]]) -> bytes:
    """The imposed PDF with the source's metadata, language, outline and links, moved onto the sheets."""
    import pikepdf

    src = pikepdf.open(io.BytesIO(source))
    dst = pikepdf.open(io.BytesIO(imposed))
    def foreign(obj):
        if isinstance(obj, pikepdf.String):
            return pikepdf.String(bytes(obj))
        return dst.copy_foreign(obj if obj.is_indirect else src.make_indirect(obj))

    dst.docinfo = foreign(src.docinfo)
    for key in ("/Lang", "/Metadata", "/ViewerPreferences", "/PieceInfo"):
        if key in src.Root:
            dst.Root[key] = foreign(src.Root[key])
    index_of = {p.objgen: i for i, p in enumerate(src.pages)}

    def destination(dest):
        """A source destination ([page /Fit], [page /XYZ x y z], …) on its sheet, or None."""
        if isinstance(dest, pikepdf.Dictionary):      # (a GoTo action's /D or a named destination's /D)
            dest = dest.get("/D")
        if not isinstance(dest, pikepdf.Array) or not len(dest):
            return None
        i = index_of.get(dest[0].objgen) if isinstance(dest[0], pikepdf.Dictionary) else None
        if i is None or i not in placed:
            return None
        side, dx, dy = placed[i]
        box = [float(v) for v in src.pages[i].mediabox]
        return pikepdf.Array([dst.pages[side].obj, pikepdf.Name.FitR, box[0] + dx, box[1] + dy,
                              box[2] + dx, box[3] + dy])

    for i, page in enumerate(src.pages):
        if i not in placed:
            continue
        side, dx, dy = placed[i]
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            new = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                     Rect=[x0 + dx, y0 + dy, x1 + dx, y1 + dy], Border=[0, 0, 0])
            if "/Contents" in annot:
                new.Contents = annot.Contents
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                new.A = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=action.URI)
            else:
                target = destination(annot.get("/Dest") if action is None else action.get("/D"))
                if target is None:
                    continue
                new.Dest = target
            sheet = dst.pages[side]
            if "/Annots" not in sheet.obj:
                sheet.obj.Annots = dst.make_indirect(pikepdf.Array())
            sheet.obj.Annots.append(dst.make_indirect(new))

    with src.open_outline() as outline, dst.open_outline() as into:
        def copy(item):
            target = destination(item.destination if item.destination is not None else item.action)
            new = pikepdf.OutlineItem(item.title, destination=target)
            new.is_closed = item.is_closed
            new.children.extend(copy(child) for child in item.children)
            return new
        into.root.extend(copy(item) for item in outline.root)
    out = io.BytesIO()
    dst.save(out, deterministic_id=True)
    return out.getvalue()
