"""Renderers of the answer key: the guide's appendix, the teacher's separate copy, a handout's answer sheet."""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from ..document import DocQuizItem, DocRubric
from ..plan import LABELS as L
from ..plan import AnswerKey, AnswerSection
from .flowables import Marker, tag
from .inline import Inline, esc
from .story import Renderer

NO_ANSWER = f"<i>{esc(L['no answer'])}</i>"


def rubric_title(r: DocRubric) -> str:
    return r.title or L["rubric"]


def answer_key(r: Renderer, p: AnswerKey) -> list:
    """Model answers and teacher notes, section by section."""
    out: list = []
    if p.title:
        out += [PageBreak(), *r.heading(p.title, 1, p.key, listed=True, running_head=p.title)]
    if p.kicker:
        out.append(r.para(esc(p.kicker.upper()), "kicker", role="P"))
    if p.intro:
        out.append(r.para(esc(p.intro), "small"))
    if p.instructor_note:
        out.append(Spacer(1, r.theme.leading * 0.5))
        out.append(r.box([r.para(esc(L["instructor note"]), "box_title", role="BoxH"),
                          r.para(r.inline(notes=False, link_terms=False).render(p.instructor_note), "box")]))
    for a in p.sections:
        out += answer_section(r, a, p.numbered)
    for d in p.dbqs:
        out += dbq_key(r, d)
    for task in p.tasks:
        out += task_key(r, task)
    return out


def answer_section(r: Renderer, a: AnswerSection, numbered: bool) -> list:
    sec = a.section
    ink = r.inline(sec.number, notes=False, link_terms=False)
    out: list = [Marker(a.key, a.heading, level=1 if numbered else 0,
                        running_head=None if numbered else L["answer sheet"].format(sec.title)),
                 r.para(esc(a.heading), "h2", role="H2" if numbered else "H1")]
    if sec.teacher_notes:
        out.append(r.box([r.para(esc(L["teacher notes"]), "box_title", role="BoxH"),
                          r.para(ink.render(sec.teacher_notes), "box")]))
    for group in a.question_groups:
        out.append(r.para(esc(group.title), "h3", role="H3" if numbered else "H2"))
        for n, q in group.items:
            answer = ink.render(q.answer) if q.answer else NO_ANSWER
            question = r.para(f"<b>{ink.render(q.text)}</b>", "question", role="LI", bulletText=f"{n}.")
            question.keepWithNext = 1
            out += [question, r.para(answer, "question", role="P")]
            if q.rubric:
                out.append(r.para(f"<i>{esc(L['mark with rubric'].format(rubric_title(q.rubric)))}</i>",
                                  "question", role="P"))
    h = 3 if numbered else 2
    if a.source_boxes:
        out.append(r.para(esc(L["source boxes"]), "h3", role=f"H{h}"))
        for b, items in a.source_boxes:
            out.append(r.para(ink.render(b.title), "h3", role=f"H{h + 1}"))
            for i, q, ans in items:
                question = r.para(f"<b>{ink.render(q)}</b>", "question", role="LI", bulletText=f"{i}.")
                question.keepWithNext = 1
                out += [question, r.para(ink.render(ans) if ans else NO_ANSWER, "question", role="P")]
    if a.rubrics:
        out.append(r.para(esc(L["rubrics"]), "h3", role=f"H{h}"))
        for rub in a.rubrics:
            out += rubric(r, rub, h + 1)
    if a.quiz:
        out.append(r.para(esc(L["quiz"]), "h3", role=f"H{h}"))
        for n, item, letters in a.quiz:
            out += quiz_key(r, n, item, letters, ink)
    return out


def quiz_key(r: Renderer, n: int, item: DocQuizItem, letters: list[str], ink: Inline) -> list:
    question = r.para(f"<b>{ink.render(item.text)}</b>", "question", role="LI", bulletText=f"{n}.")
    question.keepWithNext = 1
    out = [question]
    if item.type == "choice":
        right = next((i for i, o in enumerate(item.options) if o.correct), 0)
        out.append(r.para(esc(L["answer"]).format(f"<b>{letters[right]}</b>") +
                          f". {ink.render(item.options[right].text)}", "question", role="P"))
        for i, o in enumerate(item.options):
            text = ink.render(o.text)
            feedback = ink.render(o.feedback) if o.feedback else f"<i>{esc(L['no feedback'])}</i>"
            shown = f"<b>{text}</b> {esc(L['correct'])}" if o.correct else text
            out.append(r.para(f"{shown} — {feedback}", "option", role="LI", bulletText=f"{letters[i]}."))
        out.append(Spacer(1, r.theme.leading * 0.4))       # (the options are set solid: apart from the next)
    else:
        accepted = ", ".join(f"<b>{esc(a)}</b>" for a in item.accept)
        typos = L["typos"].get(item.tolerance) or L["typos n"].format(item.tolerance)
        out.append(r.para(esc(L["accepted"]).format(accepted, esc(typos)), "question", role="P"))
        if item.feedback:
            out.append(r.para(ink.render(item.feedback), "question", role="P"))
    return out


def rubric(r: Renderer, rub: DocRubric, h: int, title: str | None = None) -> list:
    """A rubric as a table: a row per criterion, a column per performance level (lowest first)."""
    ink = r.inline(notes=False, link_terms=False)
    out = [r.para(esc(title or rubric_title(rub)), "h3", role=f"H{min(h, 6)}")]
    if rub.objectives:
        out.append(r.para(f"<i>{esc(L['assesses'])}</i> " + " ".join(ink.render(o) for o in rub.objectives), "small"))
    w = r.width              # within the type area (the layout check holds every table to it)
    pad = r.theme.body_size * 0.8 + 1       # a cell's right padding (`Renderer.table`), and a point to spare
    names = [r.para(esc(name), "cell_term", role="TH", scope="Row") for name, _ in rub.criteria]
    cells = [[r.para(ink.render(d), "cell", role="TD") for d in levels] for _, levels in rub.criteria]
    first = max(w * 0.16, *(word_need(p.getPlainText(), p.style, pad) for p in names)) if names else w * 0.16
    steps = max(1, len(rub.scale))
    # a level's column: its longest word whole (a word broken across a narrow column is split where it
    # happens to end, with no hyphen), and a measure of at least 12 ems of prose
    level_need = max([word_need(c.getPlainText(), c.style, pad) for row in cells for c in row]
                     + [r.st["cell"].fontSize * 12 + pad])
    if first + steps * level_need <= w:
        # a grid, a row per criterion and a column per level: the criterion column holds its longest name
        # whole, the levels share the rest
        head = [r.para(esc(L["criterion"]), "cell_head", role="TH")]
        head += [r.para(esc(step), "cell_head", role="TH") for step in rub.scale]
        rows = [head] + [[name] + row for name, row in zip(names, cells)]
        out.append(tag(r.table(rows, [first] + [(w - first) / steps] * steps), "Table"))
    else:
        # too narrow for a column per level (large print, a half-size page): each criterion a group row,
        # over a row per level (its name, its descriptor), so that no word is broken to fit a column
        label = min(max((word_need(step, r.st["cell_head"], pad) for step in rub.scale), default=0), w * 0.4)
        rows, groups = [], []
        for name, row in zip(names, cells):
            groups.append(len(rows))
            rows.append([name, Spacer(1, 1)])
            rows += [[r.para(esc(step), "cell_head", role="TH", scope="Row"), c] for step, c in zip(rub.scale, row)]
        out.append(tag(r.table(rows, [label, w - label], head=False, year_rows=groups), "Table"))
    out.append(Spacer(1, r.theme.leading * 0.5))
    return out


def word_need(text: str, st, pad: float) -> float:
    """The width a cell in style `st` needs to hold its longest word whole."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max((stringWidth(word, st.fontName, st.fontSize) for word in text.split()), default=0.0) + pad


def dbq_key(r: Renderer, d) -> list:
    from ..plan import anchor
    ink = r.inline(notes=False, link_terms=False)
    title = L["dbq key"].format(d.title)
    out = [CondPageBreak(r.theme.leading * 8), Marker(anchor("answers", "dbq", d.id), title, level=1),
           r.para(esc(title), "h2", role="H2"),
           r.para(esc(L["model thesis"]), "h3", role="H3"),
           r.para(ink.render(d.thesis) if d.thesis else f"<i>{esc(L['no thesis'])}</i>", "body")]
    if d.rubric:
        out += rubric(r, d.rubric, 3, L["rubric"] + (f": {d.rubric.title}" if d.rubric.title else ""))
    return out


def task_key(r: Renderer, task) -> list:
    from ..plan import anchor
    title = L["task key"].format(task.title)
    out = [CondPageBreak(r.theme.leading * 8), Marker(anchor("answers", "task", task.id), title, level=1),
           r.para(esc(title), "h2", role="H2")]
    if task.rubric:
        out += rubric(r, task.rubric, 3, L["rubric"] + (f": {task.rubric.title}" if task.rubric.title else ""))
    else:
        out.append(r.para(f"<i>{esc(L['no rubric'])}</i>", "body"))
    return out
