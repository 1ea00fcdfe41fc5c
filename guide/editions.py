"""Starter edition files for instructors (`guide new-edition`)."""
from __future__ import annotations

from pathlib import Path

from .model import ANSWERS, LEVELS, PAPERS, PARTS, Edition, Guide
from .theme import THEME_NAMES


def schema_path(kind: str = "edition") -> Path:
    """The JSON Schema installed with the package (regenerate with `guide schema --kind K -o FILE`)."""
    return Path(__file__).resolve().parent / "schemas" / f"{kind}.json"


def starter_edition(guide: Guide, name: str, level: str, base: Edition | None = None) -> str:
    sections = (base.sections if base and base.sections else None) or guide.order
    lines = [
        f"# yaml-language-server: $schema={schema_path('edition').as_uri()}",
        f"# Edition '{name}' of {guide.title}. Build it with:  guide build {name}",
        "# Every key is optional except level. Lines starting with # are comments.",
        "",
        f"level: {level}                 # {' | '.join(LEVELS)}",
        f"paper: {base.paper if base else 'letter'}                # {' | '.join(PAPERS)}",
        "",
        "# Which sections, in what order. Remove a line to drop a section; move lines to reorder.",
        "sections:",
    ]
    for sid in sections:
        sec = guide.sections.get(sid)
        title = sec.title.at(level) or next(iter(sec.title.values.values())) if sec else ""
        lines.append(f"  - {sid:<16} # {title}")
    unused = [s for s in guide.order if s not in sections]
    for sid in unused:
        lines.append(f"  # - {sid}")

    def opt(key, value, comment):
        v = getattr(base, key, None) if base else None
        return f"{key}: {v}" if v else f"# {key}: {value:<22} # {comment}"

    lines += [
        "",
        "# Printed on the title page and in the footer line.",
        opt("title", guide.title, "overrides the guide's title"),
        opt("subtitle", guide.subtitle or "", "overrides the subtitle"),
        opt("instructor", "Ms. Rivera", "also the PDF's author"),
        opt("course", "World History II", ""),
        opt("school", "Lincoln High School", ""),
        opt("date", "Spring 2027", "instead of the build date"),
        "",
        f"answers: {base.answers if base else 'none'}               # {' | '.join(ANSWERS)} (separate: a second PDF, "
        "<name>-answers.pdf)",
        f"theme: {base.theme if base else 'classic'}              # {' | '.join(THEME_NAMES)}",
        f"two_sided: {'true' if base and base.two_sided else 'false'}            # mirrored margins; sections "
        "start on right-hand pages",
        f"booklet: {'true' if base and base.booklet else 'false'}              # a folded booklet: print duplex, "
        "flip on the short edge",
        "",
        "# Leave things out: block ids, question ids, or whole parts:",
        f"#   {', '.join(PARTS)}",
        "omit: []",
        "",
        "# Add your own material. Paths are relative to this file (keep the files in this folder or in the",
        "# content folder). Your files use the same format as the shipped ones (see docs/content-format.md).",
        "# add:",
        "#   sections:",
        "#     - {file: my-lesson.yaml, after: trials}",
        "#   glossary: my-terms.yaml",
        "#   sources: my-sources.yaml",
        "#   people: my-people.yaml",
        "#   chronology: my-events.yaml",
        "",
    ]
    return "\n".join(lines)
