"""Digests of the code whose output is stored, so that a change of code never serves stale tables.

The in-memory cache (``corpus.cache``) keys mentions by ``actor_code_digest`` and timexes by
``timex_code_digest``; a dataset's partitions (the Dask ingest) and its manifest carry ``code_digest``, which
covers every module that makes a table and the shipped resources.

>>> len(code_digest()) == 20 and code_digest() == code_digest()
True
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from workbench.ingest.sources import file_digest
from workbench.paths import PACKAGE_DIR, data_dir


def _files(*subfolders: str) -> list[Path]:
    return sorted(
        p for sub in subfolders for p in (PACKAGE_DIR / sub).rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def _digest(paths: list[Path]) -> str:
    return hashlib.sha1("".join(file_digest(p) for p in paths).encode()).hexdigest()


def actor_code_digest() -> str:
    """What the actor tables depend on besides the corpus: the shipped dictionary, the actor code and its
    resources, so that a changed rule or gazetteer never serves stale mentions from the cache."""
    paths = [data_dir() / "actors.yml", *_files("actors")]
    paths += sorted((PACKAGE_DIR / "resources").glob("actor_*"))
    return _digest([p for p in paths if p.exists()])


def timex_code_digest() -> str:
    """The date tagger's code: a changed rule gives a new cache entry for the timexes table."""
    return _digest(_files("dates"))


@cache
def code_digest() -> str:
    """Every module that makes a stored table (readers, text, pipeline, actors, dates, the Dask tasks), the
    table schema and the shipped resources, with ``data/actors.yml``: a change makes every partition new.
    Computed once per process."""
    paths = [PACKAGE_DIR / "schema.py", *_files("ingest", "text", "pipeline", "actors", "dates", "scale", "resources")]
    actors_yml = data_dir() / "actors.yml"
    if actors_yml.exists():
        paths.append(actors_yml)
    return hashlib.sha1(repr([file_digest(p) for p in paths]).encode("utf-8")).hexdigest()[:20]
