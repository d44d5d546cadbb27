"""Curated notebooks keep the house shape: title and question, parameters, run top to bottom, checks last.

The last cells are checks, tagged for the report and the dashboard (``workbench.share.pages.CHECK_TAGS``):
``checks`` (claims that hold on any corpus) and ``seed-checks`` (facts about the seed article, guarded by
``if is_seed(CORPUS):``), so that no rendered page shows them and no other corpus runs the seed ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CURATED = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = ["01-load-and-inspect", "02-actors", "03-dates-and-timeline", "04-topics", "05-explorer"]


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_only_curated_notebooks_are_committed() -> None:
    for path in CURATED:
        assert re.fullmatch(r"\d\d-[a-z]+(-[a-z]+)*\.ipynb", path.name), f"{path.name}: use NN-verb-object"
    assert not list(NOTEBOOKS.rglob(".ipynb_checkpoints/*"))
    names = [p.stem for p in CURATED]
    assert names == [n for n in EXPECTED if n in names], "only the curated notebooks, in order"
    assert "01-load-and-inspect" in names


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_opens_with_title_question_and_parameters(path: Path) -> None:
    nb = read(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "a title first"
    assert "**Question:**" in first.source, "the title cell states the question the notebook answers"
    params = [c for c in code_cells(nb) if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "exactly one papermill `parameters` cell"
    assert 'CORPUS = "../seeds/"' in params[0].source and "OUT = " in params[0].source
    assert "SEED" not in params[0].source, "whether the corpus is the seed is decided from CORPUS (is_seed)"
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_committed_executed_top_to_bottom_without_widget_state(path: Path) -> None:
    nb = read(path)
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "executed top to bottom once (make notebooks)"
    assert "widgets" not in nb.metadata, "widget state stripped"
    assert "papermill" not in nb.metadata
    for cell in code_cells(nb):
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: a committed cell raised"
            text = str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
            assert "/work/" not in text and "/home/" not in text and "/tmp/" not in text, "no absolute paths"


def tags(cell: nbformat.NotebookNode) -> set[str]:
    return set(cell.metadata.get("tags", []))


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_ends_with_tagged_plain_asserts(path: Path) -> None:
    nb = read(path)
    cells = nb.cells
    first_check = next(i for i, c in enumerate(cells) if tags(c) & {"checks", "seed-checks"})
    tail = cells[first_check:]
    assert all(tags(c) & {"checks", "seed-checks"} for c in tail), "the checks come last, every one tagged"
    assert tail[0].cell_type == "markdown", "a sentence says what the checks claim"
    code = [c for c in tail if c.cell_type == "code"]
    lines = [ln.strip() for c in code for ln in c.source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    asserts = [ln for ln in lines if ln.startswith("assert ")]
    assert len(asserts) >= 3 and len(asserts) * 2 >= len(lines), "the checks are (mostly) plain asserts"
    assert not any(c.outputs for c in code), "the checks print nothing"
    seed = [c for c in code if "seed-checks" in tags(c)]
    assert len(seed) == 1 and seed[0] is code[-1], "one seed-checks cell, last"
    body = [ln for ln in seed[0].source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert body[0] == "if is_seed(CORPUS):" and all(ln.startswith("    ") for ln in body[1:])
    before = "\n".join(c.source for c in cells[:first_check])
    assert "SEED" not in before and "is_seed" not in before.replace("import is_seed", "").replace("is_seed,", "")


@pytest.mark.parametrize("path", [p for p in CURATED if p.stem != "05-explorer"], ids=lambda p: p.stem)
def test_report_notebooks_name_existing_key_figures(path: Path) -> None:
    nb = read(path)
    keys = nb.metadata.get("workbench", {}).get("key_figures", [])
    saved = re.findall(r'"([a-z-]+)", out=OUT\)', "\n".join(c.source for c in code_cells(nb)))
    assert keys and set(keys) <= set(saved), f"key figures {keys} are among those saved {saved}"


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_thin_no_logic_defined_in_notebooks(path: Path) -> None:
    for cell in code_cells(read(path)):
        assert not re.search(r"^\s*(def|class) ", cell.source, re.M), "helpers belong in the package"
        assert "sys.path" not in cell.source
