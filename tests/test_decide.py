from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from verify.decide import decide
from verify.retrieve import Hit
from verify.schema import Claim, Label
from verify.store import StoredPassage


def hit(n: int) -> Hit:
    passage = StoredPassage(
        id=n,
        source_id=f"src-{n}",
        start=10 * n,
        end=10 * n + 9,
        text=f"passage {n}",
        title=f"Title {n}",
        url=f"https://x.org/{n}",
        published=dt.date(2018, 8, 28),
    )
    return Hit(passage=passage, fused=1.0 / (60 + n), dense=0.5, bm25=None)


CLAIM = Claim(id="c1", claim="The appeal was rejected June 14.", desk="politics", label="supported")


@pytest.mark.parametrize(
    ("rows", "label", "decisive", "confidence"),
    [
        ([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]], Label.SUPPORTED, 0, 0.9),
        ([[0.1, 0.8, 0.1], [0.2, 0.1, 0.7]], Label.CONTRADICTED, 1, 0.7),
        # contradiction outranks an entailment of comparable strength
        ([[0.75, 0.05, 0.2], [0.05, 0.3, 0.65]], Label.CONTRADICTED, 1, 0.65),
        # ... but not a clearly stronger one
        ([[0.97, 0.02, 0.01], [0.2, 0.25, 0.55]], Label.SUPPORTED, 0, 0.97),
        # weak evidence either way
        ([[0.4, 0.5, 0.1], [0.3, 0.4, 0.3]], Label.UNKNOWN, 0, 0.6),
        ([[0.1, 0.85, 0.05]], Label.UNKNOWN, 0, 0.9),
    ],
)
def test_decision_table(rows: list[list[float]], label: Label, decisive: int, confidence: float) -> None:
    hits = [hit(i) for i in range(len(rows))]
    verdict = decide(CLAIM, hits, np.array(rows, dtype=np.float32), support_threshold=0.5, contradict_threshold=0.5)
    assert verdict.label is label
    assert verdict.confidence == pytest.approx(confidence, abs=1e-4)
    assert verdict.evidence[0].source_id == f"src-{decisive}"
    assert verdict.scores.entailment == pytest.approx(rows[decisive][0], abs=1e-4)
    assert verdict.reason


def test_verdict_cites_offsets_and_passes_fields_through() -> None:
    verdict = decide(CLAIM, [hit(1), hit(2)], np.array([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1]]), max_evidence=1)
    dumped = verdict.model_dump(mode="json")
    assert dumped["desk"] == "politics" and dumped["input_label"] == "supported" and dumped["label"] == "supported"
    assert len(verdict.evidence) == 1
    ev = dumped["evidence"][0]
    assert (ev["start"], ev["end"], ev["title"], ev["url"], ev["published"]) == (
        10,
        19,
        "Title 1",
        "https://x.org/1",
        "2018-08-28",
    )
    assert "10-19" in verdict.reason and "Title 1" in verdict.reason


def test_no_passages_is_unknown() -> None:
    verdict = decide(CLAIM, [], np.zeros((0, 3)))
    assert verdict.label is Label.UNKNOWN and verdict.evidence == []


def test_sources_that_disagree_are_both_cited_and_flagged() -> None:
    hits = [hit(1), hit(2), hit(3)]
    probs = np.array([[0.1, 0.1, 0.8], [0.2, 0.7, 0.1], [0.7, 0.2, 0.1]])
    verdict = decide(CLAIM, hits, probs, max_evidence=2)
    assert verdict.label is Label.CONTRADICTED and verdict.disputed
    assert [e.source_id for e in verdict.evidence] == ["src-1", "src-3"]
    assert "sources disagree" in verdict.reason


def test_same_source_passages_do_not_count_as_a_dispute() -> None:
    hits = [hit(1), hit(1)]
    verdict = decide(CLAIM, hits, np.array([[0.1, 0.1, 0.8], [0.7, 0.2, 0.1]]))
    assert verdict.label is Label.CONTRADICTED and not verdict.disputed


def test_a_source_does_not_contradict_its_own_better_matching_passage() -> None:
    from verify.checks import CheckResult

    probs = np.array([[0.03, 0.1, 0.86], [0.95, 0.01, 0.04]])  # passage 0 is about another event
    checks = [CheckResult(overlap=0.5, sentence="..."), CheckResult(overlap=0.9, sentence="...")]
    same = decide(CLAIM, [hit(1), hit(1)], probs, checks)
    assert same.label is Label.SUPPORTED and same.scores.entailment == pytest.approx(0.95, abs=1e-4)
    # As well matched, it still contradicts; from another source it is a dispute, still reported.
    even = decide(CLAIM, [hit(1), hit(1)], probs, [checks[1], checks[1]])
    assert even.label is Label.CONTRADICTED
    other = decide(CLAIM, [hit(1), hit(2)], probs, checks)
    assert other.label is Label.CONTRADICTED and other.disputed


def test_default_threshold_wants_a_confident_contradiction() -> None:
    probs = np.array([[0.1, 0.3, 0.6]])
    assert decide(CLAIM, [hit(1)], probs).label is Label.UNKNOWN
    assert decide(CLAIM, [hit(1)], np.array([[0.05, 0.1, 0.85]])).label is Label.CONTRADICTED


def test_fact_conflict_decides_unless_another_passage_agrees() -> None:
    from verify.checks import CheckResult, Finding

    clash = CheckResult(0.9, "rejected on June 14.", [Finding("date", False, "June 15", "2018-06-14")])
    agree = CheckResult(0.8, "rejected on June 15.", [Finding("date", True, "June 15", "2018-06-15")])
    probs = np.array([[0.8, 0.1, 0.1], [0.7, 0.2, 0.1]])
    verdict = decide(CLAIM, [hit(1), hit(2)], probs, [clash, CheckResult(0.2, "x")])
    assert verdict.label is Label.CONTRADICTED and verdict.reason.startswith("date differs: claim June 15")
    assert decide(CLAIM, [hit(1), hit(2)], probs, [clash, agree]).label is Label.SUPPORTED


def test_a_fact_conflict_counts_when_the_sentence_holds_the_claim_even_if_the_model_shrugs() -> None:
    from verify.checks import CheckResult, Finding

    probs = np.array([[0.02, 0.97, 0.01]])  # the model calls an unreported date merely "neutral"
    finding = [Finding("date", False, "November 2018", "2018-08-14")]
    same_event = CheckResult(1.0, "the privacy policy was updated on August 14, 2018.", finding)
    assert decide(CLAIM, [hit(1)], probs, [same_event]).label is Label.CONTRADICTED
    loosely = CheckResult(0.5, "the privacy policy was updated on August 14, 2018.", finding)
    assert decide(CLAIM, [hit(1)], probs, [loosely]).label is Label.UNKNOWN  # too little in common


def test_negation_probe() -> None:
    from verify.checks import CheckResult

    negated = Claim(id="n", claim="The appeal was not rejected.")
    probs = np.array([[0.3, 0.4, 0.3]])
    affirmed = np.array([[0.9, 0.05, 0.05]])
    plain = CheckResult(0.9, "The appeal was rejected on June 14.")
    verdict = decide(negated, [hit(1)], probs, [plain], affirmed)
    assert verdict.label is Label.CONTRADICTED and verdict.reason.startswith("negation differs")
    # When the source sentence is itself negated the model's reading of "not" is not trusted.
    also_negated = CheckResult(0.9, "The appeal was not rejected on June 14.")
    assert decide(negated, [hit(1)], probs, [also_negated], affirmed).label is Label.UNKNOWN
