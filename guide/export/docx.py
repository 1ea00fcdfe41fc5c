"""`guide export docx`: the edition (or one section, as a handout) as an editable Word document.

The document's date is the build's (SOURCE_DATE_EPOCH when set), its author the edition's instructor.
Nothing here selects or resolves: `guide/exporting.py` runs the pipeline and hands the document over.
"""
from __future__ import annotations

import datetime as _dt

from ..document import Document
from ..theme import Theme


def _when(doc: Document) -> _dt.datetime:
    """The day of the build, as the document gives it ("1 December 2026"; SOURCE_DATE_EPOCH when set)."""
    try:
        return _dt.datetime.strptime(doc.built, "%d %B %Y")
    except ValueError:
        return _dt.datetime(1980, 1, 1)


def _story(doc: Document, theme: Theme, kind: str = "study guide"):
    from .docx_parts import WordStory
    from .images import figure_png

    cache: dict[int, tuple[bytes, float]] = {}

    def figures(block):
        if id(block) not in cache:
            cache[id(block)] = figure_png(block, theme)
        return cache[id(block)]

    story = WordStory(doc, figures)
    story.w.properties(doc.title, doc.instructor or "", doc.subtitle or doc.title,
                       ", ".join(x for x in (doc.topic, doc.level_label, kind) if x), _when(doc))
    return story


def export_docx(doc: Document, theme: Theme) -> list[tuple[str, bytes]]:
    """The document, and its separate answer key when the edition asks for one: [(suffix, bytes)]."""
    out = [("", _story(doc, theme).build())]
    if doc.answers == "separate":
        out.append(("-answers", _story(doc, theme, "answer key").build_answers()))
    return out


def export_handout(doc: Document, theme: Theme) -> list[tuple[str, bytes]]:
    """One section as a worksheet (its document resolved for that section alone), and its answer sheet when
    the edition asks for separate answers."""
    out = [("", handout(_story(doc, theme, "handout")))]
    if doc.answers == "separate":
        out.append(("-answers", handout_answers(_story(doc, theme, "answer sheet"))))
    return out


def handout(story) -> bytes:
    """As the PDF handout: the section unnumbered, a name line, the section's own terms, timeline, notes and
    works cited (Heading 2, below the section's title), then its quiz."""
    doc, w = story.doc, story.w
    sec = doc.sections[0]
    quiz, sec.quiz = sec.quiz, []
    story.section(sec, numbered=False)
    sec.quiz = quiz
    after_title = story.w.docx.paragraphs[1]
    after_title.insert_paragraph_before("Name: ______________   Date: ________   Class: ________", style="Normal")
    if doc.glossary:
        story.heading("Key terms", 2)
        for dt in doc.glossary:
            p = w.para("List Bullet")
            w.text(p, dt.term.term, "Strong")
            w.text(p, (f" ({dt.term.original})" if dt.term.original else "") + ": ")
            w.spans(p, dt.definition, notes=False)
    if doc.chronology:
        story.heading("Timeline", 2)
        for year, events in doc.chronology:
            for ev in events:
                p = w.para("List Bullet")
                w.text(p, f"{ev.when} {year}".strip(), "Strong")
                w.text(p, " — ")
                w.spans(p, ev.text or [], notes=False)
    if sec.notes:
        story.heading("Notes", 2)
        story.note_list(sec)
    if doc.bibliography:
        from ..bibliography import entry
        story.heading("Works cited", 2)
        for src in doc.bibliography:
            story.body(entry(src), notes=False)
    if sec.quiz:
        story.quiz(sec)
    return w.save()


def handout_answers(story) -> bytes:
    from .docx_key import section_key
    sec = story.doc.sections[0]
    story.w.para("Title", text=f"Answer sheet · {sec.title}")
    section_key(story, sec, h=1, numbered=False)
    return story.w.save()
