"""Which characters the theme's fonts can print, from the character maps of the fonts as registered for
typesetting (so each font file is read once per process, for both the check and the layout)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from ..theme import Theme
from .fonts import register


@lru_cache(maxsize=None)
def _cmap(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def printable(theme: Theme) -> frozenset[int]:
    """Code points present in every font of the theme, so a character prints whatever its style."""
    out = None
    for family in register(theme).values():
        for name in family.values():
            cmap = _cmap(name)
            out = cmap if out is None else out & cmap
    return out or frozenset()
