"""The pipeline around the typesetter: what `build --all` workers reuse between editions; layout passes."""
import copy
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


def test_a_build_reports_the_layout_passes_it_ran(mini_build, shipped_builds):
    """`BuildResult.passes` is counted by the typesetter; the cache counts ReportLab's passes on its own."""
    for r in (mini_build, shipped_builds["high"]):
        assert r.passes == r.layout_passes == 1


def test_the_passes_are_counted_not_assumed(mini, tmp_path, monkeypatch):
    """Were the story laid out twice (as `multiBuild` does), the build would say 2."""
    from conftest import counting_layout_passes
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from guide.typeset.tagging import TaggingCanvas
    from guide.typeset.template import GuideDoc

    def twice(self, flowables):
        BaseDocTemplate.build(self, copy.deepcopy(flowables), canvasmaker=TaggingCanvas)   # a pass thrown away
        self._page_refs.clear()
        self._footers.clear()
        BaseDocTemplate.build(self, flowables, canvasmaker=TaggingCanvas)

    monkeypatch.setattr(GuideDoc, "build", twice)
    with counting_layout_passes() as passes:
        r = pipeline.build(mini, "high", output=str(tmp_path / "two.pdf"), tagged=False)
    assert r.passes == len(passes) == 2
