"""The studio in a real browser: Debian's Chromium driven by Selenium (Service('/usr/bin/chromedriver'), so
Selenium Manager downloads nothing), as a teacher would use it."""
import io
import os
import shutil
import signal
import subprocess
import sys
import urllib.request

import pdfplumber
import pytest
import yaml

from conftest import CONTENT, ROOT

pytestmark = pytest.mark.slow
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def need_browser():
    missing = [p for p in (CHROMIUM, DRIVER) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"needed in CI: {', '.join(missing)}")
        pytest.skip(f"not installed: {', '.join(missing)} (apt-get install chromium chromium-driver)")


@pytest.fixture
def studio(tmp_path):
    """`guide studio --no-browser` on a copy of the shipped content; yields (url, content folder)."""
    need_browser()
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "guide", "--content", str(content), "studio", "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        first = proc.stdout.readline().strip()
        assert first.startswith("studio: http://127.0.0.1:") and "?token=" in first, first
        yield first.split(" ", 1)[1], content
    finally:
        proc.send_signal(signal.SIGINT)                     # Ctrl-C
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        assert "Traceback" not in err, err


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,768"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def by_label(driver, text):
    """The control whose visible label is `text` (the accessible name the issue fixes)."""
    from selenium.webdriver.common.by import By
    label = driver.find_element(By.XPATH, f"//label[normalize-space()={text!r}]")
    return driver.find_element(By.ID, label.get_attribute("for"))


def wait_for(driver, condition, timeout=300):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: condition(d))
    except TimeoutException:
        from selenium.webdriver.common.by import By
        raise AssertionError(f"waited {timeout} s; the page says: {status(driver)!r}; problems: "
                             f"{[e.text for e in driver.find_elements(By.CSS_SELECTOR, '.problems li')]}") from None


def status(driver):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.ID, "status").text


def test_a_teacher_makes_a_middle_school_edition_in_the_page(studio, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, content = studio
    browser.get(url)
    wait_for(browser, lambda d: status(d) == "Preview up to date.")
    first_build = browser.find_element(By.CSS_SELECTOR, "#pages img").get_attribute("data-build")
    Select(by_label(browser, "Level")).select_by_value("middle")
    wait_for(browser, lambda d: d.find_elements(By.XPATH, "//label[normalize-space()='The Gulag: Stalin’s Prison Camps']"))
    Select(by_label(browser, "Paper")).select_by_value("a4")
    Select(by_label(browser, "Theme")).select_by_value("large-print")
    by_label(browser, "Aftermath and Memory, 1938–1991").click()          # untick a section
    browser.find_element(By.CSS_SELECTOR, "button[aria-label^='Move up: The Purge of the Red Army']").click()
    by_label(browser, "Period").send_keys("Period 3")
    wait_for(browser, lambda d: status(d) == "Preview up to date." and
             d.find_element(By.CSS_SELECTOR, "#pages img").get_attribute("data-build") != first_build)
    name = browser.find_element(By.ID, "edition-name")
    name.clear()
    name.send_keys("period3-middle")
    save = browser.find_element(By.ID, "save")
    assert save.is_displayed() and save.rect["y"] + save.rect["height"] <= 768          # visible without scrolling
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    save.click()
    wait_for(browser, lambda d: status(d).startswith("Saved"))
    data = yaml.safe_load((content / "editions" / "period3-middle.yaml").read_text())
    assert data["level"] == "middle" and data["paper"] == "a4" and data["theme"] == "large-print"
    assert data["period"] == "Period 3" and "aftermath" not in data["sections"]
    assert data["sections"].index("army") < data["sections"].index("trials")
    href = browser.find_element(By.ID, "download").get_attribute("href")
    token = url.split("token=")[1]
    request = urllib.request.Request(href, headers={"X-Guide-Token": token})
    with urllib.request.urlopen(request, timeout=60) as response:
        pdf = response.read()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert round(doc.pages[0].width) == 595                       # A4
        text = "\n".join(p.extract_text() or "" for p in doc.pages[:6])
    assert "Aftermath and Memory" not in text
    assert text.index("The Purge of the Red Army") < text.index("The Moscow Show Trials")


def test_a_problem_is_shown_beside_its_field_and_the_preview_stays(studio, browser):
    from selenium.webdriver.common.by import By

    url, content = studio
    browser.get(url)
    wait_for(browser, lambda d: status(d) == "Preview up to date.")
    good = browser.find_element(By.CSS_SELECTOR, "#pages img").get_attribute("data-build")
    by_label(browser, "Title").send_keys("A title with an emoji \U0001F600")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems-title li"))
    problem = browser.find_element(By.CSS_SELECTOR, "#problems-title li").text
    assert "cannot be printed" in problem
    assert browser.find_element(By.CSS_SELECTOR, "#pages img").get_attribute("data-build") == good
    assert "last good build" in status(browser)


AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"


def audit(driver) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA rules on the page as it is now: the serious and critical violations."""
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"needed in CI: {AXE} (cd tests/browser && npm ci)")
        pytest.skip("axe-core is not installed (cd tests/browser && npm ci)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
        " resultTypes: ['violations']}).then((r) => done(r.violations), (e) => done([{id: 'axe failed',"
        " impact: 'critical', help: String(e), nodes: []}]));")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "where": [n.get("target") for n in v["nodes"][:3]]}
            for v in result if v["impact"] in ("serious", "critical")]


def test_the_page_passes_an_accessibility_audit_and_fits_a_school_laptop(studio, browser):
    from selenium.webdriver.common.by import By

    url, content = studio
    browser.set_script_timeout(120)
    browser.get(url)
    wait_for(browser, lambda d: status(d) == "Preview up to date.")
    assert browser.execute_script("return [window.innerWidth, window.innerHeight]")[0] <= 1366
    assert audit(browser) == []
    for sel in ("#save", "#download", "#edition-picker", "#opt-level"):
        el = browser.find_element(By.CSS_SELECTOR, sel)
        box = browser.execute_script("const r = arguments[0].getBoundingClientRect();"
                                     "return [r.left, r.top, r.right, r.bottom]", el)
        assert el.is_displayed() and box[0] >= 0 and box[1] >= 0 and box[2] <= 1366 and box[3] <= 768, (sel, box)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"
                                  " && document.documentElement.scrollHeight <= window.innerHeight")
    by_label(browser, "Title").send_keys("A title with an emoji \U0001F600")        # problems shown: audit again
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems-title li"))
    assert audit(browser) == []
    browser.find_element(By.ID, "new-edition").click()                               # and with the dialog open
    assert browser.switch_to.active_element.get_attribute("id") == "new-name"
    assert audit(browser) == []
    browser.execute_script("document.getElementById('new-cancel').click();"       # the audit can fail:
                           "document.querySelector('.controls').append(document.createElement('input'));"
                           "document.querySelector('#save').textContent = '';")   # an unlabelled field and button
    assert {v["id"] for v in audit(browser)} >= {"label", "button-name"}


def test_the_page_is_used_by_keyboard_alone(studio, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, content = studio
    browser.get(url)
    wait_for(browser, lambda d: status(d) == "Preview up to date.")
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("document.activeElement.blur()")
    order = []
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        el = browser.switch_to.active_element
        order.append(el.get_attribute("id") or el.get_attribute("aria-label") or el.tag_name)
    head = ["edition-picker", "new-edition", "edition-name", "save", "download"]
    assert order[:len(head)] == head, order
    assert order.index("opt-level") < order.index("opt-paper") < order.index("opt-theme") < order.index("opt-title")
    # reorder a section with the keyboard: the button keeps the focus and the section moves up
    first, second = [li.get_attribute("data-id") for li in browser.find_elements(By.CSS_SELECTOR, "#sections li")][:2]
    up = browser.find_element(By.CSS_SELECTOR, f"#sections li[data-id='{second}'] button")
    browser.execute_script("arguments[0].focus()", up)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    ids = [li.get_attribute("data-id") for li in browser.find_elements(By.CSS_SELECTOR, "#sections li")]
    assert ids[:2] == [second, first]
    assert browser.switch_to.active_element.get_attribute("aria-label").startswith("Move up: ")
    # a new edition by keyboard: the dialog takes the focus, Escape closes it
    button = browser.find_element(By.ID, "new-edition")
    dialog = browser.find_element(By.ID, "new-dialog")
    browser.execute_script("arguments[0].focus()", button)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert dialog.is_displayed() and browser.switch_to.active_element.get_attribute("id") == "new-name"
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert not dialog.is_displayed()
    browser.execute_script("arguments[0].focus()", button)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    name = browser.switch_to.active_element
    assert name.get_attribute("id") == "new-name"
    name.send_keys("by-keyboard", Keys.ENTER)
    wait_for(browser, lambda d: (content / "editions" / "by-keyboard.yaml").is_file()
             and d.find_element(By.ID, "edition-picker").get_attribute("value") == "by-keyboard")
    assert not browser.find_element(By.ID, "new-dialog").is_displayed()
