import re

import pytest
from nltk.tokenize.punkt import PunktSentenceTokenizer

from workbench.text import paragraphs, sentences
from workbench.text.segment import punkt_parameters


def sents(text):
    return [text[s:e] for s, e, _ in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Asif spoke. He left.", ["Mr. Asif spoke.", "He left."]),
        ("Talks began on Oct. 25 in Istanbul. They failed.", ["Talks began on Oct. 25 in Istanbul.", "They failed."]),
        ("Gen. Munir met No. 2 officials. Then he left.", ["Gen. Munir met No. 2 officials.", "Then he left."]),
        ("Exports to the U.S. rose. The trade gap narrowed.", ["Exports to the U.S. rose.", "The trade gap narrowed."]),
        ("He visited the U.S. The talks went well.", ["He visited the U.S.", "The talks went well."]),
        ("He visited the U.S. Treasury on Monday.", ["He visited the U.S. Treasury on Monday."]),
        ("He said “it failed.” Then he left.", ["He said “it failed.”", "Then he left."]),
        ("Is it over? Yes! Done.", ["Is it over?", "Yes!", "Done."]),
        ("It rose 5.93 pct. Prices fell.", ["It rose 5.93 pct.", "Prices fell."]),
        ("J. Smith arrived. He spoke.", ["J. Smith arrived.", "He spoke."]),
        ("e.g. this one. And that.", ["e.g. this one.", "And that."]),
    ],
)
def test_sentences(text, expected):
    assert sents(text) == expected


def test_sentences_never_cross_paragraphs():
    text = "First paragraph without a period\n\nSecond paragraph. Two sentences."
    spans = sentences(text)
    assert [text[s:e] for s, e, _ in spans] == [
        "First paragraph without a period",
        "Second paragraph.",
        "Two sentences.",
    ]
    assert [p for _, _, p in spans] == [0, 1, 1]
    assert len(paragraphs(text)) == 2


def test_agrees_with_nltk_punkt_using_the_same_parameters(seeds_dir):
    """Our boundaries match NLTK's Punkt given the same (our) parameters on the seed's paragraphs."""
    text = (seeds_dir / "000_911338bfee1af513.txt").read_text(encoding="utf-8")
    punkt = PunktSentenceTokenizer(punkt_parameters())
    ours, theirs = set(), set()
    for ps, pe in paragraphs(text):
        ours |= {e for _, e, _ in sentences(text, [(ps, pe)])}
        theirs |= {ps + e for _, e in punkt.span_tokenize(text[ps:pe])}
    assert ours == theirs


def test_agreement_with_punkt_on_reuters(shared_data):
    raw = (shared_data / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    bodies = [" ".join(b.split()) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)[:300]]
    punkt = PunktSentenceTokenizer(punkt_parameters())
    agree = total = 0
    for body in bodies:
        ours = {e for _, e, _ in sentences(body)}
        theirs = {e for _, e in punkt.span_tokenize(body)}
        agree += len(ours & theirs)
        total += len(ours | theirs)
    assert agree / total > 0.95
