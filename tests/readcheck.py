"""The reading test's measures: what a PDF's readers get, compared with the resolved document's text.

`expected_texts()` gives the plain text of every paragraph the resolved `Document` prints (the level's text
with markup, note numbers and `[[id|shown]]` applied, as `guide.resolve` leaves it). `defects()` reads a
tagged PDF as a screen reader does (`screenreader.read`) and counts, each as a list of examples:

* ``missing``: a paragraph whose words are not all there, in order, in one element;
* ``joined``: a word run together with its neighbour ("congresses.4Stalin", "4.What");
* ``hyphen``: a fragment of a word hyphenated at a line end ("examina-" or "examina" + "tion") or an inserted
  hyphen read as part of the word ("Provision-al");
* ``empty_link``: a Link element with no text, or one without its annotation (OBJR);
* ``repeated_header``: a table's header row read again;
* ``cyrillic_not_ru``: a run of Cyrillic text not in an element whose language is ``ru``, or in one that also
  holds Latin letters;
* ``zero_width``: zero-width characters in the text.

`text_defects()` applies the word-level measures to the plain text of another reader (pdftotext), and
`poppler_struct()` parses `pdfinfo -struct-text` into the same tree shape as `screenreader`.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import screenreader

CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+(?:[\s\u00a0\-‐–’']+[\u0400-\u04ff]+)*")
LATIN = re.compile(r"[A-Za-z]")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
WORD_CHARS = re.compile(r"[\w\u0400-\u04ff]")


# ------------------------------------------------------------------------------------------ expected

def resolved(content: Path, edition: str | None = None, sections: list[str] | None = None,
             answers: str | None = None):
    """The resolved document that `guide build` typesets for these options."""
    from guide.build import load
    from guide.resolve import resolve
    from guide.select import find_edition, select

    guide, _ = load(Path(content))
    ed = find_edition(guide, edition)
    return resolve(select(guide, ed, None, sections, None, None, answers, False, False))


def plain(spans, notes: bool, sources: dict) -> str:
    """Spans as the typesetter prints them: a citation is its note number where notes are printed, else
    "(Author Year)"."""
    from guide.bibliography import author_date

    out = []
    for s in spans or []:
        if s.kind == "text":
            out.append(s.text)
        elif s.kind == "hidden":
            continue
        elif s.kind == "cite":
            if notes and s.note is not None:
                out.append(str(s.note))
            else:
                labels = [author_date(sources[k]) for k, _ in s.cites if k in sources]
                out.append(f" ({'; '.join(labels)})" if labels else "")
        else:
            out.append(plain(s.children, notes, sources))
    return "".join(out)


def expected_texts(doc, kind: str = "guide") -> list[str]:
    """The plain text of every paragraph of running text that a PDF of `kind` ("guide", "answers", "handout",
    "handout-answers") prints from the resolved document."""
    from guide.bibliography import entry

    src = doc.sources

    def p(spans, notes=True):
        return plain(spans, notes, src)

    def numbered(sec):
        """(label, question) as the sections number them: comprehension, analysis, essay, in one count."""
        qs = [q for k in ("comprehension", "analysis", "essay") for q in sec.questions if q.kind == k]
        return [(f"{i}.", q) for i, q in enumerate(qs, 1)]

    out: list[str] = []
    body = kind in ("guide", "handout")
    key = kind in ("answers", "handout-answers") or (kind == "guide" and doc.answers == "appendix")
    for sec in doc.sections if body else []:
        out.append(p(sec.key_question))
        out += ["• " + p(o) for o in sec.objectives]
        for b in sec.blocks:
            out += [p(b.text), p(b.title), p(b.intro), p(b.caption)]
            if b.type == "primary":
                out.append(f"“{b.quote.strip()}”")
                out.append(p(b.attribution))
            out += [f"{i}. {p(q)}" for i, q in enumerate(b.questions, 1)]
            out += [p(dp.role) for dp in b.people]
            out += [p(pl.text, notes=False) for pl in b.places]
        out += [f"{n} {p(q.text)}" for n, q in numbered(sec)]
    if key:
        for sec in doc.sections:
            out.append(p(sec.teacher_notes, notes=False))
            for n, q in numbered(sec):
                out += [f"{n} {p(q.text, notes=False)}", p(q.answer, notes=False)]
    if kind == "guide" or kind == "handout":
        out += [p(ev.text, notes=False) for _, events in doc.chronology for ev in events]
        out += [p(t.definition, notes=False) for t in doc.glossary]
        out += [p(e, notes=False) for e in entry_list(doc, entry)]
    if kind == "guide":
        for dp in doc.people:
            out.append(p(dp.role, notes=False) + (" " + p(dp.fate, notes=False) if dp.fate else ""))
        out += [p(r.note, notes=False) for r in doc.reading]
        out += [p(entry(r.source), notes=False) for r in doc.reading]
    return [t for t in (norm(x) for x in out) if t]


def entry_list(doc, entry) -> list:
    return [entry(s) for s in doc.bibliography]


def norm(text: str | None) -> str:
    """Text compared word by word: whitespace runs as one space, soft hyphens dropped, no zero-width
    characters (a URL's break opportunities are not part of its text)."""
    text = ZERO_WIDTH.sub("", (text or "").replace("\u00ad", ""))
    return re.sub(r"[\s\u00a0]+", " ", text).strip()


# ------------------------------------------------------------------------------------------- defects

@dataclass
class Defects:
    missing: list = field(default_factory=list)
    joined: list = field(default_factory=list)
    hyphen: list = field(default_factory=list)
    empty_link: list = field(default_factory=list)
    repeated_header: list = field(default_factory=list)
    cyrillic_not_ru: list = field(default_factory=list)
    zero_width: list = field(default_factory=list)
    links: int = 0
    cyrillic_runs: int = 0

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.__dict__.items() if isinstance(v, list)}

    def summary(self) -> str:
        parts = [f"{k}={len(v)}" + (f" e.g. {v[:3]!r}" if v else "") for k, v in self.__dict__.items()
                 if isinstance(v, list)]
        return "; ".join(parts) + f"; links={self.links}; cyrillic_runs={self.cyrillic_runs}"


def _words(text: str) -> list[str]:
    return norm(text).split(" ") if norm(text) else []


class Vocabulary:
    """The words of the expected text, and which pairs of them stand next to each other."""

    def __init__(self, texts: list[str]):
        self.words: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        for t in texts:
            w = _words(t)
            self.words.update(w)
            self.pairs.update(zip(w, w[1:]))

    def joined(self, token: str) -> bool:
        """A token that is two neighbouring words with the space between them lost."""
        if token in self.words:
            return False
        return any((token[:i], token[i:]) in self.pairs for i in range(1, len(token)))

    def fragment(self, token: str, following: str | None) -> bool:
        """A token that is the head of a word broken at a line end, read apart from its tail."""
        if following is None or token in self.words and (token, following) in self.pairs:
            return False
        head = token[:-1] if token.endswith("-") else token
        whole = head + following
        if whole in self.words and (token not in self.words or token.endswith("-")):
            return True
        return False

    def hyphen_inside(self, token: str) -> bool:
        """An inserted hyphen read as part of a word ("Provision-al")."""
        if token in self.words or "-" not in token:
            return False
        return any(token[:i] + token[i + 1:] in self.words for i, c in enumerate(token) if c == "-")


def text_defects(text: str, vocab: Vocabulary, d: Defects | None = None, lines: bool = False) -> Defects:
    """Word-level defects of a reader's plain text: joined words, hyphen fragments, zero-width characters.
    `lines`: the text keeps the page's lines and blocks (pdftotext): a web address may break where its line
    does, and a word is only looked for within a block (pdftotext joins a hyphenated word within a block; it
    cannot join the lines of a paragraph that its layout analysis put in different blocks)."""
    d = d or Defects()
    d.zero_width += [m.group() for m in ZERO_WIDTH.finditer(text)]
    for block in re.split(r"\n\s*\n", text) if lines else [text]:
        tokens = norm(block).split(" ")
        for i, tok in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if vocab.joined(tok):
                d.joined.append(tok)
            elif vocab.hyphen_inside(tok):
                d.hyphen.append(tok)
            elif vocab.fragment(tok, nxt) and not (lines and "://" in tok + (nxt or "")):
                d.hyphen.append(f"{tok} {nxt}")
    return d


def _classify(expected: str, block: str, d: Defects, vocab: Vocabulary) -> None:
    a, b = _words(expected), _words(block)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        ea, rb = a[i1:i2], b[j1:j2]
        if op == "equal" or op == "insert" and i1 in (0, len(a)):
            continue            # the block holds more than this paragraph
        flat_a, flat_b = "".join(ea), "".join(rb)
        if op == "replace" and flat_a.replace("-", "") == flat_b.replace("-", ""):
            (d.joined if len(rb) < len(ea) else d.hyphen).append(" ".join(rb))
        elif op == "replace" and len(rb) == 1 and len(ea) == 1 and (flat_b.endswith(flat_a) or
                                                                     flat_b.startswith(flat_a)):
            d.joined.append(flat_b)      # run together with a word outside this paragraph
        else:
            d.missing.append(f"{' '.join(ea)!r} read as {' '.join(rb)!r}")


def defects(path, expected: list[str]) -> Defects:
    """Every defect of the tagged PDF at `path` against the expected paragraphs."""
    r = screenreader.read(path)
    d = Defects()
    vocab = Vocabulary(expected)
    raw = ["".join(c.text for c in chunks) for _, chunks in r.root.blocks()]
    texts = [norm(t) for t in raw]
    d.zero_width += [m.group() for t in raw for m in ZERO_WIDTH.finditer(t)]
    text_defects("\n".join(texts), vocab, d)
    _compare(expected, texts, d, vocab)
    # links: each holds its words and its annotation
    links = [n for n in r.root.walk() if n.role == "Link"]
    d.links = len(links)
    d.empty_link += [f"no text (→ {_target(n)})" for n in links if not n.text.strip()]
    d.empty_link += [f"no annotation: {n.text!r}" for n in links if not n.objrs]
    # tables: the header row once
    for table in (n for n in r.root.walk() if n.role == "Table"):
        rows = [k for k in table.kids if isinstance(k, screenreader.Node) and k.role == "TR"]
        if not rows:
            continue
        head = _row(rows[0])
        if not all(c.role == "TH" for c in rows[0].kids if isinstance(c, screenreader.Node)):
            continue
        d.repeated_header += repeated_rows(head, [_row(row) for row in rows[1:]])
    # Cyrillic: each run in an element of its own whose language is ru
    for node, chunks in r.root.blocks():
        if _inside_figure(node):
            continue
        pos, spans = 0, []
        for c in chunks:
            spans.append((pos, pos + len(c.text), c))
            pos += len(c.text)
        text = "".join(c.text for c in chunks)
        for m in CYRILLIC_RUN.finditer(text):
            d.cyrillic_runs += 1
            covering = [c for s, e, c in spans if s < m.end() and e > m.start()]
            bad = [c for c in covering if c.lang != "ru" and CYRILLIC_RUN.search(c.text)]
            mixed = [c for c in covering if c.lang == "ru" and LATIN.search(c.text)]
            if bad or mixed:
                d.cyrillic_not_ru.append(m.group())
    return d


def _best_window(expected: str, block: str) -> str:
    """The part of a block that lines up with the expected paragraph (the block may hold more)."""
    a, b = _words(expected), _words(block)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = [m for m in sm.get_matching_blocks() if m.size]
    if not blocks:
        return block
    start = max(0, blocks[0].b - blocks[0].a)
    end = min(len(b), blocks[-1].b + blocks[-1].size + (len(a) - blocks[-1].a - blocks[-1].size) + 1)
    return " ".join(b[start:end])


def _compare(expected: list[str], texts: list[str], d: Defects, vocab: Vocabulary) -> None:
    """Each expected paragraph must stand, whole and in order, in one block. One that does not is lined up
    with the block most like it: joined words and hyphen fragments that the whole-text scan missed are added,
    anything else is a missing or changed word."""
    known = {x.replace(" ", "") for x in d.joined + d.hyphen}
    for e in expected:
        if any(e in t for t in texts):
            continue
        ew = set(_words(e))
        best = max(texts, key=lambda t: len(ew & set(_words(t))), default="")
        found = Defects()
        _classify(e, _best_window(e, best), found, vocab)
        for name in ("joined", "hyphen"):
            for x in getattr(found, name):
                if x.replace(" ", "") not in known:
                    getattr(d, name).append(x)
                    known.add(x.replace(" ", ""))
        d.missing += found.missing
        if not (found.joined or found.hyphen or found.missing):
            d.missing.append(e[:80])


def repeated_rows(head: tuple, rows: list[tuple]) -> list[str]:
    """A header row read again: as a row of its own, or its cells' text repeated inside the header cells
    ("Date Date Date")."""
    out = [" | ".join(head) for row in rows if row == head]
    for cell in head:
        m = re.fullmatch(r"(.+?)(?: \1)+", cell)
        if m:
            out += [m.group(1)] * (cell.count(m.group(1)) - 1)
    return out


def _row(tr) -> tuple:
    return tuple(norm(c.text) for c in tr.kids if isinstance(c, screenreader.Node))


def _target(link) -> str:
    for o in link.objrs:
        a = o.get("/A")
        if a is not None:
            return str(a.get("/URI") or a.get("/D") or "?")
        if "/Dest" in o:
            return str(o.Dest)
    return "?"


def _inside_figure(node) -> bool:
    while node is not None:
        if node.role == "Figure":
            return True
        node = node.parent
    return False


# ------------------------------------------------------------------------------------ other readers

def need_poppler(tool: str) -> str:
    """The path of a poppler tool; without it the test is skipped, or fails when CI=true."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} (poppler-utils) is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must install poppler-utils")
        pytest.skip(message)
    return path


def pdftotext(path) -> str:
    return subprocess.run([need_poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8", errors="replace")


@dataclass
class PNode:
    role: str
    kids: list = field(default_factory=list)     # PNode | str
    objects: int = 0

    @property
    def text(self) -> str:
        return "".join(k if isinstance(k, str) else k.text for k in self.kids)

    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, PNode):
                yield from k.walk()


def poppler_struct(path) -> PNode:
    """`pdfinfo -struct-text` as a tree: each element's quoted text lines and child elements, in order."""
    out = subprocess.run([need_poppler("pdfinfo"), "-enc", "UTF-8", "-struct-text", str(path)], check=True,
                         capture_output=True).stdout.decode("utf-8", errors="replace")
    root = PNode("root")
    stack: list[tuple[int, PNode]] = [(-1, root)]
    for line in out.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith('"'):
            parent.kids.append(body[1:-1] if body.endswith('"') else body[1:])
        elif body.startswith("Object "):
            parent.objects += 1
        else:
            node = PNode(body.split(" ")[0])
            parent.kids.append(node)
            stack.append((indent, node))
    return root


def poppler_blocks(root: PNode) -> list[tuple[PNode, str]]:
    """(block, its text) as in `screenreader.Node.blocks`."""
    out = []

    def block(node):
        own, below = [], []

        def inline(n):
            for k in n.kids:
                if isinstance(k, str):
                    own.append(k)
                elif screenreader.is_inline(k, n):
                    inline(k)
                else:
                    below.append(k)
        inline(node)
        if own:
            out.append((node, norm("".join(own))))
        for k in below:
            block(k)
    block(root)
    return out


def poppler_defects(path, expected: list[str]) -> Defects:
    """Words in order, no repeated header rows, link text inside links, in poppler's structure view."""
    root = poppler_struct(path)
    d = Defects()
    vocab = Vocabulary(expected)
    texts = [t for _, t in poppler_blocks(root)]
    text_defects("\n".join(texts), vocab, d)
    _compare(expected, texts, d, vocab)
    links = [n for n in root.walk() if n.role == "Link"]
    d.links = len(links)
    d.empty_link += ["no text" for n in links if not n.text.strip()]
    d.empty_link += [f"no annotation: {n.text!r}" for n in links if not n.objects]
    # poppler does not show /Lang: each Cyrillic run must be the whole text of a Span (whose language the
    # pikepdf reading checks)
    for node in root.walk():
        for k in node.kids:
            if isinstance(k, str):
                for m in CYRILLIC_RUN.finditer(k):
                    d.cyrillic_runs += 1
                    if node.role != "Span" or LATIN.search(node.text):
                        d.cyrillic_not_ru.append(m.group())
    for table in (n for n in root.walk() if n.role == "Table"):
        rows = [k for k in table.kids if isinstance(k, PNode) and k.role == "TR"]
        if rows:
            head = tuple(norm(c.text) for c in rows[0].kids if isinstance(c, PNode))
            d.repeated_header += repeated_rows(head, [tuple(norm(c.text) for c in row.kids if isinstance(c, PNode))
                                                      for row in rows[1:]])
    return d
