"""Analyst-defined topic lexicons (``data/topics.yml``): topic → words and phrases, scored per article
or paragraph.

The file::

    topics:
      talks-ceasefire:                 # topic id: lower case, digits, hyphens
        label: Talks and ceasefire     # optional; defaults to the id
        terms: [talks, ceasefire, negotiat*, "monitoring and verification mechanism"]

Terms match the tokens' ``norm`` (case and curly quotes do not matter); a phrase matches consecutive words; a
trailing ``*`` matches any ending. Within a topic, the longest term wins where terms overlap, so
"constitutional amendment" and "amendment" are not both counted for one mention.

>>> from workbench.analysis.vectors import frames_from_texts
>>> text = "Ceasefire talks resumed. The constitutional amendment."
>>> articles, sentences, tokens = frames_from_texts({"a": text})
>>> lex = lexicon_from_dict(
...     {"talks": ["talks", "ceasefire"], "amendment": ["constitutional amendment", "amendment"]})
>>> score_lexicon(articles, tokens, sentences, lex)[["topic_id", "hits", "matched"]].values.tolist()
[['talks', 2, 'ceasefire, talks'], ['amendment', 1, 'constitutional amendment']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from workbench.analysis.kwic import match_spans
from workbench.analysis.vectors import WorkbenchError, content_mask
from workbench.paths import data_dir

__all__ = ["load_lexicon", "lexicon_from_dict", "score_lexicon", "LEXICON_COLUMNS"]

LEXICON_COLUMNS = ["topic_id", "label", "term"]
_TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path} line {node.start_mark.line + 1}"


def load_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read a topic lexicon file (default ``data/topics.yml``) into topic_id, label, term rows.

    Raises:
        WorkbenchError: the file is missing or malformed; the message names the line and what to fix.
    """
    path = Path(path) if path is not None else data_dir() / "topics.yml"
    if not path.exists():
        raise WorkbenchError(f"{path}: no such topic lexicon file")
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise WorkbenchError(f"{path}{line}: not valid YAML ({problem}); check indentation and quotes") from None
    if root is None:
        raise WorkbenchError(f"{path}: the file is empty; add a 'topics:' mapping (see data/topics.yml)")
    if not isinstance(root, yaml.MappingNode):
        raise WorkbenchError(f"{_where(path, root)}: expected a mapping with a 'topics:' key")
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    if "topics" not in top:
        raise WorkbenchError(f"{_where(path, root)}: no 'topics:' key; the file lists topics under 'topics:'")
    topics_node = top["topics"]
    if not isinstance(topics_node, yaml.MappingNode) or not topics_node.value:
        raise WorkbenchError(f"{_where(path, topics_node)}: 'topics:' must map topic ids to their terms")
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for key, value in topics_node.value:
        tid = str(key.value)
        if not _TOPIC_ID.match(tid):
            raise WorkbenchError(
                f"{_where(path, key)}: topic id {tid!r} should be lower case letters, digits and hyphens"
            )
        if tid in seen:
            raise WorkbenchError(f"{_where(path, key)}: topic {tid!r} is defined twice (also line {seen[tid]})")
        seen[tid] = key.start_mark.line + 1
        label, terms_node = tid, value
        if isinstance(value, yaml.MappingNode):
            fields = {k.value: v for k, v in value.value}
            unknown = set(fields) - {"label", "terms", "description"}
            if unknown:
                raise WorkbenchError(
                    f"{_where(path, value)}: topic {tid!r} has unknown key(s) {', '.join(sorted(unknown))}; "
                    "use label, terms, description"
                )
            if "terms" not in fields:
                raise WorkbenchError(f"{_where(path, value)}: topic {tid!r} has no 'terms:' list")
            if "label" in fields:
                label = str(fields["label"].value)
            terms_node = fields["terms"]
        if not isinstance(terms_node, yaml.SequenceNode) or not terms_node.value:
            raise WorkbenchError(
                f"{_where(path, terms_node)}: topic {tid!r}: terms must be a non-empty list of words or phrases"
            )
        for item in terms_node.value:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise WorkbenchError(f"{_where(path, item)}: topic {tid!r}: each term must be a word or phrase")
            rows.append({"topic_id": tid, "label": label, "term": str(item.value).strip()})
    return pd.DataFrame(rows, columns=LEXICON_COLUMNS).drop_duplicates(["topic_id", "term"]).reset_index(drop=True)


def lexicon_from_dict(topics: Mapping[str, object]) -> pd.DataFrame:
    """A lexicon frame from ``{topic_id: [terms]}`` or ``{topic_id: {"label": …, "terms": […]}}``."""
    rows: list[dict[str, str]] = []
    for tid, spec in topics.items():
        label, terms = (spec.get("label", tid), spec.get("terms", [])) if isinstance(spec, Mapping) else (tid, spec)
        if isinstance(terms, str) or not isinstance(terms, Iterable) or not terms:
            raise WorkbenchError(f"topic {tid!r}: terms must be a non-empty list of words or phrases")
        rows.extend({"topic_id": str(tid), "label": str(label), "term": str(t).strip()} for t in terms)
    return pd.DataFrame(rows, columns=LEXICON_COLUMNS)


def _as_lexicon(lexicon: object) -> pd.DataFrame:
    if lexicon is None or isinstance(lexicon, str | Path):
        return load_lexicon(lexicon)
    if isinstance(lexicon, pd.DataFrame):
        missing = {"topic_id", "term"} - set(lexicon.columns)
        if missing:
            raise WorkbenchError(f"lexicon frame needs columns topic_id, term (missing {', '.join(sorted(missing))})")
        return lexicon.assign(label=lexicon.get("label", lexicon["topic_id"]))[LEXICON_COLUMNS]
    if isinstance(lexicon, Mapping):
        return lexicon_from_dict(lexicon)
    raise WorkbenchError("lexicon must be a path, a frame (topic_id, label, term) or a mapping topic → terms")


def score_lexicon(
    articles: pd.DataFrame,
    tokens: pd.DataFrame,
    sentences: pd.DataFrame | None,
    lexicon: object = None,
    *,
    level: str = "article",
) -> pd.DataFrame:
    """How much each article (or paragraph) speaks of each lexicon topic.

    Args:
        articles: the ``articles`` frame (every article gets rows, zero hits included).
        tokens: the ``tokens`` frame.
        sentences: the ``sentences`` frame (needed at paragraph level).
        lexicon: a path, a frame from :func:`load_lexicon`, a mapping, or ``None`` for ``data/topics.yml``.
        level: ``"article"`` or ``"paragraph"``.

    Returns:
        article_id (+ paragraph_id), topic_id, label, hits (matches), terms (distinct terms matched),
        matched (those terms), words (content words in the document), per_1k (hits per 1,000 content
        words), share (this topic's part of the document's hits).
    """
    if level not in ("article", "paragraph"):
        raise WorkbenchError(f"level must be 'article' or 'paragraph'; got {level!r}")
    lex = _as_lexicon(lexicon)
    keys = ["article_id"] + (["paragraph_id"] if level == "paragraph" else [])
    if level == "paragraph" and sentences is None:
        raise WorkbenchError("paragraph level needs the sentences frame")
    sent_para = None
    if sentences is not None:
        sent_para = sentences[["article_id", "sentence_id", "paragraph_id"]].astype({"article_id": str})
    # documents and their sizes (content words)
    tok = tokens[["article_id", "sentence_id"]].astype({"article_id": str})
    tok = tok.assign(_w=content_mask(tokens))
    if level == "paragraph" and sent_para is not None:  # paragraphs always have sentences (checked above)
        tok = tok.merge(sent_para, how="left", on=["article_id", "sentence_id"])
        docs = sent_para[keys].drop_duplicates()
    else:
        docs = articles[["article_id"]].astype(str).drop_duplicates()
    words = tok.groupby(keys)["_w"].sum().rename("words").reset_index()
    hits = _lexicon_hits(tokens, lex)
    if level == "paragraph" and len(hits):
        hits = hits.merge(sent_para, how="left", on=["article_id", "sentence_id"])
    grid = docs.merge(lex[["topic_id", "label"]].drop_duplicates("topic_id"), how="cross")
    if len(hits):
        agg = (
            hits.groupby(keys + ["topic_id"])
            .agg(
                hits=("query", "size"),
                terms=("query", "nunique"),
                matched=("query", lambda q: ", ".join(sorted(set(q)))),
            )
            .reset_index()
        )
        grid = grid.merge(agg, how="left", on=keys + ["topic_id"])
    else:
        grid = grid.assign(hits=0, terms=0, matched="")
    grid = grid.merge(words, how="left", on=keys)
    grid["hits"] = grid["hits"].fillna(0).astype(int)
    grid["terms"] = grid["terms"].fillna(0).astype(int)
    grid["matched"] = grid["matched"].fillna("")
    grid["words"] = grid["words"].fillna(0).astype(int)
    grid["per_1k"] = np.where(grid["words"] > 0, 1000.0 * grid["hits"] / grid["words"].clip(lower=1), 0.0)
    total = grid.groupby(keys)["hits"].transform("sum")
    grid["share"] = np.where(total > 0, grid["hits"] / total.clip(lower=1), 0.0)
    order = {tid: i for i, tid in enumerate(lex["topic_id"].drop_duplicates())}
    grid["_o"] = grid["topic_id"].map(order)
    grid = grid.sort_values(keys + ["_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    return grid[keys + ["topic_id", "label", "hits", "terms", "matched", "words", "per_1k", "share"]]


def _lexicon_hits(tokens: pd.DataFrame, lex: pd.DataFrame) -> pd.DataFrame:
    """Every match of a lexicon term: article_id, sentence_id, query, topic_id; longest first, no overlaps
    within a topic."""
    frames = []
    for tid, group in lex.groupby("topic_id", sort=False):
        spans = match_spans(tokens, group["term"].tolist()) if len(tokens) else pd.DataFrame()
        if len(spans):
            spans = _drop_overlaps(spans)
            spans["topic_id"] = tid
            frames.append(spans)
    hits = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["article_id", "sentence_id", "query", "topic_id"])
    )
    hits["article_id"] = hits["article_id"].astype(str)
    return hits


def _drop_overlaps(spans: pd.DataFrame) -> pd.DataFrame:
    """Keep the longest match where matches overlap (greedy, left to right)."""
    spans = spans.sort_values(["article_id", "start", "length"], ascending=[True, True, False], kind="stable")
    keep = np.ones(len(spans), dtype=bool)
    last_article, last_end = None, -1
    for i, (aid, start, end) in enumerate(zip(spans["article_id"], spans["start"], spans["end"], strict=True)):
        if aid == last_article and start < last_end:
            keep[i] = False
            continue
        last_article, last_end = aid, end
    return spans[keep].reset_index(drop=True)
