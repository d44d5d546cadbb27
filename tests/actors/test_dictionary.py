"""Actor dictionaries: YAML loading with file/line errors, clashes, PETRARCH import, safe writing, scale."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.actors.dictionary.entries import DictionaryError
from workbench.actors.dictionary.files import merge, write_dictionary
from workbench.actors.dictionary.petrarch import load_petrarch
from workbench.actors.dictionary.yaml_reader import load_yaml
from workbench.actors.matcher import matcher_for
from workbench.actors.mentions import article_mentions


def test_shipped_dictionary_loads() -> None:
    from workbench.paths import data_dir

    entries = load_yaml(data_dir() / "actors.yml")
    assert {"pakistan", "khawaja-asif", "ppp", "gul-bahadur-group"} <= {e.id for e in entries}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("actors:\n  - id: a\n    name: A\n    type: persn\n", 4, "type 'persn'"),
        ("actors:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", 4, "already used on line 2"),
        ("actors:\n  - id: a\n    name: [A\n", 4, "not valid YAML"),
        ("actors:\n  - id: Bad Id\n    name: A\n", 2, "must be lower case"),
        ("actors:\n  - id: a\n    name: A\n    colour: red\n", 2, "unknown key"),
        ("people: []\n", 1, "top-level 'actors:'"),
    ],
)
def test_malformed_yaml_names_file_and_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        load_yaml(path)
    assert info.value.line == line and fragment in str(info.value) and str(path) in str(info.value)


def test_alias_clash_is_reported_and_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text(
        "actors:\n  - {id: ppp, name: PPP, type: organization, aliases: [PPP]}\n"
        "  - {id: pakistan-peoples-party, name: Pakistan Peoples Party, type: organization,"
        " aliases: [PPP]}\n",
        encoding="utf-8",
    )
    for _ in range(2):
        merged = merge([load_yaml(path)])
        assert len(merged.conflicts) == 1
        assert "'PPP' is used by both 'ppp' and 'pakistan-peoples-party'; kept for 'ppp'" in merged.conflicts[0]
        assert "line 3" in merged.conflicts[0]


def test_write_dictionary_keeps_comments_order_and_entries(tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text(
        "# my notes\nactors:\n  # people\n  - id: b\n    name: B\n    type: person\n"
        "    aliases: [B]\n  - id: a\n    name: A\n    type: country\n",
        encoding="utf-8",
    )
    write_dictionary(
        path,
        [
            {"actor_id": "c", "actor": "C Group", "proposed_type": "group", "surfaces": ["C Group", "C"]},
            {"id": "b", "name": "B", "type": "person", "aliases": ["Bee"]},
        ],
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes") and "# people" in text
    ids = [e.id for e in load_yaml(path)]
    assert ids == ["b", "a", "c"]
    assert load_yaml(path)[0].aliases == ["B", "Bee"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_write_dictionary_refuses_a_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text("actors:\n  - id: a\n    name: [A\n", encoding="utf-8")
    with pytest.raises(DictionaryError):
        write_dictionary(path, [{"id": "b", "name": "B", "type": "person"}])
    assert path.read_text(encoding="utf-8") == "actors:\n  - id: a\n    name: [A\n"


def test_petrarch_import(shared_data: Path) -> None:
    entries = load_petrarch(shared_data / "petrarch" / "Phoenix.Countries.actors.txt")
    by_id = {e.id: e for e in entries}
    afg = by_id["afghanistan"]
    assert afg.type == "country" and "Afghan" in afg.aliases
    zardari = by_id["asif-ali-zardari"]
    assert zardari.type == "person" and "President Zardari" in zardari.aliases
    role = zardari.roles[0]
    assert role.title == "PAKGOV" and str(role.start) == "2008-09-09" and str(role.end) == "2013-09-08"
    orgs = load_petrarch(shared_data / "petrarch" / "Phoenix.International.actors.txt")
    assert any(e.name == "United Nations" and e.type == "organization" for e in orgs)


def test_large_dictionary_loads_fast_and_matches_fast(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    lines = ["actors:"]
    for i in range(25_000):
        lines.append(
            f"  - {{id: p{i}, name: Person{i} Name{i}, type: person, aliases: [Person{i} Name{i}, P{i} Name{i}]}}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.process_time()
    entries = load_yaml(path)
    assert time.process_time() - start < 2.0 and sum(len(e.aliases) for e in entries) == 50_000
    text = "Defence Minister Khawaja Asif met NATO envoys in Doha and Person17 Name17 on Monday. " * 40
    small, big = matcher_for(builtin_actors=False), matcher_for([path], builtin_actors=False)

    def timed(matcher: object) -> float:
        best = 1e9
        for _ in range(3):
            t0 = time.process_time()
            for _ in range(20):
                article_mentions("x", text, [(0, len(text))], matcher=matcher)  # type: ignore[arg-type]
            best = min(best, time.process_time() - t0)
        return best

    assert timed(big) < 2 * timed(small) + 0.05
    assert any(r["actor_id"] == "p17" for r in article_mentions("x", text, [(0, len(text))], matcher=big))


def plain_slug(name: str) -> str:
    """``slug`` as it was before: every name decomposed, the pattern looked up in ``re``'s cache."""
    import re
    import unicodedata

    from workbench.text.normalize import fold

    text = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9.]+", "-", text).strip("-.")
    return text or "actor"


def test_slug_equals_the_plain_slug() -> None:
    import random

    from workbench.actors.dictionary.entries import slug
    from workbench.actors.gazetteer import gazetteer

    entries, _info = gazetteer()
    names = [e.name for e in entries] + [a for e in entries for a in e.aliases]
    rng = random.Random(11)
    pieces = ["A", "b", "é", "Ü", "ß", "ﬁ", "\u2019", "`", "-", ".", " ", "  ", "9", "_", "İ", "Ø", "\u00a0", "中"]
    names += ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12))) for _ in range(3000)]
    assert any(not n.isascii() for n in names) and len(names) > 5000
    for name in names:
        assert slug(name) == plain_slug(name), name
