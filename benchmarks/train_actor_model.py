"""Train the shipped span model (``workbench/resources/actor_model.tsv``) on CoNLL-2003 ``eng.train``.

    .venv/bin/python benchmarks/train_actor_model.py [--out PATH] [--c 0.5] [--min-count 2]

Reads the first four fifths of ``eng.train`` (``benchmarks/conll.py``: the last fifth is the held-out part,
never trained on). Each document goes through the per-article actor finder with a *recording* typer: every
place the shipped model would be asked (a guessed discovered name, a gazetteer place, a longer span over a
gazetteer match) is recorded with its features (``workbench.actors.typer.features``) and labelled by the
gold spans: the gold type where the span equals a gold entity (PER, ORG, LOC, MISC), ``NONE`` where it
equals none (a gazetteer place that is no gold entity is left out: the model only tells its kind).

Model: multinomial logistic regression (scikit-learn, L-BFGS, deterministic) on one-hot features seen at
least ``--min-count`` times. Written as text: a comment header (data digest, counts, options), the bias,
then one feature a line with its weights at four decimals, features sorted: the same data and code give
the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conll import CONLL, Document, documents  # noqa: E402

from workbench.actors.article import ArticleState, Word  # noqa: E402
from workbench.actors.typer import CLASSES, GUESSES, MODEL_PATH, SpanTyper, features  # noqa: E402

Candidate = tuple[int, int, str, list[str]]  # start, end, cue, features


class RecordingTyper(SpanTyper):
    """A typer that decides nothing and records where it was asked."""

    def __init__(self) -> None:
        super().__init__({}, (0.0,) * len(CLASSES))
        self.seen: list[Candidate] = []

    def _record(self, state: ArticleState, start: int, end: int, words: list[str], cue: str, sid: int) -> None:
        feats = features(state.text, start, end, words, cue, state.is_caps(sid), state.sport)
        self.seen.append((start, end, cue, feats))

    def merged(
        self, state: ArticleState, start: int, end: int, words: list[Word], sid: int, *, confirm: bool
    ) -> tuple[str, int, str] | None:
        self._record(state, start, end, [w[2] for w in words], "merged", sid)
        return None

    def annotate(self, state: ArticleState) -> None:
        for row in state.rows:
            evidence = str(row["evidence"])
            start, end, sid = int(row["start"]), int(row["end"]), int(row["sentence_id"])  # type: ignore[call-overload]
            words = str(row["surface"]).split()
            if row["method"] == "discovered" and evidence in GUESSES:
                self._record(state, start, end, words, evidence, sid)
            elif row["method"] == "gazetteer" and row["actor_type"] == "place" and evidence in ("name", "capital"):
                self._record(state, start, end, words, "place", sid)


def label(doc: Document, start: int, end: int, cue: str) -> str | None:
    """The class of a candidate by the gold spans (None: left out)."""
    for s, e, kind in doc.spans:
        if (s, e) == (start, end):
            return kind
    return None if cue == "place" else "NONE"


def examples(docs: list[Document]) -> tuple[list[list[str]], list[str]]:
    """Features and labels of every candidate of the documents (each span and cue once)."""
    from workbench.actors.matcher import matcher_for
    from workbench.actors.mentions import article_mentions
    from workbench.text import sentences

    matcher = matcher_for()
    feats, labels = [], []
    for doc in docs:
        typer = RecordingTyper()
        spans = [(s, e) for s, e, _p in sentences(doc.text)]
        article_mentions(doc.doc_id, doc.text, spans, matcher=matcher, typer=typer)
        done: set[tuple[int, int, str]] = set()
        for start, end, cue, f in typer.seen:
            kind = label(doc, start, end, cue)
            if kind is None or (start, end, cue) in done:
                continue
            done.add((start, end, cue))
            feats.append(f)
            labels.append(kind)
    return feats, labels


def train(
    feats: list[list[str]], labels: list[str], *, c: float, min_count: int
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Feature names, weights (features × classes) and bias of the fitted model."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for fs in feats for f in set(fs))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    column = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for j in sorted({column[f] for f in fs if f in column}):
            rows.append(i)
            cols.append(j)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(names)))
    y = np.array([CLASSES.index(k) for k in labels])
    model = LogisticRegression(C=c, max_iter=2000, tol=1e-4)
    model.fit(x, y)
    order = [list(model.classes_).index(k) for k in range(len(CLASSES))]
    return names, model.coef_[order].T, model.intercept_[order]


def write(path: Path, names: list[str], weights: np.ndarray, bias: np.ndarray, header: list[str]) -> int:
    """Write the model as text; returns the number of features kept (all-zero rows at 4 decimals are not)."""
    lines = [f"# {h}" for h in header]
    lines.append("\t".join(["<bias>", *(f"{b:.4f}" for b in bias)]))
    kept = 0
    for name, row in zip(names, weights, strict=True):
        values = [f"{w:.4f}" for w in row]
        if all(float(v) == 0.0 for v in values):
            continue
        values = ["0.0000" if v == "-0.0000" else v for v in values]
        lines.append("\t".join([name, *values]))
        kept += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=2, help="least number of candidates with a feature")
    args = parser.parse_args()
    docs = documents("train")
    feats, labels = examples(docs)
    names, weights, bias = train(feats, labels, c=args.c, min_count=args.min_count)
    digest = hashlib.sha256((CONLL / "eng.train").read_bytes()).hexdigest()[:16]
    header = [
        "Span model of workbench.actors.typer, written by benchmarks/train_actor_model.py: do not edit.",
        f"Data: CoNLL-2003 eng.train (sha256 {digest}…), its first {len(docs)} documents.",
        f"Candidates: {len(labels)} ({', '.join(f'{k} {n}' for k, n in sorted(Counter(labels).items()))}).",
        f"Options: C={args.c}, min_count={args.min_count}. Columns: feature, then weights of "
        + " ".join(CLASSES)
        + ".",
    ]
    kept = write(args.out, names, weights, bias, header)
    print(f"{len(labels)} candidates, {kept} features → {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
