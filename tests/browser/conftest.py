"""A real browser for the tests here: Debian's Chromium driven by Playwright (never ``playwright install``).

Without ``/usr/bin/chromium`` the tests skip on a workstation, and the run ends with a line saying so; with
``CI`` set (``.ci/run`` installs chromium) they fail instead. Screenshots and timings go to ``build/browser/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "browser"
CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SKIPPED_BECAUSE = "browser tests skipped"


def require_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{SKIPPED_BECAUSE}: {CHROMIUM} not found (Debian: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message + "; in CI the browser tests must run")
    pytest.skip(message)


def pytest_unconfigure(config: pytest.Config) -> None:
    """One clear line, the run's last, when the browser tests were skipped for want of Chromium."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = [r for r in reporter.stats.get("skipped", []) if SKIPPED_BECAUSE in str(r.longrepr)]
    if skipped:
        reporter.write_sep(
            "!", f"{len(skipped)} BROWSER TESTS SKIPPED: {CHROMIUM} not found; apt-get install chromium", red=True
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(executable), args=ARGS)
        yield chromium
        chromium.close()
