"""Fuzzing with hypothesis: generated and mutated content always ends in a PDF or a clean guide error.

The quick run (-m "not slow") builds a quarter of the examples; the full run (CI) all. A long run:  GUIDE_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -q
(no per-example deadline: the machine may be slow and shared).
"""
import os
import shutil
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.build import build
from guide.errors import GuideError, Problems
from guide.load import parse_yaml
from guide.markup import parse
from guide.theme import theme_named
from guide.typeset.inline import Inline

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
N = int(os.environ.get("GUIDE_FUZZ_EXAMPLES", "0"))


def profile(default: int):
    return settings(max_examples=N or default, deadline=None, derandomize=not N,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


PIECES = ["*", "**", "[[", "]]", "[@", "]", "|", "<", ">", "&", "<b>", "</font>", "<img src='x'/>", "[[nkvd]]",
          "[[nkvd|the police]]", "[@book-one]", "[@book-one, p. 3]", "[@nosuch]", "[[nosuch]]", "\\", "`", "\n",
          "НКВД", "é", "\u0301", "\u200b", "\u05d0", "\U0001f600", "\x00", "\x07", "  ", "1937–38", "“", "”"]
inline_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(string.ascii_letters + " .,;:!?'\"-", max_size=12)),
                       max_size=25).map("".join)


@profile(300)
@given(inline_text)
def test_inline_markup_parses_and_renders(text):
    spans, warnings = parse(text)
    markup = Inline(theme_named(), {}, {"nkvd"}, 1, term_names={"nkvd": "NKVD"}).render(spans)
    from reportlab.platypus import Paragraph
    from guide.typeset.styles import styles
    Paragraph(markup, styles(theme_named())["body"]).wrap(300, 1000)   # ReportLab accepts what we emit


def _build_or_error(content: Path, out: Path):
    try:
        build(content, "high", sections=["beta"], output=str(out))
    except GuideError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return False
    return True


def runs(full: int):
    """The runs of a fuzz test that builds PDFs: a short one in the quick run, the full one marked slow; with
    GUIDE_FUZZ_EXAMPLES, one long run."""
    if N:
        return [pytest.param(N, id="long")]
    return [pytest.param(max(1, full // 4), id="short"), pytest.param(full, id="full", marks=pytest.mark.slow)]


@pytest.mark.parametrize("examples", runs(25))
def test_fuzzed_paragraph_builds_or_fails_cleanly(tmp_path_factory, examples):
    @profile(examples)
    @given(inline_text)
    def fuzz(text):
        root = tmp_path_factory.mktemp("fz")
        content = root / "content"
        shutil.copytree(MINI, content)
        (content / "sections" / "beta.yaml").write_text(
            yaml.safe_dump({"id": "beta", "title": "Beta", "blocks": [{"type": "paragraph", "text": text or "x"}]},
                           allow_unicode=True), encoding="utf-8")
        _build_or_error(content, root / "o.pdf")

    fuzz()


scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=20), st.floats(allow_nan=False))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
block = st.fixed_dictionaries({"type": st.sampled_from(["paragraph", "subheading", "callout", "primary", "figures",
                                                        "chart", "bogus"])},
                              optional={"text": st.one_of(inline_text, values), "title": inline_text,
                                        "levels": st.lists(st.sampled_from(["middle", "high", "college", "x"])),
                                        "quote": inline_text, "attribution": inline_text, "source": values,
                                        "people": st.lists(st.sampled_from(["stalin", "yezhov", "nobody"])),
                                        "data": values, "alt": values, "caption": inline_text, "id": values})
section = st.fixed_dictionaries({"id": st.just("beta")},
                                optional={"title": st.one_of(inline_text, values), "blocks": st.lists(block, max_size=4),
                                          "questions": values, "key_question": values, "objectives": values,
                                          "extra": values})


@pytest.mark.parametrize("examples", runs(40))
def test_generated_sections_build_or_fail_cleanly(tmp_path_factory, examples):
    @profile(examples)
    @given(section)
    def fuzz(doc):
        root = tmp_path_factory.mktemp("gs")
        content = root / "content"
        shutil.copytree(MINI, content)
        (content / "sections" / "beta.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        _build_or_error(content, root / "o.pdf")

    fuzz()


VALID = (MINI / "sections" / "alpha.yaml").read_text(encoding="utf-8")


@profile(300)
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), st.sampled_from(list(":-[]{}\"'\t\n #&*!|>")
                                                                                          + ["  ", "\n  - "])),
                max_size=4))
def test_mutated_yaml_loads_or_reports(mutations):
    text = VALID
    for pos, cut, insert in mutations:
        text = text[:pos] + insert + text[pos + cut:]
    problems = Problems()
    parse_yaml(text, "alpha.yaml", problems)
    assert all(p.location and p.location.file == "alpha.yaml" for p in problems)
