"""The worker side of the Dask ingest (``workbench.scale.ingest``): pure functions run per partition, and the
files they share with the client under the dataset's location (a folder or an object-store prefix, reached
through a ``workbench.dataset.store.Store``, which writes every file atomically).

- ``read_partition`` (read step): a partition's files → records and report rows kept under ``_work/read``,
  word shingles under ``_work/shingles``, and a ``ReadSummary`` for the client (no texts, no shingles).
- ``check_near`` (ids step): the exact near-duplicate check of whole candidate components, from the stored
  shingles (``near_duplicate_jobs`` cuts the components into tasks).
- ``tables_partition`` (tables step): the articles, report, sentences, tokens and timexes files of a
  partition, and its raw mentions with the text windows the actor classifier reads.

>>> from workbench.scale.tasks import unify_schemas
>>> import pyarrow as pa
>>> merged = unify_schemas([pa.schema([("a", pa.null())]), pa.schema([("a", pa.int64()), ("b", pa.null())])])
>>> merged.names[-2:], str(merged.field("a").type), str(merged.field("b").type)
(['a', 'b'], 'int64', 'large_string')
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from workbench import schema
from workbench.dataset.manifest import WORK, FileEntry, parquet_bytes, write_table_file
from workbench.errors import WorkbenchError
from workbench.ingest.metadata import Metadata
from workbench.ingest.records import Record
from workbench.ingest.sources import Expansion, SourceFile
from workbench.scale.work import (
    Location,
    done_path,
    npy_bytes,
    read_paths,
    records_table,
    shingle_sets,
    store_of,
    stored_read,
    to_arrow,
    work_mentions,
)


def stable_shingles(texts: list[str], k: int = 5) -> list[np.ndarray]:
    """``dedupe.all_shingles`` with words hashed by a fixed-key hash, comparable across worker processes."""
    from workbench.pipeline.dedupe import all_shingles

    return all_shingles(texts, k, stable=True)


@dataclass
class ReadSummary:
    """What the client receives from one partition's read step (no texts, no shingles)."""

    base_ids: list[str]  # content_id(title, text) per record
    labels: list[tuple[str, str]]  # (source, record) per record, for the report's reasons
    keys: np.ndarray  # LSH band keys of each record's word shingles, shape (n, dedupe.BANDS)
    nonempty: np.ndarray  # whether the record has any shingle
    years: np.ndarray  # publication year per record, 0 when unknown
    schema: pa.Schema  # of the partition's articles table (``null`` where every value is missing)


def read_full(
    files: list[SourceFile], sidecars: list[Path], metadata: Metadata, work: Location, key: str
) -> tuple[list[Record], list[dict[str, Any]]]:
    """Worker: one partition's files → full records (texts included) and report rows, kept under ``work``
    (records as Parquet, shingles as NumPy arrays, and last a JSON record of the report rows and the files'
    hashes), so that a re-run, the near-duplicate check and the tables step do not read the files again. A
    stored result that is incomplete or does not match its hashes is read again; nothing is unpickled."""
    from workbench.ingest.read import read_sources

    work = store_of(work)
    stored = stored_read(work, key)
    if stored is not None:
        return stored
    records, rows, _ = read_sources(Expansion(files=files, sidecars=sidecars), metadata, progress=False, workers=1)
    sidecar_names = {str(p) for p in sidecars}
    rows = [r for r in rows if not (r["source"] in sidecar_names and r["record"] == "" and "_index" not in r)]
    sets = [np.unique(s) for s in stable_shingles([r.text for r in records])]
    flat = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64)
    paths = read_paths(work, key)
    payloads = {
        "records": parquet_bytes(records_table(records)),
        "shingles": npy_bytes(flat),
        "offsets": npy_bytes(offsets),
    }
    for name, data in payloads.items():
        work.write_bytes(paths[name], data)
    done = {"sha256": {n: hashlib.sha256(d).hexdigest() for n, d in payloads.items()}, "report": rows}
    work.write_bytes(paths["done"], json.dumps(done, default=str).encode("utf-8"))  # last: the read is done
    return records, rows


def read_partition(
    files: list[SourceFile], sidecars: list[Path], metadata: Metadata, work: Location, key: str
) -> ReadSummary:
    """Worker: one partition's files → what the client's corpus-level decisions need, and no texts."""
    from workbench.ingest.records import content_id
    from workbench.pipeline.articles import articles_frame
    from workbench.pipeline.dedupe import band_keys

    work = store_of(work)
    records, _ = read_full(files, sidecars, metadata, work, key)
    sets = shingle_sets(work, key)
    frame = articles_frame(records, [""] * len(records), [None] * len(records)).assign(text="", boilerplate="")
    sources: dict[str, str] = {}  # one string object per source file: pickled (and held by the client) once
    arrow = pa.Schema.from_pandas(frame, preserve_index=False).remove_metadata()
    if not records:  # nothing is known of an empty partition's columns (pandas would say float64)
        arrow = pa.schema([pa.field(f.name, f.type if f.name == "published" else pa.null()) for f in arrow])
    return ReadSummary(
        base_ids=[content_id(r.title, r.text) for r in records],
        labels=[(sources.setdefault(r.source, r.source), r.record) for r in records],
        keys=band_keys(sets),
        nonempty=np.array([s.size > 0 for s in sets], dtype=bool),
        years=frame["published"].dt.year.fillna(0).to_numpy(dtype=np.int64),
        schema=arrow,
    )


def unify_schemas(schemas: Sequence[pa.Schema]) -> pa.Schema:
    """One articles schema for every partition: the declared columns (``workbench.schema``), then the others
    in first-seen order; an extra column's type is the first known one (a column missing everywhere is text,
    and so is one whose types disagree)."""
    names: list[str] = []
    types: dict[str, pa.DataType] = {}
    for part in schemas:
        for f in part:
            if f.name not in types:
                names.append(f.name)
                types[f.name] = f.type
            elif pa.types.is_null(types[f.name]):
                types[f.name] = f.type
            elif not pa.types.is_null(f.type) and f.type != types[f.name]:
                types[f.name] = pa.large_string()
    return schema.arrow_schema("articles", extra=[pa.field(n, types[n]) for n in names])


#: Members of candidate components checked per near-duplicate task.
NEAR_BATCH = 20_000


def check_near(
    positions: np.ndarray,
    parts: np.ndarray,
    rows: np.ndarray,
    read_keys: dict[int, str],
    work: Location,
    threshold: float,
) -> dict[int, tuple[int, float]]:
    """Worker: ``dedupe.find_duplicates`` over whole candidate components, whose members are given by their
    position among the corpus's originals (ascending) and where their shingles are stored (partition, row).
    Returns ``{position: (position of the first copy, resemblance)}``."""
    from workbench.pipeline.dedupe import find_duplicates

    sets: list[np.ndarray] = [np.zeros(0, dtype=np.uint64)] * len(positions)
    for part in np.unique(parts).tolist():
        at = np.flatnonzero(parts == part)
        for k, s in zip(at.tolist(), shingle_sets(work, read_keys[part], rows[at].tolist()), strict=True):
            sets[k] = s
    found = find_duplicates([""] * len(sets), threshold=threshold, sets=sets)
    return {int(positions[k]): (int(positions[root]), score) for k, (root, score) in found.items()}


def near_duplicate_jobs(
    components: np.ndarray,
    parts: np.ndarray,
    rows: np.ndarray,
    read_keys: list[str],
    work: Location,
    threshold: float,
) -> dict[int, tuple]:
    """``check_near`` jobs: the members of every component of two or more, whole components per job, about
    ``NEAR_BATCH`` members each."""
    sizes = np.bincount(components) if len(components) else np.zeros(0, dtype=np.int64)
    members = np.flatnonzero(sizes[components] > 1) if len(components) else np.zeros(0, dtype=np.int64)
    members = members[np.argsort(components[members], kind="stable")]
    jobs: dict[int, tuple] = {}
    start = 0
    while start < len(members):
        end = min(start + NEAR_BATCH, len(members))
        while end < len(members) and components[members[end]] == components[members[end - 1]]:
            end += 1  # whole components only
        batch = np.sort(members[start:end])
        used = {int(p): read_keys[p] for p in np.unique(parts[batch]).tolist()}
        jobs[len(jobs)] = (batch, parts[batch], rows[batch], used, work, threshold)
        start = end
    return jobs


def inference_year(years: np.ndarray, year_hint: int | None) -> int | None:
    """The year ``infer_published_dates`` assumes for the whole corpus (the hint, else the most frequent year
    of the dated articles, the earliest on a tie) from every article's year (0: unknown): decided once on
    the client, so that every partition infers alike, as ``load`` does over the whole corpus."""
    dated = years[years > 0]
    if year_hint is not None or len(dated) == len(years) or len(dated) == 0:
        return year_hint
    values, counts = np.unique(dated, return_counts=True)
    return int(values[counts.argmax()])


def raw_mentions(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, dictionaries: Sequence[str] = (), builtin_actors: bool = True
) -> pd.DataFrame:
    """The per-article part of ``actors.tables.mentions_table`` (no corpus-level pass)."""
    from workbench.actors.tables import raw_mentions as actor_rows

    return actor_rows(articles, sentences, dictionaries=dictionaries, builtin_actors=builtin_actors)


#: Characters of context either side of a mention that ``actor_classifier.mention_features`` reads.
CONTEXT = 40


def context_windows(mentions: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Per mention row, the text around it that the classifier reads (``_ctx``) and where it starts (``_ctx0``)."""
    starts = np.maximum(mentions["start"].to_numpy() - CONTEXT, 0)
    windows = [
        texts.get(aid, "")[s0 : end + CONTEXT]
        for aid, s0, end in zip(mentions["article_id"], starts.tolist(), mentions["end"].tolist(), strict=True)
    ]
    return pd.DataFrame({"_ctx": pd.Series(windows, dtype=object), "_ctx0": starts.astype("int64")})


def _fit(frame: pd.DataFrame, arrow: pa.Schema) -> pd.DataFrame:
    """``frame`` with text columns of ``arrow`` holding text (a metadata key whose values are numbers in
    one partition and text in another is text everywhere)."""
    for f in arrow:
        if pa.types.is_large_string(f.type) and f.name in frame and frame[f.name].dtype == object:
            col = frame[f.name]
            odd = col.map(lambda v: v is not None and not isinstance(v, str) and v == v)
            if odd.any():
                frame[f.name] = col.where(~odd, col[odd].map(str))
    return frame


def tables_partition(
    ids: list[str],
    dup_of: list[str | None],
    why: list[str],
    articles_schema: pa.Schema,
    out: Location,
    key: str,
    dictionaries: Sequence[str],
    builtin_actors: bool,
    read_key: str,
    year: int | None = None,
    name: str | None = None,
) -> list[FileEntry]:
    """Worker: one partition's records (from its read result) with the ids and duplicates decided on the
    client → its articles, report, sentences, tokens and timexes files, and its per-article mention rows
    with their context windows (kept under ``_work`` for the corpus-level actor pass). Undated articles
    get their date inferred here with the corpus-level ``year``.

    ``key`` names the partition's work files; ``name`` (default ``key``) its table files, which sort in the
    dataset's article order. Returns the manifest entries of the table files; the same list is kept last as
    the partition's record under ``_work/done`` (``finished_partitions`` reads it on a re-run)."""
    from workbench.dates.timexes import infer_published_dates, timexes_table
    from workbench.pipeline.articles import articles_frame, complete_report
    from workbench.text.frames import segment_frames

    out = store_of(out)
    stored = stored_read(out.sub(WORK), read_key)
    if stored is None:
        raise WorkbenchError(
            f"the read step's files of partition {read_key} are missing or damaged under {out.join(WORK)}; "
            "run the same ingest again (it reads that partition's inputs again)"
        )
    records, rows = stored
    extra = [n for n in articles_schema.names if n not in schema.columns("articles")]
    articles = articles_frame(records, ids, dup_of, meta_keys=extra)
    report = complete_report(rows, ids, dup_of, why)
    del records, rows
    seg = segment_frames(articles[["article_id", "text"]], progress=False)
    if articles["published"].isna().any():
        undated = set(articles.loc[articles["published"].isna(), "article_id"])
        sents = seg["sentences"]
        articles = infer_published_dates(articles, sents[sents["article_id"].isin(undated)], year_hint=year)
    frames = {
        "sentences": seg["sentences"],
        "tokens": seg["tokens"],
        "timexes": timexes_table(articles, seg["sentences"]),
    }
    mentions = raw_mentions(articles, seg["sentences"], dictionaries=dictionaries, builtin_actors=builtin_actors)
    windows = context_windows(mentions, dict(zip(articles["article_id"], articles["text"], strict=True)))
    out.write_parquet(work_mentions(out, key), to_arrow(pd.concat([mentions, windows], axis=1)))
    stem = name or key
    entries = [write_table_file(out, table, stem, schema.to_arrow(frame, table)) for table, frame in frames.items()]
    entries.append(write_table_file(out, "report", stem, schema.to_arrow(report, "report")))
    arts = schema.to_arrow(_fit(articles, articles_schema), "articles", schema=articles_schema)
    entries.append(write_table_file(out, "articles", stem, arts))
    out.write_bytes(done_path(out, key), json.dumps([asdict(e) for e in entries]).encode("utf-8"))  # last
    return entries
