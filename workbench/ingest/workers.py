"""Worker processes that end with their parent: the process pools of ``load`` (reading large inputs,
tokenizing many articles).

A ``ProcessPoolExecutor`` worker waits for work on a pipe that its forked siblings also hold open, so when the
parent is killed (SIGKILL, the out-of-memory killer) the workers never see the end of the pipe and live on.
``process_pool`` gives every worker, as it starts, the kernel's parent-death signal (``PR_SET_PDEATHSIG`` on
Linux: SIGKILL when the parent dies) and, where that is not available, a watchdog thread that ends the worker
when its parent changes.

>>> with process_pool(1) as pool:
...     pool.submit(sum, [1, 2]).result()
3
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """Initializer of a worker: die when ``parent`` does."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def process_pool(workers: int, *, fork: bool = False) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes that end when this process ends; ``fork=True`` forks them (they then
    share this process's string-hash salt, which in-process shingle hashes need)."""
    context = multiprocessing.get_context("fork") if fork else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_end_with, initargs=(os.getpid(),))
