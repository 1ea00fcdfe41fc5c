"""Total-fit line breaking (guide/typeset/linebreak.py) on hand-made paragraphs."""
from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rp

from guide.theme import THEMES
from guide.typeset import linebreak
from guide.typeset.columns import fit_columns
from guide.typeset.flowables import MAX_WORD_SPACE, GuideParagraph
from guide.typeset.styles import hyphenator, styles
from guide.typeset.tagging import line_ends

TEXT = ("The committee met on a cold morning in the old town hall, and its members argued for hours about "
        "the accounts, the roads and the school, until the chairman, tired of the quarrel, adjourned them. "
        "Nobody expected the Kaganovich’s report to change anything, yet by the evening the council had "
        "voted unanimously to rebuild the bridge across the river before the spring floods.")
WIDTH = 236         # first-fit leaves a line with word spaces 5.7 times their width here


@pytest.fixture(scope="module")
def body():
    return styles(THEMES["classic"])["body"]


def space(style) -> float:
    return stringWidth(" ", style.fontName, style.fontSize)


def line_texts(para) -> list[str]:
    bl = para.blPara
    if bl.kind == 0:
        return [" ".join(words) for _, words in bl.lines]
    return ["".join(w.text for w in line.words).strip() for line in bl.lines]


def read(para) -> str:
    """The paragraph's text as its lines give it back: a hyphen that hyphenation added joins the word."""
    out = ""
    for text, end in zip(line_texts(para), line_ends(para)):
        out += text[:-1] if end == "hyphen" else text + ("" if end == "none" else " ")
    return out.strip()


def test_first_fit_is_loose_where_total_fit_is_not(body):
    first = Paragraph(TEXT, body)
    first.wrap(WIDTH, 10_000)
    assert linebreak.loosest(first.blPara, space(body)) > MAX_WORD_SPACE - 1     # the old breaker fails here
    para = GuideParagraph(TEXT, body)
    para.wrap(WIDTH, 10_000)
    assert para.style is body, "fell back to ragged right"
    assert linebreak.loosest(para.blPara, space(body)) < 0.7
    assert read(para) == TEXT
    assert len(para.blPara.lines) <= len(first.blPara.lines)


@pytest.mark.parametrize("width", range(245, 420, 7))      # from 48 characters a line to 83
def test_justified_lines_stay_within_the_limit_and_read_whole(body, width):
    para = GuideParagraph(TEXT, body)
    para.wrap(width, 10_000)
    assert para.style is body, f"ragged at {width}"
    assert linebreak.loosest(para.blPara, space(body)) <= MAX_WORD_SPACE - 1 + 1e-6
    assert read(para) == TEXT
    for line in para.blPara.lines[:-1]:        # lines fill the measure (shrunk by at most a third of a space)
        extra, gaps = (line[0], len(line[1]) - 1) if isinstance(line, tuple) else (line.extraSpace,
                                                                                   line.wordCount - 1)
        assert extra >= -space(body) * linebreak.SHRINK * gaps - 1e-6


def test_several_fragments_one_model(body):
    """Bold, italics and a superscript note number: ReportLab's multi-fragment lines, made the same way."""
    text = TEXT.replace("committee", "<b>committee</b>").replace("quarrel", "<i>quarrel</i>") \
        .replace("them.", "them.<super>12</super>")
    plain = TEXT.replace("them.", "them.12")
    first = Paragraph(text, body)
    first.wrap(WIDTH, 10_000)
    para = GuideParagraph(text, body)
    para.wrap(WIDTH, 10_000)
    assert para.blPara.kind == 1 and para.style is body
    assert linebreak.loosest(first.blPara, space(body)) > MAX_WORD_SPACE - 1
    assert linebreak.loosest(para.blPara, space(body)) <= MAX_WORD_SPACE - 1
    assert read(para) == plain


def test_a_paragraph_split_over_two_frames_keeps_its_lines(body):
    para = GuideParagraph(TEXT, body)
    para.wrap(WIDTH, 10_000)
    whole = line_texts(para)
    first, rest = para.split(WIDTH, body.leading * 4 + 1)
    first.wrap(WIDTH, body.leading * 4 + 1)
    rest.wrap(WIDTH, 10_000)
    assert line_texts(first) == whole[:4]
    assert first.wrap(WIDTH, body.leading * 4 + 1)[1] <= body.leading * 4 + 1
    joined = read(first) + ("" if line_ends(first)[-1] == "hyphen" else " ") + read(rest)
    assert joined == TEXT


def test_no_break_just_before_a_hyphen():
    points = hyphenator("en_US")("self-serving")
    assert points and all(not tail.startswith("-") for _, tail in points)
    import pyphen
    assert any(t.startswith("-") for _, t in pyphen.Pyphen(lang="en_US").iterate("self-serving")), \
        "pyphen no longer offers the break this guards against"


def test_no_two_letter_fragment_carried_over():
    assert all(len(tail) >= 3 for _, tail in hyphenator("en_US")("existed"))
    assert ("ex", "isted") in hyphenator("en_US")("existed")


def W(width, cands=()):
    return linebreak.Word(width, 5.0, list(cands), True)


def test_a_last_line_that_is_only_a_fragment_is_avoided(monkeypatch):
    # six short words, then one that hyphenation could split so that the first line is exactly full and
    # the last line only the end of that word; without the penalty that is the best breaking
    words = [W(10) for _ in range(6)] + [W(30, [(10, 22, True)])]
    words[-1].space = 0
    best = linebreak.total_fit(words, 5.0, [100], 0.95)
    assert [inside for _, inside in best] == [False, False]
    monkeypatch.setattr(linebreak, "FRAGMENT_DEMERITS", 0)
    assert [inside for _, inside in linebreak.total_fit(words, 5.0, [100], 0.95)] == [True, False]


def test_two_hyphenated_lines_in_a_row_are_avoided(monkeypatch):
    words = ([W(65 / 6) for _ in range(6)] + [W(30, [(5, 26, True)])] + [W(10) for _ in range(4)]
             + [W(30, [(9, 22, True)]), W(10)])
    words[-1].space = 0
    ends = [inside for _, inside in linebreak.total_fit(words, 5.0, [100], 0.95)]
    assert not any(a and b for a, b in zip(ends, ends[1:])), ends
    monkeypatch.setattr(linebreak, "DOUBLE_HYPHEN_DEMERITS", 0)
    ends = [inside for _, inside in linebreak.total_fit(words, 5.0, [100], 0.95)]
    assert ends[:2] == [True, True]


def test_a_word_split_where_reportlab_would_split_it(body):
    """The model's split points are ReportLab's own, in its order: replaying a plan reproduces the plan."""
    para = GuideParagraph(TEXT, body)
    naturals = linebreak.plan(para, [WIDTH, WIDTH], para.frags)
    bl = linebreak.replay(para, [WIDTH, WIDTH], naturals, super(GuideParagraph, para).breakLines)
    assert bl is not None and len(bl.lines) == len(naturals)
    # and a plan ReportLab cannot follow is refused, not followed wrongly
    assert linebreak.replay(para, [WIDTH, WIDTH], [n - 20 for n in naturals],
                            super(GuideParagraph, para).breakLines) is None
    assert any(isinstance(w, rp._SplitWordHY) for _, words in bl.lines for w in words), "no word split"


def test_no_word_of_a_table_header_is_broken():
    """The chronology's narrow "Section" column in a booklet: the column takes room from a wider one."""
    from reportlab.platypus import Table

    st = styles(THEMES["classic"])
    head = [GuideParagraph(t, st["cell_head"]) for t in ("Date", "Event", "Section")]
    widths = [63.0, 214.4, 37.8]            # 20 %, 68 %, 12 % of a half-letter booklet column
    pad = THEMES["classic"].body_size * 0.8

    def header_lines(ws):
        cells = [GuideParagraph(p.text, p.style) for p in head]
        table = Table([cells], colWidths=ws)
        table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), pad)])
        table.wrap(sum(ws), 1000)
        return [len(cell.blPara.lines) for cell in cells]

    assert header_lines(widths)[2] > 1                        # as it was: "Sectio / n"
    fitted = fit_columns([head], widths, pad)                 # what every table of the guide is given
    assert header_lines(fitted) == [1, 1, 1]
    assert abs(sum(fitted) - sum(widths)) < 1e-6 and fitted[1] < widths[1]
    assert fit_columns([head], [20.0, 20.0, 20.0], pad) == [20.0, 20.0, 20.0]   # no room anywhere: kept


@pytest.mark.parametrize("theme", ["large-print", "classic"])
def test_a_long_web_address_breaks_at_its_punctuation_within_the_measure(theme, monkeypatch):
    """A bibliography entry (hanging indent) whose address is too wide for a line of its own: it used to
    move whole onto the next line and end past the right edge. At every measure from a booklet's to past
    Letter's (where the address falls differs; a ragged line has no spaces to shrink past the edge)."""
    from guide.bibliography import breakable_url
    from guide.typeset.reportlab_patches import installed

    style = styles(THEMES[theme])["biblio"]
    url = "http://hoaxes.org/photo_database/image/the_commissar_vanishes"
    text = f'Museum of Hoaxes. “The Commissar Vanishes.” <a href="{url}">{breakable_url(url)}</a>. A description'
    widths = range(380, 624, 4) if theme == "large-print" else range(200, 324, 4)

    def overrun(width: float, whole: bool = True) -> float:
        para = GuideParagraph(text, style)
        with installed():           # the address breaks are ReportLab's word splitting as a layout changes it
            para.wrap(width, 10_000)
        assert not whole or read(para).replace("\u200b", "") == f"Museum of Hoaxes. “The Commissar Vanishes.” {url}. A description"
        return -min(line[0] if isinstance(line, tuple) else line.extraSpace for line in para.blPara.lines)

    over = {w: overrun(w) for w in widths}
    assert max(over.values()) < 1, {w: o for w, o in over.items() if o >= 1}
    if theme == "large-print":              # without the address breaks it overflows (as it did)
        from guide.typeset import addresses
        monkeypatch.setattr(addresses, "_split_frag_word", lambda *args: None)
        monkeypatch.setattr(linebreak, "ends_on_fragment", lambda *args: False)     # nor re-broken total-fit
        assert max(overrun(w, whole=False) for w in widths) > 1



FRAGMENT_TEXT = ("In the spring of 1937 the party's central committee met in Moscow and heard the accusations against "
                 "Bukharin and Rykov, who were expelled and arrested; a year later both were tried in public and "
                 "convicted.")


def ends_on_fragment(para) -> bool:
    ends = line_ends(para)
    return len(ends) > 1 and ends[-2] == "hyphen" and len(line_texts(para)[-1].split()) == 1


@pytest.mark.parametrize("width", [336, 340])
def test_a_paragraph_whose_first_fit_ends_on_a_fragment_is_broken_again(body, width):
    """First-fit lines that are not loose but end on "con- / victed." are re-broken total-fit."""
    first = Paragraph(FRAGMENT_TEXT, body)
    first.wrap(width, 10_000)
    assert ends_on_fragment(first)
    assert linebreak.loosest(first.blPara, space(body)) <= linebreak.LOOSE     # first-fit alone is not loose
    para = GuideParagraph(FRAGMENT_TEXT, body)
    para.wrap(width, 10_000)
    assert para.style is body and not ends_on_fragment(para)
    assert linebreak.loosest(para.blPara, space(body)) <= MAX_WORD_SPACE - 1
    assert read(para) == FRAGMENT_TEXT


def test_spaces_shrink_further_only_where_nothing_else_fits():
    # four words fill a line only with their spaces shrunk by 0.4, and three leave it far too loose: no
    # breaking at TeX's shrink of 1/3, one at the tighter shrink that `plan` tries before setting it ragged
    words = [W(22.75) for _ in range(5)]
    words[-1].space = 0
    assert linebreak.total_fit(words, 5.0, [100], MAX_WORD_SPACE - 1) is None
    best = linebreak.total_fit(words, 5.0, [100], MAX_WORD_SPACE - 1, shrink=linebreak.TIGHT_SHRINK)
    assert [round(natural, 2) for natural, _ in best] == [106.0, 22.75]


SPLIT_TEXT = ("traffic.<super>6</super> The canal belongs to the prehistory of the Great Purge, not to the purge "
              "itself, a chronology that some popular accounts blur. In the Second Five-Year Plan the NKVD became "
              "a major economic commissariat, in charge of Kolyma gold, Norilsk nickel (the Norilsk camp was "
              "founded in 1935), Vorkuta coal, northern timber and railroad building in the Far East.")


@pytest.mark.parametrize("width", [199, 251])
def test_a_split_paragraphs_rest_broken_again_keeps_its_hard_hyphens(body, width):
    """At these widths the whole paragraph breaks "Five- / Year" at the word's own hyphen; its rest (after two
    lines) is broken again at its own width, and ReportLab's rejoining of the split word took the hyphen off
    ("FiveYear" printed). The patches `typeset` installs keep it; the rest reads as the source. (The
    guide's styles no longer break at a word's own hyphen, which pdftotext would take off: this style does,
    as a web address still breaks after a "-".)"""
    from reportlab.lib.styles import ParagraphStyle

    from guide.typeset.reportlab_patches import installed

    body = ParagraphStyle("embedded", parent=body, embeddedHyphenation=1)

    plain = SPLIT_TEXT.replace("<super>6</super>", "6")
    with installed():
        para = GuideParagraph(SPLIT_TEXT, body)
        para.wrap(width, 10_000)
        assert any(t.endswith("Five-") for t in line_texts(para))      # the case this test is about
        first, rest = para.split(width, 2 * body.leading + 0.1)
        first.wrap(width, 10_000)
        for w in (width, width - 20, width):
            rest.wrap(w, 10_000)
            ends = line_ends(first)
            whole = read(first) + ("" if ends[-1] == "hyphen" else " ") + read(rest)
            assert whole == plain, w


@pytest.mark.parametrize("width", range(240, 420, 25))
def test_no_part_of_a_split_paragraph_ends_on_a_hyphen(body, width):
    """A frame's last line is not the head of a hyphenated word (no reader joins it to its tail on the next
    page): the line goes over with it, and both parts read as the source."""
    whole = GuideParagraph(TEXT, body)
    whole.wrap(width, 10_000)
    ends = line_ends(whole)
    cases = [i + 1 for i, e in enumerate(ends[:-2]) if e == "hyphen" and i >= 2]
    for lines in cases:                                 # room for exactly the lines up to a hyphen
        para = GuideParagraph(TEXT, body)
        para.wrap(width, 10_000)
        first, rest = para.split(width, lines * body.leading + 0.1)
        first.wrap(width, 10_000)
        rest.wrap(width, 10_000)
        assert len(first.blPara.lines) == lines - 1
        assert line_ends(first)[-1] != "hyphen"
        assert read(first) + " " + read(rest) == TEXT


def test_the_split_test_meets_a_hyphen(body):
    """(The test above has cases: some of its widths hyphenate a line after the second.)"""
    found = 0
    for width in range(240, 420, 25):
        para = GuideParagraph(TEXT, body)
        para.wrap(width, 10_000)
        found += "hyphen" in line_ends(para)[2:-2]
    assert found >= 2


@pytest.mark.parametrize("width", range(180, 300, 4))
def test_no_line_ends_at_a_words_own_hyphen(body, width):
    """pdftotext takes the hyphen off every line that ends in one ("forced- / labor" read "forcedlabor"), so
    a word's own hyphen never ends a line: only hyphens that hyphenation adds do, which every reader drops."""
    text = "The agency set up in 1930 to run the forced-labor camps, and Stalin-era self-criticism and Five-Year Plans."
    para = GuideParagraph(text, body)
    para.wrap(width, 10_000)
    assert "none" not in line_ends(para)
    assert read(para) == text


# -- letter-spacing, the last resort of a justified line (guide/typeset/tracking.py) -------------------------------

LOOSE_TEXT = ("Stalin arrived in Leningrad on 2 December with Molotov, Voroshilov, Yagoda and Nikolai Yezhov, and "
              "the investigators were pointed toward the former supporters of Zinoviev within a few days of the "
              "murder.")
LOOSE_WIDTH = 312.0     # "Voroshilov," (which no hyphenation patterns break) does not fit line 1, whose spaces
#                         would stretch past the limit without letter-spacing (here 0.019 em a letter)


def test_a_line_that_cannot_justify_within_the_limit_takes_letter_spacing(body, monkeypatch):
    from guide.typeset import tracking
    para = GuideParagraph(LOOSE_TEXT, body)
    para.wrap(LOOSE_WIDTH, 10_000)
    assert para.style is body, "fell back to ragged right"
    tracks = [tracking.track_of(line) for line in para.blPara.lines]
    assert 0 < tracks[0] <= tracking.TRACK * body.fontSize and not any(tracks[1:])
    assert linebreak.loosest(para.blPara, space(body)) <= MAX_WORD_SPACE - 1 + 1e-6
    assert read(para) == LOOSE_TEXT
    monkeypatch.setattr(tracking, "TRACK", 0.0)
    again = GuideParagraph(LOOSE_TEXT, body)
    again.wrap(LOOSE_WIDTH, 10_000)
    assert again.style is not body          # without it, the paragraph is set ragged right


def test_a_letter_spaced_line_prints_justified_within_the_limit(body, tmp_path):
    """Drawn (with guide's ReportLab changes) and read back by the layout checker: the letter-spaced line
    reaches the right edge of the measure and its word gaps stay under the checker's limit."""
    from reportlab.pdfgen import canvas
    import pikepdf
    from guide.checkpdf import check_pdf
    from guide.typeset.reportlab_patches import installed

    left, top = 72.0, 720.0
    path = tmp_path / "tracked.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    with installed():
        y = top
        for _ in range(6):              # enough body text for the checker to know the body font
            para = GuideParagraph(LOOSE_TEXT, body)
            h = para.wrap(LOOSE_WIDTH, 10_000)[1]
            para.drawOn(c, left, y - h)
            y -= h + body.leading
    c.save()
    area = (left, 72.0, left + LOOSE_WIDTH, top)
    found = check_pdf(path, type_area=area)
    assert not [f for f in found if f.check in ("stretched-line", "ragged-paragraph", "type-area")], found
    with pikepdf.open(path) as pdf:
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
    assert "Tc" in ops                      # the letter-spacing is drawn


def test_no_word_is_split_where_it_starts_a_line():
    """ReportLab carries a word that does not fit over to the next line whole, and splits only the paragraph's
    first word where it starts a line: a breaking that splits one there cannot be made, and the paragraph
    kept its first-fit lines, here ending on a fragment ("argu- / ment."), in a narrow rubric cell."""
    cell = styles(THEMES["classic"])["cell"]
    text = ("Well-chosen evidence from across the section, including the chart or the Ginzburg and "
            "Solzhenitsyn sources, each tied to a specific point of the argument.")
    first = Paragraph(text, cell)
    first.wrap(62.03, 10_000)
    assert linebreak.ends_on_fragment(first.blPara, first.frags)     # ReportLab's own lines
    para = GuideParagraph(text, cell)
    para.wrap(62.03, 10_000)
    assert not linebreak.ends_on_fragment(para.blPara, para.frags)
    assert read(para) == text


def test_names_the_american_patterns_leave_whole_are_hyphenated_by_the_british():
    import pyphen
    american = pyphen.Pyphen(lang="en_US", left=2, right=3)
    points = hyphenator("en_US")
    for name, head in (("Kamenev", "Ka"), ("Rokossovsky", "Rokos"), ("Voloshyn", "Vo")):
        assert list(american.iterate(name)) == []           # the case: no point in the American patterns
        assert (head, name[len(head):]) in points(name)
    assert points("commissariat") == tuple(american.iterate("commissariat"))      # other words as before
    assert points("amnesty") == ()                      # the British patterns would break it: names only


@pytest.mark.slow
@pytest.mark.parametrize("options", [pytest.param({}, id="default"), pytest.param({"booklet": True}, id="booklet"),
                                     pytest.param({"paper": "a4"}, id="a4")])
def test_no_justified_paragraph_of_the_shipped_guide_is_set_ragged(tmp_path, monkeypatch, options):
    """Every paragraph drawn in the classic high-school edition (body text, boxes, key figures; on Letter, on
    A4 and on half-size booklet pages, the narrowest measure) is justified as its style says: none falls back
    to ragged right, and no justified line's word spaces pass the limit (letter-spacing counted)."""
    from conftest import CONTENT
    from guide.build import build
    from guide.typeset import flowables, tracking

    drawn = {"ragged": [], "over": [], "justified": 0}
    original = flowables.GuideParagraph.draw

    def draw(self):
        st = self.style
        if st.name.endswith("-ragged"):
            drawn["ragged"].append(self.getPlainText()[:60])
        elif st.alignment == 4 and len(self.blPara.lines) > 1:       # TA_JUSTIFY
            drawn["justified"] += 1
            sp = stringWidth(" ", st.fontName, st.fontSize)
            for line in self.blPara.lines[:-1]:
                if tracking.line_parts(line)[1] > 0 and tracking.word_space_extra(line) > sp * (MAX_WORD_SPACE - 1) + 1e-6:
                    drawn["over"].append(self.getPlainText()[:60])
        return original(self)

    monkeypatch.setattr(flowables.GuideParagraph, "draw", draw)
    build(CONTENT, "high", output=str(tmp_path / "high.pdf"), tagged=False, **options)
    assert drawn["justified"] > 100
    assert drawn["ragged"] == [] and drawn["over"] == []


def test_hyphenating_only_words_a_line_can_end_inside_changes_nothing(tmp_path, monkeypatch):
    """Total-fit asks for a word's splits only when a line could end inside it; asking for every word's
    gives the same PDF, byte for byte, after asking for many more."""
    from conftest import MINI
    from guide.build import build
    from guide.typeset import linewords

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    asked = {}
    for prune in (True, False):
        monkeypatch.setattr(linebreak, "PRUNE", prune)
        linewords.split_candidates.cache_clear()
        build(MINI, "high", output=str(tmp_path / f"{prune}.pdf"))
        asked[prune] = linewords.split_candidates.cache_info().misses
    assert (tmp_path / "True.pdf").read_bytes() == (tmp_path / "False.pdf").read_bytes()
    assert asked[True] < asked[False] * 0.8, asked
