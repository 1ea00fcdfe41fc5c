"""The floor for ReportLab on the guide's content: one layout pass with a bare SimpleDocTemplate.

It lays out the default edition's paragraphs, headings, boxes and tables, in the same fonts, sizes and
hyphenation, once — without contents, notes pages, page furniture, structure tags or a second pass.
Usage: python benchmarks/baseline.py CONTENT_DIR OUT.pdf (prints {"pages": N, "passes": 1}).
"""
import json
import sys
from pathlib import Path

from reportlab.platypus import SimpleDocTemplate

from guide.build import load, look_and_layout
from guide.plan import guide_plan
from guide.resolve import resolve
from guide.select import find_edition, select
from guide.typeset.flowables import Marker
from guide.typeset.parts import PARTS
from guide.typeset.story import Renderer

KINDS = ("section", "chronology", "glossary", "people", "bibliography")


def main(content: str, out: str) -> None:
    guide, _ = load(Path(content))
    sel = select(guide, find_edition(guide, None))
    doc = resolve(sel)
    theme, page = look_and_layout(sel)
    plan = guide_plan(doc, page)
    story = Renderer(plan, theme)
    # no links: glossary terms are not linked and citations print as (Author year) instead of note links
    story.glossary_ids = set()
    plain = story.inline
    story.inline = lambda section=None, notes=True, link_terms=True: plain(None, False, False)
    flowables = []
    for part in plan.parts:
        if part.kind in KINDS:
            flowables += PARTS[part.kind](story, part)
    flowables = [f for f in flowables if not isinstance(f, Marker)]
    template = SimpleDocTemplate(out, pagesize=page.pagesize, leftMargin=page.margin_inner,
                                 rightMargin=page.margin_outer, topMargin=page.margin_top,
                                 bottomMargin=page.margin_bottom)
    template.build(flowables)
    print(json.dumps({"pages": template.page, "passes": 1}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
