"""pyphen's hyphenation dictionaries, their patterns kept between runs (`filecache`).

pyphen parses a dictionary's patterns (about 14,000 for each English one) every time a process first asks
for it, which takes longer than reading them back from JSON. Here the parsed patterns are kept, and put in
pyphen's own store of parsed dictionaries (`pyphen.hdcache`) before the `Pyphen` object is made, so pyphen
finds them and hyphenates exactly as if it had parsed the file (tests/test_filecache.py compares both on
every word of the shipped content). A dictionary with nonstandard hyphenation (a pattern like
"ff/f=f"), or a pyphen whose store is not where this expects, is parsed by pyphen as usual.
"""
from __future__ import annotations

from ..filecache import cached

_DIGITS = bytes.maketrans(b"0123456789", bytes(range(10)))


def dictionary(lang: str, left: int, right: int):
    """`pyphen.Pyphen(lang=lang, left=left, right=right)`, its patterns read from the cache when kept."""
    import pyphen

    try:
        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        store = pyphen.hdcache
        if path not in store:
            parsed = cached("hyphenation", path, "pyphen", lambda: _patterns(pyphen.HyphDict(path)), _read)
            if parsed is not None:
                store[path] = parsed
    except (AttributeError, KeyError, TypeError, OSError):
        pass
    return pyphen.Pyphen(lang=lang, left=left, right=right)


def _patterns(hd) -> dict | None:
    """A parsed dictionary as JSON: each pattern's start and its digits as a string ("2n1" is [0, "21"]…);
    None when a value carries nonstandard hyphenation, which this does not keep."""
    out = {}
    for key, (start, values) in hd.patterns.items():
        if any(getattr(v, "data", None) is not None or not 0 <= v <= 9 for v in values):
            return None
        out[key] = [start, "".join(map(str, values))]
    return {"maxlen": hd.maxlen, "patterns": out}


def _read(value):
    """A `pyphen.HyphDict` made from the JSON of `_patterns` (None for a dictionary it did not keep)."""
    import pyphen

    if value is None:
        return None
    patterns = {key: (start, tuple(digits.encode("ascii").translate(_DIGITS)))
                for key, (start, digits) in value["patterns"].items()}
    if not all(isinstance(k, str) and type(s) is int for k, (s, _) in patterns.items()):
        raise TypeError("not hyphenation patterns")
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hd.patterns, hd.cache, hd.maxlen = patterns, {}, int(value["maxlen"])
    return hd
