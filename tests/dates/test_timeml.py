"""TimeML reading and TempEval-3 scoring of the date tagger."""

from __future__ import annotations

import pytest

from workbench.evaluate.timeml import evaluate, main, read_tml

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" temporalFunction="false"
functionInDocument="CREATION_TIME">19980213</TIMEX3></DCT>
<TEXT>
Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> &amp; rallied <TIMEX3 tid="t1" type="DATE"
value="1998-02-12" temporalFunction="true" functionInDocument="NONE">yesterday</TIMEX3>, after
<TIMEX3 tid="t2" type="DURATION" value="P3D" temporalFunction="false" functionInDocument="NONE">three
days</TIMEX3> of losses. The Tokyo exchange is closed <TIMEX3 tid="t3" type="DATE" value="1998-02-16"
temporalFunction="true" functionInDocument="NONE">next week</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def test_read_tml_strips_tags_and_keeps_offsets(tml) -> None:
    doc = read_tml(tml)
    assert doc.dct == "1998-02-13"
    assert "&amp;" not in doc.text and "<" not in doc.text
    assert [g.surface for g in doc.gold] == ["yesterday", "three\ndays", "next week"]
    assert all(doc.text[g.start : g.end] == g.surface for g in doc.gold)


def test_scores(tml) -> None:
    result = evaluate([tml])
    assert result["gold"] == 3 and result["system"] == 3
    assert result["relaxed"]["f1"] == 1.0
    assert result["strict"]["f1"] == 1.0
    # "next week" is 1998-W08, not the gold's 1998-02-16: 2 of 3 values are right
    assert result["value"]["f1"] == pytest.approx(2 / 3)
    assert result["type_accuracy"] == 1.0


def test_main_prints_scores(tml, capsys) -> None:
    assert main([str(tml)]) == 0
    out = capsys.readouterr().out
    assert "relaxed span" in out and "value F1" in out


def test_main_reports_a_missing_folder(tmp_path, capsys) -> None:
    assert main([str(tmp_path / "nope")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.shared
def test_floor_on_a_few_timebank_files(shared_data) -> None:
    folder = shared_data / "tempeval3" / "timebank"
    files = sorted(folder.glob("*.tml"))[:25]
    if not files:
        pytest.fail(f"no .tml files in {folder}")
    result = evaluate(files)
    assert result["relaxed"]["f1"] >= 0.85
    assert result["value"]["f1"] >= 0.65


def test_split_holds_out_every_fifth_file_by_name_in_each_folder(tmp_path) -> None:
    from workbench.evaluate.timeml import split_files

    files = [tmp_path / folder / f"{name}.tml" for folder in ("a", "b") for name in "jihgfedcba"]  # unsorted
    held = split_files(files, "heldout")
    dev = split_files(files, "dev")
    assert sorted(f.name for f in held if f.parent.name == "a") == ["e.tml", "j.tml"]
    assert len(held) == 4 and set(held).isdisjoint(dev) and set(held) | set(dev) == set(files)
    assert split_files(files, "all") == files


def test_errors_are_never_read_from_the_held_out_files(tml, capsys) -> None:
    assert main([str(tml), "--split", "heldout", "--errors", "5"]) == 2
    assert "dev split only" in capsys.readouterr().err


def test_unknown_split_is_a_clear_error(tml) -> None:
    from workbench.evaluate.timeml import TimeMLError, split_files

    with pytest.raises(TimeMLError, match="unknown split"):
        split_files([tml], "test")


def test_week_numbers_with_and_without_leading_zero_are_the_same_value() -> None:
    from workbench.evaluate.timeml import same_value

    assert same_value("2000-W07", "2000-w7")
    assert not same_value("2000-W07", "2000-W17")
    assert not same_value("2000-W07", "2000-W08")
