"""The cache kept between runs (guide/filecache.py): what it gives back is what working it out gives, and
a missing, damaged, stale or unwritable cache changes nothing but the time taken."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(where))
    return where


def _content_words() -> list[str]:
    words = set()
    for f in (ROOT / "content").rglob("*.yaml"):
        words.update(re.findall(r"[A-Za-z][a-z]{3,}", f.read_text(encoding="utf-8")))
    return sorted(words)


def _fresh(lang: str, monkeypatch):
    """pyphen with no parsed dictionary in its store (as in a new process)."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    monkeypatch.setitem(pyphen.hdcache, path, None)
    del pyphen.hdcache[path]
    return path


@pytest.mark.parametrize("lang", ["en_US", "en_GB"])
def test_kept_patterns_hyphenate_every_word_as_pyphen_does(lang, cache_dir, monkeypatch):
    import pyphen
    from guide.typeset.hyphenation import dictionary

    words = _content_words()
    assert len(words) > 2000
    path = _fresh(lang, monkeypatch)
    own = pyphen.Pyphen(filename=path, left=2, right=3, cache=False)
    expected = [list(own.iterate(w)) for w in words]
    assert sum(map(len, expected)) > 2000

    _fresh(lang, monkeypatch)
    dictionary(lang, 2, 3)                          # parsed by pyphen, and kept
    assert list(cache_dir.glob("hyphenation-*.json"))

    _fresh(lang, monkeypatch)
    monkeypatch.setattr(pyphen.HyphDict, "__init__", lambda self, path: pytest.fail("parsed again"))
    kept = dictionary(lang, 2, 3)                   # read back from the cache
    assert kept.hd is not own.hd
    assert [list(kept.iterate(w)) for w in words] == expected


def test_a_damaged_or_stale_entry_is_made_again(cache_dir, monkeypatch):
    import pyphen
    from guide.filecache import _stamp, library
    from guide.typeset.hyphenation import dictionary

    path = _fresh("en_US", monkeypatch)
    expected = list(pyphen.Pyphen(filename=path, left=2, right=3, cache=False).iterate("hyphenation"))
    for damage in ("not json", "[1, 2]", '{"stamp": 1, "value": 2}', "stale", "shape"):
        _fresh("en_US", monkeypatch)        # (pyphen keeps what it parsed even with cache=False)
        dictionary("en_US", 2, 3)
        (entry,) = cache_dir.glob("hyphenation-*.json")
        kept = json.loads(entry.read_text())
        if damage == "stale":
            kept["stamp"]["size"] += 1
            entry.write_text(json.dumps(kept))
        elif damage == "shape":
            kept["value"]["patterns"] = {"ab": ["x", 3]}
            entry.write_text(json.dumps(kept))
        else:
            entry.write_text(damage)
        _fresh("en_US", monkeypatch)
        again = dictionary("en_US", 2, 3)
        assert list(again.iterate("hyphenation")) == expected, damage
        made = json.loads(entry.read_text())            # (made again, whole, with this file's stamp)
        assert made["stamp"] == _stamp(path, library("pyphen")), damage
        assert made["value"]["patterns"].get("ab") != ["x", 3], damage


def test_a_font_changed_in_place_is_read_again(cache_dir, tmp_path):
    from guide.font_coverage import font_chars

    fonts = ROOT / "fonts"
    target = tmp_path / "Font.ttf"
    shutil.copy(next(fonts.rglob("NotoSans-Regular.ttf")), target)
    noto = font_chars.__wrapped__(str(target))
    assert font_chars.__wrapped__(str(target)) == noto          # (now from the cache)
    shutil.copy(next(fonts.rglob("CharisSIL-Regular.ttf")), target)
    charis = font_chars.__wrapped__(str(target))
    assert charis != noto
    from fontTools.ttLib import TTFont
    with TTFont(str(target), lazy=True) as font:
        assert charis == frozenset(font.getBestCmap())


def test_no_cache_when_switched_off_or_unwritable(tmp_path, monkeypatch):
    from guide.font_coverage import font_chars

    font = str(next((ROOT / "fonts").rglob("NotoSans-Regular.ttf")))
    monkeypatch.setenv("GUIDE_CACHE_DIR", "off")
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    chars = font_chars.__wrapped__(font)
    assert not home.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(blocked / "cache"))      # (under a file: cannot be made)
    assert font_chars.__wrapped__(font) == chars
