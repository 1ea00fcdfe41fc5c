"""The plan: every decision of what to print, made before a renderer runs (no PDF is built here)."""
from pathlib import Path

import pytest

from guide.build import load, plan_selection
from guide.layout import GUTTER, page_layout
from guide.plan import Plan, SectionPart, anchor
from guide.select import find_edition, select
from guide.theme import PAPER_SIZES, theme_named

ASSESS = Path(__file__).resolve().parent / "fixtures" / "assess"


def planned(content, handout=False, sections=None, **options) -> list[Plan]:
    guide, _ = load(content)
    sel = select(guide, find_edition(guide, "high"), sections=sections, **options)
    return plan_selection(sel, handout)[1]


def kinds(plan: Plan) -> list[str]:
    return [p.kind for p in plan.parts]


def test_the_answer_key_is_an_appendix_or_a_separate_file_by_the_edition():
    (appendix,) = planned(ASSESS, answers="appendix")
    assert kinds(appendix)[-1] == "answer-key" and appendix.contents[-1].key == anchor("part", "answers")
    (none,) = planned(ASSESS, answers="none")
    assert "answer-key" not in kinds(none)
    guide, key = planned(ASSESS, answers="separate")
    assert "answer-key" not in kinds(guide) and (guide.suffix, key.suffix) == ("", "-answers")
    assert kinds(key) == ["title-page", "imprint", "contents", "answer-key"]
    assert key.parts[0].kicker.startswith("Answer key") and [e.title for e in key.contents] == ["Answer Key"]


def test_the_parts_come_in_print_order_and_the_contents_list_them_in_that_order():
    (plan,) = planned(ASSESS, answers="appendix")
    order = kinds(plan)
    assert order[:3] == ["title-page", "imprint", "contents"]
    assert order[3:5] == ["section", "section"]
    assert order.index("dbqs") < order.index("tasks") < order.index("glossary") < order.index("answer-key")
    listed = [p.key for p in plan.parts if p.kind not in ("title-page", "imprint", "contents")]
    assert [e.key for e in plan.contents] == listed
    assert [e.number for e in plan.contents[:2]] == ["1", "2"] and plan.parts[2].entries == plan.contents


def test_questions_are_numbered_through_the_section_and_the_key_uses_the_same_numbers():
    (plan,) = planned(ASSESS, answers="appendix")
    for part, key in zip([p for p in plan.parts if isinstance(p, SectionPart)], plan.parts[-1].sections):
        numbers = [n for g in part.question_groups for n, _ in g.items]
        assert numbers == list(range(1, len(part.section.questions) + 1))
        assert [[n for n, _ in g.items] for g in key.question_groups] == [[n for n, _ in g.items]
                                                                          for g in part.question_groups]
        assert part.kicker == f"Section {part.section.number}"


def test_a_handout_is_a_worksheet_with_its_own_apparatus_and_answer_sheet():
    sheet, answers = planned(ASSESS, handout=True, sections=["alpha"], answers="separate")
    assert sheet.handout and kinds(sheet)[:3] == ["name-line", "section", "handout-apparatus"]
    section = sheet.parts[1]
    assert section.kicker == "Handout" and section.answer_lines and not section.new_page and section.quiz is None
    if section.section.quiz:
        assert kinds(sheet)[-1] == "handout-quiz"
    assert kinds(answers) == ["answer-key"] and answers.parts[0].kicker.startswith("Answer sheet · ")
    assert not answers.parts[0].numbered and answers.parts[0].instructor_note is None   # never in a student copy


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_layout_is_the_geometry_and_the_theme_is_the_look(paper):
    theme = theme_named("classic")
    one = page_layout(theme, paper)
    two = page_layout(theme, paper, two_sided=True)
    booklet = page_layout(theme, paper, booklet=True)
    assert one.pagesize == PAPER_SIZES[paper] and not one.two_sided
    assert (two.margin_inner - one.margin_inner, one.margin_outer - two.margin_outer) == (GUTTER, GUTTER)
    assert two.frame_width == one.frame_width and two.two_sided
    assert booklet.pagesize == (PAPER_SIZES[paper][1] / 2, PAPER_SIZES[paper][0]) and booklet.two_sided
    assert booklet.sheet == PAPER_SIZES[paper]
    assert not hasattr(theme, "two_sided")
    (plan,) = planned(ASSESS, paper=paper, two_sided=True)
    assert plan.layout == page_layout(theme, paper, two_sided=True)


def test_every_part_and_block_the_plan_makes_has_a_renderer():
    from guide.model import BLOCK_TYPES
    from guide.typeset.parts import PARTS
    from guide.typeset.sections import BLOCKS

    assert set(BLOCKS) == set(BLOCK_TYPES)
    made = {p.kind for plans in (planned(ASSESS, answers="appendix"), planned(ASSESS, answers="separate"),
                                 planned(ASSESS, handout=True, sections=["alpha"], answers="separate"))
            for plan in plans for p in plan.parts}
    assert made == set(PARTS)            # every renderer is reached, and none is missing
