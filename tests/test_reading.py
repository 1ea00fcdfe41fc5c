"""The reading test: what a screen reader gets from a PDF is what the page says.

The structure tree is walked with pikepdf (`screenreader`: marked content followed by id, ActualText and
Alt applied, artifacts skipped) and compared with the plain text of the resolved document (`readcheck`):
every paragraph's words in order in one element, no word joined to its neighbour, no fragment of a
hyphenated word, no repeated table header, every link's words inside its Link with its annotation, every
run of Cyrillic text in a Span of its own in Russian, no zero-width characters. Real readers too: pdftotext
(its plain text) and poppler's `pdfinfo -struct-text` (its structure view); those tests skip without
poppler-utils, and fail when CI=true.

The small fixture content (and a harder copy of it, with long justified paragraphs, a URL, Cyrillic in
running text and a chronology long enough to repeat its header) runs in the quick suite; the shipped
editions, a handout and an answer key are marked slow. Each fix is also taken away once
(`test_each_fix_is_needed`), and the test must then find its defect.
"""
from __future__ import annotations

import codecs
import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from filelock import FileLock

import readcheck as rc
import screenreader
from conftest import CONTENT, MINI, run_dir
from guide.build import build, handouts

DEFECTS = ("missing", "joined", "hyphen", "empty_link", "repeated_header", "cyrillic_not_ru", "zero_width")


def assert_clean(d: rc.Defects, what: str) -> None:
    bad = {k: v[:5] for k, v in d.__dict__.items() if isinstance(v, list) and v}
    assert not bad, f"{what}: {bad}"


# ------------------------------------------------------------------------------------------ fixtures

LONG = ("Historians who study the *Great Terror* of 1936–38 disagree about how far the repression was "
        "centrally directed. Interpretations that emphasise the initiative of regional party secretaries, the "
        "competition between institutions and the improvisation of the [[nkvd]] stand against accounts that "
        "stress Stalin's personal responsibility and the extraordinary documentary record of his signatures.[@book-one] "
        "Counter-revolutionary organisations, wreckers and saboteurs were discovered everywhere; denunciations "
        "multiplied, and administrative categories such as the *kulak* and the *byvshie lyudi* determined who was "
        "arrested.[@article-two] Contemporaries called the period «Стальные ежовы рукавицы», the hedgehog "
        "gloves, after Nikolai Yezhov; others spoke of the ежовщина or simply of the [[gulag]]. Responsibility, "
        "intentionality and contingency remain contested historiographical questions, and the internationalisation "
        "of Soviet archival collections after 1991 transformed the documentary foundations of the debate.")


def make_hard(mini: Path) -> None:
    """The fixture content at `mini` made harder to read right: long justified paragraphs that hyphenate and
    end lines in italics, note numbers and glossary links, Cyrillic in running text, a cited web address,
    and a chronology that breaks over pages."""
    path = mini / "sections" / "alpha.yaml"
    sec = yaml.safe_load(path.read_text(encoding="utf-8"))
    sec["blocks"][:0] = [{"type": "paragraph", "text": LONG.replace("1936–38", f"1936–38 ({i})")}
                         for i in range(6)]
    sec["blocks"].append({"type": "paragraph", "text": "The database is online.[@web-source]"})
    path.write_text(yaml.safe_dump(sec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sources = yaml.safe_load((mini / "sources.yaml").read_text(encoding="utf-8"))
    sources["references"].append({
        "id": "web-source", "type": "webpage", "title": "Victims of Political Terror in the USSR",
        "container-title": "Memorial", "issued": {"date-parts": [[2017]]},
        "URL": "https://lists.memo.ru/index-of-victims/very_long_path_for-wrapping/part-two.html"})
    (mini / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    chron = yaml.safe_load((mini / "chronology.yaml").read_text(encoding="utf-8"))
    chron["events"] += [{"date": f"{1920 + i // 12}-{i % 12 + 1:02d}", "section": "alpha", "source": "book-one",
                         "text": f"Event number {i}: a decree, an arrest or a trial that the section describes."}
                        for i in range(90)]
    (mini / "chronology.yaml").write_text(yaml.safe_dump(chron, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")


@pytest.fixture(scope="session")
def hard(tmp_path_factory, pdf_cache) -> Path:
    """The harder content (`make_hard`), made once per test run in a folder the xdist workers share, and
    read-only (no test changes it; a test that takes a fix away patches the code and builds its own PDF), so
    that its guide is built once, through the run's cache (`_cases(..., cache=pdf_cache)`)."""
    folder = run_dir(tmp_path_factory) / "hard-content"
    with FileLock(str(folder) + ".lock"):
        if not folder.is_dir():
            making = folder.with_name(folder.name + ".tmp")
            shutil.rmtree(making, ignore_errors=True)
            shutil.copytree(MINI, making)
            make_hard(making)
            making.rename(folder)
    pdf_cache.read_only.append(folder.resolve())
    return folder


_EXPECTED: dict = {}


def _cases(content, tmp_path, which: str, cache=None):
    """(path, expected texts) of one kind of PDF built from `content` (the guide from `cache`, when given:
    only for content no test changes, built by code no test patches)."""
    if which == "guide":
        if cache is not None:
            key = (str(content), which)
            if key not in _EXPECTED:
                _EXPECTED[key] = rc.expected_texts(rc.resolved(content, "high"), "guide")
            return cache.build(content, "high").path, _EXPECTED[key]
        r = build(content, "high", output=str(tmp_path / "guide.pdf"))
        return r.path, rc.expected_texts(rc.resolved(content, "high"), "guide")
    if which == "key":
        r = build(content, "college", answers="separate", output=str(tmp_path / "c.pdf"))
        return r.extra[0], rc.expected_texts(rc.resolved(content, "college", answers="separate"), "answers")
    results = handouts(content, "high", sections=["alpha"], output_dir=str(tmp_path / "h"), answers="separate")
    doc = rc.resolved(content, "high", ["alpha"], answers="separate")
    if which == "handout":
        return results[0].path, rc.expected_texts(doc, "handout")
    return results[0].extra[0], rc.expected_texts(doc, "handout-answers")


# -------------------------------------------------------------------------------- the structure tree

@pytest.mark.parametrize("which", ["guide", "handout", "handout-answers", "key"])
def test_screen_reader_reads_what_the_page_says(hard, tmp_path, pdf_cache, which):
    path, expected = _cases(hard, tmp_path, which, pdf_cache)
    d = rc.defects(path, expected)
    assert_clean(d, f"{which}, read from the structure tree")
    if which == "guide":       # the harder content does have what is measured
        assert d.links > 10 and d.cyrillic_runs >= 6


@pytest.mark.slow
@pytest.mark.parametrize("name", ["middle", "high", "college"])
def test_screen_reader_reads_the_shipped_editions(shipped_builds, name):
    d = rc.defects(shipped_builds[name].path, rc.expected_texts(rc.resolved(CONTENT, name), "guide"))
    assert_clean(d, name)
    assert d.links > 300 and d.cyrillic_runs > 50


@pytest.fixture(scope="module")
def shipped_extras(tmp_path_factory):
    """A shipped handout (the first section of the default edition) and the default edition's answer key."""
    out = tmp_path_factory.mktemp("extras")
    hand = handouts(CONTENT, None, sections=["background"], output_dir=str(out / "h"))[0].path
    key = build(CONTENT, None, answers="separate", output=str(out / "k.pdf")).extra[0]
    return {"handout": (hand, rc.expected_texts(rc.resolved(CONTENT, None, ["background"]), "handout")),
            "key": (key, rc.expected_texts(rc.resolved(CONTENT, None, answers="separate"), "answers"))}


@pytest.mark.slow
@pytest.mark.parametrize("which", ["handout", "key"])
def test_screen_reader_reads_a_shipped_handout_and_answer_key(shipped_extras, which):
    path, expected = shipped_extras[which]
    assert_clean(rc.defects(path, expected), which)


def test_list_items_figures_and_links_have_their_parts(hard, pdf_cache):
    """Each list item is a label (bullet or number) and a body; each figure has alt text and a bounding box;
    each Link stands inside the element whose text it is part of."""
    path, _ = _cases(hard, None, "guide", pdf_cache)
    reading = screenreader.read(path)         # (its objects are readable while it is open)
    nodes = list(reading.root.walk())
    items = [n for n in nodes if n.role == "LI"]
    assert len(items) > 5
    for li in items:
        roles = [k.role for k in li.kids if isinstance(k, screenreader.Node)]
        assert roles in (["Lbl", "LBody"], ["LBody"]), roles      # (a bibliography entry has no label)
    labelled = [li for li in items if li.kids[0].role == "Lbl"]
    assert labelled and all(re.fullmatch(r"(•|\d+\.) ", li.kids[0].text) for li in labelled)
    figures = [n for n in nodes if n.role == "Figure"]
    assert figures and all(len(str(f.obj.Alt)) > 10 and len(f.obj.A.BBox) == 4 for f in figures)
    assert all(n.parent.role not in ("Document", "Sect", "StructTreeRoot") for n in nodes if n.role == "Link")


# -------------------------------------------------------------------------------------- real readers

def _real_readers(path, expected, what):
    vocab = rc.Vocabulary(expected)
    text = rc.pdftotext(path)
    t = rc.text_defects(text, vocab, lines=True)
    assert not (t.joined or t.hyphen or t.zero_width), f"{what}, pdftotext: {t.summary()}"
    p = rc.poppler_defects(path, expected)
    assert_clean(p, f"{what}, pdfinfo -struct-text")
    return p


@pytest.mark.parametrize("which", ["guide", pytest.param("handout", marks=pytest.mark.slow)])  # (one quick)
def test_real_readers_read_what_the_page_says(hard, tmp_path, pdf_cache, which):
    path, expected = _cases(hard, tmp_path, which, pdf_cache)
    p = _real_readers(path, expected, which)
    assert p.links > 10 and p.cyrillic_runs >= 6


@pytest.mark.slow
@pytest.mark.parametrize("name", ["middle", "high", "college"])
def test_real_readers_read_the_shipped_editions(shipped_builds, name):
    _real_readers(shipped_builds[name].path, rc.expected_texts(rc.resolved(CONTENT, name), "guide"), name)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["handout", "key"])
def test_real_readers_read_a_shipped_handout_and_answer_key(shipped_extras, which):
    _real_readers(*shipped_extras[which], which)


# ------------------------------------------------------------------------------------- links and URLs

def test_web_addresses_are_links_and_read_clean(hard, pdf_cache):
    path, _ = _cases(hard, None, "guide", pdf_cache)
    reading = screenreader.read(path)
    url = "https://lists.memo.ru/index-of-victims/very_long_path_for-wrapping/part-two.html"
    links = [n for n in reading.root.walk() if n.role == "Link" and "lists.memo.ru" in n.text]
    assert links and all(rc.norm(n.text) == url for n in links), [n.text for n in links]
    for link in links:
        assert link.objrs and all(str(o.A.S) == "/URI" and str(o.A.URI) == url and str(o.Contents) == url
                                  for o in link.objrs)
    assert not any(rc.ZERO_WIDTH.search(p.marked.get(m, "")) for p in reading.pages for m in p.marked)


def test_link_descriptions_decode(hard, pdf_cache):
    """Every link's /Contents, and every title and alt text in the structure tree, is ASCII or UTF-16 with its
    byte-order mark and an even number of bytes; pdfplumber reads every annotation of every page."""
    path, _ = _cases(hard, None, "guide", pdf_cache)
    pdf = pikepdf.open(path)
    contents = [bytes(a.Contents) for p in pdf.pages for a in p.get("/Annots", [])]
    reading = screenreader.read(path)
    strings = [bytes(n.obj[k]) for n in reading.root.walk() for k in ("/T", "/Alt") if k in n.obj]
    assert contents and any(not b.isascii() for b in contents) and strings
    for b in contents + strings:
        assert b.isascii() or (b.startswith(codecs.BOM_UTF16_BE) and len(b) % 2 == 0), b
    with pdfplumber.open(path) as plumber:
        assert sum(len(p.annots) for p in plumber.pages) == len(contents)


# ------------------------------------------------------------------------------------------- metadata

def test_metadata_has_no_empty_author_and_no_private_keys(mini_build):
    r = mini_build
    pdf = pikepdf.open(r.path)
    info = pdf.docinfo
    assert "/Author" not in info                         # the fixture's edition names no instructor
    assert not any(str(k).startswith("/Guide") for k in info.keys())
    assert isinstance(info.Trapped, pikepdf.Name) and str(info.Trapped) == "/False"
    private = pdf.Root.PieceInfo.Guide.Private
    assert len(str(private.TypeArea).split()) == 4 and len(str(private.Furniture).split()) == 2
    from guide.checkpdf import check_pdf, format_report
    # straight quotes typed in the fixture print straight until issue 19's typographic quotes land (linebreak)
    assert [f for f in check_pdf(r.path) if f.check != "straight-quote"] == []
    assert "type area from the PDF" in format_report(r.path, [])


def test_author_when_the_edition_names_one(mini, tmp_path):
    (mini / "editions" / "named.yaml").write_text("level: high\ninstructor: Dr. Ана Петрова\n", encoding="utf-8")
    r = build(mini, "named", output=str(tmp_path / "n.pdf"))
    pdf = pikepdf.open(r.path)
    assert str(pdf.docinfo.Author) == "Dr. Ана Петрова"
    assert "Ана Петрова" in pdf.Root.Metadata.read_bytes().decode("utf-8")


def test_booklet_keeps_metadata_language_outline_and_links(mini, tmp_path):
    r = build(mini, "high", booklet=True, output=str(tmp_path / "b.pdf"))
    pdf = pikepdf.open(r.path)
    assert isinstance(pdf.docinfo.Trapped, pikepdf.Name)
    assert str(pdf.docinfo.Title) == "A Small Guide" and "/Author" not in pdf.docinfo
    assert not any(str(k).startswith("/Guide") for k in pdf.docinfo.keys())
    assert str(pdf.Root.Lang) == "en" and pdf.Root.ViewerPreferences.DisplayDocTitle is True
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "A Small Guide" in xmp and "pdfuaid:part" not in xmp    # an untagged booklet claims no PDF/UA
    assert "/StructTreeRoot" not in pdf.Root
    assert len(str(pdf.Root.PieceInfo.Guide.Private.TypeArea).split()) == 4   # (the half-size pages' frame)
    from guide.checkpdf import format_report
    assert "type area from the PDF" in format_report(r.path, [])
    with pdf.open_outline() as o:
        assert [i.title for i in o.root][:3] == ["A Small Guide", "Contents", "Alpha Section"]
    assert sum(len(p.get("/Annots", [])) for p in pdf.pages) > 5


def test_imposed_links_and_outline_lead_to_the_sheets_of_their_pages(mini, tmp_path):
    """Each link of the source stands on the sheet side that shows its page, moved with the page, and leads
    to the sheet side that shows its target; each bookmark leads to its page's side."""
    from guide.impose import booklet_order, impose

    path = build(mini, "high", output=str(tmp_path / "f.pdf")).path
    flat = pikepdf.open(path)
    w, h = (float(v) for v in flat.pages[0].mediabox[2:])
    data, _ = impose(path.read_bytes(), (2 * w, h))
    (tmp_path / "i.pdf").write_bytes(data)
    pdf = pikepdf.open(tmp_path / "i.pdf")
    side_of = {n: s for s, pair in enumerate(booklet_order(len(flat.pages))) for n in pair}
    flat_index = {p.objgen: i for i, p in enumerate(flat.pages)}
    sheet_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    expected = sorted((side_of[i + 1], bytes(a.Contents), side_of[flat_index[a.Dest[0].objgen] + 1]
                       if "/Dest" in a else str(a.A.URI))
                      for i, p in enumerate(flat.pages) for a in p.get("/Annots", []))
    got = sorted((i, bytes(a.Contents), sheet_index[a.Dest[0].objgen] if "/Dest" in a else str(a.A.URI))
                 for i, p in enumerate(pdf.pages) for a in p.get("/Annots", []))
    assert got == expected and len(got) > 5
    # a link's rectangle is the source's, moved by the page's offset on the sheet (left half or right half)
    first = flat.pages[2].Annots[0]
    moved = [a for a in pdf.pages[side_of[3]].Annots if bytes(a.Contents) == bytes(first.Contents)][0]
    dx = float(moved.Rect[0]) - float(first.Rect[0])
    assert dx in (0.0, w) and float(moved.Rect[2]) - float(first.Rect[2]) == dx
    with flat.open_outline() as f, pdf.open_outline() as o:
        pairs = [(a.title, side_of[flat_index[a.destination[0].objgen] + 1],
                  sheet_index[b.destination[0].objgen]) for a, b in zip(f.root, o.root)]
        assert [t for t, _, _ in pairs] == [i.title for i in f.root]
        assert all(want == have for _, want, have in pairs)


def test_handout_bookmarks_are_complete(mini, tmp_path):
    """Every heading of a handout down to its parts (H1, H2; not the titles of boxes) has its bookmark, in
    order."""
    path = handouts(mini, "high", sections=["alpha"], output_dir=str(tmp_path / "h"))[0].path
    reading = screenreader.read(path)

    def in_box(n):
        return n.parent is not None and (n.parent.role == "Div" or in_box(n.parent))
    headings = [rc.norm(n.text) for n in reading.root.walk() if n.role in ("H1", "H2") and not in_box(n)]
    pdf = pikepdf.open(path)
    with pdf.open_outline() as o:
        marks = []

        def walk(items):
            for i in items:
                marks.append(rc.norm(i.title))
                walk(i.children)
        walk(o.root)
    assert marks == headings
    assert {"Key terms", "Timeline", "Notes", "Works cited"} <= set(marks)


# ------------------------------------------------------------------------------ each fix is needed

def _break_line_end_spaces(mp):
    import guide.typeset.tagging as t
    real = t.line_ends
    mp.setattr(t, "line_ends", lambda p: ["none" if e == "space" else e for e in real(p)])


def _break_hyphens(mp):         # the inserted hyphen drawn as text, as if the line ended between words
    import guide.typeset.tagging as t
    real = t.line_ends
    mp.setattr(t, "line_ends", lambda p: ["space" if e == "hyphen" else e for e in real(p)])


def _break_links(mp):           # the words of a link drawn in the paragraph, the Link holding only its OBJR
    import guide.typeset.reportlab_patches as t
    mp.setattr(t, "_link_of", lambda frag: None)


def _break_labels(mp):
    import guide.typeset.reportlab_patches as t
    mp.setattr(t, "_LABEL_SPACE", "")


def _break_headers(mp):
    import guide.typeset.tagging as t
    mp.setattr(t, "_repeated_rows", lambda table, parts: None)


def _break_cyrillic(mp):
    import guide.typeset.reportlab_patches as t
    mp.setattr(t, "_CYRILLIC_RUN", re.compile("(?!)"))


def _break_zero_width(mp):
    import guide.typeset.reportlab_patches as t
    mp.setattr(t, "_NOT_SHOWN", {})


def _break_url_links(mp):
    import guide.typeset.inline as i
    mp.setattr(i, "_URL", re.compile("(?!)"))


def _url_links(path) -> list[str]:
    reading = screenreader.read(path)
    return [n.text for n in reading.root.walk() if n.role == "Link" and "://" in n.text
            and any(str(o.get("/A", {}).get("/S", "")) == "/URI" for o in n.objrs)]


@pytest.mark.parametrize("fix, defect", [
    (_break_line_end_spaces, "joined"), (_break_hyphens, "hyphen"), (_break_links, "empty_link"),
    (_break_labels, "joined"), (_break_headers, "repeated_header"), (_break_cyrillic, "cyrillic_not_ru"),
    (_break_zero_width, "zero_width"), (_break_url_links, "url links"),
])
def test_each_fix_is_needed(hard, tmp_path, monkeypatch, pdf_cache, fix, defect):
    """Take one fix away: the reading test finds its defect."""
    fix(monkeypatch)
    path, expected = _cases(hard, tmp_path, "guide")
    if defect == "url links":
        assert not _url_links(path)
        monkeypatch.undo()
        assert _url_links(_cases(hard, None, "guide", pdf_cache)[0])      # (and with the fix, there are)
        return
    d = rc.defects(path, expected)
    assert getattr(d, defect), f"without the fix, no {defect}: {d.summary()}"
