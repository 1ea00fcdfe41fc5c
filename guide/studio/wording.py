"""Change the wording in the studio: an edition's `overrides:` (guide/overrides.py), edited item by item.

The page lists the items of one section (paragraphs, questions and their model answers, objectives, the key
question, …) by their place in it, with their ids; an edit becomes an override of the edition for the
edition's level, with the `was:` fingerprint of the shipped text it replaces (so the drift warning works from
the first day). The shipped files are never touched. An override whose shipped text has changed since it
was written is reported with both texts: the edition's and the shipped one now.
"""
from __future__ import annotations

import re
from dataclasses import replace

import yaml

from ..errors import GuideError, Problem, Problems
from ..model import LEVELS

LABELS = {"title": "Section title", "key question": "Key question", "teacher notes": "Teacher notes",
          "objective": "Objective", "paragraph": "Paragraph", "subheading": "Subheading", "callout": "Box",
          "primary": "Source box", "figures": "Key figures", "chart": "Chart", "map": "Map",
          "question": "Question", "source question": "Source box question", "quiz item": "Quiz item"}
FIELD_LABELS = {"text": "Text", "answer": "Model answer", "lines": "Answer lines", "title": "Title",
                "intro": "Introduction", "caption": "Caption", "alt": "Description for screen readers",
                "feedback": "Feedback"}
NUMBERED = {"title", "key question", "teacher notes"}
MAX_OVERRIDES = 2_000


def read(spec) -> dict:
    """The page's `overrides` (as an edition file holds them) read by the CLI's reader: id → Override."""
    from ..load import parse_yaml
    from ..overrides import read_overrides

    if not spec:
        return {}
    if not isinstance(spec, dict) or len(spec) > MAX_OVERRIDES:
        raise GuideError("the page sent overrides that are not a mapping of item ids", exit_code=400)
    problems = Problems()
    data = parse_yaml(yaml.safe_dump({"overrides": spec}, allow_unicode=True, width=10_000), "the page", problems)
    return {o.id: o for o in read_overrides(data, problems)} if data is not None else {}


def _value(get, sec, level):
    value = get(sec)
    if value is None:
        return None
    return value if isinstance(value, int) else value.at(level)


def _was(guide, oid: str, spec) -> str | None:
    """The fingerprint of the shipped wording the override `spec` replaces (as `overrides.apply` computes it)."""
    from ..overrides import apply
    ov = read({oid: {k: v for k, v in spec.items() if k != "was"} if isinstance(spec, dict) else spec})
    problems = Problems()
    apply(guide, list(ov.values()), set(), problems)
    for p in problems:
        m = re.search(r"add 'was: ([0-9a-f]{8})'", p.hint or "")
        if m and f"'{oid}'" in p.message:
            return m.group(1)
    return None


def section_items(guide, sid: str, level: str, spec: dict | None) -> list[dict]:
    """The items of a section the wording can be changed of, at `level`, with the edition's overrides."""
    from ..overrides import apply, items

    if sid not in guide.sections:
        raise GuideError(f"there is no section '{sid}'", exit_code=400)
    if level not in LEVELS:
        raise GuideError(f"there is no level '{level}'", exit_code=400)
    spec = spec or {}
    table = {k: v for k, v in items(guide).items() if v.section == sid}
    overrides = read({k: v for k, v in spec.items() if k in table})
    problems = Problems()
    changed = apply(guide, list(overrides.values()), set(), problems)
    drift = {oid for oid in overrides for p in problems if f"'{oid}'" in p.message and "has changed since" in p.message}
    shipped, mine = guide.sections[sid], changed.sections[sid]
    counts: dict[str, int] = {}
    out = []
    for iid, item in table.items():
        if level not in item.levels:
            continue
        fields = []
        for name, get in item.get.items():
            before = _value(get, shipped, level)
            if before is None:
                continue
            now = _value(get, mine, level)
            fields.append({"name": name, "label": FIELD_LABELS.get(name, name), "shipped": before, "value": now,
                           "changed": now != before, "number": name == "lines"})
        if not fields:
            continue
        counts[item.kind] = counts.get(item.kind, 0) + 1
        place = LABELS.get(item.kind, item.kind) + ("" if item.kind in NUMBERED else f" {counts[item.kind]}")
        if item.kind == "question":
            place += f" ({shipped.questions[[q.id for q in shipped.questions].index(iid)].kind})"
        ov = overrides.get(iid)
        out.append({"id": iid, "kind": item.kind, "place": place, "fields": fields, "overridden": ov is not None,
                    "drift": ({"yours": fields[0]["value"], "shipped": fields[0]["shipped"]} if iid in drift
                              else None)})
    return out


def set_wording(guide, spec: dict | None, iid: str, level: str, values: dict) -> dict:
    """The overrides with item `iid` at `level` given `values` (field → text); a text equal to the shipped
    one is no override. Returns the new overrides (the whole mapping, as the edition file will hold it)."""
    from ..overrides import items

    item = items(guide).get(iid)
    if item is None:
        raise GuideError(f"there is no item '{iid}'", exit_code=400)
    if level not in LEVELS or not isinstance(values, dict):
        raise GuideError("the page sent a level or values that cannot be used", exit_code=400)
    spec = dict(spec or {})
    old = spec.get(iid)
    main = next(iter(item.get))
    if isinstance(old, dict) and not (set(old) & {"text", "answer", "lines", "title", "intro", "caption", "alt",
                                                    "feedback", "was"}):
        old = {main: old}                                   # one text per level, without fields
    elif not isinstance(old, dict):
        old = {main: old} if old is not None else {}
    new: dict = {}
    sec = guide.sections[item.section]
    for name in item.get:
        shipped = item.get[name](sec)
        if name not in old and name not in values:
            continue
        if name == "lines":
            value = values.get(name, old.get(name))
            if value in ("", None):                         # an emptied number: the shipped one
                continue
            try:
                value = int(value)
            except (TypeError, ValueError):
                pass                                        # kept as typed: the build says what is wrong
            if value != shipped:
                new[name] = value
            continue
        before = old.get(name)
        levels = dict(before) if isinstance(before, dict) else (
            {lv: before for lv in LEVELS if shipped is not None and lv in shipped.values} if before is not None else {})
        if name in values:
            text = values[name]
            if not isinstance(text, str):
                raise GuideError("the page sent a text that is not text", exit_code=400)
            if shipped is not None and text == shipped.at(level):
                levels.pop(level, None)
            else:
                levels[level] = text
        if levels:
            new[name] = levels
    if new:
        was = _was(guide, iid, new)
        if was:
            new["was"] = was
        spec[iid] = new
    else:
        spec.pop(iid, None)
    return spec


def revert(spec: dict | None, iid: str) -> dict:
    spec = dict(spec or {})
    spec.pop(iid, None)
    return spec


def place(problems: list[Problem], text: str, shown: str) -> list[Problem]:
    """Each problem on the lines of an override in the edition text with the field `ov-<item id>`."""
    from ..load import Map, parse_yaml
    from .additions import studio_hint

    data = parse_yaml(text, shown, Problems())
    spec = data.get("overrides") if isinstance(data, Map) else None
    if not isinstance(spec, Map) or not spec:
        return problems
    starts = sorted((spec.loc(k).line, str(k)) for k in spec)
    end = max((data.loc(k).line for k in data if data.loc(k).line > starts[-1][0]), default=10**9)
    out = []
    for p in problems:
        loc = p.location
        if loc and loc.file == shown and loc.line and starts[0][0] <= loc.line < end:
            oid = [k for line, k in starts if line <= loc.line][-1]
            p = studio_hint(replace(p, field=f"ov-{oid}"))
        out.append(p)
    return out
