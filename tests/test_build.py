"""The pipeline around the typesetter: what `build --all` workers reuse between editions."""
import os

from guide import build as pipeline


def test_workers_reuse_loaded_content_until_it_changes(mini, monkeypatch):
    monkeypatch.setattr(pipeline, "_LOADED", {})         # as in a `build --all` worker process
    first, _ = pipeline.load(mini)
    again, _ = pipeline.load(mini)
    assert again is first
    section = next((mini / "sections").glob("*.yaml"))
    section.write_text(section.read_text() + "\n")
    st = section.stat()
    os.utime(section, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    changed, _ = pipeline.load(mini)
    assert changed is not first


def test_an_ordinary_build_always_reads_the_content(mini):
    assert pipeline._LOADED is None
    assert pipeline.load(mini)[0] is not pipeline.load(mini)[0]
