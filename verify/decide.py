"""From the assessed passages of one claim to a verdict: an ordered list of named rules.

Each retrieved passage becomes one `Assessed` record (the hit, its NLI scores, the scores of the
claim without its negation, its fact alignment and, for the passage that may deny the claim, its
scores without its own "not"). The rules run in order and the first that
fires decides; each says in its docstring when it fires. Thresholds live in verify.config.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from verify.config import (
    AGREEMENT_OVERLAP,
    BOTH_WAYS_CONTRADICTION,
    CLOSE_RESTATEMENT,
    COMPARABLE,
    CONTRADICT_THRESHOLD,
    DENIAL_ENTAIL,
    FACT_CONFLICT_CONFIDENCE,
    MAX_EVIDENCE,
    NEGATION_MARGIN,
    SAME_EVENT_NLI,
    SAME_EVENT_OVERLAP,
    SUPPORT_THRESHOLD,
    TWO_FIGURES_OVERLAP,
)
from verify.facts.align import Alignment, Finding
from verify.facts.model import AGE, BACKING_KINDS, Fact, TextFacts
from verify.retrieve import Hit
from verify.schema import Claim, Evidence, FactFinding, Label, Scores, Verdict, passthrough_fields
from verify.text import negation_count

if TYPE_CHECKING:
    import numpy as np

ENTAIL, NEUTRAL, CONTRA = 0, 1, 2


@dataclass
class Assessed:
    """One retrieved passage as the rules see it."""

    hit: Hit
    scores: np.ndarray  # P(entailment), P(neutral), P(contradiction)
    alignment: Alignment
    affirmed: np.ndarray | None = None  # the scores of the claim with its one negation removed
    # the scores of the claim against this passage with the "not" of its sentence about the claim's
    # event taken out (facts.restate.denial_candidate), where that was asked
    denied: np.ndarray | None = None

    @property
    def entail(self) -> float:
        return float(self.scores[ENTAIL])

    @property
    def contra(self) -> float:
        return float(self.scores[CONTRA])

    @property
    def neutral(self) -> float:
        return float(self.scores[NEUTRAL])

    @property
    def source_id(self) -> str:
        return self.hit.passage.source_id

    @property
    def related(self) -> bool:
        """About the claim's event: the model finds it related, or it restates most of the claim."""
        return self.entail + self.contra >= SAME_EVENT_NLI or self.alignment.overlap >= SAME_EVENT_OVERLAP


@dataclass
class Case:
    """A claim and its assessed passages, with what several rules need."""

    claim: Claim
    passages: list[Assessed]
    claim_facts: list[Fact] = field(default_factory=list)
    support_threshold: float = SUPPORT_THRESHOLD
    contradict_threshold: float = CONTRADICT_THRESHOLD
    best_entail: int = 0
    against: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        ps = self.passages
        self.best_entail = max(range(len(ps)), key=lambda i: ps[i].entail)
        top = ps[self.best_entail]
        entailed = top.entail >= self.support_threshold
        # A source does not contradict itself: when one of its passages entails the claim, another
        # of its passages that matches the claim less well is about another event, and so is one
        # that says nothing of the claim's figures where the entailing one confirms them ("the first
        # of her seven novels" against a headline about "the Copper Hill novels"); one that confirms
        # them all too is misread by the model (a date it cannot resolve: "two years later", the year
        # being in the sentence before). (Other sources still count: that is a dispute.)
        confirmed = {f.claim for f in top.alignment.agreements if f.kind in BACKING_KINDS}
        self.against = [
            i
            for i, p in enumerate(ps)
            if not entailed
            or i == self.best_entail
            or p.source_id != top.source_id
            or (
                p.alignment.overlap >= top.alignment.overlap
                and not _silent_on(p, confirmed)
                and not _confirms_too(p, confirmed)
            )
        ]
        # A passage silent on every figure the claim gives, where another passage (of any source)
        # confirms them all, tells of another event ("a sellout crowd of 14,500" at another match,
        # for "The crowd of 18,650 was a sellout"): its contradiction is not the claim's.
        figures = {f.text for f in self.claim_facts if f.kind in BACKING_KINDS and f.kind != "date"}
        if figures and any(_confirms_too(p, figures) for p in ps):
            self.against = [i for i in self.against if not _silent_on(ps[i], figures)] or self.against

    @property
    def best_contra(self) -> int:
        # A passage from a source that names none of the claim's people, bodies or places is about
        # something else, and one that says the claim's matter is not known leaves it open: the
        # model's contradiction there is not the claim's.
        on_topic = [
            i
            for i in self.against
            if self.passages[i].alignment.shares_names and self.passages[i].alignment.left_open is None
        ] or [self.best_entail]
        return max(on_topic, key=lambda i: self.passages[i].contra)


def _silent_on(p: Assessed, facts: set[str]) -> bool:
    """The passage has no finding, agreeing or not, on any of these facts of the claim."""
    return bool(facts) and not facts & {f.claim for f in p.alignment.findings}


def _confirms_too(p: Assessed, facts: set[str]) -> bool:
    """The passage agrees on every one of these facts of the claim and disputes none."""
    agreed = {f.claim for f in p.alignment.agreements}
    return bool(facts) and facts <= agreed and not p.alignment.conflicts


@dataclass
class Decision:
    label: Label
    decisive: int
    confidence: float
    reason: str
    column: int | None  # which score column orders the other cited passages
    findings: list[Finding] = field(default_factory=list)


Rule = Callable[[Case], "Decision | None"]


def negated_claim(case: Case) -> Decision | None:
    """The claim negates what a passage states positively: the passage entails the claim with its
    negation removed, clearly more than the claim as written, and the aligned source sentence is
    not itself negated (the model is too blind to "not" to be trusted when both sides have one)."""
    scored = [(i, p) for i, p in enumerate(case.passages) if p.affirmed is not None]
    if not scored:
        return None
    i, p = max(scored, key=lambda t: float(t[1].affirmed[ENTAIL]))  # type: ignore[index]
    assert p.affirmed is not None
    ea = float(p.affirmed[ENTAIL])
    if ea < case.support_threshold or ea - p.entail < NEGATION_MARGIN or _sentence_negated(p):
        return None
    # A count the passage does not give: read without its "not", "Fourteen of the injured were not
    # admitted" says "Fourteen ... were admitted", which "23 were injured, nine of them ... admitted"
    # does not say either (the model reads past numbers): the rest of a whole, not the opposite.
    if _count_unconfirmed(case, p):
        return None
    reason = f"{_source(p)} states the opposite: {_quote(p)}"
    return Decision(Label.CONTRADICTED, i, ea, reason, CONTRA)


def _count_unconfirmed(case: Case, p: Assessed) -> bool:
    """The claim counts something (not an age) that the passage, which gives counts, does not confirm."""
    if "quantity" not in p.alignment.given:
        return False
    agreed = {f.claim for f in p.alignment.agreements}
    return any(f.kind == "quantity" and f.unit != AGE and f.text not in agreed for f in case.claim_facts)


def fact_conflict(case: Case) -> Decision | None:
    """A passage about the claim's event gives a different date, figure, name or polarity, and no
    related passage agrees on that same fact of the claim (its "March" may clash in one passage
    and match in another); a date of the claim's own verb in a sentence that restates the claim
    yields only to an agreeing date of its own verb, or to one in a sentence that restates as much
    of the claim. The best-aligned such passage decides."""
    related = [i for i, p in enumerate(case.passages) if p.related or _dates_the_claims_act(case, p)]
    # A passage that names another party in the claim's party's place ("the Moscow City Court"
    # for "the Supreme Court") is about another event: its dates and figures confirm nothing.
    agreements = [
        (f, case.passages[i].alignment.overlap, i)
        for i in related
        if not any(c.kind == "name" for c in case.passages[i].alignment.conflicts)
        for f in case.passages[i].alignment.agreements
    ]
    candidates = []
    for i in related:
        # A passage that holds the agreeing figure itself and still finds a conflict read it with
        # more around it (the union's "6 percent" asked for, before "The board offered 4 percent"
        # in the next sentence): that agreement, made by an overlapping passage, yields to it.
        seen = [(f, o) for f, o, j in agreements if not _holds(case.passages[i], case.passages[j], f)]
        agreed = {(f.kind, f.claim) for f, _ in seen}
        overlap = case.passages[i].alignment.overlap
        # A date of the claim's own verb in a sentence that restates the claim outranks an agreeing
        # date of another event in a sentence that restates less of it ("opened ... on Tuesday"
        # against "canceled classes on Wednesday").
        outranking = agreed
        if overlap >= SAME_EVENT_OVERLAP:
            outranking = {(f.kind, f.claim) for f, o in seen if f.own or o >= overlap}
        # A passage about another party's act ("the Moscow City Court ... rejected on June 14")
        # dates or counts that act, not the claim's: only the name it gives in the claim's place
        # can conflict.
        other_party = case.passages[i].alignment.another_party
        # So does a sentence that has another name in the claim's party's place ("Nathan Whitlock
        # ... had lived in the house for 11 years" for "Gail Sorensen has lived next door for more
        # than 20 years"): its figures and dates are that party's.
        taken = case.passages[i].alignment.sentence if case.passages[i].alignment.slot_taken else None
        standing = [
            f
            for f in case.passages[i].alignment.conflicts
            if (f.kind, f.claim) not in (outranking if f.kind == "date" and f.own else agreed)
            and not (other_party and f.kind != "name")
            and not (f.sentence == taken and f.kind in BACKING_KINDS)
        ]
        if standing:
            candidates.append((case.passages[i].alignment.overlap, -i, standing))
    if not candidates:
        return None
    _, neg_i, standing = max(candidates, key=lambda t: (t[0], t[1]))
    # one conflict a source span: the tagger may give a claim's name twice ("Riverport FC" and
    # "Riverport"), and the reason would say the same thing twice
    findings: list[Finding] = []
    for f in standing:
        if not any((g.kind, g.start, g.end) == (f.kind, f.start, f.end) for g in findings):
            findings.append(f)
    p = case.passages[-neg_i]
    confidence = max(p.contra, 1.0 - p.neutral, FACT_CONFLICT_CONFIDENCE)
    reason = " ".join(_conflict_sentence(p, f) for f in findings)
    return Decision(Label.CONTRADICTED, -neg_i, confidence, reason, CONTRA, findings)


def _holds(p: Assessed, other: Assessed, f: Finding) -> bool:
    """Passage p, another than `other`, holds the source words of `other`'s finding f."""
    a, b = p.hit.passage, other.hit.passage
    return a.id != b.id and a.source_id == b.source_id and a.start <= f.start and f.end <= a.end


# Verbs that say little about which event a date belongs to: a mayor "said" many things on many days.
_LIGHT_VERBS = frozenset(
    "be have do make take get give go come see hold put set say tell write state announce report claim "
    "confirm add acknowledge admit argue insist speak call".split()
)


def _dates_the_claims_act(case: Case, p: Assessed) -> bool:
    """The passage dates the claim's own act otherwise ("On March 20, the Supreme Court turned the
    request down" for "... rejected the request in June"): that places it at the claim's event even
    where the model reads the pair as unrelated. Not an act any event has ("said"), nor a passage
    about another party's act."""
    if p.alignment.another_party:
        return False
    verbs = {f.text: f.verb for f in case.claim_facts if f.kind == "date"}
    return any(
        f.kind == "date" and f.own and verbs.get(f.claim, "") not in _LIGHT_VERBS | {""} for f in p.alignment.conflicts
    )


def fact_confirmed(case: Case) -> Decision | None:
    """A passage about the claim's event confirms every date and figure the claim gives, with no
    conflict: the model's contradiction, if any, is not trusted over that (it misreads plain
    restatements). Supported when the passage leans to entailment or its sentence restates the
    claim closely (CLOSE_RESTATEMENT, same polarity, no confident contradiction), else not settled."""
    wanted = Counter(f.text for f in case.claim_facts if f.kind in BACKING_KINDS and _placed(f))
    checkable = set(wanted)
    if not checkable:
        return None
    # Its sentence holds most of the claim; or less, where two of the claim's figures agree
    # ("pitched the first six innings, striking out eight" for "struck out eight ... in his six
    # innings"), only to keep a confident model contradiction from deciding (fact_agreement and the
    # model's rules judge the rest).
    contested = case.passages[case.best_contra].contra >= case.contradict_threshold
    candidates = []
    for i, p in enumerate(case.passages):
        agreed = _backed(p)
        restates = p.alignment.overlap >= AGREEMENT_OVERLAP or (
            contested and p.alignment.overlap >= TWO_FIGURES_OVERLAP and _two_figures(p)
        )
        if p.related and not p.alignment.conflicts and restates and all(agreed[t] >= n for t, n in wanted.items()):
            candidates.append((p.alignment.overlap, p.entail, -i))
    if not candidates:
        return None
    _, _, neg_i = max(candidates)
    p = case.passages[-neg_i]
    agreements = [f for f in p.alignment.agreements if f.kind in BACKING_KINDS]
    # The facts agree but a confirming sentence gives the opposite outcome ("voted for the bill"
    # for "voted against"), or denies the claim in the clause that restates it ("a $1.1 million
    # cut ..., which had not been part of the draft presented in May"), and the model reads that
    # pair as a contradiction: the model's rule decides.
    if any(
        (case.passages[-j].alignment.opposed_verb or case.passages[-j].alignment.denies)
        and case.passages[-j].contra >= case.contradict_threshold
        for _, _, j in candidates
    ):
        return None
    # Its sentence giving the opposite outcome ("had rejected ... in January" for "approved ... in
    # January") leaves only the facts agreeing: not settled, whatever the model reads.
    leans = p.entail >= case.support_threshold or p.entail > p.contra
    close = (
        p.alignment.overlap >= CLOSE_RESTATEMENT
        and not p.alignment.polarity_differs
        and p.contra < case.contradict_threshold  # a confident contradiction is read by the model's rule
    )
    if (leans or close) and not p.alignment.states_otherwise:
        reason = f"{_source(p)} states it: {_quote(p)} {_agreement_sentence(agreements, p)}"
        confidence = max(p.entail, 1.0 - p.contra - p.neutral / 2)
        # a close restatement the model reads otherwise: the facts carry it, at no more than even odds
        return Decision(
            Label.SUPPORTED, -neg_i, confidence if leans else max(confidence, 0.5), reason, ENTAIL, agreements
        )
    reason = (
        f"{_source(p)} gives the same facts ({', '.join(sorted(checkable))}) in {_quote(p)}, "
        "but its wording does not clearly state the claim: check it by hand."
    )
    return Decision(Label.UNKNOWN, -neg_i, 1.0 - max(p.entail, p.contra), reason, None, agreements)


def _backed(p: Assessed) -> Counter[str]:
    """How many source facts back each of the claim's wordings: a wording the claim gives twice
    ("finished first in the first round") needs two ("the first round" alone backs one of them)."""
    return Counter(
        f.claim for f in {(f.claim, f.start): f for f in p.alignment.agreements if f.kind in BACKING_KINDS}.values()
    )


def _placed(f: Fact) -> bool:
    """A fact a source can confirm: not a claim's date that only the claim's own day would place
    ("last year", "yesterday": a claim has no date of its own), nor a rank that says which one the
    claim is about ("The first patient was diagnosed on Jan. 30": the claim is about the date)."""
    if f.kind == "ordinal":
        return f.label != "which"
    return f.kind != "date" or f.first is not None or f.weekday is not None


def model_contradiction(case: Case) -> Decision | None:
    """The NLI model finds a passage contradicting the claim with confidence, and no passage
    entails it clearly more strongly (contradiction outranks an entailment of comparable strength),
    the passage's figures or dates were not judged another thing's (_figures_left_unread,
    _another_events_date), it does not leave the claim's matter open ("did not say whether") nor
    count the rest of the claim's counted doers ("Twenty-nine ... reported damage" for "Eight ...
    did not report damage"), and the checks' arithmetic does not agree with the claim there
    (_worked_out_agrees)."""
    i = case.best_contra
    c, e = case.passages[i].contra, case.passages[case.best_entail].entail
    p = case.passages[i]
    if (
        c < case.contradict_threshold
        or c + COMPARABLE < e
        or _figures_left_unread(case, p)
        or _another_events_date(case, p)
        or p.alignment.left_open is not None
        or p.alignment.counts_the_rest is not None
        or _worked_out_agrees(p)
        or _contradicts_both_ways(p)
    ):
        return None
    return Decision(Label.CONTRADICTED, i, c, f"{_source(p)} contradicts the claim: {_quote(p)}", CONTRA)


def _contradicts_both_ways(p: Assessed) -> bool:
    """The model contradicts a negated claim and, in the same passage, the claim without its "not"
    ("Jurors acquitted him of first-degree murder" against both "The jury did not find Voss guilty
    of first-degree murder", 0.90, and "... found Voss guilty ...", 0.54): it reads neither."""
    return p.affirmed is not None and float(p.affirmed[2]) >= BOTH_WAYS_CONTRADICTION


def _worked_out_agrees(p: Assessed) -> bool:
    """The checks worked a claim's difference or ratio out of the passage's figures and it agrees
    ("$214 an hour, up from $171" for "a $43-an-hour raise"), with nothing in conflict: the model,
    which does no arithmetic, reads the unstated figure as a contradiction."""
    return not p.alignment.conflicts and any(f.worked for f in p.alignment.agreements)


# The kinds of figure a model contradiction may rest on.
_FIGURE_KINDS = ("money", "percent", "quantity")


def _figures_left_unread(case: Case, p: Assessed) -> bool:
    """The claim gives figures, the passage gives figures of their kinds, and the fact checks
    compared none of them: they found the passage's figures to be another thing's ("$214.6 million
    budget for the coming fiscal year" for "the current fiscal year was $201 million"; "About 900
    people ... in the shelters" for "300 ... in the shelter at Tessaly Community College"). A model
    contradiction there rests on those figures, which the checks have already judged unlike."""
    # (not an age beside a name: it says who, and a passage rarely repeats it)
    figures = [f for f in case.claim_facts if f.kind in _FIGURE_KINDS and not f.says_who]
    return (
        bool(figures) and _silent_on(p, {f.text for f in figures}) and all(f.kind in p.alignment.given for f in figures)
    )


def _another_events_date(case: Case, p: Assessed) -> bool:
    """The passage gives a date the checks did not compare with the claim's (they judged it another
    event's: "Next year's race is scheduled for Oct. 18, 2026" for "The marathon was run on Oct. 19,
    2025"), while another passage of its source confirms the claim's dates: a model contradiction
    there rests on the other event's date."""
    dates = {f.text for f in case.claim_facts if f.kind == "date" and _placed(f)}
    if not dates or not _silent_on(p, dates) or "date" not in p.alignment.given:
        return False
    return any(
        q is not p and q.source_id == p.source_id and dates <= {f.claim for f in q.alignment.agreements}
        for q in case.passages
    )


def model_entailment(case: Case) -> Decision | None:
    """The NLI model finds a passage entailing the claim, and the passage is not about another
    party's act: "the Moscow City Court ... rejected on June 14" does not state that "the Supreme
    Court rejected the request in June", however the model reads it."""
    own = [i for i, p in enumerate(case.passages) if not (p.alignment.another_party or p.alignment.states_otherwise)]
    if not own:
        return None
    best = max(own, key=lambda i: case.passages[i].entail)
    p = case.passages[best]
    if p.entail < case.support_threshold:
        return None
    agreements = [f for f in p.alignment.agreements if f.kind in BACKING_KINDS]
    reason = f"{_source(p)} states it: {_quote(p)}"
    if agreements:
        reason += " " + _agreement_sentence(agreements, p)
    if case.passages[case.best_contra].contra >= case.contradict_threshold:
        reason += " A passage that matches the claim less well reads against it."
    return Decision(Label.SUPPORTED, best, p.entail, reason, ENTAIL, agreements)


def fact_agreement(case: Case) -> Decision | None:
    """A passage about the claim's event gives the claim's own dates or figures ("more than 200"
    is matched by "250") with no conflict, though the model alone found it too weak; its sentence
    holds most of the claim, or less of it where two of the claim's figures agree."""
    candidates = [
        (p.alignment.overlap, -i)
        for i, p in enumerate(case.passages)
        if p.related
        and not p.alignment.states_otherwise
        and any(f.kind in BACKING_KINDS for f in p.alignment.agreements)
        and not p.alignment.conflicts
        and (
            p.alignment.overlap >= AGREEMENT_OVERLAP or (p.alignment.overlap >= TWO_FIGURES_OVERLAP and _two_figures(p))
        )
        and p.entail > p.contra
        and not _dates_unmatched(case, p)
    ]
    if not candidates:
        return None
    _, neg_i = max(candidates)
    p = case.passages[-neg_i]
    agreements = [f for f in p.alignment.agreements if f.kind in BACKING_KINDS]
    confidence = 1.0 - p.contra - p.neutral / 2
    reason = f"{_source(p)} gives the same facts about the same event: {_quote(p)} {_agreement_sentence(agreements, p)}"
    return Decision(Label.SUPPORTED, -neg_i, confidence, reason, ENTAIL, agreements)


def _dates_unmatched(case: Case, p: Assessed) -> bool:
    """The claim dates its event ("arrived in Kestrel Bay on Monday") and the passage agrees on its
    other facts but not on that date: a count that agrees ("sent two epidemiologists") does not
    tell when, so it backs only part of the claim."""
    agreed = {f.claim for f in p.alignment.agreements if f.kind == "date"}
    return any(f.kind == "date" and _placed(f) and f.text not in agreed for f in case.claim_facts)


def _two_figures(p: Assessed) -> bool:
    """The passage gives two of the claim's own dates or figures ("$7.3 million, an increase of 12
    percent" for "rises 12 percent to $7.3 million"): a paraphrase shares few words, but two
    figures rarely agree by chance."""
    return len({f.claim for f in p.alignment.agreements if f.kind in BACKING_KINDS and f.own}) >= 2


def denied_by_source(case: Case) -> Decision | None:
    """Nothing else fired, and the passage about the claim's event says it with a "not" the claim
    lacks: read without that "not", the passage entails the claim strongly (DENIAL_ENTAIL), and
    clearly more than as written (NEGATION_MARGIN). "Solis said the department would not release
    the names of the schools' exposed classrooms" denies "Solis said the health department would
    make public the names of the classrooms", which models read as anything from neutral to
    contradicted. The mirror of negated_claim, asked only where no other rule decides (the
    pipeline scores the denial only then)."""
    denied = [(i, p) for i, p in enumerate(case.passages) if p.denied is not None]
    if not denied:
        return None
    i, p = denied[0]
    assert p.denied is not None
    e = float(p.denied[ENTAIL])
    if e < DENIAL_ENTAIL or e - p.entail < NEGATION_MARGIN:
        return None
    return Decision(Label.CONTRADICTED, i, e, f"{_source(p)} states the opposite: {_quote(p)}", CONTRA)


def not_settled(case: Case) -> Decision:
    """Nothing above fired: no passage states or contradicts the claim."""
    ps = case.passages
    i = max(range(len(ps)), key=lambda j: max(ps[j].entail, ps[j].contra))
    e, c = ps[case.best_entail].entail, ps[case.best_contra].contra
    # A source that says the matter is not known is quoted saying so.
    open_ = next((p for p in ps if p.alignment.left_open is not None), None)
    if open_ is not None:
        reason = f"{_source(open_)} leaves this open: {_quote(open_, open_.alignment.left_open)}"
        return Decision(Label.UNKNOWN, ps.index(open_), 1.0 - max(e, c), reason, None)
    # The closest sentence, quoted: the reader sees at once what the index does say on the matter.
    closest = f"{_source(ps[i], False)}: {_quote(ps[i])}"
    reason = f"No source in the index states or contradicts this; the closest is {closest}"
    return Decision(Label.UNKNOWN, i, 1.0 - max(e, c), reason, None)


RULES: list[Rule] = [
    negated_claim,
    fact_conflict,
    fact_confirmed,
    model_contradiction,
    model_entailment,
    fact_agreement,
    denied_by_source,
]


def decide(
    claim: Claim,
    hits: list[Hit],
    probs: np.ndarray,
    alignments: list[Alignment] | None = None,
    affirmed: np.ndarray | None = None,
    support_threshold: float = SUPPORT_THRESHOLD,
    contradict_threshold: float = CONTRADICT_THRESHOLD,
    max_evidence: int = MAX_EVIDENCE,
    claim_facts: TextFacts | None = None,
    *,
    denied: tuple[int, np.ndarray] | None = None,
) -> Verdict:
    """probs[i] holds the (entailment, neutral, contradiction) scores of hits[i], alignments[i] its
    fact alignment, and affirmed[i] (for a claim with one explicit negation) the scores of the claim
    with the negation removed; `denied`, a passage's index and its scores with the "not" of its
    sentence taken out (facts.restate.denial_candidate)."""
    if not hits:
        reason = "No passage in the index is related to the claim."
        return _verdict(claim, Label.UNKNOWN, 1.0, Scores(entailment=0.0, neutral=1.0, contradiction=0.0), reason, [])
    case = _case(claim, hits, probs, alignments, affirmed, support_threshold, contradict_threshold, claim_facts, denied)
    return _render(case, _first_rule(case)[1], max_evidence)


def deciding_rule(
    claim: Claim,
    hits: list[Hit],
    probs: np.ndarray,
    alignments: list[Alignment] | None = None,
    affirmed: np.ndarray | None = None,
    support_threshold: float = SUPPORT_THRESHOLD,
    contradict_threshold: float = CONTRADICT_THRESHOLD,
    claim_facts: TextFacts | None = None,
) -> str:
    """The name of the rule that would decide the claim on these scores ("not_settled" when none
    fires): the cascade asks it of the fast model's scores."""
    if not hits:
        return not_settled.__name__
    case = _case(claim, hits, probs, alignments, affirmed, support_threshold, contradict_threshold, claim_facts)
    return _first_rule(case)[0]


def _first_rule(case: Case) -> tuple[str, Decision]:
    """The first rule of RULES that fires, by name, and its decision (else not_settled's)."""
    for rule in RULES:
        decision = rule(case)
        if decision is not None:
            return rule.__name__, decision
    return not_settled.__name__, not_settled(case)


def _case(
    claim: Claim,
    hits: list[Hit],
    probs: np.ndarray,
    alignments: list[Alignment] | None,
    affirmed: np.ndarray | None,
    support_threshold: float,
    contradict_threshold: float,
    claim_facts: TextFacts | None,
    denied: tuple[int, np.ndarray] | None = None,
) -> Case:
    alignments = alignments or [Alignment(0.0, (h.passage.start, h.passage.start)) for h in hits]
    passages = [
        Assessed(h, probs[i], alignments[i], affirmed[i] if affirmed is not None and len(affirmed) else None)
        for i, h in enumerate(hits)
    ]
    if denied is not None:
        passages[denied[0]].denied = denied[1]
    facts = list(claim_facts.facts) if claim_facts else []
    return Case(claim, passages, facts, support_threshold, contradict_threshold)


def _render(case: Case, d: Decision, max_evidence: int) -> Verdict:
    ps = case.passages
    others = [i for i in range(len(ps)) if i != d.decisive]
    if d.column is not None:
        others.sort(key=lambda i: -float(ps[i].scores[d.column]))  # type: ignore[index]
    cited = [d.decisive, *others][:max_evidence]
    reason = d.reason
    # Sources disagree when one contradicts the claim and another entails it: say so, cite both.
    rival = None
    if d.label is Label.CONTRADICTED and ps[case.best_entail].entail >= case.support_threshold:
        rival = next(
            (
                i
                for i in sorted(range(len(ps)), key=lambda i: -ps[i].entail)
                if ps[i].source_id != ps[d.decisive].source_id and ps[i].entail >= case.support_threshold
            ),
            None,
        )
    if rival is not None:
        if rival not in cited:
            cited = [*cited[: max(max_evidence - 1, 1)], rival]
        reason += f" But {_source(ps[rival], False)} states it: {_quote(ps[rival])}"
    evidence = [_evidence(ps[i]) for i in cited]
    decisive = ps[d.decisive]
    verdict = _verdict(case.claim, d.label, d.confidence, _scores(decisive.scores), reason, evidence)
    verdict.disputed = rival is not None
    shown = d.findings or decisive.alignment.findings
    verdict.findings = [_fact_finding(decisive, f) for f in sorted(shown, key=lambda f: f.agrees)]
    return verdict


# ---- reasons: sentences a journalist reads once ---------------------------------------------------


def _source(p: Assessed, start: bool = True) -> str:
    """'The source (TASS, 28 Aug 2018)': who published it and when, or its title."""
    passage = p.hit.passage
    name = passage.publisher or _clip(passage.title or passage.source_id, 60)
    when = passage.published
    the = "The" if start else "the"
    return f"{the} source ({name}, {_date(when)})" if when else f"{the} source ({name})"


def _date(when: dt.date) -> str:
    return f"{when.day} {when:%b %Y}"


_STRAY_QUOTES = re.compile(r"^[\"\u201d\u2019]\s+|\s+[\"\u201c]$")
_ENDS = (".", "!", "?", "\u2026", "\u201d", '"')


def _quote(p: Assessed, sentence: tuple[int, int] | None = None) -> str:
    """The passage sentence about the claim's event (or the given one: where a finding sits), quoted."""
    s0, s1 = sentence or p.alignment.sentence
    passage = p.hit.passage
    text = passage.text[max(s0 - passage.start, 0) : max(s1 - passage.start, 0)].strip() if s1 > s0 else ""
    # the parser may leave the quote mark closing the sentence before at this one's start, or open
    # the next one at this one's end: quoted as they are, a reason would read “" The plan ...”
    text = _STRAY_QUOTES.sub("", text)
    quoted = _clip(text or passage.text.strip(), 220)
    if quoted[-1:] not in _ENDS:  # a quote is a sentence: it ends with its own full stop, inside the marks
        quoted += "."
    return f"\u201c{quoted}\u201d"


_WHAT = {
    "date": "the date as",
    "time": "the time as",
    "duration": "the length of time as",
    "quantity": "the figure as",
    AGE: "the age as",
    "money": "the amount as",
    "percent": "the share as",
    "ordinal": "the rank as",
    "score": "the score as",
    "vote": "the vote as",
    "change": "the change as",
}


def _conflict_sentence(p: Assessed, f: Finding) -> str:
    # The sentence that gives the source's fact, which may not be the one sharing most words.
    quote = _quote(p, f.sentence if f.sentence[1] > f.sentence[0] else None)
    if f.kind == "name":
        return f"{_source(p)} names {f.source} where the claim names {f.claim}: {quote}"
    if f.kind == "role":
        return f"{_source(p)} has {f.source} {f.detail}; the claim has {f.claim}: {quote}"
    if f.kind == "outcome":
        return f"{_source(p)} says the opposite ({f.detail or f.source}; the claim: {f.claim}): {quote}"
    if f.kind == "negation":
        return f"{_source(p)} says the opposite ({f.detail or f.source}; the claim: {f.claim}): {quote}"
    return f"{_source(p)} gives {_WHAT.get(f.kind, 'it as')} {f.detail or f.source}; the claim says {f.claim}: {quote}"


def _agreement_sentence(findings: list[Finding], p: Assessed) -> str:
    """The agreeing facts; each found in another sentence than the one quoted is quoted with it, so
    the reader sees what the passage says of it ("He said a decision about Thursday would be made
    by 5 p.m. Wednesday" is no reopening on Thursday)."""
    shown = []
    for f in findings[:3]:
        said = f"{f.claim} ({f.detail or f.source})"
        elsewhere = f.sentence[1] > f.sentence[0] and f.sentence != p.alignment.sentence
        shown.append(f"{said}, in {_quote(p, f.sentence)}" if elsewhere else said)
    listed = ", ".join(shown)
    # (a quote ends with its own full stop, inside the marks)
    return f"It gives the same {'fact' if len(findings) == 1 else 'facts'}: {listed}" + (
        "" if listed.endswith("\u201d") else "."
    )


def _clip(text: str, limit: int) -> str:
    """The text in at most `limit` characters, cut at a word's end where one is near (a reader
    should not meet "180 licens…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "\u2026"


def _sentence_negated(p: Assessed) -> bool:
    """Whether the source sentence the claim aligns with is itself negative: an odd number of
    negation cues ("not", "no", "never", "n't" ...) in it, or a never-before said without one ("the
    first in its history"). Lexical on purpose: it also sees "No one was hurt", where no verb
    carries a negation in the parse, and it only ever blocks a contradiction."""
    s0, s1 = p.alignment.sentence
    passage = p.hit.passage
    sentence = passage.text[max(s0 - passage.start, 0) : max(s1 - passage.start, 0)] if s1 > s0 else passage.text
    return negation_count(sentence) % 2 == 1 or bool(_FIRST_EVER.search(sentence))


# "the first in the cooperative's history", "for the first time", "its first-ever", "the first
# increase since 2019": a "never before" said without a negation word.
_FIRST_EVER = re.compile(
    r"\bfirst(?:[\s-]ever\b|\s+time\b|\s+(?:[\w'\u2019-]+\s+){0,4}?in\s+(?:[\w'\u2019-]+\s+){0,3}?history\b"
    r"|\s+(?:[\w'\u2019-]+\s+){0,3}?since\b)",
    re.IGNORECASE,
)


# ---- output ---------------------------------------------------------------------------------------


def _fact_finding(p: Assessed, f: Finding) -> FactFinding:
    return FactFinding(
        kind=f.kind, agrees=f.agrees, claim=f.claim, source=f.source, source_id=p.source_id, start=f.start, end=f.end
    )


def _scores(row: np.ndarray) -> Scores:
    return Scores(
        entailment=round(float(row[ENTAIL]), 4),
        neutral=round(float(row[NEUTRAL]), 4),
        contradiction=round(float(row[CONTRA]), 4),
    )


def _evidence(p: Assessed) -> Evidence:
    h = p.hit.passage
    return Evidence(
        source_id=h.source_id,
        title=h.title,
        url=h.url,
        published=h.published,
        start=h.start,
        end=h.end,
        text=h.text,
        scores=_scores(p.scores),
        retrieval_score=round(p.hit.fused, 5),
    )


def _verdict(
    claim: Claim, label: Label, confidence: float, scores: Scores, reason: str, evidence: list[Evidence]
) -> Verdict:
    return Verdict(
        id=claim.id,
        claim=claim.claim,
        label=label,
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        scores=scores,
        reason=reason,
        evidence=evidence,
        **passthrough_fields(claim.extra),
    )
