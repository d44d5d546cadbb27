"""The dashboard: the explorer notebook (``notebooks/05-explorer.ipynb``) served as a Voilà app on localhost.

Voilà has no notebook parameters, so the corpus is written into a copy of the notebook's ``parameters`` cell
(as papermill would) in a temporary folder, and Voilà serves that copy on ``127.0.0.1`` only:

- **a token by default**, in the printed URL (``http://127.0.0.1:8866/?token=…``, as ``jupyter lab`` does);
  ``token=""`` (``--no-token``) serves without one, only when asked;
- **no tracebacks** to the viewer unless ``debug``; the copy has no CI checks (cells tagged ``checks`` or
  ``seed-checks``), so nothing meant for CI can fail in front of a viewer;
- **a stable port**: ``DEFAULT_PORT`` (Voilà's own), or the next free one when it is taken;
- **ready when it says so**: one kernel is pre-heated (it runs the notebook, loading the corpus and building
  the first explorer, before any request) and ``wait_ready`` returns once that run is over, so the first
  viewer gets a page that is already computed. The next viewer's kernel is pre-heated ``REFILL_DELAY``
  seconds after the last was taken;
- kernels talk to the server over local IPC sockets, not TCP.

Code is hidden; the explorers' widgets stay live (their callbacks run in the kernel).

>>> from workbench.share.dashboard import pick_port
>>> DEFAULT_PORT <= pick_port() < DEFAULT_PORT + PORT_TRIES
True
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.paths import PROJECT_DIR, seeds_dir
from workbench.share.pages import CHECK_TAGS

EXPLORER = PROJECT_DIR / "notebooks" / "05-explorer.ipynb"
HOST = "127.0.0.1"
#: The port tried first (Voilà's default); when it is taken, the next free one of ``PORT_TRIES``.
DEFAULT_PORT = 8866
PORT_TRIES = 50
#: Seconds after a viewer takes the pre-heated kernel before the next one is started (a page reloaded
#: soon after finds its kernel pre-heated, and the first viewer's first clicks do not compete with it).
REFILL_DELAY = 3
#: What Voilà logs when a cell of the page fails (it then runs no further cell).
CELL_FAILED = "Error at server while executing cell"
#: The file the dashboard's copy of the notebook touches when it has run to its end (in its folder).
READY_FILE = "ready"


def port_is_free(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:``port`` (and it can be bound now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is no obstacle
        try:
            s.bind((HOST, port))
        except OSError:
            return False
        return True


def pick_port(preferred: int = DEFAULT_PORT) -> int:
    """``preferred`` if it is free, else the next free port after it (within ``PORT_TRIES``)."""
    for port in range(preferred, preferred + PORT_TRIES):
        if port_is_free(port):
            return port
    raise WorkbenchError(f"no free port on {HOST} in {preferred}–{preferred + PORT_TRIES - 1}; pass --port")


def free_port() -> int:
    """Any TCP port on 127.0.0.1 that nothing listens on right now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def prepare_notebook(
    sources: Sequence[str | os.PathLike[str]] | None,
    folder: str | os.PathLike[str],
    *,
    notebook: str | os.PathLike[str] = EXPLORER,
) -> Path:
    """A copy of ``notebook`` in ``folder`` for viewers: ``CORPUS`` set to ``sources`` (absolute paths), no
    outputs, no CI checks, and a last cell (no output) that touches ``folder/READY_FILE`` when it has run."""
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
    nb.cells = [c for c in nb.cells if not set(c.metadata.get("tags", [])) & CHECK_TAGS]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    out_dir = Path(folder)
    params = {"CORPUS": srcs[0] if len(srcs) == 1 else srcs, "OUT": str(out_dir / "figures")}
    nb = parameterize_notebook(nb, params)
    nb.metadata.pop("papermill", None)
    ready = nbformat.v4.new_code_cell(f"import pathlib\npathlib.Path({str(out_dir / READY_FILE)!r}).touch()")
    ready.metadata["tags"] = ["dashboard-ready"]
    nb.cells.append(ready)
    target = out_dir / src.name
    nbformat.write(nb, target)
    return target


@dataclass
class Dashboard:
    """A running Voilà server: its URL (with the token), process and temporary folder; ``stop()`` ends both."""

    url: str
    process: subprocess.Popen[bytes]
    folder: Path
    log: Path

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])

    def answers(self) -> bool:
        """Whether the server listens on its port (a TCP connection, so that no page is asked for: a page
        request would take the pre-heated kernel)."""
        try:
            with socket.create_connection((HOST, self.port), timeout=2):
                return True
        except OSError:
            return False

    def wait_ready(self, timeout: float = 120.0, *, page: bool = True) -> Dashboard:
        """Block until the server answers and (with ``page``) the pre-heated page has run; raise with the log
        when the server exits or a cell of the page fails (Voilà then stops running the page)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise WorkbenchError(f"the dashboard exited with code {self.process.returncode}:\n{self.tail()}")
            if self.answers() and (not page or (self.folder / READY_FILE).exists()):
                return self
            if page and CELL_FAILED in self.tail(200):
                raise WorkbenchError(f"the dashboard's page failed while it was pre-heated:\n{self.tail()}")
            time.sleep(0.2)
        raise WorkbenchError(f"the dashboard was not ready at {self.url} within {timeout:.0f} s:\n{self.tail()}")

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
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Dashboard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def voila_command(
    notebook: Path, port: int, *, token: str = "", open_browser: bool = False, debug: bool = False
) -> list[str]:
    """The command line that serves ``notebook`` with Voilà on 127.0.0.1:``port`` (``token``: "" for none)."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        "--Voila.port_retries=0",
        f"--Voila.token={token}",
        "--theme=light",
        f"--show_tracebacks={debug}",
        "--preheat_kernel=True",
        "--pool_size=1",
        f"--VoilaKernelManager.fill_delay={REFILL_DELAY}",
        "--KernelManager.transport=ipc",
        "--Voila.open_browser=True" if open_browser else "--no-browser",
        *(["--debug"] if debug else []),
    ]


def start_dashboard(
    sources: Sequence[str | os.PathLike[str]] | None = (),
    *,
    port: int | None = None,
    token: str | None = None,
    open_browser: bool = False,
    debug: bool = False,
    notebook: str | os.PathLike[str] = EXPLORER,
) -> Dashboard:
    """Start Voilà serving the explorer on ``sources`` in the background; returns at once (``wait_ready``).

    Args:
        port: the port on 127.0.0.1 (default: ``DEFAULT_PORT``, or the next free one).
        token: the access token (default: a new random one; "" serves without a token).
        debug: show tracebacks to the viewer and log verbosely.
    """
    folder = Path(tempfile.mkdtemp(prefix="workbench-dashboard-"))
    try:
        target = prepare_notebook(sources, folder, notebook=notebook)
        port = port or pick_port()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    token = secrets.token_urlsafe(24) if token is None else token
    log = folder / "voila.log"
    with open(log, "wb") as fh:
        process = subprocess.Popen(
            voila_command(target, port, token=token, open_browser=open_browser, debug=debug),
            cwd=folder,
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    query = f"?token={token}" if token else ""
    return Dashboard(f"http://{HOST}:{port}/{query}", process, folder, log)


def serve_dashboard(
    sources: Sequence[str | os.PathLike[str]] | None = (),
    *,
    port: int | None = None,
    token: str | None = None,
    open_browser: bool = False,
    debug: bool = False,
    log: Callable[[str], None] = print,
) -> int:
    """Serve the explorer until interrupted (Ctrl-C or SIGTERM), printing its URL; returns an exit code.

    Args:
        sources: files, folders or globs, as for ``wb.load`` (default: ``seeds/``).
        port, token, debug: as for ``start_dashboard``.
        open_browser: open the page in the default browser.
        log: called with the progress lines and the URL.
    """
    import signal

    def on_term(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # so that `finally` stops Voilà and its kernels

    previous = signal.signal(signal.SIGTERM, on_term)
    started = time.monotonic()
    dash = start_dashboard(sources, port=port, token=token, open_browser=open_browser, debug=debug)
    try:
        log(f"Dashboard starting on {dash.url.split('?')[0]} (loading the corpus in a pre-heated kernel)…")
        dash.wait_ready(timeout=1800)
        log(f"Dashboard ready in {time.monotonic() - started:.0f} s: {dash.url}  (Ctrl-C stops it)")
        return dash.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        dash.stop()
        signal.signal(signal.SIGTERM, previous)
