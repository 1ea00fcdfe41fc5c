"""Chicago-style citations (notes-bibliography system) from CSL entries, as markup spans.

`entry()` gives the bibliography entry, `short_note()` the short-form note used in endnotes (the full
entry is always in the bibliography), `author_date()` the compact "(Khlevniuk 2004)" form used in the
back matter. Titles come back as emphasis spans; nothing here knows about ReportLab.
"""
from __future__ import annotations

import re

from . import markup
from .csl import format_date
from .markup import Span
from .model import Name, Source


def breakable_url(url: str) -> str:
    """A URL with zero-width break opportunities after / . - _ so that it can wrap in a narrow column."""
    return re.sub(r"(?<=[/.\-_?=&])(?=.)", "\u200b", url)


def _t(text: str) -> Span:
    """Entry text, with typed straight quotes made typographic as in inline markup (a title: "Moroz's")."""
    return Span("text", markup.smart_quotes(text))


def _em(text: str) -> Span:
    return Span("em", children=[_t(text)])


def _surname(n: Name) -> str:
    """The family name with its non-dropping particle: "van Gogh", "de Gaulle"."""
    return " ".join(x for x in (n.non_dropping_particle, n.family) if x)


def _inverted(n: Name) -> str:
    if n.literal:
        return n.literal
    given = " ".join(x for x in (n.given, n.dropping_particle) if x)   # "Beauvoir, Simone de"
    out = f"{_surname(n)}, {given}" if given else _surname(n)
    return f"{out}, {n.suffix}" if n.suffix else out


def _natural(n: Name) -> str:
    if n.literal:
        return n.literal
    out = " ".join(x for x in (n.given, n.dropping_particle, _surname(n)) if x)
    return f"{out} {n.suffix}" if n.suffix else out   # Chicago 17: "Martin Luther King Jr.", no comma


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _family(n: Name) -> str:
    return n.literal or _surname(n)


def creators(src: Source) -> tuple[list[Name], bool]:
    """The names that head the entry, and whether they are editors."""
    if src.author:
        return src.author, False
    return src.editor, True


def sort_key(src: Source) -> tuple:
    names, _ = creators(src)
    first = names[0] if names else Name(literal=src.title)
    return (_family(first).lower(), (first.given or "").lower(), src.year or 0, src.title.lower())


_SMALL = {"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
          "into", "as", "its", "their", "his", "her"}


def _significant(words: list[str]) -> int:
    return sum(1 for w in words if w.lower() not in _SMALL)


def _short_title(title: str) -> str:
    """The main title without its subtitle (after ':' or a '?'), and without a leading article. A main title
    of more than four words is shortened (Chicago 14.30): cut at a comma, semicolon, parenthesis or dash;
    where it still has more than four words other than articles, prepositions and conjunctions (or more
    than six words), before an 'and' or 'or' after the second word; then after the fourth such word; never
    ending on a small word
    ("Lenin's Brain and Other Tales from the Secret Soviet Archives" gives "Lenin's Brain")."""
    short = re.split(r":|(?<=\?)\s", title, maxsplit=1)[0].strip()
    words = short.split()
    if len(words) > 1 and words[0] in ("The", "A", "An"):
        short = " ".join(words[1:])
        words = words[1:]
    if len(words) <= 4:
        return short
    head = re.split(r"[,;(]|\s[–—]\s", short, maxsplit=1)[0].split()
    if head and len(head) < len(words):
        words = head
    elif _significant(words) <= 4 and len(words) <= 6:   # "Bukharin and the Bolshevik Revolution" stays
        return short
    if _significant(words) > 4 or len(words) > 6:
        for i, w in enumerate(words):
            if i >= 2 and w.lower() in ("and", "or"):
                words = words[:i]
                break
    if _significant(words) > 4:
        n = 0
        for i, w in enumerate(words):
            n += w.lower() not in _SMALL
            if n == 4:
                words = words[:i + 1]
                break
    while len(words) > 1 and (words[-1].lower() in _SMALL or re.fullmatch(r"(?:\w\.)+", words[-1])):
        words.pop()      # nor an initial ("N.I.")
    return " ".join(words).rstrip(",;")


def short_title(src: Source) -> str:
    """The title of short notes: CSL `title-short` where the entry gives one (less a leading article, as
    Zotero's "Short Title" often keeps it), else a shortened title."""
    if src.title_short:
        return re.sub(r"^(?:The|A|An)\s+(?=\S)", "", src.title_short.strip())
    return _short_title(src.title)


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


# Titles of parts (an article, a chapter, a page of a site) and of unpublished works go in quotation marks;
# the titles of books, journals and whole works are italic.
QUOTED = ("article", "article-journal", "article-magazine", "article-newspaper", "chapter", "entry",
          "entry-dictionary", "entry-encyclopedia", "paper-conference", "post", "post-weblog", "webpage", "speech",
          "thesis", "manuscript", "review", "review-book")
_IN_BOOK = ("chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference")
_PERIODICAL = ("article-magazine", "article-newspaper", "article", "review", "review-book")
_ONLINE = ("webpage", "post", "post-weblog")


def _is_container(src: Source) -> bool:
    return src.type in QUOTED


def page_range(page: str | None) -> str:
    """Inclusive numbers as Chicago (17th ed., 9.61) gives them: 3–10, 71–72, 96–117, 100–104, 1100–1113,
    101–8, 808–33, 1103–4, 321–28, 498–532, 1087–89, 1496–500, 11564–615, 12991–3001. A hyphen between
    numbers becomes an en dash; anything else is printed as written."""
    if not page:
        return ""

    def one(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if len(b) != len(a) or int(b) <= int(a) or int(a) < 100 or int(a) % 100 == 0:
            return f"{a}–{b}"
        i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
        if int(a) % 100 < 10:                     # 101 through 109: the changed part only
            return f"{a}–{b[i:].lstrip('0') or '0'}"
        return f"{a}–{b[min(i, len(b) - 2):]}"    # two digits, more where needed
    return re.sub(r"\b(\d+)\s*[-–—]+\s*(\d+)\b", one, str(page))


def edition_text(edition: str | None) -> str:
    """CSL `edition` as Chicago prints it: 2 → "2nd ed.", "Revised" → "Rev. ed.", "2nd ed." as it is."""
    if not edition:
        return ""
    e = str(edition).strip().rstrip(".")
    if re.fullmatch(r"\d+", e):
        n = int(e)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} ed."
    if re.fullmatch(r"(?i)rev(ised)?", e):
        return "Rev. ed."
    if re.fullmatch(r"\d+(st|nd|rd|th)", e, re.I):
        return f"{e.lower()} ed."
    if re.search(r"(?i)\bed(ition)?$", e):
        return e[0].upper() + e[1:] + ("." if e.lower().endswith("ed") else "")
    return f"{e[0].upper() + e[1:]} ed."


def _newspaper(title: str) -> str:
    """Chicago 14.193: an English-language newspaper's title without its leading 'The'."""
    return title[4:] if title.startswith("The ") else title


def short_note(src: Source, locator: str | None = None) -> list[Span]:
    """Chicago short note: Conquest, *Great Terror*, 45. A newspaper or magazine article cited without a
    page takes its own `page` (Chicago gives the page in notes, never in the bibliography)."""
    out: list[Span] = []
    who = short_names(src)
    if who:
        out.append(_t(who + ", "))
    title = short_title(src)
    loc = short_locator(locator) if locator else ""
    if not loc and src.type in ("article-newspaper", "article-magazine") and src.page:
        loc = page_range(src.page)
    if _is_container(src):   # American style: the comma goes inside the quotation marks
        out.append(_t(f"“{title},” {loc}" if loc else f"“{title}”"))
        return out
    out.append(_em(title))
    if loc:
        out.append(_t(f", {loc}"))
    return out


def note(cites) -> list[Span]:
    """A whole note: its short notes joined by semicolons, closed by a full stop, which goes inside a
    closing quotation mark (American style: Siegelbaum, “Great Terror.”)."""
    out: list[Span] = []
    for i, (src, locator) in enumerate(cites):
        if i:
            out.append(_t("; "))
        out += short_note(src, locator)
    last = out[-1] if out else None
    if last is not None and last.kind == "text" and last.text.endswith("”"):
        last.text = last.text[:-1] + ".”"
    else:
        out.append(_t("."))
    return out


def author_date(src: Source) -> str:
    who = short_names(src) or short_title(src)
    return f"{who} {src.year}" if src.year else who


def _date(src: Source, day: bool = True) -> str:
    if src.issued is not None:
        return format_date(src.issued, day)
    return str(src.year) if src.year else ""


def entry(src: Source) -> list[Span]:
    """The full bibliography entry, Chicago (17th ed.) notes-bibliography style."""
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
    t = src.type
    if _is_container(src):
        out.append(_t(f"“{src.title.rstrip('.')}.” "))
    else:
        out.append(_em(src.title.rstrip(".")))
        out.append(_t(". "))
    published = False        # whether the date is already given
    if t == "article-journal":
        if src.container_title:
            out.append(_em(src.container_title))
        vol = f" {src.volume}" if src.volume else ""
        iss = f", no. {src.issue}" if src.issue else ""
        date = _date(src, day=False)
        year = f" ({date})" if date else ""
        page = f": {page_range(src.page)}" if src.page else ""
        out.append(_t(f"{vol}{iss}{year}{page}. "))
        published = True
    elif t in _PERIODICAL:
        date = _date(src)
        if src.container_title:
            out.append(_em(_newspaper(src.container_title) if t == "article-newspaper" else src.container_title))
            out.append(_t(f", {date}. " if date else ". "))
        elif date:
            out.append(_t(f"{date}. "))
        published = True
    elif t in _IN_BOOK and src.container_title:
        out.append(_t("In "))
        out.append(_em(src.container_title))
        tail = ""
        if src.editor and src.author:
            tail += ", edited by " + _join([_natural(n) for n in src.editor])
        if src.page:
            tail += ", " + page_range(src.page)
        out.append(_t(tail + ". "))
    elif t in _ONLINE:
        if src.container_title:
            out.append(_t(src.container_title.rstrip(".") + ". "))   # Chicago: a website's title is roman
        date = _date(src)
        if date:
            out.append(_t(f"{date}. "))
        published = True
    elif t == "speech":
        where = [src.genre or "Speech", src.event_title, src.event_place, _date(src)]
        out.append(_t(", ".join(w for w in where if w) + ". "))
        published = True
    elif t == "thesis":
        where = [src.genre or "Thesis", src.publisher, _date(src)]
        out.append(_t(", ".join(w for w in where if w) + ". "))
        published = True
    if src.translator:
        out.append(_t("Translated by " + _join([_natural(n) for n in src.translator]) + ". "))
    if src.editor and src.author and t not in _IN_BOOK:
        out.append(_t("Edited by " + _join([_natural(n) for n in src.editor]) + ". "))
    if src.edition:
        out.append(_t(edition_text(src.edition) + " "))
    if src.collection_title:
        number = f" {src.collection_number}" if src.collection_number else ""
        out.append(_t(f"{src.collection_title.rstrip('.')}{number}. "))
    if not published:
        pub = ": ".join(x for x in (src.publisher_place, src.publisher) if x)
        tail = ", ".join(x for x in (pub, _date(src)) if x)
        if tail:
            out.append(_t(tail + ". "))
    if src.doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", src.doi.strip(), flags=re.I)
        out.append(_t(breakable_url("https://doi.org/" + doi) + ". "))
    elif src.url:
        if src.accessed is not None:
            out.append(_t(f"Accessed {format_date(src.accessed)}. "))
        out.append(_t(breakable_url(src.url) + ". "))
    if src.note:   # a note may hold *emphasis*, e.g. the title of an earlier edition
        spans, _ = markup.parse(src.note.rstrip("."))
        out += spans + [_t(". ")]
    last = out[-1]
    if last.kind == "text":
        last.text = last.text.rstrip()
    return out
