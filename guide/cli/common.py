"""What every command shares: the options of `guide` itself (`Ctx`), and how problems and warnings are shown."""
from __future__ import annotations

import sys

import click

from ..errors import GuideError


class Ctx:
    """The options of `guide` itself, given to every command."""

    def __init__(self, content: str | None, debug: bool):
        self.content_option = content
        self.debug = debug


def fail(exc: GuideError) -> None:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    n = sum(1 for p in exc.problems if p.severity == "error")
    if n > 1:
        click.echo(f"{n} errors; nothing was written.", err=True)
    sys.exit(exc.exit_code)


def run(ctx: Ctx, fn):
    try:
        return fn()
    except GuideError as exc:
        if ctx.debug:
            raise
        fail(exc)


def show_warnings(warnings, shown: int = 5) -> None:
    """A build's warnings: how many, and the first few (`guide check` lists them all)."""
    if not warnings:
        return
    n = len(warnings)
    click.echo(f"{n} warning{'s' * (n != 1)}" + (f" (the first {shown}; 'guide check' lists them all)"
                                                 if n > shown else "") + ":", err=True)
    for p in warnings[:shown]:
        click.echo(f"  {p}", err=True)

