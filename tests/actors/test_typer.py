"""The shipped span model: a small text file, read without pickle, reproducible from CoNLL eng.train, in
charge only where the rules guess (a dictionary entry always wins), and optional (the rules work alone)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_shared
from workbench.actors import typer as typer_module
from workbench.actors.article import ArticleState
from workbench.actors.matcher import matcher_for
from workbench.actors.mentions import article_mentions
from workbench.actors.typer import CLASSES, MODEL_PATH, load_typer
from workbench.text import sentences as sentence_spans

SEED_TEXT = (ROOT / "seeds" / "000_911338bfee1af513.txt").read_text(encoding="utf-8")


def rows(text: str, **options: object) -> dict[str, tuple[str, str, bool]]:
    found = article_mentions("x", text, [(0, len(text))], **options)  # type: ignore[arg-type]
    return {str(r["surface"]): (str(r["actor"]), str(r["actor_type"]), bool(r["metonymy"])) for r in found}


def test_the_model_is_small_plain_text() -> None:
    assert MODEL_PATH.stat().st_size < 20_000_000
    head = MODEL_PATH.read_text(encoding="utf-8").splitlines()[:6]
    assert head[0].startswith("# Span model") and any(line.startswith("<bias>\t") for line in head)
    typer = load_typer()
    assert len(typer.bias) == len(CLASSES) and len(typer.weights) > 1000


def test_a_club_named_by_its_city_is_an_organisation_and_the_city_stays_a_place() -> None:
    found = rows(
        "Barcelona beat Porto 2-1 in the Champions League on Sunday, the coach said after the match. "
        "Officials in Madrid said the season would resume."
    )
    assert found["Barcelona"] == ("Barcelona", "organization", True)
    assert found["Porto"][1] == "organization"
    assert found["Madrid"] == ("Madrid", "place", False)


def test_a_city_in_a_table_of_figures_stays_a_place() -> None:
    found = rows("Imports in thousands of tonnes. Africa 45 50 41. Chicago 354 389 353. Europe 12 14 15.")
    assert found["Africa"][1] == "place" and found["Chicago"][1] == "place"


def test_a_capital_for_its_state_is_kept() -> None:
    assert rows("Islamabad said it would respond.")["Islamabad"] == ("Pakistan", "country", True)


def test_a_dictionary_entry_wins_over_the_model(tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text("actors:\n  - {id: porto-city, name: Porto, type: place, aliases: [Porto]}\n", encoding="utf-8")
    found = rows("Barcelona beat Porto 2-1 on Sunday.", matcher=matcher_for([path]))
    assert found["Porto"] == ("Porto", "place", False)


def test_without_the_model_file_the_rules_decide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(typer_module, "MODEL_PATH", tmp_path / "missing.tsv")
    typer_module.shipped_typer.cache_clear()
    try:
        assert typer_module.shipped_typer() is None
        found = rows("Defence Minister Khawaja Asif met NATO envoys in Doha.")
        assert found["Khawaja Asif"][1] == "person" and found["Doha"] == ("Doha", "place", False)
    finally:
        typer_module.shipped_typer.cache_clear()


def test_the_shipped_model_is_what_the_training_script_writes(tmp_path: Path) -> None:
    require_shared("conll2003", "eng.train")
    out = tmp_path / "model.tsv"
    script = ROOT / "benchmarks" / "train_actor_model.py"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == MODEL_PATH.read_bytes(), "retrain: .venv/bin/python benchmarks/train_actor_model.py"


def test_conll_development_targets() -> None:
    require_shared("conll2003", "eng.testa")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_conll
        from conll import documents
    finally:
        sys.path.pop(0)
    docs = documents("dev")
    ours, _mentions, _seconds = eval_conll.our_spans(docs)
    scores = eval_conll.score(docs, ours)
    assert scores["typed"][2] >= 0.82 and scores["ORG"][2] >= 0.72 and scores["untyped"][2] >= 0.90, scores


class PlainTyper(typer_module.SpanTyper):
    """The shipped model reading every gazetteer place, in any article (as it did before it skipped the
    places of articles that are no sports report: only there can a reading change one)."""

    def annotate(self, state: ArticleState) -> None:
        groups: dict[tuple[str, str], list[int]] = {}
        repeats = typer_module._repeated_names(state.rows)
        for idx, row in enumerate(state.rows):
            method, evidence = row["method"], str(row["evidence"])
            if method == "discovered" and evidence in typer_module.GUESSES:
                surface = str(row["surface"])
                if " " not in surface and typer_module.word_key(surface) in repeats:
                    continue
                groups.setdefault((surface, evidence), []).append(idx)
            elif method == "gazetteer" and row["actor_type"] == "place" and evidence in ("name", "capital"):
                groups[(str(idx), "place")] = [idx]
        drop: list[int] = []
        for (_name, cue), indexes in groups.items():
            first = [state.rows[i] for i in indexes[: typer_module.READS]]
            proba = self._mean(state, first, str(state.rows[indexes[0]]["surface"]).split(), cue)
            found = [state.rows[i] for i in indexes]
            if cue == "place":
                self._place(state, found, proba)
            elif self._guess(found, proba, cue):
                drop.extend(indexes)
        if drop:
            state.drop_rows(drop)


def test_places_read_only_in_sports_reports_give_the_rows_of_reading_all() -> None:
    shipped = typer_module.shipped_typer()
    assert shipped is not None
    plain = PlainTyper(shipped.weights, shipped.bias)
    texts = [
        SEED_TEXT,
        "Barcelona beat Porto 2-1 in the Champions League on Sunday, the coach said after the match. "
        "Officials in Madrid said the season would resume.",
        "CHICAGO, March 3 - Chicago Board of Trade soybean futures rose in Chicago and Houston, traders said. "
        "Washington said Brazil and Argentina would ship 2 mln tonnes from Santos via Rotterdam.",
        "Houston 5 Chicago 3, Boston beat Detroit in the league match; the coach of Toronto said the season "
        "was won. Tokyo and London dealers said the dollar fell.",
    ]
    for text in texts:
        spans = [(s, e) for s, e, _p in sentence_spans(text)]
        assert article_mentions("x", text, spans, typer=plain) == article_mentions("x", text, spans, typer=shipped)
