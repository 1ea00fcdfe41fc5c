"""The quiz export: the edition's quiz items (multiple choice and short answer), per section, in the forms
a school's LMS imports: QTI 1.2 for Canvas (`qti.py`), Moodle GIFT and Moodle XML (`moodle.py`).

Every format keeps each item's id, level, section and feedback. Items are those the PDF prints, in its
order (the edition's sections, levels and `omit`). One point per item; options in the printed order.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..document import DocQuizItem, DocSection, Document
from ..errors import GuideError

FORMAT_NAMES = ("gift", "qti", "moodle-xml")
LETTERS = "abcdefghij"


@dataclass
class SectionQuiz:
    section: DocSection
    items: list[DocQuizItem]

    @property
    def title(self) -> str:
        return f"{self.section.number}. {self.section.title}"


def quizzes(doc: Document) -> list[SectionQuiz]:
    """The quiz of each printed section that has one, in the edition's order."""
    return [SectionQuiz(s, list(s.quiz)) for s in doc.sections if s.quiz]


def quiz_title(doc: Document, quiz: SectionQuiz) -> str:
    return f"{doc.title} ({doc.level_label}): quiz, {quiz.title}"


def category_path(doc: Document, quiz: SectionQuiz | None = None) -> list[str]:
    """The question-bank categories: the guide, its level, the section."""
    path = [doc.title, f"{doc.level_label} edition"]
    return path + [quiz.title] if quiz else path


def export_quiz(doc: Document, fmt: str) -> bytes:
    """The quiz file in a format: gift | qti | moodle-xml."""
    found = quizzes(doc)
    if not found:
        raise GuideError(f"the edition '{doc.edition}' prints no quiz items at the {doc.level} level (its sections "
                         "have none, or its 'omit' leaves them out); nothing was written", exit_code=1)
    if fmt == "gift":
        from .moodle import gift
        return gift(doc, found).encode("utf-8")
    if fmt == "moodle-xml":
        from .moodle import moodle_xml
        return moodle_xml(doc, found)
    if fmt == "qti":
        from .qti import qti_files
        return zip_files(qti_files(doc, found))
    raise ValueError(fmt)


def zip_files(files: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed timestamps (1 January 1980), so that an export of the same content is the same file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()
