"""Speed of the TIMEX3 tagger against ``dateparser.search.search_dates`` on Reuters-21578 bodies.

    .venv/bin/python benchmarks/bench_timexes.py [--data ../shared/data/reuters21578] [--sample 300]

Our tagger runs on every BODY of the 22 ``.sgm`` files, twice: with sentence spans given (as
``corpus.timexes`` does, the sentences come from the loader) and end to end from raw text (our own
segmentation included). ``search_dates`` is slow, so it runs on a fixed sample of the same bodies
(every k-th document) and is reported in words per second. Words are whitespace-separated tokens.
Rates use CPU time of this process (``time.process_time``), which other jobs on a shared machine disturb
far less than wall time; wall-time rates are printed alongside, and the load average before and after.
Both sides are warmed up first (our patterns compile on first use; dateparser loads its language data),
then timed in interleaved rounds (a tenth of our bodies, a tenth of dateparser's sample, in turn), so that a
change of load during the run falls on both alike. Target (issue 15): at least 100x the words/s of
``search_dates``.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import html
import os
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from workbench.dates.timexes import tag
from workbench.text import sentences as segment

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "reuters21578"
BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
DATE = re.compile(r"<DATE>\s*(\d+)-([A-Z]+)-(\d{4})")


def reuters_bodies(folder: Path) -> list[str]:
    """The BODY text of every article in the ``reut2-*.sgm`` files of ``folder``."""
    files = sorted(folder.glob("reut2-*.sgm"))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files in {folder}; pass --data DIR")
    bodies: list[str] = []
    for f in files:
        raw = f.read_text(encoding="latin-1")
        bodies.extend(html.unescape(m).replace("\x03", "").strip() for m in BODY.findall(raw))
    return [b for b in bodies if b]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _ours(texts: list[str], spans: list[list[tuple[int, int, int]]] | None) -> int:
    found = 0
    for i, text in enumerate(texts):
        found += len(tag(text, published="1987-03-01", sentences=spans[i] if spans is not None else None))
    return found


def _dateparser(texts: list[str]) -> int:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.datetime(1987, 3, 1)}
    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in texts:
            found += len(search_dates(text, languages=["en"], settings=settings) or [])
    return found


def _timed(run: Callable[[], int]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, result) of ``run()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=300, help="documents given to dateparser")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds (a slice of each side per round)")
    args = parser.parse_args(argv)
    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("dateparser is not installed (pip install '.[test]'); no baseline", file=sys.stderr)
        return 1

    texts = reuters_bodies(args.data)
    n_words = words(texts)
    step = max(len(texts) // args.sample, 1)
    sample = texts[::step][: args.sample]
    print(f"Reuters-21578: {len(texts)} bodies, {n_words:,} words; dateparser on {len(sample)} of them")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    spans = [segment(t) for t in texts]
    # warm-up, not timed: our patterns compile on first use, dateparser loads its language data
    _ours(texts[:300], spans[:300])
    _dateparser(texts[1 : 1 + 3 * step : step])

    # interleaved rounds: load on a shared machine falls on both sides alike
    totals = {"given": [0.0, 0.0, 0], "raw": [0.0, 0.0, 0], "dateparser": [0.0, 0.0, 0]}
    k = args.rounds
    for r in range(k):
        ours_part, dp_part = (
            slice(r * len(texts) // k, (r + 1) * len(texts) // k),
            slice(r * len(sample) // k, (r + 1) * len(sample) // k),
        )
        runs: dict[str, Callable[[], int]] = {
            "given": functools.partial(_ours, texts[ours_part], spans[ours_part]),
            "raw": functools.partial(_ours, texts[ours_part], None),
            "dateparser": functools.partial(_dateparser, sample[dp_part]),
        }
        for name, run in runs.items():
            cpu, wall, found = _timed(run)
            totals[name][0] += cpu
            totals[name][1] += wall
            totals[name][2] += found
    dp_words = words(sample)
    rates = {}
    for name, (cpu, wall, found) in totals.items():
        n = dp_words if name == "dateparser" else n_words
        rates[name] = n / cpu
        label = {
            "given": "workbench tag, sentences given",
            "raw": "workbench tag, from raw text  ",
            "dateparser": "dateparser.search_dates       ",
        }[name]
        print(
            f"{label} : {cpu:6.2f} s CPU  {n / cpu:10,.0f} words/s  (wall {n / wall:10,.0f} words/s; {found:,} found)"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"ratio: {rates['given'] / rates['dateparser']:,.0f}x with sentences given, "
        f"{rates['raw'] / rates['dateparser']:,.0f}x from raw text (target >= 100x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
