"""The structure tree of a tagged PDF: its elements (`Elem`) and the `Tagger` that collects them while pages
are drawn and writes them into ReportLab's document before it is saved (see `tagging` for the whole)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.pdfbase.pdfdoc import PDFDictionary

from .pdf_metadata import catalog_keys, text_string


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
        catalog_keys(catalog, "StructTreeRoot", "MarkInfo")
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})

