"""YAML → `Map`/`Seq`/scalars with PyYAML's safe composer only (no Python objects, no tags of our own),
counting nodes, depth and aliases against the `Limits`."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import Location, Problems, display_path
from .data import LIMITS, Limits, Map, Seq, _TooBig
from .files import read_text


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

