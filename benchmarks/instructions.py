"""Count the machine instructions of one cold build under valgrind's callgrind (run outside pytest).

    python benchmarks/instructions.py [--tree PATH] [--untagged] [--content PATH]

Wall and CPU times on a shared virtual machine wander by ±20 % from minute to minute, more than the
differences a change of the code makes; the instructions a build executes do not (they vary by well under
1 % between runs). So a before/after comparison can be made with this: the tree before (a `git worktree`)
and the tree after, each counted once, one after the other or side by side (a count does not depend on the
machine's load). About 50 times slower than the build itself (3–4 minutes for the default edition). Prints
one JSON line: the tree, tagged or not, the pages and the instructions (callgrind's "Ir").
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = ("import json,sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); from guide.build import build; "
         "r=build(Path(sys.argv[2]), None, output=sys.argv[3], tagged=sys.argv[4]=='1'); "
         "print(json.dumps({'pages': r.pages}))")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", default=str(ROOT), help="the source tree whose guide package is measured")
    ap.add_argument("--content", help="the content folder (default: the tree's content/)")
    ap.add_argument("--untagged", action="store_true")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    tree = Path(args.tree).resolve()
    content = Path(args.content).resolve() if args.content else tree / "content"
    with tempfile.TemporaryDirectory(prefix="guide-instructions-") as tmp:
        out = Path(tmp) / "callgrind.out"
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)     # (the tree's bytecode is written once, as an installed one is)
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
                               "-c", PROBE, str(tree), str(content), str(Path(tmp) / "out.pdf"),
                               "0" if args.untagged else "1"], capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise SystemExit(f"the build failed:\n{proc.stderr[-2000:]}")
        summary = re.search(r"^summary:\s*(\d+)", out.read_text(), re.M)
        pages = json.loads(proc.stdout.strip().splitlines()[-1])["pages"]
    print(json.dumps({"tree": str(tree), "tagged": not args.untagged, "pages": pages,
                      "instructions": int(summary.group(1)) if summary else None}))


if __name__ == "__main__":
    main()
