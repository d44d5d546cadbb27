"""Both backends answer every public ``Corpus`` method alike: the in-memory corpus of a mixed folder, and
the datasets written from it in this process and on a Dask cluster, opened with ``wb.open``.

A new public method fails ``test_every_public_method_is_compared`` until it has a row in ``CALLS``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_corpus import mixed_dataset
from workbench.cli import main


def _frame(value: Any) -> pd.DataFrame:
    """A comparable frame: rows sorted by every column, list values as tuples, floats rounded."""
    frame = value.copy() if isinstance(value, pd.DataFrame) else pd.DataFrame([value])
    for col in frame.columns:
        if frame[col].dtype == object or str(frame[col].dtype) in ("str", "string"):
            frame[col] = frame[col].map(lambda v: tuple(v) if isinstance(v, (list, np.ndarray)) else v).astype(object)
            frame[col] = frame[col].where(frame[col].notna(), None)
        elif pd.api.types.is_float_dtype(frame[col]):
            frame[col] = frame[col].round(6)
    keys = list(frame.columns)
    return frame.sort_values(keys, kind="stable", key=lambda s: s.astype(str)).reset_index(drop=True)


SEEDED = {"level": "article", "n_topics": 2, "seed": 0}


def _both_levels(corpus: wb.Corpus) -> pd.DataFrame:
    """The coarse and fine topics of one fit (automatic numbers), with each fine topic's parent."""
    coarse = corpus.topics(unit="article", seed=0)
    fine = coarse.fine
    terms = [coarse.terms.assign(level="coarse", parent_id=-1), fine.terms.assign(level="fine")]
    terms[1]["parent_id"] = terms[1]["topic_id"].map(fine.labels.set_index("topic_id")["parent_id"])
    return pd.concat(terms, ignore_index=True)


#: name → what to compare of it (one call per public name of ``Corpus``).
CALLS: dict[str, Callable[[wb.Corpus], Any] | None] = {
    "articles": lambda c: c.articles,
    "catalog": lambda c: c.catalog,
    "article_ids": lambda c: pd.DataFrame({"article_id": sorted(c.article_ids())}),
    "texts": lambda c: c.texts(list(c.catalog["article_id"])[:3]),
    "report": lambda c: c.report,
    "sentences": lambda c: c.sentences,
    "tokens": lambda c: c.tokens,
    "mentions": lambda c: c.mentions,
    "actors": lambda c: c.actors,
    "timexes": lambda c: c.timexes,
    "dataset": None,  # differs by design: see test_the_dataset_corpus_says_where_it_reads
    "select": lambda c: pd.concat(
        [
            c.select(start="2025-10-01", actors="qatar", words="talks").catalog,
            c.select(outlet="Reuters", words=["wheat", "prices"]).catalog,
            c.select(end="2025-10-20").select(actors="afghanistan").catalog,
        ]
    ),
    "kwic": lambda c: pd.concat(
        [c.kwic("Istanbul", window=5), c.kwic("qatar"), c.kwic(["talks", "negotiat*"], sort="left", limit=4)]
    ),
    "actor_contexts": lambda c: pd.concat(
        [c.actor_contexts(["qatar", "Pakistan", "afghanistan"]), c.actor_contexts(["qatar", "Pakistan"], limit=2)]
    ),
    "cooccurrence": lambda c: pd.concat([c.cooccurrence(level="sentence"), c.cooccurrence(level="article")]),
    "timeline": lambda c: c.timeline(),
    "keywords": lambda c: c.keywords(by="article", n=5),
    "topics": lambda c: pd.concat([c.topics(**SEEDED).terms.assign(level="coarse"), _both_levels(c)]),
    "topic_trends": lambda c: c.topic_trends(c.topics(**SEEDED), freq="M"),
    "collocations": lambda c: c.collocations(),
    "term_trends": lambda c: c.term_trends(["talks", "wheat"], freq="M"),
    "lexicon_scores": lambda c: c.lexicon_scores(),
    "actor_trends": lambda c: pd.concat(
        [
            c.actor_trends(freq="W", top=5),
            c.actor_trends(["qatar", "Pakistan"], freq="M", measure="articles"),
            c.actor_trends(freq="D", date="referred", measure="share"),
        ]
    ),
    "summary": lambda c: c.summary(),
}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, wb.Corpus]:
    src, dask_out = mixed_dataset(tmp_path_factory)
    memory_out = tmp_path_factory.mktemp("memory-ingest") / "ds"
    assert main(["ingest", str(src), "--out", str(memory_out)]) == 0
    return {
        "memory": wb.load(src, cache_dir=False),
        "ingest": wb.open(memory_out),
        "dask": wb.open(dask_out),
    }


def test_every_public_method_is_compared() -> None:
    public = {name for name in dir(wb.Corpus) if not name.startswith("_")}
    assert public == set(CALLS), f"add the new public names to CALLS: {sorted(public ^ set(CALLS))}"


@pytest.mark.parametrize("name", sorted(k for k, call in CALLS.items() if call is not None))
@pytest.mark.parametrize("backend", ["ingest", "dask"])
def test_both_backends_answer_alike(corpora: dict[str, wb.Corpus], name: str, backend: str) -> None:
    call = CALLS[name]
    assert call is not None
    expected, got = call(corpora["memory"]), call(corpora[backend])
    expected_frame, got_frame = _frame(expected), _frame(got)
    assert list(got_frame.columns) == list(expected_frame.columns)
    pd.testing.assert_frame_equal(got_frame, expected_frame, check_dtype=False, check_exact=False, rtol=1e-5)
    if name != "summary":
        assert len(expected_frame) > 0, f"{name}: the comparison is vacuous on this corpus"


def test_a_selection_by_topic_and_outlet_is_the_same_on_both(corpora: dict[str, wb.Corpus]) -> None:
    for corpus in corpora.values():
        fitted = corpus.topics(**SEEDED)
        dominant = fitted.dominant()
        chosen = corpus.select(topic=0, topics=fitted)
        expected = set(dominant.loc[dominant["topic_id"] == 0, "article_id"])
        assert set(chosen.catalog["article_id"]) == expected and 0 < len(expected) < len(corpus)
        reuters = corpus.select(outlet="Reuters")
        assert set(reuters.catalog["outlet"]) == {"Reuters"}
    outlets = sorted(o for o in corpora["memory"].catalog["outlet"].dropna().unique() if o)
    assert len(outlets) >= 2
    sizes = {name: len(c.select(outlet=outlets[:2])) for name, c in corpora.items()}
    assert len(set(sizes.values())) == 1 and sizes["memory"] > 0


def test_the_dataset_corpus_says_where_it_reads(corpora: dict[str, wb.Corpus]) -> None:
    assert corpora["memory"].dataset is None
    assert isinstance(corpora["ingest"].dataset, Path) and "in " in repr(corpora["ingest"])
    assert "selected: actors ['qatar']" in repr(corpora["dask"].select(actors="qatar"))


@pytest.mark.parametrize("backend", ["memory", "ingest", "dask"])
def test_actor_contexts_are_each_actors_kwic(corpora: dict[str, wb.Corpus], backend: str) -> None:
    corpus = corpora[backend]
    mentions = corpus.mentions
    actors = [*sorted(set(mentions["actor_id"]))[:12], str(mentions["actor"].iloc[0]), "no such actor"]
    for limit in (None, 2):
        rows = corpus.actor_contexts(actors, limit=limit)
        assert list(rows.columns[:1]) == ["query"] and set(rows["query"]) <= set(actors)
        for actor in actors[:-1]:
            expected = corpus.kwic(actor) if limit is None else corpus.kwic(actor, limit=limit)
            got = rows[rows["query"] == actor].drop(columns="query").reset_index(drop=True)
            assert len(expected) > 0
            pd.testing.assert_frame_equal(got, expected.reset_index(drop=True), check_dtype=False)
        assert not (rows["query"] == "no such actor").any()
