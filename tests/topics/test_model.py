"""Topic discovery: deterministic NMF topics, automatic number of topics, levels, clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.analysis.vectors import WorkbenchError, frames_from_texts
from workbench.topics.model import Topics, coherence, name_mask, topics

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_911338bfee1af513.txt"
AMENDMENT_PARAGRAPHS = {6, 7}
TALKS_PARAGRAPHS = {0, 1, 2, 3, 4, 11, 12}

TEXTS = {
    "t1": "Ceasefire talks in Istanbul resumed. The ceasefire monitoring mechanism was agreed.",
    "t2": "Negotiators met in Istanbul for ceasefire talks. Talks on the monitoring mechanism.",
    "t3": "The ceasefire talks in Doha ended. Istanbul talks follow on the mechanism.",
    "a1": "Parliament debates the constitutional amendment. The amendment draft reaches parliament.",
    "a2": "The constitutional amendment draft was presented in parliament by the government.",
    "a3": "Political parties oppose the amendment draft in parliament and the constitutional court.",
    "o1": "Oil prices rose as crude output fell. Oil markets and crude exports.",
    "o2": "Crude oil exports fell and oil prices rose on output cuts.",
}


@pytest.fixture(scope="module")
def small():
    return frames_from_texts(TEXTS, published={k: "2025-10-2" + str(i % 9) for i, k in enumerate(TEXTS)})


@pytest.fixture(scope="module")
def seed():
    body = SEED.read_text(encoding="utf-8").strip().split("\n", 1)[1].strip().removeprefix("ISLAMABAD: ")
    return frames_from_texts({"seed": body[: body.index("LEAVE A REPLY")].strip()})


def test_article_topics_contract(small):
    result = topics(*small, level="article", n_topics=3)
    assert isinstance(result, Topics) and result.n_topics == 3
    assert list(result.doc_topics.columns) == ["article_id", "topic_id", "weight"]
    assert list(result.terms.columns) == ["topic_id", "rank", "term", "weight"]
    assert list(result.labels.columns) == ["topic_id", "label"]
    sums = result.doc_topics.groupby("article_id")["weight"].sum()
    assert sums.round(6).eq(1.0).all()
    dom = result.dominant().set_index("article_id")["topic_id"]
    groups = [{dom[k] for k in ks} for ks in (("t1", "t2", "t3"), ("a1", "a2", "a3"), ("o1", "o2"))]
    assert all(len(g) == 1 for g in groups) and len(set.union(*groups)) == 3


def test_same_input_same_topics(small):
    one, two = topics(*small, level="article"), topics(*small, level="article")
    pd.testing.assert_frame_equal(one.doc_topics, two.doc_topics)
    pd.testing.assert_frame_equal(one.terms, two.terms)


def test_number_of_topics_is_chosen_and_explained(small):
    result = topics(*small, level="article")
    assert result.selection["chosen"].sum() == 1
    assert result.n_topics == int(result.selection.loc[result.selection["chosen"], "n_topics"].iloc[0])
    assert result.n_topics == 3


def test_equally_coherent_numbers_of_topics_prefer_distinct_topics():
    """Regression: on a coherence tie the larger k won even when its extra topic repeated another's terms."""
    texts = {
        "a": "Ceasefire talks in Istanbul.",
        "b": "Ceasefire talks in Doha.",
        "c": "Zebra unicorn pangolin.",
        "d": "Oil prices rose.",
        "e": "Oil prices fell.",
    }
    result = topics(*frames_from_texts(texts), level="article")
    assert result.n_topics == 2 and {"n_topics", "coherence", "diversity", "chosen"} <= set(result.selection)
    dom = result.dominant().set_index("article_id")["topic_id"]
    assert dom["a"] == dom["b"] != dom["d"] == dom["e"]


def test_auto_level_uses_paragraphs_for_few_articles(seed):
    result = topics(*seed)
    assert result.level == "paragraph"
    assert {"article_id", "paragraph_id", "topic_id", "weight"} <= set(result.doc_topics.columns)
    assert result.dominant()["paragraph_id"].tolist() == list(range(13))


def seed_mentions(frames):
    """Actor mentions as ``corpus.mentions`` gives them (``corpus.topics`` passes them on)."""
    from workbench.actors.tables import mentions_table

    return mentions_table(*frames)


def test_seed_amendment_paragraphs_have_their_own_topic(seed):
    result = topics(*seed, mentions=seed_mentions(seed))
    dom = result.dominant().set_index("paragraph_id")["topic_id"]
    amendment = {dom[p] for p in AMENDMENT_PARAGRAPHS}
    assert len(amendment) == 1
    topic = amendment.pop()
    assert "amendment" in result.labels.set_index("topic_id")["label"][topic]
    assert not {dom[p] for p in TALKS_PARAGRAPHS} & {topic}, "talks paragraphs share the amendment topic"
    assert result.selection["chosen"].sum() == 1 and result.n_topics >= 3


@pytest.mark.parametrize("n_topics", [3, 4, 5])
def test_seed_amendment_apart_whatever_the_number_of_topics(seed, n_topics):
    dom = topics(*seed, mentions=seed_mentions(seed), n_topics=n_topics).dominant()
    dom = dom.set_index("paragraph_id")["topic_id"]
    assert dom[6] == dom[7] and dom[6] not in {dom[p] for p in TALKS_PARAGRAPHS}


def test_speaker_names_are_left_out_of_paragraph_topics(seed):
    result = topics(*seed, mentions=seed_mentions(seed))
    assert not {"asif", "khawaja", "bilawal", "defence minister"} & set(result.vocabulary)
    kept = topics(*seed, mentions=seed_mentions(seed), exclude_types=())
    assert "asif" in set(kept.vocabulary)
    lazy = topics(*seed, mentions=lambda: seed_mentions(seed))
    assert list(lazy.vocabulary) == list(result.vocabulary)


def test_article_topics_keep_names_and_do_not_ask_for_mentions(small):
    def fail():
        raise AssertionError("mentions are only needed at paragraph level")

    assert topics(*small, level="article", n_topics=3, mentions=fail).n_topics == 3


def test_name_mask_marks_tokens_inside_mentions():
    articles, sentences, tokens = frames_from_texts({"a": "Minister Khawaja Asif met Bilawal in Doha."})
    text = articles["text"].iloc[0]
    spans = pd.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "start": [text.index("Khawaja"), text.index("Bilawal"), text.index("Doha")],
            "end": [text.index(" met"), text.index(" in"), text.index(".")],
            "actor_type": ["person", "person", "place"],
        }
    )
    marked = tokens.loc[name_mask(tokens, spans, ("person",)), "token"].tolist()
    assert marked == ["Khawaja", "Asif", "Bilawal"]
    assert not name_mask(tokens, None, ("person",)).any()


def test_coherence_bounds():
    import numpy as np
    import scipy.sparse as sp

    binary = sp.csc_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=float))
    assert coherence(binary, np.array([[0, 1]])) == pytest.approx(1.0)
    assert coherence(binary, np.array([[0, 2]])) == pytest.approx(-1.0)


@pytest.mark.parametrize(
    "texts, options, message",
    [
        ({}, {}, "empty"),
        ({"a": "Ceasefire."}, {}, "at least 2"),
        ({"a": "The of and.\n\nIt is so.", "b": "And the."}, {}, "no content words"),
        (TEXTS, {"n_topics": 50, "level": "article"}, "more than the 8 articles"),
        (TEXTS, {"n_topics": 0}, "at least 1"),
        (TEXTS, {"level": "sentence"}, "level must be"),
        ({"a": "Ceasefire talks.", "b": "Oil prices."}, {"level": "article", "n_topics": 2}, None),
    ],
)
def test_bad_input_is_explained(texts, options, message):
    frames = frames_from_texts(texts) if texts else (pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    if message is None:
        assert topics(*frames, **options).n_topics == 2
        return
    with pytest.raises(WorkbenchError, match=message):
        topics(*frames, **options)
