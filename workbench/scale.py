"""Ingest on a Dask cluster into a partitioned Parquet dataset (resumable), with the same tables as ``load``.

The work is the package's own pure functions mapped over partitions of the input files on a
``dask.distributed`` cluster; the few corpus-level decisions are made once on the client:

1. **read** (workers, per partition): ``loader.read_sources`` on the partition's files (sidecar metadata
   applied); the full records are kept under ``_work/read``; the client receives records *without texts*,
   each record's ``content_id(title, text)``, report rows and word shingles (hashed with a fixed-key hash,
   so that shingles computed in different processes are comparable).
2. **ids** (client): ``decide_ids`` (``loader.build_articles`` from content ids and shingles: ids, exact and
   near duplicates, the report) and the corpus-level year for date inference. The client holds no text.
3. **tables** (workers, per partition): texts re-attached from the read result, undated articles' dates
   inferred (``infer_published_dates`` with the corpus year), ``pipeline.segment_frames``,
   ``extract.timexes.timexes_table`` and the per-article ``extract.actors.article_mentions``; each worker
   writes its partition's Parquet files, and beside each raw mention the text window the classifier reads.
4. **actors** (client): the corpus-level pass of ``mentions_table`` (classifier retyping of guessed
   names, then ``resolve_corpus``) over the typing columns of every partition's mention rows; the context
   windows are read only for the rows the classifier looks at; mentions are written per partition.

Layout: ``DIR/<table>/part-<key>.parquet`` for articles, sentences, tokens, timexes and mentions, and
``DIR/report/part-<key>.parquet``. A partition's key hashes its input files' contents, the options and
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
from workbench.ingest.sources import Expansion, SourceFile, expand, file_digest
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
        first = self.files[0].path.name if self.files else "?"
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
        return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, f in enumerate(table.schema):
        if pa.types.is_null(f.type):
            table = table.set_column(i, pa.field(f.name, pa.string()), table.column(i).cast(pa.string()))
    return table.replace_schema_metadata(None)


def _read_full(
    files: list[SourceFile], sidecars: list[Path], metadata: Any, work: Path, key: str
) -> tuple[list[Record], list[dict[str, Any]], list[np.ndarray]]:
    """Worker: one partition's files → full records (texts included), report rows and shingles, kept under
    ``work`` so that a re-run (and the tables step) does not read the files again."""
    from workbench.loader import read_sources

    path = work / "read" / f"part-{key}.pkl"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    records, rows, _ = read_sources(Expansion(files=files, sidecars=sidecars), metadata, progress=False, workers=1)
    sidecar_names = {str(p) for p in sidecars}
    rows = [r for r in rows if not (r["source"] in sidecar_names and r["record"] == "" and "_index" not in r)]
    result = (records, rows, stable_shingles([r.text for r in records]))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    with tmp.open("wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return result


def read_partition(
    files: list[SourceFile], sidecars: list[Path], metadata: Any, work: Path, key: str
) -> tuple[list[Record], list[str], list[dict[str, Any]], list[np.ndarray]]:
    """Worker: one partition's files → what the client's global decisions need, and no texts: records
    without ``text`` and ``boilerplate``, each record's ``content_id(title, text)``, report rows and
    shingles (deduplicated within each record)."""
    from dataclasses import replace

    from workbench.ingest.records import content_id

    records, rows, shingles = _read_full(files, sidecars, metadata, work, key)
    ids = [content_id(r.title, r.text) for r in records]
    light = [replace(r, text="", boilerplate="") for r in records]
    return light, ids, rows, [np.unique(s) for s in shingles]


def decide_ids(
    records: list[Record],
    base_ids: list[str],
    report: list[dict[str, Any]],
    shingles: list[np.ndarray],
    *,
    threshold: float = 0.9,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``loader.build_articles`` from content ids and shingles instead of texts: the articles table with
    empty ``text`` and ``boilerplate`` (filled in by the workers) and the completed report."""
    from workbench.loader import build_articles

    return build_articles(records, report, threshold=threshold, shingles=shingles, base_ids=base_ids)


def inference_year(articles: pd.DataFrame, year_hint: int | None) -> int | None:
    """The year ``infer_published_dates`` assumes for the whole corpus (the hint, else the most frequent year
    of the dated articles): decided once on the client, so that every partition infers alike."""
    published = articles["published"]
    if year_hint is not None or not published.isna().any() or published.isna().all():
        return year_hint
    return int(published.dropna().dt.year.mode().iloc[0])


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


def tables_partition(
    articles: pd.DataFrame,
    schema: pa.Schema,
    out: Path,
    key: str,
    dictionaries: Sequence[str],
    builtin_actors: bool,
    read_key: str = "",
    year: int | None = None,
) -> dict[str, int]:
    """Worker: one partition's articles (ids decided, texts not sent) → its articles, sentences, tokens and
    timexes files, and its per-article mention rows with their context windows (kept under ``_work`` for the
    client's corpus-level pass). Texts come from the partition's read result; undated articles get their
    date inferred here with the corpus-level ``year``. Returns row counts."""
    from workbench.extract.timexes import infer_published_dates, timexes_table
    from workbench.pipeline import segment_frames

    articles = articles.copy()
    if read_key:
        with (out / WORK / "read" / f"part-{read_key}.pkl").open("rb") as fh:
            records = pickle.load(fh)[0]
        articles["text"] = [r.text for r in records]
        articles["boilerplate"] = [r.boilerplate for r in records]
        del records
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
    _atomic_write(_to_arrow(articles, schema), _table_path(out, "articles", key))  # last: marks it done
    return {name: len(frame) for name, frame in frames.items()} | {"articles": len(articles)}


def _partition_done(out: Path, key: str) -> bool:
    return (
        all(_table_path(out, t, key).exists() for t in ("articles", "sentences", "tokens", "timexes"))
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


def _run(client: Any, fn: Any, jobs: dict[int, tuple], step: str, parts: list[Partition]) -> dict[int, Any]:
    """Submit ``fn(*args)`` per partition; wait for all; raise one error naming every unfinished partition."""
    from distributed import as_completed

    futures = {client.submit(fn, *args, key=f"{step}-{parts[i].key}-{i}", pure=False): i for i, args in jobs.items()}
    results: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for fut in as_completed(list(futures)):
        i = futures[fut]
        try:
            results[i] = fut.result()
        except Exception as exc:  # a worker died or a task failed: collect, report all at the end
            errors[i] = f"{type(exc).__name__}: {exc}"[:200]
    if errors:
        names = "; ".join(f"{parts[i].label()}: {why}" for i, why in sorted(errors.items()))
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
        partition_size: input files per partition (default: runs of about 8 MB of input).
        cluster: an existing cluster object (e.g. a LocalCluster made by a test).
        n_workers: workers of the local cluster made when neither ``scheduler`` nor ``cluster`` is given.
        metadata, actors, builtin_actors, year_hint: as for ``workbench.load``.

    Returns:
        An ``IngestSummary``. Raises ``WorkbenchError`` naming the unfinished partitions when some could
        not be computed; those that were are kept, and running the same call again completes the dataset.
    """
    from workbench.loader import REPORT_COLUMNS, input_rows

    t0 = time.perf_counter()
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = list(sources) or [seeds_dir()]
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    work = root / WORK
    actor_files = [os.fspath(p) for p in actors]
    expansion = expand(sources)
    sizes = []
    for sf in expansion.files:
        sf.digest = file_digest(sf.path) if sf.path.is_file() else ""
        sizes.append(sf.path.stat().st_size if sf.path.is_file() else 0)
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
        for i, files in enumerate(partition_files(expansion.files, sizes=sizes, partition_size=partition_size))
    ]
    for p in parts:
        p.key = _digest([options, [[str(sf.path), sf.digest] for sf in p.files]])
    summary = IngestSummary(out=root, partitions=len(parts))

    client, local = _client(scheduler, cluster, n_workers)
    try:
        # 1. read (workers)
        reads = _run(
            client,
            read_partition,
            {p.index: (p.files, expansion.sidecars, metadata, work, p.key) for p in parts},
            "read",
            parts,
        )
        summary.seconds["read"] = time.perf_counter() - t0
        summary.peak_mb["read"] = _peak_mb()

        # 2. ids, duplicates, report (client): the same code as load
        t1 = time.perf_counter()
        records: list[Record] = []
        base_ids: list[str] = []
        shingles: list[np.ndarray] = []
        rows = input_rows(expansion)
        for p in parts:
            recs, part_ids, part_rows, part_shingles = reads.pop(p.index)
            offset = len(records)
            for row in part_rows:
                row = dict(row)
                if "_index" in row:
                    row["_index"] += offset
                rows.append(row)
            records.extend(recs)
            base_ids.extend(part_ids)
            shingles.extend(part_shingles)
            p.n_records = len(recs)
        del reads
        articles, report = decide_ids(records, base_ids, rows, shingles)
        del records, base_ids, shingles
        year = inference_year(articles, year_hint)
        schema = _to_arrow(articles).schema
        summary.seconds["ids"] = time.perf_counter() - t1
        summary.peak_mb["ids"] = _peak_mb()

        # 3. tables (workers), skipping partitions already written with the same ids
        t2 = time.perf_counter()
        slices: dict[int, pd.DataFrame] = {}
        start = 0
        for p in parts:
            piece = articles.iloc[start : start + p.n_records].reset_index(drop=True)
            start += p.n_records
            ids = pd.util.hash_pandas_object(
                piece[["article_id", "duplicate_of", "published"]].astype(str), index=False
            ).to_numpy()
            p.out_key = _digest([p.key, hashlib.sha1(ids.tobytes()).hexdigest(), str(schema), year])[:16]
            slices[p.index] = piece
        todo = {p.index for p in parts if not _partition_done(root, p.out_key)}
        summary.skipped = sorted(p.index for p in parts if p.index not in todo)
        summary.computed = sorted(todo)
        _run(
            client,
            tables_partition,
            {
                i: (slices[i], schema, root, parts[i].out_key, actor_files, builtin_actors, parts[i].key, year)
                for i in sorted(todo)
            },
            "tables",
            parts,
        )
        summary.seconds["tables"] = time.perf_counter() - t2
        summary.peak_mb["tables"] = _peak_mb()
    finally:
        client.close()
        if local is not None:
            local.close()

    # 4. corpus-level actor pass (client) and the report
    t3 = time.perf_counter()
    n_mentions = _actor_pass(root, parts)
    report = report[REPORT_COLUMNS]
    report_key = _digest([p.out_key for p in parts] + [pd.util.hash_pandas_object(report.astype(str)).sum()])[:16]
    _write_if_changed(_to_arrow(report), _table_path(root, "report", report_key))
    _remove_stale(root, {p.out_key for p in parts}, report_key, {p.key for p in parts})
    summary.seconds["actors"] = time.perf_counter() - t3
    summary.peak_mb["actors"] = _peak_mb()
    summary.seconds["total"] = time.perf_counter() - t0
    summary.articles = len(articles)
    summary.inputs = len(report)
    summary.by_status = report["status"].value_counts().to_dict()
    summary.rows = {"articles": len(articles), "report": len(report), "mentions": n_mentions}
    return summary


#: Mention columns the corpus-level pass reads (``article_id`` and ``sentence_id`` stay in the files).
_PASS_COLUMNS = [
    "start",
    "end",
    "surface",
    "actor_id",
    "actor",
    "actor_type",
    "method",
    "metonymy",
    "evidence",
    "strength",
]
#: Columns ``resolve_corpus`` reads.
_RESOLVE_COLUMNS = ["actor_id", "actor", "actor_type", "method", "strength"]
#: Columns the corpus-level pass may change.
_CHANGED = ["actor_id", "actor", "actor_type", "evidence"]


class _Recorder(dict):
    """A ``texts`` mapping that records which rows were asked for and answers a placeholder as long as the
    row's mention ("x" repeated up to its end), so that the name it spans is not empty."""

    def __init__(self, ends: np.ndarray) -> None:
        super().__init__()
        self.ends = ends
        self.asked: set[int] = set()

    def get(self, key: Any, default: Any = None) -> str:  # type: ignore[override]
        self.asked.add(key)
        return "x" * int(self.ends[key])


def _actor_pass(root: Path, parts: list[Partition]) -> int:
    """The corpus-level part of ``mentions_table`` (classifier retyping, then ``resolve_corpus``) without
    texts: the client holds the mention rows' typing columns only; the classifier's context comes from the
    windows the workers stored beside each mention, read for the few rows it looks at. Writes each
    partition's mentions file; returns the number of mentions."""
    from workbench.extract.actor_classifier import retype_unsure
    from workbench.extract.actors import resolve_corpus

    files = [root / WORK / "mentions" / f"part-{p.out_key}.parquet" for p in parts]
    frames, ctx0, counts = [], [], []
    for f in files:
        t = pq.read_table(f, columns=[*_PASS_COLUMNS, "_ctx0"]).to_pandas()
        ctx0.append(t.pop("_ctx0").to_numpy())
        counts.append(len(t))
        frames.append(t)
    m = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=_PASS_COLUMNS)
    del frames
    starts = np.concatenate(ctx0) if ctx0 else np.zeros(0, dtype=np.int64)
    m.insert(0, "article_id", np.arange(len(m)))  # a row key: texts are looked up per mention row
    if len(m):
        m["start"] = m["start"].to_numpy() - starts
        m["end"] = m["end"].to_numpy() - starts
        recorder = _Recorder(m["end"].to_numpy())
        retyped = retype_unsure(m, recorder)
        if recorder.asked:  # it read contexts: fetch the windows of those rows only and run it for real
            del retyped
            wanted = np.array(sorted(recorder.asked), dtype=np.int64)
            texts: dict[int, str] = {}
            bounds = np.concatenate([[0], np.cumsum(counts)])
            for k, f in enumerate(files):
                lo, hi = np.searchsorted(wanted, [bounds[k], bounds[k + 1]])
                if lo == hi:
                    continue
                col = pq.read_table(f, columns=["_ctx"]).column("_ctx")
                local = wanted[lo:hi] - bounds[k]
                texts.update(zip(wanted[lo:hi].tolist(), col.take(pa.array(local)).to_pylist(), strict=True))
                del col
            retyped = retype_unsure(m, texts)
            del texts
        del m
        evidence = retyped["evidence"].to_numpy()
        # resolve_corpus reads (and copies) only these columns; the others would only cost memory
        retyped = retyped[_RESOLVE_COLUMNS]
        changed = resolve_corpus(retyped).reset_index(drop=True)[["actor_id", "actor", "actor_type"]]
        del retyped
        changed["evidence"] = evidence
        del evidence
    else:
        changed = m[_CHANGED]
        del m
    bounds = np.concatenate([[0], np.cumsum(counts)]).tolist()
    schema = None
    for k, (p, f) in enumerate(zip(parts, files, strict=True)):
        raw = pq.read_table(f).to_pandas().drop(columns=["_ctx", "_ctx0"])
        piece = changed.iloc[bounds[k] : bounds[k + 1]]
        for col in _CHANGED:
            raw[col] = piece[col].to_numpy()
        table = _to_arrow(raw) if schema is None else pa.Table.from_pandas(raw, schema=schema, preserve_index=False)
        schema = schema or table.schema
        _write_if_changed(table, _table_path(root, "mentions", p.out_key))
    return len(changed)


def _write_if_changed(table: pa.Table, path: Path) -> None:
    if path.exists():
        try:
            if pq.read_table(path).equals(table):
                return
        except (OSError, pa.ArrowInvalid):
            pass
    _atomic_write(table, path)


def _remove_stale(root: Path, keys: set[str], report_key: str, read_keys: set[str]) -> None:
    """Delete files of earlier runs that are not part of this dataset (so a re-run leaves no duplicates)."""
    for table in PARTITION_TABLES:
        for path in (root / table).glob("part-*.parquet"):
            if path.stem.removeprefix("part-") not in keys:
                path.unlink()
    for path in (root / "report").glob("part-*.parquet"):
        if path.stem.removeprefix("part-") != report_key:
            path.unlink()
    for path in (root / WORK / "mentions").glob("part-*.parquet"):
        if path.stem.removeprefix("part-") not in keys:
            path.unlink()
    for path in (root / WORK / "read").glob("part-*.pkl"):
        if path.stem.removeprefix("part-") not in read_keys:
            path.unlink()


def read_table(out: str | os.PathLike[str], table: str) -> pd.DataFrame:
    """One table of a dataset written by ``ingest_dask``, read into pandas (all partitions)."""
    path = Path(out) / table
    if not path.is_dir() or not any(path.glob("part-*.parquet")):
        raise WorkbenchError(f"{out}: no {table} table here; write one with `workbench ingest --engine dask`")
    return pq.read_table(path).to_pandas()
