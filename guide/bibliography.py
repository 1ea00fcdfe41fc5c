"""Chicago-style citations (notes-bibliography system) from CSL entries, as markup spans.

`entry()` gives the bibliography entry, `short_note()` the short-form note used in endnotes (the full
entry is always in the bibliography), `author_date()` the compact "(Khlevniuk 2004)" form used in the
back matter. Titles come back as emphasis spans; nothing here knows about ReportLab.
"""
from __future__ import annotations

import re

from . import markup
from .markup import Span
from .model import Name, Source


def breakable_url(url: str) -> str:
    """A URL with zero-width break opportunities after / . - _ so that it can wrap in a narrow column."""
    return re.sub(r"(?<=[/.\-_?=&])(?=.)", "\u200b", url)


def _t(text: str) -> Span:
    return Span("text", text)


def _em(text: str) -> Span:
    return Span("em", children=[_t(text)])


def _inverted(n: Name) -> str:
    if n.literal:
        return n.literal
    return f"{n.family}, {n.given}" if n.given else (n.family or "")


def _natural(n: Name) -> str:
    if n.literal:
        return n.literal
    return f"{n.given} {n.family}" if n.given else (n.family or "")


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _family(n: Name) -> str:
    return n.literal or n.family or ""


def creators(src: Source) -> tuple[list[Name], bool]:
    """The names that head the entry, and whether they are editors."""
    if src.author:
        return src.author, False
    return src.editor, True


def sort_key(src: Source) -> tuple:
    names, _ = creators(src)
    first = names[0] if names else Name(literal=src.title)
    return (_family(first).lower(), (first.given or "").lower(), src.year or 0, src.title.lower())


def _short_title(title: str) -> str:
    """The main title without its subtitle (after ':' or a '?'), and without a leading article."""
    short = re.split(r":|(?<=\?)\s", title, maxsplit=1)[0].strip()
    words = short.split()
    if len(words) > 1 and words[0] in ("The", "A", "An"):
        short = " ".join(words[1:])
    return short


def short_title(src: Source) -> str:
    """The title of short notes: CSL `title-short` where the entry gives one, else a shortened title."""
    return src.title_short or _short_title(src.title)


_PAGE = re.compile(r"^\s*(?:pp?\.|pages?)\s*(?=\d)", re.I)


def short_locator(locator: str) -> str:
    """Chicago notes give bare page numbers: 'p. 45' and 'pp. 45–47' print as '45' and '45–47'."""
    return _PAGE.sub("", locator).strip()


def short_names(src: Source) -> str:
    names, _ = creators(src)
    fam = [_family(n) for n in names if _family(n) != "et al."]
    etal = any(_family(n) == "et al." for n in names)
    if not fam:
        return ""
    if len(fam) > 3 or etal:
        return f"{fam[0]} et al."
    return _join(fam)


def _is_container(src: Source) -> bool:
    return src.type in ("article-journal", "article-magazine", "article-newspaper", "chapter", "webpage")


def short_note(src: Source, locator: str | None = None) -> list[Span]:
    """Chicago short note: Conquest, *Great Terror*, 45."""
    out: list[Span] = []
    who = short_names(src)
    if who:
        out.append(_t(who + ", "))
    title = short_title(src)
    loc = short_locator(locator) if locator else ""
    if _is_container(src):   # American style: the comma goes inside the quotation marks
        out.append(_t(f"“{title},” {loc}" if loc else f"“{title}”"))
        return out
    out.append(_em(title))
    if loc:
        out.append(_t(f", {loc}"))
    return out


def author_date(src: Source) -> str:
    who = short_names(src) or short_title(src)
    return f"{who} {src.year}" if src.year else who


def entry(src: Source) -> list[Span]:
    """The full bibliography entry."""
    out: list[Span] = []
    names, editors = creators(src)
    if names:
        parts = [_inverted(names[0])] + [_natural(n) for n in names[1:] if _family(n) != "et al."]
        # Chicago: the inverted first name takes a comma before "and" ("Getty, J. Arch, and Oleg V. Naumov")
        head = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]
        if any(_family(n) == "et al." for n in names):
            head += " et al."
        if editors:
            head += ", ed." if len(names) == 1 else ", eds."
        out.append(_t(head.rstrip(".") + ". "))
    if _is_container(src):
        out.append(_t(f"“{src.title.rstrip('.')}.” "))
        if src.container_title:
            out.append(_em(src.container_title))
        if src.type == "article-journal":
            vol = f" {src.volume}" if src.volume else ""
            iss = f", no. {src.issue}" if src.issue else ""
            year = f" ({src.year})" if src.year else ""
            page = f": {src.page}" if src.page else ""
            out.append(_t(f"{vol}{iss}{year}{page}. "))
        elif src.container_title:
            out.append(_t(". "))
    else:
        out.append(_em(src.title.rstrip(".")))
        out.append(_t(". "))
    if src.translator:
        out.append(_t("Translated by " + _join([_natural(n) for n in src.translator]) + ". "))
    if src.editor and src.author:
        out.append(_t("Edited by " + _join([_natural(n) for n in src.editor]) + ". "))
    if src.type != "article-journal":
        pub = ": ".join(x for x in (src.publisher_place, src.publisher) if x)
        tail = ", ".join(x for x in (pub, str(src.year) if src.year else "") if x)
        if tail:
            out.append(_t(tail + ". "))
    if src.url:
        out.append(_t(breakable_url(src.url) + ". "))
    if src.note:   # a note may hold *emphasis*, e.g. the title of an earlier edition
        spans, _ = markup.parse(src.note.rstrip("."))
        out += spans + [_t(". ")]
    last = out[-1]
    if last.kind == "text":
        last.text = last.text.rstrip()
    return out
