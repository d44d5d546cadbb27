"""Topic discovery: deterministic NMF topics, automatic number of topics, levels, clear errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.topics.wire import WIRE
from workbench.analysis.vectors import WorkbenchError, frames_from_texts
from workbench.topics.matrix import name_mask
from workbench.topics.model import Topics, score_topics, topics
from workbench.topics.selection import coherence

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
    assert result.unit == "paragraph" and result.level == "coarse"
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
        (TEXTS, {"unit": "sentence"}, "unit must be"),
        (TEXTS, {"n_fine": 0}, "n_fine must be"),
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


@pytest.fixture(scope="module")
def wire():
    return frames_from_texts(WIRE)


def groups(dominant: pd.DataFrame) -> dict[str, int]:
    return dominant.set_index("article_id")["topic_id"].to_dict()


def test_fine_topics_split_their_coarse_topic_and_name_it(wire):
    coarse = topics(*wire, unit="article", n_topics=2, n_fine=2)
    fine = coarse.fine
    assert (coarse.level, fine.level, coarse.n_topics, fine.n_topics) == ("coarse", "fine", 2, 4)
    desk, thread = groups(coarse.dominant()), groups(fine.dominant())
    for a, b in (("oil", "gas"), ("vote", "poll")):  # one desk each, two threads within it
        assert len({desk[f"{p}{i}"] for p in (a, b) for i in range(4)}) == 1
        assert {thread[f"{a}{i}"] for i in range(4)} != {thread[f"{b}{i}"] for i in range(4)}
        assert len({thread[f"{a}{i}"] for i in range(4)}) == 1
    assert desk["oil0"] != desk["vote0"]
    parent = fine.labels.set_index("topic_id")["parent_id"]
    assert all(parent[thread[a]] == desk[a] for a in WIRE)  # each article's fine topic is under its desk
    assert coarse.children(desk["oil0"]) == sorted({thread["oil0"], thread["gas0"]})
    names = coarse.labels.set_index("topic_id")["label"]
    assert fine.labels["parent_label"].tolist() == [names[p] for p in fine.labels["parent_id"]]
    for level in (coarse, fine):
        assert level.doc_topics.groupby("article_id")["weight"].sum().round(6).eq(1.0).all()


def test_both_levels_come_from_one_fit_and_the_fine_one_when_asked(wire):
    fine = topics(*wire, unit="article", n_topics=2, n_fine=2, level="fine")
    assert fine.level == "fine" and fine.coarse.fine is fine and fine.coarse.level == "coarse"
    coarse = topics(*wire, unit="article", n_topics=2)
    assert coarse.levels is not None and "fine" not in coarse.levels.views  # not fitted yet
    assert coarse.fine.n_topics >= 2 and coarse.has_level("fine")


@pytest.mark.parametrize(
    "options, unit, level",
    [
        ({}, "paragraph", "coarse"),  # 8 articles: fewer than FEW_ARTICLES, so paragraphs
        ({"level": "article"}, "article", "coarse"),  # the one-level spelling: level is the unit
        ({"level": "paragraph"}, "paragraph", "coarse"),
        ({"level": "auto"}, "paragraph", "coarse"),
        ({"unit": "article", "level": "fine"}, "article", "fine"),
        ({"unit": "paragraph", "level": "paragraph"}, "paragraph", "coarse"),
    ],
)
def test_level_and_unit_spellings(small, options, unit, level):
    result = topics(*small, **options)
    assert (result.unit, result.level) == (unit, level)


def test_a_unit_given_twice_differently_is_refused(small):
    with pytest.raises(WorkbenchError, match="give one"):
        topics(*small, level="article", unit="paragraph")


def test_a_one_level_model_built_by_hand_keeps_working():
    built = Topics(
        doc_topics=pd.DataFrame({"article_id": ["a"], "topic_id": [0], "weight": [1.0]}),
        terms=pd.DataFrame({"topic_id": [0], "rank": [1], "term": ["oil"], "weight": [1.0]}),
        labels=pd.DataFrame({"topic_id": [0], "label": ["oil"]}),
        level="article",
        n_topics=1,
        documents=pd.DataFrame({"article_id": ["a"]}),
    )
    assert (built.unit, built.level, built.coarse) == ("article", "coarse", built)
    assert not built.has_level("fine")
    with pytest.raises(WorkbenchError, match="no 'fine' level"):
        built.at("fine")


def test_small_coarse_topics_are_not_split(seed):
    result = topics(*seed, mentions=seed_mentions(seed))
    per_parent = result.fine.labels.groupby("parent_id").size()
    assert (per_parent == 1).all() and len(per_parent) == result.n_topics  # 2–5 paragraphs each: < FINE_MIN_DOCS
    same = result.fine.dominant()["topic_id"].map(result.fine.labels.set_index("topic_id")["parent_id"])
    assert same.tolist() == result.dominant()["topic_id"].tolist()


def test_articles_are_filed_under_one_coarse_topic_paragraphs_are_not(wire, seed):
    articles = topics(*wire, unit="article", n_topics=2)
    assert articles.model is not None and articles.model.filing is not None
    paragraphs = topics(*seed)
    assert paragraphs.model is not None and paragraphs.model.filing is None


def test_scoring_documents_again_gives_the_fitted_topics(wire):
    fitted = topics(*wire, unit="article", n_topics=2, n_fine=2)
    scored = score_topics(fitted, fitted.counts, fitted.documents)
    assert scored.labels.equals(fitted.labels) and scored.fine.labels.equals(fitted.fine.labels)
    for a, b in ((scored, fitted), (scored.fine, fitted.fine)):
        assert a.dominant()["topic_id"].tolist() == b.dominant()["topic_id"].tolist()
        assert np.allclose(a.doc_topics.groupby("article_id")["weight"].sum(), 1.0)
    with pytest.raises(WorkbenchError, match="no fitted two-level model"):
        score_topics(Topics(pd.DataFrame(), pd.DataFrame(), pd.DataFrame()), fitted.counts, fitted.documents)
