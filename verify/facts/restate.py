"""A claim as the NLI model should read it against one passage: the dates and figures the fact
layer has matched, written in the passage's own words.

Why: the model cannot work out that "on Wednesday" in an article dated 17 April 2025 is "April 16",
or that "12 schoolteachers" are "a dozen"; it reads the two as different and calls a plain
restatement contradicted. The fact layer has already checked those facts, so the model is asked
about everything else. The swap is sound for entailment: a matched source fact always satisfies
the claim's ("250 million users" satisfies "more than 200 million"), so a passage that entails the
restated claim entails the claim. Only facts of the claim's own event are swapped (and days of the
sentence about it), and a body's name only for the kind the sentence calls it by ("Cantrell
Regional Airport" -> "the airport", where the story names that airport and no other): nothing
else of the claim changes, so a wrong verb, name or polarity is still the model's to find.

The passage is read as it is but for an emphasis before a matched figure (plain_figures); and the
passage that may deny the claim outright is read once more without its "not" (denial_candidate).
"""

from __future__ import annotations

import re

from verify.config import DENIAL_OVERLAP
from verify.facts.align import Alignment
from verify.facts.dates import parse_date
from verify.facts.model import BACKING_KINDS, DATE
from verify.facts.numbers import MULTIPLES, SCALES, TENS, UNITS
from verify.text import negation_count, without_negation

# The words a figure may start with, from the number reader's own vocabulary ("a" and "an" only
# before a scale: "a dozen", not "a handful").
_NUMBER_WORDS = sorted((set(UNITS) - {"a", "an"}) | set(TENS) | set(SCALES) | set(MULTIPLES) | {"half"})
_NUMBER_START = "|".join([*_NUMBER_WORDS, *(f"an? {w}" for w in [*SCALES, "dozen"])])


def restated_claim(claim: str, alignment: Alignment | None) -> str:
    """`claim` with each agreeing date or figure of its own event that the passage words otherwise
    replaced by the passage's wording ("... on April 16" -> "... on Wednesday"), and each name the
    sentence gives by its kind alone (Alignment.described) by that kind."""
    if alignment is None:
        return claim
    swaps: list[tuple[int, int, str]] = []
    for f in alignment.agreements:
        # A day of the sentence about the claim's event is the claim's day in the source's words
        # even where the parse hangs it on another verb ("regulators on Wednesday fined ..." for
        # "announced their fine on May 7"): the swap keeps the claim's meaning, so it stays sound.
        # So is a date the sentence gives as the same days, its year left to the article's date
        # ("since June" for "since June 2025"). Not a year or a month put as a day ("Chelanga's
        # 2025 winning time" is no "Sunday winning time").
        own = f.own or (
            f.kind == DATE
            and f.sentence == alignment.sentence
            and (_names_a_day(f.claim) or _same_span(f.claim, f.source))
        )
        wording = _EMPHASIS.sub("", f.source)  # as plain_figures leaves it in the passage
        if f.kind not in BACKING_KINDS or not own or f.claim.casefold() == wording.casefold():
            continue
        at = claim.find(f.claim)
        end = at + len(f.claim)
        if at < 0 or any(at < e and s < end for s, e, _ in swaps):
            continue  # not written as found, or inside a span already swapped
        swaps.append((at, end, wording))
    for start, end, wording in sorted(swaps, reverse=True):
        claim = claim[:start] + (wording[:1].upper() + wording[1:] if start == 0 else wording) + claim[end:]
    # a body the sentence gives by its kind alone, as the sentence gives it ("The airport handled ...")
    for name, kind in alignment.described:
        # with its own "the", where the claim gives one ("in the Kettle Peak National Forest")
        claim = re.sub(rf"(?<![\w-])(?:[Tt]he\s+)?{re.escape(name)}(?![\w-])", kind, claim)
        if claim.startswith(kind):
            claim = kind.capitalize() + claim[len(kind) :]
    return claim


def plain_figures(passage_text: str, passage_start: int, alignment: Alignment | None) -> str:
    """The passage as the NLI model reads it: "just" or "only" dropped before each figure the fact
    layer found the claim agrees with ("recorded just three measles cases" -> "recorded three
    measles cases").

    Why: the shipped mpnet reads the emphasis as a denial of the bare figure ("The county recorded
    just three measles cases" against "The county had three measles cases": contradiction 0.92;
    without "just": entailment 0.92). The figure itself is the fact layer's to check, and it has
    matched it, so the model is asked about the rest. A "just over 40" is left alone (the comparator
    is the figure's)."""
    if alignment is None:
        return passage_text
    end = passage_start + len(passage_text)
    cuts = sorted(
        {
            (f.start - passage_start, len(m.group()))
            for f in alignment.agreements
            if f.kind in BACKING_KINDS and passage_start <= f.start < end and (m := _EMPHASIS.match(f.source))
        },
        reverse=True,
    )
    for at, length in cuts:
        found = _EMPHASIS.match(passage_text[at:])
        if found is not None and len(found.group()) == length:  # the passage's own wording there
            passage_text = passage_text[:at] + passage_text[at + length :]
    return passage_text


# An emphasis before a figure that says nothing the figure does not ("just 19", "only $5,000", "a
# mere 3 percent"); not a comparator's ("just over", "only about").
_EMPHASIS = re.compile(rf"^(?:just|only|merely|a mere)\s+(?=[$\d]|(?:{_NUMBER_START})\b)", re.IGNORECASE)


def _same_span(claim: str, source: str) -> bool:
    """The two wordings name the same days of the year ("June 2025" and "June"; "May 7, 2025" and
    "May 7"): the source only leaves the year to its article's date, which the agreement checked."""
    a, b = parse_date(claim), parse_date(source)
    if a is None or b is None or a.first is None or b.first is None or a.last is None or b.last is None:
        return False
    return a.first[1:] == b.first[1:] and a.last[1:] == b.last[1:] and b.first[0] in (None, a.first[0])


def _names_a_day(wording: str) -> bool:
    """The claim's date wording names one calendar day ("May 7, 2025", "Saturday, Nov. 15"), not a
    month or a year (nor a bare weekday, which only the source's date places)."""
    value = parse_date(wording)
    return value is not None and value.first is not None and value.first == value.last


def denial_candidate(
    claim: str, passages: list[tuple[str, int]], alignments: list[Alignment]
) -> tuple[int, str] | None:
    """The passage that may deny the claim outright, and its wording with the denial taken out: the
    best-aligned passage whose sentence about the claim's event holds much of the claim (overlap
    DENIAL_OVERLAP) with one explicit "not" where the claim has no negation at all ("Solis said the
    department would not release the names ..." for "Solis said the health department would make
    public the names ..."). `passages`: each passage's text and its start in its source.

    Why: the fast model barely reads a "not" and the accurate one calls the pair anything from
    neutral to contradiction; asked whether the sentence *without* its "not" entails the claim, it
    answers plainly, and a strong yes means the sentence says the opposite (decide.denied_by_source).
    A "not ... until" or "not ... unless" sets a condition, not a denial ("would not be allowed to
    return until engineers have checked the levee"), and "not only" adds: both are left alone."""
    if negation_count(claim):
        return None
    best: tuple[float, int, str] | None = None
    for i, ((text, start), alignment) in enumerate(zip(passages, alignments)):
        if alignment.overlap < DENIAL_OVERLAP or not alignment.shares_names or alignment.another_party:
            continue
        s0, s1 = alignment.sentence[0] - start, alignment.sentence[1] - start
        if s0 < 0 or s1 <= s0 or s1 > len(text):
            continue
        sentence = text[s0:s1]
        affirmed = without_negation(sentence)
        if affirmed is None or _CONDITION.search(sentence):
            continue
        if best is None or alignment.overlap > best[0]:
            best = (alignment.overlap, i, text[:s0] + affirmed + text[s1:])
    return None if best is None else (best[1], best[2])


# A "not" that denies nothing the claim could say: a condition ("would not reopen until ...",
# "not unless ..."), an addition ("not only ... but also ..."), an alternative ("or not").
_CONDITION = re.compile(
    r"(?:\bnot\b|n[’']t\b|\bnever\b).*\b(?:until|unless|till)\b|\bnot\s+(?:only|just|merely)\b|\bor\s+not\b",
    re.IGNORECASE,
)
