"""The table contract (SPEC): every public frame has its columns, and every span points into the text.

One parametrised test walks every public frame function over several corpora: the seed, a mixed folder with
hostile text, and a slice of Reuters-21578.
"""

from __future__ import annotations

import pandas as pd
import pytest

import workbench as wb
from tests.conftest import require_shared
from workbench import schema

REQUIRED = {
    "articles": [
        "article_id",
        "source",
        "title",
        "dateline",
        "published",
        "published_source",
        "outlet",
        "url",
        "text",
        "boilerplate",
        "duplicate_of",
    ],
    "sentences": ["article_id", "sentence_id", "paragraph_id", "start", "end", "text"],
    "tokens": [
        "article_id",
        "sentence_id",
        "token_id",
        "token",
        "norm",
        "start",
        "end",
        "is_alpha",
        "is_stop",
        "is_punct",
    ],
    "mentions": ["article_id", "sentence_id", "start", "end", "surface", "actor_id", "actor", "actor_type", "method"],
    "actors": ["actor_id", "actor", "actor_type", "mentions", "articles", "first_seen", "last_seen", "aliases"],
    "timexes": ["article_id", "sentence_id", "start", "end", "surface", "type", "value", "date"],
    "report": ["source", "record", "status", "reason", "article_id"],
}
CALLS = {
    "kwic": (
        lambda c: c.kwic("the", window=5),
        ["article_id", "sentence_id", "start", "end", "left", "match", "right"],
    ),
    "cooccurrence": (lambda c: c.cooccurrence(level="sentence"), ["actor_a", "actor_b", "count", "articles"]),
    "cooccurrence_article": (lambda c: c.cooccurrence(level="article"), ["actor_a", "actor_b", "count", "articles"]),
    "timeline": (
        lambda c: c.timeline(),
        ["article_id", "sentence_id", "date", "granularity", "value", "text", "actors"],
    ),
    "keywords": (lambda c: c.keywords(by="article", n=5), ["article_id", "term", "score", "method"]),
    "actor_trends": (lambda c: c.actor_trends(freq="W"), ["period", "actor_id", "actor", "value"]),
    "doc_topics": (
        lambda c: c.topics(level="paragraph", n_topics=2).doc_topics,
        ["article_id", "paragraph_id", "topic_id", "weight"],
    ),
    "topic_terms": (lambda c: c.topics(level="paragraph", n_topics=2).terms, ["topic_id", "rank", "term", "weight"]),
    "topic_labels": (lambda c: c.topics(level="paragraph", n_topics=2).labels, ["topic_id", "label"]),
}
OFFSET_TABLES = ("sentences", "tokens", "mentions", "timexes")
SURFACE = {"sentences": "text", "tokens": "token", "mentions": "surface", "timexes": "surface"}

HOSTILE = (
    "Hostile <script>alert(1)</script> headline\n\n"
    "KABUL, Oct 12 (Reuters) - The Taliban said <img src=x onerror=alert(1)> that talks with Pakistan’s "
    "Defence Minister Khawaja Asif would resume on Wednesday in Istanbul.\n\n"
    "Mr. Asif told reporters in Doha on Oct. 25 that the U.S. and NATO had been informed.\n"
)


@pytest.fixture(scope="module", params=["seed", "mixed", "reuters"])
def corpus(request, tmp_path_factory, seeds_dir):
    if request.param == "seed":
        return wb.load(seeds_dir, cache_dir=False)
    if request.param == "mixed":
        folder = tmp_path_factory.mktemp("mixed")
        (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
        (folder / "seed.txt").write_bytes((seeds_dir / "000_911338bfee1af513.txt").read_bytes())
        pd.DataFrame(
            {"title": ["Row"], "text": ["Qatar and Turkiye mediated in Doha last week."], "date": ["2025-10-19"]}
        ).to_csv(folder / "t.csv", index=False)
        return wb.load(folder, cache_dir=False)
    sgm = require_shared("reuters21578", "reut2-000.sgm")
    return wb.load(sgm, cache_dir=False)


def test_the_schema_declares_every_column_the_spec_requires():
    for table, required in REQUIRED.items():
        assert set(required) <= set(schema.columns(table)), table


@pytest.mark.parametrize("table", list(REQUIRED))
def test_table_columns_and_offsets(corpus, table):
    frame = getattr(corpus, table)
    assert isinstance(frame, pd.DataFrame)
    missing = [c for c in REQUIRED[table] if c not in frame.columns]
    assert not missing, f"{table} lacks {missing}"
    # the declared columns come first, in the schema's order, with the schema's types
    declared = schema.columns(table)
    assert list(frame.columns[: len(declared)]) == declared, table
    kinds = schema.TABLES[table].columns
    for col in declared:
        expected = "object" if kinds[col] == schema.LIST else kinds[col]
        assert str(frame[col].dtype) == expected, (table, col, frame[col].dtype)
    if table in OFFSET_TABLES and len(frame):
        texts = corpus.articles.set_index("article_id")["text"]
        bad = [
            (a, s, e, v)
            for a, s, e, v in zip(frame["article_id"], frame["start"], frame["end"], frame[SURFACE[table]], strict=True)
            if texts[a][s:e] != v
        ]
        assert not bad, bad[:5]
    if table in ("mentions", "timexes") and len(frame):
        # spans never cross sentence boundaries
        sents = corpus.sentences.set_index(["article_id", "sentence_id"])
        bounds = sents.loc[list(zip(frame["article_id"], frame["sentence_id"], strict=True))]
        assert (frame["start"].to_numpy() >= bounds["start"].to_numpy()).all()
        assert (frame["end"].to_numpy() <= bounds["end"].to_numpy()).all()


@pytest.mark.parametrize("name", list(CALLS))
def test_frame_functions(corpus, name):
    call, columns = CALLS[name]
    frame = call(corpus)
    assert isinstance(frame, pd.DataFrame)
    missing = [c for c in columns if c not in frame.columns]
    assert not missing, f"{name} lacks {missing}"
    if name == "kwic":
        texts = corpus.articles.set_index("article_id")["text"]
        assert len(frame) > 0
        for a, s, e, m in zip(frame["article_id"], frame["start"], frame["end"], frame["match"], strict=True):
            assert texts[a][s:e] == m


def test_computing_one_table_never_mutates_another(seeds_dir):
    corpus = wb.load(seeds_dir, cache_dir=False)
    before = {name: getattr(corpus, name).copy() for name in ("articles", "sentences", "tokens")}
    for name in ("mentions", "actors", "timexes"):
        getattr(corpus, name)
    corpus.timeline()
    corpus.keywords()
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(corpus, name), frame)
