"""The Word export read back by python-docx (styles, alternative texts, languages, notes) and opened by
LibreOffice (slow): it converts to PDF, and the PDF's text holds the edition's headings, paragraphs and
questions in order."""
from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import MINI, require_program
from guide.markup import Span

CONTENT = Path(__file__).resolve().parent.parent / "content"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
PARAGRAPH_STYLES = {"Title", "Subtitle", "Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5",
                    "List Number", "List Number 2", "List Bullet", "List Continue", "Quote", "Intense Quote",
                    "Caption", "TOC Heading", "Endnote Text", "Answer Line"}
RUN_STYLES = {None, "Strong", "Emphasis", "Endnote Reference", "Hyperlink"}
ALLOWED_RPR = {f"{W}rStyle", f"{W}lang"}
ALLOWED_PPR = {f"{W}pStyle", f"{W}numPr"}


def docx_of(edition: str, content: Path = CONTENT, **options) -> list[tuple[str, bytes]]:
    from guide.exporting import docx_files, resolved
    got = resolved(content, edition, **options)
    return docx_files(got.document, got.selection)


@pytest.fixture(scope="module")
def high_resolved():
    """The default edition with its answer key as an appendix, resolved once for the module."""
    from guide.exporting import resolved
    return resolved(CONTENT, "high", answers="appendix")


@pytest.fixture(scope="module")
def high(high_resolved):
    return high_resolved.document


@pytest.fixture(scope="module")
def high_docx(high_resolved):
    from guide.exporting import docx_files
    files = docx_files(high_resolved.document, high_resolved.selection)
    assert [s for s, _ in files] == [""]
    return files[0][1]


def open_docx(data: bytes):
    import docx
    return docx.Document(io.BytesIO(data))


def formatting_problems(d) -> list[str]:
    """Direct formatting anywhere in the body: run or paragraph properties other than a style, a list's
    numbering or a language; paragraphs and runs in styles outside the house set."""
    problems = []
    body = d.element.body
    for p in body.iter(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        for el in (ppr if ppr is not None else []):
            if el.tag not in ALLOWED_PPR:
                problems.append(f"paragraph property {el.tag.split('}')[1]}")
        for r in p.iter(f"{W}r"):
            rpr = r.find(f"{W}rPr")
            for el in (rpr if rpr is not None else []):
                if el.tag not in ALLOWED_RPR:
                    problems.append(f"run property {el.tag.split('}')[1]} on {''.join(r.itertext())[:30]!r}")
    paragraph_style, run_style = style_names(d)
    for p in d.paragraphs:
        if paragraph_style(p._p.style) not in PARAGRAPH_STYLES:
            problems.append(f"paragraph style {paragraph_style(p._p.style)}")
        for r in p.runs:
            name = run_style(r._r.style)
            if (name if name != "Default Paragraph Font" else None) not in RUN_STYLES:
                problems.append(f"run style {name}")
    return problems


def style_names(d):
    """Style id → name for paragraphs and runs, resolved as python-docx's `.style` does (no id or an id of
    another type: the default style), from one reading of the styles part (`.style` searches it each time)."""
    from docx.enum.style import WD_STYLE_TYPE

    def resolver(kind):
        names = {st.style_id: st.name for st in d.styles if st.type == kind}
        default = d.styles.default(kind)
        default = default.name if default is not None else None
        return lambda style_id: names.get(style_id, default) if style_id is not None else default
    return resolver(WD_STYLE_TYPE.PARAGRAPH), resolver(WD_STYLE_TYPE.CHARACTER)


def test_only_styles_no_direct_formatting(high_docx):
    d = open_docx(high_docx)
    assert formatting_problems(d) == []
    names = {p.style.name for p in d.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet", "Quote",
            "Caption"} <= names
    assert all(t.style.name == "Light List Accent 1" for t in d.tables) and len(d.tables) >= 3
    breaks = [p for p in d.paragraphs if p.style.name == "Heading 1"
              and p._p.find(f"{W}r/{W}br[@{W}type='page']") is not None]
    assert len(breaks) >= 7                    # each section starts a page, as the plan says


def schema_order_problems(d) -> list[str]:
    """Properties first, as the WordprocessingML schema orders them (LibreOffice ignores them otherwise)."""
    out = []
    for tag, props in (("p", "pPr"), ("r", "rPr"), ("tc", "tcPr"), ("tr", "trPr")):
        for el in d.element.body.iter(f"{W}{tag}"):
            kids = list(el)
            found = [i for i, k in enumerate(kids) if k.tag == f"{W}{props}"]
            if found and found != [0]:
                out.append(f"{tag}: {props} at {found}")
    return out


def test_properties_come_first(high_docx):
    d = open_docx(high_docx)
    assert schema_order_problems(d) == []
    p = next(x for x in d.paragraphs if x.style.name == "Heading 1")._p
    p.insert(0, p.makeelement(f"{W}bookmarkStart", {}))      # as the first version of bookmark() did
    assert schema_order_problems(d)


def test_the_formatting_check_fails_on_a_bold_run():
    d = open_docx(docx_of("high", MINI, answers="appendix")[0][1])     # the fixture guide: only the check is tested
    d.paragraphs[5].add_run("bold by hand").bold = True
    d.paragraphs[6].paragraph_format.left_indent = 100000
    found = formatting_problems(d)
    assert any("run property b" in p for p in found) and any("paragraph property ind" in p for p in found)


def test_headings_match_the_edition(high, high_docx):
    d = open_docx(high_docx)
    h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert h1[:len(high.sections)] == [f"{s.number}. {s.title}" for s in high.sections]
    assert {"Chronology", "Glossary", "Who’s Who", "Notes", "Bibliography", "Answer Key"} <= set(h1)
    levels = [int(p.style.name[-1]) for p in d.paragraphs if p.style.name.startswith("Heading ")]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"


def test_pictures_have_their_alt_text(high, high_docx):
    d = open_docx(high_docx)
    alts = [el.get("descr") for el in d.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    expected = [b.alt for s in high.sections for b in s.blocks if b.type in ("chart", "map")]
    assert alts == expected and all(expected)


def test_language_en_with_russian_runs(high_docx):
    d = open_docx(high_docx)
    lang = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-US"
    russian = plain = 0
    for r in d.element.body.iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        run_lang = r.find(f"{W}rPr/{W}lang")
        marked = run_lang is not None and run_lang.get(f"{W}val") == "ru-RU"
        if CYRILLIC.search(text):
            russian += 1
            assert marked, text
            assert not re.search(r"[A-Za-z]", text), f"a Russian run holds Latin letters: {text!r}"
        elif text.strip():
            plain += 1
            assert not marked, text
    assert russian > 20 and plain > 1000


def test_properties_toc_and_notes(high, high_docx):
    d = open_docx(high_docx)
    core = d.core_properties
    assert core.title == high.title and core.language == "en-US" and core.created is not None
    instr = [t.text for t in d.element.body.iter(f"{W}instrText")]
    assert instr and instr[0].startswith("TOC \\o \"1-3\"")
    assert d.settings.element.find(f"{W}updateFields").get(f"{W}val") == "true"
    marks = {b.get(f"{W}name") for b in d.element.body.iter(f"{W}bookmarkStart")}
    anchors = [h.get(f"{W}anchor") for h in d.element.body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    urls = [d.part.rels[h.get(rid)].target_ref for h in d.element.body.iter(f"{W}hyperlink") if h.get(rid)]
    assert urls and all(u.startswith(("http://", "https://")) and "\u200b" not in u for u in urls)
    assert anchors and all(a in marks for a in anchors), set(anchors) - marks
    notes = [f"g_note_{s.number}_{n.number}" for s in high.sections for n in s.notes]
    assert notes and all(n in marks for n in notes)
    assert all(n in anchors for n in notes), "a note nobody points at"


def test_answers_follow_the_option(tmp_path):
    """On the fixture guide (it has questions with answers and teacher notes): the option, not the content,
    is what is tested."""
    student = docx_of("middle", MINI, answers="none")
    assert len(student) == 1
    text = "\n".join(p.text for p in open_docx(student[0][1]).paragraphs)
    assert "Answer Key" not in text and "Teacher notes" not in text
    separate = docx_of("middle", MINI, answers="separate")
    assert [s for s, _ in separate] == ["", "-answers"]
    key = open_docx(separate[1][1])
    assert "Answer Key" in [p.text for p in key.paragraphs if p.style.name == "Heading 1"]
    assert "Teacher notes" in [p.text for p in key.paragraphs]


# ---------------------------------------------------------------------------------------- LibreOffice

def fragments(spans: list[Span] | None) -> list[str]:
    """The printed text of spans, cut where a note number stands (the converted text has the number there)."""
    out, cur = [], []

    def walk(ss):
        for s in ss:
            if s.kind == "text":
                cur.append(s.text)
            elif s.kind == "cite":
                out.append("".join(cur))
                cur.clear()
            elif s.kind != "hidden":
                walk(s.children)
    walk(spans or [])
    out.append("".join(cur))
    return [f for f in out if f.strip()]


def expected_order(doc) -> list[str]:
    """Every heading, paragraph and question of the edition's sections, in reading order, from the document
    itself (not from the export)."""
    out = []
    for sec in doc.sections:
        out.append(sec.title)
        for b in sec.blocks:
            if b.type in ("paragraph", "subheading"):
                out += fragments(b.text)
            elif b.type == "callout":
                out += fragments(b.title) + fragments(b.text)
            elif b.type == "primary":
                out += fragments(b.title) + [f for q in b.questions for f in fragments(q)]
        out += [f for q in sec.questions for f in fragments(q.text)]
        out += [f for q in sec.quiz for f in fragments(q.text)]
    parts = (("dbqs", "Document-Based Question"), ("tasks", "Summative Task"), ("chronology", "Chronology"),
             ("glossary", "Glossary"), ("people", "Who’s Who"), ("bibliography", "Bibliography"),
             ("reading", "Further Reading"))
    out += [title for name, title in parts if getattr(doc, name)]
    return out


def squeeze(text: str) -> str:
    """Text without spaces and hyphens (pdftotext joins a word hyphenated at a line end)."""
    return re.sub(r"[\s\u00ad\-‐]+", "", unicodedata.normalize("NFKC", text))


def missing_in_order(expected: list[str], text: str) -> list[str]:
    flat, at, missing = squeeze(text), 0, []
    for piece in expected:
        found = flat.find(squeeze(piece), at)
        if found < 0:
            missing.append(piece)
        else:
            at = found + len(squeeze(piece))
    return missing


def test_order_check_fails_on_swapped_text():
    assert missing_in_order(["first words", "second words"], "second words then first words") == ["second words"]


@pytest.mark.slow
def test_libreoffice_converts_it_with_every_text_in_order(high, high_docx, tmp_path):
    soffice = require_program("soffice")
    pdftotext = require_program("pdftotext")
    source = tmp_path / "high.docx"
    source.write_bytes(high_docx)
    run = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                         capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "high.pdf"
    assert run.returncode == 0 and pdf.is_file(), run.stderr
    text = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    expected = expected_order(high)
    assert len(expected) > 300
    assert missing_in_order(expected, text) == []
    flat = squeeze(text)
    for dt in high.glossary:          # the glossary table, Russian forms included (a cell's lines come apart)
        for word in f"{dt.term.term} {dt.term.original or ''}".split():
            assert squeeze(word) in flat, (dt.term.id, word)


def test_heading_1_follows_the_plan(high_resolved, high_docx):
    """The Word document's parts are the plan's, in its order (the PDF is drawn from the same plan)."""
    from guide.build import look_and_layout
    from guide.plan import plans

    got = high_resolved
    plan = plans(got.document, look_and_layout(got.selection)[1])[0]
    expected = []
    for part in plan.parts:
        if part.kind == "section":
            expected.append(f"{part.section.number}. {part.section.title}")
        elif getattr(part, "title", None) and part.kind not in ("title-page", "contents"):
            expected.append(part.title)
    d = open_docx(high_docx)
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == expected
    numbers = [int(p.text.split(".")[0]) for p in d.paragraphs if p.style.name == "Heading 1" and p.text[0].isdigit()]
    assert numbers == list(range(1, len(got.document.sections) + 1))


def test_a_variant_ending_in_a_full_stop_takes_no_second_one(high_docx):
    d = open_docx(high_docx)
    cells = " ".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert "N.K.V.D." in cells and "N.K.V.D.." not in cells
