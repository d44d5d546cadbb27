"""Regular expressions around the rules: the trigger scan that gates them, clause breaks and tense cues.

``TRIGGER`` finds the words (``workbench.dates.words.TRIGGER_WORDS``) and numbers that every temporal
expression contains; the clause and tense patterns tell whether a date is told in the past or the future.
"""

from __future__ import annotations

import re

from workbench.dates.words import TRIGGER_WORDS

#: Where a clause ends, for tense: punctuation, dashes, and words that open a new clause.
CLAUSE_BREAK = re.compile(
    r"[,;:()\"\u201c\u201d\u2014\u2013]|\s-\s|\b(?:when|while|that|which|who|because|but|although|after|before|"
    r"until|as|saying)\b",
    re.IGNORECASE,
)
#: ``CLAUSE_BREAK`` in three scans (punctuation, a spaced dash, clause-opening words), each fast on its own.
CLAUSE_PUNCT = re.compile(r"[,;:()\"\u201c\u201d\u2014\u2013]")
CLAUSE_DASH = re.compile(r"\s-\s")
CLAUSE_WORDS = r"(?P<w>when|while|that|which|who|because|but|although|after|before|until|as|saying)\b"
TOKEN = re.compile(r"\w+")
CLOCK_AFTER = re.compile(r"[:.]\d\d|\s?[ap]\.?m\b|/\d", re.IGNORECASE)


def trie(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by first letters, so the engine rejects a position fast."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    alts = []
    for head, tails in sorted(groups.items()):
        rest = sorted({t for t in tails if t}, key=lambda t: (-len(t), t))
        optional = "" in tails
        body = trie(rest) if rest else ""
        if body:
            alts.append(re.escape(head) + (f"(?:{body})?" if optional else f"(?:{body})"))
        else:
            alts.append(re.escape(head))
    return "|".join(alts)


#: Trigger numbers: a year-like 4-digit number, a clock time, a slash date, a decade ("1990s"), the second
#: year of a range ("1957-58").
TRIGGER_DIGITS = r"\d{4}(?!\w)|\d{1,2}(?=:\d\d|\s?[apAP]\.?[mM]\b|/\d)|\d+s(?!\w)|\d\d(?<=\d\d\d\d[-\u2013/]\d\d)(?!\w)"
#: ``TRIGGER_DIGITS`` after its first digit (for a scan that finds that digit first:
#: ``workbench.dates.dispatch``).
TRIGGER_AFTER_DIGIT = r"\d{3}(?!\w)|\d?(?=:\d\d|\s?[apAP]\.?[mM]\b|/\d)|\d*s(?!\w)|\d(?<=\d\d\d\d[-\u2013/]\d\d)(?!\w)"
#: Words that are triggers only in a phrase: "at the time", "the near term", "the short term".
TRIGGER_PHRASES = (
    r"(?:time|Time|TIME)(?<=(?i:at\sthe\stime))(?!\w)|(?:term|Term|TERM)(?<=(?i:near\sterm))(?!\w)"
    r"|(?:term|Term|TERM)(?<=(?i:short\sterm))(?!\w)"
    r"|(?:date|Date|DATE)(?<=(?i:later\sdate))(?!\w)|(?:while|While|WHILE)(?<=(?i:\sa\swhile))(?!\w)"
)
#: Trigger numbers and phrase words. Case-sensitive over lower/Capitalised/UPPER forms: much faster than
#: IGNORECASE in ``re``.
TRIGGER_NUMBERS = TRIGGER_DIGITS + "|" + TRIGGER_PHRASES
TRIGGER = re.compile(
    r"(?<![\w'])(?:(?:"
    + trie(sorted({v for w in TRIGGER_WORDS for v in (w, w.capitalize(), w.upper())}))
    + r")(?!\w)|"
    + TRIGGER_NUMBERS
    + ")"
)


# --- tense cues ------------------------------------------------------------------------------------
_FUTURE_WORDS = """will shall won't expected expects expect expecting scheduled upcoming would might tomorrow soon
    effective""".split()
#: "due to" giving a cause ("due to the strike", "due to lower prices", "due to rising costs"), not a plan
#: ("due to start", "due to be"): before a determiner, a number, a comparative or common adjective, or a
#: word that looks like a noun or a participle (-ing, -ed, -ion, -ness, -cy, -ty, -ment, -ance, -ence, a
#: plural: "due to insolvency", "due to uncertainty"; not "due to commence"); read case-blind.
_DUE_CAUSE = (
    r"(?i:\s+to\s+(?:(?:the|a|an|its|their|his|her|our|this|that|these|those|some|lack|low|high|strong|weak"
    r"|poor|heavy|bad|good|recent|several|last|private|net|lower|higher|weaker|stronger|greater|better|larger"
    r"|smaller|continuing|\d+)\b|\w+(?:ing|ed|ion|ness|cy|ty|ment|ance|ence|[^s\W]s)\b(?<!\bbring)(?<!\bproceed)"
    r"(?<!\bsucceed)(?<!\bexceed)(?<!\bcommence)))"
)
#: Weak future cues: the present tense, and the present of schedule ("meets on Monday", "expires in October").
_WEAK_FUTURE_WORDS = """is are begin begins start starts open opens goes meets arrives visits resumes expires
    closes leaves departs meet""".split()
_PAST_WORDS = """was were had did been ago last earlier yesterday since began met held said told took made
    came went left won lost saw gave fell rose bought sold paid sent brought fought spoke wrote kept thought
    felt found became led struck""".split()
#: Auxiliaries after which a past form is a participle ("will be held", "is planned"), not a past tense.
PARTICIPLE_AFTER = re.compile(
    r"(?:\b(?:be|been|being|is|are|am|was|were|has|have|having|get|gets|got)|'s|'re)\s+(?:\w+ly\s+)?(?=\w)",
    re.IGNORECASE,
)
#: ``PARTICIPLE_AFTER`` in two scans: auxiliary words (``aux`` … ``gap`` end where the participle starts)
#: and "'s"/"'re".
AUX_WORDS = r"(?P<aux>be|been|being|is|are|am|was|were|has|have|having|get|gets|got)(?=(?P<gap>\s+(?:\w+ly\s+)?)\w)"
AUX_CLITIC = re.compile(r"(?P<aux>'s|'re)(?=(?P<gap>\s+(?:\w+ly\s+)?)\w)", re.IGNORECASE)


#: Auxiliaries of the perfect (their first two letters: has, have, had, having): "has risen" is a past.
PERFECT_AUX = frozenset({"ha"})
#: The pluperfect before a future word: "had been due to", "had been scheduled to" (a plan of the past).
PLUPERFECT = re.compile(r".*\bhad\s+(?:\w+ly\s+)?been\b", re.IGNORECASE | re.DOTALL)


def _cased(words: list[str]) -> str:
    return trie(sorted({v for w in words for v in (w, w.capitalize(), w.upper())}))


#: Strong future cues (modals, "expected", "going to"), weak ones (present tense), strong past cues
#: (auxiliaries, irregular pasts); weak past cues are words ending in "-ed" (``PAST_ED``).
TENSE_WORDS = (
    r"(?:(?P<future>"
    + _cased(_FUTURE_WORDS)
    + r"|(?:due|Due|DUE)(?!"
    + _DUE_CAUSE
    + r")|(?:next|Next|NEXT)(?!\s+to\b)|could\s+(?:\w+ly\s+)?be\b|likely\s+to"
    r"|may(?=\s+(?:not\s+|well\s+|also\s+)?[a-z])(?!\s+have\b)|going\s+to|set\s+to"
    r"|(?:plans?|planned|planning|intends?|aims?|hopes?|prepares|preparing)\s+to"
    r"|planned(?=\s+(?:an?|the)\s))|(?P<weakf>"
    + _cased(_WEAK_FUTURE_WORDS)
    + r"|to\s+(?:meet|be|hold|begin|start|visit|resume|vote|take|depart|leave|travel|attend|sign|announce|open"
    r"|release|report|launch|return))|(?P<past>" + _cased(_PAST_WORDS) + r"))(?!\w)"
)
TENSE_LL = re.compile(r"(?P<ll>'ll)(?!\w)")
TENSE_CUE = re.compile(r"(?<![\w'])" + TENSE_WORDS + "|" + TENSE_LL.pattern)
PAST_ED = re.compile(r"ed\b")
