"""Exports: the edition in forms other than the PDF, from the same resolved document.

- `docx`: an editable Word document in Word's own styles (`docx_*.py`);
- `quiz`: the edition's quiz items for a school's LMS: QTI 1.2 for Canvas (`qti.py`), Moodle GIFT and
  Moodle XML (`moodle.py`);
- `flashcards`: the glossary terms the edition uses, as printable duplex cards (drawn by
  `guide.typeset.flashcards`) and as an Anki deck (`anki.py`).

`common.py` selects and resolves an edition as `build` does and names the output files; `command.py` is the
`guide export` command. No ReportLab here: drawings come from `guide.typeset`.
"""
