"""`guide build --all`: every edition (and its handouts) in worker processes, one per core.

A worker keeps the content it has loaded for its next edition (`build._LOADED`), and stops cleanly — its
temporary files removed, earlier outputs kept — on SIGTERM or SIGINT.
"""
from __future__ import annotations

import os
import signal
from pathlib import Path

from .errors import GuideError, Problems, display_path
from .resolve import source_date_epoch


class Stop(Exception):
    """SIGTERM or SIGINT: stop the work at hand, removing temporary files on the way out."""


def _stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


_IN_JOB = False      # (in a worker) whether a job runs, whose temporary files a Stop must remove


def _stop_worker(signum, frame):
    """A worker's handler: inside a job, stop it (its temporary files are removed on the way out); between
    jobs (waiting for the next, or starting), there is nothing to clean: end at once, without a traceback."""
    if not _IN_JOB:
        os._exit(128 + signum)
    raise Stop(signal.Signals(signum).name)


def _start_worker() -> None:
    """A worker of `build --all` keeps the content it has loaded for its next edition, and stops cleanly
    (its temporary files removed, earlier outputs kept) on SIGTERM or SIGINT."""
    from . import build as pipeline
    pipeline._LOADED = {}
    signal.signal(signal.SIGTERM, _stop_worker)
    signal.signal(signal.SIGINT, _stop_worker)


def _job(args):
    """One unit of `build --all`, run in a worker process: returns (label, results, problems)."""
    from .build import build, handouts

    global _IN_JOB
    kind, content, name, output_dir, tagged = args
    try:
        _IN_JOB = True
        if kind == "build":
            r = build(Path(content), name, output=str(Path(output_dir) / f"{name}.pdf"), tagged=tagged)
            rows = [(str(r.path), r.pages, r.seconds)] + [(str(p), None, None) for p in r.extra or []]
        elif kind == "exports":
            from .exporting import export_everything
            rows = export_everything(Path(content), name, output_dir)
        else:
            rs = handouts(Path(content), name, output_dir=str(Path(output_dir) / "handouts"), tagged=tagged)
            rows = [(str(r.path), r.pages, r.seconds) for r in rs]
        return name, kind, rows, []
    except GuideError as exc:
        return name, kind, [], [str(p) for p in exc.problems]
    except Stop:       # the temporary files are gone (the exception passed through `write_all`): end here
        os._exit(143)
    finally:
        _IN_JOB = False


def build_all(content: Path, output_dir: str | None = None, with_handouts: bool = False, workers: int | None = None,
              tagged: bool = True, with_exports: bool = False):
    """Every edition of the content folder (and their handouts), in parallel worker processes.

    Yields the number of jobs, then (edition, kind, rows, problems) as each finishes; a failing edition
    does not stop the others."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    problems = Problems()
    from .validate import load_guide
    guide = load_guide(content, problems)
    names = sorted(guide.editions) if guide else []
    if not names:
        raise GuideError(f"{display_path(content)}: no editions to build (add files to editions/)", exit_code=1)
    out = output_dir or "out"
    jobs = [("build", str(content), n, out, tagged) for n in names]
    if with_handouts:
        jobs += [("handouts", str(content), n, out, tagged) for n in names]
    if with_exports:
        jobs += [("exports", str(content), n, out, tagged) for n in names]
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise GuideError(f"{display_path(folder)}: the output folder is a file; nothing was built", exit_code=2)
    source_date_epoch()
    yield len(jobs)   # first, how many results will follow (for a progress bar)
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    before = signal.signal(signal.SIGTERM, _stop)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
    futures, finished = [], False
    try:
        futures = [pool.submit(_job, j) for j in jobs]
        for future in as_completed(futures):
            yield future.result()
        finished = True
    finally:   # also when stopped (SIGTERM, Ctrl-C) or abandoned: no worker outlives the command
        if not finished:
            for future in futures:
                future.cancel()
            for proc in list(getattr(pool, "_processes", {}).values()):   # each removes its temporary files
                if proc.is_alive():
                    proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGTERM, before)
