"""ReportLab, changed where guide needs it — in this module only, and only while `typeset()` lays out a PDF.

`installed()` checks ReportLab's version (the internals these changes replace are those of the versions in
`SUPPORTED`, which pyproject.toml pins), puts the changes in place for the time of one layout and takes them
out again, so importing `guide` (or `guide check`, which never loads ReportLab) changes nothing:

- the text operators of a paragraph (`PDFTextObject._textOut`, `paragraph._putFragLine`, `_drawBullet`), so
  that tagged text reads as written across line breaks and links, labels and Cyrillic runs get their own
  marked content (`_line_end_text`);
- the rejoining of a word split at a line end (`paragraph._shyUnsplit`), which took the hyphen off a head
  that had it in the text: a split paragraph's rest, broken again, printed "Five-Year" as "FiveYear";
- ReportLab's word splitting (`paragraph._hyphenateWord`, `_hyphenateFragWord`), taught to split a web
  address at the break opportunities `addresses` reads, where ReportLab would not split it (`_address_breaks`);
- the ToUnicode map of subset fonts (`ttfonts.makeToUnicodeCMap`), without the entries that map unused codes
  to U+0000 (`_to_unicode_cmap`).
"""
from __future__ import annotations

import re

from ..errors import GuideError
from . import addresses
from .shared import shared_while
from .structure import Elem

SUPPORTED = ("5.1",)        # ReportLab versions (major.minor) whose internals these changes are written for
PIN = "reportlab>=5.1,<5.2"


def check_version(version: str | None = None) -> None:
    """A clear message, not a traceback deep in ReportLab, when the installed ReportLab is not one of these."""
    if version is None:
        import reportlab
        version = reportlab.Version
    if ".".join(version.split(".")[:2]) not in SUPPORTED:
        raise GuideError(f"guide needs ReportLab {' or '.join(v + '.x' for v in SUPPORTED)}, but ReportLab "
                         f"{version} is installed: run pip install '{PIN}'")


_saved: list[tuple[object, str, object]] = []


def _install() -> None:
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    from .linebreak import width_of
    from .tracking import draw_changes

    changes = (_line_end_text() + _rejoin_keeps_hyphens() + _address_breaks()
               + [(ttfonts, "makeToUnicodeCMap", _to_unicode_cmap)]
               + draw_changes()         # a justified line's letter-spacing (`tracking`)
               + [(paragraph, "stringWidth", width_of)])   # words measured once per font and size
    for owner, name, _ in changes:
        if not hasattr(owner, name):
            raise GuideError(f"this ReportLab has no {getattr(owner, '__name__', owner)}.{name}, which guide "
                             f"changes: run pip install '{PIN}'")
    for owner, name, new in changes:
        _saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, new)


def _restore() -> None:
    while _saved:
        owner, name, old = _saved.pop()
        setattr(owner, name, old)


def _begin() -> None:
    check_version()
    _install()


# ReportLab with guide's changes, for the time of the `with` block (nested or concurrent layouts share them;
# the last one out takes them out)
installed = shared_while(_begin, _restore)


def _rejoin_keeps_hyphens() -> list:
    """ReportLab rejoins the pieces of a word it split (when the words of a split paragraph are broken
    again) with `_shyUnsplit(head, tail)`, which strips every "-" from the head's end. Where hyphenation
    added that hyphen, ReportLab has already taken it off before joining; what is left is the text's own
    ("Five-" + "Year", a web address split after a "-"), and it stays. Soft-hyphen strings keep ReportLab's
    handling (their heads carry the added hyphen in the text)."""
    from reportlab.platypus import paragraph as rp

    original = rp._shyUnsplit

    def _shyUnsplit(s, ss=None):
        if ss and not isinstance(s, (rp._SHYStr, rp._SHYIndexedStr)) and not hasattr(ss, "_shyIndices"):
            return str(s) + ss
        return original(s, ss)

    return [(rp, "_shyUnsplit", _shyUnsplit)]


def _address_breaks() -> list:
    """ReportLab's word splitting, which splits a word at a line's end only where its own rules allow, goes
    on to split a web address at its break opportunities (`addresses`), with no hyphen added."""
    from reportlab.platypus import paragraph as rp

    frag_word, word = rp._hyphenateFragWord, rp._hyphenateWord

    def _hyphenateFragWord(hyphenator, FW, newWidth, maxWidth, uriWasteReduce, embeddedHyphenation,
                           hymwl=rp.hyphenationMinWordLength):
        found = frag_word(hyphenator, FW, newWidth, maxWidth, uriWasteReduce, embeddedHyphenation, hymwl)
        if found or not uriWasteReduce or not FW[0]:
            return found
        return addresses._split_frag_word(FW, newWidth, maxWidth, uriWasteReduce)

    def _hyphenateWord(hyphenator, fontName, fontSize, w, ww, newWidth, maxWidth, uriWasteReduce,
                       embeddedHyphenation, hymwl=rp.hyphenationMinWordLength):
        found = word(hyphenator, fontName, fontSize, w, ww, newWidth, maxWidth, uriWasteReduce,
                     embeddedHyphenation, hymwl)
        if found or not uriWasteReduce or not ww:
            return found
        return addresses._split_word(w, fontName, fontSize, ww, newWidth, maxWidth, uriWasteReduce)

    return [(rp, "_hyphenateFragWord", _hyphenateFragWord), (rp, "_hyphenateWord", _hyphenateWord)]


def _link_of(frag):
    link = getattr(frag, "link", None) if frag is not None else None
    return tuple(link[0]) if link else None


def _line_end_text() -> list:
    """Make tagged text read as it is meant, across line breaks and inside a line.

    ReportLab writes no space where a line breaks, so extracted text runs words together ("copywas"). In
    tagged output each line that ends between words gets a trailing space (invisible at the line's end); a
    hyphen that hyphenation inserted is an artifact between two marked-content sequences of its element, so
    that "com-" + "manders" reads "commanders" to every reader (one that applies ActualText or not, one that
    follows the tags or not); a hyphen that was in the text itself ("Stalin-era") is kept. The words of a
    link are drawn in the marked content of its Link element, and every run of Cyrillic text in a Span of
    its own with /Lang ru. Splitting a string into several text operators does not move a glyph."""
    from reportlab.pdfgen.textobject import PDFTextObject
    from reportlab.platypus import paragraph as rp

    original = PDFTextObject._textOut

    def emit(tx, tagger, canv, text):
        """Show `text` in the element being drawn, each Cyrillic run in a Span with /Lang ru."""
        pos = 0
        for m in _CYRILLIC_RUN.finditer(text):
            if m.start() > pos:
                original(tx, text[pos:m.start()], 0)
            elem = tagger.current
            span = Elem("Span", elem, attrs={"lang": "ru"})
            elem.kids.append(span)
            tx._code.append(tagger.switch(canv, span))
            original(tx, m.group(), 0)
            tx._code.append(tagger.switch(canv, elem))
            pos = m.end()
        if pos < len(text):
            original(tx, text[pos:], 0)

    def _textOut(self, text, TStar=0):
        if "\u200b" in text:       # a zero-width break opportunity is for the layout, not for readers
            text = text.translate(_NOT_SHOWN)
        st = getattr(self, "_guide", None)
        canv = getattr(self, "_canvas", None)
        tagger = getattr(canv, "_guide_tagger", None)
        if st is None or tagger is None or tagger.artifact_depth or tagger.current is None or not tagger.drawing:
            return original(self, text, TStar)
        frag = st.calls.pop(0) if st.calls else None
        link = st.whole_link or _link_of(frag)
        base = tagger.drawing[-1]
        if text.strip():
            want = base.link(link) if link and base.role != "Link" else base
            if tagger.current is not want:
                self._code.append(tagger.switch(canv, want))
            st.hyphen_at = None
        end = st.end if TStar else None
        if TStar:
            st.line += 1
        hyphen = False
        if end == "space" and not text.endswith((" ", "\u00a0")):
            text += " "
        elif end == "hyphen" and text.endswith("-"):
            text, hyphen = text[:-1], True
        elif end == "hyphen" and not text and st.hyphen_at is not None and st.hyphen_elem is tagger.current:
            before, after = tagger.artifact_between(canv)     # the "-" drawn just before ended the line
            self._code[st.hyphen_at] = f"{before} {self._code[st.hyphen_at]} {after}"
        elif not TStar and st.end == "hyphen" and text.endswith("-"):
            emit(self, tagger, canv, text[:-1])       # perhaps the line's last text: known at the line's end
            st.hyphen_at, st.hyphen_elem = len(self._code), tagger.current
            return original(self, "-", 0)
        emit(self, tagger, canv, text)
        if hyphen:
            before, after = tagger.artifact_between(canv)
            self._code.append(before)
            original(self, "-", 0)
            self._code.append(after)
        if TStar:
            st.hyphen_at = None
            return original(self, "", TStar)


    put_line = rp._putFragLine

    def _putFragLine(cur_x, tx, line, last, pKind):
        st = getattr(tx, "_guide", None)
        if st is not None:      # the fragments whose text this line shows, in the order it shows them
            words = line.words
            st.calls = [f for f in words if not hasattr(f, "cbDefn") or f is words[-1]]
        return put_line(cur_x, tx, line, last, pKind)


    draw_bullet = rp._drawBullet

    def _drawBullet(canvas, offset, cur_y, bulletText, style, rtl):
        """A list item's label in a Lbl element of its own, followed by a space (a note's number too)."""
        tagger = getattr(canvas, "_guide_tagger", None)
        if tagger is None or tagger.artifact_depth or tagger.current is None or not isinstance(bulletText, str) \
                or style.bulletAnchor != "start" or rtl:
            return draw_bullet(canvas, offset, cur_y, bulletText, style, rtl)
        elem = tagger.current
        label = elem.label() if elem.role == "LBody" else elem
        if label is not elem:
            canvas.addLiteral(tagger.switch(canvas, label))
        draw_text = canvas.drawText

        def with_space(tx):         # the space is shown, but the label's end (which places the text) stays
            tx._code.append(tx._formatText(_LABEL_SPACE))
            return draw_text(tx)

        canvas.drawText = with_space
        try:
            return draw_bullet(canvas, offset, cur_y, bulletText, style, rtl)
        finally:
            del canvas.drawText
            if label is not elem:
                canvas.addLiteral(tagger.switch(canvas, elem))

    return [(PDFTextObject, "_textOut", _textOut), (rp, "_putFragLine", _putFragLine),
            (rp, "_drawBullet", _drawBullet)]


_LABEL_SPACE = " "                                  # after a list label or a note's number
_NOT_SHOWN = dict.fromkeys(map(ord, "\u200b"))      # laid out, never written into the PDF
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+(?:[\s\u00a0\-‐’']+[\u0400-\u04ff]+)*")


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode map for a subset font, without the entries that map unused codes to U+0000."""
    used = [(i, v) for i, v in enumerate(subset) if v]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        *([f"{len(used)} beginbfchar", *("<%02X> <%04X>" % (i, v) for i, v in used), "endbfchar"] if used else []),
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


