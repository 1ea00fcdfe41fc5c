"""`guide init`, `guide new-edition` and `guide schema`: files an instructor starts from."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import GuideError, display_path
from ..model import LEVELS
from ..schema import KIND_NAMES
from .common import Ctx, fail, run


@click.command(name="init")
@click.argument("folder", required=False, default=".")
def init(folder):
    """Copy the guide's content to FOLDER/content (default: ./content), to edit and build from there.

    Your editions and your own material belong there, not in the installed package (which an update
    replaces). Never overwrites anything."""
    from ..build import shipped_content
    from ..editions import init_content

    try:
        target = init_content(shipped_content(), Path(folder))
    except GuideError as exc:
        fail(exc)
    here = Path(folder).resolve() == Path.cwd().resolve()
    click.echo(f"copied the guide's content to {display_path(target)}; "
               + ("" if here else f"in {display_path(folder)}, ")
               + "'guide build' now uses it, and 'guide new-edition NAME' writes to its editions/ folder")


@click.command(name="new-edition")
@click.argument("name")
@click.option("--level", type=click.Choice(LEVELS), help="The edition's level (default: that of --from, else high).")
@click.option("--from", "base", metavar="EDITION", help="Copy every setting of this edition (a name or a path).")
@click.pass_obj
def new_edition(ctx: Ctx, name, level, base):
    """Write a commented starter edition: NAME goes to content/editions/NAME.yaml, a PATH ending in .yaml is
    written exactly there. With --from, every setting of that edition is copied. Never overwrites a file."""
    from ..build import find_content, load
    from ..editions import (edition_settings, edition_target, refuse_package, schema_reference, starter_edition,
                           write_new)
    from ..select import find_edition

    def go():
        content, why = find_content(ctx.content_option)
        target, build_as = edition_target(content, name)
        refuse_package(target, content, why == "the content shipped with guide")
        guide, _ = load(content)
        ed = find_edition(guide, base) if base else None
        schema = schema_reference(target, content)
        settings = edition_settings(ed, target.parent) if ed else {}
        text = starter_edition(guide, target.stem, level or (ed.level if ed else "high"), settings, schema,
                               build_as)
        write_new(target, text)
        inside = content.resolve() in target.resolve().parents
        return target, build_as, schema, inside

    target, build_as, schema, inside = run(ctx, go)
    click.echo(f"wrote {display_path(target)}; edit it, then: guide build {build_as}")
    if schema is None:
        click.echo("(it has no schema line for your editor: " + (
            "the content folder has no schema/ files; 'guide schema --write' adds them)" if inside else
            "it is outside the content folder)"))


@click.command(name="schema")
@click.option("--output", "-o", metavar="FILE", help="Write the schema to FILE instead of printing it.")
@click.option("--kind", type=click.Choice(KIND_NAMES), default="all",
              help="Which file's schema (default: one schema that accepts any content file).")
@click.option("--write", "write_all", is_flag=True, help="Refresh every schema file in the content folder's "
              "schema/ (the files that the '# yaml-language-server: $schema=' line of each content file names).")
@click.pass_obj
def schema(ctx: Ctx, output, kind, write_all):
    """Print the JSON Schema of content and edition files (for yaml-language-server)."""
    from ..schema import schema_text

    if write_all and output:
        raise click.UsageError("--write refreshes the content folder's schema/ files; give no --output")

    def go():
        from ..build import find_content, write_atomic
        from ..editions import refuse_package

        if write_all:
            content, why = find_content(ctx.content_option)
            folder = content / "schema"
            refuse_package(folder / "all.json", content, why == "the content shipped with guide")
            for k in KIND_NAMES:
                write_atomic(folder / f"{k}.json", schema_text(k).encode("utf-8"))
            return f"wrote {len(KIND_NAMES)} schema files to {display_path(folder)}"
        if output is not None:
            target = Path(output)
            if not output or target.is_dir():
                raise GuideError(f"'{output}': give the name of a file to write, e.g. -o edition.json", exit_code=2)
            if not target.parent.is_dir():
                raise GuideError(f"{display_path(target.parent)}: no such folder", exit_code=1)
            write_atomic(target, schema_text(kind).encode("utf-8"))
            return f"wrote {display_path(target)}"
        return schema_text(kind).rstrip("\n")

    click.echo(run(ctx, go))

