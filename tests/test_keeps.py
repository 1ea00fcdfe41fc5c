"""Keeps (guide/typeset/keeps.py, docs/keeps.md): a multiple-choice question breaks between two options, two at
least on each side, rather than leave more than a third of a page empty; a heading never passes a float alone.
The pages are laid out with ReportLab's own document template and the guide's styles, and read back with pypdf."""
from __future__ import annotations

from pypdf import PdfReader
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import Frame, KeepTogether, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate

from guide.theme import theme_named
from guide.typeset.flowables import GuideParagraph, Marker
from guide.typeset.keeps import QuizItem, may_pass
from guide.typeset.styles import styles

THEME = theme_named("large-print")
ST = styles(THEME)
FRAME_H = 648.0


def _para(text: str, style: str, bullet: str | None = None) -> Paragraph:
    return GuideParagraph(text, ST[style], bulletText=bullet)


def _question(n: int, option_lines: list[int]) -> QuizItem:
    """Question n with one option per entry of `option_lines`, each that many lines long (about)."""
    stem = _para(f"Question {n} asks which of these options a reader would choose?", "quiz_question", f"{n}.")
    letters = "ABCDE"
    options = [_para(f"Option {letters[i]} " + "words of the option " * (2 * lines - 1), "option", f"{letters[i]}.")
               for i, lines in enumerate(option_lines)]
    options[-1].spaceAfter = THEME.leading * 0.5
    return QuizItem(stem, options)


def _pages(tmp_path, room: float, item: QuizItem) -> list[str]:
    """The text of each page: a blank block leaves `room` points of the frame, then the question."""
    path = tmp_path / "quiz.pdf"
    doc = BaseDocTemplate(str(path), pagesize=LETTER)
    doc.addPageTemplates([PageTemplate("p", [Frame(72, 72, 468, FRAME_H, leftPadding=0, rightPadding=0,
                                                   topPadding=0, bottomPadding=0)])])
    doc.build([_para("Before the question.", "body"), Spacer(1, FRAME_H - room - THEME.leading), item])
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_a_question_breaks_between_options_rather_than_leave_a_third_of_the_page_empty(tmp_path):
    pages = _pages(tmp_path, 0.45 * FRAME_H, _question(4, [4, 4, 4, 4]))
    assert len(pages) == 2
    assert "Question 4" in pages[0] and "Option B" in pages[0] and "Option C" not in pages[0]
    assert pages[1].lstrip().startswith("4.") and "(continued)" in pages[1] and "Option C" in pages[1]
    assert "Option D" in pages[1]


def test_a_question_goes_on_whole_when_the_page_is_less_than_a_third_empty(tmp_path):
    pages = _pages(tmp_path, 0.3 * FRAME_H, _question(4, [3, 3, 3, 3]))
    assert "Question 4" not in pages[0] and "Option" not in pages[0]
    assert "Question 4" in pages[1] and "(continued)" not in pages[1]


def test_a_question_never_leaves_its_stem_with_one_option(tmp_path):
    """Room for the stem and option A only: the whole question goes on (no stem with a single option, and a
    four-option question breaks only after its second)."""
    pages = _pages(tmp_path, 0.45 * FRAME_H, _question(4, [5, 7, 2, 2]))
    assert "Option" not in pages[0]
    assert "Option A" in pages[1] and "Option D" in pages[1]


def test_five_options_break_where_most_fit_leaving_two(tmp_path):
    pages = _pages(tmp_path, 0.5 * FRAME_H, _question(5, [1, 1, 1, 6, 6]))
    assert "Option C" in pages[0] and "Option D" not in pages[0]
    assert "Option D" in pages[1] and "Option E" in pages[1]


def test_a_heading_passes_a_float_only_with_running_text_after_it():
    heading, body = _para("A subheading", "h2"), _para("Running text.", "body")
    chart = KeepTogether([_para("Chart title", "h3"), Spacer(1, 100)])
    assert may_pass([heading, body], 0)
    assert may_pass([Marker("k", "A subheading", level=1), heading, body], 0)
    assert not may_pass([heading, Spacer(1, 6), chart], 0)            # a chart after the heading
    assert not may_pass([Marker("k", "A subheading", level=1), heading, _question(1, [1, 1, 1, 1])], 0)
