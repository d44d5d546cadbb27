"""A real browser (headless Chromium via Playwright) on the dashboard and on a rendered report.

Runs in ``make test``. Without ``/usr/bin/chromium`` it skips on a workstation, but fails when ``CI`` is set:
in CI the browser must be there (``.ci/run`` installs Debian's chromium). Never ``playwright install``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "browser"
CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def require_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} not found (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message + "; in CI the browser test must run")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(executable), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from workbench.share.dashboard import start_dashboard

    with pytest.MonkeyPatch.context() as mp:  # the kernel caches outside the checkout, like every test
        mp.setenv("WORKBENCH_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
        dash = start_dashboard([ROOT / "seeds"])
    try:
        yield dash.wait_ready(timeout=60)
    finally:
        dash.stop()


def watch_dialogs(page: Any) -> list[str]:
    """Every alert/confirm/prompt the page opens (each one is a script that ran)."""
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def test_dashboard_actor_trends_follow_the_selected_actor(browser: Any, dashboard: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    dialogs = watch_dialogs(page)
    started = time.monotonic()
    page.goto(dashboard.url, timeout=60_000)
    page.wait_for_selector(".wb-article", timeout=60_000)
    first_page = time.monotonic() - started
    (SHOTS / "dashboard-first-page.txt").write_text(f"{first_page:.2f} s\n", encoding="utf-8")
    assert first_page < 15, f"first page took {first_page:.1f} s"

    page.locator(".lm-TabBar-tab", has_text="Actor trends").click()
    summary = page.locator(".wb-plot-data:visible")
    summary.wait_for(timeout=30_000)
    assert summary.get_attribute("data-actors") == "pakistan,afghanistan,afghan-taliban"
    image = page.locator(".widget-image:visible").first
    before = image.get_attribute("src")
    page.screenshot(path=str(SHOTS / "dashboard-before.png"), full_page=True)

    actors = page.locator(".widget-select-multiple select:visible").first
    actors.select_option(label="Qatar (4)")
    page.wait_for_selector('.wb-plot-data[data-actors="qatar"]', state="visible", timeout=30_000)
    page.wait_for_function(
        "(src) => { const i = [...document.querySelectorAll('.widget-image')]"
        ".find(e => e.offsetParent !== null); return i && i.src !== src; }",
        arg=before,
        timeout=30_000,
    )
    assert image.get_attribute("src") != before, "the plot was redrawn"
    rows = page.locator(".wb-kwic:visible tbody tr")
    assert rows.count() == 4
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.actorId)")) == {"qatar"}
    matches = rows.locator("td.match").all_inner_texts()
    assert set(matches) <= {"Qatar", "Doha"} and "Qatar" in matches
    assert "Turkiye and" in page.locator(".wb-kwic:visible").inner_text()  # the sentences are listed
    page.screenshot(path=str(SHOTS / "dashboard-actor-trends.png"), full_page=True)
    assert not dialogs


def test_report_shows_hostile_article_text_as_text(browser: Any, tmp_path: Path) -> None:
    from workbench.share.report import run_report

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(
        f"Headline with {SCRIPT} inside\n\nKABUL: The body holds {IMG} and {SCRIPT} as plain text. "
        "Pakistan and the Afghan Taliban met in Istanbul on Wednesday; Qatar and Turkiye mediated.\n",
        encoding="utf-8",
    )
    out = tmp_path / "report"
    notebooks = [ROOT / "notebooks" / "01-load-and-inspect.ipynb", ROOT / "notebooks" / "02-actors.ipynb"]
    index = run_report([corpus], out, notebooks=notebooks)

    page = browser.new_page()
    dialogs = watch_dialogs(page)
    page.goto(index.as_uri())
    assert page.locator("a", has_text="01-load-and-inspect").count() == 1
    assert SCRIPT in page.locator("body").inner_text()  # the headline, as text

    page.goto((out / "01-load-and-inspect.html").as_uri())
    text = page.locator("body").inner_text()
    assert SCRIPT in text and IMG in text, "the article's markup is shown as text"
    assert page.locator('img[src="x"]').count() == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert')).length") == 0
    page.screenshot(path=str(SHOTS / "report-hostile.png"), full_page=True)

    page.goto((out / "02-actors.html").as_uri())
    figures = page.locator('img[src^="data:image/png"]')
    assert figures.count() >= 3, "actor trends (two) and co-occurrence are embedded"
    assert all(w > 100 for w in figures.evaluate_all("imgs => imgs.map(i => i.naturalWidth)"))
    assert (out / "figures" / "02-actors" / "actor-trends.csv").exists()
    assert not dialogs, f"a script ran: {dialogs}"
