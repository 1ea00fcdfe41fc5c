"""What every export shares: its formats and file names, stable ids, and the resolved text (markup spans)
as HTML or plain text.

Text is never passed on as markup: HTML is built from the parsed spans, every piece of text escaped.
"""
from __future__ import annotations

import hashlib
import html
import re
from ..markup import Span

# Each export's kind → {format: (file name suffix after the edition's name, what the file must end in)}
FORMATS: dict[str, dict[str, tuple[str, str]]] = {
    "docx": {"docx": (".docx", ".docx")},
    "quiz": {"gift": ("-quiz.gift", ".gift"), "qti": ("-quiz-qti.zip", ".zip"),
             "moodle-xml": ("-quiz-moodle.xml", ".xml")},
    "flashcards": {"pdf": ("-flashcards.pdf", ".pdf"), "anki": (".apkg", ".apkg")},
}
DEFAULT_FORMAT = {"docx": "docx", "quiz": "gift", "flashcards": "pdf"}

CYRILLIC = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]+(?:[\s\-‐–—’'.,]+[\u0400-\u052f]+)*")


def stable_id(*parts: str, length: int = 32) -> str:
    """A hexadecimal id derived from stable strings: the same content gives the same id in every export."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def stable_int(*parts: str, bits: int = 62) -> int:
    return int(stable_id(*parts, length=16), 16) >> (64 - bits) or 1


# --------------------------------------------------------------------------------------- text

def plain(spans: list[Span] | None) -> str:
    """The text as printed, without note markers."""
    return "".join(_plain(s) for s in spans or [])


def _plain(s: Span) -> str:
    if s.kind == "text":
        return s.text
    if s.kind in ("cite", "hidden"):
        return ""
    return "".join(_plain(c) for c in s.children)


def html_text(text: str) -> str:
    """Plain text as escaped HTML; Cyrillic runs in <span lang="ru">."""
    return "".join(f'<span lang="ru">{html.escape(piece, quote=False)}</span>' if ru else html.escape(piece, quote=False)
                   for piece, ru in russian_runs(text))


def to_html(spans: list[Span] | None) -> str:
    """Spans as HTML: <em>, <strong>, glossary words as their text; note markers left out."""
    return "".join(_html(s) for s in spans or [])


def _html(s: Span) -> str:
    if s.kind == "text":
        return html_text(s.text)
    if s.kind in ("cite", "hidden"):
        return ""
    inner = "".join(_html(c) for c in s.children)
    if s.kind == "em":
        return f"<em>{inner}</em>"
    if s.kind == "strong":
        return f"<strong>{inner}</strong>"
    return inner


def russian_runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is Russian) runs, for marking the language of Cyrillic words."""
    out, at = [], 0
    for m in CYRILLIC.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], False))
        out.append((m.group(0), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out
