"""Register the theme's TrueType fonts with ReportLab, once per process."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..theme import Theme, font_dir


@lru_cache(maxsize=None)
def _register(family_key: str, regular: str, bold: str, italic: str, bold_italic: str) -> dict[str, str]:
    base = font_dir()
    names = {}
    for style, file in (("regular", regular), ("bold", bold), ("italic", italic), ("bold_italic", bold_italic)):
        name = f"{family_key}-{style}"
        pdfmetrics.registerFont(TTFont(name, str(base / file)))
        names[style] = name
    addMapping(family_key, 0, 0, names["regular"])
    addMapping(family_key, 1, 0, names["bold"])
    addMapping(family_key, 0, 1, names["italic"])
    addMapping(family_key, 1, 1, names["bold_italic"])
    return names


def register(theme: Theme) -> dict[str, dict[str, str]]:
    """Font names by family key ("serif", "sans") and style ("regular", "bold", …). The names are made from
    the font files, so two themes with different fonts for one key never replace each other's fonts in
    ReportLab's registry, which is global."""
    out = {}
    for key, fam in theme.fonts.items():
        family = f"guide-{key}-{fam.regular.rsplit('.', 1)[0]}"
        out[key] = _register(family, fam.regular, fam.bold, fam.italic, fam.bold_italic)
    return out


def font_for(theme: Theme, family: str, style: str = "regular") -> str:
    return register(theme)[family][style]
