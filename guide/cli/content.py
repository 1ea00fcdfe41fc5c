"""`guide check`, `guide list` and `guide stats`: commands that read content and report on it. None of them
loads ReportLab (tests/test_cli.py holds that)."""
from __future__ import annotations

import re
import sys

import click

from ..errors import GuideError, display_path
from ..model import LEVELS
from .common import Ctx, fail, run


@click.command(name="check")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def check(ctx: Ctx, strict):
    """Validate all content and every edition, and list every problem (each once)."""
    from ..build import check_all, find_content

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


@click.command(name="list")
@click.option("--ids", "ids_of", metavar="SECTION", help="List the ids of SECTION's items (blocks, questions, "
              "objectives…) with their first words: the ids an edition's 'overrides' and 'omit' use.")
@click.option("--level", type=click.Choice(LEVELS), help="With --ids: the items and wording of this level.")
@click.option("--sources", "sources", is_flag=True, help="List every source with the key that cites it, [@key] "
              "(the shipped ones, then each edition's own), and where that key comes from.")
@click.pass_obj
def list_(ctx: Ctx, ids_of, level, sources):
    """List the sections, levels and editions available, and say which content is used."""
    from ..build import find_content, load

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
    from ..select import select
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
    from .. import markup
    from ..overrides import items
    from ..validate import suggest

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


@click.command(name="stats")
@click.argument("edition", required=False)
@click.option("--level", type=click.Choice(LEVELS), help="Only this level.")
@click.pass_obj
def stats(ctx: Ctx, edition, level):
    """Word counts and reading grades per section and level, and counts of the apparatus.

    With an EDITION, only its level and sections. See guide/stats.py for how the grade is estimated."""
    from ..build import find_content, load
    from ..select import find_edition
    from ..stats import BANDS, GRADE_BANDS, section_stats

    from ..select import select

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
    from ..bibliography import short_note
    from ..errors import Problems
    from ..markup import plain_text
    from ..validate import merge_additions

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

