"""Stage 2, validate: loaded YAML → the content model, collecting every problem with its location.

Nothing here stops at the first problem: each reader records what is wrong, skips the bad part and goes
on, so `guide check` reports everything in one run. Cross-references (terms, sources, people, sections)
are checked once everything is read (`check_references`).
"""
from __future__ import annotations

import difflib
import math
import re
from pathlib import Path

from . import csl, markup
from .errors import Location, Problems, display_path, line_of, printable
from .glossary_links import garbled_links
from .load import Map, Seq, load_json, load_yaml
from .model import (BLOCK_TYPES, LEVELS, QUESTION_KINDS, QUIZ_TYPES, Block, ChartDatum, Criterion, Date,
                    Dbq, Edition, Event, Guide, LevelInfo, Name, Person, Question, QuizItem, QuizOption, Reading,
                    Rubric, Section, Source, Task, Term, Text)

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_SECTIONS = 500            # section files in one content folder
MAX_TEXT = 50_000             # characters in one text value
MAX_LINE = 1_000              # characters in a one-line value (a name, a publisher, an edition's course)
MAX_TITLE = 200               # characters in a title or heading (it must fit on a page)
MAX_CELL = 2_000              # characters in a table cell: a glossary definition (a row cannot split)
MAX_ENTRY = 1_000             # a chronology entry, a person's role or fate, a map key's description
MAX_LABEL = 60                # a chart label (drawn on one line beside its bar)
MAX_NUMBER = 1e15             # the largest number a chart or a map takes
# How many items a list may hold (a page must hold a box's parts, and layout time grows with them).
MAX_ITEMS = {"objectives": 30, "blocks": 1_000, "questions": 300, "data": 40, "places": 100, "labels": 100,
             "events": 5_000, "terms": 3_000, "people": 3_000, "references": 3_000, "variants": 30,
             "related": 30, "line": 500, "rubrics": 200, "quiz": 300, "options": 10, "criteria": 12,
             "scale": 10, "accept": 30, "dbq": 20, "tasks": 20, "documents": 30}
CHOICE_OPTIONS = (4, 5)       # a multiple-choice item has 4 or 5 options, exactly one of them correct
SCALE_STEPS = (3, 4)          # a rubric's performance levels
DBQ_DOCUMENTS = (5, 7)        # a DBQ's documents
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def suggest(word: str, choices) -> str | None:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


class Reader:
    """Typed access to one mapping, recording problems against its file and lines."""

    def __init__(self, data: Map, problems: Problems, what: str):
        self.data = data
        self.problems = problems
        self.what = what

    def loc(self, key: str | None = None) -> Location:
        return self.data.loc(key)

    def keys(self, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        allowed = set(required) | set(optional)
        for key in self.data:
            if key not in allowed:
                hint = suggest(key, allowed) or f"allowed keys: {', '.join(sorted(allowed))}"
                self.problems.error(f"unknown key '{key}' in {self.what}", self.loc(key), hint)
        for key in required:
            if key not in self.data or self.data[key] is None:
                self.problems.error(f"{self.what} needs '{key}'", self.loc(), f"add a line '{key}: …'")

    def str(self, key: str, required: bool = False, limit: int = MAX_LINE) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, (Map, Seq)):
            shown = f" (it reads '{printable(self.data.written(key))}' as true or false)" \
                if isinstance(value, bool) else ""
            self.problems.error(f"'{key}' in {self.what} must be text{shown}", self.loc(key),
                                "write it as a single line of text, in quotes if it has ': ' or is yes/no")
            return None
        if isinstance(value, (int, float)):
            written = self.data.written(key)
            if written != str(value):   # YAML changed it: 0x1F is 31, 1.10 is 1.1
                self.problems.warning(f"'{key}' was read as the number {value!r}; it prints as written, "
                                      f"{printable(written)!r}", self.loc(key),
                                      f"put it in quotes to say it is text: {key}: \"{printable(written)}\"")
            value = written
        return clean_text(str(value), self.loc(key), self.problems, limit)

    def id(self, key: str = "id") -> str | None:
        value = self.str(key)
        if value is not None and not ID.match(value):
            self.problems.error(f"'{value}' is not a valid id", self.loc(key),
                                "use lowercase letters, digits and hyphens, e.g. 'show-trial'")
            return None
        return value

    def key(self, key: str) -> str | None:
        """A citation key: a source's id, as [@key] cites it."""
        value = self.str(key)
        if value is not None and not csl.is_key(value):
            self.problems.error(f"'{printable(value)}' is not a valid citation key", self.loc(key),
                                "a key is letters and digits, with _ - . : / inside, e.g. 'conquest-1990'")
            return None
        return value

    def int(self, key: str, minimum: int | None = None, maximum: int | None = None) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.error(f"'{key}' in {self.what} must be a whole number", self.loc(key))
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.problems.error(f"'{key}' is {value}; it must be between {minimum} and {maximum}", self.loc(key))
            return None
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problems.error(f"'{key}' in {self.what} must be a number", self.loc(key))
            return None
        try:
            number = float(value)
        except OverflowError:
            number = float("inf")
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            self.problems.error(f"'{key}' is {printable(self.data.written(key))[:40]}, which is too large",
                                self.loc(key), f"numbers here are at most {MAX_NUMBER:.0e}")
            return None
        return number

    def choice(self, key: str, choices, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, (Map, Seq)) or str(value) not in choices or isinstance(value, bool):
            written = printable(self.data.written(key))[:80] if not isinstance(value, (Map, Seq)) else "a list"
            hint = suggest(written, choices) or f"choose one of: {', '.join(choices)}"
            self.problems.error(f"'{key}' is '{written}', which is not one of {', '.join(choices)}", self.loc(key),
                                hint)
            return default
        return str(value)

    def list(self, key: str) -> Seq | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Seq):
            self.problems.error(f"'{key}' in {self.what} must be a list", self.loc(key),
                                "write each item on its own line starting with '- '")
            return None
        return limited(value, key, self.problems)

    def str_list(self, key: str, ids: bool = False) -> list[str]:
        seq = self.list(key)
        out: list[str] = []
        for i, item in enumerate(seq or []):
            if isinstance(item, (Map, Seq)) or item is None:
                self.problems.error(f"item {i + 1} of '{key}' must be text", seq.loc(i))
                continue
            item = str(item)
            if ids and not ID.match(item):
                self.problems.error(f"'{item}' is not a valid id", seq.loc(i),
                                    "use lowercase letters, digits and hyphens")
                continue
            out.append(item)
        return out

    def bool(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problems.error(f"'{key}' must be true or false", self.loc(key))
            return False
        return value

    def levels(self, key: str = "levels") -> tuple[str, ...]:
        if key not in self.data:
            return LEVELS
        items = self.str_list(key)
        good = []
        for item in items:
            if item not in LEVELS:
                self.problems.error(f"unknown level '{item}'", self.loc(key),
                                    suggest(item, LEVELS) or f"levels are {', '.join(LEVELS)}")
            else:
                good.append(item)
        return tuple(lv for lv in LEVELS if lv in good)

    def text(self, key: str, required: bool = False, limit: int = MAX_TEXT) -> Text | None:
        """A text field: a string, or a mapping {middle|high|college: string}."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.problems.error(f"{self.what} needs '{key}'", self.loc(), f"add a line '{key}: …'")
            return None
        return to_text(value, self.data, key, self.problems, self.what, limit)


def to_text(value, parent, key, problems: Problems, what: str, limit: int = MAX_TEXT) -> Text | None:
    loc = parent.loc(key)
    if isinstance(value, Map):
        values, locations = {}, {}
        for level, s in value.items():
            if level not in LEVELS:
                problems.error(f"unknown level '{level}' in '{key}'", value.loc(level),
                               suggest(level, LEVELS) or f"levels are {', '.join(LEVELS)}")
                continue
            if s is None:
                continue
            if isinstance(s, (Map, Seq)) or isinstance(s, bool):
                problems.error(f"'{key}' for {level} must be text", value.loc(level))
                continue
            if isinstance(s, (int, float)):
                s = value.written(level)
            values[level] = clean_text(str(s), value.loc(level), problems, limit)
            locations[level] = value.loc(level)
        if not values:
            problems.error(f"'{key}' in {what} has no text for any level", loc)
            return None
        return Text(values, locations)
    if isinstance(value, Seq) or isinstance(value, bool):
        problems.error(f"'{key}' in {what} must be text or a mapping by level", loc,
                       "write 'key: text' or 'key: {middle: …, high: …, college: …}'")
        return None
    if isinstance(value, (int, float)) and isinstance(parent, Map) and key is not None:
        value = parent.written(key)
    value = clean_text(str(value), loc, problems, limit)
    return Text({lv: value for lv in LEVELS}, {lv: loc for lv in LEVELS})


# Removed from all text: zero-width space, word joiner, byte-order mark, and the bidirectional embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make text display other than it reads.
def listed_text(item, seq: Seq, i: int, problems: Problems, what: str, limit: int) -> Text | None:
    """An item of a list of texts (an objective, a question in a source box): a string, a level map, or
    either with its stable id — {id: x, text: …}, or a level map that also has `id:`."""
    if item is None:
        return None
    tid = None
    if isinstance(item, Map) and "id" in item:
        r = Reader(item, problems, what)
        tid = r.id()
        if "text" in item:
            r.keys(("id", "text"), ())
            t = r.text("text", required=True, limit=limit)
        else:
            levels = Map(item.file, item.line)
            for k, v in item.items():
                if k != "id":
                    levels[k] = v
                    levels.lines[k] = item.lines.get(k, item.line)
                    if k in item.raw:
                        levels.raw[k] = item.raw[k]
            t = to_text(levels, seq, None, problems, what, limit) if levels else None
            if t is None and not levels:
                problems.error(f"{what} has an id but no text", item.loc())
    else:
        t = to_text(item, seq, None, problems, what, limit)
        if t is not None and not isinstance(item, Map):
            t.locations = {lv: seq.loc(i) for lv in t.locations}   # each item on its own line
    if t is not None:
        t.id = tid
    return t


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean_text(value: str, loc: Location, problems: Problems, limit: int = MAX_TEXT) -> str:
    """NFC-normalised text without invisible zero-width and direction-control characters; over-long text
    is refused."""
    import unicodedata

    if len(value) > limit:
        hint = "split it into several paragraphs" if limit == MAX_TEXT else \
            "shorten it: it must fit on a page (see 'Limits' in the README)"
        problems.error(f"this text has {len(value):,} characters; the limit is {limit:,}", loc, hint)
        value = value[:limit]
    return unicodedata.normalize("NFC", value).translate(_INVISIBLE)


def parse_date(value, loc: Location, problems: Problems) -> Date | None:
    m = DATE.match(str(value).strip()) if value is not None else None
    if not m:
        problems.error(f"'{value}' is not a date", loc, "write \"1937\", \"1937-07\" or \"1937-07-30\" (in quotes)")
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    month = int(month) if month else None
    day = int(day) if day else None
    if month is not None and not 1 <= month <= 12:
        problems.error(f"'{value}' has no such month", loc, "months run from 01 to 12")
        return None
    if day is not None:
        import calendar
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            problems.error(f"'{value}' has no such day", loc, "check the day of the month")
            return None
    return Date(year, month, day)


# --------------------------------------------------------------------------------------------- files


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


def data_loc(data, path: Path) -> Location:
    from .errors import display_path
    if isinstance(data, (Map, Seq)):
        return data.loc()
    return Location(display_path(path), 1)


def read_maps(r: Reader, key: str, message: str, read) -> list:
    """The items of the list `key`, each a mapping read by `read(item, problems)`; others are located errors
    (`message` with {n}, the item's number)."""
    out = []
    for i, item in enumerate(r.list(key) or []):
        if not isinstance(item, Map):
            r.problems.error(message.format(n=i + 1), r.data[key].loc(i))
            continue
        value = read(item, r.problems)
        if value:
            out.append(value)
    return out


def read_section(path: Path, problems: Problems) -> Section | None:
    data = load_yaml(path, problems)
    if data is None:
        return None
    if not isinstance(data, Map):
        problems.error("a section file must be a mapping (id:, title:, blocks: …)", data_loc(data, path))
        return None
    r = Reader(data, problems, "the section")
    r.keys(("id", "title", "blocks"), ("key_question", "objectives", "questions", "teacher_notes", "levels",
                                        "rubrics", "quiz"))
    sid = r.id()
    if sid and sid != path.stem:
        problems.error(f"the section id '{sid}' differs from the file name '{path.name}'", r.loc("id"),
                       f"rename the file to {sid}.yaml or change the id to '{path.stem}'")
    objectives = []
    for i, item in enumerate(r.list("objectives") or []):
        t = listed_text(item, data["objectives"], i, problems, "an objective", MAX_LINE)
        if t:
            objectives.append(t)
    blocks = read_maps(r, "blocks", "block {n} must be a mapping with a 'type'", read_block)
    questions = read_maps(r, "questions", "question {n} must be a mapping", read_question)
    rubrics = read_maps(r, "rubrics", "rubric {n} must be a mapping (id:, title:, scale:, criteria:)",
                        lambda item, problems: read_rubric(item, problems, inline=False))
    for rubric in rubrics:
        rubric.section = sid
    quiz = read_maps(r, "quiz", "quiz item {n} must be a mapping (id:, type:, text: …)", read_quiz_item)
    title = r.text("title", limit=MAX_TITLE)   # a missing title is reported by r.keys above
    if not sid:
        return None
    if title is None:  # already reported; keep the section so that its other problems are found too
        title = Text({lv: sid for lv in LEVELS}, {lv: r.loc() for lv in LEVELS})
    return Section(sid, title, r.text("key_question", limit=MAX_LINE), objectives, blocks, questions, r.text("teacher_notes"),
                   r.loc(), r.levels(), rubrics, quiz)


BLOCK_FIELDS = {
    "paragraph": (("text",), ()),
    "subheading": (("text",), ()),
    "callout": (("title", "text"), ()),
    "primary": (("title", "quote", "attribution", "source"), ("intro", "questions", "locator", "origin")),
    "figures": (("people",), ("title",)),
    "chart": (("title", "caption", "alt", "source", "data"), ()),
    "map": (("title", "caption", "alt", "places"), ("labels", "source")),
}


def read_block(data: Map, problems: Problems) -> Block | None:
    kind = data.get("type")
    if kind not in BLOCK_TYPES:
        hint = suggest(kind, BLOCK_TYPES) or f"block types are {', '.join(BLOCK_TYPES)}"
        problems.error(f"unknown block type '{kind}'" if kind else "the block has no 'type'", data.loc("type"), hint)
        return None
    required, optional = BLOCK_FIELDS[kind]
    what = f"a {kind} block"
    r = Reader(data, problems, what)
    r.keys(("type",) + required, optional + ("id", "levels"))
    block = Block(kind, data.loc(), id=r.id(), levels=r.levels())
    for name in ("text", "title", "intro", "quote", "attribution", "caption", "alt"):
        if name in required or name in optional:
            limit = MAX_TITLE if name == "title" or (name == "text" and kind == "subheading") else MAX_TEXT
            setattr(block, name, r.text(name, limit=limit))
    block.source = r.key("source") if "source" in data else None
    block.locator = r.str("locator")
    block.origin = r.key("origin") if "origin" in data else None
    if kind == "primary":
        qs = data.get("questions")
        if isinstance(qs, Map):  # {level: [question, …]}: a list of questions per level
            for level, seq in qs.items():
                if level not in LEVELS:
                    problems.error(f"unknown level '{level}' in 'questions'", qs.loc(level),
                                   suggest(level, LEVELS) or f"levels are {', '.join(LEVELS)}")
                    continue
                if not isinstance(seq, Seq):
                    problems.error(f"the questions for {level} must be a list", qs.loc(level))
                    continue
                for i, q in enumerate(limited(seq, "questions", problems)):
                    if isinstance(q, Seq) or q is None or (isinstance(q, Map) and "text" not in q):
                        problems.error("each question is a line of text, or {id: …, text: …, answer: …}",
                                       seq.loc(i))
                        continue
                    q, answer = source_answer(q, problems)
                    t = listed_text(q, seq, i, problems, "a question", MAX_LINE)
                    if t:   # a question of this level only
                        first = next(iter(t.values))
                        block.questions.append(Text({level: t.values[first]}, {level: t.locations[first]}, t.id))
                        if answer is not None and t.id:
                            if level in answer.values:
                                block.answers[t.id] = Text({level: answer.values[level]},
                                                           {level: answer.loc(level)})
                            else:
                                problems.error(f"the model answer of '{t.id}' has no text for {level}",
                                               answer.loc(next(iter(answer.values))))
        else:
            for i, q in enumerate(r.list("questions") or []):
                q, answer = source_answer(q, problems)
                t = listed_text(q, data["questions"], i, problems, "a question", MAX_LINE)
                if t:
                    block.questions.append(t)
                    if answer is not None and t.id:
                        block.answers[t.id] = answer
    if kind == "figures":
        block.people = r.str_list("people", ids=True)
        if not block.people and "people" in data:
            problems.error("the figures block lists no people", data.loc("people"))
    if kind == "map":
        block.places = r.str_list("places", ids=True)
        labels = data.get("labels")
        if isinstance(labels, Seq):
            ids = r.str_list("labels", ids=True)
            block.labels = {lv: ids for lv in LEVELS}
        elif isinstance(labels, Map):
            block.labels = {}
            for level, seq in labels.items():
                if level not in LEVELS or not isinstance(seq, Seq):
                    problems.error("'labels' maps a level to a list of place ids", labels.loc(level))
                    continue
                block.labels[level] = [str(x) for x in seq]
        elif labels is not None:
            problems.error("'labels' is a list of place ids, or a list per level", data.loc("labels"))
    if kind == "chart":
        for i, item in enumerate(r.list("data") or []):
            if not isinstance(item, Map):
                problems.error("each chart datum is a mapping {label: …, value: …}", data["data"].loc(i))
                continue
            dr = Reader(item, problems, "a chart datum")
            dr.keys(("label", "value"), ("total",))
            label, value, total = dr.text("label", limit=MAX_LABEL), dr.number("value"), dr.number("total")
            if value is not None and value < 0:
                problems.error("chart values cannot be negative", item.loc("value"))
                continue
            if total is not None and value is not None and total < value:
                problems.error(f"the total ({total:g}) is smaller than the value ({value:g})", item.loc("total"))
                continue
            if label and value is not None:
                block.data.append(ChartDatum(label, value, total))
        if "data" in data and not block.data:
            problems.error("the chart has no data", data.loc("data"))
    for name in required:
        if getattr(block, name, None) in (None, [], "") and name not in ("people", "data", "places"):
            return None
    return block


def source_answer(item, problems: Problems):
    """A source-box question without its `answer:` (so that `listed_text` reads the rest), and the answer."""
    if not isinstance(item, Map) or "answer" not in item:
        return item, None
    rest = Map(item.file, item.line)
    for k, v in item.items():
        if k != "answer":
            rest[k] = v
            rest.lines[k] = item.lines.get(k, item.line)
            if k in item.raw:
                rest.raw[k] = item.raw[k]
    if "id" not in item:
        problems.error("a source-box question with an answer needs an id", item.loc("answer"),
                       "add 'id: <block id>-q1' to the question")
        return rest, None
    answer = to_text(item["answer"], item, "answer", problems, "a model answer") \
        if item["answer"] is not None else None
    return rest, answer


def read_rubric(data: Map, problems: Problems, inline: bool) -> Rubric | None:
    """A rubric: `scale` (3 or 4 performance levels, lowest first) and `criteria`, each with one descriptor per
    step of the scale. In a section file it has an id; inline in a DBQ or a task it needs none."""
    what = "an inline rubric" if inline else "a rubric"
    r = Reader(data, problems, what)
    r.keys(("scale", "criteria") if inline else ("id", "scale", "criteria"),
           ("title", "objectives", "levels"))
    rid = r.id() if "id" in data else None
    scale: list[Text] = []
    seq = r.list("scale")
    if seq is not None:
        for i, item in enumerate(seq):
            t = to_text(item, seq, i, problems, "the scale", MAX_LABEL) if item is not None else None
            if t is not None:
                if not isinstance(item, Map):
                    t.locations = {lv: seq.loc(i) for lv in t.locations}
                scale.append(t)
        if not SCALE_STEPS[0] <= len(seq) <= SCALE_STEPS[1]:
            problems.error(f"the rubric's scale has {len(seq)} levels; it must have {SCALE_STEPS[0]} or "
                           f"{SCALE_STEPS[1]}", data.loc("scale"),
                           "list the performance levels, lowest first, e.g. [Beginning, Developing, Proficient]")
    criteria: list[Criterion] = []
    cseq = r.list("criteria")
    for i, item in enumerate(cseq or []):
        if not isinstance(item, Map):
            problems.error("each criterion is a mapping {name: …, levels: […]}", cseq.loc(i))
            continue
        cr = Reader(item, problems, "a criterion")
        cr.keys(("name", "levels"), ())
        name = cr.text("name", limit=MAX_TITLE)
        levels: list[Text] = []
        lseq = cr.list("levels")
        for j, d in enumerate(lseq or []):
            t = to_text(d, lseq, j, problems, "a descriptor", MAX_CELL) if d is not None else None
            if t is None:
                problems.error(f"descriptor {j + 1} of the criterion is empty", lseq.loc(j))
                continue
            if not isinstance(d, Map):
                t.locations = {lv: lseq.loc(j) for lv in t.locations}
            levels.append(t)
        if lseq is not None and seq is not None and len(lseq) != len(seq):
            problems.error(f"the criterion has {len(lseq)} descriptors but the scale has {len(seq)} levels",
                           item.loc("levels"), "give one descriptor per level of the scale, lowest first")
            continue
        if name and levels:
            criteria.append(Criterion(name, levels, item.loc()))
    if cseq is not None and not cseq:
        problems.error("the rubric has no criteria", data.loc("criteria"))
    objectives = r.str_list("objectives", ids=True)
    if not scale or (not inline and not rid):
        return None     # (a rubric with bad criteria is kept, reported, so that what names it is still checked)
    return Rubric(rid, r.text("title", limit=MAX_TITLE), scale, criteria, data.loc(), objectives, r.levels())


def normal_answer(value: str) -> str:
    """How short answers are compared: case and extra spaces ignored."""
    return " ".join(value.split()).casefold()


def read_quiz_item(data: Map, problems: Problems) -> QuizItem | None:
    kind = data.get("type")
    if kind not in QUIZ_TYPES:
        hint = suggest(kind, QUIZ_TYPES) or f"quiz item types are {', '.join(QUIZ_TYPES)}"
        problems.error(f"unknown quiz item type '{kind}'" if kind is not None else "the quiz item has no 'type'",
                       data.loc("type"), hint)
        return None
    r = Reader(data, problems, f"a {kind} item")
    if kind == "choice":
        r.keys(("id", "type", "text", "options"), ("levels", "feedback"))
    else:
        r.keys(("id", "type", "text", "accept"), ("levels", "feedback", "tolerance"))
    qid = r.id()
    text = r.text("text", limit=MAX_ENTRY)
    item = QuizItem(qid or "", kind, text, data.loc(), r.levels(), feedback=r.text("feedback", limit=MAX_ENTRY))
    if kind == "choice":
        seq = r.list("options")
        for i, opt in enumerate(seq or []):
            if not isinstance(opt, Map):
                problems.error("each option is a mapping {text: …, feedback: …} (and 'correct: true' on the "
                               "right one)", seq.loc(i))
                continue
            orr = Reader(opt, problems, "an option")
            orr.keys(("text",), ("correct", "feedback"))
            ot = orr.text("text", limit=MAX_ENTRY)
            fb = orr.text("feedback", limit=MAX_ENTRY)
            if ot is None:
                continue
            if fb is None:
                problems.warning("the option has no feedback", opt.loc(),
                                 "add 'feedback:' saying why it is right or wrong", qid)
            item.options.append(QuizOption(ot, orr.bool("correct"), fb, opt.loc()))
        if seq is not None:
            if not CHOICE_OPTIONS[0] <= len(seq) <= CHOICE_OPTIONS[1]:
                problems.error(f"the choice item '{qid}' has {len(seq)} options; it must have "
                               f"{CHOICE_OPTIONS[0]} or {CHOICE_OPTIONS[1]}", data.loc("options"),
                               "one correct answer and three or four plausible distractors", qid)
            correct = [o for o in item.options if o.correct]
            if len(correct) != 1 and len(item.options) == len(seq):
                problems.error(f"the choice item '{qid}' has {len(correct)} correct options; it must have "
                               "exactly one", correct[1].location if len(correct) > 1 else data.loc("options"),
                               "mark the one right answer with 'correct: true'" if not correct else
                               "keep 'correct: true' on one option only", qid)
            for level in LEVELS:
                seen: dict[str, QuizOption] = {}
                for o in item.options:
                    value = o.text.at(level)
                    if value is None:
                        continue
                    key = normal_answer(value)
                    if key in seen and seen[key] is not o:
                        problems.error(f"the choice item '{qid}' has the option '{printable(value)[:60]}' twice",
                                       o.text.loc(level), f"the first is at {seen[key].location}", qid)
                    seen.setdefault(key, o)
    else:
        item.accept = r.str_list("accept")
        if "accept" in data and isinstance(data.get("accept"), Seq) and not item.accept:
            problems.error(f"the short-answer item '{qid}' accepts no answer", data.loc("accept"),
                           "list the accepted answers: accept: [komandarm, kommandarm]", qid)
        seen_a: set[str] = set()
        for a in item.accept:
            if normal_answer(a) in seen_a:
                problems.warning(f"'{printable(a)[:60]}' is accepted twice (case and spaces are ignored)",
                                 data.loc("accept"), field=qid)
            seen_a.add(normal_answer(a))
        if any(not a.strip() for a in item.accept):
            problems.error("an accepted answer is empty", data.loc("accept"), field=qid)
            item.accept = [a for a in item.accept if a.strip()]
        tolerance = r.int("tolerance", 0, 2)
        item.tolerance = 1 if tolerance is None else tolerance
    if not (qid and text) or (kind == "choice" and not item.options) or (kind == "short" and not item.accept):
        return None
    return item


def read_assessment(path: Path, problems: Problems) -> tuple[list[Dbq], list[Task]]:
    """content/assessment.yaml (optional): `dbq:` and `tasks:`."""
    if not path.exists():
        return [], []
    data = load_yaml(path, problems)
    if data is None:
        return [], []
    if not isinstance(data, Map):
        problems.error("assessment.yaml is a mapping with 'dbq:' and 'tasks:'", data_loc(data, path))
        return [], []
    r = Reader(data, problems, "assessment.yaml")
    r.keys((), ("dbq", "tasks"))
    dbqs, tasks = [], []
    for i, item in enumerate(r.list("dbq") or []):
        if not isinstance(item, Map):
            problems.error("each DBQ is a mapping (id:, title:, prompt:, documents:, thesis:, rubric:)",
                           data["dbq"].loc(i))
            continue
        dr = Reader(item, problems, "a DBQ")
        dr.keys(("id", "title", "prompt", "documents"), ("levels", "thesis", "rubric"))
        did, title, prompt = dr.id(), dr.text("title", limit=MAX_TITLE), dr.text("prompt")
        documents = dr.str_list("documents", ids=True)
        seq = item.get("documents")
        if isinstance(seq, Seq):
            if not DBQ_DOCUMENTS[0] <= len(seq) <= DBQ_DOCUMENTS[1]:
                problems.error(f"the DBQ '{did}' has {len(seq)} documents; it must have {DBQ_DOCUMENTS[0]} to "
                               f"{DBQ_DOCUMENTS[1]}", item.loc("documents"),
                               "list the ids of 5 to 7 primary-source blocks of the sections", did)
            for j, doc in enumerate(documents):
                if documents.index(doc) != j:
                    problems.error(f"the DBQ '{did}' lists the document '{doc}' twice", seq.loc(j), field=did)
        rubric = read_rubric_field(item, problems)
        if did and title and prompt:
            locs = [seq.loc(j) for j in range(len(documents))] if isinstance(seq, Seq) else []
            dbqs.append(Dbq(did, title, prompt, documents, item.loc(), dr.levels(), dr.text("thesis"), rubric,
                            locs))
    for i, item in enumerate(r.list("tasks") or []):
        if not isinstance(item, Map):
            problems.error("each task is a mapping (id:, levels:, title:, text:, rubric:)", data["tasks"].loc(i))
            continue
        tr = Reader(item, problems, "a task")
        tr.keys(("id", "title", "text"), ("levels", "rubric"))
        tid, title, text = tr.id(), tr.text("title", limit=MAX_TITLE), tr.text("text")
        rubric = read_rubric_field(item, problems)
        if tid and title and text:
            tasks.append(Task(tid, title, text, item.loc(), tr.levels(), rubric))
    return dbqs, tasks


def read_rubric_field(item: Map, problems: Problems):
    """`rubric:` of a DBQ or a task: a rubric id, or an inline rubric."""
    value = item.get("rubric")
    if value is None:
        return None
    if isinstance(value, Map):
        return read_rubric(value, problems, inline=True)
    return Reader(item, problems, "a rubric reference").id("rubric")


def read_question(data: Map, problems: Problems) -> Question | None:
    r = Reader(data, problems, "a question")
    r.keys(("id", "kind", "text"), ("answer", "lines", "levels", "rubric"))
    qid = r.id()
    kind = r.choice("kind", QUESTION_KINDS)
    text = r.text("text")
    lines = r.int("lines", 0, 60)
    if lines is None:
        lines = {"comprehension": 4, "analysis": 7, "essay": 12}.get(kind or "", 4)
    if not (qid and kind and text):
        return None
    return Question(qid, kind, text, r.text("answer"), lines, data.loc(), r.levels(),
                    r.id("rubric") if "rubric" in data else None)


def limited(seq: Seq, key: str, problems: Problems) -> Seq:
    """A list cut to its limit (`MAX_ITEMS`), with a problem if it was longer."""
    limit = MAX_ITEMS.get(key)
    if limit is None or len(seq) <= limit:
        return seq
    problems.error(f"'{key}' has {len(seq):,} items; the limit is {limit:,}", seq.loc(limit),
                   "see 'Limits' in the README")
    cut = Seq(seq.file, seq.line)
    cut.extend(seq[:limit])
    cut.lines = seq.lines[:limit]
    return cut


def read_list_file(path: Path, key: str, problems: Problems, optional: bool = False) -> Seq | None:
    if optional and not path.exists():
        return None
    data = load_yaml(path, problems)
    if data is None:
        return None
    if isinstance(data, Map) and key in data and isinstance(data[key], Seq):
        extra = [k for k in data if k != key]
        for k in extra:
            problems.error(f"unknown key '{k}'", data.loc(k), f"the file holds one list under '{key}:'")
        return limited(data[key], key, problems)
    if isinstance(data, Seq):
        return limited(data, key, problems)
    problems.error(f"this file must hold a list under '{key}:'", data_loc(data, path),
                   f"start the file with '{key}:' and list the entries below it")
    return None


def read_events(seq: Seq, problems: Problems) -> list[Event]:
    events = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each event is a mapping (date:, text:, section:, source:)", seq.loc(i))
            continue
        r = Reader(item, problems, "an event")
        r.keys(("date", "text", "section"), ("end", "source", "levels", "id"))
        date = parse_date(item.get("date"), r.loc("date"), problems) if "date" in item else None
        end = parse_date(item.get("end"), r.loc("end"), problems) if "end" in item else None
        if date and end and end.key() < date.key():
            problems.error("the event ends before it starts", r.loc("end"), "check 'date' and 'end'")
        text, section, source = r.text("text", limit=MAX_ENTRY), r.id("section"), r.key("source")
        if date and text and section:
            events.append(Event(date, end, text, section, source, item.loc(), r.levels()))
    return events


def read_terms(seq: Seq, problems: Problems) -> list[Term]:
    terms = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each glossary entry is a mapping (id:, term:, definition:)", seq.loc(i))
            continue
        r = Reader(item, problems, "a glossary entry")
        r.keys(("id", "term", "definition"),
               ("original", "translit", "expansion", "variants", "related", "levels"))
        tid, term, definition = r.id(), r.str("term", limit=MAX_TITLE), r.text("definition", limit=MAX_CELL)
        if tid and term and definition:
            terms.append(Term(tid, term, definition, item.loc(), r.str("original"), r.str("translit"),
                              r.str("expansion"), r.str_list("variants"), r.str_list("related", ids=True),
                              r.levels()))
    return terms


def read_people(seq: Seq, problems: Problems) -> list[Person]:
    people = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each person is a mapping (id:, name:, …)", seq.loc(i))
            continue
        r = Reader(item, problems, "a person")
        r.keys(("id", "name"), ("sort", "original", "pronounce", "variants", "born", "died", "role", "fate",
                                "source", "levels"))
        pid, name = r.id(), r.str("name", limit=MAX_TITLE)
        if not (pid and name):
            continue
        sort = r.str("sort")
        if not sort:
            parts = name.rsplit(" ", 1)
            sort = f"{parts[1]}, {parts[0]}" if len(parts) == 2 else name
        people.append(Person(pid, name, sort, item.loc(), r.text("role", limit=MAX_ENTRY),
                             r.text("fate", limit=MAX_ENTRY), r.str("original"),
                             r.str("pronounce"), r.str_list("variants"), r.int("born", 1, 2100),
                             r.int("died", 1, 2100), r.key("source"), r.levels()))
    return people


def read_names(r: Reader, key: str) -> list[Name]:
    names = []
    seq = r.list(key)
    for i, item in enumerate(seq or []):
        if not isinstance(item, Map):
            r.problems.error(f"each {key} is a mapping {{family: …, given: …}} or {{literal: …}}", seq.loc(i))
            continue
        nr = Reader(item, r.problems, f"a name in '{key}'")
        for part in item:
            if part not in csl.NAME_PARTS:
                r.problems.warning(f"'{printable(part)}' is not part of a CSL name, so it is ignored", item.loc(part),
                                   suggest(part, csl.NAME_PARTS) or f"a name holds {', '.join(csl.NAME_PARTS[:6])}")
        n = Name(nr.str("family"), nr.str("given"), nr.str("literal"), nr.str("suffix"),
                 nr.str("dropping-particle"), nr.str("non-dropping-particle"))
        if not (n.family or n.literal):
            r.problems.error(f"a name in '{key}' needs 'family' or 'literal'", item.loc())
            continue
        names.append(n)
    return names


CSL_TYPES = csl.CSL_TYPES


def read_places(seq: Seq, problems: Problems) -> list:
    from .model import PLACE_KINDS, Place
    places = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each place is a mapping (id:, name:, kind:, lat:, lon:, …)", seq.loc(i))
            continue
        r = Reader(item, problems, "a place")
        r.keys(("id", "name", "kind", "lat", "lon"), ("years", "text", "source", "line"))
        pid, name, kind = r.id(), r.str("name"), r.choice("kind", PLACE_KINDS)
        lat, lon = r.number("lat"), r.number("lon")
        if lat is not None and not -90 <= lat <= 90:
            problems.error(f"latitude {lat:g} is out of range", r.loc("lat"), "latitudes run from -90 to 90")
            lat = None
        if lon is not None and not -180 <= lon <= 360:
            problems.error(f"longitude {lon:g} is out of range", r.loc("lon"), "longitudes run from -180 to 180")
            lon = None
        line = []
        for j, point in enumerate(r.list("line") or []):
            if (isinstance(point, Seq) and len(point) == 2 and all(isinstance(v, (int, float)) and
                                                                  not isinstance(v, bool) for v in point)
                    and -90 <= point[0] <= 90 and -180 <= point[1] <= 360):
                line.append((float(point[0]), float(point[1])))
            else:
                problems.error("each point of 'line' is [latitude, longitude] in range", item["line"].loc(j))
        if pid and name and kind and lat is not None and lon is not None:
            places.append(Place(pid, name, kind, lat, lon, item.loc(), r.str("years"), r.text("text", limit=MAX_ENTRY),
                                r.key("source"), line))
    return places


# The CSL variables Chicago prints, and the Source attribute each fills (title, names and dates apart).
PRINTED = {"publisher": "publisher", "publisher-place": "publisher_place", "container-title": "container_title",
           "volume": "volume", "issue": "issue", "page": "page", "URL": "url", "edition": "edition", "DOI": "doi",
           "collection-title": "collection_title", "collection-number": "collection_number",
           "event-title": "event_title", "event-place": "event_place", "genre": "genre", "number": "number",
           "title-short": "title_short"}
# Zotero keeps what it has no field for in Extra, exported as `note`, one "Name: value" a line
_EXTRA = re.compile(r"^\s*(citation key|tex\.[\w-]+|[a-z][\w -]*?)\s*:\s*(.*?)\s*$", re.I)


def _note_and_extra(note: str | None) -> tuple[str | None, str | None]:
    """The printed part of a `note`, and the citation key its Zotero Extra lines give, if any."""
    if not note:
        return note, None
    kept, key = [], None
    for text in note.splitlines():
        m = _EXTRA.match(text)
        name = m.group(1).strip().lower().replace(" ", "-") if m else ""
        if m and name == "citation-key":
            key = m.group(2)
        elif not (m and (name in csl.VARIABLES or name.startswith("tex."))):
            kept.append(text)
    printed = "\n".join(kept).strip()
    return printed or None, key


def read_source_file(path: Path, problems: Problems, optional: bool = False) -> Seq | None:
    """A sources file: CSL-YAML (`references:` or a bare list, as Better BibTeX writes it) or, for a
    `.json` file, CSL-JSON (a list of items, as Zotero exports it). JSON Schema files are never sources."""
    if optional and not path.exists():
        return None
    if path.suffix.lower() != ".json":
        return read_list_file(path, "references", problems)
    shown = display_path(path)
    schema_hint = "name your sources file, e.g. sources.json or my-sources.json, outside the schema/ folder"
    if path.parent.name == "schema" and (path.parent / "all.json").exists():
        problems.error("this file is in schema/, where 'guide schema --write' keeps the JSON Schema files, so it "
                       "is not read as sources", Location(shown), schema_hint)
        return None
    data = load_json(path, problems)
    if data is None:
        return None
    if isinstance(data, Map) and ("$schema" in data or "$defs" in data):
        problems.error("this is a JSON Schema, not a CSL-JSON sources file", data.loc(), schema_hint)
        return None
    if isinstance(data, Seq):
        return limited(data, "references", problems)
    if isinstance(data, Map) and isinstance(data.get("references"), Seq):
        for k in data:
            if k != "references":
                problems.error(f"unknown key '{k}'", data.loc(k), "the file holds one list under 'references'")
        return limited(data["references"], "references", problems)
    if isinstance(data, Map) and "type" in data and "title" in data:   # one item on its own
        one = Seq(data.file, data.line)
        one.append(data)
        one.lines.append(data.line)
        return one
    problems.error("a CSL-JSON file holds a list of references: [{\"id\": …, \"type\": …, \"title\": …}, …]",
                   data_loc(data, path), "export it from Zotero with File → Export Library… → CSL JSON")
    return None


def _csl_key(r: Reader, item: Map) -> tuple[str | None, str, str | None]:
    """The key a reference is cited by, where it comes from, and its `id` as written. The rule
    (docs/content-format.md, "How a work is cited"): its `citation-key` when present, else its `id` when
    that is a valid key, else (None here) a key derived from author and year."""
    written = None
    value = item.get("id")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        written = item.written("id")
    elif value is not None:
        written = r.str("id")
    ck = r.str("citation-key")
    if ck is None:
        _, ck = _note_and_extra(item.get("note") if isinstance(item.get("note"), str) else None)
        ck = ck.strip() if ck else None
    if ck:
        if csl.is_key(ck):
            return ck, "citation-key", written
        r.problems.error(f"the citation key '{printable(ck)}' is not a valid key", r.loc("citation-key"),
                         "a key is letters and digits, with _ - . : / inside, e.g. 'Conquest1990'")
    if written is not None and csl.is_key(written):
        return written, "id", written
    return None, "derived", written


def read_sources(seq: Seq, problems: Problems, taken=()) -> list[Source]:
    """References in CSL terms (CSL-YAML or CSL-JSON). `taken` holds keys already in use (the shipped
    sources, for an edition's own file), which a derived key avoids."""
    sources = []
    unknown: dict[str, list[Location]] = {}
    items = []
    for i, item in enumerate(seq):
        if not isinstance(item, Map):
            problems.error("each reference is a mapping in CSL (id:, type:, title:, …)", seq.loc(i))
            continue
        r = Reader(item, problems, "a reference")
        for k in item:
            if k not in csl.VARIABLES:
                unknown.setdefault(k, []).append(item.loc(k))
        items.append((item, r, *_csl_key(r, item)))
    used = set(taken) | {key for _, _, key, _, _ in items if key}
    for item, r, key, how, written in items:
        for k in ("type", "title"):
            if item.get(k) is None:
                problems.error(f"a reference needs '{k}'", item.loc(), f"add a line '{k}: …'")
        title = r.str("title", limit=MAX_TITLE * 2)
        kind = r.choice("type", CSL_TYPES, default="book")
        issued = csl.read_date(item["issued"], r.loc("issued"), problems, "issued") \
            if item.get("issued") is not None else None
        accessed = csl.read_date(item["accessed"], r.loc("accessed"), problems, "accessed") \
            if item.get("accessed") is not None else None
        year = issued.year if issued is not None else None
        if issued is not None and issued.literal is not None:
            found = re.search(r"(?<!\d)\d{4}(?!\d)", issued.literal)
            year = int(found.group()) if found else None
        authors, editors = read_names(r, "author"), read_names(r, "editor")
        if not title:
            continue
        if key is None:
            first = (authors or editors or [Name(literal=title)])
            second = (authors or editors)[1:2] if len(authors or editors) == 2 else []
            fam = lambda n: n.family or n.literal    # noqa: E731
            key = csl.derived_key(fam(first[0]), fam(second[0]) if second else None, year, used)
            used.add(key)
        if not (authors or editors):
            problems.warning(f"the reference '{key}' has no author or editor", item.loc())
        fields = {attr: r.str(k) for k, attr in PRINTED.items()}
        if fields["event_title"] is None:
            fields["event_title"] = r.str("event")       # CSL 1.0.1's name for event-title
        note, _ = _note_and_extra(r.str("note", limit=MAX_TEXT))
        sources.append(Source(key, kind, title, item.loc(), authors, editors, read_names(r, "translator"), year,
                              note=note, lines={k: item.loc(k) for k in item}, key_from=how,
                              csl_id=written if written != key else None, issued=issued, accessed=accessed,
                              **fields))
    for k, locs in unknown.items():
        more = f" (nor in {len(locs) - 1} other reference{'s' * (len(locs) > 2)})" if len(locs) > 1 else ""
        problems.warning(f"'{printable(k)}' is not a CSL variable, so it is ignored{more}", locs[0],
                         suggest(k, csl.VARIABLES) or "see the CSL 1.0.2 variables in docs/content-format.md")
    return sources


def _work(src: Source) -> tuple:
    import unicodedata

    def norm(text: str | None) -> str:
        text = unicodedata.normalize("NFKD", text or "")
        return " ".join(re.findall(r"[^\W_]+", "".join(c for c in text if not unicodedata.combining(c)).casefold()))
    first = (src.author or src.editor or [Name()])[0]
    return norm(src.title), norm(first.family or first.literal), src.year


def warn_duplicate_works(sources, problems: Problems, seen=()) -> None:
    """The same work (same title, first author and year) under two keys: a warning naming both places."""
    first: dict[tuple, Source] = {}
    for src in seen:
        first.setdefault(_work(src), src)
    for src in sources:
        other = first.setdefault(_work(src), src)
        if other is not src and other.id != src.id:
            problems.warning(f"'{src.id}' is the same work as '{other.id}' at {other.location} (the same title, "
                             "first author and year)", src.location,
                             f"keep one of the two entries, and cite it as [@{other.id}]")


def read_reading(path: Path, problems: Problems) -> dict[str, list[Reading]]:
    if not path.exists():
        return {}
    data = load_yaml(path, problems)
    out: dict[str, list[Reading]] = {}
    if data is None:
        return out
    if not isinstance(data, Map):
        problems.error("reading.yaml maps each level to a list of {source:, note:}", data_loc(data, path))
        return out
    for level, seq in data.items():
        if level not in LEVELS:
            problems.error(f"unknown level '{level}'", data.loc(level), suggest(level, LEVELS))
            continue
        if not isinstance(seq, Seq):
            problems.error(f"the reading list for {level} must be a list", data.loc(level))
            continue
        for i, item in enumerate(seq):
            if not isinstance(item, Map):
                problems.error("each item is a mapping {source: id, note: …}", seq.loc(i))
                continue
            r = Reader(item, problems, "a reading item")
            r.keys(("source",), ("note",))
            sid = r.key("source")
            if sid:
                out.setdefault(level, []).append(Reading(sid, r.text("note"), item.loc("source")))
    return out


def read_edition(path: Path, problems: Problems, name: str | None = None, content_root: Path | None = None,
                 text: str | None = None) -> Edition | None:
    """An edition file, read by the declaration of its options (`options.OPTIONS`). Every problem carries
    the option it belongs to (`Problem.field`), so that a front end can show it beside that option.

    With `text`, that text is read as if it were the file at `path` (the studio's unsaved edition)."""
    from dataclasses import replace as _replace

    from .load import parse_yaml
    from .options import OPTIONS

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
                from .overrides import read_overrides
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
    from .model import ADD_KINDS, Addition

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


# ----------------------------------------------------------------------------------- whole content


def load_guide(root: Path, problems: Problems) -> Guide | None:
    """Read and validate a whole content folder. Returns None only if guide.yaml is unusable."""
    from .load import confined

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


def index(items, what: str, problems: Problems) -> dict:
    out = {}
    for item in items:
        if item.id in out:
            first = out[item.id].location
            problems.error(f"duplicate {what} id '{item.id}' (first at {first})", item.location,
                           "give each entry its own id")
            continue
        out[item.id] = item
    return out


def _line(value: str | None, loc: Location) -> list[Text]:
    return [Text({"high": value}, {"high": loc})] if value else []


def iter_texts(guide: Guide):
    """Every Text of the content that is printed or written into the PDF's metadata, for checks that look at
    all of it (glyph coverage, statistics)."""
    head = guide.head_locations
    for key in ("title", "subtitle", "topic", "version", "date", "license", "cite_as"):
        yield from _line(getattr(guide, key, None), head.get(key, Location("guide.yaml")))
    if guide.instructor_note:
        yield guide.instructor_note
    for info in guide.levels.values():
        yield from _line(info.label, head.get("levels", Location("guide.yaml")))
        yield from _line(info.audience, head.get("levels", Location("guide.yaml")))
    for src in guide.sources.values():
        at = src.lines.get
        for key, attr in (("title", "title"), ("note", "note"), *PRINTED.items()):
            yield from _line(getattr(src, attr), at(key, src.location))
        yield from _line(src.event_title, at("event-title", at("event", src.location)))
        for key in ("issued", "accessed"):
            date = getattr(src, key)
            yield from _line(date.literal if date is not None else None, at(key, src.location))
        for key in ("author", "editor", "translator"):
            for n in getattr(src, key):
                for value in (n.family, n.given, n.literal, n.suffix, n.dropping_particle, n.non_dropping_particle):
                    yield from _line(value, at(key, src.location))
    for sec in guide.sections.values():
        yield from (t for t in [sec.title, sec.key_question, sec.teacher_notes, *sec.objectives] if t)
        for b in sec.blocks:
            yield from (t for t in (b.text, b.title, b.intro, b.quote, b.attribution, b.caption, b.alt,
                                    *b.questions) if t)
            yield from (d.label for d in b.data)
            yield from b.answers.values()
        for q in sec.questions:
            yield from (t for t in (q.text, q.answer) if t)
        for rubric in sec.rubrics:
            yield from rubric_texts(rubric)
        for qi in sec.quiz:
            yield from quiz_texts(qi)
    for item in [*guide.dbqs, *guide.tasks]:
        yield from (t for t in (item.title, getattr(item, "prompt", None), getattr(item, "text", None),
                                getattr(item, "thesis", None)) if t)
        if isinstance(item.rubric, Rubric):
            yield from rubric_texts(item.rubric)
    for ev in guide.events:
        yield ev.text
    for term in guide.terms.values():
        yield term.definition
        for value in (term.term, term.original, term.translit, term.expansion, *term.variants):
            if value:
                yield Text({"high": value}, {"high": term.location})
    for person in guide.people.values():
        yield from (t for t in (person.role, person.fate) if t)
        for value in (person.name, person.sort, person.original, person.pronounce, *person.variants):
            if value:
                yield Text({"high": value}, {"high": person.location})
    for items in guide.reading.values():
        yield from (i.note for i in items if i.note)
    for place in guide.places.values():
        if place.text:
            yield place.text
        yield Text({"high": place.name}, {"high": place.location})
        yield from _line(place.years, place.location)


def rubric_texts(rubric: Rubric):
    yield from (t for t in (rubric.title, *rubric.scale) if t)
    for c in rubric.criteria:
        yield c.name
        yield from c.levels


def quiz_texts(item: QuizItem):
    yield item.text
    if item.feedback:
        yield item.feedback
    for o in item.options:
        yield o.text
        if o.feedback:
            yield o.feedback
    for a in item.accept:
        yield Text({"high": a}, {"high": item.location})


def edition_texts(ed: Edition):
    """The edition's own printed words (title, instructor, course, …), with their lines."""
    from .options import OPTIONS
    for o in OPTIONS:
        if o.kind == "text":
            yield from _line(getattr(ed, o.attr), ed.locations.get(f":{o.name}", ed.location))


def check_glyphs(guide: Guide, printable: frozenset[int], problems: Problems, extra=()) -> None:
    """Every character must be in the fonts that print it: otherwise a located error naming it (one error
    per line, naming up to five such characters)."""
    import itertools
    import unicodedata

    bad: dict[Location, list[str]] = {}
    for text in itertools.chain(iter_texts(guide), extra):
        for level, value in text.values.items():
            missing = [ch for ch in dict.fromkeys(value) if ch not in "\n\r\t" and ord(ch) not in printable]
            if missing:
                found = bad.setdefault(text.loc(level), [])
                found += [ch for ch in missing if ch not in found]
    for loc, chars in bad.items():
        def name(ch):
            kind = "a control character" if unicodedata.category(ch) == "Cc" else "unnamed"
            return f"{ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, kind)})"
        shown = ", ".join(name(ch) for ch in chars[:5]) + (f" and {len(chars) - 5} more" if len(chars) > 5 else "")
        what = "the character" if len(chars) == 1 else "the characters"
        problems.error(f"{what} {shown} cannot be printed: the guide's fonts do not have "
                       f"{'it' if len(chars) == 1 else 'them'}", loc, "remove or replace "
                       f"{'it' if len(chars) == 1 else 'them'} (letters, accents, Cyrillic, Greek and common "
                       "punctuation are fine)")


def check_references(guide: Guide, problems: Problems, files: dict[str, str] | None = None) -> None:
    """Every id a text or field names must exist; every inline markup must parse.

    `files` names the file an instructor should add a missing entry to, by kind ("glossary", "sources"):
    an edition's own terms file rather than the shipped glossary.yaml."""
    files = files or {}
    by_csl_id = {s.csl_id: s.id for s in guide.sources.values() if s.csl_id}

    def need(kind: str, key: str | None, table, loc: Location, field: str | None = None):
        if key is not None and key not in table:
            where = files.get({"glossary term": "glossary", "source": "sources", "person": "people",
                               "place": "places"}.get(kind, ""))
            hint = (f"that work is cited as '{by_csl_id[key]}' ('guide list --sources' lists every key)"
                    if kind == "source" and key in by_csl_id else None) or suggest(key, table) or (f"add it to {where}" if where else f"add it to the {kind} file"
                                           if kind != "section" else "check the section id")
            problems.error(f"unknown {kind} '{key}'", loc, hint, field)

    def check_text(text: Text | None, field: str | None = None):
        if text is None:
            return
        seen: set[tuple[str, Location]] = set()
        for level, value in text.values.items():
            loc = text.loc(level)
            if (value, loc) in seen:   # one string for several levels: check it once
                continue
            seen.add((value, loc))
            levels = [lv for lv, v in text.values.items() if v == value and text.loc(lv) == loc]
            spans, warnings = markup.parse(value)
            for w in warnings:
                problems.warning(w, loc, field=field)
            for span in markup.walk(spans):
                if span.kind == "term":
                    at = line_of(loc, f"[[{span.ref}")
                    if span.ref not in guide.terms:
                        problems.error(f"unknown glossary term [[{span.ref}]]", at,
                                       suggest(span.ref, guide.terms)
                                       or f"add it to {files.get('glossary', 'glossary.yaml')}", field)
                    else:
                        missing = [lv for lv in levels if lv not in guide.terms[span.ref].levels]
                        if missing:
                            problems.error(f"the glossary term '{span.ref}' is not defined for the "
                                           f"{' and '.join(missing)} level{'s' * (len(missing) > 1)}", at,
                                           field=field)
                elif span.kind == "cite":
                    for key, _ in span.cites:
                        if key not in guide.sources:
                            problems.error(f"unknown source [@{key}]", line_of(loc, f"@{key}"),
                                           (f"that work is cited as [@{by_csl_id[key]}] ('guide list --sources' "
                                            "lists every key)" if key in by_csl_id else None)
                                           or suggest(key, guide.sources)
                                           or f"add it to {files.get('sources', 'sources.yaml')}", field)

    qids: dict[str, Location] = {}
    bids: dict[str, Location] = {}
    for sec in guide.sections.values():
        for t in [sec.title, sec.key_question, sec.teacher_notes, *sec.objectives]:
            check_text(t)
        for b in sec.blocks:
            for t in (b.text, b.title, b.intro, b.attribution, b.caption, *b.questions):
                check_text(t, b.id)
            if b.id:
                if b.id in bids:
                    problems.error(f"duplicate block id '{b.id}' (first at {bids[b.id]})", b.location)
                bids[b.id] = b.location
            if b.type in ("primary", "chart"):
                need("source", b.source, guide.sources, b.location)
            if b.origin:
                need("source", b.origin, guide.sources, b.location)
            if b.type == "chart":
                for level in b.levels:
                    if b.title and level in b.title.values and not (b.alt and b.alt.at(level)):
                        problems.error("the chart has no alt text for the " + level + " level", b.location,
                                       "add 'alt:' describing the chart for readers who cannot see it")
            for pid in b.people:
                need("person", pid, guide.people, b.location)
            for pid in b.places:
                need("place", pid, guide.places, b.location)
            for level, ids in (b.labels or {}).items():
                for pid in ids:
                    if pid not in b.places:
                        problems.error(f"'labels' names '{pid}', which is not among the map's places", b.location)
            if b.type == "map":
                for level in b.levels:
                    if b.title and level in b.title.values and not (b.alt and b.alt.at(level)):
                        problems.error("the map has no alt text for the " + level + " level", b.location,
                                       "add 'alt:' describing the map for readers who cannot see it")
            main = b.main_text()
            if main is not None:
                for name in ("title", "attribution", "caption"):
                    t = getattr(b, name)
                    if t is not None:
                        for lv in b.levels:
                            if lv in main.values and lv not in t.values:
                                problems.error(f"the {b.type} block has text for {lv} but no '{name}' for {lv}",
                                               b.location)
        for q in sec.questions:
            check_text(q.text, q.id)
            check_text(q.answer, q.id)
            if q.id in qids:
                problems.error(f"duplicate question id '{q.id}' (first at {qids[q.id]})", q.location)
            qids[q.id] = q.location
            if q.answer is None:
                problems.warning(f"the question '{q.id}' has no model answer", q.location,
                                 "add 'answer:' so the answer key can print it", q.id)
        for level in sec.levels:
            if level not in sec.title.values:
                problems.error(f"the section has no title for the {level} level", sec.location)
    check_assessment(guide, problems, check_text)
    for ev in guide.events:
        check_text(ev.text)
        need("section", ev.section, guide.sections, ev.location)
        need("source", ev.source, guide.sources, ev.location)
        if ev.source is None:
            problems.warning("the event has no source", ev.location, "add 'source: <bibliography id>'")
    for term in guide.terms.values():
        check_text(term.definition)
        for rel in term.related:
            need("glossary term", rel, guide.terms, term.location)
            if rel == term.id:
                problems.error(f"the term '{term.id}' lists itself as related", term.location)
    for person in guide.people.values():
        check_text(person.role)
        check_text(person.fate)
        need("source", person.source, guide.sources, person.location)
    for place in guide.places.values():
        check_text(place.text)
        need("source", place.source, guide.sources, place.location)
    for level, items in guide.reading.items():
        for item in items:
            need("source", item.source, guide.sources, item.location)
            check_text(item.note)


def check_assessment(guide: Guide, problems: Problems, check_text) -> None:
    """Rubrics, quiz items, source-box answers, DBQs and tasks: their references, their levels and that every id
    is unique across the whole guide."""
    rubrics = guide.rubrics()
    blocks = {b.id: (sec, b) for sec in guide.sections.values() for b in sec.blocks if b.id}
    objectives = {o.id: sec.id for sec in guide.sections.values() for o in sec.objectives if o.id}
    # every id, unique across the guide (block–block and question–question clashes are reported above)
    seen: dict[str, tuple[str, Location]] = {}

    def claim(iid: str | None, kind: str, loc: Location):
        if not iid:
            return
        if iid in seen and not (seen[iid][0] == kind and kind in ("block", "question")):
            problems.error(f"the id '{iid}' of this {kind} is already used by a {seen[iid][0]} at {seen[iid][1]}",
                           loc, "ids must be unique across the whole guide", iid)
            return
        seen.setdefault(iid, (kind, loc))

    for sec in guide.sections.values():
        for b in sec.blocks:
            claim(b.id, "block", b.location)
        for o in sec.objectives:
            claim(o.id, "objective", o.loc(next(iter(o.values))))
        for b in sec.blocks:
            for q in b.questions:
                claim(q.id, "source-box question", q.loc(next(iter(q.values))))
        for q in sec.questions:
            claim(q.id, "question", q.location)
    for sec in guide.sections.values():
        for rubric in sec.rubrics:
            claim(rubric.id, "rubric", rubric.location)
        for qi in sec.quiz:
            claim(qi.id, "quiz item", qi.location)
    for d in guide.dbqs:
        claim(d.id, "DBQ", d.location)
    for t in guide.tasks:
        claim(t.id, "task", t.location)

    def check_rubric(rubric: Rubric, section_id: str | None):
        for t in rubric_texts(rubric):
            check_text(t, rubric.id)
        for oid in rubric.objectives:
            if oid not in objectives:
                problems.error(f"the rubric names the objective '{oid}', which does not exist", rubric.location,
                               suggest(oid, objectives) or "objectives need ids to be named here", rubric.id)
            elif section_id and objectives[oid] != section_id:
                problems.error(f"the rubric names the objective '{oid}' of the section '{objectives[oid]}'; a "
                               "rubric in a section file assesses that section's objectives", rubric.location,
                               field=rubric.id)
        for lv in rubric.levels:
            for t in (rubric.title, *rubric.scale, *(c.name for c in rubric.criteria),
                      *(d for c in rubric.criteria for d in c.levels)):
                if t is not None and lv not in t.values:
                    problems.error(f"the rubric has no text for the {lv} level here", t.loc(next(iter(t.values))),
                                   "give every level the rubric is for a version, or set 'levels:'", rubric.id)
                    break

    def use_rubric(ref, levels, loc: Location, owner: str):
        if ref is None:
            return
        if isinstance(ref, Rubric):
            check_rubric(ref, None)
            return
        if ref not in rubrics:
            problems.error(f"unknown rubric '{ref}'", loc, suggest(ref, rubrics) or
                           "rubrics are listed under 'rubrics:' in the section files", owner)
            return
        missing = [lv for lv in levels if lv not in rubrics[ref].levels]
        if missing:
            problems.error(f"the rubric '{ref}' is not written for the {' and '.join(missing)} level"
                           f"{'s' * (len(missing) > 1)}", loc, field=owner)

    for sec in guide.sections.values():
        for b in sec.blocks:
            for qid, answer in b.answers.items():
                check_text(answer, qid)
        for rubric in sec.rubrics:
            check_rubric(rubric, sec.id)
        for q in sec.questions:
            use_rubric(q.rubric, [lv for lv in q.levels if lv in q.text.values], q.location, q.id)
        for qi in sec.quiz:
            for t in quiz_texts(qi):
                check_text(t, qi.id)
            for lv in qi.levels:
                if lv not in qi.text.values:
                    continue
                for o in qi.options:
                    if lv not in o.text.values:
                        problems.error(f"the option has no text for the {lv} level, which the item is for",
                                       o.location, "give it a version for that level, or set the item's 'levels:'",
                                       qi.id)
    for d in guide.dbqs:
        for t in (d.title, d.prompt, d.thesis):
            check_text(t, d.id)
        for doc, loc in zip(d.documents, d.document_locations or [d.location] * len(d.documents)):
            found = blocks.get(doc)
            if found is None:
                problems.error(f"the DBQ '{d.id}' names the document '{doc}', which is no block", loc,
                               suggest(doc, blocks) or "name the id of a primary-source block", d.id)
            elif found[1].type != "primary":
                problems.error(f"the DBQ '{d.id}' names '{doc}', a {found[1].type} block; its documents are "
                               "primary-source blocks", loc, field=d.id)
            else:
                sec, b = found
                missing = [lv for lv in d.levels if not (lv in b.levels and lv in sec.levels and b.quote
                                                        and lv in b.quote.values)]
                if missing:
                    problems.error(f"the document '{doc}' is not printed at the {' and '.join(missing)} level"
                                   f"{'s' * (len(missing) > 1)}, which the DBQ '{d.id}' is for", loc, field=d.id)
        if d.thesis is None:
            problems.warning(f"the DBQ '{d.id}' has no model thesis", d.location,
                             "add 'thesis:' so the answer key can print it", d.id)
        if d.rubric is None:
            problems.warning(f"the DBQ '{d.id}' has no rubric", d.location, "add 'rubric:'", d.id)
        use_rubric(d.rubric, d.levels, d.location, d.id)
    for t in guide.tasks:
        check_text(t.title, t.id)
        check_text(t.text, t.id)
        if t.rubric is None:
            problems.warning(f"the task '{t.id}' has no rubric", t.location, "add 'rubric:'", t.id)
        use_rubric(t.rubric, t.levels, t.location, t.id)


def dbq_missing(guide: Guide, dbq: Dbq, level: str, sections, omit) -> list[str]:
    """What a DBQ needs that the edition does not print ("the section 'army'", "the block 'x'", omitted):
    empty when it can print."""
    where = {b.id: sec.id for sec in guide.sections.values() for b in sec.blocks if b.id}
    out: list[str] = []
    for doc in dbq.documents:
        sid = where.get(doc)
        if sid is None:
            continue
        what = f"the section '{sid}'" if sid not in sections else f"the block '{doc}'" if doc in omit else None
        if what and what not in out:
            out.append(what)
    return out


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
        from .overrides import apply
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
    from .model import PARTS
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
