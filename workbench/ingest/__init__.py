"""Ingest: every input format read into article records, with a report row for each input."""
