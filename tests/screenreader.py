"""What a screen reader gets from a tagged PDF: the structure tree walked in order, its marked content
followed by id, `ActualText` applied, artifacts skipped — read with pikepdf alone.

`read(path)` returns the tree of `Node`s. The text of a marked-content sequence is exactly the strings its
text operators show, decoded through the fonts' ToUnicode maps: nothing is inferred from where glyphs stand,
so a line break that the PDF does not spell out as a space joins the words on either side, as it does for a
reader that follows the tags. Each piece of text keeps the language in force where it stands (`/Lang` of the
nearest element that has one, else the catalog's).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

# Elements read as part of the text around them; every other element is a block of its own.
INLINE = {"Span", "Link", "Quote", "Code", "Reference", "BibEntry", "Annot", "Ruby", "Warichu"}


@dataclass
class Chunk:
    text: str
    lang: str


@dataclass
class Node:
    role: str
    obj: object
    lang: str
    kids: list = field(default_factory=list)      # Node | Chunk
    objrs: list = field(default_factory=list)     # annotations (OBJR) of this element
    parent: "Node | None" = None

    def chunks(self):
        """The text pieces of this element and all its descendants, in reading order."""
        for k in self.kids:
            if isinstance(k, Chunk):
                yield k
            else:
                yield from k.chunks()

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chunks())

    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.walk()

    def blocks(self):
        """(block element, its chunks) in reading order: a block's text holds its own content and that of its
        inline elements; the blocks inside it come after it, each on its own. A list item is one block: its
        label and its body are read together ("4. What does…")."""
        own: list = []
        below: list = []

        def inline(node):
            for k in node.kids:
                if isinstance(k, Chunk):
                    own.append(k)
                elif is_inline(k, node):
                    inline(k)
                else:
                    below.append(k)
        inline(self)
        out = [(self, own)] if own else []
        for k in below:
            out += k.blocks()
        return out


def is_inline(node, parent) -> bool:
    return node.role in INLINE or parent.role == "LI" and node.role in ("Lbl", "LBody")


# -------------------------------------------------------------------------------------------- fonts

def _hex(s: bytes) -> bytes:
    return bytes.fromhex(s.decode("ascii"))


def _utf16(b: bytes) -> str:
    return b.decode("utf-16-be", errors="replace")


class _Font:
    def __init__(self, font):
        self.map: dict[bytes, str] = {}
        self.width = 1
        tu = font.get("/ToUnicode")
        if tu is None:
            self.map = {bytes([i]): chr(i) for i in range(256)}
            return
        data = tu.read_bytes()
        m = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
        if m:
            self.width = len(m.group(1)) // 2
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.map[_hex(src)] = _utf16(_hex(dst))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])",
                                          block):
                a, b = int(lo, 16), int(hi, 16)
                n = len(lo) // 2
                if dst.startswith(b"["):
                    for i, d in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dst)):
                        self.map[(a + i).to_bytes(n, "big")] = _utf16(_hex(d))
                else:
                    start = int(dst[1:-1], 16)
                    width = (len(dst) - 2) // 2
                    for i in range(b - a + 1):
                        self.map[(a + i).to_bytes(n, "big")] = _utf16((start + i).to_bytes(width, "big"))

    def decode(self, data: bytes) -> str:
        w = self.width
        return "".join(self.map.get(data[i:i + w], "\ufffd") for i in range(0, len(data), w))


# ----------------------------------------------------------------------------------- marked content

@dataclass
class PageText:
    marked: dict          # mcid → text (ActualText applied, artifacts left out)
    artifacts: list       # text drawn as artifacts
    unmarked: list        # text drawn outside any marked content


def _page_text(page, fonts_cache: dict) -> PageText:
    marked: dict[int, list[str]] = {}
    artifacts: list[str] = []
    unmarked: list[str] = []

    def run(stream, resources, stack):
        font = None
        for ins in pikepdf.parse_content_stream(stream):
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                continue
            op, args = str(ins.operator), list(ins.operands)
            if op in ("BDC", "BMC"):
                props = args[1] if op == "BDC" and len(args) > 1 else None
                if isinstance(props, pikepdf.Name):     # properties named in the resources
                    props = resources.get("/Properties", {}).get(props)
                tag = str(args[0])
                entry = {"tag": tag, "mcid": None, "actual": None, "artifact": tag == "/Artifact"}
                if isinstance(props, pikepdf.Dictionary):
                    if "/MCID" in props:
                        entry["mcid"] = int(props.MCID)
                    if "/ActualText" in props:
                        entry["actual"] = str(props.ActualText)
                stack.append(entry)
                if entry["actual"] is not None and not any(e["artifact"] for e in stack):
                    emit(stack, entry["actual"], replaced=False)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Tf":
                name = args[0]
                f = resources.Font[name]
                key = f.objgen if f.is_indirect else id(f)
                font = fonts_cache.get(key) or fonts_cache.setdefault(key, _Font(f))
            elif op in ("Tj", "'", '"', "TJ"):
                if op == "TJ":
                    data = b"".join(bytes(x) for x in args[0] if isinstance(x, pikepdf.String))
                else:
                    data = bytes(args[-1])
                emit(stack, font.decode(data) if font else data.decode("latin-1"), replaced=True)
            elif op == "Do":
                xobj = resources.get("/XObject", {}).get(args[0])
                if xobj is not None and xobj.get("/Subtype") == "/Form":
                    run(xobj, xobj.get("/Resources", resources), stack)

    def emit(stack, text, replaced):
        if any(e["artifact"] for e in stack):
            artifacts.append(text)
            return
        if replaced and any(e["actual"] is not None for e in stack):
            return      # shown text inside an ActualText span: the span's ActualText stands for it
        mcid = next((e["mcid"] for e in reversed(stack) if e["mcid"] is not None), None)
        if mcid is None:
            unmarked.append(text)
        else:
            marked.setdefault(mcid, []).append(text)

    run(page, page.Resources, [])
    return PageText({k: "".join(v) for k, v in marked.items()}, artifacts, unmarked)


# -------------------------------------------------------------------------------------------- tree

@dataclass
class Reading:
    root: Node
    pages: list             # PageText per page
    pdf: object
    used: set               # (page, mcid) the tree refers to

    def unreferenced(self) -> list[str]:
        """Text in marked content that no structure element refers to."""
        return [t for i, p in enumerate(self.pages) for m, t in p.marked.items() if (i, m) not in self.used
                and t.strip()]


def read(path) -> Reading:
    pdf = pikepdf.open(path)
    page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    fonts: dict = {}
    pages = [_page_text(p, fonts) for p in pdf.pages]
    used: set = set()
    doc_lang = str(pdf.Root.get("/Lang", ""))

    def content(page, mcid, node):
        used.add((page, mcid))
        text = pages[page].marked.get(mcid, "") if page is not None else ""
        if text:
            node.kids.append(Chunk(text, node.lang))

    def walk(elem, parent: Node | None, page, lang):
        lang = str(elem["/Lang"]) if "/Lang" in elem else lang
        node = Node(str(elem.get("/S", ""))[1:], elem, lang, parent=parent)
        pg = elem.get("/Pg")
        page = page_index.get(pg.objgen, page) if pg is not None else page
        kids = elem.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for replacement in ("/ActualText", "/Alt"):      # read instead of the element's content
            if replacement in elem:
                node.kids.append(Chunk(str(elem[replacement]), lang))
                return node
        for k in kids:
            if isinstance(k, int):
                content(page, int(k), node)
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                content(page_index[k.Pg.objgen] if "/Pg" in k else page, int(k.MCID), node)
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                node.objrs.append(k.Obj)
            elif isinstance(k, pikepdf.Dictionary):
                node.kids.append(walk(k, node, page, lang))
        return node

    root = Node("StructTreeRoot", pdf.Root.StructTreeRoot, doc_lang)
    for top in _as_list(pdf.Root.StructTreeRoot.get("/K")):
        root.kids.append(walk(top, root, None, doc_lang))
    return Reading(root, pages, pdf, used)


def _as_list(k):
    return list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []
