"""Extractors: actors and temporal expressions found in article text."""
