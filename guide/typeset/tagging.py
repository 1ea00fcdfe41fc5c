"""Tagged PDF (PDF/UA-1): the structure tree, marked content and artifacts — all of it in this module.

While pages are drawn, every flowable that `flowables.tag()` gave a role writes its content inside a
marked-content sequence (`/P <</MCID n>> BDC … EMC`) and becomes a structure element; containers (boxes,
tables, the contents) become parents of what they hold; page furniture, rules and tints are artifacts.
The words of a link are drawn in its Link element, and each link annotation goes into it when it is made
(`TaggingCanvas`). When the last page is laid out, `finish()` adds the link descriptions, the language and
the XMP metadata (with the PDF/UA identification when tagged) and `Tagger.write()` the structure tree, the
ParentTree, MarkInfo and the tab order to ReportLab's own document before it is saved: the PDF is written
once, never parsed again. ToUnicode maps leave out the unused codes of subset fonts (`_to_unicode_cmap`).

Roles used: Document, Sect, H1–H4, P, L/LI/Lbl/LBody, BlockQuote, Div, Table/TR/TH/TD, TOC/TOCI/Lbl/Reference,
Figure (with /Alt), Caption, Note (with /ID), Link (holding its words and its annotations), Span (/Lang ru,
one per run of Cyrillic text), Form.

Marked content is never nested: where a paragraph's text goes on in a Link, a Span or a Lbl, or around an
inserted hyphen drawn as an artifact, one sequence ends and the next begins (`Tagger.switch`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFStream
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

from .inline import esc as escape


@dataclass(eq=False)
class Elem:
    role: str
    parent: "Elem | None" = None
    kids: list = field(default_factory=list)    # Elem | (page, mcid) | ("annot", page, annot_index)
    attrs: dict = field(default_factory=dict)   # alt, lang, id, title, scope, bbox
    open_list: "Elem | None" = None
    links: dict = field(default_factory=dict)   # (link number, href) → its Link element, for text drawn here
    latest: dict = field(default_factory=dict)  # href → the Link element that last drew words

    def link(self, key: tuple) -> "Elem":
        """The Link element of link `key` ((number, href) as the paragraph parser gives it) in this element,
        made when its first words are drawn: a link broken over lines or pages stays one element."""
        elem = self.links.get(key)
        if elem is None:
            elem = self.links[key] = Elem("Link", self)
            self.kids.append(elem)
        self.latest[key[1]] = elem
        return elem

    def label(self) -> "Elem":
        """The Lbl of a list item's body (LI → Lbl, LBody), made before the body in the item."""
        li = self.parent
        if li is None or li.role != "LI":
            return self
        if not (li.kids and isinstance(li.kids[0], Elem) and li.kids[0].role == "Lbl"):
            li.kids.insert(0, Elem("Lbl", li))
        return li.kids[0]

    def add(self, role: str, **attrs) -> "Elem":
        if role == "LI":
            if self.open_list is None or not self.kids or self.kids[-1] is not self.open_list:
                self.open_list = Elem("L", self)
                self.kids.append(self.open_list)
            li = Elem("LI", self.open_list)
            self.open_list.kids.append(li)
            body = Elem("LBody", li, attrs=attrs)
            li.kids.append(body)
            return body
        self.open_list = None
        elem = Elem(role, self, attrs=attrs)
        self.kids.append(elem)
        return elem


class Tagger:
    """Collects the structure while the document is drawn. One per layout pass."""

    def __init__(self):
        self.root = Elem("Document")
        self.stack: list[Elem] = [self.root]
        self.page_mcids: dict[int, list[Elem]] = {}
        self.elements: dict[int, Elem] = {}                 # flowable key → element (split parts share it)
        self.artifact_depth = 0
        self.drawing: list[Elem] = []                       # the element whose content is being drawn
        self.current: Elem | None = None                    # the element whose marked content is open

    # -- sections ---------------------------------------------------------------------------------
    def section(self, title: str) -> None:
        sect = self.root.add("Sect", title=title)
        self.stack = [self.root, sect]

    @property
    def parent(self) -> Elem:
        return self.stack[-1]

    # -- marked content ---------------------------------------------------------------------------
    def begin_artifact(self, canv, kind: str | None = None) -> None:
        props = f" <</Type /{kind}>> BDC" if kind else " BMC"
        canv.addLiteral("/Artifact" + props)
        self.artifact_depth += 1

    def end_artifact(self, canv) -> None:
        canv.addLiteral("EMC")
        self.artifact_depth -= 1

    def element(self, flowable) -> Elem:
        key = getattr(flowable, "_tag_key", None)
        elem = self.elements.get(key) if key is not None else None
        if elem is None:
            attrs = dict(getattr(flowable, "_role_attrs", {}) or {})
            role = flowable._role
            if self.parent.role in ("TH", "TD") and role in ("TH", "TD"):
                role = "P"      # the cell is the TH/TD; what it holds are paragraphs
            attrs.pop("scope", None) if role == "P" else None
            elem = self.parent.add(role, **attrs)
            if key is not None:
                self.elements[key] = elem
        return elem

    def begin_content(self, canv, elem: Elem) -> None:
        self.drawing.append(elem)
        canv.addLiteral(self._open(canv, elem))

    def end_content(self, canv) -> None:
        canv.addLiteral("EMC")
        self.drawing.pop()
        self.current = self.drawing[-1] if self.drawing else None

    def _open(self, canv, elem: Elem) -> str:
        """A new marked-content sequence for `elem` (its next MCID on this page)."""
        page = canv.getPageNumber()
        mcids = self.page_mcids.setdefault(page, [])
        mcid = len(mcids)
        mcids.append(elem)
        elem.kids.append((page, mcid))
        self.current = elem
        return f"/{elem.role} <</MCID {mcid}>> BDC"

    def switch(self, canv, elem: Elem) -> str:
        """Operators that end the marked content being drawn and go on in `elem` (a Link, a Span, a Lbl, or
        the element itself again). Marked content is never nested: readers that follow marked-content ids
        (poppler among them) lose the text after a nested sequence ends."""
        return "EMC " + self._open(canv, elem)

    def artifact_between(self, canv) -> tuple[str, str]:
        """Operators before and after something drawn as an artifact in the middle of an element's text (an
        inserted hyphen): the element's marked content ends before it and goes on, with a new id, after."""
        elem = self.current
        return "EMC /Artifact BMC", "EMC " + self._open(canv, elem)

    # -- links ------------------------------------------------------------------------------------
    def link(self, page: int, annotation, kind: str, target: str) -> None:
        """A link annotation made while drawing: its reference (OBJR) goes into the Link element that holds
        the link's words; an annotation whose words are not known gets a Link of its own in the element being
        drawn."""
        owner = self.drawing[-1] if self.drawing else self.root
        href = "#" + target if kind == "dest" else target
        link = owner.latest.get(href)
        if link is None and owner.role == "Link":
            link = owner
        if link is None:
            link = Elem("Link", owner)
            owner.kids.append(link)
        link.kids.append(("annot", page, annotation))

    # -- writing ----------------------------------------------------------------------------------
    def write(self, canv) -> None:
        """Add the structure tree and the rest of the PDF/UA furniture (MarkInfo, tab order) to the canvas's
        document, before it is saved (`finish` adds what untagged PDFs have too)."""
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFName as _pdf_name, PDFPage

        PDFName = lru_cache(maxsize=None)(_pdf_name)     # a handful of names, thousands of uses

        doc = canv._doc
        pages = doc.Pages.pages
        page_refs = [doc.Reference(p) for p in pages]
        made: dict[int, object] = {}
        parent_tree: list[tuple[int, object]] = []
        next_key = len(pages)

        def build(elem: Elem, parent_ref):
            nonlocal next_key
            d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(elem.role), "P": parent_ref})
            ref = doc.Reference(d)
            made[id(elem)] = ref
            pages_of = {k[0] for k in elem.kids if isinstance(k, tuple) and k[0] != "annot"}
            single_page = len(pages_of) == 1
            if single_page:
                d["Pg"] = page_refs[next(iter(pages_of)) - 1]
            kids = []
            for kid in elem.kids:
                if isinstance(kid, Elem):
                    kids.append(build(kid, ref))
                elif kid[0] == "annot":
                    _, number, annotation = kid
                    key, next_key = next_key, next_key + 1
                    if isinstance(annotation, PDFDictionary):
                        annotation["StructParent"] = key
                    else:
                        annotation.otherkw["StructParent"] = key
                        annotation.permitted = (*annotation.permitted, "StructParent")
                    parent_tree.append((key, ref))
                    kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": doc.Reference(annotation),
                                               "Pg": page_refs[number - 1]}))
                else:
                    page, mcid = kid
                    kids.append(mcid if single_page else
                                PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[page - 1], "MCID": mcid}))
            d["K"] = PDFArray(kids)
            a = elem.attrs
            for attr, name in (("alt", "Alt"), ("lang", "Lang"), ("title", "T"), ("id", "ID")):
                if a.get(attr):
                    d[name] = text_string(a[attr])
            if a.get("scope") or a.get("colspan"):
                attrs = {"O": PDFName("Table")}
                if a.get("scope"):
                    attrs["Scope"] = PDFName(a["scope"])
                if a.get("colspan"):
                    attrs["ColSpan"] = a["colspan"]
                d["A"] = PDFDictionary(attrs)
            if a.get("bbox"):
                d["A"] = PDFDictionary({"O": PDFName("Layout"), "BBox": PDFArray(list(a["bbox"])),
                                        "Placement": PDFName("Block")})
            return ref

        tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(tree_root)
        tree_root["K"] = PDFArray([build(self.root, root_ref)])
        nums: list = []
        for number in range(1, len(pages) + 1):
            nums += [number - 1, doc.Reference(PDFArray([made[id(e)] for e in self.page_mcids.get(number, [])]))]
        for key, ref in parent_tree:
            nums += [key, ref]
        tree_root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        tree_root["ParentTreeNextKey"] = next_key
        for i, page in enumerate(pages):
            page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = i
            page.Tabs = PDFName("S")
        catalog = doc.Catalog
        _catalog_keys(catalog, "StructTreeRoot", "MarkInfo")
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _catalog_keys(catalog, *keys) -> None:
    known = {*catalog.__NoDefault__, *catalog.__Defaults__}    # (older ReportLabs list fewer keys)
    catalog.__NoDefault__ = [*catalog.__NoDefault__, *(k for k in keys if k not in known)]


def finish(canv, *, title: str, lang: str = "en", subject: str = "", author: str = "",
           link_labels: dict[str, str] | None = None, tagged: bool = True) -> None:
    """What every PDF gets before it is saved, tagged or not: a description for each link ("Glossary: NKVD",
    "Note 3 of section 2", the address of a web link), the document language and the XMP metadata (with the
    PDF/UA identification only when the PDF is tagged)."""
    from reportlab.pdfbase.pdfdoc import PDFName, PDFString

    labels = link_labels or {}
    for annotation, kind, target in getattr(canv, "_guide_annotations", ()):
        label = target if kind == "url" else (labels.get(target) or f"Link to {target}")
        if isinstance(annotation, PDFDictionary):      # canvas.linkURL makes a bare dictionary
            annotation["Contents"] = text_string(label)
        else:                                          # canvas.linkRect makes a LinkAnnotation
            annotation.Contents = text_string(label)
    catalog = canv._doc.Catalog
    _catalog_keys(catalog, "Metadata", "Lang")
    catalog.Lang = PDFString(lang)
    catalog.Metadata = _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                                    _xmp(title, lang, subject, author, ua=tagged).encode("utf-8") + b"\n")


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
        self._guide_link = ("dest", destinationname)
        try:
            return super().linkRect(contents, destinationname, *args, **kw)
        finally:
            self._guide_link = None

    def linkURL(self, url, *args, **kw):
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


def _link_of(frag):
    link = getattr(frag, "link", None) if frag is not None else None
    return tuple(link[0]) if link else None


def _install_line_end_text() -> None:
    """Make tagged text read as it is meant, across line breaks and inside a line.

    ReportLab writes no space where a line breaks, so extracted text runs words together ("copywas"). In
    tagged output each line that ends between words gets a trailing space (invisible at the line's end); a
    hyphen that hyphenation inserted is an artifact between two marked-content sequences of its element, so
    that "com-" + "manders" reads "commanders" to every reader (one that applies ActualText or not, one that
    follows the tags or not); a hyphen that was in the text itself ("Stalin-era") is kept. The words of a
    link are drawn in the marked content of its Link element, and every run of Cyrillic text in a Span of
    its own with /Lang ru. Splitting a string into several text operators does not move a glyph."""
    from reportlab.pdfgen.textobject import PDFTextObject
    from reportlab.platypus import paragraph as rp

    original = PDFTextObject._textOut
    if getattr(original, "_guide", False):
        return

    def emit(tx, tagger, canv, text):
        """Show `text` in the element being drawn, each Cyrillic run in a Span with /Lang ru."""
        pos = 0
        for m in _CYRILLIC_RUN.finditer(text):
            if m.start() > pos:
                original(tx, text[pos:m.start()], 0)
            elem = tagger.current
            span = Elem("Span", elem, attrs={"lang": "ru"})
            elem.kids.append(span)
            tx._code.append(tagger.switch(canv, span))
            original(tx, m.group(), 0)
            tx._code.append(tagger.switch(canv, elem))
            pos = m.end()
        if pos < len(text):
            original(tx, text[pos:], 0)

    def _textOut(self, text, TStar=0):
        if "\u200b" in text:       # a zero-width break opportunity is for the layout, not for readers
            text = text.translate(_NOT_SHOWN)
        st = getattr(self, "_guide", None)
        canv = getattr(self, "_canvas", None)
        tagger = getattr(canv, "_guide_tagger", None)
        if st is None or tagger is None or tagger.artifact_depth or tagger.current is None or not tagger.drawing:
            return original(self, text, TStar)
        frag = st.calls.pop(0) if st.calls else None
        link = st.whole_link or _link_of(frag)
        base = tagger.drawing[-1]
        if text.strip():
            want = base.link(link) if link and base.role != "Link" else base
            if tagger.current is not want:
                self._code.append(tagger.switch(canv, want))
            st.hyphen_at = None
        end = st.end if TStar else None
        if TStar:
            st.line += 1
        hyphen = False
        if end == "space" and not text.endswith((" ", "\u00a0")):
            text += " "
        elif end == "hyphen" and text.endswith("-"):
            text, hyphen = text[:-1], True
        elif end == "hyphen" and not text and st.hyphen_at is not None and st.hyphen_elem is tagger.current:
            before, after = tagger.artifact_between(canv)     # the "-" drawn just before ended the line
            self._code[st.hyphen_at] = f"{before} {self._code[st.hyphen_at]} {after}"
        elif not TStar and st.end == "hyphen" and text.endswith("-"):
            emit(self, tagger, canv, text[:-1])       # perhaps the line's last text: known at the line's end
            st.hyphen_at, st.hyphen_elem = len(self._code), tagger.current
            return original(self, "-", 0)
        emit(self, tagger, canv, text)
        if hyphen:
            before, after = tagger.artifact_between(canv)
            self._code.append(before)
            original(self, "-", 0)
            self._code.append(after)
        if TStar:
            st.hyphen_at = None
            return original(self, "", TStar)

    _textOut._guide = True
    PDFTextObject._textOut = _textOut

    put_line = rp._putFragLine

    def _putFragLine(cur_x, tx, line, last, pKind):
        st = getattr(tx, "_guide", None)
        if st is not None:      # the fragments whose text this line shows, in the order it shows them
            words = line.words
            st.calls = [f for f in words if not hasattr(f, "cbDefn") or f is words[-1]]
        return put_line(cur_x, tx, line, last, pKind)

    rp._putFragLine = _putFragLine

    draw_bullet = rp._drawBullet

    def _drawBullet(canvas, offset, cur_y, bulletText, style, rtl):
        """A list item's label in a Lbl element of its own, followed by a space (a note's number too)."""
        tagger = getattr(canvas, "_guide_tagger", None)
        if tagger is None or tagger.artifact_depth or tagger.current is None or not isinstance(bulletText, str) \
                or style.bulletAnchor != "start" or rtl:
            return draw_bullet(canvas, offset, cur_y, bulletText, style, rtl)
        elem = tagger.current
        label = elem.label() if elem.role == "LBody" else elem
        if label is not elem:
            canvas.addLiteral(tagger.switch(canvas, label))
        draw_text = canvas.drawText

        def with_space(tx):         # the space is shown, but the label's end (which places the text) stays
            tx._code.append(tx._formatText(_LABEL_SPACE))
            return draw_text(tx)

        canvas.drawText = with_space
        try:
            return draw_bullet(canvas, offset, cur_y, bulletText, style, rtl)
        finally:
            del canvas.drawText
            if label is not elem:
                canvas.addLiteral(tagger.switch(canvas, elem))

    rp._drawBullet = _drawBullet


_LABEL_SPACE = " "                                  # after a list label or a note's number
_NOT_SHOWN = dict.fromkeys(map(ord, "\u200b"))      # laid out, never written into the PDF
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+(?:[\s\u00a0\-‐’']+[\u0400-\u04ff]+)*")

_install_line_end_text()


# -------------------------------------------------------------------------------------- metadata

class _PlainStream(PDFStream):
    """A stream written as it is, with no filter (XMP metadata must stay readable to any tool)."""

    def format(self, document):
        content = document.encrypt.encode(self.content)
        dictionary = PDFDictionary(dict(self.dictionary.dict, Length=len(content)))
        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"endstream\n"


def _xmp(title: str, lang: str, subject: str, author: str, ua: bool = True) -> str:
    creator = f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>" if author else ""
    desc = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt>'
            "</dc:description>") if subject else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"{creator}{desc}"
        f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>\n"
        "<pdf:Producer>guide (ReportLab)</pdf:Producer>\n"
        + ("<pdfuaid:part>1</pdfuaid:part>\n" if ua else "") +
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def text_string(text: str):
    """A PDF text string any reader decodes: ASCII as it is, anything else as UTF-16BE with its byte-order
    mark (ReportLab would write PDFDocEncoding, which some readers take for UTF-8 or for UTF-16 without a
    mark, and fail on)."""
    import codecs

    from reportlab.pdfbase.pdfdoc import PDFString

    if text.isascii():
        return PDFString(text)
    return PDFString(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), enc="raw")


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode map for a subset font, without the entries that map unused codes to U+0000."""
    used = [(i, v) for i, v in enumerate(subset) if v]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        *([f"{len(used)} beginbfchar", *("<%02X> <%04X>" % (i, v) for i, v in used), "endbfchar"] if used else []),
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def _install_to_unicode() -> None:
    from reportlab.pdfbase import ttfonts
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


_install_to_unicode()
