"""Stage 2, validate: loaded YAML → the content model, collecting every problem with its location.

Nothing here stops at the first problem: each reader records what is wrong, skips the bad part and goes
on, so `guide check` reports everything in one run. Cross-references (terms, sources, people, sections)
are checked once everything is read (`check_references`).

The modules, by what they check:

- `reader`: the YAML reader's shapes (typed fields, texts by level, ids, dates, lists of mappings);
- `limits`: sizes of texts and lists, and the invisible characters removed from all text;
- `sections`: a section file and its blocks and questions;
- `assessment`: rubrics, quiz items, DBQs and tasks;
- `lists`: chronology, glossary, people, places, reading list;
- `sources`: CSL sources (YAML or Zotero's JSON) and their citation keys;
- `references`: cross-references, once everything is read;
- `texts`: every printed text, and the check that the fonts can print it;
- `edition`: an edition file, its own files, and its check against the content (called by `select`);
- `content`: a whole content folder (`load_guide`).

The names below are what the rest of `guide` (and its tests) import from `guide.validate`.
"""
from __future__ import annotations

from .assessment import (check_assessment, dbq_missing, normal_answer, read_assessment, read_quiz_item,
                         read_rubric, read_rubric_field)
from .content import load_guide, read_guide_file
from .edition import (check_edition, edition_sections, is_material, merge_additions, read_additions,
                      read_edition, resolve_added_path)
from .limits import (CHOICE_OPTIONS, DBQ_DOCUMENTS, MAX_CELL, MAX_ENTRY, MAX_ITEMS, MAX_LABEL, MAX_LINE,
                     MAX_NUMBER, MAX_SECTIONS, MAX_TEXT, MAX_TITLE, SCALE_STEPS, clean_text, limited)
from .lists import read_events, read_people, read_places, read_reading, read_terms
from .reader import (DATE, ID, Reader, data_loc, index, listed_text, parse_date, read_list_file, read_maps,
                     suggest, to_text)
from .references import check_references
from .sections import BLOCK_FIELDS, read_block, read_question, read_section, source_answer
from .sources import CSL_TYPES, PRINTED, read_names, read_source_file, read_sources, warn_duplicate_works
from .texts import check_glyphs, edition_texts, iter_texts, quiz_texts, rubric_texts

__all__ = [
    "BLOCK_FIELDS", "CHOICE_OPTIONS", "CSL_TYPES", "DATE", "DBQ_DOCUMENTS", "ID", "MAX_CELL", "MAX_ENTRY",
    "MAX_ITEMS", "MAX_LABEL", "MAX_LINE", "MAX_NUMBER", "MAX_SECTIONS", "MAX_TEXT", "MAX_TITLE", "PRINTED",
    "SCALE_STEPS", "Reader", "check_assessment", "check_edition", "check_glyphs", "check_references", "clean_text",
    "data_loc", "dbq_missing", "edition_sections", "edition_texts", "index", "is_material", "iter_texts",
    "limited", "listed_text", "load_guide", "merge_additions", "normal_answer", "parse_date", "quiz_texts",
    "read_additions", "read_assessment", "read_block", "read_edition", "read_events", "read_guide_file",
    "read_list_file", "read_maps", "read_names", "read_people", "read_places", "read_question",
    "read_quiz_item", "read_reading", "read_rubric", "read_rubric_field", "read_section", "read_source_file",
    "read_sources", "read_terms", "resolve_added_path", "rubric_texts", "source_answer", "suggest", "to_text",
    "warn_duplicate_works",
]
