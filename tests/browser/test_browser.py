"""A real browser (headless Chromium via Playwright) on the dashboard and on a rendered report.

Every page is screenshot into ``build/browser/`` and checked: no element overflows the page (or is cut:
labels, slider ranges, tabs), no error text or traceback shows, no script from article text runs. The
dashboard's first-explorer time (from the moment it says it is ready to the article reader on screen) is
written to ``build/browser/timings.txt``; targets: 3 s on the seed, 5 s on Reuters.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ROOT, SHOTS
from tests.conftest import REUTERS_GLOB, require_shared

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
#: First-explorer targets (s); the tests fail only beyond twice the target, on a shared and noisy machine.
TARGETS = {"seed": 3.0, "reuters": 5.0}

#: Elements that reach past the right edge of the page without a scroll container around them, and text cut
#: short inside labels (a slider's range, a tab title, a widget label).
PROBLEMS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const overflow = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= width + 1) continue;
    let p = el.parentElement, held = false;
    while (p && p !== document.body) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && p.getBoundingClientRect().right <= width + 1) {
        held = true; break;
      }
      p = p.parentElement;
    }
    if (!held) overflow.push(`${el.tagName}.${el.className} right=${Math.round(r.right)} > ${width}`);
  }
  const cut = [...document.querySelectorAll(
      '.widget-label, .widget-readout, .wb-range, .lm-TabBar-tabLabel, .widget-toggle-button, .wb-note')]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.className}: ${e.textContent}`);
  const text = document.body.innerText;
  const errors = [...text.matchAll(
      /Traceback \\(most recent call last\\)|\\b[A-Z][A-Za-z]*Error\\b:?|There was an error when executing cell|Kernel error/g)]
    .map(m => m[0]);
  const stderr = document.querySelectorAll(
      '[data-mime-type="application/vnd.jupyter.stderr"], [data-mime-type="application/vnd.jupyter.error"]').length;
  return {overflow: overflow.slice(0, 10), cut, errors, stderr,
          scroll: document.documentElement.scrollWidth > width + 1};
}"""


def check_page(page: Any, name: str) -> None:
    """Screenshot ``page`` as ``build/browser/NAME.png`` and assert it has none of the problems above."""
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    problems = page.evaluate(PROBLEMS_JS)
    assert not problems["overflow"] and not problems["scroll"], f"{name}: overflows {problems['overflow']}"
    assert not problems["cut"], f"{name}: text cut short {problems['cut']}"
    assert not problems["errors"] and not problems["stderr"], f"{name}: error text {problems}"


def record(line: str) -> None:
    with open(SHOTS / "timings.txt", "a", encoding="utf-8") as fh:
        fh.write(f"{time.strftime('%Y-%m-%d %H:%M')}  {line}\n")


def watch_dialogs(page: Any) -> list[str]:
    """Every alert/confirm/prompt the page opens (each one is a script that ran)."""
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def hostile_corpus(folder: Path) -> Path:
    """A corpus that is not the seed: markup in the headline and body, a very long word, two dates."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(
        f"---\npublished: 2025-11-04\noutlet: Dawn\n---\nHeadline with {SCRIPT} inside\n\n"
        f"KABUL: The body holds {IMG} and {SCRIPT} as plain text. Pakistan and the Afghan Taliban met in "
        f"Istanbul on Wednesday; Qatar and Turkiye mediated. See https://example.org/{'x' * 180} for more.\n",
        encoding="utf-8",
    )
    (folder / "second.txt").write_text(
        "---\npublished: 2025-11-06\noutlet: Geo\n---\nTalks resume in Doha\n\n"
        "DOHA: Pakistan and Afghanistan resumed talks in Doha on Thursday, Qatar said.\n",
        encoding="utf-8",
    )
    return folder


class Served:
    """A dashboard started for a test module, with the seconds it took to say it was ready."""

    def __init__(self, sources: list[Any], cache: Path) -> None:
        from workbench.share.dashboard import start_dashboard

        started = time.monotonic()
        with pytest.MonkeyPatch.context() as mp:  # the kernel caches outside the checkout, like every test
            mp.setenv("WORKBENCH_CACHE", str(cache))
            self.dash = start_dashboard(sources)
        self.dash.wait_ready(timeout=1500)
        self.ready_after = time.monotonic() - started

    def open(self, browser: Any, name: str, *, selector: str = ".wb-article") -> tuple[Any, float, list[str]]:
        """A new page on the dashboard; the seconds until ``selector`` shows; the dialogs it opens."""
        page = browser.new_page(viewport={"width": 1280, "height": 1600}, device_scale_factor=2)
        dialogs = watch_dialogs(page)
        started = time.monotonic()
        page.goto(self.dash.url, timeout=120_000)
        page.wait_for_selector(selector, timeout=120_000)
        seconds = time.monotonic() - started
        record(f"dashboard {name}: ready {self.ready_after:.1f} s after start; first explorer {seconds:.2f} s later")
        return page, seconds, dialogs


@pytest.fixture(scope="module")
def seed_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = Served([ROOT / "seeds"], tmp_path_factory.getbasetemp() / "cache")
    try:
        yield served
    finally:
        served.dash.stop()


def test_dashboard_first_explorer_on_the_seed(browser: Any, seed_dashboard: Served) -> None:
    page, seconds, dialogs = seed_dashboard.open(browser, "seed")
    assert seconds <= 2 * TARGETS["seed"], f"first explorer after {seconds:.1f} s (target {TARGETS['seed']} s)"
    page.wait_for_timeout(500)
    assert page.locator(".wb-range:visible").first.inner_text() == "2025-11-05", "the slider's range in full"
    article = page.locator(".wb-article").first
    assert article.evaluate("e => getComputedStyle(e).overflowWrap") == "break-word"
    check_page(page, "dashboard-seed")
    assert not dialogs


def test_dashboard_actor_trends_follow_the_selected_actor(browser: Any, seed_dashboard: Served) -> None:
    page, _, dialogs = seed_dashboard.open(browser, "seed (second viewer)")
    page.locator(".lm-TabBar-tab", has_text="Actor trends").click()
    summary = page.locator(".wb-plot-data:visible")
    summary.wait_for(timeout=30_000)
    assert summary.get_attribute("data-actors") == "pakistan,afghanistan,afghan-taliban"
    image = page.locator(".widget-image:visible").first
    before = image.get_attribute("src")
    kind = image.evaluate("i => fetch(i.src).then(r => r.blob()).then(b => b.type)")
    assert kind == "image/svg+xml", "crisp at the device's pixel ratio"

    page.locator(".widget-select-multiple select:visible").first.select_option(label="Qatar (4)")
    page.wait_for_selector('.wb-plot-data[data-actors="qatar"]', state="visible", timeout=30_000)
    page.wait_for_function(
        "(src) => { const i = [...document.querySelectorAll('.widget-image')]"
        ".find(e => e.offsetParent !== null); return i && i.src !== src; }",
        arg=before,
        timeout=30_000,
    )
    # the figure and the sentences are two outputs, sent one after the other: wait for the table too (it
    # listed the three default actors' 26 sentences before), then check it
    page.wait_for_function(
        "() => { const t = [...document.querySelectorAll('.wb-kwic')].find(e => e.offsetParent !== null);"
        " const rs = t ? [...t.querySelectorAll('tbody tr')] : [];"
        " return rs.length > 0 && rs.every(r => r.dataset.actorId === 'qatar'); }",
        timeout=30_000,
    )
    rows = page.locator(".wb-kwic:visible tbody tr")
    assert rows.count() == 4
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.actorId)")) == {"qatar"}
    matches = rows.locator("td.match").all_inner_texts()
    assert set(matches) <= {"Qatar", "Doha"} and "Qatar" in matches
    cell = rows.first
    assert cell.locator("td.left").evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert cell.locator("td.match").evaluate("e => getComputedStyle(e).textAlign") == "center"
    assert "Turkiye and" in page.locator(".wb-kwic:visible").inner_text()  # the sentences are listed
    check_page(page, "dashboard-actor-trends")
    page.locator(".lm-TabBar-tab", has_text="Timeline").click()
    page.wait_for_selector(".wb-timeline:visible", timeout=60_000)
    assert page.locator(".wb-range:visible").first.inner_text() == "2025-10-11 to 2025-11-10"
    check_page(page, "dashboard-timeline")
    page.locator(".lm-TabBar-tab", has_text="Topics").click()
    page.wait_for_selector(".wb-terms:visible", timeout=120_000)
    check_page(page, "dashboard-topics")
    page.locator(".lm-TabBar-tab", has_text="Actor review").click()
    page.wait_for_selector(".widget-button:visible", timeout=60_000)
    check_page(page, "dashboard-actor-review")
    assert not dialogs


def test_dashboard_on_another_corpus_shows_no_error(browser: Any, tmp_path: Path) -> None:
    served = Served([hostile_corpus(tmp_path / "corpus")], tmp_path / "cache")
    try:
        page, _, dialogs = served.open(browser, "not the seed")
        page.wait_for_timeout(1000)
        titles = page.locator(".widget-select select:visible option").all_inner_texts()
        assert any(SCRIPT in t for t in titles), "the headline's markup shows as text in the list"
        check_page(page, "dashboard-not-seed")
        assert not dialogs and page.locator('img[src="x"]').count() == 0
    finally:
        served.dash.stop()


@pytest.mark.shared
def test_dashboard_on_reuters(browser: Any, reuters: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert len(reuters.actors) > 100  # loaded here first, so the dashboard's kernel reads the session's cache
    folder = require_shared(REUTERS_GLOB[0])
    served = Served([str(folder / REUTERS_GLOB[1])], tmp_path_factory.getbasetemp() / "cache")
    try:
        page, seconds, dialogs = served.open(browser, "reuters")
        assert seconds <= 2 * TARGETS["reuters"], f"first explorer after {seconds:.1f} s (target 5 s)"
        assert "19,043 articles" in page.locator(".wb-note:visible").first.inner_text()
        check_page(page, "dashboard-reuters")
        assert not dialogs
    finally:
        served.dash.stop()


def test_report_index_and_pages_read_well_and_run_no_script(browser: Any, tmp_path: Path) -> None:
    from workbench.share.report import run_report

    out = tmp_path / "report"
    notebooks = [ROOT / "notebooks" / "01-load-and-inspect.ipynb", ROOT / "notebooks" / "02-actors.ipynb"]
    index = run_report([hostile_corpus(tmp_path / "corpus")], out, notebooks=notebooks)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = watch_dialogs(page)
    page.goto(index.as_uri())
    body = page.locator("body").inner_text()
    assert "News workbench report: corpus" in body and "2 articles (2 unique stories)" in body
    assert "4 to 6 November 2025" in body and "Dawn (1), Geo (1)" in body
    assert SCRIPT in body  # the headline, as text
    thumbs = page.locator('.thumbs img[src^="data:image/png"]')
    assert thumbs.count() == 4, "01 and 02 show two key figures each"
    assert all(w > 100 for w in thumbs.evaluate_all("imgs => imgs.map(i => i.naturalWidth)"))
    assert page.locator('.thumbs a[href="02-actors.html"]').count() == 2
    check_page(page, "report-index")

    page.goto((out / "01-load-and-inspect.html").as_uri())
    text = page.locator("body").inner_text()
    assert SCRIPT in text and IMG in text, "the article's markup is shown as text"
    assert "assert " not in text and "CORPUS =" not in text and "is_seed" not in text, "no code, no checks"
    assert page.locator('img[src="x"]').count() == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert')).length") == 0
    assert page.locator('img[src^="data:image/png"]').count() == 2, "report statuses and articles per day"
    check_page(page, "report-01-load-and-inspect")

    page.goto((out / "02-actors.html").as_uri())
    assert page.locator('img[src^="data:image/png"]').count() >= 3, "actor trends (two) and co-occurrence"
    left = page.locator(".wb-kwic td.left").first
    assert left.evaluate("e => getComputedStyle(e).textAlign") == "right"
    check_page(page, "report-02-actors")
    assert (out / "figures" / "02-actors" / "actor-trends.csv").exists()
    assert not dialogs, f"a script ran: {dialogs}"
