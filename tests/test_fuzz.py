"""Fuzzing with hypothesis: generated and mutated content always ends in a PDF or a clean guide error.

The fuzzers that build PDFs try a quarter of their examples in the quick run (-m "not slow") and all of
them in the full run (CI). A long run:  GUIDE_FUZZ_EXAMPLES=10000 python -m pytest tests/test_fuzz.py -q
(no per-example deadline: the machine may be slow and shared).
"""
import inspect
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


def builds(full: int, *strategies):
    """In place of `@profile(full) @given(*strategies)` on a fuzz test that builds PDFs: the quick run tries a
    quarter of the examples, the full run (marked slow) all of them; with GUIDE_FUZZ_EXAMPLES, one long run."""
    runs = ([pytest.param(N, id="long")] if N else
            [pytest.param(max(1, full // 4), id="short"), pytest.param(full, id="full", marks=pytest.mark.slow)])

    def decorate(test):
        params = list(inspect.signature(test).parameters.values())
        fixtures = params[:len(params) - len(strategies)]            # @given fills the last arguments

        def run(examples, **kwargs):
            profile(examples)(given(*strategies)(test))(**kwargs)

        run.__name__, run.__qualname__, run.__doc__ = test.__name__, test.__qualname__, test.__doc__
        run.__signature__ = inspect.Signature([*fixtures, inspect.Parameter("examples", inspect.Parameter.KEYWORD_ONLY)])
        return pytest.mark.parametrize("examples", runs)(run)

    return decorate


@builds(25, inline_text)
def test_fuzzed_paragraph_builds_or_fails_cleanly(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("fz")
    content = root / "content"
    shutil.copytree(MINI, content)
    (content / "sections" / "beta.yaml").write_text(
        yaml.safe_dump({"id": "beta", "title": "Beta", "blocks": [{"type": "paragraph", "text": text or "x"}]},
                       allow_unicode=True), encoding="utf-8")
    _build_or_error(content, root / "o.pdf")


# Hostile scalars too: huge and non-finite numbers, and text with characters no font prints (controls,
# direction overrides, Hebrew, emoji), which YAML writes as escapes.
odd_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.integers(), st.text(max_size=20), odd_text,
                    st.floats(), st.just(10 ** 400), st.sampled_from(["yes", "no", "0x1F", "1.10", "\x1b[31m"]))
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


@builds(40, section)
def test_generated_sections_build_or_fail_cleanly(tmp_path_factory, doc):
    root = tmp_path_factory.mktemp("gs")
    content = root / "content"
    shutil.copytree(MINI, content)
    (content / "sections" / "beta.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    _build_or_error(content, root / "o.pdf")


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


def _write(path: Path, doc) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def _edition_or_error(content: Path, edition: str, out: Path) -> bool:
    try:
        build(content, edition, output=str(out))
    except GuideError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return False
    return True


def _mini(tmp_path_factory, name: str) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp(name)
    content = root / "content"
    shutil.copytree(MINI, content)
    return root, content


from guide.options import OPTIONS  # noqa: E402

edition_doc = st.fixed_dictionaries({}, optional={
    **{o.name: values for o in OPTIONS},
    "level": st.one_of(st.sampled_from(["middle", "high", "college"]), values),
    "sections": st.one_of(st.lists(st.sampled_from(["alpha", "beta", "gamma", "Alpha"]), max_size=3), values),
    "omit": st.one_of(st.lists(st.sampled_from(["chronology", "alpha-q1", "nosuch", "notes"]), max_size=3), values),
    "add": st.one_of(st.just(["own.yaml"]), st.just({"glossary": "terms.yaml"}), st.just({"sources": ["refs.yaml"]}),
                     values),
})


@builds(40, edition_doc)
def test_generated_editions_build_or_fail_cleanly(tmp_path_factory, doc):
    root, content = _mini(tmp_path_factory, "ge")
    _write(content / "editions" / "own.yaml", {"id": "own", "title": "Own", "blocks": []})
    _write(content / "editions" / "fz.yaml", doc)
    _edition_or_error(content, "fz", root / "o.pdf")


guide_doc = st.fixed_dictionaries(
    {"title": st.one_of(inline_text, values), "levels": st.just({
        "middle": {"label": "Middle school", "audience": "Ages 11–14"},
        "high": {"label": "High school", "audience": "Ages 14–18"},
        "college": {"label": "University", "audience": "Undergraduates"}}),
     "sections": st.just(["alpha", "beta"]), "default_edition": st.just("high")},
    optional={"subtitle": values, "topic": values, "version": values, "date": values, "license": values,
              "cite_as": values, "instructor_note": values})


@builds(40, guide_doc)
def test_generated_guide_files_build_or_fail_cleanly(tmp_path_factory, doc):
    root, content = _mini(tmp_path_factory, "gg")
    _write(content / "guide.yaml", doc)
    _edition_or_error(content, "high", root / "o.pdf")


reference = st.fixed_dictionaries(
    {"id": st.one_of(st.just("book-one"), st.just("fz-ref"), values), "type": st.one_of(st.just("book"), values),
     "title": st.one_of(inline_text, odd_text, values)},
    optional={"author": st.one_of(st.just([{"family": "A", "given": "B"}]), st.lists(
        st.dictionaries(st.sampled_from(["family", "given", "literal", "x"]), values, max_size=3), max_size=2), values),
        "issued": st.one_of(st.just({"date-parts": [[2001]]}), st.builds(lambda v: {"date-parts": [[v]]}, scalars),
                            values),
        "publisher": values, "volume": values, "page": values, "URL": values, "note": values})
term = st.fixed_dictionaries({"id": st.one_of(st.just("fz-term"), values), "term": st.one_of(odd_text, values),
                              "definition": st.one_of(inline_text, odd_text, values)})


@builds(40, st.lists(reference, max_size=3), st.lists(term, max_size=3), section)
def test_generated_added_files_build_or_fail_cleanly(tmp_path_factory, refs, terms, sec):
    root, content = _mini(tmp_path_factory, "ga")
    sec = dict(sec, id="own")
    _write(content / "editions" / "own.yaml", sec)
    _write(content / "editions" / "refs.yaml", {"references": refs})
    _write(content / "editions" / "terms.yaml", {"terms": terms})
    _write(content / "editions" / "fz.yaml", {"level": "high", "add": {
        "sections": ["own.yaml"], "sources": "refs.yaml", "glossary": "terms.yaml"}})
    _edition_or_error(content, "fz", root / "o.pdf")


@builds(40, st.lists(reference, min_size=1, max_size=3))
def test_generated_source_files_build_or_fail_cleanly(tmp_path_factory, refs):
    root, content = _mini(tmp_path_factory, "gr")
    original = yaml.safe_load((content / "sources.yaml").read_text(encoding="utf-8"))
    _write(content / "sources.yaml", {"references": original["references"] + refs})
    _edition_or_error(content, "high", root / "o.pdf")
