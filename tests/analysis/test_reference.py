"""The shipped reference word list (Reuters-21578 word counts) and how it is rebuilt."""

from __future__ import annotations

from workbench.analysis.reference import build_reference, read_reference, reference_frequencies, write_reference
from workbench.analysis.vectors import frames_from_texts


def test_shipped_list_states_its_source_and_size():
    ref = reference_frequencies()
    assert "Reuters-21578" in ref.source
    assert ref.documents > 18_000 and len(ref.table) > 10_000
    assert list(ref.table.columns) == ["term", "df", "count"]
    assert (ref.table["df"] >= 3).all() and (ref.table["count"] >= ref.table["df"]).all()


def test_idf_orders_common_rare_and_two_word_terms():
    ref = reference_frequencies()
    week, talks, ceasefire = ref.idf(["week", "talks", "ceasefire"])
    assert week < talks < ceasefire
    assert ref.idf(["ceasefire talks"])[0] == ceasefire  # the rarer word bounds a two-word term


def test_build_reference_counts_stories_once_and_skips_duplicates():
    texts = {
        "a": "Ceasefire talks. Ceasefire.",
        "b": "Ceasefire talks resumed.",
        "c": "Ceasefire.",
        "d": "Talks.",
    }
    articles, _, tokens = frames_from_texts(texts, duplicate_of={"d": "b"})
    table = build_reference(articles, tokens, min_df=1).set_index("term")
    assert table.loc["ceasefire", "df"] == 3 and table.loc["ceasefire", "count"] == 4
    assert table.loc["talks", "df"] == 2


def test_written_list_reads_back_with_its_header(tmp_path):
    texts = {"a": "Ceasefire talks.", "b": "Ceasefire talks resumed.", "c": "Ceasefire talks.", "e": "Ceasefire."}
    articles, _, tokens = frames_from_texts(texts, duplicate_of={"c": "b"})
    path = write_reference(articles, tokens, tmp_path / "ref.csv")
    ref = read_reference(path)
    assert ref.documents == 3 and "Reuters-21578" in ref.source  # the duplicate is not a story of its own
    assert ref.table["term"].tolist() == ["ceasefire"] and ref.df("ceasefire") == 3  # talks: in 2 stories only
    assert path.read_text(encoding="utf-8").startswith("# source:")
