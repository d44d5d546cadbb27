"""The corpus: the ``Corpus`` facade over two backends (in-memory pandas tables; a Parquet dataset queried by
DuckDB), ``Selection``, ``load`` and ``open``, building the in-memory tables, and writing a dataset in this
process.

- ``facade``: ``Corpus`` (every method short, handed to the backend);
- ``backend``: the ``Backend`` protocol and ``FrameAnalyses``, the analyses computed from frames;
- ``memory``: the in-memory backend; ``parquet``: the dataset backend;
- ``selection``: ``Selection``;
- ``build``: the tables of a loaded corpus (``load_tables``, ``Tables``); ``cache``: their Parquet cache;
- ``load``: ``workbench.load``; ``open``: ``workbench.open``; ``write``: ``workbench ingest --out`` in this process.
"""

from workbench.corpus.facade import Corpus
from workbench.corpus.load import load
from workbench.corpus.open import open_dataset
from workbench.corpus.selection import Selection

__all__ = ["Corpus", "Selection", "load", "open_dataset"]
