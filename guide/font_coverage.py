"""Which characters a theme's fonts can print, read from the fonts' own character maps with fontTools.

The glyph check of `guide check` (`validate.check_glyphs`) needs only this, so checking content never loads
ReportLab (tests/test_cli.py holds that). Each font file's map is read once, and kept between runs
(`filecache`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .theme import Theme, font_dir


@lru_cache(maxsize=None)
def font_chars(path: str) -> frozenset[int]:
    """The code points the font file maps to a glyph (its best Unicode character map), kept between runs
    (`filecache`)."""
    from .filecache import cached

    def make() -> list[int]:
        from fontTools.ttLib import TTFont

        with TTFont(path, lazy=True) as font:
            return sorted(font.getBestCmap() or ())

    def read(value) -> frozenset[int]:
        if not isinstance(value, list) or not all(type(c) is int for c in value):
            raise TypeError("not a list of code points")
        return frozenset(value)

    source = Path(path)
    return cached("cmap", source, "fontTools", make, read)


def printable(theme: Theme) -> frozenset[int]:
    """Code points present in every font of the theme, so a character prints whatever its style."""
    base: Path = font_dir()
    out = None
    for family in theme.fonts.values():
        for file in (family.regular, family.bold, family.italic, family.bold_italic):
            chars = font_chars(str(base / file))
            out = chars if out is None else out & chars
    return out or frozenset()
