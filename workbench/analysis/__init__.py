"""Analyses on plain frames: trends, topics, keywords, KWIC, co-occurrence, timeline."""
