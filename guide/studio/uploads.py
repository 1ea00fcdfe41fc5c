"""Upload a bibliography: a CSL-JSON file exported by Zotero or a Better BibTeX CSL-YAML file.

The upload is read like a sources file of the content (`validate.read_source_file`, `read_sources`: the same
size, depth and count limits as YAML files), standing in for the file it will be saved as
(`editions/NAME/library.json` or `.yaml`). The name the browser gives the file only chooses between JSON and
YAML: it never becomes a path. Until Save, the studio holds the text in memory; Save writes it beside the
edition, inside the content folder.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import GuideError, Problems
from ..load import LIMITS
from ..load.files import decode_utf8

MAX_UPLOAD = 1_000_000          # bytes: the studio's limit on one request (below the 2 MB limit of a file)
MAX_HELD = 8                    # uploads kept in memory until they are saved


def kind_of(filename: str, text: str) -> str:
    """json or yaml: by the file's ending, else by its first character."""
    low = (filename or "").lower()
    if low.endswith(".json"):
        return "json"
    if low.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("[", "{") else "yaml"


def read_upload(guide, content: Path, name: str, filename: str, raw: bytes, taken=()) -> tuple[dict, list]:
    """The upload's works with the keys they are cited by, and its problems. Raises GuideError (422) when the
    file cannot be used at all."""
    from ..validate import read_source_file, read_sources

    if len(raw) > min(MAX_UPLOAD, LIMITS.max_bytes):
        raise GuideError(f"the file is larger than {MAX_UPLOAD:,} bytes, the limit of an upload; export only "
                         "the collection you cite", exit_code=413)
    if not raw.strip():
        raise GuideError("the file is empty", exit_code=422)
    text, bad = decode_utf8(raw)
    if bad:
        line, byte = bad
        raise GuideError(f"the file is not UTF-8 text (byte 0x{byte:02x} on line {line}); export it "
                         "again as CSL JSON or Better CSL YAML", exit_code=422)
    suffix = kind_of(filename, text)
    from ..load import overlay
    path = Path(content) / "editions" / (name or "studio") / f"library.{suffix}"
    problems = Problems()
    with overlay({str(path.resolve()): text}):
        seq = read_source_file(path, problems)
    works = read_sources(seq, problems, set(taken)) if seq is not None else []
    if problems.errors or not works:
        if not problems.errors:
            problems.error("the file holds no works (a list of references with a type and a title)")
        raise GuideError([p for p in problems if p.severity == "error"][:20], exit_code=422)
    listed = [{"key": w.id, "title": w.title, "year": w.year,
               "author": "; ".join(n.family or n.literal or "" for n in (w.author or w.editor or [])),
               "from": w.key_from} for w in works]
    return {"suffix": suffix, "text": text, "works": listed}, [p for p in problems if p.severity == "warning"]


def hold(uploads: dict, upload: dict, counter: int) -> str:
    """Keep an upload until Save (the oldest let go beyond MAX_HELD); returns its id."""
    uid = f"u{counter}"
    uploads[uid] = upload
    for old in list(uploads)[:-MAX_HELD]:
        del uploads[old]
    return uid
