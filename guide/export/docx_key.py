"""The .docx renderer's answer key, from the plan's `AnswerKey`: model answers and teacher notes per section,
the source boxes' answers, rubrics as tables and the quiz key, then the DBQs' and tasks' rubrics. In the guide
and the teacher's copy it has a title and numbered sections; on a handout's answer sheet, the section alone."""
from __future__ import annotations

from ..document import DocRubric


def answer_key(r, part) -> None:
    w = r.w
    if part.title:
        r.heading(part.title, 1, key=part.key, new_page=True)
    if part.kicker:
        w.para("Title", text=part.kicker)
    if part.intro:
        w.para("Normal", text=part.intro)
    if part.instructor_note:
        r.heading("A note for the instructor", 2)
        r.body(part.instructor_note, notes=False)
    h = 2 if part.numbered else 1
    for sec in part.sections:
        section_key(r, sec, h)
    for d in part.dbqs:
        r.heading(f"Document-based question: {d.title}", 2)
        r.heading("Model thesis", 3)
        if d.thesis:
            r.body(d.thesis, notes=False)
        else:
            w.para("Normal", text="No model thesis is given.")
        if d.rubric:
            rubric(r, d.rubric, 3, "Rubric" + (f": {d.rubric.title}" if d.rubric.title else ""))
    for task in part.tasks:
        r.heading(f"Summative task: {task.title}", 2)
        if task.rubric:
            rubric(r, task.rubric, 3, "Rubric" + (f": {task.rubric.title}" if task.rubric.title else ""))
        else:
            w.para("Normal", text="No rubric is given.")


def answer(r, q_spans, a_spans, num: str) -> None:
    p = r.w.item(num)
    r.w.spans(p, q_spans or [], notes=False, style="Strong")
    if a_spans:
        r.body(a_spans, "List Continue", notes=False)
    else:
        r.w.para("List Continue", text="No model answer is given.")


def section_key(r, s, h: int) -> None:
    """One `AnswerSection`: its heading at level h, what it holds one level below."""
    w, sec = r.w, s.section
    r.heading(s.heading, h, key=s.key, new_page=h == 1 and len(w.docx.paragraphs) > 2)
    if sec.teacher_notes:
        r.heading("Teacher notes", h + 1)
        r.body(sec.teacher_notes, notes=False)
    for group in s.question_groups:
        r.heading(group.title, h + 1)
        num = w.numbered(group.items[0][0])
        for _, q in group.items:
            answer(r, q.text, q.answer, num)
            if q.rubric:
                w.para("List Continue", text=f"Mark with the rubric “{q.rubric.title or 'Rubric'}” below.")
    if s.source_boxes:
        r.heading("Source boxes", h + 1)
        for b, items in s.source_boxes:
            r.heading(None, h + 2, b.title)
            num = w.numbered(items[0][0] if items else 1)
            for _, q, a in items:
                answer(r, q, a, num)
    if s.rubrics:
        r.heading("Rubrics", h + 1)
        for rb in s.rubrics:
            rubric(r, rb, h + 2)
    if s.quiz:
        r.heading("Quiz", h + 1)
        num = w.numbered(s.quiz[0][0])
        for _, item, letters in s.quiz:
            quiz_key(r, item, letters, num)


def quiz_key(r, item, letters: list[str], num: str) -> None:
    w = r.w
    p = w.item(num)
    w.spans(p, item.text, notes=False, style="Strong")
    if item.type == "choice":
        right = next((i for i, o in enumerate(item.options) if o.correct), 0)
        p = w.para("List Continue", text=f"Answer: {letters[right]}. ")
        w.spans(p, item.options[right].text, notes=False)
        lettered = w.numbered(1, letters=True)
        for o in item.options:
            p = w.item(lettered, style="List Number 2")
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
            r.body(item.feedback, "List Continue", notes=False)


def rubric(r, rb: DocRubric, h: int, title: str | None = None) -> None:
    w = r.w
    r.heading(title or rb.title or "Rubric", h)
    if rb.objectives:
        p = w.para("Normal")
        w.text(p, "Assesses: ", "Emphasis")
        for o in rb.objectives:
            w.spans(p, o, notes=False)
            w.text(p, " ")
    first = 1.3
    widths = [first] + [(r.text_width - first) / max(1, len(rb.scale))] * len(rb.scale)
    table = w.table(["Criterion", *rb.scale], widths)
    for name, levels in rb.criteria:
        cells = w.row(table, widths)
        w.text(cells[0].paragraphs[0], name, "Strong")
        for cell, d in zip(cells[1:], levels):
            w.spans(cell.paragraphs[0], d, notes=False)

