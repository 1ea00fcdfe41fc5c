"""Print themes: fonts, sizes, colours and margins — the one place that decides how pages look.

Pure data (points, hex colours, file names); the typesetter turns it into ReportLab styles. Sizes form
a modular scale around the body size, and vertical spaces are multiples of the body leading, so that
text keeps a baseline rhythm.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

INCH = 72.0
PAPER_SIZES = {"letter": (8.5 * INCH, 11 * INCH), "a4": (595.2756, 841.8898)}
PAPER_LABELS = {"letter": "US Letter", "a4": "A4"}


@dataclass(frozen=True)
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    name: str = ""          # the typeface's name, as the imprint prints it


SERIF = FontFamily("CharisSIL-Regular.ttf", "CharisSIL-Bold.ttf", "CharisSIL-Italic.ttf",
                   "CharisSIL-BoldItalic.ttf", "Charis SIL")
SANS = FontFamily("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf", "Noto Sans")


@dataclass(frozen=True)
class Theme:
    name: str = "classic"
    text_family: str = "serif"          # "serif" or "sans": the family of running text
    heading_family: str = "sans"
    body_size: float = 10.5
    leading: float = 14.5
    justify: bool = True
    hyphenate: bool = True
    italic_emphasis: bool = True        # False: emphasis by weight (accessible theme)
    # the type scale, as multiples of the body size
    title_scale: float = 3.0
    section_scale: float = 2.1
    subsection_scale: float = 1.25
    callout_scale: float = 0.95
    caption_scale: float = 0.85
    note_scale: float = 0.85
    # the margins this type size reads best with (`layout.page_layout` makes the page geometry from them)
    margin_inner: float = 1.45 * INCH
    margin_outer: float = 1.45 * INCH
    margin_top: float = 1.0 * INCH
    margin_bottom: float = 1.0 * INCH
    header_gap: float = 0.45 * INCH     # from the top of the text frame to the header baseline
    footer_gap: float = 0.5 * INCH      # from the bottom of the text frame to the footer baseline
    # colours (greyscale-safe: tint and rule, not colour alone)
    ink: str = "#1a1a1a"
    accent: str = "#7a1f1f"             # dark red: prints as a dark grey
    muted: str = "#555555"
    rule: str = "#8c8c8c"
    tint: str = "#efece6"               # callout background: a light warm grey
    primary_tint: str = "#f6f3ec"
    answer_rule: str = "#595959"        # ruled answer lines: 65% black, dark enough to photocopy
    answer_rule_width: float = 0.75
    furniture_scale: float = 0.78       # running head and footer, as a multiple of the body size
    furniture_ink: str = ""             # their colour ("": the muted colour)
    min_text_size: float = 0            # no text in the type area smaller (large print: 18 pt)
    note_marks: str = "superscript"     # "superscript", or "bracketed" at full size ([3])
    serif: FontFamily = SERIF
    sans: FontFamily = SANS

    @property
    def fonts(self) -> dict[str, FontFamily]:
        return {"serif": self.serif, "sans": self.sans}

    @property
    def typefaces(self) -> list[str]:
        """The names of the typefaces the theme prints in: the running text's, then the headings'."""
        return list(dict.fromkeys(self.fonts[f].name for f in (self.text_family, self.heading_family)))

    def size(self, scale: float) -> float:
        """A text size of the type scale, never under the theme's least size."""
        return max(round(self.body_size * scale, 2), self.min_text_size)

    @property
    def furniture_size(self) -> float:
        """The size of the running head and footer (outside the type area: the least size does not hold)."""
        return round(self.body_size * self.furniture_scale, 2)

    @property
    def furniture_colour(self) -> str:
        return self.furniture_ink or self.muted


THEMES = {
    # Classic: an 11 pt serif, justified and hyphenated, on a measure of about 70 characters (the book range
    # is 45–75; wide margins rather than small type keep it there on Letter and A4).
    "classic": Theme(body_size=11, leading=14, margin_inner=1.8 * INCH, margin_outer=1.8 * INCH,
                     margin_top=0.85 * INCH, margin_bottom=0.85 * INCH),
    # Large print, after APH guidance: body at 18 pt, generous leading, ragged right, no hyphenation; a
    # narrower margin keeps the measure near 50 characters. Nothing in the type area under 18 pt (captions,
    # attributions, secondary lines, note numbers, which are set in brackets at full size), all of it
    # near-black; the running head and footer at 14 pt, black.
    "large-print": Theme(
        name="large-print", body_size=18, leading=26, justify=False, hyphenate=False, min_text_size=18,
        muted="#262626", rule="#595959", furniture_ink="#000000", furniture_scale=0.78, note_marks="bracketed",
        title_scale=2.2, section_scale=1.6, subsection_scale=1.2, callout_scale=1.0, caption_scale=0.9,
        note_scale=0.9, margin_inner=0.75 * INCH, margin_outer=0.75 * INCH, margin_top=0.9 * INCH,
        margin_bottom=0.9 * INCH, header_gap=0.4 * INCH, footer_gap=0.45 * INCH),
    # Accessible, after the British Dyslexia Association style guide: a clear sans at about 13 pt, line
    # spacing about 1.5, ragged right, no hyphenation, emphasis by weight rather than italics.
    "accessible": Theme(
        name="accessible", text_family="sans", body_size=13, leading=19.5, justify=False, hyphenate=False,
        italic_emphasis=False, title_scale=2.4, section_scale=1.8, subsection_scale=1.2, callout_scale=1.0,
        caption_scale=0.9, note_scale=0.9, margin_inner=1.0 * INCH, margin_outer=1.0 * INCH),
}
THEME_NAMES = tuple(THEMES)


# The classic theme for younger readers (middle school): a larger body, ragged right, no hyphenation.
LEVEL_VARIANTS = {("classic", "middle"): dict(body_size=12, leading=16.5, justify=False, hyphenate=False)}


def theme_named(name: str = "classic", level: str | None = None) -> Theme:
    """A theme by name, in its variant for the reading `level` if it has one. Where it goes on the page
    (paper, two-sided, booklet) is `layout.page_layout`."""
    theme = THEMES[name]
    if (name, level) in LEVEL_VARIANTS:
        from dataclasses import replace
        theme = replace(theme, **LEVEL_VARIANTS[name, level])
    return theme


def font_dir() -> Path:
    """The shipped fonts: inside the installed package, or beside it in a source checkout."""
    packaged = Path(str(resources.files("guide"))) / "_data" / "fonts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "fonts"
