from pathlib import Path

from guide.errors import Problems
from guide.load import Limits, Map, load_yaml, parse_yaml


def parse(text, limits=Limits()):
    problems = Problems()
    return parse_yaml(text, "f.yaml", problems, limits), [str(p) for p in problems]


def test_lines_are_remembered():
    data, problems = parse("title: A\nitems:\n  - one\n  - two\nnested:\n  key: v\n")
    assert problems == []
    assert isinstance(data, Map)
    assert data.loc("items").line == 2
    assert data["items"].loc(1).line == 4
    assert data["nested"].loc("key").line == 6


def test_dates_stay_text_and_numbers_are_numbers():
    data, _ = parse("d: 1934-12-01\nn: 12\nf: 1.5\nb: true\nq: '12'\n")
    assert data == {"d": "1934-12-01", "n": 12, "f": 1.5, "b": True, "q": "12"}


def test_duplicate_key_is_located():
    _, problems = parse("a: 1\nb: 2\na: 3\n")
    assert problems == ["f.yaml:3: error: duplicate key 'a' (first on line 1) (keep only one of them)"]


def test_tab_indentation():
    _, problems = parse("a:\n\t- x\n")
    assert problems[0].startswith("f.yaml:2: error: a tab is used for indentation")


def test_syntax_error_has_line_and_hint():
    _, problems = parse("title: a\nsub: Stalin: a life\n")
    assert problems[0].startswith("f.yaml:2: error: YAML syntax")
    assert "quoted" in problems[0]


def test_unclosed_quote():
    _, problems = parse('a: "open\nb: 2\n')
    assert len(problems) == 1 and "YAML syntax" in problems[0]


def test_empty_file():
    _, problems = parse("# only a comment\n")
    assert problems == ["f.yaml:1: error: the file is empty (add the content, or delete the file)"]


def test_billion_laughs_is_refused_by_count():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lol += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    _, problems = parse(lol)
    assert len(problems) == 1 and "file refused" in problems[0]


def test_deep_nesting_is_refused():
    text = "a: " + "[" * 100 + "]" * 100 + "\n"
    _, problems = parse(text, Limits(max_depth=64))
    assert "nested more than 64" in problems[0]


def test_bom_non_utf8_and_folder(tmp_path: Path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    problems = Problems()
    assert load_yaml(bom, problems) == {"a": 1}
    assert load_yaml(bad, problems) is None
    assert load_yaml(tmp_path, problems) is None
    text = [str(p) for p in problems]
    assert "bad.yaml:2: error: the file is not UTF-8 text" in text[0]
    assert "this is a folder" in text[1]
