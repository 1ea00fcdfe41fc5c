"""Shared fixtures: the fixture content, PDFs built once per test run, and outside programs.

Built PDFs are cached for the whole run, across pytest-xdist workers: `pdf_cache.build(...)` builds a PDF
the first time any worker asks for it (under a file lock, so two workers never build the same one) and
hands every later caller the same file. Only the read-only content folders (`CONTENT`, `MINI`, `ASSESS`)
may be built through the cache; a test that edits content uses the `mini` fixture (a private copy) and `build`,
and so does a test that patches the product's code (its PDF must not be handed to other tests).
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
import sys
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import FileLock

# pytest keeps each test module with its asserts rewritten (in tests/__pycache__, checked against the source's
# time and size) only where Python may write bytecode. Where PYTHONDONTWRITEBYTECODE is set (as on the
# project's machine) every xdist worker rewrote and compiled all the test modules on every run: about 4 s
# of each worker's 6.5 s of collection (measured with cProfile, 2 December 2026).
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
ASSESS = Path(__file__).resolve().parent / "fixtures" / "assess"
CONTENT = ROOT / "content"
READ_ONLY = (CONTENT, MINI, ASSESS)      # the content folders the cache builds from (no test changes them)


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small fixture content."""
    dest = tmp_path / "content"
    shutil.copytree(MINI, dest)
    return dest


# -- PDFs built once per run ---------------------------------------------------------------------------


class PdfCache:
    """PDFs of the read-only content folders, built once per test run and shared by every xdist worker."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.read_only = [folder.resolve() for folder in READ_ONLY]   # (a session fixture may add one it made)

    def build(self, content: Path, edition: str, **options):
        """`guide.build.build(content, edition, **options)`, built once per run; returns its BuildResult."""
        from guide.build import BuildResult, build

        content = Path(content).resolve()
        if content not in self.read_only:
            raise ValueError(f"only the read-only content folders are cached, not {content}")
        if "output" in options:
            raise ValueError("the cache chooses where the PDF goes")
        call = inspect.signature(build).bind(content, edition, **options)
        call.apply_defaults()                # build(C, "high") and build(C, "high", tagged=True) are one PDF
        spec = json.dumps(sorted(call.arguments.items()), default=str)
        key = f"{edition}-{hashlib.sha256(spec.encode()).hexdigest()[:16]}"
        folder = self.root / key
        done = folder / "result.json"
        with FileLock(str(self.root / f"{key}.lock")):
            if not done.is_file():
                with counting_layout_passes() as passes:
                    r = build(content, edition, output=str(folder / f"{edition}.pdf"), **options)
                record = {"path": str(r.path), "pages": r.pages, "seconds": r.seconds, "passes": r.passes,
                          "edition": r.edition, "level": r.level, "extra": [str(p) for p in r.extra or []],
                          "layout_passes": len(passes), "spec": spec,
                          "built_by": os.environ.get("PYTEST_XDIST_WORKER", "main")}
                tmp = folder / "result.json.tmp"
                tmp.write_text(json.dumps(record))
                tmp.replace(done)
        record = json.loads(done.read_text())
        assert record["spec"] == spec, (record["spec"], spec)
        result = BuildResult(Path(record["path"]), record["pages"], record["seconds"], record["passes"],
                             record["edition"], record["level"], [Path(p) for p in record["extra"]])
        result.layout_passes = record["layout_passes"]     # measured, not reported by the build
        return result


@contextmanager
def counting_layout_passes():
    """Counts the times ReportLab lays out a story (`BaseDocTemplate.build`, which `multiBuild` calls once
    per pass) while the block runs: `with counting_layout_passes() as passes: ...; len(passes)`."""
    from reportlab.platypus.doctemplate import BaseDocTemplate

    real = BaseDocTemplate.build
    passes = []

    def counted(self, *args, **kwargs):
        passes.append(type(self).__name__)
        return real(self, *args, **kwargs)

    BaseDocTemplate.build = counted
    try:
        yield passes
    finally:
        BaseDocTemplate.build = real


def run_dir(tmp_path_factory) -> Path:
    """A folder shared by every process of this test run (and by no other run).

    Under xdist each worker's base temporary folder is `pytest-N/popen-gwK`, so their parent is this run's;
    without xdist the base folder itself is this run's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def pdf_cache(tmp_path_factory) -> PdfCache:
    return PdfCache(run_dir(tmp_path_factory) / "built-pdfs")


class _Shipped(Mapping):
    """The shipped level editions (tagged, as `guide build` makes them), each built on first use."""

    NAMES = ("middle", "high", "college")

    def __init__(self, cache: PdfCache):
        self.cache = cache

    def __getitem__(self, name):
        if name not in self.NAMES:
            raise KeyError(name)
        return self.cache.build(CONTENT, name)

    def __iter__(self):
        return iter(self.NAMES)

    def __len__(self):
        return len(self.NAMES)


@pytest.fixture(scope="session")
def shipped_builds(pdf_cache):
    """The three shipped level editions, built once per test run: `shipped_builds["high"]` → BuildResult."""
    return _Shipped(pdf_cache)


@pytest.fixture(scope="session")
def mini_build(pdf_cache):
    """The fixture guide's high edition as `guide build` makes it, built once per test run."""
    return pdf_cache.build(MINI, "high")


# -- outside programs ----------------------------------------------------------------------------------

# where the programs tests may use come from (for the skip message)
PACKAGES = {"pdftoppm": "poppler-utils", "pdfinfo": "poppler-utils", "pdftotext": "poppler-utils",
            "qpdf": "qpdf", "chromium": "chromium", "node": "nodejs", "npm": "npm", "pgrep": "procps",
            "soffice": "libreoffice-writer-nogui"}


def require_program(name: str) -> str:
    """The path of an outside program a test needs. Without it the test is skipped, with the reason; with
    the environment variable CI=true it fails instead, so that CI never passes by skipping."""
    path = shutil.which(name)
    if path:
        return path
    missing(f"{name} is not installed (apt-get install {PACKAGES.get(name, name)})")


def missing(reason: str):
    """Skip the test for something outside Python it needs (`reason`), or fail it when CI=true."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason}, and CI=true requires everything the tests use", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shipped_guide():
    """The shipped content, loaded and validated once per run (read-only: tests must not change it)."""
    from guide.errors import Problems
    from guide.validate import load_guide

    problems = Problems()
    g = load_guide(CONTENT, problems)
    assert not problems.errors, [str(p) for p in problems.errors]
    return g


@pytest.fixture(scope="session")
def shipped_high_document():
    """The default edition resolved (`guide.exporting.resolved(CONTENT, "high").document`), once per worker,
    for the exports' tests (read-only: tests must not change it)."""
    from guide.exporting import resolved

    return resolved(CONTENT, "high").document
