"""Reading a page: its content stream interpreted directly (pikepdf opens the file and inflates the streams;
the operators are tokenised here), giving every glyph with its box, font, size and fill colour, and every
painted path or image with its box once clipping is applied.

Only what a layout check needs is interpreted: the graphics state (q Q cm, clipping by the bounding box of
the clipping path), the text state and text-showing operators, fill colours, paths, images and form
XObjects, and marked content (an MCID for the structure tree, /Artifact). Shadings, patterns, Type 3 glyph
procedures and blend modes are not. A glyph's box follows pdfminer's convention, so the numbers match what
pdfplumber would report: from the origin to the origin plus the advance, and from the baseline plus the
font's descent up one font size; the baseline is the origin's, without text rise.
"""
from __future__ import annotations

import re

import pikepdf

from .drawn import IDENTITY, Glyph, Graphic, PageContent, bbox, darkness, meet, mul
from .fonts import Font, FontTable

_TOKEN = re.compile(
    rb"\s*(?:"
    rb"(?P<num>[-+]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<name>/[^\s/\[\]()<>{}%]*)"
    rb"|(?P<str>\()"
    rb"|(?P<dict><<|>>)"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)"
    rb"|(?P<arr>[\[\]])"
    rb"|(?P<op>[A-Za-z'\"*][A-Za-z0-9'\"*]*)"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<other>[{}]|\S)"
    rb")", re.S)
_PAREN = re.compile(rb"[()\\]")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\r\n": b"", b"\n": b"", b"\r": b""}


def _unescape(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw

    def one(m):
        s = m.group(1)
        if s[:1].isdigit():
            return bytes([int(s, 8) & 0xFF])
        return _ESCAPES.get(s, s)
    return _ESCAPE.sub(one, raw)


_PAINT = {b"S": False, b"s": False, b"f": True, b"F": True, b"f*": True, b"B": True, b"B*": True, b"b": True,
          b"b*": True}
_MAX_DEPTH = 6                  # form XObjects inside form XObjects read at most this deep
MAX_PAGE_CONTENT = 32 * 2**20    # bytes of content stream one page may have (a guide's pages have ~50 KB)
MAX_FORM_DRAWS = 5000            # form XObjects one page may draw (a guide's pages draw a few)


class _Interpreter:
    def __init__(self, fonts: FontTable, page_no: int):
        self.fonts = fonts
        self.page_no = page_no
        self.glyphs: list[Glyph] = []
        self.graphics: list[Graphic] = []
        self.spent = 0
        self.forms = 0
        self.form_data: dict = {}

    def resources_fonts(self, resources) -> dict:
        out = {}
        if resources is None:
            return out
        fonts = resources.get("/Font")
        if fonts is not None:
            for key, obj in fonts.items():
                try:
                    out[key.encode("latin-1")] = self.fonts.get(obj, self.page_no)
                except Exception:      # a damaged font: the structural check reports the file
                    continue
        return out

    def run(self, data: bytes, resources, ctm, clip, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            return
        self.spent += len(data)      # forms drawn many times count each time (no "billion laughs")
        if self.spent > MAX_PAGE_CONTENT:
            raise ValueError(f"page {self.page_no} draws more than {MAX_PAGE_CONTENT // 2**20} MB of content, "
                             "more than a page of a guide could need")
        fonts = self.resources_fonts(resources)
        xobjects = resources.get("/XObject") if resources is not None else None
        glyphs, graphics = self.glyphs, self.graphics
        stack: list = []
        operands: list = []
        arrays: list[list] = []
        in_dict = 0
        dict_items: list = []
        marked: list[tuple[bytes, int | None]] = []
        mcid, artifact = None, False
        # graphics and text state
        fill = 1.0 - 0.0      # black
        font: Font | None = None
        size = 0.0
        tc = tw = rise = 0.0
        th = 1.0
        tl = 0.0
        tr = 0
        tm = lm = IDENTITY
        points: list = []
        kinds: set = set()
        pending_clip = False
        pos, end = 0, len(data)
        match = _TOKEN.match
        while pos < end:
            m = match(data, pos)
            if m is None:
                break
            pos = m.end()
            kind = m.lastgroup
            if kind is None:
                break
            tok = m.group(kind)
            if kind == "num":
                val = float(tok)
                (arrays[-1] if arrays else dict_items if in_dict else operands).append(val)
                continue
            if kind == "str":          # a literal string: balanced parentheses, backslash escapes
                start, depth = pos, 1
                while depth:
                    m = _PAREN.search(data, pos)
                    if m is None:
                        pos = end
                        break
                    pos = m.end()
                    c = data[pos - 1]
                    if c == 0x5C:       # backslash: skip the escaped byte
                        pos += 1
                    elif c == 0x28:
                        depth += 1
                    else:
                        depth -= 1
                val = _unescape(data[start:pos - 1] if depth == 0 else data[start:pos])
                (arrays[-1] if arrays else dict_items if in_dict else operands).append(val)
                continue
            if kind == "name":
                (arrays[-1] if arrays else dict_items if in_dict else operands).append(tok)
                continue
            if kind == "hex":
                digits = re.sub(rb"\s", b"", tok[1:-1])
                if len(digits) % 2:
                    digits += b"0"
                val = bytes.fromhex(digits.decode("ascii"))
                (arrays[-1] if arrays else dict_items if in_dict else operands).append(val)
                continue
            if kind == "arr":
                if tok == b"[":
                    arrays.append([])
                elif arrays:
                    done = arrays.pop()
                    (arrays[-1] if arrays else dict_items if in_dict else operands).append(done)
                continue
            if kind == "dict":
                if tok == b"<<":
                    if in_dict == 0:
                        dict_items = []
                    in_dict += 1
                else:
                    in_dict = max(0, in_dict - 1)
                    if in_dict == 0:
                        d = {}
                        for k in range(0, len(dict_items) - 1, 2):
                            if isinstance(dict_items[k], bytes) and dict_items[k].startswith(b"/"):
                                d[dict_items[k]] = dict_items[k + 1]
                        operands.append(d)
                continue
            if kind != "op":
                continue
            op = tok
            if in_dict or arrays:   # a keyword inside an array or dictionary (true, false, null)
                (arrays[-1] if arrays else dict_items).append(op)
                continue
            args, operands = operands, []
            # -- text showing (the hot path) --
            if op == b"Tj" or op == b"TJ" or op == b"'" or op == b'"':
                if op == b"'":
                    lm = tm = (lm[0], lm[1], lm[2], lm[3], lm[4] - tl * lm[2], lm[5] - tl * lm[3])
                elif op == b'"':
                    if len(args) >= 3:
                        tw, tc = float(args[0]), float(args[1])
                    lm = tm = (lm[0], lm[1], lm[2], lm[3], lm[4] - tl * lm[2], lm[5] - tl * lm[3])
                if font is None or not args:
                    continue
                seq = args[-1] if op == b"TJ" else [args[-1]]
                if not isinstance(seq, list):
                    continue
                mtx = mul(tm, ctm)
                a, b, c, d, e, f = mtx
                upright = abs(b) < 1e-9 and abs(c) < 1e-9
                usize = round(size * abs(d), 2)
                x = 0.0
                lo = rise + font.descent * size
                hi = lo + size
                invisible = tr == 3 or tr == 7
                two = font.two_byte
                glyph = font.glyph
                for item in seq:
                    if not isinstance(item, bytes):
                        if isinstance(item, float):
                            x -= item * 0.001 * size * th
                        continue
                    codes = ([(item[i] << 8) | item[i + 1] for i in range(0, len(item) - 1, 2)] if two
                             else item)
                    for code in codes:
                        text, w = glyph(code)
                        adv = w * size * th
                        if not invisible:
                            if upright:
                                gx0, gx1 = a * x + e, a * (x + adv) + e
                                if gx0 > gx1:
                                    gx0, gx1 = gx1, gx0
                                gy0, gy1 = d * lo + f, d * hi + f
                                if gy0 > gy1:
                                    gy0, gy1 = gy1, gy0
                                gsize = usize
                                base = f
                            else:
                                box = bbox(((x, lo), (x + adv, hi), (x, hi), (x + adv, lo)), mtx)
                                gx0, gy0, gx1, gy1 = box
                                gsize = round(size * (b * b + d * d) ** 0.5, 2)
                                base = b * x + f
                            glyphs.append(Glyph(text, font.name, gsize, gx0, gx1, gy0, gy1, base,
                                                adv * abs(a) if upright else adv, upright, fill, mcid, artifact))
                        x += adv + tc * th
                        if code == 32 and not two:
                            x += tw * th
                tm = (tm[0], tm[1], tm[2], tm[3], tm[4] + x * tm[0], tm[5] + x * tm[1])
                continue
            if op == b"Tf":
                if len(args) >= 2:
                    font = fonts.get(args[0]) if isinstance(args[0], bytes) else None
                    if font is None and isinstance(args[0], bytes):
                        font = self._font_named(resources, args[0])
                        if font is not None:
                            fonts[args[0]] = font
                    size = float(args[1])
            elif op == b"Tm":
                if len(args) == 6:
                    lm = tm = tuple(float(v) for v in args)
            elif op == b"Td" or op == b"TD":
                if len(args) == 2:
                    tx, ty = float(args[0]), float(args[1])
                    if op == b"TD":
                        tl = -ty
                    lm = tm = (lm[0], lm[1], lm[2], lm[3], lm[4] + tx * lm[0] + ty * lm[2],
                               lm[5] + tx * lm[1] + ty * lm[3])
            elif op == b"T*":
                lm = tm = (lm[0], lm[1], lm[2], lm[3], lm[4] - tl * lm[2], lm[5] - tl * lm[3])
            elif op == b"TL":
                tl = float(args[0]) if args else tl
            elif op == b"Tc":
                tc = float(args[0]) if args else tc
            elif op == b"Tw":
                tw = float(args[0]) if args else tw
            elif op == b"Tz":
                th = float(args[0]) / 100.0 if args else th
            elif op == b"Ts":
                rise = float(args[0]) if args else rise
            elif op == b"Tr":
                tr = int(args[0]) if args else tr
            elif op == b"BT":
                lm = tm = IDENTITY
            elif op == b"ET":
                pass
            # -- colour --
            elif op in (b"rg", b"g", b"k"):
                nums = [v for v in args if isinstance(v, float)]
                if nums:
                    fill = darkness(nums)
            elif op in (b"sc", b"scn"):
                nums = [v for v in args if isinstance(v, float)]
                if nums and len(nums) in (1, 3, 4):
                    fill = darkness(nums)
            elif op == b"cs":
                fill = 1.0
            # -- marked content --
            elif op == b"BDC" or op == b"BMC":
                tag = args[0] if args and isinstance(args[0], bytes) else b""
                props = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
                mc = props.get(b"/MCID")
                marked.append((tag, int(mc) if isinstance(mc, float) else None))
                mcid = next((k for _, k in reversed(marked) if k is not None), None)
                artifact = any(t == b"/Artifact" for t, _ in marked)
            elif op == b"EMC":
                if marked:
                    marked.pop()
                mcid = next((k for _, k in reversed(marked) if k is not None), None)
                artifact = any(t == b"/Artifact" for t, _ in marked)
            # -- graphics state --
            elif op == b"q":
                stack.append((ctm, clip, fill, font, size, tc, tw, th, tl, rise, tr))
            elif op == b"Q":
                if stack:
                    ctm, clip, fill, font, size, tc, tw, th, tl, rise, tr = stack.pop()
            elif op == b"cm":
                if len(args) == 6:
                    ctm = mul(tuple(float(v) for v in args), ctm)
            # -- paths --
            elif op == b"re":
                if len(args) == 4:
                    x, y, w, h = (float(v) for v in args)
                    points += [(x, y), (x + w, y + h)]
                    kinds.add(op)
            elif op == b"m" or op == b"l":
                if len(args) == 2:
                    points.append((float(args[0]), float(args[1])))
                    kinds.add(op)
            elif op in (b"c", b"v", b"y"):
                vals = [float(v) for v in args if isinstance(v, float)]
                points += list(zip(vals[0::2], vals[1::2]))
                kinds.add(b"c")
            elif op == b"h":
                pass
            elif op == b"W" or op == b"W*":
                pending_clip = True
            elif op in _PAINT or op == b"n":
                box = bbox(points, ctm)
                if pending_clip:
                    clip = meet(clip, box)
                    pending_clip = False
                if op != b"n" and box is not None:
                    seen = meet(box, clip)
                    if seen[0] <= seen[2] and seen[1] <= seen[3]:
                        what = ("rectangle" if kinds == {b"re"} else "curve" if b"c" in kinds
                                else "line" if kinds <= {b"m", b"l"} else "path")
                        graphics.append(Graphic(what, *seen, filled=_PAINT[op], dark=fill))
                points = []
                kinds = set()
            # -- external objects --
            elif op == b"Do":
                if not args or xobjects is None:
                    continue
                xo = xobjects.get(args[0].decode("latin-1"))
                if xo is None:
                    continue
                sub = xo.get("/Subtype")
                if sub == "/Image":
                    box = meet(bbox(((0, 0), (1, 1), (0, 1), (1, 0)), ctm), clip)
                    if box[0] <= box[2] and box[1] <= box[3]:
                        graphics.append(Graphic("image", *box, filled=True))
                elif sub == "/Form":
                    mat = tuple(float(v) for v in xo.get("/Matrix", IDENTITY))
                    inner = mul(mat, ctm)
                    bb = xo.get("/BBox")
                    inner_clip = clip
                    if bb is not None:
                        x0, y0, x1, y1 = (float(v) for v in bb)
                        inner_clip = meet(clip, bbox(((x0, y0), (x1, y1), (x0, y1), (x1, y0)), inner))
                    self.forms += 1
                    if self.forms > MAX_FORM_DRAWS:
                        raise ValueError(f"page {self.page_no} draws more than {MAX_FORM_DRAWS:,} forms, more "
                                         "than a page of a guide could need")
                    key = xo.objgen
                    inner_data = self.form_data.get(key)
                    if inner_data is None:
                        try:
                            inner_data = self.form_data[key] = xo.read_bytes()
                        except pikepdf.PdfError:
                            continue
                    self.run(inner_data, xo.get("/Resources", resources), inner, inner_clip, depth + 1)
            elif op == b"BI":
                at = data.find(b"ID", pos)
                stop = data.find(b"EI", at + 2) if at >= 0 else -1
                pos = end if stop < 0 else stop + 2
            # anything else (gs, d, w, J, j, M, ri, i, sh, d0, d1, MP, DP, BX, EX…) changes nothing read here

    def _font_named(self, resources, key: bytes):
        try:
            obj = resources.Font.get(key.decode("latin-1"))
        except (AttributeError, KeyError):
            return None
        return self.fonts.get(obj, self.page_no) if obj is not None else None


def page_content(page: pikepdf.Page, page_no: int, fonts: FontTable) -> PageContent:
    """Everything drawn on one page."""
    box = [float(v) for v in page.mediabox]
    width, height = box[2] - box[0], box[3] - box[1]
    interp = _Interpreter(fonts, page_no)
    contents = page.obj.get("/Contents")
    if contents is not None:
        if isinstance(contents, pikepdf.Array):
            data = b"\n".join(c.read_bytes() for c in contents)
        else:
            data = contents.read_bytes()
        ctm = IDENTITY if not (box[0] or box[1]) else (1.0, 0.0, 0.0, 1.0, -box[0], -box[1])
        interp.run(data, page.obj.get("/Resources"), ctm, None)
    sp = page.obj.get("/StructParents")
    return PageContent(width, height, interp.glyphs, interp.graphics, int(sp) if sp is not None else None)
