"""One writer at a time: the lock an ingest holds on its ``--out`` folder while it writes.

On a local or shared disk the lock is ``DIR/.lock``, taken with ``filelock`` (an OS lock: the kernel frees it
when the holding process dies, however it dies), and ``DIR/.lock.json`` says who holds it (process, host,
start time, command). A second ingest into the same folder fails at once with a message naming the holder, or
waits for it (``wait=True``, ``workbench ingest --wait``). A ``.lock.json`` found with the lock free was left
by a run that was killed: the new run says so (``DatasetLock.previous``) and repairs what it left.

In an object store there is no OS lock: the holder writes ``DIR/_lock.json`` and renews a heartbeat in it every
``HEARTBEAT`` seconds while it runs. The lease is stale — a killed run's — when the heartbeat is older than
``STALE`` seconds, or at once when the holder ran on this host and its process is gone. Two runs starting within
the same second may both read a free lease; the later write wins and the other run finds it has lost when it
reads the lease back, so it stops before writing anything.

>>> import tempfile
>>> from workbench.dataset.store import Store
>>> store = Store(tempfile.mkdtemp())
>>> with DatasetLock(store, command="workbench ingest seeds/ --out DIR") as lock:
...     "workbench ingest seeds/" in holder(store)
True
>>> holder(store)
''
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from workbench.dataset.manifest import now
from workbench.dataset.store import Store
from workbench.errors import WorkbenchError

LOCK = ".lock"
INFO = ".lock.json"
LEASE = "_lock.json"
#: Seconds between heartbeats of an object-store lease, and the age after which a lease is stale.
HEARTBEAT = 20.0
STALE = 120.0


class LockedError(WorkbenchError):
    """Another ingest is writing the dataset."""


def _me(command: str) -> dict[str, Any]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": now(), "command": command}


def describe(info: dict[str, Any]) -> str:
    """``pid 123 on host h since 2026-…: workbench ingest …`` for a lock's holder."""
    return (
        f"pid {info.get('pid', '?')} on {info.get('host', '?')} since {info.get('started', '?')}: "
        f"`{info.get('command', '?')}`"
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _read_info(store: Store, name: str) -> dict[str, Any] | None:
    try:
        data = json.loads(store.read_bytes(store.join(name)).decode("utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


class DatasetLock:
    """Hold the dataset's lock while an ingest writes it (a context manager).

    Args:
        store: the dataset's location.
        command: the command line of this ingest (shown to whoever finds the lock held).
        wait: wait for the holder to finish instead of failing at once.
        log: called with a line when this run waits, or finds a lock left by a killed run.

    Attributes:
        previous: the holder recorded by an earlier run that never released the lock (it was killed), or None.
    """

    def __init__(
        self, store: Store, *, command: str, wait: bool = False, log: Callable[[str], object] | None = None
    ) -> None:
        self.store = store
        self.command = command
        self.wait = wait
        self.log = log or (lambda line: None)
        self.previous: dict[str, Any] | None = None
        self._file_lock: Any = None
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        self._info = _me(command)

    # ------------------------------------------------------------------ local
    def _acquire_local(self) -> None:
        from filelock import FileLock, Timeout

        self.store.prepare()
        lock = FileLock(self.store.join(LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            info = _read_info(self.store, INFO) or {}
            if not self.wait:
                raise LockedError(
                    f"{self.store.root} is being written by another ingest ({describe(info)}); wait for it to "
                    "finish, or run again with --wait to wait for it"
                ) from None
            self.log(f"waiting for the ingest writing {self.store.root} ({describe(info)})")
            lock.acquire()
        self._file_lock = lock
        self.previous = _read_info(self.store, INFO)
        self.store.write_bytes(self.store.join(INFO), json.dumps(self._info).encode("utf-8"))

    # ------------------------------------------------------------------ object store
    def _stale(self, info: dict[str, Any]) -> bool:
        age = time.time() - float(info.get("heartbeat", 0))
        if age > STALE:
            return True
        return info.get("host") == socket.gethostname() and not _alive(int(info.get("pid", 0)))

    def _acquire_remote(self) -> None:
        self.store.prepare()
        location = self.store.join(LEASE)
        while True:
            info = _read_info(self.store, LEASE)
            if info is not None and not self._stale(info):
                if not self.wait:
                    raise LockedError(
                        f"{self.store.root} is being written by another ingest ({describe(info)}); wait for it to "
                        "finish, or run again with --wait to wait for it"
                    )
                self.log(f"waiting for the ingest writing {self.store.root} ({describe(info)})")
                time.sleep(HEARTBEAT / 4)
                continue
            self.previous = info
            token = f"{self._info['host']}:{self._info['pid']}:{time.time_ns()}"
            mine = dict(self._info, heartbeat=time.time(), token=token)
            self.store.write_bytes(location, json.dumps(mine).encode("utf-8"))
            time.sleep(1.0)
            back = _read_info(self.store, LEASE) or {}
            if back.get("token") == token:
                break
            if not self.wait:
                raise LockedError(f"{self.store.root} was taken by another ingest just now ({describe(back)})")
        self._info = mine
        self._beat = threading.Thread(target=self._heartbeat, name="dataset-lock-heartbeat", daemon=True)
        self._beat.start()

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT):
            self._info["heartbeat"] = time.time()
            try:
                self.store.write_bytes(self.store.join(LEASE), json.dumps(self._info).encode("utf-8"))
            except Exception:  # noqa: BLE001 - a missed beat only shortens the lease; the next one retries
                continue

    # ------------------------------------------------------------------ context
    def __enter__(self) -> DatasetLock:
        if self.store.remote:
            self._acquire_remote()
        else:
            self._acquire_local()
        if self.previous is not None:
            self.log(f"an earlier ingest into {self.store.root} did not finish ({describe(self.previous)}); repairing")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.store.remote:
            self._stop.set()
            if self._beat is not None:
                self._beat.join()
            self.store.rm(self.store.join(LEASE))
            return
        self.store.rm(self.store.join(INFO))
        if self._file_lock is not None:
            self._file_lock.release()


def holder(store: Store) -> str:
    """Who holds the dataset's lock right now (``describe``), or ``""`` when nobody does."""
    if store.remote:
        info = _read_info(store, LEASE)
        probe = DatasetLock(store, command="")
        return describe(info) if info is not None and not probe._stale(info) else ""
    from filelock import FileLock, Timeout

    if not store.exists(store.join(LOCK)):
        return ""
    lock = FileLock(store.join(LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return describe(_read_info(store, INFO) or {})
    except OSError:  # a read-only folder: nobody can be writing it from here
        return ""
    lock.release()
    return ""
