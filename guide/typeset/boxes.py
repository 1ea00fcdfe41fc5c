"""Boxed callouts and primary sources that break across pages only where a reader can follow them.

A box is a list of *items*, each a few flowables that must stay together (a heading with what follows it,
a quotation with its attribution). Between two items there is a *bond*, the cost of breaking there:

    FREE    paragraphs of a callout, the rows of "Key figures", the points of a map key
    WEAK    one question of a source and the next (the first question stays with the source)
    STRONG  the quotation's attribution and the source's questions
    TIGHT   a source's introduction and its quotation

On a page with other text above it, a box breaks only at FREE or WEAK bonds (at the last one that fits):
never between a source and its questions, however much of the page that leaves empty (see docs/keeps.md);
at the top of a page, where moving on cannot help, at the weakest bond that fits, and, if no item fits
whole, inside an item (between its paragraphs or lines). The part after a break opens with the box's
title and "(continued)", drawn as an artifact (the structure tree holds the title once). See docs/keeps.md.
"""
from __future__ import annotations

import re

from reportlab.platypus import Table, TableStyle

from ..theme import Theme
from .fonts import font_for
from .styles import color

FREE, WEAK, STRONG, TIGHT = 0, 1, 2, 3


def _style_name(f) -> str:
    return getattr(getattr(f, "style", None), "name", "")


def _heading_level(f) -> int | None:
    """The outline level of a box heading (the title, or a heading inside the box), None for other flowables."""
    role = getattr(f, "_role", "")
    if _style_name(f).startswith("box_title") and len(role) == 2 and role[0] == "H":
        return int(role[1])
    return None


def items_and_bonds(flowables: list, kind: str) -> tuple[list[list], list[int]]:
    """The flowables of a box as items (a heading joins what follows it; an attribution joins its
    quotation) and the bond between each item and the next."""
    items: list[list] = []
    pending: list = []
    for f in flowables:
        if _style_name(f) == "attribution" and items and not pending:
            items[-1].append(f)             # the attribution stays with its quotation
            continue
        pending.append(f)
        if not getattr(getattr(f, "style", None), "keepWithNext", 0):
            items.append(pending)
            pending = []
    if pending:
        if items:
            items[-1] += pending
        else:
            items.append(pending)
    bonds = []
    for before, after in zip(items, items[1:]):
        names_after = [_style_name(f) for f in after]
        if kind == "primary" and "quote" in names_after:
            bonds.append(TIGHT)           # intro → quotation
        elif kind == "primary" and "attribution" in [_style_name(f) for f in before]:
            bonds.append(STRONG)          # attribution → questions
        elif kind == "primary":
            bonds.append(WEAK)            # between questions
        else:
            bonds.append(FREE)
    return items, bonds


class Box(Table):
    """A tinted box with a rule on the left (callout) or a thin frame (primary source), one table row per
    item; it splits itself (see the module's note), never the table's own way."""

    def __init__(self, items: list[list], bonds: list[int], theme: Theme, width: float, kind: str = "callout",
                 frame_height: float | None = None, title=None):
        self.items, self.bonds = items, bonds
        self.box_theme, self.box_width, self.kind, self.frame_height = theme, width, kind, frame_height
        headings = [(lvl, f) for item in items for f in item if (lvl := _heading_level(f)) is not None
                    and getattr(f, "_role", "") != "Artifact"]
        self.title = title if title is not None else (min(headings, key=lambda x: x[0])[1] if headings else None)
        self.headings = headings
        super().__init__([[item] for item in items], colWidths=[width])
        pad = self.pad = theme.body_size * 0.9
        tint = theme.tint if kind == "callout" else theme.primary_tint
        cmds = [
            ("FONT", (0, 0), (-1, -1), font_for(theme, theme.text_family), theme.body_size),
            ("BACKGROUND", (0, 0), (-1, -1), color(tint)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.3),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), pad * 0.8),
            ("BOTTOMPADDING", (0, -1), (-1, -1), pad * 0.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if kind == "callout":
            cmds.append(("LINEBEFORE", (0, 0), (0, -1), 3, color(theme.accent)))
        else:
            cmds += [("BOX", (0, 0), (-1, -1), 0.6, color(theme.rule)),
                     ("LINEBEFORE", (0, 0), (0, -1), 3, color(theme.ink))]
        self.setStyle(TableStyle(cmds))
        self.spaceBefore = theme.leading * 0.5
        self.spaceAfter = theme.leading

    # -- splitting ----------------------------------------------------------------------------------
    def _at_top(self, ah: float) -> bool:
        """Whether the box stands at the top of a page (moving it on would not give it more room)."""
        return bool(getattr(self, "_postponed", 0)) or (self.frame_height is not None
                                                        and ah >= self.frame_height - 1)

    def first_piece_fits(self, aw: float, ah: float) -> bool:
        """Whether the first part the box may break off where it stands (not at the top of a page) fits: at a
        free or weak bond, or inside a callout's running text."""
        return self.wrap(aw, ah)[1] <= ah or bool(self.split(aw, ah, at_top=False))

    def _fitting(self, aw: float, ah: float) -> tuple[list[int], list[float]]:
        """The items to break before that leave a first part fitting in `ah`, and the row heights."""
        self._calc(aw, ah)
        heights = self._rowHeights
        fits, total = [], 0.0
        for k in range(1, len(self.items)):
            total += heights[k - 1]
            if total + self.pad * 0.5 > ah:
                break
            fits.append(k)
        return fits, heights

    def split(self, aw, ah, at_top: bool | None = None):
        at_top = self._at_top(ah) if at_top is None else at_top
        fits, heights = self._fitting(aw, ah)
        if at_top:
            k = min(fits, key=lambda k: (self.bonds[k - 1], -k), default=0)
        else:
            # below other text only where both parts stand alone: a source keeps its questions (at least the
            # first) and a quotation its introduction and attribution, even if the page is left part empty
            # (the box then goes on whole to the next page; docs/keeps.md)
            k = max((k for k in fits if self.bonds[k - 1] <= WEAK), default=0)
            if not k and self._first_unit_height(heights) > (self.frame_height or float("inf")):
                # what may not be broken here is taller than a page (a long quotation in large print on a
                # half-size page): it will break at the top of the next one, so it breaks here instead, as
                # there, rather than leave this page empty for nothing
                at_top = True
                k = min(fits, key=lambda k: (self.bonds[k - 1], -k), default=0)
        # inside an item: at the top of a page when nothing else fits; in a callout (running text in a box)
        # also to fill the page, when the item after the break is free to break from what is before it
        if k < len(self.items) and (at_top and not fits or self.kind == "callout"
                                    and (k == 0 or self.bonds[k - 1] == FREE) and self._running_text(k)):
            inside = self._split_inside(aw, ah - sum(heights[:k]), k)
            if inside and inside[0].wrap(aw, ah)[1] <= ah:
                return inside
        if k:
            head, tail = self.items[:k], self.items[k:]
            return [self._part(head, self.bonds[:k - 1]), self._part(tail, self.bonds[k:], continued=head)]
        return []

    def _first_unit_height(self, heights: list[float]) -> float:
        """The height of the items up to the first place the box may break below other text."""
        j = next((k for k in range(1, len(self.items)) if self.bonds[k - 1] <= WEAK), len(self.items))
        return sum(heights[:j]) + self.pad * 1.3

    def _running_text(self, k: int) -> bool:
        """Whether item `k` is running text (paragraphs, not list items such as the rows of key figures)."""
        return all(getattr(f, "_role", "P") != "LI" for f in self.items[k])

    def _split_inside(self, aw, room: float, k: int):
        """Item `k` broken between its paragraphs, or inside a paragraph (its own widow and orphan rules
        hold), so that the first part fills `room` below items before it; None if it cannot."""
        item = self.items[k]
        inner = aw - self.pad * 2.3
        room -= self.pad * (0.5 + (0.8 if k == 0 else 0))
        used = 0.0
        for i, f in enumerate(item):
            before, after = f.getSpaceBefore(), f.getSpaceAfter()      # (a table cell counts both, always)
            h = f.wrap(inner, max(room - used, 1))[1] + before + after
            if used + h <= room:
                used += h
                continue
            left = room - used - before - after
            parts = f.split(inner, left) if left > 0 else []
            if len(parts) >= 2:
                head, tail = item[:i] + [parts[0]], list(parts[1:]) + item[i + 1:]
            elif i and not getattr(getattr(item[i - 1], "style", None), "keepWithNext", 0):
                head, tail = item[:i], item[i:]
            else:
                return None
            if not any(_heading_level(x) is None for x in head):
                return None         # a heading alone
            first, rest = self.items[:k] + [head], [tail] + self.items[k + 1:]
            return [self._part(first, self.bonds[:k]), self._part(rest, self.bonds[k:], continued=first)]
        return None

    def _part(self, items: list[list], bonds: list[int], continued: list[list] | None = None) -> "Box":
        title = self.title
        if continued is not None:
            # the title of the part the break falls in: the last heading of the box's top level before it
            top = min((lvl for lvl, _ in self.headings), default=None)
            before = [f for item in continued for f in item if _heading_level(f) == top
                      and getattr(f, "_role", "") != "Artifact"]
            title = before[-1] if before and top is not None else self.title
            if title is not None:
                items = [[continued_title(title)] + items[0]] + items[1:]
        part = self.__class__(items, bonds, self.box_theme, self.box_width, self.kind, self.frame_height, title)
        # the first part keeps the space before the box as it stands (which may have been changed), the last
        # the space after it: a first part with the theme's space before again did not fit where it was split
        if continued is not None:
            part.spaceBefore, part.spaceAfter = 0, self.spaceAfter
        else:
            part.spaceBefore, part.spaceAfter = self.spaceBefore, 0
        return part


def continued_title(title):
    """`title` again, with "(continued)", as an artifact: a repeat for the eye, not a second heading."""
    from .flowables import GuideParagraph
    from .inline import esc
    from .tagging import tagged

    text = getattr(title, "text", None)
    markup = (re.sub(r"<a\s+name=(\"[^\"]*\"|'[^']*'|\S+)\s*/>", "", text) if isinstance(text, str)
              else esc(title.getPlainText()))
    return tagged(GuideParagraph(markup + " (continued)", title.style), "Artifact")


def box(flowables: list, theme: Theme, width: float, kind: str = "callout", frame_height: float | None = None):
    """A box of `flowables` (see `Box`), tagged as one Div."""
    from .tagging import tagged

    items, bonds = items_and_bonds(flowables, kind)
    return tagged(Box(items, bonds, theme, width, kind, frame_height), "Div")
