"""Ingest on a Dask cluster into a partitioned Parquet dataset: the client's stages (``ingest``), the workers'
tasks (``tasks``) and the corpus-level actor pass as a map-reduce (``actors``)."""

from workbench.scale.ingest import ingest_dask, read_table
from workbench.scale.plan import PARTITION_BYTES, IngestSummary, Partition, partition_files

__all__ = ["PARTITION_BYTES", "IngestSummary", "Partition", "ingest_dask", "partition_files", "read_table"]
