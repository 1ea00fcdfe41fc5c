"""ReportLab paragraph styles built from a theme, with meaning-based names (body, h1, caption, …)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..theme import Theme
from .fonts import register


def ragged(style: ParagraphStyle) -> ParagraphStyle:
    """A ragged-right line has no spaces to shrink: without this ReportLab lets it (and a word split at its
    end, a web address) run 5% of its spaces past the measure, as if it were justified."""
    style.spaceShrinkage = 0
    return style


def color(hex_value: str):
    return colors.HexColor(hex_value)


@lru_cache(maxsize=None)
def hyphenator(lang: str):
    """A word → hyphenation points function for ReportLab's `hyphenationLang` (which accepts a callable).

    Given the language name, ReportLab makes a new `pyphen.Pyphen` for every paragraph it breaks; this one
    dictionary serves them all, and remembers the words it has already split."""
    from .hyphenation import dictionary

    # at least three letters carried over ("exist- / ed." is no line to end a paragraph on), as TeX's
    # \righthyphenmin; and no break just before a hyphen, which would print it twice ("self- / -serving"),
    # nor just after one: pdftotext takes a line's last hyphen off ("forced- / labor" read "forcedlabor"), so
    # only hyphens that hyphenation adds end lines (and `embeddedHyphenation` is 0 in `styles`)
    #
    # A name the American patterns leave whole is tried with the British ones, made from another word list:
    # the American patterns know few transliterated Russian names ("Kamenev", "Rokossovsky", "Voloshyn"),
    # and a long name that cannot break leaves a justified line loose ("Ka-me-nev", "Rokos-sovsky"). (Only
    # names, of six letters or more: other words keep the American breaks; the British dictionary is loaded
    # when the first such name is met.)
    american = dictionary(lang, left=2, right=3).iterate
    british = []

    def allowed(iterate, word: str) -> tuple[tuple[str, str], ...]:
        return tuple((head, tail) for head, tail in iterate(word) if not tail.startswith("-")
                     and not head.endswith("-"))

    @lru_cache(maxsize=1 << 16)
    def points(word: str) -> tuple[tuple[str, str], ...]:
        found = allowed(american, word)
        if found or lang != "en_US" or len(word) < 6 or not word[0].isupper():
            return found
        if not british:
            british.append(dictionary("en_GB", left=2, right=3).iterate)
        return allowed(british[0], word)

    return points


@lru_cache(maxsize=None)
def styles(theme: Theme) -> dict[str, ParagraphStyle]:
    fonts = register(theme)
    text = fonts[theme.text_family]
    head = fonts[theme.heading_family]
    size, lead = theme.body_size, theme.leading
    align = TA_JUSTIFY if theme.justify else TA_LEFT
    # (web addresses break at their punctuation in every theme: `linebreak`, "web addresses")
    hyph = {"hyphenationLang": hyphenator("en_US"), "embeddedHyphenation": 0, "uriWasteReduce": 0.3} if theme.hyphenate \
        else {"uriWasteReduce": 0.3}
    ink = color(theme.ink)
    body = ParagraphStyle("body", fontName=text["regular"], fontSize=size, leading=lead, alignment=align,
                          textColor=ink, spaceAfter=lead * 0.5, allowWidows=0, allowOrphans=0,
                          bulletFontName=text["regular"], bulletFontSize=size, **hyph)
    s: dict[str, ParagraphStyle] = {"body": body}

    def add(name, parent=body, **kw):
        s[name] = ParagraphStyle(name, parent=parent, **kw)
        return s[name]

    heading = dict(fontName=head["bold"], alignment=TA_LEFT, keepWithNext=1, hyphenationLang="",
                   allowWidows=1, allowOrphans=1, textColor=ink)
    add("title", fontSize=theme.size(theme.title_scale), leading=theme.size(theme.title_scale) * 1.12,
        spaceAfter=lead, **heading)
    add("subtitle", fontName=head["regular"], fontSize=theme.size(1.45), leading=theme.size(1.45) * 1.3,
        textColor=color(theme.muted), alignment=TA_LEFT, spaceAfter=lead, hyphenationLang="")
    add("kicker", fontName=head["bold"], fontSize=theme.size(0.8), leading=lead, textColor=color(theme.accent),
        alignment=TA_LEFT, spaceAfter=lead * 0.25, keepWithNext=1, hyphenationLang="")
    add("h1", fontSize=theme.size(theme.section_scale), leading=theme.size(theme.section_scale) * 1.18,
        spaceBefore=0, spaceAfter=lead * 0.75, **heading)
    add("h2", fontSize=theme.size(theme.subsection_scale), leading=lead * 1.25, spaceBefore=lead,
        spaceAfter=lead * 0.4, **heading)
    add("h3", fontSize=size, leading=lead, spaceBefore=lead * 0.5, spaceAfter=lead * 0.25, **heading)
    add("lead", fontName=text["italic"] if theme.italic_emphasis else text["regular"],
        fontSize=theme.size(1.1), leading=lead * 1.15, alignment=TA_LEFT, hyphenationLang="")
    add("box_title", fontName=head["bold"], fontSize=theme.size(theme.callout_scale), leading=lead,
        alignment=TA_LEFT, keepWithNext=1, spaceAfter=lead * 0.25, textColor=color(theme.accent), hyphenationLang="")
    add("box", fontSize=theme.size(theme.callout_scale), leading=lead * 0.95, spaceAfter=lead * 0.35)
    add("quote", fontSize=theme.size(theme.callout_scale), leading=lead * 0.95,
        fontName=text["italic"] if theme.italic_emphasis else text["regular"], spaceAfter=lead * 0.35,
        alignment=TA_LEFT)
    add("attribution", fontSize=theme.size(theme.caption_scale), leading=lead * 0.85, alignment=TA_RIGHT,
        textColor=color(theme.muted), spaceAfter=lead * 0.35, hyphenationLang="")
    add("caption", fontSize=theme.size(theme.caption_scale), leading=lead * 0.85, alignment=TA_LEFT,
        textColor=color(theme.muted), spaceAfter=lead * 0.5)
    add("bullet", leftIndent=size * 1.5, bulletIndent=size * 0.3, spaceAfter=lead * 0.2, alignment=TA_LEFT)
    add("question", leftIndent=size * 1.8, bulletIndent=0, spaceAfter=lead * 0.4, alignment=TA_LEFT)
    # a quiz item: its options set solid under it, closer to it than to the next item (one page holds a
    # section's quiz at the middle level's 12 pt)
    add("quiz_question", parent=s["question"], spaceAfter=lead * 0.2)
    add("option", leftIndent=size * 3.6, bulletIndent=size * 1.8, spaceAfter=0, alignment=TA_LEFT)
    add("note", fontSize=theme.size(theme.note_scale), leading=lead * 0.85, leftIndent=size * 2.0,
        bulletIndent=0, bulletFontName=text["regular"], bulletFontSize=theme.size(theme.note_scale),
        spaceAfter=lead * 0.15, alignment=TA_LEFT)
    add("biblio", fontSize=theme.size(0.92), leading=lead * 0.92, leftIndent=size * 2.0,
        firstLineIndent=-size * 2.0, spaceAfter=lead * 0.3, alignment=TA_LEFT)
    add("cell", fontSize=theme.size(0.92), leading=lead * 0.9, spaceAfter=0, alignment=TA_LEFT,
        allowWidows=1, allowOrphans=1)
    add("cell_head", parent=s["cell"], fontName=head["bold"], hyphenationLang="")
    add("cell_term", parent=s["cell"], fontName=text["bold"], hyphenationLang="")
    add("cell_small", parent=s["cell"], fontSize=theme.size(0.8), leading=lead * 0.8, textColor=color(theme.muted),
        hyphenationLang="")
    add("year", fontName=head["bold"], fontSize=theme.size(1.05), leading=lead, alignment=TA_LEFT,
        hyphenationLang="", spaceAfter=0)
    add("toc1", fontName=head["regular"], fontSize=theme.size(1.05), leading=lead * 1.2, alignment=TA_LEFT,
        hyphenationLang="", spaceAfter=0)
    add("toc_num", parent=s["toc1"], alignment=TA_RIGHT)
    add("cell_num", parent=s["cell"], alignment=TA_RIGHT, hyphenationLang="")
    add("cell_head_num", parent=s["cell_head"], alignment=TA_RIGHT)
    add("small", fontSize=theme.size(0.85), leading=lead * 0.85, alignment=TA_LEFT, spaceAfter=lead * 0.4)
    add("center", alignment=TA_CENTER)
    # (sizes raised to the theme's least size keep a readable leading; in large print one that holds a
    # page's last line, descenders and all, inside the type area: at 18 pt a note's 22 pt did not)
    least = 1.35 if theme.min_text_size else 1.15
    for style in s.values():
        if style.leading < style.fontSize * least:
            style.leading = round(style.fontSize * (least + 0.05), 2)
        if style.alignment != TA_JUSTIFY:
            ragged(style)
    return s
