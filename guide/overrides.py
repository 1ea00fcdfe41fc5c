"""An edition's own wording: `overrides:` replaces the text of any item of the content, found by its stable id.

    overrides:
      army-p3: New wording of the paragraph, for every level.
      army-p4: {high: New wording for the high-school edition only.}
      army-h2: {text: The question reworded, answer: A new model answer, lines: 6}
      army-key-question: {middle: What did the purge do to the army?}
      army-p5: {text: New wording, was: 1a2b3c4d}

An item is a block, a question, an objective, a question in a source box (its text or model answer), a quiz
item (its text or feedback; not its options), or a section's title, key question
or teacher notes (`<section>-title`, `<section>-key-question`, `<section>-teacher-notes`). A value is the new
main text (a string, or one per level), or a mapping of the item's fields. `was:` is the fingerprint of the
shipped text the override replaces: when an update changes that text, `guide check` and `guide build` warn.
The replacement text is checked like shipped text, with messages on the edition file's lines. Quotations in
source boxes stay as the source wrote them: they cannot be overridden.
"""
from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field

from .errors import Location, Problems
from .model import LEVELS, Guide, Section, Text

# What each kind of item lets an edition change; the first field is its main text.
FIELDS = {
    "paragraph": ("text",), "subheading": ("text",), "callout": ("text", "title"),
    "primary": ("intro", "title", "caption"), "figures": ("title",), "chart": ("caption", "title", "alt"),
    "map": ("caption", "title", "alt"), "question": ("text", "answer", "lines"), "objective": ("text",),
    "source question": ("text", "answer"), "quiz item": ("text", "feedback"), "title": ("text",),
    "key question": ("text",), "teacher notes": ("text",),
}


FIELD_KEYS = {"text", "answer", "lines", "title", "intro", "caption", "alt", "was", "quote", "attribution", "feedback"}


@dataclass
class Override:
    id: str
    fields: dict[str, object]            # field → Text (or int, for lines)
    location: Location
    was: str | None = None
    lines: dict[str, Location] = field(default_factory=dict)


@dataclass
class Item:
    id: str
    kind: str
    section: str
    location: Location
    get: dict                            # field → function returning its current value
    put: dict                            # field → function(section copy, value)
    levels: tuple = LEVELS               # where it is printed


def fingerprint(values: dict[str, dict[str, str]]) -> str:
    """Eight hex digits naming a text: what `was:` holds."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:8]


def items(guide: Guide) -> dict[str, Item]:
    """Every item an edition can change, by id, in the guide's order."""
    out: dict[str, Item] = {}

    def add(item: Item):
        out.setdefault(item.id, item)

    for sec in guide.sections.values():
        sid = sec.id

        def section_field(name):
            return lambda s, name=name: getattr(s, name)

        def set_section_field(name):
            def put(s: Section, value, name=name):
                setattr(s, name, value)
            return put
        for name, kind, suffix in (("title", "title", "title"), ("key_question", "key question", "key-question"),
                                   ("teacher_notes", "teacher notes", "teacher-notes")):
            if getattr(sec, name) is not None:
                add(Item(f"{sid}-{suffix}", kind, sid, sec.location, {"text": section_field(name)},
                         {"text": set_section_field(name)}))
        for i, obj in enumerate(sec.objectives):
            if obj.id:
                add(Item(obj.id, "objective", sid, obj.loc(next(iter(obj.values))),
                         {"text": lambda s, i=i: s.objectives[i]},
                         {"text": lambda s, v, i=i: s.objectives.__setitem__(i, v)}))
        for bi, b in enumerate(sec.blocks):
            if b.id:
                add(Item(b.id, b.type, sid, b.location,
                         {f: (lambda s, f=f, bi=bi: getattr(s.blocks[bi], f)) for f in FIELDS[b.type]},
                         {f: (lambda s, v, f=f, bi=bi: setattr(s.blocks[bi], f, v)) for f in FIELDS[b.type]},
                         tuple(lv for lv in b.levels if lv in sec.levels)))
            for qi, q in enumerate(b.questions):
                if q.id:
                    add(Item(q.id, "source question", sid, q.loc(next(iter(q.values))),
                             {"text": lambda s, bi=bi, qi=qi: s.blocks[bi].questions[qi],
                              "answer": lambda s, bi=bi, qid=q.id: s.blocks[bi].answers.get(qid)},
                             {"text": lambda s, v, bi=bi, qi=qi: s.blocks[bi].questions.__setitem__(qi, v),
                              "answer": lambda s, v, bi=bi, qid=q.id: s.blocks[bi].answers.__setitem__(qid, v)},
                             tuple(q.values)))
        for qi, q in enumerate(sec.questions):
            add(Item(q.id, "question", sid, q.location,
                     {f: (lambda s, f=f, qi=qi: getattr(s.questions[qi], f)) for f in FIELDS["question"]},
                     {f: (lambda s, v, f=f, qi=qi: setattr(s.questions[qi], f, v)) for f in FIELDS["question"]},
                     tuple(lv for lv in q.levels if lv in sec.levels)))
        for qi, q in enumerate(sec.quiz):
            add(Item(q.id, "quiz item", sid, q.location,
                     {f: (lambda s, f=f, qi=qi: getattr(s.quiz[qi], f)) for f in FIELDS["quiz item"]},
                     {f: (lambda s, v, f=f, qi=qi: setattr(s.quiz[qi], f, v)) for f in FIELDS["quiz item"]},
                     tuple(lv for lv in q.levels if lv in sec.levels)))
    return out


def read_overrides(data, problems: Problems) -> list[Override]:
    """The edition's `overrides:` mapping, read into Overrides (texts located on the edition's lines)."""
    from .load import Map
    from .validate import MAX_TEXT, Reader, to_text

    spec = data.get("overrides")
    if spec is None:
        return []
    if not isinstance(spec, Map):
        problems.error("'overrides' maps item ids to their new wording", data.loc("overrides"),
                       "write 'overrides:' and below it, indented, 'item-id: new text'", "overrides")
        return []
    out = []
    for oid, value in spec.items():
        loc = spec.loc(oid)
        fields: dict[str, object] = {}
        was = None
        keys = set(value) if isinstance(value, Map) else set()
        if isinstance(value, Map) and (keys & FIELD_KEYS or not keys & set(LEVELS)):
            r = Reader(value, problems, f"the override of '{oid}'")
            r.keys((), ("text", "answer", "lines", "title", "intro", "caption", "alt", "feedback", "was"))
            for name in value:
                if name == "was":
                    was = r.str("was")
                elif name == "lines":
                    fields["lines"] = r.int("lines", 0, 60)
                elif name in ("text", "answer", "title", "intro", "caption", "alt", "feedback"):
                    fields[name] = r.text(name, limit=MAX_TEXT)
            lines = {name: value.loc(name) for name in value}
        else:
            fields["*"] = to_text(value, spec, oid, problems, f"the override of '{oid}'")
            lines = {"*": loc}
        fields = {k: v for k, v in fields.items() if v is not None}
        out.append(Override(str(oid), fields, loc, was, lines))
    return out


def apply(guide: Guide, overrides: list[Override], omitted: set[str], problems: Problems,
          table: dict[str, Item] | None = None) -> Guide:
    """The guide with the edition's wording in place of the shipped wording (sections copied, not changed).
    `table` is `items(guide)` when the caller has it already (the studio keeps it between builds)."""
    if not overrides:
        return guide
    from .validate import suggest

    table = items(guide) if table is None else table
    g = copy.copy(guide)
    g.sections = dict(guide.sections)
    copied: set[str] = set()
    for ov in overrides:
        item = table.get(ov.id)
        if item is None:
            problems.error(f"there is no item '{ov.id}' to override", ov.location,
                           suggest(ov.id, table) or "'guide list --ids SECTION' lists the ids of a section",
                           "overrides")
            continue
        if ov.id in omitted:
            problems.warning(f"'{ov.id}' is overridden and also omitted, so the override is not printed",
                             ov.location, "remove it from 'omit' or from 'overrides'", "overrides")
        if item.section not in copied:
            g.sections[item.section] = copy.deepcopy(guide.sections[item.section])
            copied.add(item.section)
        sec = g.sections[item.section]
        replaced: dict[str, dict[str, str]] = {}
        for name, value in ov.fields.items():
            target = list(item.get)[0] if name == "*" else name
            if target not in item.get:
                problems.error(f"'{ov.id}' is {_a(item.kind)}: its override may change "
                               f"{', '.join(item.get)}, not '{name}'", ov.lines.get(name, ov.location),
                               "a quotation stays as the source wrote it" if item.kind == "primary"
                               and name == "quote" else None, "overrides")
                continue
            old = item.get[target](sec)
            if target == "lines":
                item.put[target](sec, value)
                replaced["lines"] = {"all": str(old)}
                continue
            new, was = _merge(old, value, ov, target, item, problems)
            if new is not None:
                item.put[target](sec, new)
                replaced[target] = was
        if replaced:
            now = fingerprint(replaced)
            if ov.was is None:
                problems.warning(f"the override of '{ov.id}' does not say which wording it replaces", ov.location,
                                 f"add 'was: {now}' to it, so that guide tells you when an update changes the "
                                 "shipped text", "overrides")
            elif ov.was != now:
                problems.warning(f"the shipped wording of '{ov.id}' ({item.location}) has changed since this "
                                 "override was written", ov.location, f"compare the two, then set 'was: {now}'",
                                 "overrides")
    return g


def _merge(old: Text | None, value: Text, ov: Override, field_name: str, item: Item, problems: Problems):
    """The item's text with the override's levels in place; the replaced levels' old wording."""
    levels = [lv for lv in LEVELS if lv in value.values]
    if old is None:
        old = Text({}, {})
    whole = set(value.values) == set(LEVELS) and len(set(value.values.values())) == 1
    unprinted = [lv for lv in levels if lv not in item.levels]
    if unprinted and not whole:
        problems.warning(f"'{ov.id}' is not printed at the {' and '.join(unprinted)} level"
                         f"{'s' * (len(unprinted) > 1)}, so this wording will not appear there",
                         value.loc(unprinted[0]), f"it is printed at: {', '.join(item.levels) or 'no level'}",
                         "overrides")
    missing = [lv for lv in levels if lv not in old.values]
    if whole:               # one string for every level: it replaces the levels the item has
        levels = [lv for lv in LEVELS if lv in old.values] or list(LEVELS)
        missing = []
    if missing:
        problems.error(f"'{ov.id}' has no {field_name} for the {' and '.join(missing)} level"
                       f"{'s' * (len(missing) > 1)}, so there is nothing to replace", value.loc(missing[0]),
                       "override only the levels the item is written for", "overrides")
        levels = [lv for lv in levels if lv not in missing]
    if not levels:
        return None, {}
    values, locations = dict(old.values), dict(old.locations)
    for lv in levels:
        values[lv] = value.values[lv]
        locations[lv] = value.loc(lv)
    return Text(values, locations, old.id), {lv: old.values.get(lv, "") for lv in levels}


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind
