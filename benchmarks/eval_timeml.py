"""TempEval-3 scores of the date tagger on the TimeML corpora in ../shared/data/tempeval3.

    .venv/bin/python benchmarks/eval_timeml.py [DIR_OR_FILE ...] [--split dev|heldout|all] [--errors N] [--format json]

Same as ``workbench eval timeml DIR…`` (``workbench.evaluate.timeml.main``), with TimeBank and AQUAINT as
the default folders. ``--split heldout`` scores every fifth file by name (held out from development),
``--split dev`` the others; ``--errors`` reads the dev files only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.evaluate.timeml import main

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval3"

if __name__ == "__main__":
    args = sys.argv[1:]
    if not any(Path(a).exists() for a in args):
        args = [str(DATA / "timebank"), str(DATA / "aquaint"), *args]
    raise SystemExit(main(args))
