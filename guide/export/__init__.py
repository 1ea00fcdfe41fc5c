"""Exports: the edition in forms other than the PDF, from the same resolved document.

- `docx`: an editable Word document in Word's own styles (`docx_*.py`);
- `quiz`: the edition's quiz items for a school's LMS: QTI 1.2 for Canvas (`qti.py`), Moodle GIFT and
  Moodle XML (`moodle.py`);
- `flashcards`: the glossary terms the edition uses, as printable duplex cards (drawn by
  `guide.typeset.flashcards`) and as an Anki deck (`anki.py`).

These are renderers: they draw the document they are given and import no earlier stage (docs/architecture.md).
`guide/exporting.py` runs the pipeline for them (select, resolve, render, write) and holds the `guide export`
command. `common.py`: formats and file names, stable ids, spans as HTML. No ReportLab here: the drawings
(charts, the map, the flashcards) come from `guide.typeset`.
"""
