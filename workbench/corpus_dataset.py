"""A ``Corpus`` over a folder written by ``workbench ingest``: ``open_dataset`` (``wb.open``), and the topics of a
large dataset — fitted on a sample of unique stories, then every article scored with counts made in DuckDB.

``Corpus`` calls these; they live here so that ``corpus`` holds the corpus and its in-memory analyses.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.corpus import Corpus

#: Over a dataset with more articles than this, topics are fitted on a sample of this many unique stories.
TOPIC_SAMPLE = 5000
#: Articles scored with a fitted topic model at a time (``Corpus.topics`` over a large dataset).
SCORE_CHUNK = 20000


def open_dataset(
    path: str | os.PathLike[str],
    *,
    start: Any = None,
    end: Any = None,
    actors: Any = None,
    article_ids: Any = None,
    words: Any = None,
) -> Corpus:
    """A ``Corpus`` over the Parquet tables written by ``workbench ingest --out DIR``.

    A partitioned dataset (``--engine dask``) is read lazily: nothing but the file list is read here, and
    the conditions (``start``, ``end``, ``actors``, ``article_ids``, ``words``; see ``Corpus.select``) are
    pushed into the Parquet reads. It may be in an object store (``wb.open("s3://bucket/prefix")``, read
    through fsspec). The single-file layout of the in-memory ingest is read whole, from a local folder.

    >>> import workbench as wb
    >>> wb.open("no-such-folder")
    Traceback (most recent call last):
    ...
    workbench.errors.WorkbenchError: no-such-folder: no articles.parquet here; write one with \
`workbench ingest SOURCES --out no-such-folder`
    """
    from workbench import dataset as duck
    from workbench.corpus import Corpus
    from workbench.dataset.store import is_url

    conditions = {"start": start, "end": end, "actors": actors, "article_ids": article_ids, "words": words}
    if is_url(path):  # only a partitioned dataset is read from an object store; Dataset says when there is none
        corpus = Corpus(None, None, dataset=duck.connect(path))
    elif duck.is_dataset(path):  # a partitioned dataset from `workbench ingest --engine dask`
        corpus = Corpus(None, None, dataset=Path(path))
    else:
        root = Path(path)
        if not (root / "articles.parquet").exists():
            raise WorkbenchError(
                f"{root}: no articles.parquet here; write one with `workbench ingest SOURCES --out {root}`"
            )
        tables = {
            name: pd.read_parquet(root / f"{name}.parquet")
            for name in ("sentences", "tokens", "mentions", "timexes")
            if (root / f"{name}.parquet").exists()
        }
        corpus = Corpus(
            pd.read_parquet(root / "articles.parquet"), pd.read_parquet(root / "report.parquet"), tables=tables
        )
    if any(v is not None for v in conditions.values()):
        return corpus.select(**conditions)
    return corpus


def dataset_topics(
    corpus: Corpus, *, level: str, n_topics: int | None, sample: int | None, options: dict[str, Any]
) -> Any:
    """``Corpus.topics`` over a dataset: the in-memory model on a small selection, else fitted on a sample of
    unique stories and every article scored with it (see ``Corpus.topics``)."""
    import numpy as np

    from workbench import dataset as duck
    from workbench.topics.model import Topics, tfidf_matrix, topics

    size = TOPIC_SAMPLE if sample is None else int(sample)
    catalog = corpus.catalog
    if len(catalog) <= size:
        options.setdefault("mentions", lambda: corpus.mentions)
        return topics(catalog, corpus.sentences, corpus.tokens, level=level, n_topics=n_topics, **options)
    if level == "paragraph":
        raise WorkbenchError(
            f"paragraph topics of {len(catalog):,} articles are not modelled on a dataset; select at most "
            f"{size:,} articles (corpus.select(start=..., end=...)) or use level='article'"
        )
    unique = catalog.loc[catalog["duplicate_of"].isna(), "article_id"].astype(str).to_numpy()
    rng = np.random.default_rng(options.get("seed", 0))
    chosen = unique[np.sort(rng.choice(len(unique), min(size, len(unique)), replace=False))]
    part = corpus.select(article_ids=chosen)
    fitted = topics(part.catalog, part.sentences, part.tokens, level="article", n_topics=n_topics, **options)
    ids = catalog["article_id"].astype(str).to_numpy(dtype=object)
    counts = duck.term_counts(corpus._duck, list(fitted.vocabulary), articles=list(ids))
    # articles keep their length (no unit rows), so the fitted matrix is counts × idf, column by column
    idf = np.asarray(fitted.matrix.sum(axis=0)).ravel() / np.asarray(fitted.counts.sum(axis=0)).ravel()
    x = tfidf_matrix(counts, idf=idf, unit_rows=False)
    model = fitted.model
    w = np.vstack([model.transform(x[i : i + SCORE_CHUNK]) for i in range(0, x.shape[0], SCORE_CHUNK)])
    norms = np.linalg.norm(model.components_, axis=1)
    norms[norms == 0] = 1.0
    order = topic_order(fitted, model.components_ / norms[:, None])
    w = (w * norms[None, :])[:, order]
    totals = w.sum(axis=1, keepdims=True)
    shares = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    rr, cc = np.nonzero(shares > 1e-9)
    doc_topics = pd.DataFrame({"article_id": ids[rr], "topic_id": cc.astype(int), "weight": shares[rr, cc]})
    meta = [c for c in ("published", "duplicate_of", "outlet", "title") if c in catalog]
    documents = catalog[["article_id", *meta]].astype({"article_id": str}).reset_index(drop=True)
    result = Topics(
        doc_topics=doc_topics,
        terms=fitted.terms,
        labels=fitted.labels,
        level="article",
        n_topics=fitted.n_topics,
        selection=fitted.selection,
        documents=documents,
        model=model,
        vocabulary=fitted.vocabulary,
    )
    result.matrix, result.counts = x, counts
    return result


def topic_order(fitted: Any, unit_components: Any) -> list[int]:
    """Which row of ``model.components_`` each numbered topic is (``topics`` numbers topics by total weight):
    the row whose weights of the topic's listed top terms are the listed weights."""
    import numpy as np

    column = {str(t): j for j, t in enumerate(fitted.vocabulary)}
    order: list[int] = []
    for topic in range(fitted.n_topics):
        rows = fitted.terms[fitted.terms["topic_id"] == topic]
        cols = rows["term"].map(column).to_numpy(dtype=np.int64)
        gap = np.abs(unit_components[:, cols] - rows["weight"].to_numpy()[None, :]).sum(axis=1)
        gap[order] = np.inf
        order.append(int(np.argmin(gap)))
    return order
