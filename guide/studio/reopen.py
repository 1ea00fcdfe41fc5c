"""Reopening an edition in the studio: its material (the files the studio made beside it) back into the forms.

Only files the studio wrote (they carry `additions.MADE`) in `editions/NAME/` are read back; every other
file the edition adds stays in its `add:` as written, and the build reads it as usual.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..model import LEVELS
from .additions import added_file, made_by_studio


def _text(value) -> str:
    if isinstance(value, dict):                  # one text per level: the form shows the first
        return str(next(iter(value.values()), ""))
    return "" if value is None else str(value)


def material_of(content: Path, name: str, add) -> tuple[dict, object]:
    """The studio's material of an edition (from its files) and the rest of its `add:`."""
    folder = Path(content) / "editions" / name
    material: dict = {"sections": [], "terms": [], "sources": []}
    if isinstance(add, list):
        add = {"sections": add}
    if add is not None and not isinstance(add, dict):
        return material, add                         # not readable as additions: the build says why
    listed = {added_file(i) for value in (add or {}).values() for i in (value if isinstance(value, list) else [value])}
    mine = set()
    for path in sorted(folder.glob("*")) if folder.is_dir() and not folder.is_symlink() else []:
        rel = f"{name}/{path.name}"
        if path.name.startswith("library.") and path.suffix in (".json", ".yaml") and rel in listed:
            material["library"] = {"file": path.name, "edition": name}
            mine.add(rel)
            continue
        if path.suffix != ".yaml" or not made_by_studio(path):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(data, dict):
            continue
        mine.add(rel)
        if path.name == "glossary.yaml":
            for t in data.get("terms") or []:
                d = t.get("definition")
                levels = {lv: _text(d.get(lv)) for lv in LEVELS} if isinstance(d, dict) else {}
                material["terms"].append({"id": t.get("id"), "term": _text(t.get("term")),
                                          "original": _text(t.get("original")),
                                          "definition": "" if isinstance(d, dict) else _text(d), **levels})
        elif path.name == "sources.yaml":
            for s in data.get("references") or []:
                names = "; ".join(f"{a.get('family', '')}, {a.get('given', '')}" if a.get("given")
                                  else str(a.get("literal") or a.get("family") or "") for a in s.get("author") or [])
                issued = s.get("issued") or {}
                year = issued.get("date-parts", [[""]])[0][0] if "date-parts" in issued else issued.get("literal", "")
                material["sources"].append({"id": s.get("id"), "type": s.get("type"), "title": _text(s.get("title")),
                                            "author": names, "container": _text(s.get("container-title")),
                                            "year": str(year), "publisher": _text(s.get("publisher")),
                                            "place": _text(s.get("publisher-place")), "url": _text(s.get("URL"))})
        elif "blocks" in data:
            material["sections"].append({
                "id": data.get("id"), "title": _text(data.get("title")),
                "key_question": _text(data.get("key_question")),
                "paragraphs": [_text(b.get("text")) for b in data.get("blocks") or []],
                "questions": [{"kind": q.get("kind"), "text": _text(q.get("text")), "answer": _text(q.get("answer")),
                               "lines": str(q.get("lines", ""))} for q in data.get("questions") or []],
                "on": rel in listed})
    rest: dict = {}
    for kind, value in (add or {}).items():
        items = [i for i in (value if isinstance(value, list) else [value]) if added_file(i) not in mine]
        if items:
            rest[kind] = items
    return material, (rest or None)
