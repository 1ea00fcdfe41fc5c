"""Sources in CSL (CSL-YAML or Zotero's CSL-JSON): names, citation keys, Zotero's Extra lines, and the same
work under two keys."""
from __future__ import annotations

import re
from pathlib import Path

from .. import csl
from ..errors import Location, Problems, display_path, printable
from ..load import Map, Seq, load_json
from ..model import Name, Source
from .limits import MAX_TEXT, MAX_TITLE, limited
from .reader import Reader, data_loc, read_list_file, suggest


CSL_TYPES = csl.CSL_TYPES

# The CSL variables Chicago prints, and the Source attribute each fills (title, names and dates apart).
PRINTED = {"publisher": "publisher", "publisher-place": "publisher_place", "container-title": "container_title",
           "volume": "volume", "issue": "issue", "page": "page", "URL": "url", "edition": "edition", "DOI": "doi",
           "collection-title": "collection_title", "collection-number": "collection_number",
           "event-title": "event_title", "event-place": "event_place", "genre": "genre", "number": "number",
           "title-short": "title_short"}

# Zotero keeps what it has no field for in Extra, exported as `note`, one "Name: value" a line
_EXTRA = re.compile(r"^\s*(citation key|tex\.[\w-]+|[a-z][\w -]*?)\s*:\s*(.*?)\s*$", re.I)



def read_names(r: Reader, key: str) -> list[Name]:
    names = []
    seq = r.list(key)
    for i, item in enumerate(seq or []):
        if not isinstance(item, Map):
            r.problems.error(f"each {key} is a mapping {{family: …, given: …}} or {{literal: …}}", seq.loc(i))
            continue
        nr = Reader(item, r.problems, f"a name in '{key}'")
        for part in item:
            if part not in csl.NAME_PARTS:
                r.problems.warning(f"'{printable(part)}' is not part of a CSL name, so it is ignored", item.loc(part),
                                   suggest(part, csl.NAME_PARTS) or f"a name holds {', '.join(csl.NAME_PARTS[:6])}")
        n = Name(nr.str("family"), nr.str("given"), nr.str("literal"), nr.str("suffix"),
                 nr.str("dropping-particle"), nr.str("non-dropping-particle"))
        if not (n.family or n.literal):
            r.problems.error(f"a name in '{key}' needs 'family' or 'literal'", item.loc())
            continue
        names.append(n)
    return names



def _note_and_extra(note: str | None) -> tuple[str | None, str | None]:
    """The printed part of a `note`, and the citation key its Zotero Extra lines give, if any."""
    if not note:
        return note, None
    kept, key = [], None
    for text in note.splitlines():
        m = _EXTRA.match(text)
        name = m.group(1).strip().lower().replace(" ", "-") if m else ""
        if m and name == "citation-key":
            key = m.group(2)
        elif not (m and (name in csl.VARIABLES or name.startswith("tex."))):
            kept.append(text)
    printed = "\n".join(kept).strip()
    return printed or None, key



def read_source_file(path: Path, problems: Problems, optional: bool = False) -> Seq | None:
    """A sources file: CSL-YAML (`references:` or a bare list, as Better BibTeX writes it) or, for a
    `.json` file, CSL-JSON (a list of items, as Zotero exports it). JSON Schema files are never sources."""
    if optional and not path.exists():
        return None
    if path.suffix.lower() != ".json":
        return read_list_file(path, "references", problems)
    shown = display_path(path)
    schema_hint = "name your sources file, e.g. sources.json or my-sources.json, outside the schema/ folder"
    if path.parent.name == "schema" and (path.parent / "all.json").exists():
        problems.error("this file is in schema/, where 'guide schema --write' keeps the JSON Schema files, so it "
                       "is not read as sources", Location(shown), schema_hint)
        return None
    data = load_json(path, problems)
    if data is None:
        return None
    if isinstance(data, Map) and ("$schema" in data or "$defs" in data):
        problems.error("this is a JSON Schema, not a CSL-JSON sources file", data.loc(), schema_hint)
        return None
    if isinstance(data, Seq):
        return limited(data, "references", problems)
    if isinstance(data, Map) and isinstance(data.get("references"), Seq):
        for k in data:
            if k != "references":
                problems.error(f"unknown key '{k}'", data.loc(k), "the file holds one list under 'references'")
        return limited(data["references"], "references", problems)
    if isinstance(data, Map) and "type" in data and "title" in data:   # one item on its own
        one = Seq(data.file, data.line)
        one.append(data)
        one.lines.append(data.line)
        return one
    problems.error("a CSL-JSON file holds a list of references: [{\"id\": …, \"type\": …, \"title\": …}, …]",
                   data_loc(data, path), "export it from Zotero with File → Export Library… → CSL JSON")
    return None



def _csl_key(r: Reader, item: Map) -> tuple[str | None, str, str | None]:
    """The key a reference is cited by, where it comes from, and its `id` as written. The rule
    (docs/content-format.md, "How a work is cited"): its `citation-key` when present, else its `id` when
    that is a valid key, else (None here) a key derived from author and year."""
    written = None
    value = item.get("id")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        written = item.written("id")
    elif value is not None:
        written = r.str("id")
    ck = r.str("citation-key")
    if ck is None:
        _, ck = _note_and_extra(item.get("note") if isinstance(item.get("note"), str) else None)
        ck = ck.strip() if ck else None
    if ck:
        if csl.is_key(ck):
            return ck, "citation-key", written
        r.problems.error(f"the citation key '{printable(ck)}' is not a valid key", r.loc("citation-key"),
                         "a key is letters and digits, with _ - . : / inside, e.g. 'Conquest1990'")
    if written is not None and csl.is_key(written):
        return written, "id", written
    return None, "derived", written



def read_sources(seq: Seq, problems: Problems, taken=()) -> list[Source]:
    """References in CSL terms (CSL-YAML or CSL-JSON). `taken` holds keys already in use (the shipped
    sources, for an edition's own file), which a derived key avoids."""
    sources = []
    unknown: dict[str, list[Location]] = {}
    items = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each reference is a mapping in CSL (id:, type:, title:, …)", seq.loc(i))
            continue
        r = Reader(item, problems, "a reference")
        for k in item:
            if k not in csl.VARIABLES:
                unknown.setdefault(k, []).append(item.loc(k))
        items.append((item, r, *_csl_key(r, item)))
    used = set(taken) | {key for _, _, key, _, _ in items if key}
    for item, r, key, how, written in items:
        for k in ("type", "title"):
            if item.get(k) is None:
                problems.error(f"a reference needs '{k}'", item.loc(), f"add a line '{k}: …'")
        title = r.str("title", limit=MAX_TITLE * 2)
        kind = r.choice("type", CSL_TYPES, default="book")
        issued = csl.read_date(item["issued"], r.loc("issued"), problems, "issued") \
            if item.get("issued") is not None else None
        accessed = csl.read_date(item["accessed"], r.loc("accessed"), problems, "accessed") \
            if item.get("accessed") is not None else None
        year = issued.year if issued is not None else None
        if issued is not None and issued.literal is not None:
            found = re.search(r"(?<!\d)\d{4}(?!\d)", issued.literal)
            year = int(found.group()) if found else None
        authors, editors = read_names(r, "author"), read_names(r, "editor")
        if not title:
            continue
        if key is None:
            first = (authors or editors or [Name(literal=title)])
            second = (authors or editors)[1:2] if len(authors or editors) == 2 else []
            fam = lambda n: n.family or n.literal    # noqa: E731
            key = csl.derived_key(fam(first[0]), fam(second[0]) if second else None, year, used)
            used.add(key)
        if not (authors or editors):
            problems.warning(f"the reference '{key}' has no author or editor", item.loc())
        fields = {attr: r.str(k) for k, attr in PRINTED.items()}
        if fields["event_title"] is None:
            fields["event_title"] = r.str("event")       # CSL 1.0.1's name for event-title
        note, _ = _note_and_extra(r.str("note", limit=MAX_TEXT))
        sources.append(Source(key, kind, title, item.loc(), authors, editors, read_names(r, "translator"), year,
                              note=note, lines={k: item.loc(k) for k in item}, key_from=how,
                              csl_id=written if written != key else None, issued=issued, accessed=accessed,
                              **fields))
    for k, locs in unknown.items():
        more = f" (nor in {len(locs) - 1} other reference{'s' * (len(locs) > 2)})" if len(locs) > 1 else ""
        problems.warning(f"'{printable(k)}' is not a CSL variable, so it is ignored{more}", locs[0],
                         suggest(k, csl.VARIABLES) or "see the CSL 1.0.2 variables in docs/content-format.md")
    return sources



def _work(src: Source) -> tuple:
    import unicodedata

    def norm(text: str | None) -> str:
        text = unicodedata.normalize("NFKD", text or "")
        return " ".join(re.findall(r"[^\W_]+", "".join(c for c in text if not unicodedata.combining(c)).casefold()))
    first = (src.author or src.editor or [Name()])[0]
    return norm(src.title), norm(first.family or first.literal), src.year



def warn_duplicate_works(sources, problems: Problems, seen=()) -> None:
    """The same work (same title, first author and year) under two keys: a warning naming both places."""
    first: dict[tuple, Source] = {}
    for src in seen:
        first.setdefault(_work(src), src)
    for src in sources:
        other = first.setdefault(_work(src), src)
        if other is not src and other.id != src.id:
            problems.warning(f"'{src.id}' is the same work as '{other.id}' at {other.location} (the same title, "
                             "first author and year)", src.location,
                             f"keep one of the two entries, and cite it as [@{other.id}]")
