"""Findings and the report for people."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

MAX_PER_PAGE = 5               # examples quoted per page and check before "and N more"

# The order of findings on a page, as the report lists them.
CHECK_ORDER = ("unreadable", "type-area", "structure", "font-embedding", "font-subset", "outline", "link",
               "off-page", "missing-glyph", "contents", "stranded-heading", "orphan", "widow", "stretched-line",
               "ragged-paragraph", "fragment-line", "doubled-hyphen", "header-word-break", "straight-quote",
               "chronology-header", "group-row", "box-split", "box-continued", "underfull-page",
               "large-print-size", "large-print-contrast", "page-number-spine")


@dataclass
class Finding:
    page: int | None    # 1-based; None for the whole document
    check: str
    message: str


def sample_list(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_PER_PAGE])
    return shown + (f" and {len(items) - MAX_PER_PAGE} more" if len(items) > MAX_PER_PAGE else "")


def sort_findings(findings: list[Finding]) -> None:
    order = {name: i for i, name in enumerate(CHECK_ORDER)}
    findings.sort(key=lambda f: (f.page or 0, order.get(f.check, len(order))))


def _pikepdf_version() -> str | None:
    try:
        import pikepdf
    except ImportError:
        return None
    return getattr(pikepdf, "__version__", "?")


def format_report(path, findings: list[Finding]) -> str:
    """A report for people: a header, the findings grouped by page, and a one-line summary."""
    from .geometry import floats, guide_info

    path = Path(path)
    pages, source = "?", "inferred (the page less 0.5 in)"
    try:
        import pikepdf
        with pikepdf.open(str(path)) as pdf:
            pages = str(len(pdf.pages))
            info = guide_info(pdf)
        if floats(info.get("/GuideTypeArea"), 4):
            source = "from the PDF (/GuideTypeArea " + str(info.get("/GuideTypeArea")) + ")"
    except Exception:
        pass
    version = _pikepdf_version()
    structure = f"qpdf via pikepdf {version}" if version else "skipped (pikepdf is not installed)"
    out = [f"{path}: {pages} pages; type area {source}; structural check {structure}"]
    groups: dict[int | None, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.page].append(f)
    for page in sorted(groups, key=lambda p: (p is not None, p or 0)):
        out.append("  whole document:" if page is None else f"  page {page}:")
        for f in groups[page]:
            out.append(f"    [{f.check}] {f.message}")
    n = len(findings)
    out.append(f"{n} finding{'s' if n != 1 else ''}" if n else "no findings")
    return "\n".join(out)
