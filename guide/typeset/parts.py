"""The story: one builder per part of the guide (title page, contents, sections, back matter).

Each method returns flowables, tagged with their structural role. The contents' page numbers are
`PageRef`s, filled in when the layout is finished.
"""
from __future__ import annotations

from reportlab.platypus import (CondPageBreak, KeepTogether, NextPageTemplate, PageBreak, Paragraph, Spacer,
                                Table)

from ..bibliography import author_date, entry
from ..bibliography import note as whole_note
from ..document import DocBlock, DocQuizItem, DocRubric, DocSection, Document
from ..markup import Span
from ..theme import Theme
from .flowables import GuideParagraph, Lines, Marker, PageRef, bar_chart, box, table_style, tag
from .template import odd_page_break
from .linebreak import fit_header_words
from .inline import Inline, anchor, esc, quoteattr
from .styles import color, styles

PARTS_TITLES = {
    "chronology": "Chronology",
    "glossary": "Glossary",
    "people": "Who’s Who",
    "notes": "Notes",
    "bibliography": "Bibliography",
    "reading": "Further Reading",
    "dbq": "Document-Based Question",
    "task": "Summative Task",
}
LETTERS = "ABCDEFGHIJ"
KIND_TITLES = {"comprehension": "Check your understanding", "analysis": "Think it through",
               "essay": "Essay prompts"}


def numbered_questions(sec: DocSection) -> list[tuple[str, list]]:
    """The section's questions grouped by kind, numbered through the section (the same in every copy)."""
    out, n = [], 0
    for kind in ("comprehension", "analysis", "essay"):
        qs = [q for q in sec.questions if q.kind == kind]
        if qs:
            out.append((kind, [(n + i, q) for i, q in enumerate(qs, 1)]))
            n += len(qs)
    return out


def rubric_title(r: DocRubric) -> str:
    return r.title or "Rubric"


class Story:
    def __init__(self, doc: Document, theme: Theme, pagesize: tuple[float, float]):
        self.doc = doc
        self.theme = theme
        self.pagesize = pagesize
        self.width = pagesize[0] - theme.margin_inner - theme.margin_outer
        self.st = styles(theme)
        self.sources = doc.sources or {s.id: s for s in doc.bibliography}
        self.glossary_ids = {t.term.id for t in doc.glossary}
        self.term_names = {t.term.id: t.term.term for t in doc.glossary}
        self.toc: list[tuple[str, str, str]] = []   # (key, number, title)
        self.dbq_documents = {x.block for d in doc.dbqs for x in d.documents}   # blocks a DBQ points at
        self.level = 1                               # the outline level of the last heading

    # -- helpers ------------------------------------------------------------------------------------
    def inline(self, section: int | None = None, notes: bool = True, link_terms: bool = True) -> Inline:
        return Inline(self.theme, self.sources, self.glossary_ids, section, notes, link_terms, self.term_names)

    def box(self, flowables: list, theme: Theme, width: float, kind: str = "callout"):
        t = self.theme
        return box(flowables, theme, width, kind, frame_height=self.pagesize[1] - t.margin_top - t.margin_bottom)

    def para(self, markup: str, style: str = "body", role: str = "P", scope: str | None = None, **kw) -> Paragraph:
        """A tagged paragraph. Heading roles H1–H6 set the outline level; "BoxH" (a box's title) and "BoxH2"
        (a heading inside a box) are one and two levels below it, so heading levels never skip."""
        if role in ("BoxH", "BoxH2"):
            role = f"H{min(self.level + (1 if role == 'BoxH' else 2), 6)}"
        elif len(role) == 2 and role[0] == "H" and role[1].isdigit():
            self.level = int(role[1])
        return tag(GuideParagraph(markup, self.st[style], **kw), role, **({"scope": scope} if scope else {}))

    def link_labels(self) -> dict[str, str]:
        """What each internal link leads to, for screen readers (the links' /Contents)."""
        labels = {anchor("term", t.term.id): f"Glossary: {t.term.term}" for t in self.doc.glossary}
        for sec in self.doc.sections:
            labels[anchor("sec", sec.id)] = f"Section {sec.number}: {sec.title}"
            for note in sec.notes:
                labels[anchor("note", sec.number, note.number)] = f"Note {note.number} of section {sec.number}"
        for key, number, title in self.toc:
            labels.setdefault(key, title)
        return labels

    def heading(self, text: str, level: int, key: str | None = None, style: str | None = None,
                toc_number: str | None = None, running_head: str | None = None) -> list:
        out = []
        if key:
            out.append(Marker(key, text, level=level - 1, toc=toc_number is not None, running_head=running_head))
            if toc_number is not None:
                self.toc.append((key, toc_number, text))
        out.append(self.para(esc(text), style or f"h{level}", role=f"H{level}"))
        return out

    def part_opening(self, name: str) -> list:
        title = PARTS_TITLES[name]
        key = anchor("part", name)
        return [PageBreak(), *self.heading(title, 1, key, toc_number="", running_head=title)]

    # -- the whole story ----------------------------------------------------------------------------
    def build(self) -> list:
        d = self.doc
        story = self.title_page() + self.imprint_page()
        contents = self.contents_placeholder_index = len(story)
        story.append(None)  # the contents go here once the toc entries are known
        for sec in d.sections:
            story += self.section(sec)
        if d.dbqs:
            story += self.dbqs()
        if d.tasks:
            story += self.tasks()
        if d.chronology:
            story += self.chronology()
        if d.glossary:
            story += self.glossary()
        if d.people:
            story += self.people()
        if any(s.notes for s in d.sections):
            story += self.notes()
        if d.bibliography:
            story += self.bibliography()
        if d.reading:
            story += self.reading()
        if d.answers == "appendix":
            story += self.answer_key()
        story[contents:contents + 1] = self.contents()
        return story

    def build_handout(self) -> list:
        """One section as a self-contained worksheet: name line, text, questions with answer lines, and the
        section's own terms, timeline, notes and works cited."""
        d, t = self.doc, self.theme
        sec = d.sections[0]
        story: list = [self.name_line(), Spacer(1, t.leading * 0.8)]
        story += self.section(sec, opening_break=False, lines=True, number=False, quiz=False)
        story += self.back_matter_compact()
        if sec.quiz:      # a page of its own, to hand out (or collect) apart from the worksheet
            story += [PageBreak(), Marker(anchor("sec", sec.id, "quiz"), "Quiz", level=1),
                      self.para(esc(f"Quiz · {sec.title}"), "h2", role="H2")]
            story += self.quiz_items(sec, self.inline(sec.number, notes=False))
        return story

    def build_handout_answers(self) -> list:
        sec = self.doc.sections[0]
        out: list = [self.para(esc(f"Answer sheet · {sec.title}".upper()), "kicker", role="P")]
        out += self.answer_key_body(numbered=False)
        return out

    def name_line(self):
        t = self.theme
        cells = [self.para("Name", "cell_small", role="P"), Spacer(1, 1), self.para("Date", "cell_small", role="P"),
                 Spacer(1, 1), self.para("Class", "cell_small", role="P"), Spacer(1, 1)]
        w = self.width
        table = Table([cells], colWidths=[w * 0.09, w * 0.4, w * 0.08, w * 0.16, w * 0.08, w * 0.19])
        table.setStyle(table_style(t, [
            ("LINEBELOW", (1, 0), (1, 0), 0.6, color(t.ink)), ("LINEBELOW", (3, 0), (3, 0), 0.6, color(t.ink)),
            ("LINEBELOW", (5, 0), (5, 0), 0.6, color(t.ink)), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return tag(table, "Div")

    def back_matter_compact(self) -> list:
        """The handout's apparatus: terms, timeline, notes and works cited, without page breaks."""
        d, t = self.doc, self.theme
        out: list = []

        def part(title: str, key: str) -> list:      # a heading with its bookmark, below the section's
            return [CondPageBreak(t.leading * 5), Marker(anchor("handout", key), title, level=1),
                    self.para(title, "h2", role="H2")]

        if d.glossary:
            out += part("Key terms", "terms")
            ink = self.inline(notes=False, link_terms=False)
            for dt in d.glossary:
                term = dt.term
                orig = f" ({esc(term.original)})" if term.original else ""
                out.append(self.para(f'<a name={quoteattr(anchor("term", term.id))}/><b>{esc(term.term)}</b>{orig}: '
                                     + ink.render(dt.definition), "biblio", role="LI"))
        if d.chronology:
            out += part("Timeline", "timeline")
            ink = self.inline(notes=False)
            for year, events in d.chronology:
                for ev in events:
                    when = f"{ev.when} {year}".strip()
                    out.append(self.para(f"<b>{esc(when)}</b> — {ink.render(ev.text)}", "biblio", role="LI"))
        if any(s.notes for s in d.sections):
            out += part("Notes", "notes")
            out += self.note_list(d.sections[0])
        if d.bibliography:
            out += part("Works cited", "works")
            ink = self.inline(notes=False)
            for src in d.bibliography:
                out.append(self.para(ink.render(entry(src)), "biblio", role="LI"))
        return out

    def build_answers(self) -> list:
        """The separate teacher's copy: a title page, contents and the answer key."""
        story = self.title_page(kicker="Answer key") + self.imprint_page()
        contents = len(story)
        story.append(None)
        story += self.answer_key("Answer Key")
        story[contents:contents + 1] = self.contents()
        return story

    # -- front matter -------------------------------------------------------------------------------
    def title_page(self, kicker: str = "Study guide") -> list:
        d, t = self.doc, self.theme
        page_h = self.pagesize[1] - t.margin_top - t.margin_bottom
        out: list = [Marker(anchor("title"), d.title, level=0, running_head="")]
        out.append(Spacer(1, page_h * 0.18))
        out.append(self.para(esc(f"{kicker} · {d.level_label} edition".upper()), "kicker", role="P"))
        out.append(self.para(esc(d.title), "title", role="H1"))
        if d.subtitle:
            out.append(self.para(esc(d.subtitle), "subtitle"))
        rule = Table([[Spacer(1, 1)]], colWidths=[self.width * 0.35], rowHeights=[3])
        rule.setStyle(table_style(t, [("BACKGROUND", (0, 0), (-1, -1), color(t.accent))]))
        rule.hAlign = "LEFT"
        out += [tag(rule, "Artifact"), Spacer(1, t.leading * 1.5)]
        out.append(self.para(esc(f"{d.level_label} · {d.audience}" if d.audience else d.level_label), "subtitle"))
        course = " · ".join(x for x in (d.course, d.period) if x)
        people = [x for x in (d.instructor, course, d.school) if x]
        out.append(Spacer(1, page_h * 0.22))
        for line in people:
            out.append(self.para(esc(line), "lead"))
        out.append(Spacer(1, t.leading * 0.5))
        out.append(self.para(esc(d.date or d.built), "small"))
        return out

    def imprint_page(self) -> list:
        d, t = self.doc, self.theme
        out: list = [NextPageTemplate("body-even" if t.two_sided else "body"), PageBreak(),
                     Marker(anchor("imprint"), running_head="")]
        lines = [
            ("About this edition",
             f"{esc(d.title)}: {esc(d.level_label)} edition ({esc(d.audience)}). Content version "
             f"{esc(d.version)}{', dated ' + esc(d.content_date) if d.content_date else ''}; this copy was "
             f"made on {esc(d.built)}."),
            ("Licence", esc(d.license or "All rights reserved.")),
            ("Permission to photocopy",
             "Instructors may photocopy and print this guide, in whole or in part, for use with their own "
             "classes, and may share it with their students in print or as a file."),
        ]
        if d.cite_as:
            lines.append(("How to cite this guide", esc(d.cite_as)))
        lines.append(("How it was made",
                      "Written as structured text and typeset with the open-source tool "
                      "<i>guide</i>, in Charis SIL and Noto Sans (SIL Open Font License)."))
        out.append(Spacer(1, t.leading * 8))
        for head, text in lines:
            out.append(self.para(esc(head), "h3", role="H2"))
            out.append(self.para(text, "small"))
        return out

    def contents(self) -> list:
        t = self.theme
        out: list = [PageBreak(), *self.heading("Contents", 1, anchor("contents"), running_head="")]
        rows = []
        for key, number, title in self.toc:
            link = quoteattr("#" + key)
            rows.append([self.para(esc(number), "toc1", role="Lbl"),
                         self.para(f"<a href={link}>{esc(title)}</a>", "toc1", role="Reference"),
                         tag(PageRef(key, self.st["toc_num"]), "Reference")])
        num_w = t.body_size * 2.2
        page_w = t.body_size * 3.5
        table = Table(rows, colWidths=[num_w, self.width - num_w - page_w, page_w])
        table.setStyle(table_style(t, [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), t.leading * 0.25), ("BOTTOMPADDING", (0, 0), (-1, -1), t.leading * 0.25),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, color(t.rule)),
        ]))
        out.append(tag(table, "TOC"))
        return out

    # -- sections -----------------------------------------------------------------------------------
    def section(self, sec: DocSection, opening_break: bool = True, lines: bool = False, number: bool = True,
                quiz: bool = True) -> list:
        t = self.theme
        key = anchor("sec", sec.id)
        out: list = []
        if opening_break:
            out.append(odd_page_break() if t.two_sided else PageBreak())
        out.append(Marker(key, sec.title, level=0, running_head=sec.title))
        self.toc.append((key, str(sec.number), sec.title))
        out.append(self.para(esc(f"Section {sec.number}".upper() if number else "Handout".upper()), "kicker",
                             role="P"))
        out.append(self.para(esc(sec.title), "h1", role="H1"))
        ink = self.inline(sec.number)
        opening = []
        if sec.key_question:
            opening.append(self.para("Key question", "box_title", role="BoxH"))
            opening.append(self.para(ink.render(sec.key_question), "lead"))
        if sec.objectives:
            opening.append(self.para("In this section you will", "box_title", role="BoxH"))
            for obj in sec.objectives:
                opening.append(self.para(ink.render(obj), "bullet", role="LI", bulletText="•"))
        if opening:
            out.append(self.box(opening, t, self.width))
        sub = 0
        for b in sec.blocks:
            if b.type == "subheading":
                sub += 1
            out += self.block(b, sec, ink, sub)
        if sec.questions:
            out += self.questions(sec, ink, lines=lines)
        if quiz and sec.quiz:
            out += [CondPageBreak(self.theme.leading * 6), Marker(anchor("sec", sec.id, "quiz"), "Quiz", level=1),
                    self.para("Quiz", "h2", role="H2")]
            out += self.quiz_items(sec, self.inline(sec.number, notes=False))
        return out

    def quiz_items(self, sec: DocSection, ink: Inline) -> list:
        """The quiz: numbered items, lettered options, one answer line for a short-answer item."""
        out = [self.para("For each multiple-choice item, circle the letter of the one best answer. Answer the "
                         "other items with a word or a short phrase.", "small")]
        for n, item in enumerate(sec.quiz, 1):
            question = self.para(ink.render(item.text), "question", role="P", bulletText=f"{n}.")
            question.keepWithNext = 1
            out.append(question)
            if item.type == "choice":
                for i, o in enumerate(item.options):
                    p = self.para(ink.render(o.text), "option", role="LI", bulletText=f"{LETTERS[i]}.")
                    p.keepWithNext = int(i < len(item.options) - 1)
                    out.append(p)
                out.append(Spacer(1, self.theme.leading * 0.3))
            else:
                out.append(tag(Lines(1, self.theme), "Artifact"))
                out.append(Spacer(1, self.theme.leading * 0.3))
        return out

    def block(self, b: DocBlock, sec: DocSection, ink: Inline, sub: int) -> list:
        t = self.theme
        if b.type == "paragraph":
            return [self.para(ink.render(b.text), "body")]
        if b.type == "subheading":
            text = Span("root", children=b.text or []).plain()
            return [Marker(anchor("sec", sec.id, "sub", sub), text, level=1),
                    self.para(ink.render(b.text), "h2", role="H2")]
        if b.type == "callout":
            return [self.box([self.para(ink.render(b.title), "box_title", role="BoxH"),
                         self.para(ink.render(b.text), "box")], t, self.width)]
        if b.type == "primary":
            inner = [self.para(ink.render(b.title), "box_title", role="BoxH")]
            if b.intro:
                inner.append(self.para(ink.render(b.intro), "box"))
            inner.append(tag(GuideParagraph(esc(f"“{b.quote.strip()}”"), self.st["quote"]), "BlockQuote"))
            src = self.inline().render(whole_note([(b.source, b.locator)])) if b.source else ""
            attribution = ink.render(b.attribution)
            inner.append(self.para(f"— {attribution}" + (f". Source: {src}" if src else ""), "attribution"))
            if b.questions:
                inner.append(self.para("Questions", "box_title", role="BoxH2"))
                for i, q in enumerate(b.questions, 1):
                    inner.append(self.para(ink.render(q), "bullet", role="LI", bulletText=f"{i}."))
            box = self.box(inner, t, self.width, kind="primary")
            # a DBQ lists it with its page
            if b.id not in self.dbq_documents:
                return [box]
            marker = Marker(anchor("doc", b.id))
            marker.keepWithNext = 1     # on the page where the box starts
            return [marker, box]
        if b.type == "figures":
            rows = []
            for dp in b.people:
                p = dp.person
                life = f" ({p.born or '?'}–{p.died or ''})" if (p.born or p.died) else ""
                name = f"<b>{esc(p.name)}</b>{esc(life)}"
                rows.append(self.para(f"{name}: {ink.render(dp.role)}" if dp.role else name, "box", role="LI"))
            return [self.box([self.para("Key figures", "box_title", role="BoxH"), *rows], t, self.width)]
        if b.type == "map":
            from .mapdraw import map_drawing
            title = self.para(ink.render(b.title), "h3", role="Caption")
            height = min(self.width * 0.72, (self.pagesize[1] - t.margin_top - t.margin_bottom) * 0.55)
            drawing = tag(map_drawing(b.places, t, self.width, height=height, label_places=b.labels), "Figure",
                          alt=b.alt or "")
            cap = ink.render(b.caption)
            caption = self.para(cap + " Boundaries: Natural Earth (public domain), simplified.", "caption",
                                role="Caption")
            key = [self.para("On the map", "box_title", role="BoxH")]
            for pl in b.places:
                years = f" ({esc(pl.years)})" if pl.years else ""
                src = f" <font color={quoteattr(t.muted)}>({esc(author_date(pl.source))})</font>" if pl.source else ""
                key.append(self.para(f"<b>{esc(pl.name)}</b>{years}: {self.inline(notes=False).render(pl.text)}{src}",
                                     "bullet", role="LI", bulletText="•"))
            return [Spacer(1, t.leading * 0.5), KeepTogether([title, drawing, Spacer(1, t.leading * 0.4), caption]),
                    self.box(key, t, self.width)]
        if b.type == "chart":
            title = self.para(ink.render(b.title), "h3", role="Caption")
            drawing = tag(bar_chart(b.data, t, self.width), "Figure", alt=b.alt or "")
            cap = ink.render(b.caption)
            src = self.inline().render(whole_note([(b.source, None)])) if b.source else ""
            caption = self.para(cap + (f" Source: {src}" if src else ""), "caption", role="Caption")
            return [Spacer(1, t.leading * 0.5), KeepTogether([title, drawing, Spacer(1, t.leading * 0.4), caption])]
        return []

    def questions(self, sec: DocSection, ink: Inline, lines: bool = False) -> list:
        out = [CondPageBreak(self.theme.leading * 6),
               Marker(anchor("sec", sec.id, "questions"), "Questions", level=1),
               self.para("Questions", "h2", role="H2")]
        for kind, numbered in numbered_questions(sec):
            out.append(self.para(esc(KIND_TITLES[kind]), "h3", role="H3"))
            for n, q in numbered:
                item = self.para(ink.render(q.text), "question", role="LI", bulletText=f"{n}.")
                out.append(item)
                if lines and q.lines:
                    item.keepWithNext = 1  # (not KeepTogether: a heading's keepWithNext cannot hold one)
                    out.append(tag(Lines(q.lines, self.theme), "Artifact"))
        return out

    def answer_key(self, title: str = "Answer Key") -> list:
        """Model answers and teacher notes, section by section (the teacher's copy)."""
        key = anchor("part", "answers")
        out = [PageBreak(), *self.heading(title, 1, key, toc_number="", running_head=title)]
        out.append(self.para("Model answers to every question, and notes for the teacher. Question numbers match "
                             "the numbers in the sections.", "small"))
        if self.doc.instructor_note:   # addressed to the instructor: only here, never in a student copy
            out.append(Spacer(1, self.theme.leading * 0.5))
            out.append(self.box([self.para("A note for the instructor", "box_title", role="BoxH"),
                                 self.para(self.inline(notes=False, link_terms=False).render(self.doc.instructor_note),
                                           "box")], self.theme, self.width))
        out += self.answer_key_body()
        for d in self.doc.dbqs:
            out += self.dbq_key(d)
        for task in self.doc.tasks:
            out += self.task_key(task)
        return out

    def answer_key_body(self, numbered: bool = True) -> list:
        t = self.theme
        out: list = []
        for sec in self.doc.sections:
            ink = self.inline(sec.number, notes=False, link_terms=False)
            heading = f"{sec.number}. {sec.title}" if numbered else sec.title
            out.append(Marker(anchor("answers", sec.id), heading, level=1 if numbered else 0,
                              running_head=None if numbered else f"Answer sheet · {sec.title}"))
            out.append(self.para(esc(heading), "h2", role="H2" if numbered else "H1"))
            if sec.teacher_notes:
                out.append(self.box([self.para("Teacher notes", "box_title", role="BoxH"),
                                self.para(ink.render(sec.teacher_notes), "box")], t, self.width))
            for kind, numbered_qs in numbered_questions(sec):
                out.append(self.para(esc(KIND_TITLES[kind]), "h3", role="H3" if numbered else "H2"))
                for n, q in numbered_qs:
                    answer = ink.render(q.answer) if q.answer else "<i>No model answer is given.</i>"
                    question = self.para(f"<b>{ink.render(q.text)}</b>", "question", role="LI", bulletText=f"{n}.")
                    question.keepWithNext = 1
                    out += [question, self.para(answer, "question", role="P")]
                    if q.rubric:
                        out.append(self.para(f"<i>Mark with the rubric “{esc(rubric_title(q.rubric))}” below.</i>",
                                             "question", role="P"))
            out += self.key_extras(sec, ink, 3 if numbered else 2)
        return out

    def key_extras(self, sec: DocSection, ink: Inline, h: int) -> list:
        """The answer key's source-box answers, rubrics and quiz key of a section; `h` the level of their headings."""
        out: list = []
        boxes = [b for b in sec.blocks if b.type == "primary" and b.questions and any(b.answers)]
        if boxes:
            out.append(self.para("Source boxes", "h3", role=f"H{h}"))
            for b in boxes:
                out.append(self.para(ink.render(b.title), "h3", role=f"H{h + 1}"))
                for i, (q, a) in enumerate(zip(b.questions, b.answers or [None] * len(b.questions)), 1):
                    question = self.para(f"<b>{ink.render(q)}</b>", "question", role="LI", bulletText=f"{i}.")
                    question.keepWithNext = 1
                    out += [question, self.para(ink.render(a) if a else "<i>No model answer is given.</i>",
                                                "question", role="P")]
        rubrics: dict = {}
        for q in sec.questions:
            if q.rubric:
                rubrics.setdefault(q.rubric.id or id(q.rubric), q.rubric)
        if rubrics:
            out.append(self.para("Rubrics", "h3", role=f"H{h}"))
            for r in rubrics.values():
                out += self.rubric(r, h + 1)
        if sec.quiz:
            out.append(self.para("Quiz", "h3", role=f"H{h}"))
            for n, item in enumerate(sec.quiz, 1):
                out += self.quiz_key(n, item, ink)
        return out

    def quiz_key(self, n: int, item: DocQuizItem, ink: Inline) -> list:
        question = self.para(f"<b>{ink.render(item.text)}</b>", "question", role="LI", bulletText=f"{n}.")
        question.keepWithNext = 1
        out = [question]
        if item.type == "choice":
            right = next((i for i, o in enumerate(item.options) if o.correct), 0)
            out.append(self.para(f"Answer: <b>{LETTERS[right]}</b>. {ink.render(item.options[right].text)}",
                                 "question", role="P"))
            for i, o in enumerate(item.options):
                text = ink.render(o.text)
                feedback = ink.render(o.feedback) if o.feedback else "<i>No feedback is given.</i>"
                out.append(self.para(f"{f'<b>{text}</b> (correct)' if o.correct else text} — {feedback}", "option",
                                     role="LI", bulletText=f"{LETTERS[i]}."))
        else:
            accepted = ", ".join(f"<b>{esc(a)}</b>" for a in item.accept)
            typos = {0: "no typing errors allowed", 1: "one typing error allowed"}.get(
                item.tolerance, f"{item.tolerance} typing errors allowed")
            out.append(self.para(f"Accepted: {accepted} (case and extra spaces do not matter; {typos}).",
                                 "question", role="P"))
            if item.feedback:
                out.append(self.para(ink.render(item.feedback), "question", role="P"))
        return out

    def rubric(self, r: DocRubric, h: int, title: str | None = None) -> list:
        """A rubric as a table: a row per criterion, a column per performance level (lowest first)."""
        ink = self.inline(notes=False, link_terms=False)
        out = [self.para(esc(title or rubric_title(r)), "h3", role=f"H{min(h, 6)}")]
        if r.objectives:
            out.append(self.para("<i>Assesses:</i> " + " ".join(ink.render(o) for o in r.objectives), "small"))
        head = [self.para("Criterion", "cell_head", role="TH")]
        head += [self.para(esc(step), "cell_head", role="TH") for step in r.scale]
        rows = [head]
        for name, levels in r.criteria:
            rows.append([self.para(esc(name), "cell_term", role="TH", scope="Row")]
                        + [self.para(ink.render(d), "cell", role="TD") for d in levels])
        w = self.width
        first = w * 0.2
        widths = [first] + [(w - first) / max(1, len(r.scale))] * len(r.scale)
        table = self._table(rows, widths)
        out.append(tag(table, "Table"))
        out.append(Spacer(1, self.theme.leading * 0.5))
        return out

    def dbq_key(self, d) -> list:
        ink = self.inline(notes=False, link_terms=False)
        key = anchor("answers", "dbq", d.id)
        title = f"Document-based question: {d.title}"
        out = [CondPageBreak(self.theme.leading * 8), Marker(key, title, level=1),
               self.para(esc(title), "h2", role="H2"),
               self.para("Model thesis", "h3", role="H3"),
               self.para(ink.render(d.thesis) if d.thesis else "<i>No model thesis is given.</i>", "body")]
        if d.rubric:
            out += self.rubric(d.rubric, 3, "Rubric" + (f": {d.rubric.title}" if d.rubric.title else ""))
        return out

    def task_key(self, task) -> list:
        key = anchor("answers", "task", task.id)
        title = f"Summative task: {task.title}"
        out = [CondPageBreak(self.theme.leading * 8), Marker(key, title, level=1),
               self.para(esc(title), "h2", role="H2")]
        if task.rubric:
            out += self.rubric(task.rubric, 3, "Rubric" + (f": {task.rubric.title}" if task.rubric.title else ""))
        else:
            out.append(self.para("<i>No rubric is given.</i>", "body"))
        return out

    # -- assessment parts ---------------------------------------------------------------------------
    def dbqs(self) -> list:
        out = self.part_opening("dbq")
        t = self.theme
        for n, d in enumerate(self.doc.dbqs):
            ink = self.inline(notes=False)
            if n:
                out.append(CondPageBreak(t.leading * 10))
            out.append(self.para(esc(d.title), "h2", role="H2"))
            out.append(self.para(ink.render(d.prompt), "lead"))
            out.append(self.para("The documents", "h3", role="H3"))
            out.append(self.para("Read each document again where it is printed in its section (the page is "
                                 "given). Use most of them, and what you know from the sections.", "small"))
            rows = [[self.para("", "cell_head", role="TH"), self.para("Document", "cell_head", role="TH"),
                     self.para("Section", "cell_head", role="TH"), self.para("Page", "cell_head_num", role="TH")]]
            for i, doc in enumerate(d.documents):
                link = quoteattr("#" + anchor("doc", doc.block))
                who = f" <font color={quoteattr(t.muted)}>— {esc(doc.attribution)}</font>" if doc.attribution else ""
                rows.append([self.para(LETTERS[i], "cell_term", role="TD"),
                             self.para(f"<a href={link}>{esc(doc.title)}</a>{who}", "cell", role="TD"),
                             self.para(str(doc.section), "cell", role="TD"),
                             tag(PageRef(anchor("doc", doc.block), self.st["cell_num"]), "TD")])
            w = self.width
            out.append(tag(self._table(rows, [w * 0.07, w * 0.65, w * 0.14, w * 0.14]), "Table"))
            out.append(Spacer(1, t.leading * 0.5))
            out.append(self.para("Write an essay with a clear thesis that answers the question, supported by "
                                 "evidence from the documents and from the sections.", "body"))
        return out

    def tasks(self) -> list:
        out = self.part_opening("task")
        for task in self.doc.tasks:
            ink = self.inline(notes=False)
            out.append(self.para(esc(task.title), "h2", role="H2"))
            out.append(self.para(ink.render(task.text), "body"))
        return out

    # -- back matter --------------------------------------------------------------------------------
    def _table(self, rows, widths, head: bool = True, year_rows=()) -> Table:
        t = self.theme
        if head:        # no word of a header cell broken in a narrow column
            widths = fit_header_words(rows[0], widths, t.body_size * 0.8)
        table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), t.body_size * 0.8),
            ("TOPPADDING", (0, 0), (-1, -1), t.leading * 0.2), ("BOTTOMPADDING", (0, 0), (-1, -1), t.leading * 0.3),
        ]
        if head:
            cmds += [("LINEBELOW", (0, 0), (-1, 0), 0.8, color(t.ink)),
                     ("BOTTOMPADDING", (0, 0), (-1, 0), t.leading * 0.25)]
        for r in year_rows:
            cmds += [("SPAN", (0, r), (-1, r)), ("TOPPADDING", (0, r), (-1, r), t.leading * 0.6),
                     ("LINEBELOW", (0, r), (-1, r), 0.4, color(t.rule))]
        table.setStyle(table_style(t, cmds))
        return table

    def chronology(self) -> list:
        out = self.part_opening("chronology")
        ink = self.inline(notes=False)
        titles = {s.id: s.number for s in self.doc.sections}
        out.append(self.para("Events of the sections in this edition, in date order. The number after each "
                             "event is the section that tells its story.", "small"))
        rows = [[self.para("Date", "cell_head", role="TH"), self.para("Event", "cell_head", role="TH"),
                 self.para("Section", "cell_head", role="TH")]]
        year_rows = []
        for year, events in self.doc.chronology:
            year_rows.append(len(rows))
            rows.append([self.para(str(year), "year", role="TH", scope="Row"), Spacer(1, 1), Spacer(1, 1)])
            for ev in events:
                src = f" <font size={self.theme.size(0.75)} color={quoteattr(self.theme.muted)}>" \
                      f"({esc(author_date(ev.source))})</font>" if ev.source else ""
                rows.append([self.para(esc(ev.when), "cell", role="TD"),
                             self.para(ink.render(ev.text) + src, "cell", role="TD"),
                             self.para(str(titles.get(ev.section, "")), "cell", role="TD")])
        w = self.width
        out.append(tag(self._table(rows, [w * 0.2, w * 0.68, w * 0.12], year_rows=year_rows), "Table"))
        return out

    def glossary(self) -> list:
        out = self.part_opening("glossary")
        ink = self.inline(notes=False, link_terms=False)
        rows = [[self.para("Term", "cell_head", role="TH"), self.para("Meaning", "cell_head", role="TH")]]
        for dt in self.doc.glossary:
            term = dt.term
            left = f'<a name={quoteattr(anchor("term", term.id))}/>{esc(term.term)}'
            extra = []
            if term.original:
                extra.append(esc(term.original))
            if term.translit and term.translit != term.term:
                extra.append(f"<i>{esc(term.translit)}</i>")
            cell = [self.para(left, "cell_term", role="TD")]
            if extra:
                cell.append(self.para(" · ".join(extra), "cell_small", role="TD"))
            meaning = ink.render(dt.definition)
            if term.expansion:
                meaning = f"<i>{esc(term.expansion)}.</i> " + meaning
            right = [self.para(meaning, "cell", role="TD")]
            notes = []
            if dt.related:
                notes.append("See also: " + ", ".join(
                    f'<a href={quoteattr("#" + anchor("term", r.id))}>{esc(r.term)}</a>' for r in dt.related))
            if term.variants:
                notes.append("Also spelled: " + ", ".join(esc(v) for v in term.variants))
            if notes:
                right.append(self.para(". ".join(notes) + ".", "cell_small", role="TD"))
            rows.append([cell, right])
        w = self.width
        out.append(tag(self._table(rows, [w * 0.3, w * 0.7]), "Table"))
        return out

    def people(self) -> list:
        out = self.part_opening("people")
        ink = self.inline(notes=False, link_terms=False)
        rows = [[self.para("Name", "cell_head", role="TH"), self.para("Who they were", "cell_head", role="TH")]]
        for dp in self.doc.people:
            p = dp.person
            life = f"{p.born or '?'}–{p.died or ''}" if (p.born or p.died) else ""
            cell = [self.para(esc(p.sort), "cell_term", role="TD")]
            small = [x for x in (life, p.original) if x]
            if p.pronounce:
                small.append(f"say: {p.pronounce}")
            if small:
                cell.append(self.para(esc(" · ".join(small)), "cell_small", role="TD"))
            text = ink.render(dp.role)
            if dp.fate:
                text += " " + ink.render(dp.fate)
            right = [self.para(text, "cell", role="TD")]
            if p.variants:
                right.append(self.para("Also spelled: " + esc(", ".join(p.variants)) + ".", "cell_small", role="TD"))
            rows.append([cell, right])
        w = self.width
        out.append(tag(self._table(rows, [w * 0.32, w * 0.68]), "Table"))
        return out

    def notes(self) -> list:
        out = self.part_opening("notes")
        for sec in self.doc.sections:
            if not sec.notes:
                continue
            out.append(self.para(esc(f"{sec.number}. {sec.title}"), "h3", role="H2"))
            out += self.note_list(sec)
        return out

    def note_list(self, sec: DocSection) -> list:
        ink = self.inline(notes=False)
        out = []
        for note in sec.notes:
            text = ink.render(whole_note(note.cites))     # the full stop inside a closing quotation mark
            target = quoteattr(anchor("note", sec.number, note.number))
            out.append(tag(GuideParagraph(f"<a name={target}/>" + text, self.st["note"],
                                     bulletText=f"{note.number}."), "Note", id=f"note-{sec.number}-{note.number}"))
        return out

    def bibliography(self) -> list:
        out = self.part_opening("bibliography")
        ink = self.inline(notes=False)
        out.append(self.para("Works cited in this edition.", "small"))
        for src in self.doc.bibliography:
            out.append(self.para(ink.render(entry(src)), "biblio", role="LI"))
        return out

    def reading(self) -> list:
        t = self.theme
        key = anchor("part", "reading")
        title = PARTS_TITLES["reading"]
        out = [CondPageBreak(t.leading * 8), Spacer(1, t.leading), Marker(key, title, running_head=title),
               self.para(esc(title), "h1", role="H1")]
        self.toc.append((key, "", title))
        ink = self.inline(notes=False)
        out.append(self.para(f"Suggested for {esc(self.doc.level_label.lower())} readers.", "small"))
        for item in self.doc.reading:
            text = ink.render(entry(item.source))
            if item.note:
                text += f" <font color={quoteattr(t.muted)}>— {ink.render(item.note)}</font>"
            out.append(self.para(text, "biblio", role="LI"))
        return out
