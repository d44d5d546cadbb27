"""The dashboard: the explorer notebook (``notebooks/05-explorer.ipynb``) served as a Voilà app on localhost.

Voilà has no notebook parameters, so the corpus is written into a copy of the notebook's ``parameters`` cell
(as papermill would) in a temporary folder, and Voilà serves that copy on ``127.0.0.1`` only. Code is hidden;
the explorers' widgets stay live (their callbacks run in the kernel).

>>> from workbench.share.dashboard import free_port
>>> 1024 < free_port() < 65536
True
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.paths import PROJECT_DIR, seeds_dir

EXPLORER = PROJECT_DIR / "notebooks" / "05-explorer.ipynb"
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def prepare_notebook(
    sources: Sequence[str | os.PathLike[str]] | None,
    folder: str | os.PathLike[str],
    *,
    notebook: str | os.PathLike[str] = EXPLORER,
) -> Path:
    """A copy of ``notebook`` in ``folder``: ``CORPUS`` set to ``sources`` (absolute paths), no outputs."""
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    src = Path(notebook)
    if not src.exists():
        raise WorkbenchError(f"{src}: the explorer notebook is missing; restore it from git")
    srcs = [os.path.abspath(os.fspath(s)) for s in (sources or ())] or [str(seeds_dir())]
    for s in srcs:
        if not any(c in s for c in "*?[") and not os.path.exists(s):
            raise WorkbenchError(f"{s}: no such file or folder")
    nb = load_notebook_node(str(src))  # papermill's reader: every cell gets metadata.tags
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    out_dir = Path(folder)
    params = {"CORPUS": srcs[0] if len(srcs) == 1 else srcs, "OUT": str(out_dir / "figures")}
    nb = parameterize_notebook(nb, params)
    nb.metadata.pop("papermill", None)
    target = out_dir / src.name
    nbformat.write(nb, target)
    return target


@dataclass
class Dashboard:
    """A running Voilà server: its URL, process and temporary folder; ``stop()`` ends both."""

    url: str
    process: subprocess.Popen[bytes]
    folder: Path
    log: Path

    def wait_ready(self, timeout: float = 60.0) -> Dashboard:
        """Block until the server answers (not until the notebook has run), or raise with its log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise WorkbenchError(f"the dashboard exited with code {self.process.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + "api/status", timeout=2):  # noqa: S310 - our localhost
                    return self
            except urllib.error.HTTPError:
                return self  # it answers; the status route differs between Voilà versions
            except OSError:
                time.sleep(0.2)
        raise WorkbenchError(f"the dashboard did not answer at {self.url} within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the server (and its kernels) and remove the temporary folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Dashboard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def voila_command(notebook: Path, port: int, *, open_browser: bool = False) -> list[str]:
    """The command line that serves ``notebook`` with Voilà on 127.0.0.1:``port``."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        "--Voila.port_retries=0",
        "--theme=light",
        "--show_tracebacks=True",
        "--preheat_kernel=True",
        "--pool_size=1",
        "--Voila.open_browser=True" if open_browser else "--no-browser",
    ]


def start_dashboard(
    sources: Sequence[str | os.PathLike[str]] | None = (),
    *,
    port: int | None = None,
    open_browser: bool = False,
    notebook: str | os.PathLike[str] = EXPLORER,
) -> Dashboard:
    """Start Voilà serving the explorer on ``sources`` in the background; returns at once (``wait_ready``)."""
    folder = Path(tempfile.mkdtemp(prefix="workbench-dashboard-"))
    try:
        target = prepare_notebook(sources, folder, notebook=notebook)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    port = port or free_port()
    log = folder / "voila.log"
    with open(log, "wb") as fh:
        process = subprocess.Popen(
            voila_command(target, port, open_browser=open_browser),
            cwd=folder,
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return Dashboard(f"http://{HOST}:{port}/", process, folder, log)


def serve_dashboard(
    sources: Sequence[str | os.PathLike[str]] | None = (),
    *,
    port: int | None = None,
    open_browser: bool = False,
) -> int:
    """Serve the explorer until interrupted (Ctrl-C), printing its URL; returns an exit code.

    Args:
        sources: files, folders or globs, as for ``wb.load`` (default: ``seeds/``).
        port: the port on 127.0.0.1 (default: a free one).
        open_browser: open the page in the default browser.
    """
    import signal

    def on_term(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so that `finally` stops Voilà and its kernels

    previous = signal.signal(signal.SIGTERM, on_term)
    dash = start_dashboard(sources, port=port, open_browser=open_browser)
    try:
        dash.wait_ready()
        print(f"Dashboard: {dash.url}  (Ctrl-C stops it)", flush=True)
        return dash.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        dash.stop()
        signal.signal(signal.SIGTERM, previous)
