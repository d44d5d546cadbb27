"""The client's side of the Dask cluster: connecting (``client``), running one step's tasks and naming every
unfinished partition (``run``), and the client's peak memory (``peak_mb``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.scale.plan import digest

if TYPE_CHECKING:
    from distributed import Client


def client(scheduler: str | None, cluster: Any, n_workers: int | None) -> tuple[Any, Any]:
    """A distributed Client (and the LocalCluster it owns, if any)."""
    from distributed import Client, LocalCluster

    if cluster is not None:
        return Client(cluster), None
    if scheduler is not None:
        try:
            return Client(scheduler), None
        except (OSError, TimeoutError) as exc:  # distributed says "Timed out trying to connect …"
            raise WorkbenchError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with `dask scheduler` and "
                "workers with `dask worker ADDRESS`, or leave out --scheduler for a local cluster"
            ) from None
    n = n_workers or max(1, min(os.cpu_count() or 1, 8))
    local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    return Client(local), local


def run(
    client: Client,
    fn: Any,
    jobs: dict[int, tuple],
    step: str,
    labels: dict[int, str],
    *,
    each: Callable[[], object] | None = None,
) -> dict[int, Any]:
    """Submit ``fn(*args)`` per job; wait for all; raise one error naming every unfinished job (``labels``).
    ``each`` is called after each job that finished (a crash point for the fault-injection tests)."""
    from distributed import as_completed

    token = digest([step, time.time_ns()])[:8]
    futures = {client.submit(fn, *args, key=f"{step}-{token}-{i}", pure=False): i for i, args in jobs.items()}
    results: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for fut in as_completed(list(futures)):
        i = futures[fut]
        try:
            results[i] = fut.result()
            if each is not None:
                each()
        except Exception as exc:  # a worker died or a task failed: collect, report all at the end
            errors[i] = f"{type(exc).__name__}: {exc}"[:200]
        fut.release()
    if errors:
        names = "; ".join(f"{labels.get(i, f'job {i}')}: {why}" for i, why in sorted(errors.items()))
        raise WorkbenchError(
            f"{step}: {len(errors)} of {len(jobs)} partitions unfinished ({names}); finished partitions are "
            "kept, run the same ingest again to complete the dataset"
        )
    return results
