"""The garbage collector during a layout (guide/typeset/collection.py): what was alive before is set aside
while the layout runs and given back after it, nested or not, and after a failed layout too."""
from __future__ import annotations

import gc

import pytest


def test_set_aside_during_the_layout_and_given_back():
    from guide.typeset import collection

    assert gc.get_freeze_count() == 0
    with collection.alive_set_aside():
        frozen = gc.get_freeze_count()
        assert frozen > 1000
        with collection.alive_set_aside():          # a nested layout shares it
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_nothing_set_aside(mini, tmp_path, monkeypatch):
    """(A long-running studio must collect its old content and stories as before.)"""
    import guide.typeset as typeset
    from guide.build import build

    seen = []
    real = typeset._laid_out

    def laid_out(*args):
        seen.append(gc.get_freeze_count())         # (during the layout)
        return real(*args)

    monkeypatch.setattr(typeset, "_laid_out", laid_out)
    build(mini, "high", output=str(tmp_path / "a.pdf"))
    assert seen and seen[0] > 1000
    assert gc.get_freeze_count() == 0


def test_given_back_when_the_layout_fails():
    from guide.typeset import collection

    with pytest.raises(RuntimeError):
        with collection.alive_set_aside():
            raise RuntimeError("layout failed")
    assert gc.get_freeze_count() == 0
