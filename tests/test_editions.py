"""Instructor editions: omissions, additions, answer keys, themes, two-sided, booklets, handouts, --all."""
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from conftest import MINI
from guide.build import build, handouts
from guide.cli import main
from guide.errors import GuideError
from guide.impose import booklet_order, impose
from pdfread import outline_titles, page_texts


def cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def edition(folder: Path, text: str, name: str = "mine.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def top_titles(path):
    return [t for d, t, _ in outline_titles(PdfReader(path)) if d == 0]


def all_text(path):
    return "\n".join(page_texts(PdfReader(path)))


def test_section_order_and_omissions(mini, tmp_path):
    ed = edition(mini / "editions", "level: high\nsections: [beta, alpha]\n"
                                    "omit: [alpha-camps, alpha-q2, chronology, people]\n")
    r = build(mini, str(ed), output=str(tmp_path / "o.pdf"))
    titles = top_titles(r.path)
    assert titles.index("Beta Section") < titles.index("Alpha Section")
    assert "Chronology" not in titles and "Who’s Who" not in titles and "Glossary" in titles
    text = all_text(r.path)
    assert "held prisoners across the country" not in text      # the omitted block
    assert "Why were people afraid?" not in text                  # the omitted question
    assert "What did the NKVD do?" in text


def test_omitting_notes_removes_markers_and_notes(mini, tmp_path):
    ed = edition(mini / "editions", "level: high\nomit: [notes, bibliography]\n")
    r = build(mini, str(ed), output=str(tmp_path / "n.pdf"))
    titles = top_titles(r.path)
    assert "Notes" not in titles and "Bibliography" not in titles
    assert "1937–38.\u00a01" not in all_text(r.path)


def test_unknown_omit_and_bad_values_are_located(mini, tmp_path):
    ed = edition(mini / "editions", "level: high\nomit: [chronolgy]\ntheme: fancy\nanswers: maybe\nbooklet: yes please\n")
    with pytest.raises(GuideError) as exc:
        build(mini, str(ed), output=str(tmp_path / "x.pdf"))
    text = "\n".join(str(p) for p in exc.value.problems)
    assert "mine.yaml:3: error: 'theme' is 'fancy'" in text
    assert "mine.yaml:4: error: 'answers' is 'maybe'" in text
    assert "mine.yaml:5: error: 'booklet' must be true or false" in text


def test_added_section_glossary_and_source(mini, tmp_path):
    (mini / "editions" / "local.yaml").write_text(
        "id: local\ntitle: Our Town in 1937\nblocks:\n"
        "  - type: paragraph\n    text: The [[kolkhoz]] near our town was founded in 1931.[@local-history]\n"
        "questions:\n  - id: local-q1\n    kind: comprehension\n    text: When was it founded?\n"
        "    answer: In 1931.\n", encoding="utf-8")
    (mini / "editions" / "my-terms.yaml").write_text(
        "terms:\n  - id: kolkhoz\n    term: kolkhoz\n    original: колхоз\n    definition: A collective farm.\n",
        encoding="utf-8")
    (mini / "editions" / "my-sources.yaml").write_text(
        "references:\n  - id: local-history\n    type: book\n    author: [{family: Smith, given: Jan}]\n"
        "    title: Our Town\n    issued: {date-parts: [[2001]]}\n    publisher: Town Press\n", encoding="utf-8")
    ed = edition(mini / "editions", "level: high\npaper: a4\ntheme: large-print\nanswers: separate\n"
                                    "add:\n  sections:\n    - {file: local.yaml, after: alpha}\n"
                                    "  glossary: my-terms.yaml\n  sources: my-sources.yaml\n")
    r = build(mini, str(ed), output=str(tmp_path / "mine.pdf"))
    titles = top_titles(r.path)
    assert titles[2:5] == ["Alpha Section", "Our Town in 1937", "Beta Section"]
    text = all_text(r.path)
    assert "колхоз" in text and "Smith, Jan. Our Town. Town Press, 2001." in text
    key = tmp_path / "mine-answers.pdf"
    assert r.extra == [key] and "In 1931." in all_text(key) and "Answer Key" in top_titles(key)
    assert "In 1931." not in text
    box = PdfReader(r.path).pages[0].mediabox
    assert round(float(box.width)) == 595


def test_added_files_are_validated_and_clashes_name_both_places(mini, tmp_path):
    (mini / "editions" / "extra.yaml").write_text(
        "id: extra\ntitle: Extra\nblocks:\n  - type: paragraph\n    text: See [[nosuchterm]].\n", encoding="utf-8")
    (mini / "editions" / "terms.yaml").write_text(
        "terms:\n  - id: nkvd\n    term: NKVD again\n    definition: A clash.\n", encoding="utf-8")
    ed = edition(mini / "editions", "level: high\nadd:\n  sections: [extra.yaml, ../../outside.yaml, missing.yaml]\n"
                                    "  glossary: terms.yaml\n")
    with pytest.raises(GuideError) as exc:
        build(mini, str(ed), output=str(tmp_path / "x.pdf"))
    text = "\n".join(str(p) for p in exc.value.problems)
    assert "terms.yaml:2: error: the id 'nkvd' is already used at" in text and "glossary.yaml:2" in text
    assert "extra.yaml:5: error: unknown glossary term [[nosuchterm]]" in text
    assert "'../../outside.yaml' is outside the edition's folder" in text
    assert "the added file 'missing.yaml' does not exist" in text


def test_answer_key_as_appendix_and_student_copy(mini, tmp_path):
    r = build(mini, "high", answers="appendix", output=str(tmp_path / "a.pdf"))
    assert top_titles(r.path)[-1] == "Answer Key"
    text = all_text(r.path)
    assert "It arrested people." in text and "Discuss the material calmly." in text
    student = build(mini, "high", output=str(tmp_path / "s.pdf"))
    assert "It arrested people." not in all_text(student.path) and "Answer Key" not in top_titles(student.path)


def body_sizes(path, page):
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page].chars
    sizes = [round(c["size"], 1) for c in chars if "Charis" in c["fontname"] or "NotoSans-Regular" in c["fontname"]]
    return max(set(sizes), key=sizes.count), {c["fontname"].split("+")[-1] for c in chars}


def test_themes(mini, tmp_path):
    large = build(mini, "high", theme="large-print", output=str(tmp_path / "l.pdf"))
    size, _ = body_sizes(large.path, 3)
    assert size >= 18
    acc = build(mini, "high", theme="accessible", output=str(tmp_path / "a.pdf"))
    size, fonts = body_sizes(acc.path, 3)
    assert 12.5 <= size <= 13.5 and not any("Charis" in f for f in fonts) and not any("Italic" in f for f in fonts)
    classic = build(mini, "high", output=str(tmp_path / "c.pdf"))
    assert body_sizes(classic.path, 3)[0] < 12


def test_two_sided_sections_open_on_right_hand_pages(mini, tmp_path):
    r = build(mini, "high", two_sided=True, output=str(tmp_path / "t.pdf"))
    pages = {t: p for d, t, p in outline_titles(PdfReader(r.path)) if d == 0}
    assert pages["Alpha Section"] % 2 == 1 and pages["Beta Section"] % 2 == 1
    blank = [i + 1 for i, p in enumerate(PdfReader(r.path).pages) if not (p.extract_text() or "").strip()]
    assert blank and all(n % 2 == 0 for n in blank)


def numbered_pdf(n: int) -> bytes:
    import io
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(396, 612))
    for i in range(1, n + 1):
        c.drawString(100, 300, f"PAGE-{i:02d}")
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.mark.parametrize("n, expected", [
    (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    (13, [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]),
])
def test_booklet_order_and_imposition(n, expected):
    assert booklet_order(n) == expected
    pdf, sides = impose(numbered_pdf(n), (612, 792))
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert sides == len(expected) == len(reader.pages) and (sides * 2) % 4 == 0
    for page, (left, right) in zip(reader.pages, expected):
        assert float(page.mediabox.width) > float(page.mediabox.height)   # landscape sheets
        text = page.extract_text()
        for number in (left, right):
            assert (f"PAGE-{number:02d}" in text) == (number <= n)


def test_booklet_build(mini, tmp_path):
    r = build(mini, "high", booklet=True, output=str(tmp_path / "b.pdf"))
    reader = PdfReader(r.path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    assert (len(reader.pages) * 2) % 4 == 0


def test_handouts_one_per_section_with_answer_lines(mini, tmp_path):
    results = handouts(mini, "high", output_dir=str(tmp_path / "h"), answers="separate")
    folder = tmp_path / "h" / "high"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".guide-handouts.json", "01-alpha-answers.pdf", "01-alpha.pdf", "02-beta-answers.pdf",
                     "02-beta.pdf"]
    text = all_text(folder / "01-alpha.pdf")
    assert "Name" in text and "Class" in text and "Key terms" in text and "Timeline" in text
    assert "Works cited" in text and "Beta Section" not in text
    with pdfplumber.open(folder / "01-alpha.pdf") as pdf:
        rules = [ln for p in pdf.pages for ln in p.lines if abs(ln["y0"] - ln["y1"]) < 0.1 and ln["width"] > 200]
    assert len(rules) >= 3 + 6           # answer lines for alpha-q1 (3) and alpha-q2 (6)
    assert "It arrested people." in all_text(folder / "01-alpha-answers.pdf")
    assert len(results) == 2


def test_build_all_reports_a_broken_edition_and_builds_the_rest(mini, tmp_path):
    (mini / "editions" / "broken.yaml").write_text("level: high\nsections: [alpha, nowhere]\n")
    result = cli("--content", str(mini), "build", "--all", "--handouts", "--output-dir", str(tmp_path / "all"))
    assert result.exit_code == 1
    for name in ("middle", "high", "college"):
        assert (tmp_path / "all" / f"{name}.pdf").is_file()
        assert (tmp_path / "all" / "handouts" / name / "01-alpha.pdf").is_file()
    assert not (tmp_path / "all" / "broken.pdf").exists()
    assert "broken" in result.output and "nowhere" in result.output


def test_new_edition_writes_a_starter_and_refuses_to_overwrite(mini, tmp_path):
    assert cli("--content", str(mini), "schema", "--write").exit_code == 0
    result = cli("--content", str(mini), "new-edition", "period3", "--level", "middle")
    assert result.exit_code == 0
    path = mini / "editions" / "period3.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/edition.json\n") and "alpha" in text
    assert "omit:" in text
    assert cli("--content", str(mini), "new-edition", "period3").exit_code == 1
    built = cli("--content", str(mini), "build", "period3", "-o", str(tmp_path / "p3.pdf"))
    assert built.exit_code == 0 and "middle level" in built.output


def test_shipped_schema_files_are_current():
    """content/schema/ holds what `guide schema --write` makes (run it after changing guide/schema.py)."""
    from conftest import CONTENT
    from guide.schema import KIND_NAMES, schema_text
    assert sorted(p.stem for p in (CONTENT / "schema").glob("*.json")) == sorted(KIND_NAMES)
    for kind in KIND_NAMES:
        assert (CONTENT / "schema" / f"{kind}.json").read_text(encoding="utf-8") == schema_text(kind), kind


@pytest.mark.slow
def test_teacher_scenario_on_the_shipped_guide(tmp_path):
    """Copy high.yaml, drop two sections, add a one-page section with a new term and source, A4, large
    print and a separate answer key: one command gives the right PDFs."""
    import shutil

    from conftest import CONTENT
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    eds = content / "editions"
    (eds / "period3").mkdir()
    (eds / "period3" / "local.yaml").write_text(
        "id: local\ntitle: Our Town and the Terror\nkey_question: What happened here?\nblocks:\n"
        "  - type: paragraph\n    text: >-\n      In 1937 the local [[kolkhoz]] chairman was arrested after a denunciation."
        "[@town-archive]\nquestions:\n  - id: local-q1\n    kind: comprehension\n    text: Who was arrested?\n"
        "    answer: The chairman of the collective farm.\n    lines: 3\n", encoding="utf-8")
    (eds / "period3" / "terms.yaml").write_text(
        "terms:\n  - id: kolkhoz\n    term: kolkhoz\n    original: колхоз\n    translit: kolkhoz\n"
        "    definition: A collective farm.\n", encoding="utf-8")
    (eds / "period3" / "sources.yaml").write_text(
        "references:\n  - id: town-archive\n    type: book\n    author: [{family: Rivera, given: Ana}]\n"
        "    title: A History of Our Town\n    issued: {date-parts: [[2015]]}\n    publisher: Town Press\n"
        "    publisher-place: Springfield\n", encoding="utf-8")
    high = (eds / "high.yaml").read_text()
    text = high.replace("sections: [background, trials, army, operations, gulag, aftermath, historiography]",
                        "sections: [background, trials, local, operations, gulag]")
    text = text.replace("paper: letter", "paper: a4")
    text += ("theme: large-print\nanswers: separate\nadd:\n  sections: [period3/local.yaml]\n"
             "  glossary: period3/terms.yaml\n  sources: period3/sources.yaml\n")
    (eds / "period3.yaml").write_text(text, encoding="utf-8")
    result = cli("--content", str(content), "build", "period3", "-o", str(tmp_path / "period3.pdf"))
    assert result.exit_code == 0, result.output
    titles = top_titles(tmp_path / "period3.pdf")
    sections = [t for t in titles if t not in ("The Great Purge", "Contents", "Chronology", "Glossary", "Who’s Who",
                                               "Notes", "Bibliography", "Further Reading", "Summative Task",
                                               "Document-Based Question")]
    assert sections[2] == "Our Town and the Terror" and len(sections) == 5
    body = all_text(tmp_path / "period3.pdf")
    assert "колхоз" in body and "Rivera, Ana. A History of Our Town. Springfield: Town Press, 2015." in " ".join(
        body.split())                           # (the entry takes two lines at 18 pt on A4)
    assert "The chairman of the collective farm." in all_text(tmp_path / "period3-answers.pdf")
    assert body_sizes(tmp_path / "period3.pdf", 5)[0] >= 18
    assert round(float(PdfReader(tmp_path / "period3.pdf").pages[0].mediabox.width)) == 595


def test_the_imprint_names_the_typefaces_the_theme_prints_in(mini_build, pdf_cache):
    """The accessible theme prints only in Noto Sans, so its imprint must not claim Charis SIL; the Word export
    uses the reader's own fonts and names none."""
    classic = " ".join(all_text(mini_build.path).split())
    assert "Set in Charis SIL and Noto Sans (SIL Open Font License)." in classic
    acc = " ".join(all_text(pdf_cache.build(MINI, "high", theme="accessible").path).split())
    assert "Set in Noto Sans (SIL Open Font License)." in acc and "Charis" not in acc
    import io

    import docx

    from guide.exporting import docx_files, resolved
    got = resolved(MINI, "high")
    word = docx.Document(io.BytesIO(docx_files(got.document, got.selection)[0][1]))
    text = " ".join(p.text for p in word.paragraphs)
    assert "made with the open-source tool guide." in text and "Charis" not in text and "Set in" not in text


def test_a_variant_ending_in_a_full_stop_takes_no_second_one(shipped_builds):
    """The glossary spells the NKVD also "N.K.V.D.": its note must not print "N.K.V.D.." (the Word export:
    tests/test_export_docx.py)."""
    from guide.plan.labels import end_sentence
    from pdfread import texts_of

    assert end_sentence("Also spelled: N.K.V.D.") == "Also spelled: N.K.V.D."
    assert end_sentence("See also: <a>Gulag</a>", "Gulag") == "See also: <a>Gulag</a>."
    text = " ".join(" ".join(texts_of(shipped_builds["high"].path)).split())
    assert "N.K.V.D." in text and "N.K.V.D.." not in text
