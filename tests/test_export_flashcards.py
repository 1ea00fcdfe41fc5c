"""Flashcards: the Anki deck read with sqlite3, and the printable cards read back from the PDF."""
from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def high(shipped_high_document):
    return shipped_high_document


def read_deck(data: bytes, tmp_path: Path, name: str) -> dict:
    z = zipfile.ZipFile(io.BytesIO(data))
    db = tmp_path / f"{name}.anki2"
    db.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db)
    try:
        models = json.loads(con.execute("select models from col").fetchone()[0])
        decks = json.loads(con.execute("select decks from col").fetchone()[0])
        notes = con.execute("select guid, mid, flds from notes order by id").fetchall()
        cards = con.execute("select did from cards").fetchall()
    finally:
        con.close()
    return {"models": {int(k): v["name"] for k, v in models.items()},
            "decks": {int(k): v["name"] for k, v in decks.items()},
            "notes": notes, "card_decks": {d for (d,) in cards}}


def test_anki_deck_one_note_per_term_and_stable_ids(high, tmp_path):
    from guide.export.anki import anki_deck
    from guide.exporting import resolved

    first = read_deck(anki_deck(high), tmp_path, "first")
    again = read_deck(anki_deck(resolved(CONTENT, "high").document), tmp_path, "again")
    terms = [dt.term for dt in high.glossary]
    assert len(first["notes"]) == len(terms) == len({t.id for t in terms}) > 20
    ids = [flds.split("\x1f")[-1] for _, _, flds in first["notes"]]
    assert sorted(ids) == sorted(t.id for t in terms)
    assert [g for g, _, _ in first["notes"]] == [g for g, _, _ in again["notes"]]
    assert len({g for g, _, _ in first["notes"]}) == len(terms)
    assert first["models"] == again["models"] and first["decks"] == again["decks"]
    (mid,) = {m for _, m, _ in first["notes"]}
    assert first["models"][mid] == "guide glossary term"
    (did,) = first["card_decks"]
    assert first["decks"][did] == "The Great Purge::High school edition"
    # the meaning is the high level's; the Russian form is there
    soviet = next(f.split("\x1f") for _, _, f in first["notes"] if f.split("\x1f")[-1] == "cheka")
    assert "ЧК" in soviet[1]


def test_anki_levels_do_not_share_notes(high, tmp_path):
    from guide.export.anki import anki_deck
    from guide.exporting import resolved

    middle = read_deck(anki_deck(resolved(CONTENT, "middle").document), tmp_path, "middle")
    hi = read_deck(anki_deck(high), tmp_path, "high")
    assert not {g for g, _, _ in middle["notes"]} & {g for g, _, _ in hi["notes"]}
    assert set(middle["decks"]) - {1} != set(hi["decks"]) - {1}


def card_lines(page, min_size: float | None = None, max_size: float | None = None):
    """Text lines of a page (of `plumbed.read`) as (text, x centre, top), of characters within a size range:
    pdfplumber's `extract_words(extra_attrs=["size"], keep_blank_chars=True, y_tolerance=1)`."""
    import plumbed

    words = plumbed.words(page["chars"], keep_blank_chars=True, y_tolerance=1, extra_attrs=("size",))
    out = []
    for w in words:
        if (min_size and w["size"] < min_size) or (max_size and w["size"] > max_size):
            continue
        out.append((w["text"].strip(), (w["x0"] + w["x1"]) / 2, w["top"]))
    return out


@pytest.mark.parametrize("paper", ["letter", pytest.param("a4", marks=pytest.mark.slow)])   # (one paper quick)
def test_flashcards_pdf_backs_mirror_fronts(high, paper, tmp_path):
    import plumbed

    from guide.checkpdf import check_pdf
    from guide.theme import theme_named
    from guide.typeset.flashcards import COLUMNS, ROWS, flashcards

    cards = flashcards(high, theme_named("classic"), paper)
    path = tmp_path / f"cards-{paper}.pdf"
    path.write_bytes(cards.pdf)
    assert check_pdf(str(path)) == []
    per = COLUMNS * ROWS
    assert cards.cards == len(high.glossary) and cards.pages == 2 * -(-len(high.glossary) // per)
    theme = theme_named("classic")
    term_size = theme.size(1.6)
    back_size = theme.size(0.85)
    pages = plumbed.read(path)
    width = pages[0]["width"]
    for sheet in range(cards.pages // 2):
        fronts = pages[2 * sheet]
        backs = pages[2 * sheet + 1]
        big = card_lines(fronts, min_size=term_size - 0.1)
        small = [x for x in card_lines(backs, max_size=back_size + 0.1, min_size=back_size - 0.1)]
        terms = high.glossary[sheet * per:(sheet + 1) * per]
        for dt in terms:
            name = dt.term.term
            f = [x for x in big if x[0] == name]
            b = [x for x in small if x[0] == name]
            assert f and b, (name, sheet)
            fx, ftop = f[0][1], f[0][2]
            bx, btop = b[0][1], b[0][2]
            assert abs((fx + bx) - width) < 6, f"{name}: front x {fx:.1f}, back x {bx:.1f} do not mirror"
            row_h = (fronts["height"] - 72 - 0.4 * 72) / ROWS
            assert int((ftop - 36 - 0.4 * 72) // row_h) == int((btop - 36 - 0.4 * 72) // row_h), name


def test_flashcards_mirror_check_fails_unmirrored(high, tmp_path, monkeypatch):
    """The position check above fails on cards whose backs are not mirrored."""
    import plumbed

    from guide.theme import theme_named
    from guide.typeset import flashcards as fc

    monkeypatch.setattr(fc, "back_column", lambda c: c)
    cards = fc.flashcards(high, theme_named("classic"), "letter")
    path = tmp_path / "cards.pdf"
    path.write_bytes(cards.pdf)
    pages = plumbed.read(path)
    width = pages[0]["width"]
    t = theme_named("classic")
    fronts = card_lines(pages[0], min_size=t.size(1.6) - 0.1)
    backs = card_lines(pages[1], max_size=t.size(0.85) + 0.1, min_size=t.size(0.85) - 0.1)
    name = high.glossary[0].term.term
    fx = next(x for x in fronts if x[0] == name)[1]
    bx = next(x for x in backs if x[0] == name)[1]
    assert abs((fx + bx) - width) > 100


def test_flashcards_pdf_is_tagged(high, tmp_path):
    import pikepdf

    from guide.theme import theme_named
    from guide.typeset.flashcards import flashcards

    cards = flashcards(high, theme_named("classic"), "letter")
    with pikepdf.open(io.BytesIO(cards.pdf)) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "en"
        roles = set()

        def walk(node):
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                roles.add(str(node.S))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for k in kids:
                    walk(k)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids)
        walk(pdf.Root.StructTreeRoot)
        assert {"/Document", "/H1", "/P", "/Span"} <= roles
    from page import validate_pdf
    path = tmp_path / "cards.pdf"
    path.write_bytes(cards.pdf)
    report = str(validate_pdf(str(path), profile="ua1"))
    assert [ln for ln in report.splitlines() if ln.startswith("[PDFUA1-")] == []


def test_no_glossary_is_a_message(tmp_path):
    from guide.errors import GuideError
    from guide.export.anki import anki_deck
    from guide.exporting import resolved

    doc = resolved(CONTENT, "high").document
    doc.glossary = []
    with pytest.raises(GuideError, match="no glossary terms"):
        anki_deck(doc)


def test_a_meaning_too_long_for_a_card_is_a_message(high):
    import copy

    from guide.errors import GuideError
    from guide.markup import Span
    from guide.theme import theme_named
    from guide.typeset.flashcards import flashcards

    doc = copy.copy(high)
    doc.glossary = [copy.copy(high.glossary[0])]
    doc.glossary[0].definition = [Span("text", "A very long meaning that goes on and on. " * 120)]
    with pytest.raises(GuideError, match=f"the meaning of '{doc.glossary[0].term.term}' is too long for a flashcard"):
        flashcards(doc, theme_named("classic"), "letter")
