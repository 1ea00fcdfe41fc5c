"""Keeps and floats: what the page template does when the next thing does not fit in the room left.

Three rules, all documented with the order in which keep rules yield in docs/keeps.md:

* **Keep with the first piece.** A heading (anything with keepWithNext) needs only the first piece of
  what follows it on its page: two lines of a paragraph, the first item of a box, the first rows of a
  table, not the whole of it. ReportLab's KeepTogether moved a heading with a long paragraph or box to the
  next page whenever the whole did not fit, leaving the rest of the page empty.
* **Floats.** A figure (a chart or map with its caption) or a box that cannot break where it stands is
  moved to the top of the next page, and the running text that follows it fills the room left (what a book
  does with figures). A float is passed only by paragraphs of running text and subheadings of its section;
  never by another box or figure, the questions, or the end of the section, and never beyond the next page.
  A heading passes it only with the first piece of what follows the heading (never alone).
* **A multiple-choice question** (its stem and lettered options) stays together, unless moving it on would
  leave more than a third of the page empty: then it breaks between two options, with the stem and at least
  two options before the break and at least two after (`QuizItem`).
"""
from __future__ import annotations

from reportlab.platypus import (ActionFlowable, CondPageBreak, KeepTogether, PageBreak, Paragraph, Table)
from reportlab.platypus.doctemplate import _FrameBreak
from reportlab.platypus.flowables import _ContainerSpace

from .boxes import Box

# the least room worth filling with the text after a float, in lines of body text
MIN_FILL_LINES = 3
# a page left more than this share of its height empty is underfull (as `guide check-pdf` counts it)
EMPTY_SHARE = 1 / 3
# the options of a multiple-choice question kept together on each side of a break inside it
MIN_OPTIONS = 2


def _height(flowables: list, aw: float, ah: float, canv) -> float:
    """The height a run of flowables takes in a frame, with the spaces between them (generously)."""
    total = 0.0
    for i, f in enumerate(flowables):
        h = f.wrapOn(canv, aw, ah)[1]
        if isinstance(f, KeepTogether):
            h = f._H            # (its wrap asks to be split; the height of what it holds)
        total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total


def first_piece_fits(f, aw: float, ah: float, canv) -> bool:
    """Whether the first piece of `f` its keep rules allow to stand alone fits in `ah` (see boxes.py)."""
    if ah <= 0 or isinstance(f, KeepTogether):
        return False
    if isinstance(f, Box):
        return f.first_piece_fits(aw, ah)
    if f.wrapOn(canv, aw, ah)[1] <= ah:
        return True
    if isinstance(f, (Paragraph, Table)):
        parts = f.split(aw, ah)
        return len(parts) >= 2 and parts[0].wrap(aw, ah)[1] <= ah
    return False


class KeepWithFirstPiece(KeepTogether):
    """keepWithNext as a book sets it: the kept flowables go on if they and the first piece of what follows
    them fit; else all of them move to the next frame (as ReportLab does)."""

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content[:]
        if len(content) > 1 and self._H > aH:
            heads, last = content[:-1], content[-1]
            room = aH - _height(heads, aW, aH, self.canv) - last.getSpaceBefore()
            if first_piece_fits(last, aW, room, self.canv):
                return content
        parts = super().split(aW, aH)
        frame = getattr(self, "_frame", None)
        if len(content) > 1 and parts and isinstance(parts[0], _FrameBreak) and frame is not None \
                and not frame._atTop:
            # moved on whole, it stays one: ReportLab took the keeps off what it holds, and a float that
            # waited goes before it on the next page (`Floats.before`), where it must fit after the float
            return [parts[0], KeepWithFirstPiece(content)]
        return parts


def left_empty(frame) -> float:
    """The height of the frame left empty below what is drawn in it (the space after the last flowable is
    empty too: what a reader sees, and what `guide check-pdf` measures), from the last line's descenders when
    a paragraph was drawn last, as `guide check-pdf` measures (`ink_gap`)."""
    return frame._y + getattr(frame, "_prevASpace", 0) - frame._y1p + getattr(frame, "_guide_ink_gap", 0.0)


def ink_gap(f) -> float:
    """The empty strip at the foot of a drawn paragraph, below its last line's descenders (0.3 of the size,
    as `guide check-pdf` sets a line's bottom): ReportLab sets the last baseline a leading less the font size
    above the paragraph's bottom (measured: 2.3 pt in an accessible Letter booklet, where the quiz left a page
    174 pt empty by the frame and 176 pt by the checker, a third of it being 174.2 pt)."""
    if not isinstance(f, Paragraph) or not getattr(f, "blPara", None):
        return 0.0
    return max(0.0, f.style.leading - 1.3 * f.style.fontSize)


class QuizItem(KeepTogether):
    """A multiple-choice question: its stem and its lettered options, kept together. When it does not fit
    and moving it on would leave more than a third of the page empty, it breaks between two options instead,
    with the stem and at least two options before the break and at least two after."""

    def __init__(self, stem, options: list):
        for f in (stem, *options):
            f.keepWithNext = 0          # (this keeps them; a keepWithNext chain would be kept whole again)
        super().__init__([stem, *options])

    def _options_before_break(self, aw: float, ah: float, canv) -> int:
        """The most options that go before a break and leave the stem and its first options fitting in
        `ah`; 0 if no break both leaves MIN_OPTIONS on either side and fits."""
        stem, options = self._content[0], self._content[1:]
        best = 0
        for k in range(MIN_OPTIONS, len(options) - MIN_OPTIONS + 1):
            if _height([stem, *options[:k]], aw, ah, canv) > ah:
                break
            best = k
        return best

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if self._H > aH and frame is not None and not frame._atTop \
                and left_empty(frame) > EMPTY_SHARE * frame._height:
            k = self._options_before_break(aW, aH, self.canv)
            if k:
                return [*self._content[:1 + k], self.FrameBreak(), continued_stem(self._content[0]),
                        *self._content[1 + k:]]
        return super().split(aW, aH)


def continued_stem(stem):
    """The question's number and "(continued)" over the options after a break, as an artifact (a cue for
    the eye: the structure tree holds the question once)."""
    from .flowables import GuideParagraph
    from .tagging import tagged

    return tagged(GuideParagraph("<i>(continued)</i>", stem.style, bulletText=stem.bulletText), "Artifact")


class FloatBarrier(CondPageBreak):
    """Where the part of a section that no float may pass begins (its questions): a waiting float is set
    before it. It breaks no page: the heading after it keeps with its first piece (`KeepWithFirstPiece`),
    which is all a page needs below it (a CondPageBreak of six lines moved "Questions" on from a large-print
    page 181 pt empty, where it, its group heading and the first question took 140 pt). Like a `Marker` it
    passes the space after what is before it on (`_SPACETRANSFER`)."""

    _SPACETRANSFER = True

    def __init__(self):
        super().__init__(0)


def is_float(f) -> bool:
    """A box, or a chart or map kept with its title and caption."""
    if isinstance(f, Box):
        return True
    return isinstance(f, KeepTogether) and any(getattr(x, "_role", None) == "Figure" for x in f._content)


def may_pass_float(f) -> bool:
    """Whether `f` may be set before a float that waits for the next page: running text and subheadings."""
    if isinstance(f, (PageBreak, ActionFlowable, CondPageBreak, _ContainerSpace)) or is_float(f):
        return False
    if isinstance(f, Paragraph):
        return f.style.name.split("-")[0] in ("body", "h2", "h3")
    return getattr(f, "_ZEROSIZE", 0) == 1 and getattr(f, "running_head", None) is None   # a Marker


def may_pass(flowables: list, j: int) -> bool:
    """Whether `flowables[j]` may be set before a float that waits: running text, or a subheading with what
    it keeps with, if that is running text too (a heading never passes a float alone)."""
    while j < len(flowables):
        f = flowables[j]
        if not may_pass_float(f):
            return False
        if not f.getKeepWithNext() and not getattr(f, "_ZEROSIZE", 0):
            return True
        j += 1
    return True


class Floats:
    """The floats waiting for the next page, kept by the page template."""

    def __init__(self):
        self.waiting: list = []

    def before(self, doc, flowables: list) -> bool:
        """Called before the page template handles `flowables[0]`: puts waiting floats back at the top of a
        new page or before what they may not pass; moves a float that does not fit on. True if it moved one."""
        frame = getattr(doc, "frame", None)
        if frame is None:           # (before the first page, or after the last)
            return False
        if self.waiting:
            if flowables and isinstance(flowables[0], _FrameBreak):
                flowables[1:1] = self.waiting       # a keep moved what follows on: they go first there
                self.waiting = []
            elif frame._atTop or not flowables or not may_pass(flowables, 0):
                if flowables and getattr(flowables[0], "_postponed", 0):
                    del flowables[0]._postponed     # it no longer stands at the top of the page
                flowables[0:0] = self.waiting
                self.waiting = []
            elif len(flowables) == 1:       # the last of the story passes them: they come after it
                flowables += self.waiting
                self.waiting = []
            return False
        i = 0
        while i < len(flowables) - 1 and flowables[i].getKeepWithNext() and getattr(flowables[i], "_ZEROSIZE", 0):
            i += 1          # a marker kept with the float (a DBQ's page reference) goes with it; a heading does not
        if frame._atTop or not is_float(flowables[i]):
            return False
        where = getattr(flowables[i], "_guide_where", None)
        while where is not None and i + 1 < len(flowables) and isinstance(flowables[i + 1], Box) \
                and getattr(flowables[i + 1], "_guide_where", None) is where:
            i += 1          # a figure's own box (a map's key) goes with it
        if i + 1 >= len(flowables) or not may_pass(flowables, i + 1):
            return False
        unit = flowables[:i + 1]
        aw, room = frame._aW, frame._y - frame._y1p
        room -= unit[0].getSpaceBefore()
        if room < MIN_FILL_LINES * doc.theme.leading:
            return False
        last = unit[-1]
        head = _height(unit[:-1], aw, room, doc.canv) + (last.getSpaceBefore() if len(unit) > 1 else 0)
        if _height(unit, aw, room, doc.canv) <= room or first_piece_fits(last, aw, room - head, doc.canv):
            return False
        self.waiting = unit
        del flowables[:i + 1]
        return True
