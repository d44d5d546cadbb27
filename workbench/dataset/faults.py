"""Crash points for the fault-injection tests: an ingest can be made to kill itself at a named point.

``checkpoint(name)`` does nothing unless the environment variable ``WORKBENCH_KILL_AT`` names that point
(``name`` or ``name:N`` for its N-th time, counted per process): then the process sends itself SIGKILL, as a
power cut or the out-of-memory killer would, with no chance to clean up. The tests use it to show that a killed
ingest leaves a dataset that ``wb.open`` refuses, and that running the ingest again repairs it.

The points: ``read`` (the inputs are read, nothing written), ``partition`` (after each partition's files are
written), ``manifest`` (a manifest is written to its temporary name, not yet renamed: the first time of a run
marks it incomplete, the second completes it).

>>> checkpoint("read")  # WORKBENCH_KILL_AT is not set: nothing happens
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "WORKBENCH_KILL_AT"
POINTS = ("read", "partition", "manifest")
_seen: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    """Kill this process with SIGKILL if ``WORKBENCH_KILL_AT`` asks for this point (and this occurrence)."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _seen[name] += 1
    if _seen[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
