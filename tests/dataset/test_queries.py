"""DuckDB aggregates over a dataset (``workbench.dataset``) equal the in-memory analyses on the mixed corpus."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_corpus import mixed_dataset
from workbench import dataset as duck
from workbench.analysis.actor_trends import MEASURES
from workbench.analysis.kwic import match_spans
from workbench.analysis.term_trends import topic_trends
from workbench.analysis.vectors import document_term_matrix
from workbench.topics.model import score_topics

pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    src, out = mixed_dataset(tmp_path_factory)
    return wb.open(out), wb.load(src, cache_dir=False)


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("date", ["published", "referred"])
def test_actor_trends_equal_in_memory(both, monkeypatch, date, measure):
    opened, loaded = both
    monkeypatch.setattr(duck.trends, "NAME_PARTS", 1)  # names from the first partition, then from the rest
    fresh = duck.connect(opened.dataset)
    by = ["period", "actor_id"]
    for freq in ("D", "W", "M"):
        for actors in (None, ["qatar", "Pakistan"]):
            expected = loaded.actor_trends(actors, freq=freq, date=date, measure=measure)
            got = duck.actor_trends(fresh, actors, freq=freq, date=date, measure=measure)
            assert len(got) > 0
            pd.testing.assert_frame_equal(_sorted(got, by), _sorted(expected, by), check_dtype=False)


def test_referred_dates_move_mentions_to_other_periods(both):
    opened, _ = both
    published = opened.actor_trends(["pakistan"], freq="W").query("value > 0")["period"].nunique()
    referred = opened.actor_trends(["pakistan"], freq="W", date="referred").query("value > 0")["period"].nunique()
    assert referred > published


def test_actors_timeline_and_cooccurrence_equal_in_memory(both):
    opened, loaded = both
    pd.testing.assert_frame_equal(duck.actors(opened.backend.dataset), loaded.actors, check_dtype=False)
    pd.testing.assert_frame_equal(duck.timeline(opened.backend.dataset), loaded.timeline(), check_dtype=False)
    for level in ("sentence", "article"):
        pd.testing.assert_frame_equal(
            duck.cooccurrence(opened.backend.dataset, level=level), loaded.cooccurrence(level=level)
        )


@pytest.mark.parametrize("query", ["Istanbul", "afghan taliban", "negotiat*", ["talks", "Istanbul"], "qatar"])
def test_kwic_equals_in_memory(both, query):
    opened, loaded = both
    keys = ["article_id", "start"]
    got, expected = opened.kwic(query, window=6), loaded.kwic(query, window=6)
    assert len(got) > 0
    pd.testing.assert_frame_equal(_sorted(got, keys), _sorted(expected, keys), check_dtype=False)
    if not isinstance(query, str) or query != "qatar":
        pd.testing.assert_frame_equal(
            duck.match_spans(opened.backend.dataset, query).reset_index(drop=True),
            match_spans(loaded.tokens, query).reset_index(drop=True),
            check_dtype=False,
        )


def test_kwic_rows_follow_the_dataset_order_and_a_limit_keeps_the_first(both, monkeypatch):
    opened, _ = both
    monkeypatch.setattr(duck.matches, "FIRST_PARTS", 1)  # the first partition, then the rest
    order = {a: i for i, a in enumerate(opened.catalog["article_id"])}
    for query in ("talks", "qatar", "wheat"):
        rows = opened.kwic(query)
        assert rows["article_id"].map(order).is_monotonic_increasing
        for limit in (1, 3, 100):
            pd.testing.assert_frame_equal(opened.kwic(query, limit=limit), rows.head(limit))
    page = opened.kwic("talks", limit=6, sort="left")
    assert sorted(page["start"]) == sorted(opened.kwic("talks").head(6)["start"])
    assert page["left_key"].is_monotonic_increasing


@pytest.mark.parametrize("files", [1, 32])
def test_term_counts_equal_the_document_term_matrix(both, monkeypatch, files):
    opened, loaded = both
    monkeypatch.setattr(duck.topics, "TERM_FILES", files)  # one partition file a batch, or all in one
    dtm = document_term_matrix(loaded.tokens, level="article")
    assert any(" " in t for t in dtm.terms)  # two-word terms are counted too
    got = duck.term_counts(opened.backend.dataset, list(dtm.terms), articles=list(dtm.docs["article_id"]))
    assert abs(got - dtm.counts).sum() == 0 and got.sum() > 0


@pytest.mark.parametrize("unit", ["paragraph", "article"])
def test_topics_of_a_small_dataset_and_their_shares_per_period_equal_in_memory(both, unit):
    opened, loaded = both
    got, expected = opened.topics(unit=unit, n_topics=3), loaded.topics(unit=unit, n_topics=3)
    for g, e in ((got, expected), (got.fine, expected.fine)):  # both levels of the model
        assert g.labels.equals(e.labels) and g.terms["term"].equals(e.terms["term"])
        # the same model on the same documents; NMF's last digits depend on the order of the rows
        keys = [*g.keys, "topic_id"]
        pd.testing.assert_frame_equal(
            _sorted(g.doc_topics, keys), _sorted(e.doc_topics, keys), check_exact=False, atol=1e-2
        )
    for freq in ("D", "W", "M"):
        for measure in ("share", "articles"):
            for trend_unit in ("articles", "stories"):
                frame = duck.topic_trends(opened.backend.dataset, expected, freq=freq, measure=measure, unit=trend_unit)
                memory = topic_trends(expected, freq=freq, measure=measure, unit=trend_unit)
                pd.testing.assert_frame_equal(frame, memory, check_dtype=False)
                assert frame.attrs == memory.attrs
    assert opened.topic_trends(got).columns.tolist() == ["period", "topic_id", "label", "value"]
    assert opened.topic_trends(got.fine).columns.tolist() == ["period", "topic_id", "label", "value"]


def test_topics_of_a_large_dataset_are_fitted_on_a_sample_and_score_every_article(both):
    opened, _ = both
    topics = opened.topics(level="article", n_topics=2, sample=5)  # 9 articles: more than the sample
    assert (topics.unit, topics.level, topics.n_topics) == ("article", "coarse", 2)
    assert set(topics.documents["article_id"]) == set(opened.catalog["article_id"])
    # every article with terms of the model is scored at both levels; one without them has no weights
    empty = set(topics.documents.loc[np.asarray(topics.counts.sum(axis=1)).ravel() == 0, "article_id"])
    assert 0 < len(empty) < len(topics.documents)
    for level in (topics, topics.fine):
        sums = level.doc_topics.groupby("article_id")["weight"].sum()
        assert np.allclose(sums, 1.0) and set(sums.index) == set(topics.documents["article_id"]) - empty
    assert set(topics.fine.labels["parent_id"]) <= {0, 1}
    assert topics.matrix.shape == (len(opened), len(topics.vocabulary))
    frame = opened.topic_trends(topics, freq="M")
    assert set(frame["topic_id"]) == {0, 1} and frame["value"].between(0, 1).all()
    with pytest.raises(wb.WorkbenchError, match="select at most 5"):
        opened.topics(unit="paragraph", sample=5)


def test_a_large_dataset_is_scored_as_its_articles_would_be_in_memory(both):
    """The sample's model scores the dataset's articles (term counts from DuckDB) as it scores the same
    articles' in-memory document-term counts, at both levels."""
    opened, loaded = both
    got = opened.topics(level="fine", unit="article", n_topics=2, sample=5)
    dtm = document_term_matrix(loaded.tokens, level="article", docs=got.documents)
    counts = dtm.counts[:, pd.Index(dtm.terms).get_indexer(got.vocabulary)]
    assert (pd.Index(dtm.terms).get_indexer(got.vocabulary) >= 0).all()
    expected = score_topics(got, counts, got.documents)
    assert expected.level == "fine"
    for g, e in ((got, expected), (got.coarse, expected.coarse)):
        pd.testing.assert_frame_equal(
            _sorted(g.doc_topics, ["article_id", "topic_id"]),
            _sorted(e.doc_topics, ["article_id", "topic_id"]),
            check_exact=False,
            atol=1e-6,
        )


def test_selection_conditions_take_whole_days():
    ((kind, (start, end)),) = duck.selection_conditions(start="2025-10-01", end="2025-10-31")
    assert kind == "published" and start == pd.Timestamp("2025-10-01")
    assert end == pd.Timestamp("2025-10-31 23:59:59.999999")
    with pytest.raises(wb.WorkbenchError, match="after end"):
        duck.selection_conditions(start="2025-11-01", end="2025-10-01")


def test_connect_says_what_to_do_with_a_folder_that_is_no_dataset(tmp_path):
    with pytest.raises(wb.WorkbenchError, match="no dataset here; write one with `workbench ingest SOURCES --out"):
        duck.connect(tmp_path)


#: Texts whose contexts are hard to cut: non-ASCII letters, an astral emoji and a combining accent (Python
#: and DuckDB count characters, not bytes or graphemes), Unicode spaces, punctuation tokens inside the
#: window, more punctuation than a first read reaches, and matches at an article's start and end.
HARD_TEXTS = {
    "a": "Öl steigt: «Öl», sagte 😀 Zoë\u0301 — 85\u00a0$ ... Öl!",
    "b": "Oil\u2003prices , ; : ( ) [ ] { } - - - ! ? oil rose 1\u3000000 % in 日本 oil",
    "c": "crude oil",
    "d": "The\x0bcrude\x1c oil ( Brent ) traded ; oil_2 ... and oil. " + ", " * 40 + "Then crude oil again.",
    "e": "No match here at all.",
    "f": "oil",
    "g": "   ",
    "h": "! ? .",
}


def _write_dataset(root, articles: pd.DataFrame, tables: dict[str, pd.DataFrame], parts: int = 2) -> None:
    """A dataset folder as ``workbench ingest`` lays it out: each table split into the same partition
    files, by article, in the articles' order."""
    ids = list(articles["article_id"])
    size = -(-len(ids) // parts)
    for k in range(parts):
        chosen = set(ids[k * size : (k + 1) * size])
        for name, frame in {"articles": articles, **tables}.items():
            folder = root / name
            folder.mkdir(parents=True, exist_ok=True)
            frame[frame["article_id"].isin(chosen)].to_parquet(folder / f"part-{k}.parquet", index=False)
    record_manifest(root)


def record_manifest(root) -> None:
    """A complete manifest of the files under ``root`` (for datasets a test writes by hand)."""
    from workbench.dataset.manifest import Manifest, file_entry, listed_files, write_manifest
    from workbench.dataset.store import Store

    store = Store(root)
    files = sorted(listed_files(store), key=lambda p: (p.split("/")[1], p))  # partition order
    entries = [file_entry(store, path) for path in files]
    write_manifest(store, Manifest(status="complete", engine="test", command="(written by a test)", files=entries))


@pytest.fixture(scope="module")
def hard(tmp_path_factory):
    from workbench.analysis.vectors import frames_from_texts

    articles, _, tokens = frames_from_texts(HARD_TEXTS)
    articles["boilerplate"] = ""
    # mentions that are not whole tokens, some without a sentence, in articles without tokens or words
    mentions = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "d", "d", "g", "h"],
            "sentence_id": [0, None, 0, 0, None, None, None],
            "start": [0, 12, 3, 6, 27, 0, 2],
            "end": [2, 14, 12, 15, 30, 1, 3],
            "surface": ["Öl", "Öl", "\u2003prices", "crude\x1c o", "ent", " ", "?"],
            "actor_id": "oel",
            "actor": "Öl",
        }
    ).astype({"sentence_id": "Int64"})
    root = tmp_path_factory.mktemp("hard") / "dataset"
    _write_dataset(root, articles, {"tokens": tokens, "mentions": mentions})
    return duck.connect(root), articles, tokens, mentions


@pytest.mark.parametrize("query", ["öl", "oil", "crude oil", ["oil", "crude oil"], "oil_2", "日本", "pric*"])
@pytest.mark.parametrize("window", [0, 1, 3, 8])
@pytest.mark.parametrize("sort", [None, "left", "right"])
def test_kwic_cuts_contexts_like_python_in_hard_texts(hard, query, window, sort):
    from workbench.analysis.kwic import kwic

    ds, articles, tokens, _ = hard
    expected = kwic(articles, tokens, query, window=window, sort=sort)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(duck.kwic(ds, query, window=window, sort=sort), expected, check_dtype=False)


@pytest.mark.parametrize("window", [0, 2, 8])
def test_kwic_reads_further_where_punctuation_fills_the_first_read(hard, monkeypatch, window):
    from workbench.analysis.kwic import kwic, kwic_spans

    ds, articles, tokens, mentions = hard
    monkeypatch.setattr(duck.contexts, "reach", lambda window: 1)  # every match needs more than one read
    for query in ("oil", "crude oil"):
        expected = kwic(articles, tokens, query, window=window)
        pd.testing.assert_frame_equal(duck.kwic(ds, query, window=window), expected, check_dtype=False)
    expected = kwic_spans(articles, tokens, mentions, window=window)
    pd.testing.assert_frame_equal(duck.mention_kwic(ds, "oel", window=window), expected, check_dtype=False)


@pytest.mark.parametrize("window", [0, 1, 8])
def test_mention_kwic_of_spans_inside_tokens_and_without_a_sentence(hard, window):
    from workbench.analysis.kwic import kwic_spans

    ds, articles, tokens, mentions = hard
    expected = kwic_spans(articles, tokens, mentions, window=window, sort="right")
    assert expected["sentence_id"].notna().all()
    pd.testing.assert_frame_equal(duck.mention_kwic(ds, "Öl", window=window, sort="right"), expected, check_dtype=False)
    first = kwic_spans(articles, tokens, mentions.head(2), window=window)  # the mentions are in corpus order
    pd.testing.assert_frame_equal(duck.mention_kwic(ds, "oel", window=window, limit=2), first, check_dtype=False)


def test_kwic_says_when_tokens_are_not_numbered_in_order(hard, tmp_path):
    _, articles, tokens, _ = hard
    gap = tokens[~((tokens["article_id"] == "b") & (tokens["token_id"] == 2))]
    _write_dataset(tmp_path, articles, {"tokens": gap})
    with pytest.raises(wb.WorkbenchError, match="not numbered 0, 1, 2"):
        duck.kwic(duck.connect(tmp_path), "oil")


def test_a_selections_article_ids_follow_the_dataset_order(both):
    opened, _ = both
    catalog = duck.connect(opened.dataset).read("articles", texts=False)["article_id"].tolist()
    for selection in ({"words": "Istanbul"}, {"words": "Pakistan"}, {"start": "2025-10-20", "end": "2025-11-30"}):
        ids = duck.connect(opened.dataset, **selection).article_ids()
        assert ids and len(ids) < len(catalog)
        assert ids == [a for a in catalog if a in set(ids)]  # the order of the dataset, not of a hash join
