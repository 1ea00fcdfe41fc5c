import json

import jsonschema
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


def test_schema_is_json_and_validates_shipped_files():
    result = run("schema", "--kind", "edition")
    schema = json.loads(result.output)
    editions = sorted((CONTENT / "editions").glob("*.yaml"))
    assert len(editions) >= 3
    for path in editions:
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    section_schema = json.loads(run("schema", "--kind", "section").output)
    sections = sorted((CONTENT / "sections").glob("*.yaml"))
    assert len(sections) >= 6
    for path in sections:
        jsonschema.validate(yaml.safe_load(path.read_text()), section_schema)
    everything = json.loads(run("schema").output)
    jsonschema.Draft202012Validator.check_schema(everything)
