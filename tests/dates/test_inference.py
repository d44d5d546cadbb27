"""Publication dates inferred from the text when metadata gives none."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.dates.test_timexes import SEED_NAME, frames, seed_body
from workbench.dates.timexes import infer_published_dates


@pytest.fixture(scope="module")
def seed_text(seeds_dir) -> str:
    return seed_body(seeds_dir / SEED_NAME)


def test_seed_with_year_hint_is_wednesday_november_5(seed_text: str) -> None:
    articles, sentences = frames({"seed": seed_text}, {})
    out = infer_published_dates(articles, sentences, year_hint=2025)
    assert out.loc[0, "published"] == pd.Timestamp("2025-11-05")
    assert out.loc[0, "published_source"] == "inferred"
    assert articles["published"].isna().all()  # the input is not mutated


def test_corpus_evidence_supplies_the_year(seed_text: str) -> None:
    texts = {"seed": seed_text, "other": "Talks were held on Monday."}
    articles, sentences = frames(texts, {"other": "2025-10-20"})
    articles["published_source"] = ["none", "metadata"]
    out = infer_published_dates(articles, sentences).set_index("article_id")
    assert out.loc["seed", "published"] == pd.Timestamp("2025-11-05")
    assert out.loc["other", "published_source"] == "metadata"


def test_no_evidence_stays_nat() -> None:
    articles, sentences = frames({"a": "Officials met and talked for hours."}, {})
    out = infer_published_dates(articles, sentences, year_hint=2025)
    assert out["published"].isna().all()
    assert out.loc[0, "published_source"] != "inferred"


def test_no_year_stays_nat() -> None:
    articles, sentences = frames({"a": "Talks failed on October 29. They resume on November 6."}, {})
    assert infer_published_dates(articles, sentences)["published"].isna().all()


def test_explicit_today_date() -> None:
    articles, sentences = frames({"a": "Today, March 3, the court ruled. It had met on February 20."}, {})
    out = infer_published_dates(articles, sentences, year_hint=2024)
    assert out.loc[0, "published"] == pd.Timestamp("2024-03-03")


def test_loader_infers_the_seed_date_without_metadata(seeds_dir, tmp_path) -> None:
    import workbench as wb

    (tmp_path / SEED_NAME).write_bytes((seeds_dir / SEED_NAME).read_bytes())
    articles = wb.load(tmp_path, year_hint=2025).articles
    assert articles.loc[0, "published"] == pd.Timestamp("2025-11-05")
    assert articles.loc[0, "published_source"] == "inferred"
