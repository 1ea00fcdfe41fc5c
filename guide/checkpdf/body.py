"""Body text: which lines are body lines, where paragraphs run across pages, and the checks on them
(stranded headings, widows and orphans, stretched justified lines)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from .fonts import base_name, family
from .lines import Line
from .report import Finding
from .sheets import Page, prefix, ref

FULL_LINE_TOLERANCE = 1.0      # a line whose right end is within this of the frame's right edge is "full"
PARAGRAPH_GAP = 1.1            # consecutive body lines further apart than this many leadings: a new paragraph
# The widest mean word space accepted in a justified line, as a multiple of the font's normal space. Good
# typesetting keeps word spaces within about 1.5x; beyond 2x a line shows rivers and gaps that readers notice
# (TeX's default \tolerance of 200 corresponds roughly to a stretch of 1.6-1.8x for Computer Modern).
MAX_WORD_SPACE = 2.0
UNEVEN_GAPS = 0.6              # word gaps differing by more than this many spaces: not a justified line
NORMAL_SPACE_EM = 0.25         # the normal space if the PDF draws no space glyph in the body font
BODY_SHARE = 0.7               # share of a line's glyphs in the body family at the body size that makes a body line
HEADING_SHARE = 0.9            # share of a line's glyphs in a heading font that makes a heading line
CONTINUATION_GAP = 1.6     # a line this close (× its size) below a non-heading line continues that paragraph
HEADING_FONT = re.compile(r"sans.*bold|bold.*sans", re.IGNORECASE)   # bold sans: NotoSans-Bold, …
STYLED = re.compile(r"bold|italic|oblique|black|heavy|semibold|demi", re.IGNORECASE)
TERMINAL = tuple(".!?:…") + tuple(p + q for p in ".!?…" for q in "”’\")]")


@dataclass(frozen=True)
class Body:
    font: str
    size: float
    family: str
    space: float    # the normal word space, points
    leading: float = 0.0


def body_font(pages: list[Page]) -> Body | None:
    counts: Counter = Counter()
    for p in pages:
        for ln in p.frame:
            for (font, size), n in ln.fonts.items():
                if not STYLED.search(base_name(font)) and not HEADING_FONT.search(base_name(font)):
                    counts[(font, size)] += n
    if not counts:
        return None
    (font, size), _ = counts.most_common(1)[0]
    spaces = [ln.space for p in pages for ln in p.frame if ln.main_font == font and ln.space
              and abs(ln.size - size) < 0.05]
    space = median(spaces) if spaces else NORMAL_SPACE_EM * size
    body = Body(font, size, family(font), space)
    return Body(font, size, body.family, space, _leading(pages, body))


def is_body(ln: Line, body: Body) -> bool:
    """A line of body text: mostly the body family at the body size, in a regular body font. Smaller glyphs
    of the body family count with it: note numbers ("…back into / it.²⁹", a last line of three letters and a
    note number of two, is a body line)."""
    if abs(ln.size - body.size) > 0.05 or not ln.glyphs:
        return False
    share = sum(n for (f, s), n in ln.fonts.items() if family(f) == body.family and s < body.size + 0.05)
    has_regular = any(f == body.font for f, _ in ln.fonts)
    return has_regular and share / ln.glyphs >= BODY_SHARE


def is_heading(ln: Line) -> bool:
    if not ln.glyphs:
        return False
    share = sum(n for (f, _), n in ln.fonts.items() if HEADING_FONT.search(base_name(f)))
    return share / ln.glyphs >= HEADING_SHARE


def _leading(pages: list[Page], body: Body) -> float:
    diffs: Counter = Counter()
    for p in pages:
        for a, b in zip(p.frame, p.frame[1:]):
            d = a.baseline - b.baseline
            if is_body(a, body) and is_body(b, body) and body.size * 0.95 <= d <= body.size * 2:
                diffs[round(d * 4) / 4] += 1
    return diffs.most_common(1)[0][0] if diffs else body.size * 1.2


def new_paragraph(a: Line, b: Line, body: Body) -> bool:
    """Whether body line b, just below body line a on the same page, starts a new paragraph."""
    return (a.baseline - b.baseline > body.leading * PARAGRAPH_GAP) or (b.x0 > a.x0 + 0.5 * body.size)


def is_open(ln: Line, area) -> bool:
    """Whether a body line visibly goes on: full (justified), hyphenated, or long and unpunctuated (ragged)."""
    text = ln.text.rstrip()
    if text.endswith(("?", "!", ".”", "?”")):
        return False    # a full line ending a question or a quotation ends its paragraph (list items, ragged text)
    if ln.x1 >= area.x1 - FULL_LINE_TOLERANCE:
        return True
    if text.endswith(("-", "\u2010", "\u00ad")):
        return True
    return (ln.x1 - ln.x0) >= 0.6 * (area.x1 - area.x0) and not text.endswith(TERMINAL)


def continues(p: Page, q: Page, body: Body) -> bool:
    """Whether a body paragraph runs from the bottom of page p onto the top of page q."""
    if not p.frame or not q.frame or q.number != p.number + 1:
        return False
    a, b = p.frame[-1], q.frame[0]
    return (is_body(a, body) and is_body(b, body) and is_open(a, p.area)
            and q.area.y1 - b.baseline <= 1.5 * body.leading and b.x0 <= q.area.x0 + 0.5 * body.size
            # an indented line (a list item, a quiz option) goes on indented, not at the margin
            and b.x0 - q.area.x0 >= a.x0 - p.area.x0 - 0.5 * body.size
            and not below(p, a))


def below(p: Page, ln: Line, rule_room: float = 0.0) -> bool:
    """Whether a graphic starts below line `ln` (thin rules within `rule_room` below it excepted)."""
    for top, _bottom, h in p.graphics:
        if top < ln.baseline - 0.35 * ln.size:
            if h <= 1.5 and top >= ln.baseline - rule_room:
                continue
            return True
    return False


def check_widows(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    for p, q in zip(pages, pages[1:]):
        if not continues(p, q, body):
            continue
        a, b = p.frame[-1], q.frame[0]
        before = p.frame[-2] if len(p.frame) > 1 else None
        if before is None or not is_body(before, body) or new_paragraph(before, a, body):
            findings.append(Finding(p.sheet, "orphan",
                                    f"{prefix(p)}orphan: only the first line of a paragraph ({a.short()!r}) is at "
                                    f"the foot of the page; the paragraph goes on on {ref(q)}"))
        after = q.frame[1] if len(q.frame) > 1 else None
        if after is None or not is_body(after, body) or new_paragraph(b, after, body):
            findings.append(Finding(q.sheet, "widow",
                                    f"{prefix(q)}widow: the last line of a paragraph ({b.short()!r}) stands alone "
                                    f"at the top of the page; the paragraph starts on {ref(p)}"))


def check_headings(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    for p, q in zip(pages, pages[1:]):
        if not p.frame or not q.frame:
            continue
        last = p.frame[-1]
        if not is_heading(last) or is_heading(q.frame[0]):
            continue
        if len(p.frame) > 1:
            prev = p.frame[-2]
            if not is_heading(prev) and prev.baseline - last.baseline <= CONTINUATION_GAP * last.size:
                continue    # a bold line that continues a paragraph (emphasis set by weight), not a heading
        if below(p, last, rule_room=1.2 * last.size):
            continue
        findings.append(Finding(p.sheet, "stranded-heading",
                                f"{prefix(p)}the heading {last.short()!r} is the last line on the page; what it "
                                f"heads starts on {ref(q)} ({q.frame[0].short(32)!r})"))


def check_stretch(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    for p in pages:
        found = []
        for ln in p.frame:
            if not is_body(ln, body) or not ln.gaps or ln.x1 < p.area.x1 - FULL_LINE_TOLERANCE:
                continue
            if max(ln.gaps) - min(ln.gaps) > UNEVEN_GAPS * body.space:
                continue    # unequal gaps: a table row or a tabbed line (contents), not a justified line
            ratio = (sum(ln.gaps) / len(ln.gaps)) / body.space
            if ratio > MAX_WORD_SPACE:
                found.append((ratio, ln))
        if not found:
            continue
        worst = max(r for r, _ in found)
        for ratio, ln in found:
            mark = " (the worst on this page)" if ratio == worst and len(found) > 1 else ""
            findings.append(Finding(p.sheet, "stretched-line",
                                    f"{prefix(p)}a justified line has word spaces {ratio:.2f}x the normal space "
                                    f"(limit {MAX_WORD_SPACE:.1f}x){mark}: {ln.short(60)!r}"))
