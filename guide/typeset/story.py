"""What every part renderer shares: styles, the frame's size, tagged paragraphs, headings, boxes, tables.

The renderers themselves (`front`, `sections`, `answers`, `back`) are functions `(Renderer, part) →
flowables`, registered by the kind of part in `parts.PARTS`. Nothing here decides what to print.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph, Table

from ..layout import Layout
from ..plan import Plan
from ..theme import Theme
from .boxes import box
from .columns import columns_fit, fit_columns
from .flowables import FillingTable, GuideParagraph, Marker, table_style, tag
from .inline import Inline, esc
from .styles import color, styles




class Renderer:
    def __init__(self, plan: Plan, theme: Theme):
        doc = plan.document
        self.plan = plan
        self.doc = doc
        self.theme = theme
        self.layout: Layout = plan.layout
        self.pagesize = plan.layout.pagesize
        self.width = plan.layout.frame_width
        self.st = styles(theme)
        self.sources = doc.sources or {s.id: s for s in doc.bibliography}
        self.glossary_ids = plan.glossary_ids
        self.term_names = {t.term.id: t.term.term for t in doc.glossary}
        self.level = 1                               # the outline level of the last heading

    def inline(self, section: int | None = None, notes: bool = True, link_terms: bool = True) -> Inline:
        """How spans print here: with `notes`, a citation numbered in `section` is a note reference (else
        "(Author year)"); with `link_terms`, a term's first use is bold and links to the glossary."""
        return Inline(self.theme, self.sources, self.glossary_ids, section, notes, link_terms, self.term_names)

    def box(self, flowables: list, kind: str = "callout"):
        return box(flowables, self.theme, self.width, kind, frame_height=self.layout.frame_height)

    def para(self, markup: str, style: str = "body", role: str = "P", scope: str | None = None, **kw) -> Paragraph:
        """A tagged paragraph. Heading roles H1–H6 set the outline level; "BoxH" (a box's title) and "BoxH2"
        (a heading inside a box) are one and two levels below it, so heading levels never skip."""
        if role in ("BoxH", "BoxH2"):
            role = f"H{min(self.level + (1 if role == 'BoxH' else 2), 6)}"
        elif len(role) == 2 and role[0] == "H" and role[1].isdigit():
            self.level = int(role[1])
        return tag(GuideParagraph(markup, self.st[style], **kw), role, **({"scope": scope} if scope else {}))

    def heading(self, text: str, level: int, key: str | None = None, style: str | None = None,
                listed: bool = False, running_head: str | None = None) -> list:
        """A heading with its destination and outline entry; `listed`: it is an entry of the contents."""
        out = []
        if key:
            out.append(Marker(key, text, level=level - 1, toc=listed, running_head=running_head))
        out.append(self.para(esc(text), style or f"h{level}", role=f"H{level}"))
        return out

    def table(self, rows, widths, head: bool = True, year_rows=(), long_entries: bool = False) -> Table:
        """A table; of `long_entries` (glossary, who's who), one whose entries may break between their lines
        rather than leave a sixth of the page empty."""
        t = self.theme
        # (a group row spans the table: it asks no column for room)
        words = [row for i, row in enumerate(rows) if i not in year_rows]
        pad = t.body_size * 0.8
        if not columns_fit(words, widths, pad):     # a narrow page: a tighter gutter before a broken word
            pad = t.body_size * 0.4
        widths = fit_columns(words, widths, pad)
        if long_entries:
            table = FillingTable(rows, colWidths=widths, repeatRows=1 if head else 0,
                                 max_gap=self.layout.frame_height / 6, min_part=t.leading * 2.2)
        else:
            table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), t.leading * 0.2), ("BOTTOMPADDING", (0, 0), (-1, -1), t.leading * 0.3),
        ]
        if head:
            cmds += [("LINEBELOW", (0, 0), (-1, 0), 0.8, color(t.ink)),
                     ("BOTTOMPADDING", (0, 0), (-1, 0), t.leading * 0.25)]
        for r in year_rows:     # a group row (a chronology's year) never ends a page: it keeps with its first row
            cmds += [("SPAN", (0, r), (-1, r)), ("TOPPADDING", (0, r), (-1, r), t.leading * 0.6),
                     ("LINEBELOW", (0, r), (-1, r), 0.4, color(t.rule))]
            if r + 1 < len(rows):
                cmds.append(("NOSPLIT", (0, r), (-1, r + 1)))
        table.setStyle(table_style(t, cmds))
        return table
