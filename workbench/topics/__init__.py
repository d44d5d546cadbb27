"""Topics: NMF topic models of articles or paragraphs, and the analyst's topic lexicons."""
