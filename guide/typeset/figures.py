"""A chart or the map alone on a one-page PDF, drawn by the same code as in the guide, for other
renderers (the .docx export rasterises it). Nothing but the drawing: no text of the content is set here
except the drawing's own labels."""
from __future__ import annotations

from ..document import DocBlock
from ..theme import Theme
from .fonts import register

FIGURE_WIDTH = 6.5 * 72          # a Letter page's text width in Word's default margins


def figure_pdf(block: DocBlock, theme: Theme, width: float = FIGURE_WIDTH) -> bytes:
    """The chart or map of `block` as a PDF page the size of the drawing."""
    from reportlab.graphics import renderPDF

    register(theme)
    if block.type == "chart":
        from .charts import bar_chart
        drawing = bar_chart(block.data, theme, width)
    elif block.type == "map":
        from .mapdraw import map_drawing
        drawing = map_drawing(block.places, theme, width, height=width * 0.72, label_places=block.labels)
    else:
        raise ValueError(f"a {block.type} block has no drawing")
    return renderPDF.drawToString(drawing, title=block.alt or block.type)
