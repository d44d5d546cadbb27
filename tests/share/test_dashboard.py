"""The dashboard: the explorer notebook parameterised for a corpus and served by Voilà on 127.0.0.1 only."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import nbformat
import pytest

from workbench.errors import WorkbenchError
from workbench.share.dashboard import EXPLORER, free_port, prepare_notebook, start_dashboard, voila_command


def test_prepared_notebook_has_the_corpus_and_no_outputs(tmp_path: Path, seeds_dir: Path) -> None:
    target = prepare_notebook([seeds_dir], tmp_path)
    nb = nbformat.read(target, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and f'CORPUS = "{seeds_dir}"' in injected[0].source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert "widgets" not in nb.metadata


def test_several_sources_become_a_list(tmp_path: Path, seeds_dir: Path) -> None:
    target = prepare_notebook([seeds_dir, seeds_dir / "metadata.csv"], tmp_path)
    source = nbformat.read(target, as_version=4).cells[2].source
    assert "CORPUS = [" in source


def test_missing_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such file"):
        prepare_notebook([tmp_path / "nope"], tmp_path)


def test_serves_on_localhost_only() -> None:
    cmd = voila_command(EXPLORER, 9999)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=9999" in cmd and "--no-browser" in cmd
    assert "--Voila.port_retries=0" in cmd  # never silently moves to another port


@pytest.mark.slow
def test_dashboard_starts_answers_and_stops(seeds_dir: Path) -> None:
    dash = start_dashboard([seeds_dir], port=free_port())
    try:
        dash.wait_ready(timeout=60)
        assert dash.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(dash.url, timeout=60) as response:  # noqa: S310 - our own localhost server
            page = response.read().decode("utf-8", errors="replace")
        assert response.status == 200 and "05-explorer" in page
    finally:
        dash.stop()
    assert dash.process.poll() is not None and not dash.folder.exists()
