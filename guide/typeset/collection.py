"""Python's garbage collector during a layout: what was alive before it (the modules, the fonts and
hyphenation patterns, the content and its plan) is set aside from its collections until the layout ends.

A layout makes hundreds of thousands of short-lived objects (ReportLab's fragments, words and lines), so
the collector runs often, and each of its full collections walked every object of the process, most of
them held for the whole build. `gc.freeze()` moves them to a permanent generation that collections skip;
`gc.unfreeze()` gives them back when the layout ends, so that a long-running process (the studio) collects
them as before. The story of flowables is made after the freeze, not set aside: ReportLab drops each
flowable once it is drawn, and a cycle among frozen objects waits for the unfreeze (set aside, the story of
the content repeated 16 times held 150 MiB more at its peak, `benchmarks/bench.py` x16). Only the
collector's work changes, never what is laid out (benchmarks/hashes.py: byte-identical).
"""
from __future__ import annotations

import gc

from .shared import shared_while

# for the time of the `with` block (nested or concurrent layouts share it; the last one out ends it)
alive_set_aside = shared_while(gc.freeze, gc.unfreeze)
