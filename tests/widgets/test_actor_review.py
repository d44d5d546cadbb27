"""The actor review, driven from code: accept, rename, merge, set type, reject, save to a YAML dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import workbench as wb
from workbench.widgets import actor_review


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


def saved(path: Path) -> dict[str, dict]:
    return {a["id"]: a for a in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]}


def test_lists_discovered_candidates_with_context(seed: wb.Corpus, tmp_path: Path) -> None:
    review = actor_review(seed, path=tmp_path / "actors.yml")
    assert review.candidates.value == "parliament"
    assert review.name.value == "Parliament" and review.type.value == "organization"
    assert "Parliament" in review.context.value and "wb-kwic" in review.context.value


def test_accept_renamed_with_type_and_save(seed: wb.Corpus, tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    review = actor_review(seed, path=path)
    review.name.value = "National Assembly of Pakistan"
    review.type.value = "organization"
    review.accept.click()
    assert review.decisions[0]["aliases"] == ["National Assembly of Pakistan", "Parliament"]
    assert review.candidates.value is None and "No candidates left" in review.context.value
    review.save.click()
    entry = saved(path)["parliament"]
    assert entry["name"] == "National Assembly of Pakistan" and entry["type"] == "organization"
    assert "Parliament" in entry["aliases"]
    assert review.decisions == [] and "Saved 1 actor" in review.status.value


def test_merge_into_a_known_actor_adds_the_alias(seed: wb.Corpus, tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    review = actor_review(seed, path=path)
    review.merge_into.value = "pakistan"
    entry = review.accept_current()
    assert entry == {"id": "pakistan", "name": "Pakistan", "type": "country", "aliases": ["Parliament"]}
    review.save_decisions()
    assert "Parliament" in saved(path)["pakistan"]["aliases"]


def test_reject_writes_nothing(seed: wb.Corpus, tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    review = actor_review(seed, path=path)
    review.reject.click()
    assert review.rejected == ["parliament"]
    assert review.save_decisions() is None and not path.exists()
    assert "Nothing to save" in review.status.value


def test_a_malformed_dictionary_is_left_alone_with_a_message(seed: wb.Corpus, tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text("actors: [ {id: x, name: <b>broken\n", encoding="utf-8")
    review = actor_review(seed, path=path)
    review.accept_current()
    assert review.save_decisions() is None
    assert "Not saved" in review.status.value and "<b>broken" not in review.status.value
    assert path.read_text(encoding="utf-8").startswith("actors: [ {id: x")
    assert len(review.decisions) == 1  # kept, to save after the file is fixed


def test_contexts_read_a_page_at_a_time_show_what_kwic_shows(tmp_path_factory, tmp_path, monkeypatch) -> None:
    import importlib

    from tests.scale.test_corpus import mixed_dataset
    from workbench.widgets.render import kwic_html

    module = importlib.import_module("workbench.widgets.actor_review")

    src, _ = mixed_dataset(tmp_path_factory)
    corpus = wb.load(src, cache_dir=False)
    monkeypatch.setattr(module, "PAGE", 2)
    asked: list[list[str]] = []
    plain = corpus.actor_contexts
    monkeypatch.setattr(corpus, "actor_contexts", lambda ids, **kw: asked.append(list(ids)) or plain(ids, **kw))
    review = actor_review(corpus, path=tmp_path / "actors.yml")
    candidates = [value for _label, value in review.candidates.options]
    assert len(candidates) >= 2
    for candidate in candidates:
        review.candidates.value = candidate
        expected = kwic_html(corpus.kwic(candidate), max_rows=module.SHOWN)
        assert review.context.value.endswith(expected)
    assert len(asked) < len(candidates) and all(len(page) <= 2 for page in asked)
