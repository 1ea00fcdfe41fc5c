"""A teacher's own material made in the studio: sections, glossary terms, sources and an uploaded bibliography.

The page sends it as `settings["material"]` (plain JSON, below). It becomes files in the formats the CLI
reads, beside the edition: `editions/NAME/<section-id>.yaml`, `editions/NAME/glossary.yaml`,
`editions/NAME/sources.yaml` and `editions/NAME/library.json` (or `.yaml`, the uploaded file as it came). For a
preview the files are not written: their texts stand in for them (`load.overlay`) and the edition gets their
`add:` entries, so the preview reads them exactly as `guide build` reads the saved files. Save writes them
and lists them under the edition's `add:`.

    material = {"sections": [{"id", "title", "key_question", "paragraphs": [text],
                              "questions": [{"kind", "text", "answer", "lines"}]}],
                "terms": [{"id", "term", "original", "definition", "middle", "high", "college"}],
                "sources": [{"id", "type", "author", "title", "container", "year", "publisher", "place", "url"}],
                "library": {"upload": id} | {"file": "library.json"}}

A problem found in one of these files is given the field of the form it came from (`m-<section>-p2`,
`m-term-<id>`, …), by the line it is on, so the page shows it beside that field.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from pathlib import Path

import yaml

from ..errors import GuideError, Location, Problem, display_path
from ..editions import NAME
from ..model import LEVELS, Addition

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MADE = "# Made in guide studio: edit it there, or here as described in docs/content-format.md.\n"
MAX_ITEMS = 200                 # sections, paragraphs, questions, terms or sources of one form
KINDS = ("comprehension", "analysis", "essay")
TYPES = ("book", "article-journal", "chapter", "article-newspaper", "webpage", "report", "thesis")


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def _str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise GuideError("the page sent a field that is not text", exit_code=400)
    return str(value).strip()


def _list(value, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise GuideError(f"the page sent {what} that are not a list of at most {MAX_ITEMS}", exit_code=400)
    return value


def _map(value) -> dict:
    if not isinstance(value, dict):
        raise GuideError("the page sent an entry that is not a mapping", exit_code=400)
    return value


def _id(value, what: str) -> str:
    value = _str(value)
    if not ID.match(value):
        raise GuideError(f"'{value[:40]}' is not an id for {what}: lowercase letters, digits and hyphens",
                         exit_code=400)
    return value


def _number(value):
    text = _str(value)
    return int(text) if text.isdigit() else (text or None)


class Material:
    """The material of one edition, as files beside it (not written until `write`)."""

    def __init__(self, content: Path, name: str, spec, uploads: dict, chosen=None):
        self.content, self.name = Path(content), name
        self.folder = self.content / "editions" / name
        spec = spec if spec is not None else {}
        spec = _map(spec)
        self.sections = [self._section(_map(s)) for s in _list(spec.get("sections"), "sections")]
        for s in self.sections:         # a section is added where the edition prints it (ticked in the page)
            s["on"] = chosen is None or not isinstance(chosen, list) or s["data"]["id"] in chosen
        self.terms = [self._term(_map(t)) for t in _list(spec.get("terms"), "terms")]
        self.sources = [self._source(_map(s)) for s in _list(spec.get("sources"), "sources")]
        self.library = self._library(spec.get("library"), uploads)
        self.lines: dict[str, list[tuple[int, str]]] = {}     # file shown → [(line, field)]
        self.texts: dict[Path, str] = {}
        self._make()

    # -- the page's forms → data in the CLI's formats -------------------------------------------------------
    @staticmethod
    def _section(s: dict) -> dict:
        sid = _id(s.get("id"), "a section")
        data = {"id": sid}
        if _str(s.get("title")):         # an empty field is left out, so that the reader says it is needed
            data["title"] = _str(s.get("title"))
        if _str(s.get("key_question")):
            data["key_question"] = _str(s.get("key_question"))
        data["blocks"] = [{"id": f"{sid}-p{i}", "type": "paragraph", "text": _str(p)}
                          for i, p in enumerate(_list(s.get("paragraphs"), "paragraphs"), 1)]
        questions = []
        for i, q in enumerate(_list(s.get("questions"), "questions"), 1):
            q = _map(q)
            one = {"id": f"{sid}-q{i}", "kind": _str(q.get("kind")) or "comprehension"}
            if _str(q.get("text")):
                one["text"] = _str(q.get("text"))
            if _str(q.get("answer")):
                one["answer"] = _str(q.get("answer"))
            if _str(q.get("lines")):
                one["lines"] = _number(q.get("lines"))
            questions.append(one)
        if questions:
            data["questions"] = questions
        return {"data": data, "on": True}

    @staticmethod
    def _term(t: dict) -> dict:
        data = {"id": _id(t.get("id"), "a glossary term")}
        if _str(t.get("term")):
            data["term"] = _str(t.get("term"))
        if _str(t.get("original")):
            data["original"] = _str(t.get("original"))
        every = _str(t.get("definition"))
        own = {lv: _str(t.get(lv)) for lv in LEVELS if _str(t.get(lv))}
        if own:
            data["definition"] = {lv: own.get(lv) or every for lv in LEVELS if own.get(lv) or every}
        elif every:
            data["definition"] = every
        return data

    @staticmethod
    def _source(s: dict) -> dict:
        data = {"id": _str(s.get("id"))} if _str(s.get("id")) else {}
        data["type"] = _str(s.get("type")) or "book"
        if _str(s.get("title")):
            data["title"] = _str(s.get("title"))
        authors = []
        for name in [n.strip() for n in _str(s.get("author")).split(";") if n.strip()]:
            family, _, given = name.partition(",")
            authors.append({"family": family.strip(), "given": given.strip()} if given.strip()
                           else {"literal": family.strip()})
        if authors:
            data["author"] = authors
        for key, csl in (("container", "container-title"), ("publisher", "publisher"),
                         ("place", "publisher-place"), ("url", "URL")):
            if _str(s.get(key)):
                data[csl] = _str(s.get(key))
        year = _str(s.get("year"))
        if year:
            data["issued"] = {"date-parts": [[int(year)]]} if year.isdigit() else {"literal": year}
        return data

    def _library(self, spec, uploads: dict):
        if not spec:
            return None
        spec = _map(spec)
        if spec.get("upload") is not None:
            upload = uploads.get(_str(spec.get("upload")))
            if upload is None:
                raise GuideError("the uploaded bibliography is no longer held by the studio (it was restarted): "
                                 "upload the file again", exit_code=400)
            return {"suffix": upload["suffix"], "text": upload["text"]}
        suffix = _str(spec.get("file")).rpartition(".")[2]
        if suffix not in ("json", "yaml") or _str(spec.get("file")) != f"library.{suffix}":
            raise GuideError("the page named a bibliography file that is not library.json or library.yaml",
                             exit_code=400)
        edition = _str(spec.get("edition")) or self.name      # saved with another edition, saved as this one
        if not NAME.match(edition):
            raise GuideError("the page named an edition that is not an edition name", exit_code=400)
        path = self.content / "editions" / edition / f"library.{suffix}"
        try:
            return {"suffix": suffix, "text": path.read_text(encoding="utf-8"), "saved": True}
        except (OSError, UnicodeDecodeError):
            raise GuideError(f"{display_path(path)} cannot be read: upload the bibliography again") from None

    # -- files ------------------------------------------------------------------------------------------
    def _make(self) -> None:
        schema = "# yaml-language-server: $schema=../../schema/{}.json\n"
        for s in self.sections:
            data = s["data"]
            self._file(f"{data['id']}.yaml", schema.format("section") + MADE + _dump(data), self._section_fields)
        if self.terms:
            self._file("glossary.yaml", schema.format("glossary") + MADE + _dump({"terms": self.terms}),
                       self._list_fields("terms", "term"))
        if self.sources:
            self._file("sources.yaml", schema.format("sources") + MADE + _dump({"references": self.sources}),
                       self._list_fields("references", "source"))
        if self.library:
            self._file(f"library.{self.library['suffix']}", self.library["text"], lambda data: [(1, "m-library")])

    def _file(self, name: str, text: str, fields) -> None:
        path = self.folder / name
        self.texts[path] = text
        from ..errors import Problems
        from ..load import parse_json, parse_yaml
        parse = parse_json if name.endswith(".json") else parse_yaml
        data = parse(text, display_path(path), Problems())
        self.lines[display_path(path)] = sorted(fields(data)) if data is not None else [(1, "m-library")]

    @staticmethod
    def _section_fields(data) -> list[tuple[int, str]]:
        sid = data.get("id")
        out = [(data.line, f"m-{sid}-title")]
        for key in ("title", "key_question"):
            if key in data:
                out.append((data.loc(key).line, f"m-{sid}-{key.replace('_', '-')}"))
        for i, block in enumerate(data.get("blocks") or [], 1):
            out.append((block.line, f"m-{sid}-p{i}"))
        for i, q in enumerate(data.get("questions") or [], 1):
            out.append((q.line, f"m-{sid}-q{i}-text"))
            for key in ("answer", "lines"):
                if key in q:
                    out.append((q.loc(key).line, f"m-{sid}-q{i}-{key}"))
        return out

    @staticmethod
    def _list_fields(key: str, what: str):
        def fields(data):
            return [(item.line, f"m-{what}-{i}") for i, item in enumerate(data.get(key) or [])]
        return fields

    def entries(self) -> list[tuple[str, str]]:
        """(kind, path relative to the edition file) of every file, in the order of the saved `add:`."""
        out = [("sections", f"{self.name}/{s['data']['id']}.yaml") for s in self.sections if s["on"]]
        if self.terms:
            out.append(("glossary", f"{self.name}/glossary.yaml"))
        if self.sources:
            out.append(("sources", f"{self.name}/sources.yaml"))
        if self.library:
            out.append(("sources", f"{self.name}/library.{self.library['suffix']}"))
        return out

    def add_spec(self, raw) -> dict | list | None:
        """The edition's `add:` with this material's files after the ones it had."""
        mine = {f for _, f in self.entries()} | {f"{self.name}/{p.name}" for p in self.texts}
        spec: dict[str, list] = {}
        if isinstance(raw, list):
            raw = {"sections": raw}
        if not isinstance(raw, (dict, type(None))):
            raise GuideError("'add' must list files, or map kinds (sections, glossary, …) to files", exit_code=400)
        for kind, value in (raw or {}).items():
            items = value if isinstance(value, list) else [value]
            kept = [i for i in items if added_file(i) not in mine]
            if kept:
                spec[kind] = kept
        for kind, file in self.entries():
            spec.setdefault(kind, []).append(file)
        return spec or None

    def additions(self, ed) -> list[Addition]:
        """The edition's additions with this material's, in the order the saved file gives them."""
        from ..model import ADD_KINDS
        here = Location(display_path(self.content / "editions" / f"{self.name}.yaml"))
        mine = [Addition(kind, str((self.folder.parent / file).resolve()), here) for kind, file in self.entries()]
        kinds = list(dict.fromkeys([a.kind for a in ed.additions] + [a.kind for a in mine]))
        every = ed.additions + mine
        return sorted(every, key=lambda a: kinds.index(a.kind) if a.kind in kinds else len(ADD_KINDS))

    def overlay(self):
        from ..load import overlay
        return overlay({str(p.resolve()): t for p, t in self.texts.items()})

    def place(self, problems: list[Problem]) -> list[Problem]:
        """Each problem of a material file with the field of the form it belongs to, and the page's way to
        fix a missing term or source as its hint."""
        out = []
        for p in problems:
            starts = self.lines.get(p.location.file) if p.location else None
            if starts:
                line = p.location.line or 1
                field = [f for start, f in starts if start <= line]
                p = replace(p, field=(field[-1] if field else starts[0][1]))
            out.append(studio_hint(p))
        return out

    # -- saving -----------------------------------------------------------------------------------------
    def write(self) -> None:
        """Write the files (atomically), never outside the content folder nor through a symbolic link."""
        from ..build import write_atomic
        root = self.content.resolve()
        for path, text in self.texts.items():
            real = path.parent.resolve()
            if path.parent.is_symlink() or not (real == root or root in real.parents) or path.is_symlink():
                raise GuideError(f"{display_path(path)} would be outside the content folder; nothing was saved",
                                 exit_code=400)
        for path, text in self.texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text.encode("utf-8"))
        if self.folder.is_dir() and not self.folder.is_symlink():   # a section or list removed in the page
            for path in self.folder.glob("*.yaml"):
                if path not in self.texts and made_by_studio(path):
                    path.unlink()


HINTS = (("unknown glossary term", "add the term under 'Add glossary terms' (what goes inside [[ ]] is the id shown "
                                   "beside it), or check its spelling"),
         ("unknown source", "add the work under 'Add sources', or upload your bibliography there, and cite it with "
                            "the key shown beside it"))


def studio_hint(p: Problem) -> Problem:
    """A problem of the page's text with a hint that names the page's forms instead of files."""
    for start, hint in HINTS:
        if p.message.startswith(start) and p.field and p.field.startswith(("m-", "ov-")):
            return replace(p, hint=hint if not (p.hint or "").startswith("did you mean") else p.hint)
    return p


# -- what the studio made, for reading it back (`reopen.py`) -------------------------------------------

def made_by_studio(path: Path) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and MADE in path.read_text(encoding="utf-8")[:600]
    except (OSError, UnicodeDecodeError):
        return False


def added_file(item) -> str:
    """The path an `add:` entry names, as the studio writes it (`p3/local.yaml` for `./p3/local.yaml`)."""
    file = item.get("file") if isinstance(item, dict) else item
    return posixpath.normpath(str(file).replace("\\", "/")) if file else ""


def added_sections(material: dict | None) -> list[dict]:
    """The material's sections as the page lists sections (title, id)."""
    return [{"id": s.get("id"), "title": s.get("title") or s.get("id"), "levels": list(LEVELS), "added": True}
            for s in (material or {}).get("sections", []) if isinstance(s, dict)]
