"""Pages as a typographer would sign them (issue 19, layout): boxes that break where a reader can follow,
chronology years kept with their first event, large print, the middle-school body, answer lines, page
numbers on the outer edge. Each test reads a built PDF (pdfplumber, or `plumbed`: the checker's reader in
pdfplumber's terms) and failed on the code before."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

import plumbed
from conftest import CONTENT, MINI

YEAR = re.compile(r"^\d{4}$")


def type_area(path) -> tuple[float, float, float, float]:
    """The text frame the guide records in its PDF (x0, y0, x1, y1 in PDF points, y upwards)."""
    private = PdfReader(str(path)).trailer["/Root"]["/PieceInfo"]["/Guide"]["/Private"]
    return tuple(float(v) for v in str(private["/TypeArea"]).split())


def text_lines(page, area) -> list[dict]:
    """The lines of text inside the type area, top to bottom (pdfplumber's line objects; `page` is a
    pdfplumber page or a page of `plumbed.pages`)."""
    _, y0, _, y1 = area
    height = page["height"] if isinstance(page, dict) else page.height
    lines = page["lines"] if isinstance(page, dict) else page.extract_text_lines(strip=True)
    top, bottom = height - y1 - 2, height - y0 + 2
    return [ln for ln in lines if ln["top"] >= top and ln["bottom"] <= bottom]


def black(colour) -> float:
    """How black a pdfplumber colour is, 0 (white) to 1 (black)."""
    if colour is None:
        return 1.0
    if isinstance(colour, (int, float)):
        colour = (colour,)
    colour = tuple(colour)
    if len(colour) == 1:
        return 1 - colour[0]
    if len(colour) == 3:
        r, g, b = colour
        return 1 - (0.2126 * r + 0.7152 * g + 0.0722 * b)
    if len(colour) == 4:
        return min(1.0, colour[3] + (1 - colour[3]) * (sum(colour[:3]) / 3))
    return 1.0


def darkness(obj: dict) -> float:
    """How black a glyph or rectangle is, 0 (white) to 1 (black): of `plumbed` (`dark`) or pdfplumber."""
    return obj["dark"] if "dark" in obj else black(obj.get("non_stroking_color"))


def box_tops(page, area) -> list[float]:
    """The tops of the tinted box backgrounds that start at the top of the type area (continued boxes)."""
    _, _, _, y1 = area
    height, rects = (page["height"], page["rects"]) if isinstance(page, dict) else (page.height, page.rects)
    top = height - y1
    return [r["top"] for r in rects if r.get("fill") and abs(r["top"] - top) < 3 and r["width"] > 200
            and darkness(r) < 0.15]


@pytest.fixture(scope="module")
def high_pages(shipped_builds):
    """The default edition's pages, read once per process (`plumbed`, shared with the measure's test)."""
    path = shipped_builds["high"].path
    area = type_area(path)
    return [(page, text_lines(page, area), box_tops(page, area)) for page in plumbed.pages(path)], area


def test_a_box_continued_on_the_next_page_opens_with_its_title(high_pages):
    """Every box that goes on at the top of a page says what it is ("Key figures (continued)"), never an
    untitled box; and what it goes on with is never an attribution parted from its quotation, a quotation
    parted from its introduction, nor a source's questions parted from the source."""
    check_boxes(high_pages[0])


@pytest.mark.slow
def test_large_print_boxes_keep_introduction_quotation_and_attribution(pdf_cache):
    """Seen: in large print the introduction of "Khrushchev on the army purge" on one page, its quotation
    on the next."""
    path = pdf_cache.build(CONTENT, "high", theme="large-print").path
    area = type_area(path)
    check_boxes([(page, text_lines(page, area), box_tops(page, area)) for page in plumbed.pages(path)])


def check_boxes(pages) -> None:
    continued = 0
    for number, (page, lines, tops) in enumerate(pages, 1):
        if not tops or not lines:
            continue
        first = lines[0]
        words = [ch for ch in first["chars"] if ch["text"].strip()]
        titled = all("Bold" in ch["fontname"] and 0.5 < darkness(ch) < 0.95 for ch in words)
        assert titled and first["text"] != "Questions", \
            f"page {number}: a box goes on without its title: {first['text']!r}"
        assert not first["text"].startswith("—")
        if not first["text"].endswith("(continued)"):
            continue        # a box that starts at the top of the page
        continued += 1
        after = lines[1]["text"] if len(lines) > 1 else ""
        assert not after.startswith("—"), f"page {number}: an attribution parted from its quotation: {after!r}"
        assert after != "Questions", f"page {number}: a source's questions parted from the source"
        assert not after.startswith("“"), f"page {number}: a quotation parted from its introduction: {after!r}"
    assert continued, "no box goes on over a page: the test saw nothing"


def test_no_page_ends_with_a_chronology_year(high_pages):
    pages, _ = high_pages
    chronology = [i for i, (_, lines, _) in enumerate(pages) if lines and lines[0]["text"] == "Chronology"]
    assert chronology, "the chronology was not found"
    seen = 0
    for i in range(chronology[0], len(pages)):
        lines = pages[i][1]
        if lines and lines[0]["text"] == "Glossary":
            break
        seen += 1
        assert lines and not YEAR.match(lines[-1]["text"]), \
            f"page {i + 1}: the year {lines[-1]['text']} stands alone at the foot, its events overleaf"
    assert seen >= 2


def test_the_solzhenitsyn_and_dewey_sources_stay_whole(high_pages):
    """The two boxes seen broken: each source's quotation, attribution and first question on one page."""
    pages, _ = high_pages
    texts = [" ".join(ln["text"] for ln in lines) for _, lines, _ in pages]
    for title in ("Solzhenitsyn", "Dewey Commission’s conclusion"):
        starts = [i for i, t in enumerate(texts) if title in t and "“" in t]
        assert starts, title
        hit = [i for i in starts if "Questions" in texts[i] and "Source:" in texts[i]]
        assert hit, f"the {title} source is parted from its attribution or questions (pages {starts})"


# -- large print ---------------------------------------------------------------------------------------

def test_large_print_is_18_pt_and_dark_everywhere_in_the_type_area(pdf_cache):
    check_large_print(pdf_cache.build(MINI, "high", theme="large-print"))


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["middle", "high", "college"])
def test_shipped_large_print_is_18_pt_and_dark_everywhere(pdf_cache, edition):
    check_large_print(pdf_cache.build(CONTENT, edition, theme="large-print"))


def check_large_print(result):
    area = type_area(result.path)
    _, y0, _, y1 = area
    small, light, furniture = [], [], []
    for page in plumbed.pages(result.path):
        number, height = page["number"], page["height"]
        for ch in page["chars"]:
            if not ch["text"].strip():
                continue
            inside = height - y1 - 2 <= ch["top"] and ch["bottom"] <= height - y0 + 2
            where = f"page {number}: {ch['text']!r} at {ch['size']:.1f} pt"
            if inside:
                if ch["size"] < 17.95:
                    small.append(where)
                if darkness(ch) < 0.6:
                    light.append(where)
            elif ch["size"] < 13.95 or darkness(ch) < 0.95:
                furniture.append(where)
    assert not small, f"{len(small)} characters under 18 pt, e.g. {small[:5]}"
    assert not light, f"{len(light)} characters lighter than 60% black, e.g. {light[:5]}"
    assert not furniture, f"running heads and footers must be at least 14 pt and black: {furniture[:5]}"


def test_large_print_answer_sheet_has_no_blank_first_page(mini, tmp_path):
    """A long teacher's note (a box taller than the room under the heading) no longer leaves the first page
    of the answer sheet with nothing but its kicker."""
    from guide.build import handouts

    section = mini / "sections" / "alpha.yaml"
    note = " ".join(["Ask the class what a source can and cannot tell us, and why it matters here."] * 30)
    section.write_text(section.read_text().replace("teacher_notes: Discuss the material calmly.",
                                                   f"teacher_notes: {note}"))
    results = handouts(mini, "high", sections=["alpha"], output_dir=str(tmp_path), theme="large-print",
                       answers="separate")
    sheet = results[0].extra[0]
    area = type_area(sheet)
    with pdfplumber.open(str(sheet)) as pdf:
        lines = text_lines(pdf.pages[0], area)
    assert len(lines) >= 8, f"the answer sheet's first page holds only {[ln['text'] for ln in lines]}"


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["classic", "large-print", "accessible"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("mode", ["booklet", "two_sided"])
def test_every_theme_paper_and_booklet_builds(pdf_cache, theme, paper, mode):
    result = pdf_cache.build(CONTENT, "high", theme=theme, paper=paper, answers="separate", **{mode: True})
    assert result.pages > 20


@pytest.mark.slow     # one more combination of theme, paper and booklet: the quick run builds the default ones
def test_large_print_a4_booklet_builds(pdf_cache):
    """Seen failing with "Flowable <TaggedTable…> too large on page 34"."""
    result = pdf_cache.build(CONTENT, "high", theme="large-print", paper="a4", booklet=True)
    assert result.pages > 40


# -- middle school, answer lines, page numbers -----------------------------------------------------------

def test_middle_school_classic_body_is_12_pt_ragged_right(pdf_cache):
    """The body pages of the middle edition's first two sections (built alone: the whole edition's pages 6
    to 12 said the same): its classic body text is 12 pt and ragged. (The high edition's pages here have
    11 pt type and more than half their long lines flush right.)"""
    path = pdf_cache.build(CONTENT, "middle", sections=["background", "trials"]).path
    area = type_area(path)
    sizes: dict[float, int] = {}
    rights = []
    for page in plumbed.pages(path)[3:10]:
        for ch in page["chars"]:
            sizes[round(ch["size"], 1)] = sizes.get(round(ch["size"], 1), 0) + 1
        rights += [round(ln["x1"]) for ln in text_lines(page, area) if len(ln["text"]) > 40]
    body = max(sizes, key=sizes.get)
    assert 11.5 <= body <= 12.5, f"the middle-school body is {body} pt"
    frame_right = max(rights)
    flush = sum(1 for r in rights if r >= frame_right - 1.5)
    assert flush / len(rights) < 0.5, f"{flush} of {len(rights)} long lines end flush right: justified"


def test_answer_lines_photocopy_and_clear_the_next_question(mini, tmp_path):
    from guide.build import handouts

    out = handouts(mini, "high", sections=["alpha"], output_dir=str(tmp_path))[0].path
    x0, _, x1, _ = type_area(out)
    found = 0
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            rules = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.1 and ln["x0"] > x0 + 5
                     and ln["width"] > (x1 - x0) * 0.6]
            words = page.extract_words()
            for rule in rules:
                found += 1
                assert rule["linewidth"] >= 0.75, f"answer line {rule['linewidth']} pt"
                assert black(rule["stroking_color"]) >= 0.6, f"answer line colour {rule['stroking_color']}"
            # the text below the last rule of a question starts at least half a line below it
            for rule in rules:
                below = [w["top"] - rule["bottom"] for w in words if w["top"] > rule["bottom"]
                         and w["x0"] < rule["x1"] and w["x1"] > rule["x0"]]
                if below and not any(r["top"] > rule["bottom"] and r["top"] - rule["bottom"] < 40 for r in rules):
                    assert min(below) >= 8, f"text {min(below):.1f} pt under an answer line"
    assert found >= 9


def footer_numbers(path) -> list[tuple[int, float, float, float]]:
    """(page, x0, x1, page width) of each "Page X of Y"."""
    out = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            for i, w in enumerate(words[:-3]):
                if w["text"] == "Page" and words[i + 2]["text"] == "of" and page.height - w["bottom"] < 80:
                    out.append((number, w["x0"], words[i + 3]["x1"], page.width))
    return out


def test_page_numbers_are_on_the_outer_edge_of_two_sided_pages(pdf_cache):
    result = pdf_cache.build(MINI, "high", two_sided=True)
    numbers = footer_numbers(result.path)
    assert len(numbers) >= 4
    for page, x0, x1, width in numbers:
        if page % 2 == 0:
            assert x0 < width / 3, f"page {page} (left-hand): the number is at the spine"
        else:
            assert x1 > width * 2 / 3, f"page {page} (right-hand): the number is at the spine"


def test_page_numbers_are_on_the_outer_edge_of_booklet_pages(pdf_cache):
    """On each imposed side the left page's number is at the sheet's left edge and the right page's at its
    right edge, away from the fold."""
    result = pdf_cache.build(MINI, "high", booklet=True)
    numbers = footer_numbers(result.path)
    assert numbers
    for page, x0, x1, width in numbers:
        fold = width / 2
        assert x0 < fold * 0.4 or x1 > fold + fold * 0.6, f"sheet side {page}: a page number at the fold"


def test_content_too_large_for_any_page_is_named_with_its_file_and_line(mini, tmp_path):
    """A chart of 38 bars cannot fit on a page in large print: the message says where it is written, what
    it starts with and what to do; never ReportLab's description of its objects."""
    from guide.build import build
    from guide.errors import GuideError

    section = mini / "sections" / "alpha.yaml"
    bars = "".join(f"      - {{label: Bar {i}, value: {i}, total: 40}}\n" for i in range(1, 39))
    text = section.read_text()
    start = text.index("    data:\n") + len("    data:\n")
    end = text.index("\nquestions:") + 1
    section.write_text(text[:start] + bars + text[end:])
    line = text[:text.index("  - type: chart")].count("\n") + 1
    with pytest.raises(GuideError) as caught:
        build(mini, "high", theme="large-print", output=str(tmp_path / "out.pdf"))
    message = str(caught.value)
    assert f"alpha.yaml:{line}" in message, message
    assert "Things removed" in message and "shorten" in message, message
    assert "<" not in message and "Flowable" not in message and "0x" not in message, message
