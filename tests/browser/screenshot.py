"""The studio's screenshot for the README (docs/studio.png): headless Chromium at 1366×768, after a build.

    python tests/browser/screenshot.py [OUT.png [PAGE]]

Starts `guide studio --no-browser` on a copy of the shipped content, waits until the preview is up to date,
scrolls the preview to PAGE (default 33: a spread with a chart), waits for its images and saves the window. Needs chromium, chromedriver, selenium.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def main() -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "studio.png"
    page = int(sys.argv[2]) if len(sys.argv) > 2 else 33
    tmp = Path(tempfile.mkdtemp(prefix="studio-shot-"))
    shutil.copytree(ROOT / "content", tmp / "content")
    proc = subprocess.Popen([sys.executable, "-m", "guide", "--content", str(tmp / "content"), "studio",
                             "--no-browser"], stdout=subprocess.PIPE, text=True, cwd=tmp,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768",
                "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        url = proc.stdout.readline().strip().split(" ", 1)[1]
        driver.set_window_size(1366, 768)
        driver.get(url)
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        driver.set_window_size(1366 + 1366 - inner[0], 768 + 768 - inner[1])    # the page itself 1366×768
        WebDriverWait(driver, 600, 0.3).until(lambda d: d.execute_script(
            "return document.getElementById('status').textContent === 'Preview up to date.' && "
            "[...document.querySelectorAll('#pages img')].slice(0, 2).every((i) => i.complete && i.naturalWidth)"))
        driver.execute_script("const img = document.querySelector(`#pages img[data-page='${arguments[0]}']`);"
                              "const preview = document.getElementById('preview');"
                              "preview.scrollTop += img.getBoundingClientRect().top - preview.getBoundingClientRect()"
                              ".top - preview.querySelector('.preview-head').offsetHeight - 8;", page)
        WebDriverWait(driver, 120, 0.3).until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('#pages img')].slice(arguments[0] - 1, arguments[0] + 1)"
            ".every((i) => i.complete && i.naturalWidth)", page))
        time.sleep(0.5)
        driver.save_screenshot(str(out))
        print(out)
    finally:
        driver.quit()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
