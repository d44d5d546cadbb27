"""Topic discovery on Reuters-21578: speed, determinism, and agreement with the gold TOPICS labels.

    .venv/bin/python benchmarks/bench_topics.py [--data ../shared/data/reuters21578] [--sample N] [--quick]

Prints, in one run (with the load average: the machine is shared):

1. Time to discover coarse and fine topics on every Reuters article with text (~19k; numbers of topics chosen
   automatically), and whether a second run gives the same topics. (``--quick`` skips this part.)
2. On the 7,219 articles with exactly one of the 10 most frequent TOPICS labels: NMI and ARI of the dominant
   topic (argmax) against the labels, for our coarse level (k chosen automatically, and k = the number of
   labels), our fine level, and scikit-learn's LatentDirichletAllocation on the raw counts of the same
   vocabulary (the input LDA models) with k = the number of labels and k = our automatic coarse k, seed 0.
   On three sets: **dev** (a fixed random half, seed 17, on which the method's settings were chosen), **held
   out** (the other half, not used to choose anything) and **all** 7,219.
"""

from __future__ import annotations

import argparse
import glob
import os
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.metrics import adjusted_rand_score, homogeneity_score, normalized_mutual_info_score

from workbench.topics.model import Topics, topics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578"
#: The dev/held-out split of the single-label articles: a permutation of their sorted ids with this seed.
SPLIT_SEED = 17

Frames = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]


def load_reuters(data: Path) -> Frames:
    """articles (with ``topics_gold``), sentences and tokens of every Reuters-21578 article with text."""
    import workbench as wb

    files = sorted(glob.glob(str(data / "reut2-*.sgm")))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files in {data}; pass --data")
    corpus = wb.load(*files)
    return corpus.articles, corpus.sentences, corpus.tokens


def single_label_subset(articles: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """article_id, gold: the articles with exactly one TOPICS label, which is among the ``top`` most frequent."""
    gold = articles["topics_gold"].map(lambda v: list(v) if v is not None else [])
    counts = pd.Series([t for labels in gold for t in labels]).value_counts()
    frequent = set(counts.index[:top])
    keep = gold.map(lambda labels: len(labels) == 1 and labels[0] in frequent)
    out = articles.loc[keep, ["article_id"]].copy()
    out["gold"] = gold[keep].map(lambda labels: labels[0])
    return out


def dev_and_held_out(gold: pd.DataFrame) -> dict[str, set[str]]:
    """The dev half, the held-out half and all of the single-label articles (ids)."""
    ids = np.array(sorted(gold["article_id"].astype(str)))
    perm = np.random.default_rng(SPLIT_SEED).permutation(len(ids))
    half = len(ids) // 2
    return {"dev": set(ids[perm[:half]]), "held out": set(ids[perm[half:]]), "all": set(ids)}


def subset(frames: Frames, ids: set[str]) -> Frames:
    articles, sentences, tokens = (f[f["article_id"].astype(str).isin(ids)] for f in frames)
    return articles, sentences, tokens


def measures(labels: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """NMI, ARI and homogeneity (1: every topic holds one label only, however many topics a label has)."""
    return {
        "NMI": normalized_mutual_info_score(labels, predicted),
        "ARI": adjusted_rand_score(labels, predicted),
        "homogeneity": homogeneity_score(labels, predicted),
    }


def scores_of(fitted: Topics, by_id: pd.Series) -> dict[str, float]:
    labels = by_id.loc[fitted.documents["article_id"]].to_numpy()
    return measures(labels, fitted.dominant()["topic_id"].fillna(-1).astype(int).to_numpy())


def compare(frames: Frames, by_id: pd.Series, name: str, rows: list[dict[str, object]]) -> None:
    """Ours (coarse auto, coarse k = labels, fine) and LDA on one set; one row per model in ``rows``."""
    k = by_id.loc[list(set(frames[0]["article_id"]))].nunique()
    t0 = time.perf_counter()
    auto = topics(*frames, unit="article", seed=0)
    t_auto = time.perf_counter() - t0
    t_fine = time.perf_counter()
    fine = auto.fine
    t_fine = time.perf_counter() - t_fine
    rows.append({"set": name, "model": "ours, coarse, k automatic", "k": auto.n_topics, "seconds": t_auto})
    rows[-1].update(scores_of(auto, by_id))
    rows.append({"set": name, "model": "ours, fine (same fit), time added", "k": fine.n_topics, "seconds": t_fine})
    rows[-1].update(scores_of(fine, by_id))
    t0 = time.perf_counter()
    given = topics(*frames, unit="article", seed=0, n_topics=k)
    rows.append({"set": name, "model": f"ours, coarse, k = {k} labels", "k": k, "seconds": time.perf_counter() - t0})
    rows[-1].update(scores_of(given, by_id))
    labels = by_id.loc[auto.documents["article_id"]].to_numpy()
    for n in sorted({k, auto.n_topics}):
        t0 = time.perf_counter()
        lda = LatentDirichletAllocation(n_components=n, random_state=0, learning_method="batch", max_iter=50, n_jobs=1)
        predicted = lda.fit_transform(auto.counts).argmax(axis=1)
        rows.append({"set": name, "model": "LDA on counts, 50 it", "k": n, "seconds": time.perf_counter() - t0})
        rows[-1].update(measures(labels, predicted))


def whole_collection(frames: Frames) -> None:
    """Part 1: every article, numbers of topics chosen automatically, twice."""
    t1 = time.perf_counter()
    first = topics(*frames, unit="article")
    t_coarse = time.perf_counter() - t1
    fine = first.fine  # the fine level is fitted when first asked for
    t_fine = time.perf_counter() - t1 - t_coarse
    second = topics(*frames, unit="article")
    same = all(
        a.labels.equals(b.labels) and a.dominant()["topic_id"].equals(b.dominant()["topic_id"])
        for a, b in ((first, second), (first.fine, second.fine))
    )
    print(
        f"\nall articles: {len(first.documents):,} documents, {first.n_topics} coarse topics in {t_coarse:.1f} s "
        f"and {fine.n_topics} fine topics in {t_fine:.1f} s more, numbers chosen automatically (load average "
        f"{os.getloadavg()[0]:.1f}); same topics on a second run: {same}"
    )
    print(first.selection.to_string(index=False))
    print(first.summary()[["topic_id", "label", "documents"]].to_string(index=False))
    for parent, labels in fine.summary().groupby("parent_label")["label"]:
        print(f"  {parent}: {' | '.join(labels)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=0, help="use only N articles (quick check)")
    parser.add_argument("--quick", action="store_true", help="skip part 1 (every article, twice)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    t0 = time.perf_counter()
    articles, sentences, tokens = load_reuters(args.data)
    if args.sample:
        articles = articles.sample(n=min(args.sample, len(articles)), random_state=0)
        articles, sentences, tokens = subset((articles, sentences, tokens), set(articles["article_id"]))
    print(f"loaded {len(articles):,} articles, {len(tokens):,} tokens in {time.perf_counter() - t0:.1f} s")
    print(f"cores available: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")
    if not args.quick:
        whole_collection((articles, sentences, tokens))

    gold = single_label_subset(articles)
    by_id = gold.set_index("article_id")["gold"]
    rows: list[dict[str, object]] = []
    for name, ids in dev_and_held_out(gold).items():
        compare(subset((articles, sentences, tokens), ids), by_id, f"{name} ({len(ids):,})", rows)
    print(
        f"\nReuters-21578, {len(gold):,} articles with exactly one TOPICS label, among the 10 most frequent "
        f"({gold['gold'].nunique()} of them occur alone); seed 0; load average {os.getloadavg()[0]:.1f}:"
    )
    table = pd.DataFrame(rows)[["set", "model", "k", "NMI", "ARI", "homogeneity", "seconds"]]
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


if __name__ == "__main__":
    main()
