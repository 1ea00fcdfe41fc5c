"""Inline markup: `*em*`, `**strong**`, `[[term]]`, `[[term|shown]]`, `[@source]`, `[@a, p. 3; @b]`.

Text is parsed by markdown-it-py (the "zero" preset with emphasis enabled, and two small inline rules of
our own for glossary links and citations) into a tree of plain nodes. HTML is never interpreted: `<`,
`>` and `&` stay text. Nothing here produces ReportLab markup; the typesetter turns the tree into
markup and escapes every piece of text as it does so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


@dataclass
class Span:
    """A run of text, or a container of children with a style."""

    kind: str                      # "text", "em", "strong", "term", "cite"
    text: str = ""                 # for "text"
    children: list["Span"] = field(default_factory=list)
    ref: str | None = None         # term id for "term"
    cites: list[tuple[str, str | None]] = field(default_factory=list)  # (source id, locator) for "cite"
    # Filled in by resolve:
    note: int | None = None        # note number for "cite"
    first: bool = False            # first use of a term in its section

    def plain(self) -> str:
        if self.kind == "text":
            return self.text
        if self.kind == "cite":
            return ""
        return "".join(c.plain() for c in self.children)


_TERM = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_CITE = re.compile(r"\[@([^\[\]\n]+?)\]")
# A key as Pandoc reads one: letters, digits and _, with - . : / inside (guide/csl.py KEY)
_CITE_ITEM = re.compile(r"^\s*@?(\w(?:\w|[-.:/](?=\w))*)\s*(?:,\s*(.+?))?\s*$")


def _term_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    m = _TERM.match(state.src, state.pos)
    if not m:
        return False
    if not silent:
        token = state.push("term", "", 0)
        token.meta = {"ref": m.group(1).strip(), "shown": (m.group(2) or "").strip()}
    state.pos = m.end()
    return True


def _cite_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[@", state.pos):
        return False
    m = _CITE.match(state.src, state.pos)
    if not m:
        return False
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"body": m.group(1)}
    state.pos = m.end()
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis"])
    md.inline.ruler.before("emphasis", "term", _term_rule)
    md.inline.ruler.before("emphasis", "cite", _cite_rule)
    return md


class MarkupError(ValueError):
    pass


_LOCATOR_LABEL = re.compile(r"^(?:pp?\.|pages?|ch(?:ap)?\.|chapter|§|sec\.|vol\.)\s*", re.I)


def parse_cites(body: str) -> list[tuple[str, str | None]]:
    items = []
    for part in body.split(";"):
        m = _CITE_ITEM.match(part) if not part.rstrip().endswith(",") else None
        if not m:
            raise MarkupError(f"cannot read the citation '[@{body}]'" + (
                " (nothing follows the comma: give a page, e.g. [@id, 45], or drop the comma)"
                if part.rstrip().endswith(",") else ""))
        locator = m.group(2)
        if locator is not None and not re.search(r"\w", _LOCATOR_LABEL.sub("", locator.strip())):
            raise MarkupError(f"the page reference in '[@{body}]' is empty: give a page, e.g. [@{m.group(1)}, 45]")
        items.append((m.group(1), locator))
    return items


_MARKUP_CHARS = re.compile(r"[*_\[\x00]")     # (markdown-it also turns NUL into U+FFFD)


def parse(text: str) -> tuple[list[Span], list[str]]:
    """Parse inline text. Returns the spans and a list of warnings about markup printed as text.

    Straight quotes and apostrophes typed in the text become typographic ones (`smart_quotes`), so that
    every renderer gets the same text; web addresses keep theirs."""
    text = re.sub(r"\s+", " ", text).strip()
    if not _MARKUP_CHARS.search(text):      # no emphasis, term or citation can start: the text is all there is
        return ([Span("text", smart_quotes(text))] if text else []), []
    return _parse_markup(text)


_URL_RUN = re.compile(r"https?:\u200b?/\u200b?/\S+|www\.\S+")     # (with `breakable_url`'s break points)
_OPENS_AFTER = set(" \u00a0([{\u2014\u2013/=-\u201c\u2018\"'")


def smart_quotes(text: str, before: str = " ") -> str:
    """`text` with straight quotes made typographic: “double”, ‘single’, and the apostrophe of "don't",
    "Soviets'" and "'30s" as ’. A quote opens after a space, an opening bracket or dash, or another opening
    quote (`before` is the character that precedes the text); otherwise it closes."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _URL_RUN.finditer(text):
        out.append(_curl_run(text[pos:m.start()], out[-1][-1] if out and out[-1] else before, m.group()[0]))
        out.append(m.group())
        pos = m.end()
    out.append(_curl_run(text[pos:], out[-1][-1] if out and out[-1] else before))
    return "".join(out)


def _curl_run(text: str, before: str, after: str = " ") -> str:
    chars = list(text)
    for i, c in enumerate(chars):
        if c not in "'\"":
            continue
        prev = chars[i - 1] if i else before
        nxt = chars[i + 1] if i + 1 < len(chars) else after
        opens = prev in _OPENS_AFTER or prev.isspace()
        if c == "'":
            if prev.isalnum() and nxt.isalpha():
                chars[i] = "\u2019"                  # don't, Stalin's
            elif opens and nxt.isdigit() and re.match(r"\d\ds?\b", text[i + 1:]):
                chars[i] = "\u2019"                  # '30s, '37
            else:
                chars[i] = "\u2018" if opens and not nxt.isspace() else "\u2019"
        else:
            chars[i] = "\u201c" if opens and not nxt.isspace() else "\u201d"
    return "".join(chars)


def _curl(spans: list[Span]) -> None:
    """Make the quotes of the text spans typographic, deciding each on the text around it in reading order
    (a quote's side can depend on the span before or after it: "*Pravda*"); a glossary link or a note
    number counts as a word."""
    texts: list[Span] = []

    def collect(items):
        for span in items:
            if span.kind == "text":
                texts.append(span)
            elif span.kind in ("cite", "hidden") or span.kind == "term" and not span.children:
                texts.append(Span("atom", "x"))
            else:
                collect(span.children)

    collect(spans)
    flat = smart_quotes("".join(t.text for t in texts))
    pos = 0
    for t in texts:
        if t.kind == "text":
            t.text = flat[pos:pos + len(t.text)]
        pos += len(t.text)


def _parse_markup(text: str) -> tuple[list[Span], list[str]]:
    warnings: list[str] = []
    tokens = _parser().parseInline(text)
    children = tokens[0].children if tokens else []
    root = Span("root")
    stack = [root]
    for tok in children or []:
        top = stack[-1]
        if tok.type == "text":
            top.children.append(Span("text", tok.content))
        elif tok.type in ("softbreak", "hardbreak"):
            top.children.append(Span("text", " "))
        elif tok.type in ("em_open", "strong_open"):
            span = Span(tok.type[:-5])
            top.children.append(span)
            stack.append(span)
        elif tok.type in ("em_close", "strong_close"):
            stack.pop()
        elif tok.type == "term":
            shown = tok.meta["shown"]
            span = Span("term", ref=tok.meta["ref"])
            if shown:
                span.children, _ = parse(shown)
            top.children.append(span)
        elif tok.type == "cite":
            try:
                top.children.append(Span("cite", cites=parse_cites(tok.meta["body"])))
            except MarkupError as exc:
                warnings.append(str(exc))
                top.children.append(Span("text", "[@" + tok.meta["body"] + "]"))
        else:  # anything else the preset lets through stays literal text
            top.children.append(Span("text", tok.content))
    _merge_text(root)
    flat = root.plain()
    if "[[" in flat:
        warnings.append("'[[' without a matching ']]' is printed as text; write [[term-id]]")
    if "[@" in flat and not any("citation" in w or "page reference" in w for w in warnings):
        warnings.append("'[@' without a matching ']' is printed as text; write [@source-id]")
    if re.search(r"(?<![\w*])\*{1,2}(?=\S)|(?<=\S)\*{1,2}(?![\w*])", flat):
        warnings.append("a '*' has no partner and is printed as a star; write *emphasis* or **strong**")
    if "'" in text or '"' in text:
        _curl(root.children)
    return root.children, warnings


def _merge_text(span: Span) -> None:
    merged: list[Span] = []
    for child in span.children:
        if child.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1].text += child.text
        else:
            if child.children:
                _merge_text(child)
            merged.append(child)
    span.children = merged


def walk(spans: list[Span]):
    """Every span in document order, depth first."""
    for s in spans:
        yield s
        yield from walk(s.children)


def plain_text(spans: list[Span]) -> str:
    return "".join(s.plain() for s in spans)


# Fields of a record that are not printed as prose: identifiers, web addresses, DOIs, sort keys, locations.
_NOT_PROSE = frozenset({"id", "type", "url", "doi", "csl_id", "key_from", "location", "lines", "sort", "source",
                        "related", "levels", "issued", "accessed"})


def typographic(record):
    """A copy of a record of plain text (a `Source` and its `Name`s, a `Person`, a `Term`) whose printed
    string fields have straight quotes made typographic (`smart_quotes`), as inline markup has: "People's
    Commissariat" prints "People’s". Identifiers, web addresses and DOIs are kept as they are; the record
    itself is not changed (the loaded content is shared)."""
    import dataclasses

    changes = {}
    for f in dataclasses.fields(record):
        if f.name in _NOT_PROSE:
            continue
        value = getattr(record, f.name)
        if isinstance(value, str):
            new = smart_quotes(value)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            new = [smart_quotes(v) for v in value]
        elif isinstance(value, list) and value and all(dataclasses.is_dataclass(v) for v in value):
            new = [typographic(v) for v in value]
        else:
            continue
        if new != value:
            changes[f.name] = new
    return dataclasses.replace(record, **changes) if changes else record
