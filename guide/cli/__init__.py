"""The command line: parses options, calls the pipeline, prints results and problems. Nothing more.

Each command lives in a module of this package by what it does (`building`, `content`, `files`, `tools`) and
is registered by one line of `COMMANDS`, "name": "module:function". A command is imported only when it runs
(or when `guide --help` lists it), so a command elsewhere in `guide` — `guide export` in `guide/export/` —
is added by one line here, and what one command imports never slows or breaks another.
"""
from __future__ import annotations

import importlib

import click

from .common import Ctx

COMMANDS = {
    "build": "guide.cli.building:build",
    "handouts": "guide.cli.building:handouts",
    "check": "guide.cli.content:check",
    "list": "guide.cli.content:list_",
    "stats": "guide.cli.content:stats",
    "init": "guide.cli.files:init",
    "new-edition": "guide.cli.files:new_edition",
    "schema": "guide.cli.files:schema",
    "check-pdf": "guide.cli.tools:check_pdf_command",
    "studio": "guide.cli.tools:studio",
    "export": "guide.cli.exporting:export_command",
}


class Commands(click.Group):
    """The group of `COMMANDS`, each imported when it is first asked for."""

    def list_commands(self, ctx) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx, name):
        if name in COMMANDS and name not in self.commands:
            module, attr = COMMANDS[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--content", metavar="DIR", help="Content folder to use (default: ./content if it has a "
              "guide.yaml, else the content shipped with guide).")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for problems.")
@click.version_option(package_name="guide")
@click.pass_context
def main(click_ctx, content, debug):
    """Turn the structured content of a history topic into a print-ready PDF study guide."""
    click_ctx.obj = Ctx(content, debug)


if __name__ == "__main__":  # pragma: no cover
    main()
