"""Stage 1, load: YAML files → plain Python data that remembers the line of every value.

Files are parsed with PyYAML's safe composer only (no Python objects, no tags of our own). The result
uses `Map` (a dict) and `Seq` (a list) that record the line of each key and item, so that later stages
can say *where* a problem is. Timestamps stay strings ("1934-12-01"), because dates are parsed by the
validator, which knows what precision the author meant.

Limits (counts, not timers) keep hostile files from exhausting memory: see `Limits`.

The modules: `data` (`Map`, `Seq`, `Limits`), `files` (reading a file's text safely, `confined` to the
content folder), `yaml_file` and `json_file` (the two parsers).
"""
from __future__ import annotations

from .data import LIMITS, Limits, Map, Seq
from .files import confined, overlay, read_text
from .json_file import load_json, parse_json
from .yaml_file import load_yaml, parse_yaml

__all__ = ["LIMITS", "Limits", "Map", "Seq", "confined", "load_json", "overlay", "load_yaml", "parse_json", "parse_yaml",
           "read_text"]
