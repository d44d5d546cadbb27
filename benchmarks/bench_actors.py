"""Actor extraction on Reuters-21578: speed (words/s, one core), coverage of the gold PLACES/PEOPLE/ORGS
codes, beside NLTK's ``pos_tag`` + ``ne_chunk`` on the same texts, the top actors checked, and
dictionary-size scaling.

    NLTK_DATA=../shared/data/nltk_data .venv/bin/python benchmarks/bench_actors.py [--articles N] [--nltk N]
        [--top 50]

Coverage of a field = over articles with at least one gold code in it, the mean share of its codes whose
name (benchmarks/reuters_codes.yml; people also by surname) is among the article's extracted actor names
or surfaces. Words = whitespace-separated words of the bodies. Times are CPU seconds of this process (the
wall time of ours is printed beside: on a busy machine it is longer, in CPU seconds the same).

Top actors (``corpus.actors`` by mentions): an actor is *right* when its name (a person's also by the
surname) or one of its three most frequent surfaces names a gold code (reuters_codes.yml) of the field
its type belongs to (PLACES: country/place, PEOPLE: person, ORGS: organization/group) and that code is
in the gold field of at least a fifth of the articles that mention it (Reuters codes a story's main
places, people and organisations, not every one it names: Reagan's code is in a quarter of the
articles naming him); an actor no code names (companies, U.S. institutions, cities, states, regions:
Reuters codes none of them) is right when ``benchmarks/reuters_actors.yml`` gives it the type it has.
That file also lists what is no actor (fragments, terms, the agency itself). An actor in neither is
"not judged" and not counted right.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
FIELDS = {"places": "places", "people": "people", "orgs": "orgs"}
#: The actor types that agree with a gold field.
FIELD_TYPES = {"places": {"country", "place"}, "people": {"person"}, "orgs": {"organization", "group"}}


def coverage(articles: pd.DataFrame, found: dict[str, set[str]], codes: dict[str, dict[str, list[str]]]) -> dict:
    out = {}
    for field in FIELDS:
        shares = []
        for aid, gold in zip(articles["article_id"], articles[field], strict=True):
            usable = gold is not None and not isinstance(gold, float | str)
            gold = [g for g in (list(gold) if usable else []) if g]
            if not len(gold):
                continue
            names = found.get(aid, set())
            hit = 0
            for code in gold:
                variants = {v.lower() for v in codes[field].get(code, [code])}
                if field == "people":
                    variants |= {v.split()[-1].lower() for v in list(variants)}
                hit += bool(variants & names)
            shares.append(hit / len(gold))
        out[field] = (sum(shares) / len(shares) if shares else float("nan"), len(shares))
    return out


def ours(articles: pd.DataFrame, sentences: pd.DataFrame) -> tuple[dict[str, set[str]], float, float, pd.DataFrame]:
    from workbench.actors.matcher import matcher_for
    from workbench.actors.tables import mentions_table

    matcher_for()  # build the gazetteer and dictionary before timing
    import sklearn.feature_extraction  # noqa: F401  the classifier's one-off import (~0.7 s CPU), not timed
    import sklearn.linear_model  # noqa: F401

    start, wall = time.process_time(), time.perf_counter()
    mentions = mentions_table(articles, sentences, None)
    seconds, wall = time.process_time() - start, time.perf_counter() - wall
    found: dict[str, set[str]] = {}
    for aid, actor, surface in zip(mentions["article_id"], mentions["actor"], mentions["surface"], strict=True):
        bucket = found.setdefault(aid, set())
        bucket.add(str(actor).lower())
        bucket.add(str(surface).lower())
        bucket.add(str(surface).split()[-1].lower())
    return found, seconds, wall, mentions


def _gold_sets(articles: pd.DataFrame) -> dict[str, dict[str, set[str]]]:
    """Per field, article id → its gold codes."""
    out: dict[str, dict[str, set[str]]] = {}
    for field in FIELDS:
        out[field] = {
            aid: {g for g in gold if g} if gold is not None and not isinstance(gold, float | str) else set()
            for aid, gold in zip(articles["article_id"], articles[field], strict=True)
        }
    return out


def top_actors(
    mentions: pd.DataFrame, articles: pd.DataFrame, codes: dict[str, dict[str, list[str]]], *, n: int = 50
) -> list[tuple[str, str, int, bool, str]]:
    """The top ``n`` actors by mentions: (name, type, mentions, right, why)."""
    from workbench.actors.tables import actors_table

    judged = yaml.safe_load((Path(__file__).with_name("reuters_actors.yml")).read_text(encoding="utf-8"))
    known = {str(k).lower(): v for k, v in (judged.get("actors") or {}).items()}
    not_actors = {str(k).lower() for k in judged.get("not_actors") or []}
    gold = _gold_sets(articles)
    by_actor = mentions.groupby("actor_id")["article_id"].agg(lambda s: set(s))
    out = []
    for row in actors_table(mentions, articles).head(n).itertuples():
        name = str(row.actor)
        names = {name.lower(), *(str(a).lower() for a in list(row.aliases)[:3])}
        if row.actor_type == "person":
            names.add(name.split()[-1].lower())
        best: tuple[float, str, str] | None = None
        for field in FIELDS:
            for code, variants in codes[field].items():
                low = {v.lower() for v in variants}
                if field == "people":
                    low |= {v.split()[-1].lower() for v in variants}
                if names & low:
                    ids = by_actor[row.actor_id]
                    share = sum(code in gold[field].get(a, ()) for a in ids) / len(ids)
                    if best is None or share > best[0]:
                        best = (share, field, code)
        if best is not None:
            share, field, code = best
            right = share >= 0.2 and row.actor_type in FIELD_TYPES[field]
            why = f"{field.upper()} {code} in {share:.0%} of its articles"
        elif name.lower() in not_actors:
            right, why = False, "no actor"
        elif name.lower() in known:
            right = row.actor_type == known[name.lower()]
            why = f"is a {known[name.lower()]} (reuters_actors.yml)"
        else:
            right, why = False, "not judged"
        out.append((name, str(row.actor_type), int(row.mentions), right, why))
    return out


def nltk_baseline(articles: pd.DataFrame, sentences: pd.DataFrame) -> tuple[dict[str, set[str]], float]:
    from nltk.chunk import ne_chunker
    from nltk.tag import PerceptronTagger
    from nltk.tokenize import TreebankWordTokenizer

    # loaded once: nltk.pos_tag / nltk.ne_chunk reload their models on every call
    tok, tagger, chunker = TreebankWordTokenizer(), PerceptronTagger(), ne_chunker(fmt="binary")
    found: dict[str, set[str]] = {}
    texts = articles.set_index("article_id")["text"]
    start = time.process_time()
    for row in sentences[sentences["article_id"].isin(texts.index)].itertuples():
        words = tok.tokenize(row.text)
        if not words:
            continue
        tree = chunker.parse(tagger.tag(words))  # the binary model: the one in the shared data
        bucket = found.setdefault(row.article_id, set())
        for sub in tree:
            if hasattr(sub, "label"):
                name = " ".join(w for w, _ in sub.leaves())
                bucket.add(name.lower())
                bucket.add(name.split()[-1].lower())
    return found, time.process_time() - start


def dictionary_scaling(articles: pd.DataFrame, sentences: pd.DataFrame, tmp: Path) -> dict[str, float]:
    from workbench.actors.dictionary.yaml_reader import load_yaml
    from workbench.actors.matcher import matcher_for
    from workbench.actors.tables import mentions_table

    path = tmp / "big_actors.yml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("actors:\n")
        for i in range(25_000):
            handle.write(
                f"  - id: synthetic-{i}\n    name: Synthetic Person{i}\n    type: person\n"
                f"    aliases: [Synthetic Person{i}, S. Person{i}]\n"
            )
    t0 = time.process_time()
    load_yaml(path)
    load = time.process_time() - t0
    t0 = time.process_time()
    matcher_for([path])
    build = time.process_time() - t0
    sample = articles.head(500)
    mentions_table(sample, sentences, None, dictionaries=[path])  # both matchers warm (memos of lone words)
    base = big = float("inf")
    for _ in range(3):  # alternating, the best of three each (a noisy machine)
        t0 = time.process_time()
        mentions_table(sample, sentences, None)
        base = min(base, time.process_time() - t0)
        t0 = time.process_time()
        mentions_table(sample, sentences, None, dictionaries=[path])
        big = min(big, time.process_time() - t0)
    return {"load_s": load, "matcher_build_s": build, "slowdown": big / base if base else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    parser.add_argument("--nltk", type=int, default=1000, help="articles for the NLTK baseline (0: same set)")
    parser.add_argument("--top", type=int, default=50, help="top actors to check against the gold fields")
    args = parser.parse_args()
    os.environ.setdefault("NLTK_DATA", str(SHARED / "nltk_data"))
    import tempfile

    import workbench as wb

    corpus = wb.load(str(SHARED / "reuters21578" / "*.sgm"))
    articles = corpus.articles
    articles = articles[articles["text"].str.len() > 0]
    if args.articles:
        articles = articles.head(args.articles)
    sentences = corpus.sentences
    sentences = sentences[sentences["article_id"].isin(set(articles["article_id"]))]
    codes = yaml.safe_load((Path(__file__).with_name("reuters_codes.yml")).read_text(encoding="utf-8"))
    words = int(articles["text"].str.split().str.len().sum())

    found, seconds, wall, mentions = ours(articles, sentences)
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(
        f"ours: {len(articles)} articles, {words:,} words, {len(mentions):,} mentions in {seconds:.2f} s CPU "
        f"= {words / seconds:,.0f} words/s ({wall:.2f} s wall = {words / wall:,.0f} words/s; one process)"
    )
    nltk_set = articles.head(args.nltk) if args.nltk else articles
    nltk_words = int(nltk_set["text"].str.split().str.len().sum())
    nfound, nseconds = nltk_baseline(nltk_set, sentences)
    print(
        f"nltk pos_tag+ne_chunk: {len(nltk_set)} articles, {nltk_words:,} words in {nseconds:.2f} s CPU "
        f"= {nltk_words / nseconds:,.0f} words/s; ours is {(words / seconds) / (nltk_words / nseconds):.0f}x"
    )
    ours_cov = coverage(articles, found, codes)
    ours_same = coverage(nltk_set, found, codes)
    nltk_cov = coverage(nltk_set, nfound, codes)
    print("\n| field | articles with codes | ours (all) | ours (NLTK subset) | NLTK ne_chunk (subset) |")
    print("| --- | --- | --- | --- | --- |")
    for field in FIELDS:
        print(
            f"| {field.upper()} | {ours_cov[field][1]} | {ours_cov[field][0]:.3f} "
            f"| {ours_same[field][0]:.3f} | {nltk_cov[field][0]:.3f} |"
        )
    checked = top_actors(mentions, articles, codes, n=args.top)
    right = [c for c in checked if c[3]]
    print(f"\ntop {len(checked)} actors: {len(right)} right")
    for name, kind, count, ok, why in checked:
        if not ok:
            print(f"  wrong: {name} ({kind}, {count} mentions): {why}")
    with tempfile.TemporaryDirectory() as tmp:
        scale = dictionary_scaling(articles, sentences, Path(tmp))
    print(
        f"\n50,000-alias dictionary: loads in {scale['load_s']:.2f} s, matcher built in "
        f"{scale['matcher_build_s']:.2f} s, matching {scale['slowdown']:.2f}x the time without it"
    )


if __name__ == "__main__":
    main()
