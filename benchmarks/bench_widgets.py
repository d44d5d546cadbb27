"""Explorer responsiveness on Reuters-21578: how long a change of selection takes to re-render.

    .venv/bin/python benchmarks/bench_widgets.py [--changes 40] [--corpus PATH]

Builds the actor-trends explorer once (its trends for the offered actors are computed then, as is the
corpus's mentions table), then changes the selected actors ``--changes`` times, one to three actors at a
time, and times each re-render (plot PNG, totals and KWIC table) in wall-clock milliseconds. Target: median
< 150 ms. Also times switching period (which recomputes trends once per setting) and, for comparison, the
article reader's phrase filter and the timeline's actor filter.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    median = statistics.median(ms)
    return f"{name:<48} n={len(ms):<3} median {median:7.1f} ms   p90 {p90:7.1f} ms   max {ms[-1]:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(SHARED / "reuters21578"))
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import workbench as wb
    from workbench.widgets import actor_trends, article_reader, timeline

    started = time.perf_counter()
    corpus = wb.load(args.corpus)
    print(f"load: {len(corpus.articles):,} articles in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    _ = corpus.mentions
    print(f"mentions: {len(corpus.mentions):,} in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    explorer = actor_trends(corpus)
    print(f"actor-trends explorer built (trends precomputed) in {time.perf_counter() - started:.1f} s")
    rng = random.Random(args.seed)
    offered = [value for _label, value in explorer.actors.options]
    selections = [tuple(rng.sample(offered, rng.randint(1, 3))) for _ in range(args.changes)]
    for chosen in selections[:3]:  # warm-up: first KWIC of an actor is computed once and kept
        explorer.actors.value = chosen
    changes = []
    for chosen in selections:
        changes.append(timed(lambda c=chosen: setattr(explorer.actors, "value", c)))
    print(summary("actor trends: change of selected actors", changes))
    target = statistics.median(changes) < 150
    print(f"  target median < 150 ms: {'met' if target else 'NOT met'}")
    print(f"  plotted rows, last selection: {len(explorer.data):,}; KWIC rows: {len(explorer.kwic_rows):,}")
    print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    switches = [timed(lambda f=f: setattr(explorer.freq, "value", f)) for f in ("D", "M", "W", "D", "M", "W")]
    print(summary("actor trends: change of period (first = compute)", switches))

    try:
        reader = article_reader(corpus)
        words = ["oil prices", "interest rates", "coffee", "trade deficit", "dividend", "tonnes"]
        ms = [timed(lambda q=q: setattr(reader.words, "value", q)) for q in words]
        print(summary("article reader: phrase filter", ms))
        events = timeline(corpus)
        names = [value for _label, value in events.actors.options[:12]]
        ms = [timed(lambda a=a: setattr(events.actors, "value", (a,))) for a in names]
        print(summary("timeline: actor filter", ms))
    except Exception as exc:  # noqa: BLE001 - the dates tables are another module's; report and go on
        print(f"article reader / timeline not measured: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
