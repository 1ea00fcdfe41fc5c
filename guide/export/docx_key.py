"""The answer key of the .docx, as the PDF's (`parts.Story.answer_key`): model answers and teacher notes per
section, the source boxes' answers, rubrics as tables, the quiz key, then the DBQs' and tasks' rubrics."""
from __future__ import annotations

from ..document import DocQuizItem, DocRubric, DocSection

LETTERS = "ABCDEFGHIJ"


def answer_key(story, title: str = "Answer Key") -> None:
    w = story.w
    story.heading(title, 1)
    w.para("Normal", text="Model answers to every question, and notes for the teacher. Question numbers match the "
           "numbers in the sections.")
    if story.doc.instructor_note:
        story.heading("A note for the instructor", 2)
        story.body(story.doc.instructor_note, notes=False)
    for sec in story.doc.sections:
        section_key(story, sec)
    for d in story.doc.dbqs:
        story.heading(f"Document-based question: {d.title}", 2)
        story.heading("Model thesis", 3)
        if d.thesis:
            story.body(d.thesis, notes=False)
        else:
            w.para("Normal", text="No model thesis is given.")
        if d.rubric:
            rubric(story, d.rubric, 3, "Rubric" + (f": {d.rubric.title}" if d.rubric.title else ""))
    for task in story.doc.tasks:
        story.heading(f"Summative task: {task.title}", 2)
        if task.rubric:
            rubric(story, task.rubric, 3, "Rubric" + (f": {task.rubric.title}" if task.rubric.title else ""))
        else:
            w.para("Normal", text="No rubric is given.")


def answer(story, q_spans, a_spans, num: str) -> None:
    p = story.w.item(num)
    story.w.spans(p, q_spans or [], notes=False, style="Strong")
    if a_spans:
        story.body(a_spans, "List Continue", notes=False)
    else:
        story.w.para("List Continue", text="No model answer is given.")


def section_key(story, sec: DocSection, h: int = 2, numbered: bool = True) -> None:
    from ..typeset.parts import KIND_TITLES, numbered_questions

    w = story.w
    story.heading(f"{sec.number}. {sec.title}" if numbered else sec.title, h)
    if sec.teacher_notes:
        story.heading("Teacher notes", h + 1)
        story.body(sec.teacher_notes, notes=False)
    for kind, qs in numbered_questions(sec):
        story.heading(KIND_TITLES[kind], h + 1)
        num = w.numbered(qs[0][0])
        for _, q in qs:
            answer(story, q.text, q.answer, num)
            if q.rubric:
                w.para("List Continue", text=f"Mark with the rubric “{q.rubric.title or 'Rubric'}” below.")
    boxes = [b for b in sec.blocks if b.type == "primary" and b.questions and any(b.answers)]
    if boxes:
        story.heading("Source boxes", h + 1)
        for b in boxes:
            story.heading(None, h + 2, b.title)
            num = w.numbered(1)
            for q, a in zip(b.questions, b.answers or [None] * len(b.questions)):
                answer(story, q, a, num)
    rubrics: dict = {}
    for q in sec.questions:
        if q.rubric:
            rubrics.setdefault(q.rubric.id or id(q.rubric), q.rubric)
    if rubrics:
        story.heading("Rubrics", h + 1)
        for r in rubrics.values():
            rubric(story, r, h + 2)
    if sec.quiz:
        story.heading("Quiz", h + 1)
        num = w.numbered(1)
        for item in sec.quiz:
            quiz_key(story, item, num)


def quiz_key(story, item: DocQuizItem, num: str) -> None:
    w = story.w
    p = w.item(num)
    w.spans(p, item.text, notes=False, style="Strong")
    if item.type == "choice":
        right = next((i for i, o in enumerate(item.options) if o.correct), 0)
        p = w.para("List Continue", text=f"Answer: {LETTERS[right]}. ")
        w.spans(p, item.options[right].text, notes=False)
        letters = w.numbered(1, letters=True)
        for o in item.options:
            p = w.item(letters, style="List Number 2")
            w.spans(p, o.text, notes=False, style="Strong" if o.correct else None)
            w.text(p, (" (correct)" if o.correct else "") + " — ")
            if o.feedback:
                w.spans(p, o.feedback, notes=False)
            else:
                w.text(p, "No feedback is given.")
    else:
        typos = {0: "no typing errors allowed", 1: "one typing error allowed"}.get(
            item.tolerance, f"{item.tolerance} typing errors allowed")
        w.para("List Continue", text=f"Accepted: {', '.join(item.accept)} (case and extra spaces do not matter; "
               f"{typos}).")
        if item.feedback:
            story.body(item.feedback, "List Continue", notes=False)


def rubric(story, r: DocRubric, h: int, title: str | None = None) -> None:
    w = story.w
    story.heading(title or r.title or "Rubric", h)
    if r.objectives:
        p = w.para("Normal")
        w.text(p, "Assesses: ", "Emphasis")
        for o in r.objectives:
            w.spans(p, o, notes=False)
            w.text(p, " ")
    first = 1.3
    widths = [first] + [(story.text_width - first) / max(1, len(r.scale))] * len(r.scale)
    table = w.table(["Criterion", *r.scale], widths)
    for name, levels in r.criteria:
        cells = w.row(table, widths)
        w.text(cells[0].paragraphs[0], name, "Strong")
        for cell, d in zip(cells[1:], levels):
            w.spans(cell.paragraphs[0], d, notes=False)
