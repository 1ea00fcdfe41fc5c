"""The quiz export read back as each LMS would: QTI 1.2 (Canvas), GIFT (a grammar of our own), Moodle XML.

Each reader is checked on a broken file first, so that a reader that accepts anything cannot pass."""
from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from guide import markup

CONTENT = Path(__file__).resolve().parent.parent / "content"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


@pytest.fixture(scope="module")
def high(shipped_high_document):
    return shipped_high_document


def content_items(guide, edition: str, level: str) -> list:
    """The quiz items the edition prints, read from the content itself (not from the export)."""
    ed = guide.editions[edition]
    out = []
    for sid in ed.sections or guide.order:
        for q in guide.sections[sid].quiz:
            if level in q.levels and level in q.text.values and q.id not in ed.omit:
                out.append(q)
    return out


def plain_html(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def plain_text(text) -> str:
    return markup.plain_text(markup.parse(text.at("high"))[0])


# -------------------------------------------------------------------------------------------- QTI

def qti_problems(data: bytes) -> tuple[list[str], dict]:
    """What is wrong with a QTI package, and its items by id: (resource files, response processing)."""
    problems: list[str] = []
    z = zipfile.ZipFile(io.BytesIO(data))
    names = set(z.namelist())
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    listed = {f.get("href") for r in resources.values() for f in r.iter(f"{CP}file")}
    if listed | {"imsmanifest.xml"} != names:
        problems.append(f"manifest files {sorted(listed)} are not the package's {sorted(names)}")
    items = {}
    for ident, r in resources.items():
        for dep in r.iter(f"{CP}dependency"):
            if dep.get("identifierref") not in resources:
                problems.append(f"{ident}: depends on a missing resource")
        if r.get("type") != "imsqti_xmlv1p2":
            continue
        root = ET.fromstring(z.read(r.find(f"{CP}file").get("href")))
        if root.tag != f"{QTI}questestinterop":
            problems.append(f"{ident}: root is {root.tag}")
        for item in root.iter(f"{QTI}item"):
            labels = {lab.get("ident"): plain_html(lab.find(f".//{QTI}mattext").text)
                      for lab in item.iter(f"{QTI}response_label") if lab.find(f".//{QTI}mattext") is not None}
            scoring = [c for c in item.iter(f"{QTI}respcondition")
                       if any(s.get("varname") == "SCORE" and s.text == "100" for s in c.iter(f"{QTI}setvar"))]
            if len(scoring) != 1:
                problems.append(f"{item.get('ident')}: {len(scoring)} conditions give the score")
                continue
            right = [v.text for v in scoring[0].iter(f"{QTI}varequal")]
            fields = {f.find(f"{QTI}fieldlabel").text: f.find(f"{QTI}fieldentry").text
                      for f in item.iter(f"{QTI}qtimetadatafield")}
            items[item.get("ident")] = {"labels": labels, "right": right, "fields": fields, "title": item.get("title")}
            if labels and (len(right) != 1 or right[0] not in labels):
                problems.append(f"{item.get('ident')}: the correct response {right} is not one of its options")
    return problems, items


def test_qti_checker_catches_a_wrong_key(high):
    from guide.export.quiz import export_quiz
    data = export_quiz(high, "qti")
    z = zipfile.ZipFile(io.BytesIO(data))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        for name in z.namelist():
            body = z.read(name)
            if name.endswith(".xml") and name != "imsmanifest.xml" and b"questestinterop" in body:
                body = body.replace(b'<varequal respident="response1">background-mc-h1-a</varequal>\n            '
                                    b'</conditionvar>\n            <setvar',
                                    b'<varequal respident="response1">background-mc-h1-z</varequal>\n            '
                                    b'</conditionvar>\n            <setvar')
            if name != z.namelist()[-1]:
                out.writestr(name, body)
    problems, _ = qti_problems(broken.getvalue())
    assert any("manifest files" in p for p in problems)
    assert any("background-mc-h1: the correct response" in p for p in problems)


def test_qti_package_scores_the_correct_option(high, shipped_guide):
    from guide.export.quiz import export_quiz
    problems, items = qti_problems(export_quiz(high, "qti"))
    assert problems == []
    expected = content_items(shipped_guide, "high", "high")
    assert list(items) == [q.id for q in expected]
    for q in expected:
        got = items[q.id]
        assert got["fields"]["guide_level"] == "high" and got["fields"]["guide_id"] == q.id
        assert got["fields"]["guide_section"] == q.id.split("-")[0]
        assert got["title"] == q.id and got["fields"]["points_possible"] == "1.0"
        if q.type == "choice":
            assert list(got["labels"].values()) == [plain_text(o.text) for o in q.options]   # the printed order
            right = next(o for o in q.options if o.correct)
            assert got["labels"][got["right"][0]] == plain_text(right.text)
            assert got["fields"]["question_type"] == "multiple_choice_question"
        else:
            assert got["right"] == list(q.accept)
            assert got["fields"]["question_type"] == "short_answer_question"


def test_qti_keeps_feedback(high):
    from guide.export.quiz import export_quiz
    z = zipfile.ZipFile(io.BytesIO(export_quiz(high, "qti")))
    body = b"".join(z.read(n) for n in z.namelist() if n.count("/") and not n.endswith("meta.xml"))
    text = plain_html(html.unescape(body.decode("utf-8")))
    for sec in high.sections:
        for item in sec.quiz:
            for o in item.options:
                if o.feedback:
                    assert markup.plain_text(o.feedback) in text
            if item.feedback:
                assert markup.plain_text(item.feedback) in text


def test_qti_same_content_same_file(high):
    from guide.export.quiz import export_quiz
    assert export_quiz(high, "qti") == export_quiz(high, "qti")


# ------------------------------------------------------------------------------------------- GIFT

GIFT_SPECIAL = "~=#{}:"


class GiftError(ValueError):
    pass


def gift_chars(text: str):
    """(character, escaped) pairs; a backslash escapes a special character, n is a line break; a stray
    backslash is an error."""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            nxt = text[i + 1:i + 2]
            if nxt in GIFT_SPECIAL + "\\" and nxt:
                yield nxt, True
            elif nxt == "n":
                yield "\n", True
            elif nxt == "*":
                yield "\\*", True
            else:
                raise GiftError(f"a backslash before '{nxt}'")
            i += 2
        else:
            yield ch, False
            i += 1


def parse_gift(source: str) -> list[dict]:
    """A strict reader of the GIFT this export writes: questions separated by blank lines, each
    `::name::[html]text {answers}`; answers `=right` / `~wrong`, each with `#feedback`, and `####general`.
    Any special character that is not escaped where it would change the meaning is an error."""
    questions = []
    for block in re.split(r"\n\s*\n", source):
        lines = [ln for ln in block.split("\n") if ln.strip() and not ln.lstrip().startswith("//")
                 and not ln.startswith("$CATEGORY:")]
        if not lines:
            continue
        chars = list(gift_chars("\n".join(lines)))
        if "".join(c for c, _ in chars[:2]) != "::" or any(e for _, e in chars[:2]):
            raise GiftError(f"a question must start with ::name:: ({block[:40]!r})")
        i, name = 2, ""
        while i < len(chars) and not (chars[i] == (":", False) and chars[i + 1:i + 2] == [(":", False)]):
            c, esc = chars[i]
            if not esc and c in GIFT_SPECIAL:
                raise GiftError(f"unescaped '{c}' in a question name")
            name += c
            i += 1
        i += 2
        text = ""
        while i < len(chars) and chars[i] != ("{", False):
            c, esc = chars[i]
            if not esc and c in GIFT_SPECIAL:
                raise GiftError(f"unescaped '{c}' in the question text of {name}")
            text += c
            i += 1
        if i >= len(chars):
            raise GiftError(f"{name}: no answers")
        i += 1
        body = []
        while i < len(chars) and chars[i] != ("}", False):
            body.append(chars[i])
            i += 1
        if i >= len(chars):
            raise GiftError(f"{name}: the answers do not end with }}")
        if "".join(c for c, _ in chars[i + 1:]).strip():
            raise GiftError(f"{name}: text after the answers")
        answers, general, cur = [], None, None
        j = 0
        while j < len(body):
            c, esc = body[j]
            if not esc and c in "=~":
                cur = {"right": c == "=", "text": "", "feedback": None}
                answers.append(cur)
            elif not esc and c == "#" and [x for x in body[j:j + 4]] == [("#", False)] * 4:
                general = ""
                cur = None
                j += 4
                while j < len(body):
                    c2, e2 = body[j]
                    if not e2 and c2 in GIFT_SPECIAL:
                        raise GiftError(f"{name}: unescaped '{c2}' in the general feedback")
                    general += c2
                    j += 1
                break
            elif not esc and c == "#":
                if cur is None or cur["feedback"] is not None:
                    raise GiftError(f"{name}: '#' outside an answer")
                cur["feedback"] = ""
            elif not esc and c in "{:":
                raise GiftError(f"{name}: unescaped '{c}' in the answers")
            elif cur is None:
                if c.strip():
                    raise GiftError(f"{name}: text before the first answer")
            elif cur["feedback"] is not None:
                cur["feedback"] += c
            else:
                cur["text"] += c
            j += 1
        for a in answers:
            a["text"] = a["text"].strip()
            a["feedback"] = a["feedback"].strip() if a["feedback"] is not None else None
        questions.append({"name": name, "text": text.removeprefix("[html]").strip(), "answers": answers,
                          "general": general.strip() if general is not None else None})
    return questions


@pytest.mark.parametrize("bad", [
    "::q1::[html]Is 2=2? {=yes ~no}",             # '=' in the text
    "::q1::[html]Where: here {=yes ~no}",         # ':' in the text
    "::q1::[html]A {brace} {=yes ~no}",           # '{' in the text
    "::q1::[html]Pick {=a ~b} and more",          # text after the answers
    "::q1::[html]Pick {=a#feed #back ~b}",        # a second '#' in a feedback
    "::q1::[html]Pick {=a ~b\\q}",                # a stray backslash
])
def test_gift_reader_rejects_unescaped_specials(bad):
    with pytest.raises(GiftError):
        parse_gift(bad)


def test_gift_escape_survives_the_reader():
    from guide.export.moodle import gift_escape
    nasty = "a~b=c#d{e}f:g\\h and ####"
    q = parse_gift(f"::x::[html]{gift_escape(nasty)} {{={gift_escape(nasty)}#{gift_escape(nasty)} ~b}}")
    assert q[0]["text"] == nasty and q[0]["answers"][0]["text"] == nasty and q[0]["answers"][0]["feedback"] == nasty
    # the same text unescaped is refused, or read as something else
    try:
        wrong = parse_gift(f"::x::[html]ok {{={nasty} ~b}}")
    except GiftError:
        return
    assert wrong[0]["answers"][0]["text"] != nasty


def test_gift_matches_the_content(high, shipped_guide):
    from guide.export.common import to_html
    from guide.export.quiz import export_quiz
    questions = parse_gift(export_quiz(high, "gift").decode("utf-8"))
    expected = content_items(shipped_guide, "high", "high")
    assert [q["name"] for q in questions] == [q.id for q in expected]
    items = {i.id: i for s in high.sections for i in s.quiz}
    for q, model in zip(questions, expected):
        item = items[model.id]
        assert plain_html(q["text"]) == plain_text(model.text)
        if model.type == "choice":
            assert [a["right"] for a in q["answers"]] == [o.correct for o in model.options]
            assert [a["text"] for a in q["answers"]] == [to_html(o.text) for o in item.options]
            assert [a["feedback"] for a in q["answers"]] == [to_html(o.feedback) if o.feedback else None
                                                             for o in item.options]
        else:
            assert [a["text"] for a in q["answers"]] == list(model.accept) and all(a["right"] for a in q["answers"])
            assert plain_html(q["general"] or "") == (plain_text(model.feedback) if model.feedback else "")
    text = export_quiz(high, "gift").decode("utf-8")
    for model in expected:     # id, level and section before each question
        assert f"[id:{model.id}] [tag:level-high] [tag:section-{model.id.split('-')[0]}]" in text


# ------------------------------------------------------------------------------------- Moodle XML

def moodle_problems(data: bytes) -> list[str]:
    """Moodle XML's element structure (docs.moodle.org/en/Moodle_XML_format) for the types written here."""
    root = ET.fromstring(data)
    problems = [] if root.tag == "quiz" else [f"root is {root.tag}"]
    for q in root.findall("question"):
        kind = q.get("type")
        if kind == "category":
            if q.find("category/text") is None:
                problems.append("a category without category/text")
            continue
        name = q.findtext("name/text")
        if kind not in ("multichoice", "shortanswer"):
            problems.append(f"{name}: type {kind}")
        for path in ("name/text", "questiontext/text", "generalfeedback/text", "defaultgrade", "idnumber"):
            if q.find(path) is None:
                problems.append(f"{name}: no {path}")
        if q.find("questiontext").get("format") != "html":
            problems.append(f"{name}: question text not in html format")
        answers = q.findall("answer")
        if not answers or any(a.find("text") is None or a.get("fraction") is None for a in answers):
            problems.append(f"{name}: answers without text or fraction")
        if kind == "multichoice":
            if q.findtext("single") != "true" or sum(a.get("fraction") == "100" for a in answers) != 1:
                problems.append(f"{name}: not exactly one correct answer")
        if kind == "shortanswer" and q.findtext("usecase") not in ("0", "1"):
            problems.append(f"{name}: no usecase")
    return problems


def test_moodle_checker_catches_two_right_answers(high):
    from guide.export.quiz import export_quiz
    data = export_quiz(high, "moodle-xml").replace(b'fraction="0"', b'fraction="100"', 1)
    assert any("not exactly one correct answer" in p for p in moodle_problems(data))


def test_moodle_xml_matches_the_content(high, shipped_guide):
    from guide.export.quiz import export_quiz
    data = export_quiz(high, "moodle-xml")
    assert moodle_problems(data) == []
    root = ET.fromstring(data)
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    expected = content_items(shipped_guide, "high", "high")
    assert [q.findtext("name/text") for q in questions] == [q.id for q in expected]
    for q, model in zip(questions, expected):
        assert q.findtext("idnumber") == model.id
        tags = [t.findtext("text") for t in q.findall("tags/tag")]
        assert tags == ["level-high", f"section-{model.id.split('-')[0]}"]
        if model.type == "choice":
            right = [plain_html(a.findtext("text")) for a in q.findall("answer") if a.get("fraction") == "100"]
            assert right == [plain_text(next(o for o in model.options if o.correct).text)]
            fbs = [plain_html(a.findtext("feedback/text") or "") for a in q.findall("answer")]
            assert fbs == [plain_text(o.feedback) if o.feedback else "" for o in model.options]
        else:
            assert [a.findtext("text") for a in q.findall("answer")] == list(model.accept)
    cats = [q.findtext("category/text") for q in root.findall("question") if q.get("type") == "category"]
    assert cats[0] == "$course$/top/The Great Purge/High school edition/1. Roots of the Terror, 1917–1934"


@pytest.mark.parametrize("edition", ["middle", pytest.param("college", marks=pytest.mark.slow)])   # one level quick
def test_every_level_counts_match(edition, shipped_guide):
    from guide.exporting import resolved
    from guide.export.quiz import export_quiz
    doc = resolved(CONTENT, edition).document
    level = shipped_guide.editions[edition].level
    expected = [q.id for q in content_items(shipped_guide, edition, level)]
    assert expected
    assert [q["name"] for q in parse_gift(export_quiz(doc, "gift").decode("utf-8"))] == expected
    _, items = qti_problems(export_quiz(doc, "qti"))
    assert list(items) == expected
    root = ET.fromstring(export_quiz(doc, "moodle-xml"))
    assert [q.findtext("name/text") for q in root.findall("question") if q.get("type") != "category"] == expected
