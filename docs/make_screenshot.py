"""Regenerate docs/report.png: the review page over seeds/, one figure clicked.

    .venv/bin/python docs/make_screenshot.py

Uses Debian's Chromium (/usr/bin/chromium) through Playwright, like the tests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from playwright.sync_api import sync_playwright  # noqa: E402

from figures.cli import main as figures_main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
CLICKED = "nearly 5,000 times"  # the figure whose details the picture shows


def main(out: Path = ROOT / "docs" / "report.png") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        figures_main(["report", str(ROOT / "seeds"), "-o", str(page_path)])
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(page_path.as_uri())
            mark = page.locator("mark.figure", has_text=CLICKED).first
            mark.click()
            mark.evaluate("node => node.scrollIntoView({block: 'center'})")
            page.screenshot(path=str(out))
            browser.close()
    print(out)


if __name__ == "__main__":
    main()
