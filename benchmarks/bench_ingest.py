"""Cold load + tokenize of Reuters-21578 against NLTK's sent_tokenize + word_tokenize, in one run.

Prints words/s for both and the ratio (target ≥ 6×, issue 15), the warm reload time (target < 2 s) and peak memory
(target < 2 GB). Run: ``.venv/bin/python benchmarks/bench_ingest.py [--nltk-sample N]``.
Words are whitespace-separated words of the article bodies, counted the same way for both.
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


def peak_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kb, child_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nltk-sample", type=int, default=0, help="articles for the NLTK baseline (0: all)")
    args = parser.parse_args()
    files = sorted(glob.glob(str(SHARED / "reuters21578" / "reut2-*.sgm")))
    if not files:
        sys.exit(f"Reuters-21578 not found under {SHARED}")
    import workbench as wb

    def cpu() -> float:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    with tempfile.TemporaryDirectory() as cache:
        c0 = cpu()
        t0 = time.perf_counter()
        corpus = wb.load(*files, cache_dir=cache)
        n_tokens = len(corpus.tokens)
        cold = time.perf_counter() - t0
        cold_cpu = cpu() - c0
        words = int(corpus.articles["text"].str.split().str.len().sum())
        t0 = time.perf_counter()
        warm_corpus = wb.load(*files, cache_dir=cache)
        _ = len(warm_corpus.tokens)
        warm = time.perf_counter() - t0
    ours = words / cold

    import nltk
    from nltk import sent_tokenize, word_tokenize

    nltk.data.path.insert(0, str(SHARED / "nltk_data"))  # baseline only: the product needs no NLTK data

    texts = corpus.articles["text"].tolist()[: args.nltk_sample or None]
    sample_words = sum(len(t.split()) for t in texts)
    c0 = cpu()
    t0 = time.perf_counter()
    for text in texts:
        for sentence in sent_tokenize(text):
            word_tokenize(sentence)
    baseline = sample_words / (time.perf_counter() - t0)
    baseline_cpu = sample_words / (cpu() - c0)

    print(
        f"Reuters-21578: {len(files)} files, {len(corpus.report):,} records, {len(corpus.articles):,} articles, "
        f"{words:,} words, {n_tokens:,} tokens"
    )
    print(f"{'':38}{'words/s':>12}")
    print(
        f"{'workbench cold load + tokenize':38}{ours:>12,.0f}   ({cold:.1f} s for everything, cores: {os.cpu_count()})"
    )
    print(f"{'NLTK sent_tokenize + word_tokenize':38}{baseline:>12,.0f}   (on {len(texts):,} of the same texts)")
    print(f"ratio: {ours / baseline:.1f}x (target >= 6x)")
    print(
        f"per CPU-second (all processes; robust to a busy machine, blind to parallelism): "
        f"workbench {words / cold_cpu:,.0f}, NLTK {baseline_cpu:,.0f}, ratio {words / cold_cpu / baseline_cpu:.1f}x"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f}")
    print(f"warm reload (articles + tokens from the Parquet cache): {warm:.2f} s (target < 2 s)")
    print(f"peak memory (largest process): {peak_mb():,.0f} MB (target < 2048 MB)")


if __name__ == "__main__":
    main()
