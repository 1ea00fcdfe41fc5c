"""The content model: plain dataclasses, no I/O and no ReportLab.

`validate` builds these from loaded YAML; `select` and `resolve` read them; `typeset` never sees YAML.
Text that may vary by level is a `Text`: one string per level, with the location it came from.

The model is imported from here (`from guide.model import Section`); its modules hold one concern each:

- `texts`: `LEVELS`, `Text`, and `text_fields`, the one walk over the texts of a section, block or question;
- `sections`: `Section`, its `Block`s (with a chart's `ChartDatum`s) and `Question`s;
- `assessment`: `Rubric` and its `Criterion`s, `QuizItem` and its `QuizOption`s, `Dbq`, `Task`;
- `lists`: the chronology's `Event`s (`Date`), map `Place`s, glossary `Term`s, `Person`s, the `Reading` list;
- `sources`: a bibliography `Source` (CSL) and its `Name`s;
- `edition`: an `Edition` and its `Addition`s, with the choices an edition file makes (`PAPERS`, `PARTS`, …);
- `content`: `Guide`, all the content before an edition is applied, and its `LevelInfo`.
"""
from __future__ import annotations

from .assessment import QUIZ_TYPES, Criterion, Dbq, QuizItem, QuizOption, Rubric, Task
from .content import Guide, LevelInfo
from .edition import ADD_KINDS, ANSWERS, PAPERS, PARTS, Addition, Edition
from .lists import PLACE_KINDS, Date, Event, Person, Place, Reading, Term
from .sections import BLOCK_TYPES, QUESTION_KINDS, Block, ChartDatum, Question, Section
from .sources import Name, Source
from .texts import LEVELS, LIST_FIELDS, MARKUP, TEXT_FIELDS, TEXT_KINDS, Text, text_fields

__all__ = ["ADD_KINDS", "ANSWERS", "BLOCK_TYPES", "LEVELS", "LIST_FIELDS", "MARKUP", "PAPERS", "PARTS",
           "PLACE_KINDS", "QUESTION_KINDS", "QUIZ_TYPES", "TEXT_FIELDS", "TEXT_KINDS", "Addition", "Block",
           "ChartDatum", "Criterion", "Date", "Dbq", "Edition", "Event", "Guide", "LevelInfo", "Name", "Person",
           "Place", "Question", "QuizItem", "QuizOption", "Reading", "Rubric", "Section", "Source", "Task", "Term",
           "Text", "text_fields"]
