"""The checker's findings of issue 19, each proved on a PDF broken on purpose (and shown silent on the same
PDF made right). The PDFs are drawn with ReportLab's canvas as in test_checkpdf.py: Charis SIL body text on
US Letter, type area 72 72 540 720."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from pypdf import PdfReader, PdfWriter

from guide.checkpdf import check_pdf
from guide.theme import font_dir

from test_checkpdf import (BOTTOM, FIRST, LEAD, LEFT, MEASURE, RIGHT, SANS, SANS_BOLD, SERIF, SIZE, TOP, Doc, of,
                           words)

ITALIC = "chk-serif-italic"
pdfmetrics.registerFont(TTFont(ITALIC, str(font_dir() / "CharisSIL-Italic.ttf")))
BOX_SIZE, BOX_LEAD = 9.5, 13.0
TINT = (0.95, 0.93, 0.90)


def body_until(doc: Doc, y_stop: float, seed: int = 0, y: float = FIRST) -> float:
    """Justified paragraphs of four lines from baseline y down while they fit above y_stop; returns the next
    free baseline."""
    k = 0
    while y - 4 * LEAD > y_stop:
        y = doc.paragraph(y, words(4, seed + k)) - LEAD * 0.5
        k += 1
    return y


def box(doc: Doc, top: float, rows: list[tuple[str, str]], bottom: float | None = None) -> float:
    """A tinted box from `top` down holding rows of (kind, text): "title", "text", "quote", "attribution";
    to `bottom` if given (a piece reaching the foot of the frame). Returns the box's bottom."""
    c = doc.c
    height = BOX_LEAD * len(rows) + 12
    y0 = bottom if bottom is not None else top - height
    c.setFillColorRGB(*TINT)
    c.rect(LEFT, y0, MEASURE, top - y0, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    y = top - 6 - BOX_SIZE
    for kind, text in rows:
        font = {"title": SANS_BOLD, "quote": ITALIC}.get(kind, SERIF)
        if text:
            doc.text(LEFT + 12, y, text, font, BOX_SIZE)
        y -= BOX_LEAD
    return y0


# -- group rows ---------------------------------------------------------------------------------------------------


def _chronology(path: Path, year_at_foot: bool) -> Path:
    doc = Doc(path)
    for page in (1, 2):
        doc.furniture("CHRONOLOGY")
        y = FIRST
        for x, word in ((LEFT, "Date"), (LEFT + 90, "Event"), (RIGHT - 50, "Section")):
            doc.text(x, y, word, SANS_BOLD, 9.5)
        y -= 22
        year = 1936 + page
        while y > BOTTOM + (40 if page == 1 else 300):
            doc.text(LEFT, y, str(year), SANS_BOLD, 11)
            y -= 18
            for _ in range(3):
                doc.text(LEFT, y, "5 March", SERIF, 9.5)
                doc.text(LEFT + 90, y, "Something happened in Moscow that day.", SERIF, 9.5)
                y -= 16
            year += 1
        if page == 1 and year_at_foot:
            doc.text(LEFT, BOTTOM + 8, "1941", SANS_BOLD, 11)
        if page == 1:
            doc.next_page()
    return doc.save()


def test_a_group_row_last_on_a_page(tmp_path):
    found = of(check_pdf(_chronology(tmp_path / "year.pdf", True)), "group-row")
    assert len(found) == 1 and found[0].page == 1 and "'1941'" in found[0].message and "page 2" in found[0].message
    assert not of(check_pdf(_chronology(tmp_path / "kept.pdf", False)), "group-row")


# -- boxes --------------------------------------------------------------------------------------------------------


SOURCE = [("title", "A schoolgirl's diary, 1933"), ("text", "Nina kept a diary that the police later read."),
          ("quote", "“We were told that the harvest was the best in years,"),
          ("quote", "and yet there was no bread in the shops.”"),
          ("attribution", "— Nina Lugovskaya, diary, 2 May 1933."),
          ("title", "Questions"), ("text", "1. What does she notice?"), ("text", "2. Why might she be careful?")]


def _box_across(path: Path, split: int, continued_title: str | None) -> Path:
    """A page of text ending in a box whose first `split` rows are on page 1; the rest go on at the top of
    page 2 (under a "(continued)" title if given), then text."""
    doc = Doc(path)
    doc.furniture()
    rows_here = SOURCE[:split]
    top = BOTTOM + BOX_LEAD * len(rows_here) + 12
    body_until(doc, top + LEAD)
    box(doc, top, rows_here, bottom=BOTTOM)
    doc.next_page()
    doc.furniture()
    rest = SOURCE[split:]
    if continued_title:
        rest = [("title", continued_title)] + rest
    y0 = box(doc, TOP, rest)
    body_until(doc, BOTTOM, seed=3, y=y0 - 2 * LEAD)
    return doc.save()


def test_a_quotation_parted_from_its_attribution(tmp_path):
    found = check_pdf(_box_across(tmp_path / "attr.pdf", 4, "A schoolgirl's diary, 1933 (continued)"))
    split = of(found, "box-split")
    assert len(split) == 1 and split[0].page == 1 and "attribution" in split[0].message
    assert "— Nina Lugovskaya" in split[0].message and "page 2" in split[0].message
    assert not of(found, "box-continued")       # the continued title is there


def test_a_quotation_parted_from_its_introduction(tmp_path):
    found = of(check_pdf(_box_across(tmp_path / "intro.pdf", 2, "A schoolgirl's diary (continued)")), "box-split")
    assert len(found) == 1 and "introduction" in found[0].message and "We were told" in found[0].message


def test_a_source_parted_from_its_questions(tmp_path):
    found = check_pdf(_box_across(tmp_path / "questions.pdf", 5, None))
    split = of(found, "box-split")
    assert len(split) == 1 and "questions" in split[0].message
    cont = of(found, "box-continued")
    assert len(cont) == 1 and cont[0].page == 2 and "A schoolgirl's diary" in cont[0].message


def test_a_continued_box_without_its_title(tmp_path):
    found = check_pdf(_box_across(tmp_path / "untitled.pdf", 7, None))
    cont = of(found, "box-continued")
    assert len(cont) == 1 and cont[0].page == 2 and "'2. Why might she be careful?'" in cont[0].message
    assert not of(found, "box-split")           # between two questions: a good place to break


def test_a_box_broken_between_items_under_its_title_is_fine(tmp_path):
    found = check_pdf(_box_across(tmp_path / "good.pdf", 7, "A schoolgirl's diary, 1933 (continued)"))
    assert not of(found, "box-split") and not of(found, "box-continued")


# -- underfull pages ----------------------------------------------------------------------------------------------


def half_empty_page_2(path: Path) -> Doc:
    """A PDF begun: page 1 full (a first page is a title page, never underfull), page 2 stopping half way
    down, page 3 begun with its furniture, for the caller to set what stands at its top."""
    doc = Doc(path)
    doc.furniture()
    body_until(doc, BOTTOM)
    doc.next_page()
    doc.furniture()
    body_until(doc, 400, seed=2)
    doc.next_page()
    doc.furniture()
    return doc


def _underfull(path: Path, next_is: str) -> Path:
    """Page 2 stops half way down; page 3 starts with `next_is`: "heading" (a heading and a paragraph, which
    would have fitted), "tall-box" (a box taller than the space left) or "part" (a new section's title).
    (Page 1, full, is there because the first page is a title page, never underfull.)"""
    doc = half_empty_page_2(path)
    if next_is == "heading":
        doc.heading(FIRST, "The camps")
        body_until(doc, BOTTOM, seed=4, y=FIRST - 24)
    elif next_is == "tall-box":
        y0 = box(doc, TOP, [("title", "A long source")] + [("quote", "“A line of a long quotation that is kept "
                                                                      "whole.”")] * 30)
        body_until(doc, BOTTOM, seed=4, y=y0 - 2 * LEAD)
    else:
        doc.text(LEFT, FIRST - 12, "The Great Terror", SANS_BOLD, 22)
        body_until(doc, BOTTOM, seed=4, y=FIRST - 50)
    return doc.save()


def test_an_underfull_page_when_what_follows_would_have_fitted(tmp_path):
    found = of(check_pdf(_underfull(tmp_path / "u.pdf", "heading")), "underfull-page")
    assert len(found) == 1 and found[0].page == 2 and "The camps" in found[0].message
    assert "% of the type area is empty" in found[0].message and "page 3" in found[0].message


def test_a_short_page_is_fine_when_what_follows_would_not_fit_or_starts_a_part(tmp_path):
    assert not of(check_pdf(_underfull(tmp_path / "box.pdf", "tall-box")), "underfull-page")
    assert not of(check_pdf(_underfull(tmp_path / "part.pdf", "part")), "underfull-page")


def _source_after_short_page(path: Path, page_2_stops_at: float) -> Path:
    """Page 2 stops at a baseline; page 3 opens with a source whose attribution runs over two lines (set
    apart from the quotation) and whose first question over three: its first piece (docs/check-pdf.md)
    ends with that question's last line, 350 pt below the top."""
    doc = Doc(path)
    doc.furniture()
    body_until(doc, BOTTOM)
    doc.next_page()
    doc.furniture()
    body_until(doc, page_2_stops_at, seed=2)
    doc.next_page()
    doc.furniture()
    rows = ([("title", "Voroshilov's order of the day, 14 June 1937")] + [("text", "An introduction line.")] * 12
            + [("quote", "“A line of the order, read to the whole army.”")] * 6 + [("gap", "")]
            + [("attribution", "— Kliment Voroshilov, People's Commissar of Defense, order of the day,"),
               ("text", "Moscow, 14 June 1937. Source: Le Contrat social."), ("title", "Questions"),
               ("text", "1. Compare the order with Khrushchev's words on the army"),
               ("text", "later in this section. Who is the wrongdoer in each, and"),
               ("text", "why had the verdict changed by 1956?"),
               ("text", "2. What kinds of evidence would a historian use?")])
    y0 = box(doc, TOP, rows)
    body_until(doc, BOTTOM, seed=4, y=y0 - 2 * LEAD)
    return doc.save()


def test_a_source_s_first_piece_holds_its_whole_attribution_and_first_question(tmp_path):
    """Room for the source down to its attribution's first line (where the checker once ended the first
    piece) but not for the rest of the attribution and the first question: not underfull; with room for
    all of it, underfull."""
    top_of_3 = FIRST + BOX_SIZE
    first_piece = top_of_3 - (TOP - 6 - BOX_SIZE - BOX_LEAD * 26)       # through the first question's last line
    fits = _source_after_short_page(tmp_path / "fits.pdf", BOTTOM + first_piece + 2 * LEAD + 4 * LEAD)
    short = _source_after_short_page(tmp_path / "short.pdf", BOTTOM + first_piece - 4 * LEAD)
    assert len(of(check_pdf(fits), "underfull-page")) == 1
    assert not of(check_pdf(short), "underfull-page")


def _paragraph_ending_on_a_note(path: Path, lines_on_2: int) -> Path:
    """A paragraph runs from page 1 onto page 2, where its last line is a short word and a note number
    ("it." and a superscript "29"); `lines_on_2`: 2, or 1 (that line alone, a widow)."""
    doc = Doc(path)
    doc.furniture()
    rows = int((FIRST - BOTTOM) // LEAD) + 1
    run = words(rows + 2, 11)
    y = doc.paragraph(FIRST, run[:rows - 4]) - LEAD
    doc.paragraph(y, run[rows - 4:rows - 2 + (2 - lines_on_2)], ends=False)
    doc.next_page()
    doc.furniture()
    y = FIRST
    if lines_on_2 == 2:
        doc.line(y, run[rows])
        y -= LEAD
    doc.text(LEFT, y, "it.")
    doc.text(LEFT + pdfmetrics.stringWidth("it.", SERIF, SIZE), y + 4, "29", SERIF, SIZE * 0.6)
    doc.paragraph(y - LEAD * 1.5, words(8, 4))
    return doc.save()


def test_a_note_number_on_the_last_line_is_body_text(tmp_path):
    """A last line of three letters and a two-digit note number is a line of the paragraph: two lines at the
    top of the page are no widow (the checker once read that line as something else, and the line above
    it as a widow); the same line alone there is one."""
    assert not of(check_pdf(_paragraph_ending_on_a_note(tmp_path / "two.pdf", 2)), "widow")
    widows = of(check_pdf(_paragraph_ending_on_a_note(tmp_path / "one.pdf", 1)), "widow")
    assert len(widows) == 1 and widows[0].page == 2 and "'it.29'" in widows[0].message


# -- ragged, fragments, hyphens, quotes ---------------------------------------------------------------------------


def test_a_justified_paragraph_set_ragged(tmp_path):
    doc = Doc(tmp_path / "ragged.pdf")
    doc.furniture()
    y = body_until(doc, 300)
    for i, ws in enumerate(words(6, 9)):
        doc.line(y, ws[:-2], justify=False)     # ragged: each line a couple of words short of the measure
        y -= LEAD
    found = of(check_pdf(doc.save()), "ragged-paragraph")
    assert len(found) == 1 and found[0].page == 1 and "6 lines" in found[0].message


def test_ragged_right_by_design_is_fine(tmp_path):
    doc = Doc(tmp_path / "all-ragged.pdf")
    doc.furniture()
    y = FIRST
    for k in range(6):
        for ws in words(4, k):
            doc.line(y, ws[:-2], justify=False)
            y -= LEAD
        y -= LEAD * 0.5
    assert not of(check_pdf(doc.save()), "ragged-paragraph")


def test_a_list_item_is_ragged_by_design(tmp_path):
    """Bullets and questions are set ragged right on purpose: a numbered item's lines hanging under its label
    are not a justified paragraph set ragged, though the same lines without the label above them are."""
    def page(path, label: str) -> Path:
        doc = Doc(path)
        doc.furniture()
        y = body_until(doc, 300)
        lines = words(4, 9)
        doc.text(LEFT, y, " ".join([label] + lines[0][:-3]) if label else " ".join(lines[0][:-2]))
        for ws in lines[1:]:
            y -= LEAD
            doc.text(LEFT + (14 if label else 0), y, " ".join(ws[:-2]))
        return doc.save()

    assert not of(check_pdf(page(tmp_path / "item.pdf", "5.")), "ragged-paragraph")
    assert of(check_pdf(page(tmp_path / "para.pdf", "")), "ragged-paragraph")


def _ending(path: Path, last: list[str], cut: str | None) -> Path:
    """A page of paragraphs; the last paragraph's penultimate line ends with `cut` (a hyphenated word's first
    part), its last line holds `last`; another paragraph follows."""
    doc = Doc(path)
    doc.furniture()
    y = body_until(doc, 400)
    lines = words(3, 5)
    if cut:
        lines[-1] = lines[-1][:-1] + [cut]
    y = doc.paragraph(y, lines, ends=False)
    doc.line(y, last, justify=False)
    doc.paragraph(y - 1.5 * LEAD, words(4, 8))
    return doc.save()


def test_a_paragraph_ending_on_a_word_fragment(tmp_path):
    found = of(check_pdf(_ending(tmp_path / "frag.pdf", ["ed."], "exist-")), "fragment-line")
    assert len(found) == 1 and found[0].page == 1 and "'exist-' / 'ed.'" in found[0].message
    assert not of(check_pdf(_ending(tmp_path / "whole.pdf", ["existed", "then."], None)), "fragment-line")
    assert not of(check_pdf(_ending(tmp_path / "two.pdf", ["ed", "then."], "exist-")), "fragment-line")
    address = "https://example.org/2021/12/28/court-orders-"     # a web address broken after its own hyphen
    assert not of(check_pdf(_ending(tmp_path / "url.pdf", ["closure-a75674."], address)), "fragment-line")
    # the slug of an address whose start is on the page before (a half-size page's first lines)
    slug = _ending(tmp_path / "slug.pdf", ["memorial-a75674."], "closure-of-renowned-rights-group-")
    assert not of(check_pdf(slug), "fragment-line")
    # a compound broken by hyphenation still is a fragment
    found = of(check_pdf(_ending(tmp_path / "compound.pdf", ["lutionary."], "counter-revo-")), "fragment-line")
    assert len(found) == 1 and "'lutionary.'" in found[0].message


def test_a_doubled_hyphen_at_a_break(tmp_path):
    found = of(check_pdf(_ending(tmp_path / "dbl.pdf", ["-serving", "men."], "self-")), "doubled-hyphen")
    assert len(found) == 1 and "'self-' / '-serving'" in found[0].message
    assert not of(check_pdf(_ending(tmp_path / "one.pdf", ["serving", "men."], "self-")), "doubled-hyphen")


def _table_header(path: Path, third: tuple[str, str]) -> Path:
    """A table whose third header cell reads third[0], going on below with third[1] (if any)."""
    doc = Doc(path)
    doc.furniture()
    y = body_until(doc, 400)
    doc.text(LEFT, y, "Each event in the table names the section that tells its story.")
    y -= 2 * LEAD
    cols = (LEFT, LEFT + 80, LEFT + 300)
    for x, word in zip(cols, ("Date", "Event", third[0])):
        doc.text(x, y, word, SANS_BOLD, 9.5)
    if third[1]:
        doc.text(cols[2], y - 12, third[1], SANS_BOLD, 9.5)
    y -= 30
    for _ in range(4):
        for x, word in zip(cols, ("5 March", "Something happened.", "trials")):
            doc.text(x, y, word, SERIF, 9.5)
        y -= 14
    return doc.save()


def test_a_word_broken_inside_a_table_header(tmp_path):
    found = of(check_pdf(_table_header(tmp_path / "h.pdf", ("Sectio", "n"))), "header-word-break")
    assert len(found) == 1 and "'Sectio' / 'n'" in found[0].message
    found = of(check_pdf(_table_header(tmp_path / "h2.pdf", ("Secti", "on"))), "header-word-break")
    assert len(found) == 1 and "'Secti' / 'on'" in found[0].message       # "section" is a word of the text
    assert not of(check_pdf(_table_header(tmp_path / "ok.pdf", ("Section", ""))), "header-word-break")
    assert not of(check_pdf(_table_header(tmp_path / "two.pdf", ("Told", "in"))), "header-word-break")


def test_straight_quotes_in_body_text(tmp_path):
    doc = Doc(tmp_path / "quotes.pdf")
    doc.furniture()
    y = body_until(doc, 300)
    doc.text(LEFT, y, "Stalin's \"enemies of the people\" were everywhere.")
    doc.text(LEFT, y - LEAD, "Curly ones are right: Stalin’s “enemies”.")
    found = of(check_pdf(doc.save()), "straight-quote")
    assert len(found) == 1 and found[0].page == 1 and '"enemies of the people"' in found[0].message
    assert "Curly" not in found[0].message



def _narrow_columns(path: Path, tail_alone: bool) -> Path:
    """Two narrow table columns set so close that their lines run into one segment; the right column's
    first line ends "re-". Its next line is "cords and …" (fine), or, `tail_alone`, only "cords." (a cell
    ending on a fragment), while the left column goes on below."""
    doc = Doc(path)
    doc.furniture()
    y = body_until(doc, 400)
    left = ["rians (such as", "Khlevniuk,", "Barnes, Getty", "and Zemskov,", "Applebaum)"]
    right = ["NKVD re-"] + (["cords."] if tail_alone else ["cords and", "memoirs can", "and cannot", "show."])
    x_right = LEFT + pdfmetrics.stringWidth(left[0], SERIF, SIZE) + 6
    for k in range(max(len(left), len(right))):
        if k < len(left):
            doc.text(LEFT, y, left[k])
        if k < len(right):
            doc.text(x_right, y, right[k])
        y -= LEAD
    return doc.save()


def test_a_fragment_is_read_in_its_own_column(tmp_path):
    assert not of(check_pdf(_narrow_columns(tmp_path / "fine.pdf", False)), "fragment-line")
    found = of(check_pdf(_narrow_columns(tmp_path / "fragment.pdf", True)), "fragment-line")
    assert len(found) == 1 and "'re-' / 'cords.'" in found[0].message

# -- large print --------------------------------------------------------------------------------------------------


def _large_print(path: Path, *, caption_size=18.0, grey=0.0, note_size=18.0, footer=(14.0, 0.0)) -> Path:
    doc = Doc(path)
    c = doc.c
    c.setFont(SANS, footer[0])
    c.setFillGray(footer[1])
    c.drawRightString(RIGHT, 54, "Page 1")
    c.setFillGray(0)
    y = FIRST - 8
    for k in range(12):
        doc.text(LEFT, y, "Large print body text at eighteen points", SERIF, 18)
        y -= 24
    doc.text(LEFT, y, "Text with a note", SERIF, 18)
    width = pdfmetrics.stringWidth("Text with a note", SERIF, 18)
    doc.text(LEFT + width + 1, y + 6, "12", SERIF, note_size)
    y -= 24
    c.setFillGray(grey)
    doc.text(LEFT, y, "A caption under a figure", SERIF, caption_size)
    c.setFillGray(0)
    return doc.save()


def test_large_print_text_under_18_pt_or_light(tmp_path):
    assert not (set(f.check for f in check_pdf(_large_print(tmp_path / "ok.pdf")))
                & {"large-print-size", "large-print-contrast"})
    found = of(check_pdf(_large_print(tmp_path / "small.pdf", caption_size=14)), "large-print-size")
    assert len(found) == 1 and "'A caption under a figure' (14 pt)" in found[0].message
    found = of(check_pdf(_large_print(tmp_path / "note.pdf", note_size=12)), "large-print-size")
    assert len(found) == 1 and "Text with a note" in found[0].message and "(12 pt)" in found[0].message
    found = of(check_pdf(_large_print(tmp_path / "grey.pdf", grey=0.55)), "large-print-contrast")
    assert len(found) == 1 and "A caption" in found[0].message and "45% black" in found[0].message
    found = of(check_pdf(_large_print(tmp_path / "foot.pdf", footer=(14.0, 0.4))), "large-print-size")
    assert len(found) == 1 and "running heads or footers" in found[0].message and "Page 1" in found[0].message


# -- page numbers on two-sided pages ------------------------------------------------------------------------------


def _two_sided(path: Path, even_number_at: str) -> Path:
    """Two pages with a wider inner margin (frame 90–540 on odd pages, mirrored on even ones)."""
    doc = Doc(path)
    for page in (1, 2):
        x0 = 90 if page == 1 else 612 - 540
        doc.text(x0, FIRST, f"Text on page {page}")
        doc.c.setFont(SANS, 8)
        if page == 1 or even_number_at == "right":
            doc.c.drawRightString(540 if page == 1 else 612 - 90, 54, str(page))
        else:
            doc.c.drawString(x0, 54, str(page))
        if page == 1:
            doc.next_page()
    return doc.save(GuideTypeArea="90.00 72.00 540.00 720.00")


def test_a_page_number_at_the_spine(tmp_path):
    found = of(check_pdf(_two_sided(tmp_path / "spine.pdf", "right")), "page-number-spine")
    assert len(found) == 1 and found[0].page == 2 and "'2'" in found[0].message and "left-hand" in found[0].message
    assert not of(check_pdf(_two_sided(tmp_path / "outer.pdf", "left")), "page-number-spine")


def test_page_numbers_on_booklet_halves(tmp_path):
    """A two-up sheet: the left half is booklet page 4 (a left-hand page), the right half page 1."""
    path = tmp_path / "booklet.pdf"
    c = canvas.Canvas(str(path), pagesize=(792, 612))
    for ox, number, outer in ((0, 4, "left"), (396, 1, "right")):
        c.setFont(SERIF, SIZE)
        c.drawString(ox + 45, 500, "a booklet page")
        c.setFont(SANS, 8)
        if outer == "left":
            c.drawRightString(ox + 351, 25, str(number))      # the right edge of a left-hand page: the spine
        else:
            c.drawRightString(ox + 351, 25, str(number))
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    writer.add_metadata({"/GuideTypeArea": "44.64 44.64 351.36 567.36", "/GuideFurniture": "21.60 588.96"})
    with open(path, "wb") as fh:
        writer.write(fh)
    found = of(check_pdf(path), "page-number-spine")
    assert [(f.page, "booklet page 4" in f.message) for f in found] == [(1, True)]


def _table_after_short_page(path: Path, row_lines: int) -> Path:
    """Page 2 stops half way down; page 3 starts with a table's repeated header row and a row at the body size
    (large print) whose second cell runs `row_lines` lines, then more rows."""
    doc = half_empty_page_2(path)
    y = FIRST
    for x, word in ((LEFT, "Term"), (LEFT + 90, "Meaning")):
        doc.text(x, y, word, SANS_BOLD, SIZE)
    y -= 1.6 * LEAD
    while y > BOTTOM + row_lines * LEAD:
        doc.text(LEFT, y, "kulak", SERIF, SIZE)
        for n in range(row_lines):
            doc.text(LEFT + 90, y, "a peasant the state called rich", SERIF, SIZE)
            y -= LEAD
        y -= 0.6 * LEAD
    return doc.save()


def test_a_table_row_is_the_first_piece_whole(tmp_path):
    """Under a repeated header row, a row at the body size is taken whole (a row breaks only between rows):
    one taller than the space left is no reason to call the page underfull; a short one is."""
    assert not of(check_pdf(_table_after_short_page(tmp_path / "tall.pdf", 30)), "underfull-page")
    found = of(check_pdf(_table_after_short_page(tmp_path / "short.pdf", 3)), "underfull-page")
    assert len(found) == 1 and found[0].page == 2 and "Term" in found[0].message
