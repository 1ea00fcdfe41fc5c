"""Tagged PDF (PDF/UA-1): the structure tree, marked content and artifacts — all of it in this module.

While pages are drawn, every flowable that `flowables.tag()` gave a role writes its content inside a
marked-content sequence (`/P <</MCID n>> BDC … EMC`) and becomes a structure element; containers (boxes,
tables, the contents) become parents of what they hold; page furniture, rules and tints are artifacts.
Each link annotation becomes a Link element inside the element being drawn when it is made
(`TaggingCanvas`). When the last page is laid out, `Tagger.write()` adds the structure tree, the
ParentTree, MarkInfo, the XMP metadata with the PDF/UA identification and the tab order to ReportLab's own
document before it is saved: the PDF is written once, never parsed again. ToUnicode maps leave out the
unused codes of subset fonts (`_to_unicode_cmap`).

Roles used: Document, Sect, H1–H4, P, L/LI/LBody, BlockQuote, Div, Table/TR/TH/TD, TOC/TOCI/Lbl/Reference,
Figure (with /Alt), Caption, Note (with /ID), Link, Form.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFStream
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

from .inline import esc as escape

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")


@dataclass(eq=False)
class Elem:
    role: str
    parent: "Elem | None" = None
    kids: list = field(default_factory=list)    # Elem | (page, mcid) | ("annot", page, annot_index)
    attrs: dict = field(default_factory=dict)   # alt, lang, id, title, scope, bbox
    open_list: "Elem | None" = None

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
        self.links: list[tuple[object, str, str]] = []      # (annotation, "dest" or "url", target)

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
            text = _source(flowable)
            if text and "lang" not in attrs and _CYRILLIC.search(text):
                cyr, lat = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
                if cyr > lat:
                    attrs["lang"] = "ru"
            role = flowable._role
            if self.parent.role in ("TH", "TD") and role in ("TH", "TD"):
                role = "P"      # the cell is the TH/TD; what it holds are paragraphs
            attrs.pop("scope", None) if role == "P" else None
            elem = self.parent.add(role, **attrs)
            if key is not None:
                self.elements[key] = elem
        return elem

    def begin_content(self, canv, elem: Elem) -> None:
        page = canv.getPageNumber()
        mcids = self.page_mcids.setdefault(page, [])
        mcid = len(mcids)
        mcids.append(elem)
        elem.kids.append((page, mcid))
        self.drawing.append(elem)
        canv.addLiteral(f"/{elem.role} <</MCID {mcid}>> BDC")

    def end_content(self, canv) -> None:
        canv.addLiteral("EMC")
        self.drawing.pop()

    # -- links ------------------------------------------------------------------------------------
    def link(self, page: int, annotation, kind: str, target: str) -> None:
        """A link annotation made while drawing: a Link element in the element being drawn."""
        owner = self.drawing[-1] if self.drawing else self.root
        link = Elem("Link", owner)
        owner.kids.append(link)
        link.kids.append(("annot", page, annotation))
        self.links.append((annotation, kind, target))

    # -- writing ----------------------------------------------------------------------------------
    def write(self, canv, *, title: str, lang: str = "en", subject: str = "", author: str = "",
              link_labels: dict[str, str] | None = None) -> None:
        """Add the structure tree and the PDF/UA furniture to the canvas's document, before it is saved."""
        from reportlab.pdfbase.pdfdoc import PDFArray, PDFName as _pdf_name, PDFPage, PDFString

        PDFName = lru_cache(maxsize=None)(_pdf_name)     # a handful of names, thousands of uses

        doc = canv._doc
        pages = doc.Pages.pages
        page_refs = [doc.Reference(p) for p in pages]
        labels = link_labels or {}
        made: dict[int, object] = {}
        parent_tree: list[tuple[int, object]] = []
        next_key = len(pages)

        for annotation, kind, target in self.links:
            label = target if kind == "url" else (labels.get(target) or f"Link to {target}")
            if isinstance(annotation, PDFDictionary):      # canvas.linkURL makes a bare dictionary
                annotation["Contents"] = PDFString(label)
            else:                                          # canvas.linkRect makes a LinkAnnotation
                annotation.Contents = label

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
                    d[name] = PDFString(a[attr])
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
        known = {*catalog.__NoDefault__, *catalog.__Defaults__}    # (older ReportLabs list fewer keys)
        catalog.__NoDefault__ = [*catalog.__NoDefault__,
                                 *(k for k in ("StructTreeRoot", "MarkInfo", "Metadata", "Lang") if k not in known)]
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.Lang = PDFString(lang)
        catalog.Metadata = _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                                        _xmp(title, lang, subject, author).encode("utf-8") + b"\n")


def _source(flowable) -> str:
    """The whole text of a flowable as written (split parts keep their original's), worked out once."""
    text = getattr(flowable, "_source_text", None)
    if text is None:
        text = _plain(flowable)
        try:
            flowable._source_text = text
        except AttributeError:     # graphics shapes refuse unknown attributes
            pass
    return text


def _plain(flowable) -> str:
    get = getattr(flowable, "getPlainText", None)
    try:
        return get() if get else ""
    except Exception:  # noqa: BLE001 - a flowable without text
        return ""


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
            p._source_text = _source(src)
            if hasattr(p, "_cellvalues"):
                p._renderCB = p._tag_render
    return parts


def _make_class(cls: type) -> type:
    from reportlab.platypus import Table

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
        tagger.begin_content(canv, elem)
        canv._guide_source = _source(self)
        try:
            return cls.drawOn(self, canv, x, y, _sW)
        finally:
            canv._guide_source = ""
            tagger.end_content(canv)

    def split(self, *args, **kw):
        parts = cls.split(self, *args, **kw)
        parts = _copy_role(self, parts)
        if is_table and len(parts) > 1 and getattr(self, "repeatRows", 0):
            for p in parts[1:]:
                p._repeated_rows = self.repeatRows
        return parts

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
        tagger = getattr(self, "_guide_tagger", None)
        if tagger is not None and addtopage and self._guide_link is not None:
            tagger.link(self.getPageNumber(), annotation, *self._guide_link)
        return super()._addAnnotation(annotation, name, addtopage)


# ------------------------------------------------------------------------------ text at line ends

def _install_line_end_text() -> None:
    """Make tagged text read as it is meant, across line breaks.

    ReportLab writes no space where a line breaks, so extracted text runs words together ("copywas").
    In tagged output each line that ends a word gets a trailing space (invisible at the line's end), and a
    hyphen inserted by hyphenation is wrapped in a Span whose ActualText is empty, so that "com-" + "manders"
    reads "commanders". A hyphen that was in the text itself ("Stalin-era") is kept."""
    from reportlab.pdfgen.textobject import PDFTextObject

    original = PDFTextObject._textOut
    if getattr(original, "_guide", False):
        return

    def _textOut(self, text, TStar=0):
        canv = getattr(self, "_canvas", None)
        tagger = getattr(canv, "_guide_tagger", None)
        if not (TStar and text and tagger is not None and not tagger.artifact_depth):
            return original(self, text, TStar)
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            word = text.split()[-1]
            if not re.search(re.escape(word) + r"\w", getattr(canv, "_guide_source", "")):
                original(self, text[:-1], 0)
                self._code.append("/Span <</ActualText <FEFF>>> BDC")
                original(self, "-", 0)
                self._code.append("EMC")
                return original(self, "", TStar)
            return original(self, text, TStar)
        if not text.endswith((" ", "\u00a0")):
            text += " "
        return original(self, text, TStar)

    _textOut._guide = True
    PDFTextObject._textOut = _textOut


_install_line_end_text()


# -------------------------------------------------------------------------------------- metadata

class _PlainStream(PDFStream):
    """A stream written as it is, with no filter (XMP metadata must stay readable to any tool)."""

    def format(self, document):
        content = document.encrypt.encode(self.content)
        dictionary = PDFDictionary(dict(self.dictionary.dict, Length=len(content)))
        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"endstream\n"


def _xmp(title: str, lang: str, subject: str, author: str) -> str:
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
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


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
