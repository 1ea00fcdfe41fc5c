"""Python's garbage collector during a layout: what was alive before it (the modules, fonts, hyphenation
patterns, the content and the story to lay out) is set aside from its collections until the layout ends.

A layout makes hundreds of thousands of short-lived objects (ReportLab's fragments, words and lines), so
the collector runs often, and each of its full collections walked every object of the process, most of
them held for the whole build (the content, the story). `gc.freeze()` moves them to a permanent generation
that collections skip; `gc.unfreeze()` gives them back when the layout ends, so that a long-running process
(the studio) collects them as before (objects set aside that die meanwhile are freed at once as ever; only
a reference cycle among them waits for the end of the layout). Only the collector's work changes, never
what is laid out (benchmarks/hashes.py: byte-identical). Measured on the default edition: about a tenth
of the build's time.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_users = 0


@contextmanager
def alive_set_aside():
    """For the time of the `with` block (nested or concurrent layouts share it; the last one out ends it)."""
    global _users
    with _lock:
        if _users == 0:
            gc.freeze()
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.unfreeze()
