"""Tagged PDF (PDF/UA-1): every PDF validates, and its structure tree has the right shape."""
import re

import pdfplumber
import pikepdf
import pytest
from page import validate_pdf

from guide.build import build, handouts

from conftest import MINI


def failures(path) -> list[str]:
    report = str(validate_pdf(str(path), profile="ua1"))
    return [ln for ln in report.splitlines() if ln.startswith("[PDFUA1-")]


def tree(path, text_pages=None, fast=False):
    """(role, attributes, text) of every structure element, depth first, with text from its marked content
    and that of the inline elements it holds (Link, Span, and a list item's Lbl).

    Reading the text is most of the time taken (pdfplumber): `text_pages` (page indexes) limits it to those
    pages; elements elsewhere then have no text. `fast` reads it through `plumbed` instead (the checker's
    reader, once per worker), which leaves out of the marked content what a form XObject draws inside it
    (a contents line's page number, filled in after the layout): for the text of paragraphs only."""
    pdf = pikepdf.open(path)
    page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    chars: dict[tuple[int, int], list[str]] = {}
    if fast:
        import plumbed

        pages = [page["chars"] for page in plumbed.pages(path)]
    else:
        with pdfplumber.open(path) as plumber:
            pages = [page.chars if text_pages is None or i in text_pages else []
                     for i, page in enumerate(plumber.pages)]
    for i, page_chars in enumerate(pages):
        if text_pages is not None and i not in text_pages:
            continue
        for c in page_chars:
            if c.get("mcid") is not None:
                chars.setdefault((i, c["mcid"]), []).append(c["text"])
    out = []

    def walk(elem, page=None):
        role = str(elem.get("/S", ""))[1:]
        pg = elem.get("/Pg")
        page = page_index.get(pg.objgen, page) if pg is not None else page
        text = []
        kids = elem.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        entry = [role, elem, ""]
        out.append(entry)
        for k in kids:
            if isinstance(k, int):
                text.append("".join(chars.get((page, k), [])))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                text.append("".join(chars.get((page_index[k.Pg.objgen], int(k.MCID)), [])))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/S") is not None:
                inner = walk(k, page)
                if k.S in ("/Link", "/Span", "/Lbl"):
                    text.append(inner)
        entry[2] = "".join(text)
        return entry[2]

    walk(pdf.Root.StructTreeRoot.K[0])
    _OPEN.append(pdf)          # the elements stay readable only while their PDF is open
    return out


_OPEN: list = []


@pytest.mark.parametrize("name", [pytest.param("middle", marks=pytest.mark.slow), "high",
                                  pytest.param("college", marks=pytest.mark.slow)])
def test_shipped_editions_pass_pdf_ua(shipped_builds, name):
    assert failures(shipped_builds[name].path) == []


def test_handout_and_answer_key_pass_pdf_ua(mini, tmp_path):
    results = handouts(mini, "high", output_dir=str(tmp_path / "h"), answers="separate")
    assert failures(results[0].path) == [] and failures(results[0].extra[0]) == []
    key = build(mini, "college", answers="separate", theme="accessible", output=str(tmp_path / "c.pdf"))
    assert failures(key.extra[0]) == [] and failures(key.path) == []


def test_structure_shape(shipped_builds):
    path = shipped_builds["high"].path
    elems = tree(path, text_pages=range(6))      # the text of the title page, contents and first section
    roles = [r for r, _, _ in elems]
    assert roles[0] == "Document"
    sections = [e.get("/T") for r, e, _ in elems if r == "Sect"]
    assert "Roots of the Terror, 1917–1934" in [str(s) for s in sections]
    # headings never skip a level
    levels = [int(r[1]) for r in roles if re.fullmatch(r"H\d", r)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    h1 = [t.strip() for r, _, t in elems if r == "H1"]
    assert h1[:3] == ["The Great Purge", "Contents", "Roots of the Terror, 1917–1934"]
    # the chronology is a table with header cells, rows and data cells
    assert "TOC" in roles and "TOCI" in roles
    tables = [i for i, (r, _, _) in enumerate(elems) if r == "Table"]
    assert tables
    ths = [e for r, e, _ in elems if r == "TH"]
    assert ths and all("/A" in e for e in ths)
    assert roles.count("TR") > 50 and roles.count("TD") > 100
    # figures have alt text; lists have items; primary sources are block quotes; notes have ids
    figures = [e for r, e, _ in elems if r == "Figure"]
    assert len(figures) >= 3 and all(len(str(e.get("/Alt", ""))) > 20 for e in figures)
    assert roles.count("L") > 10 and roles.count("LBody") > 40
    assert "BlockQuote" in roles
    notes = [e for r, e, _ in elems if r == "Note"]
    assert notes and all("/ID" in e for e in notes)
    assert roles.count("Link") > 100
    # Cyrillic glossary forms are marked as Russian
    assert any(str(e.get("/Lang", "")) == "ru" for r, e, _ in elems)


def test_page_furniture_is_artifact(shipped_builds):
    """The running head and the footer (drawn from a form XObject filled in at the end) are pagination
    artifacts; the text between them is tagged content."""
    path = shipped_builds["high"].path
    with pdfplumber.open(path) as plumber:
        page = plumber.pages[5]
        n = len(plumber.pages)
        head = [c for c in page.chars if c["top"] < 60]
        foot = [c for c in page.chars if c["top"] > page.height - 60]
        body = [c for c in page.chars if 100 < c["top"] < page.height - 100]
    assert "".join(c["text"] for c in foot).endswith(f"Page 6 of {n}")
    assert head and body
    assert {(c.get("tag"), c.get("mcid")) for c in head + foot} == {("Artifact", None)}
    hyphens = [c for c in body if c.get("tag") == "Artifact"]       # hyphens added by hyphenation only
    assert all(c["text"] in "-\u2010" for c in hyphens)
    assert all(c.get("mcid") is not None for c in body if c not in hyphens)
    pdf = pikepdf.open(path)
    assert b"/Artifact <</Type /Pagination>> BDC" in pdf.pages[5].Contents.read_bytes()
    assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "en"
    assert b"pdfuaid:part>1<" in pdf.Root.Metadata.read_bytes()
    assert all(p.Tabs == "/S" for p in pdf.pages)


def test_text_in_reading_order_matches_the_content(mini_build):
    r = mini_build
    paragraphs = [t for role, _, t in tree(r.path) if role == "P"]
    text = " ".join(paragraphs)
    expected = "The NKVD arrested about 1.5 million people in 1937–38."
    assert re.sub(r"\s+", " ", text).find(expected.replace("1937–38.", "1937–38")) >= 0
    first = tree(r.path)
    body = [t for role, _, t in first if role == "P" and "Ordinary people lived in" in t]
    assert body and "Ordinary people lived in fear." in re.sub(r"\s+", " ", body[0])


@pytest.mark.parametrize("name, pages", [pytest.param("high", range(3, 16), id="high-first-sections"),
                                         pytest.param("college", None, id="college-every-page",
                                                      marks=pytest.mark.slow)])
def test_lines_keep_their_spaces(shipped_builds, name, pages):
    # (pages 4 to 16 hold no contents line, whose page numbers only pdfplumber reads: `tree`'s fast reading)
    elems = tree(shipped_builds[name].path, text_pages=pages, fast=pages is not None)
    long_paras = [t for r, _, t in elems if r == "P" and len(t) > 400]
    assert long_paras
    glued = [m for t in long_paras for m in re.findall(r"[a-z]{3,}[A-Z][a-z]+", t)]
    assert len(glued) < 3, glued[:5]


def test_broken_cases_fail_the_check(mini, mini_build, tmp_path, monkeypatch):
    good = mini_build.path
    pdf = pikepdf.open(good)
    for node in _all_elements(pdf.Root.StructTreeRoot.K[0]):
        if node.get("/S") == "/Figure":
            del node["/Alt"]
    pdf.save(tmp_path / "noalt.pdf")
    assert any("FIGURE" in f or "ALT" in f for f in failures(tmp_path / "noalt.pdf"))

    import guide.typeset.tagging as tagging
    real = tagging.Tagger.begin_artifact

    def forget_pagination(self, canv, kind=None):
        if kind == "Pagination":
            self.artifact_depth += 1
            canv.addLiteral("/Span BMC")     # the footer drawn as if it were content, untagged
            return
        return real(self, canv, kind)

    monkeypatch.setattr(tagging.Tagger, "begin_artifact", forget_pagination)
    bad = build(mini, "high", output=str(tmp_path / "b.pdf")).path
    assert any("CONTENT-TAGGING" in f for f in failures(bad))


def _all_elements(elem):
    yield elem
    kids = elem.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for k in kids:
        if isinstance(k, pikepdf.Dictionary) and k.get("/S") is not None:
            yield from _all_elements(k)


def test_untagged_option(pdf_cache):
    r = pdf_cache.build(MINI, "high", tagged=False)
    assert "/StructTreeRoot" not in pikepdf.open(r.path).Root


def test_every_link_is_a_link_element_in_what_was_drawn(shipped_builds):
    """Each link annotation: a StructParent whose ParentTree entry is a Link element holding an OBJR to it,
    inside the element whose text carries the link (never the document root), and a description."""
    pdf = pikepdf.open(shipped_builds["high"].path)
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    count = 0
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            count += 1
            link = parents[int(annot.StructParent)]
            assert link.S == "/Link"
            objr = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            # (a link broken over lines has an annotation per line, all in its one Link element)
            assert any(o.Obj.objgen == annot.objgen and o.Pg.objgen == page.objgen for o in objr)
            assert link.P.S not in ("/Document", "/Sect"), link.P.S
            assert len(str(annot.Contents)) > 3
    assert count > 100
    assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) == len(pdf.pages) + count


def test_contents_links_describe_their_target(shipped_builds):
    pdf = pikepdf.open(shipped_builds["high"].path)
    contents = [str(a.Contents) for a in pdf.pages[2].get("/Annots", [])]
    # the title and the page number of each entry link to the part they name
    assert contents.count("Section 1: Roots of the Terror, 1917–1934") == 2
    assert "Glossary" in contents


def test_to_unicode_maps_have_no_null_entries(pdf_cache):
    for tagged in (True, False):
        r = pdf_cache.build(MINI, "high", tagged=tagged)
        pdf = pikepdf.open(r.path)
        maps = {f.ToUnicode.objgen: f.ToUnicode.read_bytes() for p in pdf.pages
                for f in p.Resources.Font.values() if "/ToUnicode" in f}
        assert maps and not any(b"<0000>" in m for m in maps.values())


def test_a_link_with_no_width_makes_no_annotation(tmp_path):
    """The empty head of a web address moved whole to the next line has a link area of no width: it makes
    no annotation (nobody can click it, and its Link element would read as nothing); a real one still does."""
    from guide.typeset.tagging import TaggingCanvas

    canv = TaggingCanvas(str(tmp_path / "x.pdf"))
    canv.linkURL("https://example.org/a", (100, 100, 100, 110), relative=1)
    assert not canv.__dict__.get("_guide_annotations")
    canv.linkURL("https://example.org/a", (100, 100, 140, 110), relative=1)
    assert len(canv._guide_annotations) == 1
