"""Dates: temporal expressions found in article text (TIMEX3 rules, resolution against the publication date,
periods, durations, sets) and publication dates inferred from the text."""
