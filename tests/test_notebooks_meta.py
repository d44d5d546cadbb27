"""Curated notebooks keep the house shape: title and question, parameters, run top to bottom, asserts last."""

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


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_ends_with_plain_asserts(path: Path) -> None:
    last = code_cells(read(path))[-1]
    lines = [ln.strip() for ln in last.source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    asserts = [ln for ln in lines if ln.startswith("assert ")]
    assert len(asserts) >= 3 and len(asserts) * 2 >= len(lines), "the last cell is (mostly) plain asserts"
    assert not last.outputs, "the assert cell prints nothing"


@pytest.mark.parametrize("path", CURATED, ids=lambda p: p.stem)
def test_thin_no_logic_defined_in_notebooks(path: Path) -> None:
    for cell in code_cells(read(path)):
        assert not re.search(r"^\s*(def|class) ", cell.source, re.M), "helpers belong in the package"
        assert "sys.path" not in cell.source
