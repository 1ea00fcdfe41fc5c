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
