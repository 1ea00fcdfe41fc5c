"""What a typographer sees in the text itself: justified paragraphs set ragged, a paragraph or cell ending
on a word fragment, a doubled hyphen at a break, straight quotes."""
from __future__ import annotations

import re

from .body import FULL_LINE_TOLERANCE, TERMINAL, Body, is_body, new_paragraph
from .lines import Line, Segment
from .report import Finding, sample_list
from .sheets import Page, prefix

JUSTIFIED_SHARE = 0.8     # a paragraph with at least this share of full lines (the last excepted) is justified
RAGGED_SHARE = 0.2        # … with at most this share is ragged
HYPHENS = ("-", "\u2010", "\u00ad")
STRAIGHT = re.compile(r"[\"']")
LABEL = re.compile(r"^(?:\d{1,3}[.)]|[A-Za-z][.)]|[•◦▪–-])\s")     # a list item's label: "1.", "B.", "•"
ADDRESS = re.compile(r"://|www\.|@")
# the words of a web address's last part, a slug ("closure-of-renowned-rights-group-memorial-a75674", broken
# on a page's first line, where the address's start is out of sight): three hyphens or more, or a hyphen
# with letters run into digits; hyphenation never breaks a word at its own hyphen
SLUG = re.compile(r"(?:\w+-){3,}\w+|-[a-z]+\d+")


def paragraphs(p: Page, body: Body) -> list[list[Line]]:
    """The body paragraphs of a page (runs of body lines), top to bottom."""
    out: list[list[Line]] = []
    prev = None
    for ln in p.frame:
        if not is_body(ln, body):
            prev = None
            continue
        if prev is None or new_paragraph(prev, ln, body):
            out.append([ln])
        else:
            out[-1].append(ln)
        prev = ln
    return out


def _full_share(lines: list[Line], p: Page) -> float | None:
    measured = lines[:-1]
    if len(measured) < 2:
        return None
    return sum(ln.x1 >= p.area.x1 - FULL_LINE_TOLERANCE for ln in measured) / len(measured)


def check_ragged(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    """In a document whose body paragraphs are justified, a body paragraph of three lines or more whose lines
    do not reach the right edge is a justified paragraph set ragged (ReportLab's fallback for loose lines)."""
    shares = []
    for p in pages:
        for para in paragraphs(p, body):
            s = _full_share(para, p)
            if s is not None:
                shares.append((s, p, para))
    justified = sum(s >= JUSTIFIED_SHARE for s, _, _ in shares)
    if not shares or justified < 0.5 * len(shares):
        return      # ragged-right text by design (or too little text to tell)
    for s, p, para in shares:
        if sum(bool(LABEL.match(ln.text)) for ln in para) >= 2:
            continue    # one-line list items, one under another
        if _list_item(p, para):
            continue    # a list item's lines under its label: bullets and questions are ragged by design
        if s <= RAGGED_SHARE and all(abs(ln.x0 - para[1].x0) <= 1 for ln in para[1:]):
            findings.append(Finding(p.sheet, "ragged-paragraph",
                                    f"{prefix(p)}a paragraph of {len(para)} lines is set ragged right among "
                                    f"justified ones: {para[0].short(60)!r}"))


def _list_item(p: Page, para: list[Line]) -> bool:
    """Whether the paragraph is the text of a list item: its first line opens with a label ("•", "5."), or the
    line above it does and the paragraph hangs under that line's text."""
    if LABEL.match(para[0].text):
        return True
    i = p.frame.index(para[0])
    if i == 0:
        return False
    above = p.frame[i - 1]
    return bool(LABEL.match(above.text)) and above.x0 < para[0].x0 - 1


def _ends_hyphenated(seg: Segment) -> bool:
    t = seg.text
    return len(t) >= 2 and t.endswith(HYPHENS) and t[-2].isalpha()


def _below_in_column(lines: list[Line], i: int, seg: Segment, indent: float) -> tuple[int, Segment] | None:
    """The next line's segment that continues the column of `seg` (line i), if there is one."""
    if i + 1 >= len(lines):
        return None
    a, b = lines[i], lines[i + 1]
    if a.baseline - b.baseline > 1.6 * max(a.size, b.size):
        return None
    for s in b.segments():
        if seg.x0 - indent - 1 <= s.x0 <= seg.x0 + indent + 1:     # (first-line and hanging indents)
            return i + 1, s
    return None


def _address_goes_on(lines: list[Line], i: int, seg: Segment) -> bool:
    """Whether the last word of `seg` goes on a web address from the line above (a long address breaks at
    its slashes, then at its hyphens: "…/2021/12/28/" / "closure-of-renowned-rights-group-")."""
    if len(seg.words) != 1 or i == 0:
        return False
    above = [s for s in lines[i - 1].segments() if s.x0 - 2 * lines[i].size <= seg.x0 <= s.x1]
    if not above:
        return False
    word = above[-1].words[-1].text
    return "/" in word or bool(ADDRESS.search(word)) or word.endswith(HYPHENS) and _address_goes_on(lines, i - 1, above[-1])


def check_breaks(pages: list[Page], findings: list[Finding]) -> None:
    """A paragraph or cell whose last line is the tail of a word hyphenated on the line above, and a hyphen
    doubled at a break ("self- / -serving")."""
    for p in pages:
        lines = p.frame
        fragments, doubled = [], []
        for i, a in enumerate(lines):
            for seg in a.segments():
                if not seg.text.endswith(HYPHENS):
                    continue
                if seg.text.endswith(("--", "-\u2010", "\u2010-", "\u2010\u2010")):
                    doubled.append(f"{seg.text[-24:]!r}")
                    continue
                nxt = _below_in_column(lines, i, seg, 2 * a.size)
                if nxt is None:
                    continue
                j, tail = _under_the_word(lines[nxt[0]], nxt, seg)
                if tail.text.startswith(HYPHENS):
                    doubled.append(f"{seg.text.split()[-1]!r} / {tail.words[0].text!r}")
                    continue
                if not _ends_hyphenated(seg) or len(tail.words) != 1:
                    continue
                if ADDRESS.search(seg.words[-1].text) or "/" in seg.words[-1].text \
                        or _address_goes_on(lines, i, seg) or SLUG.search(seg.words[-1].text + tail.text):
                    continue     # a web address broken after one of its own hyphens: its tail is not a word
                after = _below_in_column(lines, j, tail, 0.0)
                last_on_page = j == len(lines) - 1
                lead = a.baseline - lines[j].baseline
                if after is not None and not _starts_anew(lines[j], lines[after[0]], after[1], tail, lead):
                    continue
                if last_on_page and not tail.text.endswith(TERMINAL):
                    continue     # it may go on on the next page
                fragments.append(f"{seg.words[-1].text!r} / {tail.text!r}")
        if fragments:
            findings.append(Finding(p.sheet, "fragment-line",
                                    f"{prefix(p)}{len(fragments)} paragraph(s) or cell(s) end on a line holding "
                                    f"only the end of a hyphenated word: {sample_list(fragments)}"))
        if doubled:
            findings.append(Finding(p.sheet, "doubled-hyphen",
                                    f"{prefix(p)}a hyphen is doubled at a line break: {sample_list(doubled)}"))


def _under_the_word(b: Line, found: tuple[int, Segment], seg: Segment) -> tuple[int, Segment]:
    """The segment of line b that goes on from the hyphenated last word of `seg`: of those from the one
    `found` under the start of `seg`, the last that starts left of that word. (Narrow table columns set close
    run into one segment: "rians (such as NKVD re-"; under "re-" is its own cell's "cords and", not the
    "Khlevniuk," of the cell to its left.)"""
    j, tail = found
    word = seg.words[-1]
    for s in b.segments():
        if tail.x0 < s.x0 <= word.x0 + 1:
            tail = s
    return j, tail


def _starts_anew(b: Line, c: Line, seg: Segment, tail: Segment, lead: float) -> bool:
    """Whether segment `seg` of line c, below the fragment `tail` on line b (`lead` below the line before),
    begins a new paragraph or cell."""
    return b.baseline - c.baseline > 1.1 * lead or seg.x0 > tail.x0 + 0.5 * b.size


def check_quotes(pages: list[Page], findings: list[Finding]) -> None:
    """Straight quotation marks and apostrophes (' and ") in the text, where typographic ones belong."""
    for p in pages:
        found = []
        for ln in p.frame:
            bad = [w.text for w in ln.words if STRAIGHT.search(w.text) and not ADDRESS.search(w.text)]
            if bad:
                found.append(f"{ln.short(50)!r}")
        if found:
            findings.append(Finding(p.sheet, "straight-quote",
                                    f"{prefix(p)}straight quotes (' or \") where typographic ones (‘ ’ “ ”) belong, "
                                    f"in {sample_list(found)}"))
