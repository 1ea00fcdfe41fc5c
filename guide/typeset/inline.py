"""Markup spans → ReportLab paragraph markup. Every piece of text is escaped here, and only here.

Content is untrusted: ReportLab's paragraph parser understands tags (and has had security holes), so the
markup it receives is built from our parsed spans, with `<`, `>` and `&` of the text escaped.
"""
from __future__ import annotations

import re

from ..bibliography import author_date, breakable_url
from ..markup import Span
from ..plan.nodes import anchor

# A web address in running text (a bibliography entry's URL): it becomes a link. A full stop, comma or
# bracket at its end is the sentence's, not the address's.
# (`bibliography.breakable_url` may have put zero-width spaces after its slashes.)
_URL = re.compile(r"https?:\u200b?/\u200b?/[^\s<>\"]+?(?=[.,;:)\]]*(?:\s|$))")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b"))


def esc(text: str) -> str:
    """Text for ReportLab markup: `&`, `<` and `>` escaped (as xml.sax.saxutils.escape does, without the
    import of urllib and http that it brings)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(value: str) -> str:
    """A quoted attribute value for ReportLab markup."""
    return '"' + esc(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;") \
        .replace("\t", "&#9;") + '"'


class Inline:
    """Renders spans; `context` decides what a citation becomes."""

    def __init__(self, theme, sources=None, terms_in_glossary: set[str] | None = None,
                 section: int | None = None, notes: bool = True, link_terms: bool = True,
                 term_names: dict[str, str] | None = None):
        self.theme = theme
        self.term_names = term_names or {}
        self.sources = sources or {}
        self.glossary = terms_in_glossary or set()
        self.section = section
        self.notes = notes
        self.link_terms = link_terms

    def render(self, spans: list[Span] | None) -> str:
        if not spans:
            return ""
        return "".join(self._span(s) for s in spans)

    def _emph(self, inner: str) -> str:
        if self.theme.italic_emphasis:
            return f"<i>{inner}</i>"
        return f"<b>{inner}</b>"

    def _text(self, text: str) -> str:
        """Plain text; a web address in it is a link to itself. The zero-width spaces that
        `bibliography.breakable_url` puts in an address (here too, for one typed in a note) stay in the text
        that is laid out (`addresses` breaks the address where they stand), but not in its link target, and
        the typesetter never writes them into the PDF (`reportlab_patches._line_end_text`)."""
        out, pos = [], 0
        for m in _URL.finditer(text):
            url = m.group()
            url = url.translate(_ZERO_WIDTH)        # (an address typed in a note has no break points yet)
            out += [esc(text[pos:m.start()]), f"<a href={quoteattr(url)}>{esc(breakable_url(url))}</a>"]
            pos = m.end()
        out.append(esc(text[pos:]))
        return "".join(out)

    def _span(self, s: Span) -> str:
        if s.kind == "text":
            return self._text(s.text)
        if s.kind == "em":
            return self._emph(self.render(s.children))
        if s.kind == "strong":
            return f"<b>{self.render(s.children)}</b>"
        if s.kind == "term":
            shown = self.render(s.children) if s.children else esc(self.term_name(s.ref))
            if s.first and self.link_terms:
                shown = f"<b>{shown}</b>"
                if s.ref in self.glossary:
                    shown = f'<a href={quoteattr("#" + anchor("term", s.ref))}>{shown}</a>'
            return shown
        if s.kind == "hidden":
            return ""
        if s.kind == "cite":
            if self.notes and s.note is not None and self.section is not None:
                target = anchor("note", self.section, s.note)
                if self.theme.note_marks == "bracketed":     # (large print: note numbers at full size)
                    return f'<a href={quoteattr("#" + target)}>[{s.note}]</a>'
                return f'<super><a href={quoteattr("#" + target)}>{s.note}</a></super>'
            labels = [author_date(self.sources[k]) for k, _ in s.cites if k in self.sources]
            return f" ({esc('; '.join(labels))})" if labels else ""
        return self.render(s.children)

    def term_name(self, ref: str) -> str:
        return self.term_names.get(ref, ref)
