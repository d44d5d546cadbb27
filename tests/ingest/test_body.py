"""Datelines and web furniture: a dateline is split off only when it names a place."""

import pytest

import workbench as wb
from tests.conftest import SEED_FILE
from workbench.ingest.body import is_place, split_boilerplate, split_dateline


@pytest.mark.parametrize(
    "body",
    [
        "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.",
        "RUGBY UNION - CUTTITTA BACK FOR ITALY AFTER A YEAR.",
        "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.",
        "NHL ICE HOCKEY - STANDINGS AFTER THURSDAY'S GAMES.",
        "MOTOR RACING - HAKKINEN TAKES POLE.",
        "HORSE RACING - DERBY ENTRIES.",
        "PRESS DIGEST - IRAQ - AUG 22.",
        "TENNIS - RESULTS AT THE U.S. OPEN.",
        "RUGBY - ENGLAND NAME SQUAD.",  # also a town in England: a section label without a region
        "UPDATE: Talks resume on Monday.",
        "EXCLUSIVE - Pakistan weighs new talks.",
        "BREAKING: Ceasefire holds.",
        "GOLF - NORMAN LEADS.",
        "CRICKET, Aug 22 (Reuters) - no place gets in by a wire pattern.",
    ],
)
def test_a_headline_is_not_a_dateline(body):
    assert split_dateline(body) == ("", body)


@pytest.mark.parametrize(
    ("body", "place", "rest"),
    [
        ("ISLAMABAD: Defence Minister Khawaja Asif said", "ISLAMABAD", "Defence Minister Khawaja Asif said"),
        ("KABUL, Oct 12 (Reuters) - The Taliban said", "KABUL", "The Taliban said"),
        ("NEW YORK, March 3 - Stocks rose.", "NEW YORK", "Stocks rose."),
        ("WASHINGTON - The Senate voted.", "WASHINGTON", "The Senate voted."),
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", "The Senate voted."),
        ("LONDON, Aug 22 (Reuters) - Shares fell.", "LONDON", "Shares fell."),
        ("AL-AIN, United Arab Emirates - Japan won.", "AL-AIN, United Arab Emirates", "Japan won."),
        ("SPRINGFIELD, Ill. (AP) - Lawmakers met.", "SPRINGFIELD, Ill.", "Lawmakers met."),
        ("RUGBY, England - Fans gathered.", "RUGBY, England", "Fans gathered."),
        ("ST. LOUIS - The Cardinals won.", "ST. LOUIS", "The Cardinals won."),
        ("UNITED NATIONS - The council met.", "UNITED NATIONS", "The council met."),
        ("NEW DELHI: India said.", "NEW DELHI", "India said."),
        ("RIO DE JANEIRO - Brazil said.", "RIO DE JANEIRO", "Brazil said."),
        ("KANDAHARI, Oct 12 (Reuters) - a place unknown to the gazetteer, in a wire's pattern", "KANDAHARI", "a"),
    ],
)
def test_real_datelines_are_still_found(body, place, rest):
    got_place, got_rest = split_dateline(body)
    assert got_place == place and got_rest.startswith(rest)


def test_the_seed_keeps_its_dateline(seeds_dir):
    art = wb.load(seeds_dir, cache_dir=False).articles.iloc[0]
    assert SEED_FILE.read_text(encoding="utf-8").count("ISLAMABAD:") >= 1
    assert art["dateline"] == "ISLAMABAD" and not art["text"].startswith("ISLAMABAD")


def test_a_text_file_with_a_section_headline_keeps_it(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Japan get lucky win\n\nSOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\n", encoding="utf-8"
    )
    art = wb.load(tmp_path, cache_dir=False).articles.iloc[0]
    assert art["dateline"] == "" and art["text"].startswith("SOCCER - JAPAN")


def test_is_place():
    assert is_place("Islamabad") and is_place("DOHA") and is_place("PESHAWAR")
    assert not is_place("SOCCER") and not is_place("") and not is_place("NHL ICE HOCKEY", wire=True)


def test_boilerplate_after_the_first_paragraph():
    assert split_boilerplate("Only one paragraph\nRelated") == ("Only one paragraph", "Related")
    assert split_boilerplate("Related\n\nText") == ("Related\n\nText", "")
