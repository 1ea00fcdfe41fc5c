"""The edition as a Word document: the same parts, in the same order and with the same numbers as the PDF
(`guide/typeset/parts.py`), in Word's styles.

Title page: Title, Subtitle; the contents: a TOC field (Word fills in its page numbers); each section and
back-matter part: Heading 1 (starting a page, as in the PDF), its subheadings Heading 2, the titles of boxes
one level below the heading they stand under; questions and quiz items: List Number lists, numbered through
the section as in the PDF, quiz options lettered; quotations: Quote; figure titles and captions: Caption;
the chronology, glossary, who's who and rubrics: tables in one table style. Notes: numbered per section
as in the PDF, each note number in the text a link to the note in the Notes part (bookmarked). The answer
key (`docx_key.py`) follows `--answers` as the PDF's does.
"""
from __future__ import annotations

from ..bibliography import author_date, entry
from ..bibliography import note as whole_note
from ..document import DocBlock, DocSection, Document
from ..markup import Span
from ..typeset.parts import KIND_TITLES, PARTS_TITLES, numbered_questions  # (until the plan numbers them)
from .docx_writer import Writer, bookmark_name

PART_TITLES = {**PARTS_TITLES, "notes": "Notes"}
PAPER_INCHES = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}


class WordStory:
    def __init__(self, doc: Document, figures):
        self.doc = doc
        self.w = Writer()
        self.figures = figures              # block → (png, width in inches)
        self.level = 1
        self.links = {t.term.id: bookmark_name("term", t.term.id) for t in doc.glossary}
        self.dbq_documents = {x.block for d in doc.dbqs for x in d.documents}
        from docx.shared import Inches
        section = self.w.docx.sections[0]
        width, height = PAPER_INCHES.get(doc.paper, PAPER_INCHES["letter"])
        section.page_width, section.page_height = Inches(width), Inches(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(1))
        self.text_width = width - 2

    # -- helpers --------------------------------------------------------------------------------------
    def heading(self, text: str | None, level: int, spans: list[Span] | None = None, bookmark: str | None = None):
        self.level = level
        return self.w.para(f"Heading {min(level, 9)}", spans, text=text, notes=False, bookmark=bookmark)

    def box_heading(self, text: str | None, spans: list[Span] | None = None, deeper: int = 1):
        """A box's title: one level below the heading it stands under (two for a heading inside a box)."""
        return self.w.para(f"Heading {min(self.level + deeper, 9)}", spans, text=text, notes=False)

    def body(self, spans, style: str = "Normal", section: int | None = None, notes: bool = True):
        p = self.w.add(style)
        self.w.spans(p, spans or [], notes=notes, links=self.links, section=section)
        return p

    def list_items(self, items: list, section: int | None, start: int = 1, letters: bool = False,
                   style: str = "List Number", notes: bool = True) -> None:
        num = self.w.numbered(start, letters)
        for spans in items:
            p = self.w.item(num, style=style)
            self.w.spans(p, spans or [], notes=notes, links=self.links, section=section)

    def bullets(self, items: list, section: int | None = None, notes: bool = True) -> None:
        for spans in items:
            p = self.w.add("List Bullet")
            self.w.spans(p, spans, notes=notes, links=self.links, section=section)

    # -- the whole document -------------------------------------------------------------------------
    def build(self, with_key: bool | None = None) -> bytes:
        d = self.doc
        self.title_page()
        self.contents()
        for sec in d.sections:
            self.section(sec)
        if d.dbqs:
            self.dbqs()
        if d.tasks:
            self.tasks()
        if d.chronology:
            self.chronology()
        if d.glossary:
            self.glossary()
        if d.people:
            self.people()
        if any(s.notes for s in d.sections):
            self.notes()
        if d.bibliography:
            self.bibliography()
        if d.reading:
            self.reading()
        if d.answers == "appendix" if with_key is None else with_key:
            from .docx_key import answer_key
            answer_key(self)
        return self.w.save()

    def build_answers(self) -> bytes:
        """The separate teacher's copy: title, contents and the answer key."""
        from .docx_key import answer_key
        self.title_page(kicker="Answer key")
        self.contents()
        answer_key(self)
        return self.w.save()

    # -- front matter -------------------------------------------------------------------------------
    def title_page(self, kicker: str = "Study guide") -> None:
        d, w = self.doc, self.w
        w.para("Title", text=d.title)
        if d.subtitle:
            w.para("Subtitle", text=d.subtitle)
        w.para("Normal", text=f"{kicker} · {d.level_label} edition" + (f" · {d.audience}" if d.audience else ""))
        course = " · ".join(x for x in (d.course, d.period) if x)
        for line in (x for x in (d.instructor, course, d.school) if x):
            w.para("Normal", text=line)
        w.para("Normal", text=d.date or d.built)
        lines = [("About this edition", f"{d.title}: {d.level_label} edition ({d.audience}). Content version "
                  f"{d.version}{', dated ' + d.content_date if d.content_date else ''}; this copy was made on "
                  f"{d.built}."),
                 ("Licence", d.license or "All rights reserved."),
                 ("Permission to photocopy", "Instructors may photocopy and print this guide, in whole or in part, "
                  "for use with their own classes, and may share it with their students in print or as a file.")]
        if d.cite_as:
            lines.append(("How to cite this guide", d.cite_as))
        lines.append(("How it was made", "Written as structured text and exported from the open-source tool "
                      "guide as a Word document in Word's own styles."))
        for head, text in lines:
            p = w.para("Normal")
            w.text(p, f"{head}. ", "Strong")
            w.text(p, text)

    def contents(self) -> None:
        self.w.para("TOC Heading", text="Contents")
        self.w.toc("The contents appear here when the document is opened in Word (or: right-click, Update "
                   "Field).")

    # -- sections -----------------------------------------------------------------------------------
    def section(self, sec: DocSection, numbered: bool = True) -> None:
        self.heading(f"{sec.number}. {sec.title}" if numbered else sec.title, 1,
                     bookmark=bookmark_name("sec", sec.id))
        n = sec.number
        if sec.key_question:
            self.box_heading("Key question")
            self.body(sec.key_question, "Intense Quote", n)
        if sec.objectives:
            self.box_heading("In this section you will")
            self.bullets(sec.objectives, n)
        for b in sec.blocks:
            self.block(b, sec)
        if sec.questions:
            self.questions(sec)
        if sec.quiz:
            self.quiz(sec)

    def block(self, b: DocBlock, sec: DocSection) -> None:
        n, w = sec.number, self.w
        if b.type == "paragraph":
            self.body(b.text, section=n)
        elif b.type == "subheading":
            self.heading(None, 2, b.text)
        elif b.type == "callout":
            self.box_heading(None, b.title)
            self.body(b.text, section=n)
        elif b.type == "primary":
            title = self.box_heading(None, b.title)
            if b.id in self.dbq_documents:
                w.bookmark(title, bookmark_name("doc", b.id))
            if b.intro:
                self.body(b.intro, section=n)
            w.para("Quote", text=f"“{(b.quote or '').strip()}”")
            p = w.para("Normal", text="— ")
            w.spans(p, b.attribution or [], links=self.links, section=n)
            if b.source:
                w.text(p, ". Source: ")
                w.spans(p, whole_note([(b.source, b.locator)]), notes=False)
            if b.questions:
                self.box_heading("Questions", deeper=2)
                self.list_items(b.questions, n)
        elif b.type == "figures":
            self.box_heading("Key figures")
            for dp in b.people:
                p = w.add("List Bullet")
                person = dp.person
                life = f" ({person.born or '?'}–{person.died or ''})" if (person.born or person.died) else ""
                w.text(p, person.name, "Strong")
                w.text(p, life + (": " if dp.role else ""))
                w.spans(p, dp.role or [], links=self.links, section=n)
        elif b.type in ("chart", "map"):
            self.figure(b, sec)

    def figure(self, b: DocBlock, sec: DocSection) -> None:
        w, n = self.w, sec.number
        self.body(b.title, "Caption", n)
        png, width = self.figures(b)
        w.picture(png, min(width, self.text_width), b.alt or "", "".join(s.plain() for s in b.title or []) or b.type)
        cap = self.body(b.caption, "Caption", n)
        if b.type == "map":
            w.text(cap, " Boundaries: Natural Earth (public domain), simplified.")
            self.box_heading("On the map")
            for pl in b.places:
                p = w.add("List Bullet")
                w.text(p, pl.name, "Strong")
                w.text(p, (f" ({pl.years})" if pl.years else "") + ": ")
                w.spans(p, pl.text or [], notes=False, links=self.links)
                if pl.source:
                    w.text(p, f" ({author_date(pl.source)})")
        elif b.source:
            w.text(cap, " Source: ")
            w.spans(cap, whole_note([(b.source, None)]), notes=False)

    def questions(self, sec: DocSection) -> None:
        self.heading("Questions", 2)
        for kind, numbered in numbered_questions(sec):
            self.heading(KIND_TITLES[kind], 3)
            self.list_items([q.text for _, q in numbered], sec.number, start=numbered[0][0])

    def quiz(self, sec: DocSection) -> None:
        self.heading("Quiz", 2)
        self.w.para("Normal", text="For each multiple-choice item, circle the letter of the one best answer. Answer "
                    "the other items with a word or a short phrase.")
        num = self.w.numbered(1)
        for item in sec.quiz:
            p = self.w.item(num)
            self.w.spans(p, item.text, notes=False, links=self.links)
            if item.type == "choice":
                self.list_items([o.text for o in item.options], None, letters=True, style="List Number 2",
                                notes=False)

    # -- assessment parts ---------------------------------------------------------------------------
    def dbqs(self) -> None:
        self.heading(PART_TITLES["dbq"], 1)
        for d in self.doc.dbqs:
            self.heading(d.title, 2)
            self.body(d.prompt, notes=False)
            self.heading("The documents", 3)
            self.w.para("Normal", text="Read each document again where it is printed in its section. Use most "
                        "of them, and what you know from the sections.")
            widths = [0.5, self.text_width - 1.6, 1.1]
            table = self.w.table(["", "Document", "Section"], widths)
            for i, doc in enumerate(d.documents):
                cells = self.w.row(table, widths)
                self.w.text(cells[0].paragraphs[0], "ABCDEFGHIJ"[i])
                self.w.link(cells[1].paragraphs[0], doc.title, bookmark_name("doc", doc.block), "Hyperlink")
                if doc.attribution:
                    self.w.text(cells[1].paragraphs[0], f" — {doc.attribution}")
                self.w.text(cells[2].paragraphs[0], str(doc.section))
            self.w.para("Normal", text="Write an essay with a clear thesis that answers the question, supported by "
                        "evidence from the documents and from the sections.")

    def tasks(self) -> None:
        self.heading(PART_TITLES["task"], 1)
        for task in self.doc.tasks:
            self.heading(task.title, 2)
            self.body(task.text, notes=False)

    # -- back matter --------------------------------------------------------------------------------
    def chronology(self) -> None:
        self.heading(PART_TITLES["chronology"], 1)
        self.w.para("Normal", text="Events of the sections in this edition, in date order. The number after each "
                    "event is the section that tells its story.")
        numbers = {s.id: s.number for s in self.doc.sections}
        widths = [1.3, self.text_width - 2.2, 0.9]
        table = self.w.table(["Date", "Event", "Section"], widths)
        for year, events in self.doc.chronology:
            cells = self.w.row(table, widths)
            merged = cells[0].merge(cells[-1])
            self.w.text(merged.paragraphs[0], str(year), "Strong")
            for ev in events:
                cells = self.w.row(table, widths)
                self.w.text(cells[0].paragraphs[0], ev.when or str(year))
                self.w.spans(cells[1].paragraphs[0], ev.text or [], notes=False, links=self.links)
                if ev.source:
                    self.w.text(cells[1].paragraphs[0], f" ({author_date(ev.source)})")
                self.w.text(cells[2].paragraphs[0], str(numbers.get(ev.section, "")))

    def glossary(self) -> None:
        self.heading(PART_TITLES["glossary"], 1)
        widths = [1.9, self.text_width - 1.9]
        table = self.w.table(["Term", "Meaning"], widths)
        for dt in self.doc.glossary:
            t = dt.term
            left, right = self.w.row(table, widths)
            p = left.paragraphs[0]
            self.w.text(p, t.term, "Strong")
            self.w.bookmark(p, self.links[t.id])
            extra = [x for x in (t.original, t.translit if t.translit and t.translit != t.term else None) if x]
            if extra:
                self.w.text(left.add_paragraph(), " · ".join(extra))
            p = right.paragraphs[0]
            if t.expansion:
                self.w.text(p, f"{t.expansion}. ", "Emphasis")
            self.w.spans(p, dt.definition, notes=False)
            notes = []
            if dt.related:
                notes.append("See also: " + ", ".join(r.term for r in dt.related))
            if t.variants:
                notes.append("Also spelled: " + ", ".join(t.variants))
            if notes:
                self.w.text(right.add_paragraph(), ". ".join(notes) + ".")

    def people(self) -> None:
        self.heading(PART_TITLES["people"], 1)
        widths = [2.0, self.text_width - 2.0]
        table = self.w.table(["Name", "Who they were"], widths)
        for dp in self.doc.people:
            p = dp.person
            left, right = self.w.row(table, widths)
            self.w.text(left.paragraphs[0], p.sort, "Strong")
            life = f"{p.born or '?'}–{p.died or ''}" if (p.born or p.died) else ""
            small = [x for x in (life, p.original) if x] + ([f"say: {p.pronounce}"] if p.pronounce else [])
            if small:
                self.w.text(left.add_paragraph(), " · ".join(small))
            para = right.paragraphs[0]
            self.w.spans(para, dp.role or [], notes=False)
            if dp.fate:
                self.w.text(para, " ")
                self.w.spans(para, dp.fate, notes=False)
            if p.variants:
                self.w.text(right.add_paragraph(), "Also spelled: " + ", ".join(p.variants) + ".")

    def notes(self) -> None:
        self.heading(PART_TITLES["notes"], 1)
        for sec in self.doc.sections:
            if sec.notes:
                self.heading(f"{sec.number}. {sec.title}", 2)
                self.note_list(sec)

    def note_list(self, sec: DocSection) -> None:
        from .docx_writer import NOTE_STYLE
        for note in sec.notes:
            p = self.w.para(NOTE_STYLE, text=f"{note.number}. ", bookmark=bookmark_name("note", sec.number, note.number))
            self.w.spans(p, whole_note(note.cites), notes=False)

    def bibliography(self) -> None:
        self.heading(PART_TITLES["bibliography"], 1)
        self.w.para("Normal", text="Works cited in this edition.")
        for src in self.doc.bibliography:
            self.body(entry(src), notes=False)

    def reading(self) -> None:
        self.heading(PART_TITLES["reading"], 1)
        self.w.para("Normal", text=f"Suggested for {self.doc.level_label.lower()} readers.")
        for item in self.doc.reading:
            p = self.body(entry(item.source), notes=False)
            if item.note:
                self.w.text(p, " — ")
                self.w.spans(p, item.note, notes=False)
