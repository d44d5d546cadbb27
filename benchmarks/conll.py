"""CoNLL-2003 (``../shared/data/conll2003``) as articles with gold entity spans, for the actor benchmarks.

A CoNLL document (the lines between two ``-DOCSTART-`` lines) becomes one article: its sentences in order,
one paragraph each (joined by a blank line), the tokens of a sentence joined by one space except where
written English has none (no space before ``, . ; : ! ? ) ] }`` or ``'s``/``n't``/``'``, none after ``( [ {``,
and none inside a pair of double quotes: ``" Fine , " he said`` → ``"Fine," he said``). The headline (often in
capitals) and the dateline ("LONDON 1996-08-30") are the document's first sentences, as in the data. Gold
spans are IOB1 runs of one type, mapped to character offsets of the text.

Splits (fixed, so every run scores and trains on the same documents):

- ``dev``: all 216 documents of ``eng.testa`` (the development figures);
- ``heldout``: the last fifth of ``eng.train``'s 946 documents (from document :data:`HELDOUT_FROM` on),
  never used for training and not looked at while developing;
- ``train``: the first four fifths of ``eng.train``, what ``benchmarks/train_actor_model.py`` learns from.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
CONLL = SHARED / "conll2003"
#: First ``eng.train`` document of the held-out part (the last fifth of 946 documents).
HELDOUT_FROM = 757

_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%") | {"'s", "'S", "n't", "N'T", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$")


@dataclass
class Document:
    """One CoNLL document as an article: ``text``, gold ``spans`` (start, end, type) and sentence spans."""

    doc_id: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, word, IOB tag


def _raw_documents(path: Path) -> Iterator[list[list[tuple[str, str]]]]:
    doc: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sent:
                doc.append(sent)
                sent = []
            continue
        if parts[0] == "-DOCSTART-":
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                yield doc
            doc = []
            continue
        sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def _document(doc_id: str, sentences: list[list[tuple[str, str]]]) -> Document:
    out = Document(doc_id, "")
    pieces: list[str] = []
    pos = 0
    for sent in sentences:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        first = pos
        quotes = 0
        glue = True  # no space before the sentence's first token
        for word, tag in sent:
            opening_quote = word == '"' and quotes % 2 == 0
            closing_quote = word == '"' and quotes % 2 == 1
            if not glue and word not in _NO_SPACE_BEFORE and not closing_quote:
                pieces.append(" ")
                pos += 1
            pieces.append(word)
            out.tokens.append((pos, pos + len(word), word, tag))
            pos += len(word)
            glue = word in _NO_SPACE_AFTER or opening_quote
            quotes += word == '"'
        out.sentences.append((first, pos))
    out.text = "".join(pieces)
    out.spans = _spans(out.tokens)
    return out


def _spans(tokens: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str]]:
    """IOB1 runs: a run continues while the type stays and no ``B-`` starts a new one."""
    spans: list[tuple[int, int, str]] = []
    cur: list[int | str] | None = None
    for start, end, _word, tag in tokens + [(0, 0, "", "O")]:
        kind = tag[2:] if tag != "O" else ""
        if cur is not None and (kind != cur[2] or tag.startswith("B-")):
            spans.append((int(cur[0]), int(cur[1]), str(cur[2])))
            cur = None
        if kind:
            if cur is None:
                cur = [start, end, kind]
            else:
                cur[1] = end
    return spans


def documents(part: str) -> list[Document]:
    """The documents of ``part``: ``dev`` (eng.testa), ``heldout`` or ``train`` (the two parts of eng.train)."""
    if part == "dev":
        return [_document(f"testa-{i:03d}", d) for i, d in enumerate(_raw_documents(CONLL / "eng.testa"))]
    docs = [_document(f"train-{i:03d}", d) for i, d in enumerate(_raw_documents(CONLL / "eng.train"))]
    if part == "heldout":
        return docs[HELDOUT_FROM:]
    if part == "train":
        return docs[:HELDOUT_FROM]
    raise ValueError(f"unknown part {part!r} (dev, heldout, train)")
