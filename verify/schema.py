"""Pydantic models shared by every stage: sources, passages, claims, evidence, verdicts."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Label(str, Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        # print(verdict.label) and f-strings show "supported", not "Label.SUPPORTED".
        return self.value


class Source(BaseModel):
    """One article: its full text and metadata. Passage offsets index into `text`."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    origin: str | None = Field(default=None, description="file the source was read from")
    content_hash: str = ""


MAX_SOURCE_ID_CHARS = 200


def source_id_problem(source_id: str) -> str | None:
    """Why a source id is refused, or None. Ids are printed one a line by `verify index list` and in
    reports: a line break or a bidirectional override would let one id pass for another."""
    ok = (
        0 < len(source_id) <= MAX_SOURCE_ID_CHARS
        and source_id.isprintable()  # no control, format (bidi, zero-width) or line/paragraph separators
        and source_id == source_id.strip()
    )
    if ok:
        return None
    return (
        f"source id {source_id[:MAX_SOURCE_ID_CHARS]!r} is not allowed: an id is 1-{MAX_SOURCE_ID_CHARS} printable "
        "characters, without control, line-break or bidirectional-control characters and without leading or "
        "trailing spaces"
    )


class Passage(BaseModel):
    """A span of a source: `source.text[start:end] == text`."""

    source_id: str
    start: int
    end: int
    text: str
    id: int | None = None


class Claim(BaseModel):
    """A claim to verify; fields other than id and claim are carried through to the verdict."""

    model_config = ConfigDict(extra="allow")

    id: str
    claim: str = Field(min_length=1)

    @field_validator("claim")
    @classmethod
    def _has_text(cls, value: str) -> str:
        # "   " passes min_length, and a retriever would still find passages "about" it
        if not value.strip():
            raise ValueError("a claim needs some text, not only spaces")
        return value

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Scores(BaseModel):
    entailment: float
    neutral: float
    contradiction: float


class Evidence(BaseModel):
    """A cited passage with where it comes from and how it scored."""

    source_id: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    start: int
    end: int
    text: str
    scores: Scores
    retrieval_score: float = Field(description="reciprocal-rank-fusion score of dense and BM25 ranks")


class FactFinding(BaseModel):
    """One fact compared between the claim and a cited passage: what decided (or backed) a verdict.
    `start`/`end` locate the source's wording in the source text, so a report can highlight it."""

    kind: str = Field(
        description="date, time, duration, quantity, money, percent, ordinal, score, vote (a tally against "
        "'unanimously'), change (which way a figure went), name, role (a contest's side), outcome (the other "
        "outcome: a job's against its budget or schedule, a request turned down against a win) or negation"
    )
    agrees: bool
    claim: str = Field(description="the claim's wording of the fact")
    source: str = Field(description="the source's wording of the fact")
    source_id: str
    start: int
    end: int


class Verdict(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    claim: str
    label: Label
    confidence: float
    scores: Scores
    reason: str
    evidence: list[Evidence]
    disputed: bool = Field(
        default=False, description="sources disagree: one passage supports the claim, another contradicts it"
    )
    findings: list[FactFinding] = Field(
        default_factory=list, description="the facts compared with the decisive passage (conflicts first)"
    )


class ClaimError(BaseModel):
    """An input line that could not be verified; the run goes on with the other lines."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    line: int
    error: str


def passthrough_fields(extra: dict[str, Any]) -> dict[str, Any]:
    """A claim's extra fields for its verdict; a name the verdict already uses gets an `input_` prefix
    (a gold `label` becomes `input_label`, so it never overwrites the verdict's label)."""
    return {(f"input_{k}" if k in Verdict.model_fields else k): v for k, v in extra.items()}
