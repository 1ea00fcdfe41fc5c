"""A layout checker for built PDFs: `guide check-pdf FILE...` reads a PDF and reports what a reader would notice.

`check_pdf()` returns `Finding`s and `format_report()` turns them into a report grouped by page. What each
finding means, the contract with the builder (the type area and furniture it records) and the order in which
keep rules yield are in docs/check-pdf.md. The modules, one concern each:

  reader      a page's content stream interpreted: glyphs (box, font, size, fill) and painted graphics
  drawn       what the reader gives: glyphs, graphics, the matrix arithmetic
  fonts       font dictionaries: widths, ToUnicode, embedding, codes drawn as glyph 0
  geometry    the type area and the header and footer zones
  lines       glyphs grouped into lines and words
  sheets      one page (or booklet half) read into lines by zone; glyphs off the page or the type area
  navigation  links, outline, contents
  body        body text: stranded headings, widows and orphans, stretched lines
  typography  ragged justified paragraphs, fragment last lines, doubled hyphens, straight quotes
  tables      chronology header rows and year rows, words broken in table headers
  boxes       boxes broken in the wrong place or continued without their title
  space       pages left underfull although what follows would have fitted
  largeprint  large-print sizes and contrast; page numbers at the spine
  safety      decompression bombs, qpdf's structural check
  report      findings and the report
"""
from __future__ import annotations

import importlib
from pathlib import Path

from .report import CHECK_ORDER, Finding, format_report
from .body import MAX_WORD_SPACE

__all__ = ["CHECK_ORDER", "Finding", "MAX_WORD_SPACE", "check_pdf", "format_report", "MissingDependency"]

INSTALL = "pip install 'pikepdf>=8.0'"     # a dependency of guide (booklets need it too)


class MissingDependency(RuntimeError):
    """A library the checker needs is not installed; the message says what to install."""


def check_pdf(path, *, type_area=None) -> list[Finding]:
    """Check the layout of the PDF at `path`; return the findings (an empty list if there are none).

    `type_area` (x0, y0, x1, y1 in PDF points, bottom-up, or a string of four numbers) overrides the
    /GuideTypeArea the PDF carries; a malformed one raises ValueError. A file that cannot be read as a PDF gives
    one finding ("unreadable")."""
    try:
        importlib.import_module("pikepdf")      # the one library it reads PDFs with
    except ImportError as exc:
        raise MissingDependency(f"guide check-pdf needs pikepdf ({exc}); install it with: {INSTALL}") from None
    from .check import run
    return run(Path(path), type_area)
