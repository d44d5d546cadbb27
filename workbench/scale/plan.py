"""What one Dask ingest is asked to do, decided before any work: its inputs listed and hashed, cut into
partitions (``partition_files``), each with the key of its read step; and the ``IngestSummary`` it returns.

>>> [len(p) for p in partition_files(list(range(5)), sizes=[1] * 5, partition_size=2)]
[2, 2, 1]
"""

from __future__ import annotations

import hashlib
import os
import shlex
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.dataset.store import Store
from workbench.errors import WorkbenchError
from workbench.ingest.metadata import Metadata
from workbench.ingest.sources import Expansion, SourceFile, expand, file_digest, source_digest, split_source
from workbench.paths import seeds_dir
from workbench.pipeline.code import code_digest

#: Tables written per partition (``report`` is written by the client).
PARTITION_TABLES = ("articles", "sentences", "tokens", "timexes", "mentions")

TABLES = (*PARTITION_TABLES, "report")

#: Default target of input bytes per partition when ``partition_size`` (files) is not given.
PARTITION_BYTES = 8 * 1024 * 1024


@dataclass
class Partition:
    """A contiguous run of input files, read and written together."""

    index: int
    files: list[SourceFile]
    key: str = ""  # hashes the inputs and options (the read step)
    out_key: str = ""  # also hashes the ids decided for its articles (the table files)

    @property
    def name(self) -> str:
        """The stem of its table files: its place in the inputs, then its key (file names sort in corpus order)."""
        return f"{self.index:06d}-{self.out_key}"

    n_records: int = 0

    def label(self) -> str:
        first = "?"
        if self.files:
            sf = self.files[0]
            first = sf.path.name + (f"#{sf.piece.label}" if sf.piece is not None else "")
        more = f" (+{len(self.files) - 1} files)" if len(self.files) > 1 else ""
        return f"partition {self.index} [{first}{more}]"


@dataclass
class IngestSummary:
    """What ``ingest_dask`` did: counts, partitions computed and skipped, and time per step (seconds)."""

    out: Path | str  # the dataset folder, or its URL in an object store
    partitions: int = 0
    computed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    articles: int = 0
    inputs: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    #: the client process's peak resident set (MB) at the end of each step (``getrusage``; 0 where unknown)
    peak_mb: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time one step: its seconds, and the client's peak memory at its end."""
        start = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - start
        self.peak_mb[name] = peak_mb()


def peak_mb() -> float:
    """This process's peak resident set in MB (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def partition_files(
    files: Sequence[Any], *, sizes: Sequence[int], partition_size: int | None = None
) -> list[list[Any]]:
    """Split ``files`` (in order) into contiguous partitions: ``partition_size`` files each, or, when it is
    None, runs of files of about ``PARTITION_BYTES`` input bytes (a larger file is a partition of its own)."""
    if partition_size is not None and partition_size < 1:
        raise WorkbenchError(f"partition_size must be a number of files, 1 or more, not {partition_size!r}")
    parts: list[list[Any]] = []
    current: list[Any] = []
    total = 0
    for item, size in zip(files, sizes, strict=True):
        full = len(current) >= partition_size if partition_size else current and total + size > PARTITION_BYTES
        if full:
            parts.append(current)
            current, total = [], 0
        current.append(item)
        total += size
    if current:
        parts.append(current)
    return parts


def digest(value: object) -> str:
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass
class Plan:
    """What one ingest is asked to do, decided before any work: the partitions and the keys of their work."""

    store: Store
    expansion: Expansion
    parts: list[Partition]
    metadata: Metadata
    actor_files: list[str]
    builtin_actors: bool
    year_hint: int | None
    options: dict[str, Any]
    command: str

    def labels(self) -> dict[int, str]:
        return {p.index: p.label() for p in self.parts}


def default_command(sources: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], **options: Any) -> str:
    """The command line that (re)writes a dataset, for the messages that say how to repair it."""
    words = ["workbench", "ingest", *(shlex.quote(os.fspath(s)) for s in sources), "--out", shlex.quote(os.fspath(out))]
    for name, value in options.items():
        if value in (None, False, (), []):
            continue
        flag = "--" + name.replace("_", "-")
        for item in value if isinstance(value, (list, tuple)) else [value]:
            words += [flag] if item is True else [flag, shlex.quote(str(item))]
    return " ".join(words)


def plan_ingest(
    sources: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    partition_size: int | None,
    metadata: Metadata,
    actors: Sequence[str | os.PathLike[str]],
    builtin_actors: bool,
    year_hint: int | None,
    command: str | None,
) -> Plan:
    """The inputs listed and hashed, cut into partitions, each with the key of its read step."""
    sources = list(sources) or [seeds_dir()]
    actor_files = [os.fspath(p) for p in actors]
    expansion = expand(sources)
    for sf in expansion.files:
        sf.digest = source_digest(sf)
    # a large table file (JSON Lines, CSV/TSV, Parquet) is cut into pieces read by different partitions
    files = [piece for sf in expansion.files for piece in split_source(sf, PARTITION_BYTES)]
    sizes = [sf.nbytes() for sf in files]
    meta_digest = None
    if isinstance(metadata, pd.DataFrame):
        meta_digest = pd.util.hash_pandas_object(metadata, index=False).sum().item()
    elif metadata is not None:
        meta_digest = file_digest(Path(metadata))
    options = {
        "code": code_digest(),
        "sidecars": [[str(p), file_digest(p)] for p in expansion.sidecars],
        "metadata": meta_digest,
        "actors": [[p, file_digest(Path(p))] for p in actor_files],
        "builtin_actors": builtin_actors,
        "year_hint": year_hint,
    }
    parts = [
        Partition(i, chunk)
        for i, chunk in enumerate(partition_files(files, sizes=sizes, partition_size=partition_size))
    ]
    for p in parts:
        p.key = digest([options, [[sf.label, sf.digest] for sf in p.files]])
    command = command or default_command(
        sources, out, engine="dask", partition_size=partition_size, year_hint=year_hint, actors=actor_files
    )
    return Plan(Store(out), expansion, parts, metadata, actor_files, builtin_actors, year_hint, options, command)
