"""Stage 1, load: YAML files → plain Python data that remembers the line of every value.

Files are parsed with PyYAML's safe composer only (no Python objects, no tags of our own). The result
uses `Map` (a dict) and `Seq` (a list) that record the line of each key and item, so that later stages
can say *where* a problem is. Timestamps stay strings ("1934-12-01"), because dates are parsed by the
validator, which knows what precision the author meant.

Limits (counts, not timers) keep hostile files from exhausting memory: see `Limits`.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import Location, Problems, display_path


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 2_000_000       # one YAML file
    max_nodes: int = 200_000         # values in one file, after aliases are expanded
    max_depth: int = 64              # nesting of maps and lists
    max_aliases: int = 100           # uses of *alias in one file


LIMITS = Limits()


class Map(dict):
    """A YAML mapping that knows its file, its own line and the line of each key."""

    def __init__(self, file: str, line: int):
        super().__init__()
        self.file = file
        self.line = line
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}      # a plain scalar's text as written, where YAML read it as no string

    def loc(self, key: str | None = None) -> Location:
        return Location(self.file, self.lines.get(key, self.line) if key is not None else self.line)

    def written(self, key: str) -> str:
        """The value of `key` as the author wrote it (`yes`, `0x1F`, `1.10`), for messages."""
        return self.raw.get(key, str(self.get(key)))


class Seq(list):
    """A YAML sequence that knows its file, its own line and the line of each item."""

    def __init__(self, file: str, line: int):
        super().__init__()
        self.file = file
        self.line = line
        self.lines: list[int] = []

    def loc(self, index: int | None = None) -> Location:
        if index is not None and index < len(self.lines):
            return Location(self.file, self.lines[index])
        return Location(self.file, self.line)


class _TooBig(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


_BOOL = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}


class _Builder:
    def __init__(self, file: str, limits: Limits, problems: Problems):
        self.file = file
        self.limits = limits
        self.problems = problems
        self.nodes = 0
        self.aliases = 0
        self.seen_anchor_use: set[int] = set()

    def build(self, node, depth: int = 0, in_alias: bool = False):
        line = node.start_mark.line + 1
        key = id(node)
        if key in self.seen_anchor_use and not in_alias:   # a node met again: an alias (*name) to it
            in_alias = True
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise _TooBig(f"the file uses more than {self.limits.max_aliases} YAML aliases (*name)", line)
        self.seen_anchor_use.add(key)
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise _TooBig(f"the file has more than {self.limits.max_nodes:,} values "
                          "(after YAML aliases are expanded)", line)
        if depth > self.limits.max_depth:
            raise _TooBig(f"values are nested more than {self.limits.max_depth} levels deep", line)
        if isinstance(node, MappingNode):
            result = Map(self.file, line)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.error("YAML merge keys (<<) are not supported",
                                        Location(self.file, key_node.start_mark.line + 1),
                                        "write the keys out in full")
                    continue
                if not isinstance(key_node, ScalarNode):
                    self.problems.error("a key must be a plain word",
                                        Location(self.file, key_node.start_mark.line + 1))
                    continue
                key = str(key_node.value)
                kline = key_node.start_mark.line + 1
                if key in result:
                    self.problems.error(f"duplicate key '{key}' (first on line {result.lines[key]})",
                                        Location(self.file, kline), "keep only one of them")
                    continue
                result[key] = self.build(value_node, depth + 1, in_alias)
                result.lines[key] = kline
                if isinstance(value_node, ScalarNode) and not isinstance(result[key], str) \
                        and result[key] is not None:
                    result.raw[key] = value_node.value
            return result
        if isinstance(node, SequenceNode):
            result = Seq(self.file, line)
            for item in node.value:
                result.append(self.build(item, depth + 1, in_alias))
                result.lines.append(item.start_mark.line + 1)
            return result
        return self.scalar(node)

    def scalar(self, node: ScalarNode):
        value = node.value
        tag = node.tag
        if node.style is not None and node.style != "":  # quoted or block scalar: always a string
            return value
        if tag == "tag:yaml.org,2002:null" or value in ("", "~", "null", "Null", "NULL"):
            return None
        if tag == "tag:yaml.org,2002:bool" and value.lower() in _BOOL:
            return _BOOL[value.lower()]
        if tag == "tag:yaml.org,2002:int":
            try:
                return int(value.replace("_", ""), 0) if not re.fullmatch(r"0\d+", value) else int(value)
            except ValueError:
                return value
        if tag == "tag:yaml.org,2002:float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value  # strings and timestamps stay text


class _Composer(yaml.SafeLoader):
    """The safe loader, counting aliases as it composes."""

    def __init__(self, stream, limits: Limits):
        super().__init__(stream)
        self._limits = limits
        self._alias_count = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._alias_count += 1
            if self._alias_count > self._limits.max_aliases:
                mark = self.peek_event().start_mark
                raise _TooBig(f"the file uses more than {self._limits.max_aliases} YAML aliases (*name)",
                              mark.line + 1)
        return super().compose_node(parent, index)


try:  # libyaml's parser is several times faster; aliases are then counted while the tree is built
    class _CComposer(yaml.CSafeLoader):
        pass
except AttributeError:  # PyYAML without libyaml
    _CComposer = None


_ROOT: contextvars.ContextVar[str | None] = contextvars.ContextVar("content_root", default=None)
_OVERLAY: contextvars.ContextVar[dict | None] = contextvars.ContextVar("overlay", default=None)


@contextlib.contextmanager
def overlay(texts: dict[str, str]):
    """While previewing, these texts (by absolute path) stand in for files not written yet (the studio's
    unsaved material); they are read with the same limits as files."""
    token = _OVERLAY.set({os.path.abspath(k): v for k, v in texts.items()})
    try:
        yield
    finally:
        _OVERLAY.reset(token)


@contextlib.contextmanager
def confined(root: Path):
    """While reading a content folder, files (symbolic links followed) must lie inside it."""
    token = _ROOT.set(os.path.realpath(root))
    try:
        yield
    finally:
        _ROOT.reset(token)


def read_text(path: Path, problems: Problems, limits: Limits = LIMITS) -> str | None:
    """The file's text, or None with a problem recorded."""
    shown = display_path(path)
    drafts = _OVERLAY.get()
    if drafts and os.path.abspath(path) in drafts:
        text = drafts[os.path.abspath(path)]
        if len(text.encode("utf-8")) > limits.max_bytes:
            problems.error(f"the file is larger than {limits.max_bytes:,} bytes, the limit", Location(shown),
                           "split it into smaller files")
            return None
        return text
    root = _ROOT.get()
    if root is not None and os.path.lexists(path):
        real = os.path.realpath(path)
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            problems.error("this is a symbolic link to a file outside the content folder, so it is not read",
                           Location(shown), "copy the file into the content folder instead of linking to it")
            return None
    too_big = (f"the file is larger than {limits.max_bytes:,} bytes, the limit", "split it into smaller files")
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            problems.error("this is a folder, not a YAML file", Location(shown), "give the path of a .yaml file")
            return None
        if not stat.S_ISREG(st.st_mode):   # a FIFO, a device (/dev/zero), a socket: never read
            problems.error("this is not a regular file (a pipe, a device or a socket), so it is not read",
                           Location(shown), "replace it with an ordinary text file")
            return None
        if st.st_size > limits.max_bytes:
            problems.error(*too_big[:1], Location(shown), too_big[1])
            return None
        with open(path, "rb") as fh:       # the limit holds while reading, even if the file grows
            data = fh.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            problems.error(too_big[0], Location(shown), too_big[1])
            return None
    except FileNotFoundError:
        what = "a symbolic link to a file that does not exist" if os.path.islink(path) else "file not found"
        problems.error(what, Location(shown), "check the path and the file name")
        return None
    except OSError as exc:
        problems.error(f"cannot read the file: {exc.strerror or exc}", Location(shown))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})", Location(shown, line),
                       "save it as UTF-8 in your editor")
        return None
    return text


def load_yaml(path: Path, problems: Problems, limits: Limits = LIMITS):
    """Parse one YAML file into `Map`/`Seq`/scalars; None (with problems recorded) if it cannot be read."""
    text = read_text(path, problems, limits)
    if text is None:
        return None
    return parse_yaml(text, display_path(path), problems, limits)


def parse_yaml(text: str, shown: str, problems: Problems, limits: Limits = LIMITS):
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            indent = line[: len(line) - len(line.lstrip())]
            if "\t" in indent:
                problems.error("a tab is used for indentation", Location(shown, number),
                               "YAML indents with spaces only; replace the tab with spaces")
                return None
    loader = None
    try:
        loader = _CComposer(text) if _CComposer is not None else _Composer(text, limits)
        node = loader.get_single_node()
        if node is None:
            problems.error("the file is empty", Location(shown, 1), "add the content, or delete the file")
            return None
        return _Builder(shown, limits, problems).build(node)
    except _TooBig as exc:
        problems.error(f"file refused: {exc}", Location(shown, exc.line),
                       "simplify the file; see 'Limits' in the README")
        return None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        ch = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        problems.error(f"the character {ch!r} (U+{ord(ch):04X}, a control character) is not allowed in the "
                       "file", Location(shown, line), "delete it; it is invisible in most editors")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "invalid YAML"
        problems.error(f"YAML syntax: {what}", Location(shown, line), _yaml_hint(what))
        return None
    except yaml.YAMLError as exc:
        problems.error(f"YAML syntax: {exc}", Location(shown))
        return None
    except RecursionError:
        problems.error("file refused: values are nested too deeply", Location(shown),
                       "simplify the file; see 'Limits' in the README")
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value that contains ': ' must be quoted, e.g. title: \"Stalin: a life\""
    if "could not find expected ':'" in problem:
        return "check the indentation and that every key ends with ':'"
    if "found character '\\t'" in problem:
        return "YAML indents with spaces only"
    if "stream end" in problem or "end of the stream" in problem or "unexpected end" in problem:
        return "a quote or bracket is not closed"
    if "expected <block end>" in problem:
        return "check the indentation of this line against the lines above"
    return "check the line and the one before it"


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
