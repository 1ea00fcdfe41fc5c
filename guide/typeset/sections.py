"""Renderers of a section: its opening, one renderer per block type (`BLOCKS`), its questions and quiz."""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from ..bibliography import author_date
from ..bibliography import note as whole_note
from ..document import DocBlock
from ..markup import Span
from ..plan import LABELS as L
from ..plan import HandoutQuiz, QuizPlan, SectionPart
from .charts import bar_chart
from .flowables import GuideParagraph, Lines, Marker, tag
from .inline import Inline, esc, quoteattr
from .keeps import FloatBarrier, QuizItem
from .story import Renderer
from .template import odd_page_break


def section(r: Renderer, p: SectionPart) -> list:
    sec = p.section
    out: list = []
    if p.new_page:
        out.append(odd_page_break() if r.layout.two_sided else PageBreak())
    out.append(Marker(p.key, sec.title, level=0, running_head=sec.title))
    out.append(r.para(esc(p.kicker.upper()), "kicker", role="P"))
    out.append(r.para(esc(sec.title), "h1", role="H1"))
    ink = r.inline(sec.number)
    opening = []
    if sec.key_question:
        opening.append(r.para(esc(p.box_titles[0]), "box_title", role="BoxH"))
        opening.append(r.para(ink.render(sec.key_question), "lead"))
    if sec.objectives:
        opening.append(r.para(esc(p.box_titles[1]), "box_title", role="BoxH"))
        for obj in sec.objectives:
            opening.append(r.para(ink.render(obj), "bullet", role="LI", bulletText="•"))
    if opening:
        out.append(r.box(opening))
    for b, sub_key, doc_key in zip(sec.blocks, p.subheading_keys, p.document_keys):
        for f in BLOCKS[b.type](r, b, ink, sub_key or doc_key):
            remember_source(f, b.location)
            out.append(f)
    if sec.questions:
        out += questions(r, p, ink)
    if p.quiz:
        out += [CondPageBreak(r.theme.leading * 6), Marker(p.quiz.key, L["quiz"], level=1),
                r.para(esc(p.quiz.heading), "h2", role="H2")]
        out += quiz_items(r, p.quiz, r.inline(sec.number, notes=False))
    return out


def questions(r: Renderer, p: SectionPart, ink: Inline) -> list:
    out = [FloatBarrier(), Marker(p.questions_key, L["questions"], level=1),
           r.para(esc(L["questions"]), "h2", role="H2")]
    for group in p.question_groups:
        out.append(r.para(esc(group.title), "h3", role="H3"))
        for n, q in group.items:
            item = r.para(ink.render(q.text), "question", role="LI", bulletText=f"{n}.")
            out.append(item)
            if p.answer_lines and q.lines:
                item.keepWithNext = 1  # (not KeepTogether: a heading's keepWithNext cannot hold one)
                out.append(tag(Lines(q.lines, r.theme), "Artifact"))
    return out


def quiz_items(r: Renderer, quiz: QuizPlan, ink: Inline) -> list:
    """The quiz: numbered items, lettered options, one answer line for a short-answer item."""
    out = [r.para(esc(quiz.intro), "small")]
    for n, item, letters in quiz.items:
        question = r.para(ink.render(item.text), "quiz_question", role="P", bulletText=f"{n}.")
        if item.type == "choice":
            options = [r.para(ink.render(o.text), "option", role="LI", bulletText=f"{letter}.")
                       for o, letter in zip(item.options, letters)]
            options[-1].spaceAfter = r.theme.leading * 0.5     # (set solid: apart from the next item)
            out.append(QuizItem(question, options))
        else:
            question.keepWithNext = 1
            out += [question, tag(Lines(1, r.theme), "Artifact")]      # (a line's space after it of its own)
    return out


def handout_quiz(r: Renderer, p: HandoutQuiz) -> list:
    """A handout's quiz, on a page of its own (to hand out, or collect, apart from the worksheet): a sheet
    with a title of its own, set as a section's (the page before it ends a part)."""
    out = [PageBreak(), Marker(p.quiz.key, L["quiz"], level=1), r.para(esc(p.quiz.heading), "h1", role="H2")]
    return out + quiz_items(r, p.quiz, r.inline(p.section.number, notes=False))


# -- blocks: (renderer, block, the section's inline renderer, its destination key or None) → flowables --

def paragraph(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    return [r.para(ink.render(b.text), "body")]


def subheading(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    text = Span("root", children=b.text or []).plain()
    return [Marker(key, text, level=1), r.para(ink.render(b.text), "h2", role="H2")]


def callout(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    return [r.box([r.para(ink.render(b.title), "box_title", role="BoxH"), r.para(ink.render(b.text), "box")])]


def primary(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    inner = [r.para(ink.render(b.title), "box_title", role="BoxH")]
    if b.intro:
        inner.append(r.para(ink.render(b.intro), "box"))
    inner.append(tag(GuideParagraph(esc(f"“{b.quote.strip()}”"), r.st["quote"]), "BlockQuote"))
    src = r.inline().render(whole_note([(b.source, b.locator)])) if b.source else ""
    attribution = ink.render(b.attribution)
    inner.append(r.para(f"— {attribution}" + (". " + esc(L["source"]).format(src) if src else ""), "attribution"))
    if b.questions:
        inner.append(r.para(esc(L["source box questions"]), "box_title", role="BoxH2"))
        for i, q in enumerate(b.questions, 1):
            inner.append(r.para(ink.render(q), "bullet", role="LI", bulletText=f"{i}."))
    box = r.box(inner, kind="primary")
    if key is None:
        return [box]
    marker = Marker(key)            # a DBQ lists it with its page:
    marker.keepWithNext = 1         # on the page where the box starts
    return [marker, box]


def figures(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    rows = []
    for dp in b.people:
        p = dp.person
        life = f" ({p.born or '?'}–{p.died or ''})" if (p.born or p.died) else ""
        name = f"<b>{esc(p.name)}</b>{esc(life)}"
        rows.append(r.para(f"{name}: {ink.render(dp.role)}" if dp.role else name, "box", role="LI"))
    return [r.box([r.para(esc(L["key figures"]), "box_title", role="BoxH"), *rows])]


def map_block(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    from .mapdraw import map_drawing
    t = r.theme
    title = r.para(ink.render(b.title), "h3", role="Caption")
    height = min(r.width * 0.72, r.layout.frame_height * 0.55)
    drawing = tag(map_drawing(b.places, t, r.width, height=height, label_places=b.labels), "Figure", alt=b.alt or "")
    cap = ink.render(b.caption)
    caption = r.para(cap + " " + esc(L["map boundaries"]), "caption", role="Caption")
    legend = [r.para(esc(L["on the map"]), "box_title", role="BoxH")]
    for pl in b.places:
        years = f" ({esc(pl.years)})" if pl.years else ""
        src = f" <font color={quoteattr(t.muted)}>({esc(author_date(pl.source))})</font>" if pl.source else ""
        legend.append(r.para(f"<b>{esc(pl.name)}</b>{years}: {r.inline(notes=False).render(pl.text)}{src}",
                             "bullet", role="LI", bulletText="•"))
    return [Spacer(1, t.leading * 0.5), KeepTogether([title, drawing, Spacer(1, t.leading * 0.4), caption]),
            r.box(legend)]


def chart(r: Renderer, b: DocBlock, ink: Inline, key: str | None) -> list:
    t = r.theme
    title = r.para(ink.render(b.title), "h3", role="Caption")
    drawing = tag(bar_chart(b.data, t, r.width), "Figure", alt=b.alt or "")
    cap = ink.render(b.caption)
    src = r.inline().render(whole_note([(b.source, None)])) if b.source else ""
    caption = r.para(cap + (" " + esc(L["source"]).format(src) if src else ""), "caption", role="Caption")
    return [Spacer(1, t.leading * 0.5), KeepTogether([title, drawing, Spacer(1, t.leading * 0.4), caption])]


def remember_source(f, where, block=None) -> None:
    """Mark a block's flowables (and what a keep holds) with where the block is written and the block's
    outermost flowable, whose first words the message quotes when it cannot fit on any page
    (`typeset.too_large`; read then, not now: reading a paragraph's words parses it)."""
    block = f if block is None else block
    object.__setattr__(f, "_guide_where", where)      # (drawings check the attributes set on them)
    object.__setattr__(f, "_guide_block", block)
    for inner in getattr(f, "_content", None) or ():
        remember_source(inner, where, block)


BLOCKS = {"paragraph": paragraph, "subheading": subheading, "callout": callout, "primary": primary,
          "figures": figures, "map": map_block, "chart": chart}
