"""The command line: parses options, calls the pipeline, prints results and problems. Nothing more."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .errors import GuideError, display_path
from .model import LEVELS
from .options import cli_options
from .schema import KIND_NAMES



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


def show_warnings(warnings, shown: int = 5) -> None:
    """A build's warnings: how many, and the first few (`guide check` lists them all)."""
    if not warnings:
        return
    n = len(warnings)
    click.echo(f"{n} warning{'s' * (n != 1)}" + (f" (the first {shown}; 'guide check' lists them all)"
                                                 if n > shown else "") + ":", err=True)
    for p in warnings[:shown]:
        click.echo(f"  {p}", err=True)


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
    from .build import build as run_build, find_content

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
    from .build import Stop, build_all, find_content

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


@main.command()
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
    from .build import find_content, handouts as run_handouts

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


@main.command()
@click.argument("edition", required=False)
@click.option("--port", type=click.IntRange(1024, 65535), help="The port (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in the default browser.")
@click.pass_obj
def studio(ctx: Ctx, edition, port, no_browser):
    """Make an edition in a web page on this computer, with a live preview: no YAML needed.

    Prints the page's address (with its access token) and opens it; runs until Ctrl-C."""
    from .build import find_content
    from .studio import serve

    content, why = run(ctx, lambda: find_content(ctx.content_option))
    try:
        serve(content, why, edition, port, not no_browser, lambda text: click.echo(text))
    except OSError as exc:
        fail(GuideError(f"cannot start the studio: {exc.strerror or exc} (is the port in use? try another "
                        "--port, or none)", exit_code=1))
    click.echo("studio stopped")


@main.command()
@click.argument("folder", required=False, default=".")
def init(folder):
    """Copy the guide's content to FOLDER/content (default: ./content), to edit and build from there.

    Your editions and your own material belong there, not in the installed package (which an update
    replaces). Never overwrites anything."""
    from .build import shipped_content
    from .editions import init_content

    try:
        target = init_content(shipped_content(), Path(folder))
    except GuideError as exc:
        fail(exc)
    here = Path(folder).resolve() == Path.cwd().resolve()
    click.echo(f"copied the guide's content to {display_path(target)}; "
               + ("" if here else f"in {display_path(folder)}, ")
               + "'guide build' now uses it, and 'guide new-edition NAME' writes to its editions/ folder")


@main.command(name="new-edition")
@click.argument("name")
@click.option("--level", type=click.Choice(LEVELS), help="The edition's level (default: that of --from, else high).")
@click.option("--from", "base", metavar="EDITION", help="Copy every setting of this edition (a name or a path).")
@click.pass_obj
def new_edition(ctx: Ctx, name, level, base):
    """Write a commented starter edition: NAME goes to content/editions/NAME.yaml, a PATH ending in .yaml is
    written exactly there. With --from, every setting of that edition is copied. Never overwrites a file."""
    from .build import find_content, load
    from .editions import (edition_settings, edition_target, refuse_package, schema_reference, starter_edition,
                           write_new)
    from .select import find_edition

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


@main.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def check(ctx: Ctx, strict):
    """Validate all content and every edition, and list every problem (each once)."""
    from .build import check_all, find_content

    def go():
        content, why = find_content(ctx.content_option)
        return content, *check_all(content)

    content, problems, editions = run(ctx, go)
    for p in problems.sorted():
        click.echo(str(p), err=True)
    errors, warnings = len(problems.errors), len(problems.warnings)
    failed = errors or (strict and warnings)
    summary = (f"{display_path(content)} and the edition{'s' * (len(editions) != 1)} "
               f"{', '.join(editions) or '(none)'}: {errors} error{'s' * (errors != 1)}, "
               f"{warnings} warning{'s' * (warnings != 1)}")
    click.echo(summary, err=bool(failed))
    if failed:
        sys.exit(1)


@main.command(name="list")
@click.option("--ids", "ids_of", metavar="SECTION", help="List the ids of SECTION's items (blocks, questions, "
              "objectives…) with their first words: the ids an edition's 'overrides' and 'omit' use.")
@click.option("--level", type=click.Choice(LEVELS), help="With --ids: the items and wording of this level.")
@click.option("--sources", "sources", is_flag=True, help="List every source with the key that cites it, [@key] "
              "(the shipped ones, then each edition's own), and where that key comes from.")
@click.pass_obj
def list_(ctx: Ctx, ids_of, level, sources):
    """List the sections, levels and editions available, and say which content is used."""
    from .build import find_content, load

    def go():
        content, why = find_content(ctx.content_option)
        guide, _ = load(content)
        return content, why, guide

    content, why, guide = run(ctx, go)
    if ids_of is not None:
        return list_ids(ctx, guide, ids_of, level)
    if sources:
        list_sources(guide)
        return
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
    from .select import select
    for name, ed in sorted(guide.editions.items()):
        mark = "  (default)" if name == guide.default_edition else ""
        try:
            n = len(select(guide, ed).sections)
            what = f"{n} section{'s' * (n != 1)}"
        except GuideError:
            what = "has problems ('guide check' lists them)"
        click.echo(f"  {name:<16} level {ed.level}, {ed.paper}, {what}{mark}")


def list_ids(ctx: Ctx, guide, sid: str, level: str | None) -> None:
    """`guide list --ids SECTION`: each item's id, kind and first words, in the section's order."""
    from . import markup
    from .overrides import items
    from .validate import suggest

    if sid not in guide.sections:
        fail(GuideError(f"there is no section '{sid}' ({suggest(sid, guide.sections) or 'sections: ' + ', '.join(guide.order)})",
                        exit_code=2))
    rows = []
    for item in items(guide).values():
        if item.section != sid or (level and level not in item.levels):
            continue
        sec = guide.sections[sid]
        main = next((g(sec) for g in item.get.values() if g(sec) is not None), None)
        if not hasattr(main, "values"):
            main = None
        text = (main.at(level) if level else next(iter(main.values.values()), "")) if main else ""
        if level and main is not None and text is None:
            continue                  # not printed at this level
        if text:   # as printed: glossary links show their words, notes are left out
            text = re.sub(r"\[\[([^|\]]+)\|([^\]]+)\]\]", r"\2", text)
            text = re.sub(r"\[\[([^\]]+)\]\]", lambda m: guide.terms[m.group(1)].term
                          if m.group(1) in guide.terms else m.group(1), text)
            text = re.sub(r"\[@[^\]]*\]", "", text)
        plain = markup.plain_text(markup.parse(text)[0]) if text else ""
        words = plain.split()
        rows.append((item.id, item.kind, " ".join(words[:9]) + (" …" if len(words) > 9 else "")))
    width = max(len(r[0]) for r in rows) + 2 if rows else 10
    click.echo(f"{sid}" + (f", {level} level" if level else "") + ": the ids of its items")
    for rid, kind, words in rows:
        click.echo(f"  {rid:<{width}}{kind:<17}{words}")


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

    from .select import select

    def go():
        content, _ = find_content(ctx.content_option)
        guide, _ = load(content)
        if not edition:
            return guide, None, guide.order
        chosen = select(guide, find_edition(guide, edition), level)   # what the edition prints, its own files too
        return chosen.guide, chosen, chosen.sections

    guide, chosen, sections = run(ctx, go)
    levels = (level,) if level else ((chosen.level,) if chosen else LEVELS)
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


def list_sources(guide) -> None:
    """Each source's citation key and where it comes from (the rule: docs/content-format.md, "How a work is
    cited"), with its short note, so that a Zotero or Better BibTeX file's works can be cited."""
    from .bibliography import short_note
    from .errors import Problems
    from .markup import plain_text
    from .validate import merge_additions

    how = {"citation-key": "its citation-key", "id": "its id", "derived": "made from author and year"}

    def show(table, keys) -> None:
        width = min(max((len(k) for k in keys), default=0), 40)
        for key in keys:
            src = table[key]
            origin = how.get(src.key_from, src.key_from) + (f" (id {src.csl_id})" if src.csl_id else "")
            click.echo(f"  [@{key}]".ljust(width + 5) + f" {plain_text(short_note(src))}")
            click.echo(" " * (width + 6) + f"{origin}; {src.location}")

    click.echo("Sources (cite a work as [@key]):")
    show(guide.sources, sorted(guide.sources, key=str.lower))
    for name, ed in sorted(guide.editions.items()):
        if not any(a.kind == "sources" for a in ed.additions):
            continue
        merged = merge_additions(guide, ed, Problems())
        own = [k for k in merged.sources if k not in guide.sources]
        click.echo(f"\nAdded by the edition '{name}':")
        show(merged.sources, sorted(own, key=str.lower))


@main.command()
@click.option("--output", "-o", metavar="FILE", help="Write the schema to FILE instead of printing it.")
@click.option("--kind", type=click.Choice(KIND_NAMES), default="all",
              help="Which file's schema (default: one schema that accepts any content file).")
@click.option("--write", "write_all", is_flag=True, help="Refresh every schema file in the content folder's "
              "schema/ (the files that the '# yaml-language-server: $schema=' line of each content file names).")
@click.pass_obj
def schema(ctx: Ctx, output, kind, write_all):
    """Print the JSON Schema of content and edition files (for yaml-language-server)."""
    from .schema import schema_text

    if write_all and output:
        raise click.UsageError("--write refreshes the content folder's schema/ files; give no --output")

    def go():
        from .build import find_content, write_atomic
        from .editions import refuse_package

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


from .exporting import export_command  # noqa: E402  (guide export: guide/exporting.py)
main.add_command(export_command)


if __name__ == "__main__":  # pragma: no cover
    main()
