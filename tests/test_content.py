"""The shipped Great Purge guide: complete, sourced, and written for each level."""
import re

import pytest

from guide.markup import parse, plain_text, walk
from guide.model import LEVELS
from guide.stats import BANDS, readability, running_text, section_stats


# Words that describe violence graphically. Middle-level text states facts plainly ("was shot", "died in the
# camps") and never uses these (after the USHMM guidelines; see docs/content-format.md).
GRAPHIC = ["torture", "tortured", "torturing", "beaten", "beating", "beatings", "bullet", "blood", "bloody",
           "corpse", "corpses", "mutilated", "rape", "raped", "cannibalism", "gruesome", "butchered", "skull",
           "bloody dwarf"]


@pytest.fixture(scope="module")
def guide(shipped_guide):
    return shipped_guide


def level_texts(guide, level):
    """Every text a reader at this level sees: sections, questions, glossary, people, chronology."""
    for sec in guide.sections.values():
        for t in [sec.title, sec.key_question, *sec.objectives]:
            if t and t.at(level):
                yield t.at(level)
        for b in sec.blocks:
            if level not in b.levels:
                continue
            for t in (b.text, b.title, b.intro, b.quote, b.caption, *b.questions):
                if t and t.at(level):
                    yield t.at(level)
        for q in sec.questions:
            if level in q.levels and q.text.at(level):
                yield q.text.at(level)
    for term in guide.terms.values():
        if term.definition.at(level):
            yield term.definition.at(level)
    for p in guide.people.values():
        for t in (p.role, p.fate):
            if t and t.at(level):
                yield t.at(level)
    for e in guide.events:
        if level in e.levels and e.text.at(level):
            yield e.text.at(level)


def test_the_six_sections_and_more_exist_at_every_level(guide):
    for sid in ("background", "trials", "army", "gulag", "aftermath", "historiography"):
        assert sid in guide.order and sid in guide.sections
    for sid in guide.order:
        for level in LEVELS:
            assert running_text(guide, sid, level).strip(), (sid, level)


def test_word_counts_and_reading_grades_within_bands(guide):
    for row in section_stats(guide):
        assert row.words_ok, f"{row.section}/{row.level}: {row.words} words, target {BANDS[row.level]}"
        assert row.grade_ok, f"{row.section}/{row.level}: reading grade {row.grade}"


def test_middle_level_has_no_graphic_words(guide):
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, GRAPHIC)) + r")\b", re.I)
    hits = [m.group(0) for text in level_texts(guide, "middle") for m in pattern.finditer(text)]
    assert hits == []


def test_apparatus_sizes(guide):
    assert len(guide.events) >= 50
    assert len(guide.terms) >= 45
    assert len(guide.people) >= 30
    assert len(guide.sources) >= 20
    assert sum(1 for t in guide.terms.values() if t.original and re.search("[А-Яа-я]", t.original)) >= 40


def test_chronology_spans_1917_to_the_2020s_in_order(guide):
    keys = [e.date.key() for e in guide.events]
    assert keys == sorted(keys)
    assert keys[0][0] <= 1917 and keys[-1][0] >= 2020
    assert all(e.source for e in guide.events)
    assert {e.section for e in guide.events} >= set(guide.order)


def test_charts_and_primary_sources_have_sources(guide):
    charts = [b for s in guide.sections.values() for b in s.blocks if b.type == "chart"]
    assert {"army-ratios"} <= {b.id for b in charts} and len(charts) >= 2
    for b in guide.sections["army"].blocks + guide.sections["operations"].blocks:
        if b.type in ("chart", "primary"):
            assert b.source in guide.sources and b.alt if b.type == "chart" else b.source


def test_every_number_in_running_text_has_a_note(guide):
    """A paragraph or callout that states a number (other than a year) cites a source."""
    missing = []
    for sec in guide.sections.values():
        for b in sec.blocks:
            if b.type not in ("paragraph", "callout"):
                continue
            for level, value in b.text.values.items():
                spans, _ = parse(value)
                text = re.sub(r"\b(1[6-9]\d\d|20\d\d)[–-]\d{2,4}\b", "", plain_text(spans))  # year ranges
                text = re.sub(r"\b0\d+\b", "", text)  # order numbers such as No. 00447
                numbers = [n for n in re.findall(r"\b\d[\d,.]*\b", text)
                           if not re.fullmatch(r"1[6-9]\d\d|20[0-2]\d", n) and len(n.replace(",", "")) > 1]
                cited = any(s.kind == "cite" for s in walk(spans))
                if numbers and not cited:
                    missing.append(f"{b.text.loc(level)} [{level}]: {numbers[:3]}")
    assert missing == []


def test_questions_per_section_and_level(guide):
    for sec in guide.sections.values():
        for level in LEVELS:
            qs = [q for q in sec.questions if level in q.levels and q.text.at(level)]
            kinds = [q.kind for q in qs]
            assert kinds.count("comprehension") >= 4, (sec.id, level)
            assert kinds.count("analysis") >= 2, (sec.id, level)
            if level == "college":
                assert kinds.count("essay") >= 1, (sec.id, level)
            assert all(q.answer and q.answer.at(level) for q in qs), (sec.id, level)


def test_contested_claims_are_flagged(guide):
    everything = " ".join(t for level in ("high", "college") for t in level_texts(guide, level)).lower()
    assert "historians disagree" in everything
    for wrong in ("600,000 to 1.2 million executed", "292 negative votes", "bloody dwarf"):
        assert wrong not in everything or wrong == "bloody dwarf" and "later nicknamed" in everything


def test_readability_formula():
    easy = readability("The cat sat on the mat. It was warm. The dog ran home.")
    hard = readability("Historiographical interpretations of institutional radicalisation emphasise "
                       "contingency, bureaucratic competition and ideological mobilisation simultaneously.")
    assert easy.grade < 3 < 14 < hard.grade
    names = readability("Tukhachevsky met Uborevich. They talked.", frozenset({"Tukhachevsky"}))
    plain = readability("The man met the boy. They talked.")
    assert abs(names.grade - plain.grade) < 1.5


def test_the_gulag_section_has_its_map_at_every_level(guide):
    maps = [b for b in guide.sections["gulag"].blocks if b.type == "map"]
    assert maps and set(maps[0].levels) == set(LEVELS)
    for level in LEVELS:
        assert re.search(r"borders|boundaries", maps[0].caption.at(level)) and maps[0].alt.at(level)
        assert re.search(r"today|modern", maps[0].caption.at(level))
    assert {"solovki", "belomorkanal", "vorkuta", "norilsk", "kolyma", "karlag", "bamlag"} <= set(maps[0].places)
