"""Ingest on a Dask LocalCluster (2 worker processes) gives the same tables as ``workbench.load``; a worker
lost mid-run ends with a complete dataset or an error naming the unfinished partitions; re-runs resume."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import dask
import numpy as np
import pandas as pd
import pytest

import workbench as wb
from tests.ingest.test_formats import HTML_PAGE, RSS_FEED, SGML
from workbench.errors import WorkbenchError
from workbench.scale.ingest import TABLES, ingest_dask, read_table

distributed = pytest.importorskip("distributed")

KEYS = {
    "articles": ["article_id"],
    "report": ["source", "record", "status"],
    "sentences": ["article_id", "sentence_id"],
    "tokens": ["article_id", "token_id"],
    "timexes": ["article_id", "start", "end"],
    "mentions": ["article_id", "start", "end", "actor_id"],
}
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write_mixed_corpus(folder: Path, copies: int = 1) -> Path:
    """txt (with sidecar metadata and an exact copy), csv, html, rss, sgm, and bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in SEEDS.iterdir():
        if f.is_file():
            shutil.copy(f, folder / f.name)
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "wire.rss").write_text(RSS_FEED, encoding="utf-8")
    (folder / "reut2-x.sgm").write_text(SGML, encoding="latin-1")
    (folder / "table.csv").write_text(
        "title,text,date\n"
        'Wheat up,"Wheat prices rose in Kansas on Monday, traders said.",1987-03-02\n'
        'Talks,"Pakistan and Afghanistan met in Doha on Tuesday, officials said.",2025-10-20\n',
        encoding="utf-8",
    )
    (folder / "zz-copy.txt").write_text(seed, encoding="utf-8")
    for k in range(copies):
        (folder / f"variant-{k:02d}.txt").write_text(f"Variant {k}\n\nCopy {k}: " + seed.split("\n", 2)[-1])
    (folder / "empty.txt").write_text("")
    (folder / "bad.bin").write_bytes(b"\x00\x01")
    (folder / "broken.json").write_text("[{not json")
    return folder


def _norm(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype) or str(out[col].dtype) == "str":
            out[col] = (
                out[col]
                .map(
                    lambda v: (
                        tuple(v)
                        if isinstance(v, (list, np.ndarray))
                        else (None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v)
                    )
                )
                .astype(object)
            )
    return out.sort_values(KEYS[table], kind="stable").reset_index(drop=True)


def assert_same_tables(corpus: wb.Corpus, out: Path) -> None:
    for table in TABLES:
        expected = _norm(getattr(corpus, table), table)
        got = _norm(read_table(out, table), table)
        assert list(got.columns) == list(expected.columns), table
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=table)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def test_dask_ingest_equals_load(tmp_path, cluster):
    src = write_mixed_corpus(tmp_path / "in")
    summary = ingest_dask([src], tmp_path / "out", cluster=cluster, partition_size=2)
    corpus = wb.load(src, cache_dir=False)
    assert summary.articles == len(corpus.articles) and summary.partitions == 5
    assert set(corpus.report["status"]) == {"loaded", "skipped", "failed", "duplicate"}
    assert_same_tables(corpus, tmp_path / "out")
    # every partition file is named by its key; one file per partition per table
    for table in ("articles", "sentences", "tokens", "timexes", "mentions"):
        assert len(list((tmp_path / "out" / table).glob("part-*.parquet"))) == summary.partitions

    # re-running with unchanged inputs skips every partition and leaves the same files
    before = sorted(p.name for p in (tmp_path / "out").rglob("part-*.parquet"))
    again = ingest_dask([src], tmp_path / "out", cluster=cluster, partition_size=2)
    assert again.computed == [] and len(again.skipped) == summary.partitions
    assert sorted(p.name for p in (tmp_path / "out").rglob("part-*.parquet")) == before

    # a changed input recomputes its partition only; the old partition's files are gone (no duplicates)
    (src / "table.csv").write_text('title,text,date\nOnly,"Only one row now in Lahore.",2025-10-21\n')
    changed = ingest_dask([src], tmp_path / "out", cluster=cluster, partition_size=2)
    assert 0 < len(changed.computed) < changed.partitions
    assert_same_tables(wb.load(src, cache_dir=False), tmp_path / "out")


def test_interrupted_ingest_resumes_without_duplicates(tmp_path, cluster):
    src = write_mixed_corpus(tmp_path / "in", copies=4)
    out = tmp_path / "out"
    ingest_dask([src], out, cluster=cluster, partition_size=2)
    # an interrupted run: some partitions' files missing, a stray temporary file left behind
    for table in ("tokens", "articles"):
        next((out / table).glob("part-*.parquet")).unlink()
    (out / "tokens" / ".part-x.parquet.123.tmp").write_bytes(b"partial")
    summary = ingest_dask([src], out, cluster=cluster, partition_size=2)
    assert 1 <= len(summary.computed) <= 2
    assert_same_tables(wb.load(src, cache_dir=False), out)


def test_worker_killed_mid_ingest(tmp_path):
    """A worker process is killed while tables are computed. With no retries allowed the run either
    finishes (the lost work was rescheduled in time) or raises naming the unfinished partitions; a
    re-run completes the dataset, equal to ``load``, without duplicate files."""
    src = write_mixed_corpus(tmp_path / "in", copies=16)
    out = tmp_path / "out"
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            ) as local,
            distributed.Client(local) as client,
        ):
            pids = client.run(os.getpid)

            def kill_when_started() -> None:
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and not list((out / "tokens").glob("part-*.parquet")):
                    time.sleep(0.01)
                os.kill(next(iter(pids.values())), signal.SIGKILL)

            killer = threading.Thread(target=kill_when_started)
            killer.start()
            try:
                ingest_dask([src], out, cluster=local, partition_size=1)
                outcome = "complete"
            except WorkbenchError as exc:
                assert "partitions unfinished" in str(exc) and "partition " in str(exc)
                outcome = "error"
            killer.join()
            assert outcome in {"complete", "error"}
            summary = ingest_dask([src], out, cluster=local, partition_size=1)
    corpus = wb.load(src, cache_dir=False)
    assert_same_tables(corpus, out)
    assert len(list((out / "articles").glob("part-*.parquet"))) == summary.partitions


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_duckdb_aggregates_equal_in_memory_corpus(tmp_path_factory, cluster, freq):
    from workbench import dataset as duck
    from workbench.analysis.kwic import kwic

    base = tmp_path_factory.getbasetemp() / "duck"
    if not (base / "out" / "articles").exists():
        src = write_mixed_corpus(base / "in")
        ingest_dask([src], base / "out", cluster=cluster, partition_size=3)
    corpus = wb.load(base / "in", cache_dir=False)
    con = duck.connect(base / "out")
    by = ["period", "actor_id"]
    for measure in ("mentions", "articles"):
        expected = corpus.actor_trends(freq=freq, measure=measure).sort_values(by).reset_index(drop=True)
        got = duck.actor_trends(con, freq=freq, measure=measure).sort_values(by).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    pd.testing.assert_frame_equal(
        duck.cooccurrence(con), corpus.cooccurrence().reset_index(drop=True), check_dtype=False
    )
    for query in ("Istanbul", "afghan taliban", "negotiat*"):
        expected = kwic(corpus.articles, corpus.tokens, query).sort_values(["article_id", "start"])
        got = duck.kwic(con, query).sort_values(["article_id", "start"])
        assert len(got) > 0
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)


def test_client_gets_no_texts_from_the_read_step(tmp_path):
    """The read step hands the client content ids, labels, LSH keys, years and a schema; texts and
    shingles stay with the workers (under ``_work``)."""
    from workbench.ingest.records import content_id
    from workbench.ingest.sources import expand
    from workbench.pipeline.dedupe import BANDS, band_keys
    from workbench.scale.tasks import read_full, read_partition
    from workbench.scale.work import shingle_sets

    src = write_mixed_corpus(tmp_path / "in")
    exp = expand([src])
    files = [sf for sf in exp.files if sf.path.suffix == ".txt"]
    summary = read_partition(files, exp.sidecars, None, tmp_path / "work", "k")
    full = read_full(files, exp.sidecars, None, tmp_path / "work", "k")[0]
    assert full and summary.base_ids == [content_id(r.title, r.text) for r in full]
    assert summary.labels == [(r.source, r.record) for r in full]
    assert summary.keys.shape == (len(full), BANDS)
    np.testing.assert_array_equal(summary.keys, band_keys(shingle_sets(tmp_path / "work", "k")))
    texts = {r.text for r in full if r.text}
    assert texts and not any(isinstance(v, str) and v in texts for v in vars(summary).values())
    assert "text" in summary.schema.names and pa_is_string(summary.schema.field("text").type)


def pa_is_string(t) -> bool:
    import pyarrow as pa

    return pa.types.is_string(t) or pa.types.is_large_string(t)


def test_near_duplicates_checked_per_component_equal_the_whole_corpus_check():
    """Batches of whole candidate components give every article the same first copy as one check of all."""
    from workbench.pipeline.dedupe import band_keys, candidate_components, find_duplicates
    from workbench.scale import tasks as scale

    rng = np.random.default_rng(3)
    vocab = [f"w{k}" for k in range(400)]
    texts = [" ".join(rng.choice(vocab, 300)) for _ in range(40)]
    for k in range(40, 400):  # chains of edited copies: each one word away from the one 40 before
        words = texts[k - 40].split()
        words[rng.integers(len(words))] = str(rng.choice(vocab))
        texts.append(" ".join(words))
    sets = [np.unique(s) for s in scale.stable_shingles(texts)]
    expected = find_duplicates(texts, sets=sets)
    assert len(expected) > 100
    components = candidate_components(band_keys(sets), np.ones(len(sets), dtype=bool))
    old = scale.NEAR_BATCH
    scale.NEAR_BATCH = 50
    try:
        parts = np.zeros(len(sets), dtype=np.int64)
        jobs = scale.near_duplicate_jobs(components, parts, np.arange(len(sets)), ["k"], Path("."), 0.9)
    finally:
        scale.NEAR_BATCH = old
    assert len(jobs) > 3
    found = {}
    for batch, *_ in jobs.values():
        local = find_duplicates([""] * len(batch), sets=[sets[i] for i in batch])
        found.update({int(batch[k]): (int(batch[r]), s) for k, (r, s) in local.items()})
    assert found == expected


def test_context_windows_give_the_classifier_the_same_features():
    """The windows the workers keep beside each mention are all the classifier reads of a text."""
    from workbench.actors.classifier import mention_features
    from workbench.scale.tasks import context_windows

    text = "Shares of Merrill Lynch rose, an analyst with Salomon Brothers Inc said in New York on Monday's call."
    spans = [(10, 23), (46, 69), (0, 6), (75, 83), (87, 93)]
    mentions = pd.DataFrame(
        {"article_id": ["a"] * len(spans), "start": [s for s, _ in spans], "end": [e for _, e in spans]}
    )
    win = context_windows(mentions, {"a": text})
    for (s, e), ctx, c0 in zip(spans, win["_ctx"], win["_ctx0"], strict=True):
        assert mention_features(ctx, s - c0, e - c0) == mention_features(text, s, e)
        assert mention_features(ctx, s - c0, e - c0, ["Merrill"]) == mention_features(text, s, e, ["Merrill"])


def test_a_large_table_file_is_split_across_partitions(tmp_path, cluster, monkeypatch):
    """A JSON Lines file over the partition size is read as pieces by several partitions; the dataset still
    equals ``load`` of the whole file (same ids, duplicates, report rows)."""
    import json

    from workbench.scale import plan as scale

    src = tmp_path / "in"
    src.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8").split("\n", 2)[-1]
    lines = []
    for k in range(60):
        text = f"Report {k} from Lahore. " + " ".join(seed.split()[k : k + 80])
        lines.append(json.dumps({"title": f"Item {k}", "text": text, "date": f"2025-10-{1 + k % 28:02d}"}))
    lines[30] = lines[3]  # an exact copy in another piece
    lines.insert(45, "")  # a blank line
    lines.insert(50, '{"title": "Cut", "text": "cut off')  # a bad line fails alone, named by its line in the file
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(scale, "PARTITION_BYTES", 4_000)
    summary = ingest_dask([src], tmp_path / "out", cluster=cluster)
    assert summary.partitions > 3
    corpus = wb.load(src, cache_dir=False)
    assert (corpus.report["status"] == "duplicate").sum() == 1 and len(corpus.articles) == 60
    (failed,) = corpus.report.loc[corpus.report["status"] == "failed", "reason"]
    assert failed.startswith("feed.jsonl line 51: malformed JSON")
    assert_same_tables(corpus, tmp_path / "out")
