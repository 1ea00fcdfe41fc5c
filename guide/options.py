"""Every edition option, declared once.

`OPTIONS` is the one list of what an edition file may say. From it come the edition reader
(`validate.read_edition`), the command-line options of `build` and `handouts` (`cli_options`), the JSON
Schema of edition files (`schema.EDITION`), the commented starter file of `guide new-edition`
(`editions.starter_edition`) and the options table of docs/content-format.md (`markdown_table`). A test
holds them in agreement.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import ADD_KINDS, ANSWERS, LEVELS, PAPERS, PARTS
from .theme import THEME_NAMES

ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"


@dataclass(frozen=True)
class Option:
    name: str                      # the key in the edition file
    kind: str                      # choice | text | bool | sections | omit | add
    help: str                      # one sentence, for --help, the starter file, the schema and the docs
    default: object = None
    choices: tuple[str, ...] = ()
    cli: str | None = None         # the command-line flag that overrides it ("--paper", "--two-sided/--one-sided")
    example: object = None         # what the starter file shows, commented out, when the option is not set
    group: str = ""                # the heading it stands under in the starter file

    @property
    def attr(self) -> str:
        """The field of `model.Edition` that holds it."""
        return "additions" if self.name == "add" else self.name

    @property
    def flag(self) -> str | None:
        return self.cli.split("/")[0] if self.cli else None

    def values_text(self) -> str:
        if self.kind == "choice":
            return " | ".join(self.choices)
        return {"text": "text", "bool": "true | false", "sections": "list of section ids",
                "omit": "list of part or item ids",
                "add": "files: sections, glossary, people, sources, chronology, places",
                "overrides": "item id → new text (or per level, or fields)"}[self.kind]


_WHAT = "Printed on the title page and in the footer line"

OPTIONS: tuple[Option, ...] = (
    Option("level", "choice", "Reading level: middle school, high school or university.", "high", LEVELS,
           "--level", group="What to print"),
    Option("sections", "sections", "Which sections, in what order (section ids); without it, every section in "
           "the guide's order.", None, cli="--sections", group="What to print"),
    Option("omit", "omit", f"Parts ({', '.join(PARTS)}), or ids of blocks, questions, quiz items, DBQs or tasks, "
           "to leave out.", [],
           example=["chronology", "trials-h5"], group="What to print"),
    Option("add", "add", "Your own files (paths relative to this file): sections, placed 'after' a section, and "
           "glossary terms, people, sources, chronology events or places merged with the shipped ones.", None,
           example={"sections": [{"file": "my-lesson.yaml", "after": "trials"}], "glossary": "my-terms.yaml"},
           group="What to print"),
    Option("overrides", "overrides", "Your own wording for any item of the content, by its id ('guide list --ids "
           "SECTION' shows them): new text for every level or per level; for a question also its answer and lines. "
           "'was:' is filled in from the warning guide gives, so that you hear when an update changes the text.", None,
           example={"army-p3": "My own wording of this paragraph, for every level.",
                    "army-h2": {"text": "The question, reworded.", "answer": "A new model answer.", "lines": 6}},
           group="What to print"),
    Option("answers", "choice", "none: a student copy; appendix: the answer key at the end; separate: a second "
           "PDF, <name>-answers.pdf.", "none", ANSWERS, "--answers", group="What to print"),
    Option("title", "text", f"Overrides the guide's title. {_WHAT}.", example="The Great Purge",
           group="Title page and footer"),
    Option("subtitle", "text", "Overrides the guide's subtitle.", example="Terror in the Soviet Union",
           group="Title page and footer"),
    Option("instructor", "text", f"Your name; also the PDF's author. {_WHAT}.", example="Ms. Rivera",
           group="Title page and footer"),
    Option("course", "text", f"The course. {_WHAT}.", example="World History II", group="Title page and footer"),
    Option("period", "text", f"The class period or group. {_WHAT}.", example="Period 3",
           group="Title page and footer"),
    Option("school", "text", f"The school. {_WHAT}.", example="Lincoln High School", group="Title page and footer"),
    Option("date", "text", "A date or term, printed as written on the title page (default: the day of the build).",
           example="Spring 2027", group="Title page and footer"),
    Option("paper", "choice", "Paper size.", "letter", PAPERS, "--paper", group="Paper and look"),
    Option("theme", "choice", "The look: classic; large-print (18 pt, ragged right); accessible (a clear sans "
           "at 13 pt, 1.5 line spacing).", "classic", THEME_NAMES, "--theme", group="Paper and look"),
    Option("two_sided", "bool", "Mirrored margins; sections start on right-hand pages.", False,
           cli="--two-sided/--one-sided", group="Paper and look"),
    Option("booklet", "bool", "Half-size pages imposed two-up for a folded booklet (print duplex, flip on the "
           "short edge).", False, cli="--booklet/--no-booklet", group="Paper and look"),
)

BY_NAME = {o.name: o for o in OPTIONS}
NAMES = tuple(BY_NAME)

# The order in which the footer line drops fields when it does not fit (the title and level stay).
FOOTER_FIELDS = ("school", "course", "period", "instructor")
FOOTER_DROP_ORDER = ("school", "course", "instructor", "period")


# ------------------------------------------------------------------------------------------- schema

def _file_item() -> dict:
    return {"oneOf": [{"type": "string", "minLength": 1},
                      {"type": "object", "additionalProperties": False, "required": ["file"],
                       "properties": {"file": {"type": "string", "minLength": 1},
                                      "after": {"type": "string", "pattern": ID_PATTERN}}}]}


def option_schema(option: Option) -> dict:
    """The JSON Schema of one option's value."""
    if option.kind == "choice":
        out = {"enum": list(option.choices)}
    elif option.kind == "text":
        out = {"type": "string"}
    elif option.kind == "bool":
        out = {"type": "boolean"}
    elif option.kind == "sections":
        out = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "uniqueItems": True}
    elif option.kind == "omit":
        out = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}
    elif option.kind == "overrides":
        text = {"oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": False, "minProperties": 1,
                                                "properties": {lv: {"type": "string"} for lv in LEVELS}}]}
        fields = {"type": "object", "additionalProperties": False, "minProperties": 1,
                  "properties": {**{k: text for k in ("text", "answer", "title", "intro", "caption", "alt", "feedback")},
                                 "lines": {"type": "integer", "minimum": 0, "maximum": 60},
                                 "was": {"type": "string", "pattern": "^[0-9a-f]{8}$"}}}
        out = {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
               "additionalProperties": {"anyOf": [text, fields]}}
    else:
        files = {"oneOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": _file_item()}]}
        out = {"oneOf": [{"type": "array", "items": _file_item()},
                         {"type": "object", "additionalProperties": False,
                          "properties": {k: files for k in ADD_KINDS}}]}
    out["description"] = option.help
    if option.default is not None and option.kind in ("choice", "bool"):
        out["default"] = option.default
    return out


# ------------------------------------------------------------------------------------- command line

def cli_options(*names: str):
    """A decorator adding the click options of the named edition options, in the order given."""
    import click

    def split_ids(ctx, param, value):
        if value is None:
            return None
        items = [v.strip() for v in value.split(",") if v.strip()]
        if not items:
            raise click.BadParameter("give section ids separated by commas, e.g. background,trials")
        return items

    def decorate(fn):
        for name in reversed(names):
            o = BY_NAME[name]
            helptext = f"{o.help} (Overrides the edition's '{o.name}'.)"
            if o.kind == "choice":
                fn = click.option(o.cli, type=click.Choice(o.choices), help=helptext)(fn)
            elif o.kind == "bool":
                fn = click.option(o.cli, o.name, default=None, help=helptext)(fn)
            elif o.kind == "sections":
                fn = click.option(o.cli, callback=split_ids, metavar="ID,ID,…", help=helptext)(fn)
            else:  # pragma: no cover - a declaration error
                raise ValueError(f"the option '{name}' has no command-line form")
        return fn
    return decorate


# --------------------------------------------------------------------------------------------- docs

def markdown_table() -> str:
    """The options table of docs/content-format.md."""
    rows = ["| key | values | default | command line | what it does |", "|---|---|---|---|---|"]
    for o in OPTIONS:
        default = {None: "—", True: "true", False: "false"}.get(o.default, o.default) \
            if not isinstance(o.default, list) else "[]"
        if o.name == "sections":
            default = "every section"
        if o.name == "date":
            default = "the build date"
        cli = f"`{o.cli}`" if o.cli else "—"
        rows.append(f"| `{o.name}` | {o.values_text()} | {default} | {cli} | {o.help.replace('|', '/')} |")
    return "\n".join(rows)
