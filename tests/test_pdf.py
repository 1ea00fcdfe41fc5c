"""End-to-end: build PDFs and read them back."""
import re

import pytest
from pypdf import PdfReader

from guide.build import build
from guide.validate import load_guide
from guide.errors import Problems
from pdfread import fonts, outline_titles, page_texts, red_text, texts_of

from conftest import CONTENT


@pytest.fixture
def mini_pdf(mini_build):
    return mini_build, PdfReader(mini_build.path)


def test_parts_outline_and_contents_pages(mini_pdf):
    result, reader = mini_pdf
    assert result.pages == len(reader.pages) and result.layout_passes == 1     # counted while it was built
    outline = outline_titles(reader)
    top = [(t, p) for d, t, p in outline if d == 0]
    titles = [t for t, _ in top]
    assert titles == ["A Small Guide", "Contents", "Alpha Section", "Beta Section", "Chronology", "Glossary",
                      "Who’s Who", "Notes", "Bibliography", "Further Reading"]
    texts = page_texts(reader)
    contents = texts[2]
    for title, page in top[2:]:
        # the contents line for each part ends with the page the outline points at, and that page has the title
        assert re.search(re.escape(title) + r"\s*" + str(page) + r"\b", contents), (title, page, contents)
        assert title in texts[page - 1]
    assert "Page 4 of %d" % result.pages in texts[3]


def test_glossary_holds_exactly_the_used_terms(mini_pdf):
    _, reader = mini_pdf
    texts = page_texts(reader)
    glossary = next(t for t in texts if t.lstrip().startswith("Glossary"))
    for term in ("NKVD", "Gulag", "rehabilitation", "НКВД"):
        assert term in glossary
    assert "unused term" not in "".join(texts)


def test_notes_point_at_bibliography_entries(mini_pdf):
    _, reader = mini_pdf
    texts = page_texts(reader)
    notes = next(t for t in texts if t.startswith("Notes"))
    biblio = next(t for t in texts if "Bibliography" in t and "Works cited" in t)
    assert "Author, Book, 12." in notes           # Chicago short note: short title, bare page number
    assert "Author, Anne. A Book: Its Subtitle." in biblio
    assert "Writer, Bob, and Carl Second" in biblio
    assert "Never Cited" not in biblio


def test_hostile_markup_is_printed_as_text(mini, tmp_path):
    result = build(mini, "college", output=str(tmp_path / "c.pdf"))
    text = re.sub(r"\s+", " ", " ".join(page_texts(PdfReader(result.path))))
    assert '<font color=“red”>this</font> & <b>that</b>' in text     # typed quotes typographic, tags as typed
    assert not red_text(result.path)


def test_fonts_are_embedded_subsets(mini_pdf):
    _, reader = mini_pdf
    found = fonts(reader)
    assert found and all(found.values())
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in found), found


def test_metadata(mini_pdf):
    _, reader = mini_pdf
    meta = reader.metadata
    assert meta.title == "A Small Guide"
    assert "study guide" in meta.get("/Keywords", "")
    assert reader.trailer["/Root"].get("/Lang") == "en"


def test_reproducible_with_source_date_epoch(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = build(mini, "high", output=str(tmp_path / "a.pdf")).path.read_bytes()
    b = build(mini, "high", output=str(tmp_path / "b.pdf")).path.read_bytes()
    assert a == b


def test_a4_paper(mini, tmp_path):
    result = build(mini, "high", paper="a4", output=str(tmp_path / "a4.pdf"))
    box = PdfReader(result.path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


# -- the shipped guide ---------------------------------------------------------------------------------

def test_shipped_content_has_no_errors():
    problems = Problems()
    load_guide(CONTENT, problems)
    assert [str(p) for p in problems.errors] == []


@pytest.mark.parametrize("name", [pytest.param("middle", marks=pytest.mark.slow), "high",
                                  pytest.param("college", marks=pytest.mark.slow)])
def test_shipped_editions_build_completely(shipped_builds, name):
    result = shipped_builds[name]
    reader = PdfReader(result.path)
    titles = [t for d, t, _ in outline_titles(reader) if d == 0]
    for part in ("Contents", "Chronology", "Glossary", "Who’s Who", "Notes", "Bibliography", "Further Reading"):
        assert part in titles
    assert len([t for t in titles if t not in ("Contents", "Chronology", "Glossary", "Who’s Who", "Notes",
                                                "Bibliography", "Further Reading")]) >= 1 + 6
    assert all(fonts(reader).values())
    text = "".join(texts_of(result.path))       # (read once per run: test_typeset reads it too)
    assert "НКВД" in text
