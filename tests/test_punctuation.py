"""One punctuation convention in the shipped content: American (Chicago) style, commas and full stops inside
closing quotation marks ("the “Right.”", not "the “Right”.") in the body, glossary, chronology, people and
sources alike."""
from __future__ import annotations

import re

from conftest import CONTENT

OUTSIDE = re.compile(r"”[.,]")


def test_commas_and_full_stops_go_inside_closing_quotes():
    found = [f"{path.relative_to(CONTENT)}:{n}: {line.strip()[:80]}"
             for path in sorted(CONTENT.rglob("*.yaml"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert found == [], "\n".join(found)


def test_the_check_sees_the_other_convention():
    assert OUTSIDE.search("the leaders of the “Right”.") and not OUTSIDE.search("the leaders of the “Right.”")
