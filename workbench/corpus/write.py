"""``workbench ingest SOURCES --out DIR`` in this process: a loaded corpus written as a dataset, in the same
format as the Dask ingest writes (``workbench.dataset.manifest``), so that ``workbench.open`` reads either.

The run holds the dataset's lock, marks the manifest ``incomplete``, computes every table, writes them in
partitions of ``PARTITION_ARTICLES`` articles (each file to a temporary name, then renamed), removes files of
earlier runs that are no longer part of the dataset, and writes the manifest ``complete`` last. A run that is
killed leaves an ``incomplete`` manifest, which ``open`` refuses; running it again rewrites every partition.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence

import pandas as pd

from workbench import schema
from workbench.corpus.facade import Corpus
from workbench.dataset.faults import checkpoint
from workbench.dataset.lock import DatasetLock
from workbench.dataset.manifest import (
    FileEntry,
    Manifest,
    listed_files,
    now,
    write_manifest,
    write_table_file,
)
from workbench.dataset.store import Store
from workbench.errors import WorkbenchError
from workbench.ingest.sources import expand, source_digest
from workbench.pipeline.code import code_digest

#: Articles per partition of a dataset written in this process.
PARTITION_ARTICLES = 5000
#: Tables written per partition, in the order of the manifest (``report`` is one file of its own).
PARTITION_TABLES = ("articles", "sentences", "tokens", "timexes", "mentions")


def _key(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def partitions(
    frame: pd.DataFrame, *, partition_size: int | None, per_partition: int = PARTITION_ARTICLES
) -> list[list[str]]:
    """The article ids of each partition, in order: ``partition_size`` input files each, or runs of about
    ``per_partition`` articles cut where an input file ends (at least one partition, empty for no articles).

    >>> frame = pd.DataFrame({"article_id": list("abcd"), "source": ["x", "x", "y", "z"]})
    >>> partitions(frame, partition_size=2)
    [['a', 'b', 'c'], ['d']]
    """
    if partition_size is not None and partition_size < 1:
        raise WorkbenchError(f"partition_size must be a number of files, 1 or more, not {partition_size!r}")
    ids = frame["article_id"].astype(str).tolist()
    sources = frame["source"].astype(str).tolist()
    out: list[list[str]] = [[]]
    files_in = 0
    for i, (aid, source) in enumerate(zip(ids, sources, strict=True)):
        new_file = i == 0 or source != sources[i - 1]
        if new_file and out[-1]:
            full = files_in >= partition_size if partition_size else len(out[-1]) >= per_partition
            if full:
                out.append([])
                files_in = 0
        files_in += new_file
        out[-1].append(aid)
    return out


def write_dataset(
    corpus: Corpus,
    out: str | os.PathLike[str],
    *,
    sources: Sequence[str | os.PathLike[str]] = (),
    command: str,
    wait: bool = False,
    log: Callable[[str], object] | None = None,
    partition_size: int | None = None,
    partition_articles: int = PARTITION_ARTICLES,
) -> Manifest:
    """Write every table of ``corpus`` as a dataset at ``out`` (a folder, or an object-store prefix).

    Args:
        corpus: a loaded corpus (its tables are computed here if they were not yet).
        out: where the dataset goes.
        sources: the inputs it was loaded from, recorded in the manifest with their content hashes.
        command: the command line that (re)writes the dataset, named in messages about repairing it.
        wait: when another ingest is writing ``out``, wait for it instead of failing at once.
        log: called with a line about waiting for a lock or repairing what a killed run left.
        partition_size: input files per partition (as ``--engine dask`` counts them); default: partitions of
            about ``partition_articles`` articles, cut where one input file ends and the next begins.
        partition_articles: articles per partition when ``partition_size`` is not given.

    Returns:
        The manifest written.
    """
    store = Store(out)
    with DatasetLock(store, command=command, wait=wait, log=log):
        started = now()
        write_manifest(store, Manifest(status="incomplete", engine="memory", command=command, started=started))
        frames = {name: getattr(corpus, name) for name in schema.STORED}
        checkpoint("read")
        code = code_digest()
        arrow = {name: schema.arrow_schema(name, frames[name] if name == "articles" else None) for name in frames}
        entries: list[FileEntry] = []
        keys: list[str] = []
        for chunk in partitions(frames["articles"], partition_size=partition_size, per_partition=partition_articles):
            key = f"{len(keys):06d}-{_key(code, chunk)}"  # file names sort in the corpus's article order
            keys.append(key)
            wanted = set(chunk)
            for name in PARTITION_TABLES:
                frame = frames[name]
                part = frame[frame["article_id"].astype(str).isin(wanted)]
                entries.append(write_table_file(store, name, key, schema.to_arrow(part, name, schema=arrow[name])))
            checkpoint("partition")
        report_key = "inputs-" + _key(code, keys, len(frames["report"]))
        entries.append(write_table_file(store, "report", report_key, schema.to_arrow(frames["report"], "report")))
        kept = {e.path for e in entries}
        for path in listed_files(store):
            if path not in kept:
                store.rm(store.join(*path.split("/")))
        files = expand(list(sources)).files if sources else []
        manifest = Manifest(
            status="complete",
            engine="memory",
            command=command,
            code=code,
            started=started,
            finished=now(),
            options={"sources": [os.fspath(s) for s in sources]},
            inputs=[{"source": sf.label, "sha1": source_digest(sf)} for sf in files],
            partitions=keys,
            files=entries,
        )
        write_manifest(store, manifest)
    return manifest
