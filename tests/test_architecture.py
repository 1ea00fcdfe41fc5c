"""The import rules of docs/architecture.md, read from every module's imports with `ast`."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parent.parent / "guide"
RENDERING_LIBRARIES = ("reportlab", "docx")
RENDERERS = ("guide.typeset", "guide.export")
# every stage before the renderers: none may import a renderer or a rendering library
BEFORE_RENDERING = ("guide.load", "guide.validate", "guide.model", "guide.select", "guide.editions",
                    "guide.overrides", "guide.resolve", "guide.document", "guide.plan", "guide.layout",
                    "guide.markup", "guide.bibliography", "guide.csl", "guide.theme", "guide.options")
# what a renderer must not reach back into: it draws the plan it is given
EARLIER_STAGES = ("guide.load", "guide.validate", "guide.select", "guide.editions", "guide.overrides",
                  "guide.resolve", "guide.build", "guide.output", "guide.parallel", "guide.cli", "guide.studio")
PIPELINE = ("guide.build", "guide.output", "guide.parallel", "guide.exporting")   # they run the stages
PIPELINE_USERS = ("guide.cli", "guide.studio", "guide.__main__", *PIPELINE)


def module_name(path: Path, root: Path = GUIDE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = GUIDE, text: str | None = None) -> set[str]:
    """The absolute names of the modules `path` imports, wherever in the file (inside functions too)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(text if text is not None else path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.add(module)
            if node.level and not node.module:      # `from . import geo`: the modules named
                out.update(f"{module}.{a.name}" for a in node.names)
    return out


def within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@functools.lru_cache(maxsize=1)
def modules() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(GUIDE.rglob("*.py"))}


def broken_rules(found: dict[str, set[str]]) -> list[str]:
    """Every import that breaks a rule, as "module imports name (rule)"."""
    out = []
    for mod, names in found.items():
        for name in sorted(names):
            if within(name, RENDERING_LIBRARIES[:1]) and not within(mod, ("guide.typeset",)):
                out.append(f"{mod} imports {name} (only guide/typeset imports reportlab)")
            if within(mod, BEFORE_RENDERING) and within(name, RENDERERS + RENDERING_LIBRARIES):
                out.append(f"{mod} imports {name} (a stage before the renderers imports no renderer)")
            if within(mod, RENDERERS) and within(name, EARLIER_STAGES):
                out.append(f"{mod} imports {name} (a renderer draws the plan; it imports no earlier stage)")
            if within(name, PIPELINE) and not within(mod, PIPELINE_USERS):
                out.append(f"{mod} imports {name} (only the command line and the studio run the pipeline)")
    return out


def test_the_stages_import_only_what_docs_architecture_allows():
    assert broken_rules(modules()) == []


@pytest.mark.parametrize("module, line, rule", [
    ("guide/plan/extra.py", "from ..typeset import typeset", "imports no renderer"),
    ("guide/plan/docx_too.py", "from guide.export import docx", "imports no renderer"),
    ("guide/resolve_more.py", "import reportlab.platypus", "only guide/typeset imports reportlab"),
    ("guide/typeset/extra.py", "from ..select import select", "imports no earlier stage"),
    ("guide/typeset/other.py", "from .. import resolve", "imports no earlier stage"),
    ("guide/stats_more.py", "def f():\n    from .build import build", "run the pipeline"),
])
def test_each_rule_finds_a_module_that_breaks_it(module, line, rule):
    """The package with one module added that breaks one rule: that rule, and only it, is broken."""
    path = GUIDE.parent / module
    found = {**modules(), module_name(path): imports(path, text=line)}
    broken = broken_rules(found)
    assert len(broken) == 1 and broken[0].startswith(module_name(path) + " ") and rule in broken[0], broken


def test_every_field_an_edition_may_reword_is_a_text_field_the_walks_know():
    """`overrides.FIELDS` (what an edition may change) names only fields of `model.TEXT_FIELDS`, so every
    reworded text is checked, linked and numbered like the original."""
    from guide.model import TEXT_FIELDS
    from guide.overrides import FIELDS

    known = {kind: {name for name, _ in fields} for kind, fields in TEXT_FIELDS.items()}
    from guide.model import BLOCK_TYPES
    for kind in BLOCK_TYPES:
        assert set(FIELDS[kind]) <= known["block"], kind
    assert set(FIELDS["question"]) - {"lines"} <= known["question"]
