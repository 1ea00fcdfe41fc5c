"""The floor for ReportLab on the guide's content: one layout pass with a bare SimpleDocTemplate.

It lays out the default edition's paragraphs, headings, boxes and tables, in the same fonts, sizes and
hyphenation, once — without contents, notes pages, page furniture, structure tags or a second pass.
Usage: python benchmarks/baseline.py CONTENT_DIR OUT.pdf (prints {"pages": N, "passes": 1}).
"""
import json
import sys
from pathlib import Path

from reportlab.platypus import SimpleDocTemplate

from guide.build import layout, load
from guide.resolve import resolve
from guide.select import find_edition, select
from guide.typeset.flowables import Marker
from guide.typeset.parts import Story


def main(content: str, out: str) -> None:
    guide, _ = load(Path(content))
    sel = select(guide, find_edition(guide, None))
    doc = resolve(sel)
    theme, pagesize = layout(sel)
    story = Story(doc, theme, pagesize)
    # no links: glossary terms are not linked and citations print as (Author year) instead of note links
    story.glossary_ids = set()
    plain = story.inline
    story.inline = lambda section=None, notes=True, link_terms=True: plain(None, False, False)
    flowables = []
    for sec in doc.sections:
        flowables += story.section(sec)
    flowables += story.chronology() + story.glossary() + story.people() + story.bibliography()
    flowables = [f for f in flowables if not isinstance(f, Marker)]
    template = SimpleDocTemplate(out, pagesize=pagesize, leftMargin=theme.margin_inner,
                                 rightMargin=theme.margin_outer, topMargin=theme.margin_top,
                                 bottomMargin=theme.margin_bottom)
    template.build(flowables)
    print(json.dumps({"pages": template.page, "passes": 1}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
