"""Shareable reports: run the curated notebooks on a corpus and render them as self-contained HTML.

``run_report`` executes every curated notebook (``notebooks/NN-*.ipynb``) with papermill, passing the corpus
as the ``CORPUS`` parameter and a figures folder as ``OUT``; renders each executed notebook to HTML with
nbconvert (figures embedded as data URIs, no scripts, nothing fetched from the internet); and writes an
``index.html`` with a corpus summary and one link per notebook. Notebooks save each shared figure with
``save_figure``, which writes the PNG and, beside it, the data behind it as CSV.

Article text is untrusted: every page here escapes it, and each page carries a Content-Security-Policy that
forbids scripts, so a headline such as ``<script>alert(1)</script>`` shows as text and never runs.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.paths import PROJECT_DIR, seeds_dir

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
KERNEL = "python3"

#: Forbids every script (inline or fetched) on rendered pages; styles and data-URI images still work.
CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'none'; base-uri 'none'"

_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy" content="__CSP__">
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<nav class="workbench-nav" style="padding: 0.5em 1em; font-family: sans-serif;">
<a href="index.html">&larr; report index</a></nav>
{%- endblock body_header -%}
""".replace("__CSP__", CSP)


# ---------------------------------------------------------------------------------------------- notebooks
def curated_notebooks(directory: str | os.PathLike[str] | None = None, *, report_only: bool = False) -> list[Path]:
    """The curated notebooks ``NN-verb-object.ipynb`` in ``directory`` (default ``notebooks/``), in order.

    With ``report_only``, leave out notebooks whose metadata says ``{"workbench": {"report": false}}``
    (the interactive explorer, which is served by ``workbench dashboard`` instead).
    """
    folder = Path(directory) if directory is not None else NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())
    if report_only:
        found = [p for p in found if _notebook_meta(p).get("report", True)]
    return found


def _notebook_meta(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh).get("metadata", {}).get("workbench", {})


# ---------------------------------------------------------------------------------------------- rendering
def render_html(notebook: Any, *, no_input: bool = False, title: str = "Notebook") -> str:
    """One executed notebook (an ``nbformat`` node) as a self-contained HTML page without scripts."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"workbench.html.j2": _TEMPLATE})],
        template_file="workbench.html.j2",
    )
    exporter.exclude_input = no_input
    exporter.exclude_input_prompt = no_input
    exporter.exclude_output_prompt = no_input
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def strip_widget_state(notebook: Any) -> Any:
    """Remove saved widget state (``metadata.widgets``), which only a live kernel can make sense of."""
    notebook.metadata.pop("widgets", None)
    return notebook


# ---------------------------------------------------------------------------------------------- the report
@dataclass
class Page:
    """One notebook of a report: where its HTML is, whether it ran, how long it took."""

    notebook: str
    html: str
    ok: bool
    seconds: float
    error: str = ""
    figures: list[str] = field(default_factory=list)


def _is_seed(srcs: Sequence[str]) -> bool:
    seed = seeds_dir().resolve()
    if not srcs:
        return True
    return all(Path(s).resolve() == seed for s in srcs)


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
    no_input: bool = False,
    kernel: str = KERNEL,
    timeout: int | None = 1800,
) -> Page:
    """Execute one notebook with papermill in ``out`` and render ``out/NAME.html``; failures are kept."""
    import nbformat
    import papermill as pm

    src = Path(notebook)
    folder = Path(out)
    executed_path = folder / "executed" / src.name
    executed_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder / "figures" / src.stem, ignore_errors=True)  # no stale figures from an earlier run
    started = time.perf_counter()
    error = ""
    try:
        pm.execute_notebook(
            str(src),
            str(executed_path),
            parameters=parameters,
            kernel_name=kernel,
            progress_bar=False,
            log_output=False,
            cwd=str(folder),
            execution_timeout=timeout,
        )
    except pm.PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}"
    except Exception as exc:  # noqa: BLE001 - a kernel that dies still gets a page saying so
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    page = folder / f"{src.stem}.html"
    if executed_path.exists():
        nb = strip_widget_state(nbformat.read(executed_path, as_version=4))
        page.write_text(render_html(nb, no_input=no_input, title=src.stem), encoding="utf-8")
    else:
        page.write_text(
            _page(src.stem, f"<p>{html.escape(src.stem)} did not run: {html.escape(error)}</p>"),
            encoding="utf-8",
        )
    figures = sorted(p.relative_to(folder).as_posix() for p in (folder / "figures" / src.stem).glob("*.png"))
    return Page(src.stem, page.name, not error, seconds, error, figures)


def run_report(
    sources: Sequence[str | os.PathLike[str]] | None = (),
    out: str | os.PathLike[str] = "build/report",
    *,
    no_input: bool = False,
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
        no_input: leave code cells out of the pages (outputs only), for readers who do not code.
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
    pages = []
    for nb in chosen:
        params = {"CORPUS": corpus_param, "OUT": f"figures/{nb.stem}", "SEED": _is_seed(srcs)}
        page = run_notebook(nb, folder, parameters=params, no_input=no_input, kernel=kernel, timeout=timeout)
        pages.append(page)
        if log:
            state = "ok" if page.ok else f"FAILED ({page.error})"
            log(f"{nb.stem}: {state} in {page.seconds:.1f} s -> {folder / page.html}")
    index = folder / "index.html"
    index.write_text(index_html(corpus, pages, sources=load_args, no_input=no_input), encoding="utf-8")
    failed = [p for p in pages if not p.ok]
    if failed:
        names = ", ".join(f"{p.notebook} ({p.error})" for p in failed)
        raise WorkbenchError(f"report written to {index}, but these notebooks failed: {names}")
    return index


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n"
        "body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; "
        "padding: 0 1em; }\n"
        "table { border-collapse: collapse; } "
        "td, th { border-bottom: 1px solid #ddd; padding: 0.3em 0.8em;"
        " text-align: left; }\n.failed { color: #b00; }\n</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def index_html(corpus: Any, pages: Sequence[Page], *, sources: Sequence[str] = (), no_input: bool = False) -> str:
    """The report's front page: what corpus, what is in it, one link per notebook and its figures."""
    esc = html.escape
    summary = corpus.summary()
    first, last = summary["first_published"], summary["last_published"]
    span = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if first is not None else "no publication dates"
    statuses = ", ".join(f"{esc(str(k))}: {v}" for k, v in sorted(summary["by_status"].items()))
    titles = corpus.catalog["title"].head(10).tolist()
    rows = []
    for p in pages:
        state = "" if p.ok else f' <span class="failed">failed: {esc(p.error)}</span>'
        figs = " ".join(
            f'<a href="{esc(f, quote=True)}">{esc(Path(f).stem)}</a> '
            f'(<a href="{esc(f[:-4] + ".csv", quote=True)}">csv</a>)'
            for f in p.figures
        )
        rows.append(
            f'<tr><td><a href="{esc(p.html, quote=True)}">{esc(p.notebook)}</a>{state}</td>'
            f"<td>{figs or '&ndash;'}</td><td>{p.seconds:.1f} s</td></tr>"
        )
    body = [
        "<h1>News workbench report</h1>",
        f"<p>Corpus: <code>{esc(' '.join(sources))}</code></p>",
        "<ul>",
        f"<li>{summary['articles']} articles ({summary['unique_stories']} unique stories)</li>",
        f"<li>{summary['inputs']} inputs ({statuses})</li>",
        f"<li>published {esc(span)}</li>",
        "</ul>",
        "<h2>Notebooks</h2>",
        "<table><thead><tr><th>notebook</th><th>figures (with their data)</th><th>ran in</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody></table>",
        "<p>The interactive explorers are served with <code>workbench dashboard</code>.</p>",
        "<h2>First articles</h2>",
        "<ol>",
        *(f"<li>{esc(str(t))}</li>" for t in titles),
        "</ol>",
    ]
    if no_input:
        body.append("<p><small>Code cells are left out of these pages.</small></p>")
    return _page("News workbench report", "\n".join(body))


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
    parser.add_argument("--no-input", action="store_true", help="leave code cells out of the report pages")
    args = parser.parse_args(argv)
    try:
        if args.execute_in_place:
            notebooks: list[Path] = []
            for p in args.paths or [str(NOTEBOOKS_DIR)]:
                notebooks += curated_notebooks(p) if Path(p).is_dir() else [Path(p)]
            refresh_notebooks(notebooks, log=print)
        else:
            print(f"report written: {run_report(args.paths, args.out, no_input=args.no_input, log=print)}")
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
