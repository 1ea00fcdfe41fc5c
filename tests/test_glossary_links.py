"""The check for unlabelled glossary links whose printed headword garbles the sentence."""
from pathlib import Path

from guide.errors import Problems
from guide.glossary_links import garbled_links
from guide.validate import load_guide

CONTENT = Path(__file__).resolve().parent.parent / "content"

EXTRA_TERMS = """
  - id: archives
    term: the Soviet archives
    definition: Party and police files.
  - id: limit
    term: quota / limit
    definition: A number set in advance.
  - id: either
    term: chistka, or purge
    definition: A cleansing of the party.
  - id: nkvd-word
    term: NKVD
    definition: The police.
"""


def _load(root: Path) -> tuple[list[str], Problems]:
    problems = Problems()
    guide = load_guide(root, problems)
    found = [str(p).replace(str(root), "C") for p in garbled_links(guide)]
    return found, problems


def _with_paragraph(mini: Path, text: str) -> Path:
    (mini / "glossary.yaml").write_text((mini / "glossary.yaml").read_text() + EXTRA_TERMS)
    sec = mini / "sections" / "beta.yaml"
    lines = sec.read_text().splitlines(keepends=True)
    # a folded paragraph appended to the first block list: the link sits two lines below its key
    at = next(i for i, line in enumerate(lines) if line.startswith("blocks:")) + 1
    lines[at:at] = ["  - type: paragraph\n", "    text: >-\n", "      Opening words.\n", f"      {text}\n"]
    sec.write_text("".join(lines))
    return sec


def test_shipped_content_has_no_garbled_links():
    problems = Problems()
    guide = load_guide(CONTENT, problems)
    assert guide is not None and not problems.errors
    assert [str(p) for p in garbled_links(guide)] == []


def test_doubled_word_at_the_boundary(mini):
    sec = _with_paragraph(mini, "Historians read the Soviet [[archives]] after 1991.")
    found, problems = _load(mini)
    assert len(found) == 1, found
    assert "[[archives]]" in found[0] and "doubled" in found[0]
    # located at the line of the link itself, not of the 'text:' key
    line = next(n for n, t in enumerate(sec.read_text().splitlines(), 1) if "[[archives]]" in t)
    assert found[0].startswith(f"{sec}:{line}: warning:".replace(str(mini), "C")), found
    # and `guide check` reports it with the other warnings
    assert any("[[archives]]" in str(p) and p.severity == "warning" for p in problems)


def test_doubled_word_after_the_link(mini):
    _with_paragraph(mini, "The [[nkvd-word]] NKVD files stayed closed.")
    found, _ = _load(mini)
    assert len(found) == 1 and "doubled" in found[0], found


def test_article_before_a_headword_that_starts_with_one(mini):
    _with_paragraph(mini, "The [[archives]] opened. Then a [[archives]] was read.")
    found, _ = _load(mini)
    assert len(found) == 2 and all("article" in f for f in found), found


def test_pair_headwords(mini):
    _with_paragraph(mini, "Each region got a [[limit]]. Some called it [[either]].")
    found, _ = _load(mini)
    assert len(found) == 2 and all("pair of terms" in f for f in found), found
    assert "[[limit]]" in found[0] and "[[either]]" in found[1]


def test_a_label_is_the_fix(mini):
    _with_paragraph(mini, "The [[archives|archives]] opened; each region got a [[limit|quota]], "
                          "and the Soviet [[archives|archives]] were read. *Our [[archives]]* opened.")
    found, _ = _load(mini)
    assert found == [], found


def test_fine_unlabelled_links_do_not_fire(mini):
    _with_paragraph(mini, "In [[archives]] one reads of the [[nkvd]]. [[archives]] opened.")
    found, _ = _load(mini)
    assert found == [], found


def test_strict_check_fails_on_a_garbled_link(mini):
    from click.testing import CliRunner

    from guide.cli import main

    _with_paragraph(mini, "Historians read the [[archives]].")
    runner = CliRunner()
    plain = runner.invoke(main, ["--content", str(mini), "check"])
    strict = runner.invoke(main, ["--content", str(mini), "check", "--strict"])
    assert "[[archives]]" in plain.output
    assert strict.exit_code == 1 and plain.exit_code == 0, (plain.output, strict.output)
