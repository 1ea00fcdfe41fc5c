"""Glyphs grouped into lines of text, with what the checks need to know about each line."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from statistics import median

from .drawn import Glyph

LINE_TOLERANCE = 1.5           # glyphs whose baselines differ by at most this are on one line
WORD_GAP = 0.2                 # a gap between glyphs wider than this many ems separates two words
CELL_GAP = 1.2                 # … wider than this many ems separates two cells (columns) of one line


@dataclass
class Segment:
    """The words of a line between two wide gaps: one cell of a table row, or the whole line."""
    x0: float
    x1: float
    words: list["Word"]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Word:
    x0: float
    x1: float
    text: str


@dataclass
class Line:
    baseline: float
    size: float
    x0: float
    x1: float
    text: str
    fonts: Counter                      # (fontname, size) → glyphs, spaces excluded
    glyphs: int
    gaps: list[float] = field(default_factory=list)   # gaps between words, in points
    space: float | None = None          # the width of a space glyph in the line's main font
    main_font: str = ""
    zone: str | None = None
    words: list[Word] = field(default_factory=list)
    mcids: frozenset = frozenset()      # marked-content ids of its glyphs (tagged PDFs)
    min_size: float = 0.0               # the smallest glyph size in it
    lightest: float = 1.0               # the darkness of its lightest glyph (0 white … 1 black)
    break_hyphen: bool = False          # it ends with a hyphen the typesetter added (an /Artifact hyphen)
    chars: list = field(default_factory=list, repr=False)   # kept only while the page is scanned

    def segments(self) -> list[Segment]:
        out: list[Segment] = []
        for w in self.words:
            if out and w.x0 - out[-1].x1 <= CELL_GAP * self.size:
                out[-1].words.append(w)
                out[-1].x1 = w.x1
            else:
                out.append(Segment(w.x0, w.x1, [w]))
        return out

    def short(self, n: int = 48) -> str:
        t = self.text.strip()
        return t if len(t) <= n else t[: n - 1].rstrip() + "…"


def make_line(chars: list[Glyph]) -> Line:
    """One line from its glyphs (sizes are rounded to 0.01 pt by the reader)."""
    chars = sorted(chars, key=lambda c: c.x0)
    ink = [c for c in chars if c.text.strip()]
    body = ink or chars
    size = Counter([c.size for c in body]).most_common(1)[0][0]
    fonts = Counter([(c.font, c.size) for c in ink])
    main_font = fonts.most_common(1)[0][0][0] if fonts else chars[0].font
    at_size = [c.baseline for c in body if c.size == size]
    base = median(at_size) if at_size else chars[0].baseline
    text, words, cur, spaces = [], [], [], []
    prev = None
    gap = WORD_GAP * size
    for c in chars:
        t = c.text
        if not t.strip():
            if c.font == main_font and c.adv:
                spaces.append(c.adv)
            if cur:
                words.append(cur)
                cur = []
            if text and text[-1] != " ":
                text.append(" ")
            continue
        if cur and c.x0 - prev.x1 > gap:
            words.append(cur)
            cur = []
            if text and text[-1] != " ":
                text.append(" ")
        cur.append(c)
        text.append(t)
        prev = c
    if cur:
        words.append(cur)
    gaps = [b[0].x0 - a[-1].x1 for a, b in zip(words, words[1:])]
    last = ink[-1] if ink else None
    real = [c for c in ink if not c.artifact]
    return Line(baseline=base, size=size, x0=min(c.x0 for c in body), x1=max(c.x1 for c in body),
                text="".join(text).strip(), fonts=fonts, glyphs=len(ink), gaps=gaps,
                space=median(spaces) if spaces else None, main_font=main_font,
                words=[Word(w[0].x0, w[-1].x1, "".join([c.text for c in w])) for w in words],
                mcids=frozenset([c.mcid for c in ink if c.mcid is not None]),
                min_size=min([c.size for c in real], default=size),
                lightest=min([c.dark for c in real], default=1.0),
                break_hyphen=bool(last is not None and last.artifact and last.text in "-\u2010\u00ad"),
                chars=chars)


def group_lines(chars: list[Glyph]) -> list[Line]:
    """Upright glyphs grouped into lines, top to bottom; raised small glyphs (note numbers) join their line."""
    glyphs = sorted((c for c in chars if c.upright), key=attrgetter("x0"))
    glyphs.sort(key=attrgetter("baseline"), reverse=True)     # top to bottom, left to right (a stable sort)
    clusters: list[list] = []
    for c in glyphs:
        b = c.baseline
        if clusters and clusters[-1][0] - b <= LINE_TOLERANCE:
            clusters[-1][1].append(c)
        else:
            clusters.append([b, [c]])
    merged: list[list[Glyph]] = []
    i = 0
    while i < len(clusters):
        b, cs = clusters[i]
        if i + 1 < len(clusters):
            nb, ncs = clusters[i + 1]
            small = max(c.size for c in cs)
            big = Counter([c.size for c in ncs if c.text.strip()]).most_common(1)
            if big and small < 0.9 * big[0][0] and b - nb < 0.6 * big[0][0] \
                    and min(c.x0 for c in cs) >= min(c.x0 for c in ncs) - big[0][0] \
                    and max(c.x1 for c in cs) <= max(c.x1 for c in ncs) + big[0][0]:
                clusters[i + 1][1] = cs + ncs
                i += 1
                continue
        merged.append(cs)
        i += 1
    return [make_line(cs) for cs in merged if any(c.text.strip() for c in cs)]
