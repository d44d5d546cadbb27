"""Ingest: every input format read into article records, with a report row for each input.

``sources.expand`` lists the files of the sources given to ``load``; ``read.read_sources`` reads them (each with
the reader that ``formats.READERS`` names for its suffix) into records and report rows.
"""

from workbench.ingest.formats import READERS, Reader
from workbench.ingest.read import read_file, read_sources
from workbench.ingest.records import Problem, Record
from workbench.ingest.sources import Expansion, SourceFile, expand, split_source

__all__ = [
    "READERS",
    "Expansion",
    "Problem",
    "Reader",
    "Record",
    "SourceFile",
    "expand",
    "read_file",
    "read_sources",
    "split_source",
]
