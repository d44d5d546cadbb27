"""Topic discovery at two levels: coarse topics (the desks news is filed under: business, politics, sport…)
and fine topics within each; KL-divergence NMF on TF-IDF, per article or per paragraph, deterministic.

``topics(articles, sentences, tokens, level="coarse"|"fine", unit="auto"|"article"|"paragraph")``. Two
words, two questions: ``level`` is which level of the model you want, ``unit`` what a document is. The old
spelling ``level="article"`` (or ``"paragraph"``, ``"auto"``) still works: a document unit given as ``level``
is read as ``unit=`` and gives the coarse level, which is the one-level model of before with articles filed
under one topic each (step 6). Both levels come from one fit: ``result.coarse`` and ``result.fine`` are the
two views, fine topics name their coarse parent (``parent_id``, ``parent_label`` in ``labels``).

How it works:

1. Documents are articles, or paragraphs when the corpus has few articles (``unit="auto"``: fewer than
   ``FEW_ARTICLES`` distinct stories), so that a single article still splits into its threads. Near-duplicate
   articles (``duplicate_of`` set) are left out of the fit, then scored with the fitted model.
2. Terms are content words and two-word terms (:mod:`workbench.analysis.vectors`) found in 2 documents or
   more (and, on 20+ documents, in at most half of them; at most ``MAX_TERMS``). At paragraph level the
   names of people (``mentions`` of ``exclude_types``, i.e. ``corpus.mentions``) are left out: a speaker's
   name runs through paragraphs on different matters. Articles keep them (people are part of what stories
   are about).
3. TF-IDF: term counts × smoothed idf. The idf comes from the corpus, or, when it has fewer than
   ``FEW_ARTICLES`` articles (too small to compare with itself), from a general news background
   (:mod:`workbench.analysis.reference`). Paragraphs are scaled to unit length (each counts alike);
   articles keep their length, as their counts do in LDA (a long story is more evidence than a brief).
   (:mod:`workbench.topics.matrix`.)
4. NMF with the Kullback-Leibler divergence (:mod:`workbench.topics.nmf`), NNDSVD-A start,
   ``random_state=seed``; on fewer than 400 documents, 3 random starts compete and the best reconstruction
   wins. The same input gives the same topics.
5. The number of coarse topics, unless given, is the most *coherent* candidate (mean NPMI of the topics'
   top terms; :mod:`workbench.topics.selection`; ``Topics.selection`` shows every candidate's score).
6. Coarse weights: each document's NMF weights for unit-length topics, then filed under one coarse topic by
   a mixture model started from them (:mod:`workbench.topics.hierarchy`); the weights sum to 1.
7. Fine topics: KL-NMF within each coarse topic's documents, the number chosen by coherence too
   (``Topics.selection`` of the fine level, one block per parent). A document's fine weights share out its
   coarse weights.
8. Topics are numbered by their total weight (topic 0 is the largest; fine topics parent by parent) and
   labelled by their top terms.

>>> from workbench.analysis.vectors import frames_from_texts
>>> texts = ["Ceasefire talks in Istanbul. Ceasefire talks resume.", "The constitutional amendment draft.",
...          "Istanbul talks on a ceasefire.", "Parliament debates the constitutional amendment."]
>>> articles, sentences, tokens = frames_from_texts(texts)
>>> result = topics(articles, sentences, tokens, n_topics=2, unit="article")
>>> result.labels["label"].tolist()
['ceasefire, istanbul, talks', 'amendment, constitutional']
>>> result.dominant()[["article_id", "topic_id"]].values.tolist()
[['0', 0], ['1', 1], ['2', 0], ['3', 1]]
>>> result.fine.labels[["topic_id", "parent_id"]].values.tolist()
[[0, 0], [1, 1]]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from workbench.errors import WorkbenchError
from workbench.topics.hierarchy import WEIGHT_FLOOR, FineOptions, LevelModel, TopicModel, fit_coarse, fit_fine
from workbench.topics.matrix import FEW_ARTICLES, UNITS, Mentions, TopicMatrix, tfidf_matrix, topic_matrix
from workbench.topics.selection import SELECTION_COLUMNS, TOP_TERMS

__all__ = ["Topics", "topics", "score_topics", "split_level", "LEVELS", "FEW_ARTICLES", "NAME_TYPES"]

#: The levels of the model: the desks (coarse) and the topics within each (fine).
LEVELS = ("coarse", "fine")
#: Mentions of these actor types are left out of the paragraph vocabulary (when ``mentions`` are given).
NAME_TYPES = ("person",)
#: Documents scored with a fitted model at a time (:func:`score_topics`).
SCORE_CHUNK = 5000


@dataclass
class Topics:
    """One level of a fitted two-level topic model (all frames; see module docs for the method).

    Attributes:
        doc_topics: article_id (+ paragraph_id), topic_id, weight (a document's weights sum to 1).
        terms: topic_id, rank, term, weight.
        labels: topic_id, label (top terms joined); at the fine level also parent_id, parent_label.
        level: ``"coarse"`` or ``"fine"``.
        n_topics: number of topics at this level.
        selection: how the number was chosen: n_topics, coherence, diversity, chosen (empty when given); at
            the fine level one block per coarse topic (parent_id).
        documents: one row per document: article_id (+ paragraph_id), published, duplicate_of.
        unit: what a document is: ``"article"`` or ``"paragraph"``.
    """

    doc_topics: pd.DataFrame
    terms: pd.DataFrame
    labels: pd.DataFrame
    level: str = "coarse"
    n_topics: int = 0
    selection: pd.DataFrame = field(default_factory=pd.DataFrame)
    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    model: TopicModel | None = field(default=None, repr=False)
    vocabulary: np.ndarray | None = field(default=None, repr=False)
    #: the matrix the model was fitted to (rows: ``documents``; columns: ``vocabulary``) and its raw counts
    matrix: sp.csr_matrix | None = field(default=None, repr=False)
    counts: sp.csr_matrix | None = field(default=None, repr=False)
    unit: str = "article"
    #: both levels of the same fit (shared by the two views; the fine one is fitted when first asked for)
    levels: Levels | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.level in UNITS:  # the one-level spelling: ``level`` was the document unit
            self.unit, self.level = ("article" if self.level == "auto" else self.level), "coarse"
        if self.level not in LEVELS:
            raise WorkbenchError(f"level must be 'coarse' or 'fine'; got {self.level!r}")
        if self.levels is None:  # built by hand: a one-level model
            self.levels = Levels(self.documents[self.keys] if len(self.documents) else self.documents, self.unit)
        self.levels.views.setdefault(self.level, self)

    @property
    def keys(self) -> list[str]:
        return ["article_id", "paragraph_id"] if self.unit == "paragraph" else ["article_id"]

    def at(self, level: str) -> Topics:
        """The other view of the same fit: ``at("coarse")``, ``at("fine")`` (fitted when first asked for)."""
        if self.levels is None or not self.levels.has(level):
            raise WorkbenchError(f"these topics have no {level!r} level (a one-level model built by hand)")
        return self.levels.view(level)

    def has_level(self, level: str) -> bool:
        """Whether :meth:`at` can give ``level``."""
        return self.levels is not None and self.levels.has(level)

    @property
    def coarse(self) -> Topics:
        return self.at("coarse")

    @property
    def fine(self) -> Topics:
        return self.at("fine")

    def children(self, topic_id: int) -> list[int]:
        """The fine topics under a coarse topic (by topic_id), in number order."""
        labels = self.fine.labels
        return labels.loc[labels["parent_id"] == topic_id, "topic_id"].astype(int).tolist()

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
        """A printable table: topic_id, label (+ parent_id, parent_label), documents (dominant), share (mean
        weight), top terms."""
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


def split_level(level: str, unit: str = "auto") -> tuple[str, str]:
    """``(level, unit)`` from what a caller gave: ``level`` is ``"coarse"``/``"fine"``, or (the one-level
    spelling) a document unit, meaning ``unit=level`` at the coarse level. Shared with the corpus backends.

    >>> split_level("paragraph"), split_level("fine", "article")
    (('coarse', 'paragraph'), ('fine', 'article'))
    """
    if level in UNITS:
        if unit not in ("auto", level):
            raise WorkbenchError(f"level={level!r} names a document unit, and unit={unit!r} another; give one")
        return "coarse", level
    if level not in LEVELS:
        raise WorkbenchError(
            f"level must be 'coarse' or 'fine' (or a unit: 'auto', 'article', 'paragraph'); got {level!r}"
        )
    return level, unit


def topics(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    level: str = "coarse",
    unit: str = "auto",
    n_topics: int | None = None,
    n_fine: int | None = None,
    seed: int = 0,
    max_topics: int = 20,
    max_fine: int = 10,
    n_terms: int = 10,
    max_iter: int = 200,
    ngrams: int = 2,
    mentions: Mentions = None,
    exclude_types: str | Iterable[str] = NAME_TYPES,
) -> Topics:
    """Discover coarse and fine topics with NMF on TF-IDF; return the ``level`` asked for (the other one is
    ``result.coarse`` / ``result.fine``; the fine level is fitted when first asked for).

    Args:
        articles: the ``articles`` frame (article_id, published, duplicate_of …).
        sentences: the ``sentences`` frame (paragraph_id for paragraphs).
        tokens: the ``tokens`` frame.
        level: ``"coarse"`` or ``"fine"``; a document unit here (``"auto"``, ``"article"``, ``"paragraph"``,
            the one-level spelling) means ``unit=`` that, at the coarse level.
        unit: ``"article"``, ``"paragraph"`` or ``"auto"`` (paragraphs when the corpus has fewer than
            ``FEW_ARTICLES`` distinct articles).
        n_topics: number of coarse topics; ``None`` chooses it by topic coherence (see module docs).
        n_fine: number of fine topics per coarse topic; ``None`` chooses it (1…``max_fine``) per topic.
        seed: random state for NMF and the selection sample.
        max_topics: the largest number of coarse topics tried when choosing.
        max_fine: the largest number of fine topics per coarse topic tried when choosing.
        n_terms: terms listed per topic.
        max_iter: NMF iterations for the final models.
        ngrams: 1 for single words, 2 to add two-word terms.
        mentions: actor mentions (``corpus.mentions``: article_id, start, end, actor_type), or a function
            returning them (called only for paragraphs); for paragraphs the words of mentions whose type is
            in ``exclude_types`` are left out of the vocabulary.
        exclude_types: actor types whose names are left out (default: persons); ``()`` keeps every name.

    Raises:
        WorkbenchError: an unknown level or unit, numbers of topics that cannot be, a corpus without
            content words or with fewer than 2 documents.
    """
    level, unit = split_level(level, unit)
    for name, value in (("n_topics", n_topics), ("n_fine", n_fine)):
        if value is not None and (int(value) != value or value < 1):
            raise WorkbenchError(f"{name} must be a whole number of at least 1; got {value!r}")
    tm = topic_matrix(
        articles, sentences, tokens, unit=unit, ngrams=ngrams, mentions=mentions, exclude_types=exclude_types
    )
    n_fit = len(tm.fit_rows)
    if n_topics is not None and n_topics > n_fit:
        raise WorkbenchError(
            f"n_topics={n_topics} is more than the {n_fit} {tm.unit}s to model; ask for at most {n_fit}"
        )
    if n_topics is not None and n_topics > len(tm.vocabulary):
        raise WorkbenchError(f"n_topics={n_topics} is more than the {len(tm.vocabulary)} distinct terms")
    model, coarse, selection = fit_coarse(tm, n_topics=n_topics, seed=seed, max_topics=max_topics, max_iter=max_iter)
    levels = Levels(tm.docs, tm.unit, model=model, documents=_documents(tm.docs, articles), n_terms=n_terms)
    levels.x, levels.counts = tm.x, tm.counts
    levels.weights["coarse"], levels.selections["coarse"] = coarse, selection
    levels.matrix = tm
    levels.fine_options = FineOptions(n_fine=n_fine, max_fine=max_fine, seed=seed, max_iter=max_iter)
    return levels.view(level)


def score_topics(fitted: Topics, counts: sp.spmatrix, documents: pd.DataFrame, *, chunk: int = SCORE_CHUNK) -> Topics:
    """Score other documents with a fitted model: ``counts`` are their term counts over ``fitted.vocabulary``
    (rows in the order of ``documents``: article_id, + published, duplicate_of…). Returns the same level,
    with both levels; the topics (terms, labels, selection) are the fitted ones.

    This is how every article of a Parquet dataset is scored with a model fitted on a sample.
    """
    model, old = fitted.model, fitted.levels
    if model is None or old is None or not fitted.has_level("fine"):
        raise WorkbenchError("these topics carry no fitted two-level model to score documents with")
    fine_selection = fitted.fine.selection  # fits the fine level, if it is not yet
    x = tfidf_matrix(counts, idf=model.idf, unit_rows=model.unit_rows)
    parts = [model.score(x[i : i + chunk]) for i in range(0, x.shape[0], chunk)]
    docs = documents[fitted.keys].astype({"article_id": str}).reset_index(drop=True)
    levels = Levels(docs, fitted.unit, model=model, documents=documents.reset_index(drop=True), n_terms=old.n_terms)
    levels.x, levels.counts = x, sp.csr_matrix(counts)
    for i, name in enumerate(LEVELS):
        width = model.coarse.nmf.n_components if name == "coarse" else len(model.parents)
        levels.weights[name] = np.vstack([p[i] for p in parts]) if parts else np.zeros((0, width))
    levels.selections.update(coarse=fitted.coarse.selection, fine=fine_selection)
    return levels.view(fitted.level)


@dataclass
class Levels:
    """Both levels of one fit, shared by their two :class:`Topics` views; each view is built when first asked
    for, and the fine topics are fitted then (``matrix`` and ``fine_options`` say how)."""

    docs: pd.DataFrame
    unit: str
    model: TopicModel | None = None
    documents: pd.DataFrame = field(default_factory=pd.DataFrame)
    n_terms: int = 10
    x: sp.csr_matrix | None = None
    counts: sp.csr_matrix | None = None
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    selections: dict[str, pd.DataFrame] = field(default_factory=dict)
    matrix: TopicMatrix | None = None
    fine_options: FineOptions | None = None
    views: dict[str, Topics] = field(default_factory=dict)

    def has(self, level: str) -> bool:
        if level in self.views or level in self.weights:
            return True
        return level == "fine" and self.model is not None and self.matrix is not None and "coarse" in self.weights

    def view(self, level: str) -> Topics:
        if level in self.views:
            return self.views[level]
        if level == "fine" and "fine" not in self.weights:
            if self.model is None or self.matrix is None or self.fine_options is None:
                raise WorkbenchError("these topics have no fine level")
            self.weights["fine"], self.selections["fine"] = fit_fine(
                self.matrix, self.model, self.weights["coarse"], self.fine_options
            )
        if self.model is None or level not in self.weights:
            raise WorkbenchError(f"these topics have no {level!r} level")
        terms, labels = _level_topics(self.model, level, self.n_terms)
        selection = self.selections.get(level, pd.DataFrame())
        self.views[level] = Topics(
            doc_topics=_doc_topics(self.docs, self.weights[level]),
            terms=terms,
            labels=labels,
            level=level,
            n_topics=self.weights[level].shape[1],
            selection=selection if len(selection) else pd.DataFrame(columns=SELECTION_COLUMNS),
            documents=self.documents,
            model=self.model,
            vocabulary=self.model.vocabulary,
            matrix=self.x,
            counts=self.counts,
            unit=self.unit,
            levels=self,
        )
        return self.views[level]


def _level_topics(model: TopicModel, level: str, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """terms and labels of a level (fine topics numbered parent by parent, naming their parent)."""
    vocab = model.vocabulary
    coarse_terms, coarse_labels = _terms(model.coarse, vocab, n)
    if level == "coarse":
        return coarse_terms, coarse_labels
    parts = [_terms(fine, vocab, n) for fine in model.fine]
    offsets = np.cumsum([0] + [fine.nmf.n_components for fine in model.fine])
    terms = pd.concat([t.assign(topic_id=t["topic_id"] + offsets[g]) for g, (t, _) in enumerate(parts)])
    labels = pd.concat(
        [lab.assign(topic_id=lab["topic_id"] + offsets[g], parent_id=g) for g, (_, lab) in enumerate(parts)]
    )
    labels["parent_label"] = labels["parent_id"].map(coarse_labels.set_index("topic_id")["label"])
    return terms.reset_index(drop=True), labels.reset_index(drop=True)


def _documents(docs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    meta_cols = [c for c in ("published", "duplicate_of", "outlet", "title") if c in articles]
    meta = articles[["article_id", *meta_cols]].astype({"article_id": str}).drop_duplicates("article_id")
    return docs.merge(meta, how="left", on="article_id")


def _doc_topics(docs: pd.DataFrame, weights: np.ndarray) -> pd.DataFrame:
    """Document, topic_id, weight rows; weights under ``WEIGHT_FLOOR`` dropped, the rest rescaled to sum to 1."""
    kept = np.where(weights >= WEIGHT_FLOOR, weights, 0.0)
    totals = kept.sum(axis=1, keepdims=True)
    kept = np.divide(kept, totals, out=np.zeros_like(kept), where=totals > 0)
    rr, cc = np.nonzero(kept)
    out = docs.iloc[rr].reset_index(drop=True)
    out["topic_id"] = cc.astype(int)
    out["weight"] = kept[rr, cc]
    return out


def _terms(level: LevelModel, vocabulary: np.ndarray, n_terms: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """topic_id, rank, term, weight rows and topic_id, label rows of one NMF's topics (numbered from 0)."""
    h = level.topics
    vocab = vocabulary[level.columns]
    top = np.argsort(-h, axis=1, kind="stable")[:, : min(n_terms, h.shape[1])]
    term_rows, labels = [], []
    for t in range(h.shape[0]):
        listed = [j for j in top[t] if h[t, j] > 0]
        for rank, j in enumerate(listed, start=1):
            term_rows.append({"topic_id": t, "rank": rank, "term": str(vocab[j]), "weight": float(h[t, j])})
        names = [str(vocab[j]) for j in listed]
        labels.append({"topic_id": t, "label": _label(names) if names else f"topic {t}"})
    return (
        pd.DataFrame(term_rows, columns=["topic_id", "rank", "term", "weight"]),
        pd.DataFrame(labels, columns=["topic_id", "label"]),
    )


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
