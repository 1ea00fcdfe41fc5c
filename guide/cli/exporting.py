"""`guide export docx|quiz|flashcards [EDITION]`, and `guide handouts --format docx`: the command line of the
exports (their pipeline is guide/exporting.py, their renderers guide/export/)."""
from __future__ import annotations

import click

from ..export.common import DEFAULT_FORMAT, FORMATS
from ..options import cli_options
from .common import run, show_warnings

FORMAT_HELP = "; ".join(f"{kind}: {' | '.join(f)} (default {DEFAULT_FORMAT[kind]})" for kind, f in FORMATS.items())
ALL_FORMATS = sorted({f for fs in FORMATS.values() for f in fs})


@click.command(name="export")
@click.argument("kind", type=click.Choice(list(FORMATS)))
@click.argument("edition", required=False)
@cli_options("level", "sections", "answers", "paper")
@click.option("--format", "fmt", type=click.Choice(ALL_FORMATS), help=f"The file format. {FORMAT_HELP}.")
@click.option("--output", "-o", metavar="PATH", help="Where to write it (default: out/<edition>.docx, "
              "out/<edition>-quiz.gift, out/<edition>-quiz-qti.zip, out/<edition>-quiz-moodle.xml, "
              "out/<edition>-flashcards.pdf or out/<edition>.apkg).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (nothing is written).")
@click.pass_obj
def export_command(ctx, kind, edition, level, sections, answers, paper, fmt, output, strict):
    """Export an EDITION in another form: an editable Word document (docx), its quiz items for Canvas or
    Moodle (quiz), or its glossary as printable flashcards or an Anki deck (flashcards).

    The same edition selection and options as 'guide build'. --paper sets the page size of the Word
    document and of the flashcards."""
    from ..build import find_content
    from ..errors import display_path
    from ..exporting import export

    def go():
        content, _ = find_content(ctx.content_option)
        return export(content, kind, edition, level, sections, answers, paper, fmt, output, strict)

    result = run(ctx, go)
    show_warnings(result.warnings)
    click.echo(f"{display_path(result.paths[0])}  ({kind}, {result.level} level, {result.seconds:.1f} s)")
    for path in result.paths[1:]:
        click.echo(f"{display_path(path)}  (answer key)")


def handouts_docx(ctx, edition, sections, output_dir, level, paper, answers, strict) -> None:
    """`guide handouts --format docx`: the handouts as Word documents."""
    from ..build import find_content
    from ..errors import display_path
    from ..exporting import export_handouts

    def go():
        content, _ = find_content(ctx.content_option)
        return export_handouts(content, edition, sections, output_dir, level, paper, answers, strict)

    results = run(ctx, go)
    show_warnings(results[0].warnings if results else [])
    for r in results:
        click.echo(f"{display_path(r.paths[0])}")
        for path in r.paths[1:]:
            click.echo(f"{display_path(path)}  (answer sheet)")
