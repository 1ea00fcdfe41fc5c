"""Benchmark the studio's preview (run outside pytest; never a timed test).

    python benchmarks/studio_bench.py [--runs N] [--rebuilds N]

Starts `guide studio --no-browser` on a copy of the shipped content, as a teacher would, and talks to it
over HTTP as its page does. For each change to the default edition — one option (the paper, letter ↔ a4)
and one paragraph (an override of `army-p3` in the edition's settings) — it measures, N times:

  first   from the change to the first page images of the changed section received: the page's wait before
          it builds (100 ms for a choice; `QUICK_MS` in studio.js), the changed section laid out alone
          (`"first": true`) and its first two page images (the page asks for three at once)
  whole   from the change to the whole PDF built (the section first, then the whole edition)

with the server's CPU seconds for the first images (steadier than wall time on a busy machine), and,
in the same run, a cold `guide build` of the same edition (a new process, as a teacher runs it).
Then memory: the studio's peak RSS (VmHWM of the server process) after 1, 10 and N successive rebuilds
(each a change: the section first, then the whole). One JSON line per measure, then the targets with `met`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
EDITION = "high"
PAUSE = 0.100                # the page's wait after a choice before it asks for a build (studio.js QUICK_MS)


class Studio:
    def __init__(self, content: Path, cwd: Path):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-m", "guide", "--content", str(content), "studio",
                                      "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env, cwd=cwd)
        first = self.proc.stdout.readline().strip()
        if not first.startswith("studio: "):
            raise SystemExit(f"the studio did not start: {first!r} {self.proc.stderr.read()}")
        self.url = first.split(" ", 1)[1]
        self.base, self.token = self.url.split("/?token=")

    def call(self, path: str, body: dict | None = None) -> bytes:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={
            "X-Guide-Token": self.token, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.read()

    def json(self, path: str, body: dict | None = None) -> dict:
        return json.loads(self.call(path, body))

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server so far (steadier than wall time on a busy machine)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def change(studio: Studio, settings: dict) -> tuple[float, float, float]:
    """One change as the page makes it: seconds to the first images, seconds to the whole PDF, and the
    server's CPU seconds for the first images."""
    started, cpu = time.perf_counter(), studio.cpu_seconds()
    time.sleep(PAUSE)
    first = studio.json("/api/preview", {"name": EDITION, "settings": settings, "first": True})
    if first.get("ok"):
        for page in range(1, min(2, first["pages"]) + 1):
            studio.call(f"/api/build/{first['build']}/page/{page}.png?width=700")
    shown, cpu = time.perf_counter() - started, studio.cpu_seconds() - cpu
    whole = studio.json("/api/preview", {"name": EDITION, "settings": settings})
    if not whole.get("ok"):
        raise SystemExit(f"the build failed: {whole['problems']}")
    return (shown if first.get("ok") else float("nan")), time.perf_counter() - started, cpu


def cold_build(content: Path, out: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "guide", "--content", str(content), "build", EDITION, "-o", str(out)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="changes of each kind (the median is reported)")
    ap.add_argument("--rebuilds", type=int, default=100, help="successive rebuilds for the memory measure")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="studio-bench-"))
    content = tmp / "content"
    shutil.copytree(CONTENT, content)
    studio = Studio(content, tmp)
    results = {}
    try:
        settings = studio.json(f"/api/state?edition={EDITION}")["settings"]
        change(studio, settings)                                   # the page's first build, as it opens
        kinds = {
            "option": lambda i: {**settings, "paper": "a4" if i % 2 == 0 else "letter"},
            "paragraph": lambda i: {**settings, "overrides": {"army-p3": f"A paragraph in my own words, {i}."}},
        }
        for kind, make in kinds.items():
            firsts, wholes, colds, cpus = [], [], [], []
            for i in range(args.runs):
                first, whole, cpu = change(studio, make(i))
                firsts.append(first)
                cpus.append(cpu)
                wholes.append(whole)
                colds.append(cold_build(content, tmp / "cold.pdf"))
            results[kind] = {"first": statistics.median(firsts), "whole": statistics.median(wholes),
                             "cold build": statistics.median(colds)}
            print(json.dumps({"change": kind, "runs": args.runs, "first images s (median)": round(results[kind]
                              ["first"], 3), "first images s (all)": [round(x, 3) for x in firsts],
                              "first images, server CPU s (median)": round(statistics.median(cpus), 3),
                              "whole PDF s (median)": round(results[kind]["whole"], 3),
                              "cold guide build s (median)": round(results[kind]["cold build"], 3)}), flush=True)
        memory = {}
        for i in range(1, args.rebuilds + 1):
            change(studio, kinds["paragraph"](1000 + i))
            if i in (1, 10, args.rebuilds):
                memory[i] = round(studio.peak_rss_mib(), 1)
        print(json.dumps({"rebuilds": args.rebuilds, "peak RSS MiB after": memory}), flush=True)
    finally:
        studio.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    targets = [("first images of the changed section within 1.0 s (median), option", results["option"]["first"], 1.0),
               ("first images of the changed section within 1.0 s (median), paragraph",
                results["paragraph"]["first"], 1.0)]
    for kind in kinds:
        targets.append((f"whole PDF no later than a cold guide build, {kind}", results[kind]["whole"],
                        results[kind]["cold build"]))
    last, tenth = memory[args.rebuilds], memory[min(10, args.rebuilds)]
    targets.append((f"peak RSS flat: after {args.rebuilds} rebuilds ≤ 1.1 × after 10", last, 1.1 * tenth))
    for name, value, limit in targets:
        print(json.dumps({"target": name, "value": round(value, 3), "limit": round(limit, 3),
                          "met": value <= limit}), flush=True)


if __name__ == "__main__":
    main()
