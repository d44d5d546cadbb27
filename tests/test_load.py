"""Corpus-level loading: mixed folders, duplicates, the cache, Reuters-21578."""

import glob
import shutil
import subprocess
import sys

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

import workbench as wb
from tests.ingest.test_formats import HTML_PAGE, RSS_FEED, SGML
from workbench.corpus.cache import wait_for_writes


def test_mixed_folder_loads_in_one_call(tmp_path, seeds_dir):
    shutil.copy(seeds_dir / "000_911338bfee1af513.txt", tmp_path / "seed.txt")
    pd.DataFrame({"title": ["Table story"], "text": ["Doha hosted talks between the two sides."]}).to_csv(
        tmp_path / "t.csv", index=False
    )
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "wire.rss").write_text(RSS_FEED, encoding="utf-8")
    (tmp_path / "r.sgm").write_text(SGML, encoding="latin-1")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    corpus = wb.load(tmp_path)
    report = corpus.report
    assert len(corpus.articles) == 6  # seed, csv row, html, two feed entries, one Reuters story
    assert report["status"].value_counts().to_dict() == {"loaded": 6, "failed": 2, "skipped": 2}
    assert set(report.loc[report["status"] == "loaded", "article_id"]) == set(corpus.articles["article_id"])
    assert corpus.articles["article_id"].is_unique


def test_exact_and_near_duplicates_point_at_the_first_copy(tmp_path, seeds_dir):
    seed = (seeds_dir / "000_911338bfee1af513.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "b.txt").write_text(seed, encoding="utf-8")  # exact copy
    near = seed.replace("Khawaja Asif on Wednesday", "Khawaja Asif on Wednesday evening", 1)
    (tmp_path / "c.txt").write_text("Syndicated headline\n" + near.split("\n", 1)[1], encoding="utf-8")
    (tmp_path / "d.txt").write_text("Other\n\nA different story about wheat prices in Kansas.\n")
    corpus = wb.load(tmp_path)
    arts = corpus.articles.set_index(corpus.articles["source"].str[-5:])
    first = arts.loc["a.txt", "article_id"]
    assert pd.isna(arts.loc["a.txt", "duplicate_of"])
    assert arts.loc["b.txt", "duplicate_of"] == first and arts.loc["b.txt", "article_id"] == first + "-2"
    assert arts.loc["c.txt", "duplicate_of"] == first
    assert pd.isna(arts.loc["d.txt", "duplicate_of"])
    report = corpus.report.set_index(corpus.report["source"].str[-5:])
    assert report.loc["b.txt", "status"] == "duplicate" and "exact copy" in report.loc["b.txt", "reason"]
    assert "near-copy (resemblance 0.9" in report.loc["c.txt", "reason"]
    assert len(corpus.articles) == 4  # nothing dropped


def test_cache_is_used_and_invalidated_by_content(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("T\n\nPakistan and Qatar talked on Monday.\n")
    cache = tmp_path / "cache"
    first = wb.load(src, cache_dir=cache)
    assert len(first.tokens) > 0
    again = wb.load(src, cache_dir=cache)
    pd.testing.assert_frame_equal(again.tokens, first.tokens)  # waits for the background write, then reads it
    entries = list(cache.iterdir())
    assert len(entries) == 1 and {p.name for p in entries[0].iterdir()} >= {"articles.parquet", "tokens.parquet"}
    (src / "a.txt").write_text("T\n\nPakistan and Qatar talked on Tuesday.\n")
    changed = wb.load(src, cache_dir=cache)
    assert "Tuesday" in changed.articles.loc[0, "text"] and len(list(cache.iterdir())) == 2


def test_corrupt_cache_file_is_recomputed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("T\n\nBody text.\n")
    cache = tmp_path / "cache"
    wb.load(src, cache_dir=cache)
    wait_for_writes()  # the tables are written in the background
    corrupted = list(cache.rglob("articles.parquet"))
    assert corrupted
    for p in corrupted:
        p.write_bytes(b"garbage")
    assert wb.load(src, cache_dir=cache).articles.loc[0, "text"] == "Body text."


def test_a_script_that_loads_and_ends_leaves_every_table_in_the_cache(tmp_path):
    """The tables written in the background (articles, report, and on a large input sentences and tokens) are
    on disk when a script that loads ends: a new process finds them in the cache."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("T\n\nPakistan and Qatar talked on Monday.\n")
    cache = tmp_path / "cache"
    script = f"import workbench as wb; c = wb.load({str(src)!r}, cache_dir={str(cache)!r}); print(len(c.tokens))"
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
    (entry,) = cache.iterdir()
    assert {p.name for p in entry.iterdir()} == {
        "articles.parquet",
        "report.parquet",
        "sentences.parquet",
        "tokens.parquet",
    }


def test_all_of_reuters(shared_data):
    files = sorted(glob.glob(str(shared_data / "reuters21578" / "reut2-*.sgm")))
    assert len(files) == 22
    corpus = wb.load(*files)
    report = corpus.report
    assert len(report) == 21578
    assert set(report["status"]) <= {"loaded", "skipped", "duplicate"}
    assert (report["reason"][report["status"] == "skipped"].str.len() > 0).all()
    arts = corpus.articles
    assert len(arts) == (report["status"] != "skipped").sum() > 18_000
    assert arts["published"].notna().mean() > 0.99 and (arts["published"].dropna().dt.year == 1987).all()
    assert (arts["published_source"] == "text").mean() > 0.99
    assert arts["dateline"].ne("").mean() > 0.9
    assert not arts["text"].str.match(r"^\s*[A-Z ]+, [A-Z][a-z]+ \d+ -").any()  # datelines split off
    first = arts.set_index("record").loc["1"]
    assert first["title"] == "BAHIA COCOA REVIEW" and first["dateline"] == "SALVADOR"


def test_dedupe_of_texts_shorter_than_a_shingle():
    from workbench.pipeline.dedupe import find_duplicates

    assert find_duplicates(["Body text.", "Body text.", "Other words here."]) == {1: (0, 1.0)}
    assert find_duplicates(["One."]) == {}


def test_worker_pass_gives_the_same_tables_as_the_in_process_path(tmp_path, monkeypatch, seeds_dir):
    from workbench.ingest import read as loader

    for i in range(3):
        (tmp_path / f"t{i}.csv").write_text(
            "title,text\n"
            + "".join(f'Story {i}-{k},"Pakistan and Qatar met on Oct. {k + 1}. Talks {k} ended."\n' for k in range(40)),
            encoding="utf-8",
        )
    (tmp_path / "seed.txt").write_bytes((seeds_dir / "000_911338bfee1af513.txt").read_bytes())
    serial = wb.load(tmp_path, cache_dir=False, workers=1)
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 0)
    parallel = wb.load(tmp_path, cache_dir=False, workers=2)
    assert set(parallel.backend.tables.frames) >= {"sentences", "tokens"}  # computed in the reading pass
    pd.testing.assert_frame_equal(parallel.articles, serial.articles)
    pd.testing.assert_frame_equal(parallel.tokens, serial.tokens)
    pd.testing.assert_frame_equal(parallel.sentences, serial.sentences)


@given(st.text(st.characters(max_codepoint=127)), st.text())
def test_ascii_words_of_shingles_are_the_unicode_words(ascii_text, text):
    """The shingles' words of an ASCII text, found by ``[a-z0-9_]+``, are those ``\\w+`` finds."""
    from workbench.pipeline.dedupe import _ASCII_WORD, _WORD, all_shingles

    low = ascii_text.lower()
    assert _ASCII_WORD.findall(low) == _WORD.findall(low)
    both = ascii_text + " " + text  # an ASCII text beside one that is not, hashed alike
    assert [a.tolist() for a in all_shingles([both, ascii_text])] == [
        a.tolist() for a in all_shingles([both]) + all_shingles([ascii_text])
    ]


def test_band_keys_made_file_by_file_give_the_same_duplicates():
    """The reading pass computes band keys in each worker for its file's texts; joined, they find what keys
    computed over the whole collection find."""
    import numpy as np

    from workbench.pipeline.dedupe import all_shingles, band_keys, find_duplicates

    base = "Pakistan and Afghanistan agreed to a ceasefire in Doha after talks mediated by Qatar and Turkiye."
    texts = [base, "Wheat prices rose in Kansas this week, traders said.", base + " Updated.", "Short one.", base]
    texts += ["Wheat prices rose in Kansas this week, traders said again.", ""]
    sets = all_shingles(texts)
    keys = np.concatenate([band_keys(sets[:3]), band_keys(sets[3:])])
    assert find_duplicates(texts, sets=sets, keys=keys) == find_duplicates(texts) == find_duplicates(texts, sets=sets)
    assert 2 in find_duplicates(texts, sets=sets, keys=keys)


def test_load_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """``load_tables`` pauses the collector while it reads (``collector_paused``) and restores it, on or off."""
    import gc

    (tmp_path / "a.txt").write_text("T\n\nPakistan and Qatar talked on Monday.\n")
    wb.load(tmp_path, cache_dir=False)
    assert gc.isenabled()
    gc.disable()
    try:
        wb.load(tmp_path, cache_dir=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
