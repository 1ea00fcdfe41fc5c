"""Charts and the map as PNG images for the .docx: drawn to a one-page PDF by `guide.typeset.figures` (the
guide's own drawing code), rasterised with PDFium (pypdfium2, no system library needed)."""
from __future__ import annotations

import io

from ..document import DocBlock
from ..theme import Theme

DPI = 200


def figure_png(block: DocBlock, theme: Theme) -> tuple[bytes, float]:
    """(PNG bytes, width in inches) of a chart or map block."""
    import pypdfium2 as pdfium

    from ..typeset.figures import figure_pdf

    pdf = pdfium.PdfDocument(figure_pdf(block, theme))
    try:
        page = pdf[0]
        width_in = page.get_width() / 72
        image = page.render(scale=DPI / 72).to_pil()
        page.close()
    finally:
        pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue(), width_in
