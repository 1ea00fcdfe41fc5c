"""Assessment (issue 21) with fixture content (tests/fixtures/assess): source-box answers, rubrics, quiz items,
DBQs and tasks are validated with located messages, selected by editions and printed where they belong."""
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide.build import build, handouts
from guide.errors import Problems
from guide.stats import section_stats
from guide.validate import load_guide

from conftest import ASSESS
from pdfread import page_texts, texts_of


@pytest.fixture
def assess(tmp_path) -> Path:
    """A writable copy of the assessment fixture content."""
    dest = tmp_path / "content"
    shutil.copytree(ASSESS, dest)
    return dest


def text_of(path) -> str:
    return "\n".join(page_texts(PdfReader(str(path))))


def loaded(root: Path) -> tuple:
    problems = Problems()
    return load_guide(root, problems), problems


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """The line number of the nth line of `path` containing `needle`."""
    hits = [i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln]
    return hits[nth - 1]


def messages(problems, severity="error") -> list[tuple[str, int, str]]:
    return [(Path(p.location.file).name if p.location else "", p.location.line if p.location else 0, p.message)
            for p in problems if p.severity == severity]


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ------------------------------------------------------------------------------------------ validation

def test_the_fixture_is_clean_and_read_whole():
    guide, problems = loaded(ASSESS)
    assert [str(p) for p in problems] == []
    alpha = guide.sections["alpha"]
    assert len(alpha.quiz) == 21 and {q.type for q in alpha.quiz} == {"choice", "short"}
    assert [r.id for r in alpha.rubrics] == ["alpha-rubric-analysis"]
    assert alpha.questions[1].rubric == "alpha-rubric-analysis"
    quote = next(b for b in alpha.blocks if b.id == "alpha-quote")
    assert set(quote.answers) == {"alpha-quote-q1"}            # the plain-string question has none
    doc2 = next(b for b in alpha.blocks if b.id == "alpha-doc2")
    assert doc2.answers["alpha-doc2-hq1"].values == {"high": "To explain the events of 1932."}
    assert [d.id for d in guide.dbqs] == ["dbq-high", "dbq-college"]
    assert [t.id for t in guide.tasks] == ["task-middle", "task-high", "task-college"]
    assert guide.dbqs[1].rubric.scale[0].at("college") == "Weak"      # an inline rubric


def test_choice_item_errors_are_located(assess):
    sec = assess / "sections" / "alpha.yaml"
    # item 1 (high): a second correct option; item 2: a duplicate option; item 3: only three options
    replace(sec, "      - text: Wrong answer 1a\n", "      - text: Wrong answer 1a\n        correct: true\n")
    replace(sec, "      - text: Wrong answer 2b\n", "      - text: wrong  ANSWER 2a\n")
    replace(sec, "      - text: Wrong answer 3c\n        feedback: No, 3c is wrong.\n", "", 3)
    _, problems = loaded(assess)
    found = messages(problems)
    assert ("alpha.yaml", line_of(sec, "- text: Wrong answer 1a"),
            "the choice item 'alpha-mc-m1' has 2 correct options; it must have exactly one") in found
    assert ("alpha.yaml", line_of(sec, "- text: wrong  ANSWER 2a"),
            "the choice item 'alpha-mc-m2' has the option 'wrong  ANSWER 2a' twice") in found
    assert ("alpha.yaml", line_of(sec, "options:", 3),
            "the choice item 'alpha-mc-m3' has 3 options; it must have 4 or 5") in found


def test_choice_item_without_a_correct_option_and_option_without_feedback(assess):
    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "      - text: Right answer 4\n        correct: true\n", "      - text: Right answer 4\n")
    replace(sec, "        feedback: No, 4b is wrong.\n", "")
    _, problems = loaded(assess)
    assert ("alpha.yaml", line_of(sec, "options:", 4),
            "the choice item 'alpha-mc-m4' has 0 correct options; it must have exactly one") in messages(problems)
    assert ("alpha.yaml", line_of(sec, "- text: Wrong answer 4b"), "the option has no feedback") \
        in messages(problems, "warning")


def test_short_item_errors_are_located(assess):
    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "    accept: [Secretword1, Secret word 1]\n    tolerance: 1\n", "    accept: []\n    tolerance: 3\n")
    replace(sec, "  - id: alpha-sa-h1\n    type: short\n", "  - id: alpha-sa-h1\n    type: shrot\n")
    _, problems = loaded(assess)
    found = messages(problems)
    assert ("alpha.yaml", line_of(sec, "accept: []"), "the short-answer item 'alpha-sa-m1' accepts no answer") in found
    assert ("alpha.yaml", line_of(sec, "tolerance: 3"), "'tolerance' is 3; it must be between 0 and 2") in found
    assert ("alpha.yaml", line_of(sec, "type: shrot"), "unknown quiz item type 'shrot'") in found


def test_rubric_errors_are_located(assess):
    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "    scale: [Beginning, Developing, Proficient, Exemplary]",
            "    scale: [Beginning, Developing, Proficient, Exemplary, Perfect]")
    replace(sec, "    objectives: [alpha-obj1, alpha-obj2]", "    objectives: [alpha-obj1, alpha-obj9]")
    replace(sec, "    rubric: alpha-rubric-analysis", "    rubric: alpha-rubric-analysys")
    _, problems = loaded(assess)
    found = messages(problems)
    assert ("alpha.yaml", line_of(sec, "Exemplary, Perfect"),
            "the rubric's scale has 5 levels; it must have 3 or 4") in found
    assert ("alpha.yaml", line_of(sec, "- name: Claim") + 1,
            "the criterion has 4 descriptors but the scale has 5 levels") in found
    assert ("alpha.yaml", line_of(sec, "- id: alpha-rubric-analysis"),
            "the rubric names the objective 'alpha-obj9', which does not exist") in found
    assert ("alpha.yaml", line_of(sec, "- id: alpha-q2"), "unknown rubric 'alpha-rubric-analysys'") in found


def test_a_rubric_assesses_its_own_sections_objectives(assess):
    beta = assess / "sections" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8") + """rubrics:
  - id: beta-rubric
    objectives: [alpha-obj1]
    scale: [Low, Middle, High]
    criteria:
      - {name: Facts, levels: [Few., Some., Many.]}
""", encoding="utf-8")
    _, problems = loaded(assess)
    assert any(m.startswith("the rubric names the objective 'alpha-obj1' of the section 'alpha'")
               and line == line_of(beta, "- id: beta-rubric") for _, line, m in messages(problems))


def test_dbq_and_task_errors_are_located(assess):
    path = assess / "assessment.yaml"
    replace(path, "    documents: [alpha-quote, alpha-doc2, alpha-doc3, alpha-doc4, alpha-doc5]\n",
            "    documents: [alpha-quote, alpha-doc2, alpha-doc3, alpha-chart]\n")
    replace(path, "    rubric: alpha-rubric-analysis\n  - id: task-college", "    rubric: nope\n  - id: task-college")
    _, problems = loaded(assess)
    found = messages(problems)
    assert ("assessment.yaml", line_of(path, "alpha-chart]"),
            "the DBQ 'dbq-high' has 4 documents; it must have 5 to 7") in found
    assert ("assessment.yaml", line_of(path, "alpha-chart]"),
            "the DBQ 'dbq-high' names 'alpha-chart', a chart block; its documents are primary-source blocks") in found
    assert ("assessment.yaml", line_of(path, "- id: task-high"), "unknown rubric 'nope'") in found


def test_dbq_documents_must_be_printed_at_its_levels(assess):
    path = assess / "assessment.yaml"
    replace(path, "    levels: [high]\n    title: Why did it happen?", "    levels: [middle, high]\n    title: Why did it happen?")
    replace(path, "  - id: dbq-high\n", "  - id: dbq-high\n")
    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "    id: alpha-doc3\n", "    id: alpha-doc3\n    levels: [high, college]\n")
    _, problems = loaded(assess)
    assert ("assessment.yaml", line_of(path, "alpha-doc3"),
            "the document 'alpha-doc3' is not printed at the middle level, which the DBQ 'dbq-high' is for") \
        in messages(problems)


def test_ids_are_unique_across_all_kinds(assess):
    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "  - id: alpha-mc-h1\n", "  - id: alpha-chart\n")
    replace(assess / "assessment.yaml", "  - id: task-high\n", "  - id: alpha-rubric-analysis\n")
    _, problems = loaded(assess)
    found = messages(problems)
    assert any(line == line_of(sec, "- id: alpha-chart") and m.startswith(
        "the id 'alpha-chart' of this quiz item is already used by a block") for _, line, m in found)
    assert any(f == "assessment.yaml" and m.startswith("the id 'alpha-rubric-analysis' of this task is already "
                                                       "used by a rubric") for f, _, m in found)


def test_a_source_box_answer_needs_an_id(assess):
    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "      - What does it leave out?\n",
            "      - text: What does it leave out?\n        answer: Everything else.\n")
    _, problems = loaded(assess)
    assert ("alpha.yaml", line_of(sec, "answer: Everything else."),
            "a source-box question with an answer needs an id") in messages(problems)


def test_quiz_and_rubric_text_is_checked_for_glyphs_and_markup(assess):
    from guide.build import printable_chars
    from guide.validate import check_glyphs

    sec = assess / "sections" / "alpha.yaml"
    replace(sec, "        feedback: No, 1a is wrong.\n", "        feedback: No, 1a is wrong \U0001F600 [[nosuch]].\n")
    replace(sec, "Gives one fact.", '"Gives one fact [@nobook]."')
    guide, problems = loaded(assess)
    found = messages(problems)
    assert ("alpha.yaml", line_of(sec, "[[nosuch]]"), "unknown glossary term [[nosuch]]") in found
    assert ("alpha.yaml", line_of(sec, "[@nobook]"), "unknown source [@nobook]") in found
    glyphs = Problems()
    check_glyphs(guide, printable_chars(), glyphs)
    assert [p.location.line for p in glyphs] == [line_of(sec, "[[nosuch]]")]


def test_stats_do_not_count_quiz_or_rubric_text():
    guide, _ = loaded(ASSESS)
    before = section_stats(guide)
    from guide.model import QuizItem, Text
    words = "Many long words here make a sentence. " * 200
    for sec in guide.sections.values():
        sec.quiz.append(QuizItem("x", "short", Text({"high": words}, {}), sec.location, accept=["x"],
                                 feedback=Text({"high": words}, {})))
        for r in sec.rubrics:
            r.criteria[0].levels[0] = Text({lv: words for lv in ("middle", "high", "college")}, {})
    assert section_stats(guide) == before


# ------------------------------------------------------------------------------------------ printing

@pytest.fixture(scope="module")
def high_appendix(pdf_cache):
    result = pdf_cache.build(ASSESS, "high", answers="appendix")
    return result, "\n".join(texts_of(result.path))


def test_student_copy_prints_quiz_dbq_and_task_but_no_key(pdf_cache):
    result = pdf_cache.build(ASSESS, "high")
    text = "\n".join(texts_of(result.path))          # (read once: the next test reads the same copy)
    assert "Quiz" in text and "Choice question 1 for high readers about the NKVD?" in text
    assert "Choice question 1 for middle readers" not in text           # items of another level
    assert re.search(r"A\.\s*Right answer 1\s+B\.\s*Wrong answer 1a", text)
    assert "Short question 2 for high readers?" in text
    assert "Document-Based Question" in text and "Why did it happen?" in text
    assert "Document number 5 — A writer, 1935" in text
    assert "Summative Task" in text and "Write an essay evaluating the causes." in text
    # nothing of the key
    for secret in ("Yes, right answer 1 is correct.", "Secretword1", "It says the exact words", "model thesis",
                   "States a vague"):
        assert secret not in text, secret
    # the quiz comes after the section's questions; the DBQ and the task after the sections, before the chronology
    at = text.rindex      # (the last: after the contents)
    assert at("Why were people afraid?") < at("Choice question 1 for high") < at("SECTION 2") \
        < at("Document-Based Question") < at("Summative Task") < at("Chronology")


def test_the_dbq_lists_its_documents_with_their_pages(pdf_cache):
    result = pdf_cache.build(ASSESS, "high")
    pages = texts_of(result.path)
    dbq_page = next(p for p in pages if "Document-Based Question" in p and "The documents" in p)
    for n in (2, 3, 4, 5):
        printed = next(i for i, p in enumerate(pages, 1) if f"The words of document {n}." in p)
        assert re.search(rf"Document number {n} — A writer, 193{n}\s*1\s*{printed}\b", dbq_page), n


def test_answer_key_shows_everything(high_appendix):
    _, text = high_appendix
    key = text[text.index("Model answers to every question"):]
    assert "It says the exact words of the document." in key            # source-box answers
    assert "To explain the events of 1935." in key
    assert "No model answer is given." in key                           # the plain-string question
    assert "Mark with the rubric “Explaining fear” below." in key
    assert "Exemplary" in key and re.search(r"States\s+no\s+claim\.", key)   # the rubric
    assert re.search(r"Answer: A\.\s*Right answer 1", key)                 # the quiz key
    assert "Yes, right answer 1 is correct." in key and "No, 3c is wrong." in key
    # (wherever the measure breaks its lines)
    assert re.search(r"\s+".join("Accepted: Secretword2, Secret word 2 (case and extra spaces do not matter; one "
                                 "typing error allowed)".replace("(", "\\(").replace(")", "\\)").split()), key)
    assert "The secret word 1 is the answer." in key
    assert "Document-based question: Why did it happen?" in key and "The model thesis of the high DBQ." in key
    assert "Summative task: An evaluation essay" in key
    assert "college DBQ" not in key and "museum label" not in key        # other levels' DBQ and task


def test_separate_answer_key_shows_everything(tmp_path):
    result = build(ASSESS, "college", answers="separate", output=str(tmp_path / "c.pdf"))
    key = text_of(result.extra[0])
    for expected in ("It says the exact words of the document.", "Yes, right answer 4 is correct.",
                     "Secretword1", "The model thesis of the college DBQ.", "Lists documents.",
                     "Summative task: A historiographical essay", "Weak", "Adequate"):
        assert expected in key, expected
    assert "Choice question 1 for college readers" in key


def test_rubric_tables_have_header_cells_for_columns_and_rows(high_appendix):
    from test_tagging import tree
    result, _ = high_appendix
    elems = tree(result.path)
    heads = [(elems[i + 1][2].strip(), str(e.get("/A", {}).get("/Scope", "")))   # the text is in the cell's P
             for i, (r, e, _) in enumerate(elems) if r == "TH"]
    # four levels do not fit as columns on a Letter page (answers.rubric): each criterion heads a group of
    # rows, one per level, the level's name the header of its row
    assert ("Exemplary", "/Row") in heads and ("Claim", "/Row") in heads and ("Evidence", "/Row") in heads
    assert not any(scope == "/Column" for _, scope in heads if _ in ("Exemplary", "Proficient"))


def test_assessment_pages_pass_pdf_ua(high_appendix, tmp_path):
    from test_tagging import failures
    result, _ = high_appendix
    assert failures(result.path) == []
    sheets = handouts(ASSESS, "high", sections=["alpha"], output_dir=str(tmp_path / "h"), answers="separate")
    assert failures(sheets[0].path) == [] and failures(sheets[0].extra[0]) == []


@pytest.mark.parametrize("part, gone, kept", [
    ("quiz", ["Choice question 1 for high", "Yes, right answer 1 is correct.", "Secretword1"],
     ["Document-Based Question", "The model thesis of the high DBQ."]),
    ("dbq", ["Document-Based Question", "The model thesis of the high DBQ.", "Document-based question:"],
     ["Choice question 1 for high", "Yes, right answer 1 is correct."]),
    ("task", ["Summative Task", "Write an essay evaluating the causes.", "Summative task:"],
     ["Document-Based Question", "Choice question 1 for high"]),
])
def test_an_edition_omitting_a_part_prints_it_nowhere(assess, tmp_path, part, gone, kept):
    (assess / "editions" / "mine.yaml").write_text(f"level: high\nanswers: appendix\nomit: [{part}]\n",
                                                  encoding="utf-8")
    result = build(assess, "mine", output=str(tmp_path / "m.pdf"))
    text = text_of(result.path)
    for s in gone:
        assert s not in text, s
    for s in kept:
        assert s in text, s
    assert not result.warnings


def test_items_can_be_omitted_by_id(assess, tmp_path):
    (assess / "editions" / "mine.yaml").write_text("level: high\nanswers: appendix\nomit: [alpha-mc-h2, dbq-high]\n",
                                                  encoding="utf-8")
    result = build(assess, "mine", output=str(tmp_path / "m.pdf"))
    text = text_of(result.path)
    assert "Choice question 2 for high" not in text and "Choice question 3 for high" in text
    assert "Document-Based Question" not in text and not result.warnings


def test_a_dbq_whose_sections_are_not_printed_is_left_out_with_a_warning(tmp_path):
    result = build(ASSESS, "high", sections=["beta"], answers="appendix", output=str(tmp_path / "b.pdf"))
    text = text_of(result.path)
    assert "Document-Based Question" not in text and "The model thesis" not in text
    assert "Summative Task" in text                                     # tasks need no section
    assert [w.message for w in result.warnings] == [
        "the DBQ 'dbq-high' is left out: its documents need the section 'alpha', which this edition does not print"]


def test_a_dbq_with_an_omitted_document_is_left_out_with_a_warning(assess, tmp_path):
    (assess / "editions" / "mine.yaml").write_text("level: college\nomit: [alpha-doc3]\n", encoding="utf-8")
    result = build(assess, "mine", output=str(tmp_path / "m.pdf"))
    assert "Document-Based Question" not in text_of(result.path)
    assert [w.message for w in result.warnings] == [
        "the DBQ 'dbq-college' is left out: its documents need the block 'alpha-doc3', which this edition does "
        "not print"]


def test_handout_prints_a_quiz_page_and_its_answer_sheet_the_key(tmp_path):
    sheets = handouts(ASSESS, "middle", output_dir=str(tmp_path / "h"), answers="separate")
    alpha = sheets[0]
    pages = page_texts(PdfReader(str(alpha.path)))
    assert pages[-1].lstrip().startswith("Quiz · Alpha Section")
    assert "Choice question 5 for middle readers" in pages[-1] and "Short question 2 for middle" in pages[-1]
    assert not any("Choice question" in p for p in pages[:-1])        # only on the quiz page
    assert "Document-Based Question" not in "".join(pages) and "Summative Task" not in "".join(pages)
    sheet = " ".join(text_of(alpha.extra[0]).split())       # (wherever the measure breaks its lines)
    assert "Yes, right answer 5 is correct." in sheet and "Secretword2" in sheet
    assert "Who wrote document 2?" in sheet and "A writer." in sheet     # source-box answers
    beta = page_texts(PdfReader(str(sheets[1].path)))
    assert not any("Quiz" in p for p in beta)                          # a section without a quiz


def test_overrides_reword_quiz_items_and_source_box_answers(assess, tmp_path):
    (assess / "editions" / "mine.yaml").write_text("""level: high
answers: appendix
overrides:
  alpha-mc-h1: {text: My own first question?, feedback: My own feedback., was: 00000000}
  alpha-doc2-hq1: {answer: {high: My own model answer.}}
""", encoding="utf-8")
    result = build(assess, "mine", output=str(tmp_path / "m.pdf"))
    text = text_of(result.path)
    assert "My own first question?" in text and "Choice question 1 for high" not in text
    assert "My own model answer." in text and "To explain the events of 1932." not in text


def test_fixture_files_follow_the_schema():
    import jsonschema
    import yaml

    from guide.schema import kind_of, schema_for
    for path in [ASSESS / "assessment.yaml", ASSESS / "sections" / "alpha.yaml"]:
        kind = kind_of(path.relative_to(ASSESS).as_posix())
        errors = list(jsonschema.Draft202012Validator(schema_for(kind)).iter_errors(
            yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert kind in ("assessment", "section") and [e.message for e in errors] == []
