"""JSON Schema (draft 2020-12) for content and edition files, for editors such as yaml-language-server.

The validator (`guide/validate/`) is the authority (it also checks references between files); this schema
gives editors completion and early warnings. `tests/test_schema.py` checks the shipped content against it.
"""
from __future__ import annotations

from . import csl
from .model import BLOCK_TYPES, LEVELS, QUESTION_KINDS
from .options import OPTIONS, option_schema
from .validate import BLOCK_FIELDS, CSL_TYPES

ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
TEXT = {"$ref": "#/$defs/text"}
DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
KEY = {"type": "string", "pattern": csl.KEY_PATTERN,
       "description": "A source's citation key (see 'How a work is cited' in docs/content-format.md)."}


def _obj(props: dict, required=(), doc: str | None = None) -> dict:
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = list(required)
    if doc:
        out["description"] = doc
    return out


DEFS = {
    "text": {
        "description": "Text for every level, or a mapping with a version per level.",
        "oneOf": [{"type": "string"},
                  {"type": "object", "properties": {lv: {"type": "string"} for lv in LEVELS},
                   "additionalProperties": False, "minProperties": 1}],
    },
    "levels": {"type": "array", "items": {"enum": list(LEVELS)}, "uniqueItems": True,
               "description": "Only at these levels."},
    "name": _obj({k: {"type": ["string", "number", "boolean"] if k in ("comma-suffix", "static-ordering",
                                                                      "parse-names") else "string"}
                  for k in csl.NAME_PARTS}),
    "csl-date": {
        "description": "A CSL date: {date-parts: [[1937, 6, 12]]} (numbers or strings, a second date for a "
                       "range), with 'season' or 'circa'; {literal: \"ca. 1937\"}; {raw: \"1937-06-12\"}; an EDTF "
                       "string \"1937-06-12\"; or Better BibTeX's list '- year: 1937'.",
        "anyOf": [{"type": "string"}, {"type": "integer"},
                  {"type": "object", "additionalProperties": False, "properties": {
                      "date-parts": {"type": "array", "minItems": 1, "maxItems": 2, "items": {
                          "type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["string", "integer"]}}},
                      "season": {"type": ["string", "integer"]}, "circa": {"type": ["string", "number", "boolean"]},
                      "literal": {"type": "string"}, "raw": {"type": "string"}, "edtf": {"type": "string"}}},
                  {"type": "array", "minItems": 1, "maxItems": 2, "items": {
                      "type": "object", "additionalProperties": False, "properties": {
                          "year": {"type": ["string", "integer"]}, "month": {"type": ["string", "integer"]},
                          "day": {"type": ["string", "integer"]}, "season": {"type": ["string", "integer"]},
                          "circa": {"type": ["string", "number", "boolean"]}, "literal": {"type": "string"}}}}]},
    "question": _obj({"id": ID, "kind": {"enum": list(QUESTION_KINDS)}, "text": TEXT, "answer": TEXT,
                      "lines": {"type": "integer", "minimum": 0, "maximum": 60},
                      "levels": {"$ref": "#/$defs/levels"},
                      "rubric": dict(ID, description="The id of the rubric that marks it (analysis and essay "
                                                     "questions).")}, ("id", "kind", "text")),
}

_RUBRIC_PROPS = {
    "id": ID, "title": TEXT, "objectives": {"type": "array", "items": ID, "description": "Ids of the objectives "
                                            "it assesses."},
    "levels": {"$ref": "#/$defs/levels"},
    "scale": {"type": "array", "items": TEXT, "minItems": 3, "maxItems": 4,
              "description": "The performance levels, lowest first."},
    "criteria": {"type": "array", "minItems": 1, "items": _obj({
        "name": TEXT, "levels": {"type": "array", "items": TEXT, "minItems": 3, "maxItems": 4,
                                 "description": "One descriptor per step of the scale, lowest first."}},
        ("name", "levels"))},
}
DEFS["rubric"] = _obj(_RUBRIC_PROPS, ("id", "scale", "criteria"),
                      "A rubric: criteria × 3 or 4 performance levels.")
DEFS["rubric_ref"] = {"description": "A rubric id, or a rubric written here.",
                      "oneOf": [ID, _obj(_RUBRIC_PROPS, ("scale", "criteria"))]}
_OPTION = _obj({"text": TEXT, "correct": {"type": "boolean"}, "feedback": TEXT}, ("text",))
DEFS["quiz_item"] = {"description": "An auto-gradable item: multiple choice or short answer.", "oneOf": [
    _obj({"id": ID, "type": {"const": "choice"}, "levels": {"$ref": "#/$defs/levels"}, "text": TEXT,
          "feedback": TEXT, "options": {"type": "array", "items": _OPTION, "minItems": 4, "maxItems": 5,
                                        "description": "4 or 5 options, exactly one with 'correct: true'."}},
         ("id", "type", "text", "options"), "Multiple choice."),
    _obj({"id": ID, "type": {"const": "short"}, "levels": {"$ref": "#/$defs/levels"}, "text": TEXT,
          "feedback": TEXT, "accept": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
                                       "description": "Accepted answers (case and extra spaces are ignored)."},
          "tolerance": {"type": "integer", "minimum": 0, "maximum": 2, "default": 1,
                        "description": "Typing errors allowed."}},
         ("id", "type", "text", "accept"), "Short answer.")]}
DEFS["source_question"] = {
    "description": "A question in a source box: a line of text, or with its id and model answer.",
    "oneOf": [{"type": "string"},
              {"type": "object", "properties": {"id": ID, "answer": TEXT, **{lv: {"type": "string"} for lv in LEVELS}},
               "additionalProperties": False, "minProperties": 1, "not": {"required": ["text"]}},
              _obj({"id": ID, "text": TEXT, "answer": TEXT}, ("id", "text"))]}

DEFS["item"] = {
    "description": "An item of a list of texts, with its stable id (editions change its wording by this id).",
    "oneOf": [{"type": "string"},
              {"type": "object", "properties": {"id": ID, **{lv: {"type": "string"} for lv in LEVELS}},
               "additionalProperties": False, "minProperties": 1, "not": {"required": ["text"]}},
              _obj({"id": ID, "text": TEXT}, ("id", "text"))]}

_BLOCK_PROPS = {
    "text": TEXT, "title": TEXT, "intro": TEXT, "quote": TEXT, "attribution": TEXT, "caption": TEXT, "alt": TEXT,
    "source": KEY, "locator": {"type": "string"}, "origin": KEY, "questions": {"oneOf": [
        {"type": "array", "items": {"$ref": "#/$defs/source_question"}},
        {"type": "object", "additionalProperties": False,
         "properties": {lv: {"type": "array", "items": {"oneOf": [
             {"type": "string"}, _obj({"id": ID, "text": {"type": "string"}, "answer": TEXT},
                                      ("id", "text"))]}} for lv in LEVELS}}]},
    "people": {"type": "array", "items": ID},
    "places": {"type": "array", "items": ID},
    "labels": {"oneOf": [{"type": "array", "items": ID},
                         {"type": "object", "additionalProperties": False,
                          "properties": {lv: {"type": "array", "items": ID} for lv in LEVELS}}]},
    "data": {"type": "array", "items": _obj({"label": TEXT, "value": {"type": "number", "minimum": 0},
                                             "total": {"type": "number", "minimum": 0}}, ("label", "value"))},
}


def _block(kind: str) -> dict:
    required, optional = BLOCK_FIELDS[kind]
    props = {"type": {"const": kind}, "id": ID, "levels": {"$ref": "#/$defs/levels"}}
    props.update({k: _BLOCK_PROPS[k] for k in required + optional})
    return _obj(props, ("type",) + required, f"A {kind} block.")


DEFS["block"] = {"oneOf": [_block(k) for k in BLOCK_TYPES]}

SECTION = _obj({
    "id": ID, "title": TEXT, "key_question": TEXT, "objectives": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    "teacher_notes": TEXT, "levels": {"$ref": "#/$defs/levels"},
    "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}},
    "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}},
    "rubrics": {"type": "array", "items": {"$ref": "#/$defs/rubric"}},
    "quiz": {"type": "array", "items": {"$ref": "#/$defs/quiz_item"}},
}, ("id", "title", "blocks"), "A section file: content/sections/<id>.yaml")

ASSESSMENT = _obj({
    "dbq": {"type": "array", "items": _obj({
        "id": ID, "levels": {"$ref": "#/$defs/levels"}, "title": TEXT, "prompt": TEXT,
        "documents": {"type": "array", "items": ID, "minItems": 5, "maxItems": 7, "uniqueItems": True,
                      "description": "Ids of 5 to 7 primary-source blocks of the sections."},
        "thesis": TEXT, "rubric": {"$ref": "#/$defs/rubric_ref"}}, ("id", "title", "prompt", "documents"),
        "A document-based question.")},
    "tasks": {"type": "array", "items": _obj({
        "id": ID, "levels": {"$ref": "#/$defs/levels"}, "title": TEXT, "text": TEXT,
        "rubric": {"$ref": "#/$defs/rubric_ref"}}, ("id", "title", "text"), "A summative task.")},
}, (), "content/assessment.yaml: document-based questions and summative tasks")

GUIDE = _obj({
    "title": {"type": "string"}, "subtitle": {"type": "string"}, "topic": {"type": "string"},
    "version": {"type": "string"}, "date": {"type": "string"}, "license": {"type": "string"},
    "cite_as": {"type": "string"}, "instructor_note": TEXT,
    "levels": _obj({lv: _obj({"label": {"type": "string"}, "audience": {"type": "string"}}, ("label", "audience"))
                    for lv in LEVELS}, LEVELS),
    "sections": {"type": "array", "items": ID}, "default_edition": {"type": "string"},
}, ("title", "levels", "sections", "default_edition"), "content/guide.yaml")

EDITION = _obj({o.name: option_schema(o) for o in OPTIONS}, (),
               "An edition: an instructor's choice of level, sections, paper, look and material "
               "(content/editions/<name>.yaml; every key is optional).")

CHRONOLOGY = _obj({"events": {"type": "array", "items": _obj({
    "date": DATE, "end": DATE, "text": TEXT, "section": ID, "source": KEY, "id": ID,
    "levels": {"$ref": "#/$defs/levels"}}, ("date", "text", "section"))}}, ("events",), "content/chronology.yaml")

GLOSSARY = _obj({"terms": {"type": "array", "items": _obj({
    "id": ID, "term": {"type": "string"}, "original": {"type": "string"}, "translit": {"type": "string"},
    "expansion": {"type": "string"}, "variants": {"type": "array", "items": {"type": "string"}},
    "definition": TEXT, "related": {"type": "array", "items": ID}, "levels": {"$ref": "#/$defs/levels"}},
    ("id", "term", "definition"))}}, ("terms",), "content/glossary.yaml")

PEOPLE = _obj({"people": {"type": "array", "items": _obj({
    "id": ID, "name": {"type": "string"}, "sort": {"type": "string"}, "original": {"type": "string"},
    "pronounce": {"type": "string"}, "variants": {"type": "array", "items": {"type": "string"}},
    "born": {"type": "integer"}, "died": {"type": "integer"}, "role": TEXT, "fate": TEXT, "source": KEY,
    "levels": {"$ref": "#/$defs/levels"}}, ("id", "name"))}}, ("people",), "content/people.yaml")

_NAMES = {"type": "array", "items": {"$ref": "#/$defs/name"}}
_REFERENCE = {
    "type": "object", "required": ["type", "title"],
    "description": "One work, in CSL 1.0.2 terms. Every CSL variable is accepted; those Chicago prints are read. "
                   "Any other key is a warning, not an error. Cited by its citation-key, else its id when that is "
                   "a valid key, else by a key made of author and year ('guide list --sources' shows it).",
    "properties": {
        "id": {"type": ["string", "number"]}, "citation-key": KEY, "type": {"enum": list(CSL_TYPES)},
        "title": {"type": "string"},
        **{k: {"type": ["string", "number"]} for k in csl.STANDARD + csl.NUMBERS if k not in ("title", "citation-key")},
        **{k: _NAMES for k in csl.NAMES}, **{k: {"$ref": "#/$defs/csl-date"} for k in csl.DATES},
        "categories": {"type": "array", "items": {"type": "string"}}, "custom": {"type": "object"},
        "journalAbbreviation": {"type": "string"}, "shortTitle": {"type": "string"}}}
SOURCES = {"description": "Sources: content/sources.yaml in CSL-YAML (a list under 'references:', as Better BibTeX "
                          "writes it, or a bare list), or a .json file in CSL-JSON (a list, as Zotero's Export → "
                          "CSL JSON writes it).",
           "oneOf": [_obj({"references": {"type": "array", "items": _REFERENCE}}, ("references",),
                          "CSL-YAML (sources.yaml)"),
                     {"type": "array", "items": _REFERENCE, "description": "CSL-JSON, or a bare CSL-YAML list"}]}

READING = _obj({lv: {"type": "array", "items": _obj({"source": KEY, "note": TEXT}, ("source",))} for lv in LEVELS},
               doc="content/reading.yaml")

PLACES = _obj({"places": {"type": "array", "items": _obj({
    "id": ID, "name": {"type": "string"}, "kind": {"enum": ["camp", "project", "city"]},
    "lat": {"type": "number", "minimum": -90, "maximum": 90}, "lon": {"type": "number", "minimum": -180, "maximum": 360},
    "years": {"type": "string"}, "text": TEXT, "source": KEY,
    "line": {"type": "array", "items": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}}},
    ("id", "name", "kind", "lat", "lon"))}}, ("places",), "content/places.yaml")

KINDS = {"section": SECTION, "edition": EDITION, "guide": GUIDE, "glossary": GLOSSARY, "people": PEOPLE,
         "chronology": CHRONOLOGY, "sources": SOURCES, "reading": READING, "places": PLACES,
         "assessment": ASSESSMENT}


# Which schema each content file follows, by its path inside the content folder.
def kind_of(relative: str) -> str | None:
    parts = relative.split("/")
    if len(parts) == 2 and parts[0] == "sections":
        return "section"
    if len(parts) == 2 and parts[0] == "editions":
        return "edition"
    return {"guide.yaml": "guide", "glossary.yaml": "glossary", "people.yaml": "people",
            "chronology.yaml": "chronology", "sources.yaml": "sources", "reading.yaml": "reading",
            "places.yaml": "places", "assessment.yaml": "assessment"}.get(relative)


KIND_NAMES = ("all", *KINDS)


def schema_text(kind: str) -> str:
    import json
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def schema_for(kind: str = "all") -> dict:
    base = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": DEFS}
    if kind == "all":
        return {**base, "title": "guide content or edition file",
                "anyOf": [dict(v, title=k) for k, v in KINDS.items()]}
    return {**base, "title": f"guide {kind} file", **KINDS[kind]}
