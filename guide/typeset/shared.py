"""A change to the whole process that layouts share: made when the first layout begins, undone when the last
one ends (nested or concurrent layouts, as the studio runs them). Used for ReportLab's patches
(`reportlab_patches.installed`) and the garbage collector's set-aside (`collection.alive_set_aside`)."""
from __future__ import annotations

import contextlib
import threading
from typing import Callable


def shared_while(begin: Callable[[], None], end: Callable[[], None]):
    """A context manager: `begin()` when the first user enters, `end()` when the last one leaves. If
    `begin()` raises, nobody has entered and the error goes to the caller."""
    lock = threading.Lock()
    users = 0

    @contextlib.contextmanager
    def shared():
        nonlocal users
        with lock:
            if users == 0:
                begin()
            users += 1
        try:
            yield
        finally:
            with lock:
                users -= 1
                if users == 0:
                    end()

    return shared
