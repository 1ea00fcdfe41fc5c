"""The test suite's own machinery (tests/conftest.py): the cache of built PDFs and outside programs."""
import os
import stat

import pytest

import guide.build
from conftest import MINI, PdfCache, missing, require_program


def test_a_missing_program_skips_the_test_but_fails_it_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"pdftoppm is not installed \(apt-get install poppler-utils\)"):
        require_program("pdftoppm")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_program("pdftoppm")
    program = tmp_path / "pdftoppm"
    program.write_text("#!/bin/sh\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    assert require_program("pdftoppm") == str(program)
    with pytest.raises(pytest.fail.Exception, match="npm ci"):
        missing("yaml-language-server is not installed (run 'npm ci' in tests/lsp)")


def test_the_cache_builds_each_pdf_once(tmp_path, monkeypatch):
    calls = []
    real = guide.build.build
    monkeypatch.setattr(guide.build, "build", lambda *a, **k: calls.append((a, k)) or real(*a, **k))
    cache = PdfCache(tmp_path / "cache")
    first = cache.build(MINI, "high", tagged=False)
    again = cache.build(MINI, "high", tagged=False)
    assert len(calls) == 1 and again.path == first.path and again.pages == first.pages > 5
    assert first.layout_passes == 1
    cache.build(MINI, "high", tagged=False, paper="letter")   # the edition's own paper: another call, new PDF
    cache.build(MINI, "middle", tagged=False)
    assert len(calls) == 3
    assert len({p for p in (tmp_path / "cache").iterdir() if p.is_dir()}) == 3
    assert not [p for p in (tmp_path / "cache").rglob("*.tmp")]


def test_the_cache_refuses_content_a_test_may_change(mini, tmp_path):
    with pytest.raises(ValueError, match="read-only"):
        PdfCache(tmp_path / "cache").build(mini, "high")
    with pytest.raises(ValueError, match="chooses where"):
        PdfCache(tmp_path / "cache").build(MINI, "high", output=str(tmp_path / "x.pdf"))


def test_xdist_workers_share_one_cache_folder(tmp_path_factory, pdf_cache):
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = tmp_path_factory.getbasetemp()
    assert pdf_cache.root.parent == (base.parent if worker else base)
    if worker:
        assert base.name == f"popen-{worker}"


# -- tests/plumbed.py: the checker's reader, in pdfplumber's terms ---------------------------------------------


def test_the_fast_reading_is_pdfplumbers_on_the_fixture_guide(mini_build):
    """Glyphs, filled rectangles and text lines of every page as pdfplumber reads them; and the comparison
    sees a glyph moved, a rectangle lost and a line read otherwise."""
    import copy

    import plumbed

    mine, theirs = plumbed.read(mini_build.path), plumbed.by_pdfplumber(mini_build.path)
    assert plumbed.differences(mine, theirs) == []
    import pdfplumber

    with pdfplumber.open(mini_build.path) as pdf:       # the words as the flashcards' test asks for them
        for page, theirs_page in zip(mine, pdf.pages):
            options = {"keep_blank_chars": True, "y_tolerance": 1}
            got = [(w["text"], round(w["x0"], 2), round(w["top"], 2), round(w["size"], 2))
                   for w in plumbed.words(page["chars"], extra_attrs=("size",), **options)]
            assert got == [(w["text"], round(w["x0"], 2), round(w["top"], 2), round(w["size"], 2))
                           for w in theirs_page.extract_words(extra_attrs=["size"], **options)], page["number"]
    assert sum(len(p["lines"]) for p in mine) > 100 and sum(len(p["rects"]) for p in mine) > 5
    page = next(i for i, p in enumerate(mine) if p["rects"] and len(p["lines"]) > 3)
    for change in ("glyph", "rect", "line"):
        broken = copy.deepcopy(mine)
        if change == "glyph":
            broken[page]["chars"][3]["x0"] += 0.05
        elif change == "rect":
            broken[page]["rects"].pop()
        else:
            broken[page]["lines"][2]["text"] += "x"
        assert len(plumbed.differences(broken, theirs)) == 1, change


@pytest.mark.slow
def test_the_fast_reading_is_pdfplumbers_on_the_default_edition(shipped_builds):
    """The same on the 100-page default edition the measure and the page tests read (about 20 s)."""
    import plumbed

    import re

    import pikepdf

    path = shipped_builds["high"].path
    # A letter-spaced line (typeset/tracking.py sets the character spacing Tc) is the one place the readings
    # may part: the PDF specification adds Tc after every glyph, pdfminer (pdfplumber) not after the last of a
    # text-showing operator, so the text after it sits Tc further left there. Those pages are compared apart.
    with pikepdf.open(path) as pdf:
        spaced = set()
        for number, page in enumerate(pdf.pages, 1):
            c = page.obj.Contents
            data = b"".join(x.read_bytes() for x in c) if isinstance(c, pikepdf.Array) else c.read_bytes()
            if any(float(v) != 0 for v in re.findall(rb"(-?[\d.]+) Tc\b", data)):
                spaced.add(number)
    assert len(spaced) <= 3, f"letter-spaced lines on pages {sorted(spaced)}: the last resort became common"
    mine, theirs = plumbed.read(path), plumbed.by_pdfplumber(path)
    keep = [i for i, p in enumerate(mine) if p["number"] not in spaced]
    assert plumbed.differences([mine[i] for i in keep], [theirs[i] for i in keep]) == []
    for i in (i for i, p in enumerate(mine) if p["number"] in spaced):    # same glyphs, same lines' text
        assert [c["text"] for c in mine[i]["chars"]] == [c["text"] for c in theirs[i]["chars"]]
        assert [ln["text"] for ln in mine[i]["lines"]] == [ln["text"] for ln in theirs[i]["lines"]]
