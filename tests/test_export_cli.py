"""`guide export`, `guide handouts --format docx` and `guide build --all --exports` on the small fixture
content, with hostile quiz text: default names, overrides, located messages, atomic writes, escaping."""
from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from guide.cli import main
from test_export_quiz import parse_gift, plain_html

NASTY = "Which {braces} ~ tilde = equals # hash : colon \\\\ backslash <b>tag</b> & ampersand?"
QUIZ = f"""
quiz:
  - id: alpha-mc1
    type: choice
    text: "{NASTY}"
    options:
      - text: "Right ~ one = {{x}}"
        correct: true
        feedback: "Yes # that is: right"
      - text: Wrong one
        feedback: "No <i>it</i> is not"
      - text: Wrong two
      - text: Wrong three
  - id: alpha-sa1
    type: short
    levels: [high]
    text: What year?
    accept: ["1937", "19*37"]
    feedback: "Nineteen thirty-seven: the year."
"""


def run(*args):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def quizzed(mini):
    path = mini / "sections" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8") + QUIZ, encoding="utf-8")
    return mini


def test_default_names_and_formats(quizzed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args, name in ((["quiz"], "high-quiz.gift"), (["quiz", "--format", "qti"], "high-quiz-qti.zip"),
                       (["quiz", "--format", "moodle-xml"], "high-quiz-moodle.xml"),
                       (["flashcards"], "high-flashcards.pdf"), (["flashcards", "--format", "anki"], "high.apkg"),
                       (["docx"], "high.docx")):
        result = run("--content", str(quizzed), "export", *args)
        assert result.exit_code == 0, result.output + result.stderr
        assert (tmp_path / "out" / name).stat().st_size > 500, name
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["high-quiz.gift", "high-quiz-qti.zip", "high-quiz-moodle.xml", "high-flashcards.pdf", "high.apkg",
         "high.docx"])


def test_hostile_quiz_text_is_escaped_in_every_format(quizzed, tmp_path):
    gift = tmp_path / "q.gift"
    assert run("--content", str(quizzed), "export", "quiz", "-o", str(gift)).exit_code == 0
    (q1, q2) = parse_gift(gift.read_text(encoding="utf-8"))
    assert plain_html(q1["text"]) == NASTY.replace("\\\\", "\\")
    assert "&lt;b&gt;tag&lt;/b&gt;" in q1["text"] and "<b>" not in q1["text"]
    assert q1["answers"][0]["right"] and plain_html(q1["answers"][0]["text"]) == "Right ~ one = {x}"
    assert plain_html(q1["answers"][0]["feedback"]) == "Yes # that is: right"
    assert [a["text"] for a in q2["answers"]] == ["1937", "19\\*37"]        # '*' is no wildcard
    qti = tmp_path / "q.zip"
    assert run("--content", str(quizzed), "export", "quiz", "-o", str(qti)).exit_code == 0
    z = zipfile.ZipFile(qti)
    item = next(n for n in z.namelist() if n.count("/") and not n.endswith("meta.xml"))
    texts = [el.text for el in ET.fromstring(z.read(item)).iter() if el.tag.endswith("mattext")]
    assert f"<p>{NASTY.replace('&', '&amp;').replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;')}</p>" \
        .replace("\\\\", "\\") in texts
    xml = tmp_path / "q.xml"
    assert run("--content", str(quizzed), "export", "quiz", "-o", str(xml)).exit_code == 0
    root = ET.parse(xml).getroot()
    assert [q.findtext("name/text") for q in root.findall("question") if q.get("type") != "category"] == \
        ["alpha-mc1", "alpha-sa1"]


def test_bad_input_is_a_located_message_and_nothing_is_written(quizzed, tmp_path):
    target = tmp_path / "q.gift"
    target.write_text("earlier good file")
    bad = quizzed / "sections" / "alpha.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("type: short", "type: shortish"), encoding="utf-8")
    result = run("--content", str(quizzed), "export", "quiz", "-o", str(target))
    assert result.exit_code != 0
    assert "alpha.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "earlier good file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".guide-")] == []


def test_wrong_format_and_name(quizzed, tmp_path):
    result = run("--content", str(quizzed), "export", "quiz", "--format", "anki")
    assert result.exit_code == 2 and "gift, qti or moodle-xml" in result.stderr
    result = run("--content", str(quizzed), "export", "flashcards", "-o", str(tmp_path / "cards.txt"))
    assert result.exit_code == 2 and "ending in .pdf" in result.stderr


def test_no_quiz_items_is_a_message(mini, tmp_path):
    result = run("--content", str(mini), "export", "quiz", "-o", str(tmp_path / "q.gift"))
    assert result.exit_code == 1 and "prints no quiz items" in result.stderr
    assert not (tmp_path / "q.gift").exists()


def test_overrides_reach_the_export(quizzed, tmp_path):
    gift = tmp_path / "m.gift"
    result = run("--content", str(quizzed), "export", "quiz", "high", "--level", "middle", "-o", str(gift))
    assert result.exit_code == 0, result.stderr
    assert [q["name"] for q in parse_gift(gift.read_text(encoding="utf-8"))] == ["alpha-mc1"]   # sa1 is high only
    result = run("--content", str(quizzed), "export", "quiz", "--sections", "beta", "-o", str(tmp_path / "b.gift"))
    assert result.exit_code == 1 and "prints no quiz items" in result.stderr      # the quiz is alpha's
    cards = tmp_path / "c.pdf"
    result = run("--content", str(quizzed), "export", "flashcards", "--paper", "a4", "-o", str(cards))
    import pypdf
    box = pypdf.PdfReader(cards).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_handouts_as_docx(quizzed, tmp_path):
    import docx
    result = run("--content", str(quizzed), "handouts", "high", "--format", "docx", "--answers", "separate",
                 "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "high").iterdir())
    assert names == ["01-alpha-answers.docx", "01-alpha.docx", "02-beta-answers.docx", "02-beta.docx"]
    d = docx.Document(tmp_path / "high" / "01-alpha.docx")
    heads = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads[0] == "Alpha Section" and "Quiz · Alpha Section" in heads and "Key terms" in heads
    from guide.exporting import resolved
    sec = resolved(quizzed, "high", sections=["alpha"]).document.sections[0]
    lines = [p for p in d.paragraphs if p.style.name == "Answer Line"]
    assert len(lines) == sum(q.lines for q in sec.questions) + sum(q.type == "short" for q in sec.quiz) > 0
    assert not [p for p in docx.Document(tmp_path / "high" / "01-alpha-answers.docx").paragraphs
                if p.style.name == "Answer Line"]


@pytest.mark.slow
def test_build_all_with_exports(quizzed, tmp_path):
    result = run("--content", str(quizzed), "build", "--all", "--exports", "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    names = {p.name for p in tmp_path.iterdir() if p.is_file()}
    for ed in ("middle", "high", "college"):
        assert {f"{ed}.pdf", f"{ed}.docx", f"{ed}-flashcards.pdf", f"{ed}.apkg"} <= names, names
    assert {"high-quiz.gift", "high-quiz-qti.zip", "high-quiz-moodle.xml"} <= names
    assert not any(n.startswith(".guide-") for n in os.listdir(tmp_path))
    with zipfile.ZipFile(io.BytesIO((tmp_path / "high.apkg").read_bytes())) as z:
        assert "collection.anki2" in z.namelist()


def test_exports_flag_needs_all(quizzed):
    result = run("--content", str(quizzed), "build", "--exports")
    assert result.exit_code == 2 and "--exports" in result.stderr


def test_module_sizes():
    folder = Path(__file__).resolve().parent.parent / "guide" / "export"
    for path in [*folder.glob("*.py"), folder.parent / "typeset" / "flashcards.py"]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
