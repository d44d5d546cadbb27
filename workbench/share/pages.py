"""Rendered notebooks for readers: which cells a page shows, and the self-contained HTML it is written as.

A report page is written for a colleague who does not run code:

- **code is hidden** unless asked for (``show_code``); code cells without output then leave no trace;
- **one parameters cell at most**: papermill keeps the notebook's own ``parameters`` cell and adds the
  ``injected-parameters`` cell with the values used; the page shows only the injected one (with code shown);
- **checks stay out**: cells tagged ``checks`` (the asserts CI runs, and the markdown that introduces them)
  and ``seed-checks`` (checks that hold on ``seeds/`` only) are left out of every page (``CHECK_TAGS``);
- text **wraps at word boundaries** (nbconvert's lab style breaks printed text anywhere, "Af ghanistan").

Every page carries a Content-Security-Policy that forbids scripts (styles and data-URI images still work), so
article text such as ``<script>alert(1)</script>`` shows as text and never runs.

>>> import nbformat
>>> nb = nbformat.v4.new_notebook()
>>> nb.cells = [nbformat.v4.new_code_cell("import workbench"), nbformat.v4.new_code_cell("assert True")]
>>> nb.cells[1].metadata["tags"] = ["checks"]
>>> [c.source for c in reader_cells(nb, show_code=True).cells]
['import workbench']
"""

from __future__ import annotations

import copy
import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["CHECK_TAGS", "CSP", "SEED_TAG", "page_html", "reader_cells", "render_html"]

#: Forbids every script (inline or fetched) on rendered pages; styles and data-URI images still work.
CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'none'; base-uri 'none'"
#: Cells with one of these tags exist for CI (asserts) and are never shown to readers.
CHECK_TAGS = frozenset({"checks", "seed-checks"})
#: The tag of checks that hold on ``seeds/`` only: left out of the notebook before it runs on another corpus.
SEED_TAG = "seed-checks"

#: Styles added to nbconvert's: printed text wraps at word boundaries; the corpus line under the navigation.
READER_CSS = """<style>
.jp-OutputArea-output pre, .jp-RenderedText pre { white-space: pre-wrap; word-break: normal;
  overflow-wrap: break-word; }
.jp-RenderedHTMLCommon table { max-width: 100%; }
.jp-OutputArea-output { overflow-x: auto; }
.workbench-nav { padding: 0.5em 1em; font-family: system-ui, sans-serif; border-bottom: 1px solid #ddd; }
.workbench-nav .corpus { color: #555; margin-left: 1.5em; }
</style>"""

_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy" content="__CSP__">
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}__CSS__{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="workbench-nav"><a href="index.html">&larr; report index</a>
{%- if resources.workbench and resources.workbench.corpus %}
<span class="corpus">{{ resources.workbench.corpus | e }}</span>
{%- endif %}</nav>
{%- endblock body_header -%}
""".replace("__CSP__", CSP).replace("__CSS__", READER_CSS)


def _tags(cell: NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def reader_cells(notebook: NotebookNode, *, show_code: bool = False) -> NotebookNode:
    """A copy of an executed notebook with only what a reader should see (see the module docstring)."""
    nb = copy.deepcopy(notebook)
    injected = any("injected-parameters" in _tags(c) for c in nb.cells)
    kept = []
    for cell in nb.cells:
        tags = _tags(cell)
        if tags & CHECK_TAGS:
            continue
        if injected and "parameters" in tags:  # the notebook's defaults: the injected values replace them
            continue
        if cell.cell_type == "code" and not show_code and not cell.get("outputs"):
            continue
        kept.append(cell)
    nb.cells = kept
    return nb


def render_html(notebook: NotebookNode, *, show_code: bool = False, title: str = "Notebook", corpus: str = "") -> str:
    """One executed notebook (an ``nbformat`` node) as a self-contained HTML page without scripts.

    Args:
        show_code: keep the code cells (default: outputs and markdown only).
        title: the page title.
        corpus: a line naming the corpus, shown under the link back to the index.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"workbench.html.j2": _TEMPLATE})],
        template_file="workbench.html.j2",
    )
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = not show_code
    exporter.exclude_output_prompt = not show_code
    resources = {"metadata": {"name": title}, "workbench": {"corpus": corpus}}
    body, _ = exporter.from_notebook_node(reader_cells(notebook, show_code=show_code), resources=resources)
    return str(body)


def page_html(title: str, body: str) -> str:
    """A plain report page (the index, or a notebook that did not run) with the same policy: no scripts."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n"
        "body { font-family: system-ui, sans-serif; max-width: 64em; margin: 2em auto; padding: 0 1em;"
        " line-height: 1.45; }\n"
        "table { border-collapse: collapse; } "
        "td, th { border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: left; vertical-align: top; }\n"
        ".failed { color: #b00; }\n"
        ".facts { color: #333; } .facts dt { font-weight: 600; float: left; clear: left; width: 8em; }"
        " .facts dd { margin-left: 9em; }\n"
        ".notebook { margin: 1.2em 0 1.8em; }\n"
        ".notebook h3 { margin-bottom: 0.2em; } .notebook p { margin: 0.2em 0 0.6em; color: #444; }\n"
        ".thumbs { display: flex; flex-wrap: wrap; gap: 0.8em; }\n"
        ".thumbs figure { margin: 0; width: 18em; max-width: 100%; }\n"
        ".thumbs img { width: 100%; height: auto; border: 1px solid #ddd; }\n"
        ".thumbs figcaption { font-size: 0.85em; color: #555; overflow-wrap: break-word; }\n"
        "</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
