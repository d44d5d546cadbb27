"""``load``: sources → article records → the articles and report tables (deduplicated, dates inferred).

Reading is per file and pure (``ingest.sources.read_file``); this module only assembles the results in
input order, assigns stable ids, marks duplicates, applies sidecar metadata and fills the cache.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from workbench.cache import TableCache, cache_key, timex_code_digest
from workbench.dedupe import all_shingles, find_duplicates
from workbench.ingest.records import Problem, Record, content_id
from workbench.ingest.sources import (
    Expansion,
    SourceFile,
    apply_metadata,
    expand,
    file_digest,
    find_metadata,
    metadata_lookup,
    read_file,
    read_metadata_table,
    source_digest,
)
from workbench.paths import cache_dir as default_cache_dir
from workbench.paths import interactive, seeds_dir
from workbench.pipeline import segment_frames

ARTICLE_COLUMNS = [
    "article_id",
    "source",
    "record",
    "title",
    "dateline",
    "published",
    "published_source",
    "outlet",
    "url",
    "author",
    "language",
    "text",
    "boilerplate",
    "duplicate_of",
    "notes",
]
REPORT_COLUMNS = ["source", "record", "status", "reason", "article_id"]


def _progress(items: list[Any], desc: str, enabled: bool | None) -> Any:
    if enabled is None:
        enabled = len(items) > 50 and interactive()
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file")


#: Above this many input bytes, files are read in worker processes.
PARALLEL_BYTES = 8 * 1024 * 1024


def read_and_segment(sf: SourceFile) -> tuple[list[Record | Problem], dict[str, Any] | None]:
    """One file → its records, their sentence and token rows (``article_id`` = the record's index in the
    file, as a string) and their shingles for deduplication. A forked worker process runs it for each file
    of a large input."""
    items = read_file(sf)
    texts = [item.text for item in items if isinstance(item, Record)]
    if not texts:
        return items, None
    frame = pd.DataFrame({"article_id": [str(k) for k in range(len(texts))], "text": texts})
    seg: dict[str, Any] = segment_frames(frame, progress=False)
    seg["shingles"] = all_shingles(texts)
    return items, seg


def _read_all(
    expansion: Expansion, progress: bool | None, workers: int | None
) -> Iterator[tuple[list[Record | Problem], dict[str, pd.DataFrame] | None]]:
    """Every file's items in input order. Large inputs are read and tokenized in one pass in worker
    processes (shipping each text to a worker once); small ones are read here and tokenized when needed."""
    files = expansion.files
    total = sum(sf.nbytes() for sf in files)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_BYTES or workers < 2 or len(files) < 2:
        for sf in _progress(files, "reading", progress):
            yield read_file(sf), None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        # Shingle hashes must share this process's string-hash salt: only forked workers do.
        for sf in _progress(files, "reading", progress):
            yield read_file(sf), None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _progress(list(pool.map(read_and_segment, files)), "reading", progress)


def assemble_segments(segments: list[tuple[int, dict[str, pd.DataFrame]]], ids: list[str]) -> dict[str, pd.DataFrame]:
    """Per-file sentence and token rows (keyed by record index within the file) → the corpus's tables,
    with each record's article id (done in C by pyarrow)."""
    id_array = pa.array(ids, type=pa.string())
    out: dict[str, pd.DataFrame] = {}
    for name in ("sentences", "tokens"):
        frames = []
        for offset, seg in segments:
            frame = seg[name]
            local = pc.cast(pa.array(frame["article_id"].array), pa.int64())
            frame = frame.assign(article_id=pd.arrays.ArrowStringArray(pc.take(id_array, pc.add(local, offset))))
            frames.append(frame)
        out[name] = pd.concat(frames, ignore_index=True)
    return out


def input_rows(expansion: Expansion) -> list[dict[str, Any]]:
    """Report rows for the inputs that are not read as articles: sidecars, sources that do not exist and
    inputs deliberately not read (a sidecar in a remote folder)."""
    rows: list[dict[str, Any]] = []
    for sidecar in expansion.sidecars:
        try:
            table = read_metadata_table(sidecar)
            status, reason = "skipped", f"sidecar metadata (not an article): {len(table)} row(s)"
        except (ValueError, OSError, pd.errors.ParserError) as exc:
            status, reason = "failed", f"sidecar metadata unreadable: {exc}"[:300]
        rows.append({"source": str(sidecar), "record": "", "status": status, "reason": reason, "article_id": None})
    for status, entries in (("failed", expansion.missing), ("skipped", expansion.skipped)):
        for entry in entries:
            source, reason = entry.split(": ", 1)
            rows.append({"source": source, "record": "", "status": status, "reason": reason, "article_id": None})
    return rows


def read_sources(
    expansion: Expansion, metadata: Any = None, *, progress: bool | None = None, workers: int | None = None
) -> tuple[list[Record], list[dict[str, Any]], list[tuple[int, dict[str, pd.DataFrame]]]]:
    """Read every file; returns the records, the report rows (article rows completed later) and, for large
    inputs, the sentence and token rows computed in the same pass (with the index of each file's first record)."""
    lookups: list[tuple[dict[str, dict[str, str]], Path | None]] = []
    report: list[dict[str, Any]] = []
    if metadata is not None:
        lookups.append((metadata_lookup(read_metadata_table(metadata), None), None))
    sidecar_lookups: dict[Path, dict[str, dict[str, str]]] = {}
    for sidecar in expansion.sidecars:
        try:
            sidecar_lookups[sidecar] = metadata_lookup(read_metadata_table(sidecar), sidecar.parent)
        except (ValueError, OSError, pd.errors.ParserError):
            pass  # reported by input_rows
    report.extend(input_rows(expansion))
    records: list[Record] = []
    segments: list[tuple[int, dict[str, pd.DataFrame]]] = []
    for sf, (items, seg) in zip(expansion.files, _read_all(expansion, progress, workers), strict=True):
        if seg is not None:
            segments.append((len(records), seg))
        for item in items:
            if isinstance(item, Problem):
                report.append(
                    {
                        "source": item.source,
                        "record": item.record,
                        "status": item.status,
                        "reason": item.reason,
                        "article_id": None,
                    }
                )
                continue
            row = None
            if sf.sidecar is not None and sf.sidecar in sidecar_lookups:
                row = find_metadata(sidecar_lookups[sf.sidecar], sf.path, sf.sidecar.parent)
            for lookup, base in lookups:  # the load(metadata=...) table wins over a folder's sidecar
                row = find_metadata(lookup, sf.path, base) or row
            if row is not None and not item.record:
                apply_metadata(item, row)
            records.append(item)
            report.append(
                {
                    "source": item.source,
                    "record": item.record,
                    "status": "loaded",
                    "reason": "; ".join(item.notes),
                    "article_id": None,
                    "_index": len(records) - 1,
                }
            )
    return records, report, segments


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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Records → the ``articles`` table (ids, duplicates) and the completed ``report`` table.

    ``shingles`` may give each record's shingles, computed in the reading pass."""
    base_ids = [content_id(rec.title, rec.text) for rec in records]

    def near(originals: list[int]) -> dict[int, tuple[int, float]]:
        sets = None if shingles is None else [shingles[i] for i in originals]
        return find_duplicates([records[i].text for i in originals], threshold=threshold, sets=sets)

    ids, dup, why = decide_duplicates(base_ids, [(r.source, r.record) for r in records], near)
    dup_of = [ids[j] if j >= 0 else None for j in dup]
    return articles_frame(records, ids, dup_of), complete_report(report, ids, dup_of, why)


def infer_missing_dates(articles: pd.DataFrame, *, year_hint: int | None = None) -> pd.DataFrame:
    """Fill unknown publication dates from the text when the date tagger is available."""
    if not articles["published"].isna().any():
        return articles
    if importlib.util.find_spec("workbench.extract.timexes") is None:
        return articles
    from workbench.extract.timexes import infer_published_dates
    from workbench.pipeline import segment_frames

    undated = articles[articles["published"].isna()]
    sentences = segment_frames(undated[["article_id", "text"]])["sentences"]
    return infer_published_dates(articles, sentences, year_hint=year_hint)


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
    records, rows, segments = read_sources(expansion, metadata, progress=progress, workers=workers)
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
