"""A content check for glossary links that garble the printed sentence.

A link without a label, `[[archives]]`, prints the term's headword ("the Soviet archives") in place of
the link. That reads well only if the headword fits the sentence around it. `garbled_links()` finds the
unlabelled links whose printed headword

* doubles a word at its boundary: "the [[archives]]" or "the Soviet [[archives]]" prints
  "the the Soviet archives" or "the Soviet the Soviet archives" (also at the end: "[[x]] x");
* follows an article when the headword starts with one: "a [[thaw]]" prints "a the Thaw";
* is not a phrase at all but a pair or a list: a headword with " / " or ", or" ("quota / limit").

Each finding is a warning (an error under `guide check --strict`) located at the file and, where the
file can be read, the line of the link itself. The fix is a label: `[[archives|archives]]`.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import markup
from .errors import Location, Problem
from .model import MARKUP, Guide, Text, text_fields

ARTICLES = ("the", "a", "an")
_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _pieces(spans: list[markup.Span], out: list) -> list:
    """The spans flattened in reading order: printed text as str, unlabelled links as their Span."""
    for s in spans:
        if s.kind == "text":
            out.append(s.text)
        elif s.kind == "term" and not s.children:
            out.append(s)
        elif s.kind != "cite":
            _pieces(s.children, out)
    return out


def _overlap(before: list[str], head: list[str]) -> bool:
    """Whether the last words of `before` repeat the first words of the headword (its article aside)."""
    starts = [head]
    if head and head[0] in ARTICLES:
        starts.append(head[1:])
    for start in starts:
        for k in range(1, len(start) + 1):
            if len(before) >= k and before[-k:] == start[:k]:
                return True
    return False


def _garble(before: str, headword: str, after: str) -> str | None:
    """Why this headword garbles its sentence, or None."""
    if " / " in headword or ", or " in headword:
        return f"prints the headword '{headword}', which is a pair of terms, not a phrase"
    head = _words(headword)
    if not head:
        return None
    tail = re.search(r"([^\W_]+(?:[’'-][^\W_]+)*)\s*$", before)  # the word just before, if nothing else is
    prev = tail.group(1).lower() if tail else None
    if prev in ARTICLES and head[0] in ARTICLES:
        return f"prints '{prev} {headword}': an article before a headword that starts with one"
    if tail and _overlap(_words(before), head):
        return f"prints '… {before.strip().split()[-1]} {headword}': a word is doubled"
    nxt = re.match(r"\s*([^\W_]+(?:[’'-][^\W_]+)*)", after)
    if nxt and nxt.group(1).lower() == head[-1]:
        return f"prints '{headword} {nxt.group(1)} …': a word is doubled"
    return None


class _Lines:
    """Finds the line of the n-th unlabelled `[[ref]]` of a text in its file, from the text's own line."""

    def __init__(self):
        self.files: dict[str, list[str] | None] = {}

    def line(self, loc: Location, ref: str, nth: int) -> Location:
        if loc.line is None:
            return loc
        if loc.file not in self.files:
            try:
                self.files[loc.file] = Path(loc.file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.files[loc.file] = None
        lines = self.files[loc.file]
        if not lines:
            return loc
        pattern = re.compile(r"\[\[\s*" + re.escape(ref) + r"\s*\]\]")
        seen = 0
        for number in range(loc.line, len(lines) + 1):
            for _ in pattern.finditer(lines[number - 1]):
                if seen == nth:
                    return Location(loc.file, number)
                seen += 1
        return loc


def _texts(guide: Guide):
    """Every text that may hold glossary links."""
    if guide.instructor_note:
        yield guide.instructor_note
    for sec in guide.sections.values():
        for item in (sec, *sec.blocks, *sec.questions):
            yield from (t for _, t in text_fields(item, MARKUP))
    for ev in guide.events:
        yield ev.text
    for term in guide.terms.values():
        yield term.definition
    for person in guide.people.values():
        yield from (t for t in (person.role, person.fate) if t)
    for place in guide.places.values():
        if place.text:
            yield place.text
    for items in guide.reading.values():
        yield from (i.note for i in items if i.note)


def garbled_links(guide: Guide) -> list[Problem]:
    """Warnings for the unlabelled glossary links whose printed headword garbles the text around them."""
    found: list[Problem] = []
    seen: set[tuple] = set()
    lines = _Lines()
    for text in _texts(guide):
        assert isinstance(text, Text)
        for level, value in text.values.items():
            if "[[" not in value:
                continue        # (no glossary link: most texts, not parsed)
            spans, _ = markup.parse(value)
            pieces = _pieces(spans, [])
            counts: dict[str, int] = {}
            for i, piece in enumerate(pieces):
                if isinstance(piece, str):
                    continue
                nth = counts.get(piece.ref, 0)
                counts[piece.ref] = nth + 1
                term = guide.terms.get(piece.ref)
                if term is None:
                    continue   # an unknown term is reported as an error elsewhere
                before = "".join(p if isinstance(p, str) else guide.terms[p.ref].term if p.ref in guide.terms
                                 else "" for p in pieces[:i])
                after = "".join(p for p in pieces[i + 1:i + 2] if isinstance(p, str))
                why = _garble(before, term.term, after)
                if why is None:
                    continue
                loc = lines.line(text.loc(level), piece.ref, nth)
                key = (loc, piece.ref, why)
                if key in seen:
                    continue
                seen.add(key)
                found.append(Problem("warning", f"the glossary link [[{piece.ref}]] {why}", loc,
                                     f"give it a label: [[{piece.ref}|…]]"))
    return found
