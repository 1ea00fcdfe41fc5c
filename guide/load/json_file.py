"""JSON (CSL-JSON, as Zotero exports it) → `Map`/`Seq`/scalars that know their lines, read like YAML."""
from __future__ import annotations

from pathlib import Path

from ..errors import Location, Problems, display_path
from .data import LIMITS, Limits, Map, Seq, _TooBig
from .files import read_text


def load_json(path: Path, problems: Problems, limits: Limits = LIMITS):
    """Parse one JSON file (CSL-JSON, as Zotero exports it) into `Map`/`Seq`/scalars that know their lines;
    None (with problems recorded) if it cannot be read. Read through `read_text`, like YAML."""
    text = read_text(path, problems, limits)
    if text is None:
        return None
    return parse_json(text, display_path(path), problems, limits)


class _At:
    """A parsed JSON value with where it starts and ends in the text."""
    __slots__ = ("value", "start", "end")

    def __init__(self, value, start: int, end: int):
        self.value, self.start, self.end = value, start, end


def parse_json(text: str, shown: str, problems: Problems, limits: Limits = LIMITS):
    """JSON with the `json` module's own scanner (the pure-Python one, so that each object and array can
    be built as a `Map`/`Seq` that records the line of every key and item). Tabs are fine."""
    import bisect
    import json
    from json import decoder, scanner

    if not text.strip():
        problems.error("the file is empty", Location(shown, 1), "add the content, or delete the file")
        return None
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(pos: int) -> int:
        return bisect.bisect_left(newlines, pos) + 1

    state = {"nodes": 0, "depth": 0}

    def located(scan_once):
        def scan(s, idx):
            state["nodes"] += 1
            if state["nodes"] > limits.max_nodes:
                raise _TooBig(f"the file has more than {limits.max_nodes:,} values", line(idx))
            value, end = scan_once(s, idx)
            return _At(value, idx, end), end
        return scan

    def nested(start: int):
        state["depth"] += 1
        if state["depth"] > limits.max_depth:
            raise _TooBig(f"values are nested more than {limits.max_depth} levels deep", line(start))

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        s, start = s_and_end
        nested(start)
        try:
            pairs, end = decoder.JSONObject(s_and_end, strict, located(scan_once), None, list, memo)
        finally:
            state["depth"] -= 1
        result = Map(shown, line(start - 1))
        for key, at in pairs:
            if key in result:
                problems.error(f"duplicate key '{key}' (first on line {result.lines[key]})",
                               Location(shown, line(at.start)), "keep only one of them")
                continue
            result[key] = at.value
            result.lines[key] = line(at.start)
            if isinstance(at.value, (int, float)) and not isinstance(at.value, bool):
                result.raw[key] = s[at.start:at.end]
        return result, end

    def parse_array(s_and_end, scan_once):
        s, start = s_and_end
        nested(start)
        try:
            items, end = decoder.JSONArray(s_and_end, located(scan_once))
        finally:
            state["depth"] -= 1
        result = Seq(shown, line(start - 1))
        for at in items:
            result.append(at.value)
            result.lines.append(line(at.start))
        return result, end

    context = json.JSONDecoder()
    context.parse_object, context.parse_array = parse_object, parse_array
    context.memo = {}
    scan = scanner.py_make_scanner(context)
    ws = decoder.WHITESPACE
    try:
        start = ws.match(text, 0).end()
        value, end = scan(text, start)
        end = ws.match(text, end).end()
        if end != len(text):
            raise json.JSONDecodeError("Extra data after the end of the file's value", text, end)
        return value
    except StopIteration as exc:   # the scanner's way of saying "no value starts here"
        pos = exc.value if isinstance(exc.value, int) else 0
        problems.error("JSON syntax: a value is expected here", Location(shown, line(pos)),
                       _json_hint("Expecting value", text, pos))
    except json.JSONDecodeError as exc:
        problems.error(f"JSON syntax: {exc.msg}", Location(shown, exc.lineno), _json_hint(exc.msg, text, exc.pos))
    except _TooBig as exc:
        problems.error(f"file refused: {exc}", Location(shown, exc.line),
                       "simplify the file; see 'Limits' in the README")
    except (ValueError, RecursionError) as exc:   # a number of thousands of digits, say
        problems.error(f"JSON: {exc}", Location(shown), "check the file's numbers")
    return None


def _json_hint(msg: str, text: str, pos: int) -> str:
    before = text[:pos].rstrip()
    if "property name" in msg and before.endswith(","):
        return "JSON allows no comma after the last item of an object or list"
    if "property name" in msg:
        return "keys are written in double quotes: \"title\": \"…\""
    if "':'" in msg:
        return "a ':' goes between a key and its value: \"title\": \"…\""
    if "delimiter" in msg:
        return "a comma is missing between two values, or a quote is not closed, here or on the line before"
    if "control character" in msg:
        return "a tab or line break inside a string is written \\t or \\n"
    if "Unterminated string" in msg:
        return "a string's closing double quote is missing"
    if "Expecting value" in msg and before.endswith(","):
        return "JSON allows no comma after the last item of an object or list"
    if "Expecting value" in msg:
        return "JSON strings are written in double quotes; true, false and null are lowercase"
    return "check the line and the one before it"
