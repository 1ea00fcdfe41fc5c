"""Renderers of the front matter: title page, imprint, contents; a worksheet's name line."""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer, Table

from ..markup import Span
from ..plan import Contents, Imprint, NameLine, TitlePage
from ..plan.labels import LABELS
from .flowables import Marker, PageRef, table_style, tag
from .inline import esc, quoteattr
from .story import Renderer
from .styles import color


def title_page(r: Renderer, p: TitlePage) -> list:
    t = r.theme
    page_h = r.layout.frame_height
    out: list = [Marker(p.key, p.title, level=0, running_head="")]
    out.append(Spacer(1, page_h * 0.18))
    out.append(r.para(esc(p.kicker.upper()), "kicker", role="P"))
    out.append(r.para(esc(p.title), "title", role="H1"))
    if p.subtitle:
        out.append(r.para(esc(p.subtitle), "subtitle"))
    rule = Table([[Spacer(1, 1)]], colWidths=[r.width * 0.35], rowHeights=[3])
    rule.setStyle(table_style(t, [("BACKGROUND", (0, 0), (-1, -1), color(t.accent))]))
    rule.hAlign = "LEFT"
    out += [tag(rule, "Artifact"), Spacer(1, t.leading * 1.5)]
    out.append(r.para(esc(p.level_line), "subtitle"))
    out.append(Spacer(1, page_h * 0.22))
    for line in p.people:
        out.append(r.para(esc(line), "lead"))
    out.append(Spacer(1, t.leading * 0.5))
    out.append(r.para(esc(p.date), "small"))
    return out


def _plain(spans: list[Span]) -> str:
    """The imprint's text: plain words, and the tool's name in italics."""
    return "".join(f"<i>{_plain(s.children)}</i>" if s.kind == "em" else esc(s.text) if s.kind == "text"
                   else _plain(s.children) for s in spans)


def imprint(r: Renderer, p: Imprint) -> list:
    out: list = [NextPageTemplate("body-even" if r.layout.two_sided else "body"), PageBreak(),
                 Marker(p.key, running_head="")]
    out.append(Spacer(1, r.theme.leading * 8))
    for head, text in p.items:
        out.append(r.para(esc(head), "h3", role="H2"))
        if head == LABELS["how made"]:       # the typefaces are the PDF's own (a Word file uses the reader's)
            text = text + [Span("text", " " + LABELS["typefaces"].format(" and ".join(r.theme.typefaces)))]
        out.append(r.para(_plain(text), "small"))
    return out


def contents(r: Renderer, p: Contents) -> list:
    t = r.theme
    out: list = [PageBreak(), *r.heading(p.title, 1, p.key, running_head="")]
    rows = []
    for e in p.entries:
        link = quoteattr("#" + e.key)
        rows.append([r.para(esc(e.number), "toc1", role="Lbl"),
                     r.para(f"<a href={link}>{esc(e.title)}</a>", "toc1", role="Reference"),
                     tag(PageRef(e.key, r.st["toc_num"]), "Reference")])
    num_w = t.body_size * 2.2
    page_w = t.body_size * 3.5
    table = Table(rows, colWidths=[num_w, r.width - num_w - page_w, page_w])
    table.setStyle(table_style(t, [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), t.leading * 0.25), ("BOTTOMPADDING", (0, 0), (-1, -1), t.leading * 0.25),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, color(t.rule)),
    ]))
    out.append(tag(table, "TOC"))
    return out


def name_line(r: Renderer, p: NameLine) -> list:
    t = r.theme
    cells = []
    for name in p.fields:
        cells += [r.para(esc(name), "cell_small", role="P"), Spacer(1, 1)]
    # each label as wide as its word and its own padding (never broken, at any type size: ReportLab pads a
    # cell 6 pt a side unless told, more than the gap once allowed); a gap before each label after the first
    # parts it from the blank before it; the blanks share the rest 40:16:19
    small = r.st["cell_small"]
    gap, after = small.fontSize * 0.8, small.fontSize * 0.4
    labels = [stringWidth(name, small.fontName, small.fontSize) + after + 1 + (gap if i else 0)
              for i, name in enumerate(p.fields)]
    shares = ([0.4, 0.16, 0.19] + [0.2] * len(labels))[:len(labels)]
    rest = max(r.width - sum(labels), 0)
    widths = []
    for label, share in zip(labels, shares):
        widths += [label, rest * share / sum(shares)]
    table = Table([cells], colWidths=widths)
    blanks = [("LINEBELOW", (c, 0), (c, 0), 0.6, color(t.ink)) for c in range(1, len(widths), 2)]
    labels_pad = [("LEFTPADDING", (c, 0), (c, 0), gap) for c in range(2, len(widths), 2)]
    table.setStyle(table_style(t, blanks + [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)] + labels_pad
        + [("RIGHTPADDING", (c, 0), (c, 0), after) for c in range(0, len(widths), 2)]))
    return [tag(table, "Div"), Spacer(1, t.leading * 0.8)]
