"""Word-level helpers shared by the fact checks, the fact layer and the reports."""

from __future__ import annotations

import re

from verify.facts.dates import MONTHS

STOPWORDS = frozenset(
    """the a an and or of to in on at by for with from as is are was were be been being has have had do does did
    that this these those it its their his her they he she we you i our your which who whom what when where why how
    than then there also into over under after before about said says say according while would will can could may
    might should must not no never any all every each some such more most other others same one two
    very really""".split()
)
# Figures are compared as facts, not as words: "Thirty-four employees" and "34 workers" share no
# digits or number words, and should not look less alike for it.
NUMBER_WORDS = frozenset(
    """three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
    trillion dozen dozens half""".split()
)


def content_stems(text: str) -> set[str]:
    """Lower-cased content words, crudely stemmed so "rejected" meets "rejection"."""
    stems = set()
    for word in re.findall(r"[a-z]+", text.lower().replace("’", "'")):
        if len(word) < 3 or word in STOPWORDS or word in MONTHS or word in NUMBER_WORDS:
            continue
        word = word[:-1] if word.endswith("s") and len(word) > 3 else word
        stems.add(word[:6])
    return stems


# Verbs that pass a statement on as someone's ("the mayor said"): the draft splitter counts them
# toward check-worthiness; alignment strips a leading "X said that" from a claim. Not "denied":
# stripping "Police denied that" would turn the claim around.
ATTRIBUTION_VERBS = (
    "said says told wrote writes stated announced reported claimed confirmed added acknowledged admitted "
    "argued insisted"
).split()
ATTRIBUTION_WORDS = "|".join(ATTRIBUTION_VERBS)

NEGATION_CUES = frozenset(
    "not n't no never nothing none nobody neither nor cannot without unrelated refused refuses refuse denied "
    "denies deny declined unable unwilling".split()
)


def negation_count(text: str) -> int:
    lowered = _NOT_A_DENIAL.sub(" ", text.lower().replace("’", "'"))
    words = re.findall(r"[a-z]+n't|[a-z]+", lowered)
    return sum(1 for w in words if w in NEGATION_CUES or w.endswith("n't"))


# A "no" that denies nothing: a vote ("voting no", "the two no votes", not "there was no vote"), a
# compound ("a no-hitter", "a no-confidence vote") and a number's "No.".
_NOT_A_DENIAL = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)\s+no|(?:the|one|two|three|four|five|six|seven|eight|nine|\d+)\s+no(?=\s+votes?\b)"
    r"|no(?=-\w))\b"
    r"|\bno\.(?=\s*\d)"  # a number: "Bus No. 31"
)


_EXPLICIT_NEGATION = re.compile(r"\b(?:won|can|shan)[’']t\b|\s+(?:not|never)\b|n[’']t\b", re.IGNORECASE)
_AFFIRMED = {"won": "will", "can": "can", "shan": "shall"}


def without_negation(text: str) -> str | None:
    """The claim with its one explicit negation removed ("was not rejected" -> "was rejected",
    "didn't file" -> "did file", "won't" -> "will"); None when it has no or several negations."""
    if len(_EXPLICIT_NEGATION.findall(text)) != 1:
        return None
    return _EXPLICIT_NEGATION.sub(lambda m: _AFFIRMED.get(m.group()[:-2].lower().strip(), ""), text)


def plural(n: int, word: str) -> str:
    """'1 claim', '3 claims': the summaries' counts."""
    return f"{n} {word}" + ("" if n == 1 else "s")
