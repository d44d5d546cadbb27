"""Speed of the TIMEX3 tagger against ``dateparser.search.search_dates`` on Reuters-21578 bodies.

    .venv/bin/python benchmarks/bench_timexes.py [--data ../shared/data/reuters21578] [--sample 300]

Our tagger runs on every BODY of the 22 ``.sgm`` files, twice: with sentence spans given (as
``corpus.timexes`` does, the sentences come from the loader) and end to end from raw text (our own
segmentation included). ``search_dates`` is slow, so it runs on a fixed sample of the same bodies
(every k-th document) and is reported in words per second. Words are whitespace-separated tokens.
Rates use CPU time of this process (``time.process_time``), which other jobs on a shared machine disturb
far less than wall time; wall-time rates are printed alongside. Each of our runs is the best of two.
Target (issue 4): at least 50x the words/s of ``search_dates``.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import warnings
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


def time_ours(texts: list[str], spans: list[list[tuple[int, int, int]]] | None) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, timexes found)."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = 0
    for i, text in enumerate(texts):
        found += len(tag(text, published="1987-03-01", sentences=spans[i] if spans is not None else None))
    return time.process_time() - cpu, time.perf_counter() - wall, found


def time_dateparser(texts: list[str]) -> tuple[float, float, int]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": __import__("datetime").datetime(1987, 3, 1)}
    cpu, wall = time.process_time(), time.perf_counter()
    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in texts:
            found += len(search_dates(text, languages=["en"], settings=settings) or [])
    return time.process_time() - cpu, time.perf_counter() - wall, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=300, help="documents given to dateparser")
    args = parser.parse_args(argv)

    texts = reuters_bodies(args.data)
    n_words = words(texts)
    print(f"Reuters-21578: {len(texts)} bodies, {n_words:,} words")

    spans = [segment(t) for t in texts]
    # best of two passes: the machine may be shared; the first pass also warms caches
    cpu_given, wall_given, n_given = min(time_ours(texts, spans), time_ours(texts, spans))
    cpu_raw, wall_raw, _ = min(time_ours(texts, None), time_ours(texts, None))
    given, raw = n_words / cpu_given, n_words / cpu_raw
    print(
        f"workbench tag, sentences given : {cpu_given:6.2f} s CPU  {given:10,.0f} words/s"
        f"  (wall {n_words / wall_given:10,.0f} words/s; {n_given:,} timexes)"
    )
    print(
        f"workbench tag, from raw text   : {cpu_raw:6.2f} s CPU  {raw:10,.0f} words/s"
        f"  (wall {n_words / wall_raw:10,.0f} words/s)"
    )

    try:
        import dateparser  # noqa: F401
    except ImportError:
        print("dateparser is not installed (pip install '.[test]'); no baseline", file=sys.stderr)
        return 1
    step = max(len(texts) // args.sample, 1)
    sample = texts[::step][: args.sample]
    cpu_dp, wall_dp, n_dp = time_dateparser(sample)
    dp = words(sample) / cpu_dp
    print(
        f"dateparser.search_dates        : {cpu_dp:6.2f} s CPU  {dp:10,.0f} words/s"
        f"  (wall {words(sample) / wall_dp:10,.0f} words/s; {len(sample)} bodies, {words(sample):,} words,"
        f" {n_dp:,} dates)"
    )
    print(f"ratio: {given / dp:,.0f}x with sentences given, {raw / dp:,.0f}x from raw text (target >= 50x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
