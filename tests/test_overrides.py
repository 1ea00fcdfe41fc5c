"""Change the wording for my class (issue 16): stable ids on every shipped item, overrides by id in an
edition, checked like shipped text, with a warning when the shipped text behind an override changes."""
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import CONTENT
from guide.build import build, check_all, handouts
from guide.cli import main
from guide.errors import GuideError, Problems
from guide.overrides import items
from guide.validate import load_guide
from pdfread import page_texts


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def text_of(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(page_texts(PdfReader(path))))


def with_ids(mini: Path) -> Path:
    """The fixture with ids on its paragraphs, objectives and source-box questions (as the shipped files have)."""
    sec = mini / "sections" / "alpha.yaml"
    s = sec.read_text(encoding="utf-8")
    s = s.replace("blocks:\n  - type: paragraph\n    text:", "blocks:\n  - type: paragraph\n    id: alpha-p1\n    text:")
    s = s.replace("  - type: callout\n", "  - type: callout\n    id: alpha-box1\n")
    s = s.replace("  - Explain the first thing.\n", "  - {id: alpha-obj1, text: Explain the first thing.}\n")
    s = s.replace("  - {middle: Name two people.,", "  - {id: alpha-obj2, middle: Name two people.,")
    s = s.replace("      - What does it say?", "      - {id: alpha-quote-q1, text: What does it say?}")
    sec.write_text(s, encoding="utf-8")
    return mini


def edition(mini: Path, body: str, name: str = "mine") -> Path:
    path = mini / "editions" / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------ stable ids

def test_every_shipped_item_has_an_id_and_no_id_repeats():
    problems = Problems()
    guide = load_guide(CONTENT, problems)
    missing, seen = [], {}
    for sec in guide.sections.values():
        for b in sec.blocks:
            if not b.id:
                missing.append(f"{sec.id}: a {b.type} block at {b.location}")
            for q in b.questions:
                if not q.id:
                    missing.append(f"{sec.id}: a question in {b.id}")
        for o in sec.objectives:
            if not o.id:
                missing.append(f"{sec.id}: an objective")
        ids = [b.id for b in sec.blocks] + [q.id for b in sec.blocks for q in b.questions] + \
            [o.id for o in sec.objectives] + [q.id for q in sec.questions]
        for i in ids:
            assert i not in seen, f"the id {i} repeats ({seen[i]} and {sec.id})"
            seen[i] = sec.id
    assert missing == []
    table = items(guide)
    assert set(seen) <= set(table)                  # every one of them can be overridden
    for s in guide.sections.values():
        assert f"{s.id}-title" in table and (s.key_question is None or f"{s.id}-key-question" in table)


def test_a_repeated_id_is_an_error(mini):
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(sec.read_text().replace("  - type: paragraph\n", "  - type: paragraph\n    id: alpha-camps\n"))
    problems, _ = check_all(mini)
    assert any("duplicate" in p.message and "alpha-camps" in p.message for p in problems.errors)


def test_list_ids_prints_each_id_with_its_first_words_and_is_stable(mini):
    with_ids(mini)
    first = cli("--content", mini, "list", "--ids", "alpha", "--level", "middle").output
    assert first == cli("--content", mini, "list", "--ids", "alpha", "--level", "middle").output
    assert re.search(r"^  alpha-p1\s+paragraph\s+The NKVD arrested many people in 1937\. Some were …$",
                     first, re.M), first
    assert re.search(r"^  alpha-key-question\s+key question\s+What happened first\?$", first, re.M)
    assert "alpha-box1" not in first                       # the callout is not written for middle
    assert "alpha-box1" in cli("--content", mini, "list", "--ids", "alpha").output
    shipped = cli("list", "--ids", "army").output
    assert shipped == cli("list", "--ids", "army").output and "army-p1" in shipped
    bad = cli("--content", mini, "list", "--ids", "alpah")
    assert bad.exit_code == 2 and "did you mean 'alpha'" in bad.output


# ------------------------------------------------------------------------------------- overrides

def test_an_override_of_each_kind_replaces_the_wording(mini, tmp_path):
    with_ids(mini)
    edition(mini, """level: high
answers: appendix
overrides:
  alpha-p1: My own paragraph about the [[nkvd]].
  alpha-camps: {high: The camps in my words.}
  alpha-box1: {title: My box title, text: My box text.}
  alpha-quote: {intro: My introduction to the document.}
  alpha-quote-q1: My question about the document?
  alpha-obj2: {high: Compare two people of my choice.}
  alpha-key-question: Why did it happen, in my words?
  alpha-teacher-notes: My own notes for teachers.
  alpha-q1: {text: My comprehension question?, answer: My model answer., lines: 9}
  alpha-title: My Alpha
""")
    r = build(mini, "mine", output=str(tmp_path / "o.pdf"))
    text = text_of(r.path)
    for mine in ("My own paragraph about the NKVD.", "The camps in my words.", "My box title", "My box text.",
                 "My introduction to the document.", "My question about the document?",
                 "Compare two people of my choice.", "Why did it happen, in my words?", "My own notes for teachers.",
                 "My comprehension question?", "My model answer.", "My Alpha"):
        assert mine in text, mine
    for old in ("arrested about 1.5 million people in 1937–38", "held prisoners across the country",
                "Historians disagree", "Historians still ask", "A short introduction.", "What does it say?",
                "Compare two people.", "Why did it happen?", "Discuss the material calmly.",
                "What did the NKVD do?", "It arrested people.", "Alpha Section"):
        assert old not in text, old
    assert "shipped" not in " ".join(str(w) for w in r.warnings if "has changed" in w.message)


def test_lines_of_a_question_change_its_answer_lines(mini, tmp_path):
    import pdfplumber
    out = tmp_path / "h"

    from guide.theme import theme_named
    stroke = theme_named("classic", "high").answer_rule_width

    def rules(folder):
        # answer lines only, by their stroke: a longer handout has another page, and its running head's rule
        with pdfplumber.open(folder / "mine" / "01-alpha.pdf") as pdf:
            return len([ln for p in pdf.pages for ln in p.lines if abs(ln["y0"] - ln["y1"]) < 0.1
                        and ln["width"] > 200 and abs(ln["linewidth"] - stroke) < 0.01])
    edition(mini, "level: high\nsections: [alpha]\n")
    handouts(mini, "mine", output_dir=str(out / "a"))
    edition(mini, "level: high\nsections: [alpha]\noverrides:\n  alpha-q1: {lines: 12}\n")
    handouts(mini, "mine", output_dir=str(out / "b"))
    assert rules(out / "b") - rules(out / "a") == 12 - 3


def test_a_per_level_override_leaves_the_other_levels_alone(mini, tmp_path):
    edition(mini, "level: high\noverrides:\n  alpha-camps: {middle: Middle wording of mine.}\n", "ov")
    for level in ("middle", "high"):
        edition(mini, f"level: {level}\noverrides:\n  alpha-camps: {{middle: Middle wording of mine.}}\n", level + "x")
    mid = text_of(build(mini, "middlex", output=str(tmp_path / "m.pdf")).path)
    high = text_of(build(mini, "highx", output=str(tmp_path / "h.pdf")).path)
    assert "Middle wording of mine." in mid and "held prisoners across the country" not in mid
    assert "Middle wording of mine." not in high and "held prisoners across the country" in high
    shipped = (mini / "sections" / "alpha.yaml").read_text()
    assert "Middle wording of mine" not in shipped            # the shipped file is never changed


@pytest.mark.parametrize("body, line, words", [
    ("  alpha-cmaps: New text.\n", 4, "there is no item 'alpha-cmaps' to override (did you mean 'alpha-camps'?)"),
    ("  alpha-camps: See [[nosuchterm]].\n", 4, "unknown glossary term [[nosuchterm]]"),
    ("  alpha-camps: Cited [@nosuch].\n", 4, "unknown source [@nosuch]"),
    ("  alpha-camps: \"Shalom \u05e9\u05dc\u05d5\u05dd\"\n", 4, "cannot be printed"),
    ("  alpha-quote: {quote: Changed words.}\n", 4, "unknown key 'quote'"),
    ("  alpha-camps: {college: x, mddle: y}\n", 4, "unknown level 'mddle'"),
])
def test_bad_overrides_are_located_on_the_editions_line(mini, tmp_path, body, line, words):
    ed = edition(mini, "level: high\nsections: [alpha]\noverrides:\n" + body)
    with pytest.raises(GuideError) as exc:
        build(mini, "mine", output=str(tmp_path / "x.pdf"))
    found = [str(p) for p in exc.value.problems if words in str(p)]
    assert found and all(f"{ed.name}:{line}:" in f for f in found), [str(p) for p in exc.value.problems]


def test_an_override_for_a_level_the_item_is_not_printed_at_warns(mini, tmp_path):
    edition(mini, "level: high\noverrides:\n  alpha-q2: {middle: A middle version.}\n")
    r = build(mini, "mine", output=str(tmp_path / "x.pdf"))
    assert any("not printed at the middle level" in w.message and w.location.line == 3 for w in r.warnings)


def test_bad_markup_in_an_override_warns_on_its_line(mini, tmp_path):
    edition(mini, "level: high\noverrides:\n  alpha-camps: 'Unclosed [[nkvd and [@book-one'\n")
    r = build(mini, "mine", output=str(tmp_path / "x.pdf"))
    assert any(w.location.line == 3 and "without a matching" in w.message for w in r.warnings)


def test_the_drift_warning_fires_when_the_shipped_wording_changes(mini, tmp_path):
    edition(mini, "level: high\noverrides:\n  alpha-camps: My own wording.\n")
    first = build(mini, "mine", output=str(tmp_path / "a.pdf"))
    (advice,) = [w for w in first.warnings if "does not say which wording it replaces" in w.message]
    was = re.search(r"was: ([0-9a-f]{8})", advice.hint).group(1)
    edition(mini, f"level: high\noverrides:\n  alpha-camps: {{text: My own wording., was: {was}}}\n")
    assert not [w for w in build(mini, "mine", output=str(tmp_path / "b.pdf")).warnings if "alpha-camps" in w.message]
    sec = mini / "sections" / "alpha.yaml"
    sec.write_text(sec.read_text().replace("held prisoners across the country", "held prisoners all over the land"))
    later = build(mini, "mine", output=str(tmp_path / "c.pdf"))
    (drift,) = [w for w in later.warnings if "has changed since this override was written" in w.message]
    assert "alpha-camps" in drift.message and "sections/alpha.yaml" in drift.message
    assert drift.location.file.endswith("editions/mine.yaml") and drift.location.line == 3
    checked = cli("--content", mini, "check").output
    assert checked.count("has changed since this override was written") == 1


def test_overriding_an_omitted_item_is_a_warning(mini, tmp_path):
    edition(mini, "level: high\nomit: [alpha-camps]\noverrides:\n  alpha-camps: Mine.\n")
    r = build(mini, "mine", output=str(tmp_path / "x.pdf"))
    assert any("overridden and also omitted" in w.message for w in r.warnings)
    assert "Mine." not in text_of(r.path)


def test_overrides_travel_with_copies_handouts_answer_keys_and_stats(mini, tmp_path):
    with_ids(mini)
    edition(mini, "level: high\nanswers: separate\noverrides:\n"
                  "  alpha-p1: Words of mine about the purge and its many victims in every town and village.\n"
                  "  alpha-q1: {answer: An answer of mine.}\n")
    assert cli("--content", mini, "new-edition", "copy", "--from", "mine", "--level", "college").exit_code == 0
    copied = yaml.safe_load((mini / "editions" / "copy.yaml").read_text())
    assert copied["overrides"]["alpha-q1"] == {"answer": "An answer of mine."}
    r = build(mini, "copy", output=str(tmp_path / "c.pdf"))
    assert "Words of mine about the purge" in text_of(r.path)
    assert "An answer of mine." in text_of(r.extra[0])
    hs = handouts(mini, "mine", output_dir=str(tmp_path / "h"))
    assert "Words of mine about the purge" in text_of(hs[0].path)
    assert "An answer of mine." in text_of(hs[0].extra[0])
    plain = cli("--content", mini, "stats", "high").output
    mine = cli("--content", mini, "stats", "mine").output

    def words(out):
        return int(re.search(r"^alpha\s+high\s+(\d+)", out, re.M).group(1))
    assert words(mine) != words(plain)
