"""A dataset opens only when it is complete and its files match the manifest; otherwise ``wb.open`` refuses with
a ``DatasetError`` naming the files and the command that repairs it. One ingest at a time writes a folder."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_ingest import write_mixed_corpus
from workbench.cli import main
from workbench.dataset.lock import INFO, DatasetLock, LockedError, holder
from workbench.dataset.manifest import MANIFEST, DatasetError, check_files, read_manifest
from workbench.dataset.store import Store


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, Path]:
    """The mixed corpus and a dataset of it written in this process, two articles a partition."""
    base = tmp_path_factory.mktemp("manifest")
    src = write_mixed_corpus(base / "in")
    out = base / "out"
    from workbench.corpus.write import write_dataset

    write_dataset(
        wb.load(src, cache_dir=False), out, sources=[src], command="workbench ingest IN --out OUT", partition_articles=2
    )
    return src, out


@pytest.fixture
def copy(written, tmp_path) -> Path:
    target = tmp_path / "ds"
    shutil.copytree(written[1], target)
    return target


def _first(folder: Path, table: str) -> Path:
    return sorted((folder / table).glob("part-*.parquet"))[0]


def test_a_complete_dataset_opens_and_its_manifest_counts_every_row(written):
    src, out = written
    manifest = read_manifest(Store(out))
    loaded = wb.load(src, cache_dir=False)
    assert manifest.status == "complete" and len(manifest.partitions) >= 3
    assert manifest.partitions == sorted(manifest.partitions)  # names sort in the corpus order
    assert manifest.rows()["articles"] == len(loaded.articles) and manifest.rows()["tokens"] == len(loaded.tokens)
    assert {i["source"] for i in manifest.inputs} >= {str(src / "table.csv")}
    assert check_files(Store(out), manifest, full=True) == []
    assert len(wb.open(out, verify="full").articles) == len(loaded.articles)


@pytest.mark.parametrize("table", ["articles", "report", "sentences", "tokens", "timexes", "mentions"])
def test_a_deleted_file_is_refused_naming_it_and_the_repair(copy, table):
    victim = _first(copy, table)
    victim.unlink()
    with pytest.raises(DatasetError) as err:
        wb.open(copy)
    message = str(err.value)
    assert f"{table}/{victim.name} is missing" in message and "workbench ingest IN --out OUT" in message


@pytest.mark.parametrize("table", ["articles", "tokens", "mentions"])
def test_a_truncated_file_is_refused(copy, table):
    victim = _first(copy, table)
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    with pytest.raises(DatasetError, match=f"{table}/{victim.name} has .* bytes, the manifest says"):
        wb.open(copy)


def test_a_file_changed_in_place_is_found_by_the_full_check(written, copy):
    victim = _first(copy, "tokens")
    data = bytearray(victim.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])  # same size, other bytes
    victim.write_bytes(bytes(data))
    with pytest.raises(DatasetError, match="does not match its SHA-256"):
        wb.open(copy, verify="full")
    # the fast check sees sizes only: what it opens either reads back whole or says the dataset is damaged
    try:
        tokens = wb.open(copy).tokens
    except DatasetError as exc:
        assert "workbench verify" in str(exc) and "workbench ingest IN --out OUT" in str(exc)
    else:
        pd.testing.assert_frame_equal(tokens, wb.open(written[1]).tokens)


def test_an_extra_file_is_refused(copy):
    shutil.copy(_first(copy, "articles"), copy / "articles" / "part-zzzzzz-stray.parquet")
    with pytest.raises(DatasetError, match="articles/part-zzzzzz-stray.parquet is not in the manifest"):
        wb.open(copy)


def test_an_incomplete_or_missing_manifest_is_refused(copy):
    manifest = json.loads((copy / MANIFEST).read_text())
    manifest["status"] = "incomplete"
    (copy / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(DatasetError, match="has not finished: it was interrupted.*run `workbench ingest IN --out OUT`"):
        wb.open(copy)
    (copy / MANIFEST).unlink()
    with pytest.raises(DatasetError, match="has dataset files but no manifest"):
        wb.open(copy)
    (copy / MANIFEST).write_text("{not json")
    with pytest.raises(DatasetError, match="not readable JSON"):
        wb.open(copy)


def test_the_single_file_layout_of_an_earlier_version_is_refused_by_open_and_load(tmp_path, seeds_dir):
    corpus = wb.load(seeds_dir, cache_dir=False)
    for name in ("articles", "report", "sentences", "tokens"):
        getattr(corpus, name).to_parquet(tmp_path / f"{name}.parquet", index=False)
    for opener in (wb.open, wb.load):
        with pytest.raises(DatasetError, match="single-file layout of an earlier version"):
            opener(tmp_path)


def test_load_of_a_dataset_folder_opens_it_and_never_reads_its_tables_as_articles(written):
    src, out = written
    corpus = wb.load(out)
    assert corpus.dataset == out and len(corpus) == len(wb.load(src, cache_dir=False).articles)
    with pytest.raises(wb.WorkbenchError, match="applied when it was written"):
        wb.load(out, year_hint=2025)


def test_verify_command(written, copy, capsys):
    assert main(["verify", str(written[1]), "--full"]) == 0
    assert "complete and whole (every file re-hashed" in capsys.readouterr().out
    _first(copy, "timexes").unlink()
    assert main(["verify", str(copy)]) == 2
    assert "timexes/" in capsys.readouterr().err


# ------------------------------------------------------------------------------------ the lock


def _hold(folder: str, started: multiprocessing.Event, release: multiprocessing.Event) -> None:
    with DatasetLock(Store(folder), command="workbench ingest A --out B"):
        started.set()
        release.wait(30)


def test_a_second_ingest_fails_at_once_naming_the_holder(tmp_path, seeds_dir, capsys):
    ctx = multiprocessing.get_context("spawn")
    started, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold, args=(str(tmp_path), started, release))
    proc.start()
    try:
        assert started.wait(60)
        assert f"pid {proc.pid}" in holder(Store(tmp_path))
        began = time.monotonic()
        with pytest.raises(
            LockedError, match=rf"being written by another ingest \(pid {proc.pid} .*workbench ingest A"
        ):
            DatasetLock(Store(tmp_path), command="x").__enter__()
        assert time.monotonic() - began < 5
        assert main(["ingest", str(seeds_dir), "--out", str(tmp_path)]) == 2
        assert "--wait" in capsys.readouterr().err
    finally:
        release.set()
        proc.join(30)
    assert holder(Store(tmp_path)) == ""


def test_wait_waits_for_the_holder(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    started, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold, args=(str(tmp_path), started, release))
    proc.start()
    assert started.wait(60)
    lines: list[str] = []
    threading.Timer(1.5, release.set).start()
    began = time.monotonic()
    with DatasetLock(Store(tmp_path), command="second", wait=True, log=lines.append):
        waited = time.monotonic() - began
        assert "second" in holder(Store(tmp_path))
    proc.join(30)
    assert waited >= 1.0 and any("waiting for the ingest writing" in line for line in lines)


def test_a_lock_left_by_a_killed_run_is_detected_and_taken(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    started, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold, args=(str(tmp_path), started, release))
    proc.start()
    assert started.wait(60)
    os.kill(proc.pid, signal.SIGKILL)  # the OS frees its lock; its holder file stays behind
    proc.join(30)
    assert (tmp_path / INFO).exists() and holder(Store(tmp_path)) == ""
    lines: list[str] = []
    with DatasetLock(Store(tmp_path), command="again", log=lines.append) as lock:
        assert lock.previous is not None and lock.previous["pid"] == proc.pid
    assert any("did not finish" in line and f"pid {proc.pid}" in line for line in lines)
    assert not (tmp_path / INFO).exists()


def test_datasets_written_in_this_process_and_on_dask_have_one_layout(written, tmp_path_factory):
    from tests.scale.test_corpus import mixed_dataset

    _, dask_out = mixed_dataset(tmp_path_factory)
    for out in (written[1], dask_out):
        manifest = read_manifest(Store(out))
        tables = {f.table for f in manifest.files}
        assert tables == {"articles", "report", "sentences", "tokens", "timexes", "mentions"}
        assert all(f.path.split("/")[1].startswith("part-") for f in manifest.files)
        parts = sorted(p.name for p in (out / "articles").glob("part-*.parquet"))
        assert parts == sorted(p.name for p in (out / "tokens").glob("part-*.parquet"))
    schema_mem = pd.read_parquet(_first(written[1], "tokens")).dtypes
    schema_dask = pd.read_parquet(_first(dask_out, "tokens")).dtypes
    assert schema_mem.equals(schema_dask)
