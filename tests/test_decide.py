from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from verify.config import FACT_CONFLICT_CONFIDENCE
from verify.decide import decide
from verify.facts.align import Alignment, Finding
from verify.facts.model import Fact, TextFacts
from verify.retrieve import Hit
from verify.schema import Claim, Label
from verify.store import StoredPassage


def hit(n: int, text: str | None = None) -> Hit:
    passage = StoredPassage(
        id=n,
        source_id=f"src-{n}",
        start=10 * n,
        end=10 * n + 9 if text is None else 10 * n + len(text),
        text=f"passage {n}" if text is None else text,
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
    # The reason is a sentence naming the source and its date; offsets stay in their fields.
    assert verdict.reason.startswith("The source (Title 1, 28 Aug 2018) states it") and "10-19" not in verdict.reason


def test_an_unknown_verdict_quotes_the_closest_sentence() -> None:
    passage = hit(1, "Telegram's lawyers filed an appeal. The company has offices in Dubai.")
    verdict = decide(CLAIM, [passage], np.array([[0.1, 0.85, 0.05]]))
    assert verdict.label is Label.UNKNOWN
    assert verdict.reason.startswith("No source in the index states or contradicts this; the closest is the source")
    assert "\u201cTelegram's lawyers filed an appeal." in verdict.reason


def test_a_quote_mark_the_sentence_before_closes_is_not_quoted() -> None:
    # the parser leaves the closing mark of '"We will appeal," she said."' at the next sentence's start
    text = '" The appeal was rejected on June 14.'
    passage = hit(1, text)
    alignment = Alignment(1.0, (10, 10 + len(text)))
    verdict = decide(CLAIM, [passage], np.array([[0.9, 0.05, 0.05]]), [alignment])
    assert "\u201cThe appeal was rejected on June 14.\u201d" in verdict.reason


def test_an_agreeing_fact_from_another_sentence_is_quoted_with_it() -> None:
    text = "The schools will remain closed Wednesday, Chu said. He said a decision about Thursday would be made later."
    thursday = Finding("date", True, "Thursday", "Thursday", 62, 70, (52, 52 + 56), "16 January 2025")
    alignment = Alignment(0.7, (0, 51), [thursday])
    claim = Claim(id="c2", claim="Chu said the schools will reopen on Thursday.")
    verdict = decide(claim, [hit(0, text)], np.array([[0.9, 0.05, 0.05]]), [alignment])
    assert verdict.label is Label.SUPPORTED
    assert "Thursday (16 January 2025), in \u201cHe said a decision about Thursday would be made later.\u201d" in (
        verdict.reason
    )


def test_a_long_quote_is_cut_at_a_words_end() -> None:
    text = (
        "Under the agreement, Millbrook General will pay $48 million toward St. Anne's outstanding bond debt "
        "and will invest a further $30 million over five years in a new emergency department at St. Anne's, "
        "which has 180 licensed beds and a helipad."
    )
    verdict = decide(CLAIM, [hit(1, text)], np.array([[0.1, 0.85, 0.05]]))
    quoted = verdict.reason.split("\u201c", 1)[1]
    assert quoted.endswith("\u2026\u201d") or quoted.endswith("\u2026")
    last = quoted.rstrip("\u201d").rstrip("\u2026").split()[-1]
    assert last in text.split(), last  # a whole word, not "licens"


def test_no_passages_is_unknown() -> None:
    verdict = decide(CLAIM, [], np.zeros((0, 3)))
    assert verdict.label is Label.UNKNOWN and verdict.evidence == []


def test_sources_that_disagree_are_both_cited_and_flagged() -> None:
    hits = [hit(1), hit(2), hit(3)]
    probs = np.array([[0.02, 0.03, 0.95], [0.2, 0.7, 0.1], [0.85, 0.1, 0.05]])
    verdict = decide(CLAIM, hits, probs, max_evidence=2)
    assert verdict.label is Label.CONTRADICTED and verdict.disputed
    assert [e.source_id for e in verdict.evidence] == ["src-1", "src-3"]
    assert "But the source (Title 3, 28 Aug 2018) states it" in verdict.reason


def test_same_source_passages_do_not_count_as_a_dispute() -> None:
    hits = [hit(1), hit(1)]
    verdict = decide(CLAIM, hits, np.array([[0.02, 0.03, 0.95], [0.7, 0.2, 0.1]]))
    assert verdict.label is Label.CONTRADICTED and not verdict.disputed


def aligned(overlap: float, *findings: Finding) -> Alignment:
    return Alignment(overlap, (0, 9), list(findings))


def test_a_source_does_not_contradict_its_own_better_matching_passage() -> None:
    probs = np.array([[0.03, 0.02, 0.95], [0.96, 0.01, 0.03]])  # passage 0 is about another event
    checks = [aligned(0.5), aligned(0.9)]
    same = decide(CLAIM, [hit(1), hit(1)], probs, checks)
    assert same.label is Label.SUPPORTED and same.scores.entailment == pytest.approx(0.96, abs=1e-4)
    # As well matched, it still contradicts; from another source it is a dispute, still reported.
    even = decide(CLAIM, [hit(1), hit(1)], probs, [checks[1], checks[1]])
    assert even.label is Label.CONTRADICTED
    other = decide(CLAIM, [hit(1), hit(2)], probs, checks)
    assert other.label is Label.CONTRADICTED and other.disputed


def test_a_passage_silent_on_or_confirming_the_figures_its_source_confirms_does_not_contradict() -> None:
    """As well matched, but it says nothing of the claim's date where the entailing passage of the
    same source confirms it: it is about something else."""
    probs = np.array([[0.01, 0.02, 0.97], [0.97, 0.01, 0.02]])
    june = date(True, "June 14", "June 14")
    silent = decide(CLAIM, [hit(1), hit(1)], probs, [aligned(0.6), aligned(0.6, june)])
    assert silent.label is Label.SUPPORTED
    # nor does one that confirms the same date: the model there misreads what the facts settle
    # ("a finalist ... two years later", after "in 2001" in the sentence before, for "in 2003")
    confirms = decide(CLAIM, [hit(1), hit(1)], probs, [aligned(0.6, june), aligned(0.6, june)])
    assert confirms.label is Label.SUPPORTED
    # another source's passage that confirms the date and reads against the claim is a dispute
    other = decide(CLAIM, [hit(2), hit(1)], probs, [aligned(0.6, june), aligned(0.6, june)])
    assert other.label is Label.CONTRADICTED and other.disputed


def test_default_threshold_wants_a_confident_contradiction() -> None:
    assert decide(CLAIM, [hit(1)], np.array([[0.1, 0.3, 0.6]])).label is Label.UNKNOWN
    assert decide(CLAIM, [hit(1)], np.array([[0.05, 0.1, 0.85]])).label is Label.UNKNOWN
    assert decide(CLAIM, [hit(1)], np.array([[0.02, 0.03, 0.95]])).label is Label.CONTRADICTED


def date(agrees: bool, claim: str, source: str) -> Finding:
    return Finding("date", agrees, claim, source, 3, 3 + len(source), (0, 9), source)


def test_fact_conflict_decides_unless_another_passage_agrees() -> None:
    clash = aligned(0.9, date(False, "June 15", "June 14"))
    agree = aligned(0.8, date(True, "June 15", "June 15"))
    probs = np.array([[0.8, 0.1, 0.1], [0.7, 0.2, 0.1]])
    verdict = decide(CLAIM, [hit(1), hit(2)], probs, [clash, aligned(0.2)])
    assert verdict.label is Label.CONTRADICTED
    assert "gives the date as June 14; the claim says June 15" in verdict.reason
    assert [(f.kind, f.agrees, f.claim, f.source, f.start) for f in verdict.findings] == [
        ("date", False, "June 15", "June 14", 3)
    ]
    assert decide(CLAIM, [hit(1), hit(2)], probs, [clash, agree]).label is Label.SUPPORTED


def overlapping(n: int, source: str, start: int, text: str) -> Hit:
    """Passage n of `source`, at `start` in its text: chunks of one article overlap."""
    passage = StoredPassage(n, source, start, start + len(text), text, "Title", None, dt.date(2025, 5, 1))
    return Hit(passage=passage, fused=1.0 / (60 + n), dense=0.5, bm25=None)


def test_an_agreement_yields_to_an_overlapping_passage_that_read_the_same_figure_in_more_context() -> None:
    """Passage 0 ends with the union's ask, "6 percent", and agrees; passage 1 holds that very
    sentence and the next, "The board offered 4 percent", and finds the claim's figure to be 4."""
    claim = Claim(id="c", claim="The board offered drivers a 6 percent raise.")
    ask = "The union had asked for a 6 percent raise."
    hits = [
        overlapping(0, "talks", 0, "Enrollment fell. " + ask),
        overlapping(1, "talks", 17, ask + " The board offered 4 percent."),
    ]
    six = Finding("percent", True, "6 percent", "6 percent", 45, 54, (17, 59))
    four = Finding("percent", False, "6 percent", "4 percent", 77, 86, (60, 88))
    probs = np.array([[0.5, 0.1, 0.4], [0.7, 0.1, 0.2]])
    verdict = decide(claim, hits, probs, [aligned(0.6, six), aligned(0.6, four)])
    assert verdict.label is Label.CONTRADICTED and verdict.evidence[0].start == 17
    # a passage that does not hold the agreeing words (another source's) still outranks the conflict
    hits[0] = overlapping(0, "other-article", 0, "Enrollment fell. " + ask)
    assert decide(claim, hits, probs, [aligned(0.6, six), aligned(0.6, four)]).label is not Label.CONTRADICTED


def test_a_fact_conflict_counts_when_the_sentence_holds_the_claim_even_if_the_model_shrugs() -> None:
    probs = np.array([[0.02, 0.97, 0.01]])  # the model calls an unreported date merely "neutral"
    finding = date(False, "November 2018", "August 14, 2018")
    shrugged = decide(CLAIM, [hit(1)], probs, [aligned(1.0, finding)])
    assert shrugged.label is Label.CONTRADICTED
    # The facts decided it: its confidence is not the model's 1 - P(neutral) = 0.03.
    assert shrugged.confidence == FACT_CONFLICT_CONFIDENCE
    assert decide(CLAIM, [hit(1)], probs, [aligned(0.5, finding)]).label is Label.UNKNOWN  # too little in common


@pytest.mark.parametrize(
    ("verb", "another_party", "label"),
    [
        ("reject", False, Label.CONTRADICTED),  # the passage dates the claim's own act otherwise
        ("say", False, Label.UNKNOWN),  # a mayor "said" many things on many days
        ("reject", True, Label.UNKNOWN),  # another body's rejection dates nothing of the claim's
    ],
)
def test_a_date_of_the_claims_own_act_counts_though_the_sentence_shares_little(
    verb: str, another_party: bool, label: Label
) -> None:
    """'On March 20, the Supreme Court turned the request down.' against 'Russia's Supreme Court
    rejected Telegram's request in June 2018': half the claim's words, and the model reads it as
    unrelated, but it dates the very act the claim dates."""
    probs = np.array([[0.01, 0.97, 0.02]])
    finding = date(False, "June 2018", "March 20")
    claim_date = Fact("date", "June 2018", 60, 69, (0, 70), verb=verb)
    alignment = Alignment(0.5, (0, 9), [finding], another_party=another_party)
    verdict = decide(CLAIM, [hit(1)], probs, [alignment], claim_facts=TextFacts([claim_date]))
    assert verdict.label is label


def test_facts_that_all_agree_outweigh_a_model_contradiction() -> None:
    """The model calls plain restatements contradictions; a passage that confirms every date and
    figure of the claim, with nothing against it, keeps the claim from being called false."""
    facts = TextFacts(facts=[Fact("date", "June 14", 24, 31, (0, 32), first="--06-14", last="--06-14")])
    confirmed = aligned(0.7, date(True, "June 14", "June 14"))
    leaning_no = np.array([[0.03, 0.02, 0.95]])
    verdict = decide(CLAIM, [hit(1)], leaning_no, [confirmed], claim_facts=facts)
    assert verdict.label is Label.UNKNOWN and "check it by hand" in verdict.reason
    leaning_yes = np.array([[0.45, 0.3, 0.25]])
    assert decide(CLAIM, [hit(1)], leaning_yes, [confirmed], claim_facts=facts).label is Label.SUPPORTED
    # without the claim's facts the rule has nothing to confirm, and the model decides
    assert decide(CLAIM, [hit(1)], leaning_no, [confirmed]).label is Label.CONTRADICTED


def test_a_close_restatement_with_every_fact_is_supported_whatever_the_model_reads() -> None:
    """A sentence holding nearly all of the claim (CLOSE_RESTATEMENT), with its date, and the same
    polarity, states it: the model's contradiction there is its shortcut, at no more than even odds."""
    facts = TextFacts(facts=[Fact("date", "June 14", 24, 31, (0, 32), first="--06-14", last="--06-14")])
    leaning_no = np.array([[0.3, 0.15, 0.55]])
    close = aligned(0.9, date(True, "June 14", "June 14"))
    verdict = decide(CLAIM, [hit(1)], leaning_no, [close], claim_facts=facts)
    assert verdict.label is Label.SUPPORTED and verdict.confidence == pytest.approx(0.5)
    # one "not" more on one side: the words agree, the sense may not
    denied = Alignment(0.9, (0, 9), [date(True, "June 14", "June 14")], polarity_differs=True)
    assert decide(CLAIM, [hit(1)], leaning_no, [denied], claim_facts=facts).label is Label.UNKNOWN


def test_a_passage_silent_on_a_figure_another_source_confirms_contradicts_nothing() -> None:
    """Another match's "sellout crowd of 14,500" says nothing of the claim's crowd of 18,650, which
    another source gives: the model's contradiction there is about another event."""
    claim = Claim(id="c", claim="The crowd of 18,650 was a sellout.")
    facts = TextFacts(facts=[Fact("quantity", "18,650", 13, 19, (0, 34), value=18650.0, unit="crowd")])
    elsewhere = aligned(1.0)  # the other match: no finding on 18,650
    crowd = aligned(0.5, Finding("quantity", True, "18,650", "18,650", 3, 9, (0, 9)))
    probs = np.array([[0.01, 0.0, 0.99], [0.11, 0.36, 0.53]])
    hits = [hit(1, "The final drew a sellout crowd to Centre Court."), hit(2, "The crowd of 18,650 rose.")]
    verdict = decide(claim, hits, probs, [elsewhere, crowd], claim_facts=facts)
    assert verdict.label is Label.UNKNOWN
    # where no passage gives the claim's figure, the contradiction stands
    alone = decide(claim, hits, probs, [elsewhere, aligned(0.5)], claim_facts=facts)
    assert alone.label is Label.CONTRADICTED


def test_a_contradiction_resting_on_figures_the_checks_found_unlike_is_not_the_models_call() -> None:
    """ "About 900 people spent Wednesday night in the shelters" for "About 300 ... in the shelter at
    Tessaly Community College": the checks compare no figure (the sentence's count is of every
    shelter), and the model's contradiction rests on that count alone."""
    claim = Claim(id="c", claim="About 300 people spent Wednesday night in the shelter at Tessaly Community College.")
    facts = TextFacts(facts=[Fact("quantity", "About 300", 0, 9, (0, 80), value=300.0, unit="person")])
    probs = np.array([[0.0, 0.02, 0.98]])
    shelters = hit(1, "About 900 people spent Wednesday night in the shelters.")
    counted = Alignment(0.6, (0, 9), [], given=frozenset({"quantity", "date"}))
    assert decide(claim, [shelters], probs, [counted], claim_facts=facts).label is Label.UNKNOWN
    # a passage with no figure at all: the model reads words, and its contradiction stands
    closed = hit(1, "The shelter at Tessaly Community College never opened.")
    assert decide(claim, [closed], probs, [aligned(0.6)], claim_facts=facts).label is Label.CONTRADICTED


def test_a_claim_date_no_source_can_place_is_not_a_fact_to_confirm() -> None:
    """ "last year" in a claim has no day of its own to compare: a passage confirming the claim's
    count confirms all it can, and the model's contradiction does not call the claim false."""
    claim = Claim(id="c", claim="The county had only three measles cases last year.")
    facts = TextFacts(
        facts=[
            Fact("quantity", "only three", 15, 25, (0, 50), value=3.0, unit="case"),
            Fact("date", "last year", 40, 49, (0, 50)),
        ]
    )
    three = Finding("quantity", True, "only three", "just three", 30, 40, (0, 9))
    verdict = decide(claim, [hit(1)], np.array([[0.04, 0.01, 0.95]]), [aligned(0.64, three)], claim_facts=facts)
    assert verdict.label is Label.UNKNOWN and "check it by hand" in verdict.reason


def test_two_agreeing_figures_keep_a_model_contradiction_from_deciding() -> None:
    """ "pitched the first six innings, striking out eight" shares half the words of "struck out
    eight ... in his six innings", but both figures agree: the model's 0.90 contradiction yields."""
    claim = Claim(id="c", claim="Marchetti struck out eight batters in his six innings.")
    facts = TextFacts(
        facts=[
            Fact("quantity", "eight", 21, 26, (0, 55), value=8.0, unit="batter"),
            Fact("quantity", "six", 42, 45, (0, 55), value=6.0, unit="inning"),
        ]
    )
    both = aligned(
        0.5,
        Finding("quantity", True, "eight", "eight", 95, 100, (0, 117), own=True),
        Finding("quantity", True, "six", "six", 69, 72, (0, 117), own=True),
    )
    against = np.array([[0.09, 0.01, 0.90]])
    assert decide(claim, [hit(1)], against, [both], claim_facts=facts).label is Label.UNKNOWN
    one = aligned(0.5, Finding("quantity", True, "eight", "eight", 95, 100, (0, 117), own=True))
    assert decide(claim, [hit(1)], against, [one], claim_facts=facts).label is Label.CONTRADICTED


def test_agreeing_figures_do_not_back_a_claim_whose_day_the_passage_does_not_give() -> None:
    """ "The two state epidemiologists arrived on Monday" against "has sent two epidemiologists":
    the count agrees, the day is nowhere, so the facts back only part of the claim."""
    claim = Claim(id="c", claim="The two state epidemiologists arrived in Kestrel Bay on Monday.")
    two = Fact("quantity", "two", 4, 7, (0, 63), value=2.0, unit="epidemiologist")
    monday = Fact("date", "Monday", 56, 62, (0, 63), weekday=0)
    count = aligned(0.7, Finding("quantity", True, "two", "two", 40, 43, (0, 90), own=True))
    leaning = np.array([[0.30, 0.45, 0.25]])
    dated = decide(claim, [hit(1)], leaning, [count], claim_facts=TextFacts(facts=[two, monday]))
    assert dated.label is Label.UNKNOWN
    undated = decide(claim, [hit(1)], leaning, [count], claim_facts=TextFacts(facts=[two]))
    assert undated.label is Label.SUPPORTED


def test_negation_probe() -> None:
    negated = Claim(id="n", claim="The appeal was not rejected.")
    probs = np.array([[0.3, 0.4, 0.3]])
    affirmed = np.array([[0.9, 0.05, 0.05]])
    one = hit(1, "The appeal was rejected on June 14.")
    verdict = decide(negated, [one], probs, [Alignment(0.9, (10, 45))], affirmed)
    assert verdict.label is Label.CONTRADICTED and "states the opposite" in verdict.reason
    # When the source sentence is itself negated the model's reading of "not" is not trusted.
    also = hit(1, "The appeal was not rejected on June 14.")
    assert decide(negated, [also], probs, [Alignment(0.9, (10, 49))], affirmed).label is Label.UNKNOWN


def test_a_first_in_history_is_a_never_before() -> None:
    """ "The recall is the first in the cooperative's history" says "never before" without a "not": the
    model's reading of the claim without its "never" is not trusted against it either."""
    never = Claim(id="n", claim="The cooperative had never issued a recall before.")
    probs = np.array([[0.43, 0.06, 0.51]])
    affirmed = np.array([[0.97, 0.02, 0.01]])
    first = hit(1, "The recall is the first in the cooperative's history.")
    assert decide(never, [first], probs, [Alignment(0.5, (10, 63))], affirmed).label is Label.UNKNOWN
    other = hit(1, "The recall is the cooperative's third since 2019.")
    assert decide(never, [other], probs, [Alignment(0.5, (10, 59))], affirmed).label is Label.CONTRADICTED


def test_a_date_of_the_claims_own_verb_outranks_an_agreement_of_another_verb() -> None:
    # "opened ... on Tuesday" against the claim's "opened ... on Wednesday"; another passage's
    # "canceled classes on Wednesday" matches the day but is another event
    clash = aligned(0.8, date(False, "Wednesday", "Tuesday"))
    other_event = aligned(0.4, Finding("date", True, "Wednesday", "Wednesday", 3, 12, (0, 9), "", own=False))
    probs = np.array([[0.47, 0.04, 0.49], [0.10, 0.50, 0.40]])
    assert decide(CLAIM, [hit(1), hit(2)], probs, [clash, other_event]).label is Label.CONTRADICTED
    # an agreement of the claim's own verb still stands against it, and so does any agreement
    # where the conflicting sentence does not restate the claim
    own_event = aligned(0.4, date(True, "Wednesday", "Wednesday"))
    assert decide(CLAIM, [hit(1), hit(2)], probs, [clash, own_event]).label is not Label.CONTRADICTED
    weak_clash = aligned(0.5, date(False, "Wednesday", "Tuesday"))
    assert decide(CLAIM, [hit(1), hit(2)], probs, [weak_clash, other_event]).label is not Label.CONTRADICTED
    # nor does it outrank an agreement in a sentence that restates more of the claim
    closer = aligned(0.9, Finding("date", True, "Wednesday", "Wednesday", 3, 12, (0, 9), "", own=False))
    assert decide(CLAIM, [hit(1), hit(2)], probs, [clash, closer]).label is not Label.CONTRADICTED


def test_an_agreement_in_a_passage_about_another_party_does_not_stand_against_a_conflict() -> None:
    # "the Moscow City Court ... rejected on June 14" matches the claim's month but names another
    # court in the claim's court's place: it confirms nothing about the claim's event
    clash = aligned(0.8, date(False, "June 2018", "March 20"))
    rival = Finding("name", False, "Supreme Court", "the Moscow City Court", 40, 61, (0, 70))
    elsewhere = aligned(0.8, date(True, "June 2018", "June 14"), rival)
    probs = np.array([[0.1, 0.3, 0.6], [0.1, 0.3, 0.6]])
    verdict = decide(CLAIM, [hit(1), hit(2)], probs, [clash, elsewhere])
    assert verdict.label is Label.CONTRADICTED and "gives the date as March 20" in verdict.reason
    # the same agreement from a passage about the claim's own court still stands
    own_court = aligned(0.8, date(True, "June 2018", "June 14"))
    assert decide(CLAIM, [hit(1), hit(2)], probs, [clash, own_court]).label is not Label.CONTRADICTED


def test_a_passage_about_another_partys_act_supports_nothing() -> None:
    # The model entails "the Supreme Court rejected ..." from "the Moscow City Court ... rejected
    # ...": that passage tells of another court; a weaker entailment of the claim's own party stands.
    other = Alignment(0.8, (0, 9), [], another_party=True)
    probs = np.array([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]])
    assert decide(CLAIM, [hit(1), hit(2)], probs, [other, aligned(0.5)]).label is Label.UNKNOWN
    probs = np.array([[0.9, 0.05, 0.05], [0.7, 0.2, 0.1]])
    verdict = decide(CLAIM, [hit(1), hit(2)], probs, [other, aligned(0.5)])
    assert verdict.label is Label.SUPPORTED and verdict.evidence[0].source_id == "src-2"


def test_a_sentence_about_another_partys_act_gives_its_figures_not_the_claims() -> None:
    # "Nathan Whitlock ... had lived in the house for 11 years" for "Gail Sorensen has lived next
    # door for more than 20 years": another name in the claim's party's place, so the 11 years are
    # his; a side or a vote given wrongly there is still the claim's own matter
    years = Finding("duration", False, "more than 20 years", "11 years", 3, 11, (0, 9))
    taken = Alignment(0.6, (0, 9), [years], slot_taken=True)
    probs = np.array([[0.06, 0.52, 0.42]])
    assert decide(CLAIM, [hit(1)], probs, [taken]).label is Label.UNKNOWN
    assert decide(CLAIM, [hit(1)], probs, [Alignment(0.6, (0, 9), [years])]).label is Label.CONTRADICTED
    side = Finding("role", False, "Hale as the winner", "Hale", 3, 7, (0, 9), "as the one beaten")
    assert decide(CLAIM, [hit(1)], probs, [Alignment(0.6, (0, 9), [side], slot_taken=True)]).label is Label.CONTRADICTED


def test_a_sentence_with_the_opposite_outcome_supports_nothing() -> None:
    # "The county board had rejected a similar plan in January" under the title "Council approves
    # ferry subsidy": both models entail "the board approved the plan in January", the date agrees.
    facts = TextFacts(facts=[Fact("date", "January", 0, 7, (0, 9), first="--01", last="--01")])
    probs = np.array([[0.94, 0.01, 0.05]])
    opposed = Alignment(0.9, (0, 9), [date(True, "January", "January")], opposed_verb=True)
    verdict = decide(CLAIM, [hit(1)], probs, [opposed], claim_facts=facts)
    assert verdict.label is Label.UNKNOWN and "does not clearly state the claim" in verdict.reason
    assert decide(CLAIM, [hit(1)], probs, [opposed]).label is Label.UNKNOWN  # nor by the model alone
    plain = Alignment(0.9, (0, 9), [date(True, "January", "January")])
    assert decide(CLAIM, [hit(1)], probs, [plain], claim_facts=facts).label is Label.SUPPORTED
    # the model reads that sentence as a contradiction: the agreeing date does not hold it back
    # ("All 58 Republicans present voted for the bill" for "... voted against the bill")
    against = np.array([[0.0, 0.0, 1.0]])
    verdict = decide(CLAIM, [hit(1)], against, [opposed], claim_facts=facts)
    assert verdict.label is Label.CONTRADICTED
    assert decide(CLAIM, [hit(1)], against, [plain], claim_facts=facts).label is Label.UNKNOWN


def test_a_clause_denying_the_claim_lets_a_confident_contradiction_stand() -> None:
    # "a $900,000 grant, which had not been part of the spring plan" for "The $900,000 grant was
    # part of the spring plan": the sum agrees, the clause that restates the claim is negated.
    facts = TextFacts(facts=[Fact("money", "$900,000", 4, 12, (0, 9), value=900000.0)])
    agree = Finding("money", True, "$900,000", "$900,000", 3, 11, (0, 9))
    against = np.array([[0.03, 0.02, 0.95]])
    denied = Alignment(0.85, (0, 9), [agree], polarity_differs=True, denies=True)
    assert decide(CLAIM, [hit(1)], against, [denied], claim_facts=facts).label is Label.CONTRADICTED
    # the same scores against a clause that restates the claim as written: the figures hold it back
    plain = Alignment(0.85, (0, 9), [agree])
    assert decide(CLAIM, [hit(1)], against, [plain], claim_facts=facts).label is Label.UNKNOWN
    # a denial the model reads only weakly decides nothing
    weak = np.array([[0.3, 0.2, 0.5]])
    assert decide(CLAIM, [hit(1)], weak, [denied], claim_facts=facts).label is not Label.CONTRADICTED


def test_a_passage_that_leaves_the_matter_open_settles_nothing() -> None:
    # "He did not say whether the state would support limits on phones": the model reads it either way
    left = Alignment(0.7, (0, 9), [], left_open=(0, 9))
    for probs in (np.array([[0.9, 0.05, 0.05]]), np.array([[0.02, 0.03, 0.95]])):
        verdict = decide(CLAIM, [hit(1)], probs, [left])
        assert verdict.label is Label.UNKNOWN and "leaves this open" in verdict.reason
        assert decide(CLAIM, [hit(1)], probs, [aligned(0.7)]).label is not Label.UNKNOWN


def test_a_model_contradicting_a_claim_and_its_denial_is_not_trusted() -> None:
    # "Jurors acquitted him of first-degree murder": mpnet contradicts "did not find Voss guilty"
    # at 0.90 and "found Voss guilty" at 0.54
    negated = Claim(id="n", claim="The jury did not find Voss guilty of first-degree murder.")
    against = np.array([[0.09, 0.01, 0.90]])
    both = np.array([[0.44, 0.02, 0.54]])
    assert decide(negated, [hit(1)], against, [aligned(0.6)], both).label is Label.UNKNOWN
    one_way = np.array([[0.20, 0.70, 0.10]])
    assert decide(negated, [hit(1)], against, [aligned(0.6)], one_way).label is Label.CONTRADICTED


def test_a_model_contradiction_of_the_rest_of_a_whole_is_not_trusted() -> None:
    # "Twenty-nine of the households reported damage" for "Eight of the 37 households did not
    # report damage": the model reads the other count as a denial
    against = np.array([[0.02, 0.02, 0.96]])
    rest = Alignment(0.6, (0, 9), [], counts_the_rest=(0, 9))
    assert decide(CLAIM, [hit(1)], against, [rest]).label is Label.UNKNOWN
    assert decide(CLAIM, [hit(1)], against, [aligned(0.6)]).label is Label.CONTRADICTED


def test_a_model_contradiction_where_the_checks_arithmetic_agrees_is_not_trusted() -> None:
    # "$214 an hour, up from $171" for "a $43-an-hour raise": the model reads the unstated $43 as
    # a contradiction; the checks worked it out
    facts = TextFacts(facts=[Fact("money", "$43", 12, 15, (0, 40), value=43.0, unit="$", role="change")])
    worked = Finding("money", True, "$43", "$214 and $171", 0, 9, (0, 9), "$214 and $171", worked=True)
    stated = replace(worked, worked=False)
    against = np.array([[0.03, 0.04, 0.93]])
    for finding, expected in ((worked, Label.UNKNOWN), (stated, Label.CONTRADICTED)):
        verdict = decide(CLAIM, [hit(1)], against, [Alignment(0.5, (0, 9), [finding])], claim_facts=facts)
        assert verdict.label is expected


def test_a_contradiction_resting_on_another_events_date_is_not_the_claims() -> None:
    # "Next year's race is scheduled for Oct. 18, 2026" against "The race was run on Oct. 19, 2025",
    # whose date another passage of the source confirms
    # ("The 41st race was run on Oct. 19, 2025": the rank no passage confirms, so the facts alone
    # do not hold the claim up, and the model's rule is reached)
    facts = TextFacts(
        facts=[
            Fact("ordinal", "41st", 4, 8, (0, 9), value=41.0, unit="race"),
            Fact("date", "Oct. 19, 2025", 0, 13, (0, 9), first="2025-10-19", last="2025-10-19"),
        ]
    )
    confirmed = Alignment(0.7, (0, 9), [date(True, "Oct. 19, 2025", "Sunday")], given=frozenset({"date"}))
    next_year = Alignment(0.7, (0, 9), [], given=frozenset({"date"}))
    probs = np.array([[0.01, 0.6, 0.39], [0.0, 0.01, 0.99]])
    later = hit(2, "Next year's race is scheduled for Oct. 18, 2026.")
    later = replace(later, passage=replace(later.passage, source_id="src-1"))  # the same article
    first = hit(1, "The race was won on Sunday.")
    verdict = decide(CLAIM, [first, later], probs, [confirmed, next_year], claim_facts=facts)
    assert verdict.label is not Label.CONTRADICTED
    # with no passage confirming the claim's date, the model's contradiction stands
    verdict = decide(CLAIM, [first, later], probs, [aligned(0.7), next_year], claim_facts=facts)
    assert verdict.label is Label.CONTRADICTED


def test_a_sentence_with_another_name_in_the_claims_place_supports_nothing() -> None:
    # "Jaylen Straker led all scorers with 37 points" for "Andre Pellham led all scorers with 37
    # points": the figure agrees and the model entails, but the sentence names another scorer.
    facts = TextFacts(facts=[Fact("quantity", "37", 0, 2, (0, 9), value=37.0)])
    probs = np.array([[0.96, 0.01, 0.03]])
    finding = Finding("quantity", True, "37", "37", 3, 5, (0, 9))
    taken = Alignment(1.0, (0, 9), [finding], slot_taken=True)
    assert decide(CLAIM, [hit(1)], probs, [taken], claim_facts=facts).label is Label.UNKNOWN
    assert decide(CLAIM, [hit(1)], probs, [taken]).label is Label.UNKNOWN
    plain = Alignment(1.0, (0, 9), [finding])
    assert decide(CLAIM, [hit(1)], probs, [plain], claim_facts=facts).label is Label.SUPPORTED


def test_two_matching_figures_support_a_paraphrase_that_shares_few_words() -> None:
    # "Library funding rises 12 percent to $7.3 million" against "The library system will receive
    # $7.3 million, an increase of 12 percent": the model leans to entailment, too weakly.
    probs = np.array([[0.45, 0.4, 0.15]])
    money = Finding("money", True, "$7.3 million", "$7.3 million", 3, 15, (0, 9))
    share = Finding("percent", True, "12 percent", "12 percent", 20, 30, (0, 9))
    assert decide(CLAIM, [hit(1)], probs, [aligned(0.44, money, share)]).label is Label.SUPPORTED
    assert decide(CLAIM, [hit(1)], probs, [aligned(0.44, money)]).label is Label.UNKNOWN  # one figure: too little
    assert decide(CLAIM, [hit(1)], probs, [aligned(0.3, money, share)]).label is Label.UNKNOWN


def test_swapped_sides_and_directions_read_as_sentences() -> None:
    side = Finding(
        "role", False, "Tom Reck as the winner", "businessman Tom Reck", 60, 80, (0, 90), "as the one beaten"
    )
    verdict = decide(CLAIM, [hit(1)], np.array([[0.1, 0.3, 0.6]]), [aligned(0.9, side)])
    assert "has businessman Tom Reck as the one beaten; the claim has Tom Reck as the winner" in verdict.reason
    way = Finding("change", False, "a rise of 3.4 percent", "3.4 percent", 20, 31, (0, 90), "a fall of 3.4 percent")
    verdict = decide(CLAIM, [hit(1)], np.array([[0.1, 0.3, 0.6]]), [aligned(0.9, way)])
    assert "gives the change as a fall of 3.4 percent; the claim says a rise of 3.4 percent" in verdict.reason


DENIED = "Solis said the department would not release the names of the exposed classrooms, citing privacy rules."


@pytest.mark.parametrize(
    ("row", "denied", "label"),
    [
        # read without its "not", the sentence entails the claim strongly and far more than as written
        ([0.05, 0.55, 0.4], [0.93, 0.04, 0.03], Label.CONTRADICTED),
        # not strongly enough
        ([0.05, 0.55, 0.4], [0.7, 0.2, 0.1], Label.UNKNOWN),
        # a passage that entails the claim as written is decided by that, whatever the denial says
        ([0.8, 0.1, 0.1], [0.95, 0.03, 0.02], Label.SUPPORTED),
    ],
)
def test_a_passage_that_says_the_claim_with_a_not_denies_it(
    row: list[float], denied: list[float], label: Label
) -> None:
    claim = Claim(id="c", claim="Solis said the health department would make public the names of the classrooms.")
    passage = hit(1, DENIED)
    alignment = Alignment(0.6, (passage.passage.start, passage.passage.end))
    verdict = decide(claim, [passage], np.array([row]), [alignment], denied=(0, np.array(denied, dtype=np.float32)))
    assert verdict.label is label, verdict.reason
    if label is Label.CONTRADICTED:
        assert verdict.confidence == pytest.approx(denied[0], abs=1e-4)
        assert (
            verdict.reason.startswith("The source (Title 1, 28 Aug 2018) states the opposite")
            and "not release" in verdict.reason
        )


def test_a_rank_that_says_which_one_is_no_fact_to_confirm() -> None:
    """ "The first patient was diagnosed with measles on Jan. 30": the date agrees, and "first" only
    says which patient; the model's contradiction (it misreads "not diagnosed until three days
    later") does not call the claim false."""
    claim = Claim(id="c", claim="The first patient was diagnosed with measles on Jan. 30.")
    jan30 = Fact("date", "Jan. 30", 48, 55, (0, 56), first="--01-30", last="--01-30")
    which = Fact("ordinal", "first", 4, 9, (0, 56), value=1.0, unit="patient", label="which")
    rank = replace(which, label="")
    date = aligned(0.75, Finding("date", True, "Jan. 30", "three days later", 50, 66, (0, 120), own=True))
    against = np.array([[0.07, 0.01, 0.92]])
    said_which = decide(claim, [hit(1)], against, [date], claim_facts=TextFacts(facts=[which, jan30]))
    assert said_which.label is Label.UNKNOWN
    ranked = decide(claim, [hit(1)], against, [date], claim_facts=TextFacts(facts=[rank, jan30]))
    assert ranked.label is Label.CONTRADICTED


def test_a_wording_the_claim_gives_twice_needs_two_source_facts_to_be_confirmed() -> None:
    """ "Tandy finished first in the first round of voting": "four days after the first round" backs
    one "first" (the round), not where she finished. With both backed, a sentence restating the claim
    closely confirms it though the model leans the other way."""
    claim = Claim(id="c", claim="Tandy finished first in the first round of voting.")
    rank = Fact("ordinal", "first", 15, 20, (0, 50), value=1.0)
    round_ = Fact("ordinal", "first", 28, 33, (0, 50), value=1.0, unit="round")
    facts = TextFacts(facts=[rank, round_])
    round_only = Finding("ordinal", True, "first", "first", 40, 45, (0, 90))
    leaning = np.array([[0.30, 0.30, 0.40]])
    once = decide(claim, [hit(1)], leaning, [aligned(0.85, round_only)], claim_facts=facts)
    assert once.label is Label.UNKNOWN, once.reason
    both = aligned(0.85, round_only, Finding("ordinal", True, "first", "first", 10, 15, (0, 90)))
    twice = decide(claim, [hit(1)], leaning, [both], claim_facts=facts)
    assert twice.label is Label.SUPPORTED and "same fact" in twice.reason, twice.reason


def test_a_first_since_is_a_never_before_too() -> None:
    """ "the first increase since 2019" says the fare had not gone up since 2019, without a "not"."""
    claim = Claim(id="n", claim="The fare had not gone up since 2019.")
    probs = np.array([[0.30, 0.07, 0.63]])
    affirmed = np.array([[0.95, 0.03, 0.02]])
    first = hit(1, "The board voted to raise the base fare to $2.75, the first increase since 2019.")
    assert decide(claim, [first], probs, [Alignment(0.8, (10, 88))], affirmed).label is Label.UNKNOWN


def test_a_negated_count_the_passage_does_not_give_is_not_its_opposite() -> None:
    """ "Fourteen of the injured were not admitted", read without its "not", says fourteen were
    admitted: "23 were injured, nine of them ... admitted" says that no more than the claim. With the
    count confirmed, the passage does state the opposite."""
    claim = Claim(id="n", claim="Fourteen of the people injured were not admitted to a hospital.")
    fourteen = Fact("quantity", "Fourteen", 0, 8, (0, 62), value=14.0, unit="person")
    passage = hit(1, "Two people were killed and 23 were injured, nine of them admitted to hospitals.")
    probs = np.array([[0.03, 0.01, 0.96]])
    affirmed = np.array([[0.92, 0.03, 0.05]])
    given = Alignment(0.85, (10, 90), given=frozenset({"quantity"}))
    verdict = decide(claim, [passage], probs, [given], affirmed, claim_facts=TextFacts(facts=[fourteen]))
    assert verdict.label is Label.UNKNOWN, verdict.reason
    agreed = Alignment(
        0.85, (10, 90), [Finding("quantity", True, "Fourteen", "14", 40, 42, (10, 90))], given=frozenset({"quantity"})
    )
    stated = decide(claim, [passage], probs, [agreed], affirmed, claim_facts=TextFacts(facts=[fourteen]))
    assert stated.label is Label.CONTRADICTED and "states the opposite" in stated.reason


def test_one_source_span_in_conflict_is_told_once() -> None:
    text = "Riverport beat Lakeside 3-1 at Harbor Field."
    twice = [
        Finding("role", False, "Riverport as the one beaten", "Riverport", 0, 9, (0, len(text)), "as the winner"),
        Finding("role", False, "Riverport FC as the one beaten", "Riverport", 0, 9, (0, len(text)), "as the winner"),
    ]
    alignment = Alignment(0.9, (0, len(text)), twice)
    claim = Claim(id="c3", claim="Lakeside United beat Riverport FC 3-1.")
    verdict = decide(claim, [hit(0, text)], np.array([[0.1, 0.1, 0.8]]), [alignment])
    assert verdict.label is Label.CONTRADICTED
    assert verdict.reason.count("has Riverport as the winner") == 1
