"""Pull check-worthy factual claims out of a draft article or a transcript.

A sentence is check-worthy when it states something a source can confirm: a date, a number, a
named person/organisation/place, or an attribution ("said", "according to"). Questions, opinions,
boilerplate, and headline-style lines (no closing punctuation: headlines, subheads, section
titles) are skipped; a news dateline ("MOSCOW, August 28. /TASS/.") is cut from the claim text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from verify.chunk import DATELINE, split_sentences
from verify.config import MAX_CLAIM_CHARS
from verify.mentions import extract_dates, extract_names, extract_numbers
from verify.text import ATTRIBUTION_WORDS

ATTRIBUTION = re.compile(rf"\b(?:{ATTRIBUTION_WORDS}|denied|according to)\b", re.IGNORECASE)
OPINION = re.compile(
    r"\b(?:I|we)\s+(?:think|believe|feel|guess|hope|suppose)\b|\bin my (?:view|opinion)\b|\bshould\b|\bought to\b"
    r"|\b(?:amazing|terrible|wonderful|awful|disgraceful|outrageous)\b",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(
    r"\b(?:all rights reserved|subscribe|sign up|newsletter|click here|read more|follow us|cookie|"
    r"share this|advertisement|copyright)\b|©",
    re.IGNORECASE,
)
MIN_WORDS = 5
# A dateline of a place alone, before a dash ("MARLOW FALLS — The council voted ..."): two capital
# letters at least, so "A — " or "I - " never count.
_PLACE_DATELINE = re.compile(r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]*)*,?\s+[\u2013\u2014-]{1,2}\s+")


@dataclass(frozen=True)
class DraftClaim:
    claim: str
    start: int
    end: int
    features: tuple[str, ...]


def check_worthy(text: str) -> Iterator[DraftClaim]:
    """Check-worthy sentences of a text, in order, with their offsets and why they were kept."""
    for start, end in split_sentences(text):
        sentence = text[start:end]
        dateline = DATELINE.match(sentence) or _PLACE_DATELINE.match(sentence)
        if dateline and dateline.end() < len(sentence):
            start += dateline.end()
            sentence = text[start:end]
        if _skip(sentence):
            continue
        features = _features(sentence)
        if features:
            yield DraftClaim(sentence, start, end, features)


def _skip(sentence: str) -> bool:
    stripped = sentence.rstrip("\"'”’)] ")
    return (
        len(sentence) > MAX_CLAIM_CHARS  # not a claim `verify` would accept; keeps the fact regexes' input small
        or len(sentence.split()) < MIN_WORDS
        or not stripped.endswith((".", "!", "…"))  # headline-style line, or a question
        or bool(OPINION.search(sentence))
        or bool(BOILERPLATE.search(sentence))
    )


def _features(sentence: str) -> tuple[str, ...]:
    dates = extract_dates(sentence)
    # Names after the first word: a capital at the start of a sentence proves nothing.
    names = [n for n in extract_names(sentence) if not sentence.startswith(n) or len(n.split()) > 1]
    found = {
        "date": bool(dates),
        "number": bool(extract_numbers(sentence, dates)),
        "name": bool(names),
        "attribution": bool(ATTRIBUTION.search(sentence)),
    }
    return tuple(k for k, v in found.items() if v)
