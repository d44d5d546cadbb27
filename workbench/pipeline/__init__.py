"""The pipeline: source records to the rows of every table (ids, duplicates, articles and report), pure and
mappable over partitions on Dask workers."""
