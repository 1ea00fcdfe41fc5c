"""Renderers of the parts after the sections: DBQs, tasks, chronology, glossary, who's who, notes,
bibliography, further reading; and a handout's compact apparatus."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from ..bibliography import author_date, entry
from ..bibliography import note as whole_note
from ..document import DocSection
from ..plan import LABELS as L
from ..plan.labels import end_sentence
from ..plan import BackPart, Dbqs, HandoutApparatus, Tasks, anchor
from .columns import columns_fit, fit_columns
from .flowables import GuideParagraph, Marker, PageRef, tag
from .inline import esc, quoteattr
from .story import Renderer


def opening(r: Renderer, title: str, key: str) -> list:
    """A part of its own: a new page, a heading listed in the contents, the running head."""
    return [PageBreak(), *r.heading(title, 1, key, listed=True, running_head=title)]


def dbqs(r: Renderer, p: Dbqs) -> list:
    out = opening(r, p.title, p.key)
    t = r.theme
    for n, (d, documents) in enumerate(p.dbqs):
        ink = r.inline(notes=False)
        if n:
            out.append(CondPageBreak(t.leading * 10))
        out.append(r.para(esc(d.title), "h2", role="H2"))
        out.append(r.para(ink.render(d.prompt), "lead"))
        out.append(r.para(esc(p.documents_title), "h3", role="H3"))
        out.append(r.para(esc(p.documents_intro), "small"))
        rows = [[r.para("", "cell_head", role="TH"), r.para(esc(L["document"]), "cell_head", role="TH"),
                 r.para(esc(L["section"]), "cell_head", role="TH"), r.para(esc(L["page"]), "cell_head_num", role="TH")]]
        for doc, (letter, key) in zip(d.documents, documents):
            link = quoteattr("#" + key)
            who = f" <font color={quoteattr(t.muted)}>— {esc(doc.attribution)}</font>" if doc.attribution else ""
            rows.append([r.para(letter, "cell_term", role="TD"),
                         r.para(f"<a href={link}>{esc(doc.title)}</a>{who}", "cell", role="TD"),
                         r.para(str(doc.section), "cell", role="TD"),
                         tag(PageRef(key, r.st["cell_num"]), "TD")])
        w = r.width
        out.append(tag(r.table(rows, [w * 0.07, w * 0.65, w * 0.14, w * 0.14]), "Table"))
        out.append(Spacer(1, t.leading * 0.5))
        out.append(r.para(esc(p.closing), "body"))
    return out


def tasks(r: Renderer, p: Tasks) -> list:
    out = opening(r, p.title, p.key)
    for task in p.tasks:
        ink = r.inline(notes=False)
        out.append(r.para(esc(task.title), "h2", role="H2"))
        out.append(r.para(ink.render(task.text), "body"))
    return out


def chronology(r: Renderer, p: BackPart) -> list:
    out = opening(r, p.title, p.key)
    out.append(r.para(esc(p.intro), "small"))
    w = r.width
    rows, year_rows = chronology_rows(r, p, narrow=False)
    widths = [w * 0.2, w * 0.68, w * 0.12]
    if columns_fit([row for i, row in enumerate(rows) if i not in year_rows], widths, r.theme.body_size * 0.4):
        out.append(tag(r.table(rows, widths, year_rows=year_rows), "Table"))
    else:
        # too narrow for a column of section numbers (large print on a half-size page): the section closes
        # the event's entry, so that neither the header nor an event's words are broken
        rows, year_rows = chronology_rows(r, p, narrow=True)
        out.append(tag(r.table(rows, [w * 0.28, w * 0.72], year_rows=year_rows), "Table"))
    return out


def chronology_rows(r: Renderer, p: BackPart, narrow: bool) -> tuple[list, list]:
    """The chronology's rows (date, event, section; `narrow`: date, event with its section) and the indices
    of its group rows (the years)."""
    ink = r.inline(notes=False)
    t = r.theme
    head = [r.para(esc(L["date"]), "cell_head", role="TH"), r.para(esc(L["event"]), "cell_head", role="TH")]
    rows = [head if narrow else head + [r.para(esc(L["section"]), "cell_head", role="TH")]]
    year_rows = []
    for year, events in r.doc.chronology:
        year_rows.append(len(rows))
        rows.append([r.para(str(year), "year", role="TH", scope="Row")] + [Spacer(1, 1)] * (len(rows[0]) - 1))
        for ev in events:
            src = f" <font size={t.size(0.75)} color={quoteattr(t.muted)}>" \
                  f"({esc(author_date(ev.source))})</font>" if ev.source else ""
            number = str(p.section_numbers.get(ev.section, ""))
            if narrow:
                where = f"<br/>{esc(L['section'])} {esc(number)}" if number else ""
                rows.append([r.para(esc(ev.when), "cell", role="TD"),
                             r.para(ink.render(ev.text) + src + where, "cell", role="TD")])
            else:
                rows.append([r.para(esc(ev.when), "cell", role="TD"),
                             r.para(ink.render(ev.text) + src, "cell", role="TD"),
                             r.para(number, "cell", role="TD")])
    return rows, year_rows


def glossary(r: Renderer, p: BackPart) -> list:
    out = opening(r, p.title, p.key)
    ink = r.inline(notes=False, link_terms=False)
    rows = [[r.para(esc(L["term"]), "cell_head", role="TH"), r.para(esc(L["meaning"]), "cell_head", role="TH")]]
    stacked = []        # (set in the measure, an expansion is a line of its own, under the term)
    for dt in r.doc.glossary:
        term = dt.term
        left = f'<a name={quoteattr(anchor("term", term.id))}/>{esc(term.term)}'
        extra = []
        if term.original:
            extra.append(esc(term.original))
        if term.translit and term.translit != term.term:
            extra.append(f"<i>{esc(term.translit)}</i>")
        cell = [r.para(left, "cell_term", role="TD")]
        if extra:
            cell.append(r.para(" · ".join(extra), "cell_small", role="TD"))
        meaning = ink.render(dt.definition)
        expansion = [r.para(f"<i>{esc(term.expansion)}</i>", "cell", role="TD")] if term.expansion else []
        if term.expansion:
            meaning = f"<i>{esc(term.expansion)}.</i> " + meaning
        right = [r.para(meaning, "cell", role="TD")]
        plain = [r.para(ink.render(dt.definition), "cell", role="TD")] if term.expansion else right[:1]
        notes = []
        if dt.related:
            notes.append(end_sentence(esc(L["see also"]) + ", ".join(
                f'<a href={quoteattr("#" + anchor("term", x.id))}>{esc(x.term)}</a>' for x in dt.related),
                dt.related[-1].term))
        if term.variants:
            notes.append(end_sentence(esc(L["also spelled"]) + ", ".join(esc(v) for v in term.variants),
                                      term.variants[-1]))
        if notes:
            right.append(r.para(" ".join(notes), "cell_small", role="TD"))
        rows.append([cell, right])
        stacked.append([cell, expansion + plain + right[1:]])
    out += entries_table(r, rows, [0.3, 0.7], stacked)
    return out


def people(r: Renderer, p: BackPart) -> list:
    out = opening(r, p.title, p.key)
    ink = r.inline(notes=False, link_terms=False)
    rows = [[r.para(esc(L["name"]), "cell_head", role="TH"),
             r.para(esc(L["who they were"]), "cell_head", role="TH")]]
    for dp in r.doc.people:
        person = dp.person
        life = f"{person.born or '?'}–{person.died or ''}" if (person.born or person.died) else ""
        cell = [r.para(esc(person.sort), "cell_term", role="TD")]
        small = [x for x in (life, person.original) if x]
        if person.pronounce:
            small.append(L["say"].format(person.pronounce))
        if small:
            cell.append(r.para(esc(" · ".join(small)), "cell_small", role="TD"))
        text = ink.render(dp.role)
        if dp.fate:
            text += " " + ink.render(dp.fate)
        right = [r.para(text, "cell", role="TD")]
        if person.variants:
            right.append(r.para(esc(end_sentence(L["also spelled"] + ", ".join(person.variants))), "cell_small",
                                role="TD"))
        rows.append([cell, right])
    out += entries_table(r, rows, [0.32, 0.68])
    return out


def entries_table(r: Renderer, rows: list, shares: list[float], stacked: list | None = None) -> list:
    """A table of long entries (the glossary, who's who): a column for the names and one for what they mean,
    or, where the names' column cannot hold their longest words (a Russian term at 18 pt on a half-size
    page), each entry set whole in the measure, its name over its text, as paragraphs that keep their lines
    as the body's do (no widow, no orphan, the name with its text); `stacked`: the entries' cells for that
    setting, if not those of `rows`."""
    w = r.width
    widths = [w * s for s in shares]
    # (two columns if the names fit theirs and the text keeps a measure of 12 ems)
    if columns_fit(rows, widths, r.theme.body_size * 0.4) and \
            fit_columns(rows, widths, r.theme.body_size * 0.4)[-1] >= 12 * r.st["cell"].fontSize:
        return [tag(r.table(rows, widths, long_entries=True), "Table")]
    out: list = []
    for row in stacked or rows[1:]:
        name, text = (cell if isinstance(cell, list) else [cell] for cell in row)
        merged: list = []       # the notes after the text ("See also") end its paragraph: no widow of theirs
        for f in text:
            if merged and f.style.name == "cell_small":
                merged[-1] = r.para(merged[-1].text + "<br/>" + f.text, "cell")
            else:
                merged.append(f)
        text = merged
        entry = name + text
        for n, f in enumerate(entry):
            f.style = entry_style(f.style, keep=n < len(name))
            tag(f, "P")
        out += entry + [Spacer(1, r.theme.leading * 0.4)]
    return out


@lru_cache(maxsize=None)
def entry_style(style: ParagraphStyle, keep: bool) -> ParagraphStyle:
    """A table cell's style for an entry set in the measure: its lines as open as running text's (a cell's
    leading lets the descenders of a page's last line reach past the type area)."""
    leading = max(style.leading, round(style.fontSize * 1.4, 2))
    return ParagraphStyle(f"{style.name}-entry{'-kept' * keep}", parent=style, allowWidows=0,
                          allowOrphans=0, keepWithNext=int(keep), leading=leading)


def notes(r: Renderer, p: BackPart) -> list:
    out = opening(r, p.title, p.key)
    for sec in r.doc.sections:
        if not sec.notes:
            continue
        out.append(r.para(esc(f"{sec.number}. {sec.title}"), "h3", role="H2"))
        out += note_list(r, sec)
    return out


def note_list(r: Renderer, sec: DocSection) -> list:
    ink = r.inline(notes=False)
    out = []
    for note in sec.notes:
        text = ink.render(whole_note(note.cites))     # the full stop inside a closing quotation mark
        target = quoteattr(anchor("note", sec.number, note.number))
        out.append(tag(GuideParagraph(f"<a name={target}/>" + text, r.st["note"], bulletText=f"{note.number}."),
                       "Note", id=f"note-{sec.number}-{note.number}"))
    return out


def bibliography(r: Renderer, p: BackPart) -> list:
    out = opening(r, p.title, p.key)
    ink = r.inline(notes=False)
    out.append(r.para(esc(p.intro), "small"))
    for src in r.doc.bibliography:
        out.append(r.para(ink.render(entry(src)), "biblio", role="LI"))
    return out


def reading(r: Renderer, p: BackPart) -> list:
    """Further reading: after the bibliography, on its page when there is room."""
    t = r.theme
    out = [CondPageBreak(t.leading * 8), Spacer(1, t.leading), Marker(p.key, p.title, running_head=p.title),
           r.para(esc(p.title), "h1", role="H1")]
    ink = r.inline(notes=False)
    out.append(r.para(esc(L["suggested for"].format(r.doc.level_label.lower())), "small"))
    for item in r.doc.reading:
        text = ink.render(entry(item.source))
        if item.note:
            text += f" <font color={quoteattr(t.muted)}>— {ink.render(item.note)}</font>"
        out.append(r.para(text, "biblio", role="LI"))
    return out


def apparatus(r: Renderer, p: HandoutApparatus) -> list:
    """A handout's terms, timeline, notes and works cited, without page breaks."""
    d, t = r.doc, r.theme
    out: list = []
    for kind, title, key in p.parts:
        out += [CondPageBreak(t.leading * 5), Marker(key, title, level=1), r.para(esc(title), "h2", role="H2")]
        if kind == "glossary":
            ink = r.inline(notes=False, link_terms=False)
            for dt in d.glossary:
                term = dt.term
                orig = f" ({esc(term.original)})" if term.original else ""
                out.append(r.para(f'<a name={quoteattr(anchor("term", term.id))}/><b>{esc(term.term)}</b>{orig}: '
                                  + ink.render(dt.definition), "biblio", role="LI"))
        elif kind == "chronology":
            ink = r.inline(notes=False)
            for year, events in d.chronology:
                for ev in events:
                    when = f"{ev.when} {year}".strip()
                    out.append(r.para(f"<b>{esc(when)}</b> — {ink.render(ev.text)}", "biblio", role="LI"))
        elif kind == "notes":
            out += note_list(r, d.sections[0])
        elif kind == "bibliography":
            ink = r.inline(notes=False)
            for src in d.bibliography:
                out.append(r.para(ink.render(entry(src)), "biblio", role="LI"))
    return out
