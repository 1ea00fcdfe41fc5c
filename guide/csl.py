"""CSL 1.0.2 vocabulary for sources files: types, variables, dates and citation keys.

Zotero's "Export → CSL JSON", Better BibTeX's CSL-YAML and hand-written CSL-YAML all use these names.
The variable lists are the CSL 1.0.2 specification's (Appendix III types, Appendix IV variables), with
the item fields of the CSL-JSON schema (`id`, `type`, `categories`, `custom`, …).
"""
from __future__ import annotations

import re
import unicodedata

from .errors import Location, Problems, printable

# Appendix III - Types
CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage")

# Appendix IV - Variables
STANDARD = (
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority",
    "call-number", "citation-key", "citation-label", "collection-title", "container-title",
    "container-title-short", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre",
    "ISBN", "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "note", "original-publisher",
    "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher",
    "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "source", "status", "title",
    "title-short", "URL", "volume-title", "year-suffix")
NUMBERS = (
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number",
    "printing-number", "section", "supplement-number", "version", "volume")
DATES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")
NAMES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editorial-director", "editor-translator", "executive-producer", "guest",
    "host", "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer",
    "recipient", "reviewed-author", "script-writer", "series-creator", "translator")
# Fields of an item in the CSL-JSON schema that are not variables of a style
ITEM_FIELDS = ("id", "type", "categories", "custom", "journalAbbreviation", "shortTitle")
VARIABLES = frozenset(STANDARD + NUMBERS + DATES + NAMES + ITEM_FIELDS)
NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle",
              "comma-suffix", "static-ordering", "parse-names")
DATE_PARTS = ("date-parts", "season", "circa", "literal", "raw", "edtf")
BBT_DATE_PARTS = ("year", "month", "day", "season", "circa", "literal")   # Better BibTeX's `- year:` lists

# A citation key, as Pandoc reads one: it begins with a letter, digit or _, and may hold the punctuation
# _ - . : / inside, each mark between two letters or digits (so a key never ends in a full stop).
KEY = re.compile(r"\w(?:\w|[-.:/](?=\w))*")
KEY_PATTERN = r"^[A-Za-z0-9_](?:[A-Za-z0-9_]|[-.:/](?=[A-Za-z0-9_]))*$"   # the same, for the JSON Schema


def is_key(value: str) -> bool:
    return bool(KEY.fullmatch(value))


def derived_key(family: str | None, second: str | None, year: int | None, taken) -> str:
    """`conquest-1990`, `getty-naumov-1999`, `smith-nd`; `conquest-1990a`, `…b` where that is taken."""
    def word(text: str | None) -> str:
        text = unicodedata.normalize("NFKD", text or "")
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
        return "-".join(re.findall(r"[^\W_]+", text))
    parts = [p for p in (word(family), word(second)) if p] or ["anon"]
    base = "-".join(parts + [str(year) if year is not None else "nd"])
    key, n = base, 0
    while key in taken:
        n += 1
        key = base + _suffix(n)
    return key


def _suffix(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


# ------------------------------------------------------------------------------------------------ dates

SEASONS = {1: "Spring", 2: "Summer", 3: "Fall", 4: "Winter"}
_SEASON_NAMES = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_NAMES = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}


class CslDate:
    """A CSL date: year, month, day and season (any may be missing), circa, a range end, or a literal."""

    __slots__ = ("year", "month", "day", "season", "circa", "literal", "end")

    def __init__(self, year=None, month=None, day=None, season=None, circa=False, literal=None, end=None):
        self.year, self.month, self.day, self.season = year, month, day, season
        self.circa, self.literal, self.end = circa, literal, end

    def __eq__(self, other):
        return isinstance(other, CslDate) and all(getattr(self, a) == getattr(other, a) for a in self.__slots__)

    def __repr__(self):
        return "CslDate(" + ", ".join(f"{a}={getattr(self, a)!r}" for a in self.__slots__
                                      if getattr(self, a) not in (None, False)) + ")"


def _part(value, what: str, low: int, high: int):
    """One date part: a whole number, or digits in a string (Zotero writes the year as a string)."""
    if isinstance(value, bool):
        raise ValueError(f"the {what} is true or false")
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,5}\s*", value):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ValueError(f"the {what} '{printable(str(value))[:40]}' is not a number")
    if not low <= value <= high:
        raise ValueError(f"the {what} {value} is out of range")
    return value


def _season(value):
    if isinstance(value, str) and value.strip().lower() in _SEASON_NAMES:
        return _SEASON_NAMES[value.strip().lower()]
    return _part(value, "season", 1, 4)


def _from_parts(parts, season=None, circa=False) -> CslDate:
    if not isinstance(parts, (list, tuple)) or not 1 <= len(parts) <= 3:
        raise ValueError("each date in 'date-parts' is a list [year], [year, month] or [year, month, day]")
    year = _part(parts[0], "year", -9999, 9999)
    month = _part(parts[1], "month", 1, 24) if len(parts) > 1 and parts[1] not in (None, "") else None
    day = _part(parts[2], "day", 1, 31) if len(parts) > 2 and parts[2] not in (None, "") and month else None
    if month and month > 12:          # citeproc-js writes seasons as months 13–16, EDTF as 21–24
        if 13 <= month <= 16 or 21 <= month <= 24:
            season, month, day = (month - 12) if month <= 16 else (month - 20), None, None
        else:
            raise ValueError(f"the month {month} is out of range")
    if day is not None:
        import calendar
        if day > calendar.monthrange(year if year > 0 else 2000, month)[1]:
            raise ValueError(f"{MONTHS[month - 1]} has no day {day}")
    return CslDate(year, month, day, _season(season) if season not in (None, "") else None, bool(circa))


_ISO = re.compile(r"^(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([?~%]?)$")


def parse_text_date(text: str) -> CslDate:
    """A date written as text (CSL `raw`, an EDTF string, Pandoc's `issued: 1990-05-12`): ISO or EDTF
    forms (`1990`, `1990-05-12`, `1990/1992`, `1937~`), 'March 31, 1933', '31 March 1933', 'Spring 1986';
    anything else is kept as a literal date."""
    s = text.strip()
    if "/" in s and not s.startswith("/"):
        first, _, second = s.partition("/")
        try:
            start, end = parse_text_date(first), parse_text_date(second)
            if start.literal is None and end.literal is None:
                start.end = end
                return start
        except ValueError:
            pass
        return CslDate(literal=s)
    m = _ISO.match(s)
    if m:
        year, month, day, mark = m.groups()
        date = _from_parts([year, month, day] if day else [year, month] if month else [year])
        date.circa = mark in ("~", "%")
        return date
    words = re.findall(r"[A-Za-z]+|\d+", s)
    low = [w.lower().rstrip(".") for w in words]
    nums = [w for w in words if w.isdigit()]
    year = next((int(w) for w in nums if len(w) == 4), None)
    if year is not None and all(w.isdigit() or w in _MONTH_NAMES or w in _SEASON_NAMES for w in low):
        month = next((_MONTH_NAMES[w] for w in low if w in _MONTH_NAMES), None)
        season = next((_SEASON_NAMES[w] for w in low if w in _SEASON_NAMES), None)
        days = [int(w) for w in nums if len(w) <= 2]
        if len(nums) <= 2 and not (month and season) and not (days and not month):
            return _from_parts([year, month, days[0] if days else None] if month else [year], season)
    return CslDate(literal=s)


def read_date(value, loc: Location, problems: Problems, key: str) -> CslDate | None:
    """A CSL date in any of its forms, or None with an error."""
    from .load import Map, Seq

    hint = (f"write {key}: {{date-parts: [[1937, 6, 12]]}}, {key}: {{literal: \"ca. 1937\"}}, "
            f"{key}: \"1937-06-12\", or Better BibTeX's list '- year: 1937'")
    try:
        if isinstance(value, bool) or value is None:
            raise ValueError("it is empty" if value is None else "it is true or false")
        if isinstance(value, int):
            return _from_parts([value])
        if isinstance(value, str):
            return parse_text_date(value)
        if isinstance(value, Map):
            for k in value:
                if k not in DATE_PARTS:
                    problems.warning(f"'{printable(k)}' is not part of a CSL date, so it is ignored",
                                     value.loc(k), f"a date holds {', '.join(DATE_PARTS)}")
            if "date-parts" in value:
                parts = value["date-parts"]
                if not isinstance(parts, Seq) or not 1 <= len(parts) <= 2:
                    raise ValueError("'date-parts' is a list of one date, or two for a range: [[1990]]")
                start = _from_parts(parts[0], value.get("season"), value.get("circa"))
                if len(parts) == 2:
                    start.end = _from_parts(parts[1])
                return start
            if value.get("literal") not in (None, ""):
                return CslDate(literal=str(value["literal"]).strip())
            for k in ("raw", "edtf"):
                if value.get(k) not in (None, ""):
                    return parse_text_date(str(value[k]))
            if value.get("season") not in (None, ""):
                raise ValueError("a season needs a year in 'date-parts'")
            raise ValueError("it has no 'date-parts', 'literal' or 'raw'")
        if isinstance(value, Seq):         # Better BibTeX: [{year: 1990, month: 5}, {year: 1992}]
            if not 1 <= len(value) <= 2 or not all(isinstance(v, Map) for v in value):
                raise ValueError("a list of dates holds one date, or two for a range: '- year: 1990'")
            dates = []
            for item in value:
                for k in item:
                    if k not in BBT_DATE_PARTS:
                        problems.warning(f"'{printable(k)}' is not part of a date, so it is ignored",
                                         item.loc(k), f"a date holds {', '.join(BBT_DATE_PARTS)}")
                if item.get("year") is None:
                    if item.get("literal") not in (None, ""):
                        dates.append(CslDate(literal=str(item["literal"]).strip()))
                        continue
                    raise ValueError("each date in the list needs 'year' (or 'literal')")
                dates.append(_from_parts([item.get("year"), item.get("month"), item.get("day")],
                                         item.get("season"), item.get("circa")))
            if len(dates) == 2:
                dates[0].end = dates[1]
            return dates[0]
        raise ValueError("it is not a date")
    except (ValueError, TypeError, IndexError, KeyError) as exc:
        problems.error(f"'{key}' is not a CSL date: {exc}", loc, hint)
        return None


def _one(d: CslDate, with_year: bool = True, day_first: bool = False) -> str:
    year = str(d.year) if d.year is not None and d.year > 0 else f"{-d.year} BCE" if d.year is not None else ""
    if d.month:
        head = f"{MONTHS[d.month - 1]} {d.day}" if d.day else MONTHS[d.month - 1]
    elif d.season:
        head = SEASONS[d.season]
    else:
        head = ""
    if not with_year:
        return head
    if d.day:
        return f"{head}, {year}"
    return f"{head} {year}".strip()


def format_date(d: CslDate | None, day: bool = True) -> str:
    """Chicago's form: 'March 31, 1933', 'May 2002', 'Spring 1986', 'ca. 1900', '1990–92' is not used:
    ranges print both years in full ('1990–1992', 'May–June 2002', 'June 12–14, 1937')."""
    if d is None:
        return ""
    if d.literal is not None:
        return d.literal
    if not day and d.day:
        d = CslDate(d.year, d.month, None, d.season, d.circa, None, d.end)
    text = _one(d)
    e = d.end
    if e is not None and e.literal is None and e.year is not None:
        if not day and e.day:
            e = CslDate(e.year, e.month, None, e.season)
        if e.year == d.year and d.month and e.month and d.day and e.day:
            text = (f"{MONTHS[d.month - 1]} {d.day}–{e.day}, {d.year}" if e.month == d.month
                    else f"{MONTHS[d.month - 1]} {d.day}–{MONTHS[e.month - 1]} {e.day}, {d.year}")
        elif e.year == d.year and (d.month or d.season) and (e.month or e.season) and not (d.day or e.day):
            text = f"{_one(d, False)}–{_one(e, False)} {d.year}"
        elif _one(e) != _one(d):
            text = f"{_one(d)}–{_one(e)}"
    return ("ca. " + text) if d.circa else text
