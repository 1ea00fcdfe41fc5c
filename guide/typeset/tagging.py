"""Tagged PDF (PDF/UA-1): the structure tree, marked content and artifacts — all of it in this module.

While pages are drawn, every flowable that `flowables.tag()` gave a role writes its content inside a
marked-content sequence (`/P <</MCID n>> BDC … EMC`) and becomes a structure element; containers (boxes,
tables, the contents) become parents of what they hold; page furniture, rules and tints are artifacts.
After the build, `finish()` writes the structure tree, the ParentTree, MarkInfo, the XMP metadata with
the PDF/UA identification, tab order, link structure and clean ToUnicode maps, using pikepdf.

Roles used: Document, Sect, H1–H4, P, L/LI/LBody, BlockQuote, Div, Table/TR/TH/TD, TOC/TOCI/Lbl/Reference,
Figure (with /Alt), Caption, Note (with /ID), Link, Form.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

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
        self.boxes: list[tuple[int, tuple, Elem]] = []      # (page, bbox, elem) of marked content
        self.elements: dict[int, Elem] = {}                 # flowable key → element (split parts share it)
        self.artifact_depth = 0

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
            text = _plain(flowable)
            if text and "lang" not in attrs:
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

    def begin_content(self, canv, elem: Elem, bbox) -> None:
        page = canv.getPageNumber()
        mcids = self.page_mcids.setdefault(page, [])
        mcid = len(mcids)
        mcids.append(elem)
        elem.kids.append((page, mcid))
        self.boxes.append((page, bbox, elem))
        tag = elem.role if elem.role not in ("LBody",) else "LBody"
        canv.addLiteral(f"/{tag} <</MCID {mcid}>> BDC")

    def end_content(self, canv) -> None:
        canv.addLiteral("EMC")


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
    if hasattr(flowable, "getPlainText"):
        flowable._source_text = _plain(flowable)
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
            p._source_text = getattr(src, "_source_text", "")
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
        tagger.begin_content(canv, elem, (x, y, x + getattr(self, "width", 0), y + getattr(self, "height", 0)))
        canv._guide_source = getattr(self, "_source_text", "")
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


# -------------------------------------------------------------------------------------- finishing

def _pdf_string(text: str):
    """A PDF text string in UTF-16BE with a byte-order mark (unambiguous for every reader)."""
    import pikepdf
    return pikepdf.String(b"\xfe\xff" + text.encode("utf-16-be"))


def finish(pdf_bytes: bytes, tagger: Tagger, *, title: str, lang: str = "en",
           link_labels: dict[str, str] | None = None, subject: str = "", author: str = "") -> bytes:
    """Write the structure tree and the PDF/UA furniture into a built PDF."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    link_labels = link_labels or {}
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    pages = list(pdf.pages)
    root = pdf.Root
    page_refs = {i + 1: p.obj for i, p in enumerate(pages)}

    # Links: each link annotation becomes a Link element inside the element whose content it lies on.
    annots: list[tuple[int, object, object]] = []
    for number, page in enumerate(pages, 1):
        for annot in page.obj.get("/Annots", Array()):
            if annot.get("/Subtype") == Name.Link:
                annots.append((number, annot, _annot_target(annot)))
    link_elems = []
    for number, annot, target in annots:
        rect = [float(v) for v in annot.Rect]
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        owner = None
        for page, bbox, elem in tagger.boxes:
            if page == number and bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1:
                owner = elem
        owner = owner or tagger.root
        link = Elem("Link", owner)
        owner.kids.append(link)
        link.kids.append(("annot", number, annot))
        link_elems.append(link)
        label = link_labels.get(target or "", "") or (f"Link to {target}" if target else "Link")
        annot.Contents = _pdf_string(label)

    # Build the structure elements, depth first.
    made: dict[int, object] = {}
    parent_tree: dict[int, object] = {}
    next_key = len(pages)

    def build(elem: Elem, parent_obj):
        nonlocal next_key
        d = Dictionary(Type=Name.StructElem, S=Name("/" + elem.role), P=parent_obj)
        obj = pdf.make_indirect(d)
        made[id(elem)] = obj
        kids = Array()
        pages_of = {k[0] for k in elem.kids if isinstance(k, tuple) and k[0] != "annot"}
        single_page = len(pages_of) == 1
        if single_page:
            d.Pg = page_refs[next(iter(pages_of))]
        for kid in elem.kids:
            if isinstance(kid, Elem):
                kids.append(build(kid, obj))
            elif kid[0] == "annot":
                _, number, annot = kid
                key = next_key
                next_key += 1
                annot.StructParent = key
                parent_tree[key] = obj
                kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=page_refs[number]))
            else:
                page, mcid = kid
                if single_page:
                    kids.append(mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=page_refs[page], MCID=mcid))
        d.K = kids
        a = elem.attrs
        if a.get("alt"):
            d.Alt = _pdf_string(a["alt"])
        if a.get("lang"):
            d.Lang = _pdf_string(a["lang"])
        if a.get("title"):
            d.T = _pdf_string(a["title"])
        if a.get("id"):
            d.ID = pikepdf.String(a["id"])
        if a.get("scope") or a.get("colspan"):
            d.A = Dictionary(O=Name.Table)
            if a.get("scope"):
                d.A.Scope = Name("/" + a["scope"])
            if a.get("colspan"):
                d.A.ColSpan = a["colspan"]
        if a.get("bbox"):
            x0, y0, x1, y1 = a["bbox"]
            d.A = Dictionary(O=Name.Layout, BBox=Array([x0, y0, x1, y1]), Placement=Name.Block)
        return obj

    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = build(tagger.root, tree_root)
    tree_root.K = Array([doc])
    nums = Array()
    for number in range(1, len(pages) + 1):
        elems = tagger.page_mcids.get(number, [])
        nums.append(number - 1)
        nums.append(pdf.make_indirect(Array([made[id(e)] for e in elems])))
        pages[number - 1].obj.StructParents = number - 1
    for key in sorted(parent_tree):
        nums.append(key)
        nums.append(parent_tree[key])
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = next_key
    root.StructTreeRoot = tree_root
    root.MarkInfo = Dictionary(Marked=True)
    root.Lang = _pdf_string(lang)
    vp = root.get("/ViewerPreferences", Dictionary())
    vp.DisplayDocTitle = True
    root.ViewerPreferences = vp
    for page in pages:
        page.obj.Tabs = Name.S
    root.Metadata = pdf.make_stream(_xmp(title, lang, subject, author).encode("utf-8"),
                                    Type=Name.Metadata, Subtype=Name.XML)
    _clean_tounicode(pdf)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _annot_target(annot) -> str | None:
    dest = annot.get("/Dest")
    if dest is None and "/A" in annot:
        dest = annot.A.get("/D")
    if dest is None:
        return None
    try:
        return str(dest)
    except Exception:  # noqa: BLE001
        return None


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
        "<pdf:Producer>guide (ReportLab, pikepdf)</pdf:Producer>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<0000>\s*")


def _clean_tounicode(pdf) -> None:
    """ReportLab maps the unused codes of its subset fonts to U+0000: drop those entries."""
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            tu = font.get("/ToUnicode")
            if tu is None or tu.objgen in seen:
                continue
            seen.add(tu.objgen)
            data = tu.read_bytes()
            if b"<0000>" not in data:
                continue

            def fix_block(match):
                body = match.group(2)
                entries = re.findall(rb"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>", body)
                keep = [e for e in entries if not e.rstrip().endswith(b"<0000>")]
                if not keep:
                    return b""
                return b"%d beginbfchar\n" % len(keep) + b"\n".join(keep) + b"\nendbfchar"

            data = re.sub(rb"(\d+) beginbfchar(.*?)endbfchar", fix_block, data, flags=re.S)
            tu.write(data)
