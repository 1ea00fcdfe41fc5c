"""The .docx renderer's assessment parts and back matter: DBQs, tasks, chronology, glossary, who's who,
notes, bibliography, further reading, and a handout's own apparatus — each from its part of the plan."""
from __future__ import annotations

from ..bibliography import author_date, entry
from ..bibliography import note as whole_note
from ..plan import LABELS as L
from ..plan.labels import end_sentence
from .docx_parts import mark
from .docx_writer import NOTE_STYLE, bookmark_name


def dbqs(r, part) -> None:
    w = r.w
    r.heading(part.title, 1, key=part.key, new_page=True)
    for dbq, documents in part.dbqs:
        r.heading(dbq.title, 2)
        r.body(dbq.prompt, notes=False)
        r.heading(part.documents_title, 3)
        w.para("Normal", text=part.documents_intro)
        widths = [0.5, r.text_width - 2.2, 0.9, 0.8]
        table = w.table(["", "Document", "Section", "Page"], widths)
        for (letter, key), doc in zip(documents, dbq.documents):
            cells = w.row(table, widths)
            w.text(cells[0].paragraphs[0], letter)
            w.link(cells[1].paragraphs[0], doc.title, mark(key), "Hyperlink")
            if doc.attribution:
                w.text(cells[1].paragraphs[0], f" — {doc.attribution}")
            w.text(cells[2].paragraphs[0], str(doc.section))
            w.page_ref(cells[3].paragraphs[0], mark(key))
        w.para("Normal", text=part.closing)


def tasks(r, part) -> None:
    r.heading(part.title, 1, key=part.key, new_page=True)
    for task in part.tasks:
        r.heading(task.title, 2)
        r.body(task.text, notes=False)


def opening(r, part) -> None:
    r.heading(part.title, 1, key=part.key, new_page=part.new_page)
    if part.intro:
        r.w.para("Normal", text=part.intro)


def chronology(r, part) -> None:
    opening(r, part)
    w = r.w
    widths = [1.3, r.text_width - 2.2, 0.9]
    table = w.table(["Date", "Event", "Section"], widths)
    for year, events in r.doc.chronology:
        cells = w.row(table, widths)
        merged = cells[0].merge(cells[-1])
        w.text(merged.paragraphs[0], str(year), "Strong")
        for ev in events:
            cells = w.row(table, widths)
            w.text(cells[0].paragraphs[0], ev.when or str(year))
            w.spans(cells[1].paragraphs[0], ev.text or [], notes=False, links=r.links)
            if ev.source:
                w.text(cells[1].paragraphs[0], f" ({author_date(ev.source)})")
            w.text(cells[2].paragraphs[0], str(part.section_numbers.get(ev.section, "")))


def glossary(r, part) -> None:
    opening(r, part)
    w = r.w
    widths = [1.9, r.text_width - 1.9]
    table = w.table([L["term"], L["meaning"]], widths)
    for dt in r.doc.glossary:
        t = dt.term
        left, right = w.row(table, widths)
        p = left.paragraphs[0]
        w.text(p, t.term, "Strong")
        w.bookmark(p, r.links[t.id])
        extra = [x for x in (t.original, t.translit if t.translit and t.translit != t.term else None) if x]
        if extra:
            w.text(left.add_paragraph(), " · ".join(extra))
        p = right.paragraphs[0]
        if t.expansion:
            w.text(p, f"{t.expansion}. ", "Emphasis")
        w.spans(p, dt.definition, notes=False)
        notes = []
        if dt.related:
            notes.append(end_sentence(L["see also"] + ", ".join(x.term for x in dt.related)))
        if t.variants:
            notes.append(end_sentence(L["also spelled"] + ", ".join(t.variants)))
        if notes:
            w.text(right.add_paragraph(), " ".join(notes))


def people(r, part) -> None:
    opening(r, part)
    w = r.w
    widths = [2.0, r.text_width - 2.0]
    table = w.table([L["name"], L["who they were"]], widths)
    for dp in r.doc.people:
        p = dp.person
        left, right = w.row(table, widths)
        w.text(left.paragraphs[0], p.sort, "Strong")
        life = f"{p.born or '?'}–{p.died or ''}" if (p.born or p.died) else ""
        small = [x for x in (life, p.original) if x] + ([L["say"].format(p.pronounce)] if p.pronounce else [])
        if small:
            w.text(left.add_paragraph(), " · ".join(small))
        para = right.paragraphs[0]
        w.spans(para, dp.role or [], notes=False)
        if dp.fate:
            w.text(para, " ")
            w.spans(para, dp.fate, notes=False)
        if p.variants:
            w.text(right.add_paragraph(), end_sentence(L["also spelled"] + ", ".join(p.variants)))


def notes(r, part) -> None:
    opening(r, part)
    for sec in r.doc.sections:
        if sec.notes:
            r.heading(f"{sec.number}. {sec.title}", 2)
            note_list(r, sec)


def note_list(r, sec) -> None:
    for note in sec.notes:
        p = r.w.para(NOTE_STYLE, text=f"{note.number}. ", bookmark=bookmark_name(f"note-{sec.number}-{note.number}"))
        r.w.spans(p, whole_note(note.cites), notes=False)


def bibliography(r, part) -> None:
    opening(r, part)
    for src in r.doc.bibliography:
        r.body(entry(src), notes=False)


def reading(r, part) -> None:
    opening(r, part)
    r.w.para("Normal", text=f"Suggested for {r.doc.level_label.lower()} readers.")
    for item in r.doc.reading:
        p = r.body(entry(item.source), notes=False)
        if item.note:
            r.w.text(p, " — ")
            r.w.spans(p, item.note, notes=False)


def apparatus(r, part) -> None:
    """A handout's own terms, timeline, notes and works cited, below the section's title (Heading 2)."""
    w, d = r.w, r.doc
    for kind, title, key in part.parts:
        r.heading(title, 2, key=key)
        if kind == "glossary":
            for dt in d.glossary:
                p = w.add("List Bullet")
                w.bookmark(p, r.links[dt.term.id])
                w.text(p, dt.term.term, "Strong")
                w.text(p, (f" ({dt.term.original})" if dt.term.original else "") + ": ")
                w.spans(p, dt.definition, notes=False)
        elif kind == "chronology":
            for year, events in d.chronology:
                for ev in events:
                    p = w.add("List Bullet")
                    w.text(p, f"{ev.when} {year}".strip(), "Strong")
                    w.text(p, " — ")
                    w.spans(p, ev.text or [], notes=False)
        elif kind == "notes":
            note_list(r, d.sections[0])
        elif kind == "bibliography":
            for src in d.bibliography:
                r.body(entry(src), "List Bullet", notes=False)


BACK = {"dbqs": dbqs, "tasks": tasks, "chronology": chronology, "glossary": glossary, "people": people,
        "notes": notes, "bibliography": bibliography, "reading": reading, "handout-apparatus": apparatus}
