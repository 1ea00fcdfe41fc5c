"""The command line: parses options, calls the pipeline, prints results and problems. Nothing more."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import GuideError, Problems, display_path
from .model import ANSWERS, LEVELS, PAPERS
from .theme import THEME_NAMES


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
@click.option("--theme", type=click.Choice(THEME_NAMES), help="Print theme: classic, large-print or accessible.")
@click.option("--answers", type=click.Choice(ANSWERS),
              help="none (student copy), appendix (answer key at the end) or separate (a second PDF, "
                   "<name>-answers.pdf).")
@click.option("--two-sided/--one-sided", default=None, help="Mirrored margins, sections on right-hand pages.")
@click.option("--booklet/--no-booklet", default=None, help="Impose as a saddle-stitch booklet (print duplex, "
              "flip on the short edge, fold).")
@click.option("--output", "-o", metavar="PATH", help="Where to write the PDF (default: out/<edition>.pdf).")
@click.option("--untagged", is_flag=True, help="Leave out the accessibility tags (PDF/UA structure).")
@click.option("--all", "all_editions", is_flag=True, help="Build every edition in content/editions, in parallel.")
@click.option("--handouts", "with_handouts", is_flag=True, help="With --all: also build every edition's handouts.")
@click.option("--output-dir", metavar="DIR", help="With --all: the folder for the PDFs (default: out).")
@click.pass_obj
def build(ctx: Ctx, edition, level, sections, paper, theme, answers, two_sided, booklet, output, untagged,
          all_editions, with_handouts, output_dir):
    """Build the PDF of an EDITION (a name from content/editions or a path to an edition file).

    With no EDITION, builds the guide's default edition. Options override what the edition file says."""
    from .build import build as run_build, find_content

    if all_editions:
        if edition or output:
            raise click.UsageError("--all builds every edition: give no EDITION and no --output (use --output-dir)")
        return build_everything(ctx, output_dir, with_handouts, not untagged)
    if with_handouts or output_dir:
        raise click.UsageError("--handouts and --output-dir go with --all (or use 'guide handouts')")

    def go():
        content, _why = find_content(ctx.content_option)
        return run_build(content, edition, level, sections, paper, output, theme, answers, two_sided, booklet,
                         tagged=not untagged)

    result = run(ctx, go)
    click.echo(f"{display_path(result.path)}  ({result.pages} pages, {result.level} level, "
               f"{result.seconds:.1f} s)")
    for path in result.extra or []:
        click.echo(f"{display_path(path)}  (answer key)")


def build_everything(ctx: Ctx, output_dir, with_handouts, tagged=True):
    from .build import build_all, find_content

    def go():
        content, _ = find_content(ctx.content_option)
        return content

    content = run(ctx, go)
    rows, failures = [], []
    try:
        gen = build_all(content, output_dir, with_handouts, tagged=tagged)
        from .validate import load_guide
        problems = Problems()
        g = load_guide(content, problems)
        total = len(g.editions) * (2 if with_handouts else 1) if g else 0
        with click.progressbar(gen, length=total, label="Building", file=sys.stderr,
                               show_pos=True) as bar:
            for name, kind, done, problems in bar:
                rows += done
                if problems:
                    failures.append((name, kind, problems))
    except GuideError as exc:
        fail(exc)
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
        click.echo(f"{len(failures)} of the jobs failed; the others were built.", err=True)
        sys.exit(1)


@main.command()
@click.argument("edition", required=False)
@click.option("--sections", callback=split_ids, metavar="ID,ID,…", help="Only these sections.")
@click.option("--level", type=click.Choice(LEVELS), help="Reading level (overrides the edition).")
@click.option("--paper", type=click.Choice(PAPERS), help="Paper size (overrides the edition).")
@click.option("--answers", type=click.Choice(ANSWERS), help="separate: an answer sheet beside each handout.")
@click.option("--output-dir", metavar="DIR", help="Folder for the handouts (default: out/handouts).")
@click.option("--untagged", is_flag=True, help="Leave out the accessibility tags (PDF/UA structure).")
@click.pass_obj
def handouts(ctx: Ctx, edition, sections, level, paper, answers, output_dir, untagged):
    """One self-contained worksheet PDF per section of an EDITION (default: the default edition)."""
    from .build import find_content, handouts as run_handouts

    def go():
        content, _ = find_content(ctx.content_option)
        return run_handouts(content, edition, sections, output_dir, level, paper, answers, tagged=not untagged)

    for r in run(ctx, go):
        click.echo(f"{display_path(r.path)}  ({r.pages} pages)")
        for path in r.extra or []:
            click.echo(f"{display_path(path)}  (answer sheet)")


@main.command(name="check-pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check_pdf_command(files):
    """Check built PDFs for layout problems: text outside the margins, missing glyphs, fonts not embedded,
    broken links or contents numbers, stranded headings, widows and orphans, over-stretched lines."""
    from .checkpdf import check_pdf, format_report

    bad = 0
    for f in files:
        findings = check_pdf(f)
        bad += bool(findings)
        click.echo(format_report(f, findings))
    if bad:
        sys.exit(1)


@main.command(name="new-edition")
@click.argument("name")
@click.option("--level", type=click.Choice(LEVELS), help="The edition's level.")
@click.option("--from", "base", metavar="EDITION", help="Start from this edition's settings.")
@click.option("--output", "-o", metavar="PATH", help="Where to write it (default: content/editions/NAME.yaml).")
@click.pass_obj
def new_edition(ctx: Ctx, name, level, base, output):
    """Write a commented starter edition file, ready to edit. Never overwrites a file."""
    from .build import find_content, load
    from .editions import starter_edition
    from .select import find_edition

    def go():
        content, _ = find_content(ctx.content_option)
        guide, _ = load(content)
        ed = find_edition(guide, base) if base else None
        target = Path(output) if output else content / "editions" / f"{name}.yaml"
        if target.exists():
            raise GuideError(f"{display_path(target)} already exists; choose another name or delete it first",
                             exit_code=1)
        text = starter_edition(guide, name, level or (ed.level if ed else "high"), ed)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    target = run(ctx, go)
    click.echo(f"wrote {display_path(target)}; edit it, then: guide build {name}")


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
        guide = load_guide(content, problems)
        if guide is not None:
            from .build import check_fonts
            check_fonts(guide, problems)
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
