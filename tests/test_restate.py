"""What the NLI model reads (verify.facts.restate): the claim with the facts the fact layer matched
in the passage's words, and the passage without an emphasis the model misreads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from verify.facts.align import check_text
from verify.facts.restate import denial_candidate, plain_figures, restated_claim
from verify.pipeline import Verifier
from verify.schema import Label
from verify.sources import make_source

FIRE = (
    "KETTLE PEAK — The Tamsin Ridge Fire in the Kettle Peak National Forest grew to 14,000 acres on Thursday.\n\n"
    "Campfires have been banned in the national forest since June."
)
AUG_7 = dt.date(2025, 8, 7)
MEASLES = (
    "DUNMORE — Measles cases linked to an outbreak in Ashford County rose to 47 on Wednesday.\n\n"
    "Last year the county recorded just three measles cases, all of them linked to travel abroad."
)
APRIL_11 = dt.date(2024, 4, 11)


def test_a_date_the_sentence_gives_without_its_year_and_a_place_by_its_kind_are_read_as_the_sentence_has_them() -> None:
    claim = "Campfires have been prohibited in the Kettle Peak National Forest since June 2025."
    # the year is the article's; the forest is the only one the story names, and "the" is not doubled
    assert restated_claim(claim, check_text(claim, FIRE, AUG_7)) == (
        "Campfires have been prohibited in the national forest since June."
    )
    # another month is not swapped: the model still reads it against the passage's
    wrong = claim.replace("June", "May")
    assert "May 2025" in restated_claim(wrong, check_text(wrong, FIRE, AUG_7))
    # nor a name where the story names another forest
    two = FIRE.replace("on Thursday.", "on Thursday, and crossed into the Harlan National Forest.")
    assert "Kettle Peak National Forest" in restated_claim(claim, check_text(claim, two, AUG_7))


def test_an_emphasis_before_a_matched_figure_is_left_out_of_what_the_model_reads() -> None:
    claim = "Ashford County had only three measles cases last year."
    aligned = check_text(claim, MEASLES, APRIL_11)
    assert ("quantity", True) in [(f.kind, f.agrees) for f in aligned.findings]
    assert plain_figures(MEASLES, 0, aligned) == MEASLES.replace("just three", "three")
    assert "had three measles cases" in restated_claim(claim, aligned)
    # offsets count from the passage's start in its source
    tail = MEASLES[MEASLES.index("Last year") :]
    assert plain_figures(tail, MEASLES.index("Last year"), aligned) == tail.replace("just three", "three")
    # a figure the claim does not match keeps its wording, and so does a comparator's "just over"
    other = "Ashford County had four measles cases last year."
    assert plain_figures(MEASLES, 0, check_text(other, MEASLES, APRIL_11)) == MEASLES
    over = MEASLES.replace("just three", "just over 40")
    more = "Ashford County had more than 40 measles cases last year."
    assert plain_figures(over, 0, check_text(more, over, APRIL_11)) == over


@pytest.mark.slow  # the shipped mpnet (the cascade's accurate model) verifies the claim
def test_the_model_reads_a_figure_said_with_emphasis_as_the_plain_figure(tmp_path: Path) -> None:
    """The shipped mpnet reads "recorded just three measles cases" against "had three measles
    cases" as a contradiction (0.92) and without the "just" as an entailment (0.92). With the figure
    matched by the fact layer it reads the passage without the "just": the passage entails the claim
    (without it, the verdict rested on the matched figure alone, against the model's 0.75
    contradiction)."""
    v = Verifier(tmp_path / "idx", seeds_dir=None, nli_model="accurate")
    v.add(make_source(MEASLES, {"id": "measles", "published": APRIL_11.isoformat()}, "measles", None))
    verdict = v.verify(
        "Ashford County had three measles cases last year, and every one of them was tied to foreign travel."
    )
    assert verdict.label is Label.SUPPORTED, verdict.reason
    scores = verdict.evidence[0].scores
    assert scores.entailment > scores.contradiction, scores


CLASSROOMS = (
    "DUNMORE — The county's measles outbreak grew to 47 cases on Wednesday.\n\n"
    "Dr. Renata Solis said the department would not release the names of the exposed classrooms, citing privacy "
    "rules."
)


def test_the_passage_that_may_deny_the_claim_is_read_without_its_not() -> None:
    claim = "Renata Solis said the department would release the names of the exposed classrooms."
    aligned = check_text(claim, CLASSROOMS, APRIL_11)
    found = denial_candidate(claim, [(CLASSROOMS, 0)], [aligned])
    assert found == (0, CLASSROOMS.replace("would not release", "would release"))
    # a claim with a negation of its own is negated_claim's, not this
    negated = "Renata Solis said the department would not release the names of the exposed classrooms."
    assert denial_candidate(negated, [(CLASSROOMS, 0)], [check_text(negated, CLASSROOMS, APRIL_11)]) is None
    # a "not ... until" sets a condition: without the "not" it is no claim of anyone's
    until = CLASSROOMS.replace("citing privacy rules", "until every family has been told")
    assert denial_candidate(claim, [(until, 0)], [check_text(claim, until, APRIL_11)]) is None
    # nor does a "not only", which adds rather than denies
    also = CLASSROOMS.replace("would not release", "would not only release").replace(", citing", " but also list")
    assert denial_candidate(claim, [(also, 0)], [check_text(claim, also, APRIL_11)]) is None
    # a sentence that holds little of the claim is about something else
    other = "The state closed the Dunmore schools after cases at two of them."
    assert denial_candidate(other, [(CLASSROOMS, 0)], [check_text(other, CLASSROOMS, APRIL_11)]) is None
