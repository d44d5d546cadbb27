"""`workbench ingest --engine dask` and `wb.open` over its dataset: the corpus answers like the in-memory one,
its aggregates from DuckDB over the Parquet files."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench as wb
from tests.test_scale import write_mixed_corpus
from workbench.cli import main

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = write_mixed_corpus(tmp_path_factory.mktemp("mixed"))
    out = tmp_path_factory.mktemp("dataset")
    assert main(["ingest", str(folder), "--out", str(out), "--engine", "dask", "--partition-size", "3"]) == 0
    return wb.open(out), wb.load(folder, cache_dir=False)


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def test_dataset_corpus_tables_equal_the_in_memory_ones(both):
    opened, loaded = both
    assert opened.dataset is not None
    pd.testing.assert_frame_equal(
        _sorted(opened.tokens[loaded.tokens.columns], ["article_id", "token_id"]),
        _sorted(loaded.tokens, ["article_id", "token_id"]),
        check_dtype=False,
    )
    assert len(opened.mentions) == len(loaded.mentions) and len(opened.timexes) == len(loaded.timexes)


def test_dataset_aggregates_come_from_duckdb_and_match(both):
    opened, loaded = both
    trends = opened.actor_trends(freq="W")
    expected = loaded.actor_trends(freq="W")
    assert set(trends["actor_id"]) == set(expected["actor_id"])
    assert trends["value"].sum() == expected["value"].sum()
    co = opened.cooccurrence(level="sentence")
    assert int(co["count"].sum()) == int(loaded.cooccurrence(level="sentence")["count"].sum())
    hits = opened.kwic("Istanbul", window=5)
    assert len(hits) == len(loaded.kwic("Istanbul", window=5)) > 0
    assert set(hits["match"]) == {"Istanbul"}


def test_dask_engine_needs_out(capsys, tmp_path):
    assert main(["ingest", str(tmp_path), "--engine", "dask"]) == 2
    assert "--out" in capsys.readouterr().err
