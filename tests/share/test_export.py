"""CSV for spreadsheets: text cells that would run as formulas are neutralised (OWASP), numbers are not."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from workbench.share.export import FORMULA_STARTS, neutralise, safe_cells, write_csv

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_cells_get_a_leading_quote(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Kabul", "", " =not first", "'already quoted", "a=b"])
def test_plain_text_is_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_numbers_dates_and_missing_values_keep_their_values() -> None:
    frame = pd.DataFrame(
        {
            "value": [-1.5, 2.0],
            "count": pd.array([-3, None], dtype="Int64"),
            "day": pd.to_datetime(["2025-11-05", None]),
            "flag": [True, False],
            "mixed": [-7, "-7"],  # a number in a text column stays a number; the text is neutralised
            "title": [None, "=1+1"],
        }
    )
    out = safe_cells(frame)
    assert out["value"].tolist() == [-1.5, 2.0] and out["count"].tolist()[0] == -3
    assert out["day"].equals(frame["day"]) and out["flag"].tolist() == [True, False]
    assert out["mixed"].tolist() == [-7, "'-7"]
    assert pd.isna(out.loc[0, "title"]) and out.loc[1, "title"] == "'=1+1"
    assert frame.loc[1, "title"] == "=1+1", "the caller's frame is not changed"


def test_written_csv_reads_back_as_text_a_spreadsheet_will_not_run(tmp_path: Path) -> None:
    frame = pd.DataFrame({"title": HOSTILE, "value": range(-3, 3)})
    write_csv(frame, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["title"] for r in rows] == ["'" + h for h in HOSTILE]
    assert [r["value"] for r in rows] == ["-3", "-2", "-1", "0", "1", "2"]
    assert not any(r["title"].startswith(FORMULA_STARTS) for r in rows)


def test_lists_are_written_as_pandas_writes_them() -> None:
    buffer = io.StringIO()
    write_csv(pd.DataFrame({"aliases": [["=x", "y"]]}), buffer)
    assert buffer.getvalue().split("\r\n")[1] == "\"['=x', 'y']\""


def test_line_breaks_inside_a_cell_keep_it_one_cell() -> None:
    buffer = io.StringIO()
    write_csv(pd.DataFrame({"text": ["one\rtwo", "three\nfour"], "n": [1, 2]}), buffer)
    back = pd.read_csv(io.StringIO(buffer.getvalue()))
    assert back["text"].tolist() == ["one\rtwo", "three\nfour"] and back["n"].tolist() == [1, 2]


def test_cli_csv_neutralises_a_hostile_headline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.cli import main

    (tmp_path / "a.txt").write_text(
        '=HYPERLINK("http://evil.example","x")\n\nKABUL: Pakistan and Qatar met on Wednesday.\n', encoding="utf-8"
    )
    assert main(["articles", str(tmp_path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example","x")'


def test_figure_csv_is_neutralised(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    from workbench.share.notebook import save_figure

    fig = Figure()
    fig.data = pd.DataFrame({"actor": ["@evil", "Qatar"], "value": [-1, 4]})
    saved = save_figure(fig, "trend", out=tmp_path)
    back = pd.read_csv(saved.csv)
    assert back["actor"].tolist() == ["'@evil", "Qatar"] and back["value"].tolist() == [-1, 4]
