"""Text that may vary by level (`Text`: one string per level, with the location it came from), and the
one walk over the text fields of a section, a block or a question (`text_fields`)."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Location

LEVELS = ("middle", "high", "college")


@dataclass
class Text:
    """A text that may differ by level. `values[level]` is missing where the text has no version."""

    values: dict[str, str]
    locations: dict[str, Location]
    id: str | None = None        # for an item of a list (an objective, a question in a source box): its stable id

    def at(self, level: str) -> str | None:
        return self.values.get(level)

    def loc(self, level: str) -> Location:
        return self.locations.get(level) or next(iter(self.locations.values()))

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(lv for lv in LEVELS if lv in self.values)


# The text fields of each kind of item, in reading order, with how each prints:
#   "markup": inline markup in the section's body (a citation becomes a note, a term's first use a link)
#   "plain":  printed as written (a quotation), or not printed but read aloud (a chart's alt text)
#   "key":    inline markup printed only in the answer key
# `text_fields` walks them for every pass over the texts (resolve's notes, validation of the markup, the
# glossary links, the fonts check), on the content model and on the resolved document alike.
TEXT_FIELDS = {
    "section": (("title", "markup"), ("key_question", "markup"), ("objectives", "markup"),
                ("teacher_notes", "key")),
    "block": (("title", "markup"), ("intro", "markup"), ("text", "markup"), ("quote", "plain"),
              ("attribution", "markup"), ("questions", "markup"), ("caption", "markup"), ("alt", "plain"),
              ("answers", "key")),
    "question": (("text", "markup"), ("answer", "key")),
}
TEXT_KINDS = ("markup", "plain", "key")
MARKUP = ("markup", "key")            # the fields read as inline markup, wherever they print
LIST_FIELDS = ("objectives", "questions", "answers")      # a list (answers: by question id in the model)


def text_fields(item, kinds: tuple[str, ...] = TEXT_KINDS, of: str | None = None):
    """(field, value) for each text of a section's own fields, a block or a question, in reading order,
    of the `kinds` asked for. `item` is of the content model (values are `Text`) or of the resolved
    document (`Spans`; a plain field is a string); `of` is "section", "block" or "question" (by default
    read from the class name). A list field (objectives, a source box's questions and answers) gives one
    pair per entry; missing texts are left out. Of a section, only its own texts: walk its blocks and
    questions with their own calls."""
    of = of or type(item).__name__.lower().removeprefix("doc")
    for name, kind in TEXT_FIELDS[of]:
        if kind not in kinds:
            continue
        value = getattr(item, name, None)
        if name in LIST_FIELDS:
            values = value.values() if isinstance(value, dict) else value or []
        else:
            values = [value]
        for v in values:
            if v:
                yield name, v
