"""Actor mentions scored on CoNLL-2003 (PER/ORG/LOC spans), beside NLTK's ``ne_chunk`` on the same text.

    NLTK_DATA=../shared/data/nltk_data .venv/bin/python benchmarks/eval_conll.py [--part dev|heldout|both]
        [--errors N] [--no-nltk]

What is scored: ``mentions_table`` (what ``corpus.mentions`` computes: our sentence splitter, the rules, the
shipped model, the corpus-trained classifier and the corpus pass) over one part of CoNLL-2003, read as
articles by ``benchmarks/conll.py`` (one article per CoNLL document, one paragraph per CoNLL sentence, tokens
joined as written English). ``dev`` is ``eng.testa`` (development figures: the rules were tuned looking at its
errors); ``heldout`` is the last fifth of ``eng.train`` (never trained on, never looked at).

Our actor types map to CoNLL's: person → PER; organization and group → ORG; country and place → LOC; other is
not scored. A mention counts when its span (start, end) equals a gold span exactly (typed: and the type
agrees; untyped: any type). MISC is left out: gold MISC spans are not scored, and a mention exactly on a
MISC span ("Pakistani" → Pakistan, a demonym) counts neither way; mentions without a capital letter (role
nouns such as "the defence minister", which resolve to a person but are no names) are not scored either.

NLTK: ``pos_tag`` + ``ne_chunk`` (the binary model, the one in the shared data: it marks names, without
types) on the CoNLL tokens of each sentence, so its figures are untyped only.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conll import SHARED, Document, documents  # noqa: E402

TYPE_MAP = {"person": "PER", "organization": "ORG", "group": "ORG", "country": "LOC", "place": "LOC"}
TYPES = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]


def our_spans(docs: list[Document]) -> tuple[dict[str, set[Span]], pd.DataFrame, float]:
    """Our mentions of the documents as typed spans per document, the mentions frame, and CPU seconds."""
    from workbench.actors.matcher import matcher_for
    from workbench.actors.tables import mentions_table
    from workbench.text import sentences

    articles = pd.DataFrame(
        {"article_id": [d.doc_id for d in docs], "text": [d.text for d in docs], "published": pd.NaT}
    )
    rows = [
        {"article_id": d.doc_id, "sentence_id": i, "paragraph_id": p, "start": s, "end": e, "text": d.text[s:e]}
        for d in docs
        for i, (s, e, p) in enumerate(sentences(d.text))
    ]
    sents = pd.DataFrame(rows)
    matcher_for()
    t0 = time.process_time()
    mentions = mentions_table(articles, sents, None)
    seconds = time.process_time() - t0
    out: dict[str, set[Span]] = {d.doc_id: set() for d in docs}
    for aid, start, end, kind, surface in zip(
        mentions["article_id"],
        mentions["start"],
        mentions["end"],
        mentions["actor_type"],
        mentions["surface"],
        strict=True,
    ):
        if kind in TYPE_MAP and any(c.isupper() for c in str(surface)):
            out[aid].add((int(start), int(end), TYPE_MAP[kind]))
    return out, mentions, seconds


def nltk_spans(docs: list[Document]) -> tuple[dict[str, set[Span]], float]:
    """NLTK ``pos_tag`` + binary ``ne_chunk`` on each sentence's CoNLL tokens (type ``NE``)."""
    from nltk.chunk import ne_chunker
    from nltk.tag import PerceptronTagger

    tagger, chunker = PerceptronTagger(), ne_chunker(fmt="binary")
    out: dict[str, set[Span]] = {}
    t0 = time.process_time()
    for doc in docs:
        found: set[Span] = set()
        pos = 0
        for s_start, s_end in doc.sentences:
            toks = []
            while pos < len(doc.tokens) and doc.tokens[pos][0] < s_end:
                if doc.tokens[pos][0] >= s_start:
                    toks.append(doc.tokens[pos])
                pos += 1
            tree = chunker.parse(tagger.tag([t[2] for t in toks]))
            i = 0
            for sub in tree:
                n = len(sub.leaves()) if hasattr(sub, "label") else 1
                if hasattr(sub, "label"):
                    found.add((toks[i][0], toks[i + n - 1][1], "NE"))
                i += n
        out[doc.doc_id] = found
    return out, time.process_time() - t0


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[Document], predicted: dict[str, set[Span]], *, typed: bool = True) -> dict[str, tuple]:
    """P/R/F1 per type, typed over all types, and untyped (span only), with counts."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for doc in docs:
        misc = {(s, e) for s, e, t in doc.spans if t == "MISC"}
        gold = {(s, e, t) for s, e, t in doc.spans if t != "MISC"}
        pred = {p for p in predicted.get(doc.doc_id, set()) if (p[0], p[1]) not in misc}
        gold_spans = {(s, e) for s, e, _t in gold}
        pred_spans = {(s, e) for s, e, _t in pred}
        tp["untyped"] += len(gold_spans & pred_spans)
        n_pred["untyped"] += len(pred_spans)
        n_gold["untyped"] += len(gold_spans)
        if not typed:
            continue
        for kind in TYPES:
            g = {x for x in gold if x[2] == kind}
            p = {x for x in pred if x[2] == kind}
            tp[kind] += len(g & p)
            n_pred[kind] += len(p)
            n_gold[kind] += len(g)
        tp["typed"] += len(gold & pred)
        n_pred["typed"] += len(pred)
        n_gold["typed"] += len(gold)
    keys = [*TYPES, "typed", "untyped"] if typed else ["untyped"]
    return {k: (*_prf(tp[k], n_pred[k], n_gold[k]), n_gold[k], n_pred[k]) for k in keys}


def errors(docs: list[Document], predicted: dict[str, set[Span]], n: int) -> None:
    """The most frequent false positives, misses and type confusions (by surface)."""
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confused: Counter[str] = Counter()
    for doc in docs:
        misc = {(s, e) for s, e, t in doc.spans if t == "MISC"}
        gold = {(s, e): t for s, e, t in doc.spans if t != "MISC"}
        pred = {(s, e): t for s, e, t in predicted.get(doc.doc_id, set()) if (s, e) not in misc}
        for span, kind in pred.items():
            if span not in gold:
                fp[f"{doc.text[span[0] : span[1]]} ({kind})"] += 1
            elif gold[span] != kind:
                confused[f"{doc.text[span[0] : span[1]]} {gold[span]}→{kind}"] += 1
        for span, kind in gold.items():
            if span not in pred:
                fn[f"{doc.text[span[0] : span[1]]} ({kind})"] += 1
    for title, counter in (("false positives", fp), ("missed", fn), ("wrong type", confused)):
        print(f"\n{title} ({sum(counter.values())}):")
        print("  " + "; ".join(f"{k} ×{v}" for k, v in counter.most_common(n)))


def report(name: str, docs: list[Document], *, use_nltk: bool, n_errors: int) -> None:
    words = sum(len(d.tokens) for d in docs)
    ours, _mentions, seconds = our_spans(docs)
    ours_score = score(docs, ours)
    print(f"\n## {name}: {len(docs)} documents, {words:,} tokens (ours {seconds:.1f} s CPU)\n")
    print("| system | scope | P | R | F1 | gold | predicted |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for key, (p, r, f, g, n) in ours_score.items():
        print(f"| ours | {key} | {p:.3f} | {r:.3f} | {f:.3f} | {g} | {n} |")
    if use_nltk:
        theirs, nseconds = nltk_spans(docs)
        p, r, f, g, n = score(docs, theirs, typed=False)["untyped"]
        print(f"| NLTK ne_chunk (binary) | untyped | {p:.3f} | {r:.3f} | {f:.3f} | {g} | {n} |")
        print(f"\nCPU: ours {seconds:.1f} s, NLTK pos_tag + ne_chunk {nseconds:.1f} s")
    if n_errors:
        errors(docs, ours, n_errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["dev", "heldout", "both"], default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print the N most frequent errors of each kind")
    parser.add_argument("--no-nltk", action="store_true", help="skip the NLTK baseline")
    args = parser.parse_args()
    os.environ.setdefault("NLTK_DATA", str(SHARED / "nltk_data"))
    print(f"load average {os.getloadavg()[0]:.2f}")
    parts = ["dev", "heldout"] if args.part == "both" else [args.part]
    for part in parts:
        label = "dev: eng.testa" if part == "dev" else "held-out: eng.train documents 757-945"
        report(label, documents(part), use_nltk=not args.no_nltk, n_errors=args.errors)


if __name__ == "__main__":
    main()
