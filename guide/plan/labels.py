"""The words every renderer prints around the content: headings, table heads, the answer key's phrases.

One declaration, so the PDF and the Word export say the same thing. Those with `{}` are formats.
"""
from __future__ import annotations

LABELS = {
    # a section
    "questions": "Questions",
    "quiz": "Quiz",
    "key figures": "Key figures",
    "source box questions": "Questions",
    "source": "Source: {}",
    "on the map": "On the map",
    "map boundaries": "Boundaries: Natural Earth (public domain), simplified.",
    # the answer key
    "instructor note": "A note for the instructor",
    "teacher notes": "Teacher notes",
    "no answer": "No model answer is given.",
    "mark with rubric": "Mark with the rubric “{}” below.",
    "source boxes": "Source boxes",
    "rubrics": "Rubrics",
    "rubric": "Rubric",
    "answer": "Answer: {}",
    "correct": "(correct)",
    "no feedback": "No feedback is given.",
    "accepted": "Accepted: {} (case and extra spaces do not matter; {}).",
    "typos": {0: "no typing errors allowed", 1: "one typing error allowed"},
    "typos n": "{} typing errors allowed",
    "assesses": "Assesses:",
    "criterion": "Criterion",
    "dbq key": "Document-based question: {}",
    "model thesis": "Model thesis",
    "no thesis": "No model thesis is given.",
    "task key": "Summative task: {}",
    "no rubric": "No rubric is given.",
    "answer sheet": "Answer sheet · {}",
    # tables of the back matter
    "document": "Document", "section": "Section", "page": "Page",
    "date": "Date", "event": "Event",
    "term": "Term", "meaning": "Meaning", "see also": "See also: ", "also spelled": "Also spelled: ",
    "name": "Name", "who they were": "Who they were", "say": "say: {}",
    "suggested for": "Suggested for {} readers.",
    "how made": "How it was made",
    # the imprint of a PDF: the typefaces its theme prints in (a Word file uses the reader's own fonts)
    "typefaces": "Set in {} (SIL Open Font License).",
}


def end_sentence(text: str, plain: str | None = None) -> str:
    """`text` closed with a full stop, unless its words (`plain`, when `text` is markup) already end with
    one ("Also spelled: N.K.V.D." takes no second stop)."""
    return text if (plain if plain is not None else text).rstrip().endswith((".", "!", "?", "…")) else text + "."
