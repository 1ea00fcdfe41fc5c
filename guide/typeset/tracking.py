"""Letter-spacing as a justified line's last resort, as InDesign's and Typst's justification limits allow.

Total-fit line breaking (`linebreak`) keeps every word space within `flowables.MAX_WORD_SPACE`. A few
paragraphs have no such breaking: a line that cannot take its next word ("Kamenev", "Khrushchev", which the
hyphenation patterns leave whole; "resource-rich", which breaks at no hyphen of its own; a note number that
keeps a word from being split) would stretch its spaces a little past the limit. Rather than set the whole
paragraph ragged right among justified ones, such a line takes the rest of its slack between its letters:
at most `TRACK` of an em per letter (0.3 pt in 11 pt type, a tenth of a word space: InDesign's justification
counts letter-spacing in shares of a space too), and only where its word spaces are at the limit already.
The shipped editions need at most 0.02 em on full-size pages; a half-size booklet page (55 characters a
line) needs up to 0.027 em, for a line that ends before "Voroshilov," or "(1935–38)".

A tracked line carries its letter-spacing (`track`, points) on its line record: a kind-1 line
(`ParaLines`) as an attribute, a one-fragment line on its word list (`TrackedWords`). Drawing it sets the
PDF's character spacing (Tc) for the line; its word spacing (Tw) takes what is left. The layout checker
measures a word gap from the last letter of a word to the first of the next, which letter-spacing widens
twice (after the last letter and after the space): each line's word spaces are kept so that the gap stays
within the limit.
"""
from __future__ import annotations

TRACK = 0.03        # em: the most letter-spacing a justified line may take (3% of the type size per letter)
MODEL_SHARE = 0.9   # … of which the line breaker counts on this share (its letter counts are estimates)


class TrackedWords(list):
    """The words of a one-fragment (kind 0) line, with the letter-spacing it is drawn with."""
    track = 0.0


def line_parts(line) -> tuple[float, int, int, bool]:
    """(extra space, word gaps, glyphs from the first to the last, plain) of a broken line; `plain`: no link,
    underline or background (whose places ReportLab works out without letter-spacing)."""
    if isinstance(line, tuple):
        extra, words = line[0], line[1]
        text = " ".join(words)
        return extra, len(words) - 1, len(text), True
    frags = [f for f in getattr(line, "words", ()) if not hasattr(f, "cbDefn")]
    text = "".join(getattr(f, "text", "") for f in frags).rstrip()
    plain = not any(getattr(f, "link", None) or getattr(f, "us_lines", None) or getattr(f, "backColor", None)
                    for f in frags)
    return line.extraSpace, line.wordCount - 1, len(text), plain


def track_of(line) -> float:
    """The letter-spacing a broken line is drawn with (points; 0: none)."""
    return getattr(line[1] if isinstance(line, tuple) else line, "track", 0.0)


def word_space_extra(line) -> float:
    """How far the line's word gaps are widened past a space, as the checker measures them: the word space
    added (Tw) and the letter-spacing after a word's last letter and after the space."""
    if isinstance(line, tuple):
        extra, gaps, track = line[0], len(line[1]) - 1, getattr(line[1], "track", 0.0)
    else:
        extra, gaps, track = line.extraSpace, line.wordCount - 1, getattr(line, "track", 0.0)
    if gaps <= 0:
        return extra
    if not track:
        return extra / gaps         # (every line of every paragraph comes here: no text is looked at)
    glyphs = line_parts(line)[2]
    return (extra - track * max(glyphs - 1, 0)) / gaps + 2 * track


def assign(bl, space: float, size: float, limit: float):
    """Letter-spacing for each line of `bl` but the last whose word gaps would widen past `limit` × `space`
    beyond a space: the least that brings them to it, if it is at most `TRACK` of `size` (else the line is
    left as it is). Returns `bl`, its lines changed in place."""
    cap = TRACK * size
    lines = bl.lines
    for i, line in enumerate(lines[:-1]):
        extra, gaps, glyphs, plain = line_parts(line)
        if gaps <= 0 or not plain or extra <= gaps * limit * space:
            continue
        # gaps × (Tw + 2 Tc) = gaps × limit × space, and gaps × Tw + (glyphs - 1) × Tc = extra
        room = glyphs - 1 - 2 * gaps
        if room <= 0:
            continue
        track = (extra - gaps * limit * space) / room
        if track > cap:
            continue
        if isinstance(line, tuple):
            words = TrackedWords(line[1])
            words.track = track
            lines[i] = (line[0], words)
        else:
            line.track = track
    return bl


def draw_changes() -> list:
    """ReportLab's drawing of a justified line, with the line's letter-spacing (for `reportlab_patches`)."""
    from reportlab.platypus import paragraph as rp

    simple, frags = rp._justifyDrawParaLine, rp._justifyDrawParaLineX

    def _justifyDrawParaLine(tx, offset, extraspace, words, last=0):
        track = getattr(words, "track", 0.0)
        if not track or last:
            return simple(tx, offset, extraspace, words, last)
        tx.setCharSpace(track)
        try:
            return simple(tx, offset, extraspace - track * (len(" ".join(words)) - 1), words, last)
        finally:
            tx.setCharSpace(0)

    def _justifyDrawParaLineX(tx, offset, line, last=0):
        track = getattr(line, "track", 0.0)
        if not track or last:
            return frags(tx, offset, line, last)
        _, _, glyphs, _ = line_parts(line)
        extra = line.extraSpace
        line.extraSpace = extra - track * (glyphs - 1)
        tx.setCharSpace(track)
        try:
            return frags(tx, offset, line, last)
        finally:
            tx.setCharSpace(0)
            line.extraSpace = extra

    return [(rp, "_justifyDrawParaLine", _justifyDrawParaLine), (rp, "_justifyDrawParaLineX", _justifyDrawParaLineX)]
