"""A whole content folder: guide.yaml, then every file it holds, then the cross-references."""
from __future__ import annotations

from pathlib import Path

from ..errors import Location, Problems, display_path
from ..glossary_links import garbled_links
from ..load import Map, Seq, confined, load_yaml
from ..model import LEVELS, Edition, Guide, LevelInfo, Section
from .assessment import read_assessment
from .edition import is_material, read_edition
from .limits import MAX_SECTIONS, MAX_TITLE
from .lists import read_events, read_people, read_places, read_reading, read_terms
from .reader import Reader, data_loc, index, read_list_file, suggest
from .references import check_references
from .sections import read_section
from .sources import read_source_file, read_sources, warn_duplicate_works


def read_guide_file(root: Path, problems: Problems):
    data = load_yaml(root / "guide.yaml", problems)
    if data is None:
        return None
    if not isinstance(data, Map):
        problems.error("guide.yaml must be a mapping of keys to values", data_loc(data, root / "guide.yaml"))
        return None
    r = Reader(data, problems, "guide.yaml")
    r.keys(("title", "levels", "sections", "default_edition"),
           ("subtitle", "topic", "version", "date", "license", "cite_as", "instructor_note"))
    levels: dict[str, LevelInfo] = {}
    lv_map = data.get("levels")
    if isinstance(lv_map, Map):
        for level, info in lv_map.items():
            if level not in LEVELS:
                problems.error(f"unknown level '{level}'", lv_map.loc(level), f"levels are {', '.join(LEVELS)}")
                continue
            if not isinstance(info, Map):
                problems.error(f"level '{level}' needs label and audience", lv_map.loc(level))
                continue
            lr = Reader(info, problems, f"level '{level}'")
            lr.keys(("label", "audience"), ())
            levels[level] = LevelInfo(level, lr.str("label") or level, lr.str("audience") or "")
        for level in LEVELS:
            if level not in levels and level not in lv_map:
                problems.error(f"level '{level}' is missing from 'levels'", r.loc("levels"))
    elif lv_map is not None:
        problems.error("'levels' must be a mapping", r.loc("levels"))
    return dict(
        title=r.str("title", limit=MAX_TITLE) or "Study guide", subtitle=r.str("subtitle", limit=MAX_TITLE),
        topic=r.str("topic", limit=MAX_TITLE),
        version=r.str("version") or "0", date=r.str("date"), license=r.str("license"),
        cite_as=r.str("cite_as"), levels=levels, order=r.str_list("sections", ids=True),
        order_loc=r.loc("sections"), default_edition=r.str("default_edition") or "high",
        default_loc=r.loc("default_edition"), instructor_note=r.text("instructor_note"),
        head_locations={k: r.loc(k) for k in data},
    )



def load_guide(root: Path, problems: Problems) -> Guide | None:
    """Read and validate a whole content folder. Returns None only if guide.yaml is unusable."""

    with confined(root):
        return _load_guide(root, problems)



def _load_guide(root: Path, problems: Problems) -> Guide | None:
    head = read_guide_file(root, problems)
    if head is None:
        return None
    sections: dict[str, Section] = {}
    section_dir = root / "sections"
    files = sorted(section_dir.glob("*.yaml")) if section_dir.is_dir() else []
    if len(files) > MAX_SECTIONS:
        problems.error(f"there are {len(files)} section files; the limit is {MAX_SECTIONS}",
                       Location(display_path(section_dir)), "see 'Limits' in the README")
        files = files[:MAX_SECTIONS]
    for path in files:
        sec = read_section(path, problems)
        if sec:
            sections[sec.id] = sec
    events = read_events(read_list_file(root / "chronology.yaml", "events", problems) or Seq("", 0), problems)
    terms = index(read_terms(read_list_file(root / "glossary.yaml", "terms", problems) or Seq("", 0), problems),
                  "glossary term", problems)
    people = index(read_people(read_list_file(root / "people.yaml", "people", problems) or Seq("", 0), problems),
                   "person", problems)
    json_file = root / "sources.json"
    refs = read_sources(read_source_file(root / "sources.yaml", problems, optional=json_file.exists())
                        or Seq("", 0), problems)
    if json_file.exists():      # Zotero's CSL-JSON export, beside or instead of sources.yaml
        refs += read_sources(read_source_file(json_file, problems) or Seq("", 0), problems, {s.id for s in refs})
    warn_duplicate_works(refs, problems)
    sources = index(refs, "reference", problems)
    reading = read_reading(root / "reading.yaml", problems)
    places_seq = read_list_file(root / "places.yaml", "places", problems, optional=True)
    places = index(read_places(places_seq, problems), "place", problems) if places_seq is not None else {}
    dbqs, tasks = read_assessment(root / "assessment.yaml", problems)
    editions: dict[str, Edition] = {}
    edition_problems: dict[str, Problems] = {}
    ed_dir = root / "editions"
    for path in sorted(ed_dir.glob("*.yaml")) if ed_dir.is_dir() else []:
        if is_material(path):
            continue  # an instructor's own section or list, added by an edition: not an edition itself
        ep = edition_problems.setdefault(path.stem, Problems())
        ed = read_edition(path, ep, content_root=root)
        if ed:
            editions[ed.name] = ed
    guide = Guide(str(root), head["title"], head["subtitle"], head["topic"], head["version"], head["date"],
                  head["license"], head["cite_as"], head["levels"], head["order"], head["default_edition"],
                  head["instructor_note"], sections, events, terms, people, sources, reading, editions,
                  places=places, head_locations=head["head_locations"], dbqs=dbqs, tasks=tasks)
    for sid in head["order"]:
        if sid not in sections:
            problems.error(f"guide.yaml lists the section '{sid}', but there is no sections/{sid}.yaml",
                           head["order_loc"], suggest(sid, sections) or "add the file or remove the id")
    for sid, sec in sections.items():
        if sid not in head["order"]:
            problems.warning(f"the section '{sid}' is not in guide.yaml's 'sections', so no edition prints it "
                             "unless it lists it", sec.location)
    if guide.default_edition not in editions:
        problems.error(f"the default edition '{guide.default_edition}' has no file editions/"
                       f"{guide.default_edition}.yaml", head["default_loc"], suggest(guide.default_edition, editions))
    check_references(guide, problems)
    problems.extend(garbled_links(guide))
    guide.edition_problems = edition_problems   # what reading each edition file found; `select` checks the rest
    return guide
