"""The command line: parses options, calls the pipeline, prints results and problems. Nothing more."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import GuideError, Problems, display_path
from .model import LEVELS, PAPERS


class Ctx:
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


def split_ids(ctx, param, value):
    if value is None:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise click.BadParameter("give section ids separated by commas, e.g. background,trials")
    return items


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--content", metavar="DIR", help="Content folder to use (default: ./content if it has a "
              "guide.yaml, else the content shipped with guide).")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for problems.")
@click.version_option(package_name="guide")
@click.pass_context
def main(click_ctx, content, debug):
    """Turn the structured content of a history topic into a print-ready PDF study guide."""
    click_ctx.obj = Ctx(content, debug)


@main.command()
@click.argument("edition", required=False)
@click.option("--level", type=click.Choice(LEVELS), help="Reading level (overrides the edition).")
@click.option("--sections", callback=split_ids, metavar="ID,ID,…",
              help="Sections to print, in order (overrides the edition).")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size (overrides the edition).")
@click.option("--output", "-o", metavar="PATH", help="Where to write the PDF (default: out/<edition>.pdf).")
@click.pass_obj
def build(ctx: Ctx, edition, level, sections, paper, output):
    """Build the PDF of an EDITION (a name from content/editions or a path to an edition file).

    With no EDITION, builds the guide's default edition."""
    from .build import build as run_build, find_content

    def go():
        content, _why = find_content(ctx.content_option)
        return run_build(content, edition, level, sections, paper, output)

    result = run(ctx, go)
    click.echo(f"{display_path(result.path)}  ({result.pages} pages, {result.level} level, "
               f"{result.seconds:.1f} s)")


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def check(ctx: Ctx, strict):
    """Validate all content and every edition, and list every problem."""
    from .build import find_content
    from .validate import load_guide

    def go():
        content, why = find_content(ctx.content_option)
        problems = Problems()
        load_guide(content, problems)
        return content, problems

    content, problems = run(ctx, go)
    for p in problems.sorted():
        click.echo(str(p), err=True)
    errors, warnings = len(problems.errors), len(problems.warnings)
    failed = errors or (strict and warnings)
    summary = f"{display_path(content)}: {errors} error{'s' * (errors != 1)}, " \
              f"{warnings} warning{'s' * (warnings != 1)}"
    click.echo(summary, err=bool(failed))
    if failed:
        sys.exit(1)


@main.command(name="list")
@click.pass_obj
def list_(ctx: Ctx):
    """List the sections, levels and editions available, and say which content is used."""
    from .build import find_content, load

    def go():
        content, why = find_content(ctx.content_option)
        guide, _ = load(content)
        return content, why, guide

    content, why, guide = run(ctx, go)
    click.echo(f"Content: {display_path(content)} ({why})")
    click.echo(f"Guide:   {guide.title}" + (f": {guide.subtitle}" if guide.subtitle else ""))
    click.echo("\nSections:")
    for sid in guide.order:
        sec = guide.sections.get(sid)
        if sec:
            title = sec.title.at("high") or next(iter(sec.title.values.values()))
            click.echo(f"  {sid:<16} {title}")
    click.echo("\nLevels:")
    for lv, info in guide.levels.items():
        click.echo(f"  {lv:<16} {info.label} ({info.audience})")
    click.echo("\nEditions:")
    for name, ed in sorted(guide.editions.items()):
        mark = "  (default)" if name == guide.default_edition else ""
        click.echo(f"  {name:<16} level {ed.level}, {ed.paper}, {len(ed.sections or guide.order)} sections{mark}")


@main.command()
@click.argument("edition", required=False)
@click.option("--level", type=click.Choice(LEVELS), help="Only this level.")
@click.pass_obj
def stats(ctx: Ctx, edition, level):
    """Word counts and reading grades per section and level, and counts of the apparatus.

    With an EDITION, only its level and sections. See guide/stats.py for how the grade is estimated."""
    from .build import find_content, load
    from .select import find_edition
    from .stats import BANDS, GRADE_BANDS, section_stats

    def go():
        content, _ = find_content(ctx.content_option)
        guide, _ = load(content)
        ed = find_edition(guide, edition) if edition else None
        return guide, ed

    guide, ed = run(ctx, go)
    levels = (level,) if level else ((ed.level,) if ed else LEVELS)
    sections = (ed.sections if ed else None) or guide.order
    rows = section_stats(guide, levels, sections)
    click.echo(f"{'section':<16} {'level':<8} {'words':>6}  {'target':<11} {'grade':>5}  {'target':<10} questions")
    for r in rows:
        lo, hi = BANDS[r.level]
        glo, ghi = GRADE_BANDS[r.level]
        gband = "any" if glo is None else (f"≤ {ghi}" if not glo else f"{glo}–{ghi}")
        click.echo(f"{r.section:<16} {r.level:<8} {r.words:>6}  {f'{lo}–{hi}':<9} {'ok' if r.words_ok else '!!':<2}"
                   f"{r.grade:>5}  {gband:<8} {'ok' if r.grade_ok else '!!':<2} {r.questions:>4}")
    n_q = sum(len(s.questions) for s in guide.sections.values())
    click.echo(f"\n{len(guide.sections)} sections, {len(guide.events)} chronology events, {len(guide.terms)} glossary "
               f"terms, {len(guide.people)} people, {len(guide.sources)} sources, {n_q} questions")
    click.echo("(words: paragraphs and callouts; grade: Flesch–Kincaid, proper names left out of the syllable "
               "count)")


@main.command()
@click.option("--output", "-o", metavar="FILE", help="Write the schema to FILE instead of printing it.")
@click.option("--kind", type=click.Choice(["all", "section", "edition", "guide", "glossary", "people",
                                           "chronology", "sources", "reading"]), default="all",
              help="Which file's schema (default: one schema that accepts any content file).")
def schema(output, kind):
    """Print the JSON Schema of content and edition files (for yaml-language-server)."""
    from .schema import schema_for

    text = json.dumps(schema_for(kind), indent=2, ensure_ascii=False)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text)


if __name__ == "__main__":  # pragma: no cover
    main()
