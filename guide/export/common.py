"""What every export shares: the edition selected and resolved as `build` does it, output names, and
the resolved text (markup spans) as HTML or plain text.

Text is never passed on as markup: HTML is built from the parsed spans, every piece of text escaped.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import GuideError, display_path
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


@dataclass
class Resolved:
    document: Document
    selection: object            # select.Selection
    warnings: list


def resolved(content: Path, edition_name: str | None, level: str | None = None, sections: list[str] | None = None,
             answers: str | None = None, paper: str | None = None, strict: bool = False) -> Resolved:
    """The edition as `build` would print it, with the same options and the same problems reported."""
    from ..build import check_selection_fonts, load, warnings_of
    from ..resolve import resolve, source_date_epoch
    from ..select import find_edition, select

    source_date_epoch()
    guide, found = load(content)
    edition = find_edition(guide, edition_name)
    selection = select(guide, edition, level, sections, paper, None, answers, False, False)
    check_selection_fonts(selection)
    warnings = warnings_of(found, selection, strict)
    return Resolved(resolve(selection), selection, warnings)


def output_path(output: str | None, edition: str, kind: str, fmt: str) -> Path:
    """Where an export goes: --output, checked against the format, or out/<edition><suffix>."""
    suffix, ending = FORMATS[kind][fmt]
    if output is not None and not output.strip():
        raise GuideError(f"--output is empty: give a file name ending in {ending}, or leave the option out",
                         exit_code=2)
    target = Path(output) if output is not None else Path("out") / f"{edition}{suffix}"
    if target.is_dir():
        raise GuideError(f"{display_path(target)}: the output path is a folder (give a file name ending in "
                         f"{ending})", exit_code=2)
    if not target.name.lower().endswith(ending):
        raise GuideError(f"{display_path(target)}: a {kind} in the format '{fmt}' must be written to a file "
                         f"ending in {ending}", exit_code=2)
    return target


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
