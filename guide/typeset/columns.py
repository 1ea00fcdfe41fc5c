"""Column widths for tables of words that must not break: a header word, a glossary term, a date (`story`,
`back`). A column too narrow for its longest word takes room from the others, never more than half the table.
"""
from __future__ import annotations

from . import linebreak


def column_needs(rows: list, widths: list[float], padding: float) -> list[float]:
    """The width each column needs to hold the longest word of each of its cells whole (never more than
    half the table)."""
    total = sum(widths)
    need = [0.0] * len(widths)
    for row in rows:
        for c, cell in enumerate(row[:len(widths)]):
            for f in cell if isinstance(cell, (list, tuple)) else [cell]:
                longest = _longest_word(f)
                if longest:
                    need[c] = max(need[c], min(longest + padding + 1, total / 2))
    return need


def _longest_word(f) -> float:
    """The width of the widest word of a paragraph in its style (0 for anything else); kept on it, as the
    same cells are measured for more than one layout of their table."""
    known = f.__dict__.get("_guide_longest") if hasattr(f, "__dict__") else 0.0
    if known is not None:
        return known
    style = getattr(f, "style", None)
    longest = 0.0
    if style is not None and hasattr(f, "getPlainText"):
        words = set(f.getPlainText().split())
        if words:
            width_of, font, size = linebreak.width_of, style.fontName, style.fontSize
            longest = max(width_of(w, font, size) for w in words)
    f.__dict__["_guide_longest"] = longest
    return longest


def columns_fit(rows: list, widths: list[float], padding: float) -> bool:
    """Whether `fit_columns` can give every column the room for its longest word."""
    need = column_needs(rows, widths, padding)
    short = sum(max(n - w, 0) for n, w in zip(need, widths))
    return not short or sum(max(w - n, 0) for n, w in zip(need, widths)) > short


def fit_columns(rows: list, widths: list[float], padding: float) -> list[float]:
    """Column widths that hold the longest word of every cell (a header word, a glossary term) whole:
    a column too narrow for one takes the room from the others in proportion to their slack, never more
    than half the table for one column."""
    need = column_needs(rows, widths, padding)
    short = sum(max(n - w, 0) for n, w in zip(need, widths))
    if not short:
        return widths
    slack = [max(w - n, 0) for n, w in zip(need, widths)]
    spare = sum(slack)
    if spare <= short:
        return widths
    return [max(w, n) if n > w else w - short * s / spare for w, n, s in zip(widths, need, slack)]
