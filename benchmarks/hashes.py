"""Byte-identical output across a refactor: sha256 of every shipped edition and a few variants.

    python benchmarks/hashes.py --write    # record benchmarks/baseline-hashes.json from the code as it is
    python benchmarks/hashes.py --check    # build again, compare, list every difference (exit 1 if any)
    python benchmarks/hashes.py --check --cases high,high-booklet

Every build runs with SOURCE_DATE_EPOCH fixed, so the same code makes the same bytes. The cases are every
edition in content/editions/ at its own settings, and variants that exercise each path of the plan and the
typesetter: the answer key as an appendix and as a separate document, a handout with its answer sheet,
two-sided, booklet, the large-print and accessible themes, A4, and the assessment fixture (quiz, DBQ, task).
A tool for refactors, not a test: layout changes made on purpose change the hashes; write them again then.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
ASSESS = ROOT / "tests" / "fixtures" / "assess"
BASELINE = Path(__file__).resolve().parent / "baseline-hashes.json"
EPOCH = "1780000000"


def cases() -> dict[str, tuple]:
    """name → (kind, content, edition, options)."""
    out = {}
    for path in sorted((CONTENT / "editions").glob("*.yaml")):
        out[path.stem] = ("build", CONTENT, path.stem, {})
    out.update({
        "high-appendix": ("build", CONTENT, "high", {"answers": "appendix"}),
        "high-separate": ("build", CONTENT, "high", {"answers": "separate"}),
        "middle-two-sided": ("build", CONTENT, "middle", {"two_sided": True}),
        "high-booklet": ("build", CONTENT, "high", {"booklet": True}),
        "college-large-print": ("build", CONTENT, "college", {"theme": "large-print", "two_sided": True}),
        "high-accessible-a4": ("build", CONTENT, "high", {"theme": "accessible", "paper": "a4"}),
        "college-a4-appendix": ("build", CONTENT, "college", {"paper": "a4", "answers": "appendix"}),
        "high-untagged": ("build", CONTENT, "high", {"tagged": False}),
        "handouts-high-separate": ("handouts", CONTENT, "high",
                                   {"sections": ["trials", "gulag"], "answers": "separate"}),
        "handouts-middle": ("handouts", CONTENT, "middle", {"sections": ["background"]}),
        "assess-high-appendix": ("build", ASSESS, "high", {"answers": "appendix"}),
        "assess-college-separate": ("build", ASSESS, "college", {"answers": "separate"}),
        "handouts-assess-separate": ("handouts", ASSESS, "high", {"answers": "separate"}),
    })
    return out


def run(name: str, spec: tuple, folder: Path) -> dict[str, str]:
    """Build one case into `folder`; returns {output file name: sha256}."""
    from guide import build

    kind, content, edition, options = spec
    where = folder / name
    if kind == "build":
        r = build.build(content, edition, output=str(where / f"{edition}.pdf"), **options)
        files = [r.path, *(r.extra or [])]
    else:
        files = []
        for r in build.handouts(content, edition, output_dir=str(where), **options):
            files += [r.path, *(r.extra or [])]
    return {str(Path(f).relative_to(where)): hashlib.sha256(Path(f).read_bytes()).hexdigest() for f in files}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="record the hashes in " + BASELINE.name)
    mode.add_argument("--check", action="store_true", help="compare with " + BASELINE.name)
    ap.add_argument("--cases", help="comma-separated case names (default: all)")
    args = ap.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    table = cases()
    names = args.cases.split(",") if args.cases else list(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        ap.error(f"unknown cases: {', '.join(unknown)} (known: {', '.join(table)})")
    got = {}
    with tempfile.TemporaryDirectory(prefix="guide-hashes-") as tmp:
        for name in names:
            got[name] = run(name, table[name], Path(tmp))
            print(f"{name}: {len(got[name])} file(s)", file=sys.stderr)
    if args.write:
        old = json.loads(BASELINE.read_text()) if BASELINE.is_file() and args.cases else {}
        old.update(got)
        BASELINE.write_text(json.dumps({k: old[k] for k in sorted(old)}, indent=1) + "\n")
        print(f"wrote {len(got)} case(s) to {BASELINE.relative_to(ROOT)}")
        return 0
    base = json.loads(BASELINE.read_text())
    differ = 0
    for name in names:
        want = base.get(name)
        if want is None:
            print(f"NEW   {name}: not in the baseline")
            differ += 1
            continue
        for file in sorted(set(want) | set(got[name])):
            a, b = want.get(file), got[name].get(file)
            if a != b:
                differ += 1
                state = "MISSING" if b is None else "EXTRA" if a is None else "DIFFERS"
                print(f"{state} {name}/{file}")
    same = sum(len(v) for v in got.values()) - differ
    print(f"{same} identical, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
