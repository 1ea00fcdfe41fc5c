"""`guide check-pdf` and `guide studio`: the layout check of built PDFs, and the local web page."""
from __future__ import annotations

import sys

import click

from ..errors import GuideError
from .common import Ctx, fail, run


@click.command(name="check-pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check_pdf_command(files):
    """Check built PDFs for layout problems: text outside the margins, missing glyphs, fonts not embedded,
    broken links or contents numbers, stranded headings, widows and orphans, over-stretched lines, and what a
    typographer would mark (docs/check-pdf.md)."""
    from ..checkpdf import MissingDependency, check_pdf, format_report

    bad = 0
    for f in files:
        try:
            findings = check_pdf(f)
        except MissingDependency as exc:
            raise click.ClickException(str(exc))
        bad += bool(findings)
        click.echo(format_report(f, findings))
    if bad:
        sys.exit(1)


@click.command(name="studio")
@click.argument("edition", required=False)
@click.option("--port", type=click.IntRange(1024, 65535), help="The port (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in the default browser.")
@click.pass_obj
def studio(ctx: Ctx, edition, port, no_browser):
    """Make an edition in a web page on this computer, with a live preview: no YAML needed.

    Prints the page's address (with its access token) and opens it; runs until Ctrl-C."""
    from ..build import find_content
    from ..studio import serve

    content, why = run(ctx, lambda: find_content(ctx.content_option))
    try:
        serve(content, why, edition, port, not no_browser, lambda text: click.echo(text))
    except OSError as exc:
        fail(GuideError(f"cannot start the studio: {exc.strerror or exc} (is the port in use? try another "
                        "--port, or none)", exit_code=1))
    click.echo("studio stopped")

