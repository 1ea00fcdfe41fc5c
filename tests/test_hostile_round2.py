"""Bad input, round two (issue 24): every field checked, every file kind bounded, no hang, no traceback,
no escape. Each case ends in a clean located message (exit 1 or 2) or a correct PDF, with every earlier
output byte-identical and no temporary file or process left."""
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT, require_program
from guide.cli import main

BETA = "sections/beta.yaml"


def run(*args, env=None):
    """The CLI as a user runs it; output is stdout and stderr together."""
    old = dict(os.environ)
    try:
        if env:
            os.environ.update(env)
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.environ.clear()
        os.environ.update(old)
    out = result.output
    assert "Traceback" not in out and not isinstance(result.exception, Exception) or \
        isinstance(result.exception, SystemExit), (out, result.exception)
    return result.exit_code, out


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def located(out: str, file: str, line: int | None = None, words: str = "") -> None:
    hits = [ln for ln in out.splitlines() if file in ln and ": error: " in ln and words in ln]
    assert hits, out
    if line is not None:
        assert any(f"{file}:{line}: error: " in ln for ln in hits), out


def no_debris(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def out(tmp_path, mini_build):
    """An output folder holding an earlier build (the fixture guide's, as `guide build high` writes it, from
    the run's cache), to prove that failed builds leave it untouched."""
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copyfile(mini_build.path, folder / "r.pdf")
    return folder


def build_fails(mini, out, *args, code=1, env=None):
    before = snapshot(out)
    got, text = run("--content", mini, "build", *args, "-o", out / "r.pdf", env=env)
    assert got == code, text
    assert snapshot(out) == before
    no_debris(out)
    return text


# -------------------------------------------------------------------------- glyphs in every field

@pytest.mark.parametrize("file, old, new, line", [
    ("guide.yaml", "title: A Small Guide", "title: A Small Guide \U0001f600", 1),
    ("sources.yaml", 'title: "A Book: Its Subtitle"', 'title: "A Book: \u05e9\u05dc\u05d5\u05dd"', 2),
    ("guide.yaml", "title: A Small Guide", 'title: "A Small \\e[31m Guide"', 1),
])
def test_every_printed_field_goes_through_the_glyph_check(mini, out, file, old, new, line):
    path = mini / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if new.split(":")[0] in ln
                and new[-6:] in ln)
    text = build_fails(mini, out)
    located(text, file, line, "cannot be printed")
    assert "\x1b" not in text


def test_an_edition_field_and_an_added_section_go_through_the_glyph_check(mini, out):
    (mini / "editions" / "own.yaml").write_text(
        "id: own\ntitle: Own\nblocks:\n  - type: paragraph\n    text: Shalom \u05e9\u05dc\u05d5\u05dd.\n",
        encoding="utf-8")
    (mini / "editions" / "p.yaml").write_text("level: high\ninstructor: \u05e9\u05dc\u05d5\u05dd\nadd: [own.yaml]\n",
                                              encoding="utf-8")
    text = build_fails(mini, out, "p")
    located(text, "editions/p.yaml", 2, "cannot be printed")
    located(text, "editions/own.yaml", 5, "cannot be printed")
    code, checked = run("--content", mini, "check")
    assert code == 1 and checked.count("editions/p.yaml:2: error") == 1


def test_direction_overrides_are_removed(mini, tmp_path):
    (mini / BETA).write_text("id: beta\ntitle: Beta\nblocks:\n  - type: paragraph\n"
                             "    text: \"Before \u202eafter\u202c and \u2067isolated\u2069.\"\n", encoding="utf-8")
    code, text = run("--content", mini, "build", "high", "--sections", "beta", "-o", tmp_path / "b.pdf")
    assert code == 0, text
    printed = "".join(p.extract_text() for p in PdfReader(tmp_path / "b.pdf").pages)
    assert "Before after and isolated." in printed
    assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") & set(printed)


# ------------------------------------------------------------------------------- earlier outputs kept

def test_a_blocked_answer_key_keeps_the_main_pdf(mini, out):
    (out / "r-answers.pdf").mkdir()
    text = build_fails(mini, out, "college", "--answers", "separate")
    assert "r-answers.pdf: a folder has this name" in text


def test_schema_output_errors_are_messages(tmp_path):
    code, text = run("schema", "-o", tmp_path / "missing" / "s.json")
    assert code == 1 and "no such folder" in text
    code, text = run("schema", "-o", ".")
    assert code == 2
    code, text = run("schema", "-o", "")
    assert code == 2
    if os.path.exists("/dev/full"):
        code, text = run("schema", "-o", "/dev/full")
        assert code == 1 and "not an ordinary file" in text
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)        # the device is still a device
    target = tmp_path / "s.json"
    assert run("schema", "--kind", "edition", "-o", target)[0] == 0
    assert '"level"' in target.read_text()
    no_debris(tmp_path)


# ---------------------------------------------------------------------------------- no traceback

@pytest.mark.parametrize("value, words", [("4" * 400, "too large"), ("1.0e+999", "too large"),
                                          (".nan", "must be a number"), ("-.inf", "must be a number")])
def test_huge_and_non_finite_numbers_are_located(mini, out, value, words):
    sec = mini / "sections" / "alpha.yaml"
    text = sec.read_text()
    assert "total: 4}" in text
    sec.write_text(text.replace("total: 4}", f"total: {value}}}"))
    line = next(i for i, ln in enumerate(sec.read_text().split("\n"), 1) if value in ln)
    code, checked = run("--content", mini, "check")
    assert code == 1
    located(checked, "alpha.yaml", line, words)
    located(build_fails(mini, out), "alpha.yaml", line, words)


@pytest.mark.parametrize("epoch", ["garbage", "1.5", "99999999999999", "-5", "１２"])
def test_a_bad_source_date_epoch_is_a_message(mini, out, epoch):
    text = build_fails(mini, out, code=2, env={"SOURCE_DATE_EPOCH": epoch})
    assert "SOURCE_DATE_EPOCH" in text and "whole number of seconds" in text


def test_a_dangling_link_in_the_content_does_not_stop_build_all(mini, tmp_path):
    (mini / "notes.txt").symlink_to(tmp_path / "gone.txt")
    code, text = run("--content", mini, "build", "--all", "--output-dir", tmp_path / "o")
    assert code == 0, text
    assert sorted(p.name for p in (tmp_path / "o").glob("*.pdf")) == ["college.pdf", "high.pdf", "middle.pdf"]


# --------------------------------------------------------------------------- no hang, bounded reads

def in_subprocess(*args, timeout=120):
    """A command that must end by itself (a hang fails the test at the timeout, which is not a timing)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "guide", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env)
    return proc.returncode, proc.stdout + proc.stderr


def test_a_fifo_is_never_read(mini):
    os.mkfifo(mini / "sections" / "x.yaml")
    code, text = in_subprocess("--content", mini, "check")
    assert code == 1 and "x.yaml: error: this is not a regular file" in text
    (mini / "sections" / "x.yaml").unlink()
    os.mkfifo(mini / "editions" / "x.yaml")
    code, text = in_subprocess("--content", mini, "list")
    assert code == 0 and "Traceback" not in text
    code, text = in_subprocess("--content", mini, "check")
    assert code == 1 and "editions/x.yaml: error: this is not a regular file" in text


def test_links_to_devices_and_outside_files_are_refused(mini, tmp_path):
    (mini / "sections" / "zero.yaml").symlink_to("/dev/zero")
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: outside\ntitle: Outside\nblocks: []\n")
    (mini / "sections" / "outside.yaml").symlink_to(outside)
    code, text = in_subprocess("--content", mini, "check")
    assert code == 1
    located(text, "sections/zero.yaml", None, "outside the content folder")
    located(text, "sections/outside.yaml", None, "outside the content folder")
    inside = mini / "sections" / "gamma.yaml"
    (mini / "other").mkdir()
    (mini / "other" / "gamma.yaml").write_text("id: gamma\ntitle: Gamma\nblocks: []\n")
    (mini / "sections" / "zero.yaml").unlink()
    (mini / "sections" / "outside.yaml").unlink()
    inside.symlink_to(mini / "other" / "gamma.yaml")           # a link inside the content folder is fine
    code, text = in_subprocess("--content", mini, "check")
    assert "gamma.yaml" not in text.replace("guide.yaml", "") or ": error:" not in text, text


def test_a_file_that_grows_past_the_limit_while_read_is_refused(mini, monkeypatch):
    from guide.errors import Problems
    from guide.load import Limits, read_text
    path = mini / BETA
    path.write_text("id: beta\n" + "x" * 5000)
    problems = Problems()
    assert read_text(path, problems, Limits(max_bytes=1000)) is None
    assert "larger than 1,000 bytes" in str(problems[0])


def test_long_lists_and_long_titles_are_refused_quickly(mini, out):
    sec = mini / "sections" / "alpha.yaml"
    text = re.sub(r"objectives:\n(  - .*\n)+", "", sec.read_text())
    items = ", ".join(f"O{i}" for i in range(180_000))          # 1.3 MB, inside the byte limit
    sec.write_text(text.replace("blocks:", f"objectives: [{items}]\nblocks:", 1))
    code, checked = in_subprocess("--content", mini, "check")
    assert code == 1 and "'objectives' has 180,000 items; the limit is 30" in checked
    sec.write_text(text)
    (mini / "editions" / "t.yaml").write_text("level: high\ntitle: " + "Long " * 8000 + "\n")
    code, checked = in_subprocess("--content", mini, "build", "t", "-o", out / "t.pdf")
    assert code == 1
    located(checked, "editions/t.yaml", 2, "the limit is 200")


@pytest.mark.slow
def test_check_pdf_refuses_a_decompression_bomb(tmp_path):
    import pikepdf
    pdf = pikepdf.new()
    pdf.add_blank_page()
    squeeze, chunks = zlib.compressobj(9), []
    for _ in range(300):                         # 300 MiB of zeros, made 1 MiB at a time
        chunks.append(squeeze.compress(bytes(2**20)))
    chunks.append(squeeze.flush())
    stream = pikepdf.Stream(pdf, b"".join(chunks))
    stream["/Filter"] = pikepdf.Name.FlateDecode
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    bomb = tmp_path / "bomb.pdf"
    pdf.save(bomb, compress_streams=False)
    assert bomb.stat().st_size < 2_000_000
    code, text = run("check-pdf", bomb)
    assert code == 1 and "inflate to more than 256 MB" in text


# --------------------------------------------------------------------------------------- signals

@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_build_all_stops_on_a_signal_and_leaves_nothing_behind(tmp_path, signum):
    import shutil
    pgrep = require_program("pgrep")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    folder = tmp_path / "o"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "guide", "--content", str(content), "build", "--all",
                             "--handouts", "--output-dir", str(folder)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        for _ in range(2400):                    # until the first file is finished (bounded, not a timing)
            if proc.poll() is not None or any(folder.rglob("*.pdf")):
                break
            try:
                proc.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                pass
        assert proc.poll() is None, "built everything before the signal could be sent"
        children = subprocess.run([pgrep, "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        finished = snapshot(folder)
        proc.send_signal(signum)                 # to the main process only, as `kill` does
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode in (130, 143) and b"Traceback" not in err and b"stopped" in err
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    no_debris(folder)
    after = snapshot(folder)
    assert all(after.get(k) == v for k, v in finished.items() if not k.name.startswith("."))


# ---------------------------------------------------------------------------- messages for people

@pytest.mark.parametrize("file, old, field", [
    ("glossary.yaml", "      middle: The Soviet secret police.", "      middle: {}"),
    ("chronology.yaml", "    text: The first event.", "    text: {}"),
    ("people.yaml", "    role: Leader of the Soviet Union.", "    role: {}"),
    ("sections/beta.yaml", "title: Beta Section", "title: {}"),
    ("sections/alpha.yaml", "{label: Marshals,", "{{label: {},"),
])
def test_text_too_long_for_a_page_is_located(mini, out, file, old, field):
    path = mini / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, field.format("Word " * 9000)), encoding="utf-8")
    line = next(i for i, ln in enumerate(path.read_text().split("\n"), 1) if "Word Word" in ln)
    located(build_fails(mini, out), file, line, "the limit is")


def test_messages_never_echo_terminal_controls(mini):
    (mini / BETA).write_text('id: beta\ntitle: Beta\n"col\\e[2Jour": red\nblocks: []\n', encoding="utf-8")
    code, text = run("--content", mini, "check")
    assert code == 1 and "\x1b" not in text and "\\x1b[2J" in text


def test_messages_quote_what_was_written(mini, out):
    (mini / "editions" / "y.yaml").write_text("level: yes\nsections: []\n")
    text = build_fails(mini, out, "y")
    assert "'level' is 'yes'" in text
    (mini / "editions" / "y.yaml").write_text("level: high\nsections: []\n")
    located(build_fails(mini, out, "y"), "editions/y.yaml", 2, "no sections are chosen")
    (mini / "editions" / "dir").mkdir()
    (mini / "editions" / "z.yaml").write_text("level: high\nadd: [dir]\n")
    located(build_fails(mini, out, "z"), "editions/z.yaml", 2, "is a folder")


def test_output_options_that_cannot_work_are_refused(mini, out, tmp_path):
    before = snapshot(out)
    code, text = run("--content", mini, "build", "-o", "")
    assert code == 2 and "--output is empty" in text
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    code, text = run("--content", mini, "build", "--all", "--output-dir", blocker)
    assert code == 2 and "is a file" in text and "the others were built" not in text
    assert snapshot(out) == before and blocker.read_text() == "x"


def test_a_long_file_name_the_file_system_allows_works(mini, tmp_path):
    name = "n" * 245 + ".pdf"                     # 249 bytes
    code, text = run("--content", mini, "build", "-o", tmp_path / name)
    assert code == 0, text
    assert (tmp_path / name).is_file()


def test_numbers_read_from_text_fields_print_as_written_with_a_warning(mini, tmp_path):
    guide = mini / "guide.yaml"
    guide.write_text(guide.read_text().replace("title: A Small Guide", "title: 0x1F").replace(
        "subtitle: Fixture content for tests", "subtitle: 1.10"))
    code, text = run("--content", mini, "build", "-o", tmp_path / "n.pdf")
    assert code == 0 and "read as the number 31" in text and "read as the number 1.1" in text
    first = PdfReader(tmp_path / "n.pdf").pages[0].extract_text()
    assert "0x1F" in first and "1.10" in first
    assert run("--content", mini, "build", "-o", tmp_path / "s.pdf", "--strict")[0] == 1


@pytest.mark.parametrize("cite", ["[@book-one, p. ]", "[@book-one, ]"])
def test_an_empty_page_reference_is_a_warning(mini, tmp_path, cite):
    (mini / BETA).write_text(f"id: beta\ntitle: Beta\nblocks:\n  - type: paragraph\n    text: Text {cite} here.\n")
    code, text = run("--content", mini, "check", "--strict")
    assert code == 1 and "beta.yaml:5: warning:" in text and ("empty" in text or "nothing follows" in text)


def test_a_table_row_taller_than_a_page_splits_inside_the_row(mini, tmp_path):
    """A glossary definition at its limit (2,000 characters) in large print on half-size booklet pages is
    taller than a page: the row splits inside itself instead of failing the layout."""
    gl = mini / "glossary.yaml"
    words = ("Collectivisation brought famine and deportation to villages across the country " * 30)[:1990]
    gl.write_text(gl.read_text().replace("      middle: The Soviet secret police.", "      middle: " + words.rsplit(" ", 1)[0]))
    code, text = run("--content", mini, "build", "middle", "--theme", "large-print", "--booklet",
                     "-o", tmp_path / "b.pdf")
    assert code == 0, text
    code, text = run("--content", mini, "build", "middle", "--theme", "large-print", "-o", tmp_path / "l.pdf")
    assert code == 0, text
    from guide.checkpdf import check_pdf
    assert [f for f in check_pdf(tmp_path / "l.pdf") if f.check in ("type-area", "off-page")] == []
