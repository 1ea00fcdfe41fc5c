"""How a box breaks (guide/typeset/boxes.py): only between items that stand alone, the part after a break
under its title and "(continued)". Built from the flowables the section renderer makes, no PDF needed."""
from __future__ import annotations

from guide.theme import theme_named
from guide.typeset.boxes import STRONG, TIGHT, WEAK, Box, items_and_bonds
from guide.typeset.flowables import GuideParagraph, tag
from guide.typeset.styles import styles

THEME = theme_named("classic")
ST = styles(THEME)
WIDTH = 330.0
FRAME = 620.0
WORDS = ("the order was read to every unit of the army and the court that had sat in secret was praised for "
         "its vigilance while the families of the accused waited for news that did not come ").split()


def text(n: int, seed: int = 0) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(n)).capitalize() + "."


def source_box() -> Box:
    """A primary source as `sections.primary` makes it: title, introduction, quotation, attribution, the
    questions' heading and three questions."""
    flowables = [tag(GuideParagraph("Voroshilov’s order of the day, 14 June 1937", ST["box_title"]), "H3"),
                 tag(GuideParagraph(text(140), ST["box"]), "P"),
                 tag(GuideParagraph("“" + text(50, 3) + "”", ST["quote"]), "BlockQuote"),
                 tag(GuideParagraph("— Kliment Voroshilov, order of the day, 14 June 1937", ST["attribution"]), "P"),
                 tag(GuideParagraph("Questions", ST["box_title"]), "H4")]
    flowables += [tag(GuideParagraph(text(25, 7 * i), ST["bullet"], bulletText=f"{i}."), "LI") for i in (1, 2, 3)]
    items, bonds = items_and_bonds(flowables, "primary")
    return Box(items, bonds, THEME, WIDTH, "primary", frame_height=FRAME)


def height_through(box: Box, k: int) -> float:
    """The height of the box's first `k` items (as a part of the box)."""
    box._calc(WIDTH, FRAME)
    return sum(box._rowHeights[:k]) + box.pad * 0.5


def test_a_source_box_has_its_bonds():
    box = source_box()
    assert box.bonds == [TIGHT, STRONG, WEAK, WEAK]     # intro → quote+attribution → Q heading+Q1 → Q2 → Q3


def test_a_source_is_not_parted_from_its_questions_below_other_text():
    """Room for the source and its attribution but not its first question, more than a third of the page:
    the box does not break (it goes on whole), where it once left its questions for the next page."""
    box = source_box()
    room = height_through(box, 2) + 5
    assert room > FRAME / 3 and room < height_through(box, 3)
    assert box.split(WIDTH, room) == []
    assert not box.first_piece_fits(WIDTH, room)


def test_a_source_breaks_after_its_first_question():
    box = source_box()
    room = height_through(box, 3) + 5
    parts = box.split(WIDTH, room)
    assert len(parts) == 2
    assert [len(p.items) for p in parts] == [3, 2]
    first = parts[1].items[0][0]
    assert first.getPlainText().endswith("(continued)") and getattr(first, "_role", "") == "Artifact"
    assert box.first_piece_fits(WIDTH, room)


def test_at_the_top_of_a_page_a_box_taller_than_the_page_breaks_at_its_weakest_bond_that_fits():
    box = source_box()
    room = height_through(box, 2) + 5
    parts = box.split(WIDTH, room, at_top=True)
    assert [len(p.items) for p in parts] == [2, 3]      # the strong bond yields only where nothing else can
