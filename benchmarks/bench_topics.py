"""Topic discovery on Reuters-21578: speed, determinism, and agreement with the gold TOPICS labels.

    .venv/bin/python benchmarks/bench_topics.py [--data ../shared/data/reuters21578] [--sample N]

Prints, in one run:

1. Time to discover topics on every Reuters article with text (~19k; number of topics chosen automatically),
   and whether a second run gives the same topics.
2. On the articles with exactly one of the 10 most frequent TOPICS labels: NMI and ARI of the dominant topic
   (argmax) against the labels, for our topics (the product's defaults, with k = the number of labels, and
   with k chosen automatically) and for scikit-learn's LatentDirichletAllocation on the same matrix our
   model factorises (TF-IDF) and on the raw counts of the same vocabulary (the input LDA models), with
   k = the number of labels, seed 0, 20 and 100 iterations.
"""

from __future__ import annotations

import argparse
import glob
import os
import time
import warnings
from pathlib import Path

import pandas as pd
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from workbench.topics.model import topics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578"


def load_reuters(data: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """articles (with ``topics_gold``), sentences and tokens of every Reuters-21578 article with text."""
    import workbench as wb

    files = sorted(glob.glob(str(data / "reut2-*.sgm")))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files in {data}; pass --data")
    corpus = wb.load(*files)
    return corpus.articles, corpus.sentences, corpus.tokens


def single_label_subset(articles: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    gold = articles["topics_gold"].map(lambda v: list(v) if v is not None else [])
    counts = pd.Series([t for labels in gold for t in labels]).value_counts()
    frequent = set(counts.index[:top])
    keep = gold.map(lambda labels: len(labels) == 1 and labels[0] in frequent)
    out = articles.loc[keep, ["article_id"]].copy()
    out["gold"] = gold[keep].map(lambda labels: labels[0])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=0, help="use only N articles (quick check)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    t0 = time.perf_counter()
    articles, sentences, tokens = load_reuters(args.data)
    if args.sample:
        articles = articles.sample(n=min(args.sample, len(articles)), random_state=0)
        keep = set(articles["article_id"])
        sentences = sentences[sentences["article_id"].isin(keep)]
        tokens = tokens[tokens["article_id"].isin(keep)]
    print(f"loaded {len(articles):,} articles, {len(tokens):,} tokens in {time.perf_counter() - t0:.1f} s")
    print(f"cores available: {len(os.sched_getaffinity(0))}")

    # 1. all articles, automatic number of topics, twice
    t1 = time.perf_counter()
    first = topics(articles, sentences, tokens, level="article")
    elapsed = time.perf_counter() - t1
    second = topics(articles, sentences, tokens, level="article")
    same = first.labels.equals(second.labels) and first.dominant()["topic_id"].equals(second.dominant()["topic_id"])
    print(
        f"\nall articles: {len(first.documents):,} documents, {first.n_topics} topics chosen automatically "
        f"in {elapsed:.1f} s; same topics on a second run: {same}"
    )
    print(first.selection.to_string(index=False))
    print(first.summary()[["topic_id", "label", "documents"]].to_string(index=False))

    # 2. single-label subset: ours (the product's defaults, k = number of labels) vs LDA on the same matrix
    gold = single_label_subset(articles)
    sub_ids = set(gold["article_id"])
    sub_articles = articles[articles["article_id"].isin(sub_ids)]
    sub_tokens = tokens[tokens["article_id"].isin(sub_ids)]
    sub_sentences = sentences[sentences["article_id"].isin(sub_ids)]
    k = gold["gold"].nunique()
    t2 = time.perf_counter()
    ours = topics(sub_articles, sub_sentences, sub_tokens, level="article", n_topics=k, seed=0)
    t_ours = time.perf_counter() - t2
    by_id = gold.set_index("article_id")["gold"]
    labels = by_id.loc[ours.documents["article_id"]].to_numpy()
    dom = ours.dominant()
    scores = {f"ours, k={k}": (labels, dom["topic_id"].fillna(-1).astype(int).to_numpy(), t_ours)}
    t2 = time.perf_counter()
    auto = topics(sub_articles, sub_sentences, sub_tokens, level="article", seed=0)
    scores[f"ours, auto k={auto.n_topics}"] = (
        by_id.loc[auto.documents["article_id"]].to_numpy(),
        auto.dominant()["topic_id"].fillna(-1).astype(int).to_numpy(),
        time.perf_counter() - t2,
    )
    # LDA on the very matrices ours saw (same documents, same vocabulary): the TF-IDF it factorises, and
    # the raw counts of that vocabulary (the input LDA models)
    for name, matrix in (("LDA tf-idf", ours.matrix), ("LDA counts", ours.counts)):
        for iterations in (20, 100):
            t3 = time.perf_counter()
            lda = LatentDirichletAllocation(
                n_components=k, random_state=0, learning_method="batch", max_iter=iterations, n_jobs=1
            )
            pred = lda.fit_transform(matrix).argmax(axis=1)
            scores[f"{name}, k={k}, {iterations} it"] = (labels, pred, time.perf_counter() - t3)
    print(
        f"\nReuters-21578, {len(gold):,} articles with exactly one TOPICS label, among the 10 most frequent "
        f"({k} of them occur alone); {ours.matrix.shape[1]:,} terms; seed 0:"
    )
    print(f"{'model':<26} {'NMI':>6} {'ARI':>6} {'seconds':>8}")
    for name, (y, p, secs) in scores.items():
        print(f"{name:<26} {normalized_mutual_info_score(y, p):6.3f} {adjusted_rand_score(y, p):6.3f} {secs:8.1f}")


if __name__ == "__main__":
    main()
