"""Tables: the chronology's header row repeats on every page it runs onto (check 9)."""
from __future__ import annotations

import re

from .report import Finding
from .sheets import Page, prefix

HEADER_ROW = re.compile(r"\bdate\b.*\bevent\b", re.IGNORECASE)


def chronology_pages(pages: list[Page]) -> list[Page]:
    return [p for p in pages if "chronology" in p.head.casefold()]


def check_chronology(pages: list[Page], findings: list[Finding]) -> None:
    for k, p in enumerate(chronology_pages(pages)):
        if k == 0:
            if not any(HEADER_ROW.search(ln.text) for ln in p.frame):
                findings.append(Finding(p.sheet, "chronology-header",
                                        f"{prefix(p)}the chronology's table has no header row (\"Date\", \"Event\")"))
        elif not p.frame or not HEADER_ROW.search(p.frame[0].text):
            first = p.frame[0].short(32) if p.frame else "nothing"
            findings.append(Finding(p.sheet, "chronology-header",
                                    f"{prefix(p)}the chronology's header row (\"Date\", \"Event\") does not "
                                    f"repeat at the top of the page (it starts with {first!r})"))
