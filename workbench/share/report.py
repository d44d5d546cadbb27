"""Shareable reports: run the curated notebooks on a corpus and render them as self-contained HTML for readers.

``run_report`` executes every curated notebook (``notebooks/NN-*.ipynb``) with papermill, passing the corpus
as the ``CORPUS`` parameter and a figures folder as ``OUT``; renders each executed notebook to HTML for a
reader who does not run code (``workbench.share.pages``: code hidden unless ``show_code``, the injected
parameters only, CI checks left out, figures embedded, no scripts, nothing fetched from the internet); and
writes an ``index.html`` that names the corpus and shows each notebook's key figures (``workbench.share.index``).
Notebooks save each shared figure with ``save_figure``, which writes the PNG and the data behind it as CSV.

On any corpus other than ``seeds/`` the cells tagged ``seed-checks`` are removed before the notebook runs,
so the checks of facts about the seed article never run there. Kernels talk to the runner over local IPC
sockets, not TCP (nothing listens on the network, and ipykernel has no plain-text warning to print).

>>> [p.name for p in curated_notebooks(report_only=True)][:1]
['01-load-and-inspect.ipynb']
"""

from __future__ import annotations

import html
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyter_client.manager import KernelManager
from traitlets import default

from workbench.errors import WorkbenchError
from workbench.paths import PROJECT_DIR, seeds_dir
from workbench.share.index import Page, corpus_line, index_html
from workbench.share.notebook import is_seed
from workbench.share.pages import SEED_TAG, page_html, render_html

if TYPE_CHECKING:
    from nbformat import NotebookNode

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
KERNEL = "python3"
#: Kernel options: its own log (e.g. "KeyboardInterrupt caught in kernel" as it is shut down) stays quiet;
#: errors in cells still reach the notebook and the runner.
QUIET_KERNEL = ["--IPKernelApp.log_level=CRITICAL"]


class LocalKernelManager(KernelManager):
    """A kernel reached over IPC (Unix sockets in Jupyter's runtime folder) instead of TCP on 127.0.0.1.

    The sockets get an absolute path of their own, so a kernel started in another folder (papermill's
    ``cwd``) finds them.
    """

    @default("transport")
    def _default_transport(self) -> str:
        return "tcp" if os.name == "nt" else "ipc"  # Windows has no Unix sockets

    @default("ip")
    def _default_ip(self) -> str:
        if self.transport != "ipc":
            return "127.0.0.1"
        from jupyter_core.paths import jupyter_runtime_dir

        folder = Path(jupyter_runtime_dir())
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder / f"kernel-{uuid.uuid4().hex[:12]}-ipc")


# ---------------------------------------------------------------------------------------------- notebooks
def curated_notebooks(directory: str | os.PathLike[str] | None = None, *, report_only: bool = False) -> list[Path]:
    """The curated notebooks ``NN-verb-object.ipynb`` in ``directory`` (default ``notebooks/``), in order.

    With ``report_only``, leave out notebooks whose metadata says ``{"workbench": {"report": false}}``
    (the interactive explorer, which is served by ``workbench dashboard`` instead).
    """
    folder = Path(directory) if directory is not None else NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())
    if report_only:
        found = [p for p in found if notebook_meta(p).get("report", True)]
    return found


def notebook_meta(path: Path) -> dict[str, Any]:
    """A notebook's ``metadata.workbench`` (``report``: false leaves it out; ``key_figures``: the index's)."""
    with open(path, encoding="utf-8") as fh:
        return dict(json.load(fh).get("metadata", {}).get("workbench", {}))


def notebook_heading(notebook: NotebookNode) -> tuple[str, str]:
    """The title (``# …`` of the first cell) and the question (after ``**Question:**``) of a notebook."""
    first = notebook.cells[0].source if notebook.cells and notebook.cells[0].cell_type == "markdown" else ""
    lines = first.splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
    question = " ".join(lines[1:]).split("**Question:**", 1)[-1].strip() if "**Question:**" in first else ""
    return title, question


def for_corpus(notebook: NotebookNode, *, seed: bool) -> NotebookNode:
    """The notebook to run: on a corpus other than ``seeds/`` without its ``seed-checks`` cells."""
    if not seed:
        notebook.cells = [c for c in notebook.cells if SEED_TAG not in c.get("metadata", {}).get("tags", [])]
    return notebook


def strip_widget_state(notebook: NotebookNode) -> NotebookNode:
    """Remove saved widget state (``metadata.widgets``), which only a live kernel can make sense of."""
    notebook.metadata.pop("widgets", None)
    return notebook


# ---------------------------------------------------------------------------------------------- the report
def _relative(path: str, start: Path) -> str:
    """``path`` relative to ``start`` when possible (reports show no absolute paths), else absolute."""
    if path.startswith(("http://", "https://")):
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), start.resolve())
    except ValueError:  # another drive on Windows
        return os.path.abspath(path)
    if path.endswith(("/", os.sep)) and not rel.endswith("/"):
        rel += "/"
    return rel


def run_notebook(
    notebook: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    parameters: dict[str, Any],
    seed: bool = False,
    show_code: bool = False,
    corpus: str = "",
    kernel: str = KERNEL,
    timeout: int | None = 1800,
) -> Page:
    """Execute one notebook with papermill in ``out`` and render ``out/NAME.html``; failures are kept.

    ``seed``: the corpus is ``seeds/`` (else the ``seed-checks`` cells are removed first); ``corpus``: the
    line naming the corpus at the top of the page.
    """
    import nbformat
    import papermill as pm

    src = Path(notebook)
    folder = Path(out)
    executed_path = folder / "executed" / src.name
    executed_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder / "figures" / src.stem, ignore_errors=True)  # no stale figures from an earlier run
    source = nbformat.read(src, as_version=4)
    title, question = notebook_heading(source)
    started = time.perf_counter()
    error = ""
    try:
        pm.execute_notebook(
            for_corpus(source, seed=seed),
            str(executed_path),
            parameters=parameters,
            kernel_name=kernel,
            progress_bar=False,
            log_output=False,
            cwd=str(folder),
            execution_timeout=timeout,
            kernel_manager_class=LocalKernelManager,
            extra_arguments=QUIET_KERNEL,
        )
    except pm.PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}"
    except Exception as exc:  # noqa: BLE001 - a kernel that dies still gets a page saying so
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    page = folder / f"{src.stem}.html"
    if executed_path.exists():
        nb = strip_widget_state(nbformat.read(executed_path, as_version=4))
        page.write_text(render_html(nb, show_code=show_code, title=title or src.stem, corpus=corpus), "utf-8")
    else:
        body = f"<p>{html.escape(src.stem)} did not run: {html.escape(error)}</p>"
        page.write_text(page_html(src.stem, body), encoding="utf-8")
    figures = sorted(p.relative_to(folder).as_posix() for p in (folder / "figures" / src.stem).glob("*.png"))
    keys = [str(k) for k in source.metadata.get("workbench", {}).get("key_figures", [])]
    return Page(src.stem, page.name, not error, seconds, error, figures, title, question, keys)


def run_report(
    sources: Sequence[str | os.PathLike[str]] | None = (),
    out: str | os.PathLike[str] = "build/report",
    *,
    show_code: bool = False,
    notebooks: Sequence[str | os.PathLike[str]] | None = None,
    kernel: str = KERNEL,
    timeout: int | None = 1800,
    log: Callable[[str], None] | None = None,
) -> Path:
    """Run the curated notebooks on ``sources`` and write HTML pages plus ``index.html`` into ``out``.

    Args:
        sources: files, folders or globs, as for ``wb.load`` (default: ``seeds/``); or one dataset folder
            written by ``workbench ingest --engine dask``, which ``wb.load`` (and so every notebook) opens
            lazily, its aggregates answered by DuckDB.
        out: the report folder; each notebook's figures go to ``out/figures/NOTEBOOK/NAME.png|csv``.
        show_code: keep the code cells on the pages (default: hidden, for readers who do not code).
        notebooks: which notebooks to run (default: every curated notebook meant for the report).
        kernel: the Jupyter kernel to run them with.
        timeout: seconds a single cell may take.
        log: called with one line per notebook (e.g. ``print``).

    Returns:
        The path of ``index.html``.

    Raises:
        WorkbenchError: when a source does not exist, or after writing the report when a notebook failed
            (its page shows the error).
    """
    import workbench as wb

    srcs = tuple(os.fspath(s) for s in (sources or ()))
    for s in srcs:
        if not any(c in s for c in "*?[") and not os.path.exists(s):
            raise WorkbenchError(f"{s}: no such file or folder")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = wb.load(*srcs)  # fail early, with the loader's message, before starting any kernel
    chosen = [Path(n) for n in notebooks] if notebooks is not None else curated_notebooks(report_only=True)
    if not chosen:
        raise WorkbenchError(f"no curated notebooks (NN-name.ipynb) found in {NOTEBOOKS_DIR}")
    load_args = [_relative(s, folder) for s in srcs] if srcs else [_relative(str(seeds_dir()) + "/", folder)]
    corpus_param: str | list[str] = load_args[0] if len(load_args) == 1 else load_args
    seed, line = is_seed(srcs), corpus_line(corpus, srcs)
    pages = []
    for nb in chosen:
        params = {"CORPUS": corpus_param, "OUT": f"figures/{nb.stem}"}
        page = run_notebook(
            nb, folder, parameters=params, seed=seed, show_code=show_code, corpus=line, kernel=kernel, timeout=timeout
        )
        pages.append(page)
        if log:
            state = "ok" if page.ok else f"FAILED ({page.error})"
            log(f"{nb.stem}: {state} in {page.seconds:.1f} s -> {folder / page.html}")
    index = folder / "index.html"
    page_text = index_html(corpus, pages, sources=srcs, folder=folder, show_code=show_code)
    index.write_text(page_text, encoding="utf-8")
    failed = [p for p in pages if not p.ok]
    if failed:
        names = ", ".join(f"{p.notebook} ({p.error})" for p in failed)
        raise WorkbenchError(f"report written to {index}, but these notebooks failed: {names}")
    return index


# ---------------------------------------------------------------------------------------------- in place
def refresh_notebooks(
    notebooks: Sequence[str | os.PathLike[str]] | None = None,
    *,
    kernel: str = KERNEL,
    timeout: int | None = 600,
    log: Callable[[str], None] | None = None,
) -> list[Path]:
    """Re-execute curated notebooks in place on their defaults (``seeds/``), as they are committed.

    Runs each top to bottom in its own folder (execution counts 1..n) and strips widget state, so that
    ``pytest --nbval`` can check that re-running reproduces what the committed notebook shows.
    """
    import nbformat
    from nbclient import NotebookClient

    paths = [Path(n) for n in notebooks] if notebooks is not None else curated_notebooks()
    for path in paths:
        started = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        NotebookClient(
            nb,
            kernel_name=kernel,
            timeout=timeout,
            record_timing=False,
            kernel_manager_class=LocalKernelManager,
            extra_arguments=QUIET_KERNEL,
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        strip_widget_state(nb)
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nb.metadata.pop("papermill", None)
        nbformat.write(nb, path)
        if log:
            log(f"{path.name}: executed in {time.perf_counter() - started:.1f} s")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m workbench.share.report``: re-execute notebooks in place (``make notebooks``) or write one."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m workbench.share.report", description=main.__doc__)
    parser.add_argument(
        "paths",
        nargs="*",
        help="with --execute-in-place: notebooks or folders of them; otherwise: the corpus sources (default seeds/)",
    )
    parser.add_argument(
        "--execute-in-place",
        action="store_true",
        help="re-run the curated notebooks on their defaults and save them with outputs",
    )
    parser.add_argument("--out", default="build/report", help="report folder (default build/report)")
    parser.add_argument("--show-code", action="store_true", help="keep the code cells on the report pages")
    args = parser.parse_args(argv)
    try:
        if args.execute_in_place:
            notebooks: list[Path] = []
            for p in args.paths or [str(NOTEBOOKS_DIR)]:
                notebooks += curated_notebooks(p) if Path(p).is_dir() else [Path(p)]
            refresh_notebooks(notebooks, log=print)
        else:
            print(f"report written: {run_report(args.paths, args.out, show_code=args.show_code, log=print)}")
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
