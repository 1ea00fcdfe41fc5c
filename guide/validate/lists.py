"""The content's lists: chronology events, glossary terms, people, map places and the reading list."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problems
from ..load import Map, Seq, load_yaml
from ..model import LEVELS, PLACE_KINDS, Event, Person, Place, Reading, Term
from .limits import MAX_CELL, MAX_ENTRY, MAX_TITLE
from .reader import Reader, data_loc, parse_date, suggest


def read_events(seq: Seq, problems: Problems) -> list[Event]:
    events = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each event is a mapping (date:, text:, section:, source:)", seq.loc(i))
            continue
        r = Reader(item, problems, "an event")
        r.keys(("date", "text", "section"), ("end", "source", "levels", "id"))
        date = parse_date(item.get("date"), r.loc("date"), problems) if "date" in item else None
        end = parse_date(item.get("end"), r.loc("end"), problems) if "end" in item else None
        if date and end and end.key() < date.key():
            problems.error("the event ends before it starts", r.loc("end"), "check 'date' and 'end'")
        text, section, source = r.text("text", limit=MAX_ENTRY), r.id("section"), r.key("source")
        if date and text and section:
            events.append(Event(date, end, text, section, source, item.loc(), r.levels()))
    return events



def read_terms(seq: Seq, problems: Problems) -> list[Term]:
    terms = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each glossary entry is a mapping (id:, term:, definition:)", seq.loc(i))
            continue
        r = Reader(item, problems, "a glossary entry")
        r.keys(("id", "term", "definition"),
               ("original", "translit", "expansion", "variants", "related", "levels"))
        tid, term, definition = r.id(), r.str("term", limit=MAX_TITLE), r.text("definition", limit=MAX_CELL)
        if tid and term and definition:
            terms.append(Term(tid, term, definition, item.loc(), r.str("original"), r.str("translit"),
                              r.str("expansion"), r.str_list("variants"), r.str_list("related", ids=True),
                              r.levels()))
    return terms



def read_people(seq: Seq, problems: Problems) -> list[Person]:
    people = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each person is a mapping (id:, name:, …)", seq.loc(i))
            continue
        r = Reader(item, problems, "a person")
        r.keys(("id", "name"), ("sort", "original", "pronounce", "variants", "born", "died", "role", "fate",
                                "source", "levels"))
        pid, name = r.id(), r.str("name", limit=MAX_TITLE)
        if not (pid and name):
            continue
        sort = r.str("sort")
        if not sort:
            parts = name.rsplit(" ", 1)
            sort = f"{parts[1]}, {parts[0]}" if len(parts) == 2 else name
        people.append(Person(pid, name, sort, item.loc(), r.text("role", limit=MAX_ENTRY),
                             r.text("fate", limit=MAX_ENTRY), r.str("original"),
                             r.str("pronounce"), r.str_list("variants"), r.int("born", 1, 2100),
                             r.int("died", 1, 2100), r.key("source"), r.levels()))
    return people



def read_places(seq: Seq, problems: Problems) -> list:
    places = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each place is a mapping (id:, name:, kind:, lat:, lon:, …)", seq.loc(i))
            continue
        r = Reader(item, problems, "a place")
        r.keys(("id", "name", "kind", "lat", "lon"), ("years", "text", "source", "line"))
        pid, name, kind = r.id(), r.str("name"), r.choice("kind", PLACE_KINDS)
        lat, lon = r.number("lat"), r.number("lon")
        if lat is not None and not -90 <= lat <= 90:
            problems.error(f"latitude {lat:g} is out of range", r.loc("lat"), "latitudes run from -90 to 90")
            lat = None
        if lon is not None and not -180 <= lon <= 360:
            problems.error(f"longitude {lon:g} is out of range", r.loc("lon"), "longitudes run from -180 to 180")
            lon = None
        line = []
        for j, point in enumerate(r.list("line") or []):
            if (isinstance(point, Seq) and len(point) == 2 and all(isinstance(v, (int, float)) and
                                                                  not isinstance(v, bool) for v in point)
                    and -90 <= point[0] <= 90 and -180 <= point[1] <= 360):
                line.append((float(point[0]), float(point[1])))
            else:
                problems.error("each point of 'line' is [latitude, longitude] in range", item["line"].loc(j))
        if pid and name and kind and lat is not None and lon is not None:
            places.append(Place(pid, name, kind, lat, lon, item.loc(), r.str("years"), r.text("text", limit=MAX_ENTRY),
                                r.key("source"), line))
    return places



def read_reading(path: Path, problems: Problems) -> dict[str, list[Reading]]:
    if not path.exists():
        return {}
    data = load_yaml(path, problems)
    out: dict[str, list[Reading]] = {}
    if data is None:
        return out
    if not isinstance(data, Map):
        problems.error("reading.yaml maps each level to a list of {source:, note:}", data_loc(data, path))
        return out
    for level, seq in data.items():
        if level not in LEVELS:
            problems.error(f"unknown level '{level}'", data.loc(level), suggest(level, LEVELS))
            continue
        if not isinstance(seq, Seq):
            problems.error(f"the reading list for {level} must be a list", data.loc(level))
            continue
        for i, item in enumerate(seq):
            if not isinstance(item, Map):
                problems.error("each item is a mapping {source: id, note: …}", seq.loc(i))
                continue
            r = Reader(item, problems, "a reading item")
            r.keys(("source",), ("note",))
            sid = r.key("source")
            if sid:
                out.setdefault(level, []).append(Reading(sid, r.text("note"), item.loc("source")))
    return out
