"""`workbench ingest --engine dask` and `wb.open` over its dataset: the corpus answers like the in-memory one,
reads lazily (no text until one is asked for) and selects articles with the conditions pushed into the reads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_ingest import write_mixed_corpus
from workbench.cli import main

pytest.importorskip("distributed")
pytest.importorskip("duckdb")


def mixed_dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The mixed corpus and its dataset (``ingest --engine dask``, 3 files a partition), built once a session."""
    base = tmp_path_factory.getbasetemp() / "mixed-dataset"
    src, out = base / "in", base / "out"
    if not (out / "articles").is_dir():
        write_mixed_corpus(src)
        assert main(["ingest", str(src), "--out", str(out), "--engine", "dask", "--partition-size", "3"]) == 0
    return src, out


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    src, out = mixed_dataset(tmp_path_factory)
    return wb.open(out), wb.load(src, cache_dir=False)


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
    by = ["period", "actor_id"]
    pd.testing.assert_frame_equal(
        _sorted(opened.actor_trends(freq="W"), by), _sorted(loaded.actor_trends(freq="W"), by), check_dtype=False
    )
    pd.testing.assert_frame_equal(opened.cooccurrence(level="sentence"), loaded.cooccurrence(level="sentence"))
    hits = opened.kwic("Istanbul", window=5)
    assert len(hits) == len(loaded.kwic("Istanbul", window=5)) > 0
    assert set(hits["match"]) == {"Istanbul"}


def test_opening_reads_no_text_until_one_is_asked_for(tmp_path_factory):
    src, out = mixed_dataset(tmp_path_factory)
    loaded = wb.load(src, cache_dir=False)
    corpus = wb.open(out)
    assert len(corpus) == len(loaded) and corpus.summary() == loaded.summary()
    assert "text" not in corpus.catalog and "boilerplate" not in corpus.catalog
    assert sorted(corpus.catalog["article_id"]) == sorted(loaded.articles["article_id"])
    some = list(loaded.articles["article_id"].iloc[[3, 0]])
    pd.testing.assert_frame_equal(corpus.texts(some), loaded.texts(some), check_dtype=False)
    corpus.actor_trends(), corpus.kwic("talks", limit=3), corpus.actors, corpus.timeline()
    assert "articles" not in corpus.backend._frames, "aggregates and a page of KWIC read no article text"
    assert corpus.articles["text"].str.len().sum() == loaded.articles["text"].str.len().sum()


SELECTIONS = [
    {"start": "2025-10-01"},
    {"start": "1987-01-01", "end": "1987-12-31"},
    {"end": "2025-10-20"},
    {"actors": "qatar"},
    {"actors": ["Afghan Taliban", "afghanistan"]},
    {"words": "talks in Istanbul"},
    {"words": ["wheat", "ceasefire"]},
    {"start": "2025-10-01", "actors": "qatar", "words": "doha"},
]


@pytest.mark.parametrize("conditions", SELECTIONS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_a_selection_of_the_dataset_equals_the_same_selection_in_memory(both, conditions):
    opened, loaded = both
    got, expected = opened.select(**conditions), loaded.select(**conditions)
    assert sorted(got.catalog["article_id"]) == sorted(expected.catalog["article_id"])
    assert 0 < len(got) < len(opened)
    for table, keys in {"tokens": ["article_id", "token_id"], "mentions": ["article_id", "start", "end"]}.items():
        pd.testing.assert_frame_equal(
            _sorted(getattr(got, table)[list(getattr(expected, table).columns)], keys),
            _sorted(getattr(expected, table), keys),
            check_dtype=False,
        )
    by = ["period", "actor_id"]
    pd.testing.assert_frame_equal(
        _sorted(got.actor_trends(freq="M", measure="articles"), by),
        _sorted(expected.actor_trends(freq="M", measure="articles"), by),
        check_dtype=False,
    )


def test_a_date_range_reads_only_the_partitions_holding_it(both):
    opened, _ = both
    everything = opened.backend.dataset.files("tokens")
    reuters = opened.select(start="1987-01-01", end="1987-12-31")
    assert 0 < len(reuters.backend.dataset.files("tokens")) < len(everything)
    assert set(reuters.tokens["article_id"]) == set(reuters.catalog["article_id"])
    assert wb.open(opened.dataset, start="1987-01-01", end="1987-12-31").summary() == reuters.summary()


def test_unknown_actor_in_a_selection_says_where_to_look(both):
    opened, loaded = both
    for corpus in (opened, loaded):
        with pytest.raises(wb.WorkbenchError, match="corpus.actors"):
            corpus.select(actors="nobody-at-all")


def test_load_of_a_dataset_folder_opens_it(tmp_path_factory):
    _, out = mixed_dataset(tmp_path_factory)
    corpus = wb.load(out)
    assert corpus.dataset == out and "articles" not in corpus.backend._frames
    with pytest.raises(wb.WorkbenchError, match="ingest again"):
        wb.load(out, year_hint=2025)


def test_dask_engine_needs_out(capsys, tmp_path):
    assert main(["ingest", str(tmp_path), "--engine", "dask"]) == 2
    assert "--out" in capsys.readouterr().err
