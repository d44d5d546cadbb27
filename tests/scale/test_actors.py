"""The corpus-level actor pass over partition files (``scale_actors.corpus_actor_pass``) equals the
in-process ``mentions_table``: same rows, same values, and the classifier and the renames really ran."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import workbench as wb
from tests.actors.test_classifier import synthetic_corpus
from tests.conftest import require_shared
from workbench.actors.tables import mentions_table
from workbench.dataset.store import Store
from workbench.scale import tasks as scale
from workbench.scale.actors import corpus_actor_pass
from workbench.scale.work import to_arrow
from workbench.text import sentences as sentence_spans


def write_partitions(
    articles: pd.DataFrame, sentences: pd.DataFrame, folder: Path, n: int, *, builtin_actors: bool = True
) -> tuple[list[Path], list[Path], pd.DataFrame]:
    """The raw mentions of ``n`` contiguous blocks of articles (and one empty partition) written as the
    Dask ingest's tables step writes them: mention columns plus context windows, under ``_work/mentions``."""
    raw = scale.raw_mentions(articles, sentences, builtin_actors=builtin_actors)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    blocks = np.array_split(articles["article_id"].to_numpy(), n)
    blocks.insert(1, blocks[0][:0])  # a partition without mentions
    inputs, outputs = [], []
    for k, ids in enumerate(blocks):
        part = raw[raw["article_id"].isin(ids)].reset_index(drop=True)
        table = to_arrow(pd.concat([part, scale.context_windows(part, texts)], axis=1))
        inputs.append(folder / "_work" / "mentions" / f"part-{k:02d}.parquet")
        outputs.append(folder / "mentions" / f"part-{k:02d}.parquet")
        Store(inputs[-1]).write_parquet(inputs[-1], table)
    return inputs, outputs, raw


def read_outputs(outputs: list[Path]) -> pd.DataFrame:
    return pd.concat([pq.read_table(p).to_pandas() for p in outputs], ignore_index=True)


class Handle:
    """What a task receives in place of a shared object (as a Dask future of a scattered object)."""

    def __init__(self, key: int) -> None:
        self.key = key


def as_workers(
    jobs_seen: list[tuple], shared: list[Any]
) -> Callable[[Callable[..., Any], dict[int, tuple]], dict[int, Any]]:
    """A ``run`` that sends every task and result through pickle, as Dask would (resolving shared objects'
    handles on the "worker", as Dask resolves futures), and records the arguments."""

    def run(fn: Callable[..., Any], jobs: dict[int, tuple]) -> dict[int, Any]:
        out = {}
        for k, args in jobs.items():
            jobs_seen.append(args)
            task, task_args = pickle.loads(pickle.dumps((fn, args)))
            task_args = [shared[a.key] if isinstance(a, Handle) else a for a in task_args]
            out[k] = pickle.loads(pickle.dumps(task(*task_args)))
        return out

    return run


def sharing(shared: list[Any]) -> Callable[[Any], Handle]:
    def share(obj: Any) -> Handle:
        shared.append(obj)
        return Handle(len(shared) - 1)

    return share


def synthetic_with_variants() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The classifier tests' corpus plus two articles naming persons with a middle name (renamed)."""
    articles, sents = synthetic_corpus()
    extra = [
        "Peter James Holt said the bid for Bolton Fairweather was low.",
        "Analysts at Rowan Tillery said Anne Louise Carey would reply in Paris.",
    ]
    more = pd.DataFrame(
        {"article_id": ["b0", "b1"], "text": extra, "published": pd.Timestamp("1987-03-03")},
    )
    more_sents = pd.DataFrame(
        [
            {"article_id": aid, "sentence_id": k, "start": s, "end": e}
            for aid, text in zip(more["article_id"], extra, strict=True)
            for k, (s, e, _p) in enumerate(sentence_spans(text))
        ]
    )
    articles = pd.concat([articles.iloc[:15], more.iloc[:1], articles.iloc[15:], more.iloc[1:]], ignore_index=True)
    return articles, pd.concat([sents, more_sents], ignore_index=True)


def assert_really_resolved(expected: pd.DataFrame, raw: pd.DataFrame) -> None:
    """The case is not vacuous: the classifier typed some names and some names were merged."""
    assert expected["evidence"].str.startswith("classifier p=").any()
    assert (expected["actor_id"] != raw["actor_id"]).any()  # only a rename changes an actor_id


@pytest.mark.parametrize("chunk", [1, 2, 16])
def test_partitioned_pass_equals_mentions_table(tmp_path, chunk):
    articles, sents = synthetic_with_variants()
    expected = mentions_table(articles, sents, builtin_actors=False)
    inputs, outputs, raw = write_partitions(articles, sents, tmp_path, 4, builtin_actors=False)
    assert_really_resolved(expected, raw)
    jobs: list[tuple] = []
    shared: list[Any] = []
    written: dict[int, tuple[int, int, str]] = {}
    n = corpus_actor_pass(
        inputs, outputs, as_workers(jobs, shared), share=sharing(shared), written=written, chunk=chunk
    )
    assert n == len(expected)
    pd.testing.assert_frame_equal(read_outputs(outputs), expected)
    # what grows with the corpus (plans, decisions) reaches the tasks once, shared, not as task arguments
    assert all(isinstance(a, (str, Path, int, np.ndarray, pa.Schema, Handle)) for args in jobs for a in args)
    assert len(shared) == 3 and any(isinstance(a, Handle) for args in jobs for a in args)
    # what was written is reported for the manifest: rows, bytes and hashes of each output file
    assert sorted(written) == list(range(len(outputs)))
    for k, (rows, size, sha) in written.items():
        assert rows == pq.read_metadata(outputs[k]).num_rows and size == outputs[k].stat().st_size
        assert sha == hashlib.sha256(outputs[k].read_bytes()).hexdigest()


def test_partitioned_pass_equals_mentions_table_on_reuters(tmp_path):
    sgm = require_shared("reuters21578", "reut2-000.sgm")
    corpus = wb.load([sgm, sgm.with_name("reut2-001.sgm")], cache_dir=False)
    articles, sents = corpus.articles, corpus.sentences
    expected = mentions_table(articles, sents)
    inputs, outputs, raw = write_partitions(articles, sents, tmp_path, 5)
    assert_really_resolved(expected, raw)
    assert corpus_actor_pass(inputs, outputs, chunk=2) == len(expected)
    pd.testing.assert_frame_equal(read_outputs(outputs), expected)
    schemas = [pq.read_schema(p).remove_metadata() for p in outputs]
    assert all(s.equals(schemas[0]) for s in schemas) and "_ctx" not in schemas[0].names
    assert pq.read_metadata(outputs[1]).num_rows == 0  # the empty partition has its file too


def test_unchanged_outputs_are_not_rewritten(tmp_path):
    articles, sents = synthetic_with_variants()
    inputs, outputs, _ = write_partitions(articles, sents, tmp_path, 3, builtin_actors=False)
    corpus_actor_pass(inputs, outputs)
    before = [p.stat().st_mtime_ns for p in outputs]
    corpus_actor_pass(inputs, outputs)
    assert [p.stat().st_mtime_ns for p in outputs] == before


def test_no_partitions_no_mentions(tmp_path):
    assert corpus_actor_pass([], []) == 0
    with pytest.raises(ValueError, match="one output per input"):
        corpus_actor_pass([tmp_path / "a.parquet"], [])
