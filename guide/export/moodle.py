"""Moodle's two import formats for the quiz: GIFT text and Moodle XML (Question bank → Import).

Both put each section's items in a category of their own (the guide / its level / the section), name each
question by its id and keep the feedback of every option and the item's general feedback. Moodle XML also
gives the id as the question's ID number and the level and section as tags; GIFT gives them in a comment
line before the question.

GIFT escaping: `~ = # { } :` and the backslash are written with a backslash before them; a short answer's
`*` too (Moodle reads an unescaped one as a wildcard). Question text is `[html]`, built from the parsed
spans with every piece of text escaped.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..document import DocQuizItem, Document
from .common import to_html
from .quiz import SectionQuiz, category_path

GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str, wildcard: bool = False) -> str:
    """Text safe inside a GIFT question: each special character after a backslash; line breaks as \\n."""
    out = []
    for ch in text:
        if ch in GIFT_SPECIAL or (wildcard and ch == "*"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        else:
            out.append(ch)
    return "".join(out)


def category(doc: Document, quiz: SectionQuiz | None = None) -> str:
    """A Moodle category path; a '/' inside a name is written '//'."""
    return "$course$/top/" + "/".join(part.replace("/", "//") for part in category_path(doc, quiz))


def describe(doc: Document, quiz: SectionQuiz, item: DocQuizItem) -> str:
    kind = "multiple choice" if item.type == "choice" else "short answer"
    return f"id {item.id}; level {doc.level}; section {quiz.section.id} ({quiz.title}); {kind}"


def gift(doc: Document, found: list[SectionQuiz]) -> str:
    lines = [f"// {doc.title}: the quiz items of the {doc.level_label} edition, from guide.",
             "// Import in Moodle: Question bank, Import, format GIFT.", ""]
    for quiz in found:
        lines += [f"$CATEGORY: {category(doc, quiz)}", ""]
        for item in quiz.items:
            lines.append(f"// {describe(doc, quiz, item)}")
            lines.append(f"// [id:{item.id}] [tag:level-{doc.level}] [tag:section-{quiz.section.id}]")
            lines.append(f"::{gift_escape(item.id)}::[html]{gift_escape(to_html(item.text))} {{")
            if item.type == "choice":
                for o in item.options:
                    mark = "=" if o.correct else "~"
                    fb = f"#{gift_escape(to_html(o.feedback))}" if o.feedback else ""
                    lines.append(f"\t{mark}{gift_escape(to_html(o.text))}{fb}")
            else:
                for answer in item.accept:
                    lines.append(f"\t={gift_escape(answer, wildcard=True)}")
            if item.feedback:
                lines.append(f"\t####{gift_escape(to_html(item.feedback))}")
            lines += ["}", ""]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- Moodle XML

def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(el, "text", value)
    return el


def moodle_xml(doc: Document, found: list[SectionQuiz]) -> bytes:
    root = ET.Element("quiz")
    root.append(ET.Comment(f" {doc.title}: the quiz items of the {doc.level_label} edition, from guide. "
                           "Import in Moodle: Question bank, Import, format Moodle XML. "))
    for quiz in found:
        cat = _sub(root, "question", type="category")
        _text(cat, "category", category(doc, quiz), fmt=None)
        _text(cat, "info", "", "html")
        for item in quiz.items:
            root.append(ET.Comment(f" {describe(doc, quiz, item)} "))
            question(root, doc, quiz, item)
    ET.indent(root, "  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def question(root: ET.Element, doc: Document, quiz: SectionQuiz, item: DocQuizItem) -> None:
    choice = item.type == "choice"
    q = _sub(root, "question", type="multichoice" if choice else "shortanswer")
    _text(q, "name", item.id, fmt=None)
    _text(q, "questiontext", f"<p>{to_html(item.text)}</p>")
    _text(q, "generalfeedback", f"<p>{to_html(item.feedback)}</p>" if item.feedback else "")
    _sub(q, "defaultgrade", "1.0000000")
    _sub(q, "penalty", "0.3333333")
    _sub(q, "hidden", "0")
    _sub(q, "idnumber", item.id)
    if choice:
        _sub(q, "single", "true")
        _sub(q, "shuffleanswers", "false")     # the printed order, so the printed key holds
        _sub(q, "answernumbering", "ABCD")
        for o in item.options:
            a = _text(q, "answer", to_html(o.text))
            a.set("fraction", "100" if o.correct else "0")
            _text(a, "feedback", to_html(o.feedback) if o.feedback else "")
    else:
        _sub(q, "usecase", "0")
        for answer in item.accept:
            a = _text(q, "answer", answer.replace("*", "\\*"), "moodle_auto_format")
            a.set("fraction", "100")
            _text(a, "feedback", "")
    tags = _sub(q, "tags")
    for tag in (f"level-{doc.level}", f"section-{quiz.section.id}"):
        _text(tags, "tag", tag, fmt=None)
