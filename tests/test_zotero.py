"""Issue 15: sources from Zotero (CSL-JSON) and Better BibTeX (CSL-YAML), cited and printed Chicago style.

The fixtures in tests/fixtures/zotero/ are written by hand in the exact shapes those tools export:
`zotero-export.json` as Zotero's File → Export Library… → CSL JSON writes it (JSON.stringify with tabs,
ids that are Zotero URIs or "12345/ABCD1234", years as strings in date-parts, `event-place` beside
`publisher-place`, Extra as `note`), `better-bibtex.yaml` as Better BibTeX's Better CSL YAML writes it
(`---`/`...`, `citation-key`, camelCase ids, `issued: - year:` lists). The expected entries below were
checked by hand against the Chicago Manual of Style, 17th ed. (14.100–14.126 books, 14.171 journals,
14.191 newspapers, 14.206 web pages, 14.217 speeches, 9.61 inclusive numbers).
"""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from guide import csl
from guide.bibliography import entry, note, page_range, short_note
from guide.build import load
from guide.cli import main
from guide.errors import Location, Problems
from guide.load import Seq, parse_json, parse_yaml
from guide.markup import parse, parse_cites, plain_text
from guide.resolve import resolve
from guide.select import find_edition, select
from guide.validate import read_source_file, read_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "zotero"

# Chicago (17th ed.) bibliography entries, checked by hand; *…* marks italics
ZOTERO_ENTRIES = {
    "khlevniuk-2004": "Khlevniuk, Oleg V. *The History of the Gulag: From Collectivization to the Great Terror*. "
                      "Translated by Vadim A. Staklo. Annals of Communism. New Haven: Yale University Press, 2004.",
    "ellman-2002": "Ellman, Michael. “Soviet Repression Statistics: Some Comments.” *Europe-Asia Studies* 54, no. 7 "
                   "(November 2002): 1151–72. https://doi.org/10.1080/0966813022000017177.",
    "rittersporn-1993": "Rittersporn, Gábor T. “The Omnipresent Conspiracy: On Soviet Imagery of Politics and Social "
                        "Relations in the 1930s.” In *Stalinist Terror: New Perspectives*, edited by J. Arch Getty and "
                        "Roberta T. Manning, 99–115. Cambridge: Cambridge University Press, 1993.",
    "Duranty1933": "Duranty, Walter. “Russians Hungry, But Not Starving.” *New York Times*, March 31, 1933.",
    "12345/QRST7890": "Siegelbaum, Lewis H. “The Great Terror.” Seventeen Moments in Soviet History. Accessed March "
                      "15, 2024. https://soviethistory.msu.edu/1937-2/the-great-terror/.",
}
# The text that cites them, and the notes (short form, Chicago 14.29–14.36) it prints
ZOTERO_TEXT = ("Camps grew.[@khlevniuk-2004, p. 45] Counts differ.[@ellman-2002, pp. 1160–61] Fear spread."
               "[@rittersporn-1993, 101] Famine was denied.[@Duranty1933] A survey.[@12345/QRST7890]")
ZOTERO_NOTES = ["Khlevniuk, *History of the Gulag*, 45.", "Ellman, “Soviet Repression Statistics,” 1160–61.",
                "Rittersporn, “Omnipresent Conspiracy,” 101.", "Duranty, “Russians Hungry,” 13.",
                "Siegelbaum, “Great Terror.”"]

BBT_ENTRIES = {
    "conquestGreatTerrorReassessment2008": "Conquest, Robert. *The Great Terror: A Reassessment*. 40th anniversary ed. "
                                           "New York: Oxford University Press, 2008.",
    "thurstonFearBeliefUSSRs1986": "Thurston, Robert W. “Fear and Belief in the USSR’s ‘Great Terror’: Response to "
                                   "Arrest, 1935–1939.” *Slavic Review* 45, no. 2 (Summer 1986): 213–34.",
    "khrushchevCultPersonalityIts1956": "Khrushchev, Nikita S. “On the Cult of Personality and Its Consequences.” "
                                        "Speech, Twentieth Congress of the Communist Party of the Soviet Union, "
                                        "Moscow, February 25, 1956.",
}
BBT_TEXT = ("A reassessment.[@conquestGreatTerrorReassessment2008, p. 45] Arrests.[@thurstonFearBeliefUSSRs1986, "
            "p. 220] The speech.[@khrushchevCultPersonalityIts1956]")
BBT_NOTES = ["Conquest, *Great Terror*, 45.", "Thurston, “Fear and Belief,” 220.",
             "Khrushchev, “On the Cult of Personality.”"]


def marked(spans) -> str:
    """Spans as text, italics marked *…*, zero-width break opportunities in URLs left out."""
    out = []
    for s in spans:
        out.append(f"*{s.plain()}*" if s.kind == "em" else marked(s.children) if s.children else s.plain())
    return "".join(out).replace("\u200b", "")


def paragraph(mini: Path, text: str, path: Path | None = None, sid: str = "beta") -> None:
    (path or mini / "sections" / "beta.yaml").write_text(
        f"id: {sid}\ntitle: Beta\nblocks:\n  - type: paragraph\n    text: {json.dumps(text)}\n", encoding="utf-8")


def doc_notes(doc, sid: str):
    sec = next(s for s in doc.sections if s.id == sid)
    return [marked(note(n.cites)) for n in sec.notes]


@pytest.fixture
def zotero(mini):
    shutil.copy(FIXTURES / "zotero-export.json", mini / "sources.json")
    paragraph(mini, ZOTERO_TEXT)
    return mini


def test_the_fixture_is_zoteros_exact_shape():
    text = (FIXTURES / "zotero-export.json").read_text(encoding="utf-8")
    items = json.loads(text)
    assert text == json.dumps(items, indent="\t", ensure_ascii=False)   # JSON.stringify(data, null, "\t")
    assert text.startswith("[\n\t{\n\t\t\"id\": \"http://zotero.org/users/123/items/")
    assert [i["type"] for i in items] == ["book", "article-journal", "chapter", "article-newspaper", "webpage"]
    assert items[-1]["id"] == "12345/QRST7890" and items[0]["issued"] == {"date-parts": [["2004"]]}
    bbt = (FIXTURES / "better-bibtex.yaml").read_text(encoding="utf-8")
    assert bbt.startswith("---\nreferences:\n- id: ") and bbt.endswith("\n...\n") and "  issued:\n    - year:" in bbt


def test_zotero_csl_json_is_cited_and_printed_chicago_style(zotero):
    guide, problems = load(zotero)
    assert not problems, [str(p) for p in problems]
    for key, expected in ZOTERO_ENTRIES.items():
        assert marked(entry(guide.sources[key])) == expected, key
    doc = resolve(select(guide, find_edition(guide, None), level="high", sections=["beta"]))
    assert doc_notes(doc, "beta") == ZOTERO_NOTES
    assert set(ZOTERO_ENTRIES) <= {s.id for s in doc.bibliography}
    # the page of a newspaper article goes in the note, never in the bibliography
    assert "13" not in ZOTERO_ENTRIES["Duranty1933"]


def test_better_bibtex_csl_yaml_added_by_an_edition_is_cited_and_printed(mini):
    own = mini / "editions" / "mine"
    own.mkdir()
    shutil.copy(FIXTURES / "better-bibtex.yaml", own / "refs.yaml")
    paragraph(mini, BBT_TEXT, own / "local.yaml", "local")
    (mini / "editions" / "mine.yaml").write_text("level: high\nsections: [local]\nadd:\n  sections: [mine/local.yaml]\n"
                                                 "  sources: mine/refs.yaml\n", encoding="utf-8")
    guide, problems = load(mini)
    assert not problems, [str(p) for p in problems]
    sel = select(guide, find_edition(guide, "mine"))
    doc = resolve(sel)
    assert doc_notes(doc, "local") == BBT_NOTES
    got = {s.id: marked(entry(s)) for s in doc.bibliography}
    assert got == BBT_ENTRIES
    result = CliRunner().invoke(main, ["--content", str(mini), "check"])
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output, result.output


def test_zotero_json_as_an_added_file_too(mini):
    own = mini / "editions" / "mine"
    own.mkdir()
    shutil.copy(FIXTURES / "zotero-export.json", own / "library.json")
    paragraph(mini, ZOTERO_TEXT, own / "local.yaml", "local")
    (mini / "editions" / "mine.yaml").write_text("level: high\nsections: [local]\nadd:\n  sections: [mine/local.yaml]\n"
                                                 "  sources: mine/library.json\n", encoding="utf-8")
    guide, problems = load(mini)
    doc = resolve(select(guide, find_edition(guide, "mine")))
    assert doc_notes(doc, "local") == ZOTERO_NOTES


def test_the_key_rule(tmp_path):
    """citation-key, else a valid id, else family names and year; a derived key avoids keys in use."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([
        {"id": "http://zotero.org/users/1/items/AAAA1111", "type": "book", "title": "One",
         "citation-key": "Smith2001", "author": [{"family": "Smith"}], "issued": {"date-parts": [[2001]]}},
        {"id": "smith-2001", "type": "book", "title": "Two", "author": [{"family": "Smith"}]},
        {"id": "http://zotero.org/users/1/items/BBBB2222", "type": "book", "title": "Three",
         "author": [{"family": "Smith"}], "issued": {"date-parts": [["2001"]]}},
        {"id": "http://zotero.org/users/1/items/CCCC3333", "type": "book", "title": "Four",
         "author": [{"family": "Smith"}], "issued": {"date-parts": [["2001"]]}},
        {"id": "x y", "type": "book", "title": "Five", "author": [{"family": "Ćosić"}, {"family": "van Dyke"}]},
        {"id": 42, "type": "book", "title": "Six", "editor": [{"literal": "Memorial Society"}]},
        {"type": "book", "title": "Seven", "author": [{"family": "Smith"}], "issued": {"date-parts": [[2001]]}},
    ], indent="\t"), encoding="utf-8")
    problems = Problems()
    got = [(s.id, s.key_from) for s in read_sources(read_source_file(refs, problems), problems, {"smith-2001b"})]
    assert got == [("Smith2001", "citation-key"), ("smith-2001", "id"), ("smith-2001a", "derived"),
                   ("smith-2001c", "derived"), ("cosic-van-dyke-nd", "derived"), ("42", "id"),
                   ("smith-2001d", "derived")]
    assert not problems.errors, [str(p) for p in problems]


def test_a_bad_citation_key_is_a_located_error(tmp_path):
    refs = tmp_path / "refs.yaml"
    refs.write_text("references:\n- id: ok-id\n  citation-key: 'bad key.'\n  type: book\n  title: T\n", encoding="utf-8")
    problems = Problems()
    assert [s.id for s in read_sources(read_source_file(refs, problems), problems)] == ["ok-id"]
    assert [(p.location.line, "not a valid key" in p.message) for p in problems.errors] == [(3, True)]


@pytest.mark.parametrize("key, ok", [
    ("conquest-1990", True), ("Conquest1990", True), ("12345/ABCD1234", True), ("a.b:c/d_e", True), ("_x", True),
    ("Хлевнюк2004", True), ("http://zotero.org/users/1/items/X", False), ("ends.", False), ("two words", False),
    ("-lead", False), ("a--b", False), ("", False)])
def test_what_a_key_may_hold(key, ok):
    assert csl.is_key(key) is ok
    if ok:
        assert parse_cites(f"@{key}, p. 3; @other") == [(key, "p. 3"), ("other", None)]
        spans, warnings = parse(f"Text.[@{key}]")
        assert not warnings and spans[-1].kind == "cite" and spans[-1].cites == [(key, None)]


def test_a_key_with_a_url_in_it_is_not_a_citation():
    spans, warnings = parse("Text.[@http://zotero.org/users/1/items/X]")
    assert warnings and not any(s.kind == "cite" for s in spans)


def test_a_source_field_takes_a_citation_key(zotero):
    beta = zotero / "sections" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + "  - type: primary\n    title: A letter\n    quote: Words.\n"
                    "    attribution: Someone\n    source: Duranty1933\n    locator: p. 13\n", encoding="utf-8")
    guide, problems = load(zotero)
    assert not problems.errors, [str(p) for p in problems]
    assert guide.sections["beta"].blocks[-1].source == "Duranty1933"


def test_a_zotero_uri_is_no_key_in_a_source_field(zotero):
    beta = zotero / "sections" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + "  - type: primary\n    title: T\n    quote: Q.\n"
                    "    attribution: A\n    source: http://zotero.org/users/123/items/MNOP3456\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--content", str(zotero), "check"])
    assert "beta.yaml:10: error: 'http://zotero.org/users/123/items/MNOP3456' is not a valid citation key" \
        in result.output, result.output


def test_unknown_source_hint_names_the_derived_key(zotero):
    from guide.validate import check_references
    guide, _ = load(zotero)
    guide.sections["beta"].blocks[0].source = "http://zotero.org/users/123/items/ABCD1234"
    guide.sections["beta"].blocks[0].type = "primary"
    found = Problems()
    check_references(guide, found)
    assert any("cited as 'khlevniuk-2004'" in (p.hint or "") for p in found.errors), [str(p) for p in found]


def test_every_csl_variable_is_accepted_and_a_non_csl_key_warns_once(tmp_path):
    item = {"id": "all", "type": "book", "title": "All", "author": [{"family": "A", "given": "B", "suffix": "Jr.",
                                                                        "comma-suffix": False, "parse-names": True}]}
    for k in csl.STANDARD + csl.NUMBERS:
        item.setdefault(k, "x")
    for k in csl.NAMES:
        item.setdefault(k, [{"family": "N"}])
    for k in csl.DATES:
        item.setdefault(k, {"date-parts": [["2001", 2, 3]]})
    item.update({"custom": {"a": 1}, "categories": ["c"], "citation-key": "all", "journalAbbreviation": "J",
                 "shortTitle": "A"})
    other = {"id": "b", "type": "book", "title": "B", "author": [{"family": "C"}], "libraryCatalog": "x"}
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps([item, other, dict(other, id="c", title="C")], indent="\t"), encoding="utf-8")
    problems = Problems()
    assert len(read_sources(read_source_file(refs, problems), problems)) == 3
    assert not problems.errors, [str(p) for p in problems.errors]
    assert [(p.message, p.location.line) for p in problems.warnings] == [
        ("'libraryCatalog' is not a CSL variable, so it is ignored (nor in 1 other reference)",
         refs.read_text().split("\n").index('\t\t"libraryCatalog": "x"') + 1)]


def test_the_same_work_under_two_keys_warns_naming_both_places(zotero):
    ellman = {"id": "ellman-soviet", "type": "article-journal", "title": "Soviet repression statistics: some comments",
              "author": [{"family": "Ellman", "given": "M."}], "issued": {"date-parts": [[2002]]}}
    data = json.loads((zotero / "sources.json").read_text(encoding="utf-8")) + [ellman]
    (zotero / "sources.json").write_text(json.dumps(data, indent="\t"), encoding="utf-8")
    guide, problems = load(zotero)
    dupes = [p for p in problems if "same work" in p.message]
    assert [p.severity for p in dupes] == ["warning"]
    assert dupes[0].message.startswith("'ellman-soviet' is the same work as 'ellman-2002' at ")
    assert dupes[0].message.endswith("sources.json:44 (the same title, first author and year)")
    assert str(dupes[0].location).endswith(f"sources.json:{len(json.dumps(data[:5], indent=chr(9)).splitlines())}")
    # and between the shipped sources and an edition's own file
    own = zotero / "editions" / "mine"
    own.mkdir()
    (own / "refs.yaml").write_text("references:\n- id: rittersporn-again\n  type: chapter\n  title: 'The Omnipresent "
                                   "Conspiracy: On Soviet Imagery of Politics and Social Relations in the 1930s'\n"
                                   "  author:\n    - family: Rittersporn\n      given: G.\n  issued:\n    - year: 1993\n",
                                   encoding="utf-8")
    (zotero / "editions" / "mine.yaml").write_text("level: high\nadd:\n  sources: mine/refs.yaml\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--content", str(zotero), "check"])
    line = [ln for ln in result.output.splitlines() if "rittersporn-again" in ln]
    assert len(line) == 1 and "editions/mine/refs.yaml:2: warning:" in line[0] and "sources.json:81" in line[0], line


def test_a_malformed_json_file_gives_a_located_error(zotero):
    text = (zotero / "sources.json").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = lines.index('\t\t"volume": "54",')
    lines[at] = '\t\t"volume": "54"'          # a missing comma
    (zotero / "sources.json").write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["--content", str(zotero), "check"])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if "JSON syntax" in ln]
    assert errors == [f"{Path('content') / 'sources.json'}:{at + 2}: error: JSON syntax: Expecting ',' delimiter "
                      "(a comma is missing between two values, or a quote is not closed, here or on the line before)"
                      ] or (len(errors) == 1 and f"sources.json:{at + 2}: error: JSON syntax" in errors[0]), errors


@pytest.mark.parametrize("text, line, what", [
    ('[\n\t{\n\t\t"id": "a",\n\t}\n]', 4, "JSON syntax"),
    ('[\n\t{"id": "a", "id": "b"}\n]', 2, "duplicate key 'id'"),
    ('[\n\t{"title": "a\tb"}\n]', 2, "control character"),
    ('[\n' + "[" * 70 + "]" * 70 + "\n]", 2, "nested more than"),
    ('\n\n', 1, "the file is empty"),
])
def test_json_problems_are_located(text, line, what):
    problems = Problems()
    assert parse_json(text, "x.json", problems) is None or problems
    assert [(p.location, what in p.message) for p in problems.errors][:1] == [(Location("x.json", line), True)]


def test_json_values_know_their_lines_for_the_glyph_check(zotero):
    from guide.validate import iter_texts
    guide, _ = load(zotero)
    line = (zotero / "sources.json").read_text(encoding="utf-8").split("\n").index(
        '\t\t"container-title": "The New York Times",') + 1
    assert guide.sources["Duranty1933"].lines["container-title"].line == line
    assert {t.loc("high").line for t in iter_texts(guide) if t.at("high") == "The New York Times"} == {line}


def test_an_unprintable_character_in_json_is_reported_at_its_line(zotero):
    text = (zotero / "sources.json").read_text(encoding="utf-8")
    (zotero / "sources.json").write_text(text.replace('"Yale University Press"', '"Yale \u05e9 Press"'),
                                         encoding="utf-8")
    result = CliRunner().invoke(main, ["--content", str(zotero), "check"])
    assert any(ln.endswith(".") is False and "sources.json:7: error: the character" in ln
               for ln in result.output.splitlines()), result.output


@pytest.mark.parametrize("value, printed", [
    ({"date-parts": [["1933", 3, 31]]}, "March 31, 1933"),
    ({"date-parts": [[1933, "3"]]}, "March 1933"),
    ({"date-parts": [[1986]], "season": 2}, "Summer 1986"),
    ({"date-parts": [[1986]], "season": "Winter"}, "Winter 1986"),
    ({"date-parts": [[1986, 15]]}, "Fall 1986"),            # citeproc-js: months 13–16 are seasons
    ({"date-parts": [[1937, 6, 12], [1937, 6, 14]]}, "June 12–14, 1937"),
    ({"date-parts": [[1936], [1938]]}, "1936–1938"),
    ({"date-parts": [[1900]], "circa": True}, "ca. 1900"),
    ({"literal": "n.d. [ca. 1937]"}, "n.d. [ca. 1937]"),
    ({"raw": "1937-07-30"}, "July 30, 1937"),
    ({"raw": "March 31, 1933"}, "March 31, 1933"),
    ({"raw": "Spring 1986"}, "Spring 1986"),
    ({"raw": "sometime in the thirties"}, "sometime in the thirties"),
    ("1937-07", "July 1937"),
    ("1937~", "ca. 1937"),
    ("1936/1938", "1936–1938"),
    (1990, "1990"),
])
def test_dates_in_every_csl_form(value, printed):
    from guide.load import Map
    problems = Problems()
    data = parse_json(json.dumps({"issued": value}), "d.json", problems)
    date = csl.read_date(data["issued"], Location("d.json", 1), problems, "issued")
    assert not problems, [str(p) for p in problems]
    assert csl.format_date(date) == printed
    assert isinstance(data, Map)


@pytest.mark.parametrize("yaml_text, printed", [
    ("issued:\n  - year: 2017\n    month: 5\n    day: 2\n", "May 2, 2017"),
    ("issued:\n  - year: 2017\n    season: 3\n  - year: 2017\n    season: 4\n", "Fall–Winter 2017"),
    ("issued:\n  - literal: 2017-14/2017-15\n", "2017-14/2017-15"),
    ("issued: 2020-05-12\n", "May 12, 2020"),
    ("issued: {date-parts: [[1990]]}\n", "1990"),
])
def test_better_bibtex_and_pandoc_yaml_dates(yaml_text, printed):
    problems = Problems()
    data = parse_yaml(yaml_text, "d.yaml", problems)
    assert csl.format_date(csl.read_date(data["issued"], Location("d.yaml", 1), problems, "issued")) == printed
    assert not problems


@pytest.mark.parametrize("value", [{"date-parts": [[1990, 13.5]]}, {"date-parts": [[1990, 2, 30]]}, {"season": 2},
                                   {"date-parts": "1990"}, [], True, {"date-parts": [["nineteen"]]}])
def test_a_bad_date_is_a_located_error(value):
    problems = Problems()
    data = parse_json(json.dumps({"issued": value}), "d.json", problems)
    assert csl.read_date(data["issued"], Location("d.json", 1), problems, "issued") is None
    assert [p.location for p in problems.errors] == [Location("d.json", 1)]


@pytest.mark.parametrize("given, printed", [
    ("3-10", "3–10"), ("71-72", "71–72"), ("96-117", "96–117"), ("100-104", "100–104"), ("1100-1113", "1100–1113"),
    ("101-108", "101–8"), ("808-833", "808–33"), ("1103-1104", "1103–4"), ("321-328", "321–28"),
    ("498-532", "498–532"), ("1087-1089", "1087–89"), ("1496-1500", "1496–500"), ("11564-11615", "11564–615"),
    ("12991-13001", "12991–3001"), ("213–234", "213–34"), ("e1234", "e1234"), ("45, 50-52", "45, 50–52")])
def test_inclusive_page_numbers_the_chicago_way(given, printed):
    assert page_range(given) == printed


def test_long_titles_are_shortened_when_there_is_no_title_short(zotero):
    guide, _ = load(zotero)
    src = guide.sources["Duranty1933"]
    assert src.title_short is None and plain_text(short_note(src, "p. 1")) == "Duranty, “Russians Hungry,” 1"
    src.title, src.type = "Lenin's Brain and Other Tales from the Secret Soviet Archives", "book"
    assert plain_text(short_note(src)) == "Duranty, Lenin’s Brain"       # (typed straight, printed curly)
    src.title = "Bukharin and the Bolshevik Revolution: A Political Biography, 1888–1938"
    assert plain_text(short_note(src)) == "Duranty, Bukharin and the Bolshevik Revolution"
    src.title = "Prisoner's Futile Pleas for Help In Dossier That Ends in Silence"
    assert plain_text(short_note(src)) == "Duranty, Prisoner’s Futile Pleas for Help"


def test_list_sources_shows_each_key_and_where_it_comes_from(zotero):
    result = CliRunner().invoke(main, ["--content", str(zotero), "list", "--sources"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "[@khlevniuk-2004]" in out and "made from author and year (id http://zotero.org/users/123/items/ABCD1234)" in out
    assert "[@Duranty1933]" in out and "its citation-key" in out and "[@12345/QRST7890]" in out and "its id;" in out


def test_schema_describes_both_forms_and_schema_files_are_not_sources(mini):
    result = CliRunner().invoke(main, ["schema", "--kind", "sources"])
    schema = json.loads(result.output)
    v = Draft202012Validator(schema)
    assert not list(v.iter_errors(json.loads((FIXTURES / "zotero-export.json").read_text(encoding="utf-8"))))
    import yaml
    assert not list(v.iter_errors(yaml.safe_load((FIXTURES / "better-bibtex.yaml").read_text(encoding="utf-8"))))
    assert list(v.iter_errors([{"id": "x", "type": "novel", "title": "T"}]))
    assert list(v.iter_errors({"references": [{"id": "x", "type": "book", "title": "T", "issued": {"year": 1}}]}))
    # the schema files `guide schema --write` keeps in content/schema/ are never read as sources
    assert CliRunner().invoke(main, ["--content", str(mini), "schema", "--write"]).exit_code == 0
    (mini / "editions" / "s.yaml").write_text("level: high\nadd:\n  sources: ../schema/sources.json\n", encoding="utf-8")
    guide, problems = load(mini)
    assert sorted(guide.sources) == ["article-two", "book-one", "uncited"]
    with pytest.raises(Exception) as err:
        select(guide, find_edition(guide, "s"))
    assert "is in schema/, where 'guide schema --write' keeps the JSON Schema files" in str(err.value)
    problems = Problems()
    (mini / "refs.json").write_text((mini / "schema" / "sources.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert read_source_file(mini / "refs.json", problems) is None
    assert "JSON Schema, not a CSL-JSON sources file" in problems.errors[0].message


def test_a_bare_list_and_a_single_item_are_read_too(tmp_path):
    one = tmp_path / "one.json"
    one.write_text('{"id": "a", "type": "book", "title": "A"}', encoding="utf-8")
    problems = Problems()
    seq = read_source_file(one, problems)
    assert isinstance(seq, Seq) and [s.id for s in read_sources(seq, problems)] == ["a"]
    bad = tmp_path / "bad.json"
    bad.write_text('"just text"', encoding="utf-8")
    assert read_source_file(bad, problems) is None and "a list of references" in problems.errors[-1].message
