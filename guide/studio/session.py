"""The studio's work, without the web: an edition as settings, built in memory for the preview, saved as YAML.

An edition in the studio is a dict of option values (`options.OPTIONS`). It is turned into the text of an
edition file and read by the same reader as `guide build` (`validate.read_edition`, with the text standing
in for the file), so the preview, its problems and a later `guide build NAME` agree exactly. Saving writes
that text into `content/editions/NAME.yaml`; an existing file is updated with a round-trip YAML library,
so the comments a teacher wrote in it are kept.
"""
from __future__ import annotations

import hashlib
import io
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import GuideError, Problem, Problems, display_path
from ..options import OPTIONS
from ..output import _test_hold_while_writing as hold_for_test
from .firstpages import changed_section, quick_selection, section_pages

MAX_BUILDS = 6            # finished builds kept for their page images


@dataclass
class Build:
    id: str
    pdf: bytes
    pages: int
    seconds: float
    settings: dict
    name: str = "studio"
    section: str | None = None      # a section laid out alone (`firstpages`), or None: the whole edition
    first: int = 1                  # the page where the changed section starts
    answers: str = "none"
    booklet: bool = False
    aspect: float = 1.294           # page height / width
    images: dict = field(default_factory=dict)      # (page, width) → PNG bytes
    downloads: dict = field(default_factory=dict)   # what → bytes, made when first asked for


def problem_json(p: Problem) -> dict:
    return {"severity": p.severity, "message": p.message, "hint": p.hint, "field": p.field,
            "file": p.location.file if p.location else None, "line": p.location.line if p.location else None,
            "text": str(p)}


class Studio:
    """One content folder, kept loaded; builds of editions from settings; saving."""

    def __init__(self, content: Path, why: str):
        self.content = Path(content)
        self.why = why
        self.lock = threading.Lock()          # one build at a time (a small machine)
        self.render_lock = threading.Lock()   # PDFium is not thread-safe: one page image at a time
        self.builds: dict[str, Build] = {}
        self.counter = 0
        self.last: dict | None = None         # the settings of the last whole build
        self._loaded = None                   # (the content's files' sizes and times, the loaded guide)
        self._items = None                    # `overrides.items` of the loaded guide: what each id names
        self._selections: dict = {}           # (name, edition text, material, options) → (selection, warnings)
        self.uploads: dict[str, dict] = {}    # bibliographies uploaded and not saved yet (`uploads.py`)

    # -- the content ------------------------------------------------------------------------------
    @property
    def shipped(self) -> bool:
        return self.why == "the content shipped with guide"

    def guide(self):
        """The loaded content, kept between builds and reloaded when one of its files changed."""
        from ..build import _load, _signature
        signature = _signature(self.content)
        if self._loaded is None or self._loaded[0] != signature:
            self._loaded = None               # (a failed load raises and keeps nothing)
            self._loaded = (signature, _load(self.content))
            self._selections.clear()
            self._items = None
        return self._loaded[1]

    def items(self) -> dict:
        from ..overrides import items
        guide, _ = self.guide()
        if self._items is None:
            self._items = items(guide)
        return self._items

    def editions(self) -> list[str]:
        guide, _ = self.guide()
        return sorted(guide.editions)

    def settings_of(self, name: str) -> dict:
        """The settings of an edition of the content folder, as the page shows them."""
        from ..editions import edition_settings
        guide, _ = self.guide()
        if name not in guide.editions:
            raise GuideError(f"there is no edition '{name}'", exit_code=2)
        ed = guide.editions[name]
        out = edition_settings(ed, Path(ed.path).parent)
        for o in OPTIONS:
            if o.name not in out and o.kind in ("choice", "bool"):
                out[o.name] = o.default
        out.setdefault("sections", list(ed.sections) if ed.sections is not None else list(guide.order))
        from .reopen import material_of
        out["material"], out["add"] = material_of(self.content, name, out.get("add"))
        if out["add"] is None:
            del out["add"]
        return out

    def file_of(self, name: str) -> Path:
        from ..editions import NAME
        if not NAME.match(name or ""):
            raise GuideError(f"'{name}' is not an edition name: use letters, digits, '-' and '_'", exit_code=2)
        return self.content / "editions" / f"{name}.yaml"

    def stamp(self, name: str) -> str | None:
        """What the edition file on disk is now (to notice a change made elsewhere before saving over it)."""
        path = self.file_of(name)
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        except OSError:
            return None

    # -- settings → edition --------------------------------------------------------------------------
    @staticmethod
    def clean(settings: dict) -> dict:
        """Only the declared options, in their order; empty values dropped."""
        out = {}
        for o in OPTIONS:
            if o.name not in settings:
                continue
            value = settings[o.name]
            if value in (None, "") or (o.kind == "omit" and value == []):
                continue
            out[o.name] = value
        return out

    @staticmethod
    def text_of(settings: dict) -> str:
        return yaml.safe_dump(Studio.clean(settings), sort_keys=False, allow_unicode=True, width=10_000)

    def edition(self, name: str, settings: dict):
        """The Edition these settings make, read like a file at content/editions/NAME.yaml."""
        from ..validate import read_edition
        problems = Problems()
        ed = read_edition(self.file_of(name), problems, name=name, content_root=self.content,
                          text=self.text_of(settings))
        if ed is not None:      # the teacher's own material, from the page (`additions.py`)
            ed.additions = self.material(name, settings).additions(ed)
        return ed, problems

    def material(self, name: str, settings: dict):
        from .additions import Material
        return Material(self.content, name, settings.get("material"), self.uploads, settings.get("sections"))

    def place(self, name: str, settings: dict, problems: list[Problem]) -> list[Problem]:
        """Problems of the material and the overrides with the field of the page they belong to."""
        from . import wording
        try:
            problems = self.material(name, settings).place(problems)
            return wording.place(problems, self.text_of(settings), display_path(self.file_of(name)))
        except GuideError:
            return problems

    # -- building ------------------------------------------------------------------------------------
    def selection(self, name: str, settings: dict, **options):
        """The selection `guide build NAME` would make of these settings (`options` as on its command line).
        The last few are kept: the changed section and then the whole edition are built from one."""
        from ..build import check_selection_fonts, warnings_of
        from ..select import select

        guide, found = self.guide()
        key = (name, self.text_of(settings), json.dumps(settings.get("material"), sort_keys=True),
               tuple(sorted(options.items())))
        if key not in self._selections:
            with self.material(name, settings).overlay():    # the teacher's unsaved material read as its files
                ed, read = self.edition(name, settings)
                if ed is None:
                    raise GuideError(list(read))
                selection = select(guide, ed, **options)
                check_selection_fonts(selection)
            self._selections[key] = (selection, warnings_of(found, selection, strict=False))
            for old in list(self._selections)[:-3]:
                del self._selections[old]
        return self._selections[key]

    def _keep(self, build: Build, section_title: str | None = None) -> Build:
        """Keep a build for its page images; note its pages' shape and where the section titled so starts."""
        import pypdfium2 as pdfium
        with self.render_lock:
            doc = pdfium.PdfDocument(build.pdf)
            try:
                width, height = doc[0].get_size()
                if section_title is not None:
                    found = [item.get_dest() for item in doc.get_toc()
                             if item.level == 0 and item.get_title() == section_title]
                    build.first = found[0].get_index() + 1 if found and found[0] is not None else 1
            finally:
                doc.close()
        build.aspect = round(height / width, 4)
        self.counter += 1
        build.id = f"b{self.counter}"
        self.builds[build.id] = build
        for old in list(self.builds)[:-MAX_BUILDS]:
            del self.builds[old]
        return build

    def build(self, name: str, settings: dict) -> tuple[Build | None, list[Problem]]:
        """Build the whole edition in memory. A failed build returns its problems and keeps the builds before."""
        from ..build import render

        with self.lock:
            started = time.perf_counter()
            try:
                selection, warnings = self.selection(name, settings)
                hold_for_test()                    # tests only: "a build is under way" (GUIDE_TEST_SIGNAL_FILE)
                plan, pdf, pages, _ = render(selection, first_only=True)[0]
                first = changed_section(self.items(), selection, self.last, settings)
            except GuideError as exc:
                return None, self.place(name, settings, list(exc.problems))
            self.last = dict(settings)
            title = next((s.title for s in plan.document.sections if s.id == first), None)
            return self._keep(Build("", pdf, pages, time.perf_counter() - started, dict(settings), name,
                                    answers=selection.answers, booklet=selection.booklet),
                              None if selection.booklet else title), self.place(name, settings, list(warnings))

    def build_first(self, name: str, settings: dict) -> Build | None:
        """The changed section's pages alone (`firstpages`), fast; None when no section's pages changed or
        the settings have problems (the whole build that follows reports them)."""
        with self.lock:
            started = time.perf_counter()
            try:
                guide, _ = self.guide()
                table = self.items()
                with self.material(name, settings).overlay():    # unsaved material read as its files
                    ed, read = self.edition(name, settings)
                    selection = quick_selection(guide, ed, table) if ed is not None and not read.errors else None
                sid = changed_section(table, selection, self.last, settings) if selection else None
                if sid is None:
                    return None
                pdf, pages = section_pages(selection, sid)
            except Exception:     # unchecked text (a reference to no term or source): the whole build says what
                return None
            return self._keep(Build("", pdf, pages, time.perf_counter() - started, dict(settings), name,
                                    section=sid))

    def page_image(self, build_id: str, page: int, width: int = 600) -> bytes:
        """A page of a build as PNG, rendered on the server (pypdfium2), `width` pixels wide."""
        import pypdfium2 as pdfium

        build = self.builds.get(build_id)
        if build is None or not 1 <= page <= build.pages:
            raise KeyError(build_id)
        width = max(100, min(int(width), 1600))
        key = (page, width)
        with self.render_lock:
            return self._render(build, page, width, key, pdfium)

    @staticmethod
    def _render(build, page, width, key, pdfium) -> bytes:
        if key not in build.images:
            doc = pdfium.PdfDocument(build.pdf)
            try:
                p = doc[page - 1]
                scale = width / p.get_width()
                image = p.render(scale=scale).to_pil()
                out = io.BytesIO()
                image.save(out, format="PNG", compress_level=1)   # fast: it goes to this computer only
                build.images[key] = out.getvalue()
            finally:
                doc.close()
        return build.images[key]

    # -- saving --------------------------------------------------------------------------------------
    def save(self, name: str, settings: dict, expected: str | None, force: bool = False) -> Path:
        """Write the edition file. An existing file keeps its comments; a file changed on disk since the
        page opened it (`expected`, from `stamp`) is not overwritten unless `force`."""
        from ..editions import refuse_package, schema_reference, write_new

        target = self.file_of(name)
        refuse_package(target, self.content, self.shipped)
        material = self.material(name, settings)
        with material.overlay():
            ed, problems = self.edition(name, settings)
        if ed is None or problems.errors:
            raise GuideError(self.place(name, settings, problems.sorted()) or "the edition cannot be read")
        now = self.stamp(name)
        if now is not None and now != expected and not force:
            raise GuideError(f"{display_path(target)} was changed on disk since you opened it; save anyway to "
                             "replace it, or reload to see the changes", exit_code=409)
        spec = material.add_spec(settings.get("add"))
        settings = {k: v for k, v in settings.items() if k not in ("add", "material")}
        if spec:
            settings["add"] = spec
        material.write()                                  # the files first: the edition never names a missing one
        clean = self.clean(settings)
        if now is None:
            schema = schema_reference(target, self.content)
            head = f"# yaml-language-server: $schema={schema}\n" if schema else ""
            write_new(target, head + "# Made in guide studio. Build it with:  guide build " + name + "\n"
                      + self.text_of(settings))
            return target
        from ruamel.yaml import YAML

        rt = YAML()
        rt.preserve_quotes = True
        rt.width = 4096
        data = rt.load(target.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
        for o in OPTIONS:
            if o.name in clean:
                if data.get(o.name) != clean[o.name]:
                    data[o.name] = clean[o.name]
            elif o.name in data:
                del data[o.name]
        out = io.StringIO()
        rt.dump(data, out)
        from ..build import write_atomic
        write_atomic(target, out.getvalue().encode("utf-8"))
        return target

    def new_edition(self, name: str, base: str | None, level: str | None) -> str:
        """Write a new edition file as `guide new-edition NAME [--from BASE] [--level L]` does; its name."""
        from ..editions import edition_settings, refuse_package, schema_reference, starter_edition, write_new
        from ..model import LEVELS

        target = self.file_of(name)
        refuse_package(target, self.content, self.shipped)
        if level is not None and level not in LEVELS:
            raise GuideError(f"'{level}' is not a level: one of {', '.join(LEVELS)}", exit_code=2)
        guide, _ = self.guide()
        if base is not None and base not in guide.editions:
            raise GuideError(f"there is no edition '{base}' to copy", exit_code=2)
        ed = guide.editions[base] if base else None
        settings = edition_settings(ed, target.parent) if ed else {}
        write_new(target, starter_edition(guide, name, level or (ed.level if ed else "high"), settings,
                                          schema_reference(target, self.content), name))
        return name

    def init(self, folder: Path) -> Path:
        """Copy the shipped content to folder/content and use it from now on (`guide init`)."""
        from ..editions import init_content
        target = init_content(self.content, folder)
        self.content, self.why = target, "./content in the current folder"
        return target


def choices() -> dict:
    """The choices the page offers, from the option declaration."""
    return {o.name: list(o.choices) for o in OPTIONS if o.kind == "choice"}

