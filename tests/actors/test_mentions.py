"""Actor mentions on the seed: acceptance of issue 3, contract columns, offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from workbench.actors.mentions import article_mentions
from workbench.actors.tables import MENTION_COLUMNS, actors_table, mentions_table
from workbench.text import sentences as sentence_spans

SEED_FILE = Path(__file__).resolve().parents[2] / "seeds" / "000_911338bfee1af513.txt"


def seed_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = SEED_FILE.read_text(encoding="utf-8")
    title, body = raw.split("\n", 1)
    body = re.sub(r"^\s*ISLAMABAD:\s*", "", body.strip())
    body = body[: body.index("LEAVE A REPLY")].rstrip()
    articles = pd.DataFrame(
        [
            {
                "article_id": "0" * 16,
                "title": title,
                "text": body,
                "published": pd.Timestamp("2025-11-05"),
                "duplicate_of": None,
            }
        ]
    )
    sents = pd.DataFrame(
        [
            {
                "article_id": "0" * 16,
                "sentence_id": i,
                "paragraph_id": p,
                "start": s,
                "end": e,
                "text": body[s:e],
            }
            for i, (s, e, p) in enumerate(sentence_spans(body))
        ]
    )
    return articles, sents


@pytest.fixture(scope="module")
def seed() -> tuple[pd.DataFrame, pd.DataFrame]:
    return seed_frames()


@pytest.fixture(scope="module", params=[True, False], ids=["dictionary", "empty-dictionary"])
def mentions(request: pytest.FixtureRequest, seed: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    articles, sents = seed
    return mentions_table(articles, sents, None, builtin_actors=request.param)


def test_contract_columns_and_offsets(mentions: pd.DataFrame, seed: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    text = seed[0].text.iat[0]
    assert list(mentions.columns[: len(MENTION_COLUMNS)]) == MENTION_COLUMNS
    assert all(text[r.start : r.end] == r.surface for r in mentions.itertuples())
    assert set(mentions.actor_type) <= {"person", "organization", "country", "group", "place", "other"}
    assert set(mentions.method) <= {"dictionary", "gazetteer", "discovered", "alias"}


def test_seed_with_shipped_dictionary(seed: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, sents = seed
    m = mentions_table(articles, sents, None)
    text = articles.text.iat[0]
    actors = set(m.actor)
    for name in [
        "Pakistan",
        "Afghan Taliban",
        "Afghanistan",
        "Turkiye",
        "Qatar",
        "Khawaja Asif",
        "Bilawal Bhutto-Zardari",
        "PPP",
        "Gul Bahadur group",
        "NATO",
        "Istanbul",
        "Doha",
    ]:
        assert name in actors, name
    metonyms = m[m.metonymy & (m.surface == "Islamabad")]
    assert len(metonyms) >= 2 and set(metonyms.actor) == {"Pakistan"}
    possessive = text.index("Pakistan\u2019s")
    assert ((m.start == possessive) & (m.actor == "Pakistan")).any()
    asif = m[m.actor == "Khawaja Asif"]
    assert {"Asif", "defence minister"} <= set(asif.surface)
    assert set(m.loc[m.actor.isin(["Istanbul"]), "actor_type"]) == {"place"}
    assert ((m.actor == "Doha") & (m.actor_type == "place")).any()
    for junk in ["MQM", "Sattar", "Siddiqui", "LEAVE", "Must Read"]:
        assert not m.surface.str.contains(junk).any()


def test_seed_with_empty_dictionary(seed: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, sents = seed
    m = mentions_table(articles, sents, None, builtin_actors=False)
    types = m.groupby("actor")["actor_type"].first()
    assert types["Khawaja Asif"] == "person"
    assert types["Bilawal Bhutto-Zardari"] == "person"
    assert types["Gul Bahadur group"] == "group"
    assert types["PPP"] == "organization"
    assert types["Turkiye"] == "country" and types["Qatar"] == "country"
    assert "Asif" in set(m.loc[m.actor == "Khawaja Asif", "surface"])
    assert not m.surface.isin(["Speaking", "Relations", "Hostilities", "Following", "Constitutional Amendment"]).any()


@pytest.mark.parametrize(
    ("text", "surface", "actor", "actor_type"),
    [
        ("Officials in Islamabad met.", "Islamabad", "Islamabad", "place"),
        ("Islamabad said it would respond.", "Islamabad", "Pakistan", "country"),
        (
            "The Awami National Party (ANP) won. Later the ANP said no.",
            "ANP",
            "Awami National Party",
            "organization",
        ),
        ("Texaco Inc said profits rose. Texaco added that", "Texaco", "Texaco Inc", "organization"),
        ("Talks in West Germany and the Soviet Union stalled.", "West Germany", "West Germany", "country"),
        ("Ivory Coast and Côte d'Ivoire are one.", "Ivory Coast", "Côte d'Ivoire", "country"),
        ("Senator John Smith spoke. Smith left.", "Smith", "John Smith", "person"),
        ("The Finance Ministry said so.", "Finance Ministry", "Finance Ministry", "organization"),
    ],
)
def test_rules(text: str, surface: str, actor: str, actor_type: str) -> None:
    rows = [r for r in article_mentions("x", text, [(0, len(text))]) if r["surface"] == surface]
    assert rows, f"no mention {surface!r} in {text!r}"
    assert (rows[-1]["actor"], rows[-1]["actor_type"]) == (actor, actor_type)


def test_caps_lines_give_no_discoveries() -> None:
    text = "SHR 12 CTS VS 15 CTS NET 1.2 MLN VS 900,000 REVS 40 MLN"
    assert article_mentions("x", text, [(0, len(text))]) == []


def test_actors_table(seed: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, sents = seed
    table = actors_table(mentions_table(articles, sents, None), articles)
    row = table.set_index("actor").loc["Khawaja Asif"]
    assert row.actor_type == "person" and row.mentions >= 4 and row.articles == 1
    assert "Asif" in row.aliases and row.first_seen == pd.Timestamp("2025-11-05")
    assert table.mentions.is_monotonic_decreasing


def test_role_nouns_are_mentions_but_no_aliases(seed: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, sents = seed
    mentions = mentions_table(articles, sents, None)
    assert ((mentions.actor == "Khawaja Asif") & (mentions.surface == "defence minister")).any()
    row = actors_table(mentions, articles).set_index("actor").loc["Khawaja Asif"]
    assert "defence minister" not in row.aliases and row.aliases[0] == "Asif"


def test_the_outlet_of_a_story_is_no_actor_of_it() -> None:
    text = "Officials told Reuters that Reuters Holdings Plc and Texaco Inc would talk."
    articles = pd.DataFrame(
        {"article_id": ["a", "b"], "text": [text, text], "outlet": ["Reuters", "Dawn"], "published": pd.NaT}
    )
    sents = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "start": [0, 0], "end": [len(text)] * 2})
    m = mentions_table(articles, sents, None)
    assert not ((m.article_id == "a") & (m.surface == "Reuters")).any()
    assert ((m.article_id == "a") & (m.surface == "Reuters Holdings Plc")).any()
    assert ((m.article_id == "b") & (m.surface == "Reuters") & (m.actor_type == "organization")).any()
