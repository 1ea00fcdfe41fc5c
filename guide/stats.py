"""Word counts and reading-grade estimates of running text, per section and level (offline, no data).

Running text is what a student reads as prose: paragraphs and callouts (not headings, questions,
quotations or apparatus). The grade is the Flesch–Kincaid grade level,

    0.39 × (words / sentences) + 11.8 × (syllables / word) − 15.59,

with syllables counted by a vowel-group rule (silent final e, -le, -es and -ed endings handled). Proper
names and acronyms (capitalised words that do not begin a sentence, e.g. Tukhachevsky, NKVD) count as words
for sentence length but are left out of the syllable average, so that long Russian names do not make a
plain text look hard. Citations are removed before counting; glossary links count as the words shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import markup
from .model import LEVELS, Guide

BANDS = {"middle": (600, 900), "high": (1200, 1800), "college": (1800, 2800)}
GRADE_BANDS = {"middle": (0.0, 8.5), "high": (9.0, 11.5), "college": (None, None)}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+[”\"’)]*(?=\s+[“\"(]?[A-Z0-9]|\s*$)")
_VOWELS = re.compile(r"[aeiouy]{1,2}")


def syllables(word: str) -> int:
    w = word.lower().strip("'’-")
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|(?<![td])ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


@dataclass
class Readability:
    words: int
    sentences: int
    syllables: int
    counted_words: int   # words that entered the syllable average (proper names excluded)

    @property
    def grade(self) -> float:
        if not self.words or not self.sentences or not self.counted_words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.counted_words - 15.59


def readability(text: str, names: frozenset[str] = frozenset()) -> Readability:
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    tokenized = [_WORD.findall(s) for s in sentences]
    # A word seen capitalised inside a sentence is a name wherever it appears (also at a sentence's start).
    names = set(names) | {tok for toks in tokenized for tok in toks[1:] if tok[0].isupper()}
    words = syll = counted = 0
    for tokens in tokenized:
        for tok in tokens:
            words += 1
            proper = tok in names or (len(tok) > 1 and tok.isupper())
            if not proper:
                counted += 1
                syll += syllables(tok)
    return Readability(words, max(1, len(sentences)), syll, counted)


def guide_names(guide: Guide) -> frozenset[str]:
    """Proper names the guide knows: the words of people's names and of capitalised glossary terms."""
    out = set()
    for p in guide.people.values():
        out.update(w for w in _WORD.findall(p.name) if w[0].isupper())
    for t in guide.terms.values():
        out.update(w for w in _WORD.findall(t.term) if w[0].isupper())
    return frozenset(out)


def running_text(guide: Guide, section_id: str, level: str) -> str:
    sec = guide.sections[section_id]
    parts = []
    for b in sec.blocks:
        if b.type not in ("paragraph", "callout") or level not in b.levels:
            continue
        value = b.text.at(level) if b.text else None
        if value:
            spans, _ = markup.parse(value)
            for s in markup.walk(spans):
                if s.kind == "term" and not s.children and s.ref in guide.terms:
                    s.children = [markup.Span("text", guide.terms[s.ref].term)]
            parts.append(markup.plain_text(spans))
    return "\n".join(parts)


@dataclass
class SectionStats:
    section: str
    level: str
    words: int
    grade: float
    questions: int

    @property
    def words_ok(self) -> bool:
        low, high = BANDS[self.level]
        return low <= self.words <= high

    @property
    def grade_ok(self) -> bool:
        low, high = GRADE_BANDS[self.level]
        return (low is None or self.grade >= low) and (high is None or self.grade <= high)


def section_stats(guide: Guide, levels=LEVELS, sections=None) -> list[SectionStats]:
    out = []
    names = guide_names(guide)
    for sid in sections or guide.order:
        sec = guide.sections.get(sid)
        if not sec:
            continue
        for level in levels:
            if level not in sec.levels:
                continue
            r = readability(running_text(guide, sid, level), names)
            nq = sum(1 for q in sec.questions if level in q.levels and q.text.at(level))
            out.append(SectionStats(sid, level, r.words, round(r.grade, 1), nq))
    return out
