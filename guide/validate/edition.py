"""An edition file (read by the declaration of its options), its own added files, and its check against the
content. `select` calls `check_edition` once per build: the one place an edition is merged in."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import Location, Problems, display_path
from ..glossary_links import garbled_links
from ..load import Map, Seq, load_yaml, parse_yaml
from ..model import ADD_KINDS, PARTS, Addition, Edition, Guide
from ..options import OPTIONS
from .limits import MAX_TITLE
from .lists import read_events, read_people, read_places, read_terms
from .reader import Reader, data_loc, read_list_file, suggest
from .references import check_references
from .sections import read_section
from .sources import read_source_file, read_sources, warn_duplicate_works


def read_edition(path: Path, problems: Problems, name: str | None = None, content_root: Path | None = None,
                 text: str | None = None) -> Edition | None:
    """An edition file, read by the declaration of its options (`options.OPTIONS`). Every problem carries
    the option it belongs to (`Problem.field`), so that a front end can show it beside that option.

    With `text`, that text is read as if it were the file at `path` (the studio's unsaved edition)."""
    from dataclasses import replace as _replace


    found = Problems()
    data = load_yaml(path, found) if text is None else parse_yaml(text, display_path(path), found)
    if data is not None and not isinstance(data, Map):
        found.error("an edition file is a mapping (level:, sections:, paper: …)", data_loc(data, path))
        data = None
    ed = None
    if data is not None:
        r = Reader(data, found, "the edition")
        r.keys((), tuple(o.name for o in OPTIONS))
        values: dict = {}
        locations: dict[str, Location] = {}
        for o in OPTIONS:
            if o.kind == "choice":
                values[o.attr] = r.choice(o.name, o.choices, o.default)
            elif o.kind == "text":
                values[o.attr] = r.str(o.name, limit=MAX_TITLE)
                locations[f":{o.name}"] = r.loc(o.name)
            elif o.kind == "bool":
                values[o.attr] = r.bool(o.name)
            elif o.kind == "sections":
                values[o.attr] = r.str_list(o.name, ids=True) if o.name in data else None
                locations[":sections"] = r.loc(o.name)
                for i, s in enumerate(values[o.attr] or []):
                    if s in locations:
                        found.error(f"the section '{s}' is listed twice", data[o.name].loc(i),
                                    "list each section once")
                    locations.setdefault(s, data[o.name].loc(i))
            elif o.kind == "omit":
                values[o.attr] = r.str_list(o.name)
                for i, item in enumerate(values[o.attr]):
                    locations.setdefault(f"omit:{item}", data[o.name].loc(i))
            elif o.kind == "add":
                values[o.attr] = read_additions(data, path, content_root, found)
            elif o.kind == "overrides":
                from ..overrides import read_overrides
                values[o.attr] = read_overrides(data, found)
        ed = Edition(name or path.stem, data.loc(), path=str(path), locations=locations, **values)
        starts = sorted((line, key) for key, line in data.lines.items())
        for i, p in enumerate(found):
            if p.field is None and p.location and p.location.line:
                keys = [key for line, key in starts if line <= p.location.line]
                if keys:
                    found[i] = _replace(p, field=keys[-1])
        ed.read_problems = list(found)
    problems.extend(found)
    return ed



def read_additions(data: Map, path: Path, content_root: Path | None, problems: Problems) -> list:
    """The edition's `add:` — a list of section files, or a mapping {sections: […], glossary: file, …}."""

    spec = data.get("add")
    if spec is None:
        return []
    entries: list[tuple[str, object, Location]] = []
    if isinstance(spec, Seq):
        entries = [("sections", item, spec.loc(i)) for i, item in enumerate(spec)]
    elif isinstance(spec, Map):
        for kind, value in spec.items():
            if kind not in ADD_KINDS:
                problems.error(f"unknown kind of addition '{kind}'", spec.loc(kind),
                               suggest(kind, ADD_KINDS) or f"add one of: {', '.join(ADD_KINDS)}")
                continue
            items = value if isinstance(value, Seq) else [value]
            for i, item in enumerate(items):
                entries.append((kind, item, value.loc(i) if isinstance(value, Seq) else spec.loc(kind)))
    else:
        problems.error("'add' must list files, or map kinds (sections, glossary, …) to files", data.loc("add"))
        return []
    out = []
    for kind, item, loc in entries:
        after = None
        if isinstance(item, Map):
            ir = Reader(item, problems, "an added file")
            ir.keys(("file",), ("after",))
            after = ir.id("after")
            if after and kind != "sections":
                problems.error("'after' places added sections only", item.loc("after"))
            file = ir.str("file")
        elif isinstance(item, str):
            file = item
        else:
            problems.error("each added file is a path, or {file: path, after: section-id}", loc)
            continue
        if not file:
            continue
        resolved = resolve_added_path(path, file, content_root, loc, problems)
        if resolved:
            out.append(Addition(kind, str(resolved), loc, after))
    return out



def resolve_added_path(edition_path: Path, file: str, content_root: Path | None, loc: Location,
                       problems: Problems) -> Path | None:
    """An added file must be inside the edition file's folder or the content folder (after symlinks)."""
    base = edition_path.parent
    try:
        target = (base / file).resolve(strict=False)
    except (OSError, RuntimeError):
        problems.error(f"cannot follow the path '{file}' (a symbolic link loop?)", loc)
        return None
    allowed = [base.resolve()] + ([content_root.resolve()] if content_root else [])
    if not any(target == a or a in target.parents for a in allowed):
        problems.error(f"the added file '{file}' is outside the edition's folder and the content folder", loc,
                       "copy the file next to the edition file")
        return None
    if target.is_dir():
        problems.error(f"the added file '{file}' is a folder", loc, "name a .yaml file inside it")
        return None
    if not target.is_file():
        problems.error(f"the added file '{file}' does not exist", loc,
                       f"paths are relative to the edition file's folder ({display_path(base)})")
        return None
    return target



def is_material(path: Path) -> bool:
    """Whether a YAML file in editions/ holds content (a section, terms, sources…) rather than an edition."""
    import os
    import stat
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False          # not read here; reading it as an edition reports it
        with open(path, "rb") as fh:
            head = fh.read(20000).decode("utf-8", errors="replace")
        keys = set(re.findall(r"^([A-Za-z_-]+):", head, re.M))
    except OSError:
        return False
    return bool(keys & {"blocks", "terms", "references", "people", "events", "places"})



def merge_additions(guide: Guide, ed: Edition, problems: Problems) -> Guide:
    """The guide with the edition's own files merged in, validated like shipped content.

    A clash of ids names both places. Problems in the added files are reported; problems of the shipped
    content are not repeated here (`guide check` reports those once)."""
    import copy

    if not ed.additions and not ed.overrides:
        return guide
    g = copy.copy(guide)
    g.sections, g.terms, g.people, g.sources = dict(g.sections), dict(g.terms), dict(g.people), dict(g.sources)
    g.events = list(g.events)
    added_files = set()
    for add in ed.additions:
        path = Path(add.path)
        added_files.add(display_path(path))
        if add.kind == "sections":
            sec = read_section(path, problems)
            items, table = ([sec] if sec else []), g.sections
        elif add.kind == "glossary":
            items, table = read_terms(read_list_file(path, "terms", problems) or Seq("", 0), problems), g.terms
        elif add.kind == "people":
            items, table = read_people(read_list_file(path, "people", problems) or Seq("", 0), problems), g.people
        elif add.kind == "sources":
            items = read_sources(read_source_file(path, problems) or Seq("", 0), problems, set(g.sources))
            warn_duplicate_works(items, problems, g.sources.values())
            table = g.sources
        elif add.kind == "chronology":
            g.events += read_events(read_list_file(path, "events", problems) or Seq("", 0), problems)
            continue
        else:
            g.places = dict(g.places)
            items = read_places(read_list_file(path, "places", problems) or Seq("", 0), problems)
            table = g.places
        for item in items:
            if item.id in table:
                problems.error(f"the id '{item.id}' is already used at {table[item.id].location}", item.location,
                               "give your entry another id")
                continue
            table[item.id] = item
    g.events.sort(key=lambda e: e.date.key())
    if ed.overrides:    # the edition's own wording, checked below like the rest (on the edition's lines)
        from ..overrides import apply
        g = apply(g, ed.overrides, set(ed.omit), problems)
        if ed.path:
            added_files.add(display_path(ed.path))
    own = {}
    for add in ed.additions:
        own.setdefault(add.kind, display_path(add.path))
    files = {"glossary": own.get("glossary") or "glossary.yaml, or to a terms file of the edition's own "
             "(add: {glossary: my-terms.yaml})", "sources": own.get("sources") or "sources.yaml, or to a sources "
             "file of the edition's own (add: {sources: my-sources.yaml})"}
    for kind in ("people", "places"):
        if kind in own:
            files[kind] = own[kind]
    found = Problems()
    check_references(g, found, files)
    found.extend(garbled_links(g))
    problems.add_new(p for p in found if p.location and p.location.file in added_files)
    return g



def edition_sections(guide: Guide, ed: Edition, problems: Problems | None = None) -> list[str]:
    """The edition's sections in order, with its added sections placed.

    The rule (docs/content-format.md, "Added sections"): an added section is always printed. Where
    `sections:` lists it, it stands there (an `after:` as well is then ignored, with a warning); otherwise
    it goes right after its `after:` section, or at the end when it has no `after:` or that section is
    not printed (a warning)."""
    problems = problems if problems is not None else Problems()
    order = list(ed.sections) if ed.sections is not None else list(guide.order)
    listed = set(order)
    for add in ed.additions:
        if add.kind != "sections":
            continue
        sid = Path(add.path).stem
        if sid not in guide.sections:
            continue
        if sid in listed:
            if add.after:
                problems.warning(f"'after: {add.after}' is ignored: 'sections' lists '{sid}', which places it",
                                 add.location, "remove 'after', or remove the section from 'sections'", "add")
            continue
        if add.after and add.after in order:
            order.insert(order.index(add.after) + 1, sid)
        else:
            if add.after and add.after in guide.sections:
                problems.warning(f"'after: {add.after}' names a section this edition does not print, so "
                                 f"'{sid}' goes at the end", add.location,
                                 "name a section listed in 'sections'", "add")
            order.append(sid)
        listed.add(sid)
    return order



def check_edition(guide: Guide, ed: Edition, problems: Problems) -> Guide:
    """Check an edition against the content (with its own files merged in); returns the merged guide."""
    guide = merge_additions(guide, ed, problems)
    locs = ed.locations
    for add in ed.additions:
        if add.kind == "sections" and add.after and add.after not in guide.sections:
            problems.error(f"'after: {add.after}' names no section", add.location,
                           suggest(add.after, guide.sections) or f"sections are: {', '.join(guide.order)}", "add")
    for sid in ed.sections or []:
        if sid not in guide.sections:
            problems.error(f"the edition lists the section '{sid}', which does not exist", locs.get(sid, ed.location),
                           suggest(sid, guide.sections) or f"sections are: {', '.join(guide.order)}", "sections")
        elif ed.level not in guide.sections[sid].levels:
            problems.error(f"the section '{sid}' is not written for the {ed.level} level",
                           locs.get(sid, ed.location), field="sections")
    known = set(PARTS)
    for sec in guide.sections.values():
        known.update(b.id for b in sec.blocks if b.id)
        known.update(q.id for q in sec.questions)
        known.update(q.id for q in sec.quiz)
    known.update(x.id for x in [*guide.dbqs, *guide.tasks])
    for item in ed.omit:
        if item not in known:
            problems.error(f"the edition omits '{item}', which is no block, question, quiz item, DBQ, task or part",
                           locs.get(f"omit:{item}", ed.location),
                           suggest(item, known) or f"parts are: {', '.join(PARTS)}", "omit")
    return guide
