"""Scores and records: "N-M" pairs that name a game's result, not an amount.

News annotators leave a final score ("beat Charlton 2-1", "a 3-0 win"), a list of set scores
("won 6-4, 7-6 (5)") and a team's win-loss record ("the Eagles (6-5, 3-4)", "Ole Miss is 7-1
in close games") out of the quantities: read as a range they would claim "between 1 and 7".
Standings in a game still going on ("a 9-2 lead"), vote tallies ("passed 52-48") and counts
("won 10-15 seats") stay quantities.

>>> from copytrail.claims.figures import extract_figures
>>> [(f.text, f.kind) for f in extract_figures("The Eagles (6-5, 3-4) host Ohio.", True)]
[('6-5', 'score'), ('3-4', 'score')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copytrail.claims.figures.counted import plural_soon

if TYPE_CHECKING:
    from copytrail.claims.figures.mentions import Mention

# A result verb before a score, or a result noun after it: "beat Charlton 2-1", "drew 1-1",
# "ended 2-2 on aggregate", "a 3-0 win", "last week's 6-2 FA Cup defeat". A standing ("a 9-2
# lead", "2-0 down") is a claim about the game still going on and stays a quantity; so do
# vote tallies ("passed 52-48").
_RESULT_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|won|win|wins|winning|lost|lose|loses|losing|defeat|defeated|"
    r"defeats|defeating|edged|edging|drew|draw|drawn|tied|ended|finished|thrashed|routed|"
    r"crushed|downed|hammered|overcame|stunned|saw off|went down|fell|triumphed|prevailed|"
    r"outscored|blanked|swept|thumped|trounced|edges|tops|topped)\b[^.!?;:]{0,40}$",
    re.IGNORECASE,
)
RESULT_AFTER = re.compile(
    r"\s+(?:(?:home|away|aggregate|extra-time|penalty|shootout|opening|final|league|cup)\s+|"
    r"(?-i:[A-Z][\w'’.-]*\s+){1,2})?"
    r"(?:win|wins|victory|victories|defeat|defeats|loss|losses|draw|draws|triumph|thrashing|"
    r"drubbing|rout|scoreline|result)\b",
    re.IGNORECASE,
)
_TALLY_NEAR = re.compile(
    r"\b(?:votes?|voted|ballots?|margin|Senate|House|Assembly|Parliament|referendum|polls?|"
    r"jury|judges|justices|council|committee|panel|motion|bill|seats?)\b"
)
# "over the Pittsburgh Penguins 5-4", "rolled past Northern Illinois, 45-17": a win over a
# named side (the name, in capitals, stands right before the score).
_OVER_NAME = re.compile(
    r"\b(?:over|past)\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*,?\s$"
)
# "led 3-2 over Canada" is a standing in a game still going on.
_STANDING_BEFORE = re.compile(r"\b(?:led|leads?|leading|up|down|trail|trails|trailed|trailing)\s$")
_OVER_AFTER = re.compile(r",?\s+(?:over|against)\s+(?:the\s+)?[A-Z]")
_PAIR = r"\d{1,3} ?[-–] ?\d{1,3}"
# A team's record in brackets after its name: "The Eagles (6-5, 3-4)", "Alabama (19-8, 11-3
# SEC)", "Palm Bay (1-0):". Only pairs and the name of a conference may stand inside.
_RECORD_OPEN = re.compile(rf"[A-Z][\w'’.&-]*\s?\((?:{_PAIR},\s*)?$")
_RECORD_CLOSE = re.compile(rf"(?:,\s*{_PAIR})?(?:\s+[A-Z][\w&.-]*){{0,3}}\)")
# A record said of a team: "Ole Miss is 7-1 in one-possession games", "have gone 14-2 at
# home", "including 2-6 in the AFC", "a record of 216-146". A range after "is" would carry a
# unit or a counted noun, and those pairs never reach this test.
_RECORD_VERB = re.compile(
    r"\b(?:is|are|was|were|gone|went|including|improved to|fell to|dropped to|slipped to|"
    r"moved to|record of)\s$",
    re.IGNORECASE,
)
_RECORD_AFTER = re.compile(
    r"\s+(?:in\b(?!\s+favou?r)|against\b|at home\b|on the road\b|away\b|overall\b|this season\b|on the year\b)"
    r"|,?\s*while\b|[.;]"
)
_RECORD_START = re.compile(r"(?:^|[.!?]\s+)At\s$")
_RECORD_CHAIN = re.compile(rf"{_PAIR}\s+in\s+[^,;.!?]{{0,30}}\s(?:and|but)\s$")
# "6-4, 7-6 (5), 6-3": set scores run in a list, each side at most 7 games.
_SET = r"[0-7] ?[-–] ?[0-7](?: \(\d{1,2}\))?"
_SET_BEFORE = re.compile(rf"(?<![\d-]){_SET},\s$")
_SET_AFTER = re.compile(rf"(?: \(\d{{1,2}}\))?,\s{_SET}(?![\d-])")


def is_final_score(t: str, r: Mention) -> bool:
    """Is this "N-M" pair a game's result or a team's record rather than a range?

    >>> from copytrail.claims.figures import extract_figures
    >>> [(f.text, f.kind) for f in extract_figures("City beat Charlton 2-1 on Sunday.", True)]
    [('2-1', 'score')]
    >>> [f.text for f in extract_figures("The Senate voted 52-48; they led 9-2 at half-time.")]
    ['52-48', '9-2']
    >>> extract_figures("Ole Miss is 7-1 in close games and won 6-2, 6-4 on clay.")
    []
    """
    raw = t[r.start : r.end]
    if r.qualifier != "range" or r.unit is not None or r.counted is not None:
        return False
    if not re.fullmatch(_PAIR, raw):
        return False
    window = t[max(0, r.start - 60) : r.end + 30]
    if _TALLY_NEAR.search(window) is not None:
        return False
    if RESULT_AFTER.match(t, r.end) is not None:
        return True  # "a 4-1 Champions League defeat" (a plural name is no counted noun)
    before = t[max(0, r.start - 60) : r.start]
    if re.fullmatch(r"[0-7] ?[-–] ?[0-7]", raw) and (
        _SET_BEFORE.search(before) is not None or _SET_AFTER.match(t, r.end) is not None
    ):
        return True  # a list of set scores ("6-2, 6-1 and ...")
    if _OVER_AFTER.match(t, r.end) is not None and not _STANDING_BEFORE.search(before):
        return True  # "a fifth straight victory, 112-107 over the Thunder"
    if plural_soon(t, r.end) and not re.match(r"\s+thanks\s+to\b", t[r.end : r.end + 20]):
        return False  # "won 10-15 seats" counts; "won 2-1 thanks to a late goal" does not
    if _RESULT_BEFORE.search(before) is not None or _OVER_NAME.search(before) is not None:
        return True
    if _RECORD_OPEN.search(before) and _RECORD_CLOSE.match(t, r.end):
        return True
    if _RECORD_VERB.search(before) and _RECORD_AFTER.match(t, r.end):
        return True
    if _RECORD_START.search(before) and t[r.end : r.end + 1] == ",":
        return True  # "At 4-7, the Chargers would ..."
    if _RECORD_CHAIN.search(before) and _RECORD_AFTER.match(t, r.end):
        return True  # "2-6 in the AFC and 0-3 in the West"
    return False


def is_tiebreak(t: str, start: int, end: int, score_end: int) -> bool:
    """Is ``t[start:end]`` the tiebreak of the set score ending at ``score_end`` ("7-6 (5)")?

    >>> text = "Nadal won 7-6 (5), 6-3."
    >>> is_tiebreak(text, 15, 16, 13)
    True
    """
    return (
        t[score_end:start] == " ("
        and t[end : end + 1] == ")"
        and re.fullmatch(r"\d{1,2}", t[start:end]) is not None
        and re.search(r"[0-7] ?[-–] ?[0-7]$", t[max(0, score_end - 5) : score_end]) is not None
    )


__all__ = ["RESULT_AFTER", "is_final_score", "is_tiebreak"]
