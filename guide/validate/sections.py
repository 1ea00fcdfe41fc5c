"""A section file: its title, objectives, blocks (by type, `BLOCK_FIELDS`) and questions."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problems
from ..load import Map, Seq, load_yaml
from ..model import BLOCK_TYPES, LEVELS, QUESTION_KINDS, Block, ChartDatum, Question, Section, Text
from .assessment import read_quiz_item, read_rubric
from .limits import MAX_LABEL, MAX_LINE, MAX_TEXT, MAX_TITLE, limited
from .reader import Reader, data_loc, listed_text, read_maps, suggest, to_text


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
