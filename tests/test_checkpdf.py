"""The PDF layout checker: it runs on a built guide, and each of its checks bites on a PDF broken on purpose.

The broken PDFs are drawn directly with ReportLab's canvas, in the guide's own fonts (Charis SIL for the body,
Noto Sans Bold for headings) on US Letter with the type area 72 72 540 720 recorded as the builder records it.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NumberObject
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from guide.checkpdf import MAX_WORD_SPACE, Finding, check_pdf, format_report
from guide.theme import font_dir

ROOT = Path(__file__).resolve().parent.parent
W, H = 612.0, 792.0
LEFT, BOTTOM, RIGHT, TOP = 72.0, 72.0, 540.0, 720.0
MEASURE = RIGHT - LEFT
SIZE, LEAD = 10.5, 14.5
SERIF, SANS, SANS_BOLD = "chk-serif", "chk-sans", "chk-sans-bold"
FIRST = TOP - SIZE          # the first baseline in the frame

for name, file in ((SERIF, "CharisSIL-Regular.ttf"), (SANS, "NotoSans-Regular.ttf"),
                   (SANS_BOLD, "NotoSans-Bold.ttf")):
    pdfmetrics.registerFont(TTFont(name, str(font_dir() / file)))

PROSE = (
    "The committee met again in the spring and heard the reports of the regional officials, who described the "
    "harvest, the arrests and the mood of the villages in careful words. Nobody asked what the numbers meant, "
    "and nobody wrote down the questions that were not asked. In the autumn the same officials returned with "
    "new figures, larger than before, and the committee thanked them for their vigilance and sent them home "
    "with instructions to do better. Historians who later read the minutes noticed how little was said and how "
    "much was decided in the silences between the reports. "
)


FILLERS = ("the", "and", "of", "a")


def words(n_lines: int, seed: int = 0) -> list[list[str]]:
    """Enough prose for `n_lines` lines of the measure, broken greedily into lines of words."""
    pool = (PROSE * (n_lines // 4 + 3)).split()
    pool = pool[seed % 17:]
    space = pdfmetrics.stringWidth(" ", SERIF, SIZE)
    lines, cur, width = [], [], 0.0
    for w in pool:
        ww = pdfmetrics.stringWidth(w, SERIF, SIZE)
        if cur and width + space + ww > MEASURE:
            for filler in FILLERS:      # short words close the line up, so that justification stretches little
                fw = pdfmetrics.stringWidth(filler, SERIF, SIZE)
                while width + space + fw <= MEASURE:
                    cur.append(filler)
                    width += space + fw
            lines.append(cur)
            if len(lines) == n_lines:
                break
            cur, width = [], 0.0
        width = width + space + ww if cur else ww
        cur.append(w)
    return lines


class Doc:
    """A letter-size PDF drawn line by line, with running head and footer in the furniture zones."""

    def __init__(self, path: Path, type_area: bool = True):
        self.path = path
        self.type_area = type_area
        self.c = canvas.Canvas(str(path), pagesize=(W, H), initialFontName=SERIF, initialFontSize=SIZE)
        self.page = 1

    def furniture(self, head: str = "A SECTION"):
        c = self.c
        c.setFont(SANS, 8)
        if head:
            c.drawString(LEFT, 756, head)
        c.drawRightString(RIGHT, 54, f"Page {self.page}")

    def text(self, x, y, s, font=SERIF, size=SIZE):
        self.c.setFont(font, size)
        self.c.drawString(x, y, s)

    def line(self, y, ws: list[str], justify: bool = True, gap: float | None = None):
        """One line of words; justified lines end exactly at the right edge of the frame."""
        c = self.c
        c.setFont(SERIF, SIZE)
        space = pdfmetrics.stringWidth(" ", SERIF, SIZE)
        widths = [pdfmetrics.stringWidth(w, SERIF, SIZE) for w in ws]
        extra = 0.0
        if gap is not None:
            extra = gap - space
        elif justify and len(ws) > 1:
            extra = (MEASURE - sum(widths) - space * (len(ws) - 1)) / (len(ws) - 1)
        x = LEFT
        for i, (w, ww) in enumerate(zip(ws, widths)):
            c.drawString(x, y, w + (" " if i < len(ws) - 1 else ""))
            x += ww + space + extra

    def paragraph(self, y, lines: list[list[str]], ends: bool = True) -> float:
        """Justified lines from baseline y down; the last is set ragged if the paragraph ends here. Returns the
        baseline below the last line."""
        for i, ws in enumerate(lines):
            self.line(y, ws, justify=not (ends and i == len(lines) - 1))
            y -= LEAD
        return y

    def heading(self, y, s, size=13.0):
        self.text(LEFT, y, s, SANS_BOLD, size)

    def next_page(self):
        self.c.showPage()
        self.page += 1

    def save(self, **info) -> Path:
        self.c.save()
        reader = PdfReader(str(self.path))
        writer = PdfWriter(clone_from=reader)
        meta = {}
        if self.type_area:
            meta = {"/GuideTypeArea": f"{LEFT:.2f} {BOTTOM:.2f} {RIGHT:.2f} {TOP:.2f}",
                    "/GuideFurniture": "54.00 756.00"}
        meta.update({f"/{k}": v for k, v in info.items()})
        if meta:
            writer.add_metadata(meta)
        with open(self.path, "wb") as fh:
            writer.write(fh)
        return self.path


def checks(findings: list[Finding]) -> set[str]:
    return {f.check for f in findings}


def of(findings: list[Finding], check: str) -> list[Finding]:
    return [f for f in findings if f.check == check]


def full_page(doc: Doc, seed: int = 0) -> None:
    """A page of body text: paragraphs separated by half a line, filling the frame."""
    doc.furniture()
    y = FIRST
    k = 0
    while y - 5 * LEAD > BOTTOM:
        y = doc.paragraph(y, words(4, seed + k)) - LEAD * 0.5
        k += 1


# -- the built guide ---------------------------------------------------------------------------------------------


def test_checker_runs_on_the_fixture_guide(mini_build):
    result = mini_build
    findings = check_pdf(result.path)
    assert isinstance(findings, list)
    assert all(isinstance(f, Finding) and isinstance(f.check, str) and f.message for f in findings)
    assert all(f.page is None or 1 <= f.page <= result.pages for f in findings)
    report = format_report(result.path, findings)
    assert "type area from the PDF (/GuideTypeArea" in report
    assert re.search(r"(\d+ findings?|no findings)$", report)
    print(report)


def test_a_clean_page_has_no_findings(tmp_path):
    doc = Doc(tmp_path / "clean.pdf")
    full_page(doc)
    doc.next_page()
    full_page(doc, seed=5)
    assert check_pdf(doc.save()) == []
    assert format_report(doc.path, []).endswith("no findings")


# -- 1. the type area ----------------------------------------------------------------------------------------------


def test_text_off_the_page(tmp_path):
    doc = Doc(tmp_path / "off.pdf")
    full_page(doc)
    doc.text(-40, 400, "Falling off the left edge")
    doc.c.rect(500, 300, 200, 50)   # a box reaching past the right edge
    c = doc.c
    c.saveState()                   # a curve beyond the page, but clipped to the frame: invisible, so fine
    clip = c.beginPath()
    clip.rect(LEFT, 100, 100, 100)
    c.clipPath(clip, stroke=0)
    c.circle(LEFT, 150, 300)
    c.restoreState()
    found = of(check_pdf(doc.save()), "off-page")
    assert any("glyph" in f.message and "Falling off" in f.message and f.page == 1 for f in found)
    graphics = [f for f in found if "graphic" in f.message]
    assert len(graphics) == 1 and "1 graphic(s)" in graphics[0].message and "rectangle" in graphics[0].message


def test_text_outside_the_margins(tmp_path):
    doc = Doc(tmp_path / "margin.pdf")
    full_page(doc)
    doc.text(20, 400, "in the margin")
    doc.text(LEFT, 735, "between the frame and the running head is fine")   # the header zone
    found = check_pdf(doc.save())
    stray = of(found, "type-area")
    assert len(stray) == 1 and stray[0].page == 1 and "in the margin" in stray[0].message
    assert "between the frame" not in stray[0].message


def test_without_the_type_area_it_is_inferred(tmp_path):
    doc = Doc(tmp_path / "plain.pdf", type_area=False)
    doc.text(40, 400, "inside the inferred area")
    doc.text(10, 300, "too near the edge")
    found = check_pdf(doc.save())
    assert [f.check for f in found] == ["type-area"]
    assert "too near the edge" in found[0].message and "inside" not in found[0].message
    assert "inferred" in format_report(doc.path, found)


def test_type_area_can_be_given(tmp_path):
    doc = Doc(tmp_path / "given.pdf")
    full_page(doc)
    path = doc.save()
    assert check_pdf(path) == []
    narrow = check_pdf(path, type_area=(100, 72, 540, 720))
    assert checks(narrow) == {"type-area"}


def test_mirrored_pages_for_two_sided_printing(tmp_path):
    doc = Doc(tmp_path / "mirror.pdf")
    doc.text(LEFT, 700, "odd page")
    doc.next_page()
    doc.text(W - RIGHT, 700, "even page, frame mirrored")   # x = 72 on the mirrored frame [72, 540]: same here
    doc.save(GuideTypeArea="100.00 72.00 540.00 720.00")
    found = check_pdf(doc.path)
    assert [f.page for f in of(found, "type-area")] == [1]   # odd page: text left of the frame; even: mirrored fits


def test_two_up_booklet_sheets(tmp_path):
    """A landscape sheet twice as wide as the type area holds two booklet pages, each checked on its own."""
    path = tmp_path / "booklet.pdf"
    c = canvas.Canvas(str(path), pagesize=(792, 612), initialFontName=SERIF)
    for sheet in range(2):
        c.setFont(SERIF, SIZE)
        c.drawString(45, 500, "left page, inside its frame")
        c.drawString(396 + 45, 500, "right page, inside its frame")
        if sheet == 1:
            c.drawString(396 + 5, 300, "in the right page’s margin")
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    writer.add_metadata({"/GuideTypeArea": "44.64 44.64 360.00 567.36", "/GuideFurniture": "21.60 588.96"})
    with open(path, "wb") as fh:
        writer.write(fh)
    found = check_pdf(path)
    assert [(f.page, f.check) for f in found] == [(2, "type-area")]
    assert "right half" in found[0].message and "in the right page" in found[0].message


# -- 2. missing glyphs -------------------------------------------------------------------------------------------


def test_missing_glyph(tmp_path):
    doc = Doc(tmp_path / "glyph.pdf")
    doc.text(LEFT, 700, "Chinese \u4e2d\u6587 is not in Charis")
    found = of(check_pdf(doc.save()), "missing-glyph")
    assert len(found) == 1 and found[0].page == 1
    assert "2 character(s)" in found[0].message and "CharisSIL" in found[0].message


# -- 3. fonts ----------------------------------------------------------------------------------------------------


def test_font_not_embedded(tmp_path):
    doc = Doc(tmp_path / "helvetica.pdf")
    full_page(doc)
    doc.text(LEFT, 90, "Helvetica is one of the standard 14 fonts", font="Helvetica")
    found = check_pdf(doc.save())
    embed = of(found, "font-embedding")
    assert len(embed) == 1 and "Helvetica" in embed[0].message and embed[0].page == 1
    assert any("Helvetica" in f.message for f in of(found, "font-subset"))
    assert not any("CharisSIL" in f.message for f in found)


# -- 4. structure ------------------------------------------------------------------------------------------------


def test_structural_problems(tmp_path):
    pytest.importorskip("pikepdf")
    doc = Doc(tmp_path / "broken.pdf")
    doc.text(LEFT, 700, "a damaged cross-reference table")
    path = doc.save()
    data = path.read_bytes()
    start = data.rindex(b"startxref")
    path.write_bytes(data[:start] + b"startxref\n12\n%%EOF\n")
    found = of(check_pdf(path), "structure")
    assert found and found[0].page is None


def test_without_pikepdf_check_pdf_says_what_to_install(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from guide.cli import main

    doc = Doc(tmp_path / "nopike.pdf")
    doc.text(LEFT, 700, "fine")
    path = doc.save()
    monkeypatch.setitem(sys.modules, "pikepdf", None)      # `import pikepdf` raises ImportError
    result = CliRunner().invoke(main, ["check-pdf", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    message = result.output.strip()
    assert len(message.splitlines()) == 1 and "pip install 'pikepdf" in message, message


# -- 5. links, outline, contents -----------------------------------------------------------------------------------


def test_link_to_a_missing_page(tmp_path):
    doc = Doc(tmp_path / "link.pdf")
    doc.text(LEFT, 700, "See the next page")
    doc.c.linkAbsolute("", "next", (LEFT, 695, 160, 712))
    doc.next_page()
    doc.c.bookmarkPage("next")
    doc.text(LEFT, 700, "The next page")
    path = doc.save()
    assert check_pdf(path) == []
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    annot = writer.pages[0]["/Annots"][0].get_object()
    dest = annot["/Dest"]
    dest[0] = NumberObject(7)               # a page index this two-page PDF does not have
    outline = writer.add_outline_item(title="Nowhere", page_number=1).get_object()
    outline["/A"].get_object()["/D"][0] = NumberObject(9)
    with open(path, "wb") as fh:
        writer.write(fh)
    found = check_pdf(path)
    links = of(found, "link")
    assert len(links) == 1 and links[0].page == 1 and "page index 7" in links[0].message
    assert any("Nowhere" in f.message for f in of(found, "outline"))


def _contents_doc(path: Path, beta_shown: int) -> Path:
    doc = Doc(path)
    doc.heading(690, "Contents", size=22)
    for y, num, title, page in ((640, "1", "Alpha Section", 2), (615, "2", "Beta Section", beta_shown),
                                (590, "", "Not in the outline", 9)):
        doc.text(LEFT, y, num, SANS, 11)
        doc.text(LEFT + 24, y, title, SANS, 11)
        doc.c.setFont(SANS, 11)
        doc.c.drawRightString(RIGHT, y, str(page))
    for key, title in (("alpha", "Alpha Section"), ("beta", "Beta Section")):
        doc.next_page()
        doc.c.bookmarkPage(key)
        doc.c.addOutlineEntry(title, key, level=0)
        doc.heading(690, title, size=22)
    return doc.save()


def test_contents_with_a_wrong_page_number(tmp_path):
    assert check_pdf(_contents_doc(tmp_path / "good.pdf", 3)) == []
    found = check_pdf(_contents_doc(tmp_path / "bad.pdf", 2))
    assert [f.check for f in found] == ["contents"]
    assert found[0].page == 1
    assert "page 2 for 'Beta Section'" in found[0].message and "page 3" in found[0].message


# -- 6. stranded headings ----------------------------------------------------------------------------------------------


def test_heading_alone_at_the_foot_of_a_page(tmp_path):
    doc = Doc(tmp_path / "stranded.pdf")
    doc.furniture()
    y = doc.paragraph(FIRST, words(20)) - LEAD * 0.5
    y = doc.paragraph(y, words(20, 3)) - LEAD
    doc.heading(y - 5, "The camps")
    doc.next_page()
    doc.furniture()
    doc.paragraph(FIRST, words(6, 7))
    found = check_pdf(doc.save())
    stranded = of(found, "stranded-heading")
    assert len(stranded) == 1 and stranded[0].page == 1 and "The camps" in stranded[0].message
    assert "page 2" in stranded[0].message


def test_heading_followed_by_its_text_is_fine(tmp_path):
    doc = Doc(tmp_path / "kept.pdf")
    doc.furniture()
    y = doc.paragraph(FIRST, words(20)) - LEAD * 0.5
    y = doc.paragraph(y, words(18, 3)) - LEAD
    doc.heading(y - 5, "The camps")
    doc.paragraph(y - 5 - 20, words(2, 9))
    doc.next_page()
    doc.furniture()
    doc.paragraph(FIRST, words(6, 7))
    assert not of(check_pdf(doc.save()), "stranded-heading")


# -- 7. widows and orphans ---------------------------------------------------------------------------------------------


def _two_pages(path: Path, last_on_first: int, first_on_second: int, gap_before_split: bool = False) -> Path:
    """Page 1 ends with a paragraph that runs onto page 2; `last_on_first` of its lines are on page 1 and
    `first_on_second` on page 2; another paragraph follows it there."""
    doc = Doc(path)
    doc.furniture()
    rows = int((FIRST - BOTTOM) // LEAD) + 1            # baselines that fit in the frame
    before = rows - last_on_first - 1                   # one leading for the gap between the paragraphs
    y = doc.paragraph(FIRST, words(before)) - LEAD
    split = words(last_on_first + first_on_second, 11)
    doc.paragraph(y, split[:last_on_first], ends=False)
    doc.next_page()
    doc.furniture()
    y = doc.paragraph(FIRST, split[last_on_first:]) - LEAD * 0.5
    doc.paragraph(y, words(8, 4))
    return doc.save()


def test_widow_at_the_top_of_a_page(tmp_path):
    found = check_pdf(_two_pages(tmp_path / "widow.pdf", 3, 1))
    widows = of(found, "widow")
    assert len(widows) == 1 and widows[0].page == 2 and "page 1" in widows[0].message
    assert not of(found, "orphan")


def test_orphan_at_the_foot_of_a_page(tmp_path):
    found = check_pdf(_two_pages(tmp_path / "orphan.pdf", 1, 4))
    orphans = of(found, "orphan")
    assert len(orphans) == 1 and orphans[0].page == 1 and "page 2" in orphans[0].message
    assert not of(found, "widow")


def test_a_paragraph_split_two_and_two_is_fine(tmp_path):
    found = check_pdf(_two_pages(tmp_path / "split.pdf", 2, 2))
    assert not (checks(found) & {"widow", "orphan"})


# -- 8. stretched lines ------------------------------------------------------------------------------------------------


def test_over_stretched_justified_line(tmp_path):
    doc = Doc(tmp_path / "stretch.pdf")
    doc.furniture()
    y = doc.paragraph(FIRST, words(12)) - LEAD * 0.5
    doc.line(y, "arrested in 1936, and under interrogation they named".split())   # about 4x the space
    y = doc.paragraph(y - LEAD, words(3, 2)) - LEAD * 0.5
    space = pdfmetrics.stringWidth(" ", SERIF, SIZE)
    doc.line(y, "a line whose spaces are just under the limit, set here in full measure to the edge".split(),
             gap=space * (MAX_WORD_SPACE - 0.1))
    found = of(check_pdf(doc.save()), "stretched-line")
    assert len(found) == 1 and found[0].page == 1
    assert "arrested in 1936" in found[0].message
    ratio = float(re.search(r"(\d+\.\d+)x the normal space", found[0].message).group(1))
    assert ratio > 3


# -- 9. the chronology's header row ------------------------------------------------------------------------------------


def _chronology(path: Path, repeat: bool) -> Path:
    doc = Doc(path)
    doc.furniture("CHRONOLOGY")
    doc.heading(690, "Chronology", size=22)
    y = 650
    for page in (1, 2):
        if page == 1 or repeat:
            for x, word in ((LEFT, "Date"), (LEFT + 90, "Event"), (RIGHT - 50, "Section")):
                doc.text(x, y, word, SANS_BOLD, 9.5)
            y -= 22
        for _ in range(6):
            doc.text(LEFT, y, "5 March", SERIF, 9.5)
            doc.text(LEFT + 90, y, "Something happened in Moscow.", SERIF, 9.5)
            y -= 16
        if page == 1:
            doc.next_page()
            doc.furniture("CHRONOLOGY")
            y = FIRST
    return doc.save()


def test_chronology_header_repeats(tmp_path):
    assert not of(check_pdf(_chronology(tmp_path / "repeat.pdf", True)), "chronology-header")
    found = of(check_pdf(_chronology(tmp_path / "norepeat.pdf", False)), "chronology-header")
    assert len(found) == 1 and found[0].page == 2


# -- the report --------------------------------------------------------------------------------------------------------


def test_report_groups_by_page(tmp_path):
    doc = Doc(tmp_path / "report.pdf")
    doc.text(LEFT, 700, "fine")
    path = doc.save()
    findings = [Finding(3, "widow", "a widow"), Finding(None, "structure", "qpdf: bad"),
                Finding(1, "type-area", "a glyph"), Finding(3, "orphan", "an orphan")]
    report = format_report(path, findings)
    lines = report.splitlines()
    assert lines[0].startswith(str(path))
    assert lines[-1] == "4 findings"
    assert lines.index("  whole document:") < lines.index("  page 1:") < lines.index("  page 3:")
    assert "    [widow] a widow" in lines
    assert format_report(path, findings[:1]).endswith("\n1 finding")


# -- the reader ----------------------------------------------------------------------------------------------------


def test_the_reader_places_glyphs_as_pdfplumber_does(tmp_path):
    """Glyph boxes from the checker's own content-stream reader match pdfplumber's (pdfminer's) to 0.01 pt, on
    text set with character and word spacing, horizontal scaling, rise, a rotated line, kerned TJ arrays and
    literal strings holding balanced parentheses and escapes left unescaped in the stream."""
    import pikepdf
    import pdfplumber

    from guide.checkpdf.fonts import FontTable
    from guide.checkpdf.reader import page_content

    path = tmp_path / "reader.pdf"
    c = canvas.Canvas(str(path), pagesize=(W, H))
    t = c.beginText(LEFT, 700)
    t.setFont(SERIF, SIZE)
    t.textLine("Plain text (with (nested) parentheses) and a back\\slash.")
    t.setCharSpace(0.6)
    t.setWordSpace(2.5)
    t.textLine("Spaced out words, set loosely.")
    t.setCharSpace(0)
    t.setWordSpace(0)
    t.setHorizScale(80)
    t.textOut("Condensed ")
    t.setRise(4)
    t.setFont(SERIF, 7)
    t.textOut("12")
    t.setRise(0)
    t.setHorizScale(100)
    c.drawText(t)
    c.saveState()
    c.translate(300, 400)
    c.rotate(30)
    c.setFont(SANS_BOLD, 12)
    c.drawString(0, 0, "A rotated label")
    c.restoreState()
    c.save()
    pdf = pikepdf.open(path, allow_overwriting_input=True)     # unescape the parentheses in the stream
    page = pdf.pages[0]
    data = page.obj.Contents.read_bytes()
    assert b"\\(nested\\)" in data
    data = data.replace(b"\\(", b"(").replace(b"\\)", b")")
    data = data.replace(b"Tj", b"Tj [(Ke) -250 (rned)] TJ", 1)
    page.obj.Contents = pdf.make_stream(data)
    pdf.save(path)

    with pikepdf.open(path) as pdf:
        mine = page_content(pdf.pages[0], 1, FontTable()).glyphs
    with pdfplumber.open(path) as pl:
        theirs = pl.pages[0].chars
    assert len(mine) == len(theirs) > 80
    for g, ch in zip(mine, theirs):
        assert g.text == ch["text"], (g, ch["text"])
        pairs = [(g.x0, ch["x0"]), (g.x1, ch["x1"]), (g.y0, ch["y0"]), (g.y1, ch["y1"]), (g.baseline, ch["matrix"][5])]
        if g.upright:        # (pdfminer calls a glyph's box height its size when it is rotated: not compared)
            pairs.append((g.size, round(ch["size"], 2)))
        for mine_v, their_v in pairs:
            assert abs(mine_v - their_v) < 0.01, (g, ch)
    text = "".join(g.text for g in mine)
    assert "(with (nested) parentheses)" in text and "back\\slash" in text and "Kerned" in text
    assert sum(not g.upright for g in mine) == len("A rotated label")


def test_forms_nested_and_repeated_do_not_run_away(tmp_path):
    """A page drawing a form that draws another form 40 times, six levels deep (40**6 draws), is refused with
    a finding once it has drawn more forms than a page could need."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    inner = None
    for level in range(6):
        body = b"BT /F1 9 Tf 10 10 Td (x) Tj ET " + (b"/X Do " * 40 if inner is not None else b"")
        form = pikepdf.Stream(pdf, body)
        form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 100, 100]
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner) if inner is not None else {})
        inner = pdf.make_indirect(form)
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner))
    page.obj.Contents = pdf.make_stream(b"/X Do")
    path = tmp_path / "laughs.pdf"
    pdf.save(path)
    found = check_pdf(path)
    assert [f.check for f in found] == ["unreadable"] and "more than a page" in found[0].message


def test_the_standard_font_widths_file_is_reportlabs_metrics():
    """The checker reads the 14 standard fonts' widths from a data file (it never loads ReportLab); the file
    must say what ReportLab's copy of Adobe's metrics says."""
    import json

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase._fontdata import standardFonts

    from guide.checkpdf.fonts import STANDARD_WIDTHS, _standard_widths

    stored = json.loads(STANDARD_WIDTHS.read_text(encoding="utf-8"))
    assert sorted(stored) == sorted(standardFonts)
    for name in standardFonts:
        face = pdfmetrics.getFont(name)
        assert stored[name] == [round(face.stringWidth(chr(c), 1000), 3) for c in range(32, 256)], name
    widths, _ = _standard_widths("ABCDEF+Helvetica-Bold")
    assert widths[ord("W")] == round(pdfmetrics.getFont("Helvetica-Bold").stringWidth("W", 1000), 3) == 944
