"""The optional word index of a dataset (``duck.build_kwic_index``): KWIC read from it equals KWIC read from
the tables (and the in-memory KWIC) for words, prefixes and several queries, sorted or not, with a limit and on
a selection; it is used only while current, and the rest still reads the tables."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from tests.dataset.test_queries import HARD_TEXTS, hard  # noqa: F401 - the fixture
from tests.scale.test_corpus import mixed_dataset
from workbench import dataset as duck
from workbench.dataset import index as kwic_index
from workbench.errors import WorkbenchError


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The mixed corpus's dataset, copied, with its word index built."""
    _, out = mixed_dataset(tmp_path_factory)
    copy = tmp_path_factory.mktemp("indexed") / "dataset"
    shutil.copytree(out, copy)
    path = duck.build_kwic_index(copy)
    assert path.is_file() and not any((copy / "_index" / "tmp").glob("*"))
    return out, copy


def _used(ds) -> bool:
    return kwic_index.current_index(ds) is not None


@pytest.mark.parametrize("query", ["pakistan", "talks", "istanbul", "afghan*", ["talks", "taliban"], ["tal*", "talks"]])
@pytest.mark.parametrize("sort", [None, "left", "right"])
@pytest.mark.parametrize("limit", [None, 3])
def test_kwic_from_the_index_equals_kwic_from_the_tables(indexed, query, sort, limit):
    plain, with_index = indexed
    expected = duck.kwic(duck.connect(plain), query, sort=sort, limit=limit)
    ds = duck.connect(with_index)
    got = duck.kwic(ds, query, sort=sort, limit=limit)
    assert _used(ds) and len(expected) > 0
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_kwic_from_the_index_on_a_selection(indexed):
    plain, with_index = indexed
    for selection in ({"words": "ceasefire"}, {"start": "2025-10-01", "end": "2025-12-31"}):
        expected = duck.kwic(duck.connect(plain, **selection), "pakistan")
        got = duck.kwic(duck.connect(with_index, **selection), "pakistan")
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_what_the_index_cannot_answer_reads_the_tables(indexed, monkeypatch):
    plain, with_index = indexed
    monkeypatch.setattr(kwic_index, "index_spans", lambda *a: pytest.fail("the index was used"))
    for query, window in (("pakistan", 3), ("afghan taliban", 8), (",", 8)):
        expected = duck.kwic(duck.connect(plain), query, window=window)
        pd.testing.assert_frame_equal(duck.kwic(duck.connect(with_index), query, window=window), expected)


def test_a_stale_index_is_ignored(indexed, tmp_path):
    plain, with_index = indexed
    copy = tmp_path / "dataset"
    shutil.copytree(with_index, copy)
    marker = copy / "_index" / "kwic.json"
    built = json.loads(marker.read_text())
    built["parts"] = [*built["parts"][1:], "part-0000000000000000.parquet"]  # as if a re-ingest replaced one
    marker.write_text(json.dumps(built))
    ds = duck.connect(copy)
    assert not _used(ds)
    got = duck.kwic(ds, "pakistan")
    assert set(got["article_id"]) <= set(duck.kwic(duck.connect(plain), "pakistan")["article_id"])


def test_index_of_hard_texts_equals_the_python_kwic(hard, tmp_path):  # noqa: F811 - the fixture
    from workbench.analysis.kwic import kwic

    ds, articles, tokens, _ = hard
    copy = tmp_path / "hard"
    shutil.copytree(ds.root, copy)
    duck.build_kwic_index(copy)
    indexed_ds = duck.connect(copy)
    for query in ("öl", "oil", "oil_2", "日本", "pric*", ["oil", "öl"]):
        for sort in (None, "right"):
            expected = kwic(articles, tokens, query, window=8, sort=sort)
            got = duck.kwic(indexed_ds, query, sort=sort)
            assert _used(indexed_ds)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_an_index_is_built_on_a_local_folder_only():
    with pytest.raises(WorkbenchError, match="no dataset here"):
        duck.build_kwic_index("/nonexistent/dataset")
