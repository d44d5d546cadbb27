"""Text ground layer: normalisation, paragraph/sentence segmentation and tokenization (no downloaded data)."""

from workbench.text.normalize import fold, norm
from workbench.text.segment import paragraphs, sentences
from workbench.text.tokenize import tokenize

__all__ = ["fold", "norm", "paragraphs", "sentences", "tokenize"]
