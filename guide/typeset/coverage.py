"""Which characters the theme's fonts can print (from their character maps), read once per process."""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.ttfonts import TTFontFile

from ..theme import Theme, font_dir


@lru_cache(maxsize=None)
def _cmap(file: str) -> frozenset[int]:
    return frozenset(TTFontFile(str(font_dir() / file)).charToGlyph)


def printable(theme: Theme) -> frozenset[int]:
    """Code points present in every font of the theme, so a character prints whatever its style."""
    files = [f for fam in theme.fonts.values() for f in (fam.regular, fam.bold, fam.italic, fam.bold_italic)]
    out = None
    for file in files:
        cmap = _cmap(file)
        out = cmap if out is None else out & cmap
    return out or frozenset()
