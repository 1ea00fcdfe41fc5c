"""Editions a teacher can trust: copies keep every setting, files land where asked, the schema is right,
handouts do not overwrite each other, problems are reported once where they are (issue 13)."""
import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from conftest import CONTENT, ROOT
from guide.build import build, check_all, handouts
from guide.cli import main
from guide.errors import GuideError
from guide.options import OPTIONS
from guide.schema import kind_of, schema_for
from pdfread import outline_titles, page_texts


def cli(*args, **kw):
    return CliRunner(**kw).invoke(main, list(args), catch_exceptions=False)


def text_of(path) -> str:
    return "\n".join(page_texts(PdfReader(path)))


def top_titles(path):
    return [t for d, t, _ in outline_titles(PdfReader(path)) if d == 0]


def validator(kind):
    return Draft202012Validator(schema_for(kind))


def customised(mini: Path) -> Path:
    """A fully customised edition of the fixture: every kind of setting, its own section, term and source."""
    own = mini / "editions" / "period3"
    own.mkdir()
    (own / "local.yaml").write_text(
        "id: local\ntitle: Our Town in 1937\nblocks:\n  - type: paragraph\n"
        "    text: The [[kolkhoz]] near our town is described by a local writer [@smith-2001].\n"
        "questions:\n  - id: local-q1\n    kind: comprehension\n    text: What happened in our town?\n"
        "    answer: A farm was collectivised.\n", encoding="utf-8")
    (own / "terms.yaml").write_text("terms:\n  - id: kolkhoz\n    term: kolkhoz\n    original: колхоз\n"
                                    "    definition: A collective farm.\n", encoding="utf-8")
    (own / "sources.yaml").write_text("references:\n  - id: smith-2001\n    type: book\n    title: Our Town\n"
                                      "    author: [{family: Smith, given: Jan}]\n    publisher: Town Press\n"
                                      "    issued: {date-parts: [[2001]]}\n", encoding="utf-8")
    ed = mini / "editions" / "period3.yaml"
    ed.write_text("level: high\npaper: a4\nsections: [beta, alpha]\ntitle: 'Stalin: a life'\n"
                  "instructor: Ms. Rivera\ncourse: World History II\nperiod: Period 3\nschool: Lincoln High\n"
                  "date: Spring 2027\ntheme: large-print\nanswers: appendix\nomit: [chronology, alpha-q2]\n"
                  "add:\n  sections:\n    - {file: period3/local.yaml, after: beta}\n"
                  "  glossary: period3/terms.yaml\n  sources: period3/sources.yaml\n", encoding="utf-8")
    return ed


# ------------------------------------------------------------------------------------------ copies

def test_a_copy_at_the_same_level_builds_the_same_pdf(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    customised(mini)
    result = cli("--content", str(mini), "new-edition", "copy", "--from", "period3")
    assert result.exit_code == 0, result.output
    original = build(mini, "period3", output=str(tmp_path / "a.pdf"))
    copy = build(mini, "copy", output=str(tmp_path / "b.pdf"))
    assert original.pages == copy.pages
    a, b = Path(original.path).read_bytes(), Path(copy.path).read_bytes()
    assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest()


def test_a_copy_at_another_level_keeps_omit_and_add(mini, tmp_path):
    customised(mini)
    result = cli("--content", str(mini), "new-edition", "period3-middle", "--from", "period3", "--level", "middle")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((mini / "editions" / "period3-middle.yaml").read_text(encoding="utf-8"))
    assert data["level"] == "middle" and data["omit"] == ["chronology", "alpha-q2"]
    assert data["add"] == {"sections": [{"file": "period3/local.yaml", "after": "beta"}],
                           "glossary": "period3/terms.yaml", "sources": "period3/sources.yaml"}
    assert data["title"] == "Stalin: a life" and data["period"] == "Period 3" and data["date"] == "Spring 2027"
    assert data["paper"] == "a4" and data["theme"] == "large-print" and data["answers"] == "appendix"
    r = build(mini, "period3-middle", output=str(tmp_path / "m.pdf"))
    titles, text = top_titles(r.path), text_of(r.path)
    assert r.level == "middle" and "Chronology" not in titles
    assert titles.index("Beta Section") < titles.index("Our Town in 1937") < titles.index("Alpha Section")
    assert "Stalin: a life" in text and "Period 3" in text


def test_a_copy_written_elsewhere_moves_the_paths_of_added_files(mini, tmp_path):
    customised(mini)
    target = mini / "editions" / "sub" / "p3.yaml"
    result = cli("--content", str(mini), "new-edition", str(target), "--from", "period3")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["add"]["glossary"] == "../period3/terms.yaml"
    assert build(mini, str(target), output=str(tmp_path / "p.pdf")).pages > 3


def test_new_edition_writes_exactly_the_path_given(mini, tmp_path):
    target = tmp_path / "some" / "dir" / "period3.yaml"
    result = cli("--content", str(mini), "new-edition", str(target))
    assert result.exit_code == 0, result.output
    assert target.is_file() and not (target.parent / "period3.yaml.yaml").exists()
    assert "no schema line" in result.output and "outside the content folder" in result.output
    assert not target.read_text().startswith("# yaml-language-server")
    assert f"guide build {target}" in result.output
    again = cli("--content", str(mini), "new-edition", str(target))
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize("name", ["a/b", "", "../../../escaped", "bad name", ".hidden"])
def test_new_edition_refuses_names_that_are_not_names(mini, name):
    before = sorted(p for p in mini.parent.rglob("*"))
    result = cli("--content", str(mini), "new-edition", name)
    assert result.exit_code == 2 and "is not an edition name" in result.output
    assert "Traceback" not in result.output
    assert sorted(p for p in mini.parent.rglob("*")) == before


def test_new_edition_quotes_what_yaml_would_misread(mini, tmp_path):
    (mini / "editions" / "base.yaml").write_text("level: high\ntitle: 'Stalin: a life'\ncourse: 'yes'\n"
                                                 "instructor: '#1 teacher'\n", encoding="utf-8")
    assert cli("--content", str(mini), "new-edition", "d", "--from", "base").exit_code == 0
    data = yaml.safe_load((mini / "editions" / "d.yaml").read_text(encoding="utf-8"))
    assert (data["title"], data["course"], data["instructor"]) == ("Stalin: a life", "yes", "#1 teacher")


def test_new_edition_into_an_unwritable_folder_is_a_message(mini, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")      # unwritable even for root
    result = cli("--content", str(mini), "new-edition", str(blocked / "x.yaml"))
    assert result.exit_code == 1 and "cannot write the file" in result.output and "Traceback" not in result.output


def test_teacher_files_never_go_into_the_shipped_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)             # no ./content here: the shipped content is used
    result = cli("new-edition", "period3")
    assert result.exit_code == 1 and "guide init" in result.output
    assert not (CONTENT / "editions" / "period3.yaml").exists()
    assert cli("schema", "--write").exit_code == 1
    init = cli("init")
    assert init.exit_code == 0 and (tmp_path / "content" / "guide.yaml").is_file()
    assert (tmp_path / "content" / "schema" / "edition.json").is_file()
    assert cli("init").exit_code == 1                       # never over an existing folder
    made = cli("new-edition", "period3")
    assert made.exit_code == 0 and (tmp_path / "content" / "editions" / "period3.yaml").is_file()
    assert (tmp_path / "content" / "editions" / "period3.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../schema/edition.json\n")


# -------------------------------------------------------------------------------------- the schema

def shipped_yaml():
    return sorted(p for p in CONTENT.rglob("*.yaml"))


@pytest.mark.parametrize("path", shipped_yaml(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_every_shipped_file_names_its_schema_and_follows_it(path):
    rel = path.relative_to(CONTENT).as_posix()
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, f"{rel}: the first line names no schema"
    schema_file = (path.parent / m.group(1)).resolve()
    assert schema_file.is_file() and schema_file.parent == (CONTENT / "schema").resolve()
    assert schema_file.stem == kind_of(rel)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)     # (libyaml, as guide reads it)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def readme_edition() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# yaml-language-server: \$schema=\.\./schema/edition\.json\n.*?)```", text, re.S)
    assert block, "the README's edition example"
    return block.group(1)


def test_the_readme_example_and_every_starter_follow_the_edition_schema(mini):
    v = validator("edition")
    assert list(v.iter_errors(yaml.safe_load(readme_edition()))) == []
    customised(mini)
    for args in (["new-edition", "fresh"], ["new-edition", "copy", "--from", "period3", "--level", "college"]):
        assert cli("--content", str(mini), *args).exit_code == 0
    for name in ("fresh", "copy"):
        data = yaml.safe_load((mini / "editions" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert list(v.iter_errors(data)) == [], name


@pytest.mark.parametrize("bad", ["theme: fancy", "answers: seperate", "omit: chronology", "two_sided: 'yes'",
                                 "booklet: 1", "add: lesson.yaml", "level: hihg", "colour: red",
                                 "sections: [Trials]", "add: {lessons: [x.yaml]}"])
def test_the_edition_schema_rejects_wrong_types_and_values(bad):
    assert list(validator("edition").iter_errors(yaml.safe_load(f"level: high\n{bad}\n"))), bad


def test_the_reader_rejects_what_the_schema_rejects(mini, tmp_path):
    (mini / "editions" / "bad.yaml").write_text("level: high\ntheme: fancy\nanswers: seperate\nomit: chronology\n"
                                                "two_sided: 'yes'\n", encoding="utf-8")
    with pytest.raises(GuideError) as exc:
        build(mini, "bad", output=str(tmp_path / "x.pdf"))
    fields = {p.field for p in exc.value.problems}
    assert {"theme", "answers", "omit", "two_sided"} <= fields


# ------------------------------------------------------------------------ one declaration of options

def test_every_option_is_in_the_schema_the_starter_the_cli_and_the_docs(mini):
    schema = schema_for("edition")["properties"]
    assert list(schema) == [o.name for o in OPTIONS]
    assert cli("--content", str(mini), "new-edition", "fresh").exit_code == 0
    starter = (mini / "editions" / "fresh.yaml").read_text(encoding="utf-8")
    docs = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    from guide.options import markdown_table
    assert markdown_table() in docs, "docs/content-format.md: paste the table from guide.options.markdown_table()"
    build_help = cli("build", "--help").output
    for o in OPTIONS:
        assert re.search(rf"^(# )?{o.name}:", starter, re.M), o.name
        assert f"| `{o.name}` |" in docs
        if o.kind == "choice":
            assert schema[o.name]["enum"] == list(o.choices)
            assert f"[{'|'.join(o.choices)}]" in build_help.replace("\n", "").replace(" ", ""), o.name
        if o.cli:
            assert o.flag in build_help, o.name


# --------------------------------------------------------------------------------------- handouts

def test_handouts_are_named_by_edition_and_level_and_numbered_by_the_edition(mini, tmp_path):
    (mini / "editions" / "rev.yaml").write_text("level: high\nsections: [beta, alpha]\n", encoding="utf-8")
    out = tmp_path / "h"
    handouts(mini, "rev", output_dir=str(out), answers="separate")
    handouts(mini, "rev", output_dir=str(out), level="middle")
    handouts(mini, "rev", sections=["alpha"], output_dir=str(out / "subset"))
    assert sorted(p.name for p in (out / "rev").glob("*.pdf")) == [
        "01-beta-answers.pdf", "01-beta.pdf", "02-alpha-answers.pdf", "02-alpha.pdf"]
    assert sorted(p.name for p in (out / "rev-middle").glob("*.pdf")) == ["01-beta.pdf", "02-alpha.pdf"]
    assert sorted(p.name for p in (out / "subset" / "rev").glob("*.pdf")) == ["02-alpha.pdf"]


def test_a_new_handout_run_leaves_no_stale_answer_sheet(mini, tmp_path):
    out = tmp_path / "h"
    handouts(mini, "high", output_dir=str(out), answers="separate")
    mine = out / "high" / "notes-of-mine.pdf"
    mine.write_bytes(b"%PDF-1.4 a teacher's own file")
    handouts(mini, "high", output_dir=str(out))
    assert sorted(p.name for p in (out / "high").glob("*.pdf")) == ["01-alpha.pdf", "02-beta.pdf",
                                                                     "notes-of-mine.pdf"]


# ------------------------------------------------------------------------------ title page, footer

def test_period_date_and_instructor_are_printed_sensibly(mini, tmp_path):
    (mini / "editions" / "p.yaml").write_text("level: high\ninstructor: Ms. Rivera\ncourse: History\n"
                                              "period: Period 3\ndate: Spring 2027\n", encoding="utf-8")
    r = build(mini, "p", output=str(tmp_path / "p.pdf"))
    pages = page_texts(PdfReader(r.path))
    assert "Spring 2027" in pages[0] and "History · Period 3" in pages[0]
    assert "made on Spring 2027" not in "\n".join(pages)
    assert "A Small Guide · High school edition · History · Period 3 · Ms. Rivera" in pages[3]


# ------------------------------------------------------------------------------ the student copy

def test_the_note_to_the_instructor_is_only_in_the_answer_key(mini, tmp_path):
    student = build(mini, "middle", output=str(tmp_path / "s.pdf"))
    assert "A note for the instructor" not in text_of(student.path)
    teacher = build(mini, "middle", answers="appendix", output=str(tmp_path / "t.pdf"))
    assert "A note for the instructor" in text_of(teacher.path)
    key = build(mini, "middle", answers="separate", output=str(tmp_path / "k.pdf"))
    assert "A note for the instructor" in text_of(key.extra[0])
    assert "A note for the instructor" not in text_of(key.path)


@pytest.mark.slow        # the same check on the fixture guide runs in the quick run
def test_the_shipped_middle_student_copy_has_no_note_to_the_instructor(shipped_builds):
    assert "A note for the instructor" not in text_of(shipped_builds["middle"].path)


# ------------------------------------------------------------------------------------- problems

def test_an_unknown_term_in_a_plain_string_is_reported_once_on_its_line(mini):
    sec = mini / "sections" / "alpha.yaml"
    text = sec.read_text(encoding="utf-8")
    sec.write_text(text.replace("blocks:\n", "blocks:\n  - type: paragraph\n    text: >-\n      A first line,\n"
                                "      then a second with [[nosuch]] in it.\n", 1), encoding="utf-8")
    line = sec.read_text(encoding="utf-8").split("\n").index("      then a second with [[nosuch]] in it.") + 1
    (mini / "editions" / "two.yaml").write_text("level: middle\n", encoding="utf-8")
    problems, editions = check_all(mini)
    found = [p for p in problems if "[[nosuch]]" in p.message]
    assert len(found) == 1 and found[0].location.line == line
    assert editions == ["college", "high", "middle", "two"]
    result = cli("--content", str(mini), "check")
    assert result.output.count("[[nosuch]]") == 1 and "college, high, middle, two" in result.output


def test_a_missing_title_is_reported_once(mini):
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(re.sub(r"^title:.*\n", "", sec.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    problems, _ = check_all(mini)
    assert sum("needs 'title'" in p.message for p in problems) == 1


def test_an_added_file_shared_by_two_editions_is_reported_once(mini):
    (mini / "editions" / "extra.yaml").write_text(
        "id: extra\ntitle: Extra\nblocks:\n  - type: paragraph\n    text: See [[nosuchterm]].\n", encoding="utf-8")
    for name in ("one", "two"):
        (mini / "editions" / f"{name}.yaml").write_text("level: high\nadd: [extra.yaml]\n", encoding="utf-8")
    problems, _ = check_all(mini)
    found = [p for p in problems if "nosuchterm" in p.message]
    assert len(found) == 1 and "glossary.yaml, or to a terms file of the edition's own" in found[0].hint


def test_the_hint_names_the_editions_own_terms_file(mini, tmp_path):
    ed = customised(mini)
    local = mini / "editions" / "period3" / "local.yaml"
    local.write_text(local.read_text().replace("[[kolkhoz]]", "[[qwxyz]]"), encoding="utf-8")
    with pytest.raises(GuideError) as exc:
        build(mini, str(ed), output=str(tmp_path / "x.pdf"))
    (p,) = [p for p in exc.value.problems if "qwxyz" in p.message]
    assert p.hint.endswith("period3/terms.yaml") and p.location.line == 5


def test_problems_carry_the_option_or_item_they_belong_to(mini):
    (mini / "editions" / "high.yaml").write_text("level: high\nomit: [chronolgy]\nsections: [alpha, gamma]\n"
                                                 "paper: a5\n", encoding="utf-8")
    sec = mini / "sections" / "alpha.yaml"
    sec.write_text(sec.read_text().replace("text: What did the NKVD do?", "text: What did [[nosuch]] do?"))
    problems, _ = check_all(mini)
    by = {p.field for p in problems}
    assert {"omit", "sections", "paper", "alpha-q1"} <= by, [str(p) for p in problems]


def test_build_prints_warnings_and_strict_fails_on_them(mini, tmp_path):
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(re.sub(r"\n    answer:.*", "", sec.read_text(encoding="utf-8")), encoding="utf-8")
    ok = cli("--content", str(mini), "build", "high", "-o", str(tmp_path / "w.pdf"))
    assert ok.exit_code == 0 and "1 warning:" in ok.output and "has no model answer" in ok.output
    strict = cli("--content", str(mini), "build", "high", "-o", str(tmp_path / "s.pdf"), "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "s.pdf").exists()


def test_after_and_sections_follow_the_documented_rule(mini, tmp_path):
    (mini / "editions" / "x.yaml").write_text(
        "id: x\ntitle: Extra Section\nblocks:\n  - type: paragraph\n    text: Extra text.\n", encoding="utf-8")
    cases = {"sections: [beta, alpha]\nadd: [{file: x.yaml, after: beta}]": ["Beta Section", "Extra Section",
                                                                             "Alpha Section"],
             "sections: [beta, alpha]\nadd: [x.yaml]": ["Beta Section", "Alpha Section", "Extra Section"],
             "sections: [x, alpha]\nadd: [{file: x.yaml, after: alpha}]": ["Extra Section", "Alpha Section"],
             "sections: [alpha]\nadd: [{file: x.yaml, after: beta}]": ["Alpha Section", "Extra Section"]}
    for i, (body, order) in enumerate(cases.items()):
        (mini / "editions" / f"e{i}.yaml").write_text(f"level: high\n{body}\n", encoding="utf-8")
        r = build(mini, f"e{i}", output=str(tmp_path / f"{i}.pdf"))
        titles = [t for t in top_titles(r.path) if t.endswith("Section")]
        assert titles == order, body
        warned = any("after" in w.message for w in r.warnings)
        assert warned == (i >= 2), body


def test_stats_and_list_count_what_the_edition_prints(mini):
    customised(mini)
    listing = cli("--content", str(mini), "list").output
    assert re.search(r"period3\s+level high, a4, 3 sections", listing)
    stats = cli("--content", str(mini), "stats", "period3").output
    assert re.search(r"^local\s+high", stats, re.M)


@pytest.mark.parametrize("kind, doc", [
    ("section", {"id": "x", "title": "X", "blocks": 5}),
    ("section", {"id": "X Y", "title": "X", "blocks": []}),
    ("section", {"id": "x", "title": "X", "blocks": [{"type": "paragraf", "text": "t"}]}),
    ("glossary", {"terms": {"id": "x"}}),
    ("people", {"people": [{"id": "x", "name": "X", "born": "soon"}]}),
    ("chronology", {"events": [{"date": "July 1937", "text": "t", "section": "x"}]}),
    ("sources", {"references": [{"id": "x", "type": "novel", "title": "T"}]}),
    ("places", {"places": [{"id": "x", "name": "X", "kind": "town", "lat": 60, "lon": 30}]}),
    ("guide", {"title": "T", "levels": {}, "sections": [], "default_edition": 3}),
    ("reading", {"middle": [{"note": "no source"}]}),
])
def test_every_schema_kind_rejects_wrong_types_and_values(kind, doc):
    assert list(validator(kind).iter_errors(doc)), (kind, doc)
