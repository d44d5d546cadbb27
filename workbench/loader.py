"""``load_tables``: the articles and report tables of ``workbench.load``'s sources, from the cache when the
inputs are unchanged (reading in ``ingest.read``, ids and duplicates in ``pipeline.articles``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.cache import TableCache, cache_key, timex_code_digest
from workbench.ingest.read import read_sources
from workbench.ingest.sources import expand, file_digest, source_digest
from workbench.paths import cache_dir as default_cache_dir
from workbench.paths import seeds_dir
from workbench.pipeline.articles import assemble_segments, build_articles, infer_missing_dates, segment_and_shingle


def load_tables(
    sources: tuple[Any, ...],
    *,
    metadata: Any = None,
    year_hint: int | None = None,
    cache_dir: str | os.PathLike[str] | None | bool = None,
    progress: bool | None = None,
    workers: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, TableCache, dict[str, pd.DataFrame]]:
    """The articles and report tables for ``sources``, from the cache when the inputs are unchanged, and the
    sentence and token tables when they were computed in the same pass (large inputs; else ``{}``)."""
    if not sources:
        sources = (seeds_dir(),)
    expansion = expand(sources)
    for sf in expansion.files:
        sf.digest = source_digest(sf)
    meta_digest = None
    if isinstance(metadata, pd.DataFrame):
        meta_digest = pd.util.hash_pandas_object(metadata, index=False).sum().item()
    elif metadata is not None:
        meta_digest = [str(metadata), file_digest(Path(metadata))]
    key = cache_key(
        {
            "files": [[sf.label, sf.digest] for sf in expansion.files],
            "sidecars": [[str(p), file_digest(p)] for p in expansion.sidecars],
            "missing": expansion.missing,
            "skipped": expansion.skipped,
            "metadata": meta_digest,
            "year_hint": year_hint,
            "timex_code": timex_code_digest(),  # inferred publication dates come from the date tagger
        }
    )
    root = None if cache_dir is False else Path(cache_dir) if cache_dir not in (None, True) else default_cache_dir()
    cache = TableCache(root, key)
    articles, report = cache.get("articles"), cache.get("report")
    if articles is not None and report is not None:
        return articles, report, cache, {}
    records, rows, segments = read_sources(
        expansion, metadata, progress=progress, workers=workers, also=segment_and_shingle
    )
    shingles = None
    if segments and sum(len(seg["shingles"]) for _, seg in segments) == len(records):
        shingles = [sh for _, seg in segments for sh in seg["shingles"]]
    articles, report = build_articles(records, rows, shingles=shingles)
    articles = infer_missing_dates(articles, year_hint=year_hint)
    cache.put("articles", articles)
    cache.put("report", report)
    tables = assemble_segments(segments, articles["article_id"].tolist()) if segments else {}
    if tables and len(tables["tokens"]) and tables["tokens"]["article_id"].nunique() != len(articles):
        tables = {}  # not every article came from a worker (should not happen): tokenize later instead
    for name, frame in tables.items():
        cache.put(name, frame, background=True)
    return articles, report, cache, tables
