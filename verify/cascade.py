"""Two verifier models in one: a fast one scores every pair, an accurate one re-scores the claims
whose decision is close.

Why: the fast MiniLM verifies many claims a second on 2 cores but misreads verbs; the larger mpnet
reads better at a fraction of the speed. Most claims are settled either way (a clear entailment,
nothing related); only claims near a threshold, with a contradiction in view, or where the fact
checks and the fast model disagree can change their verdict. Those, and only those, are re-scored.

`--model fast|accurate|cascade` picks one (see `resolve_model_spec`). The accurate model is the
shipped mpnet bundle, or $VERIFY_ACCURATE_MODEL (any bundle folder or CrossEncoder name).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.bundled import BundledModelMissing, require_base
from verify.config import (
    AGREEMENT_OVERLAP,
    BUNDLED_NLI,
    CASCADE_CONTRADICT_BAND,
    CASCADE_RECHECK_CONTRADICTIONS,
    CASCADE_RECHECK_SUPPORTS,
    CASCADE_SUPPORT_BAND,
    CONTESTED_ENTAILMENT,
    RESTATED_FLOOR,
    RESTATED_MOST,
    RESTATED_OVERLAP,
    RESTATING_RECHECK_OVERLAP,
    SUPPORT_RECHECK_FLOOR,
    SUPPORT_RECHECK_OVERLAP,
    SUPPORT_THRESHOLD,
)
from verify.errors import ConfigError
from verify.facts.model import BACKING_KINDS
from verify.premise import PremiseFormat, declared_format

if TYPE_CHECKING:
    import numpy as np

    from verify.facts.align import Alignment
    from verify.nli import NLIModel

FAST, ACCURATE, CASCADE = "fast", "accurate", "cascade"
# The rules of verify.decide by which the model alone calls a claim contradicted, by which it alone
# calls it supported, and the verdict when no rule fires.
MODEL_ALONE_CONTRADICTIONS = frozenset({"negated_claim", "model_contradiction"})  # names checked by a test
MODEL_ENTAILMENT = "model_entailment"
NOT_SETTLED = "not_settled"
MODEL_ALIASES = (FAST, ACCURATE, CASCADE)
ENV_ACCURATE_MODEL = "VERIFY_ACCURATE_MODEL"
ACCURATE_BUNDLE = Path(__file__).resolve().parent / "models" / "nli-mpnet-base"
ENTAIL, CONTRA = 0, 2


def accurate_shipped() -> bool:
    """Whether this install has the shipped mpnet bundle (a clone without it can train one)."""
    return (ACCURATE_BUNDLE / "delta.safetensors").is_file()


def accurate_spec() -> str:
    """The accurate model: $VERIFY_ACCURATE_MODEL, else the shipped mpnet bundle."""
    chosen = os.environ.get(ENV_ACCURATE_MODEL)
    if chosen:
        return chosen
    if not accurate_shipped():
        raise ConfigError(
            f"the accurate (mpnet) model is not in this install ({ACCURATE_BUNDLE} is missing): train it with "
            f"`make train-mpnet`, or point ${ENV_ACCURATE_MODEL} at a bundle folder or a CrossEncoder name"
        )
    # Checked before the first claim: a run must not stop halfway, at the first claim it re-scores.
    try:
        require_base("mpnet-base")
    except BundledModelMissing as exc:
        raise ConfigError(f"the accurate model needs its base: {exc} (or use --model fast)") from exc
    return str(ACCURATE_BUNDLE)


def resolve_model_spec(spec: str) -> str:
    """'fast' is the bundled MiniLM and 'accurate' the mpnet bundle, each with an optional precision
    (':fp32', ':int8', ...); anything else (including 'cascade') is returned as it is."""
    base, colon, precision = spec.partition(":")
    if base == FAST:
        return BUNDLED_NLI + colon + precision
    if base == ACCURATE:
        return accurate_spec() + colon + precision
    return spec


@dataclass(frozen=True)
class Band:
    """How close to a threshold a fast score must be for the accurate model to look again, in
    probability: the best entailment within `support` of the support threshold (either side), or
    any contradiction at least the contradiction threshold less `contradict` (a wrong
    "contradicted" costs most, so the band reaches far below that bar). With `contradictions`, a
    claim the fast model alone would call contradicted also has its deciding pairs scored again
    (CascadeNLI.contradiction_rows); with `supports`, so does an unsettled claim whose best
    passage leans to it, and a claim the fast model alone supports against a passage reading
    against it (CascadeNLI.support_rows)."""

    support: float = CASCADE_SUPPORT_BAND
    contradict: float = CASCADE_CONTRADICT_BAND
    contradictions: bool = CASCADE_RECHECK_CONTRADICTIONS
    supports: bool = CASCADE_RECHECK_SUPPORTS


class CascadeNLI:
    """An NLIModel whose score() is the fast model's; the pipeline asks `needs_second_look` per claim
    and re-scores those claims' pairs with `rescore` (the accurate model)."""

    def __init__(self, fast: NLIModel, accurate: NLIModel, band: Band | None = None, backend: str = "auto") -> None:
        self.fast = fast
        self.accurate = accurate
        self.band = band or Band()
        self.backend = backend
        self.name = f"cascade({fast.name} -> {accurate.name})"
        # How many claims the accurate model looked at again, of how many (for benchmarks).
        self.rescored_claims = 0
        self.claims_seen = 0
        # Each claim's Margins, in order, when a benchmark asks for them (a list); else not kept.
        self.margins: list[Margins] | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled (for a Ray worker) as its members' names where they have one: a worker opens
        them itself, as an ONNX Runtime session cannot be pickled."""
        from verify.backends import portable_nli

        return (_reopen, (portable_nli(self.fast), portable_nli(self.accurate), self.band, self.backend))

    @property
    def premise_format(self) -> PremiseFormat:
        """The fast model's: it scores every pair (the pipeline asks the accurate one for its own)."""
        return declared_format(self.fast)

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        return self.fast.score(premises, hypotheses)

    def rescore(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        return self.accurate.score(premises, hypotheses)

    def needs_second_look(
        self,
        rows: np.ndarray,
        alignments: list[Alignment] | None,
        support_threshold: float,
        contradict_threshold: float,
        affirmed: np.ndarray | None = None,
    ) -> bool:
        """Whether the fast model's scores for one claim's passages leave its decision open."""
        margins = second_look_margins(rows, alignments, support_threshold, contradict_threshold, affirmed)
        if self.margins is not None:
            self.margins.append(margins)
        return margins.open_within(self.band)

    def second_look(
        self,
        rows: np.ndarray,
        alignments: list[Alignment] | None,
        support_threshold: float,
        contradict_threshold: float,
        affirmed: np.ndarray | None,
        decided_by: Callable[[], str],
    ) -> SecondLook:
        """Which of one claim's pairs the accurate model reads again: every one where the fast scores
        leave the decision open (needs_second_look), else those a verdict of the fast model alone
        turns on (contradiction_rows, support_rows, restating_rows; `decided_by` names the rule that
        decides the claim on the fast scores, asked only then). The pipeline scores what this says
        and the benchmarks' replay merges recorded scores by it, so the two cannot drift apart."""
        if self.needs_second_look(rows, alignments, support_threshold, contradict_threshold, affirmed):
            return SecondLook(
                whole=True,
                rows=list(range(len(rows))),
                affirmed=[] if affirmed is None else list(range(len(affirmed))),
            )
        rule = decided_by()
        mine, negated = self.contradiction_rows(rows, affirmed, support_threshold, contradict_threshold, rule)
        supports = [] if mine else self.support_rows(rows, alignments, rule)
        restating = self.restating_rows(rows, alignments, rule, supports)
        # a negated claim's pairs read again are read again without its "not" too: rule
        # negated_claim weighs one against the other, so both by one model
        again = [] if affirmed is None else sorted({*negated, *supports})
        return SecondLook(rows=mine or supports, affirmed=again, restating=restating)

    def contradiction_rows(
        self,
        rows: np.ndarray,
        affirmed: np.ndarray | None,
        support_threshold: float,
        contradict_threshold: float,
        decided_by: str,
    ) -> tuple[list[int], list[int]]:
        """The pairs of a claim the fast model alone would call contradicted (`decided_by`, the rule
        of verify.decide that decides it on the fast scores) for the accurate model to score
        again: each passage the fast model finds contradicting, the one it finds most entailing,
        and (a negated claim) those passages and each one entailing the claim without its "not",
        against the claim without it. Only those: the verdict turns on them, and mpnet costs about
        a fifth of a second a pair of Check-COVID's on 2 cores. Returns indices into `rows` and
        into `affirmed`; nothing when the claim is not such a one."""
        if not self.band.contradictions or decided_by not in MODEL_ALONE_CONTRADICTIONS or not len(rows):
            return [], []
        own = {i for i in range(len(rows)) if rows[i, CONTRA] >= contradict_threshold}
        own.add(int(rows[:, ENTAIL].argmax()))
        if affirmed is None:
            return sorted(own), []
        # The claim without its "not" against the same passages: the accurate model may find one
        # stating it ("did not reject" where the source says "turned the request down").
        negated = own | {i for i in range(len(affirmed)) if affirmed[i, ENTAIL] >= support_threshold}
        return sorted(own), sorted(negated)

    def support_rows(self, rows: np.ndarray, alignments: list[Alignment] | None, decided_by: str) -> list[int]:
        """The pairs the accurate model is to score again for a claim the fast scores leave
        unsettled or support with the model alone (`decided_by`, the rule deciding it on them).
        Unsettled: the passage the fast model finds most entailing, where that entailment is at
        least SUPPORT_RECHECK_FLOOR and the passage's sentence about the claim holds
        SUPPORT_RECHECK_OVERLAP of its content words (a plain restatement MiniLM reads too weakly;
        a passage about something else is left alone; nothing without fact alignments).
        Supported by the model alone: each passage entailing it (SUPPORT_THRESHOLD) and each one
        whose contradiction is at least CONTESTED_ENTAILMENT, where there is one of those or where
        the most entailing passage's sentence and the claim differ in polarity. Returns indices
        into `rows`; nothing for any other claim."""
        if not self.band.supports or not len(rows):
            return []
        best = int(rows[:, ENTAIL].argmax())
        if decided_by == MODEL_ENTAILMENT:
            # Supported by the model alone with a passage reading against the claim, or from a
            # sentence that denies where the claim affirms (or the reverse): the entailing pair and
            # those against it (MiniLM entails antonyms, swapped roles and denials).
            against = [i for i in range(len(rows)) if rows[i, CONTRA] >= CONTESTED_ENTAILMENT]
            denies = bool(alignments) and alignments[best].polarity_differs  # type: ignore[index]
            if not (against or denies):
                return []
            # every pair that would support the claim on its own (overlapping passages often
            # repeat the entailing sentence), not only the best one
            supporting = [i for i in range(len(rows)) if rows[i, ENTAIL] >= SUPPORT_THRESHOLD]
            return sorted({best, *supporting, *against})
        if decided_by != NOT_SETTLED or not alignments:
            return []
        if rows[best, ENTAIL] < SUPPORT_RECHECK_FLOOR or alignments[best].overlap < SUPPORT_RECHECK_OVERLAP:
            return []
        return [best]

    def restating_rows(
        self, rows: np.ndarray, alignments: list[Alignment] | None, decided_by: str, chosen: list[int]
    ) -> list[int]:
        """For a claim the fast scores leave unsettled, the passage whose sentence holds the most of
        it (at least RESTATING_RECHECK_OVERLAP of its content words), and every other whose sentence
        holds at least RESTATED_OVERLAP of them and that the fast model reads as entailing it at
        least RESTATED_FLOOR (the RESTATED_MOST it reads as most entailing), when `chosen`
        (support_rows) does not already have them: MiniLM reads many plain restatements as
        unrelated, and the passage stating the claim is often not the one sharing most words with
        it. The accurate model's reading of these is to count only where it states the claim
        (CascadeNLI.stated)."""
        if not self.band.supports or decided_by != NOT_SETTLED or not alignments or not len(rows):
            return []
        top = max(range(len(rows)), key=lambda i: (alignments[i].overlap, rows[i, ENTAIL]))
        picked = {top} if alignments[top].overlap >= RESTATING_RECHECK_OVERLAP else set()
        # the others MiniLM leans to most, at most RESTATED_MOST of them (each costs an mpnet pass)
        others = [
            i
            for i in range(len(rows))
            if alignments[i].overlap >= RESTATED_OVERLAP
            and rows[i, ENTAIL] >= RESTATED_FLOOR
            and i not in picked
            and i not in chosen
        ]
        picked |= set(sorted(others, key=lambda i: -rows[i, ENTAIL])[:RESTATED_MOST])
        return sorted(picked - set(chosen))

    @staticmethod
    def stated(fast: np.ndarray, accurate: np.ndarray, support_threshold: float) -> np.ndarray:
        """A restating pair's scores (restating_rows): the accurate model's where they state the
        claim, else the fast model's, so this second reading never turns a claim against itself
        (re-read so, it called two true news claims false for every eight false ones it caught)."""
        import numpy

        keep = accurate[:, ENTAIL] >= support_threshold
        return numpy.where(keep[:, None], accurate, fast)


@dataclass
class SecondLook:
    """One claim's pairs the accurate model reads again (CascadeNLI.second_look), as indices into
    its pairs and into its pairs without the claim's "not"."""

    whole: bool = False  # every pair: the fast scores left the decision open
    rows: list[int] = field(default_factory=list)  # the accurate scores replace the fast ones
    affirmed: list[int] = field(default_factory=list)  # likewise, for the claim without its "not"
    restating: list[int] = field(default_factory=list)  # the accurate scores count where they state it

    def __bool__(self) -> bool:
        return bool(self.rows or self.affirmed or self.restating)


@dataclass(frozen=True)
class Margins:
    """How far one claim's fast scores are from needing a second look: the narrowest support band
    and contradiction band that would send it to the accurate model (inf: none would), and whether
    the facts and the model disagree (then any band does). Recorded, they let a benchmark try every
    band on one pair of runs (benchmarks/cascade_bands.py)."""

    support: float
    contradict: float
    disagree: bool

    def open_within(self, band: Band) -> bool:
        return self.disagree or self.support <= band.support or self.contradict <= band.contradict


def second_look_margins(
    rows: np.ndarray,
    alignments: list[Alignment] | None,
    support_threshold: float,
    contradict_threshold: float,
    affirmed: np.ndarray | None = None,
) -> Margins:
    """One claim's `Margins` from the fast model's scores of its passages (`rows`), of the same
    passages against the claim without its negation (`affirmed`), and the fact alignments."""
    inf = float("inf")
    if not len(rows):
        return Margins(inf, inf, False)
    # The best entailment close to the support threshold, on either side.
    support = abs(float(rows[:, ENTAIL].max()) - support_threshold)
    # A negated claim is contradicted when a passage entails it without its "not".
    if affirmed is not None and len(affirmed):
        support = min(support, max(support_threshold - float(affirmed[:, ENTAIL].max()), 0.0))
    # Any contradiction in view, the band reaching below the bar.
    contradict = max(contradict_threshold - float(rows[:, CONTRA].max()), 0.0)
    # The fact checks and the model disagree: a passage whose facts conflict with the claim is
    # entailed by the model, or one that gives the claim's own dates and figures is not.
    disagree = False
    for row, alignment in zip(rows, alignments or []):
        entailed = float(row[ENTAIL]) >= support_threshold
        backed = any(f.kind in BACKING_KINDS for f in alignment.agreements)
        if (alignment.conflicts and entailed) or (
            backed and not alignment.conflicts and not entailed and alignment.overlap >= AGREEMENT_OVERLAP
        ):
            disagree = True
            break
    return Margins(support, contradict, disagree)


def _reopen(fast: str | NLIModel, accurate: str | NLIModel, band: Band, backend: str) -> CascadeNLI:
    from verify.shared import shared_nli

    def model(m: str | NLIModel) -> NLIModel:
        return shared_nli(m, backend) if isinstance(m, str) else m

    return CascadeNLI(model(fast), model(accurate), band, backend)
