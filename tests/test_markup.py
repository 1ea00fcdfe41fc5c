import re

from hypothesis import given, settings
from hypothesis import strategies as st

from guide import markup
from guide.markup import parse, plain_text, smart_quotes, walk
from guide.theme import theme_named
from guide.typeset.inline import Inline


def kinds(spans):
    return [s.kind for s in walk(spans)]


def test_emphasis_terms_and_citations():
    spans, warnings = parse("The **NKVD** used [[troika|troikas]] and [[nkvd]].[@conquest-1990, p. 12; @getty-1985]")
    assert warnings == []
    assert kinds(spans) == ["text", "strong", "text", "text", "term", "text", "text", "term", "text", "cite"]
    term = [s for s in walk(spans) if s.kind == "term"]
    assert term[0].ref == "troika" and plain_text(term[0].children) == "troikas"
    cite = spans[-1]
    assert cite.cites == [("conquest-1990", "p. 12"), ("getty-1985", None)]


def test_reportlab_tags_are_text_not_markup():
    hostile = '<font color="red">x</font> & <img src="http://evil/x.png"/> <a href="http://x">y</a> <para>'
    spans, _ = parse(hostile)
    assert plain_text(spans) == smart_quotes(hostile)    # every character as typed, quotes curled
    assert plain_text(spans).replace("\u201c", '"').replace("\u201d", '"') == hostile
    markup = Inline(theme_named()).render(spans)
    assert "<" not in markup.replace("&lt;", "") and "&amp;" in markup


def test_straight_quotes_become_typographic():
    cases = {
        'He said "no" and left.': "He said “no” and left.",
        "Stalin's 'Testament' in the '30s, the Soviets' aim": "Stalin’s ‘Testament’ in the ’30s, the Soviets’ aim",
        '"*Pravda*" wrote': "“Pravda” wrote",                            # the quote's side read across spans
        '("quoted") and "[[kulak|kulaks]]"': "(“quoted”) and “kulaks”",
        'He said, "Go."[@conquest] Then': "He said, “Go.” Then",
        "“Already curly” and it’s kept": "“Already curly” and it’s kept",
        'a "quote" inside **"strong"**': "a “quote” inside “strong”",
    }
    for typed, printed in cases.items():
        spans, warnings = parse(typed)
        assert plain_text(spans) == printed, typed
    assert smart_quotes('see https://example.org/a\'b?q="x" and "this"') == \
        'see https://example.org/a\'b?q="x" and “this”'                    # web addresses keep theirs


def test_plain_text_of_sources_and_people_becomes_typographic():
    """Names, titles and spellings are not inline markup; their quotes turn all the same, web addresses and
    DOIs do not, and the loaded record is left as it was."""
    from guide.model import Name, Person, Source

    src = Source("nkj", "book", 'The "Great Terror"', None, author=[Name(literal="People's Commissariat")],
                 url="https://example.org/People's_Commissariat", doi="10.1000/a'b", publisher="Stalin's Press")
    out = markup.typographic(src)
    assert out.title == "The “Great Terror”" and out.author[0].literal == "People’s Commissariat"
    assert out.publisher == "Stalin’s Press"
    assert out.url == src.url == "https://example.org/People's_Commissariat" and out.doi == "10.1000/a'b"
    assert src.title == 'The "Great Terror"' and src.author[0].literal == "People's Commissariat"
    person = Person("ulrikh", "Vasilii Ul'rikh", "Ul'rikh", None, variants=["Ulrich", "Ul'rikh"])
    out = markup.typographic(person)
    assert out.name == "Vasilii Ul’rikh" and out.variants == ["Ulrich", "Ul’rikh"] and out.sort == "Ul'rikh"
    assert smart_quotes('<font color="red">') == "<font color=“red”>"     # a quote after "=" opens


def test_unbalanced_markup_is_printed_and_warned():
    spans, warnings = parse("an **unclosed star and [[no end and [@nokey")
    assert plain_text(spans) == "an **unclosed star and [[no end and [@nokey"
    assert len(warnings) == 3


def test_inline_rendering_marks_first_use_and_notes():
    spans, _ = parse("The [[nkvd]] and [[nkvd]].[@a]")
    terms = [s for s in walk(spans) if s.kind == "term"]
    terms[0].first = True
    spans[-1].note = 3
    html = Inline(theme_named(), {}, {"nkvd"}, 2, term_names={"nkvd": "NKVD"}).render(spans)
    assert html.count("<b>") == 1
    assert '<a href="#term-nkvd">' in html
    assert '<super><a href="#note-2-3">3</a></super>' in html


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="*_[")))
def test_text_without_markup_characters_skips_the_parser(text):
    """`parse` returns plain text at once when no '*', '_' or '[' can open markup: the same as the parser."""
    normal = re.sub(r"\s+", " ", text).strip()
    assert markup.parse(text) == markup._parse_markup(normal)
