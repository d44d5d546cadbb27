"""Topic lexicons: the shipped data/topics.yml, scoring per article and paragraph, malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.analysis.vectors import WorkbenchError, frames_from_texts
from workbench.topics.lexicons import load_lexicon, score_lexicon

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_911338bfee1af513.txt"


@pytest.fixture(scope="module")
def seed():
    body = SEED.read_text(encoding="utf-8").strip().split("\n", 1)[1].strip().removeprefix("ISLAMABAD: ")
    return frames_from_texts({"seed": body[: body.index("LEAVE A REPLY")].strip()})


def test_shipped_lexicon_loads():
    lex = load_lexicon(ROOT / "data" / "topics.yml")
    assert set(lex["topic_id"]) == {"talks-ceasefire", "constitutional-amendment"}
    assert list(lex.columns) == ["topic_id", "label", "term"]


def test_seed_paragraphs_split_by_lexicon(seed):
    articles, sentences, tokens = seed
    lex = load_lexicon(ROOT / "data" / "topics.yml")
    scores = score_lexicon(articles, tokens, sentences, lex, level="paragraph")
    best = scores.sort_values("hits", ascending=False, kind="stable").drop_duplicates("paragraph_id")
    best = best[best["hits"] > 0].set_index("paragraph_id")["topic_id"]
    assert best[6] == best[7] == "constitutional-amendment"
    assert {best[p] for p in (0, 1, 2, 3, 4, 11, 12)} == {"talks-ceasefire"}
    per_article = score_lexicon(articles, tokens, sentences, lex).set_index("topic_id")
    assert per_article.loc["talks-ceasefire", "hits"] > per_article.loc["constitutional-amendment", "hits"] > 0


def test_longest_term_counts_once(seed):
    articles, sentences, tokens = seed
    lex = {"amendment": ["27th constitutional amendment", "constitutional amendment", "amendment"]}
    row = score_lexicon(articles, tokens, sentences, lex).iloc[0]
    assert row["hits"] == 3 and row["matched"] == "27th constitutional amendment, amendment"


@pytest.mark.parametrize(
    "content, message",
    [
        ("topics:\n  talks: [talks\n", "not valid YAML"),
        ("", "empty"),
        ("talks: [a]\n", "no 'topics:' key"),
        ("topics:\n  Talks Now: [talks]\n", "line 2: topic id 'Talks Now'"),
        ("topics:\n  talks:\n    label: Talks\n", "no 'terms:' list"),
        ("topics:\n  talks:\n    terms: []\n", "non-empty list"),
        ("topics:\n  talks:\n    terms: [a]\n    colour: red\n", "unknown key"),
        ("topics:\n  talks: [a]\n  talks: [b]\n", "defined twice"),
    ],
)
def test_malformed_lexicon_is_explained(tmp_path, content, message):
    path = tmp_path / "topics.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbenchError, match=message):
        load_lexicon(path)
