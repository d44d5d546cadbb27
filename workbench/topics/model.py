"""Topic discovery: KL-divergence NMF on TF-IDF, per article or per paragraph, deterministic.

How it works:

1. Documents are articles, or paragraphs when the corpus has few articles (``level="auto"``: fewer than
   ``FEW_ARTICLES`` distinct stories), so that a single article still splits into its threads. Near-duplicate
   articles (``duplicate_of`` set) are left out of the fit, then scored with the fitted model.
2. Terms are content words and two-word terms (:mod:`workbench.analysis.vectors`) found in 2 documents or
   more (and, on 20+ documents, in at most half of them; at most ``MAX_TERMS``). At paragraph level the
   names of people (``mentions`` of ``exclude_types``, i.e. ``corpus.mentions``) are left out: a speaker's
   name runs through paragraphs on different matters. Articles keep them (people are part of what stories
   are about).
3. TF-IDF: term counts × smoothed idf. The idf comes from the corpus, or, when it has fewer than
   ``FEW_ARTICLES`` articles (too few to compare with itself), from a general news background
   (:mod:`workbench.analysis.reference`). Paragraphs are scaled to unit length (each counts alike);
   articles keep their length, as their counts do in LDA (a long story is more evidence than a brief).
4. NMF with the Kullback-Leibler divergence (multiplicative updates, NNDSVD-A start, ``random_state=seed``;
   :mod:`workbench.topics.nmf`); on fewer than ``RESTART_BELOW`` documents, ``RESTARTS - 1`` random
   starts compete and the best reconstruction wins. The same input gives the same topics.
5. A document's weights are expressed for unit-length topics (so that a topic with a long term vector does
   not win every argmax) and sum to 1; its dominant topic is the largest.
6. The number of topics, unless given, is the candidate k whose topics are most *coherent*: the mean
   normalised PMI of each topic's top-term pairs over document co-occurrence (top 10 terms, or ⌊√vocabulary⌋
   on small vocabularies), averaged over topics; ties go to the more diverse topics (share of distinct top
   terms), then to the larger k. Candidates are 2…⌊√documents⌋+1,
   and on 400+ documents 2–8, 10, 12, 15, 20 (up to ``max_topics``), fitted on a fixed sample of
   ``SELECTION_SAMPLE`` documents and their ``SELECTION_TERMS`` most widespread terms so that choosing stays
   fast. ``Topics.selection`` shows every candidate's score.
7. Topics are numbered by their total weight (topic 0 is the largest) and labelled by their top terms.

>>> from workbench.analysis.vectors import frames_from_texts
>>> texts = ["Ceasefire talks in Istanbul. Ceasefire talks resume.", "The constitutional amendment draft.",
...          "Istanbul talks on a ceasefire.", "Parliament debates the constitutional amendment."]
>>> articles, sentences, tokens = frames_from_texts(texts)
>>> result = topics(articles, sentences, tokens, n_topics=2, level="article")
>>> result.labels["label"].tolist()
['ceasefire, istanbul, talks', 'amendment, constitutional']
>>> result.dominant()[["article_id", "topic_id"]].values.tolist()
[['0', 0], ['1', 1], ['2', 0], ['3', 1]]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from workbench.analysis.reference import reference_frequencies
from workbench.analysis.vectors import DocumentTermMatrix, WorkbenchError, document_term_matrix
from workbench.topics.nmf import KLNMF

__all__ = ["Topics", "topics", "tfidf_matrix", "coherence", "name_mask", "FEW_ARTICLES", "NAME_TYPES"]

#: Below this many distinct articles, ``level="auto"`` models paragraphs, and idf comes from the reference
#: word list (:mod:`workbench.analysis.reference`) instead of the corpus.
FEW_ARTICLES = 20
#: Mentions of these actor types are left out of the topic vocabulary (when ``mentions`` are given).
NAME_TYPES = ("person",)
#: Candidate numbers of topics are fitted on at most this many documents.
SELECTION_SAMPLE = 2000
#: ... on their most widespread terms only.
SELECTION_TERMS = 5000
#: Numbers of topics tried on corpora of 400+ documents (up to ``max_topics``).
CANDIDATES = (2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30)
#: The vocabulary is capped at the terms in most documents.
MAX_TERMS = 20000
TOP_TERMS = 10
#: NMF iterations per candidate when choosing the number of topics.
SELECTION_ITER = 60
#: Below this many documents, random starts compete with the NNDSVD-A start (best reconstruction wins).
RESTART_BELOW = 400
RESTARTS = 4


@dataclass
class Topics:
    """A fitted topic model's results (all frames; see module docs for the method).

    Attributes:
        doc_topics: article_id (+ paragraph_id), topic_id, weight (a document's weights sum to 1).
        terms: topic_id, rank, term, weight.
        labels: topic_id, label (top terms joined).
        level: ``"article"`` or ``"paragraph"``.
        n_topics: number of topics.
        selection: how the number was chosen: n_topics, coherence, diversity, chosen (empty when given).
        documents: one row per document: article_id (+ paragraph_id), published, duplicate_of.
    """

    doc_topics: pd.DataFrame
    terms: pd.DataFrame
    labels: pd.DataFrame
    level: str
    n_topics: int
    selection: pd.DataFrame = field(default_factory=pd.DataFrame)
    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    model: KLNMF | None = field(default=None, repr=False)
    vocabulary: np.ndarray | None = field(default=None, repr=False)
    #: the matrix the model was fitted to (rows: ``documents``; columns: ``vocabulary``) and its raw counts
    matrix: sp.csr_matrix | None = field(default=None, repr=False)
    counts: sp.csr_matrix | None = field(default=None, repr=False)

    @property
    def keys(self) -> list[str]:
        return ["article_id", "paragraph_id"] if self.level == "paragraph" else ["article_id"]

    def dominant(self) -> pd.DataFrame:
        """One row per document: its strongest topic (ties: the lower topic_id) and that topic's weight."""
        dt = self.doc_topics.sort_values(
            self.keys + ["weight", "topic_id"],
            ascending=[True] * len(self.keys) + [False, True],
            kind="stable",
        )
        best = dt.drop_duplicates(self.keys)
        out = self.documents[self.keys].merge(best, how="left", on=self.keys)
        return out.merge(self.labels, how="left", on="topic_id")

    def summary(self) -> pd.DataFrame:
        """A printable table: topic_id, label, documents (dominant), share (mean weight), top terms."""
        dom = self.dominant()
        n_docs = max(len(self.documents), 1)
        share = self.doc_topics.groupby("topic_id")["weight"].sum() / n_docs
        counts = dom["topic_id"].value_counts()
        top = (
            self.terms.sort_values(["topic_id", "rank"])
            .groupby("topic_id")["term"]
            .apply(lambda s: ", ".join(s.head(TOP_TERMS)))
        )
        out = self.labels.copy()
        out["documents"] = out["topic_id"].map(counts).fillna(0).astype(int)
        out["share"] = out["topic_id"].map(share).fillna(0.0).round(3)
        out["terms"] = out["topic_id"].map(top)
        return out


def tfidf_matrix(counts: sp.csr_matrix, *, idf: np.ndarray | None = None, unit_rows: bool = True) -> sp.csr_matrix:
    """TF-IDF: term counts × smoothed idf (``ln((1 + n) / (1 + df)) + 1``, or the given ``idf``).

    ``unit_rows`` scales each document to unit length; without it a long document weighs more than a short
    one, as its counts do in LDA.
    """
    counts = sp.csr_matrix(counts, dtype=np.float64)
    if idf is None:
        df = np.diff(counts.tocsc().indptr)
        idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    x = (counts @ sp.diags(np.asarray(idf, dtype=np.float64))).tocsr()
    if unit_rows:
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        x = (sp.diags(1.0 / norms) @ x).tocsr()
    return x


def coherence(binary: sp.csc_matrix, top: np.ndarray) -> float:
    """Mean normalised PMI of each topic's top term pairs over documents (``binary``: docs × terms, 0/1).

    ``top`` is topics × terms (column indices). NPMI is -1 for pairs never seen together, 1 for pairs always
    seen together.
    """
    n = binary.shape[0]
    scores = []
    for row in top:
        sub = binary[:, row]
        co = (sub.T @ sub).toarray() / n
        p = np.diag(co).copy()
        iu = np.triu_indices(len(row), k=1)
        pij = co[iu]
        denom = np.outer(p, p)[iu]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.where(pij > 0, np.log(pij / denom) / -np.log(pij), -1.0)
            npmi = np.where(pij >= 1.0, 1.0, npmi)
        scores.append(float(np.mean(npmi)) if len(npmi) else 0.0)
    return float(np.mean(scores)) if scores else -1.0


def name_mask(tokens: pd.DataFrame, mentions: pd.DataFrame | None, types: Iterable[str]) -> np.ndarray:
    """True for tokens inside a mention (article_id, start, end) whose ``actor_type`` is in ``types``.

    Speakers and other people cut across what a text is about ("Asif said" opens paragraphs on the talks
    and on the amendment alike), so paragraph topics leave their names out.
    """
    out = np.zeros(len(tokens), dtype=bool)
    if mentions is None or len(mentions) == 0 or len(tokens) == 0:
        return out
    if not {"article_id", "start", "end"} <= set(mentions.columns):
        raise WorkbenchError("mentions need article_id, start and end columns (the corpus.mentions frame)")
    types = {types} if isinstance(types, str) else set(types)
    if not types:
        return out
    spans = mentions[mentions["actor_type"].isin(types)] if "actor_type" in mentions else mentions
    if len(spans) == 0:
        return out
    spans = pd.DataFrame(
        {
            "article_id": spans["article_id"].astype(str).to_numpy(),
            "start": spans["start"].to_numpy(np.int64),
            "span_end": spans["end"].to_numpy(np.int64),
        }
    ).sort_values("start", kind="stable")
    left = pd.DataFrame(
        {
            "article_id": tokens["article_id"].astype(str).to_numpy(),
            "start": tokens["start"].to_numpy(np.int64),
            "end": tokens["end"].to_numpy(np.int64),
            "_row": np.arange(len(tokens)),
        }
    ).sort_values("start", kind="stable")
    # the last mention starting at or before each token, in the same article
    hit = pd.merge_asof(left, spans, on="start", by="article_id", direction="backward")
    inside = (hit["span_end"].notna() & (hit["end"] <= hit["span_end"].fillna(-1))).to_numpy()
    out[hit["_row"].to_numpy()[inside]] = True
    return out


def _kl_nmf(x: sp.csr_matrix, k: int, seed: int, max_iter: int, init: str = "nndsvda") -> tuple[KLNMF, np.ndarray]:
    model = KLNMF(k, init=init, max_iter=max_iter, tol=1e-4, random_state=seed)
    return model, model.fit_transform(x)


def _fit(x: sp.csr_matrix, k: int, seed: int, max_iter: int, restarts: int = 1) -> tuple[KLNMF, np.ndarray]:
    """KL-divergence NMF from an NNDSVD-A start; with ``restarts`` > 1, random starts (seeds ``seed + 1``…)
    compete with it and the best reconstruction wins (ties: the earlier start)."""
    best = _kl_nmf(x, k, seed, max_iter)
    for r in range(1, restarts):
        other = _kl_nmf(x, k, seed + r, max_iter, init="random")
        if other[0].reconstruction_err_ < best[0].reconstruction_err_ * (1 - 1e-9):
            best = other
    return best


def _top_terms(h: np.ndarray, n: int) -> np.ndarray:
    # ties broken by column (alphabetical vocabulary): deterministic
    return np.argsort(-h, axis=1, kind="stable")[:, :n]


def coherence_terms(n_terms: int) -> int:
    """How many top terms per topic the coherence looks at: 10, or ⌊√vocabulary⌋ on small vocabularies (on
    a 30-term vocabulary ten terms are a third of all words, and coherence would measure the vocabulary)."""
    return int(min(TOP_TERMS, max(3, np.sqrt(n_terms))))


def _choose_k(
    x: sp.csr_matrix, binary: sp.csc_matrix, max_topics: int, seed: int, restarts: int
) -> tuple[int, pd.DataFrame]:
    n_docs = x.shape[0]
    if n_docs > SELECTION_SAMPLE:
        rows = np.sort(np.random.default_rng(seed).choice(n_docs, SELECTION_SAMPLE, replace=False))
        xs, bs = x[rows], binary[rows].tocsc()
        df = np.diff(bs.indptr)
        cols = np.sort(np.argsort(-df, kind="stable")[:SELECTION_TERMS])
        xs, bs = xs[:, cols], bs[:, cols]
    else:
        xs, bs = x, binary
    candidates = [k for k in CANDIDATES if k <= max_topics] if n_docs > 400 else range(2, max_topics + 1)
    n_top = coherence_terms(xs.shape[1])
    records = []
    for k in candidates:
        model, _ = _fit(xs, k, seed, max_iter=SELECTION_ITER, restarts=restarts)
        top = _top_terms(model.components_, min(n_top, x.shape[1]))
        diversity = len(np.unique(top)) / top.size  # share of distinct terms among the top terms
        records.append({"n_topics": k, "coherence": coherence(bs.tocsc(), top), "diversity": diversity})
    table = pd.DataFrame(records)
    # ties on coherence: the more diverse topics (no topic repeating another's terms), then the larger k
    # (its extra topics are as coherent and as distinct as the others, so the finer model loses nothing)
    ranked = table.assign(c=table["coherence"].round(6), d=table["diversity"].round(6))
    best = int(ranked.sort_values(["c", "d", "n_topics"], ascending=False).iloc[0]["n_topics"])
    table["chosen"] = table["n_topics"] == best
    return best, table


def _label(terms: list[str], n: int = 3) -> str:
    """The top terms, skipping a word already inside a chosen two-word term (and vice versa)."""
    chosen: list[str] = []
    for term in terms:
        words = set(term.split())
        if any(words & set(c.split()) for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == n:
            break
    return ", ".join(sorted(chosen))


def topics(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    level: str = "auto",
    n_topics: int | None = None,
    seed: int = 0,
    max_topics: int = 20,
    n_terms: int = 10,
    max_iter: int = 200,
    ngrams: int = 2,
    mentions: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    exclude_types: str | Iterable[str] = NAME_TYPES,
) -> Topics:
    """Discover topics with NMF on TF-IDF.

    Args:
        articles: the ``articles`` frame (article_id, published, duplicate_of …).
        sentences: the ``sentences`` frame (paragraph_id for paragraph level).
        tokens: the ``tokens`` frame.
        level: ``"article"``, ``"paragraph"`` or ``"auto"`` (paragraphs when the corpus has fewer than
            ``FEW_ARTICLES`` distinct articles).
        n_topics: number of topics; ``None`` chooses it by topic coherence (see module docs).
        seed: random state for NMF and the selection sample.
        max_topics: the largest number of topics tried when choosing.
        n_terms: terms listed per topic.
        max_iter: NMF iterations for the final model.
        ngrams: 1 for single words, 2 to add two-word terms.
        mentions: actor mentions (``corpus.mentions``: article_id, start, end, actor_type), or a function
            returning them (called only at paragraph level); at paragraph level the words of mentions whose
            type is in ``exclude_types`` are left out of the vocabulary.
        exclude_types: actor types whose names are left out (default: persons); ``()`` keeps every name.
    """
    if level not in ("auto", "article", "paragraph"):
        raise WorkbenchError(f"level must be 'auto', 'article' or 'paragraph'; got {level!r}")
    if articles is None or len(articles) == 0:
        raise WorkbenchError("the corpus is empty: load some articles before looking for topics")
    dup = articles["duplicate_of"] if "duplicate_of" in articles else pd.Series(None, index=articles.index)
    unique_ids = set(articles.loc[dup.isna(), "article_id"].astype(str))
    if level == "auto":
        level = "paragraph" if len(unique_ids) < FEW_ARTICLES else "article"
    # a speaker's name runs through the paragraphs of one article whatever they are about; across articles,
    # people are part of what stories are about (Volcker and interest rates), so they stay at article level
    if level == "paragraph" and callable(mentions):
        mentions = mentions()
    names = name_mask(tokens, mentions if level == "paragraph" else None, exclude_types)
    if names.any():
        tokens = tokens[~names]
    dtm = document_term_matrix(tokens, sentences=sentences, level=level, ngrams=ngrams)
    if dtm.counts.shape[1] == 0 or dtm.counts.nnz == 0:
        raise WorkbenchError("no content words to model: the articles hold only stopwords, numbers or punctuation")
    fit_rows = np.flatnonzero(dtm.docs["article_id"].isin(unique_ids).to_numpy() & (np.diff(dtm.counts.indptr) > 0))
    unit = "paragraphs" if level == "paragraph" else "articles"
    if len(fit_rows) < 2:
        hint = " (try level='paragraph')" if level == "article" else ""
        raise WorkbenchError(f"topics need at least 2 {unit} with content words; this corpus has {len(fit_rows)}{hint}")
    n_fit = len(fit_rows)
    max_df = 0.5 if n_fit >= 20 else 1.0
    df = np.diff(dtm.counts[fit_rows].tocsc().indptr)
    keep = (df >= 2) & (df <= max_df * n_fit)
    if keep.sum() < 2:  # tiny corpora: a term in one document still counts
        keep = df >= 1
    if keep.sum() > MAX_TERMS:
        cols = np.flatnonzero(keep)
        keep = np.zeros_like(keep)
        keep[cols[np.argsort(-df[cols], kind="stable")[:MAX_TERMS]]] = True
    counts = dtm.counts[:, np.flatnonzero(keep)].tocsr()
    vocab = dtm.terms[keep]
    if n_topics is not None:
        if int(n_topics) != n_topics or n_topics < 1:
            raise WorkbenchError(f"n_topics must be a whole number of at least 1; got {n_topics!r}")
        if n_topics > n_fit:
            raise WorkbenchError(
                f"n_topics={n_topics} is more than the {n_fit} {unit} to model; ask for at most {n_fit}"
            )
        if n_topics > len(vocab):
            raise WorkbenchError(f"n_topics={n_topics} is more than the {len(vocab)} distinct terms")
    # idf from the corpus, or from a general news background when the corpus is too small to be compared
    # with itself; paragraphs count alike (unit rows), articles keep their length, as counts do in LDA
    idf = reference_frequencies().idf(vocab) if len(unique_ids) < FEW_ARTICLES else None
    if idf is None:
        fit_df = np.diff(counts[fit_rows].tocsc().indptr)
        idf = np.log((1.0 + n_fit) / (1.0 + fit_df)) + 1.0
    x_all = tfidf_matrix(counts, idf=idf, unit_rows=level == "paragraph")
    x_fit = x_all[fit_rows]
    restarts = RESTARTS if n_fit < RESTART_BELOW else 1
    selection = pd.DataFrame(columns=["n_topics", "coherence", "diversity", "chosen"])
    if n_topics is None:
        upper = min(max_topics, max(2, int(np.sqrt(n_fit))) + 1 if n_fit < 400 else max_topics, n_fit, len(vocab))
        if upper <= 2:
            n_topics = min(2, n_fit, len(vocab))
        else:
            binary = counts[fit_rows].copy()
            binary.data[:] = 1.0
            n_topics, selection = _choose_k(x_fit, binary.tocsc(), upper, seed, restarts)
    model, w_fit = _fit(x_fit, int(n_topics), seed, max_iter=max_iter, restarts=restarts)
    w = np.zeros((x_all.shape[0], int(n_topics)))
    w[fit_rows] = w_fit
    rest = np.setdiff1d(np.arange(x_all.shape[0]), fit_rows)
    if len(rest):  # duplicates and empty documents: scored by the fitted model
        w[rest] = model.transform(x_all[rest])
    # weights in units of unit-length topics, so that topics with long term vectors do not win argmax
    norms = np.linalg.norm(model.components_, axis=1)
    norms[norms == 0] = 1.0
    w = w * norms[None, :]
    h = model.components_ / norms[:, None]
    # order topics by total weight, largest first
    order = np.lexsort((np.arange(h.shape[0]), -w.sum(axis=0).round(9)))
    w, h = w[:, order], h[order]
    result = _result(dtm, w, h, vocab, level, int(n_topics), selection, articles, n_terms, model)
    result.matrix, result.counts = x_all, counts
    return result


def _result(dtm: DocumentTermMatrix, w, h, vocab, level, k, selection, articles, n_terms, model) -> Topics:
    docs = dtm.docs.reset_index(drop=True)
    totals = w.sum(axis=1, keepdims=True)
    shares = np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
    rr, cc = np.nonzero(shares > 1e-9)
    doc_topics = docs.iloc[rr].reset_index(drop=True)
    doc_topics["topic_id"] = cc.astype(int)
    doc_topics["weight"] = shares[rr, cc]
    top = _top_terms(h, min(n_terms, h.shape[1]))
    term_rows, labels = [], []
    for t in range(h.shape[0]):
        names = [str(vocab[j]) for j in top[t] if h[t, j] > 0]
        for rank, j in enumerate(top[t], start=1):
            if h[t, j] > 0:
                term_rows.append({"topic_id": t, "rank": rank, "term": str(vocab[j]), "weight": float(h[t, j])})
        labels.append({"topic_id": t, "label": _label(names) if names else f"topic {t}"})
    meta_cols = [c for c in ("published", "duplicate_of", "outlet", "title") if c in articles]
    meta = articles[["article_id", *meta_cols]].astype({"article_id": str}).drop_duplicates("article_id")
    documents = docs.merge(meta, how="left", on="article_id")
    return Topics(
        doc_topics=doc_topics,
        terms=pd.DataFrame(term_rows, columns=["topic_id", "rank", "term", "weight"]),
        labels=pd.DataFrame(labels, columns=["topic_id", "label"]),
        level=level,
        n_topics=k,
        selection=selection,
        documents=documents,
        model=model,
        vocabulary=vocab,
    )
