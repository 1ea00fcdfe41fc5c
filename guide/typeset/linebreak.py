"""Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981) for justified paragraphs.

ReportLab breaks lines first-fit: each line takes as many words as fit, so one long word that does not fit
leaves a line with wide word spaces. Here the breaks of the whole paragraph are chosen together, to minimise
the sum of the lines' demerits (badness from how far the spaces stretch or shrink, plus penalties for a
hyphen, for two hyphenated lines in a row, for a hyphen on the last line but one, for a last line that is
only a word's fragment).

The chosen lines are then *made by ReportLab itself*: its first-fit breaker is run once more with each
line's width set to that line's natural width, so that it breaks exactly where this module decided (a word
split where ReportLab would split it, with the same word pieces, hyphens and line records that the tagging
reads to say how a line ends). The lines' real width is then put back, so that they justify to the measure.
If ReportLab does not break exactly as planned (a case this model does not know), the caller keeps the
first-fit lines.

The model follows ReportLab's own: words as its fragment words (with their widths and the space after each),
a word split at the hyphenation points ReportLab would try (pyphen, a hyphen in the word, a web address at
its punctuation), in the order it tries them.
"""
from __future__ import annotations

import math

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import paragraph as rp

from . import linefit, tracking
from .linewords import EPS, Word, width_of, words_of

__all__ = ["EPS", "Word", "width_of", "words_of", "total_fit", "replay", "plan", "loosest", "ends_on_fragment"]

LOOSE = 0.5             # first-fit lines with spaces past 1.5× are re-broken total-fit
STRETCH = 0.5           # a word space may stretch by this share of itself at badness 100 (TeX: 1/2)
SHRINK = 1 / 3         # … and shrink by at most this share (as TeX; ReportLab's own limit is 0.05)
TIGHT_SHRINK = 0.45     # … or, where no breaking is found otherwise, this share (rather than set it ragged)
RAGGED_STRETCH = 1 / 3  # a ragged line may end this share of the measure short at badness 100
LINE_PENALTY = 10
HYPHEN_PENALTY = 50
DOUBLE_HYPHEN_DEMERITS = 10_000     # two hyphenated lines in a row
FINAL_HYPHEN_DEMERITS = 5_000       # the last line but one ends with a hyphen
FRAGMENT_DEMERITS = 10_000_000      # the last line is only the end of a hyphenated word ("…exist- / ed.")
ADJACENT_DEMERITS = 3_000           # a tight line next to a loose one
PRUNE = True                        # hyphenate only words a line could end inside (off: every word; a test)


def total_fit(words: list[Word], space: float, widths: list[float], max_ratio: float, shrink: float = SHRINK,
              ragged: bool = False, track: float = 0.0) -> list[tuple[float, bool]] | None:
    """The best breaking of `words` into lines of `widths` (the last width repeats) with no word space
    stretched past (1 + max_ratio) × `space` nor shrunk past (1 - `shrink`) × `space` (0 for text set ragged
    right, whose spaces never shrink), as each line's (natural width, ends inside a word), or None. A
    `ragged` line's badness is its slack against a third of the line (its right margin stretches, as TeX's
    \\raggedright), not against its word spaces. With `track` (points per letter, `tracking`), a line may
    also stretch between its letters, its gaps then kept within the limit with the letter-spacing."""
    n = len(words)
    if not n:
        return None
    # prefix sums: C[j] = width of words[:j] with the spaces before each (ReportLab adds no space before a
    # word of no width); G[j] = gaps
    C = [0.0] * (n + 1)
    G = [0] * (n + 1)
    for j, w in enumerate(words):
        spaced = j > 0 and w.width > 0 and words[j - 1].space > 0
        C[j + 1] = C[j] + (w.width + (words[j - 1].space if spaced else 0.0) if w.width > 0 else 0.0)
        G[j + 1] = G[j] + spaced
    L = [0] * (n + 1)               # letters, the spaces counted (only for letter-spacing)
    if track:
        for j, w in enumerate(words):
            L[j + 1] = L[j] + w.chars + 1
    last_width = widths[-1]
    nwidths = len(widths)
    W = [w.width for w in words]
    # nodes: (point index or -1, line number, fitness, total demerits, previous node, natural width of the
    # line that ends here, the word the next line starts with, that word's tail width, it starts inside it,
    # and what every line from it reads: C and W at its first word, its tail less the word, the width of the
    # line, G at its first word)

    def node(pi, line, fitness, total, prev, nat, a_j, a_tail, a_inside):
        return (pi, line, fitness, total, prev, nat, a_j, a_tail, a_inside, C[a_j + 1], W[a_j],
                a_tail - W[a_j] if a_inside else 0.0, widths[line] if line < nwidths else last_width, G[a_j + 1])

    active = [node(-1, 0, 1, 0.0, None, 0.0, 0, 0.0, False)]
    stretch_limit = max_ratio / STRETCH
    final_node = None
    # A word's splits are worked out only when a line could end inside it: with a limit to the stretch (and
    # no letter-spacing, which widens it), a split whose line would be too loose even with the whole word
    # and the widest hyphen on it cannot be chosen, so the word need not be hyphenated (`Word.cands`).
    bounded = PRUNE and not ragged and not track and max_ratio < math.inf

    def may_end_inside(j: int) -> bool:
        full, gaps_to = C[j + 1], G[j + 1]
        hyphen = words[j].hyphen
        for nd in active:
            if nd[6] == j and (nd[8] or nd[0] >= 0):
                continue            # (no second split of one word on a line, no split of a line's first word)
            nat = full - nd[9] + nd[10] + nd[11] + hyphen
            gaps = gaps_to - nd[13]
            if nd[12] - nat <= max_ratio * (gaps if gaps > 1 else 1) * space + EPS:
                return True
        return False

    def word_points():
        """The breakpoints in the order of the text (the node pruning needs it): (word j, head width, tail
        width, hyphen added, inside the word), the point after word j when not inside."""
        for j, w in enumerate(words):
            if w._cands and (not bounded or may_end_inside(j)):
                for head, tail, hy in w.cands:
                    yield j, head, tail, hy, True
            if j == n - 1 or words[j + 1].breakable:
                yield j, 0.0, 0.0, False, False

    points = []
    for point in word_points():
        pi = len(points)
        points.append(point)
        j, head, tail, hy, inside = point
        is_final = j == n - 1 and not inside
        best: dict = {}
        keep = []
        full = C[j + 1]
        gaps_to = G[j + 1]
        w_j = W[j]
        for nd in active:
            a_j, a_inside = nd[6], nd[8]
            if inside and a_j == j and (a_inside or nd[0] >= 0):
                # no word split twice on one line; and none split that starts a line (ReportLab carries a
                # word that does not fit over whole, and splits only the paragraph's first word there)
                keep.append(nd)
                continue
            line = nd[1]
            width = nd[12]
            # the line holds words a_j … j: the first perhaps only its tail, the last perhaps only its head
            nat = full - nd[9] + nd[10]
            if a_inside:
                nat += nd[11]
            if inside:
                nat += head - w_j
            gaps = gaps_to - nd[13]
            extra = width - nat
            unit = (gaps if gaps > 1 else 1) * space
            if extra < -unit * shrink - EPS / 2:
                continue                # too long now, and longer for every later point: drop the node
            keep.append(nd)
            if is_final:
                if extra < 0:
                    continue
                badness, fitness = 0.0, 1
            else:
                ratio = extra / unit if not ragged else extra / (width * RAGGED_STRETCH) * STRETCH
                if track and extra > 0:     # its stretch: the word spaces' and the letters' (`tracking`)
                    letters = L[j + 1] - L[a_j] - 1 - 2 * gaps
                    ratio *= max_ratio * unit / (max_ratio * unit + max(letters, 0) * track)
                r = ratio / STRETCH if ratio > 0 else ratio / shrink if shrink else 0.0
                if r > stretch_limit:
                    continue
                fitness = 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1 else 3
                badness = 100 * abs(r) ** 3
            d = (LINE_PENALTY + (badness if badness < 1e5 else 1e5)) ** 2
            prev_hy = a_inside          # the line before this one ended inside a word
            if inside:
                d += HYPHEN_PENALTY ** 2
                if prev_hy:
                    d += DOUBLE_HYPHEN_DEMERITS
            if is_final and prev_hy:
                d += FINAL_HYPHEN_DEMERITS
                if a_inside and a_j == j:
                    d += FRAGMENT_DEMERITS
            if fitness - nd[2] > 1 or nd[2] - fitness > 1:
                d += ADJACENT_DEMERITS
            total = nd[3] + d
            key = (fitness, line + 1 if line + 1 < nwidths else nwidths)
            if key not in best or total < best[key][3]:
                best[key] = (pi, line + 1, fitness, total, nd, nat,
                             j if inside else j + 1, tail if inside else 0.0, inside)
        if is_final:
            if best:
                final_node = min(best.values(), key=lambda nd: nd[3])
            break
        active = keep + [node(*b) for b in best.values()]
        if not active:
            return None
    if final_node is None:
        return None
    lines = []
    nd = final_node
    while nd[4] is not None:
        lines.append((nd[5], points[nd[0]][4]))
        nd = nd[4]
    return lines[::-1]


# what the paragraph asks of a break (`linefit`), where it asks for the breaking
loosest = linefit.loosest
ends_on_fragment = linefit.ends_on_fragment

_REPLAY: dict[int, object] = {}


def _replay_style(style):
    """`style` with ReportLab's own space shrinking off and web addresses always splittable, so that its
    first-fit breaker splits a line exactly at a given width."""
    hit = _REPLAY.get(id(style))
    if hit is None or hit[0] is not style:
        from reportlab.lib.styles import ParagraphStyle
        hit = _REPLAY[id(style)] = (style, ParagraphStyle(
            style.name + "-replay", parent=style, spaceShrinkage=0,
            uriWasteReduce=-1e9 if style.uriWasteReduce else 0))
    return hit[1]


def _simple_width(words: list[str], style) -> float:
    """The natural width of a line of ReportLab's one-fragment breaking (its words, a space between each)."""
    words = [w for w in words if w]
    return (sum(width_of(w, style.fontName, style.fontSize) for w in words)
            + width_of(" ", style.fontName, style.fontSize) * max(len(words) - 1, 0))


def replay(para, widths: list[float], naturals: list[float], break_lines):
    """ReportLab's lines for `para` broken where `naturals` (each line's natural width) say, set to the real
    `widths`; None if ReportLab broke anywhere else. `break_lines(widths)` is ReportLab's breaker."""
    real = list(widths)
    rp._handleBulletWidth(para.bulletText, para.style, real)    # a wide bullet narrows the first line
    shift = widths[0] - real[0]
    fake = [nat + EPS for nat in naturals]
    fake[0] += shift
    style = para.style
    para.style = _replay_style(style)
    try:
        bl = break_lines(list(fake))     # (ReportLab narrows the first width for a bullet in place)
    finally:
        para.style = style
    lines = bl.lines
    if len(lines) != len(naturals):
        return None
    fixed = []
    for i, line in enumerate(lines):
        measure = real[min(i, len(real) - 1)]
        goal = fake[i] - (shift if i == 0 else 0.0)
        if isinstance(line, tuple):
            extra = line[0]
            if abs(goal - extra - naturals[i]) > EPS / 2 and abs(_simple_width(line[1], style) - naturals[i]) > EPS / 2:
                return None     # (ReportLab counts a phantom space after a word whose split it gave up: measured)
            fixed.append((measure - naturals[i], line[1]))
        else:
            if abs(goal - line.extraSpace - naturals[i]) > EPS / 2:
                return None
            line.extraSpace = measure - naturals[i]
            line.maxWidth = measure
            fixed.append(line)
    bl.lines = fixed if bl.kind == 0 else lines
    if style.alignment == TA_JUSTIFY:     # a line still past the limit takes letter-spacing, if it may
        from .flowables import MAX_WORD_SPACE
        tracking.assign(bl, width_of(" ", style.fontName, style.fontSize), style.fontSize, MAX_WORD_SPACE - 1)
    return bl


def plan(para, widths: list[float], frags, ragged: bool = False) -> list[float] | None:
    """The natural widths of the total-fit lines of a justified paragraph, or None (nothing this module
    models, or no breaking without a line stretched past the limit of `flowables.MAX_WORD_SPACE`). A
    `ragged` paragraph (set flush left) is broken with no space shrunk and no limit to a line's slack."""
    from .flowables import MAX_WORD_SPACE
    model = words_of(para, frags, para.style)
    if model is None:
        return None
    words, space = model
    real = list(widths)
    rp._handleBulletWidth(para.bulletText, para.style, real)
    if any(w.width > min(real) and not w.cands for w in words):
        return None             # a word wider than the line that it cannot hyphenate: ReportLab must cut it
    if ragged:
        lines = total_fit(words, space, real, math.inf, shrink=0.0, ragged=True)
    else:
        track = tracking.TRACK * tracking.MODEL_SHARE * para.style.fontSize
        lines = (total_fit(words, space, real, MAX_WORD_SPACE - 1)
                 or total_fit(words, space, real, MAX_WORD_SPACE - 1, shrink=TIGHT_SHRINK)
                 or total_fit(words, space, real, MAX_WORD_SPACE - 1, shrink=TIGHT_SHRINK, track=track)
                 or total_fit(words, space, real, math.inf))
    return [natural for natural, _ in lines] if lines else None
