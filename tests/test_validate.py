from pathlib import Path



def check(root: Path) -> list[str]:
    """What `guide check` reports: the content and every edition."""
    from guide.build import check_all
    problems, _ = check_all(root)
    return [str(p).replace(str(root), "C") for p in problems.sorted()]


def test_fixture_is_clean(mini):
    assert check(mini) == []


def test_unknown_key_suggests_and_missing_field(mini):
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(sec.read_text().replace("title: Beta Section", "titel: Beta Section"))
    problems = check(mini)
    assert any("beta.yaml:2: error: unknown key 'titel' in the section (did you mean 'title'?)" in p for p in problems)
    assert any("beta.yaml:1: error: the section needs 'title'" in p for p in problems)


def test_all_problems_reported_in_one_run(mini):
    sec = mini / "sections" / "alpha.yaml"
    text = sec.read_text()
    text = text.replace("[[gulag]]", "[[gulagg]]").replace("[@article-two]", "[@nosuch]")
    text = text.replace("people: [stalin, yezhov]", "people: [stalin, nobody]")
    text = text.replace("kind: analysis", "kind: analytic")
    sec.write_text(text)
    chron = mini / "chronology.yaml"
    chron.write_text(chron.read_text().replace('"1936"', '"1936-13"'))
    problems = check(mini)
    joined = "\n".join(problems)
    assert "unknown glossary term [[gulagg]] (did you mean 'gulag'?)" in joined
    assert "unknown source [@nosuch]" in joined
    assert "unknown person 'nobody'" in joined
    assert "'kind' is 'analytic'" in joined
    assert "chronology.yaml:6: error: '1936-13' has no such month" in joined
    assert all(":" in p.split(" ")[0] for p in problems), problems


def test_wrong_types_and_duplicates(mini):
    (mini / "sections" / "beta.yaml").write_text(
        "id: beta\ntitle: [not, text]\nblocks:\n  - type: paragrap\n    text: x\n"
        "questions:\n  - id: alpha-q1\n    kind: essay\n    text: again\n    lines: many\n")
    problems = "\n".join(check(mini))
    assert "beta.yaml:2: error: 'title' in the section must be text or a mapping by level" in problems
    assert "unknown block type 'paragrap'" in problems and "did you mean 'paragraph'?" in problems
    assert "'lines' in a question must be a whole number" in problems
    assert "duplicate question id 'alpha-q1'" in problems


def test_chart_without_alt_text_is_an_error(mini):
    sec = mini / "sections" / "alpha.yaml"
    sec.write_text(sec.read_text().replace("    alt: Three bars showing three of five, two of four and one of one.\n", ""))
    assert any("a chart block needs 'alt'" in p for p in check(mini))


def test_edition_problems(mini):
    (mini / "editions" / "high.yaml").write_text("level: hihg\nsections: [alpha, alpha, gamma]\npaper: a5\n")
    problems = "\n".join(check(mini))
    assert "high.yaml:1: error: 'level' is 'hihg'" in problems and "did you mean 'high'?" in problems
    assert "the section 'alpha' is listed twice" in problems
    assert "the edition lists the section 'gamma', which does not exist" in problems
    assert "'paper' is 'a5'" in problems


def test_places_and_maps_are_validated(mini):
    (mini / "places.yaml").write_text("places:\n  - id: x\n    name: X\n    kind: camp\n    lat: 95\n    lon: 30\n"
                                      "    source: nosuch\n  - id: y\n    name: Y\n    kind: town\n    lat: 60\n"
                                      "    lon: 30\n    line: [[60, 30], [61]]\n")
    sec = mini / "sections" / "beta.yaml"
    sec.write_text(sec.read_text().replace("questions:", "  - type: map\n    title: A map\n    caption: C\n"
                                           "    places: [x, z]\nquestions:"))
    problems = "\n".join(check(mini))
    assert "places.yaml:5: error: latitude 95 is out of range" in problems
    assert "places.yaml:10: error: 'kind' is 'town'" in problems
    assert "places.yaml:13: error: each point of 'line' is [latitude, longitude]" in problems
    assert "a map block needs 'alt'" in problems
    sec.write_text(sec.read_text().replace("    places: [x, z]", "    alt: A map.\n    places: [x, z]"))
    assert any("unknown place 'z'" in p for p in check(mini))


def test_glyph_check_reads_the_same_character_maps_as_the_layout():
    """`guide check` reads the fonts with fontTools (no ReportLab); what it finds printable must be what
    ReportLab, which draws the text, finds in each shipped font file."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from guide.font_coverage import font_chars
    from guide.theme import font_dir

    files = sorted(font_dir().glob("*.ttf"))
    assert len(files) >= 8
    for path in files:
        layout = frozenset(TTFontFile(str(path)).charToGlyph) - {0xFFFF}   # (a noncharacter: YAML refuses it)
        assert font_chars(str(path)) == layout, path.name
