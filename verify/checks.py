"""Deterministic consistency checks between a claim and an evidence passage.

The NLI model reads meaning but blurs details: it entails "rejected on June 15" from "rejected on
June 14". These checks compare the details that fact-checkers care about (dates, numbers, names,
negation) between the claim and the passage sentence that talks about the same event, and say
why in words a reader can check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from verify.chunk import dateline_spans, split_sentences
from verify.extract import (
    MONTHS,
    DateMention,
    NumberMention,
    extract_dates,
    extract_names,
    extract_numbers,
    negation_count,
)

# How much of the claim's content must the passage sentence share before its details are
# compared: below this the two are probably not about the same event.
SAME_EVENT = {"date": 0.34, "number": 0.34, "name": 0.5, "negation": 0.6}
# Negation is compared clause by clause: the claim clause (its attribution, "Durov said that",
# removed) and the source clause must share this much, or they are different statements.
SAME_CLAUSE = 0.6
MIN_SHARED_IN_CLAUSE = 3  # "Telegram has 200 million users" shares two words with any Telegram sentence
ATTRIBUTION = re.compile(
    r"^.*?\b(?:said|says|wrote|writes|acknowledged|admitted|stated|claimed|told \w+|added|argued|insisted)"
    r"\s+(?:that\s+)?",
    re.IGNORECASE,
)
_STOPWORDS = frozenset(
    """the a an and or of to in on at by for with from as is are was were be been being has have had do does did
    that this these those it its their his her they he she we you i our your which who whom what when where why how
    than then there also into over under after before about said says say according while would will can could may
    might should must not no never any all some such more most other others same one two""".split()
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "date", "number", "name" or "negation"
    agrees: bool
    claim_value: str
    source_value: str

    @property
    def reason(self) -> str:
        verb = "matches" if self.agrees else "differs"
        return f"{self.kind} {verb}: claim {self.claim_value}, source {self.source_value}"


@dataclass(frozen=True)
class CheckResult:
    overlap: float  # share of the claim's content words found in the aligned sentence
    sentence: str  # the passage sentence the claim was compared with
    findings: list[Finding] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Finding]:
        return [f for f in self.findings if not f.agrees]

    @property
    def agreements(self) -> list[Finding]:
        return [f for f in self.findings if f.agrees]


def content_stems(text: str) -> set[str]:
    """Lower-cased content words, crudely stemmed so "rejected" meets "rejection"."""
    stems = set()
    for word in re.findall(r"[a-z]+", text.lower().replace("’", "'")):
        if len(word) < 3 or word in _STOPWORDS or word in MONTHS:
            continue
        word = word[:-1] if word.endswith("s") and len(word) > 3 else word
        stems.add(word[:6])
    return stems


def check(claim: str, passage: str, published: dt.date | None = None) -> CheckResult:
    """Compare the claim with the passage sentence that shares most of its content words."""
    claim_words = content_stems(claim)
    spans = split_sentences(passage) or [(0, len(passage))]
    scored = [(len(claim_words & content_stems(passage[s:e])) / max(len(claim_words), 1), s, e) for s, e in spans]
    overlap, start, end = max(scored, key=lambda t: (t[0], -t[1]))
    datelines = dateline_spans(passage)
    all_dates = extract_dates(passage, published)
    filed: list[DateMention] = []  # a dateline's date: when the story was filed
    passage_dates: list[DateMention] = []
    for d in all_dates:
        (filed if any(s <= d.start < e for s, e in datelines) else passage_dates).append(d)
    sentence_dates = [d for d in passage_dates if start <= d.start < end]
    findings = [
        *_compare_dates(extract_dates(claim), sentence_dates, passage_dates, filed, overlap),
        *_compare_numbers(claim, passage, start, end, all_dates, overlap),
        *_compare_names(claim, passage, passage[start:end], overlap),
        *_compare_negation(claim, passage[start:end], overlap),
    ]
    return CheckResult(overlap=overlap, sentence=passage[start:end], findings=findings)


def dates_compatible(claim: DateMention, source: DateMention) -> bool | None:
    """True if they can be the same date, False if they cannot, None if the source is too vague to say."""
    if claim.year and source.year and claim.year != source.year:
        return False
    if claim.month and source.month and claim.month != source.month:
        return False
    if (claim.month and not source.month) or (claim.year and not source.year):
        return None
    claim_days, source_days = claim.day_range(), source.day_range()
    if claim_days and source_days:
        return claim_days[0] <= source_days[1] and source_days[0] <= claim_days[1]
    if claim_days and not source_days:
        return None
    return True


def _compare_dates(
    claim_dates: list[DateMention],
    sentence_dates: list[DateMention],
    passage_dates: list[DateMention],
    filed_dates: list[DateMention],
    overlap: float,
) -> list[Finding]:
    """A compatible date anywhere in the passage agrees (the date may sit in the sentence before the
    event); a conflict is reported against the aligned sentence's dates, else the passage's. A
    dateline's date can agree (a statement made that day) but never clashes: it is not an event's."""
    if overlap < SAME_EVENT["date"] or not (passage_dates or filed_dates):
        return []
    findings = []
    for cd in claim_dates:
        candidates = [*sentence_dates, *passage_dates, *filed_dates]
        match = next((sd for sd in candidates if dates_compatible(cd, sd)), None)
        clashes = [sd for sd in sentence_dates or passage_dates if dates_compatible(cd, sd) is False]
        clash = min(clashes, key=lambda sd: _date_distance(cd, sd), default=None)
        if match is not None:
            findings.append(Finding("date", True, str(cd), str(match)))
        elif clash is not None:
            findings.append(Finding("date", False, str(cd), str(clash)))
    return findings


def _date_distance(a: DateMention, b: DateMention) -> tuple[int, int, int]:
    """Order rival dates so a reason cites the nearest one: same year, then same month, then closest day."""
    return (
        int(bool(a.year and b.year and a.year != b.year)),
        int(bool(a.month and b.month and a.month != b.month)),
        abs((a.day or 15) - (b.day or 15)),
    )


def numbers_compatible(claim: NumberMention, source: NumberMention) -> bool:
    lo, hi = claim.bounds()
    slo, shi = source.bounds()
    return lo <= shi and slo <= hi


def _same_kind(a: NumberMention, b: NumberMention) -> bool:
    if a.kind == b.kind:
        return True
    special = {"$", "€", "£", "¥", "%"}
    return (not a.kind or not b.kind) and a.kind not in special and b.kind not in special


def _compare_numbers(
    claim: str, passage: str, start: int, end: int, passage_dates: list[DateMention], overlap: float
) -> list[Finding]:
    if overlap < SAME_EVENT["number"]:
        return []
    numbers = extract_numbers(passage, passage_dates)
    in_sentence = [n for n in numbers if start <= n.start < end] or numbers
    findings = []
    for cn in extract_numbers(claim):
        candidates = [sn for sn in in_sentence if _same_kind(cn, sn)]
        if not candidates:
            continue
        lo, hi = cn.bounds()
        # Agreement needs an exact source figure inside the claim's range ("more than 200" vs "250");
        # a conflict needs every comparable source figure to rule the claim out.
        exact = next((sn for sn in candidates if sn.qualifier == "=" and lo <= sn.value <= hi), None)
        if exact is not None:
            findings.append(Finding("number", True, cn.text, exact.text))
        elif not any(numbers_compatible(cn, sn) for sn in candidates):
            findings.append(Finding("number", False, cn.text, candidates[0].text))
    return findings


def _compare_names(claim: str, passage: str, sentence: str, overlap: float) -> list[Finding]:
    """A name in the claim that the passage lacks, where the sentence has a rival of the same shape
    ("Meshchansky District Court" for "Tagansky District Court", "Mikhail Volkov" for "Pavel Durov")."""
    if overlap < SAME_EVENT["name"]:
        return []
    lowered_passage, lowered_claim = passage.lower(), claim.lower()
    rivals = [n for n in extract_names(sentence) if n.lower() not in lowered_claim]
    findings = []
    for name in extract_names(claim):
        if len(name) < 3:
            continue
        if name.lower() in lowered_passage:
            # Recorded so that a rival found in another passage of the same story does not stand.
            findings.append(Finding("name", True, name, name))
            continue
        words = name.split()
        for rival in rivals:
            other = rival.split()
            same_head = len(words) > 1 and len(other) > 1 and words[-1] == other[-1]
            person_like = len(words) == len(other) == 2 and not set(words) & set(other)
            if same_head or person_like:
                findings.append(Finding("name", False, name, rival))
                break
    return findings


def _compare_negation(claim: str, sentence: str, overlap: float) -> list[Finding]:
    """Polarity of the claim against the clause of the sentence that shares most of its words:
    "will consider" vs "We do not consider any requests", not vs the whole quote."""
    if overlap < SAME_EVENT["negation"]:
        return []
    source_clauses = _clauses(sentence)
    for claim_clause in _clauses(ATTRIBUTION.sub("", claim)):
        words = content_stems(claim_clause)
        shared, clause = max(((len(words & content_stems(c)), c) for c in source_clauses), key=lambda t: t[0])
        if shared < MIN_SHARED_IN_CLAUSE or shared / len(words) < SAME_CLAUSE:
            continue
        claim_negated, source_negated = negation_count(claim_clause) % 2 == 1, negation_count(clause) % 2 == 1
        if claim_negated != source_negated:
            say = {True: "negated", False: "affirmed"}
            return [Finding("negation", False, say[claim_negated], f'{say[source_negated]} ("{_clip(clause)}")')]
    return []


def _clauses(text: str) -> list[str]:
    """Split at clause punctuation and conjunctions, keeping relative clauses ("..., which was rejected")."""
    parts = re.split(r"[;:\u201c\u201d\"]|,(?!\s*(?:which|who|where|that)\b)|\s(?:and|but|while|whereas)\s", text)
    return [p.strip() for p in parts if p.strip()] or [text]


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
