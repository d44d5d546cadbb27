"""Explorer responsiveness on Reuters-21578: how long opening the page and each interaction take.

    .venv/bin/python benchmarks/bench_widgets.py [--changes 20] [--corpus PATH] [--dataset DIR] [--only memory]

Runs twice over the same articles: in memory (``wb.load(--corpus)``) and on a dataset (``wb.open(--dataset)``,
one written by ``workbench ingest --corpus --out DIR``; skipped when there is none). Each run times the page
(``wb.widgets.explorer``, which builds its first tab), then every interaction an analyst makes, ``--changes``
times each, in wall-clock milliseconds, one line per interaction::

    NAME  n=N  median X ms  p90 Y ms  max Z ms

The interactions: actor selection (actor trends), period (actor trends: day/week/month, the first time
each is computed), date range (article reader and timeline), phrase filter (article reader: words and
phrases), actor filter (timeline), topic selection (topics explorer, topics fitted once before), KWIC
paging (actor trends: the sentences of one period) and the actor-review table (the next candidate). The
phrase filter is also timed the naive way, ``str.contains`` over every article's text in pandas, in the same
run (``baseline:`` lines). Targets (issue 15): median <= 150 ms and p90 <= 400 ms in memory; median <= 300
ms on a dataset. The load average is printed beside the figures: on a busy machine they are not the machine's.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
#: phrases an analyst of Reuters types: words, phrases of two and three words, case and punctuation mixed
PHRASES = [
    "oil prices",
    "Interest Rates",
    "coffee",
    "trade deficit",
    "dividend",
    "tonnes",
    "U.S. Treasury",
    "bank of japan",
    "crude oil prices",
    "OPEC",
    "wheat",
    "money supply",
    "Federal Reserve Board",
    "gold",
    "net loss",
    "stock split",
    "sugar",
    "west germany",
    "takeover bid",
    "shr",
]


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(name: str, ms: Sequence[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    median = statistics.median(ms)
    return f"{name}  n={len(ms)}  median {median:.1f} ms  p90 {p90:.1f} ms  max {ms[-1]:.1f} ms"


class Run:
    """The figures of one backend (``label``), printed as they come."""

    def __init__(self, label: str, target: float, only: Sequence[str] = ()) -> None:
        self.label, self.target, self.only = label, target, [o.lower() for o in only]
        self.medians: dict[str, float] = {}

    def wants(self, *names: str) -> bool:
        """Whether ``--interactions`` (words of the names) asks for any of these interactions."""
        return not self.only or any(o in n.lower() for o in self.only for n in names)

    def note(self, text: str) -> None:
        print(f"[{self.label}] {text}", flush=True)

    def line(self, name: str, ms: Sequence[float]) -> None:
        self.medians[name] = statistics.median(ms)
        print(f"[{self.label}] {summary(name, ms)}   (load {os.getloadavg()[0]:.1f})", flush=True)

    def changes(self, name: str, control: Any, values: Sequence[Any], *, attribute: str = "value") -> None:
        self.line(name, [timed(lambda v=v: setattr(control, attribute, v)) for v in values])

    def verdict(self) -> None:
        slow = {k: v for k, v in self.medians.items() if v > self.target and not k.startswith("baseline")}
        said = ", ".join(f"{k} ({v:.0f} ms)" for k, v in slow.items()) or "none"
        self.note(f"median over {self.target:.0f} ms: {said}")


def cycle(values: Sequence[Any], n: int, rng: random.Random) -> list[Any]:
    """``n`` values drawn from ``values``, never the same twice in a row (a change must change something)."""
    out: list[Any] = []
    while len(out) < n:
        pick = rng.choice(list(values))
        if not out or pick != out[-1] or len(values) == 1:
            out.append(pick)
    return out


def ranges(n_options: int, n: int, rng: random.Random) -> list[tuple[int, int]]:
    """``n`` index ranges of a slider of ``n_options`` days (a month or so each), as an analyst drags it."""
    out = []
    for _ in range(n):
        lo = rng.randrange(max(1, n_options - 1))
        out.append((lo, min(n_options - 1, lo + rng.randint(3, 30))))
    return out


def measure(run: Run, corpus: Any, *, changes: int, seed: int) -> None:
    """Open the page, then time every interaction on ``corpus``."""
    import workbench as wb
    from workbench.widgets import actor_review
    from workbench.widgets import topics as topics_explorer
    from workbench.widgets.explorer import fit_topics

    rng = random.Random(seed)
    page_ms = timed(lambda: wb.widgets.explorer(corpus))
    run.note(f"page open (explorer, first tab built): {page_ms / 1000:.2f} s")
    page = wb.widgets.explorer(corpus)
    reader = page["Articles"]
    started = time.perf_counter()
    corpus.select(words="index")  # the word index: built once per corpus and cached beside the tables
    run.note(f"word index ready (read from the cache, or built and cached) in {time.perf_counter() - started:.2f} s")
    if run.wants("phrase filter (article reader)"):
        run.changes("phrase filter (article reader)", reader.words, cycle(PHRASES, changes, rng))
        reader.words.value = ""
    slider = reader.dates
    if run.wants("date range (article reader)"):
        run.changes("date range (article reader)", slider, ranges(len(slider.options), changes, rng), attribute="index")
    if run.wants("actor selection", "period", "KWIC paging"):
        trends_interactions(run, page, changes=changes, rng=rng)
    if run.wants("actor filter (timeline)", "date range (timeline)"):
        timeline_interactions(run, corpus, changes=changes, rng=rng)
    if run.wants("actor-review table"):
        started = time.perf_counter()
        review = actor_review(corpus)
        run.note(f"actor review tab opened in {time.perf_counter() - started:.2f} s")
        candidates = [value for _label, value in review.candidates.options[:40]]
        if candidates:
            run.changes("actor-review table: next candidate", review.candidates, cycle(candidates, changes, rng))
    if run.wants("topic selection"):
        started = time.perf_counter()
        fitted = fit_topics(corpus)
        explorer = topics_explorer(corpus, topics=fitted)
        run.note(f"topics fitted and topics tab opened in {time.perf_counter() - started:.2f} s")
        ids = [value for _label, value in explorer.topic.options]
        run.changes("topic selection (topics)", explorer.topic, cycle(ids, changes, rng))


def trends_interactions(run: Run, page: Any, *, changes: int, rng: random.Random) -> None:
    started = time.perf_counter()
    trends = page["Actor trends"]
    run.note(f"actor trends tab opened in {time.perf_counter() - started:.2f} s")
    offered = [value for _label, value in trends.actors.options]
    picks = [tuple(rng.sample(offered, rng.randint(1, 3))) for _ in range(changes)]
    run.changes("actor selection (actor trends)", trends.actors, picks)
    first = [timed(lambda f=f: setattr(trends.freq, "value", f)) for f in ("D", "M")]
    run.line("period, first time each (actor trends)", first)
    run.changes("period (actor trends)", trends.freq, cycle(["D", "W", "M"], changes, rng))
    trends.freq.value = "M"
    periods = [value for _label, value in trends.period.options if value]
    run.changes("KWIC paging: one period's sentences (actor trends)", trends.period, cycle(periods, changes, rng))


def timeline_interactions(run: Run, corpus: Any, *, changes: int, rng: random.Random) -> None:
    from workbench.widgets import timeline

    started = time.perf_counter()
    events = timeline(corpus)
    run.note(f"timeline tab opened in {time.perf_counter() - started:.2f} s")
    names = [value for _label, value in events.actors.options[:30]]
    run.changes("actor filter (timeline)", events.actors, [(a,) for a in cycle(names, changes, rng)])
    slider = events.dates
    run.changes("date range (timeline)", slider, ranges(len(slider.options), changes, rng), attribute="index")


def baseline(run: Run, texts: Any, *, changes: int, seed: int) -> None:
    """The naive phrase filter: ``str.contains`` (any case, no regex) over every article's text."""
    phrases = cycle(PHRASES, changes, random.Random(seed))
    run.line(
        "baseline: phrase filter, pandas str.contains over every text",
        [timed(lambda p=p: texts[texts.str.contains(p, case=False, regex=False)].index) for p in phrases],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(SHARED / "reuters21578"))
    parser.add_argument("--dataset", default="/tmp/speed/reuters-ds", help="a dataset of the same articles")
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["memory", "dataset"], default=None)
    parser.add_argument("--interactions", nargs="+", default=(), metavar="NAME", help="words of the names to run")
    args = parser.parse_args()

    import workbench as wb

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.only != "dataset":
        run = Run("memory", 150, args.interactions)
        started = time.perf_counter()
        corpus = wb.load(args.corpus)
        _ = corpus.mentions, corpus.tokens, corpus.timexes
        run.note(f"wb.load: {len(corpus.catalog):,} articles, tables ready in {time.perf_counter() - started:.1f} s")
        baseline(run, corpus.texts(corpus.catalog["article_id"])["text"], changes=args.changes, seed=args.seed)
        measure(run, corpus, changes=args.changes, seed=args.seed)
        run.verdict()
    if args.only != "memory":
        if not (Path(args.dataset) / "manifest.json").exists():
            print(f"[dataset] no dataset at {args.dataset}: write one with `workbench ingest CORPUS --out DIR`")
            return
        run = Run("dataset", 300, args.interactions)
        started = time.perf_counter()
        corpus = wb.open(args.dataset)
        run.note(f"wb.open: {len(corpus):,} articles in {time.perf_counter() - started:.1f} s")
        measure(run, corpus, changes=args.changes, seed=args.seed)
        run.verdict()
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
