"""Tagged PDF (PDF/UA-1): the structure tree, marked content and artifacts — the modules named below.

While pages are drawn, every flowable that `flowables.tag()` gave a role writes its content inside a
marked-content sequence (`/P <</MCID n>> BDC … EMC`) and becomes a structure element; containers (boxes,
tables, the contents) become parents of what they hold; page furniture, rules and tints are artifacts.
The words of a link are drawn in its Link element, and each link annotation goes into it when it is made
(`TaggingCanvas`). When the last page is laid out, `finish()` adds the link descriptions, the language and
the XMP metadata (with the PDF/UA identification when tagged) and `Tagger.write()` the structure tree, the
ParentTree, MarkInfo and the tab order to ReportLab's own document before it is saved: the PDF is written
once, never parsed again. ToUnicode maps leave out the unused codes of subset fonts
(`reportlab_patches._to_unicode_cmap`).

Roles used: Document, Sect, H1–H4, P, L/LI/Lbl/LBody, BlockQuote, Div, Table/TR/TH/TD, TOC/TOCI/Lbl/Reference,
Figure (with /Alt), Caption, Note (with /ID), Link (holding its words and its annotations), Span (/Lang ru,
one per run of Cyrillic text), Form.

Marked content is never nested: where a paragraph's text goes on in a Link, a Span or a Lbl, or around an
inserted hyphen drawn as an artifact, one sequence ends and the next begins (`Tagger.switch`).

The modules: `structure` (the elements and the `Tagger`), this one (the tagging subclasses of flowables and
the canvas, and how each line of a paragraph ends), `reportlab_patches` (the text operators, installed only
while `typeset()` runs) and `pdf_metadata` (what every PDF gets before it is saved).
"""
from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from .pdf_metadata import finish, text_string
from .structure import Elem, Tagger

__all__ = ["Elem", "Tagger", "TaggingCanvas", "finish", "line_ends", "tagged", "text_string"]


# ------------------------------------------------------------------------------------------ classes

_CLASSES: dict[type, type] = {}
_KEYS = iter(range(1, 1 << 62))


def tagged(flowable, role: str, **attrs):
    """Give a flowable its role; its class becomes a tagging subclass (cached per class)."""
    flowable._role = role
    flowable._role_attrs = attrs
    flowable._tag_key = next(_KEYS)
    cls = type(flowable)
    if cls not in _CLASSES.values():
        if cls not in _CLASSES:
            _CLASSES[cls] = _make_class(cls)
        object.__setattr__(flowable, "__class__", _CLASSES[cls])   # (graphics shapes validate setattr)
    if hasattr(flowable, "_cellvalues"):
        flowable._renderCB = flowable._tag_render
    return flowable


def _copy_role(src, parts):
    for p in parts:
        if not hasattr(p, "_role") and hasattr(src, "_role"):
            p._role = src._role
            p._role_attrs = getattr(src, "_role_attrs", {})
            p._tag_key = src._tag_key
            if hasattr(p, "_cellvalues"):
                p._renderCB = p._tag_render
    return parts


def _repeated_rows(table, parts) -> None:
    """The rows each part of a split table repeats at its top (drawn as artifacts): none in the first part of
    a table that was not split before, the header rows in every later part, and in every part of a part
    that already repeated them (a table split over three pages is split twice)."""
    repeated = getattr(table, "_repeated_rows", 0)
    for i, p in enumerate(parts):
        p._repeated_rows = repeated if i == 0 else getattr(table, "repeatRows", 0)


def _make_class(cls: type) -> type:
    from reportlab.platypus import Paragraph, Table

    is_table = issubclass(cls, Table)

    def drawOn(self, canv, x, y, _sW=0):
        tagger = getattr(canv, "_guide_tagger", None)
        role = getattr(self, "_role", None)
        if tagger is None or role is None or tagger.artifact_depth:
            return cls.drawOn(self, canv, x, y, _sW)
        if role == "Artifact":
            tagger.begin_artifact(canv)
            try:
                return cls.drawOn(self, canv, x, y, _sW)
            finally:
                tagger.end_artifact(canv)
        if is_table:
            elem = tagger.element(self)
            tagger.stack.append(elem)
            self._tag_elem = elem
            try:
                return cls.drawOn(self, canv, x, y, _sW)
            finally:
                while tagger.stack[-1] is not elem:
                    tagger.stack.pop()
                tagger.stack.pop()
        elem = tagger.element(self)
        if role == "Figure":
            w, h = getattr(self, "width", 0), getattr(self, "height", 0)
            elem.attrs["bbox"] = (x, y, x + w, y + h)
        if getattr(self, "_link_content", False):     # what it draws is all a link (a contents page number)
            if not (elem.kids and isinstance(elem.kids[-1], Elem) and elem.kids[-1].role == "Link"):
                elem.kids.append(Elem("Link", elem))
            elem = elem.kids[-1]
        tagger.begin_content(canv, elem)
        try:
            return cls.drawOn(self, canv, x, y, _sW)
        finally:
            tagger.end_content(canv)

    def split(self, *args, **kw):
        parts = cls.split(self, *args, **kw)
        parts = _copy_role(self, parts)
        if is_table and parts:
            _repeated_rows(self, parts)
        return parts

    def beginText(self, x, y):
        tx = cls.beginText(self, x, y)
        tagger = getattr(self.canv, "_guide_tagger", None)
        if tagger is not None and not tagger.artifact_depth and tagger.current is not None:
            bl = self.blPara
            link = getattr(bl, "link", None) if bl.kind == 0 else None
            tx._guide = _Lines(line_ends(self), tuple(link[0]) if link else None)
        return tx

    def _tag_render(self, table, event, *args):
        canv = table.canv
        tagger = getattr(canv, "_guide_tagger", None)
        if tagger is None or getattr(table, "_role", None) in (None, "Artifact"):
            return
        role = table._role
        if event in ("startBG", "startLines"):
            table._outer_depth = tagger.artifact_depth
            if not tagger.artifact_depth:
                tagger.begin_artifact(canv)
            return
        if event in ("endBG", "endLines"):
            if not table._outer_depth:
                tagger.end_artifact(canv)
            return
        if tagger.artifact_depth and not getattr(table, "_in_repeat", False):
            return
        if event == "startRow":
            table._in_repeat = args[0] < getattr(table, "_repeated_rows", 0)
            if table._in_repeat:      # a header row repeated after a page break is drawn as an artifact
                tagger.begin_artifact(canv, "Pagination")
            elif role in ("Table", "TOC"):
                tagger.stack.append(table._tag_elem.add("TR" if role == "Table" else "TOCI"))
        elif event == "endRow":
            if getattr(table, "_in_repeat", False):
                tagger.end_artifact(canv)
                table._in_repeat = False
            elif role in ("Table", "TOC"):
                tagger.stack.pop()
        elif event == "startCell" and role == "Table" and not getattr(table, "_in_repeat", False):
            row_no, col_no, value = args[0], args[1], args[2]
            span = getattr(table, "_spanRanges", {}).get((col_no, row_no))
            colspan = span[2] - span[0] + 1 if span else 1
            first = value[0] if isinstance(value, (list, tuple)) and value else value
            cell_role = getattr(first, "_role", "TD")
            cell_role = cell_role if cell_role in ("TH", "TD") else "TD"
            attrs = getattr(first, "_role_attrs", {}) or {}
            scope = attrs.get("scope") or ("Column" if cell_role == "TH" else None)
            cell_attrs = {"scope": scope} if scope else {}
            if colspan > 1:
                cell_attrs["colspan"] = colspan
            tagger.stack.append(tagger.parent.add(cell_role, **cell_attrs))
        elif event == "endCell" and role == "Table" and not getattr(table, "_in_repeat", False):
            tagger.stack.pop()

    ns = {"drawOn": drawOn, "split": split, "_tag_render": _tag_render, "__module__": cls.__module__}
    if issubclass(cls, Paragraph):
        ns["beginText"] = beginText
    return type(f"Tagged{cls.__name__}", (cls,), ns)


# ------------------------------------------------------------------------------------------ canvas

class TaggingCanvas(Canvas):
    """A canvas that tells the tagger about every link annotation it makes, and where it leads."""

    _guide_link = None

    def linkRect(self, contents, destinationname, *args, **kw):
        if _no_width(args[0] if args else kw.get("Rect")):
            return None
        self._guide_link = ("dest", destinationname)
        try:
            return super().linkRect(contents, destinationname, *args, **kw)
        finally:
            self._guide_link = None

    def linkURL(self, url, *args, **kw):
        if _no_width(args[0] if args else kw.get("rect")):
            return None
        self._guide_link = ("url", url)
        try:
            return super().linkURL(url, *args, **kw)
        finally:
            self._guide_link = None

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        if addtopage and self._guide_link is not None:
            if "_guide_annotations" not in self.__dict__:
                self._guide_annotations = []
            self._guide_annotations.append((annotation, *self._guide_link))
            tagger = getattr(self, "_guide_tagger", None)
            if tagger is not None:
                tagger.link(self.getPageNumber(), annotation, *self._guide_link)
        return super()._addAnnotation(annotation, name, addtopage)


def _no_width(rect) -> bool:
    """A link's area with no width: the empty head of a web address that its line break moved whole to the
    next line ("read at" / "https://…"). Nobody can click it, and its Link element would hold no text."""
    return rect is not None and len(rect) == 4 and abs(rect[2] - rect[0]) < 0.01


# ------------------------------------------------------------------------------ text at line ends

class _Lines:
    """What the text of one paragraph being drawn needs to read as written: how each line ends, the
    fragments its text calls come from (for links), and a hyphen waiting to be known as inserted."""

    def __init__(self, ends: list[str], whole_link):
        self.ends = ends              # per line: "space", "hyphen" (inserted by hyphenation) or "none"
        self.line = 0
        self.calls: list = []         # the fragments of the current line, one per text call
        self.whole_link = whole_link  # a link that covers the whole paragraph (a simple paragraph)
        self.hyphen_at: int | None = None    # index in the text code of a "-" that may end the line
        self.hyphen_elem = None

    @property
    def end(self) -> str:
        return self.ends[self.line] if self.line < len(self.ends) else "space"


def line_ends(para) -> list[str]:
    """How each line of a broken paragraph ends, from ReportLab's own record of the break: "hyphen" where
    hyphenation added a hyphen, "none" where a word was split without one (at a hyphen of the text, in a URL,
    a word too long for the line), else "space" (the line ends between words)."""
    from reportlab.platypus import paragraph as rp

    bl = para.blPara
    out = []
    if bl.kind == 0:
        for _, words in bl.lines:
            last = words[-1] if words else ""
            if isinstance(last, rp._SplitWordHY) or isinstance(last, rp._SplitWordLL) and last.endswith("-"):
                out.append("hyphen")
            elif isinstance(last, rp._SplitWord) and not isinstance(last, rp._SplitWordEnd):
                out.append("none")
            else:
                out.append("space")
        return out
    words = getattr(para, "frags", None) or []
    lines = bl.lines
    for i, line in enumerate(lines):
        j = getattr(lines[i + 1], "sFW", None) if i + 1 < len(lines) else len(words)
        last = None
        if isinstance(j, int) and 0 < j <= len(words):
            k = j - 1
            while k > 0 and isinstance(words[k], rp._InjectedFrag):
                k -= 1
            last = words[k]
        text = last[-1][1] if last and isinstance(last[-1], tuple) else ""
        if isinstance(last, rp._SplitFragHY) or isinstance(last, rp._SplitFragLL) and text.endswith("-"):
            out.append("hyphen")
        elif isinstance(last, rp._SplitFrag) and not isinstance(last, rp._HSFrag):
            out.append("none")
        else:
            out.append("space")
    return out
