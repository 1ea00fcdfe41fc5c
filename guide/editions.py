"""Files an instructor starts from: `guide init` (a content folder of one's own) and `guide new-edition`.

The starter edition file is made from the option declaration (`options.OPTIONS`): every option appears,
set or as a commented example, with its help text. Values are written by the YAML library, never by
formatting strings, and the result is read back and compared before it is written.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import yaml

from .errors import GuideError, display_path
from .model import Edition, Guide
from .options import OPTIONS

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
SCHEMA_LINE = "# yaml-language-server: $schema="


def _dump(key: str, value) -> list[str]:
    text = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False,
                          width=10_000)
    return text.rstrip("\n").split("\n")


def _comment(text: str) -> str:
    """Text made safe for a YAML comment: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text).strip()


def _wrap(text: str, width: int = 100) -> list[str]:
    import textwrap
    return ["# " + line for line in textwrap.wrap(_comment(text), width - 2)]


def rebase_add(spec, old_dir: Path, new_dir: Path):
    """An `add:` value with its file paths made relative to `new_dir` instead of `old_dir`."""
    def move(file):
        if not isinstance(file, str) or old_dir.resolve() == new_dir.resolve():
            return file
        return Path(os.path.relpath((old_dir / file).resolve(), new_dir.resolve())).as_posix()

    def item(value):
        if isinstance(value, dict):
            return {k: (move(v) if k == "file" else v) for k, v in value.items()}
        return move(value)

    if isinstance(spec, list):
        return [item(v) for v in spec]
    if isinstance(spec, dict):
        return {k: ([item(x) for x in v] if isinstance(v, list) else item(v)) for k, v in spec.items()}
    return spec


def plain(value):
    """Loaded YAML (`load.Map`, `load.Seq`) as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def edition_settings(base: Edition, new_dir: Path) -> dict:
    """Every setting of `base`, as an edition file at `new_dir` would say it (paths of added files moved)."""
    from .errors import Problems
    from .load import load_yaml

    out: dict = {}
    raw = plain(load_yaml(Path(base.path), Problems())) if base.path else {}
    for o in OPTIONS:
        if o.kind == "add":
            if isinstance(raw, dict) and raw.get("add") is not None:
                out["add"] = rebase_add(raw["add"], Path(base.path).parent, new_dir)
            continue
        if o.kind == "overrides":      # copied as written (with their 'was:' fingerprints)
            if isinstance(raw, dict) and raw.get("overrides") is not None:
                out["overrides"] = raw["overrides"]
            continue
        value = getattr(base, o.attr)
        if value is not None and (o.kind != "omit" or value):
            out[o.name] = list(value) if isinstance(value, list) else value
    return out


def starter_edition(guide: Guide, name: str, level: str, settings: dict | None = None,
                    schema: str | None = None, build_as: str | None = None) -> str:
    """The commented starter file of an edition with these settings (an empty dict: a fresh edition)."""
    settings = dict(settings or {})
    settings["level"] = level
    settings.setdefault("sections", list(guide.order))
    expected: dict = {}
    lines = [f"{SCHEMA_LINE}{schema}"] if schema else []
    lines += [f"# Edition '{_comment(name)}' of {_comment(guide.title)}. Build it with:  "
              f"guide build {_comment(build_as or name)}",
              "# Lines starting with # are comments: to use an example line, remove its '# '.",
              "# Every key is explained in docs/content-format.md (section 'Editions')."]
    group = None
    for o in OPTIONS:
        if o.group != group:
            group = o.group
            lines += ["", f"# ---- {group} " + "-" * max(0, 90 - len(group))]
        lines += _wrap(o.help + (f" ({o.values_text()})" if o.kind in ("choice", "bool") else ""))
        value = settings.get(o.name)
        if value is None and o.kind in ("choice", "bool"):
            value = o.default
        if value is None and o.kind == "omit":
            value = []
        if value is None:
            lines += ["# " + line for line in _dump(o.name, o.example)] if o.example is not None else []
            continue
        expected[o.name] = value
        dumped = _dump(o.name, value)
        if o.kind == "sections":
            dumped = [_titled(guide, line, level) for line in dumped]
            dumped += [f"# - {sid}" for sid in guide.order if sid not in value]
        lines += dumped
    text = "\n".join(lines) + "\n"
    if yaml.safe_load(text) != expected:   # a guard: the file must say exactly what was meant
        raise GuideError("internal error: the starter edition does not read back as written; please report it")
    return text


def _titled(guide: Guide, line: str, level: str) -> str:
    m = re.match(r"^- ([a-z0-9][a-z0-9-]*)$", line)
    sec = guide.sections.get(m.group(1)) if m else None
    if not sec:
        return line
    title = sec.title.at(level) or next(iter(sec.title.values.values()))
    return f"{line:<20} # {_comment(title)}"


# ------------------------------------------------------------------------------------------ writing

def installed_package() -> Path:
    return Path(__file__).resolve().parent


def refuse_package(target: Path, content: Path, shipped: bool) -> None:
    """Teacher files never go into the installed package, where an update or reinstall deletes them."""
    resolved = target.resolve()
    inside = [installed_package()] + ([content.resolve()] if shipped else [])
    if any(resolved == p or p in resolved.parents for p in inside):
        raise GuideError(f"{display_path(target)} would be inside the content shipped with guide, which an update "
                         "replaces; run 'guide init' to copy the content to ./content, then run this again in that "
                         "folder", exit_code=1)


def edition_target(content: Path, name_or_path: str) -> tuple[Path, str]:
    """Where `new-edition NAME|PATH` writes, and how `guide build` then names it."""
    if name_or_path.endswith((".yaml", ".yml")):
        return Path(name_or_path), name_or_path
    if not NAME.match(name_or_path):
        raise GuideError(f"'{_comment(name_or_path)}' is not an edition name: use letters, digits, '-' and '_' "
                         "(e.g. period3); to write a file elsewhere, give a path ending in .yaml", exit_code=2)
    return content / "editions" / f"{name_or_path}.yaml", name_or_path


def schema_reference(target: Path, content: Path, kind: str = "edition") -> str | None:
    """The relative path from `target` to the content folder's schema file, if `target` is inside it."""
    schema = content.resolve() / "schema" / f"{kind}.json"
    folder = target.resolve().parent
    if not schema.is_file() or not (folder == content.resolve() or content.resolve() in folder.parents):
        return None
    return Path(os.path.relpath(schema, folder)).as_posix()


def write_new(target: Path, text: str) -> None:
    """Write a new file, atomically, never over an existing one."""
    exists = GuideError(f"{display_path(target)} already exists; choose another name or delete it first",
                        exit_code=1)
    if target.exists():
        raise exists
    folder = target.parent
    tmp = folder / f".guide-{os.getpid()}-new.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "a file has the name of a folder on the way" if isinstance(exc, FileExistsError) else \
            (exc.strerror or str(exc))
        raise GuideError(f"{display_path(target)}: cannot write the file ({why})", exit_code=1) from None
    try:
        tmp.write_text(text, encoding="utf-8")
        try:
            os.link(tmp, target)       # fails if the target exists: never overwrites
        except FileExistsError:
            raise exists from None
        except OSError:                # a file system without hard links
            with open(target, "x", encoding="utf-8") as fh:
                fh.write(text)
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise GuideError(f"{display_path(target)}: cannot write the file ({exc.strerror or exc})",
                         exit_code=1) from None
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def init_content(source: Path, folder: Path) -> Path:
    """`guide init`: copy the shipped content to folder/content; never over anything."""
    target = folder / "content"
    if target.exists():
        raise GuideError(f"{display_path(target)} already exists; nothing was copied (to start again, move it "
                         "away first)", exit_code=1)
    tmp = folder / f".guide-{os.getpid()}-init.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, tmp, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        os.rename(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise GuideError(f"{display_path(target)}: cannot copy the content ({exc.strerror or exc})",
                         exit_code=1) from None
    return target
