"""Records → the ``articles`` and ``report`` tables: stable ids, exact and near duplicates, dates inferred for
undated articles; and the per-file sentence and token rows of the reading pass joined into the corpus's tables.
Pure functions, shared by ``workbench.load`` and the Dask ingest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from workbench import schema
from workbench.ingest.records import Record, content_id
from workbench.pipeline.dedupe import all_shingles, band_keys, find_duplicates
from workbench.text.frames import frames_of_columns, segment_columns, segment_frames

#: The declared columns of the two tables made here (``workbench.schema``).
ARTICLE_COLUMNS = schema.columns("articles")
REPORT_COLUMNS = schema.columns("report")


def segment_and_shingle(texts: list[str]) -> dict[str, Any]:
    """One file's record texts → their sentence and token columns (``text.frames.segment_columns``: no article
    ids yet), their shingles for deduplication and the shingles' band keys (``dedupe.band_keys``): the work
    ``read_sources(also=…)`` does in the worker process that read the file."""
    seg: dict[str, Any] = {"columns": segment_columns(texts)}
    seg["shingles"] = all_shingles(texts)
    seg["band_keys"] = band_keys(seg["shingles"])
    return seg


def assemble_segments(segments: list[tuple[int, dict[str, Any]]], ids: list[str]) -> dict[str, pd.DataFrame]:
    """Per-file sentence and token columns (``segment_and_shingle``, with the index of the file's first record)
    → the corpus's sentence and token tables, with each record's article id, built once
    (``text.frames.frames_of_columns``)."""
    ids_of = [
        aid for offset, seg in segments for aid in ids[offset : offset + len(seg["columns"]["sentences_per_article"])]
    ]
    return frames_of_columns([seg["columns"] for _, seg in segments], ids_of)


def decide_duplicates(
    base_ids: list[str], labels: list[tuple[str, str]], near: Callable[[list[int]], dict[int, tuple[int, float]]]
) -> tuple[list[str], list[int], list[str]]:
    """Article ids and duplicates from each record's ``content_id`` and ``(source, record)`` label.

    An exact copy (same content id) gets the id with ``-2``, ``-3``… appended; ``near(originals)`` is given
    the positions of the other records and returns ``{k: (root, resemblance)}`` over positions in that list
    (``dedupe.find_duplicates``). Returns the ids, the index of each record's first copy (-1 for none) and
    the reason written in the report."""
    ids: list[str] = []
    dup: list[int] = [-1] * len(base_ids)
    why: list[str] = [""] * len(base_ids)
    first_by_id: dict[str, int] = {}
    for i, base in enumerate(base_ids):
        if base in first_by_id:
            n = 2
            while f"{base}-{n}" in first_by_id:
                n += 1
            j = first_by_id[base]
            dup[i] = j
            source, record = labels[j]
            why[i] = f"exact copy of {ids[j]} ({source}{' #' + record if record else ''})"
            aid = f"{base}-{n}"
        else:
            aid = base
        first_by_id[aid] = i
        ids.append(aid)
    del first_by_id
    originals = [i for i in range(len(base_ids)) if dup[i] < 0]
    for k, (root, score) in near(originals).items():
        i, j = originals[k], originals[root]
        dup[i] = j
        why[i] = f"near-copy (resemblance {score:.2f}) of {ids[j]} ({labels[j][0]})"
    return ids, dup, why


def articles_frame(
    records: list[Record], ids: list[str], dup_of: list[str | None], *, meta_keys: list[str] | None = None
) -> pd.DataFrame:
    """The ``articles`` table of ``records`` with their decided ids and ``duplicate_of``; one column per
    metadata key (``meta_keys``, default: every key of these records in first-seen order)."""
    if meta_keys is None:
        meta_keys = []
        for rec in records:
            for key in rec.meta:
                if key not in meta_keys:
                    meta_keys.append(key)
    data: dict[str, Any] = {
        "article_id": ids,
        "source": [r.source for r in records],
        "record": [r.record for r in records],
        "title": [r.title for r in records],
        "dateline": [r.dateline for r in records],
        "published": pd.to_datetime(pd.Series([r.published for r in records], dtype="object"), errors="coerce")
        if records
        else pd.Series([], dtype="datetime64[ns]"),
        "published_source": [r.published_source if r.published is not None else "none" for r in records],
        "outlet": [r.outlet for r in records],
        "url": [r.url for r in records],
        "author": [r.author for r in records],
        "language": [r.language for r in records],
        "text": [r.text for r in records],
        "boilerplate": [r.boilerplate for r in records],
        "duplicate_of": dup_of,
        "notes": ["; ".join(r.notes) for r in records],
    }
    for key in meta_keys:
        data[key] = [r.meta.get(key) for r in records]
    articles = pd.DataFrame(data)
    articles["published"] = articles["published"].astype("datetime64[ns]")
    return articles


def complete_report(
    report: list[dict[str, Any]], ids: list[str], dup_of: list[str | None], why: list[str]
) -> pd.DataFrame:
    """The report table: each article row (``_index`` into ``ids``) gets its id, and a duplicate its status
    and reason."""
    for row in report:
        idx = row.pop("_index", None)
        if idx is not None:
            row["article_id"] = ids[idx]
            if dup_of[idx] is not None:
                row["status"] = "duplicate"
                row["reason"] = "; ".join(x for x in (why[idx], row["reason"]) if x)
    return pd.DataFrame(report, columns=REPORT_COLUMNS)


def build_articles(
    records: list[Record],
    report: list[dict[str, Any]],
    *,
    threshold: float = 0.9,
    shingles: list[Any] | None = None,
    keys: np.ndarray | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Records → the ``articles`` table (ids, duplicates) and the completed ``report`` table.

    ``shingles`` may give each record's shingles, and ``keys`` their band keys (one row per record),
    computed in the reading pass."""
    base_ids = [content_id(rec.title, rec.text) for rec in records]

    def near(originals: list[int]) -> dict[int, tuple[int, float]]:
        sets = None if shingles is None else [shingles[i] for i in originals]
        rows = None if keys is None or sets is None else keys[originals]
        return find_duplicates([records[i].text for i in originals], threshold=threshold, sets=sets, keys=rows)

    ids, dup, why = decide_duplicates(base_ids, [(r.source, r.record) for r in records], near)
    dup_of = [ids[j] if j >= 0 else None for j in dup]
    return articles_frame(records, ids, dup_of), complete_report(report, ids, dup_of, why)


def infer_missing_dates(articles: pd.DataFrame, *, year_hint: int | None = None) -> pd.DataFrame:
    """Fill unknown publication dates from the text when the date tagger is available."""
    if not articles["published"].isna().any():
        return articles
    from workbench.dates.timexes import infer_published_dates

    undated = articles[articles["published"].isna()]
    sentences = segment_frames(undated[["article_id", "text"]])["sentences"]
    return infer_published_dates(articles, sentences, year_hint=year_hint)
