"""The .docx renderer: draws a `Plan` (guide/plan/) in Word's styles, part by part, with a table
`part.kind → method` as the PDF renderer has, and the blocks of a section with a second table.

Title page: Title, Subtitle; contents: a TOC field (Word fills in the page numbers); a part or section
opening: Heading 1, after a page break where the plan starts a page; subheadings Heading 2; the title of a
box one level below the heading it stands under; questions and quiz items: List Number lists with the
plan's numbers, quiz options lettered (List Number 2); quotations: Quote; figure titles and captions:
Caption; tables in one table style. Link targets are the plan's keys, as bookmarks. Decides nothing: what
to print, the numbers and the labels are all the plan's.
"""
from __future__ import annotations

from ..bibliography import author_date
from ..bibliography import note as whole_note
from ..document import DocBlock, DocSection
from ..markup import Span
from .docx_writer import Writer, bookmark_name

PAPER_INCHES = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}


def mark(key: str | None) -> str | None:
    """The bookmark of a plan's key."""
    return bookmark_name(key) if key else None


class WordRenderer:
    def __init__(self, plan, figures):
        self.plan = plan
        self.doc = plan.document
        self.w = Writer(self.doc.sources)
        self.figures = figures              # block → (png, width in inches)
        self.level = 1
        self.links = {t.term.id: mark(f"term-{t.term.id}") for t in self.doc.glossary}
        from docx.shared import Inches
        section = self.w.docx.sections[0]
        width, height = PAPER_INCHES.get(plan.layout.paper, PAPER_INCHES["letter"])
        section.page_width, section.page_height = Inches(width), Inches(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Inches(1))
        self.text_width = width - 2

    # -- helpers --------------------------------------------------------------------------------------
    def heading(self, text: str | None, level: int, spans: list[Span] | None = None, key: str | None = None,
                new_page: bool = False):
        self.level = level
        p = self.w.para(f"Heading {min(level, 9)}", spans, text=text, notes=False, bookmark=mark(key))
        if new_page and len(self.w.docx.paragraphs) > 1:
            self.w.page_break(p)
        return p

    def box_heading(self, text: str | None, spans: list[Span] | None = None, deeper: int = 1, key=None):
        """A box's title: one level below the heading it stands under (two for a heading inside a box)."""
        return self.w.para(f"Heading {min(self.level + deeper, 9)}", spans, text=text, notes=False,
                           bookmark=mark(key))

    def body(self, spans, style: str = "Normal", section: int | None = None, notes: bool = True):
        p = self.w.add(style)
        self.w.spans(p, spans or [], notes=notes, links=self.links, section=section)
        return p

    def numbered(self, items: list, section: int | None = None, start: int = 1, letters: bool = False,
                 style: str = "List Number", notes: bool = True, bold: bool = False) -> None:
        num = self.w.numbered(start, letters)
        for spans in items:
            p = self.w.item(num, style=style)
            self.w.spans(p, spans or [], notes=notes, links=self.links, section=section,
                         style="Strong" if bold else None)

    def bullets(self, items: list, section: int | None = None) -> None:
        for spans in items:
            self.body(spans, "List Bullet", section)

    # -- the whole document -------------------------------------------------------------------------
    def render(self) -> bytes:
        from .docx_back import BACK
        from .docx_key import answer_key
        table = {"title-page": self.title_page, "imprint": self.imprint, "contents": self.contents,
                 "name-line": self.name_line, "section": self.section, "handout-quiz": self.handout_quiz,
                 "answer-key": lambda part: answer_key(self, part)}
        for part in self.plan.parts:
            if part.kind in table:
                table[part.kind](part)
            else:
                BACK[part.kind](self, part)
        return self.w.save()

    # -- front matter -------------------------------------------------------------------------------
    def title_page(self, part) -> None:
        w = self.w
        w.para("Title", text=part.title, bookmark=mark(part.key))
        if part.subtitle:
            w.para("Subtitle", text=part.subtitle)
        w.para("Normal", text=part.kicker)
        w.para("Normal", text=part.level_line)
        for line in part.people:
            w.para("Normal", text=line)
        w.para("Normal", text=part.date)

    def imprint(self, part) -> None:
        for head, spans in part.items:
            p = self.w.para("Normal", bookmark=None)
            self.w.text(p, f"{head}. ", "Strong")
            self.w.spans(p, spans, notes=False)

    def contents(self, part) -> None:
        p = self.w.para("TOC Heading", text=part.title, bookmark=mark(part.key))
        self.w.page_break(p)          # the contents on a page of their own, as in the PDF
        self.w.toc("The contents appear here when the document is opened in Word (or: right-click, Update "
                   "Field).")

    def name_line(self, part) -> None:
        self.w.para("Normal", text="   ".join(f"{name}: ____________" for name in part.fields))

    # -- sections -----------------------------------------------------------------------------------
    def section(self, part) -> None:
        sec: DocSection = part.section
        title = f"{sec.number}. {sec.title}" if part.kicker.startswith("Section") else sec.title
        self.heading(title, 1, key=part.key, new_page=part.new_page)
        n = sec.number
        key_question, objectives = part.box_titles
        if sec.key_question:
            self.box_heading(key_question)
            self.body(sec.key_question, "Intense Quote", n)
        if sec.objectives:
            self.box_heading(objectives)
            self.bullets(sec.objectives, n)
        for b, sub_key, doc_key in zip(sec.blocks, part.subheading_keys, part.document_keys):
            BLOCKS[b.type](self, b, sec, sub_key or doc_key)
        if part.question_groups:
            self.heading("Questions", 2, key=part.questions_key)
            for group in part.question_groups:
                self.heading(group.title, 3)
                if part.answer_lines:     # a worksheet: ruled lines to write on after each question
                    num = self.w.numbered(group.items[0][0])
                    for _, q in group.items:
                        p = self.w.item(num)
                        self.w.spans(p, q.text, links=self.links, section=n)
                        self.w.answer_lines(q.lines)
                else:
                    self.numbered([q.text for _, q in group.items], n, start=group.items[0][0])
        if part.quiz:
            self.quiz(part.quiz)

    def quiz(self, quiz, level: int = 2) -> None:
        self.heading(quiz.heading, level, key=quiz.key, new_page=quiz.new_page)
        self.w.para("Normal", text=quiz.intro)
        num = self.w.numbered(quiz.items[0][0] if quiz.items else 1)
        for _, item, _letters in quiz.items:
            p = self.w.item(num)
            self.w.spans(p, item.text, notes=False, links=self.links)
            if item.type == "choice":
                self.numbered([o.text for o in item.options], letters=True, style="List Number 2", notes=False)
            else:
                self.w.answer_lines(1)

    def handout_quiz(self, part) -> None:
        self.quiz(part.quiz)

    # -- blocks -------------------------------------------------------------------------------------
    def paragraph(self, b: DocBlock, sec: DocSection, key) -> None:
        self.body(b.text, section=sec.number)

    def subheading(self, b: DocBlock, sec: DocSection, key) -> None:
        self.heading(None, 2, b.text, key=key)

    def callout(self, b: DocBlock, sec: DocSection, key) -> None:
        self.box_heading(None, b.title)
        self.body(b.text, section=sec.number)

    def primary(self, b: DocBlock, sec: DocSection, key) -> None:
        w, n = self.w, sec.number
        self.box_heading(None, b.title, key=key)
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
            self.numbered(b.questions, n)

    def figures_block(self, b: DocBlock, sec: DocSection, key) -> None:
        w = self.w
        self.box_heading("Key figures")
        for dp in b.people:
            p = w.add("List Bullet")
            person = dp.person
            life = f" ({person.born or '?'}–{person.died or ''})" if (person.born or person.died) else ""
            w.text(p, person.name, "Strong")
            w.text(p, life + (": " if dp.role else ""))
            w.spans(p, dp.role or [], links=self.links, section=sec.number)

    def figure(self, b: DocBlock, sec: DocSection, key) -> None:
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


BLOCKS = {"paragraph": WordRenderer.paragraph, "subheading": WordRenderer.subheading,
          "callout": WordRenderer.callout, "primary": WordRenderer.primary, "figures": WordRenderer.figures_block,
          "map": WordRenderer.figure, "chart": WordRenderer.figure}
