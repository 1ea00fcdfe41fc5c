"""The typesetting layer's own machinery: lazy paragraphs, line breaking reused, one layout pass."""
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from guide.typeset.flowables import GuideParagraph
from guide.build import build
from pdfread import outline_titles, texts_of


def _lines(bl) -> list[str]:
    return ["".join(w.text for w in line.words) if bl.kind else " ".join(line[1]) for line in bl.lines]


def _style():
    return ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, embeddedHyphenation=1)


TEXT = "In the Second Five-Year Plan the camps took people with eight- or ten-year terms, fifty-eighters all."
# a paragraph with markup (several fragments): where ReportLab's re-breaking goes wrong
MARKED = ("See also: <i>kulak</i>, dekulakization, Holodomor, Five-Year Plan. Also spelled: collectivisation, "
          "kolkhoz, fifty-eighters.")


def test_rebreaking_keeps_hard_hyphens(monkeypatch):
    """ReportLab's line breaking replaces a paragraph's fragments with its split words, and breaking those
    again can lose the hyphen of "Five-Year" at a line end ("FiveYear"). Ours starts every break from the
    fragments as parsed, so a paragraph broken again, at any width, keeps the text as written."""
    reportlabs = _lines(Paragraph(MARKED, _style()).breakLines(220))
    ours = GuideParagraph(MARKED, _style())
    texts = lambda frags: [getattr(f, "text", type(f).__name__) for f in frags]    # noqa: E731
    parsed = texts(ours.frags)
    began_with = []
    real = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines",
                        lambda self, width: began_with.append(texts(self.frags)) or real(self, width))
    first = _lines(ours.breakLines(220))
    assert first[0].endswith("Five-")
    assert first == reportlabs                       # the first break is ReportLab's own
    for width in (250, 220, 180, 220):
        ours.__dict__["_guide_lines"].clear()        # force a real re-break, not the reused one
        lines = _lines(ours.breakLines(width))
        assert "".join(lines).replace(" ", "") == MARKED.replace("<i>", "").replace("</i>", "").replace(" ", "")
    assert lines == first
    assert len(began_with) >= 5                      # (total-fit may break a loose paragraph more than once)
    assert all(b == parsed for b in began_with)      # every break began from the fragments as parsed
    assert ours.getPlainText() == MARKED.replace("<i>", "").replace("</i>", "")


def test_line_breaking_is_done_once_per_width(monkeypatch):
    calls = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines", lambda self, w: calls.append(w) or original(self, w))
    p = GuideParagraph(TEXT, _style())
    for _ in range(3):
        p.wrap(200, 500)
    assert len(calls) == 1


def test_paragraphs_are_parsed_when_laid_out():
    p = GuideParagraph("A <i>parsed</i> &amp; escaped text", _style())
    assert "frags" not in p.__dict__            # the story waiting for layout holds only text
    w, h = p.wrap(300, 500)
    assert h == 12 and "frags" in p.__dict__
    assert p.getPlainText() == "A parsed & escaped text"
    eager = Paragraph("A <i>parsed</i> &amp; escaped text", _style())
    assert [f.text for f in eager.frags] == [f.text for f in GuideParagraph(eager.text, _style()).frags]


@pytest.mark.parametrize("name", ["high", pytest.param("college", marks=pytest.mark.slow)])
def test_one_pass_with_exact_numbers(shipped_builds, name):
    """Laid out once: every footer says "Page i of N" with the real total, and every contents line carries the
    page its part starts on (the numbers are filled in after the layout)."""
    result = shipped_builds[name]
    assert result.layout_passes == 1            # ReportLab's layout, counted while the PDF was built
    reader = PdfReader(result.path)
    texts = texts_of(result.path)          # (read once per run: test_pdf reads the same PDF's text)
    n = len(texts)
    footers = [i + 1 for i, t in enumerate(texts) if re.search(rf"Page {i + 1} of {n}\b", t)]
    assert len(footers) >= n - 2                # all but the title page (and a blank page, if any)
    contents = re.sub(r"\s+", " ", texts[2])
    for depth, title, page in outline_titles(reader):
        if depth == 0 and title not in ("Contents",) and page > 3:
            assert re.search(re.escape(title) + rf" ?{page}\b", contents), (title, page)


def footer_text(path, page_index):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_index]
        foot = sorted((c for c in page.chars if c["top"] > page.height - 60), key=lambda c: c["x0"])
        return "".join(c["text"] for c in foot), foot, len(pdf.pages)


def test_a_long_edition_line_drops_whole_fields_beside_the_page_number(mini, tmp_path):
    """The footer is filled in after the layout, so the edition line fits the real width of "Page X of Y".
    It drops whole fields (school, then course, then instructor, then period), never cutting a word."""
    (mini / "editions" / "long.yaml").write_text(
        "level: high\nschool: Saint Bartholomew's Collegiate Institute for the Humanities and Sciences\n"
        "course: Modern European and World History, Advanced Placement\nperiod: Period 3\n"
        "instructor: Dr. Maximiliana Featherstonehaugh-Montgomery\n")
    result = build(mini, "long", output=str(tmp_path / "long.pdf"))
    text, foot, pages = footer_text(result.path, 3)
    assert text.endswith(f"Page 4 of {pages}")
    line = text[: text.index("Page 4")]
    assert line == "A Small Guide · High school edition · Period 3"     # the other fields would not fit
    start = text.index("Page 4")
    assert foot[start]["x0"] - max(c["x1"] for c in foot[:start]) > 10


def test_footer_fit_keeps_whole_words():
    from guide.typeset.template import fit_footer

    fields = [("title", "The Great Purge in the Soviet Union"), ("level", "High school edition"),
              ("school", "Lincoln High School"), ("course", "World History II"), ("period", "Period 3"),
              ("instructor", "Ms. Rivera")]
    width = len                       # one unit per character
    full = " · ".join(t for _, t in fields)
    assert fit_footer(fields, width, len(full)) == full
    assert fit_footer(fields, width, len(full) - 1) == full.replace("Lincoln High School · ", "")
    assert fit_footer(fields, width, 80) == "The Great Purge in the Soviet Union · High school edition · Period 3"
    assert fit_footer(fields, width, 40) == "The Great Purge… · High school edition"
    assert fit_footer([("title", "x" * 40_000), ("level", "High")], width, 40) == "High"


def test_one_hyphenation_dictionary_serves_every_paragraph():
    import pyphen

    from guide.theme import theme_named
    from guide.typeset.styles import hyphenator, styles

    split = hyphenator("en_US")
    assert split("revolutionary") == tuple(pyphen.Pyphen(lang="en_US").iterate("revolutionary"))
    assert split("revolutionary") is split("revolutionary")          # remembered
    st = styles(theme_named("classic"))
    assert st["body"].hyphenationLang is split
    assert not styles(theme_named("large-print"))["body"].hyphenationLang   # large print is not hyphenated


def test_the_ragged_fallback_is_made_per_style_not_per_name():
    """Two themes' styles may share a name (“body”): each gets a ragged copy of its own size."""
    from guide.typeset.flowables import _ragged

    small, large = ParagraphStyle("body", fontSize=10.5, leading=13), ParagraphStyle("body", fontSize=14, leading=18)
    assert (_ragged(small).fontSize, _ragged(large).fontSize) == (10.5, 14)
    assert _ragged(large) is _ragged(large)


def test_themes_with_other_fonts_do_not_replace_each_others_fonts():
    """ReportLab's font registry is global: a theme whose serif is another font gets names of its own."""
    from dataclasses import replace

    from reportlab.pdfbase import pdfmetrics

    from guide.theme import SANS, THEMES
    from guide.typeset.fonts import font_for

    classic = THEMES["classic"]
    other = replace(classic, serif=SANS)
    before = font_for(classic, "serif")
    assert font_for(other, "serif") != before
    assert pdfmetrics.getFont(before).face.name == b"CharisSIL"       # still the classic theme's own font
