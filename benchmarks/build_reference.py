"""Rebuild the shipped reference word list (``workbench/resources/reference_freq.csv``) from Reuters-21578.

    .venv/bin/python benchmarks/build_reference.py [../shared/data/reuters21578]

A maintenance script: loads the collection with ``workbench.load`` and writes the list with
``workbench.analysis.reference.write_reference`` (the product only reads the shipped file).
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import workbench as wb
from workbench.analysis.reference import write_reference


def main(data: str) -> None:
    files = sorted(glob.glob(str(Path(data) / "reut2-*.sgm")))
    if not files:
        raise SystemExit(f"no reut2-*.sgm files in {data}")
    corpus = wb.load(*files)
    target = write_reference(corpus.articles, corpus.tokens)
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/reuters21578")
