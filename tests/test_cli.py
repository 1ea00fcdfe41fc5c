import json

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from guide.cli import main

from conftest import CONTENT


def run(*args, cwd=None):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_build_default_edition_to_out(mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--content", str(mini), "build")
    assert result.exit_code == 0, result.output
    assert "out/high.pdf" in result.output and "pages" in result.output
    assert (tmp_path / "out" / "high.pdf").stat().st_size > 1000


def test_build_options_override_the_edition(mini, tmp_path):
    out = tmp_path / "m.pdf"
    result = run("--content", str(mini), "build", "high", "--level", "middle", "--sections", "beta",
                 "--paper", "a4", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "middle level" in result.output


def test_usage_errors_exit_2(mini, tmp_path):
    assert run("--content", str(mini), "build", "--level", "kindergarten").exit_code == 2
    result = run("--content", str(mini), "build", "nosuch")
    assert result.exit_code == 2 and "there is no edition 'nosuch'" in result.stderr
    result = run("--content", str(mini), "build", "--sections", "alpha,gama", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "there is no section 'gama' (sections: alpha, beta)" in result.stderr
    assert run("--content", str(tmp_path / "nowhere"), "list").exit_code == 2


def test_check_reports_located_problems_without_traceback(mini):
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(sec.read_text().replace("[@article-two]", "[@article-too]") + "bogus: 1\n")
    result = run("--content", str(mini), "check")
    assert result.exit_code == 1
    assert "sections/beta.yaml:5: error: unknown source [@article-too] (did you mean 'article-two'?)" in result.stderr
    assert "sections/beta.yaml:11: error: unknown key 'bogus'" in result.stderr
    assert "Traceback" not in result.stderr + result.output


def test_check_strict_turns_warnings_into_errors(mini):
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(sec.read_text().replace("    answer: Prisoners came home.\n", ""))
    assert run("--content", str(mini), "check").exit_code == 0
    result = run("--content", str(mini), "check", "--strict")
    assert result.exit_code == 1 and "has no model answer" in result.stderr


def test_failed_build_keeps_the_previous_pdf(mini, tmp_path):
    out = tmp_path / "keep.pdf"
    assert run("--content", str(mini), "build", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    sec = mini / "sections" / "alpha.yaml"
    sec.write_text(sec.read_text().replace("[[gulag]]", "[[nope]]"))
    result = run("--content", str(mini), "build", "-o", str(out))
    assert result.exit_code == 1 and "unknown glossary term [[nope]]" in result.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_list_says_which_content(mini, tmp_path, monkeypatch):
    result = run("--content", str(mini), "list")
    assert result.exit_code == 0 and "(--content)" in result.output and "alpha" in result.output
    monkeypatch.chdir(tmp_path)  # tmp_path/content is the mini copy
    assert "./content in the current folder" in run("list").output
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert "the content shipped with guide" in run("list").output


def validator(schema: dict):
    """`jsonschema.validate` without checking the schema again for every file: checked once here."""
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_schema_is_json_and_validates_shipped_files():
    result = run("schema", "--kind", "edition")
    schema = validator(json.loads(result.output))
    editions = sorted((CONTENT / "editions").glob("*.yaml"))
    assert len(editions) >= 3
    for path in editions:
        schema.validate(yaml.load(path.read_text(), Loader=yaml.CSafeLoader))
    section_schema = validator(json.loads(run("schema", "--kind", "section").output))
    sections = sorted((CONTENT / "sections").glob("*.yaml"))
    assert len(sections) >= 6
    for path in sections:
        section_schema.validate(yaml.load(path.read_text(), Loader=yaml.CSafeLoader))
    everything = json.loads(run("schema").output)
    jsonschema.Draft202012Validator.check_schema(everything)



def _full_edition() -> dict:
    """An edition that sets every option (from the one declaration, so a new option is in it too), each to a
    value other than its default."""
    from guide.options import OPTIONS

    order = yaml.safe_load((CONTENT / "guide.yaml").read_text(encoding="utf-8"))["sections"]
    values = {"choice": lambda o: [c for c in o.choices if c != o.default][-1], "text": lambda o: o.example or "x",
              "bool": lambda o: True, "sections": lambda o: list(reversed(order)), "omit": lambda o: o.example,
              "add": lambda o: o.example, "overrides": lambda o: o.example}
    return {o.name: values[o.kind](o) for o in OPTIONS}


_WRONG = {"choice": "nosuch", "text": ["a", "list"], "bool": "yes", "sections": "trials", "omit": "chronology",
          "add": 3, "overrides": "new text"}


def test_schema_and_reader_accept_an_edition_with_every_option(tmp_path):
    from guide.errors import Problems
    from guide.options import OPTIONS
    from guide.validate import read_edition

    schema = json.loads(run("schema", "--kind", "edition").output)
    full = _full_edition()
    assert set(full) == {o.name for o in OPTIONS} and all(full.values())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(full)) == []
    for name in ("my-lesson.yaml", "my-terms.yaml"):      # the files its `add:` names
        (tmp_path / name).write_text("", encoding="utf-8")
    path = tmp_path / "full.yaml"
    path.write_text(yaml.safe_dump(full, allow_unicode=True), encoding="utf-8")
    problems = Problems()
    ed = read_edition(path, problems, content_root=CONTENT)
    assert ed is not None and list(problems) == []
    assert ed.two_sided and ed.booklet and ed.sections == full["sections"] and ed.omit == full["omit"]


def test_schema_and_reader_refuse_each_option_set_wrong(tmp_path):
    """Each option with a value of the wrong kind: the schema rejects it, and so does the reader, naming it."""
    from guide.errors import Problems
    from guide.options import OPTIONS
    from guide.validate import read_edition

    v = jsonschema.Draft202012Validator(json.loads(run("schema", "--kind", "edition").output))
    for o in OPTIONS:
        bad = dict(_full_edition(), **{o.name: _WRONG[o.kind]})
        assert list(v.iter_errors(bad)), f"the schema accepts {o.name}: {_WRONG[o.kind]!r}"
        path = tmp_path / "bad.yaml"
        path.write_text(yaml.safe_dump({o.name: _WRONG[o.kind]}), encoding="utf-8")
        problems = Problems()
        read_edition(path, problems, content_root=CONTENT)
        assert [p.field for p in problems.errors] == [o.name], (o.name, [str(p) for p in problems])

# -- the commands that only read content never load ReportLab ---------------------------------------------

_RUNNER = r"""
import json, sys
{preamble}
from guide.cli import main
out = {{}}
for args in json.loads(sys.argv[1]):
    try:
        main(args, standalone_mode=False)
    except SystemExit:
        pass
    out[" ".join(args)] = sorted(m for m in sys.modules if m == "reportlab" or m.startswith("reportlab."))[:3]
print(json.dumps(out))
"""

READ_ONLY = [["check"], ["list"], ["stats"], ["schema"]]
# the same commands with other options: the slow run probes them too
READ_ONLY_VARIANTS = [["list", "--sources"], ["list", "--ids", "trials"], ["stats", "college", "--level", "college"],
                      ["schema", "--kind", "edition"]]


def _reportlab_after(commands, preamble=""):
    """Which ReportLab modules are loaded after each command (run in turn in a fresh interpreter)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(CONTENT.parent), os.environ.get(
        "PYTHONPATH", "")) if p))
    proc = subprocess.run([sys.executable, "-c", _RUNNER.format(preamble=preamble), json.dumps(commands)],
                          capture_output=True, text=True, cwd=CONTENT.parent, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_check_list_stats_and_schema_never_import_reportlab():
    loaded = _reportlab_after(READ_ONLY)
    assert set(loaded) == {" ".join(c) for c in READ_ONLY}
    assert {cmd: mods for cmd, mods in loaded.items() if mods} == {}


@pytest.mark.slow
def test_their_other_options_never_import_reportlab():
    loaded = _reportlab_after(READ_ONLY_VARIANTS)
    assert set(loaded) == {" ".join(c) for c in READ_ONLY_VARIANTS}
    assert {cmd: mods for cmd, mods in loaded.items() if mods} == {}


def test_the_reportlab_probe_sees_an_import():
    """The probe above can fail: a ReportLab import on the way (here the typeset package) is seen."""
    loaded = _reportlab_after([["schema"]], preamble="import guide.typeset")
    assert loaded["schema"]


def test_reportlab_patches_are_installed_only_while_typesetting(mini, tmp_path):
    import importlib

    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen.textobject import PDFTextObject
    from reportlab.platypus import paragraph

    importlib.import_module("guide.typeset")     # importing it changes nothing
    from guide.typeset import reportlab_patches

    def changed():
        return (PDFTextObject._textOut, paragraph._putFragLine, paragraph._drawBullet, paragraph._shyUnsplit,
                paragraph._hyphenateWord, paragraph._hyphenateFragWord, ttfonts.makeToUnicodeCMap,
                paragraph._justifyDrawParaLine, paragraph._justifyDrawParaLineX, paragraph.stringWidth)

    before = changed()
    # ReportLab's own functions (this process has imported all of guide.typeset by now: a change made at
    # import, as the web address breaks once were, would show here)
    assert [(f.__module__, f.__name__) for f in before] == [
        ("reportlab.pdfgen.textobject", "_textOut"), ("reportlab.platypus.paragraph", "_putFragLine"),
        ("reportlab.platypus.paragraph", "_drawBullet"), ("reportlab.platypus.paragraph", "_shyUnsplit"),
        ("reportlab.platypus.paragraph", "_hyphenateWord"), ("reportlab.platypus.paragraph", "_hyphenateFragWord"),
        ("reportlab.pdfbase.ttfonts", "makeToUnicodeCMap"), ("reportlab.platypus.paragraph", "_justifyDrawParaLine"),
        ("reportlab.platypus.paragraph", "_justifyDrawParaLineX"), ("reportlab.pdfbase.pdfmetrics", "stringWidth")]
    with reportlab_patches.installed():
        assert ttfonts.makeToUnicodeCMap is reportlab_patches._to_unicode_cmap
        inside = changed()
        assert all(new is not old and getattr(new, "__module__", None) in (
            reportlab_patches.__name__, "guide.typeset.tracking", "guide.typeset.linewords")
                   for new, old in zip(inside, before)), inside
        with reportlab_patches.installed():      # nested (or concurrent) layouts share them
            pass
        assert changed() == inside
    assert changed() == before
    assert run("--content", str(mini), "build", "-o", str(tmp_path / "g.pdf")).exit_code == 0
    assert changed() == before


def test_an_unsupported_reportlab_is_named_in_one_line(mini, tmp_path, monkeypatch):
    import reportlab

    from guide.errors import GuideError
    from guide.typeset import reportlab_patches

    reportlab_patches.check_version(reportlab.Version)      # the installed one is supported
    monkeypatch.setattr(reportlab, "Version", "6.0.0")
    try:
        reportlab_patches.check_version()
    except GuideError as exc:
        message = str(exc.problems[0])
    else:
        raise AssertionError("ReportLab 6.0.0 was accepted")
    assert "ReportLab 6.0.0 is installed" in message and "5.1.x" in message and "\n" not in message
    result = run("--content", str(mini), "build", "-o", str(tmp_path / "g.pdf"))
    assert result.exit_code == 1 and "ReportLab 6.0.0 is installed" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "g.pdf").exists()


def test_a_command_from_another_module_is_one_line_of_registration(tmp_path, monkeypatch):
    import guide.cli

    (tmp_path / "elsewhere.py").write_text("import click\n\n@click.command(name='hello')\n@click.pass_obj\n"
                                           "def hello(ctx):\n    click.echo('hello from ' + str(ctx.content_option))\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(guide.cli.COMMANDS, "hello", "elsewhere:hello")
    monkeypatch.setattr(main, "commands", dict(main.commands))     # (the commands loaded, restored after)
    assert "hello" in run("--help").output
    assert run("--content", "there", "hello").output == "hello from there\n"
    for name, where in guide.cli.COMMANDS.items():      # every registered command is found under its name
        assert main.get_command(None, name).name == name, where


def test_handouts_merge_the_edition_once(mini, tmp_path, monkeypatch):
    """Editions are merged in one place, `select`, once a build: not again for each handout."""
    import guide.select

    calls = []
    real = guide.select.check_edition
    monkeypatch.setattr(guide.select, "check_edition", lambda *a: calls.append(a[1].name) or real(*a))
    result = run("--content", str(mini), "handouts", "--output-dir", str(tmp_path), "--untagged")
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.rglob("*.pdf"))) >= 2
    assert calls == ["high"]
    result = run("--content", str(mini), "handouts", "--sections", "beta", "--output-dir", str(tmp_path))
    assert result.exit_code == 0 and calls == ["high"] * 2
    result = run("--content", str(mini), "handouts", "--sections", "beta,gama", "--output-dir", str(tmp_path))
    assert result.exit_code == 2 and "there is no section 'gama'" in result.stderr
