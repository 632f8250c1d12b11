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
"""

from __future__ import annotations

import re

from verify.facts.align import Alignment
from verify.facts.dates import parse_date
from verify.facts.model import BACKING_KINDS, DATE


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
        # Not a year or a month ("Chelanga's 2025 winning time" is no "Sunday winning time").
        own = f.own or (f.kind == DATE and f.sentence == alignment.sentence and _names_a_day(f.claim))
        if f.kind not in BACKING_KINDS or not own or f.claim.casefold() == f.source.casefold():
            continue
        at = claim.find(f.claim)
        end = at + len(f.claim)
        if at < 0 or any(at < e and s < end for s, e, _ in swaps):
            continue  # not written as found, or inside a span already swapped
        swaps.append((at, end, f.source))
    for start, end, wording in sorted(swaps, reverse=True):
        claim = claim[:start] + wording + claim[end:]
    # a body the sentence gives by its kind alone, as the sentence gives it ("The airport handled ...")
    for name, kind in alignment.described:
        claim = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", kind, claim)
        if claim.startswith(kind):
            claim = kind.capitalize() + claim[len(kind) :]
    return claim


def _names_a_day(wording: str) -> bool:
    """The claim's date wording names one calendar day ("May 7, 2025", "Saturday, Nov. 15"), not a
    month or a year (nor a bare weekday, which only the source's date places)."""
    value = parse_date(wording)
    return value is not None and value.first is not None and value.first == value.last
