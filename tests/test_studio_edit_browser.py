"""The studio, part two, in Debian's Chromium (Selenium, as tests/test_studio_browser.py): a teacher rewords a
paragraph and a model answer, reverts another change, adds a one-paragraph section with a question and a term,
uploads a Zotero CSL-JSON file and cites one of its works, saves; `guide build` of the saved edition gives the
preview's PDF byte for byte."""
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pdfplumber
import pytest
import yaml

from conftest import ROOT
import test_studio_browser as first_part
from test_studio_browser import by_label, status, wait_for

pytestmark = pytest.mark.slow
studio, browser = first_part.studio, first_part.browser          # the fixtures of the first studio test
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "studio" / "library.json"
EPOCH = "1780000000"


def squash(text: str) -> str:
    """Text without spaces, line breaks and hyphens (a PDF's lines break words apart)."""
    return re.sub(r"[\s\u00ad\-‐]", "", text)


def settle(driver, before: str | None, timeout=600):
    """Wait until a build newer than `before` is shown and no other is on its way."""
    def built(d):
        shown = d.execute_script("const i = document.querySelector('#pages img'); return i && i.dataset.build;")
        return shown and shown != before and status(d) == "Preview up to date."
    wait_for(driver, built, timeout)
    time.sleep(1.5)                                   # a change still waiting for its turn starts by now
    wait_for(driver, built, timeout)
    return driver.execute_script("return document.querySelector('#pages img').dataset.build;")


def item(driver, iid):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, f"#wording-items > li[data-id='{iid}']")


def changed(driver, iid) -> bool:
    """Whether the page marks the item as reworded (read in one step: the list may be redrawn meanwhile)."""
    return driver.execute_script(
        "const li = document.querySelector(`#wording-items > li[data-id='${arguments[0]}']`);"
        "return !!li && li.classList.contains('changed') && !li.querySelector('.badge').hidden;", iid)


def retype(element, text):
    from selenium.webdriver.common.keys import Keys
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)


@pytest.fixture
def studio_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)      # the server started by `studio` inherits it


def test_a_teacher_rewords_adds_material_uploads_a_bibliography_and_saves(studio_epoch, studio, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, content = studio
    browser.get(url)
    first = settle(browser, None)
    Select(by_label(browser, "Answers")).select_by_value("appendix")       # model answers are printed

    # -- change the wording of a paragraph and of a model answer; change the key question and revert it
    browser.find_element(By.CSS_SELECTOR, "#wording > summary").click()
    Select(by_label(browser, "Section to reword")).select_by_value("background")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#wording-items > li[data-id='background-p3']"))
    item(browser, "background-p3").find_element(By.CSS_SELECTOR, "button.open").click()
    paragraph = browser.find_element(By.ID, "ov-background-p3-text")
    old_paragraph = paragraph.get_attribute("value")
    new_paragraph = "In our class we say that the Bolsheviks divided society into friends and foes by class."
    retype(paragraph, new_paragraph)
    item(browser, "background-h1").find_element(By.CSS_SELECTOR, "button.open").click()
    answer = browser.find_element(By.ID, "ov-background-h1-answer")
    old_answer = answer.get_attribute("value")
    new_answer = "Our model answer: he chose the officials who then voted for him."
    retype(answer, new_answer)
    item(browser, "background-key-question").find_element(By.CSS_SELECTOR, "button.open").click()
    key_question = browser.find_element(By.ID, "ov-background-key-question-text")
    shipped_question = key_question.get_attribute("value")
    retype(key_question, "A key question we will not keep?")
    wait_for(browser, lambda d: changed(d, "background-key-question") and changed(d, "background-p3"))
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Revert to the shipped wording: background-key-question']").click()
    wait_for(browser, lambda d: not changed(d, "background-key-question") and changed(d, "background-p3")
             and changed(d, "background-h1"))

    # -- add a section with one paragraph and a question, and a glossary term
    browser.find_element(By.CSS_SELECTOR, "#own-sections-box > summary").click()
    by_label(browser, "Title of a new section").send_keys("Our Town in 1937")
    browser.find_element(By.ID, "add-section").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "m-our-town-in-1937-p1"))
    browser.find_element(By.ID, "m-our-town-in-1937-p1").send_keys(
        "Families in our town lived with the [[town-word]] every day.[@figes-2007]")
    browser.find_element(By.XPATH, "//button[normalize-space()='Add a question']").click()
    browser.find_element(By.ID, "m-our-town-in-1937-q1-text").send_keys("What did families in our town live with?")
    browser.find_element(By.ID, "m-our-town-in-1937-q1-answer").send_keys("With the fear of a knock at night.")
    browser.find_element(By.CSS_SELECTOR, "#own-terms-box > summary").click()
    by_label(browser, "New term").send_keys("town word")
    browser.find_element(By.ID, "add-term").click()
    definition = browser.find_element(By.ID, "term-0-definition")
    definition.send_keys("A word our class uses for the fear of a knock at night.")
    assert "[[town-word]]" in browser.find_element(By.CSS_SELECTOR, "#own-terms .help code").text

    # -- upload the Zotero export; its works are listed with their keys
    browser.find_element(By.CSS_SELECTOR, "#own-sources-box > summary").click()
    by_label(browser, "Bibliography file").send_keys(str(FIXTURE))
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#library table.works"))
    keys = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#library td code")]
    assert keys == ["[@figes-2007]", "[@schlogel-2012]"]

    # -- an emoji is a problem beside its field; the preview keeps the last good build
    good = settle(browser, first)
    definition.send_keys(" \U0001F600")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems-m-term-0 li"))
    assert "cannot be printed" in browser.find_element(By.CSS_SELECTOR, "#problems-m-term-0 li").text
    assert browser.find_element(By.CSS_SELECTOR, "#pages img").get_attribute("data-build") == good
    from selenium.webdriver.common.keys import Keys
    definition.send_keys(Keys.BACKSPACE, Keys.BACKSPACE)
    last = settle(browser, good)
    assert not browser.find_elements(By.CSS_SELECTOR, ".problems li.error")

    shot = Path(os.environ.get("GUIDE_SCREENSHOTS", tmp_path)) / "studio-edit.png"
    browser.execute_script("document.querySelector(\"#wording-items > li[data-id='background-p3']\").scrollIntoView()")
    wait_for(browser, lambda d: d.execute_script(
        "const i = document.querySelector('#pages img'); return i && i.complete && i.naturalWidth > 0;"))
    browser.save_screenshot(str(shot))
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    save = browser.find_element(By.ID, "save")
    assert save.rect["y"] + save.rect["height"] <= 768

    # -- Save, then check the files and build the saved edition
    name = browser.find_element(By.ID, "edition-name")
    name.clear()
    name.send_keys("period3")
    save.click()
    wait_for(browser, lambda d: status(d).startswith("Saved"))
    assert browser.find_element(By.CSS_SELECTOR, "#pages img").get_attribute("data-build") == last
    edition = yaml.safe_load((content / "editions" / "period3.yaml").read_text())
    assert edition["overrides"]["background-p3"]["text"] == {"high": new_paragraph}
    assert edition["overrides"]["background-h1"]["answer"] == {"high": new_answer}
    assert "background-key-question" not in edition["overrides"]
    assert all(len(o["was"]) == 8 for o in edition["overrides"].values())
    assert "our-town-in-1937" in edition["sections"]
    assert edition["add"] == {"sections": ["period3/our-town-in-1937.yaml"], "glossary": ["period3/glossary.yaml"],
                              "sources": ["period3/library.json"]}
    folder = content / "editions" / "period3"
    section = yaml.safe_load((folder / "our-town-in-1937.yaml").read_text())
    assert section["title"] == "Our Town in 1937" and len(section["blocks"]) == 1
    assert section["questions"][0]["answer"] == "With the fear of a knock at night."
    assert yaml.safe_load((folder / "glossary.yaml").read_text())["terms"][0]["id"] == "town-word"
    assert (folder / "library.json").read_bytes() == FIXTURE.read_bytes()
    assert not (Path(ROOT) / "content" / "editions" / "period3.yaml").exists()      # the shipped files untouched

    token = url.split("token=")[1]
    href = browser.find_element(By.ID, "download").get_attribute("href")
    with urllib.request.urlopen(urllib.request.Request(href, headers={"X-Guide-Token": token}), timeout=60) as r:
        shown = r.read()
    out = tmp_path / "period3.pdf"
    env = dict(os.environ, PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH=EPOCH)
    done = subprocess.run([sys.executable, "-m", "guide", "--content", str(content), "build", "period3",
                           "--output", str(out)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == shown

    with pdfplumber.open(out) as doc:
        text = squash("\n".join(p.extract_text() or "" for p in doc.pages))
    assert squash(new_paragraph) in text and squash(old_paragraph[:60]) not in text
    assert squash(new_answer) in text and squash(old_answer[:60]) not in text
    assert squash(shipped_question[:60]) in text and squash("A key question we will not keep") not in text
    assert squash("Families in our town lived with the town word every day.") in text
    assert squash("What did families in our town live with?") in text
    assert squash("A word our class uses for the fear of a knock at night.") in text
    assert squash("Figes, Orlando. The Whisperers: Private Life in Stalin") in text


def test_the_editing_boxes_pass_the_accessibility_audit(studio, browser):
    """With every box open — an item being reworded, an added section with a question, a term, a source and an
    uploaded bibliography — axe-core finds no serious or critical violation (as for the first part's page)."""
    from selenium.webdriver.common.by import By

    url, content = studio
    browser.set_script_timeout(120)
    browser.get(url)
    wait_for(browser, lambda d: status(d) == "Preview up to date.")
    for box in ("wording", "own-sections-box", "own-terms-box", "own-sources-box"):
        browser.find_element(By.CSS_SELECTOR, f"#{box} > summary").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#wording-items > li[data-id='background-p3']"))
    item(browser, "background-p3").find_element(By.CSS_SELECTOR, "button.open").click()
    by_label(browser, "Title of a new section").send_keys("Our Town")
    browser.find_element(By.ID, "add-section").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Add a question']").click()
    by_label(browser, "New term").send_keys("town word")
    browser.find_element(By.ID, "add-term").click()
    browser.find_element(By.ID, "add-source").click()
    by_label(browser, "Bibliography file").send_keys(str(FIXTURE))
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#library table.works"))
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems-m-our-town-q1-text li"))  # problems too
    assert first_part.audit(browser) == []
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
