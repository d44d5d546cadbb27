"""The dashboard: the explorer notebook parameterised for a corpus and served by Voilà on 127.0.0.1 only,
with a token, without tracebacks or CI checks, on a stable port."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from workbench.errors import WorkbenchError
from workbench.share.dashboard import (
    DEFAULT_PORT,
    EXPLORER,
    READY_FILE,
    pick_port,
    port_is_free,
    prepare_notebook,
    start_dashboard,
    voila_command,
)


def test_prepared_notebook_has_the_corpus_no_outputs_and_no_checks(tmp_path: Path, seeds_dir: Path) -> None:
    target = prepare_notebook([seeds_dir], tmp_path)
    nb = nbformat.read(target, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and f'CORPUS = "{seeds_dir}"' in injected[0].source
    assert "SEED" not in injected[0].source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert "widgets" not in nb.metadata
    tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
    assert not tags & {"checks", "seed-checks"}, "nothing meant for CI runs in front of a viewer"
    assert not any(c.source.lstrip().startswith(("assert", "if is_seed")) for c in nb.cells)
    assert str(tmp_path / READY_FILE) in nb.cells[-1].source, "the last cell says when the page has run"


def test_several_sources_become_a_list(tmp_path: Path, seeds_dir: Path) -> None:
    target = prepare_notebook([seeds_dir, seeds_dir / "metadata.csv"], tmp_path)
    injected = [c for c in nbformat.read(target, as_version=4).cells if "injected-parameters" in c.metadata.tags]
    assert "CORPUS = [" in injected[0].source


def test_missing_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such file"):
        prepare_notebook([tmp_path / "nope"], tmp_path)


def test_serves_on_localhost_with_a_token_and_no_tracebacks() -> None:
    cmd = voila_command(EXPLORER, 9999, token="s3cret")
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=9999" in cmd and "--no-browser" in cmd
    assert "--Voila.port_retries=0" in cmd  # the port chosen here is the port served
    assert "--Voila.token=s3cret" in cmd and "--show_tracebacks=False" in cmd
    assert "--preheat_kernel=True" in cmd and "--KernelManager.transport=ipc" in cmd
    debug = voila_command(EXPLORER, 9999, token="", debug=True)
    assert "--show_tracebacks=True" in debug and "--Voila.token=" in debug


def test_default_port_is_stable_and_moves_on_when_taken() -> None:
    first = pick_port()
    assert DEFAULT_PORT <= first < DEFAULT_PORT + 50
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a server binds (TIME_WAIT is no obstacle)
        busy.bind(("127.0.0.1", first))
        busy.listen()
        assert not port_is_free(first)
        assert pick_port() == pick_port(first) > first


@pytest.mark.slow
def test_dashboard_needs_its_token_and_stops(seeds_dir: Path) -> None:
    dash = start_dashboard([seeds_dir])
    try:
        dash.wait_ready(timeout=180)
        assert dash.url.startswith("http://127.0.0.1:") and "?token=" in dash.url
        with urllib.request.urlopen(dash.url.split("?")[0], timeout=60) as response:  # noqa: S310 - our localhost
            assert "/login" in response.geturl(), "without the token: the login page"
        with urllib.request.urlopen(dash.url, timeout=60) as response:  # noqa: S310
            page = response.read().decode("utf-8", errors="replace")
        assert response.status == 200 and "05-explorer" in page
        assert "Traceback" not in page and "AssertionError" not in page
    finally:
        dash.stop()
    assert dash.process.poll() is not None and not dash.folder.exists()


@pytest.mark.slow
def test_a_page_that_fails_says_so_instead_of_waiting(tmp_path: Path, seeds_dir: Path) -> None:
    broken = tmp_path / "05-explorer.ipynb"
    nb = nbformat.read(EXPLORER, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("raise RuntimeError('broken on purpose')"))
    nbformat.write(nb, broken)
    dash = start_dashboard([seeds_dir], notebook=broken)
    try:
        with pytest.raises(WorkbenchError, match="failed while it was pre-heated"):
            dash.wait_ready(timeout=180)
    finally:
        dash.stop()
