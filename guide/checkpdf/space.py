"""Underfull pages: a page (not the first page, nor the last of a part) whose type area is more than a third
empty, although the first piece of what follows that satisfies every keep rule would have fitted in the space.

The first piece of what follows, at the top of the next page, by what stands there (docs/check-pdf.md):

* a heading: the heading and the first piece of what follows it (a heading keeps with its text);
* a body paragraph: its first two lines (no orphan), or all of it if it has three lines or fewer (no widow);
  a list item's lines hang under its label;
* a multiple-choice question (a numbered stem, lettered options): the stem and its first two options, or all
  of it if it has three options or fewer; options continued from the page before: the first, or all if only
  two are left; a question with ruled answer lines: the question and its lines;
* a box: its title and its first item, with the item's quotation and attribution, and for a source the
  "Questions" heading and the first question (a box breaks only between items that stand alone);
* a table: its header row and its first row, and a group row (a chronology year) with its first row (a row
  whose cells are at the body size, in large print, whole: a row breaks only between rows);
* anything else (a figure, a chart, a map): all of it, with its caption (the paragraph set solid under it).
"""
from __future__ import annotations

import re

from .body import Body, is_body, is_heading
from .boxes import ATTRIBUTION, QUESTIONS, QUOTE_OPEN, is_panel, pieces
from .lines import Line
from .report import Finding
from .sheets import Page, prefix, ref
from .tables import _is_header_row
from .typography import LABEL

EMPTY_SHARE = 1 / 3            # more than this share of the type area's height empty: underfull
PART_TITLE = 1.6               # a line this many times the body size starts a part (a section, the chronology…)
MIN_LINES = 3                  # a page with fewer lines is a deliberate break (a title page, a blank verso)
MIN_OPTIONS = 2                # options of a multiple-choice question kept together on each side of a break
NUMBERED = re.compile(r"^\d+\.\s")          # a numbered item: a question
LETTERED = re.compile(r"^[A-Z]\.\s")         # a lettered item: an option of a multiple-choice question


def _content_bottom(p: Page) -> float | None:
    ys = [ln.baseline - 0.3 * ln.size for ln in p.frame] + [g[1] for g in p.graphics]
    return min(ys) if ys else None


def _starts_part(q: Page, body: Body) -> bool:
    return any(ln.size >= PART_TITLE * body.size for ln in q.frame[:3])


def _box_first_piece(lines: list[Line]) -> int:
    """How many of a box's lines (top to bottom) its first piece holds."""
    i = 0
    while i < len(lines) and is_heading(lines[i]):
        i += 1                                          # the title (and a "(continued)" line)
    if i >= len(lines):
        return len(lines)
    lead = min((a.baseline - b.baseline for a, b in zip(lines, lines[1:])), default=0) or lines[0].size * 1.3

    def solid(j: int) -> bool:          # line j set solid with the line above it, in one paragraph
        return not is_heading(lines[j]) and lines[j - 1].baseline - lines[j].baseline <= 1.3 * lead

    j = i + 1                                           # the first item: lines set solid with the first
    while j < len(lines) and solid(j) and not NUMBERED.match(lines[j].text):
        j += 1
    # a quotation keeps with what introduces it and with its attribution (a paragraph of its own)
    if any(ln.text.startswith(QUOTE_OPEN) for ln in lines[i:j + 1]):
        while j < len(lines) and not is_heading(lines[j]) and not ATTRIBUTION.match(lines[j].text):
            j += 1
        if j < len(lines) and ATTRIBUTION.match(lines[j].text):
            j += 1
            while j < len(lines) and solid(j):
                j += 1
    if any(ATTRIBUTION.match(ln.text) for ln in lines[:j]) and j < len(lines) and QUESTIONS.match(lines[j].text):
        j = min(len(lines), j + 2)                      # the "Questions" heading and the first question
        while j < len(lines) and solid(j) and not NUMBERED.match(lines[j].text):
            j += 1
    return max(j, min(len(lines), i + 2))


def _item_end(lines: list[Line], i: int, lead: float) -> int:
    """The end (exclusive) of the list item whose first line, with its label, is lines[i]: the lines that
    hang under the label, set solid."""
    first = lines[i]
    j = i + 1
    while j < len(lines) and not is_heading(lines[j]) and lines[j - 1].baseline - lines[j].baseline <= 1.1 * lead \
            and lines[j].x0 > first.x0 + 0.5 * first.size:
        j += 1
    return j


def _question_bottom(q: Page, i: int, body: Body) -> float | None:
    """The bottom of the first piece of a question whose first line is q.frame[i] (a numbered stem, or the
    options of a question continued from the page before); None if it is not one."""
    lines = q.frame
    ln = lines[i]
    lead = body.leading * ln.size / body.size
    numbered = NUMBERED.match(ln.text) is not None
    end = _item_end(lines, i, lead) if numbered else i
    options: list[tuple[int, int]] = []          # (first line, end) of each option
    k = end
    while k < len(lines) and LETTERED.match(lines[k].text) and (k == i or (
            lines[k - 1].baseline - lines[k].baseline <= 1.6 * lead
            and (not numbered or lines[k].x0 > ln.x0 + 0.5 * ln.size))):
        options.append((k, _item_end(lines, k, lead)))
        k = options[-1][1]
    if options:
        if lines[options[0][0]].text.startswith("A."):          # a question: its stem and first options
            keep = options if len(options) <= MIN_OPTIONS + 1 else options[:MIN_OPTIONS]
        else:           # options continued from the page before: the options left keep two together
            keep = options if len(options) <= MIN_OPTIONS else options[:1]
        last = lines[keep[-1][1] - 1]
        return last.baseline - 0.3 * last.size
    if not numbered:
        return None
    # a question with its ruled answer lines
    bottom = lines[end - 1].baseline - 0.3 * lines[end - 1].size
    width = q.area.x1 - q.area.x0
    rules = sorted((g for g in q.shapes if g.y1 - g.y0 <= 1.5 and g.x1 - g.x0 >= 0.5 * width), key=lambda g: -g.y1)
    ruled = False
    for g in rules:
        if bottom - 2.5 * lead <= g.y1 <= bottom + 1:
            bottom, ruled = g.y0, True
    return bottom if ruled else None


def _table_row(frame: list[Line], i: int, body: Body) -> list[Line]:
    """The lines of the table row starting with line i: set solid (at the cells' leading), apart from the next
    row by the cells' padding."""
    row = [frame[i]]
    for nxt in frame[i + 1:]:
        if row[-1].baseline - nxt.baseline > 1.1 * body.leading:
            break
        row.append(nxt)
    return row


def first_piece_bottom(q: Page, body: Body) -> tuple[float, str] | None:
    """The lowest point of the first piece at the top of page q, and a quote of where it starts."""
    if not q.frame:
        return None
    boxes = pieces(q)
    width = q.area.x1 - q.area.x0
    figures = [g for g in q.shapes if not is_panel(g, q) and not (g.y1 - g.y0 <= 1.5 and g.x1 - g.x0 >= 0.8 * width)]
    top_y = max([ln.baseline + ln.size for ln in q.frame] + [g[0] for g in q.graphics])
    i = 0
    bottom = None
    table = _is_header_row(q.frame[0])
    while i < len(q.frame):
        ln = q.frame[i]
        box = next((b for b in boxes if b.lines and b.lines[0] is ln), None)
        if box is not None:
            n = _box_first_piece(box.lines)
            bottom = box.lines[n - 1].baseline - 0.3 * ln.size - 6.0 if n < len(box.lines) else box.panel.y0
            break
        # a figure (chart, map, image) beginning here: all of it, and its caption
        limit = q.frame[i - 1].baseline - 0.3 * q.frame[i - 1].size if i else q.area.y1 + 2
        fig = [g for g in figures if ln.baseline - 2 * ln.size <= g.y1 <= limit + 1]
        if fig:
            low = min(g.y0 for g in fig)
            grown = True
            while grown:
                more = [g for g in figures if g not in fig and g.y1 >= low - 2 and g.y1 <= limit + 1]
                grown = bool(more)
                fig += more
                low = min([low] + [g.y0 for g in more])
            bottom = low
            caption: list[Line] = []        # the paragraph set solid under it (in large print at the body size)
            for c in q.frame[i:]:
                if c.baseline >= low:
                    continue           # a label inside the figure
                if is_heading(c) or bottom - c.baseline > 2.5 * c.size:
                    break
                if caption:
                    gap = caption[-1].baseline - c.baseline
                    limit = 1.1 * (caption[-2].baseline - caption[-1].baseline) if len(caption) > 1 \
                        else 1.45 * c.size
                    if gap > limit:
                        break
                caption.append(c)
                bottom = c.baseline - 0.3 * c.size      # its caption
            break
        if is_heading(ln):
            i += 1
            continue
        if NUMBERED.match(ln.text) or LETTERED.match(ln.text):
            bottom = _question_bottom(q, i, body)
            if bottom is not None:
                break
        if table:       # under a repeated header row: the first row, all of it (a row breaks only between rows)
            row = _table_row(q.frame, i, body)
            bottom = row[-1].baseline - 0.3 * body.size
            break
        if is_body(ln, body):
            para = [ln]
            for nxt in q.frame[i + 1:]:
                hangs = len(para) == 1 and LABEL.match(ln.text)      # (a list item's lines hang under its label)
                if not is_body(nxt, body) or para[-1].baseline - nxt.baseline > 1.1 * body.leading \
                        or nxt.x0 > para[-1].x0 + 0.5 * body.size and not hangs:
                    break
                para.append(nxt)
            keep = para if len(para) <= 3 else para[:2]
            bottom = keep[-1].baseline - 0.3 * body.size
            break
        bottom = ln.baseline - 0.3 * ln.size      # another line (a table row, a list item): itself
        break
    if bottom is None:
        return None
    return top_y - bottom, q.frame[0].short(40)


def check_underfull(pages: list[Page], body: Body, findings: list[Finding]) -> None:
    for p, q in zip(pages, pages[1:]):
        if p.number == 1 or q.number != p.number + 1 or len(p.frame) < MIN_LINES or not q.frame \
                or _starts_part(q, body):       # (the first page: a title page, a part of its own)
            continue
        bottom = _content_bottom(p)
        height = p.area.y1 - p.area.y0
        empty = bottom - p.area.y0
        if empty <= EMPTY_SHARE * height:
            continue
        piece = first_piece_bottom(q, body)
        if piece is None:
            continue
        need, where = piece
        # the space it needs above it: a leading; over a heading, two: its space before (a leading, which the
        # top of a page drops), the half leading after the text before it, and that text's last line box
        # below its descenders (measured: in a large-print booklet "Questions", its subheading and a
        # three-line question, 153 pt here, needed 156 pt where the page had 197 pt empty below the text)
        heading = is_heading(q.frame[0]) and not _is_header_row(q.frame[0])
        if need + body.leading * (2 if heading else 1) <= empty:
            findings.append(Finding(p.sheet, "underfull-page",
                                    f"{prefix(p)}{empty / height:.0%} of the type area is empty, but the first "
                                    f"piece of what follows on {ref(q)} ({where!r}, {need:.0f} pt) would have "
                                    f"fitted in its {empty:.0f} pt"))
