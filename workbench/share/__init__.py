"""Sharing: the HTML report of the curated notebooks, the notebooks' figure helper, and the Voilà dashboard."""
