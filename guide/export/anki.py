"""The flashcards as an Anki deck (.apkg, written by genanki): one note per glossary term the edition uses.

Ids are derived from stable strings, never drawn at random: the note type's id from the guide's name for it,
the deck's from the guide's title and the level, each note's GUID from the level and the term's id. So a
deck exported again (after a wording change) and imported again updates its cards instead of adding a
second copy, and the decks of two levels stay apart.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import GuideError
from .common import html_text, stable_id, stable_int, to_html

MODEL_NAME = "guide glossary term"
CSS = """.card { font-family: "Charis SIL", Georgia, serif; font-size: 22px; text-align: center; color: #111;
  background: #fff; }
.russian { font-size: 20px; margin-top: .4em; }
.translit { font-style: italic; color: #555; font-size: 17px; }
.meaning { text-align: left; font-size: 19px; line-height: 1.4; max-width: 34em; margin: 0 auto; }
"""
FRONT = ('<div class="term">{{Term}}</div>{{#Russian}}<div class="russian" lang="ru">{{Russian}}</div>{{/Russian}}'
         '{{#Transliteration}}<div class="translit">{{Transliteration}}</div>{{/Transliteration}}')
BACK = '{{FrontSide}}<hr id="answer"><div class="meaning">{{Meaning}}</div>'


def anki_ids(doc: Document) -> tuple[int, int]:
    """(note type id, deck id): the same in every export of the same guide and level."""
    return (stable_int("guide-anki-model", MODEL_NAME, bits=31) | (1 << 30),
            stable_int("guide-anki-deck", doc.title, doc.level, bits=31) | (1 << 30))


def note_guid(doc: Document, term_id: str) -> str:
    return stable_id("guide-anki-note", doc.level, term_id, length=20)


def anki_deck(doc: Document) -> bytes:
    import genanki

    if not doc.glossary:
        raise GuideError(f"the edition '{doc.edition}' prints no glossary terms (or leaves out the glossary), so "
                         "there is no deck to make; nothing was written", exit_code=1)
    model_id, deck_id = anki_ids(doc)
    model = genanki.Model(model_id, MODEL_NAME,
                          fields=[{"name": n} for n in ("Term", "Russian", "Transliteration", "Meaning", "Id")],
                          templates=[{"name": "Term → meaning", "qfmt": FRONT, "afmt": BACK}], css=CSS,
                          sort_field_index=0)
    deck = genanki.Deck(deck_id, f"{doc.title}::{doc.level_label} edition")
    deck.description = f"Glossary terms of “{doc.title}”, {doc.level_label} edition, with their meanings at that level."
    for dt in doc.glossary:
        t = dt.term
        meaning = to_html(dt.definition)
        if t.expansion:
            meaning = f"<i>{html_text(t.expansion)}.</i> " + meaning
        translit = t.translit if t.translit and t.translit != t.term else ""
        deck.add_note(genanki.Note(model=model, guid=note_guid(doc, t.id), tags=[f"level-{doc.level}"],
                                   fields=[html_text(t.term), html_text(t.original or ""), html_text(translit),
                                           meaning, t.id]))
    fd, tmp = tempfile.mkstemp(suffix=".apkg")
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(tmp)
        return Path(tmp).read_bytes()
    finally:
        os.unlink(tmp)
