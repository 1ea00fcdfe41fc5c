"""The .docx writer's tools, on python-docx: styles, runs from markup spans, lists, fields, bookmarks, links,
tables and pictures. Only Word's styles carry the look, never direct formatting, so that a teacher can
restyle the whole document from the Styles pane; `docx_parts.py` decides what goes where.

Text reaches the document only through python-docx's run text (it is XML-escaped there): nothing of the
content is ever parsed as markup. Cyrillic runs get the language ru-RU; the document's default is en-US.
"""
from __future__ import annotations

import io
import re

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from ..bibliography import author_date
from ..markup import Span
from .common import russian_runs

TABLE_STYLE = "Light List Accent 1"
NOTE_STYLE, NOTE_REF_STYLE, LINK_STYLE = "Endnote Text", "Endnote Reference", "Hyperlink"
LINE_STYLE = "Answer Line"       # an empty paragraph ruled at its foot: room to write on a worksheet
_BOOKMARK = re.compile(r"[^A-Za-z0-9_]")
# a web address (as typeset/inline.py finds one): a full stop, comma or bracket at its end is the sentence's
_URL = re.compile(r"https?:\u200b?/\u200b?/[^\s<>\"]+?(?=[.,;:)\]]*(?:\s|$))")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b"))


def bookmark_name(*parts) -> str:
    """A Word bookmark name: letters, digits and _, starting with a letter, at most 40 characters."""
    name = "g_" + "_".join(_BOOKMARK.sub("_", str(p)) for p in parts)
    if len(name) > 40:      # shortened, kept apart from others by a hash of the whole
        import hashlib
        name = name[:31] + "_" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return name


class Writer:
    def __init__(self, sources: dict | None = None):
        self.sources = sources or {}            # source id → Source: a citation outside the body is (Author year)
        self.docx = new_docx()
        self.body = self.docx
        self._bookmarks = 0
        self._setup_styles()
        self._ids = {st.name: st.style_id for st in self.docx.styles}

    def add(self, style: str = "Normal", container=None):
        """A new paragraph in `style` (set by its id: python-docx's lookup by name is slow)."""
        p = (container or self.body).add_paragraph()
        if style != "Normal":
            p._p.style = self._ids[style]
        return p

    # -- styles -------------------------------------------------------------------------------------
    def _setup_styles(self) -> None:
        styles = self.docx.styles
        rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "en-US")
        lang.set(qn("w:bidi"), "ar-SA")
        if NOTE_STYLE not in [s.name for s in styles]:
            note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            note.base_style = styles["Normal"]
            note.font.size = Pt(10)
            note.paragraph_format.space_after = Pt(3)
            ref = styles.add_style(NOTE_REF_STYLE, WD_STYLE_TYPE.CHARACTER)
            ref.font.superscript = True
            link = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
            link.font.underline = True
            link.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            line = styles.add_style(LINE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            line.base_style = styles["Normal"]
            line.paragraph_format.space_before = Pt(14)
            line.paragraph_format.space_after = Pt(0)
            ppr = line.element.get_or_add_pPr()
            borders = OxmlElement("w:pBdr")
            for edge in ("bottom", "between"):       # "between": each of several lines in a row is ruled
                b = OxmlElement(f"w:{edge}")
                for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "808080")):
                    b.set(qn(k), v)
                borders.append(b)
            spacing = ppr.find(qn("w:spacing"))
            (spacing.addprevious if spacing is not None else ppr.append)(borders)
        for name in (NOTE_STYLE, NOTE_REF_STYLE, LINK_STYLE, LINE_STYLE):
            styles[name].hidden = False
            styles[name].unhide_when_used = False
            styles[name].quick_style = name not in (NOTE_REF_STYLE, LINE_STYLE)

    def properties(self, title: str, author: str, subject: str, keywords: str, when) -> None:
        core = self.docx.core_properties
        core.title, core.author, core.subject, core.keywords = title, author, subject, keywords
        core.language = "en-US"
        core.comments = "Made with guide from structured content."
        core.last_modified_by = author
        core.revision = 1
        core.created = core.modified = when

    # -- paragraphs and runs ------------------------------------------------------------------------
    def para(self, style: str = "Normal", spans: list[Span] | None = None, text: str | None = None,
             notes: bool = True, links: dict[str, str] | None = None, bookmark: str | None = None):
        p = self.add(style)
        if bookmark:
            self.bookmark(p, bookmark)
        if text is not None:
            self.text(p, text)
        if spans:
            self.spans(p, spans, notes=notes, links=links or {})
        return p

    def text(self, p, text: str, style: str | None = None, parent=None) -> None:
        """Runs of plain text, each Cyrillic stretch in a run of its own marked Russian."""
        for piece, ru in russian_runs(text):
            r = self._run(parent if parent is not None else p._p, piece, style)
            if ru:
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), "ru-RU")
                r.get_or_add_rPr().append(lang)

    def _run(self, parent, text: str, style: str | None):
        r = OxmlElement("w:r")
        if style:
            rpr = OxmlElement("w:rPr")
            rs = OxmlElement("w:rStyle")
            rs.set(qn("w:val"), self._ids[style])
            rpr.append(rs)
            r.append(rpr)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        r.append(t)
        parent.append(r)
        return r

    def spans(self, p, spans: list[Span], notes: bool = True, links: dict[str, str] | None = None,
              style: str | None = None, section: int | None = None) -> None:
        """Markup spans as runs: *em* in the Emphasis style, **strong** in Strong; a citation is its note
        number (Endnote Reference style) linked to the note in a section's body, else "(Author year)"; a
        glossary term's first use links to the term when `links` has it."""
        links = links or {}
        for s in spans:
            if s.kind == "text":
                self.text_with_urls(p, s.text, style)
            elif s.kind == "em":
                self.spans(p, s.children, notes, links, "Emphasis", section)
            elif s.kind == "strong":
                self.spans(p, s.children, notes, links, "Strong", section)
            elif s.kind == "cite":
                if notes and s.note is not None and section is not None:
                    self.link(p, str(s.note), bookmark_name("note", section, s.note), NOTE_REF_STYLE)
                else:
                    labels = [author_date(self.sources[k]) for k, _ in s.cites if k in self.sources]
                    if labels:
                        self.text(p, f" ({'; '.join(labels)})", style)
            elif s.kind == "term":
                target = links.get(s.ref) if s.first else None
                if target:
                    self.link(p, "".join(c.plain() for c in s.children), target, LINK_STYLE)
                else:
                    self.spans(p, s.children, notes, links, style, section)
            elif s.kind != "hidden":
                self.spans(p, s.children, notes, links, style, section)

    def text_with_urls(self, p, text: str, style: str | None) -> None:
        """Text in which a web address is a link to itself (as in the PDF)."""
        at = 0
        for m in _URL.finditer(text):
            self.text(p, text[at:m.start()], style)
            url = m.group().translate(_ZERO_WIDTH)
            h = OxmlElement("w:hyperlink")
            h.set(qn("r:id"), self.docx.part.relate_to(url, RT.HYPERLINK, is_external=True))
            p._p.append(h)
            self.text(p, m.group(), LINK_STYLE, parent=h)
            at = m.end()
        self.text(p, text[at:], style)

    def link(self, p, text: str, anchor: str, style: str) -> None:
        h = OxmlElement("w:hyperlink")
        h.set(qn("w:anchor"), anchor)
        h.set(qn("w:history"), "1")
        p._p.append(h)
        self.text(p, text, style, parent=h)

    def bookmark(self, p, name: str) -> None:
        self._bookmarks += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self._bookmarks))
        ppr = p._p.find(qn("w:pPr"))          # the paragraph's properties come first (the schema's order)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p._p.insert(0, start)
        p._p.append(end)

    def answer_lines(self, count: int) -> None:
        for _ in range(count):
            self.add(LINE_STYLE)

    def page_break(self, p) -> None:
        """A page break at the start of paragraph `p` (a break in the text, as Ctrl+Enter makes)."""
        r = OxmlElement("w:r")
        br = OxmlElement("w:br")
        br.set(qn("w:type"), "page")
        r.append(br)
        p._p.insert(1 if p._p.find(qn("w:pPr")) is not None else 0, r)

    def page_ref(self, p, bookmark: str) -> None:
        """A PAGEREF field: the page of a bookmark, filled in by Word when fields are updated."""
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), f"PAGEREF {bookmark} \\h")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "?"
        r.append(t)
        fld.append(r)
        p._p.append(fld)

    # -- fields -------------------------------------------------------------------------------------
    def toc(self, placeholder: str) -> None:
        """A TOC field of headings 1–3 with links; Word fills it in when the document opens (updateFields)."""
        p = self.add()
        for kind, value in (("begin", None), ("instr", 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None),
                            ("text", placeholder), ("end", None)):
            r = OxmlElement("w:r")
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = value
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = value
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
                if kind == "begin":
                    el.set(qn("w:dirty"), "true")
            r.append(el)
            p._p.append(r)
        settings = self.docx.settings.element
        if settings.find(qn("w:updateFields")) is None:
            upd = OxmlElement("w:updateFields")
            upd.set(qn("w:val"), "true")
            settings.append(upd)

    # -- lists --------------------------------------------------------------------------------------
    def numbered(self, start: int = 1, letters: bool = False) -> str:
        """A new numbered list (its own numbering, starting at `start`): the numId to give its items."""
        numbering = self.docx.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        aid, nid = max(abstract_ids + [0]) + 1, max(num_ids + [0]) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(aid))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "singleLevel")
        abstract.append(multi)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", str(start)), ("w:numFmt", "upperLetter" if letters else "decimal"),
                         ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr, ind = OxmlElement("w:pPr"), OxmlElement("w:ind")
        ind.set(qn("w:left"), "720" if letters else "360")
        ind.set(qn("w:hanging"), "360")
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(nid))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(aid))
        num.append(ref)
        numbering.append(num)
        return str(nid)

    def item(self, num_id: str, spans: list[Span] | None = None, style: str = "List Number", **kw):
        """An item of the numbered list `num_id`."""
        p = self.para(style, spans, **kw)
        ppr = p._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", "0"), ("w:numId", num_id)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            numpr.append(el)
        ppr.append(numpr)
        return p

    # -- tables and pictures ------------------------------------------------------------------------
    def table(self, header: list[str], widths: list[float]):
        """A table in the table style, its first row a header row repeated on each page."""
        table = self.body.add_table(rows=1, cols=len(header))
        table.style = self.docx.styles[TABLE_STYLE]
        for cell, text in zip(table.rows[0].cells, header):
            self.text(cell.paragraphs[0], text)
        trpr = table.rows[0]._tr.get_or_add_trPr()
        head = OxmlElement("w:tblHeader")
        head.set(qn("w:val"), "true")
        trpr.append(head)
        for col, w in zip(table.columns, widths):
            col.width = Inches(w)
        return table

    def row(self, table, widths: list[float]):
        cells = table.add_row().cells
        for cell, w in zip(cells, widths):
            cell.width = Inches(w)
        return cells

    def picture(self, png: bytes, width_in: float, alt: str, name: str):
        """A picture in its own paragraph, with its alternative text (docPr descr) for screen readers."""
        p = self.add()
        run = p.add_run()
        run.add_picture(io.BytesIO(png), width=Inches(min(width_in, 6.5)))
        doc_pr = run._r.find(".//" + qn("wp:docPr"))
        doc_pr.set("name", name)
        doc_pr.set("descr", alt)
        doc_pr.set("title", name)
        return p

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.docx.save(buf)
        return buf.getvalue()
