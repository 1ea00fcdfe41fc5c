"""Limits on what content may hold (sizes of texts and lists), and the characters removed from all text.

The limits keep every box on a page and layout time bounded; README, "Limits", lists them."""
from __future__ import annotations

from ..errors import Location, Problems
from ..load import Seq


MAX_SECTIONS = 500            # section files in one content folder

MAX_TEXT = 50_000             # characters in one text value

MAX_LINE = 1_000              # characters in a one-line value (a name, a publisher, an edition's course)

MAX_TITLE = 200               # characters in a title or heading (it must fit on a page)

MAX_CELL = 2_000              # characters in a table cell: a glossary definition (a row cannot split)

MAX_ENTRY = 1_000             # a chronology entry, a person's role or fate, a map key's description

MAX_LABEL = 60                # a chart label (drawn on one line beside its bar)

MAX_NUMBER = 1e15             # the largest number a chart or a map takes

# How many items a list may hold (a page must hold a box's parts, and layout time grows with them).
MAX_ITEMS = {"objectives": 30, "blocks": 1_000, "questions": 300, "data": 40, "places": 100, "labels": 100,
             "events": 5_000, "terms": 3_000, "people": 3_000, "references": 3_000, "variants": 30,
             "related": 30, "line": 500, "rubrics": 200, "quiz": 300, "options": 10, "criteria": 12,
             "scale": 10, "accept": 30, "dbq": 20, "tasks": 20, "documents": 30}

CHOICE_OPTIONS = (4, 5)       # a multiple-choice item has 4 or 5 options, exactly one of them correct

SCALE_STEPS = (3, 4)          # a rubric's performance levels

DBQ_DOCUMENTS = (5, 7)        # a DBQ's documents

# Removed from all text: zero-width space, word joiner, byte-order mark, and the bidirectional embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make text display other than it reads.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))



def clean_text(value: str, loc: Location, problems: Problems, limit: int = MAX_TEXT) -> str:
    """NFC-normalised text without invisible zero-width and direction-control characters; over-long text
    is refused."""
    import unicodedata

    if len(value) > limit:
        hint = "split it into several paragraphs" if limit == MAX_TEXT else \
            "shorten it: it must fit on a page (see 'Limits' in the README)"
        problems.error(f"this text has {len(value):,} characters; the limit is {limit:,}", loc, hint)
        value = value[:limit]
    return unicodedata.normalize("NFC", value).translate(_INVISIBLE)



def limited(seq: Seq, key: str, problems: Problems) -> Seq:
    """A list cut to its limit (`MAX_ITEMS`), with a problem if it was longer."""
    limit = MAX_ITEMS.get(key)
    if limit is None or len(seq) <= limit:
        return seq
    problems.error(f"'{key}' has {len(seq):,} items; the limit is {limit:,}", seq.loc(limit),
                   "see 'Limits' in the README")
    cut = Seq(seq.file, seq.line)
    cut.extend(seq[:limit])
    cut.lines = seq.lines[:limit]
    return cut
