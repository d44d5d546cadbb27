"""The README's cluster commands, run as written: a ``dask scheduler`` and a ``dask worker`` started as their
own processes (on 127.0.0.1), then ``workbench ingest … --engine dask --scheduler tcp://…`` from the command
line; the dataset equals ``workbench.load`` and a second run skips every partition."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import workbench as wb
from tests.scale.test_ingest import assert_same_tables, write_mixed_corpus

distributed = pytest.importorskip("distributed")
DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_workers(address: str, n: int, timeout: float = 60) -> None:
    with distributed.Client(address, timeout=timeout) as client:
        client.wait_for_workers(n, timeout=timeout)


@pytest.fixture
def scheduler(tmp_path):
    """A scheduler and a worker process with two single-threaded workers, as in the README; both stopped after."""
    if not DASK.exists():
        pytest.fail(f"{DASK}: the dask command (installed with the scale extra) is missing")
    address = f"tcp://127.0.0.1:{_free_port()}"
    logs = [open(tmp_path / name, "w") for name in ("scheduler.log", "worker.log")]  # noqa: SIM115
    procs = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
            stdout=logs[0],
            stderr=subprocess.STDOUT,
        )
    ]
    try:
        time.sleep(1)
        procs.append(
            subprocess.Popen(
                [str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1", "--host", "127.0.0.1"]
                + ["--no-dashboard", "--local-directory", str(tmp_path / "worker-space")],
                stdout=logs[1],
                stderr=subprocess.STDOUT,
                cwd=tmp_path,
            )
        )
        _wait_for_workers(address, 2)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()


def _ingest(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "5s",  # an unreachable scheduler is given up on sooner
    }
    return subprocess.run(
        [sys.executable, "-m", "workbench", "ingest", *args], capture_output=True, text=True, env=env, timeout=600
    )


def test_cli_ingest_on_a_separately_started_cluster_equals_load(tmp_path, scheduler):
    src = write_mixed_corpus(tmp_path / "in")
    out = tmp_path / "dataset"
    args = (str(src), "--out", str(out), "--engine", "dask", "--scheduler", scheduler, "--partition-size", "3")
    first = _ingest(*args)
    assert first.returncode == 0, first.stderr
    assert "(0 already written)" in first.stdout
    assert_same_tables(wb.load(src, cache_dir=False), out)
    again = _ingest(*args)
    assert again.returncode == 0, again.stderr
    partitions = int(again.stdout.split(" partitions (")[0].split()[-1])
    assert f"{partitions} partitions ({partitions} already written)" in again.stdout and partitions > 1


def test_cli_ingest_with_an_unreachable_scheduler_says_so(tmp_path):
    src = write_mixed_corpus(tmp_path / "in")
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    result = _ingest(str(src), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler", address)
    assert result.returncode != 0
    assert address in result.stderr and "Traceback" not in result.stderr
