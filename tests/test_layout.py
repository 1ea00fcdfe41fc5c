"""The layout checker over every shipped edition × paper × theme, and over handouts and booklets.

The quick run (`-m "not slow"`) checks the default edition (high school, Letter, classic, tagged) and one
handout with its answer sheet; the full run checks the whole matrix (untagged, which lays out the same).
Any finding fails the test, except the kinds in KNOWN_DEFECTS (each named with who fixes it), which make it
an expected failure that says how many of each were found.
"""
import io
import itertools
from collections import Counter

import pytest

from guide.build import handouts
from guide.checkpdf import check_pdf, format_report

from conftest import CONTENT

CASES = [pytest.param(*case, marks=pytest.mark.slow)
         for case in itertools.product(["middle", "high", "college"], ["letter", "a4"],
                                       ["classic", "large-print", "accessible"])
         if case != ("high", "letter", "classic")]



# Finding kinds that still appear on shipped builds, each until its fix of issue 19 lands. Whoever lands a fix
# deletes its entry: from then on the tests fail on any finding of that kind. kind → who fixes it.
KNOWN_DEFECTS: dict[str, str] = {}      # none left: every finding fails the tests


def known(f) -> bool:
    return f.check in KNOWN_DEFECTS


def assert_clean(path, findings):
    other = [f for f in findings if not known(f)]
    assert other == [], format_report(path, other)
    if findings:
        kinds = Counter(f.check for f in findings)
        pytest.xfail("known defects of issue 19 only: " + ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())))


def test_the_default_edition_has_no_layout_findings(shipped_builds):
    """The default edition (high school, Letter, classic) as `guide build` makes it, tagged."""
    r = shipped_builds["high"]
    findings = check_pdf(r.path)
    assert_clean(r.path, findings)


@pytest.mark.parametrize("edition, paper, theme", CASES)
def test_editions_have_no_layout_findings(pdf_cache, edition, paper, theme):
    r = pdf_cache.build(CONTENT, edition, paper=paper, theme=theme, tagged=False)
    findings = check_pdf(r.path)
    assert_clean(r.path, findings)


@pytest.mark.slow
@pytest.mark.parametrize("edition, extra", [
    ("high", {"two_sided": True}), ("middle", {"booklet": True}), ("college", {"booklet": True, "paper": "a4"}),
    # large print at 18 pt on half-size pages (half-letter, A5): about 35 characters a line
    ("high", {"booklet": True, "theme": "large-print"}),
    ("high", {"booklet": True, "theme": "large-print", "paper": "a4"}),
    ("middle", {"booklet": True, "theme": "large-print"}),
    ("college", {"booklet": True, "theme": "large-print"}),
    ("high", {"booklet": True, "theme": "accessible"}),
    ("college", {"booklet": True, "theme": "large-print", "paper": "a4"}),
    ("middle", {"booklet": True, "theme": "accessible"}),
    # the rest of edition × paper × theme as booklets (all clean when added)
    ("high", {"booklet": True}), ("college", {"booklet": True}),
    ("middle", {"booklet": True, "paper": "a4"}), ("high", {"booklet": True, "paper": "a4"}),
    ("middle", {"booklet": True, "theme": "large-print", "paper": "a4"}),
    ("college", {"booklet": True, "theme": "accessible"}),
    ("middle", {"booklet": True, "theme": "accessible", "paper": "a4"}),
    ("high", {"booklet": True, "theme": "accessible", "paper": "a4"}),
    ("college", {"booklet": True, "theme": "accessible", "paper": "a4"}),
], ids=lambda v: v if isinstance(v, str) else "-".join(k if x is True else str(x) for k, x in v.items()))
def test_two_sided_and_booklets(pdf_cache, edition, extra):
    r = pdf_cache.build(CONTENT, edition, tagged=False, **extra)
    findings = check_pdf(r.path)
    assert_clean(r.path, findings)


@pytest.mark.parametrize("sections", [pytest.param(["trials"], id="one-section"),
                                      pytest.param(None, id="all-sections", marks=pytest.mark.slow)])
def test_handouts_and_answer_sheets(tmp_path, sections):
    results = handouts(CONTENT, "high", sections=sections, output_dir=str(tmp_path), answers="separate",
                       tagged=False)
    assert results and all(r.extra for r in results)
    for r in results:
        for path in [r.path, *r.extra]:
            findings = check_pdf(path)
            assert_clean(path, findings)


def test_only_the_listed_kinds_are_excused(monkeypatch):
    """The exception list excuses its kinds and nothing else (no build needed)."""
    from guide.checkpdf import Finding
    for kind in ("group-row", "box-split", "ragged-paragraph", "underfull-page"):    # fixed and taken off the list
        with pytest.raises(AssertionError, match=kind):
            assert_clean("x.pdf", [Finding(4, kind, "a finding")])
    with pytest.raises(AssertionError, match="type-area"):          # a web address past the edge: no excuse
        assert_clean("x.pdf", [Finding(4, "type-area", "text past the right edge: 'https://example.org/a/b'")])
    monkeypatch.setitem(KNOWN_DEFECTS, "widow", "a kind listed for this test")
    with pytest.raises(AssertionError, match="orphan"):
        assert_clean("x.pdf", [Finding(3, "orphan", "an orphan"), Finding(4, "widow", "a widow")])
    with pytest.raises(pytest.xfail.Exception, match="widow ×1"):
        assert_clean("x.pdf", [Finding(4, "widow", "a widow")])
    assert_clean("x.pdf", [])


def test_a_marker_and_the_questions_barrier_pass_the_space_after_on():
    """A zero-size Marker (and the barrier before the questions) between a box and a heading keeps the box's
    space after overlapping the heading's space before, as ReportLab's own anchors do: 26 pt, not 52."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame, Paragraph

    from guide.typeset.flowables import Marker
    from guide.typeset.keeps import FloatBarrier

    canv = Canvas(io.BytesIO())
    for between in ([Marker("k")], [FloatBarrier(), Marker("k")]):
        frame = Frame(0, 0, 300, 400, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        above = Paragraph("Above", ParagraphStyle("a", fontSize=10, leading=12, spaceAfter=26))
        heading = Paragraph("Heading", ParagraphStyle("h", fontSize=10, leading=12, spaceBefore=26))
        for f in [above, *between]:
            assert frame.add(f, canv)
        y = frame._y
        assert frame.add(heading, canv)
        assert y - frame._y == pytest.approx(26 - 26 + 12), between    # its space before overlaps: only its height
