"""The fonts of a PDF, read with pikepdf: what the content-stream reader needs to turn codes into glyphs
(widths, ToUnicode, descent), and what the font checks need (embedded, subset, codes drawn as glyph 0)."""
from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pikepdf

SUBSET = re.compile(r"^[A-Z]{6}\+")
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def base_name(fontname: str) -> str:
    """The font name without its subset prefix."""
    return fontname.split("+", 1)[1] if SUBSET.match(fontname or "") else (fontname or "")


def family(fontname: str) -> str:
    return re.split(r"[-,]", base_name(fontname), maxsplit=1)[0]


@dataclass
class Font:
    """One font dictionary, as the reader uses it."""
    name: str
    two_byte: bool                      # Type0 (Identity-H): codes are two bytes
    widths: dict[int, float]            # code → width in text space units (1/1000 em)
    missing_width: float
    descent: float                      # in ems (negative below the baseline)
    tounicode: dict[int, str]
    embedded: bool
    type3: bool
    notdef_codes: set[int] = field(default_factory=set)   # codes whose glyph in the font's own cmap is 0
    cache: dict[int, tuple[str, float]] = field(default_factory=dict, repr=False)

    def glyph(self, code: int) -> tuple[str, float]:
        """(text, width in ems) of a code."""
        hit = self.cache.get(code)
        if hit is None:
            text = self.tounicode.get(code)
            if text is None:       # no Unicode for the code: as pdfminer, "(cid:N)" unless it reads as cp1252
                text = "" if self.two_byte else bytes([code]).decode("cp1252", errors="replace")
                if not text.isprintable() or text == "\ufffd":
                    text = f"(cid:{code})"
            if code in self.notdef_codes:
                text = "\x00"
            hit = self.cache[code] = (text, self.widths.get(code, self.missing_width) / 1000.0)
        return hit


def _utf16(hexdigits: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hexdigits).decode("ascii"))
    return raw.decode("utf-16-be", errors="replace") if raw else ""


def parse_tounicode(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.finditer(rb"beginbfchar(.*?)endbfchar", data, re.S):
        hexes = _HEX.findall(block.group(1))
        for src, dst in zip(hexes[0::2], hexes[1::2]):
            out[int(src, 16)] = _utf16(dst)
    for block in re.finditer(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block.group(1)):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if hi - lo > 0xFFFF:
                continue
            if dst.startswith(b"["):
                for i, d in enumerate(_HEX.findall(dst)):
                    out[lo + i] = _utf16(d)
            else:
                raw = bytes.fromhex(dst[1:-1].decode("ascii"))
                if not raw:
                    continue
                start = int.from_bytes(raw, "big")
                for i in range(hi - lo + 1):
                    try:
                        out[lo + i] = (start + i).to_bytes(len(raw), "big").decode("utf-16-be", errors="replace")
                    except OverflowError:
                        break
    return out


def truetype_cmaps(data: bytes) -> dict[tuple[int, int], dict[int, int]]:
    """The (platform, encoding) → {code: glyph} subtables of a TrueType font (formats 0, 4, 6 and 12)."""
    out: dict[tuple[int, int], dict[int, int]] = {}
    try:
        count = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(count):
            tag, _sum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
            tables[tag] = (offset, length)
        if b"cmap" not in tables:
            return out
        base = tables[b"cmap"][0]
        _version, n = struct.unpack(">HH", data[base: base + 4])
        for i in range(n):
            platform, encoding, sub = struct.unpack(">HHI", data[base + 4 + 8 * i: base + 12 + 8 * i])
            p = base + sub
            fmt = struct.unpack(">H", data[p: p + 2])[0]
            table: dict[int, int] = {}
            if fmt == 0:
                table = {c: g for c, g in enumerate(data[p + 6: p + 262])}
            elif fmt == 6:
                first, entries = struct.unpack(">HH", data[p + 6: p + 10])
                ids = struct.unpack(f">{entries}H", data[p + 10: p + 10 + 2 * entries])
                table = {first + i: g for i, g in enumerate(ids)}
            elif fmt == 4:
                segs = struct.unpack(">H", data[p + 6: p + 8])[0] // 2
                ends = struct.unpack(f">{segs}H", data[p + 14: p + 14 + 2 * segs])
                q = p + 16 + 2 * segs
                starts = struct.unpack(f">{segs}H", data[q: q + 2 * segs])
                deltas = struct.unpack(f">{segs}h", data[q + 2 * segs: q + 4 * segs])
                ro_pos = q + 4 * segs
                ranges = struct.unpack(f">{segs}H", data[ro_pos: ro_pos + 2 * segs])
                for s in range(segs):
                    if starts[s] == 0xFFFF:
                        continue
                    for c in range(starts[s], ends[s] + 1):
                        if ranges[s] == 0:
                            g = (c + deltas[s]) & 0xFFFF
                        else:
                            at = ro_pos + 2 * s + ranges[s] + 2 * (c - starts[s])
                            g = struct.unpack(">H", data[at: at + 2])[0]
                            g = (g + deltas[s]) & 0xFFFF if g else 0
                        table[c] = g
            elif fmt == 12:
                groups = struct.unpack(">I", data[p + 12: p + 16])[0]
                for k in range(min(groups, 10000)):
                    lo, hi, g = struct.unpack(">III", data[p + 16 + 12 * k: p + 28 + 12 * k])
                    if hi - lo <= 0xFFFF:
                        table.update({c: g + c - lo for c in range(lo, hi + 1)})
            else:
                continue
            out[(platform, encoding)] = table
    except (struct.error, IndexError, ValueError):
        return out
    return out


def _notdef_codes(font, desc, tounicode: dict[int, str]) -> set[int]:
    """Codes of a simple embedded TrueType font that map to glyph 0 in the font's own cmap."""
    if font.get("/Subtype") != "/TrueType" or desc is None or "/FontFile2" not in desc:
        return set()
    try:
        cmaps = truetype_cmaps(desc.FontFile2.read_bytes())
    except Exception:   # a damaged font stream: the structural check reports it
        return set()
    if not cmaps:
        return set()
    first = int(font.get("/FirstChar", 0))
    last = int(font.get("/LastChar", 255))
    out = set()
    for code in range(max(first, 1), min(last, 255) + 1):
        text = tounicode.get(code)
        if not text or not text.strip():
            continue
        if (1, 0) in cmaps:
            glyph = cmaps[(1, 0)].get(code, 0)
        elif (3, 0) in cmaps:
            glyph = cmaps[(3, 0)].get(0xF000 + code, cmaps[(3, 0)].get(code, 0))
        elif (3, 1) in cmaps and len(text) == 1:
            glyph = cmaps[(3, 1)].get(ord(text), 0)
        else:
            continue
        if glyph == 0:
            out.add(code)
    return out


STANDARD_WIDTHS = Path(__file__).with_name("standard14.json")


@lru_cache(maxsize=1)
def _standard_metrics() -> dict[str, list[float]]:
    """Advance widths (1/1000 em) of codes 32–255 of the 14 standard PDF fonts, which a PDF may use without
    carrying widths. A data file made from ReportLab's copy of Adobe's metrics (so the checker never loads
    ReportLab); tests/test_checkpdf.py holds it equal to ReportLab's."""
    return json.loads(STANDARD_WIDTHS.read_text(encoding="utf-8"))


def _standard_widths(name: str) -> tuple[dict[int, float], float]:
    """Widths of a standard 14 font that carries none."""
    widths = _standard_metrics().get(base_name(name))
    if widths is None:
        return {}, 500.0
    return {32 + i: w for i, w in enumerate(widths)}, 500.0


def read_font(obj) -> Font:
    name = str(obj.get("/BaseFont", "")).lstrip("/") or "(unnamed font)"
    subtype = obj.get("/Subtype")
    two_byte = subtype == "/Type0"
    desc = obj.get("/FontDescriptor")
    widths: dict[int, float] = {}
    missing = 0.0
    if two_byte:
        kids = obj.get("/DescendantFonts")
        kid = kids[0] if kids is not None and len(kids) else None
        if kid is not None:
            desc = kid.get("/FontDescriptor")
            missing = float(kid.get("/DW", 1000))
            w = kid.get("/W")
            items = list(w) if w is not None else []
            i = 0
            while i + 1 < len(items):
                first = int(items[i])
                if isinstance(items[i + 1], pikepdf.Array):
                    for k, v in enumerate(items[i + 1]):
                        widths[first + k] = float(v)
                    i += 2
                elif i + 2 < len(items):
                    for c in range(first, int(items[i + 1]) + 1):
                        widths[c] = float(items[i + 2])
                    i += 3
                else:
                    break
    elif "/Widths" in obj:
        first = int(obj.get("/FirstChar", 0))
        widths = {first + k: float(v) for k, v in enumerate(obj.Widths)}
    elif subtype != "/Type3":
        widths, missing = _standard_widths(name)
    if desc is not None:
        missing = float(desc.get("/MissingWidth", missing)) if not two_byte else missing
        descent = float(desc.get("/Descent", 0)) / 1000.0
    else:
        descent = -0.2 if subtype != "/Type3" else 0.0
    tounicode: dict[int, str] = {}
    if "/ToUnicode" in obj:
        try:
            tounicode = parse_tounicode(obj.ToUnicode.read_bytes())
        except Exception:
            tounicode = {}
    embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    font = Font(name, two_byte, widths, missing, descent, tounicode, embedded, subtype == "/Type3")
    font.notdef_codes = _notdef_codes(obj, desc, tounicode)
    return font


class FontTable:
    """Every font met in the pages' resources, read once per font dictionary, by object number."""

    def __init__(self):
        self.by_obj: dict[tuple, Font] = {}
        self.first_page: dict[str, int] = {}

    def get(self, obj, page: int) -> Font:
        key = obj.objgen if obj.is_indirect else ("direct", id(obj))
        font = self.by_obj.get(key)
        if font is None:
            font = self.by_obj[key] = read_font(obj)
            self.first_page.setdefault(font.name, page)
        return font

    def problems(self) -> list[tuple[int, str, str]]:
        """(first page, check, message) for fonts not embedded or not subset."""
        out = []
        seen: dict[str, list[Font]] = {}
        for f in self.by_obj.values():
            seen.setdefault(f.name, []).append(f)
        for name, fonts in seen.items():
            if all(f.type3 for f in fonts):
                continue
            page = self.first_page.get(name, 1)
            if not all(f.embedded for f in fonts):
                out.append((page, "font-embedding", f"the font {name} is not embedded (first used on page {page})"))
            if not SUBSET.match(name):
                out.append((page, "font-subset", f"the font {name} is not subset (its name lacks the ABCDEF+ "
                                                 f"prefix; first used on page {page})"))
        return out
