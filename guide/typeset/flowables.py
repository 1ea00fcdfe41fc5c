"""The guide's own flowables: paragraphs, tables, markers for contents and outline, answer lines.

Every flowable the typesetter emits carries its structural role (`tag()`): a heading level, a paragraph,
a list, a table, a figure with its alt text, a note, or an artifact. The accessible-PDF work reads these
roles where each flowable is drawn; nothing else needs to change to tag a new kind of content.
"""
from __future__ import annotations

import weakref

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import ParaLines, cleanBlockQuotedText

from ..theme import Theme
from . import addresses, linebreak
from .fonts import font_for
from .styles import color, ragged
from .tracking import word_space_extra


# A justified line may stretch its word spaces to at most this many times their natural width; a paragraph
# whose best (total-fit) breaking still has a line that would stretch more is set ragged right instead.
# Just under the layout checker's limit (`checkpdf.MAX_WORD_SPACE`, 2.0), which measures the same.
MAX_WORD_SPACE = 1.95


class _ParsedOnFirstRead:
    """A paragraph's `frags`, parsed from its markup when first read. (A non-data descriptor: parsing stores
    the fragments on the paragraph, which are then read directly; ReportLab's many probes for attributes a
    paragraph does not have never come through Python, as they would with `__getattr__`.)"""

    def __get__(self, para, owner=None):
        if para is None:
            return self
        if para.__dict__.pop("_guide_unparsed", False):
            para._setup(para.text, para.style, para.bulletText, None, cleanBlockQuotedText)
            return para.__dict__["frags"]
        raise AttributeError("frags")


class GuideParagraph(Paragraph):
    """A paragraph that gives up justification rather than stretch a line's word spaces too far, and that
    breaks its lines once per width.

    A paragraph is often wrapped more than once (a frame too short for it, a table sizing its rows,
    keep-with-next, the ragged-right retry). ReportLab's line breaking replaces the paragraph's fragments
    with split words, and breaking those again loses hard hyphens at line ends ("Five-Year" came back as
    "FiveYear"). So each break starts from the fragments as parsed, and a break is reused for the same width.
    """

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        if frags is not None or style is None:
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            return
        # Parse the markup when it is first needed (usually when the paragraph is laid out), so that the
        # story waiting to be laid out holds only text, not every paragraph's parsed fragments.
        self.caseSensitive = caseSensitive
        self.encoding = encoding
        self.text = text
        self.style = style
        self.bulletText = bulletText or getattr(style, "bulletText", None)
        self.debug = 0
        self._guide_unparsed = True

    frags = _ParsedOnFirstRead()

    def getPlainText(self, identify=None):
        """The paragraph's text as written (line breaking rewrites the fragments; this reads the originals)."""
        frags = self.__dict__.get("_guide_frags")
        if frags is None:
            return super().getPlainText(identify)
        broken, self.frags = self.frags, frags
        try:
            return super().getPlainText(identify)
        finally:
            self.frags = broken

    def breakLines(self, width):
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        key = (self.style.name, tuple(widths))
        state = self.__dict__
        cache = state.setdefault("_guide_lines", {})
        hit = cache.get(key)
        if hit is None:
            if "_guide_frags" not in state:
                state["_guide_frags"] = list(getattr(self, "frags", ()))
            else:
                self.frags = list(state["_guide_frags"])
            hit = cache[key] = self._break(widths)
        else:
            # the words this break was made of (its lines index into them: splitting and drawing read them)
            self.frags = hit[1]
        state["_guide_widths"] = tuple(widths)
        return hit[0]

    def _break(self, widths: list[float]):
        """(lines, the words they index). A justified paragraph whose first-fit lines have a loose one, and
        any paragraph whose last line is only the end of a word hyphenated on the line before, is broken
        total-fit (`linebreak`), which gives that last line a heavy penalty."""
        kept = self.__dict__.get("_guide_kept")     # the first part of a split: the lines it was split from
        if kept is not None and kept[0] == tuple(widths):
            return kept[1], self.frags
        frags = list(self.frags)
        style = self.style
        address = self.__dict__.get("_guide_address")
        if address is None:             # (a paragraph is broken at several widths; its text stays the same)
            address = self.__dict__["_guide_address"] = addresses.ZWSP in self.getPlainText()
        if address:
            # (not cut at a letter to fit, "image/t / he_": an address too wide for its line is moved and
            # split at its punctuation below; ReportLab's cutting stays the last resort there)
            self.style = addresses.whole_words_style(style)
        try:
            bl = super().breakLines(list(widths))
        finally:
            self.style = style
        if address and addresses.overfull(bl):
            # a web address moved whole onto a line it is too wide for: move it, then split it there
            self.frags = list(frags)
            self.style = addresses.address_style(style)
            try:
                bl = super().breakLines(list(widths))
            finally:
                self.style = style
        justified = style.alignment == TA_JUSTIFY
        if len(bl.lines) < 2 or not (
                justified and linebreak.loosest(bl, stringWidth(" ", style.fontName, style.fontSize)) > linebreak.LOOSE
                or linebreak.ends_on_fragment(bl, self.frags)):
            return bl, self.frags
        first = bl, self.frags
        self.frags = list(frags)
        naturals = linebreak.plan(self, widths, frags, ragged=not justified)
        if naturals:
            better = linebreak.replay(self, widths, naturals, super().breakLines)
            if better is not None:
                return better, self.frags
        self.frags = first[1]
        return first

    def split(self, availWidth, availHeight):
        """The lines that fit and the rest. The first part keeps the very lines it had in the whole (broken
        again, a word split at its last line could come out wider: ReportLab re-measures rejoined pieces);
        the rest is broken anew."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self._ends_on_hyphen(len(parts[0].blPara.lines)):
            # no page (or column) ends on a hyphenated word, as TeX's \brokenpenalty: no reader can join
            # "in-" at a page's foot to its end on the next page; the line goes over with it
            done = len(parts[0].blPara.lines)
            parts = super().split(availWidth, (done - 1) * self.style.leading + 1e-6)
        whole = getattr(self, "blPara", None)
        widths = self.__dict__.get("_guide_widths")
        if len(parts) == 2 and whole is not None and widths is not None:
            done = len(parts[0].blPara.lines)
            lines = whole.lines[:done]
            first = whole.clone(lines=lines) if whole.kind == 0 else ParaLines(kind=1, lines=lines)
            parts[0]._guide_kept = (widths, first)
        return parts

    def _ends_on_hyphen(self, done: int) -> bool:
        """Whether the first `done` lines (three or more, so that two stay) end on a hyphen hyphenation added,
        in a paragraph of fixed leading."""
        from .tagging import line_ends
        bl = getattr(self, "blPara", None)
        if bl is None or done < 3 or getattr(self.style, "autoLeading", "") not in ("", "off"):
            return False
        ends = line_ends(self)
        return len(ends) >= done and ends[done - 1] == "hyphen"

    def wrap(self, availWidth, availHeight):
        size = super().wrap(availWidth, availHeight)
        if self.style.alignment == TA_JUSTIFY and self._overstretched():
            self.style = _ragged(self.style)
            size = super().wrap(availWidth, availHeight)
        return size

    def _overstretched(self) -> bool:
        bl = getattr(self, "blPara", None)
        if bl is None or len(bl.lines) < 2:
            return False
        style = self.style
        space = stringWidth(" ", style.fontName, style.fontSize)
        for line in bl.lines[:-1]:
            if bl.kind == 0:
                extra, words = line[0], line[1]
                gaps = len(words) - 1
            else:
                extra, gaps = getattr(line, "extraSpace", 0), getattr(line, "wordCount", 1) - 1
            if gaps <= 0:
                if extra > space * 4:      # one long word alone on a line: justification cannot help
                    return True
                continue
            if word_space_extra(line) > space * (MAX_WORD_SPACE - 1) + 1e-6:     # (letter-spacing counted)
                return True
        return False


_RAGGED: "weakref.WeakKeyDictionary[ParagraphStyle, ParagraphStyle]" = weakref.WeakKeyDictionary()


def _ragged(style: ParagraphStyle) -> ParagraphStyle:
    """The style set ragged right: one per style object (so per theme), never shared by name."""
    if style not in _RAGGED:
        _RAGGED[style] = ragged(ParagraphStyle(style.name + "-ragged", parent=style, alignment=TA_LEFT))
    return _RAGGED[style]


class FillingTable(Table):
    """A table of long entries (a glossary, a who's who) that splits inside an entry, between its lines,
    rather than leave more than `max_gap` of the page empty; each part of the entry keeps `min_part`."""

    def __init__(self, *args, max_gap: float = 0, min_part: float = 0, **kw):
        super().__init__(*args, **kw)
        self.max_gap, self.min_part = max_gap, min_part

    def split(self, aw, ah):
        parts = self._own(super().split(aw, ah))
        if not self.max_gap or not self.min_part:
            return parts
        used = parts[0].wrap(aw, ah)[1] if parts else 0
        if ah - used <= self.max_gap:
            return parts
        self.splitInRow = self.min_part
        try:
            # (less the cells' padding: ReportLab's split inside a row can overrun the room by that much)
            pad = max(st.topPadding + st.bottomPadding for row in self._cellStyles for st in row)
            inside = self._own(self._splitRows(ah - pad, doInRowSplit=True))
        finally:
            self.splitInRow = 0
        # (only a split that fills the page: else the rest would start again, with its heading, below it)
        if inside and ah - inside[0].wrap(aw, ah)[1] < self.min_part:
            return inside
        return parts

    def _own(self, parts: list) -> list:
        """The parts of a split, with this table's rule (ReportLab passes on only its own settings)."""
        for p in parts:
            p.max_gap, p.min_part, p.splitInRow = self.max_gap, self.min_part, 0
        return parts


def table_style(theme: Theme, cmds: list) -> TableStyle:
    """A table style whose default font is the theme's (never ReportLab's Helvetica, which is not embedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), font_for(theme, theme.text_family), theme.body_size)] + cmds)


def tag(flowable, role: str, **attrs):
    """Record the structural role of a flowable (H1–H4, P, LI, Table, TH, TD, TOC, Figure with alt, BlockQuote,
    Note, Div, Artifact…). `tagging` turns the roles into the PDF's structure tree as pages are drawn."""
    from .tagging import tagged
    return tagged(flowable, role, **attrs)


class PageRef(Flowable):
    """The page a marker lands on, for the contents, in a single layout pass: the number is not known when
    the contents are drawn, so the flowable draws a form XObject that the document template fills in when
    the layout is finished (`GuideDoc.page_ref`). Right-aligned like a one-line paragraph in `style`, and a
    link to the marker."""

    _link_content = True        # (tagging) the number it draws is the words of its link

    def __init__(self, key: str, style: ParagraphStyle):
        super().__init__()
        self.key = key
        self.style = style

    def wrap(self, aw, ah):
        self.width, self.height = aw, self.style.leading
        return self.width, self.height

    def getPlainText(self) -> str:
        return ""

    def draw(self):
        canv = self.canv
        name = canv._doctemplate.page_ref(self.key, self.style)
        canv.saveState()
        canv.translate(self.width, self.height - self.style.fontSize)   # a paragraph's first baseline
        canv.doForm(name)
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)


class Marker(Flowable):
    """A zero-size flowable that marks a place: a PDF destination, an outline entry, a contents entry and
    the running head from here on. The document template records the page it lands on.

    It passes the space after the flowable before it on to the one after it (`_SPACETRANSFER`, as ReportLab's
    own AnchorFlowable does): without it the frame forgot that space, so a heading's space before was added to
    a box's or paragraph's space after instead of overlapping it (52 pt, not 26, between a box and a large-print
    subheading), and the heading with its first piece no longer fitted at the foot of the page."""

    _ZEROSIZE = 1
    _SPACETRANSFER = True

    def __init__(self, key: str, title: str | None = None, level: int = 0, toc: bool = False,
                 running_head: str | None = None, outline: bool = True):
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.toc = toc
        self.running_head = running_head
        self.outline = outline
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return (0, 0)

    def draw(self):
        canv = self.canv
        tagger = getattr(canv, "_guide_tagger", None)
        if tagger is not None and self.level == 0 and self.title and self.running_head is not None:
            tagger.section(self.title)
        canv.bookmarkPage(self.key)
        if self.title and self.outline:
            canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)


class Lines(Flowable):
    """Ruled answer lines for a worksheet: dark enough to photocopy, the last one a line's height clear of
    what follows it."""

    def __init__(self, count: int, theme: Theme):
        super().__init__()
        self.count = count
        self.theme = theme
        self.gap = theme.leading * 1.6
        self.spaceAfter = theme.leading

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.count * self.gap

    def draw(self):
        c = self.canv
        c.setStrokeColor(color(self.theme.answer_rule))
        c.setLineWidth(self.theme.answer_rule_width)
        for i in range(self.count):
            y = i * self.gap
            c.line(self.theme.body_size * 1.8, y, self.width, y)


def fit_words(text: str, width, room: float) -> str:
    """`text` if it fits in `room`, else as many of its first words as fit, with "…". Never part of a word
    (a single word too long for the room is cut at a character, with "…")."""
    if width(text) <= room:
        return text
    words = text.split()
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(" ".join(words[:mid]) + "…") <= room:
            lo = mid
        else:
            hi = mid - 1
    if lo:
        return " ".join(words[:lo]) + "…"
    first = words[0] if words else ""
    lo, hi = 0, len(first)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(first[:mid] + "…") <= room:
            lo = mid
        else:
            hi = mid - 1
    return first[:lo] + "…"
