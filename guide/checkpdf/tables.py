"""Tables: the chronology's header row repeats on every page it runs onto (check 9); a group row (a
chronology year) is never the last line of a page; no word is broken inside a header cell."""
from __future__ import annotations

import re

from .body import Body, is_heading
from .lines import Line
from .report import Finding, sample_list
from .sheets import Page, prefix, ref

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


YEAR_ROW = re.compile(r"^\d{3,4}s?\b")
HYPHENS = ("-", "\u00ad", "\u2010")
WORD_CHARS = re.compile(r"[^\w]")
SHORT_WORDS = {"a", "an", "as", "at", "by", "for", "in", "of", "on", "or", "to", "and", "the", "per"}


def _is_header_row(ln: Line) -> bool:
    return is_heading(ln) and len(ln.segments()) >= 2


def check_group_rows(pages: list[Page], body: Body | None, findings: list[Finding]) -> None:
    """A table's group row (a chronology year) must not be the last line of a page: it keeps with its first
    row."""
    size = body.size if body else 11.0
    for p, q in zip(pages, pages[1:]):
        if not p.frame or q.number != p.number + 1:
            continue
        last = p.frame[-1]
        if not is_heading(last) or len(last.words) > 4 or last.size > 1.3 * size or len(last.segments()) != 1:
            continue
        in_table = any(_is_header_row(ln) for ln in p.frame) or (q.frame and _is_header_row(q.frame[0]))
        if not (in_table or (YEAR_ROW.match(last.text) and chronology_pages([p]))):
            continue
        first = next((ln for ln in q.frame if not is_heading(ln)), None)   # past the repeated header row
        what = f" ({first.short(40)!r})" if first else ""
        findings.append(Finding(p.sheet, "group-row",
                                f"{prefix(p)}the table's group row {last.short()!r} is the last line on the page; "
                                f"its first row is on {ref(q)}{what}"))


def _vocabulary(pages: list[Page]) -> set[str]:
    words = set()
    for p in pages:
        for ln in p.frame:
            for w in ln.words:
                words.add(WORD_CHARS.sub("", w.text).casefold())
    return words


def check_header_breaks(pages: list[Page], findings: list[Finding]) -> None:
    """A word broken inside a table header cell ("Sectio / n"): a header row whose cell goes on, on the line
    below, with the end of a word (a hyphen, or two pieces that make a word the document uses elsewhere, or
    a tail too short to be a word)."""
    vocabulary = None
    for p in pages:
        found = []
        for a, b in zip(p.frame, p.frame[1:]):
            if not _is_header_row(a) or not is_heading(b) or a.baseline - b.baseline > 1.6 * a.size:
                continue
            for sb in b.segments():
                sa = next((s for s in a.segments() if abs(s.x0 - sb.x0) <= 1.0), None)
                if sa is None:
                    continue
                head, tail = sa.words[-1].text, sb.words[0].text
                if not tail[:1].islower() and not head.endswith(HYPHENS):
                    continue
                if vocabulary is None:
                    vocabulary = _vocabulary(pages)
                joined = WORD_CHARS.sub("", head.rstrip("".join(HYPHENS)) + tail).casefold()
                if head.endswith(HYPHENS) or joined in vocabulary or (
                        len(tail) <= 2 and tail.casefold() not in SHORT_WORDS):
                    found.append(f"{head!r} / {tail!r}")
        if found:
            findings.append(Finding(p.sheet, "header-word-break",
                                    f"{prefix(p)}a word is broken inside a table header: {sample_list(found)}"))
