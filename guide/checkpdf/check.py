"""The checker's run: read the file once, page by page, then the checks across pages."""
from __future__ import annotations

from pathlib import Path

import pikepdf

from . import body as body_checks
from .fonts import FontTable
from .geometry import geometry, guide_info
from .navigation import Destinations, check_contents, check_links, outline
from .reader import page_content
from .report import Finding, sort_findings
from .safety import inflation, structure
from .sheets import Page, scan_sheet
from .boxes import check_boxes
from .largeprint import check_large_print, check_page_numbers
from .space import check_underfull
from .tables import check_chronology, check_group_rows, check_header_breaks
from .typography import check_breaks, check_quotes, check_ragged


def run(path: Path, type_area) -> list[Finding]:
    findings: list[Finding] = []
    try:
        pdf = pikepdf.open(str(path))
    except Exception as exc:
        return [Finding(None, "unreadable", f"{path.name} cannot be read as a PDF ({exc})")]
    with pdf:
        bomb = inflation(pdf, path.name)
        if bomb:
            return [bomb]
        info = guide_info(pdf)
        frame, furniture = geometry(info, type_area, findings)
        findings += structure(path)
        dests = Destinations(pdf)
        try:
            check_links(pdf, dests, findings)
        except Exception as exc:
            findings.append(Finding(None, "link", f"the links cannot be read ({exc})"))
        entries = outline(pdf, dests, findings)

        fonts = FontTable()
        pages: list[Page] = []
        try:
            n = len(pdf.pages)
            order = None
            if frame is not None and n:
                box = [float(v) for v in pdf.pages[0].mediabox]
                width, height = box[2] - box[0], box[3] - box[1]
                if width > height and frame[2] <= width / 2 + 2.0:     # two-up booklet sheets
                    from ..impose import booklet_order
                    order = booklet_order(2 * n)
            for number, page in enumerate(pdf.pages, 1):
                content = page_content(page, number, fonts)
                pages += scan_sheet(content, number, frame, furniture, findings, order)
        except Exception as exc:
            findings.append(Finding(None, "unreadable", f"the pages cannot be read ({type(exc).__name__}: {exc})"))
            return findings
    for page, check, message in fonts.problems():
        findings.append(Finding(page, check, message))

    imposed = any(p.label for p in pages)
    pages.sort(key=lambda p: p.number)
    body = body_checks.body_font(pages)
    if body is not None:
        body_checks.check_headings(pages, body, findings)
        body_checks.check_widows(pages, body, findings)
        body_checks.check_stretch(pages, body, findings)
        check_ragged(pages, body, findings)
        check_boxes(pages, body, findings)
        check_underfull(pages, body, findings)
        check_large_print(pages, body, findings)
    if not imposed:   # the outline of an imposed booklet (if any) counts sheets, not the printed page numbers
        check_contents(pages, entries, findings)
    check_chronology(pages, findings)
    check_group_rows(pages, body, findings)
    check_header_breaks(pages, findings)
    check_breaks(pages, findings)
    check_quotes(pages, findings)
    check_page_numbers(pages, frame, findings)
    sort_findings(findings)
    return findings
