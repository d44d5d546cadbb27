"""The HTML report: figures saved with their data; pages self-contained and safe for untrusted text."""

from __future__ import annotations

import html
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from workbench.errors import WorkbenchError
from workbench.share.notebook import save_figure, sources
from workbench.share.report import (
    CSP,
    Page,
    curated_notebooks,
    index_html,
    render_html,
    run_report,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def hostile_corpus(folder: Path) -> Path:
    """A corpus folder with one article whose headline and body hold HTML that must never run."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(
        f"Headline with {SCRIPT} inside\n\nKABUL: The body holds {IMG} and {SCRIPT} as plain text. "
        "Pakistan and the Afghan Taliban met in Istanbul on Wednesday.\n",
        encoding="utf-8",
    )
    return folder


def test_sources_accepts_one_path_or_many() -> None:
    assert sources("../seeds/") == ("../seeds/",)
    assert sources(["a.txt", Path("b")]) == ("a.txt", "b")


def test_curated_notebooks_are_numbered_and_ordered() -> None:
    found = curated_notebooks()
    assert found and found[0].name == "01-load-and-inspect.ipynb"
    assert [p.name for p in found] == sorted(p.name for p in found)


def test_save_figure_writes_png_and_csv_of_fig_data(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    fig = Figure()
    fig.subplots().plot([1, 2, 3], [3, 1, 2])
    fig.data = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    saved = save_figure(fig, "trend", out=tmp_path / "figs")
    assert saved.png.read_bytes().startswith(b"\x89PNG")
    assert pd.read_csv(saved.csv).equals(fig.data)
    assert saved.rows == 3 and saved.columns == ["x", "y"]
    assert "trend.csv" in repr(saved)


def test_save_figure_without_data_says_what_is_missing(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    with pytest.raises(WorkbenchError, match="fig.data"):
        save_figure(Figure(), "bare", out=tmp_path)


def test_save_figure_rejects_a_path_as_name(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    fig = Figure()
    fig.data = pd.DataFrame({"x": [1]})
    with pytest.raises(WorkbenchError, match="plain file stem"):
        save_figure(fig, "../escape", out=tmp_path)


def test_rendered_page_escapes_outputs_and_forbids_scripts() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(title)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"{SCRIPT} {IMG}\n")]
    nb.cells.append(cell)
    page = render_html(nb, no_input=True)
    assert SCRIPT not in page and IMG not in page
    assert html.escape(SCRIPT, quote=False) in page
    assert CSP in page
    assert "print(title)" not in page  # no_input leaves the code out
    assert "cdnjs" not in page and "<script src" not in page  # nothing fetched from the internet


def test_index_escapes_titles_and_links_every_page(seeds_dir: Path, tmp_path: Path) -> None:
    import workbench as wb

    corpus = wb.load(hostile_corpus(tmp_path / "corpus"))
    pages = [
        Page(
            "01-load-and-inspect",
            "01-load-and-inspect.html",
            True,
            1.0,
            figures=["figures/01-load-and-inspect/x.png"],
        ),
        Page("02-actors", "02-actors.html", False, 2.0, error="KeyError: 'actor'"),
    ]
    page = index_html(corpus, pages, sources=["corpus/"])
    assert SCRIPT not in page and html.escape(SCRIPT) in page
    assert 'href="01-load-and-inspect.html"' in page and 'href="figures/01-load-and-inspect/x.csv"' in page
    assert "failed: KeyError" in page


@pytest.mark.slow
def test_report_of_a_hostile_corpus_shows_its_html_as_text(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path / "corpus")
    notebook = ROOT / "notebooks" / "01-load-and-inspect.ipynb"
    index = run_report([corpus], tmp_path / "report", notebooks=[notebook])
    assert index.name == "index.html"
    page = (tmp_path / "report" / "01-load-and-inspect.html").read_text(encoding="utf-8")
    for hostile in (SCRIPT, IMG):
        assert hostile not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert str(tmp_path) not in page, "pages show the corpus path relative to the report"
    assert (tmp_path / "report" / "executed" / "01-load-and-inspect.ipynb").exists()


def test_report_of_a_missing_source_fails_before_running_anything(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such file"):
        run_report([tmp_path / "nope"], tmp_path / "report")
    assert not (tmp_path / "report").exists()
