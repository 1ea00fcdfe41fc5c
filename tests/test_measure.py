"""The classic theme's measure, counted independently from built PDFs (tests/measure.py): 60–75 characters
and spaces on the full lines of full-size pages, at least 45 on half-size booklet pages."""
from __future__ import annotations

import pytest

from conftest import CONTENT
from measure import measure


def test_the_default_edition_has_a_measure_of_60_to_75(shipped_builds):
    chars, lines = measure(shipped_builds["high"].path)
    assert lines > 300, "too few full lines to judge the measure"
    assert 60 <= chars <= 75, f"{chars} characters a line"


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("two_sided", [False, True])
def test_full_size_pages_have_a_measure_of_60_to_75(pdf_cache, paper, two_sided):
    r = pdf_cache.build(CONTENT, "college", paper=paper, two_sided=two_sided)
    chars, lines = measure(r.path)
    assert lines > 300 and 60 <= chars <= 75, f"{paper}: {chars} characters a line ({lines} full lines)"


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_booklet_pages_keep_a_measure_of_at_least_45(pdf_cache, paper):
    r = pdf_cache.build(CONTENT, "high", paper=paper, booklet=True)
    chars, lines = measure(r.path)
    assert lines > 300 and 45 <= chars <= 75, f"{paper} booklet: {chars} characters a line ({lines} full lines)"


def test_the_count_sees_a_long_measure(tmp_path):
    """The count is no constant: the same text on a wide page counts more characters a line."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    text = " ".join(["The committee met on a cold morning in the old town hall and argued for hours."] * 40)
    counts = []
    for margin in (30, 150):
        path = tmp_path / f"m{margin}.pdf"
        style = ParagraphStyle("b", fontName="Times-Roman", fontSize=10, leading=12, alignment=4)
        SimpleDocTemplate(str(path), leftMargin=margin, rightMargin=margin).build(
            [Paragraph(text, style) for _ in range(3)])
        counts.append(measure(path)[0])
    assert counts[0] > 100 and 55 < counts[1] < 80, counts     # 552 pt and 312 pt of 10 pt Times
