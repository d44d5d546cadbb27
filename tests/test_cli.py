"""The command line: tables in three formats, ingest to Parquet, exit status 2 with one line on errors."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import workbench as wb
from workbench.cli import main


def test_articles_as_json(capsys, seeds_dir):
    assert main(["articles", str(seeds_dir), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["dateline"] == "ISLAMABAD" and rows[0]["published"].startswith("2025-11-05")


def test_tokens_as_csv(capsys, seeds_dir):
    assert main(["tokens", str(seeds_dir), "--format", "csv"]) == 0
    from io import StringIO

    frame = pd.read_csv(StringIO(capsys.readouterr().out))
    assert list(frame.columns[:6]) == ["article_id", "sentence_id", "token_id", "token", "norm", "start"]
    assert len(frame) > 500


def test_sentences_table_for_a_terminal(capsys, seeds_dir):
    assert main(["sentences", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "paragraph_id" in out and "Defence Minister Khawaja Asif" in out


def test_ingest_writes_parquet(tmp_path, capsys, seeds_dir):
    assert main(["ingest", str(seeds_dir), "--out", str(tmp_path / "ds")]) == 0
    out = capsys.readouterr().out
    assert "1 loaded" in out
    opened = wb.open(tmp_path / "ds")
    assert len(opened.tokens) > 500 and len(opened.report) == 2 and len(opened.mentions) > 0
    assert "wrote a dataset of 1 partition(s)" in out


def test_missing_path_exits_2_with_one_line(capsys, tmp_path):
    assert main(["articles", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "path does not exist" in err[0]


def test_nothing_loadable_exits_2(capsys, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nothing could be loaded" in err[0] and "empty file" in err[0]


@pytest.mark.parametrize("argv", [["-m", "workbench", "articles", "--format", "csv"]])
def test_python_dash_m(argv, seeds_dir):
    proc = subprocess.run([sys.executable, *argv, str(seeds_dir)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "ISLAMABAD" in proc.stdout


def test_open_reads_what_ingest_wrote(tmp_path, seeds_dir):
    import workbench as wb

    assert main(["ingest", str(seeds_dir), "--out", str(tmp_path / "ds"), "--tables", "mentions", "timexes"]) == 0
    corpus = wb.open(tmp_path / "ds")
    fresh = wb.load(seeds_dir)
    pd.testing.assert_frame_equal(corpus.tokens, fresh.tokens, check_dtype=False)
    assert len(corpus.mentions) == len(fresh.mentions) and len(corpus.timexes) == len(fresh.timexes)


def test_open_without_a_dataset_says_what_to_do(tmp_path):
    import workbench as wb

    with pytest.raises(wb.WorkbenchError, match="workbench ingest"):
        wb.open(tmp_path)
