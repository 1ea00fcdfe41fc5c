"""The words of a paragraph as ReportLab's line breaker sees them, for total-fit line breaking (`linebreak`).

Each word is its natural width, the space after it, whether a line may start with it, its letters, and the
splits ReportLab would make of it (pyphen's hyphenation points, a hyphen in the word, a web address at its
punctuation), in the order it tries them, worked out only when `linebreak.total_fit` asks (`Word.cands`).
"""
from __future__ import annotations

import math
from functools import lru_cache, partial

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rp

from .addresses import ZWSP, zwsp_splits

EPS = 0.01                          # points: below any word space or letter


@lru_cache(maxsize=1 << 16)
def width_of(text: str, font: str, size: float, encoding: str = "utf8") -> float:
    """The width of `text` in a font at a size (cached: the same words recur in every paragraph)."""
    return stringWidth(text, font, size, encoding)


# ReportLab's paragraphs measure every word with its pure-Python TrueType `stringWidth`, again at each
# wrap; while guide lays out they measure with the cached one instead (a font's widths never change once it
# is registered): `reportlab_patches` puts `width_of` in as `paragraph.stringWidth`.


class Word:
    __slots__ = ("width", "space", "_cands", "breakable", "chars", "hyphen")

    def __init__(self, width: float, space: float, cands, breakable: bool, chars: int = 0, hyphen: float = math.inf):
        self.width = width          # natural width
        self.space = space          # the word space after it (0: none)
        self._cands = cands if callable(cands) else sorted(cands)   # the splits, or what works them out
        self.breakable = breakable  # a line may start with this word
        self.chars = chars          # its letters (for letter-spacing, `tracking`)
        self.hyphen = hyphen        # the widest hyphen a split may add (inf: not known)

    @property
    def cands(self) -> list:
        """[(head width with its hyphen, tail width, hyphenated?)]: the splits it allows, in the order of the
        text. Worked out when first asked for: `total_fit` asks only of words that can end a line, so most
        words of a paragraph are never hyphenated."""
        cands = self._cands
        if callable(cands):
            cands = self._cands = sorted(cands())
        return cands


def _pieces_width(pieces, pos: int) -> float:
    """Width of the first `pos` characters of a word made of (font, size, text) pieces."""
    w = 0.0
    for font, size, text in pieces:
        if pos <= 0:
            break
        w += width_of(text[:pos], font, size)
        pos -= len(text)
    return w


def _font_at(pieces, pos: int):
    for font, size, text in pieces:
        if pos <= len(text):
            return font, size
        pos -= len(text)
    return pieces[-1][0], pieces[-1][1]


@lru_cache(maxsize=1 << 14)
def split_candidates(s: str, pieces: tuple, ww: float, hyphenator, uri: bool, embedded: bool, hymwl: int,
                     lastLL: bool = False) -> list:
    """The splits of a word ReportLab would make (`paragraph._hyGenPair`), in the order it tries them, kept
    only where ReportLab would pick that split when it is the widest that fits (no split tried before it
    is narrower): [(head width with any added hyphen, tail width, added hyphen?)]."""
    m = rp._hy_pfx_pat.match(s)
    pfx = m.group(0) if m else ""
    core = s[len(pfx):]
    if lastLL and core.endswith("-"):
        core = core[:-1]
    else:
        m = rp._hy_sfx_pat.search(core)
        if m:
            core = core[:-len(m.group(0))]
    if len(core) < hymwl:
        return []
    tried: list[tuple[int, bool]] = []       # (characters in the head, hyphen added)
    pairs = rp._uri_split_pairs(core)
    if pairs is not None:
        if uri:
            tried = [(len(pfx + h), False) for h, _ in pairs]
    else:
        parts = rp._hy_shy_pat.split(core)
        if hyphenator and (rp._hy_letters_pat.match(core)
                           or (rp._hy_shy_letters_pat.match(core) and "" not in parts)):
            for h, _ in hyphenator(core):
                tried.append((len(pfx + h), not rp._hy_shy_pat.match(h[-1])))
        if embedded and len(parts) >= 3 and "" not in parts and rp._hy_shy_letters_pat.match(core):
            for i in reversed(range(2, len(parts), 2)):
                tried.append((len(pfx + "".join(parts[:i])), False))
    if uri and ZWSP in s:                   # then at the break points of a web address (`addresses`)
        tried += [(pos, False) for pos in zwsp_splits(s)]
    out, narrowest = [], math.inf
    for pos, hy in tried:
        head = _pieces_width(pieces, pos)
        full = head + (width_of("-", *_font_at(pieces, pos)) if hy else 0.0)
        if full < narrowest - EPS:          # ReportLab would pick it (nothing tried before it fits)
            out.append((full, ww - head, hy))
        narrowest = min(narrowest, full)
    return out


def words_of(para, frags, style) -> tuple[list[Word], float] | None:
    """The paragraph as words in ReportLab's model, and the width of a space in its font; None when it has
    something this module does not model (a forced line break, soft hyphens, images, right-to-left)."""
    hyphenator = getattr(style, "hyphenationLang", "") or None
    if hyphenator is not None and not callable(hyphenator):
        return None
    uri = bool(style.uriWasteReduce)
    embedded = bool(style.embeddedHyphenation)
    hymwl = getattr(style, "hyphenationMinWordLength", rp.hyphenationMinWordLength)
    space = width_of(" ", style.fontName, style.fontSize)
    if style.wordWrap or style.endDots:
        return None
    words: list[Word] = []
    if simple(frags, style):
        f = frags[0]
        font, size = f.fontName, f.fontSize
        texts = rp.split(rp.strip(f.text)) if hasattr(f, "text") else list(f.words)
        sp = width_of(" ", font, size)
        for t in texts:
            if rp._shy in t or isinstance(t, rp._SplitWord) and not isinstance(t, rp._SplitWordEnd):
                return None
            ww = width_of(t, font, size)
            cands = partial(split_candidates, t, ((font, size, t),), ww, hyphenator, uri, embedded, hymwl,
                            isinstance(t, rp._SplitWordLL))
            words.append(Word(ww, sp, cands, True, len(t), width_of("-", font, size)))
        return words, space
    for fw in rp._getFragWords(frags, None):
        if isinstance(fw, rp._InjectedFrag):
            continue
        pieces, text = [], []
        movable = True
        for f, t in fw[1:]:
            if f._fkind == rp._FK_BREAK or (hasattr(f, "cbDefn") and getattr(f.cbDefn, "width", 0)):
                return None
            if hasattr(f, "cbDefn") or f.rise:
                movable = False         # ReportLab splits no word with a superscript or an anchor in it
            if isinstance(t, bytes):
                t = t.decode("utf8")
            if rp._shy in t:
                return None
            if t:
                pieces.append((f.fontName, f.fontSize, t))
                text.append(t)
        ww = fw[0]
        last = fw[-1][0]
        sp = width_of(" ", last.fontName, last.fontSize) if isinstance(fw, rp._HSFrag) else 0.0
        cands = []
        if movable and pieces and ww > 0 and not isinstance(fw, rp._SplitFragH):
            cands = partial(split_candidates, "".join(text), tuple(pieces), ww, hyphenator, uri, embedded, hymwl,
                            isinstance(fw, rp._SplitFragLL))
        hyphen = max((width_of("-", font, size) for font, size, _ in pieces), default=0.0) if cands else 0.0
        words.append(Word(ww, sp, cands, ww > 0 and not hasattr(fw[1][0], "cbDefn"), sum(map(len, text)), hyphen))
    return words, space


def simple(frags, style) -> bool:
    """ReportLab's test for its one-fragment ("kind 0") line breaking."""
    return (len(frags) == 1 and not (style.endDots or hasattr(frags[0], "cbDefn") or hasattr(frags[0], "backColor")
                                     or rp._processed_frags(frags) or style.shaping))
