"""Line breaks inside web addresses.

`bibliography.breakable_url` puts a zero-width space after the / . - _ ? = & of an address. ReportLab
does not break there (its own address splitting stops at the first one, and at slashes only), so a long
address overran the right edge. Its word splitting is taught to split at them, with no hyphen added,
under its own rule for addresses: when the address is nearly as wide as a line or wider, or the line is
no more than (1 - uriWasteReduce) full. The space itself is never drawn (tagging strips it).

The splitting is here; it is put into ReportLab's word splitting (`_hyphenateWord`, `_hyphenateFragWord`)
by `reportlab_patches`, only while a layout runs.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rp

ZWSP = "\u200b"


@lru_cache(maxsize=4096)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def zwsp_splits(text: str) -> list[int]:
    """The places (character counts) after which an address may break, the longest head first."""
    return [i + 1 for i in range(len(text) - 2, -1, -1) if text[i] == ZWSP]


def _waste_ok(ww: float, w0: float, max_width: float, uri_waste: float) -> bool:
    # (ReportLab's rule compares the address with this line; the next may be narrower, a hanging indent's)
    return ww > 0.85 * max_width or w0 <= (1 - uri_waste) * max_width


def _split_frag_word(FW, new_width, max_width, uri_waste):
    rep = rp._fragWordSplitRep(FW)
    if not rep or ZWSP not in rep[0]:
        return None
    text, index = rep
    ww = FW[0]
    w0 = new_width - ww
    if not _waste_ok(ww, w0, max_width, uri_waste):
        return None
    for pos in zwsp_splits(text):
        fx, cc = index[pos]
        head, (f, piece), tail = FW[1:fx], FW[fx], FW[fx + 1:]
        if piece[:pos - cc]:
            head = head + [(f, piece[:pos - cc])]
        if piece[pos - cc:]:
            tail = [(f, piece[pos - cc:])] + tail
        h = rp._rebuildFragWord(head)
        if w0 + h[0] <= max_width:
            rest = rp._SplitFragHS if isinstance(FW, rp._HSFrag) else rp._SplitFrag
            return [rp._SplitFragH(h), rest(rp._rebuildFragWord(tail))]
    return None


def _split_word(word, font, size, ww, new_width, max_width, uri_waste):
    if ZWSP not in word:
        return None
    w0 = new_width - ww
    if not _waste_ok(ww, w0, max_width, uri_waste):
        return None
    for pos in zwsp_splits(word):
        hw = _width(word[:pos], font, size)
        if w0 + hw <= max_width:
            return [rp._SplitWordH(word[:pos]), rp._SplitWordEnd(word[pos:])]
    return None


def overfull(bl) -> bool:
    """Whether a line of a broken paragraph runs more than a point past its measure."""
    return any((line[0] if isinstance(line, tuple) else line.extraSpace) < -1 for line in bl.lines)


_ADDRESS: dict[int, tuple] = {}
_WHOLE: dict[int, tuple] = {}


def whole_words_style(style):
    """`style` without ReportLab's cutting of a word too long for its line at whatever letter fills it."""
    hit = _WHOLE.get(id(style))
    if hit is None or hit[0] is not style:
        from reportlab.lib.styles import ParagraphStyle
        hit = _WHOLE[id(style)] = (style, ParagraphStyle(style.name + "-whole", parent=style, splitLongWords=0))
    return hit[1]


def address_style(style):
    """`style` with ReportLab's second hyphenation mode: a word that does not fit at a line's end goes to
    the next line and is split there if it is too wide for it (a long web address)."""
    hit = _ADDRESS.get(id(style))
    if hit is None or hit[0] is not style:
        from reportlab.lib.styles import ParagraphStyle
        hit = _ADDRESS[id(style)] = (style, ParagraphStyle(style.name + "-address", parent=style,
                                                           embeddedHyphenation=2))
    return hit[1]
