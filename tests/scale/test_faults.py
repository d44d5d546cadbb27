"""Fault injection: an ingest killed at any point, or a dataset damaged afterwards, never opens as if whole, and
running the same ingest again gives the tables of a clean run. Nothing found in the dataset is unpickled; the
worker processes of ``wb.load`` end with their parent."""

from __future__ import annotations

import os
import pickle
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import workbench as wb
from tests.scale.test_ingest import assert_same_tables, write_mixed_corpus
from workbench.dataset.faults import ENV
from workbench.dataset.manifest import DatasetError, read_manifest
from workbench.dataset.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENGINES = {"memory": [], "dask": ["--engine", "dask"]}


def ingest(src: Path, out: Path, engine: str, *, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    """``workbench ingest SRC --out OUT --partition-size 2`` in a new process (killed at ``kill_at``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop(ENV, None)
    if kill_at:
        env[ENV] = kill_at
    argv = [sys.executable, "-m", "workbench", "ingest", str(src), "--out", str(out), "--partition-size", "2"]
    return subprocess.run([*argv, *ENGINES[engine]], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> tuple[Path, wb.Corpus]:
    src = write_mixed_corpus(tmp_path_factory.mktemp("faults") / "in")
    return src, wb.load(src, cache_dir=False)


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("point", ["read", "partition:2", "manifest:2"])
def test_a_killed_ingest_is_refused_then_a_rerun_completes_it(source, tmp_path, engine, point):
    src, clean = source
    out = tmp_path / "out"
    if point == "manifest:2":  # a complete dataset exists; the re-run dies writing its final manifest
        assert ingest(src, out, engine).returncode == 0
    killed = ingest(src, out, engine, kill_at=point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    with pytest.raises(DatasetError, match=r"has not finished: it was interrupted.*run `workbench ingest"):
        wb.open(out)
    again = ingest(src, out, engine)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "did not finish" in again.stderr  # the lock said what the killed run left
    assert_same_tables(clean, out)
    assert len(wb.open(out, verify="full")) == len(clean.articles)


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(data[: len(data) // 3])
    else:  # garble: same size, other bytes in the middle
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 16]) + data[middle + 16 :])


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_damaged_file_of_each_table_is_refused_and_a_rerun_repairs_it(source, tmp_path, engine):
    """In the first partition, a file of every table is deleted, truncated or changed in place."""
    src, clean = source
    out = tmp_path / "out"
    assert ingest(src, out, engine).returncode == 0
    manifest = read_manifest(Store(out))
    victims: dict[str, tuple[Path, str]] = {}
    for k, table in enumerate(("articles", "report", "sentences", "tokens", "timexes", "mentions")):
        how = ("delete", "truncate", "garble")[k % 3]
        victims[table] = (out / sorted(f.path for f in manifest.table_files(table))[0], how)
        _damage(*victims[table])
    with pytest.raises(DatasetError) as full:
        wb.open(out, verify="full")
    with pytest.raises(DatasetError) as fast:
        wb.open(out)
    for path, how in victims.values():
        assert path.name in str(full.value)
        assert how == "garble" or path.name in str(fast.value)  # the fast check sees sizes, listings, footers
    result = ingest(src, out, engine)
    assert result.returncode == 0, result.stderr[-2000:]
    if engine == "dask":  # the damaged partition is computed again, the other four are kept
        assert "(4 already written)" in result.stdout, result.stdout
    assert_same_tables(clean, out)
    wb.open(out, verify="full")


class Planted:
    """An object whose unpickling runs a shell command (what a hostile file in a shared folder would do)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def test_a_planted_pickle_is_never_loaded(source, tmp_path):
    src, clean = source
    out = tmp_path / "out"
    assert ingest(src, out, "dask").returncode == 0
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Planted(marker))
    work = out / "_work" / "read"
    for records in sorted(work.glob("part-*.parquet"))[:2]:
        (work / records.name.replace(".parquet", ".pkl")).write_bytes(payload)  # where the old code looked
        records.write_bytes(payload)  # and in place of a work file
    (out / "_work" / "actor-pass-1-x.pkl").write_bytes(payload)
    result = ingest(src, out, "dask")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not marker.exists()
    assert_same_tables(clean, out)
    assert not list(work.glob("*.pkl")), "planted files in the work folders are removed"


def test_the_package_never_unpickles() -> None:
    pattern = re.compile(
        r"\b(c?pickle\.loads?|cloudpickle\.loads?|read_pickle|joblib\.load|dill\.loads?)\b|allow_pickle\s*=\s*True"
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "workbench").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, found


SLOW_LOAD = textwrap.dedent(
    """
    import os, sys, time
    import workbench as wb
    from workbench.ingest import read

    read.PARALLEL_BYTES = 0
    pids = sys.argv[2]

    def slow(sf, also=None):
        with open(os.path.join(pids, str(os.getpid())), "w"):
            pass
        time.sleep(120)

    read.read_with = slow
    wb.load(sys.argv[1], cache_dir=False, workers=2)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_worker_processes_of_load_end_when_their_parent_is_killed(source, tmp_path):
    src, _ = source
    pids = tmp_path / "pids"
    pids.mkdir()
    parent = subprocess.Popen(
        [sys.executable, "-c", SLOW_LOAD, str(src), str(pids)], env=dict(os.environ, PYTHONPATH=str(ROOT))
    )
    try:
        deadline = time.monotonic() + 60
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in pids.iterdir()]
        assert len(workers) == 2 and all(_alive(w) for w in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        parent.kill()
