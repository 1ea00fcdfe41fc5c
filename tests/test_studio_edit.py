"""The studio, part two (issue 25): changing the wording, the teacher's own sections, terms and sources, and an
uploaded bibliography — through Starlette's test client, down to the files Save writes and `guide build`."""
import io
import json
import os
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

pytest.importorskip("starlette")

from test_studio import client  # noqa: E402

from guide.build import build  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "studio" / "library.json"
ZOTERO = Path(__file__).resolve().parent / "fixtures" / "zotero"


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def preview(c, settings, name="p3"):
    return c.post("/api/preview", json={"name": name, "settings": settings}).json()


def pdf_of(c, data) -> bytes:
    return c.get(f"/api/build/{data['build']}/edition.pdf").content


MATERIAL = {
    "sections": [{"id": "our-town", "title": "Our Town in 1937", "key_question": "What happened in our town?",
                  "paragraphs": ["Families in our town lived with the [[town-word]] every day.[@figes-2007]"],
                  "questions": [{"kind": "comprehension", "text": "What did families live with?",
                                 "answer": "With fear of arrest.", "lines": "3"}]}],
    "terms": [{"id": "town-word", "term": "town word", "original": "слово", "definition": "A word of our own."}],
    "sources": [{"id": "local-archive-2020", "type": "book", "author": "Archivist, Anna", "title": "Town Records",
                 "year": "2020", "publisher": "Town Press", "place": "Springfield"}],
}


def with_material(extra=None, sections=("alpha", "our-town", "beta"), upload=None):
    m = json.loads(json.dumps(MATERIAL))
    if upload:
        m["library"] = {"upload": upload}
    s = {"level": "high", "sections": list(sections), "material": m}
    s.update(extra or {})
    return s


def upload(c, path=FIXTURE, name="library.json", edition="p3"):
    return c.post("/api/upload", params={"name": edition}, content=Path(path).read_bytes(),
                  headers={"X-File-Name": name})


# ------------------------------------------------------------------------------------------ the wording

def test_the_items_of_a_section_are_listed_by_place_with_ids(mini):
    c = client(mini)
    items = c.post("/api/wording", json={"section": "alpha", "level": "high"}).json()["items"]
    places = {i["id"]: i["place"] for i in items}
    assert places["alpha-key-question"] == "Key question"
    assert places["alpha-camps"] == "Paragraph 1"
    assert places["alpha-q1"] == "Question 1 (comprehension)" and places["alpha-q2"] == "Question 2 (analysis)"
    q1 = next(i for i in items if i["id"] == "alpha-q1")
    assert [(f["name"], f["label"]) for f in q1["fields"]] == [("text", "Text"), ("answer", "Model answer"),
                                                               ("lines", "Answer lines")]
    assert q1["fields"][1]["value"] == "It arrested people." and not q1["overridden"]
    middle = c.post("/api/wording", json={"section": "alpha", "level": "middle"}).json()["items"]
    assert "alpha-q2" not in {i["id"] for i in middle}              # not printed at that level
    assert next(i for i in middle if i["id"] == "alpha-key-question")["fields"][0]["value"] == "What happened first?"
    for bad in ({"section": "nosuch", "level": "high"}, {"section": "alpha", "level": "kindergarten"},
                {"section": ["alpha"]}, {"section": "alpha", "overrides": ["x"]}):
        r = c.post("/api/wording", json=bad)
        assert r.status_code == 400 and not r.json()["ok"], bad
    assert c.post("/api/wording", content=b"not json").status_code == 400


def test_a_changed_wording_is_an_override_with_its_fingerprint_and_reverts_in_one_click(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    c = client(mini)
    r = c.post("/api/wording/set", json={"id": "alpha-camps", "level": "high", "section": "alpha",
                                         "values": {"text": "Prisoners of the [[gulag]] built canals."}}).json()
    ov = r["overrides"]
    assert ov["alpha-camps"]["text"] == {"high": "Prisoners of the [[gulag]] built canals."}
    assert len(ov["alpha-camps"]["was"]) == 8
    assert next(i for i in r["items"] if i["id"] == "alpha-camps")["overridden"]
    ov = c.post("/api/wording/set", json={"id": "alpha-q1", "level": "high", "overrides": ov,
                                          "values": {"text": "What did the NKVD do?", "answer": "It arrested many.",
                                                     "lines": "3"}}).json()["overrides"]
    assert ov["alpha-q1"] == {"answer": {"high": "It arrested many."}, "was": ov["alpha-q1"]["was"]}   # same text: no override
    shown = preview(c, {"level": "high", "answers": "appendix", "overrides": ov})      # model answers printed
    assert shown["ok"] and not [p for p in shown["problems"] if "alpha" in (p["field"] or "")], shown["problems"]
    text = flat(text_of(pdf_of(c, shown)))
    assert "Prisoners of the Gulag built canals." in text and "held prisoners across the country" not in text
    assert "It arrested many." in text
    assert c.post("/api/save", json={"name": "p3", "settings": {"level": "high", "answers": "appendix",
                                                                "overrides": ov}}).json()["ok"]
    built = build(mini, "p3", output=str(tmp_path / "p3.pdf"))
    assert Path(built.path).read_bytes() == pdf_of(c, shown)
    assert not [w for w in built.warnings if "was:" in (w.hint or "")]     # the fingerprint is the right one
    reverted = c.post("/api/wording/revert", json={"id": "alpha-camps", "overrides": ov, "section": "alpha",
                                                   "level": "high"}).json()
    assert "alpha-camps" not in reverted["overrides"] and "alpha-q1" in reverted["overrides"]
    assert not next(i for i in reverted["items"] if i["id"] == "alpha-camps")["overridden"]
    back = c.post("/api/wording/set", json={"id": "alpha-q1", "level": "high", "overrides": reverted["overrides"],
                                            "values": {"answer": "It arrested people."}}).json()["overrides"]
    assert "alpha-q1" not in back                      # typing the shipped text back is no override
    for bad in ({"id": "nosuch", "level": "high", "values": {"text": "x"}},
                {"id": "alpha-camps", "level": "high", "values": "x"},
                {"id": "alpha-camps", "level": "high", "values": {"text": 5}}):
        assert c.post("/api/wording/set", json=bad).status_code == 400, bad


def test_drift_is_shown_with_both_texts(mini):
    c = client(mini)
    ov = {"alpha-camps": {"text": {"high": "My wording."}, "was": "00000000"}}
    items = c.post("/api/wording", json={"section": "alpha", "level": "high", "overrides": ov}).json()["items"]
    camps = next(i for i in items if i["id"] == "alpha-camps")
    assert camps["drift"] == {"yours": "My wording.",
                              "shipped": "The [[gulag]] held prisoners across the country. The [[nkvd]] ran it.[@article-two]"}
    kept = c.post("/api/wording/set", json={"id": "alpha-camps", "level": "high", "overrides": ov, "section": "alpha",
                                            "values": {"text": "My wording."}}).json()
    assert kept["overrides"]["alpha-camps"]["was"] != "00000000"
    assert next(i for i in kept["items"] if i["id"] == "alpha-camps")["drift"] is None
    right = kept["overrides"]
    assert not next(i for i in c.post("/api/wording", json={"section": "alpha", "level": "high", "overrides": right})
                    .json()["items"] if i["id"] == "alpha-camps")["drift"]


def test_a_bad_override_is_shown_beside_its_item_and_the_last_good_build_stays(mini):
    c = client(mini)
    good = preview(c, {"level": "high"})
    for value, words in (("An emoji \U0001F600 here.", "cannot be printed"), ("The [[nosuch]] term.", "nosuch"),
                         ("Cited [@nosuch].", "nosuch"), ("x" * 60_000, "50,000")):
        bad = preview(c, {"level": "high", "overrides": {"alpha-camps": {"text": {"high": value}, "was": "c1133ed0"}}})
        assert not bad["ok"], value[:20]
        mine = [p for p in bad["problems"] if p["field"] == "ov-alpha-camps"]
        assert mine and any(words in p["message"] + (p["hint"] or "") for p in mine), bad["problems"]
    assert c.get(f"/api/build/{good['build']}/page/1.png").status_code == 200


# ------------------------------------------------------------------------------------------ your own material

def test_own_section_term_and_source_are_previewed_saved_and_built_identically(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    c = client(mini)
    up = upload(c).json()
    assert up["ok"]
    settings = with_material({"answers": "appendix"}, upload=up["upload"])
    shown = preview(c, settings)
    assert shown["ok"], shown["problems"]
    assert not list((mini / "editions").glob("p3*"))                # a preview writes nothing
    text = flat(text_of(pdf_of(c, shown)))
    assert text.index("Alpha Section") < text.index("Our Town in 1937") < text.index("Beta")
    for words in ("Families in our town lived with the town word every day.", "What did families live with?",
                  "A word of our own.", "слово", "With fear of arrest.", "Figes, Orlando. The Whisperers"):
        assert words in text, words
    saved = c.post("/api/save", json={"name": "p3", "settings": settings}).json()
    assert saved["ok"], saved
    folder = mini / "editions" / "p3"
    assert sorted(p.name for p in folder.iterdir()) == ["glossary.yaml", "library.json", "our-town.yaml",
                                                        "sources.yaml"]
    assert (folder / "library.json").read_bytes() == FIXTURE.read_bytes()      # the upload as it came
    section = yaml.safe_load((folder / "our-town.yaml").read_text())
    assert section["blocks"] == [{"id": "our-town-p1", "type": "paragraph", "text": MATERIAL["sections"][0]["paragraphs"][0]}]
    assert section["questions"][0] == {"id": "our-town-q1", "kind": "comprehension", "text": "What did families live with?",
                                       "answer": "With fear of arrest.", "lines": 3}
    edition = yaml.safe_load((mini / "editions" / "p3.yaml").read_text())
    assert edition["sections"] == ["alpha", "our-town", "beta"]
    assert edition["add"] == {"sections": ["p3/our-town.yaml"], "glossary": ["p3/glossary.yaml"],
                              "sources": ["p3/sources.yaml", "p3/library.json"]}
    built = build(mini, "p3", output=str(tmp_path / "p3.pdf"))
    assert Path(built.path).read_bytes() == pdf_of(c, shown)
    state = c.get("/api/state", params={"edition": "p3"}).json()           # opened again: the forms come back
    m = state["settings"]["material"]
    assert m["sections"][0]["paragraphs"] == MATERIAL["sections"][0]["paragraphs"]
    assert m["terms"][0]["term"] == "town word" and m["sources"][0]["id"] == "local-archive-2020"
    assert m["library"] == {"file": "library.json", "edition": "p3"} and "add" not in state["settings"]
    assert "our-town" in [s["id"] for s in state["sections"]]
    again = preview(c, state["settings"])
    assert again["ok"] and pdf_of(c, again) == pdf_of(c, shown)
    works = c.post("/api/library", json={"name": "p3", "file": "library.json"}).json()["works"]
    assert [w["key"] for w in works] == ["figes-2007", "schlogel-2012"]
    copy = c.post("/api/save", json={"name": "p3-copy", "settings": state["settings"]}).json()    # saved as another
    assert copy["ok"] and (mini / "editions" / "p3-copy" / "library.json").read_bytes() == FIXTURE.read_bytes()
    assert (mini / "editions" / "p3-copy" / "our-town.yaml").is_file()
    fewer = json.loads(json.dumps(state["settings"]))                  # the section and the terms removed
    fewer["material"]["sections"], fewer["material"]["terms"] = [], []
    fewer["sections"] = ["alpha", "beta"]
    assert c.post("/api/save", json={"name": "p3", "settings": fewer, "stamp": saved["stamp"]}).json()["ok"]
    assert sorted(p.name for p in folder.iterdir()) == ["library.json", "sources.yaml"]
    assert yaml.safe_load((mini / "editions" / "p3.yaml").read_text())["add"] == {
        "sources": ["p3/sources.yaml", "p3/library.json"]}


def test_problems_of_own_material_are_shown_beside_their_fields(mini):
    c = client(mini)
    good = preview(c, with_material())
    assert not good["ok"]            # it cites figes-2007, not uploaded here
    assert [p["field"] for p in good["problems"] if "figes-2007" in p["message"]] == ["m-our-town-p1"]
    assert "'Add sources'" in next(p["hint"] for p in good["problems"] if "figes-2007" in p["message"])
    s = with_material()
    s["material"]["sections"][0]["paragraphs"][0] = "A plain paragraph."
    assert preview(c, s)["ok"]
    cases = [
        (("sections", 0, "title"), "A title of " + "many words " * 30, "m-our-town-title", "200"),
        (("sections", 0, "key_question"), "Why \U0001F600?", "m-our-town-key-question", "cannot be printed"),
        (("terms", 0, "definition"), "Emoji \U0001F600", "m-term-0", "cannot be printed"),
        (("sources", 0, "title"), "", "m-source-0", "needs 'title'"),
        (("terms", 0, "term"), "", "m-term-0", "needs 'term'"),
        (("sections", 0, "title"), "", "m-our-town-title", "needs 'title'"),
    ]
    for (kind, i, key), value, field, words in cases:
        bad = json.loads(json.dumps(s))
        bad["material"][kind][i][key] = value
        out = preview(c, bad)
        assert not out["ok"], field
        assert any(p["field"] == field and words in p["message"] for p in out["problems"]), (field, out["problems"])
    two = json.loads(json.dumps(s))
    two["material"]["sections"][0]["paragraphs"].append("Second, with [[nosuch]].")
    two["material"]["sections"][0]["questions"][0]["lines"] = "lots"
    out = preview(c, two)
    fields = {p["field"] for p in out["problems"]}
    assert {"m-our-town-p2", "m-our-town-q1-lines"} <= fields, out["problems"]


def test_an_unticked_own_section_is_kept_but_not_printed(mini, tmp_path):
    c = client(mini)
    s = with_material(sections=("alpha", "beta"))
    s["material"]["sections"][0]["paragraphs"][0] = "A plain paragraph."
    shown = preview(c, s)
    assert shown["ok"] and "Our Town in 1937" not in text_of(pdf_of(c, shown))
    assert c.post("/api/save", json={"name": "p4", "settings": s}).json()["ok"]
    assert (mini / "editions" / "p4" / "our-town.yaml").is_file()
    assert "sections" not in (yaml.safe_load((mini / "editions" / "p4.yaml").read_text()).get("add") or {})
    state = c.get("/api/state", params={"edition": "p4"}).json()
    assert state["settings"]["material"]["sections"][0]["id"] == "our-town"
    assert "our-town" not in state["settings"]["sections"]


def test_material_from_the_page_never_becomes_a_path_outside(mini, tmp_path):
    c = client(mini)
    for bad_id in ("../evil", "/etc/passwd", "a/b", "..", "Upper"):
        s = with_material()
        s["material"]["sections"][0]["id"] = bad_id
        r = c.post("/api/save", json={"name": "p3", "settings": s})
        assert r.status_code == 400 and not r.json()["ok"], bad_id
        assert not preview(c, s)["ok"]
    for bad in ({"sections": "x"}, {"sections": [1]}, {"terms": [{"id": "ok", "term": ["x"]}]}, ["x"],
                {"library": {"file": "../../etc/passwd"}}, {"library": {"upload": "u999"}},
                {"sections": [{"id": "x"}] * 500}):
        r = c.post("/api/save", json={"name": "p3", "settings": {"level": "high", "material": bad}})
        assert r.status_code == 400 and not r.json()["ok"], bad
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, mini / "editions" / "p5")           # editions/p5 is a link out of the content folder
    s = with_material(sections=("alpha", "our-town"))
    s["material"]["sections"][0]["paragraphs"][0] = "A plain paragraph."
    r = c.post("/api/save", json={"name": "p5", "settings": s})
    assert r.status_code == 400 and "outside the content folder" in r.json()["problems"][0]["message"]
    assert not list(outside.iterdir()) and not (mini / "editions" / "p5.yaml").exists()
    assert not (tmp_path / "evil.yaml").exists() and not (mini / "evil.yaml").exists()


# ------------------------------------------------------------------------------------------ uploads

def test_a_zotero_or_better_bibtex_upload_lists_its_works_with_their_keys(mini):
    c = client(mini)
    r = upload(c, ZOTERO / "zotero-export.json", "My Library.json").json()
    assert r["ok"] and r["format"] == "json"
    keys = {w["key"]: w for w in r["works"]}
    assert keys["khlevniuk-2004"]["title"].startswith("The History of the Gulag")
    assert keys["khlevniuk-2004"]["from"] and keys["12345/QRST7890"]
    r = upload(c, ZOTERO / "better-bibtex.yaml", "export.yaml").json()
    assert r["ok"] and r["format"] == "yaml"
    assert "conquestGreatTerrorReassessment2008" in {w["key"] for w in r["works"]}
    sniffed = upload(c, FIXTURE, "no-ending").json()
    assert sniffed["format"] == "json" and sniffed["ok"]


def test_bad_uploads_are_refused_with_a_reason(mini):
    c = client(mini)

    def send(body: bytes, filename="x.json", edition="p3"):
        return c.post("/api/upload", params={"name": edition}, content=body, headers={"X-File-Name": filename})

    r = send(b'[{"type": "book", "title": "A"},\n {"type": "book" "title": "B"}]')
    assert r.status_code == 422 and r.json()["problems"][0]["line"] == 2
    assert send(b"\xff\xfe not utf-8").status_code == 422
    assert "empty" in send(b"  \n").json()["problems"][0]["message"]
    assert send(b'{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}').status_code == 422
    assert send(b"references: [1, 2]", "x.yaml").status_code == 422
    assert send(b"[]").status_code == 422
    big = b"[" + b'{"type": "book", "title": "A book with a long title"},' * 25_000 + b"]"
    assert len(big) > 1_000_000 and send(big).status_code == 413
    alias = b"a: &a [1,2,3,4,5,6,7,8,9,10]\n" + b"".join(b"b%d: &b%d [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n" % (
        (i, i) + ((b"a" if i == 0 else b"b%d" % (i - 1)),) * 10) for i in range(12))
    refused = send(alias, "x.yaml")                                         # the same limits as YAML files
    assert refused.status_code == 422 and "200,000 values" in refused.json()["problems"][0]["message"]
    assert refused.json()["problems"][0]["field"] == "m-library"             # shown beside the upload
    assert send(FIXTURE.read_bytes(), edition="../../evil").status_code in (400, 422)


def test_an_upload_is_saved_only_inside_the_content_folder_whatever_its_name(mini, tmp_path):
    c = client(mini)
    up = upload(c, name="../../../../../../tmp/evil.json").json()
    assert up["ok"]
    s = {"level": "high", "sections": ["alpha", "beta"], "material": {"library": {"upload": up["upload"]}}}
    assert c.post("/api/save", json={"name": "p3", "settings": s}).json()["ok"]
    assert (mini / "editions" / "p3" / "library.json").read_bytes() == FIXTURE.read_bytes()
    assert not Path("/tmp/evil.json").exists() or Path("/tmp/evil.json").read_bytes() != FIXTURE.read_bytes()
    assert c.post("/api/library", json={"name": "p3", "file": "../p3.yaml"}).status_code == 400


def test_the_page_script_for_editing_puts_text_in_as_text(mini):
    c = client(mini)
    js = c.get("/static/edit.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js and "outerHTML" not in js
    page = c.get("/").text
    assert 'id="wording-section"' in page and 'id="bibliography-file"' in page and "/static/edit.js" in page


def test_a_term_may_have_a_definition_per_level(mini):
    c = client(mini)
    s = with_material()
    s["material"]["sections"][0]["paragraphs"][0] = "Families lived with the [[town-word]]."
    s["material"]["terms"][0].update({"definition": "For every level.", "high": "For high school only."})
    text = flat(text_of(pdf_of(c, preview(c, s))))
    assert "For high school only." in text and "For every level." not in text
    s["level"] = "college"
    text = flat(text_of(pdf_of(c, preview(c, s))))
    assert "For every level." in text and "For high school only." not in text
