"""The YAML reader's shapes: typed access to one mapping (`Reader`), texts by level, ids, dates, lists of
mappings and list files, each problem recorded against its file and line."""
from __future__ import annotations

import difflib
import math
import re
from pathlib import Path

from .. import csl
from ..errors import Location, Problems, display_path, printable
from ..load import Map, Seq, load_yaml
from ..model import LEVELS, Date, Text
from .limits import MAX_LINE, MAX_NUMBER, MAX_TEXT, clean_text, limited


ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")



def suggest(word: str, choices) -> str | None:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None



class Reader:
    """Typed access to one mapping, recording problems against its file and lines."""

    def __init__(self, data: Map, problems: Problems, what: str):
        self.data = data
        self.problems = problems
        self.what = what

    def loc(self, key: str | None = None) -> Location:
        return self.data.loc(key)

    def keys(self, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        allowed = set(required) | set(optional)
        for key in self.data:
            if key not in allowed:
                hint = suggest(key, allowed) or f"allowed keys: {', '.join(sorted(allowed))}"
                self.problems.error(f"unknown key '{key}' in {self.what}", self.loc(key), hint)
        for key in required:
            if key not in self.data or self.data[key] is None:
                self.problems.error(f"{self.what} needs '{key}'", self.loc(), f"add a line '{key}: …'")

    def str(self, key: str, required: bool = False, limit: int = MAX_LINE) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, (Map, Seq)):
            shown = f" (it reads '{printable(self.data.written(key))}' as true or false)" \
                if isinstance(value, bool) else ""
            self.problems.error(f"'{key}' in {self.what} must be text{shown}", self.loc(key),
                                "write it as a single line of text, in quotes if it has ': ' or is yes/no")
            return None
        if isinstance(value, (int, float)):
            written = self.data.written(key)
            if written != str(value):   # YAML changed it: 0x1F is 31, 1.10 is 1.1
                self.problems.warning(f"'{key}' was read as the number {value!r}; it prints as written, "
                                      f"{printable(written)!r}", self.loc(key),
                                      f"put it in quotes to say it is text: {key}: \"{printable(written)}\"")
            value = written
        return clean_text(str(value), self.loc(key), self.problems, limit)

    def id(self, key: str = "id") -> str | None:
        value = self.str(key)
        if value is not None and not ID.match(value):
            self.problems.error(f"'{value}' is not a valid id", self.loc(key),
                                "use lowercase letters, digits and hyphens, e.g. 'show-trial'")
            return None
        return value

    def key(self, key: str) -> str | None:
        """A citation key: a source's id, as [@key] cites it."""
        value = self.str(key)
        if value is not None and not csl.is_key(value):
            self.problems.error(f"'{printable(value)}' is not a valid citation key", self.loc(key),
                                "a key is letters and digits, with _ - . : / inside, e.g. 'conquest-1990'")
            return None
        return value

    def int(self, key: str, minimum: int | None = None, maximum: int | None = None) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.error(f"'{key}' in {self.what} must be a whole number", self.loc(key))
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.problems.error(f"'{key}' is {value}; it must be between {minimum} and {maximum}", self.loc(key))
            return None
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problems.error(f"'{key}' in {self.what} must be a number", self.loc(key))
            return None
        try:
            number = float(value)
        except OverflowError:
            number = float("inf")
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            self.problems.error(f"'{key}' is {printable(self.data.written(key))[:40]}, which is too large",
                                self.loc(key), f"numbers here are at most {MAX_NUMBER:.0e}")
            return None
        return number

    def choice(self, key: str, choices, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, (Map, Seq)) or str(value) not in choices or isinstance(value, bool):
            written = printable(self.data.written(key))[:80] if not isinstance(value, (Map, Seq)) else "a list"
            hint = suggest(written, choices) or f"choose one of: {', '.join(choices)}"
            self.problems.error(f"'{key}' is '{written}', which is not one of {', '.join(choices)}", self.loc(key),
                                hint)
            return default
        return str(value)

    def list(self, key: str) -> Seq | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Seq):
            self.problems.error(f"'{key}' in {self.what} must be a list", self.loc(key),
                                "write each item on its own line starting with '- '")
            return None
        return limited(value, key, self.problems)

    def str_list(self, key: str, ids: bool = False) -> list[str]:
        seq = self.list(key)
        out: list[str] = []
        for i, item in enumerate(seq or []):
            if isinstance(item, (Map, Seq)) or item is None:
                self.problems.error(f"item {i + 1} of '{key}' must be text", seq.loc(i))
                continue
            item = str(item)
            if ids and not ID.match(item):
                self.problems.error(f"'{item}' is not a valid id", seq.loc(i),
                                    "use lowercase letters, digits and hyphens")
                continue
            out.append(item)
        return out

    def bool(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problems.error(f"'{key}' must be true or false", self.loc(key))
            return False
        return value

    def levels(self, key: str = "levels") -> tuple[str, ...]:
        if key not in self.data:
            return LEVELS
        items = self.str_list(key)
        good = []
        for item in items:
            if item not in LEVELS:
                self.problems.error(f"unknown level '{item}'", self.loc(key),
                                    suggest(item, LEVELS) or f"levels are {', '.join(LEVELS)}")
            else:
                good.append(item)
        return tuple(lv for lv in LEVELS if lv in good)

    def text(self, key: str, required: bool = False, limit: int = MAX_TEXT) -> Text | None:
        """A text field: a string, or a mapping {middle|high|college: string}."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.problems.error(f"{self.what} needs '{key}'", self.loc(), f"add a line '{key}: …'")
            return None
        return to_text(value, self.data, key, self.problems, self.what, limit)



def to_text(value, parent, key, problems: Problems, what: str, limit: int = MAX_TEXT) -> Text | None:
    loc = parent.loc(key)
    if isinstance(value, Map):
        values, locations = {}, {}
        for level, s in value.items():
            if level not in LEVELS:
                problems.error(f"unknown level '{level}' in '{key}'", value.loc(level),
                               suggest(level, LEVELS) or f"levels are {', '.join(LEVELS)}")
                continue
            if s is None:
                continue
            if isinstance(s, (Map, Seq)) or isinstance(s, bool):
                problems.error(f"'{key}' for {level} must be text", value.loc(level))
                continue
            if isinstance(s, (int, float)):
                s = value.written(level)
            values[level] = clean_text(str(s), value.loc(level), problems, limit)
            locations[level] = value.loc(level)
        if not values:
            problems.error(f"'{key}' in {what} has no text for any level", loc)
            return None
        return Text(values, locations)
    if isinstance(value, Seq) or isinstance(value, bool):
        problems.error(f"'{key}' in {what} must be text or a mapping by level", loc,
                       "write 'key: text' or 'key: {middle: …, high: …, college: …}'")
        return None
    if isinstance(value, (int, float)) and isinstance(parent, Map) and key is not None:
        value = parent.written(key)
    value = clean_text(str(value), loc, problems, limit)
    return Text({lv: value for lv in LEVELS}, {lv: loc for lv in LEVELS})



def listed_text(item, seq: Seq, i: int, problems: Problems, what: str, limit: int) -> Text | None:
    """An item of a list of texts (an objective, a question in a source box): a string, a level map, or
    either with its stable id — {id: x, text: …}, or a level map that also has `id:`."""
    if item is None:
        return None
    tid = None
    if isinstance(item, Map) and "id" in item:
        r = Reader(item, problems, what)
        tid = r.id()
        if "text" in item:
            r.keys(("id", "text"), ())
            t = r.text("text", required=True, limit=limit)
        else:
            levels = Map(item.file, item.line)
            for k, v in item.items():
                if k != "id":
                    levels[k] = v
                    levels.lines[k] = item.lines.get(k, item.line)
                    if k in item.raw:
                        levels.raw[k] = item.raw[k]
            t = to_text(levels, seq, None, problems, what, limit) if levels else None
            if t is None and not levels:
                problems.error(f"{what} has an id but no text", item.loc())
    else:
        t = to_text(item, seq, None, problems, what, limit)
        if t is not None and not isinstance(item, Map):
            t.locations = {lv: seq.loc(i) for lv in t.locations}   # each item on its own line
    if t is not None:
        t.id = tid
    return t



def parse_date(value, loc: Location, problems: Problems) -> Date | None:
    m = DATE.match(str(value).strip()) if value is not None else None
    if not m:
        problems.error(f"'{value}' is not a date", loc, "write \"1937\", \"1937-07\" or \"1937-07-30\" (in quotes)")
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    month = int(month) if month else None
    day = int(day) if day else None
    if month is not None and not 1 <= month <= 12:
        problems.error(f"'{value}' has no such month", loc, "months run from 01 to 12")
        return None
    if day is not None:
        import calendar
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            problems.error(f"'{value}' has no such day", loc, "check the day of the month")
            return None
    return Date(year, month, day)



def data_loc(data, path: Path) -> Location:
    if isinstance(data, (Map, Seq)):
        return data.loc()
    return Location(display_path(path), 1)



def read_maps(r: Reader, key: str, message: str, read) -> list:
    """The items of the list `key`, each a mapping read by `read(item, problems)`; others are located errors
    (`message` with {n}, the item's number)."""
    out = []
    for i, item in enumerate(r.list(key) or []):
        if not isinstance(item, Map):
            r.problems.error(message.format(n=i + 1), r.data[key].loc(i))
            continue
        value = read(item, r.problems)
        if value:
            out.append(value)
    return out



def read_list_file(path: Path, key: str, problems: Problems, optional: bool = False) -> Seq | None:
    if optional and not path.exists():
        return None
    data = load_yaml(path, problems)
    if data is None:
        return None
    if isinstance(data, Map) and key in data and isinstance(data[key], Seq):
        extra = [k for k in data if k != key]
        for k in extra:
            problems.error(f"unknown key '{k}'", data.loc(k), f"the file holds one list under '{key}:'")
        return limited(data[key], key, problems)
    if isinstance(data, Seq):
        return limited(data, key, problems)
    problems.error(f"this file must hold a list under '{key}:'", data_loc(data, path),
                   f"start the file with '{key}:' and list the entries below it")
    return None



def index(items, what: str, problems: Problems) -> dict:
    out = {}
    for item in items:
        if item.id in out:
            first = out[item.id].location
            problems.error(f"duplicate {what} id '{item.id}' (first at {first})", item.location,
                           "give each entry its own id")
            continue
        out[item.id] = item
    return out
