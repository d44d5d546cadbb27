"""The HTML report: figures saved with their data; pages self-contained and safe for untrusted text."""

from __future__ import annotations

import html
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from workbench.errors import WorkbenchError
from workbench.share.index import Page, index_html
from workbench.share.notebook import is_seed, save_figure, sources
from workbench.share.pages import CSP, render_html
from workbench.share.report import curated_notebooks, for_corpus, notebook_heading, run_report

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
    page = render_html(nb)
    assert SCRIPT not in page and IMG not in page
    assert html.escape(SCRIPT, quote=False) in page
    assert CSP in page
    assert "print(title)" not in page  # code is hidden by default
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
    assert "1 article (1 unique story)" in page and "1 articles" not in page


@pytest.mark.slow
def test_report_of_a_hostile_corpus_shows_its_html_as_text(tmp_path: Path) -> None:
    corpus = hostile_corpus(tmp_path / "corpus")
    notebook = ROOT / "notebooks" / "01-load-and-inspect.ipynb"
    index = run_report([corpus], tmp_path / "report", notebooks=[notebook])
    assert index.name == "index.html"
    page = (tmp_path / "report" / "01-load-and-inspect.html").read_text(encoding="utf-8")
    executed = nbformat.read(tmp_path / "report" / "executed" / notebook.name, as_version=4)
    assert not [c for c in executed.cells if "seed-checks" in c.metadata.get("tags", [])], "seed checks never ran"
    assert [c for c in executed.cells if "checks" in c.metadata.get("tags", [])], "the general checks did"
    assert "assert " not in page and "is_seed" not in page, "checks are kept out of the page"
    for hostile in (SCRIPT, IMG):
        assert hostile not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert str(tmp_path) not in page, "pages show the corpus path relative to the report"
    assert (tmp_path / "report" / "executed" / "01-load-and-inspect.ipynb").exists()


def test_report_of_a_missing_source_fails_before_running_anything(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such file"):
        run_report([tmp_path / "nope"], tmp_path / "report")
    assert not (tmp_path / "report").exists()


def _executed(*cells: tuple[str, str, list[str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for kind, source, tags in cells:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        cell.metadata["tags"] = tags
        if kind == "code" and source.startswith("corpus"):
            cell.outputs = [
                nbformat.v4.new_output("execute_result", data={"text/plain": "<Corpus>"}, execution_count=1)
            ]
        nb.cells.append(cell)
    return nb


READER_NB = [
    ("markdown", "# 01 · Title\n\n**Question:** what is in it?", []),
    ("code", 'CORPUS = "../seeds/"\nOUT = "x"', ["parameters"]),
    ("code", 'CORPUS = "reuters/"\nOUT = "figures/01"', ["injected-parameters"]),
    ("code", "import workbench as wb", []),
    ("code", "corpus", []),
    ("markdown", "## What this notebook shows", ["checks"]),
    ("code", "assert len(corpus) > 0", ["checks"]),
    ("code", "if is_seed(CORPUS):\n    assert True", ["seed-checks"]),
]


def test_pages_hide_code_checks_and_the_default_parameters() -> None:
    page = render_html(_executed(*READER_NB), corpus="Corpus: reuters")
    assert "&lt;Corpus&gt;" in page, "outputs are kept"
    for hidden in ("import workbench", "CORPUS =", "assert len", "is_seed", "What this notebook shows"):
        assert hidden not in page, hidden
    assert "Corpus: reuters" in page  # the corpus line under the navigation


def test_show_code_keeps_one_parameters_cell_the_injected_values() -> None:
    page = render_html(_executed(*READER_NB), show_code=True)
    assert "import" in page and "workbench" in page
    assert "reuters/" in page and "../seeds/" not in page, "only the injected parameters are shown"
    assert "assert len" not in page and "is_seed" not in page, "checks stay out even with code shown"


def test_seed_checks_are_removed_before_running_on_another_corpus() -> None:
    nb = _executed(*READER_NB)
    assert len(for_corpus(_executed(*READER_NB), seed=True).cells) == len(nb.cells)
    kept = for_corpus(nb, seed=False)
    assert [c.source for c in kept.cells if "seed-checks" in c.metadata.tags] == []
    assert any("assert len" in c.source for c in kept.cells), "the general checks still run"


def test_is_seed_only_for_the_seed_folder(tmp_path: Path, seeds_dir: Path) -> None:
    assert is_seed(seeds_dir) and is_seed(str(seeds_dir) + "/") and is_seed([seeds_dir])
    assert not is_seed(tmp_path) and not is_seed([seeds_dir, tmp_path]) and not is_seed(str(seeds_dir / "*.txt"))


def test_notebook_heading_reads_title_and_question() -> None:
    assert notebook_heading(_executed(*READER_NB)) == ("01 · Title", "what is in it?")


def test_text_wraps_at_word_boundaries_on_pages() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(text)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="Afghanistan " * 40)]
    nb.cells.append(cell)
    page = render_html(nb)
    assert "word-break: normal" in page and "overflow-wrap: break-word" in page
