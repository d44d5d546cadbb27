"""The corpus-trained classifier types discovered names that the rules can only guess."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from workbench.actors.classifier import mention_features, retype_unsure, training_views
from workbench.actors.mentions import article_mentions
from workbench.actors.tables import mentions_table
from workbench.text import sentences as sentence_spans

FIRMS = ["Bolton Fairweather", "Carver Dunmore", "Ashby Kettering", "Thorne Whitacre", "Pelham Rigby",
         "Marlow Hastings", "Ingram Castell", "Wexley Brandt", "Rowan Tillery", "Oakes Pemberton"]  # fmt: skip
PEOPLE = ["Peter Holt", "Anne Carey", "David Munro", "Susan Price", "Robert Kane", "Laura Finch",
          "Thomas Reed", "Helen Marsh", "George Lyle", "Mary Quinn"]  # fmt: skip


def synthetic_corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Firms named with their suffix ("Inc") and without it; persons with titles; "Merrill Lynch" unsuffixed."""
    texts = []
    for i in range(30):
        firm, other = FIRMS[i % 10], FIRMS[(i + 3) % 10]
        person = PEOPLE[i % 10]
        texts.append(
            f"Shares of {firm} Inc rose after Chairman {person} spoke in London. "
            f"An analyst with {other} said the bid was low. "
            f"Merrill Lynch and Co Inc advised {firm} Inc on the deal. "
            f"{person} said {other} Corp would reply. "
            f"The offer was arranged by Merrill Lynch, according to an analyst with Merrill Lynch in Paris."
        )
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i:03d}" for i in range(len(texts))],
            "text": texts,
            "published": pd.Timestamp("1987-03-02"),
        }
    )
    sents = pd.DataFrame(
        [
            {"article_id": aid, "sentence_id": k, "start": s, "end": e}
            for aid, text in zip(articles["article_id"], texts, strict=True)
            for k, (s, e, _p) in enumerate(sentence_spans(text))
        ]
    )
    return articles, sents


def types_of(mentions: pd.DataFrame, surface: str) -> set[str]:
    return set(mentions.loc[mentions["surface"] == surface, "actor_type"])


def test_rules_alone_call_merrill_lynch_a_person() -> None:
    articles, sents = synthetic_corpus()
    rules = mentions_table(articles, sents, None, builtin_actors=False, classify=False, model=False)
    assert types_of(rules, "Merrill Lynch") == {"person"}  # the name-shape guess the classifier must fix


def test_classifier_learns_from_the_corpus_that_merrill_lynch_is_a_firm() -> None:
    articles, sents = synthetic_corpus()
    mentions = mentions_table(articles, sents, None, builtin_actors=False, model=False)
    assert types_of(mentions, "Merrill Lynch") == {"organization"}
    evidence = set(mentions.loc[mentions["surface"] == "Merrill Lynch", "evidence"])
    assert len(evidence) == 1 and evidence.pop().startswith("classifier p=")
    # titled persons stay persons
    assert types_of(mentions, "Peter Holt") == {"person"}
    # text[start:end] == surface still holds
    texts = articles.set_index("article_id")["text"]
    assert all(texts[a][s:e] == f for a, s, e, f in mentions[["article_id", "start", "end", "surface"]].itertuples(index=False))  # fmt: skip


def test_classifier_is_deterministic() -> None:
    articles, sents = synthetic_corpus()
    one = mentions_table(articles, sents, None, builtin_actors=False, model=False)
    two = mentions_table(articles, sents, None, builtin_actors=False, model=False)
    pd.testing.assert_frame_equal(one, two)


def test_too_little_training_data_keeps_the_rules() -> None:
    articles, sents = synthetic_corpus()
    articles, sents = articles.head(1), sents[sents["article_id"] == "a000"]
    rules = mentions_table(articles, sents, None, builtin_actors=False, classify=False, model=False)
    learnt = mentions_table(articles, sents, None, builtin_actors=False, model=False)
    pd.testing.assert_frame_equal(rules, learnt)
    assert not learnt["evidence"].str.startswith("classifier").any()


def test_retype_unsure_leaves_its_input_alone() -> None:
    articles, sents = synthetic_corpus()
    rules = mentions_table(articles, sents, None, builtin_actors=False, classify=False, model=False)
    before = rules.copy()
    retype_unsure(rules, dict(zip(articles["article_id"], articles["text"], strict=True)))
    pd.testing.assert_frame_equal(rules, before)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Roger Birk, chairman emeritus of Merrill Lynch and Co Inc, said.", "Merrill Lynch and Co Inc"),
        ("It was led by Goldman Sachs and Co.", "Goldman Sachs and Co"),
        ("Smith and Sons Ltd said.", "Smith and Sons Ltd"),
    ],
)
def test_and_co_joins_a_firm_name(text: str, surface: str) -> None:
    rows = article_mentions("x", text, [(0, len(text))])
    assert [(r["surface"], r["actor_type"]) for r in rows if r["surface"] == surface] == [(surface, "organization")]


def test_texaco_and_pennzoil_co_stay_two_firms() -> None:
    text = "Texaco and Pennzoil Co agreed."
    assert [r["surface"] for r in article_mentions("x", text, [(0, len(text))])] == ["Texaco", "Pennzoil Co"]


def test_training_views_and_features() -> None:
    assert training_views("Salomon Brothers Inc", "organization") == [["Salomon", "Brothers"], ["Salomon"]]
    assert training_views("Hong Kong", "place") == [["Hong", "Kong"], ["Kong"]]
    feats = mention_features("said an analyst with Moody's in New York", 21, 26)
    assert "w=moody" in feats and "p1=with" in feats and "n1='s" in feats


def plain_mention_features(text: str, start: int, end: int, words: list[str] | None = None) -> list[str]:
    """The features as they were computed before: in one pass, the name's part not memoised."""
    from workbench.actors.classifier import _CONTEXT, _word_key
    from workbench.actors.resources import word_shape

    if words is None:
        words = text[start:end].split()
    low = [_word_key(w) for w in words]
    last = low[-1]
    feats = [f"w={w}" for w in low]
    feats += [f"first={low[0]}", f"last={last}", f"suf3={last[-3:]}", f"suf2={last[-2:]}"]
    if len(words) > 1:
        feats.append(f"sufirst3={low[0][-3:]}")
    feats.append("shape=" + " ".join(word_shape(w) for w in words))
    feats.append(f"n={min(len(words), 4)}")
    before = [w.lower() for w in _CONTEXT.findall(text, max(0, start - 40), start)[-2:]]
    after = [w.lower() for w in _CONTEXT.findall(text, end, end + 40)[:2]]
    p1 = before[-1] if before else "<s>"
    p2 = before[-2] if len(before) > 1 else "<s>"
    n1 = after[0] if after else "</s>"
    n2 = after[1] if len(after) > 1 else "</s>"
    if text.startswith(("'s", "\u2019s"), end):
        n1, n2 = "'s", n1
    feats += [f"p1={p1}", f"p2={p2} {p1}", f"n1={n1}", f"n2={n1} {n2}", f"pn={p1} _ {n1}"]
    return feats


def test_memoised_name_features_equal_the_plain_features() -> None:
    text = "Said an analyst with Moody's Investors Service in New York: Merrill Lynch and Co Inc, (Reagan)."
    spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][\w']*(?: [A-Z][\w']*)*", text)]
    assert len(spans) > 5
    for _ in range(2):  # the second time from the memo
        for start, end in spans:
            surface = text[start:end]
            assert mention_features(text, start, end) == plain_mention_features(text, start, end)
            for label in ("organization", "person", "place"):
                for view in training_views(surface, label):
                    assert mention_features(text, start, end, view) == plain_mention_features(text, start, end, view)
