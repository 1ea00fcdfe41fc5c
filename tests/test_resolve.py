from guide.bibliography import entry, short_note
from guide.build import load
from guide.markup import plain_text, walk
from guide.resolve import resolve
from guide.select import find_edition, select


def doc_for(root, level="high", sections=None):
    guide, _ = load(root)
    return resolve(select(guide, find_edition(guide, None), level=level, sections=sections))


def test_levels_choose_text_and_blocks(mini):
    middle, college = doc_for(mini, "middle"), doc_for(mini, "college")
    m_text = plain_text(middle.sections[0].blocks[0].text)
    c_text = plain_text(college.sections[0].blocks[0].text)
    assert m_text.startswith("The NKVD arrested many people") and "secret police" in c_text
    assert not any(b.type == "callout" for b in middle.sections[0].blocks)
    assert [q.id for q in middle.sections[0].questions] == ["alpha-q1"]


def test_notes_are_numbered_per_section_in_reading_order(mini):
    doc = doc_for(mini)
    alpha, beta = doc.sections
    assert [n.number for n in alpha.notes] == [1, 2, 3]
    assert [s.id for s, _ in alpha.notes[0].cites] == ["book-one"] and alpha.notes[0].cites[0][1] == "p. 12"
    assert [n.number for n in beta.notes] == [1]


def test_first_use_of_a_term_is_marked_once_per_section(mini):
    doc = doc_for(mini)
    uses = [s for b in doc.sections[0].blocks if b.text for s in walk(b.text) if s.kind == "term" and s.ref == "nkvd"]
    assert [u.first for u in uses] == [True, False]


def test_glossary_people_chronology_and_bibliography_follow_the_selection(mini):
    doc = doc_for(mini, sections=["beta"])
    assert [t.term.id for t in doc.glossary] == ["rehabilitation"]
    assert doc.people == []
    assert [e.text[0].text for _, evs in doc.chronology for e in evs] == ["Stalin dies."]
    assert [s.id for s in doc.bibliography] == ["article-two"]
    full = doc_for(mini, "college")
    years = [y for y, _ in full.chronology]
    assert years == sorted(years) and 1938 in years
    assert [t.term.id for t in full.glossary] == ["gulag", "nkvd", "rehabilitation"]   # never 'unused'
    assert [p.person.id for p in full.people] == ["stalin", "yezhov"]


def test_chicago_entries(mini):
    guide, _ = load(mini)
    book = plain_text(entry(guide.sources["book-one"]))
    article = plain_text(entry(guide.sources["article-two"]))
    assert book == "Author, Anne. A Book: Its Subtitle. New York: University Press, 1990."
    assert article == "Writer, Bob, and Carl Second. “An Article.” Journal of Things 4, no. 2 (2001): 10–20."
    # Chicago short notes: a shortened title (no subtitle, no leading article) and a bare page number
    assert plain_text(short_note(guide.sources["book-one"], "p. 12")) == "Author, Book, 12"
    assert plain_text(short_note(guide.sources["book-one"], "pp. 12–14")) == "Author, Book, 12–14"
    assert plain_text(short_note(guide.sources["book-one"], "chap. 3")) == "Author, Book, chap. 3"
    assert plain_text(short_note(guide.sources["article-two"], "p. 12")) == "Writer and Second, “Article,” 12"
    assert plain_text(short_note(guide.sources["article-two"])) == "Writer and Second, “Article”"
    assert [s.kind for s in entry(guide.sources["book-one"])][1] == "em"
    assert [s.kind for s in short_note(guide.sources["book-one"])][1] == "em"


def test_title_short_and_italic_titles_in_notes(mini):
    src = mini / "sources.yaml"
    src.write_text(src.read_text().replace(
        '    title: "A Book: Its Subtitle"\n',
        '    title: "A Book: Its Subtitle"\n    title-short: "Its Short Title"\n'
        '    note: "First published as *An Older Book*."\n'))
    guide, problems = load(mini)
    assert not [p for p in problems if p.severity == "error"], problems
    book = guide.sources["book-one"]
    assert plain_text(short_note(book, "p. 45")) == "Author, Its Short Title, 45"
    spans = entry(book)
    assert plain_text(spans).endswith("University Press, 1990. First published as An Older Book.")
    assert [s.plain() for s in spans if s.kind == "em"] == ["A Book: Its Subtitle", "An Older Book"]


def test_shipped_short_notes_use_short_titles():
    from pathlib import Path

    from guide.errors import Problems
    from guide.validate import load_guide

    guide = load_guide(Path(__file__).resolve().parent.parent / "content", Problems())
    assert plain_text(short_note(guide.sources["goldman-2007"], "p. 45")) == "Goldman, Terror and Democracy, 45"
    road = plain_text(entry(guide.sources["getty-naumov-1999"]))
    assert "Translated by Benjamin Sher" in road
    assert not any("omitted" in (s.note or "") for s in guide.sources.values())


def test_a_citation_in_a_key_question_or_a_box_title_is_a_note(mini, tmp_path):
    """Every walk over a section's texts is `model.text_fields`: a citation in the key question, a box's
    title or a person's role in a key-figures box is numbered in reading order like any other, and prints
    as a note reference, not "(Author year)"."""
    from pypdf import PdfReader

    from guide.build import build

    path = mini / "sections" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("high: Why did it happen?", "high: Why did it happen?[@article-two]")
    text = text.replace("title: Historians disagree", "title: Historians disagree[@article-two]")
    path.write_text(text, encoding="utf-8")
    people = mini / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("role: Leader of the Soviet Union.",
                                                                 "role: Leader of the Soviet Union.[@article-two]"),
                      encoding="utf-8")
    alpha = doc_for(mini).sections[0]
    first = [s for s in walk(alpha.key_question) if s.kind == "cite"]
    callout = next(b for b in alpha.blocks if b.type == "callout")
    in_title = [s for s in walk(callout.title) if s.kind == "cite"]
    assert [s.note for s in first] == [1]                     # the key question is read first
    assert len(in_title) == 1 and in_title[0].note is not None
    figures = next(b for b in alpha.blocks if b.type == "figures")
    assert [s.note for p in figures.people for s in walk(p.role) if s.kind == "cite"] == [6]
    assert [n.number for n in alpha.notes] == [1, 2, 3, 4, 5, 6]
    assert [src.id for src, _ in alpha.notes[0].cites] == ["article-two"]
    out = build(mini, "high", output=str(tmp_path / "g.pdf"))
    printed = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out.path).pages)
    assert "Why did it happen?" in printed and "Historians disagree" in printed
    assert "happen? (Writer" not in printed and "disagree (Writer" not in printed
    box = "1953): Leader of the Soviet Union."                 # as the key-figures box prints it
    assert box in printed and box + " (Writer" not in printed
