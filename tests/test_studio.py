"""The studio (issue 17, first part): its server's checks and endpoints through Starlette's test client,
and the round trip page → YAML → `guide build` (byte-identical with SOURCE_DATE_EPOCH)."""
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import CONTENT

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from guide.build import build  # noqa: E402
from guide.studio.app import create_app  # noqa: E402
from guide.studio.session import Studio  # noqa: E402

TOKEN = "t0ken-for-tests"
HOST = "127.0.0.1:9999"


def client(content: Path, why="--content", token=True, host=HOST) -> TestClient:
    app = create_app(Studio(content, why), TOKEN, {HOST, "localhost:9999"})
    c = TestClient(app, base_url=f"http://{host}")
    if token:
        c.headers["X-Guide-Token"] = TOKEN
    return c


@pytest.fixture
def shipped(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def test_requests_without_the_token_or_from_elsewhere_are_refused(mini):
    plain = client(mini, token=False)
    assert plain.get("/").status_code == 403
    assert plain.get("/api/state").status_code == 403
    assert plain.get("/?token=wrong").status_code == 403
    page = plain.get(f"/?token={TOKEN}")
    assert page.status_code == 200 and "guide studio" in page.text
    assert "guide_studio" in page.headers["set-cookie"] and "samesite=strict" in page.headers["set-cookie"].lower()
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert plain.get("/api/state").status_code == 200              # the cookie the page set
    assert client(mini, host="evil.example:9999").get("/api/state").status_code == 403   # DNS rebinding
    c = client(mini)
    assert c.post("/api/preview", json={"settings": {}}, headers={"Origin": "http://evil.example"}).status_code == 403
    assert c.post("/api/preview", json={"settings": {}}, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert c.post("/api/preview", content=b"x" * 2_000_000).status_code == 413


def test_state_lists_editions_sections_and_choices(mini):
    data = client(mini).get("/api/state", params={"edition": "high"}).json()
    assert data["editions"] == ["college", "high", "middle"] and data["edition"] == "high"
    assert [s["id"] for s in data["sections"]] == ["alpha", "beta"]
    assert data["sections"][0]["title"] == "Alpha Section"
    assert data["choices"]["theme"] == ["classic", "large-print", "accessible"]
    assert data["settings"]["level"] == "high" and data["stamp"]


def test_preview_builds_in_memory_and_serves_page_images_and_the_pdf(mini):
    c = client(mini)
    data = c.post("/api/preview", json={"name": "p3", "settings": {"level": "middle", "paper": "a4",
                                                                     "sections": ["beta", "alpha"]}}).json()
    assert data["ok"] and data["pages"] > 3 and data["build"]
    png = c.get(f"/api/build/{data['build']}/page/1.png", params={"width": 300})
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = c.get(f"/api/build/{data['build']}/edition.pdf")
    assert pdf.content.startswith(b"%PDF") and round(float(PdfReader(__import__("io").BytesIO(pdf.content))
                                                         .pages[0].mediabox.width)) == 595
    assert c.get(f"/api/build/{data['build']}/page/999.png").status_code == 404
    assert c.get("/api/build/nosuch/page/1.png").status_code == 404
    assert not list((mini / "editions").glob("p3*"))             # a preview writes nothing


def test_problems_come_with_their_field_and_keep_the_last_good_build(mini):
    c = client(mini)
    good = c.post("/api/preview", json={"name": "p3", "settings": {"level": "high"}}).json()
    bad = c.post("/api/preview", json={"name": "p3", "settings": {"level": "high", "sections": ["alpha", "nosuch"],
                                                                    "omit": ["chronolgy"]}}).json()
    assert not bad["ok"]
    fields = {p["field"] for p in bad["problems"]}
    assert {"sections", "omit"} <= fields
    assert any("did you mean 'chronology'" in (p["hint"] or "") for p in bad["problems"])
    assert c.get(f"/api/build/{good['build']}/page/1.png").status_code == 200


def test_content_is_escaped_in_the_page(mini):
    sec = mini / "sections" / "alpha.yaml"
    sec.write_text(sec.read_text().replace("title: Alpha Section", "title: \"<script>alert(1)</script> & co\""))
    c = client(mini)
    page = c.get("/").text
    assert "<script>alert" not in page
    data = c.get("/api/state").json()
    assert data["sections"][0]["title"] == "<script>alert(1)</script> & co"   # JSON; the page uses textContent
    js = c.get("/static/studio.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js


def test_names_from_the_page_never_become_paths(mini):
    c = client(mini)
    for name in ("../escape", "/etc/passwd", "a/b", "", "..", "x.yaml"):
        r = c.post("/api/save", json={"name": name, "settings": {"level": "high"}})
        assert r.status_code in (400, 422) and not r.json()["ok"], name
    assert not (mini.parent / "escape.yaml").exists()


def test_save_then_guide_build_gives_the_pdf_the_preview_showed(mini, tmp_path, monkeypatch):
    """(On the fixture guide, with the shipped schema folder: what is tested is the round trip, not the
    content.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    shutil.copytree(CONTENT / "schema", mini / "schema")     # a saved edition names its schema
    c = client(mini)
    settings = {"level": "middle", "paper": "a4", "theme": "large-print", "instructor": "Ms. Rivera",
                "period": "Period 3", "sections": ["beta", "alpha"], "omit": ["chronology"]}
    shown = c.post("/api/preview", json={"name": "p3", "settings": settings}).json()
    saved = c.post("/api/save", json={"name": "p3", "settings": settings}).json()
    assert saved["ok"], saved
    path = mini / "editions" / "p3.yaml"
    data = yaml.safe_load(path.read_text())
    assert data["sections"] == ["beta", "alpha"] and data["omit"] == ["chronology"]
    assert path.read_text().startswith("# yaml-language-server: $schema=../schema/edition.json")
    preview = c.get(f"/api/build/{shown['build']}/edition.pdf").content
    built = build(mini, "p3", output=str(tmp_path / "p3.pdf"))
    assert Path(built.path).read_bytes() == preview


def test_saving_keeps_a_teachers_comments_and_asks_before_overwriting_changes(mini):
    path = mini / "editions" / "mine.yaml"
    path.write_text("# My class, period 3\nlevel: high   # keep this comment\npaper: letter\n")
    c = client(mini)
    stamp = c.get("/api/state", params={"edition": "mine"}).json()["stamp"]
    ok = c.post("/api/save", json={"name": "mine", "stamp": stamp, "settings": {"level": "high", "paper": "a4",
                                                                                  "period": "Period 3"}}).json()
    assert ok["ok"]
    text = path.read_text()
    assert "# My class, period 3" in text and "# keep this comment" in text and "paper: a4" in text
    assert yaml.safe_load(text)["period"] == "Period 3"
    path.write_text(text + "school: Changed Elsewhere\n")           # someone edits the file meanwhile
    clash = c.post("/api/save", json={"name": "mine", "stamp": ok["stamp"], "settings": {"level": "middle"}})
    assert clash.status_code == 409 and "changed on disk" in clash.json()["problems"][0]["message"]
    forced = c.post("/api/save", json={"name": "mine", "stamp": ok["stamp"], "force": True,
                                       "settings": {"level": "middle"}})
    assert forced.json()["ok"] and yaml.safe_load(path.read_text())["level"] == "middle"


def test_the_shipped_content_is_never_written(mini, tmp_path, monkeypatch):
    tmp_path = tmp_path / "teacher"
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    c = client(mini, why="the content shipped with guide")
    r = c.post("/api/save", json={"name": "p3", "settings": {"level": "high"}})
    assert r.status_code == 422 and r.json()["shipped"] and "guide init" in r.json()["problems"][0]["message"]
    assert not (mini / "editions" / "p3.yaml").exists()
    made = c.post("/api/init", json={}).json()
    assert made["ok"] and (tmp_path / "content" / "guide.yaml").is_file()
    again = c.post("/api/save", json={"name": "p3", "settings": {"level": "high"}}).json()
    assert again["ok"] and (tmp_path / "content" / "editions" / "p3.yaml").is_file()
    assert not (mini / "editions" / "p3.yaml").exists()


def test_section_titles_follow_the_level_chosen(shipped):
    c = client(shipped)
    titles = {s["id"]: s["title"] for s in c.get("/api/state", params={"level": "middle"}).json()["sections"]}
    assert titles["gulag"] == "The Gulag: Stalin’s Prison Camps"
    titles = {s["id"]: s["title"] for s in c.get("/api/state", params={"level": "college"}).json()["sections"]}
    assert titles["gulag"] == "The Gulag: Camps, Settlements and Forced Labor"


def test_downloads_are_the_files_the_command_line_writes_for_the_saved_edition(mini, tmp_path, monkeypatch):
    import zipfile

    from guide.build import handouts

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    c = client(mini)
    settings = {"level": "middle", "paper": "a4", "answers": "separate", "sections": ["beta", "alpha"]}
    assert c.post("/api/preview", json={"name": "p3", "settings": settings, "first": True}).json()["ok"]
    shown = c.post("/api/preview", json={"name": "p3", "settings": settings}).json()   # (one selection for both)
    assert shown["downloads"] == ["answers", "handouts", "booklet"]
    assert c.post("/api/save", json={"name": "p3", "settings": settings}).json()["ok"]
    base = f"/api/build/{shown['build']}/download"
    key = c.get(f"{base}/answers", params={"name": "p3"})
    assert key.headers["content-disposition"] == 'attachment; filename="p3-answers.pdf"'
    built = build(mini, "p3", output=str(tmp_path / "out" / "p3.pdf"))
    assert (tmp_path / "out" / "p3-answers.pdf").read_bytes() == key.content
    assert Path(built.path).read_bytes() == c.get(f"/api/build/{shown['build']}/edition.pdf").content
    booklet = c.get(f"{base}/booklet").content
    build(mini, "p3", output=str(tmp_path / "book.pdf"), booklet=True)
    assert (tmp_path / "book.pdf").read_bytes() == booklet
    written = handouts(mini, "p3", output_dir=str(tmp_path / "handouts"))
    with zipfile.ZipFile(__import__("io").BytesIO(c.get(f"{base}/handouts").content)) as z:
        names = sorted(z.namelist())
        assert names == sorted(f"p3/{p.name}" for r in written for p in [r.path, *r.extra])
        assert names == ["p3/01-beta-answers.pdf", "p3/01-beta.pdf", "p3/02-alpha-answers.pdf", "p3/02-alpha.pdf"]
        for name in names:
            assert z.read(name) == (tmp_path / "handouts" / name).read_bytes(), name
    student = c.post("/api/preview", json={"name": "p3", "settings": {"level": "high", "booklet": True}}).json()
    assert student["downloads"] == ["handouts"]                      # no key; the PDF is the booklet itself
    assert c.get(f"/api/build/{student['build']}/download/answers").status_code == 404
    assert c.get(f"/api/build/{student['build']}/download/nonsense").status_code == 404


def test_a_new_edition_is_the_file_guide_new_edition_writes(mini, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from guide.cli import main

    twin = tmp_path / "twin"
    shutil.copytree(mini, twin)
    c = client(mini)
    made = c.post("/api/new", json={"name": "period3", "from": "middle", "level": "college"}).json()
    assert made == {"ok": True, "edition": "period3"}
    fresh = c.post("/api/new", json={"name": "fresh"}).json()
    assert fresh["ok"]
    runner = CliRunner()
    for args in (["new-edition", "period3", "--from", "middle", "--level", "college"], ["new-edition", "fresh"]):
        assert runner.invoke(main, ["--content", str(twin)] + args).exit_code == 0
    for name in ("period3", "fresh"):
        assert (mini / "editions" / f"{name}.yaml").read_text() == (twin / "editions" / f"{name}.yaml").read_text()
    assert "period3" in c.get("/api/state").json()["editions"]
    again = c.post("/api/new", json={"name": "period3"})
    assert again.status_code == 422 and "already exists" in again.json()["problems"][0]["message"]
    for bad in ("../up", "a/b", "x.yaml", "", "-x"):
        r = c.post("/api/new", json={"name": bad})
        assert r.status_code == 422 and "not an edition name" in r.json()["problems"][0]["message"], bad
    assert c.post("/api/new", json={"name": "y", "from": "nosuch"}).status_code == 422
    assert c.post("/api/new", json={"name": "y", "level": "kindergarten"}).status_code == 422
    assert not (mini / "editions" / "y.yaml").exists() and not (mini.parent / "up.yaml").exists()
    shipped_c = client(mini, why="the content shipped with guide")
    refused = shipped_c.post("/api/new", json={"name": "z"}).json()
    assert not refused["ok"] and refused["shipped"] and not (mini / "editions" / "z.yaml").exists()


def test_the_changed_section_first_looks_as_in_the_whole_guide(mini):
    """A reworded paragraph: its section alone comes first, and its pages read as the whole build's do
    (all but the footer's page numbers). On the fixture content: the whole guide adds nothing to the check
    but build time."""
    import io

    import pdfplumber

    c = client(mini)
    settings = c.get("/api/state", params={"edition": "high"}).json()["settings"]
    c.post("/api/preview", json={"name": "high", "settings": settings})
    settings["overrides"] = {"alpha-camps": "A paragraph reworded for my class, to be seen at once."}
    first = c.post("/api/preview", json={"name": "high", "settings": settings, "first": True}).json()
    assert first["ok"] and first["section"] == "alpha"
    whole = c.post("/api/preview", json={"name": "high", "settings": settings}).json()
    assert c.get(f"/api/build/{first['build']}/download/handouts").status_code == 404   # not a whole build

    def texts(build, pages):
        pdf = c.get(f"/api/build/{build}/edition.pdf").content
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            return [(p.extract_text() or "").rsplit("\n", 1)[0] for p in [doc.pages[i - 1] for i in pages]]
    alone = texts(first["build"], range(1, first["pages"] + 1))
    assert "reworded for my class" in "".join(alone)
    assert alone == texts(whole["build"], range(whole["first"], whole["first"] + first["pages"]))
    assert c.post("/api/preview", json={"name": "high", "settings": settings, "first": True}).json()["ok"] is False


def test_ctrl_c_stops_the_studio_cleanly_also_during_a_build(mini):
    """`guide studio` as a teacher runs it, stopped by SIGINT (Ctrl-C) while a preview is being built: the
    build's answer arrives, the process says so and exits 0 without a traceback, and nothing of it is left."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time
    import urllib.request

    from conftest import ROOT

    holding = mini.parent / "building"          # the studio creates it when a build begins, and waits
    proc = subprocess.Popen([sys.executable, "-m", "guide", "--content", str(mini), "studio", "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT), GUIDE_TEST_SIGNAL_FILE=str(holding)))
    try:
        first = proc.stdout.readline().strip()
        assert first.startswith("studio: http://127.0.0.1:"), first
        base, token = first.split(" ", 1)[1].split("/?token=")
        answers = []

        def preview():
            request = urllib.request.Request(base + "/api/preview", data=json.dumps({"settings": {}}).encode(),
                                             headers={"X-Guide-Token": token, "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=120) as response:
                answers.append(json.loads(response.read()))

        asking = threading.Thread(target=preview)
        asking.start()
        deadline = time.monotonic() + 300
        while not holding.exists():                      # wait until the build is under way
            assert time.monotonic() < deadline and proc.poll() is None, "the studio never began the build"
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.2)                                  # (the signal is delivered; the build is still held)
        holding.unlink()                                 # let the build finish: its answer must still arrive
        out, err = proc.communicate(timeout=120)
        asking.join(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, (proc.returncode, err)
    assert "Traceback" not in err and "Aborted" not in err, err
    assert out.rstrip().endswith("studio stopped")
    assert answers and answers[0]["ok"]
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)                           # no process of its group is left
