"""`guide build` and `guide handouts`: PDFs of an edition (or of every edition, in parallel)."""
from __future__ import annotations

import sys

import click

from ..errors import GuideError, display_path
from ..options import cli_options
from .common import Ctx, fail, run, show_warnings


@click.command(name="build")
@click.argument("edition", required=False)
@cli_options("level", "sections", "paper", "theme", "answers", "two_sided", "booklet")
@click.option("--output", "-o", metavar="PATH", help="Where to write the PDF (default: out/<edition>.pdf).")
@click.option("--untagged", is_flag=True, help="Leave out the accessibility tags (PDF/UA structure).")
@click.option("--all", "all_editions", is_flag=True, help="Build every edition in content/editions, in parallel.")
@click.option("--handouts", "with_handouts", is_flag=True, help="With --all: also build every edition's handouts.")
@click.option("--exports", "with_exports", is_flag=True, help="With --all: also every edition's exports (guide export).")
@click.option("--output-dir", metavar="DIR", help="With --all: the folder for the PDFs (default: out).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (nothing is written).")
@click.pass_obj
def build(ctx: Ctx, edition, level, sections, paper, theme, answers, two_sided, booklet, output, untagged,
          all_editions, with_handouts, with_exports, output_dir, strict):
    """Build the PDF of an EDITION (a name from content/editions or a path to an edition file).

    With no EDITION, builds the guide's default edition. Options override what the edition file says."""
    from ..build import build as run_build, find_content

    if all_editions:
        if edition or output:
            raise click.UsageError("--all builds every edition: give no EDITION and no --output (use --output-dir)")
        return build_everything(ctx, output_dir, with_handouts, not untagged, with_exports)
    if with_handouts or output_dir or with_exports:
        raise click.UsageError("--handouts, --exports and --output-dir go with --all (or use 'guide handouts', "
                               "'guide export')")

    def go():
        content, _why = find_content(ctx.content_option)
        return run_build(content, edition, level, sections, paper, output, theme, answers, two_sided, booklet,
                         tagged=not untagged, strict=strict)

    result = run(ctx, go)
    show_warnings(result.warnings)
    click.echo(f"{display_path(result.path)}  ({result.pages} pages, {result.level} level, "
               f"{result.seconds:.1f} s)")
    for path in result.extra or []:
        click.echo(f"{display_path(path)}  (answer key)")


def build_everything(ctx: Ctx, output_dir, with_handouts, tagged=True, with_exports=False):
    from ..build import Stop, build_all, find_content

    def go():
        content, _ = find_content(ctx.content_option)
        return content

    content = run(ctx, go)
    rows, failures = [], []
    try:
        gen = build_all(content, output_dir, with_handouts, tagged=tagged, with_exports=with_exports)
        total = next(gen)
        with click.progressbar(gen, length=total, label="Building", file=sys.stderr,
                               show_pos=True) as bar:
            for name, kind, done, problems in bar:
                rows += done
                if problems:
                    failures.append((name, kind, problems))
    except GuideError as exc:
        fail(exc)
    except (Stop, KeyboardInterrupt) as exc:
        click.echo(f"\nstopped ({exc or 'SIGINT'}): the files finished so far are in place; files being written "
                   "were not finished, and their earlier versions are unchanged", err=True)
        sys.exit(130 if isinstance(exc, KeyboardInterrupt) or str(exc) == "SIGINT" else 143)
    width = max([len(display_path(p)) for p, _, _ in rows] + [4])
    click.echo(f"{'file':<{width}}  pages  seconds")
    for path, pages, seconds in sorted(rows):
        click.echo(f"{display_path(path):<{width}}  {pages if pages is not None else '':>5}  "
                   f"{f'{seconds:.1f}' if seconds is not None else '':>7}")
    for name, kind, problems in failures:
        click.echo(f"\n{name} ({kind}) failed:", err=True)
        for p in problems:
            click.echo(f"  {p}", err=True)
    if failures:
        if not rows:
            click.echo(f"all {len(failures)} jobs failed; nothing was built.", err=True)
        else:
            click.echo(f"{len(failures)} of the jobs failed; the others were built.", err=True)
        sys.exit(1)


@click.command(name="handouts")
@click.argument("edition", required=False)
@cli_options("sections", "level", "paper", "theme", "answers")
@click.option("--output-dir", metavar="DIR", help="Folder for the handouts (default: out/handouts); each edition "
              "gets a folder of its own inside it.")
@click.option("--untagged", is_flag=True, help="Leave out the accessibility tags (PDF/UA structure).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (nothing is written).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", help="PDF worksheets, or "
              "editable Word documents (NN-<section>.docx).")
@click.pass_obj
def handouts(ctx: Ctx, edition, sections, level, paper, theme, answers, output_dir, untagged, strict, fmt):
    """One self-contained worksheet PDF per section of an EDITION (default: the default edition).

    They go to OUTDIR/<edition>/NN-<section>.pdf (OUTDIR/<edition>-<level>/ when --level changes the level),
    NN being the section's number in the edition. Files an earlier run wrote there and this one did not
    (an old answer sheet) are removed."""
    from ..build import find_content, handouts as run_handouts

    if fmt == "docx":
        from .exporting import handouts_docx
        return handouts_docx(ctx, edition, sections, output_dir, level, paper, answers, strict)

    def go():
        content, _ = find_content(ctx.content_option)
        return run_handouts(content, edition, sections, output_dir, level, paper, answers, theme,
                            tagged=not untagged, strict=strict)

    results = run(ctx, go)
    show_warnings(results[0].warnings if results else [])
    for r in results:
        click.echo(f"{display_path(r.path)}  ({r.pages} pages)")
        for path in r.extra or []:
            click.echo(f"{display_path(path)}  (answer sheet)")

