"""The first piece `guide check-pdf` moves back when it judges a page underfull (guide/checkpdf/space.py,
docs/check-pdf.md), for a multiple-choice question and for a caption at the body size (large print), each on
PDFs drawn on purpose as in test_checkpdf.py: page 2 stops half way down, page 3 starts with the piece."""
from __future__ import annotations

from pathlib import Path

from guide.checkpdf import check_pdf

from test_checkpdf import BOTTOM, FIRST, LEAD, LEFT, MEASURE, SERIF, SIZE, Doc, of, words
from test_checkpdf_findings import body_until, half_empty_page_2

INDENT = 18.0


def _text(doc: Doc, x: float, y: float, n_lines: int, seed: int, label: str = "") -> float:
    """`n_lines` ragged lines of words from baseline y, the first with `label`, the rest hanging under it;
    returns the baseline below the last."""
    for k, ws in enumerate(words(n_lines, seed)):
        text = " ".join(ws[:-3])
        if k == 0 and label:
            doc.text(x, y, f"{label} {text}")
        else:
            doc.text(x + (INDENT if label else 0), y, text)
        y -= LEAD
    return y


def _question(doc: Doc, y: float, options: list[int], first_letter: str = "A", stem: int = 2) -> float:
    """A numbered stem of `stem` lines (none: options continued from the page before) and lettered options
    of the given numbers of lines, set as the guide sets a quiz."""
    if stem:
        y = _text(doc, LEFT, y, stem, 7, "4.") - LEAD * 0.2
    for k, n in enumerate(options):
        y = _text(doc, LEFT + INDENT, y, n, 11 + k, f"{chr(ord(first_letter) + k)}.")
    return y


def _pages(path: Path, top_of_page_3) -> Path:
    doc = half_empty_page_2(path)
    y = top_of_page_3(doc)
    body_until(doc, BOTTOM, seed=4, y=y - LEAD)
    return doc.save()


def underfull(path: Path, top_of_page_3) -> list:
    return of(check_pdf(_pages(path, top_of_page_3)), "underfull-page")


def test_a_question_whose_stem_and_first_two_options_would_have_fitted(tmp_path):
    found = underfull(tmp_path / "q.pdf", lambda doc: _question(doc, FIRST, [1, 1, 1, 1]))
    assert len(found) == 1 and found[0].page == 2 and "4. " in found[0].message


def test_a_question_whose_stem_and_first_two_options_would_not_have_fitted(tmp_path):
    """Its stem and first line fit in the room, but a question never leaves its stem with fewer than two of
    its options: the page is short on purpose (the checker said otherwise before)."""
    assert not underfull(tmp_path / "q.pdf", lambda doc: _question(doc, FIRST, [14, 14, 1, 1]))


def test_options_continued_from_the_page_before(tmp_path):
    # two options left: they would have fitted with the rest of their question on the page before
    assert underfull(tmp_path / "two.pdf", lambda doc: _question(doc, FIRST, [1, 1], "C", stem=0))
    # three left: the first alone may move back (two stay together), but it is too long to fit
    assert not underfull(tmp_path / "three.pdf", lambda doc: _question(doc, FIRST, [28, 1, 1], "C", stem=0))


def _figure(doc: Doc, height: float, caption_lines: int) -> float:
    """A chart (a dark bar `height` tall) and its caption at the body size, set solid a little tighter than
    the body (as large print sets it); returns the baseline below."""
    c = doc.c
    c.setFillColorRGB(0.2, 0.2, 0.2)
    c.rect(LEFT, FIRST + SIZE - height, MEASURE * 0.6, height, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    y = FIRST + SIZE - height - LEAD
    for ws in words(caption_lines, 9):
        doc.text(LEFT, y, " ".join(ws[:-3]), SERIF, SIZE)
        y -= LEAD * 0.85
    return y - LEAD * 0.5


def test_a_caption_at_the_body_size_goes_with_its_figure(tmp_path):
    # the chart alone would fit in the half page left, its caption too only when it is short
    assert not underfull(tmp_path / "long.pdf", lambda doc: _figure(doc, 340, 4))
    assert underfull(tmp_path / "short.pdf", lambda doc: _figure(doc, 250, 2))
