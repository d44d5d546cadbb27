"""Ingest on a Dask cluster into a partitioned Parquet dataset (resumable), with the same tables as ``load``.

The work is the package's own pure functions mapped over partitions of the input files on a
``dask.distributed`` cluster; the few corpus-level decisions are made once on the client:

1. **read** (workers, per partition): ``loader.read_sources`` on the partition's files (sidecar metadata
   applied); the records and report rows are kept under ``_work/read`` and each record's distinct word
   shingles (hashed with a fixed-key hash, comparable across processes) under ``_work/shingles``. The
   client receives a ``ReadSummary``: per record its ``content_id(title, text)``, ``(source, record)``,
   MinHash LSH band keys and publication year, and the partition's articles schema. No text, no shingles.
2. **ids** (client, with workers): ``loader.decide_duplicates``, the same code as ``load``: exact copies
   by content id; near-copy candidates from the band keys, grouped into connected components
   (``dedupe.candidate_components``), whose exact check (``dedupe.find_duplicates``) runs on the workers
   from the stored shingles, whole components per task, so the result equals the whole-corpus check.
   Also the corpus-level year for date inference, and one articles schema for every partition.
3. **tables** (workers, per partition): the articles table (``loader.articles_frame``) and report rows
   (``loader.complete_report``) from the stored records with the decided ids, undated articles' dates
   inferred (``infer_published_dates`` with the corpus year), ``pipeline.segment_frames``,
   ``extract.timexes.timexes_table`` and the per-article ``extract.actors.article_mentions``; each worker
   writes its partition's Parquet files, and beside each raw mention the text window the classifier reads.
4. **actors** (workers and client): the corpus-level pass of ``mentions_table`` (classifier retyping of
   guessed names, then ``resolve_corpus``) as a map-reduce, ``scale_actors.corpus_actor_pass``: the
   workers summarise and apply, the client merges summaries per distinct actor and decides; each
   partition's mentions file is written by a worker.

The client's memory grows with the number of articles only by a few small values per article (ids, band
keys, labels), never by texts, shingles or table rows.

Layout: ``DIR/<table>/part-<key>.parquet`` for articles, report, sentences, tokens, timexes and mentions,
and ``DIR/report/part-inputs-<key>.parquet`` for the report rows of inputs that belong to no partition
(sidecars, missing paths). A partition's key hashes its input files' contents, the options and
code that produced it, and the ids decided for its articles: re-running with unchanged inputs finds the
files and skips the work (``_work/`` keeps each partition's read result too). Files are written under a
temporary name and renamed, so a file present is complete; files of earlier runs that no longer belong
to the dataset are removed at the end, so a re-run never leaves duplicates.

>>> import workbench.scale as scale
>>> [len(p) for p in scale.partition_files(list(range(5)), sizes=[1] * 5, partition_size=2)]
[2, 2, 1]
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from workbench.errors import WorkbenchError
from workbench.ingest.records import Record
from workbench.ingest.sources import Expansion, SourceFile, expand, file_digest, source_digest, split_source
from workbench.paths import PACKAGE_DIR, seeds_dir

#: Tables written per partition (``report`` is written by the client).
PARTITION_TABLES = ("articles", "sentences", "tokens", "timexes", "mentions")
TABLES = (*PARTITION_TABLES, "report")
#: Default target of input bytes per partition when ``partition_size`` (files) is not given.
PARTITION_BYTES = 8 * 1024 * 1024
WORK = "_work"


@dataclass
class Partition:
    """A contiguous run of input files, read and written together."""

    index: int
    files: list[SourceFile]
    key: str = ""  # hashes the inputs and options (the read step)
    out_key: str = ""  # also hashes the ids decided for its articles (the table files)
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

    out: Path
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


def _peak_mb() -> float:
    try:
        import resource
    except ImportError:  # not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------ partitions


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


def _digest(value: object) -> str:
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def code_digest() -> str:
    """Digest of the code whose output is stored (readers, pipeline, extractors, this module) and of the
    shipped resources; a change makes every partition new."""
    paths = [PACKAGE_DIR / name for name in ("loader.py", "pipeline.py", "dedupe.py", "scale.py")]
    for sub in ("ingest", "text", "extract", "resources"):
        paths += sorted(p for p in (PACKAGE_DIR / sub).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    from workbench.paths import data_dir

    actors_yml = data_dir() / "actors.yml"
    if actors_yml.exists():
        paths.append(actors_yml)
    return _digest([file_digest(p) for p in paths])


# ------------------------------------------------------------------------------------ shingles


def stable_shingles(texts: list[str], k: int = 5) -> list[np.ndarray]:
    """``dedupe.all_shingles`` with words hashed by pandas' fixed-key SipHash instead of Python's salted
    ``hash``: shingles computed in different worker processes can be compared on the client."""
    from workbench.dedupe import _EMPTY, _WORD

    words_per_text = [_WORD.findall(t.lower()) for t in texts]
    lengths = np.fromiter((len(w) for w in words_per_text), dtype=np.int64, count=len(texts))
    n = int(lengths.sum())
    flat = np.array([w for ws in words_per_text for w in ws], dtype=object)
    h = pd.util.hash_array(flat, categorize=False).astype(np.uint64) if n else np.zeros(0, dtype=np.uint64)
    starts = np.cumsum(lengths) - lengths
    acc = h.copy()
    with np.errstate(over="ignore"):
        for j in range(1, min(k, n)):
            acc[: n - j] = acc[: n - j] * np.uint64(1099511628211) + h[j:]
    out = []
    for i in range(len(texts)):
        first, length = int(starts[i]), int(lengths[i])
        if length >= k:
            out.append(acc[first : first + length - k + 1])
        elif length:
            short = h[first]
            with np.errstate(over="ignore"):
                for j in range(1, length):
                    short = short * np.uint64(1099511628211) + h[first + j]
            out.append(np.array([short], dtype=np.uint64))
        else:
            out.append(_EMPTY)
    return out


# ------------------------------------------------------------------------------------ worker tasks


def _atomic_write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"  # hidden: dataset readers skip it
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _to_arrow(frame: pd.DataFrame, schema: pa.Schema | None = None) -> pa.Table:
    """A frame as an Arrow table; all-null columns become strings so that every partition's file has the
    same schema (an empty partition would otherwise write ``null`` columns)."""
    if schema is not None:
        if frame.empty:  # pandas gives an empty frame's columns float64, which need not convert
            return schema.empty_table()
        return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, f in enumerate(table.schema):
        if pa.types.is_null(f.type):
            table = table.set_column(i, pa.field(f.name, pa.string()), table.column(i).cast(pa.string()))
    return table.replace_schema_metadata(None)


@dataclass
class ReadSummary:
    """What the client receives from one partition's read step (no texts, no shingles)."""

    base_ids: list[str]  # content_id(title, text) per record
    labels: list[tuple[str, str]]  # (source, record) per record, for the report's reasons
    keys: np.ndarray  # LSH band keys of each record's word shingles, shape (n, dedupe.BANDS)
    nonempty: np.ndarray  # whether the record has any shingle
    years: np.ndarray  # publication year per record, 0 when unknown
    schema: pa.Schema  # of the partition's articles table (``null`` where every value is missing)


def _shingle_paths(work: Path, key: str) -> tuple[Path, Path]:
    return work / "shingles" / f"part-{key}.npy", work / "shingles" / f"part-{key}.offsets.npy"


def _save_npy(array: np.ndarray, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    with tmp.open("wb") as fh:
        np.save(fh, array)
    os.replace(tmp, path)


def _read_full(
    files: list[SourceFile], sidecars: list[Path], metadata: Any, work: Path, key: str
) -> tuple[list[Record], list[dict[str, Any]]]:
    """Worker: one partition's files → full records (texts included) and report rows, kept under ``work``
    with each record's distinct word shingles (``_work/shingles``), so that a re-run, the near-duplicate
    check and the tables step do not read the files again."""
    from workbench.loader import read_sources

    path = work / "read" / f"part-{key}.pkl"
    if path.exists() and all(p.exists() for p in _shingle_paths(work, key)):
        with path.open("rb") as fh:
            return pickle.load(fh)
    records, rows, _ = read_sources(Expansion(files=files, sidecars=sidecars), metadata, progress=False, workers=1)
    sidecar_names = {str(p) for p in sidecars}
    rows = [r for r in rows if not (r["source"] in sidecar_names and r["record"] == "" and "_index" not in r)]
    sets = [np.unique(s) for s in stable_shingles([r.text for r in records])]
    flat_path, offsets_path = _shingle_paths(work, key)
    _save_npy(np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64), flat_path)
    _save_npy(np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64), offsets_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    with tmp.open("wb") as fh:
        pickle.dump((records, rows), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)  # last: marks the read complete
    return records, rows


def _shingle_sets(work: Path, key: str, rows: Sequence[int] | None = None) -> list[np.ndarray]:
    """Partition ``key``'s stored shingle sets (those of ``rows`` only, read from a memory map)."""
    flat_path, offsets_path = _shingle_paths(work, key)
    flat = np.load(flat_path, mmap_mode="r")
    offsets = np.load(offsets_path)
    wanted = range(len(offsets) - 1) if rows is None else rows
    return [np.array(flat[offsets[i] : offsets[i + 1]]) for i in wanted]


def read_partition(files: list[SourceFile], sidecars: list[Path], metadata: Any, work: Path, key: str) -> ReadSummary:
    """Worker: one partition's files → what the client's corpus-level decisions need, and no texts."""
    from workbench.dedupe import band_keys
    from workbench.ingest.records import content_id
    from workbench.loader import articles_frame

    records, _ = _read_full(files, sidecars, metadata, work, key)
    sets = _shingle_sets(work, key)
    frame = articles_frame(records, [""] * len(records), [None] * len(records)).assign(text="", boilerplate="")
    sources: dict[str, str] = {}  # one string object per source file: pickled (and held by the client) once
    schema = pa.Schema.from_pandas(frame, preserve_index=False).remove_metadata()
    if not records:  # nothing is known of an empty partition's columns (pandas would say float64)
        schema = pa.schema([pa.field(f.name, f.type if f.name == "published" else pa.null()) for f in schema])
    return ReadSummary(
        base_ids=[content_id(r.title, r.text) for r in records],
        labels=[(sources.setdefault(r.source, r.source), r.record) for r in records],
        keys=band_keys(sets),
        nonempty=np.array([s.size > 0 for s in sets], dtype=bool),
        years=frame["published"].dt.year.fillna(0).to_numpy(dtype=np.int64),
        schema=schema,
    )


def unify_schemas(schemas: Sequence[pa.Schema]) -> pa.Schema:
    """One articles schema for every partition: columns in first-seen order; a column's type is the first
    known one (a column missing everywhere is text, and so is one whose types disagree)."""
    names: list[str] = []
    types: dict[str, pa.DataType] = {}
    for schema in schemas:
        for f in schema:
            if f.name not in types:
                names.append(f.name)
                types[f.name] = f.type
            elif pa.types.is_null(types[f.name]):
                types[f.name] = f.type
            elif not pa.types.is_null(f.type) and f.type != types[f.name]:
                types[f.name] = pa.large_string()
    return pa.schema([pa.field(n, pa.large_string() if pa.types.is_null(types[n]) else types[n]) for n in names])


#: Members of candidate components checked per near-duplicate task.
NEAR_BATCH = 20_000


def check_near(
    positions: np.ndarray, parts: np.ndarray, rows: np.ndarray, read_keys: dict[int, str], work: Path, threshold: float
) -> dict[int, tuple[int, float]]:
    """Worker: ``dedupe.find_duplicates`` over whole candidate components, whose members are given by their
    position among the corpus's originals (ascending) and where their shingles are stored (partition, row).
    Returns ``{position: (position of the first copy, resemblance)}``."""
    from workbench.dedupe import find_duplicates

    sets: list[np.ndarray] = [np.zeros(0, dtype=np.uint64)] * len(positions)
    for part in np.unique(parts).tolist():
        at = np.flatnonzero(parts == part)
        for k, s in zip(at.tolist(), _shingle_sets(work, read_keys[part], rows[at].tolist()), strict=True):
            sets[k] = s
    found = find_duplicates([""] * len(sets), threshold=threshold, sets=sets)
    return {int(positions[k]): (int(positions[root]), score) for k, (root, score) in found.items()}


def near_duplicate_jobs(
    components: np.ndarray, parts: np.ndarray, rows: np.ndarray, read_keys: list[str], work: Path, threshold: float
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
    """The per-article part of ``extract.actors.mentions_table`` (no corpus-level pass)."""
    from workbench.extract.actor_matcher import matcher_for
    from workbench.extract.actors import MENTION_COLUMNS, _sentence_spans, article_mentions

    matcher = matcher_for(tuple(dictionaries), builtin_actors=builtin_actors)
    spans = _sentence_spans(sentences)
    rows: list[dict[str, object]] = []
    for aid, text, pub in zip(articles["article_id"], articles["text"], articles["published"], strict=True):
        day = None if pd.isna(pub) else pd.Timestamp(pub).date()
        rows.extend(
            article_mentions(
                aid, text if isinstance(text, str) else "", spans.get(aid, []), published=day, matcher=matcher
            )
        )
    df = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return df.astype(
        {"sentence_id": "int64", "start": "int64", "end": "int64", "metonymy": "bool", "strength": "int64"}
    )


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


def _table_path(out: Path, table: str, key: str) -> Path:
    return out / table / f"part-{key}.parquet"


REPORT_SCHEMA = pa.schema([pa.field(c, pa.string()) for c in ("source", "record", "status", "reason", "article_id")])


def _fit(frame: pd.DataFrame, schema: pa.Schema) -> pd.DataFrame:
    """``frame`` with text columns of ``schema`` holding text (a metadata key whose values are numbers in
    one partition and text in another is text everywhere)."""
    for f in schema:
        if pa.types.is_large_string(f.type) and f.name in frame and frame[f.name].dtype == object:
            col = frame[f.name]
            odd = col.map(lambda v: v is not None and not isinstance(v, str))
            if odd.any():
                frame[f.name] = col.where(~odd, col[odd].map(str))
    return frame


def tables_partition(
    ids: list[str],
    dup_of: list[str | None],
    why: list[str],
    schema: pa.Schema,
    out: Path,
    key: str,
    dictionaries: Sequence[str],
    builtin_actors: bool,
    read_key: str,
    year: int | None = None,
) -> dict[str, int]:
    """Worker: one partition's records (from its read result) with the ids and duplicates decided on the
    client → its articles, report, sentences, tokens and timexes files, and its per-article mention rows
    with their context windows (kept under ``_work`` for the corpus-level actor pass). Undated articles
    get their date inferred here with the corpus-level ``year``. Returns row counts."""
    from workbench.extract.timexes import infer_published_dates, timexes_table
    from workbench.loader import ARTICLE_COLUMNS, articles_frame, complete_report
    from workbench.pipeline import segment_frames

    with (out / WORK / "read" / f"part-{read_key}.pkl").open("rb") as fh:
        records, rows = pickle.load(fh)
    articles = articles_frame(records, ids, dup_of, meta_keys=schema.names[len(ARTICLE_COLUMNS) :])
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
    _atomic_write(_to_arrow(pd.concat([mentions, windows], axis=1)), out / WORK / "mentions" / f"part-{key}.parquet")
    for name, frame in frames.items():
        _atomic_write(_to_arrow(frame), _table_path(out, name, key))
    _atomic_write(_to_arrow(report, REPORT_SCHEMA), _table_path(out, "report", key))
    _atomic_write(_to_arrow(_fit(articles, schema), schema), _table_path(out, "articles", key))  # last: marks it done
    return {name: len(frame) for name, frame in frames.items()} | {"articles": len(articles), "report": len(report)}


def _partition_done(out: Path, key: str) -> bool:
    return (
        all(_table_path(out, t, key).exists() for t in ("articles", "report", "sentences", "tokens", "timexes"))
        and (out / WORK / "mentions" / f"part-{key}.parquet").exists()
    )


# ------------------------------------------------------------------------------------ client


def _client(scheduler: str | None, cluster: Any, n_workers: int | None) -> tuple[Any, Any]:
    """A distributed Client (and the LocalCluster it owns, if any)."""
    from distributed import Client, LocalCluster

    if cluster is not None:
        return Client(cluster), None
    if scheduler is not None:
        return Client(scheduler), None
    n = n_workers or max(1, min(os.cpu_count() or 1, 8))
    local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    return Client(local), local


def _run(client: Any, fn: Any, jobs: dict[int, tuple], step: str, labels: dict[int, str]) -> dict[int, Any]:
    """Submit ``fn(*args)`` per job; wait for all; raise one error naming every unfinished job (``labels``)."""
    from distributed import as_completed

    token = _digest([step, time.time_ns()])[:8]
    futures = {client.submit(fn, *args, key=f"{step}-{token}-{i}", pure=False): i for i, args in jobs.items()}
    results: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for fut in as_completed(list(futures)):
        i = futures[fut]
        try:
            results[i] = fut.result()
        except Exception as exc:  # a worker died or a task failed: collect, report all at the end
            errors[i] = f"{type(exc).__name__}: {exc}"[:200]
        fut.release()
    if errors:
        names = "; ".join(f"{labels.get(i, f'job {i}')}: {why}" for i, why in sorted(errors.items()))
        raise WorkbenchError(
            f"{step}: {len(errors)} of {len(jobs)} partitions unfinished ({names}); finished partitions are "
            "kept, run the same ingest again to complete the dataset"
        )
    return results


def ingest_dask(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    partition_size: int | None = None,
    cluster: Any = None,
    n_workers: int | None = None,
    metadata: Any = None,
    actors: Sequence[str | os.PathLike[str]] = (),
    builtin_actors: bool = True,
    year_hint: int | None = None,
) -> IngestSummary:
    """Ingest ``sources`` on a Dask cluster into a partitioned Parquet dataset under ``out``.

    Args:
        sources: files, folders or globs, as for ``workbench.load`` (default ``seeds/`` when empty).
        out: the dataset folder (shared by the client and every worker).
        scheduler: address of a running ``dask.distributed`` scheduler; without it (and without
            ``cluster``) a LocalCluster on 127.0.0.1 with one single-threaded worker process per CPU runs.
        partition_size: input files per partition (default: runs of about 8 MB of input). A JSON Lines,
            CSV/TSV or Parquet file larger than ``PARTITION_BYTES`` is first cut into pieces of about that
            size (``ingest.sources.split_source``), each read by its own partition, with the same records
            and report rows as reading the file whole.
        cluster: an existing cluster object (e.g. a LocalCluster made by a test).
        n_workers: workers of the local cluster made when neither ``scheduler`` nor ``cluster`` is given.
        metadata, actors, builtin_actors, year_hint: as for ``workbench.load``.

    Returns:
        An ``IngestSummary``. Raises ``WorkbenchError`` naming the unfinished partitions when some could
        not be computed; those that were are kept, and running the same call again completes the dataset.
    """
    from workbench.dedupe import candidate_components
    from workbench.loader import REPORT_COLUMNS, decide_duplicates, input_rows

    t0 = time.perf_counter()
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = list(sources) or [seeds_dir()]
    if "://" in os.fspath(out) and not os.fspath(out).startswith("file://"):
        raise WorkbenchError(
            f"--out {os.fspath(out)}: the dataset must be a folder every worker can write and read (a local disk "
            "for a local cluster, a shared file system for a cluster of machines); object stores such as s3:// "
            "are supported for the inputs only"
        )
    root = Path(os.fspath(out).removeprefix("file://"))
    root.mkdir(parents=True, exist_ok=True)
    work = root / WORK
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
        Partition(i, files)
        for i, files in enumerate(partition_files(files, sizes=sizes, partition_size=partition_size))
    ]
    for p in parts:
        p.key = _digest([options, [[sf.label, sf.digest] for sf in p.files]])
    labels = {p.index: p.label() for p in parts}
    summary = IngestSummary(out=root, partitions=len(parts))

    client, local = _client(scheduler, cluster, n_workers)
    try:
        # 1. read (workers): records stay on the workers; the client gets ids, LSH keys, years, schemas
        reads = _run(
            client,
            read_partition,
            {p.index: (p.files, expansion.sidecars, metadata, work, p.key) for p in parts},
            "read",
            labels,
        )
        summary.seconds["read"] = time.perf_counter() - t0
        summary.peak_mb["read"] = _peak_mb()

        # 2. ids and duplicates (client, with the exact near-duplicate checks on the workers): as in load
        t1 = time.perf_counter()
        done = [reads.pop(p.index) for p in parts]
        del reads
        for p, r in zip(parts, done, strict=True):
            p.n_records = len(r.base_ids)
        counts = np.array([p.n_records for p in parts], dtype=np.int64)
        where_part = np.repeat(np.arange(len(parts)), counts)
        where_row = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        keys = np.concatenate([r.keys for r in done]) if done else np.zeros((0, 1), dtype=np.uint64)
        nonempty = np.concatenate([r.nonempty for r in done]) if done else np.zeros(0, dtype=bool)
        read_keys = [p.key for p in parts]

        def near(originals: list[int]) -> dict[int, tuple[int, float]]:
            o = np.asarray(originals, dtype=np.int64)
            components = candidate_components(keys[o], nonempty[o])
            jobs = near_duplicate_jobs(components, where_part[o], where_row[o], read_keys, work, 0.9)
            found: dict[int, tuple[int, float]] = {}
            for result in _run(client, check_near, jobs, "near-duplicates", {i: f"batch {i}" for i in jobs}).values():
                found.update(result)
            return found

        ids, dup, why = decide_duplicates(
            [x for r in done for x in r.base_ids], [x for r in done for x in r.labels], near
        )
        keys = nonempty = where_part = where_row = None  # free them (the closure above is done)
        year = inference_year(np.concatenate([r.years for r in done]) if done else np.zeros(0, np.int64), year_hint)
        schema = unify_schemas([r.schema for r in done])
        del done
        summary.seconds["ids"] = time.perf_counter() - t1
        summary.peak_mb["ids"] = _peak_mb()

        # 3. tables (workers), skipping partitions already written with the same ids
        t2 = time.perf_counter()
        decided: dict[int, tuple[list[str], list[str | None], list[str]]] = {}
        start = 0
        for p in parts:
            sl = slice(start, start + p.n_records)
            start += p.n_records
            decided[p.index] = (ids[sl], [ids[j] if j >= 0 else None for j in dup[sl]], why[sl])
            p.out_key = _digest([p.key, _digest(decided[p.index]), str(schema), year])[:16]
        n_articles = len(ids)
        del ids, dup, why
        todo = {p.index for p in parts if not _partition_done(root, p.out_key)}
        summary.skipped = sorted(p.index for p in parts if p.index not in todo)
        summary.computed = sorted(todo)
        jobs = {
            i: (*decided.pop(i), schema, root, parts[i].out_key, actor_files, builtin_actors, parts[i].key, year)
            for i in sorted(todo)
        }
        decided.clear()
        _run(client, tables_partition, jobs, "tables", labels)
        del jobs
        summary.seconds["tables"] = time.perf_counter() - t2
        summary.peak_mb["tables"] = _peak_mb()

        # 4. corpus-level actor pass: summaries on the workers, decisions on the client
        t3 = time.perf_counter()
        from workbench.scale_actors import corpus_actor_pass

        n_mentions = corpus_actor_pass(
            [root / WORK / "mentions" / f"part-{p.out_key}.parquet" for p in parts],
            [_table_path(root, "mentions", p.out_key) for p in parts],
            run=lambda fn, jobs: _run(client, fn, jobs, f"actors-{fn.__name__}", labels),
        )
    finally:
        client.close()
        if local is not None:
            local.close()

    extra = pd.DataFrame(input_rows(expansion), columns=REPORT_COLUMNS)
    inputs_key = "inputs-" + _digest([p.out_key for p in parts] + [extra.to_json()])[:16]
    _write_if_changed(_to_arrow(extra, REPORT_SCHEMA), _table_path(root, "report", inputs_key))
    _remove_stale(root, {p.out_key for p in parts}, inputs_key, {p.key for p in parts})
    summary.seconds["actors"] = time.perf_counter() - t3
    summary.peak_mb["actors"] = _peak_mb()
    summary.seconds["total"] = time.perf_counter() - t0
    status = pq.read_table(root / "report", columns=["status"]).column("status").to_pandas()
    summary.articles = n_articles
    summary.inputs = len(status)
    summary.by_status = status.value_counts().to_dict()
    summary.rows = {"articles": n_articles, "report": len(status), "mentions": n_mentions}
    return summary


def _write_if_changed(table: pa.Table, path: Path) -> None:
    if path.exists():
        try:
            if pq.read_table(path).equals(table):
                return
        except (OSError, pa.ArrowInvalid):
            pass
    _atomic_write(table, path)


def _remove_stale(root: Path, keys: set[str], inputs_key: str, read_keys: set[str]) -> None:
    """Delete files of earlier runs that are not part of this dataset (so a re-run leaves no duplicates)."""
    for table in (*PARTITION_TABLES, "report"):
        for path in (root / table).glob("part-*.parquet"):
            if path.stem.removeprefix("part-") not in keys | {inputs_key}:
                path.unlink()
    for path in (root / WORK / "mentions").glob("part-*.parquet"):
        if path.stem.removeprefix("part-") not in keys:
            path.unlink()
    for path in (root / WORK / "read").glob("part-*.pkl"):
        if path.stem.removeprefix("part-") not in read_keys:
            path.unlink()
    for path in (root / WORK / "shingles").glob("part-*.npy"):
        if path.name.removeprefix("part-").split(".")[0] not in read_keys:
            path.unlink()


def read_table(out: str | os.PathLike[str], table: str) -> pd.DataFrame:
    """One table of a dataset written by ``ingest_dask``, read into pandas (all partitions)."""
    path = Path(out) / table
    if not path.is_dir() or not any(path.glob("part-*.parquet")):
        raise WorkbenchError(f"{out}: no {table} table here; write one with `workbench ingest --engine dask`")
    return pq.read_table(path).to_pandas()
