"""Assessment: rubrics, quiz items, DBQs and tasks — read from section files and assessment.yaml, then checked
against the rest of the content (references, levels, ids unique across the guide)."""
from __future__ import annotations

from pathlib import Path

from ..errors import Location, Problems, printable
from ..load import Map, Seq, load_yaml
from ..model import LEVELS, QUIZ_TYPES, Criterion, Dbq, Guide, QuizItem, QuizOption, Rubric, Task, Text
from .limits import CHOICE_OPTIONS, DBQ_DOCUMENTS, MAX_CELL, MAX_ENTRY, MAX_LABEL, MAX_TITLE, SCALE_STEPS
from .reader import Reader, data_loc, suggest, to_text
from .texts import quiz_texts, rubric_texts


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
