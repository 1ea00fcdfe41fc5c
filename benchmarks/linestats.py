"""Line statistics of built editions (run outside pytest): the share of loose justified lines, the paragraphs
set ragged because of one, and the hyphenated line ends, per theme.

    python benchmarks/linestats.py [--themes classic,large-print,accessible] [--booklet]

A justified line is *loose* when its word spaces stretch past 1.5× their natural width (TeX's "loose" and
"very loose" fitness classes); "over" counts lines past `MAX_WORD_SPACE`, the limit that sets a paragraph
ragged; "tracked" the lines letter-spaced to stay within it (`guide/typeset/tracking.py`). Counted on the paragraphs as drawn (split parts included), last lines excluded.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.enums import TA_JUSTIFY  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from guide.build import build  # noqa: E402
from guide.typeset import flowables, tracking  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--themes", default="classic,large-print,accessible")
    ap.add_argument("--booklet", action="store_true")
    ap.add_argument("--edition", default=None)
    args = ap.parse_args()
    stats: dict = {}
    original = flowables.GuideParagraph.draw

    def draw(self):
        bl = self.blPara
        st = self.style
        if st.name.endswith("-ragged"):
            stats["ragged"] += 1
        elif st.alignment == TA_JUSTIFY and len(bl.lines) > 1:
            space = stringWidth(" ", st.fontName, st.fontSize)
            lines = bl.lines if getattr(self, "_JustifyLast", 0) else bl.lines[:-1]
            for line in lines:
                stats["lines"] += 1
                x = tracking.word_space_extra(line) / space      # (a letter-spaced line's gaps as printed)
                stats["tracked"] += tracking.track_of(line) > 0
                stats["loose"] += x > 0.5
                stats["over"] += x > flowables.MAX_WORD_SPACE - 1
                stats["max"] = max(stats["max"], round(x + 1, 2))
        return original(self)

    flowables.GuideParagraph.draw = draw
    with tempfile.TemporaryDirectory() as tmp:
        for theme in args.themes.split(","):
            stats.clear()
            stats.update(lines=0, loose=0, over=0, ragged=0, tracked=0, max=0)
            r = build(ROOT / "content", args.edition, theme=theme, booklet=args.booklet or None,
                      output=str(Path(tmp) / f"{theme}.pdf"), tagged=False)
            share = stats["loose"] / stats["lines"] if stats["lines"] else 0
            print(json.dumps({"theme": theme, "booklet": args.booklet, "pages": r.pages, **stats,
                              "loose_share": round(share, 4)}))


if __name__ == "__main__":
    main()
