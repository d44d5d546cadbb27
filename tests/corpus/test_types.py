"""One type per column, whichever path made the table: computed now, read from the cache, read from a dataset
(``workbench.schema``). A regression test for list columns that were lists when computed and NumPy arrays when
read back (``if row.places:`` raised only on warm loads)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_ingest import write_mixed_corpus
from workbench import schema
from workbench.cli import main

TABLES = ("articles", "report", "sentences", "tokens", "mentions", "timexes", "actors")


def _kinds(frame: pd.DataFrame) -> dict[str, tuple[str, frozenset[str]]]:
    """Each column's dtype and the Python types of its values (missing values left out)."""
    out = {}
    for col in frame.columns:
        values = (
            frame[col].dropna() if frame[col].dtype != object else frame[col][frame[col].map(lambda v: v is not None)]
        )
        out[col] = (str(frame[col].dtype), frozenset(type(v).__name__ for v in values))
    return out


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    base = tmp_path_factory.mktemp("types")
    src = write_mixed_corpus(base / "in")
    cache = base / "cache"
    cold = wb.load(src, cache_dir=cache)
    cold_kinds = {t: _kinds(getattr(cold, t)) for t in TABLES}
    warm = wb.load(src, cache_dir=cache)
    assert main(["ingest", str(src), "--out", str(base / "ds")]) == 0
    return cold, cold_kinds, warm, wb.open(base / "ds")


@pytest.mark.parametrize("table", TABLES)
def test_cold_warm_and_dataset_tables_have_one_type_per_column(paths, table):
    cold, cold_kinds, warm, opened = paths
    for name, corpus in (("warm", warm), ("dataset", opened)):
        got = _kinds(getattr(corpus, table))
        assert got == cold_kinds[table], f"{table} {name}: {set(got.items()) ^ set(cold_kinds[table].items())}"
    declared = schema.TABLES[table].columns
    for col, kind in declared.items():
        dtype, types = cold_kinds[table][col]
        assert dtype == ("object" if kind == schema.LIST else kind), (table, col, dtype)
        if kind == schema.LIST:
            assert types <= {"list"}, (table, col, types)


def test_list_columns_are_lists_on_every_path(paths):
    cold, _, warm, opened = paths
    for corpus in (cold, warm, opened):
        arts = corpus.articles
        reuters = arts[arts["outlet"] == "Reuters"]
        assert len(reuters) and all(isinstance(v, list) for v in reuters["places"])
        row = next(reuters.itertuples())
        assert bool(row.places) is (len(row.places) > 0)  # truth value works: a list, not an array
        assert all(isinstance(v, list) for v in corpus.actors["aliases"])
        assert not any(isinstance(v, np.ndarray) for col in arts for v in arts[col] if arts[col].dtype == object)


def test_conform_of_a_conforming_frame_is_the_plain_conform():
    """The fast path (a frame already of the declared columns and types is returned as a shallow copy) gives
    what building the frame anew gives, and changing the result leaves the input alone."""
    tokens = wb.load(wb.paths.seeds_dir()).tokens
    plain = pd.DataFrame({c: tokens[c] for c in tokens.columns}, index=tokens.index)  # what conform builds
    fast = schema.conform(tokens, "tokens")
    assert fast is not tokens
    pd.testing.assert_frame_equal(fast, plain)
    fast.loc[0, "start"] = -1
    assert tokens.loc[0, "start"] != -1
    shuffled = tokens[list(reversed(tokens.columns))]  # not in the declared order: the plain path
    pd.testing.assert_frame_equal(schema.conform(shuffled, "tokens"), plain)
