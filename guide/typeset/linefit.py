"""What a broken paragraph's lines say about it: how loose its widest word space is, and whether its last
line is only the end of a word hyphenated on the line before (`flowables.GuideParagraph` re-breaks either
total-fit, `linebreak`)."""
from __future__ import annotations

from reportlab.platypus import paragraph as rp

from .tracking import word_space_extra


def loosest(bl, space: float, last: bool = False) -> float:
    """How far the widest word space of a broken paragraph stretches, as a share of a space beyond its
    natural width (0.5: spaces at 1.5×), over its lines but the last (unless `last`: a split part whose last
    line is justified). A line of one word counts its whole slack as one space; a letter-spaced line's gaps are
    measured as the layout checker measures them (`tracking`)."""
    worst = 0.0
    lines = bl.lines if last else bl.lines[:-1]
    for line in lines:
        worst = max(worst, word_space_extra(line) / space)
    return worst


_HYPHENS = ("-", "\u2010", "\u00ad")


def ends_on_fragment(bl, words) -> bool:
    """Whether the last line of a broken paragraph holds only the end of a word split on the line before
    ("con- / victed."). `words` are the paragraph's fragment words after the break (kind 1 lines index them)."""
    lines = bl.lines
    if len(lines) < 2:
        return False
    if bl.kind == 0:
        last, before = lines[-1][1], lines[-2][1]
        if len(last) != 1 or not before:
            return False
        end = before[-1]
        # (ReportLab's simple lines do not always keep the split-word types: a hyphen at the end tells too)
        return (isinstance(end, rp._SplitWord) and not isinstance(end, rp._SplitWordEnd)
                or isinstance(end, str) and end.endswith(_HYPHENS))
    if getattr(lines[-1], "wordCount", 0) != 1:
        return False
    k = getattr(lines[-1], "sFW", None)
    if not isinstance(k, int) or not 0 < k <= len(words):
        return False
    k -= 1
    while k > 0 and isinstance(words[k], rp._InjectedFrag):
        k -= 1
    end = words[k]
    text = end[-1][1] if end and isinstance(end[-1], tuple) else ""
    return (isinstance(end, rp._SplitFragH)
            or isinstance(text, str) and text.endswith(_HYPHENS))
