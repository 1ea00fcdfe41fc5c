"""Bad input never crashes, leaks or loses anything: every case ends in a PDF or a located message."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from guide.build import build
from pdfread import red_text
from guide.cli import main
from guide.errors import GuideError

ROOT = Path(__file__).resolve().parent.parent


def check(content: Path):
    result = CliRunner().invoke(main, ["--content", str(content), "check"])
    return result.exit_code, result.output + (result.stderr if hasattr(result, "stderr") else "")


def assert_located(output: str, file: str, line: int | None = None, words: str = ""):
    lines = [ln for ln in output.splitlines() if file in ln and ": error: " in ln]
    assert lines, output
    if line is not None:
        assert any(f"{file}:{line}: error: " in ln for ln in lines), output
    if words:
        assert any(words in ln for ln in lines), output
    assert "Traceback" not in output


BETA = "sections/beta.yaml"


@pytest.mark.parametrize("text, line, words", [
    ("id: beta\ntitle: Beta\nblocks:\n\t- type: paragraph\n", 4, "tab"),
    ("id: beta\ntitle: Beta\n  blocks: []\n", 3, "YAML syntax"),
    ("id: beta\nid: beta\ntitle: Beta\nblocks: []\n", 2, "duplicate key"),
    ('id: beta\ntitle: "Beta\nblocks: []\n', None, "YAML syntax"),
    ("id: beta\ntitle: Beta\nblocks:\n  type: paragraph\n", 3, "must be a list"),
    ("- id: beta\n- title: Beta\n", 1, "must be a mapping"),
    ("id: beta\ntitle: Beta\nblocks:\n  - type: paragraph\n    text: [1, 2]\n", 5, "must be text"),
    ("id: beta\ntitle: Beta\nblocks: []\ncolour: red\n", 4, "unknown key 'colour'"),
    ("", 1, "empty"),
    ("# nothing\n", 1, "empty"),
])
def test_malformed_yaml_is_located(mini, text, line, words):
    (mini / BETA).write_text(text, encoding="utf-8")
    code, out = check(mini)
    assert code == 1
    assert_located(out, BETA, line, words)


def test_bytes_bom_and_folder(mini):
    (mini / BETA).write_bytes(b"id: beta\ntitle: B\xe9ta\nblocks: []\n")
    code, out = check(mini)
    assert code == 1 and "beta.yaml:2: error: the file is not UTF-8 text" in out
    (mini / BETA).write_bytes(b"\xef\xbb\xbfid: beta\ntitle: Beta\nblocks: []\n")
    assert check(mini)[0] == 0
    (mini / BETA).unlink()
    (mini / BETA).mkdir()
    code, out = check(mini)
    assert code == 1 and "this is a folder" in out


def test_many_problems_in_one_run(mini):
    (mini / BETA).write_text("id: beta\ntitle: Beta\nblocks:\n  - type: paragrap\n  - type: callout\n"
                             "questions:\n  - id: q\n    kind: quiz\n    text: x\n")
    (mini / "people.yaml").write_text("people:\n  - id: stalin\n    name: Stalin\n    born: soon\n")
    code, out = check(mini)
    errors = [ln for ln in out.splitlines() if ": error: " in ln]
    assert code == 1 and len(errors) >= 4


def test_related_term_cycles_and_self_reference(mini, tmp_path):
    gl = mini / "glossary.yaml"
    gl.write_text(gl.read_text().replace("    related: [nkvd]\n", "    related: [rehabilitation]\n")
                  .replace("    definition: Clearing the name", "    related: [nkvd]\n    definition: Clearing the name"))
    r = build(mini, "high", output=str(tmp_path / "c.pdf"))        # a cycle nkvd→gulag→rehabilitation→nkvd is fine
    assert r.pages > 5
    gl.write_text(gl.read_text().replace("    related: [gulag]\n", "    related: [nkvd]\n", 1))
    code, out = check(mini)
    assert code == 1 and "lists itself as related" in out


def test_markup_is_printed_never_interpreted(mini, tmp_path):
    hostile = ('Tags <font color="red">x</font> <img src="http://127.0.0.1:9/x.png"/> <a href="http://example.invalid">'
               'link</a> <para> & < > **bold [[ and [@ and *star')
    (mini / BETA).write_text(f"id: beta\ntitle: Beta\nblocks:\n  - type: paragraph\n    text: '{hostile}'\n")
    r = build(mini, "high", sections=["beta"], output=str(tmp_path / "m.pdf"))
    reader = PdfReader(r.path)
    text = __import__("re").sub(r"\s+", " ", " ".join((p.extract_text() or "") for p in reader.pages))
    # typed straight quotes print typographic (as in all text), the tags themselves as typed: nothing is
    # interpreted (the quote inside the web address is the address's, kept as typed)
    for piece in ('<font color=“red”>x</font>', '<img src=“http://127.0.0.1:9/x.png"/>', "<para>", "& < >",
                  '<a href=“http://example.invalid">link</a>', "**bold [[ and [@ and *star"):
        assert piece in text
    uris = [a.get_object().get("/A", {}).get("/URI") for p in reader.pages for a in (p.get("/Annots") or [])]
    assert not [u for u in uris if u]
    assert not red_text(r.path)



@pytest.mark.parametrize("text, ok", [
    ("НКВД, ГУЛАГ, ежовщина", True),
    ("Beneš, Café, naïve, Łódź", True),
    ("e\u0301 composed by NFC", True),
    ("zero\u200bwidth\ufeff removed", True),
    ("Hebrew \u05e9\u05dc\u05d5\u05dd", False),
    ("Arabic \u0633\u0644\u0627\u0645", False),
    ("emoji \U0001f600", False),
    ("bell \x07 control", False),
])
def test_unicode_prints_or_is_named(mini, tmp_path, text, ok):
    (mini / BETA).write_text(f'id: beta\ntitle: Beta\nblocks:\n  - type: paragraph\n    text: "{text}"\n',
                             encoding="utf-8")
    if ok:
        r = build(mini, "high", sections=["beta"], output=str(tmp_path / "u.pdf"))
        printed = "".join(p.extract_text() for p in PdfReader(r.path).pages)
        for word in text.replace("\u200b", "").replace("\ufeff", "").split()[:2]:
            assert __import__("unicodedata").normalize("NFC", word) in printed
    else:
        with pytest.raises(GuideError) as exc:
            build(mini, "high", sections=["beta"], output=str(tmp_path / "u.pdf"))
        message = str(exc.value)
        assert "beta.yaml:5: error: the character" in message and "U+" in message


def test_resource_limits(mini):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(9))
    (mini / BETA).write_text(laughs)
    code, out = check(mini)
    assert code == 1 and "file refused" in out
    (mini / BETA).write_text("id: beta\ntitle: Beta\nblocks:\n  - type: paragraph\n    text: " + "x" * 60_000 + "\n")
    code, out = check(mini)
    assert code == 1 and "the limit is 50,000" in out
    (mini / BETA).write_text("x: " + "[" * 200 + "]" * 200 + "\n")
    code, out = check(mini)
    assert code == 1 and "nested" in out
    big = mini / "sections"
    for i in range(501):
        (big / f"s{i}.yaml").write_text(f"id: s{i}\ntitle: S\nblocks: []\n")
    code, out = check(mini)
    assert code == 1 and "the limit is 500" in out


def test_paths(mini, tmp_path):
    (mini / "editions" / "loop").symlink_to(mini / "editions" / "loop")
    (mini / "editions" / "e.yaml").write_text("level: high\nadd: [loop/x.yaml, /etc/passwd]\n")
    code, out = check(mini)
    assert code == 1 and "outside the edition's folder" in out and ("link loop" in out or "does not exist" in out)
    runner = CliRunner()
    folder = tmp_path / "adir.pdf"
    folder.mkdir()
    result = runner.invoke(main, ["--content", str(mini), "build", "-o", str(folder)])
    assert result.exit_code == 2 and "is a folder" in result.output + getattr(result, "stderr", "")
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = runner.invoke(main, ["--content", str(mini), "build", "-o", str(blocker / "out.pdf")])
    assert result.exit_code == 1 and "cannot create the output folder" in result.output + getattr(result, "stderr", "")


def test_disk_full_keeps_the_earlier_pdf(mini, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    out = tmp_path / "keep.pdf"
    build(mini, "high", output=str(out))
    before = out.read_bytes()
    import guide.output as b      # where the files are written

    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(b.os, "fsync", full)
    with pytest.raises(GuideError) as exc:
        build(mini, "middle", output=str(out))
    monkeypatch.setattr(b.os, "fsync", real_fsync)
    assert "No space left on device" in str(exc.value) and "unchanged" in str(exc.value)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


def _cli(*args, cwd=None, env=None):
    return subprocess.Popen([sys.executable, "-m", "guide", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_until_writing(proc, signal_file: Path) -> None:
    """Until the build in `proc` reports that it is writing its PDF (GUIDE_TEST_SIGNAL_FILE, which holds it
    there until the file is deleted). Fails if the build ends first, or has not got there after 5 minutes
    (a guard against a hang, not a timing the test depends on)."""
    deadline = time.monotonic() + 300
    while not signal_file.exists():
        if proc.poll() is not None:
            pytest.fail(f"the build ended (status {proc.returncode}) before it wrote: {proc.stderr.read()!r}")
        if time.monotonic() > deadline:
            pytest.fail("the build never started writing its PDF")
        time.sleep(0.01)


def test_killed_build_leaves_the_earlier_pdf_and_its_debris_is_cleaned(mini, tmp_path):
    folder = tmp_path / "out"
    out = folder / "k.pdf"
    build(mini, "high", output=str(out))
    before = out.read_bytes()
    (folder / ".k.999999.abcd.pdf.tmp").write_bytes(b"%PDF-1.4 partial")   # left by a build killed earlier
    signal_file = tmp_path / "writing"
    env = dict(os.environ, PYTHONPATH=str(ROOT), GUIDE_TEST_SIGNAL_FILE=str(signal_file))
    proc = _cli("--content", str(mini), "build", "college", "-o", str(out), env=env)
    try:
        _wait_until_writing(proc, signal_file)
        # killed while writing: its temporary file is there, and the earlier PDF has not been touched
        mine = [p.name for p in folder.iterdir() if p.name.startswith(f".guide-{proc.pid}-")]
        assert len(mine) == 1 and mine[0].endswith(".tmp"), sorted(p.name for p in folder.iterdir())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert out.read_bytes() == before
    build(mini, "middle", output=str(out))            # the next build into the folder removes the debris
    assert sorted(p.name for p in folder.iterdir()) == ["k.pdf"]
    assert out.read_bytes() != before


def test_two_builds_of_one_output_at_once(mini, tmp_path):
    tmp_path = tmp_path / "out"
    out = tmp_path / "same.pdf"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [_cli("--content", str(mini), "build", ed, "-o", str(out), env=env) for ed in ("high", "college")]
    for p in procs:
        p.wait()
        assert p.returncode == 0, p.stderr.read()
    assert len(PdfReader(out).pages) > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.pdf"]


def test_deterministic_across_processes_and_folders(mini, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH="1700000000")
    outputs = []
    for i, cwd in enumerate((tmp_path, ROOT)):
        target = tmp_path / f"d{i}.pdf"
        p = _cli("--content", str(mini), "build", "high", "-o", str(target), cwd=cwd, env=env)
        p.wait()
        assert p.returncode == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
