"""Claim facts against passage facts, like with like.

A figure is compared only with a figure of the same kind about the same thing (a count of the
same noun, money or a percentage about the same words), a date with a date, a name with a name of
the same type in the same role of the same verb, and a negation with the same verb's. Agreement
may come from anywhere in the passage (a date can sit in the sentence before the event); a
conflict needs the sentence that is about the claim's event, where every comparable fact
disagrees and none agrees."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import combinations

from verify.facts import dates as dates_mod
from verify.facts.dates import MONTHS
from verify.facts.model import (
    AGE,
    ASKING_VERBS,
    CHANGE,
    CONTEST_VERBS,
    DATE,
    DURATION,
    DURATION_SLACK,
    GAP,
    MONEY,
    NAME,
    ORDINAL,
    PART,
    PERCENT,
    QUANTITY,
    RATIO,
    SCORE,
    SIDES_OF_A_DAY,
    SOME,
    TIME,
    UNTAGGED,
    UNTAGGED_SIDE,
    WEIGHING_VERBS,
    WHOLE,
    WINNER_VERBS,
    YEAR_BEFORE,
    Fact,
    Party,
    TextFacts,
)
from verify.facts.units import same_unit
from verify.text import ATTRIBUTION_WORDS, content_stems, negation_count
from verify.train.lexicon import ANTONYMS

# How much of the claim's content the aligned sentence must share before its facts are compared
# (below it the two are probably not about the same event), per kind.
SAME_EVENT = {"date": 0.34, "figure": 0.34, "name": 0.5, "negation": 0.6}
TIME_TOLERANCE_MINUTES = 15
ROUND_FIGURES_AGREE = 0.03  # how near two round figures ("about ...") must be to count as one
ROUND_APART = 0.05  # how far apart two round figures written to one step must be to conflict
VERB_FAMILIES = [
    {"reject", "deny", "dismiss", "refuse", "turn", "throw"},
    {"win", "beat", "defeat", "top", "edge"},
    {"say", "tell", "state", "write", "announce", "add"},
    {"hire", "appoint", "name", "choose", "select", "pick"},
    {"file", "lodge", "submit", "bring", "take"},
    {"die", "kill"},
    {"approve", "pass", "adopt", "back"},
    {"begin", "start"},  # "takes effect" is read as "begin" (verify.facts.extract._lemma)
    {"spend", "use"},  # "spent more than four hours a day on their phones" is phone use
    {"collide", "crash", "ram"},  # "The collision occurred" is read as "collide" (not a storm that "hit")
]
# Verbs of one kind of event, for dates only, in a sentence that restates the claim (RESTATED):
# a judge's "ordered ... on April 14" is the decision the claim says was "ruled on April 13".
DATE_EVENT_FAMILIES = [
    {"rule", "order", "decide", "find", "hold", "direct", "grant"},
    {"report", "release", "publish", "post", "issue", "unveil", "appear", "come out"},
    {"arrest", "detain", "apprehend"},
    # a decision taken by a vote: "voted 4-3 on Tuesday night to approve the budget" dates the approval
    {"vote", "approve", "pass", "adopt", "reject", "ratify"},
]
RESTATED = 0.6
_RELATIVE = re.compile(
    r"\b(?:(?P<cmp>about|around|roughly|nearly|almost|some|more than|over|at least|less than|under|within)\s+)?"
    r"(?:(?P<n>the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
    r"(?P<unit>day|week|month|year)s?\s+)?"
    r"(?P<dir>after|before|following|prior to|ahead of|of)\s+"
    # What the other event is: a noun phrase ("the hearing"), a gerund ("hearing the case") or a
    # clause ("officials ordered the evacuation"), up to the end of the clause.
    r"(?P<event>[^,.;:\u2014]+?)(?=\s*[,.;:\u2014]|\s*$|\s+(?:and|but|while|when)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """A claim fact set against a source fact."""

    kind: str  # date, time, duration, quantity, money, percent, ordinal, score, vote, name, negation
    agrees: bool
    claim: str  # the claim's wording
    source: str  # the source's wording
    start: int  # the source wording's characters in the source text
    end: int
    sentence: tuple[int, int]  # the source sentence it sits in
    detail: str = ""  # a resolved value, for the reason ("14 June 2018")
    # A date: whether the source's date is of the claim's own verb (or one of its kind) rather
    # than of another event the passage dates ("canceled classes on Wednesday" for "opened").
    own: bool = True
    # A difference or ratio the checks worked out from two source figures ("$214 ... up from $171"
    # for "a $43 raise"): arithmetic a model does not do.
    worked: bool = False


@dataclass
class Alignment:
    overlap: float  # share of the claim's content words in the aligned sentence
    sentence: tuple[int, int]  # the passage sentence about the claim's event (source offsets)
    findings: list[Finding] = field(default_factory=list)
    # The source names someone or something the claim names (True when the claim names nothing):
    # a source about other people and bodies is about something else, whatever the model reads.
    shares_names: bool = True
    # The passage names another body of the kind the claim names, and never the claim's own ("the
    # Moscow City Court" for "Russia's Supreme Court"): it tells of another party's act.
    another_party: bool = False
    # The aligned sentence holds the opposite outcome of the claim's verb and not the verb itself
    # ("had rejected a similar plan" for "approved the plan"), or the other extreme ("the highest
    # rate" for "the lowest"): whatever a model reads in the passage around it (a title "...
    # approves ..."), that sentence does not state the claim.
    opposed_verb: bool = False
    # The aligned sentence has another name doing (or undergoing) the claim's act in the claim's
    # name's place ("Jaylen Straker led all scorers" for "Andre Pellham led all scorers"), and the
    # claim's name nowhere in that place, or puts the claim's noun in another named place ("an
    # estate sale in Carrow Falls" for "an estate sale in Linwood"): the sentence states another
    # party's act, or another place's.
    slot_taken: bool = False
    # The aligned sentence says "not", "no", "never" ... an odd number of times where the claim
    # does not, or the reverse: whatever the words shared, one of the two may deny what the other
    # states ("no further closures were scheduled" for "more closures were planned"). No verdict by
    # itself (the sentence may negate something else); it tells the cascade to read the pair again.
    polarity_differs: bool = False
    # The clause of the aligned sentence that restates most of an affirmative claim is itself
    # negated ("a $1.1 million cut ..., which had not been part of the draft presented in May" for
    # "The cut was part of the draft presented in May"): polarity_differs scoped to the clause, so a
    # "none" elsewhere in the sentence does not count. No verdict by itself (the negation may sit
    # on a word the claim does not say); it lets a confident model contradiction stand against
    # agreeing figures.
    denies: bool = False
    # A sentence of the passage (its offsets) says the claim's matter is not known or not said ("He
    # did not say whether the state would support limits on phones" for "Ashe supports limits on
    # phones"): the passage neither states nor denies the claim, whatever a model reads in it.
    left_open: tuple[int, int] | None = None
    # The kinds of fact the passage gives anywhere ("date", "money", ...), compared or not.
    given: frozenset[str] = frozenset()
    # The claim's names the aligned sentence gives by their kind alone, as (name, "the airport"):
    # "The airport handled 412,600 passengers" in a story that names one airport, Cantrell Regional
    # Airport. For the model's reading of the claim (facts.restate), never for a verdict.
    described: tuple[tuple[str, str], ...] = ()
    # A sentence of the passage (its offsets) counts those who did what the claim's counted doers
    # did not ("Twenty-nine of the households reported damage" for "Eight of the 37 households did
    # not report damage"): the rest of a whole, which a model reads as a denial.
    counts_the_rest: tuple[int, int] | None = None

    @property
    def states_otherwise(self) -> bool:
        """The aligned sentence tells of another outcome or another party, or leaves the claim's
        matter open: it supports nothing."""
        return self.opposed_verb or self.slot_taken or self.left_open is not None

    @property
    def conflicts(self) -> list[Finding]:
        return [f for f in self.findings if not f.agrees]

    @property
    def agreements(self) -> list[Finding]:
        return [f for f in self.findings if f.agrees]


def _figure_marks(text: str) -> set[str]:
    """The digits and month names of a text ("April", "14", "8.5"): what content words leave out."""
    return {
        m.lower() for m in re.findall(r"\d+(?:[.,]\d+)*|[A-Z][a-z]+", text) if m[0].isdigit() or m.lower() in MONTHS
    }


def align(
    claim: str, claim_facts: TextFacts, text: str, source: TextFacts, start: int, end: int, title: str | None = None
) -> Alignment:
    """Compare a claim with the passage text[start:end] of a source whose facts are `source`."""
    sentences = [s for s in source.sentences if start <= s[0] < end] or [(start, end)]
    # (a company officer's title before a name says who, not what happened: "Chief financial
    # officer Maya Lindqvist said the forecast ..." is about the forecast, whoever holds the title)
    claim_words = content_stems(claim) - _title_words(claim)
    claim_marks = _figure_marks(claim)
    claim_verbs = {v[2]: content_stems(claim[v[0] : v[1]]) for v in claim_facts.verbs}
    # The story's subject, named in its title, is seldom named again in each sentence ("Jurors in
    # the Tyler Voss trial deliberated for about 15 hours" against "The jury ... deliberated for
    # about 11 hours" under "Jury convicts Voss ..."): the claim's names the title gives are known.
    # They count in how much of the claim the chosen sentence holds, not in the choosing (one that
    # names the subject is still the better one), and not where the sentence opens on a pronoun:
    # "He said he planned to vote against the merger" is not about "Bayline's members".
    known = _named_in_title(claim_facts, title) & claim_words
    scored = [
        (_overlap(claim, claim_words, claim_marks, claim_verbs, text[s:e], source, (s, e)), s, e, text[s:e])
        for s, e in sentences
    ]
    # Content words tied (a headline repeats the story's nouns): the sentence that also gives the
    # claim's figures and months is the one about its event, not the earliest.
    overlap, s0, s1, chosen = max(scored, key=lambda t: (t[0], len(claim_marks & _figure_marks(t[3])), -t[1]))
    sentence = (s0, s1)
    # A sentence that opens on a pronoun is about whoever the sentence before it named.
    if known and not _PRONOUN_OPENING.match(chosen):
        overlap = _overlap(claim, claim_words, claim_marks, claim_verbs, chosen, source, sentence, known)
    passage = [f for f in source.within(start, end)]
    in_sentence = [f for f in passage if sentence[0] <= f.start < sentence[1]]
    found: list[Finding] = []
    if overlap >= SAME_EVENT["date"]:
        found += _dates(claim, claim_facts, source, passage, in_sentence, text, sentence, overlap >= RESTATED)
    if overlap >= SAME_EVENT["date"]:
        found += _order(claim, claim_facts, source, text, sentence)
        began = _began_since(claim_facts, in_sentence)  # the start of a "since", not a day inside it
        found = [f for f in found if f.claim not in {b.claim for b in began}] + began
    if overlap >= SAME_EVENT["figure"]:
        other_time = _another_time(claim, claim_facts, passage, text, sentence)
        other_part = _another_part_of_the_year(claim, text, sentence)
        found += _figures(claim, claim_facts, passage, in_sentence, other_time, other_part, overlap >= RESTATED, source)
        given = _money_from(claim, claim_facts, in_sentence, text)
        if given:  # the sum is the giver's own, whatever verb the sentence hangs it on
            found = [f for f in found if f.claim not in {g.claim for g in given}] + given
        # "more passengers last year than in 2024" against "412,000 ..., down from 438,000 in 2024"
        found += _compared_way(claim, claim_facts, in_sentence)
        # the claim's minute is someone else's there ("Doherty ... sealed the win in the 84th")
        found = _instead(found, _persons_minute(claim_facts, in_sentence))
        # the claim's figure is there, as another party's ("to Abernathy's 9,386")
        found = _instead(found, _anothers_figure(claim, claim_facts, text, in_sentence))
        # ... as another named subject's, the sentence giving the claim's its own ("Ashford recorded
        # 27 inches ..., and Pine Ridge measured ... 23 inches" for "Pine Ridge received 27 inches")
        found = _instead(found, _subjects_own_figure(claim_facts, in_sentence))
        # the claim's figure is of a group the sentence does not give it for: the whole's share
        # ("51 percent support Measure H") says nothing of "voters 65 and older", nor
        # undergraduates' tuition of graduate students'
        if _of_another_group(claim, text[sentence[0] : sentence[1]]):
            found = [f for f in found if f.kind not in (PERCENT, QUANTITY, MONEY)]
    if _WON.search(claim):  # a win the claim gives: where the passage has the request turned down
        refusals = [sentence] if overlap >= SAME_EVENT["name"] else []
        refusals += _dated_like_the_claim(claim_facts, passage, text, sentences, sentence)
        found += next((f for s in refusals if (f := _request_refused(claim, text, s))), [])
    if overlap >= SAME_EVENT["name"]:
        named = _names(claim, claim_facts, text, title, in_sentence)
        # an office's other holder, unless the names already differ there ("District Attorney ...")
        office = (
            _office_holder(claim, text, sentence)
            or _another_office(claim, text, sentence)
            or _the_only_one(claim, claim_facts, text, sentence)
            or _another_speaker(claim_facts, text, sentence, in_sentence)
            or _appointed_otherwise(claim, text, sentences)
        )
        found += named + [f for f in office if not any((g.claim, g.start) == (f.claim, f.start) for g in named)]
        found += _stance_of_name(claim, claim_facts, text, sentence)
    if overlap >= RESTATED:
        # the figures agree as values, but not as whose they are
        found = _instead(found, _swapped_figures(claim, claim_facts, text, in_sentence))
        found += _sides(claim_facts, in_sentence, _relative_clause_verbs(source, sentence))
        found += _unanimity(claim, claim_facts, in_sentence, text, sentence)
        found += _doer_of_another_act(claim_facts, in_sentence, _relative_clause_verbs(source, sentence))
        found += _voters_on_a_side(claim, claim_facts, text, sentence, in_sentence)
        result = _result_reversed(claim, text, sentence)
        if result:  # the score agrees, but not as whose win it was
            found = [f for f in found if not (f.agrees and f.kind == SCORE)]
        found += (
            _job_outcome(claim, text, sentence)
            or _voted_the_other_way(claim, text, sentence)
            or _direction_reversed(claim, text, sentence)
            or _other_compass_point(claim, text, sentence)
            or _other_rank_of_extreme(claim, text, sentence)
            or result
        )
        compared = _swapped_comparison(claim, text, sentence)
        if compared:  # its figures agree, but as the other side's
            found = [f for f in found if not (f.agrees and f.sentence == sentence)] + compared
    if overlap >= SAME_EVENT["name"]:
        # (both of the claim's figures, each the other end: the thing is the same however little
        # else the sentence restates, "Its load factor ... slipped to 78.4% from 81.1%")
        swapped = _swapped_ends(claim_facts, in_sentence)
        if swapped:  # its figures agree, but as the other end of the change
            ends = {f.text for f in claim_facts.facts if f.change_end}
            found = [f for f in found if not (f.agrees and f.claim in ends)] + swapped
        found += _no_deaths(claim_facts, text, start, end)
        beaten = _beaten_winner(claim, text, sentence)
        if beaten:  # the score agrees, but as the claim's winner's loss
            found = [f for f in found if not (f.agrees and f.kind == SCORE)] + beaten
    if overlap >= SAME_EVENT["figure"]:  # it needs the claim's act in full, whatever else is shared
        found += _not_among(claim, claim_facts, text, sentence)
        if not any(f.kind == AGE for f in found):
            found += _age_said_next(claim_facts, passage, text, sentence, sentences)
    # "No member of the board voted against the merger" says what "voted unanimously" says
    no_dissent = bool(_NO_ONE_AGAINST.search(claim)) and bool(_UNANIMOUS.search(text[sentence[0] : sentence[1]]))
    if overlap >= SAME_EVENT["negation"] and not no_dissent:
        found += (
            _negation(claim, claim_facts, source, sentence, text)
            or _lexical_negation(claim, sentence, text, claim_facts, source)
            or _not_done_so(claim, claim_facts, source, sentence, text)
            or _none_of_it(claim, text, sentence)
        )
    if overlap >= SAME_EVENT["figure"] and not any(f.kind == "negation" for f in found):
        found += _object_denied(claim, claim_facts, source, text, start, end)
    # An agreement in a sentence about another party's act ("the Moscow City Court ... rejected on
    # June 14" for "the Supreme Court rejected ... in June") confirms nothing of the claim's event.
    found = [
        f
        for f in found
        if not (
            f.agrees
            and (
                _other_party(claim, claim_facts, passage, f.sentence)
                or _told_of_another(claim, claim_facts, text[f.sentence[0] : f.sentence[1]])
            )
        )
    ]
    # So is one in a sentence that puts the claim's thing in another place or gives it another name
    # ("The most recent was on July 12, at a Mercer Drug store" for "... at a Linden Pharmacy store");
    # where that is the claim's own date, the sentence tells the claim's event with the other name.
    kept: list[Finding] = []
    for finding in found:
        taker = (
            _place_taker(claim, text[finding.sentence[0] : finding.sentence[1]])
            if finding.agrees and finding.sentence != sentence
            else None
        )
        if taker is None:
            kept.append(finding)
        elif finding.kind == DATE and finding.own and not any(g.kind == NAME and not g.agrees for g in kept):
            kept.append(_place_conflict(taker, finding.sentence))
    found = kept
    names = [f for f in claim_facts.facts if f.kind == NAME and f.label in ("PERSON", "ORG", "PLACE")]
    haystack = text + "\n" + (title or "")
    shares = not names or any(_mentioned(f.text, haystack, person=f.label == "PERSON") for f in names)
    # The passage, or its sentence about the claim's event, tells of another party's act (the
    # passage may name the claim's party in a later sentence: "In Lake Ambry ... 29 percent").
    other = (
        _other_party(claim, claim_facts, passage, (start, end))
        or _other_party(claim, claim_facts, passage, sentence)
        or _told_of_another(claim, claim_facts, text[sentence[0] : sentence[1]])
    )
    opposed = _opposed_verb(claim, text[sentence[0] : sentence[1]])
    taker = _place_taker(claim, text[sentence[0] : sentence[1]])
    taken = (
        _slot_taken(claim, claim_facts, in_sentence)
        or taker is not None
        or _record_of_another(claim_facts, in_sentence)
    )
    if taker is not None and overlap >= RESTATED and not any(f.kind == NAME and not f.agrees for f in found):
        # the sentence restating the claim puts its thing elsewhere: "an estate sale in Carrow Falls"
        # for "an estate sale in Linwood" names the claim's place otherwise
        found.append(_place_conflict(taker, sentence))
    polarity = negation_count(text[sentence[0] : sentence[1]]) % 2 != negation_count(claim) % 2
    denies = _denied_clause(claim, text, sentence)
    left_open = next((s for s in sentences if _left_open(claim, text, s)), None)
    if left_open is None and _only_weighed(claim_facts, source, text, sentence):
        left_open = sentence
    kinds = frozenset(f.kind for f in passage)
    described = _described(claim_facts, text, sentence, source, title)
    rest = next((s for s in sentences if _counts_the_rest(claim_facts, source, s)), None)
    return Alignment(
        overlap, sentence, found, shares, other, opposed, taken, polarity, denies, left_open, kinds, described, rest
    )


# The kinds of body or place a story names once and then calls by its kind ("the airport").
_KINDS_OF_BODY = frozenset(
    "airport county city district council board company hospital university college school court commission "
    "authority department agency museum library club union church bank plant factory committee forest park "
    "stadium arena center centre hotel prison jail reservoir station festival".split()
)


def _described(
    claim_facts: TextFacts, text: str, sentence: tuple[int, int], source: TextFacts, title: str | None
) -> tuple[tuple[str, str], ...]:
    """The claim's names of a body or place ("Cantrell Regional Airport") that the aligned sentence
    gives only by their kind ("the airport"), where the story names that one and no other of its
    kind: the two are one, and a model reading the name against "the airport" calls them two."""
    said = text[sentence[0] : sentence[1]]
    out = []
    for f in claim_facts.facts:
        words = f.text.split()
        kind = words[-1].lower() if f.kind == NAME and f.label != "PERSON" and len(words) >= 2 else ""
        if kind not in _KINDS_OF_BODY or _mentioned(f.text, said, person=False):
            continue
        # the longest tail of the name the sentence gives after "the" ("Kettle Peak National
        # Forest" -> "the national forest"), never the whole name
        tails = [" ".join(words[-k:]).lower() for k in range(len(words) - 1, 0, -1)]
        said_as = next((t for t in tails if re.search(rf"\bthe {re.escape(t)}\b", said, re.IGNORECASE)), None)
        if said_as is None:
            continue
        named = _mentioned(f.text, text, person=False) or (title is not None and _mentioned(f.text, title, False))
        others = [
            sf
            for sf in source.facts
            if sf.kind == NAME and sf.text.split()[-1].lower() == kind and not _same_name(sf.text, f.text)
        ]
        if named and not others:
            out.append((f.text, f"the {said_as}"))
    return tuple(out)


def _instead(found: list[Finding], conflicts: list[Finding]) -> list[Finding]:
    """The findings with these conflicts in place of any agreement on the same claim facts: the
    value agrees, but a check has found it to be another's."""
    replaced = {c.claim for c in conflicts}
    return [f for f in found if not (f.agrees and f.claim in replaced)] + conflicts


def _slot_taken(claim: str, claim_facts: TextFacts, in_sentence: list[Fact]) -> bool:
    """Another name is the doer (or the object) of the claim's verb in the sentence, and the claim's
    name is not. Names are matched by their words, not their type (the tagger calls "Andre Pellham"
    an organisation in one sentence and a person in the next)."""
    named = [f for f in in_sentence if f.kind == NAME and f.role in ("agent", "patient") and f.verb]
    for cf in claim_facts.facts:
        if cf.kind != NAME or cf.role not in ("agent", "patient") or not cf.verb or cf.verb in _LIGHT_SLOT_VERBS:
            continue
        if cf.label == "PLACE":
            # a doer's place ("Russia's Supreme Court") meets only another place, of the doer of an
            # act of one kind ("A St. Petersburg court ordered ..." for "Moscow's ... court ruled")
            in_place = [
                sf
                for sf in named
                if sf.label == "PLACE"
                and sf.role == cf.role
                and (_same_verb(sf.verb, cf.verb) or _same_kind_of_event(sf.verb, cf.verb))
            ]
        else:
            in_place = [sf for sf in named if sf.role == cf.role and _same_verb(sf.verb, cf.verb)]
        if in_place and not any(_same_name(cf.text, sf.text) or _named_in(sf, claim, claim_facts) for sf in in_place):
            return True
    return False


def _record_of_another(claim_facts: TextFacts, in_sentence: list[Fact]) -> bool:
    """The sentence gives the claim's season record as another team's ("Eastport, the defending
    champion, finished 12-2" for "The Hawks finished the season with a 12-2 record"): it tells of
    that team's season, not the claim's team's. Not where it gives the claim's team a record too
    ("Harbor City finished 54-28, while Dunlin went 49-33"): that one is to compare."""
    mine, theirs = (
        [f for f in facts if f.kind == SCORE and f.role == "record" and f.about and f.pair is not None]
        for facts in (claim_facts.facts, in_sentence)
    )
    owners = {w for cf in mine for w in cf.about}
    if any(set(sf.about) & owners for sf in theirs):
        return False
    return any(sorted(cf.pair or ()) == sorted(sf.pair or ()) for cf in mine for sf in theirs)


def _named_in(name: Fact, claim: str, claim_facts: TextFacts) -> bool:
    """Every word of the name is in the claim, outside the names the tagger found there: "Nathan
    and Leah Whitlock had lived ..." names the "Nathan Whitlock" of "Nathan Whitlock ... and his wife
    had lived ..." (the tagger took only "Leah Whitlock" for a name). A name the claim's own names
    give is theirs to judge: "Smith beat Jones" does not name the winner of "Jones beat Smith"."""
    words = set(re.findall(r"[\w'-]+", claim))
    if not all(w in words for w in re.findall(r"[\w'-]+", name.text)):
        return False
    return not any(f.kind == NAME and _same_name(f.text, name.text) for f in claim_facts.facts)


# A capitalised name after a noun and its preposition ("an estate sale in Linwood"), an article and
# one modifier allowed before it in the source ("in the neighbouring Calder Springs district").
_PLACED = re.compile(r"\b([a-z]{3,}) (in|at|near) (?:the )?((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)")


# A named thing in a named place ("Harlow Valley Hospital in Dunmore").
_NAMED_PLACED = re.compile(
    r"\b((?:[A-Z][\w'-]+ ){1,3}(?:[A-Z][\w'-]+)) (in|at|near) (?:the )?((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)"
)


# A capitalised name right before a noun, after an article ("at a Linden Pharmacy store").
_NAMED_NOUN = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir) ((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*) ([a-z]{3,})\b")


def _named_nouns(claim: str) -> list[tuple[str, str]]:
    """(name, noun) for each noun the claim gives a name right before ("a Linden Pharmacy store");
    not a word after a name that is no noun ("a Democrat from Millbrook")."""
    return [(name, noun) for name, noun in _NAMED_NOUN.findall(claim) if content_stems(noun)]


# "born in Minneapolis"; "was born Eleanor Ruth Lindgren on March 3, 1937, in Duluth, Minnesota"
_BORN_IN = re.compile(r"\bborn in ((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)")
_BORN_THERE = re.compile(
    rf"\b[Bb]orn\b[^.;]{{0,80}}?\bin (?!(?i:{'|'.join(m for m in dates_mod.MONTHS if len(m) > 3)})\b)"
    r"((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)"
)


def _born_elsewhere(claim: str, sentence: str) -> tuple[str, re.Match[str]] | None:
    """The claim's birthplace and the sentence's other one ("born ... on March 3, 1937, in Duluth"
    for "born in Minneapolis"), where the sentence never names the claim's place (a state after the
    town, "Duluth, Minnesota", is the claim's "born in Minnesota")."""
    mine = _BORN_IN.search(claim)
    if mine is None:
        return None
    there = _BORN_THERE.search(sentence)
    if there is None or _same_name(mine.group(1), there.group(1)) or _mentioned(mine.group(1), sentence, False):
        return None
    return mine.group(1), there


def _place_taker(claim: str, sentence: str) -> tuple[str, re.Match[str]] | None:
    """The claim's name and the sentence's other name in its place, or None: the sentence puts the
    claim's noun in another named place ("an estate sale in Carrow Falls" for "an estate sale in
    Linwood"), or gives it another name ("a Mercer Drug store" for "a Linden Pharmacy store"), and
    never names the claim's there: it tells of another place or thing."""
    born = _born_elsewhere(claim, sentence)
    if born is not None:
        return born
    for noun, preposition, name in _PLACED.findall(claim):
        there = re.search(
            rf"\b{noun} {preposition} (?:(?:the|a|an) )?(?:[a-z]+ )?((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)", sentence
        )
        # the claim's place named before, for another thing ("The Rowan Heights ... board voted to
        # hire X, a deputy superintendent in the neighbouring Calder Springs district"), is no answer
        if there and not _same_name(name, there.group(1)) and not _mentioned(name, sentence[there.start() :], False):
            return name, there
    for thing, preposition, name in _NAMED_PLACED.findall(claim):
        # "two at Harlow Valley Hospital in the neighbouring town of Pryce": the sentence may name
        # the claim's place before, for another thing ("St. Brendan's ... in Dunmore"), not after
        there = re.search(
            rf"\b{re.escape(thing)} {preposition} (?:(?:the|a|an) )?(?:[a-z]+ ){{0,3}}(?:of )?"
            r"((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)",
            sentence,
        )
        if there and not _same_name(name, there.group(1)) and not _mentioned(name, sentence[there.start() :], False):
            return name, there
    for name, noun in _named_nouns(claim):
        if _mentioned(name, sentence, person=False):
            continue
        there = re.search(rf"\b(?:[Aa]n?|[Tt]he) ((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*) {noun}\b", sentence)
        if there and not _same_name(name, there.group(1)):
            return name, there
    for name, noun in _named_nouns(claim):
        # "its older plant in Easton" for "its Calder Bay plant": the noun placed in another named
        # place (a town takes no "the": "the series in the Northern Professional Hockey League" is
        # no place), and the claim's name nowhere on that noun (it may name another thing: "move
        # production to Calder Bay")
        there = re.search(rf"\b{noun} in ((?:[A-Z][\w'-]*)(?: [A-Z][\w'-]*)*)", sentence)
        own = re.search(rf"\b{re.escape(name)} {noun}\b|\b{noun} in (?:the )?{re.escape(name)}\b", sentence)
        if there and own is None and not _same_name(name, there.group(1)):
            return name, there
    return None


def _place_conflict(taker: tuple[str, re.Match[str]], sentence: tuple[int, int]) -> Finding:
    """The claim's name against the other name _place_taker found in this sentence."""
    name, there = taker
    at = sentence[0] + there.start(1)
    return Finding(NAME, False, name, there.group(1), at, at + len(there.group(1)), sentence, "")


# Verbs whose doer says little about the act ("X is ...", "X said ..."): their slots are left alone.
_LIGHT_SLOT_VERBS = frozenset("be have do say tell".split())


# Verbs that say the same act in other words, for how much of a claim a sentence holds ("turned the
# request down" holds "rejected", "killed one worker" holds "died"): the synonym families only; not
# contests (a league game "earlier in the season" is not the final the sentence says was won), nor
# verbs of one kind of event.
SYNONYM_VERBS = [
    VERB_FAMILIES[0],
    VERB_FAMILIES[3],
    VERB_FAMILIES[5],
    # a change told with another verb of its way ("Revenue rose 18 percent" for "revenue grew 18%");
    # for how much of the claim a sentence holds only, never which figure is whose
    {"rise", "increase", "grow", "climb", "jump", "surge", "soar", "swell", "gain"},
    {"fall", "drop", "decline", "decrease", "slip", "tumble", "plunge", "dip", "slide", "shrink", "sink"},
]


def _overlap(
    claim: str,
    claim_words: set[str],
    claim_marks: set[str],
    claim_verbs: dict[str, set[str]],
    sentence_text: str,
    source: TextFacts,
    sentence: tuple[int, int],
    known: frozenset[str] | set[str] = frozenset(),
) -> float:
    """The share of the claim a sentence holds: of its content words, or, where that is more, of
    its content words and figures together (a paraphrase with the claim's own "$2.75" and "January"
    shares few words: "The first draft, released in January, had called for a fare of $2.75" for
    "A January draft ... had proposed a base fare of $2.75"). Figures only ever add: a sentence that
    gives another figure is judged on its words, as before."""
    shared = _shared(claim_words, claim_verbs, content_stems(sentence_text) | known, source, sentence)
    words_only = shared / max(len(claim_words), 1)
    # ... and only where the two say it the same way: a figure shared by a sentence of the other
    # polarity ("The plant's 212 workers remain on the payroll" for "None of the plant's 212
    # employees has been taken off the payroll") is a reading the model is blind to.
    if negation_count(sentence_text) % 2 != negation_count(claim) % 2:
        return words_only
    marks = len(claim_marks & _figure_marks(sentence_text))
    return max(words_only, (shared + marks) / max(len(claim_words) + len(claim_marks), 1))


_PRONOUN_OPENING = re.compile(r"\W*(?:he|she|they|it|his|her|their|its)\b", re.IGNORECASE)


def _named_in_title(claim_facts: TextFacts, title: str | None) -> set[str]:
    """The content words of the claim's names that the source's title gives (a person by surname:
    a headline names "Voss", and the tagger may call the claim's "Tyler Voss" a place)."""
    if not title:
        return set()
    named = [f for f in claim_facts.facts if f.kind == NAME]
    return {w for f in named if _mentioned(f.text, title, person=_personal(f)) for w in content_stems(f.text)}


def _personal(name: Fact) -> bool:
    """A person's name, or one written like one: two or three capitalised words ("Tyler Voss")."""
    words = name.text.split()
    return name.label == "PERSON" or (
        name.label != "ORG" and 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)
    )


def _shared(
    claim_words: set[str],
    claim_verbs: dict[str, set[str]],
    words: set[str],
    source: TextFacts,
    sentence: tuple[int, int],
) -> int:
    """How many of the claim's content words the sentence holds, a verb of the claim counting where
    the sentence has a synonym of it."""
    shared = claim_words & words
    verbs = {v[2] for v in source.verbs if sentence[0] <= v[0] < sentence[1]}
    for lemma, stems in claim_verbs.items():
        said_otherwise = any(lemma in family and verbs & (family - {lemma}) for family in SYNONYM_VERBS)
        if stems and stems <= claim_words and not stems & shared and said_otherwise:
            shared |= stems
    return len(shared)


def _opposed_verb(claim: str, sentence: str) -> bool:
    """The sentence has the opposite outcome of a verb of the claim (approved / rejected, upheld /
    overturned: verify.train.lexicon's outcome antonyms; voted for / against, backed / opposed,
    under / over budget) and no form of the claim's verb."""
    claim_words, sentence_words = _words(claim), _words(sentence)
    # The sentence, or the clause of it that restates the claim ("The library will stay open during
    # the work, though the second floor will close ..." for "The library will close"): a sentence
    # may give the claim's verb to something else.
    scopes = [sentence_words, _words(_restating_clause(claim, sentence))]
    for a, b in OUTCOME_OPPOSITES:
        for mine, theirs in ((a, b), (b, a)):
            if claim_words & mine and any(words & theirs and not words & mine for words in scopes):
                return True
    if _other_side(STANCE_OPPOSITES, _plain(claim), _plain(sentence)) is not None:
        return True
    return _opposed_superlative(claim, sentence) or _preference_reversed(claim, sentence)


def _other_side(
    pairs: list[tuple[re.Pattern[str], re.Pattern[str]]], claim_text: str, sentence_text: str
) -> tuple[re.Match[str], re.Match[str]] | None:
    """(the claim's side, the sentence's) for the first pair where the claim takes one side and the
    sentence only the other (both texts as _plain gives them), else None."""
    for pair in pairs:
        for side in (0, 1):
            mine, other = pair[side].search(claim_text), pair[1 - side].search(sentence_text)
            if mine and other and not pair[side].search(sentence_text):
                return mine, other
    return None


# Extremes of one scale. A sentence often gives both ("Yellow perch had the highest rate ...,
# while walleye ... had the lowest"), so each is read in its own clause, with what it is said of.
SUPERLATIVE_OPPOSITES = [
    ({"highest"}, {"lowest"}),
    ({"largest", "biggest"}, {"smallest"}),
    ({"best"}, {"worst"}),
    ({"longest"}, {"shortest"}),
    ({"oldest"}, {"youngest"}),
    ({"fastest"}, {"slowest"}),
]


def _restating_clause(claim: str, sentence: str) -> str:
    """The clause of the sentence holding the most of the claim's content words, where it holds at
    least half of them; else ""."""
    words = content_stems(claim)
    shared, clause = _best_clause(words, _clauses(sentence))
    return clause if words and shared * 2 >= len(words) else ""


def _best_clause(words: set[str], clauses: list[str]) -> tuple[int, str]:
    """The clause holding the most of these content words, and how many it holds."""
    return max(((len(words & content_stems(c)), c) for c in clauses), key=lambda t: t[0])


def _opposed_superlative(claim: str, sentence: str) -> bool:
    """A clause of the sentence gives what the claim puts at one extreme ("Yellow perch", the claim's
    words before its superlative) the other one ("the highest rate" for "the lowest rate"), and
    not the claim's."""
    lowered = claim.lower()
    for a, b in SUPERLATIVE_OPPOSITES:
        for own, other in ((a, b), (b, a)):
            at = min((m.start() for w in own for m in re.finditer(rf"\b{w}\b", lowered)), default=-1)
            subject = content_stems(claim[:at]) if at > 0 else set()
            if not subject:
                continue
            for clause in _clauses(sentence):
                words = _words(clause)
                if words & other and not words & own and len(subject & content_stems(clause)) * 2 >= len(subject):
                    return True
    return False


# A superlative with its rank ("the town's second-largest employer"; none is the first), the
# possessive it is said within and the noun it qualifies; none with a scope after the noun ("in
# the state", "of the year"), which may be another list.
_RANKS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
_RANK_AND_EXTREME = (
    r"(?:(?P<rank>" + "|".join(_RANKS) + r")[- ])?"
    r"(?P<most>largest|biggest|highest|lowest|smallest|oldest|busiest|longest|deadliest)"
)
_RANKED = re.compile(
    # within a possessive ("the town's", "Marsh Point's", "its"), names case-sensitive
    r"(?P<within>\b(?-i:[A-Z][\w.-]*\s+)*[\w.-]+['\u2019]s|\bits|\btheir)\s+"
    + _RANK_AND_EXTREME
    + r"\s+(?P<noun>[a-z]+)\b(?!\s+(?:in|of|on|at|for|among|since|ever)\b)",
    re.IGNORECASE,
)
# Any superlative with its rank, in any scope; not the tail of a rank this does not read ("15th-largest").
_ANY_RANKED = re.compile(r"(?<![-\w])" + _RANK_AND_EXTREME + r"\b", re.IGNORECASE)
# Another time said beside a rank ("became the largest in 2019", "once the second-largest").
_ANOTHER_TIME = re.compile(r"\b(?:(?:19|20)\d\d|once|formerly|then|now|no longer|until|since|became|become)\b", re.I)
_ONE_SCALE = {"biggest": "largest"}


def _rank_of(m: re.Match[str]) -> tuple[int, str]:
    """A superlative match's rank (1 for none) and its scale, one word for synonyms."""
    most = m["most"].lower()
    return _RANKS.get((m["rank"] or "").lower(), 1), _ONE_SCALE.get(most, most)


_SUBJECT_END = re.compile(r",|\b(?:is|was|are|were|remains|remained|became|has been|had been)\b", re.IGNORECASE)
_CONJOINED = re.compile(r"(?:(?!;|\s(?:and|but|while|whereas)\s).)+", re.IGNORECASE | re.DOTALL)


def _other_rank_of_extreme(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "The plant is the town's second-largest employer" for "The plant is the town's largest
    employer": the part of the sentence that says what the claim's superlative is said of gives it
    another rank, within the same possessive ("the town's"), of the same noun, and the sentence never
    gives the claim's rank; neither tells of another time ("in 2010", "once", "became")."""
    s0, s1 = sentence
    said = text[s0:s1]
    if _ANOTHER_TIME.search(claim) or _ANOTHER_TIME.search(said):
        return []
    for mine in _RANKED.finditer(claim):
        subject = content_stems(claim[: mine.start("within")])
        rank, scale = _rank_of(mine)
        # (the sentence may give the claim's rank too, in another scope: "... and the largest in the county")
        if any(_rank_of(m) == (rank, scale) for m in _ANY_RANKED.finditer(said)):
            continue
        for theirs in _RANKED.finditer(said):
            their_rank, their_scale = _rank_of(theirs)
            if (their_scale, theirs["noun"].lower(), theirs["within"].lower()) != (
                scale,
                mine["noun"].lower(),
                mine["within"].lower(),
            ):
                continue
            # said of the claim's subject: in its part of the sentence (between conjunctions: "...,
            # while walleye had the lowest"), before it ("after the regional school district" is not)
            part = next(p for p in _CONJOINED.finditer(said) if p.start() <= theirs.start("most") < p.end())
            before = said[part.start() : theirs.start("most")]
            # (or by fewer words: "The plant is ..." for "The Marsh Point plant")
            named = content_stems(_SUBJECT_END.split(before)[0])
            # (a pronoun, "It is the town's ...", names nobody)
            if not subject or (
                len(subject & content_stems(before)) * 2 < len(subject) and not (named and named <= subject)
            ):
                continue
            if their_rank != rank:
                start, end = s0 + theirs.start("within"), s0 + theirs.end()
                wording = mine.group()[len(mine["within"]) :].strip()
                return [
                    Finding(
                        "ordinal",
                        False,
                        wording,
                        said[theirs.end("within") : theirs.end()].strip(),
                        start,
                        end,
                        sentence,
                    )
                ]
    return []


def _stance(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b")


_BY_AMOUNT = r"(?:million|billion|thousand|dollars|percent)"
_BUDGET = r"(?:(?:its|the|their|his|her|original|initial|planned|approved|projected) ){1,3}budget"
# Stances taken for or against a thing, by their exact forms ("back" alone is too common a word);
# a sentence that gives both ("64 percent supported a ban, while 31 percent opposed it") is not flagged.
# How a job came out against its plan: one outcome of one event, so the other one, in a sentence
# that restates the claim, is a conflict (_job_outcome), not only a sentence that supports nothing.
JOB_OUTCOMES = [
    # what a project cost against its budget ("$6 million over its original budget"; an amount
    # first, as "under the budget" alone is what a budget provides)
    (
        _stance(rf"under budget|below budget|less than (?:\w+ ){{0,3}}budgeted|{_BY_AMOUNT} (?:under|below) {_BUDGET}"),
        _stance(rf"over budget|above budget|more than (?:\w+ ){{0,3}}budgeted|{_BY_AMOUNT} (?:over|above) {_BUDGET}"),
    ),
    # when a job finished against its schedule ("two weeks ahead of schedule", "behind schedule")
    (
        _stance(r"ahead of (?:its |the )?(?:original )?schedule|earlier than (?:planned|scheduled|expected)"),
        _stance(r"behind (?:its |the )?(?:original )?schedule|later than (?:planned|scheduled|expected)"),
    ),
    # a mark against its record ("set a new record", "equalled the club record"; "one short of the
    # club record", "about two feet below the record set in 1987")
    (
        _stance(
            r"(?:set|sets|setting|broke|breaks|breaking|equall?ed|equals|matched|matches|tied|ties)"
            r" (?:a |an |the )?(?:[a-z]+ ){0,4}record"
        ),
        _stance(r"(?:short of|shy of|below|under|off) (?:a |an |the )?(?:[a-z]+ ){0,4}record"),
    ),
]
STANCE_OPPOSITES = [
    (
        _stance(
            "vote[sd]? for|voting for|vote[sd]? in favou?r|voting in favou?r"
            "|cast (?:[a-z]+ ){0,3}votes? (?:for|in favou?r)"
        ),
        _stance("vote[sd]? against|voting against|vote[sd]? no|voting no|cast (?:[a-z]+ ){0,3}votes? against"),
    ),
    (
        _stance("backed|backing|endorsed|endorsing|favored|favoured|supported|supporting"),
        _stance("opposed|opposing|opposes"),
    ),
    *JOB_OUTCOMES,
]


def _job_outcome(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "two weeks behind schedule" for "two weeks ahead of schedule", "$6 million under its
    original budget" for "$6 million over": the sentence gives the other outcome and not the claim's."""
    s0, s1 = sentence
    said = text[s0:s1]
    sides = _other_side(JOB_OUTCOMES, _plain(claim), _plain(said))
    if sides is None:
        return []
    mine, other = (m.group() for m in sides)
    at = re.search(r"\W+".join(map(re.escape, other.split())), said, re.IGNORECASE)  # where in the source
    start, end = (s0 + at.start(), s0 + at.end()) if at else (s0, s1)
    return [Finding("outcome", False, mine, other, start, end, sentence, other)]


# A court or body turning down what was asked of it ("an appeal against the ban ..., which was
# rejected", "turned the request down"), and what the asking party would have won.
_ASKED = r"(?:appeal|request|lawsuit|suit|petition|motion|challenge|bid|application)s?"
_TURNED_DOWN = (
    r"(?:reject(?:s|ed|ing)?|den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|refus(?:e|es|ed|ing)"
    r"|turn(?:s|ed|ing)? down|thr(?:ew|own|ows) out)"
)
_REFUSED = [
    re.compile(rf"\b(?P<asked>{_ASKED})\b.{{0,120}}?\b(?P<verb>{_TURNED_DOWN})\b", re.IGNORECASE),
    # "turned the request down", "turned Telegram's appeal down"
    re.compile(rf"\b(?P<verb>turn(?:s|ed|ing)? (?:[\w'\u2019]+ ){{0,3}}?(?P<asked>{_ASKED}) down)\b", re.IGNORECASE),
    re.compile(
        rf"\b(?P<verb>{_TURNED_DOWN})\b (?:(?:the|a|an|its|their|his|her|[A-Z][\w'-]*'s?) ){{0,4}}(?:\w+ )?"
        rf"(?P<asked>{_ASKED})\b",
        re.IGNORECASE,
    ),
]
_WON = re.compile(
    r"\b(?:overturn(?:s|ed|ing)?|revers(?:e|es|ed|ing)|str(?:uck|ike|ikes|iking) down|annul(?:s|led|ling)?"
    r"|quash(?:es|ed|ing)?|void(?:s|ed)?|declared? (?:\w+ ){0,4}(?:void|invalid|unlawful|illegal)"
    r"|sided with|ruled in (?:\w+ )?favou?r|granted (?:\w+ ){0,3}" + _ASKED + r"|lift(?:s|ed|ing)? the)\b",
    re.IGNORECASE,
)


# ---- offices --------------------------------------------------------------------------------

_NAME = r"[A-Z][\w'\u2019-]+(?: (?:[A-Z]\.|[A-Z][\w'\u2019-]+)){0,3}"
_HONORIFIC = r"(?:(?:Dr|Mr|Mrs|Ms|Rev|Gen|Col|Capt|Sgt)\. )?"
# "X is the authority's finance director", "X was the lead author of the study": one office.
_BECOMES = r"(?:is|was|has been|had been|will be|becomes|became|serves as|served as)"
_HOLDS = re.compile(
    rf"(?P<name>{_NAME}) {_BECOMES} "
    r"(?P<the>the )?(?P<owner>[\w.\u2019'-]+['\u2019]s )?"
    r"(?P<title>[a-z-]+(?: [a-z-]+){0,2}?)(?=(?: (?:of|for|at|in|on|after|since|until)\b|[.,;]|$))"
)
# "District Attorney Maureen Kessel": a capitalised office right before the name.
# Offices one person holds in a place at a time (a school has its principal, but a story may have two).
_OFFICES = "Attorney Chief Superintendent Mayor Governor Sheriff Treasurer"
# A company's chief officers too: "Chief Financial Officer Desmond Achterberg", "Chief Executive ...".
_CHIEF = r"Chief (?:(?:Executive|Financial|Operating|Technology|Information|Marketing|Medical) Officer|Executive)"
_TITLED = re.compile(
    rf"\b(?P<title>(?:[A-Z][a-z]+ ){{1,2}}(?:{'|'.join(_OFFICES.split())})|{_CHIEF}) (?P<name>{_NAME})"
)


_FORMER = re.compile(r"\b(?:former|interim|acting|then|ex)\b[\s-]*(?:\w+\s+){0,2}$", re.IGNORECASE)


def _office_holder(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """The claim gives an office to one person ("Keisha Dunmore is the authority's finance
    director", "District Attorney Maureen Kessel said ...") where the sentence about it gives that
    office to another ("the authority's finance director, Priya Raman"; "District Attorney Helen
    Osei said ...") and never to the claim's: another holder. Only a definite office ("the", a
    possessive, or a capitalised title before the name), never "a doctoral student"."""
    s0, s1 = sentence
    said = text[s0:s1]
    held = [(m.group("title"), m.group("name")) for m in _HOLDS.finditer(claim) if m.group("the") or m.group("owner")]
    held += [(m.group("title").lower(), m.group("name")) for m in _TITLED.finditer(claim)]
    for title, name in held:
        if title.split()[-1] in _NO_OFFICE:
            continue
        words = "(?i:" + r"\s+".join(map(re.escape, title.split())) + ")"  # the office in any case, names as written
        holders = [
            *re.finditer(rf"\b{words},\s+{_HONORIFIC}(?P<name>{_NAME})", said),
            *re.finditer(rf"(?P<name>{_NAME}),\s+(?:the|[\w.'\u2019-]+['\u2019]s)\s+{words}\b", said),
            *re.finditer(rf"\b{words}\s+(?P<name>{_NAME})", said),
            # "Bayline, the larger of the two, ..., will be the surviving legal entity"
            *re.finditer(
                rf"\b(?!{_NOT_A_NAME}\b)(?P<name>{_NAME})(?:,{_ASIDE},)? {_BECOMES} (?:the )?{words}\b",
                said,
            ),
        ]
        # (a company officer: not a former, interim or acting one; and a sentence that names the
        # claim's person may give them another post, as in a merger: "... and Smith will become chairman")
        if re.fullmatch(_CHIEF, title, re.IGNORECASE):
            holders = [m for m in holders if not _FORMER.search(said[max(m.start() - 30, 0) : m.start()])]
            if _mentioned(name, said, person=True):
                continue
        names = [(m.group("name"), m.start("name")) for m in holders]
        if names and not any(_same_name(name, other) for other, _ in names):
            other, at = names[0]
            return [Finding("name", False, name, other, s0 + at, s0 + at + len(other), sentence, f"as the {title}")]
    return []


# A company officer's title right before the name: "Chief Financial Officer Priya Natarajan".
_CHIEF_NAMED = re.compile(rf"\b(?P<title>(?i:{_CHIEF}))\s+(?P<name>{_NAME})")


def _title_words(claim: str) -> set[str]:
    """The content words of company officers' titles right before a name in the claim."""
    return {w for m in _CHIEF_NAMED.finditer(claim) for w in content_stems(m["title"])}


def _chief(title: str) -> str:
    return re.sub(r"\s+officer$", "", title.lower())  # "Chief Executive Officer" is "Chief Executive"


def _another_office(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """The claim puts one company officer's title before a name ("Chief Executive Priya
    Natarajan said ...") where the sentence puts another before the same name ("..., Chief
    Financial Officer Priya Natarajan said"), not a former or acting one, and nowhere in the passage
    is the claim's title that person's: the quote or the act is given to the wrong office."""
    s0, s1 = sentence
    said = text[s0:s1]
    for mine in _CHIEF_NAMED.finditer(claim):
        if _FORMER.search(claim[: mine.start()]):
            continue  # "Former Chief Financial Officer Priya Natarajan now leads the company"
        theirs = [
            m
            for m in _CHIEF_NAMED.finditer(said)
            if _same_name(mine["name"], m["name"]) and not _FORMER.search(said[max(m.start() - 30, 0) : m.start()])
        ]
        other = next((m for m in theirs if _chief(m["title"]) != _chief(mine["title"])), None)
        if other is not None and not _title_not_anothers(mine["title"], mine["name"], text):
            return [Finding("name", False, mine.group(), other.group(), s0 + other.start(), s0 + other.end(), sentence)]
    return []


def _title_not_anothers(title: str, name: str, text: str) -> bool:
    """The passage gives this officer's title somewhere other than before another person's name:
    to this person, in any words ("Chief Executive Officer and Chief Financial Officer Priya
    Natarajan", "who was named chief executive last week", "who also serves as chief executive"),
    or to nobody named; a person may hold two posts, or have changed posts."""
    words = r"\s+".join(map(re.escape, _chief(title).split()))
    for m in re.finditer(rf"\b{words}(?:\s+officer)?\b", text, re.IGNORECASE):
        after = re.match(rf"\s+(?P<name>{_NAME})", text[m.end() :])
        if after is None or _same_name(name, after["name"]):
            return True
    return False


# An aside between commas, up to a sentence's end (a decimal point is no end: "$1.7 billion").
# (it may hold an abbreviation: "president of St. Anne's for 14 years")
_ASIDE = r"(?:\b(?:St|Dr|Mr|Mrs|Ms|Jr|Sr|Inc|Co|Corp|Ltd|[A-Z])\.|[^.;]|\.(?=\d)){0,120}?"
# Capitalised words that open a sentence without naming anyone ("It will be the ...").
_NOT_A_NAME = "(?:It|He|She|They|We|I|You|This|That|These|Those|The|A|An|Its|His|Her|Their|Our|There|Who|Which)"


# An appointment to a post: "will become its chief operating officer", "was named chief executive".
_APPOINTED = (
    r"(?:will become|becomes|became|will be named|is named|was named|has been named|will be appointed|"
    r"was appointed|has been appointed|will serve as|will take over as|takes over as|took over as)"
)
_APPOINTED_CHIEF = re.compile(
    rf"(?P<name>{_NAME})(?:,{_ASIDE},)? {_APPOINTED} (?:the |its |their |his |her )?(?:new )?"
    rf"(?P<title>(?i:{_CHIEF}))\b"
)


def _appointed_otherwise(claim: str, text: str, sentences: list[tuple[int, int]]) -> list[Finding]:
    """The claim appoints a person to one company office ("Raymond Delacroix will become chief
    executive of the combined system") where a sentence of the passage appoints the same person to
    another ("Raymond Delacroix, president of St. Anne's for 14 years, will become its chief
    operating officer"), and that sentence never gives them the claim's office: a person is
    appointed to one post at a time, and the story names it."""
    for mine in _APPOINTED_CHIEF.finditer(claim):
        wanted = _chief(mine["title"])
        for s0, s1 in sentences:
            said = text[s0:s1]
            for theirs in _APPOINTED_CHIEF.finditer(said):
                if not _same_name(mine["name"], theirs["name"]) or _chief(theirs["title"]) == wanted:
                    continue
                if re.search(r"\s+".join(map(re.escape, wanted.split())), said, re.IGNORECASE):
                    continue  # "the chief executive ... will become chief operating officer too"
                claimed = f"{mine['name']} as {mine['title']}"
                start, end = s0 + theirs.start(), s0 + theirs.end()
                detail = f"as {theirs['title']}"
                return [Finding("role", False, claimed, theirs["name"], start, end, (s0, s1), detail)]
    return []


# "Corrigan is the only one of the three lakes that takes water from a municipal treatment plant"
_THE_ONLY = re.compile(
    rf"(?P<name>{_NAME}) (?:is|was|are|were|has been|had been) the only (?:one |[a-z]+ )?"
    r"(?:of (?:the |its |their )?(?:[\w-]+ ){0,3})?(?:that|who|which|to) (?P<what>[^.;,]+)"
)


def _the_only_one(claim: str, claim_facts: TextFacts, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """The sentence says one name alone does what the claim says another does ("Corrigan is the
    only one of the three lakes that takes water from a municipal treatment plant" for "Lake Ambry
    takes in water from a municipal treatment plant")."""
    s0, s1 = sentence
    m = _THE_ONLY.search(text, s0, s1)
    if m is None or re.fullmatch(_NOT_A_NAME, m.group("name")):
        return []
    what = content_stems(m.group("what"))
    if len(what) < 2 or len(what & content_stems(claim)) * 2 < len(what) + 1:
        return []
    doers = [f for f in claim_facts.facts if f.kind in (NAME, UNTAGGED) and f.role == "agent" and f.verb]
    if not doers or any(_same_name(f.text, m.group("name")) for f in doers):
        return []
    at = m.start("name")
    return [Finding(NAME, False, doers[0].text, m.group("name"), at, m.end("name"), sentence, "as the only one")]


# "The four members who voted against the plan were Dennis Pruitt, Alma Reyes-Baxter, Gordon Fey
# and Tasha Lindqvist": those who did an act, named in full.
_THOSE_WHO = re.compile(
    r"\b[Tt]he\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(?:[\w-]+\s+){0,2}?[\w-]+\s+who\s+"
    r"(?P<act>[^,;]+?)\s+(?:were|are)\s+(?P<names>[^.;]+)"
)


def _not_among(claim: str, claim_facts: TextFacts, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """The sentence names everyone who did the claim's act ("The four members who voted against the
    plan were Dennis Pruitt, Alma Reyes-Baxter, Gordon Fey and Tasha Lindqvist"), and not the claim's
    person ("Board chair Marguerite Olsen was among the members who voted against the fare plan")."""
    s0, s1 = sentence
    m = _THOSE_WHO.search(text, s0, s1)
    if m is None:
        return []
    act = content_stems(m.group("act"))
    if not act or not act <= content_stems(claim):
        return []
    listed = m.group("names")
    if len(re.findall(r"\b[A-Z][\w'-]+\s+[A-Z][\w'-]+", listed)) < 2 or not re.search(r"\band\b", listed):
        return []
    people = [f for f in claim_facts.facts if f.kind == NAME and _personal(f)]
    if len(people) != 1 or _mentioned(people[0].text, text[s0:s1], person=True):
        return []
    at = m.start("names")
    return [
        Finding(NAME, False, people[0].text, listed.strip(), at, at + len(listed), sentence, "among those who did it")
    ]


# Verbs of saying, not of writing: two people may each write something ("wrote the majority
# opinion"), but words said are one speaker's.
_SAYING = frozenset({"say", "tell", "state", "announce", "add"})


def _another_speaker(
    claim_facts: TextFacts, text: str, sentence: tuple[int, int], in_sentence: list[Fact]
) -> list[Finding]:
    """The sentence about the claim's words gives them to another named speaker, and never names
    the claim's ("Her daughter, Caroline Dunn-Pike, said the cause was heart failure" for "Dunn's son,
    Robert Dunn, said she died of heart failure"): a quote given to the wrong person."""
    said = text[sentence[0] : sentence[1]]
    mine = [f for f in claim_facts.facts if f.kind in (NAME, UNTAGGED) and f.role == "agent" and f.verb in _SAYING]
    # the claim's speaker named in full ("Dunn-Pike" is no mention of Robert Dunn)
    if len(mine) != 1 or _mentioned(mine[0].text, said, person=False):
        return []
    theirs = [f for f in in_sentence if f.kind in (NAME, UNTAGGED) and f.role == "agent" and f.verb in _SAYING]
    if not theirs or any(_same_name(mine[0].text, f.text) for f in theirs):
        return []
    # the claim's speaker by a title the sentence gives beside the name the tagger kept
    # ("Superintendent Marsh" for "..., Superintendent Angela Marsh said", tagged "Angela Marsh")
    words = _name_words(mine[0].text)
    if set(words) <= set(_name_words(said)) and any(words[-1:] == _name_words(f.text)[-1:] for f in theirs):
        return []
    return [_finding(NAME, False, mine[0].text, theirs[0], "as the one who said it")]


def _doer_of_another_act(claim_facts: TextFacts, in_sentence: list[Fact], aside: set[str]) -> list[Finding]:
    """The sentence restating the claim gives the claim's act to another name, and the claim's name
    another act ("Jaylen Straker led all scorers with 37 points, ... and forward Andre Pellham added
    24" for "Andre Pellham led all scorers with 37 points"). Only with one doer of the act on each
    side, and the claim's name there doing something else: a name merely absent may be a pronoun's.
    `aside`: the verbs of the sentence's relative clauses, which tell of another act ("Tandy carried
    11 of the 14 precincts that Aldana had won")."""
    mine = [f for f in claim_facts.facts if f.kind == NAME and f.role == "agent" and f.verb]
    if len(mine) != 1 or mine[0].verb in _LIGHT_SLOT_VERBS | aside:
        return []
    doer = mine[0]
    theirs = [f for f in in_sentence if f.kind == NAME and f.role == "agent" and _same_verb(f.verb, doer.verb)]
    if len(theirs) != 1 or _same_name(doer.text, theirs[0].text):
        return []
    elsewhere = [f for f in in_sentence if f.kind == NAME and _same_name(doer.text, f.text)]
    if not elsewhere or any(f.role == "agent" and _same_verb(f.verb, doer.verb) for f in elsewhere):
        return []
    if not any(f.role == "agent" and f.verb and f.verb not in _LIGHT_SLOT_VERBS for f in elsewhere):
        return []
    return [_finding(NAME, False, doer.text, theirs[0])]


# Words that end a phrase after "the" without naming an office ("was the first", "the same").
_NO_OFFICE = frozenset("first last same only one other winner victim case".split())


def _dated_like_the_claim(
    claim_facts: TextFacts,
    passage: list[Fact],
    text: str,
    sentences: list[tuple[int, int]],
    aligned: tuple[int, int],
) -> list[tuple[int, int]]:
    """Other sentences of the passage about the claim's event though they share few of its words:
    one that gives the claim's own day and names a body or person the claim names ("On March 20,
    the Supreme Court turned the request down" for "On March 20, the Supreme Court sided with ...")."""
    days = [_value(f) for f in claim_facts.facts if f.kind == DATE and f.first is not None and f.first == f.last]
    names = [f.text for f in claim_facts.facts if f.kind == NAME]
    out = []
    for s0, s1 in sentences:
        if (s0, s1) == aligned or not any(_mentioned(n, text[s0:s1].lower(), person=False) for n in names):
            continue
        dated = [f for f in passage if f.kind == DATE and s0 <= f.start < s1 and f.label != "filed"]
        if any(dates_mod.compare(day, _value(f)) == "agree" for day in days for f in dated):
            out.append((s0, s1))
    return out


def _request_refused(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """The claim has the asking party winning ("the Moscow City Court overturned the ban", "the
    Supreme Court sided with Telegram and declared the FSB order void") where the sentence about
    it has what was asked turned down ("an appeal against the ban with the Moscow City Court,
    which was rejected on June 14") and no win: the other outcome."""
    s0, s1 = sentence
    said = text[s0:s1]
    won = _WON.search(claim)
    refused = next((m for pattern in _REFUSED if (m := pattern.search(said))), None)
    if won is None or refused is None or _WON.search(said) or any(p.search(claim) for p in _REFUSED):
        return []
    start, end = s0 + refused.start("verb"), s0 + refused.end("verb")
    asked = refused.group("asked").lower()
    what = f"the {asked} {'were' if asked.endswith('s') else 'was'} turned down"
    return [Finding("outcome", False, won.group(), refused.group("verb"), start, end, sentence, what)]


# How a side of STANCE_OPPOSITES' first two pairs reads in a reason ("has Hester Quinn as voting against").
_STANCE_WORDS = [("voting for", "voting against"), ("backing it", "opposing it")]


def _stance_of_name(claim: str, claim_facts: TextFacts, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """A person the claim has taking one side of a vote or a cause whom the sentence about it names
    taking the other ("Commissioners Paul Drayton, Hester Quinn and Samir Bahadur voted against the
    plan" for "Hester Quinn voted in favor"), where that sentence takes the claim's side in no
    words at all (a sentence with both sides may give each to someone else)."""
    s0, s1 = sentence
    said = text[s0:s1].lower()
    claim_text = _plain(claim)
    # Any name but a place's: the tagger calls "Otis Reed" a work of art in "Otis Reed voted for ...".
    people = [f for f in claim_facts.facts if f.kind == NAME and f.label != "PLACE" and f.role == "agent"]
    named = [f for f in people if _mentioned(f.text, said, person=True)]
    if not named:
        return []
    sides = list(zip(STANCE_OPPOSITES[:2], _STANCE_WORDS))
    for side in (0, 1):
        mine = [pair[side] for pair, _ in sides]
        if any(pattern.search(said) for pattern in mine):
            continue
        for pair, words in sides:
            other = pair[1 - side].search(said)
            if pair[side].search(claim_text) and other:
                name = named[0].text
                return [
                    Finding(
                        "role",
                        False,
                        f"{name} as {words[side]}",
                        name,
                        s0 + other.start(),
                        s0 + other.end(),
                        sentence,
                        f"as {words[1 - side]}",
                    )
                ]
    return []


def _plain(text: str) -> str:
    """The text's words in lower case, one space apart (punctuation and digits dropped)."""
    return " ".join(re.findall(r"[a-z]+", text.lower()))


def _words(text: str) -> set[str]:
    return set(_plain(text).split())


def _verb_forms(past: str) -> frozenset[str]:
    """A regular past form's other forms, generously ("approved": approve, approves, approving;
    "denied": deny, denies; "banned": ban, bans); a non-word among them matches nothing."""
    irregular = {"upheld": {"uphold", "upholds", "upholding"}, "began": {"begin", "begins", "begun", "beginning"}}
    if past in irregular:
        return frozenset({past, *irregular[past]})
    stems = {past[:-1], past[:-2]} if past.endswith("ed") else {past}
    if past.endswith("ed") and len(past) > 4 and past[-3] == past[-4]:  # a doubled consonant: banned, permitted
        stems.add(past[:-3])
    if past.endswith("ied"):
        stems.add(past[:-3] + "y")
    forms = {past} | stems | {x + "s" for x in stems} | {x + "es" for x in stems} | {x + "ing" for x in stems}
    if past.endswith("ied"):
        forms.add(past[:-3] + "ies")
    return frozenset(forms)


# One event's incompatible outcomes, single words only. Contests and quantities (won / lost, rose /
# fell) are left out: their opposite is often the same event told from the other side.
_SIDED = {"won", "lost", "defeated", "beat", "gained", "rose", "fell", "increased", "decreased", "climbed", "dropped"}
# A body's decision on a proposal, which the training lexicon does not pair: "adopted" against
# "rejected", "passed" against "rejected" or "failed".
_DECISIONS = [("adopted", "rejected"), ("passed", "rejected"), ("passed", "failed"), ("approved", "denied")]
OUTCOME_OPPOSITES = [
    (_verb_forms(a), _verb_forms(b)) for a, b in [*ANTONYMS, *_DECISIONS] if " " not in a + b and not {a, b} & _SIDED
]
# Sides of a place or a way that one thing has only one of: "live upstream of the dam" is not
# "live downstream".
_PLACE_SIDES = [
    ("upstream", "downstream"),
    ("upriver", "downriver"),
    ("uphill", "downhill"),
    ("upstairs", "downstairs"),
    ("indoors", "outdoors"),
    ("northbound", "southbound"),
    ("eastbound", "westbound"),
    ("inbound", "outbound"),
]
OUTCOME_OPPOSITES += [(frozenset({a}), frozenset({b})) for a, b in _PLACE_SIDES]
# "X rather than Y", "X instead of Y": a preference, which the other order turns round.
_RATHER = re.compile(
    r"(?P<first>(?:[\w'-]+\s+){1,4}?)(?:rather\s+than|instead\s+of)\s+(?P<second>(?:[\w'-]+\s*){1,4})", re.I
)


def _preference_reversed(claim: str, sentence: str) -> bool:
    """ "suit the overall contenders rather than breakaway riders" for "favor breakaway riders rather
    than the overall contenders": each side of the claim's preference is the sentence's other side."""
    for mine in _RATHER.finditer(claim):
        a, b = content_stems(mine["first"]), content_stems(mine["second"])
        for theirs in _RATHER.finditer(sentence):
            x, y = content_stems(theirs["first"]), content_stems(theirs["second"])
            if a & y and b & x and not (a & x or b & y):
                return True
    return False


# Changing a thing one way or the other, said of what is changed ("raised its forecast", "cut the
# tax rate"): transitive forms only, so "profit rose" or "a $1.1 million cut to ..." are not read.
_RAISING = (
    r"raised|raises|raising|increased|increases|increasing|boosted|boosts|boosting|lifted|lifts|lifting"
    r"|hiked|hikes|hiking"
)
_LOWERING = r"lowered|lowers|lowering|cut|cuts|cutting|reduced|reduces|reducing|trimmed|trims|slashed|slashes"
# What the verb changes: a determiner, then words up to a preposition, a figure or the clause's end.
_CHANGED = (
    r"\s+(?:its|the|their|his|her|our|a|an)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)"
    r"(?=\s+(?:to|from|by|for|in|on|at|of|and|but|after|while)\b|\s*[,.;:\u2014]|\s*$)"
)
_RAISED = re.compile(rf"\b(?:{_RAISING}){_CHANGED}", re.IGNORECASE)
_LOWERED = re.compile(rf"\b(?:{_LOWERING}){_CHANGED}", re.IGNORECASE)


# Words that tell of a change, whoever makes it: the changing verbs above, said of the thing itself
# too ("rose", "fell"), "up from", "lifting it", "unchanged since".
_A_CHANGE = re.compile(
    rf"\b(?:{_RAISING}|{_LOWERING}|rose|rises?|rising|fell|falls?|falling|(?:up|down)\s+from|unchanged\s+(?:since|for))\b",
    re.IGNORECASE,
)


def _direction_reversed(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "raised its full-year profit forecast" for "lowered its full-year profit forecast": the
    sentence restating the claim changes the claim's thing (its last word, the same) the other way,
    or keeps it unchanged, and never changes it the claim's way."""
    s0, s1 = sentence
    said = text[s0:s1]
    for mine, theirs in ((_RAISED, _LOWERED), (_LOWERED, _RAISED)):
        claimed_things = list(mine.finditer(claim))
        if not claimed_things:
            continue
        changed = list(theirs.finditer(said))
        kept_way = [m.group(1).lower().split() for m in mine.finditer(said)]
        for claimed in claimed_things:
            thing = claimed.group(1).split()[-1].lower()
            other = next((m for m in changed if m.group(1).split()[-1].lower() == thing), None)
            same_way = any(thing in words for words in kept_way)
            if other is not None and not same_way:
                start, end = s0 + other.start(), s0 + other.end()
                return [Finding("outcome", False, claimed.group(), other.group(), start, end, sentence, other.group())]
            # "declared a quarterly dividend of 23 cents a share, unchanged from the previous quarter"
            kept = re.search(rf"\b{re.escape(thing)}s?\b[^.;:\u2014]{{0,60}}?\b(?:unchanged|held steady)\b", said, re.I)
            # (not "unchanged since 2021, rose to 25 cents", nor "left unchanged in March before
            # lifting it in June": the sentence tells of a change as well)
            if kept is not None and not same_way and other is None and not _A_CHANGE.search(said):
                start, end = s0 + kept.start(), s0 + kept.end()
                return [Finding("outcome", False, claimed.group(), kept.group(), start, end, sentence, kept.group())]
    return []


# A compass point said of a thing ("the northern edge", "the east side", "southbound lanes"), by
# its point: "northern", "northbound" and "north" are one.
_COMPASS = re.compile(
    r"\b(north|south|east|west|northeast|northwest|southeast|southwest)(?:ern|erly|bound|ward)?(?:\s+|-)([a-z]+)\b",
    re.IGNORECASE,
)


def _other_compass_point(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "along the fire's southern edge" for "along the northern edge of the fire": the sentence
    restating the claim puts the claim's thing (the word after the compass point) at another point,
    and never at the claim's."""
    s0, s1 = sentence
    said = text[s0:s1]
    given = [(m.group(1).lower(), m.group(2).lower(), m) for m in _COMPASS.finditer(said)]
    for claimed in _COMPASS.finditer(claim):
        point, thing = claimed.group(1).lower(), claimed.group(2).lower()
        if any(p == point and t == thing for p, t, _ in given):
            continue
        other = next((m for p, t, m in given if t == thing and p != point), None)
        if other is not None:
            start, end = s0 + other.start(), s0 + other.end()
            return [Finding("outcome", False, claimed.group(), other.group(), start, end, sentence, other.group())]
    return []


# A game's result said as a noun after its score, with an article and no owner before it ("a 9-4
# loss"): "Harwick's 9-4 win" and "Tillman's 9-4 loss" may be one game told from either side.
_RESULT = r"\b(?:a|an|the)\s+(\d{1,3}-\d{1,3})\s+(?:(?:home|road|away|overtime|extra-inning)\s+)?(%s)\b"
_RESULTS = ("win|victory|wins|victories", "loss|defeat|losses|defeats")


def _result_reversed(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "a 9-4 loss at Harwick" for "a 9-4 win at Harwick": the sentence restating the claim gives
    the claim's score the other result, and never the claim's."""
    s0, s1 = sentence
    said = text[s0:s1]
    for mine, theirs in (_RESULTS, _RESULTS[::-1]):
        for claimed in re.finditer(_RESULT % mine, claim, re.IGNORECASE):
            score = claimed.group(1)
            other = next((m for m in re.finditer(_RESULT % theirs, said, re.IGNORECASE) if m.group(1) == score), None)
            same = any(m.group(1) == score for m in re.finditer(_RESULT % mine, said, re.IGNORECASE))
            if other is not None and not same:
                start, end = s0 + other.start(1), s0 + other.end()
                return [Finding("outcome", False, claimed.group(), other.group(), start, end, sentence, other.group())]
    return []


# "Eastport beat Harlan Valley 28-21": the winner, the beaten side, the score.
_BEAT = r"(?:beat|beats|beating|defeated|defeats|defeating|edged|edges|edging|downed|downing|routed|routing)"
_WINNER_BEAT = re.compile(
    rf"(?:[Tt]he )?(?P<winner>{_NAME}) {_BEAT} (?:the )?(?P<loser>{_NAME}),? "
    r"(?P<score>\d{1,3}-\d{1,3})\b"
)


def _beaten_winner(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "beating Eastport 28-21" for "Eastport beat Harlan Valley 28-21": the sentence has the
    claim's winner beaten by the claim's score, and never beating anyone by it. (The tagger may
    leave a team's name untagged in a long sentence, so the words are read as written.)"""
    m = _WINNER_BEAT.search(claim)
    if m is None:
        return []
    s0, s1 = sentence
    said = text[s0:s1]
    winner, score = re.escape(m.group("winner")), re.escape(m.group("score"))
    # (the source may give the team's full name: "the Westfield Warriors" for "Westfield")
    full = rf"{winner}(?: [A-Z][\w.'-]*)*"
    beaten = re.search(rf"\b{_BEAT} (?:the )?({full}),? ({score})\b", said)
    won = re.search(rf"\b{full} {_BEAT} (?:the )?{_NAME},? {score}\b", said)
    if beaten is None or won is not None:
        return []
    start, end = s0 + beaten.start(1), s0 + beaten.end(2)
    return [Finding("outcome", False, m.group(), beaten.group(), start, end, sentence, beaten.group())]


# A comparison's two sides: what is compared, the comparative, and what it is compared with.
_COMPARED = re.compile(
    r"^(?P<left>.+?)\b(?P<how>as (?:many|much|large|high|long|likely)|more|fewer|less|higher|lower|larger|smaller"
    r"|greater|bigger|longer|shorter|older|younger)\b(?P<middle>[^,;]*?)\b(?:as|than)\b(?P<right>[^,;]+)",
    re.IGNORECASE,
)


def _swapped_comparison(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "Sediment from the southern basin held three times as many particles as sediment from the
    northern basin" for "... the northern basin ... as the southern basin": the sentence restating
    the claim makes the same comparison with its two sides the other way round, each side known by a
    word the other side lacks."""
    s0, s1 = sentence
    said = text[s0:s1]
    mine, theirs = _COMPARED.search(claim), _COMPARED.search(said)
    if mine is None or theirs is None or mine.group("how").lower() != theirs.group("how").lower():
        return []
    left, right = content_stems(mine.group("left")), content_stems(mine.group("right"))
    their_left, their_right = content_stems(theirs.group("left")), content_stems(theirs.group("right"))
    # a word on one side only, in the claim, found on the other side only, in the sentence
    moved_left = (left - right) & (their_right - their_left)
    moved_right = (right - left) & (their_left - their_right)
    if not (moved_left and moved_right):
        return []
    other = theirs.group("right").strip(" .")
    at = s0 + theirs.start("right") + theirs.group("right").find(other)
    detail = "on the other side of the comparison"
    return [Finding("role", False, mine.group("right").strip(" ."), other, at, at + len(other), sentence, detail)]


def _change_ends(facts: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Each (earlier, later) pair of figures the extractor marked as a change's ends
    (verify.facts.extract._mark_change_ends)."""
    figures = sorted((f for f in facts if f.change_end), key=lambda f: f.start)
    out = []
    for a, b in zip(figures, figures[1:]):
        if a.kind == b.kind and {a.change_end, b.change_end} == {"earlier", "later"}:
            out.append((a, b) if a.change_end == "earlier" else (b, a))
    return out


def _swapped_ends(claim_facts: TextFacts, in_sentence: list[Fact]) -> list[Finding]:
    """ "widened to 28.6 percent from 28.1 percent" for "narrowed to 28.1 percent from 28.6 percent":
    the claim gives a change's two ends, and the sentence restating it gives the same two figures
    as the ends the other way round (and no other figure of their kind), and never the claim's way."""
    theirs = _change_ends(in_sentence)
    for early, late in _change_ends(claim_facts.facts):
        # (a sentence with more figures of the kind may give another thing's change: "fell to 4
        # percent, while Kessing's rose to 5 percent from 4 percent")
        if early.value == late.value or sum(f.kind == early.kind for f in in_sentence) != 2:
            continue
        same = [(a, b) for a, b in theirs if a.kind == early.kind and (a.value, b.value) == (early.value, late.value)]
        other = [(a, b) for a, b in theirs if a.kind == early.kind and (a.value, b.value) == (late.value, early.value)]
        if other and not same:
            a, b = other[0]
            source = Fact(a.kind, f"{a.text} and {b.text}", min(a.start, b.start), max(a.end, b.end), a.sentence)
            return [_finding(CHANGE, False, f"from {early.text} to {late.text}", source, f"from {a.text} to {b.text}")]
    return []


# ---- dates ----------------------------------------------------------------------------------


def _dates(
    claim: str,
    claim_facts: TextFacts,
    source: TextFacts,
    passage: list[Fact],
    in_sentence: list[Fact],
    text: str,
    sentence: tuple[int, int],
    restated: bool = False,
) -> list[Finding]:
    out = []
    claims: list[tuple[str, dates_mod.DateValue, Fact | None]] = [
        (f.text, _value(f), None) for f in claim_facts.facts if f.kind == DATE
    ]
    # "summer classes", "the 2016 fare increase": which thing, not when; such a date may agree only.
    which = {f.text for f in claim_facts.facts if f.kind == DATE and f.label == "which"}
    # ... and so is the base a comparison is made against ("more passengers in 2025 than in 2024":
    # the source may give that year only as "the year before").
    which |= {
        f.text
        for f in claim_facts.facts
        if f.kind == DATE and _COMPARED_WITH.search(claim[max(0, f.start - 20) : f.start])
    }
    bounds = {f.text: f for f in claim_facts.facts if f.kind == DATE and f.label in _BOUNDS + SIDES_OF_A_DAY}
    claims += _relative_dates(claim, source, text, sentence)
    for wording, value, reference in claims:
        # The date of the event a relative date counts from is not the claim's event's date.
        every = [f for f in passage if f.kind == DATE and f != reference]
        own_party = next((f.party for f in claim_facts.facts if f.kind == DATE and f.text == wording), "")
        # (a year that says which of a named event dates that event: "the 2019 Brushy Peak Fire"
        # for "The Brushy Peak Fire burned in 2021")
        sentence_dates = [
            f
            for f in in_sentence
            if f.kind == DATE
            and (f.label not in ("filed", "which") or (f.label == "which" and _names_one_event(own_party, f.party)))
            and f != reference
        ]
        verb = next((f.verb for f in claim_facts.facts if f.kind == DATE and f.text == wording), "")
        if reference is not None:  # a relative date dates the claim's main verb
            verb = next((v[2] for v in claim_facts.verbs if v[3] == "ROOT"), "")
        # Where the passage dates the claim's own verb ("bought ... in 1923"), a date of another
        # verb ("disappeared in 1952") does not confirm the claim's: like with like.
        # (not a date that says which thing: "adopted a budget for the 2025-26 school year")
        own = [f for f in every if verb and f.verb and f.label != "which" and _same_verb(verb, f.verb)]
        bound = bounds.get(wording) if reference is None else None
        if bound is not None and bound.label == "since" and _RECORD.search(claim.lower()):
            # "the largest since 1986" dates the last record, not the event: only another record's
            # "since" is comparable ("the county's 47 cases on Wednesday" fall "since 1986" too).
            every = [f for f in every if f.label == "since"]
            sentence_dates = [f for f in sentence_dates if f.label == "since"]
            own = [f for f in own if f.label == "since"]
        # A contest the source dates with the sides the other way ("Tandy defeated Hale in 2016"
        # for "Hale beat Tandy in 2016") is another contest: it neither agrees nor conflicts.
        sides = {id(f): _contest_sides(claim_facts, verb, passage, f) for f in every}
        # The date of another named party's act ("Brannigan was sentenced a week earlier" for
        # "Kessel was sentenced on Nov. 13") neither agrees nor conflicts either.
        theirs = {id(f) for f in every if _another_subject(claim, claim_facts, wording, f)}
        every = [f for f in every if id(f) not in theirs]
        sentence_dates = [f for f in sentence_dates if id(f) not in theirs]
        own = [f for f in own if sides[id(f)] != "other" and id(f) not in theirs]
        ends = bool(_TWO_ENDS.search(wording))
        verdicts = [(_compare_dates(value, f, bound, ends), f) for f in own or every if sides[id(f)] != "other"]
        agreeing = [f for v, f in verdicts if v == "agree"]
        # One in the sentence about the claim's event before one elsewhere in the passage (a dateline).
        agree = next((f for f in agreeing if f in sentence_dates), agreeing[0] if agreeing else None)
        if agree is not None:
            own_verb = not verb or not agree.verb or _same_verb(verb, agree.verb)
            out.append(
                _finding(DATE, True, wording, agree, _show(agree), own_verb or _same_kind_of_event(verb, agree.verb))
            )
            continue
        if wording in which and reference is None:
            continue
        # Only the sentence about the claim's event can contradict its date: another date of the
        # passage may be another event's. Where the sentence restates the claim, a verb of the
        # same kind of event ("ordered" for "ruled") dates it too.
        rivals = [
            f
            for f in sentence_dates
            if not (verb and f.verb)
            or _same_verb(verb, f.verb)
            or (restated and _same_kind_of_event(verb, f.verb))
            or (restated and _same_record(bound, f, claim, text[sentence[0] : sentence[1]]))
        ]
        agreeing_here = any(_compare_dates(value, f, bound, ends) == "agree" for f in sentence_dates)
        if not rivals and verb and not agreeing_here:
            # The aligned sentence does not date the claim's verb (it shares more names with the
            # claim, "filed a lawsuit with Russia's Supreme Court"), but another sentence of the
            # passage dates that very verb, about the same things: "On March 20, the Supreme
            # Court turned the request down." So for a relative date: "ruled one week after
            # hearing arguments" meets "ruled on Tuesday" in the sentence before the hearing's.
            rivals = [f for f in own if f.label not in ("filed", "which") and _about_claim(claim, text, f.sentence)]
        if not rivals and restated and not agreeing_here and reference is None and bound is None:
            # (not an act the sentence dates from another: "retired in 1999, a year after the school
            # named its new gym after him" does not date the naming 1999)
            told = {
                v[2]
                for v in source.verbs
                if sentence[0] <= v[0] < sentence[1]
                and not (v[3] == "advcl" and _RELATIVE_TO_ANOTHER.search(text[sentence[0] : v[0]]))
            }
            rivals = _lone_day(value, verb, claim_facts, sentence_dates, told, _relative_clause_verbs(source, sentence))
        # A contest's date conflicts only where the source names the claim's side in it: "who had
        # defeated him in 2016" may be another contest than the claim's "Hale beat Tandy in 2020".
        rivals = [f for f in rivals if sides.get(id(f)) not in ("other", "unknown")]
        # A day the claim names is checked against the sentence's days: a year there ("the record
        # set in 1987", which the parser may hang on the claim's verb) cannot say which day it was.
        if _one_day(value):
            rivals = [f for f in rivals if f.first is not None and f.first == f.last] or rivals
        if rivals and all(_compare_dates(value, f, bound, ends) == "conflict" for f in rivals):
            nearest = min(rivals, key=lambda f: dates_mod.distance(value, _value(f)))
            out.append(_finding(DATE, False, wording, nearest, _show(nearest), bool(verb and nearest.verb)))
    return out


# The words before a comparison's base: "than in 2024", "compared with 2019", "than last year's".
_COMPARED_WITH = re.compile(
    r"\b(?:than|compared (?:with|to)|versus|vs\.?)\s+(?:in\s+|on\s+|at\s+|the\s+)?$", re.IGNORECASE
)
_BOUNDS = ("until", "since")
# The extremes a record is stated by ("the largest outbreak since 1996"): the year hangs on the
# superlative, whatever verb the sentence puts around it ("has seen", "is").
_RECORD = re.compile(r"\b(?:largest|biggest|highest|lowest|smallest|worst|best|deadliest|longest|most|fewest|first)\b")


def _same_record(bound: Fact | None, source: Fact, claim: str, sentence: str) -> bool:
    """The claim's "since" and the sentence's both date the same record: "the largest ... since 1986"
    against "the largest in the county since 1996"."""
    if bound is None or bound.label != "since" or source.label != "since":
        return False
    mine, theirs = set(_RECORD.findall(claim.lower())), set(_RECORD.findall(sentence.lower()))
    return bool(mine) and mine == theirs


# The words before a verb of a clause the sentence dates a stated time from its other event: "a
# year after the school named", "two days before officials" (not a bare "after police searched":
# the two may be one day).
_RELATIVE_TO_ANOTHER = re.compile(
    r"\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:hour|day|week|month|year)s?"
    r"\s+(?:after|before)\s+(?:[\w'-]+\s+){0,5}$",
    re.IGNORECASE,
)


def _lone_day(
    value: dates_mod.DateValue,
    verb: str,
    claim_facts: TextFacts,
    sentence_dates: list[Fact],
    told: set[str],
    aside: set[str],
) -> list[Fact]:
    """The one day a sentence that restates the claim gives, where the claim gives one day too,
    whatever verbs the parse hangs them on ("met once ..., on Sept. 26, when St. Brendan's won
    35-17" for "St. Brendan's beat Ridgeline 35-17 ... on Oct. 26"), provided the sentence tells
    the claim's act (`told`: its verbs) or the claim's verb only says that something happened ("The
    tornado struck on Monday evening" for "cut a path ... on Tuesday evening"): "Judge Ruiz
    inspected the quarry" is not dated by the day she "ordered" its permit suspended. A day
    something was said on ("officials said Wednesday") is the telling's, and one in a relative
    clause (`aside`: "Kimura, who sprained his ankle in Game 4 on Monday") another event's."""
    grain = _grain(value)
    if grain is None or sum(f.kind == DATE for f in claim_facts.facts) != 1:
        return []
    if verb not in _HAPPENING and not any(_same_verb(verb, v) or _same_kind_of_event(verb, v) for v in told):
        return []
    days = [f for f in sentence_dates if f.verb not in _SAYING | aside and _grain(_value(f)) == grain]
    return days if len(days) == 1 else []


def _grain(value: dates_mod.DateValue) -> str | None:
    """ "day" for a single day, "year" for a whole calendar year ("in 2019"), else None."""
    if _one_day(value):
        return "day"
    first, last = value.first, value.last
    if first and last and first[0] is not None and first[0] == last[0] and first[1:] == (1, 1) and last[1:] == (12, 31):
        return "year"
    return None


# Verbs that say only that an event happened, as stories of storms, fires and crashes use them.
_HAPPENING = frozenset("strike hit happen occur erupt sweep".split())


def _one_day(value: dates_mod.DateValue) -> bool:
    """A single day, or a weekday alone ("on Wednesday" in a claim without a date)."""
    if value.first is None:
        return value.weekday is not None
    return value.first == value.last


def _names_one_event(claims: str, source: str) -> bool:
    """The claim's date is said of the event the source's year names: every word of the name ("the
    brushy peak fire" and "brushy peak fire"), at least two of them."""
    mine, theirs = set(_name_words(claims)), set(_name_words(source))
    return len(theirs) >= 2 and mine == theirs


def _another_subject(claim: str, claim_facts: TextFacts, wording: str, date: Fact) -> bool:
    """The source's date is of a verb said of a proper name the claim never gives, where the
    claim's own date is said of another proper name."""
    own = next((f.party for f in claim_facts.facts if f.kind == DATE and f.text == wording), "")
    if not own or not date.party:
        return False
    # a name the claim gives only for the event its date counts from ("a day after St. Brennan's
    # board did") is not the claim's party
    relative = _RELATIVE.search(claim)
    bare = claim[: relative.start()] if relative else claim
    return not _same_name(own, date.party) and not _mentioned(date.party, bare.lower(), person=True)


def _contest_sides(claim_facts: TextFacts, verb: str, passage: list[Fact], date: Fact) -> str:
    """Whether a source date of a contest ("beat", "won", "lost") has the claim's sides: "same"
    (a name on the same side in both), "other" (a name on the other side), "unknown" (the source
    names no side of that verb in that sentence: "who had defeated him"), or "" (no contest with
    named sides in the claim, or the date is not of a contest verb)."""
    if verb not in CONTEST_VERBS or date.verb not in CONTEST_VERBS:
        return ""
    claimed = _named_sides(claim_facts.facts, verb)
    if not claimed:
        return ""
    s0, s1 = date.sentence
    stated = _named_sides([f for f in passage if s0 <= f.start < s1], date.verb)
    found = {side == other for name, side in claimed for named, other in stated if _same_name(name, named)}
    return "other" if False in found else "same" if True in found else "unknown"


def _named_sides(facts: list[Fact], verb: str) -> list[tuple[str, str]]:
    """(name, winner / loser) of each name that is a side of `verb` ("Hale" in "Hale beat Tandy"),
    as tagged: a side found only by its capital letter serves the swapped-sides check alone."""
    return [
        (f.text, side)
        for f in facts
        if f.kind == NAME and f.label != UNTAGGED_SIDE and f.verb == verb and (side := _SIDES.get((f.role, verb)))
    ]


# A span written with both its ends: "from March 2024 to June 2026", "between 2017 and 2022".
# (a date fact's own wording: the extractor joins "between X and Y" into one span, "X and Y")
_TWO_ENDS = re.compile(r"\S\s+(?:to|through|and|until)\s+\S", re.I)
# How far apart two tellings of one end of a span may be (a day against its month, "March 3" and
# "March"): a month.
_END_SLACK_DAYS = 31


def _compare_dates(claim: dates_mod.DateValue, source: Fact, bound: Fact | None, ends: bool = False) -> str:
    """The claim's date against a source date; "until May" against "until March" by the ends they
    name ("by Thursday" against "by Monday" too); "before Aug. 25" as the days before it, in the
    source date's year where the claim gives none. `ends`: the claim writes its span with both
    ends, so a source span written so is compared end by end ("from March 2024 to June 2026"
    against "between March 2024 and June 2025": one end a year off, not a span inside another)."""
    if ends and _TWO_ENDS.search(source.text):
        apart = _ends_apart(claim, _value(source))
        if apart is not None:
            return "conflict" if apart > _END_SLACK_DAYS else "agree"
    if bound is not None and bound.label in SIDES_OF_A_DAY and not (bound.label == source.label == "by"):
        theirs = _value(source)
        year = theirs.first[0] if theirs.first is not None else None
        ours = _side_of(_named(bound), bound.label, year)
        return dates_mod.compare(ours, theirs) if ours is not None else "unsure"
    if source.label in SIDES_OF_A_DAY and claim.first is not None and claim.first[0] is None:
        # "in April" against "not before May 2025": the claim's month in the source's year
        named = _named(source)
        placed = _in_year(claim, named.first[0] if named.first is not None else None)
        return dates_mod.compare(placed, _value(source)) if placed is not None else "unsure"
    if bound is not None and source.label == bound.label:
        return _compare_bounds(_named(bound), _named(source))
    relation = dates_mod.compare(claim, _value(source))
    if relation == "agree" and bound is not None and bound.label in _BOUNDS:
        # A day inside the span does not give its end: "said on a call this spring" is no backing
        # for "has been chief executive since 2019"; "became chief executive in 2019" is.
        return "agree" if dates_mod.compare(_named(bound), _value(source)) == "agree" else "unsure"
    return relation


def _ends_apart(claim: dates_mod.DateValue, source: dates_mod.DateValue) -> int | None:
    """The larger gap, in days, between the two spans' first days and their last days; None where a
    year is missing."""
    days = [claim.first, claim.last, source.first, source.last]
    if any(d is None or d[0] is None for d in days):
        return None
    c0, c1, s0, s1 = (dt.date(*d) for d in days)  # type: ignore[arg-type, misc]
    return max(abs((c0 - s0).days), abs((c1 - s1).days))


def _compare_bounds(claim: dates_mod.DateValue, source: dates_mod.DateValue) -> str:
    """Two spans open the same way, by the ends they name: "until May" conflicts with "until March";
    "since the 1990s" holds "since 1994" and "until 2026" holds "until spring 2026" (one end inside
    the other); ends a day apart are one end written two ways ("through May", "until June 1")."""
    relation = dates_mod.compare(claim, source)
    if relation == "conflict" and dates_mod.gap_days(claim, source) <= 1:
        return "unsure"
    return relation


def _about_claim(claim: str, text: str, sentence: tuple[int, int]) -> bool:
    words = content_stems(claim)
    return len(words & content_stems(text[sentence[0] : sentence[1]])) / max(len(words), 1) >= SAME_EVENT["date"]


_ORDER = re.compile(
    r"(?:\b(?P<n>(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a few|several)\s+"
    r"(?:minute|hour|day|week|month|year)s?|\bthe\s+(?:day|week|month|year)|\bshortly|\bsoon|\bjust|\blong)\s+)?"
    r"\b(?P<dir>after|before|following|prior to|ahead of)\s+"
    r"(?P<event>[^,.;:\u2014]+?)(?=\s+(?:after|before|following|prior to|ahead of|and|but|while)\b|[,.;:\u2014]|$)",
    re.IGNORECASE,
)
# "after it was released", "before they left": an event a reader resolves from the sentence, which
# may be the claim's own other event, so the sentence may also say it the claim's way.
_PRONOUN_EVENT = re.compile(r"^(?:it|they|this|that|these|those|he|she|we|which|them)\b", re.IGNORECASE)
# The opening of a relative clause ("The company, which cut jobs before the merger, hired ..."): an
# order phrase inside one dates that clause's verb, not the sentence's.
_RELATIVE_OPENING = re.compile(r"\b(?:which|who|whom|whose|that)\b[^,;:\u2014]*$", re.IGNORECASE)
_DIRECTION = {"after": "after", "following": "after", "before": "before", "prior to": "before", "ahead of": "before"}
MIN_MAIN_CLAUSE = 0.5


def _order(
    claim: str, claim_facts: TextFacts, source_facts: TextFacts, text: str, sentence: tuple[int, int]
) -> list[Finding]:
    """A claim that puts its event after another ("rallied after the vote") where the sentence about
    it puts it before that same other event ("Before the vote, ... rallied"), or the reverse. The
    sentence must restate the claim's own event (its words outside the "after ..." phrase, its own
    verb among them), and must not also say it the claim's way."""
    s0, s1 = sentence
    source = text[s0:s1]
    theirs = [(m, _event_words(m.group("event"))) for m in _ORDER.finditer(source)]
    # The claim's main verb: a sentence that orders another act ("learned of the layoffs ... one
    # day before the announcement" for "voted to authorize a strike after the layoffs were
    # announced"; "will pay 25 cents more ... after the board voted" for "Before the vote, a trip
    # cost $2.50") says nothing of when the claim's act came. An act any event has ("was", "said")
    # is no such test.
    acts = [v[2] for v in claim_facts.verbs if v[3] == "ROOT" and v[2] not in _LIGHT_FIGURE_VERBS]
    for m in _ORDER.finditer(claim):
        event = _event_words(m.group("event"))
        if not event:
            continue
        main = content_stems(claim[: m.start()] + " " + claim[m.end() :])
        rest = source
        for other, _ in theirs:
            rest = rest.replace(other.group(), " ")
        if not main or len(main & content_stems(rest)) / len(main) < MIN_MAIN_CLAUSE:
            continue
        told = [
            v[2]
            for v in source_facts.verbs
            if s0 <= v[0] < s1 and not any(s0 + o.start() <= v[0] < s0 + o.end() for o, _ in theirs)
        ]
        if acts and not any(_same_verb(act, verb) for act in acts for verb in told):
            continue
        direction = _DIRECTION[m.group("dir").lower()]
        if any(
            _DIRECTION[o.group("dir").lower()] == direction and _PRONOUN_EVENT.match(o.group("event"))
            for o, _ in theirs
        ):
            continue  # "rallied after it was released": perhaps the claim's way, of the same event
        same = [o for o, words in theirs if words & event and not _RELATIVE_OPENING.search(source[: o.start()])]
        if same and all(_DIRECTION[o.group("dir").lower()] != direction for o in same):
            o = same[0]
            at = s0 + o.start()
            return [Finding(DATE, False, m.group().strip(), o.group().strip(), at, at + len(o.group()), sentence)]
    return []


def _event_words(phrase: str) -> set[str]:
    """An event's content words cut to four letters, so "the vote" meets "had voted"."""
    return {w[:4] for w in content_stems(phrase) if len(w) >= 4}


_BEGIN_VERBS = frozenset({"begin", "start"})


def _began_since(claim_facts: TextFacts, in_sentence: list[Fact]) -> list[Finding]:
    """ "began sandbagging the levee on Tuesday night" against "had been sandbagging the levee since
    Monday night": the day the claim says an act began, against the day the sentence says the
    same act has gone on since."""
    verbs = {v[2] for v in claim_facts.verbs}
    acts = verbs - _BEGIN_VERBS - {"be", "have", "do"}
    if not verbs & _BEGIN_VERBS:
        return []
    out = []
    for cf in claim_facts.facts:
        # the date hangs on "began" or on the act it takes ("began sandbagging ... on Tuesday")
        placed = cf.first is not None or cf.weekday is not None
        if cf.kind != DATE or cf.verb not in acts | _BEGIN_VERBS or cf.label or not placed:
            continue
        since = [
            sf
            for sf in in_sentence
            if sf.kind == DATE and sf.label == "since" and sf.verb in acts and (sf.first or sf.weekday is not None)
        ]
        if len(since) != 1:
            continue
        began = replace(since[0], last=since[0].first, label="")
        if since[0].first is None or cf.first is None:
            # no date to place the days on (an article without one): the days of the week meet
            if cf.weekday is None or since[0].weekday is None:
                continue
            relation = "agree" if cf.weekday == since[0].weekday else "conflict"
        else:
            relation = dates_mod.compare(_value(cf), _value(began))
        if relation in ("agree", "conflict"):
            out.append(_finding(DATE, relation == "agree", cf.text, since[0], _show(began)))
    return out


def _named(fact: Fact) -> dates_mod.DateValue:
    """The interval a date's wording names ("March" in "until March")."""
    return dates_mod.as_value(fact.first, fact.last, fact.weekday)


def _in_year(named: dates_mod.DateValue, year: int | None) -> dates_mod.DateValue | None:
    """A named day or span, in `year` where it gives none; None where neither gives one."""
    if named.first is None or named.last is None:
        return None
    if named.first[0] is not None and named.last[0] is not None:
        return named
    if year is None:
        return None
    return dates_mod.DateValue((year, *named.first[1:]), (year, *named.last[1:]))  # type: ignore[arg-type]


def _side_of(named: dates_mod.DateValue, side: str, year: int | None = None) -> dates_mod.DateValue | None:
    """The days on one side of a named day: "before Aug. 25" every day before it, "after" every day
    after, "by" up to and including it, "from" (as "not before") it and every day after. A day
    without a year takes `year`; None without either."""
    day = _in_year(named, year)
    if day is None:
        return None
    if side == "by":
        return dates_mod.DateValue((1900, 1, 1), day.last)
    if side == "from":
        return dates_mod.DateValue(day.first, (2100, 12, 31))
    return dates_mod.before_or_after(day, after=side == "after")


def _value(fact: Fact) -> dates_mod.DateValue:
    """The days a date covers: "until March" from long before to the end of March, "since 2019" from
    2019 on, "before Aug. 25 2025" every day before it (not placed without a year)."""
    if fact.label in SIDES_OF_A_DAY:
        return _side_of(_named(fact), fact.label) or dates_mod.UNKNOWN_DAY
    value = _named(fact)
    if fact.label == "until" and value.last is not None:
        return dates_mod.DateValue((1900, 1, 1), value.last)
    if fact.label == "since" and value.first is not None:
        return dates_mod.DateValue(value.first, (2100, 12, 31))
    return value


def _show(fact: Fact) -> str:
    """A resolved date in words: "14 June 2018", "June 2018", "2018"."""
    if not fact.first or not fact.last or "--" in (fact.first[:2], fact.last[:2]):
        return fact.text
    if fact.label in SIDES_OF_A_DAY:  # "after 3 May 2025"
        return f"{'not before' if fact.label == 'from' else fact.label} {_show(replace(fact, label=''))}"
    a, b = dt.date.fromisoformat(fact.first), dt.date.fromisoformat(fact.last)
    if a == b:
        return f"{a.day} {a:%B %Y}"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    month_ends = a.day == 1 and (b + dt.timedelta(days=1)).day == 1
    if month_ends and a.month == b.month and a.year == b.year:
        return f"{a:%B %Y}"
    if (a.year, a.month) == (b.year, b.month):  # "early / mid / late June 2026", as the text says it
        last = (b + dt.timedelta(days=1)).day == 1
        part = {(1, 10): "early ", (11, 20): "mid-"}.get((a.day, b.day), "late " if a.day == 21 and last else "")
        if part:
            return f"{part}{a:%B %Y}"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        return f"{a.year} to {b.year}"
    if month_ends:
        return f"{a:%B %Y} to {b:%B %Y}"
    return f"{a.day} {a:%B %Y} to {b.day} {b:%B %Y}"


def _relative_dates(
    claim: str, source: TextFacts, text: str, sentence: tuple[int, int]
) -> list[tuple[str, dates_mod.DateValue, Fact]]:
    """A claim's "a week after the hearing", "the day after officials ordered the evacuation" or
    "before the ruling" as days, counted from the date the source gives that other event (found
    in any sentence of the source), with the fact that dated it."""
    out = []
    for m in _RELATIVE.finditer(claim):
        cmp = (m.group("cmp") or "").lower()
        if m.group("dir").lower() == "of" and not (cmp == "within" and m.group("unit")):
            continue  # "of" only in "within a month of the vote"
        found = _event_date(m.group("event"), source, text)
        if found is None:
            continue
        when = _value(found)
        after = m.group("dir").lower() in ("after", "following", "of")
        count, unit = m.group("n"), (m.group("unit") or "").lower()
        if unit:
            from verify.facts.numbers import parse_number

            n = 1.0 if count.lower() == "the" else (parse_number(count) or 1)
            days = n * dates_mod.UNIT_DAYS[unit]
            slack = {"day": 0, "week": 1, "month": 3, "year": 15}[unit]
            if cmp in ("more than", "over", "at least"):  # "more than three weeks after": 21 days on
                value = _beyond(when, days, after)
            elif cmp in ("less than", "under", "within"):  # "within a month of": up to 30 days
                value = dates_mod.shift(when, days / 2 * (1 if after else -1), int(days / 2) + slack)
            else:
                if cmp:  # "about two weeks", "nearly a year"
                    slack = max(slack, int(days * 0.15))
                value = dates_mod.shift(when, days * (1 if after else -1), slack)
        else:
            value = dates_mod.before_or_after(when, after)
        if value is not None:
            out.append((m.group().strip(), value, found))
    return out


def _beyond(when: dates_mod.DateValue, days: float, after: bool) -> dates_mod.DateValue | None:
    """Every day at least `days` after (before) an event."""
    start = dates_mod.shift(when, days if after else -days)
    if start is None:
        return None
    return dates_mod.before_or_after(dates_mod.shift(start, -1 if after else 1) or start, after)


def _event_date(event: str, source: TextFacts, text: str) -> Fact | None:
    """The date the source gives an event named by a noun ("the hearing") or a clause ("officials
    ordered the evacuation"): in the sentence holding most of its words, the one date there, or
    the one whose verb is the event's ("closed" in "founded in 1952 ... which closed in 1994")."""
    # A person or a place is not an event ("two days before Whitaker": before Whitaker did what?).
    if not re.search(r"\b[a-z]{3,}", event):
        return None
    words = _event_words(event)
    if not words:
        return None
    found: dict[float, list[Fact]] = {}
    for s0, s1 in source.sentences:
        share = len(words & _event_words(text[s0:s1])) / len(words)
        if share < 0.67:
            continue
        days = [f for f in source.facts if f.kind == DATE and s0 <= f.start < s1 and f.label != "filed"]
        days = [f for f in days if f.first and f.last and not f.first.startswith("--")]
        if len(days) > 1:
            days = [f for f in days if f.verb and f.verb[:4] in words]
        if len(days) > 1:
            # "heard arguments on Sept. 9 ..., five weeks before Tuesday's ruling": a possessive
            # date dates its noun (the ruling), not the sentence's verb.
            days = [f for f in days if text[f.end : f.end + 2] not in ("'s", "\u2019s")]
        if len(days) == 1:
            found.setdefault(share, []).append(days[0])
    if not found:
        return None
    # Sentences that name the event equally well but date it differently ("the storm" of this
    # week, "an ice storm in December 2013"): the source does not give one date, so none is used.
    best = found[max(found)]
    return best[0] if len({(f.first, f.last) for f in best}) == 1 else None


# ---- figures --------------------------------------------------------------------------------

_FIGURES = (QUANTITY, MONEY, PERCENT, DURATION, ORDINAL, TIME, SCORE)


_PERIOD = re.compile(
    r"\b(?P<which>current|this|coming|upcoming|next|following|last|previous|prior|past)\s+"
    r"(?:fiscal\s+|calendar\s+|school\s+|financial\s+|budget\s+)?(?P<unit>year|season|quarter|month|week|term|session)\b",
    re.IGNORECASE,
)
_WHICH = {"current": "this", "coming": "next", "upcoming": "next", "following": "next", "previous": "last"}
_WHICH |= {"prior": "last", "past": "last"}


# Numbered parts of a year: "the third quarter", "first-half", "Q3".
_NUMBERED_PERIOD = re.compile(
    r"\b(?:(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?P<unit>quarter|half)|q(?P<q>[1-4]))\b",
    re.IGNORECASE,
)
_NUMBERED = ("quarter", "half")
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}


def _periods(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in _PERIOD.finditer(text):
        which = m.group("which").lower()
        out.setdefault(m.group("unit").lower(), set()).add(_WHICH.get(which, which))
    for m in _NUMBERED_PERIOD.finditer(text):
        if m.group("q"):
            unit, which = "quarter", ["first", "second", "third", "fourth"][int(m.group("q")) - 1]
        else:
            unit, which = m.group("unit").lower(), m.group("which").lower()
        out.setdefault(unit, set()).add(_ORDINALS.get(which, which))
    return out


def _another_time(
    claim: str, claim_facts: TextFacts, passage: list[Fact], text: str, sentence: tuple[int, int]
) -> bool:
    """Whether the aligned sentence speaks of another time than the claim, so its figures are not
    the claim's: the claim says "the current fiscal year" where it says "the coming fiscal year",
    or the claim's date is found in another sentence of the passage and not in this one ("still
    without power early Wednesday" against "at the height of the storm")."""
    mine, theirs = _periods(claim), _periods(text[sentence[0] : sentence[1]])
    if any(unit in theirs and not (which & theirs[unit]) for unit, which in mine.items()):
        return True
    dates = [f for f in passage if f.kind == DATE and f.label != "filed"]
    for cf in (f for f in claim_facts.facts if f.kind == DATE):
        value = _value(cf)
        agreeing = [f for f in dates if dates_mod.compare(value, _value(f)) == "agree"]
        if agreeing and not any(sentence[0] <= f.start < sentence[1] for f in agreeing):
            return True
        # "The 2012 flood peaked at about 10.9 metres" against a sentence of Saturday's flood: the
        # year that says which event the claim means is nowhere in the passage, and the sentence
        # dates its own event in another year
        year = _grain(value) == "year"
        if cf.label == "which" and year and not agreeing:
            here = [
                f for f in dates if sentence[0] <= f.start < sentence[1] and f.first and not f.first.startswith("--")
            ]
            if here and all(dates_mod.compare(value, _value(f)) == "conflict" for f in here):
                return True
    return False


def _another_part_of_the_year(claim: str, text: str, sentence: tuple[int, int]) -> bool:
    """The sentence is about a numbered part of a year that the claim does not name ("For the third
    quarter, ... expects revenue of $760 million" against "quarterly revenue topped $800 million").
    For money and shares only: in a game, "the fourth quarter" is a part of the game."""
    mine, theirs = _periods(claim), _periods(text[sentence[0] : sentence[1]])
    return any(unit in _NUMBERED and which - mine.get(unit, set()) for unit, which in theirs.items())


def _figures(
    claim: str,
    claim_facts: TextFacts,
    passage: list[Fact],
    in_sentence: list[Fact],
    other_time: bool = False,
    other_part: bool = False,
    restated: bool = False,
    source: TextFacts | None = None,
) -> list[Finding]:
    """Each claim figure against the passage's: agreement from anywhere in it, a conflict only from
    the sentence about the claim's event, and only where that sentence speaks of the claim's time
    (`other_time`: it does not; `other_part`: it is about another part of the year, which rules
    out money and shares). `restated`: the sentence holds most of the claim, so its one count of
    the claim's own thing ("about 1,800 signatures" for "about 800 signatures") is a rival
    whatever verb each hangs on."""
    # The claim names a place, body or person the sentence does not ("in the shelter at Tessaly
    # Community College" against "About 900 people spent Wednesday night in the shelters"): its
    # count of people in general may be a part of the sentence's.
    named = [sf for sf in in_sentence if sf.kind == NAME]
    narrowed = any(f.kind == NAME and not any(_same_name(f.text, sf.text) for sf in named) for f in claim_facts.facts)
    out = []
    for cf in (f for f in claim_facts.facts if f.kind in _FIGURES):
        if cf.role in (CHANGE, GAP, RATIO):
            out += _worked_out(cf, passage, in_sentence)
            continue
        # A level and a difference of the same value agree ("a 29 percent increase" and "the
        # increase, about 29 percent"); a level never conflicts with a difference or a ratio.
        comparable = [sf for sf in passage if sf.kind == cf.kind and _same_thing(cf, sf) and (sf.role != RATIO)]
        # Where the sentence about the event gives a figure of the claim's own verb ("brought in
        # about 450 line workers"), one of another verb ("its own 280 line workers") is not the
        # claim's, however alike: like with like.
        own = [sf for sf in comparable if _own_verb(cf, sf)]
        # ... and where only another sentence of the passage does ("The board offered 4 percent"
        # after "The union had asked for a 6 percent raise", for "The board offered a 6 percent
        # raise"), the sentence's figure of another verb is another act's: the other sentence's
        # figure is the one to compare (an act any event has, "said", "was", tells nothing).
        # (a figure another named doer's is not the claim's: "Kessel was sentenced ... to six years"
        # leaves Brannigan's "30 months" in the next sentence to compare)
        theirs = [sf for sf in in_sentence if _another_doers(cf, sf)]
        elsewhere = (
            bool(own)
            and cf.verb not in _LIGHT_FIGURE_VERBS
            and not any(sf in in_sentence and sf not in theirs for sf in own)
            # (a rank is no rival figure of a count: "the town's first fire chief, died Sunday")
            and not any(
                sf.kind in _FIGURES
                and (sf.kind != ORDINAL or cf.kind == ORDINAL)
                and _own_verb(cf, sf)
                and sf not in theirs
                for sf in in_sentence
            )
        )
        if elsewhere or any(sf in in_sentence for sf in own):
            comparable = own
        candidates = [
            sf for sf in in_sentence if _own_verb(cf, sf) and (not sf.unit or same_unit(cf.unit, sf.unit))
        ] or ([] if elsewhere else in_sentence)
        # A claim figure that is the one end of a change it gives ("will fall to $19.8 million")
        # is not where the source's change began ("up from $19.8 million"), nor the other way round;
        # a claim giving both ends is read by _swapped_ends.
        lone_end = bool(cf.change_end) and not any(
            g.kind == cf.kind and g.change_end and g.change_end != cf.change_end for g in claim_facts.facts
        )
        # The same figure in the sentence about the event agrees even when the parse cannot say
        # what either counts ("49 percent" and "at 49 percent"); a conflict needs like with like.
        same = next(
            (
                sf
                for sf in candidates
                if sf.kind == cf.kind
                and not _told_otherwise(cf, sf, lone_end)
                and (not sf.unit or same_unit(cf.unit, sf.unit))
                and (cf.kind != SCORE or _same_owners(cf, sf))
                and not _other_sort(cf, sf)
                and _equal(cf, sf)
            ),
            None,
        )
        # A person's age beside their name ("Harold Minter, 71, of Lisle") says who, not what
        # happened: its findings are of kind AGE, which may conflict but back nothing.
        kind = AGE if cf.says_who else cf.kind
        if same is not None and not any(_figure_relation(cf, sf) == "agree" for sf in comparable):
            out.append(_finding(kind, True, cf.text, same))
            continue
        if not comparable:
            continue
        relation = [(_figure_relation(cf, sf), sf) for sf in comparable]
        # (Another named subject's figure may agree: two names may be one party, "the Hawks" and
        # "Harlan State", and a blocked agreement leaves a rival standing.)
        agree = next((sf for r, sf in relation if r == "agree" and not _told_otherwise(cf, sf, lone_end)), None)
        if agree is not None:
            # (a length worked out from a "since" year: arithmetic a model does not do)
            worked = agree.kind == DURATION and agree.label == "since"
            out.append(replace(_finding(kind, True, cf.text, agree), worked=worked))
            continue
        if other_time or (other_part and cf.kind in (MONEY, PERCENT)):
            continue
        # the claim's one count of a thing against the restating sentence's one count of it
        # (not an age, a bound rather than a count, nor a count the claim only says "is": "his career
        # high is 38 points" may be worked out from "37 points, one short of his career high")
        lone = (
            restated
            and cf.kind == QUANTITY
            and cf.unit not in GENERIC_UNITS | {AGE}
            and cf.verb not in ("be", "have", "")
            and _lone_count(cf, claim_facts.facts)
            # (not a count of those who did not: "Six boats ... did not finish" against "40 boats
            # that started")
            and not any(v[2] == cf.verb and v[4] == 1 for v in claim_facts.verbs)
        )
        wholes = [w for w in claim_facts.facts if w.role == WHOLE and w.kind == cf.kind and w.unit == cf.unit]
        rivals = [
            sf
            for sf in comparable
            if (sf in in_sentence or elsewhere)
            and (
                _same_event(cf, sf)
                or (lone and _lone_count(sf, in_sentence))
                or (restated and _same_people(cf, sf) and not narrowed)
            )
            and _same_period(cf, sf)
            and sf.role not in (CHANGE, GAP)
            # a part of a total ("this state and three neighboring states") is no rival of a larger count
            and not (sf.role == PART and (cf.value or 0.0) > (sf.value or 0.0))
            # nor a larger count of the group the claim takes some of ("reconnected about 4,300 of
            # the homes that lost power" against "6,200 homes ... lost electricity"): its whole
            and not (cf.role == SOME and (sf.value or 0.0) > (cf.value or 0.0))
            # nor the whole a part is taken from ("made 11 of 19 free throws" for "missed eight"),
            # the claim's own whole too ("About 120 employees" for "About 45 of the 120 employees")
            and not (sf.role == WHOLE and cf.role != WHOLE)
            and not (cf.role != WHOLE and any(sf.bounds()[0] <= (w.value or 0.0) <= sf.bounds()[1] for w in wholes))
            # nor a count of those who did what the claim's did not ("Two of the 12 jurors did not
            # agree" against "requires at least nine of 12 jurors to agree")
            and not _polarity_differs(cf, claim_facts, sf, source)
            # nor another named subject's figure ("Pellegrin ... leads the climbers' competition with
            # 31 points" for "Verhaegen leads Ferrandi by 12 points")
            and not _another_doers(cf, sf)
            # nor the other end of a change ("fell ... to 4 percent, while Kessing's rose to 5
            # percent from 4 percent" tells nothing of where "fell to 4 percent from 5 percent" began)
            and not _other_end(cf, sf)
            # nor an age a year off (a birthday between the two tellings)
            and not (cf.unit == AGE and abs((cf.value or 0.0) - (sf.value or 0.0)) <= 1)
        ]
        # a rate the sentence also gives as the bare amount ("rents for $1,400, plus $50 a month
        # for parking" for "Rent is $1,400 a month") is that amount
        if "/" in cf.unit and any(
            sf.kind == MONEY and sf.unit == cf.unit.split("/")[0] and _equal(cf, sf) for sf in in_sentence
        ):
            rivals = []
        if rivals and all(_figure_relation(cf, sf) == "conflict" for sf in rivals):
            if _total_of_two(cf, claim, in_sentence):
                continue
            rival = min(rivals, key=lambda sf: _apart(cf, sf))
            # (a stated age's conflict is told as an age: "gives the age as 79")
            out.append(_finding(AGE if cf.unit == AGE else kind, False, cf.text, rival, _since_length(rival)))
    return out


def _age_said_next(
    claim_facts: TextFacts, passage: list[Fact], text: str, sentence: tuple[int, int], sentences: list[tuple[int, int]]
) -> list[Finding]:
    """The claim's age of a person against the age the next sentence gives by a pronoun ("... Eleanor
    Ruth Voss ... died Wednesday at her home on Elm Street. She was 87." for "Eleanor Voss died at
    the age of 89"), the way a news story gives it: the sentence about the claim's event names the
    person, the next opens on "She" or "He" and says how old. An age a year off is no conflict (a
    birthday between two tellings)."""
    later = [s for s in sentences if s[0] >= sentence[1]]
    if not later:
        return []
    after = min(later)
    if not re.match(r"\s*(?:She|He)\b", text[after[0] : after[1]]):
        return []
    # (both the age now or at death: "She was 87" says nothing of "moved to Carver City at 24")
    now = _AGE_NOW_VERBS | {""}
    ages = [f for f in passage if after[0] <= f.start < after[1] and f.unit == AGE and not f.party and f.verb in now]
    people = [f.text for f in claim_facts.facts if f.kind == NAME and f.label == "PERSON"]
    out = []
    for cf in (f for f in claim_facts.facts if f.kind == QUANTITY and f.unit == AGE and f.value is not None):
        if cf.verb not in now:
            continue
        who = cf.party or (people[0].lower() if len(people) == 1 else "")
        if not who or not _mentioned(who, text[sentence[0] : sentence[1]].lower(), person=True) or len(ages) != 1:
            continue
        if abs((cf.value or 0.0) - (ages[0].value or 0.0)) > 1:
            out.append(_finding(AGE, False, cf.text, ages[0]))
    return out


def _since_length(fact: Fact) -> str:
    """A length worked out from a "since" year, as the reason gives it ("27 to 28 years, since
    1998"); "" for any other fact."""
    if fact.kind != DURATION or fact.label != "since" or fact.value is None or fact.upper is None:
        return ""
    return f"{round(fact.value / 365)} to {round(fact.upper / 365)} years, since {fact.text}"


def _compared_way(claim: str, claim_facts: TextFacts, in_sentence: list[Fact]) -> list[Finding]:
    """A claim that compares without figures ("The ferry carried more passengers last year than in
    2024") against the two ends of a change the sentence gives in the thing it compares ("412,000
    passengers last year, down from 438,000 in 2024"): the other way round conflicts, the same way
    agrees. Only where the claim's base, after "than", is the earlier time (a year, or "the year
    before"), and the claim gives no figure of its own."""
    if any(f.kind in (QUANTITY, MONEY, PERCENT) for f in claim_facts.facts):
        return []
    m = _COMPARED_THAN.search(claim)
    if m is None:
        return []
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", claim[: m.start("base")])]
    base = re.search(r"\b(?:19|20)\d\d\b", m.group("base"))
    if base is not None and any(y <= int(base.group()) for y in years):
        return []  # the base is not the earlier time
    if base is not None and not any(f.kind == DATE and base.group() in f.text for f in in_sentence):
        return []  # nor a time the sentence gives
    unit = m.group("noun").lower().rstrip("s")
    ends = {f.change_end: f for f in in_sentence if f.change_end and f.kind == QUANTITY and f.unit.rstrip("s") == unit}
    early, late = ends.get("earlier"), ends.get("later")
    if early is None or late is None or early.value is None or late.value is None or early.value == late.value:
        return []
    rose, said_up = late.value > early.value, m.group("way").lower() in _MORE
    detail = f"{'a rise' if rose else 'a fall'} from {early.text} to {late.text}"
    return [_finding(CHANGE, rose == said_up, m.group("way") + " " + m.group("noun"), late, detail)]


_MORE = frozenset("more higher larger greater bigger".split())
# "more passengers last year than in 2024", "fewer visitors than the year before"
_COMPARED_THAN = re.compile(
    r"\b(?P<way>more|fewer|less|higher|lower|larger|smaller|greater|bigger)\s+(?P<noun>[a-z]+)\b[^.;]{0,40}?"
    r"\bthan\s+(?P<base>(?:in\s+)?(?:19|20)\d\d|the (?:year|season) before|a year (?:earlier|before)"
    r"|the (?:previous|prior) (?:year|season))\b",
    re.IGNORECASE,
)


def _total_of_two(claim: Fact, wording: str, in_sentence: list[Fact]) -> bool:
    """The claim gives a total ("In all, 209 homes were destroyed or damaged") that two of the
    sentence's figures of its kind add up to ("61 homes were destroyed and another 148 were
    damaged"): worked out, not contradicted. Only where the claim says it is a total: figures add
    up by chance ("leads with 35 points" against "picked up four more ... leads with 31 points")."""
    if claim.kind not in (QUANTITY, MONEY, PERCENT) or claim.value is None or claim.says_who:
        return False
    if not _TOTAL.search(wording):
        return False
    figures = [f.value for f in in_sentence if f.kind == claim.kind and f.value is not None and not f.says_who]
    # the figure itself there is another thing's ("accepted 19 of them and rejected 8" for "rejected
    # 19 of the 27"), not a sum
    if any(math.isclose(claim.value, f, rel_tol=1e-6) for f in figures):
        return False
    return any(math.isclose(claim.value, a + b, rel_tol=1e-6) for a, b in combinations(figures, 2))


# A total the claim gives ("in all", "combined"): its figure is worked out. (A margin, "broke the
# record by one goal", is a difference when the text is read, and compared as one.)
_TOTAL = re.compile(r"\b(?:in all|in total|a total of|combined|altogether)\b", re.IGNORECASE)


# An age group of a poll or a count: "voters 65 and older", "those under 35", "aged 18 to 29".
_AGE_GROUP = re.compile(
    r"\b(\d{2})\s+(?:and|or)\s+(?:older|over|above|up|younger|under)\b"
    r"|\b(?:under|over|younger than|older than|aged|ages)\s+(\d{2})\b",
    re.IGNORECASE,
)


# Groups a story gives figures for side by side: a claim about one is not answered by the other's.
# (Matched in _plain text: "out-of-state" reads "out of state".)
_GROUP_PAIRS = [
    (_stance(r"graduate"), _stance(r"undergraduates?")),
    (_stance(r"in state"), _stance(r"out of state")),
    (_stance(r"full time"), _stance(r"part time")),
    (_stance(r"men|boys|male"), _stance(r"women|girls|female")),
    (_stance(r"residential"), _stance(r"commercial")),
]


def _of_another_group(claim: str, said: str) -> bool:
    """The claim gives an age group the sentence does not ("among voters 65 and older" against
    "found 51 percent support Measure H"), or one of two groups where the sentence gives only the
    other ("Graduate tuition" against "Tuition for out-of-state undergraduates")."""
    groups = {a or b for a, b in _AGE_GROUP.findall(claim)}
    if groups and not groups & {a or b for a, b in _AGE_GROUP.findall(said)}:
        return True
    return _other_side(_GROUP_PAIRS, _plain(claim), _plain(said)) is not None


def _other_end(claim: Fact, source: Fact) -> bool:
    """The claim's figure is where a change began and the source's is not stated as such (it may be
    another thing's, or where one ended), or the claim's is where one ended and the source's where
    one began: two ends of changes are compared end to end."""
    if claim.change_end == "earlier":
        return source.change_end != "earlier"
    return claim.change_end == "later" and source.change_end == "earlier"


def _another_doers(claim: Fact, source: Fact) -> bool:
    """Both figures are said of a proper name as their verb's subject, and of names that share no
    word ("St. Brennan" and "Brennan Medical Center" may be one body)."""
    if not (claim.party and source.party):
        return False
    # (a subject a share or a sum measures is no doer: "Containment had reached 85 percent", whose
    # capitalised first word passes for a surname; a count's subject is: "Tremblay stopped 38 shots")
    if claim.kind in (PERCENT, MONEY) and (claim.party in claim.about or source.party in source.about):
        return False
    return not set(_name_words(claim.party)) & set(_name_words(source.party))


def _polarity_differs(claim: Fact, claim_facts: TextFacts, source: Fact, source_facts: TextFacts | None) -> bool:
    """The claim's figure hangs on a verb said one way ("did not agree") and the source's on the
    same verb said the other way, or not asserted ("requires ... to agree")."""
    if source_facts is None or not claim.verb or claim.verb != source.verb:
        return False
    mine = _said_as(claim_facts, claim.verb, claim.sentence)
    theirs = _said_as(source_facts, source.verb, source.sentence)
    return mine is not None and theirs is not None and mine != theirs


def _said_as(facts: TextFacts, verb: str, sentence: tuple[int, int]) -> int | None:
    """How the sentence says its verb: 0 plainly, 1 negated, 2 not asserted either way (None: not found)."""
    return next((int(v[4]) for v in facts.verbs if v[2] == verb and sentence[0] <= v[0] < sentence[1]), None)


# "... $85,000 from the Lake Corrigan Association", "a $740,000 grant from the state Department of
# Natural Resources": up to three words, then "from" and the giver's name ("of" inside it).
_FROM_GIVER = re.compile(
    r"(?:\s+[a-z-]+){0,3}?\s+from\s+(?:the\s+)?(?:[a-z]+\s+)?"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'\u2019-]+){0,5})"
)
# Verbs of giving money: their doer is where the money comes from.
_GIVING = frozenset("contribute give donate pay provide put grant award chip fund".split())


def _money_from(claim: str, claim_facts: TextFacts, in_sentence: list[Fact], text: str) -> list[Finding]:
    """ "The Lake Corrigan Association contributed $58,000" against "... along with $85,000 from the
    Lake Corrigan Association": the sum the sentence says came from the claim's giver."""
    out = []
    for cf in claim_facts.facts:
        if cf.kind != MONEY or cf.verb not in _GIVING or cf.value is None:
            continue
        givers = [f.text for f in claim_facts.facts if f.kind == NAME and f.role == "agent" and f.verb == cf.verb]
        before = claim[: cf.start]
        for sf in (f for f in in_sentence if f.kind == MONEY and f.value is not None):
            after = _FROM_GIVER.match(text[sf.end : sf.end + 120])
            if after is None:
                continue
            # the giver as the claim's doer, or (where the tagger cuts its name short, "The Ellery
            # Fishermen's") named whole in the claim before the sum
            if not (
                any(_same_name(g, after.group("name")) for g in givers)
                or _mentioned(after.group("name"), before, False)
            ):
                continue
            out.append(
                _finding(
                    MONEY, _figure_relation(cf, sf) == "agree", cf.text, sf, f"{sf.text} from {after.group('name')}"
                )
            )
            break
    return out


def _persons_minute(claim_facts: TextFacts, in_sentence: list[Fact]) -> list[Finding]:
    """ "Asante put Rovers ahead in the 67th minute" for "Asante scored in the 84th minute": the
    sentence gives the claim's person's act a minute, by the same verb, and not the claim's."""
    out = []
    for cf in claim_facts.facts:
        if cf.kind != ORDINAL or cf.unit != "minute" or not cf.verb:
            continue
        doers = [
            f.text for f in claim_facts.facts if f.kind in (NAME, UNTAGGED) and f.role == "agent" and f.verb == cf.verb
        ]
        acts = {
            sf.verb
            for sf in in_sentence
            if sf.kind in (NAME, UNTAGGED)
            and sf.role == "agent"
            and sf.verb
            and any(_same_name(d, sf.text) for d in doers)
        }
        minutes = [sf for sf in in_sentence if sf.kind == ORDINAL and sf.unit == "minute" and sf.verb in acts]
        # The claim's minute must be there too, given to another named doer's act: a player may
        # score twice ("put Dunford ahead in the 12th minute and scored again in the 58th").
        others = {
            sf.verb
            for sf in in_sentence
            if sf.kind in (NAME, UNTAGGED) and sf.role == "agent" and not any(_same_name(d, sf.text) for d in doers)
        }
        theirs = [sf for sf in in_sentence if sf.kind == ORDINAL and sf.value == cf.value and sf.verb in others - acts]
        if minutes and theirs and not any(sf.value == cf.value for sf in minutes):
            out.append(_finding(ORDINAL, False, cf.text, minutes[0]))
    return out


def _swapped_figures(claim: str, claim_facts: TextFacts, text: str, in_sentence: list[Fact]) -> list[Finding]:
    """Two figures of one kind given to two things the other way round ("The city contributed $4
    million and the state $9 million" for "The city contributed $9 million and the state $4
    million"): each figure is in the sentence, but the words next to each in the claim stand next
    to the other one there. Only where at least two separate groups of words tell, each seen once
    on each side, and none keeps its figure: word order alone is weak evidence."""
    figures = [
        f for f in claim_facts.facts if f.kind in _FIGURES and f.kind != SCORE and f.role not in (CHANGE, GAP, RATIO)
    ]
    for a, b in combinations(figures, 2):
        if a.kind != b.kind or a.value == b.value:
            continue
        sa = [sf for sf in in_sentence if sf.kind == a.kind and _equal(a, sf)]
        sb = [sf for sf in in_sentence if sf.kind == b.kind and _equal(b, sf)]
        if len(sa) != 1 or len(sb) != 1 or sa[0].start == sb[0].start:
            continue
        s0, s1 = sa[0].sentence
        claim_near = _nearer_figure(claim, [(a.start, a.end), (b.start, b.end)])
        source_near = _nearer_figure(
            text[s0:s1], [(sa[0].start - s0, sa[0].end - s0), (sb[0].start - s0, sb[0].end - s0)]
        )
        # Words next to each other in the claim ("The city contributed") are one piece of evidence.
        groups: list[list[tuple[int, int, int]]] = []
        for stem, (position, side) in sorted(claim_near.items(), key=lambda t: t[1][0]):
            if stem not in source_near:
                continue
            word = (position, side, source_near[stem][1])
            if groups and groups[-1][-1][0] == position - 1:
                groups[-1].append(word)
            else:
                groups.append([word])
        sides = [{(w[1], w[2]) for w in g} for g in groups]
        swapped = [next(iter(g)) for g in sides if len(g) == 1 and next(iter(g))[0] != next(iter(g))[1]]
        if len(swapped) >= 2 and len(swapped) == len(groups) and {c for c, _ in swapped} == {0, 1}:
            return [_finding(a.kind, False, a.text, sb[0]), _finding(b.kind, False, b.text, sa[0])]
    return []


def _anothers_figure(claim: str, claim_facts: TextFacts, text: str, in_sentence: list[Fact]) -> list[Finding]:
    """The claim's figure, given in the sentence as another named party's ("The recount gave
    Lindgren 9,427 votes to Abernathy's 9,386" for "Lindgren received 9,386 votes"), where the
    sentence names the claim's party too and never gives that figure as the claim's party's."""
    names = [f for f in claim_facts.facts if f.kind == NAME]
    people = [f for f in names if f.label == "PERSON"]
    party = people if len(people) == 1 else names
    if len(party) != 1:
        return []
    mine = party[0].text
    for cf in (f for f in claim_facts.facts if f.kind in (QUANTITY, MONEY, PERCENT) and f.value is not None):
        for sf in (f for f in in_sentence if f.kind == cf.kind and _equal(cf, f)):
            s0 = sf.sentence[0]
            if not _mentioned(mine, text[s0 : sf.sentence[1]], person=True):
                continue
            before = text[max(s0, sf.start - 40) : sf.start]
            m = _POSSESSOR.search(before) or _OWNER_BEFORE_OR.search(before)
            if m is None or _same_name(m.group("name"), mine) or _mentioned(m.group("name"), claim, person=True):
                continue
            # two parties, two figures ("Lindgren 9,427 votes to Abernathy's 9,386"), and not a
            # giver's sum to the claim's party ("the state's $2 million grant to Calder County")
            after = text[sf.end : sf.end + 40]
            if _mentioned(mine, after, person=True) and not _POSSESSED_FIGURE.search(after):
                continue
            if not any(f.kind == cf.kind and not _equal(cf, f) for f in in_sentence):
                continue
            return [_finding(cf.kind, False, cf.text, sf, f"as {m.group('name')}'s")]
    return []


def _subjects_own_figure(claim_facts: TextFacts, in_sentence: list[Fact]) -> list[Finding]:
    """The claim's figure of a named subject ("Pine Ridge received 27 inches of snow") is another
    named subject's in the sentence ("Ashford recorded 27 inches"), which gives the claim's subject
    a figure of its own of the same kind and unit ("Pine Ridge measured ... 23 inches"): the claim
    gives one party's figure to another, whatever verb each clause uses. Only one such figure of
    the claim's subject, and never the claim's own value for it."""
    out = []
    for cf in claim_facts.facts:
        if cf.kind not in (QUANTITY, MONEY, PERCENT) or cf.value is None or not cf.party or cf.role:
            continue
        alike = [sf for sf in in_sentence if sf.kind == cf.kind and sf.party and not sf.role and sf.unit == cf.unit]
        theirs = [sf for sf in alike if _equal(cf, sf) and not _same_name(sf.party, cf.party)]
        mine = [sf for sf in alike if _same_name(sf.party, cf.party)]
        if theirs and len(mine) == 1 and not _equal(cf, mine[0]):
            out.append(_finding(cf.kind, False, cf.text, mine[0]))
    return out


# "... to Abernathy's 9,386": the name whose figure follows.
_POSSESSOR = re.compile(r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)['\u2019]s\s+(?:\w+\s+)?$")
# "gave Barkowski 21,407 votes, or 49.93 percent": the name whose count the share restates.
_OWNER_BEFORE_OR = re.compile(r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\s+[\d,.]+(?:\s+[a-z]+)?,?\s+or\s+$")
# "... to Pruett's 21,352": another figure, the named party's own, follows.
_POSSESSED_FIGURE = re.compile(r"[A-Z][\w-]+['\u2019]s\s+[$\d]")


def _nearer_figure(text: str, spans: list[tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Each content word seen once in the text, outside the figures: its word position and which of
    the two figure spans (0 or 1) it stands strictly nearer to, in words."""
    words = [(m.start(), m.group()) for m in re.finditer(r"[\w'\u2019]+", text)]
    inside = [[i for i, (c, _) in enumerate(words) if s <= c < e] for s, e in spans]
    if not all(inside):
        return {}
    out: dict[str, tuple[int, int]] = {}
    seen: dict[str, int] = {}
    for i, (c, word) in enumerate(words):
        stems = content_stems(word)
        if not stems or any(s <= c < e for s, e in spans):
            continue
        stem = next(iter(stems))
        seen[stem] = seen.get(stem, 0) + 1
        gap = [min(abs(i - inside[k][0]), abs(i - inside[k][-1])) for k in (0, 1)]
        if gap[0] != gap[1]:
            out[stem] = (i, 0 if gap[0] < gap[1] else 1)
    return {stem: v for stem, v in out.items() if seen[stem] == 1}


def _lone_count(fact: Fact, facts: list[Fact]) -> bool:
    """The only count of its thing (its unit) among these facts."""
    return sum(f.kind == QUANTITY and same_unit(f.unit, fact.unit) for f in facts) == 1


def _apart(claim: Fact, source: Fact) -> float:
    """How far a source figure is from the claim's, to show the nearest rival."""
    if claim.value is None or source.value is None:
        return 0.0
    return abs(claim.value - source.value)


def _worked_out(claim: Fact, passage: list[Fact], in_sentence: list[Fact]) -> list[Finding]:
    """A claim's difference ("$12 more", "rose 4 percent") or ratio ("doubled") against the source's:
    one it states, or one worked out from two of its figures of one kind and unit ("from $60 to $72").
    Worked-out figures only ever agree: which two figures a reader would subtract is a guess; a
    conflict needs the source's own stated difference (ratio) about the same thing, in the sentence
    about the event."""
    stated = [sf for sf in passage if sf.role == claim.role and _same_kind(claim, sf) and _same_thing(claim, sf)]
    stated = [sf for sf in stated if claim.role == RATIO or sf.kind == claim.kind]
    agree = next((sf for sf in stated if _figure_relation(claim, sf) == "agree" and not _opposite(claim, sf)), None)
    # As for levels, the same difference in the sentence about the event agrees even where the
    # parse cannot say what either is about ("rose 6 per cent" and "rose 6 percent").
    agree = agree or next(
        (
            sf
            for sf in in_sentence
            if sf.role == claim.role and _same_kind(claim, sf) and _equal(claim, sf) and not _opposite(claim, sf)
        ),
        None,
    )
    if agree is not None:
        return [_finding(claim.kind, True, claim.text, agree)]
    levels = [sf for sf in passage if not sf.role and sf.kind in (QUANTITY, MONEY, PERCENT)]
    if claim.role == CHANGE:
        levels = [sf for sf in levels if sf.kind == claim.kind]
    # Pairs of figures: two of one measure, or the two ends of one range ("from $60 to $72").
    pairs = [(a, b, a.value, b.value) for i, a in enumerate(levels) for b in levels[i + 1 :] if _one_measure(a, b)]
    pairs = [p for p in pairs if p[0].upper is None and p[1].upper is None]
    pairs += [(a, a, a.value, a.upper) for a in levels if a.upper is not None]
    # a contest's margin from the score of the claim's side ("beat Westbrook by seven points" from
    # "Harlan State ... beat Westbrook 78-71")
    if claim.role == CHANGE and claim.verb in CONTEST_VERBS and claim.party:
        side = set(claim.party.split())
        scores = [sf for sf in passage if sf.kind == SCORE and sf.pair and side <= set(sf.about)]
        pairs += [(sf, sf, sf.pair[0], sf.pair[1]) for sf in scores if sf.pair]
    lo, hi = claim.bounds()
    for a, b, x, y in pairs:
        if not x or not y:
            continue
        small, large = sorted((float(x), float(y)))
        worked = large / small if claim.role == RATIO else large - small
        if claim.role == RATIO and claim.value is not None and claim.value < 1:
            worked = small / large  # "halved"
        # A ratio said in words is round: "doubled" holds for 1.9 to 2.1 times.
        slack = 0.05 * worked if claim.role == RATIO else 0.0
        if lo - slack <= worked <= hi + slack:
            wording = a.text if a is b else f"{a.text} and {b.text}"
            source = Fact(claim.kind, wording, min(a.start, b.start), max(a.end, b.end), a.sentence)
            return [replace(_finding(claim.kind, True, claim.text, source, wording), worked=True)]
    rivals = [sf for sf in stated if sf in in_sentence and _same_event(claim, sf) and _same_period(claim, sf)]
    if rivals and all(_figure_relation(claim, sf) == "conflict" for sf in rivals):
        return [_finding(claim.kind, False, claim.text, rivals[0])]
    # the claim's very difference the other way in the sentence about the event, though the parse
    # cannot say what either is about ("fell 8% from the year before" against "carried 1.27
    # million passengers, up 8% from 1.18 million"); a same-way one there would have agreed above
    rivals = rivals or [
        sf
        for sf in in_sentence
        if sf.role == CHANGE and sf.kind == claim.kind and _equal(claim, sf) and _opposite(claim, sf)
    ]
    if rivals and all(_opposite(claim, sf) for sf in rivals):
        # The same figure the other way: "fell 6.2 percent" where the source says "rose 6.2 percent".
        sf = rivals[0]
        return [_finding("change", False, _way_wording(claim), sf, _way_wording(sf))]
    return []


def _way_wording(fact: Fact) -> str:
    """A difference with its way, as a reason gives it: "about $90,000 more" for a comparative's,
    "up 8%" for one told so, "a rise of 6.2 percent" for a change's."""
    if fact.way in ("more", "less"):
        return f"{fact.text} {fact.way}"
    if fact.way:
        return f"{fact.way} {fact.text}"
    return f"{'a rise of' if _direction(fact) == 'up' else 'a fall of'} {fact.text}"


# Which way a difference goes, from its verb or noun: "rose 6.2 percent" and "fell 6.2 percent"
# give the same figure for opposite events.
_UP = frozenset("rise increase grow climb jump raise boost surge soar swell hike gain growth lift".split())
_DOWN = frozenset(
    "fall drop decline lower reduce slip tumble plunge dip slide shrink trim slash decrease sink cut lose "
    "reduction loss".split()
)


def _direction(fact: Fact) -> str:
    """ "up", "down" or "": the way its own words give ("$90,000 more than", "up 8%"), else the
    verb's where it has one ("spending cuts lifted the surplus" went up), else that of the words
    the figure is about ("a 4 percent drop")."""
    if fact.way:
        return "up" if fact.way in ("up", "more") else "down"
    if fact.verb in _UP or fact.verb in _DOWN:
        return "up" if fact.verb in _UP else "down"
    up, down = bool(set(fact.about) & _UP), bool(set(fact.about) & _DOWN)
    return "up" if up and not down else "down" if down and not up else ""


def _opposite(claim: Fact, source: Fact) -> bool:
    """Two differences that go opposite ways (only a CHANGE has a way to go)."""
    if claim.role != CHANGE or source.role != CHANGE:
        return False
    # A comparison's way and a change's are not one another's: "eight more turbines than the
    # project approved" is "dropping eight turbines from its original plan" seen from the plan.
    if (claim.way in _COMPARATIVE_WAYS) != (source.way in _COMPARATIVE_WAYS):
        return False
    a, b = _direction(claim), _direction(source)
    return bool(a and b) and a != b


_COMPARATIVE_WAYS = frozenset({"more", "less"})


def _same_kind(claim: Fact, source: Fact) -> bool:
    return claim.kind == source.kind or claim.role == source.role == RATIO


def _one_measure(a: Fact, b: Fact) -> bool:
    """Two source figures one could subtract or divide: same kind, same unit or currency."""
    if a.kind != b.kind:
        return False
    if a.kind == QUANTITY:
        return bool(a.unit) and same_unit(a.unit, b.unit)
    return a.unit == b.unit


def _same_thing(claim: Fact, source: Fact) -> bool:
    """Only like with like: what a count counts, what money or a share is about."""
    if claim.kind in (QUANTITY, ORDINAL):
        return bool(claim.unit) and same_unit(claim.unit, source.unit) and not _other_sort(claim, source)
    if claim.kind in (MONEY, PERCENT):
        if claim.unit != source.unit:
            return False
        # what each is about, or, where one side does not say, the same act ("set bail at $150,000"
        # for "set Whitaker's bail at $50,000"; "who gave $15 million" for "gave $5 million"; "was
        # 35% contained" for "was 53% contained")
        unsaid = (
            not (claim.about and source.about)
            and source.comparator in ("=", "~")
            and claim.verb not in _LIGHT_FIGURE_VERBS
        )
        # (the claim's verb the tagger read as a noun, "The recall cost Brightwell about $16
        # million": its words name the source's act, "cost it about $6 million")
        misread = not claim.verb and source.verb not in _LIGHT_FIGURE_VERBS and source.verb in claim.about
        return bool(set(claim.about) & set(source.about)) or (unsaid and _own_verb(claim, source)) or misread
    if claim.kind == DURATION:  # "take 18 months": the same verb, or words about the same thing
        # a frequency ("three days a week", unit "/week") is no length of time ("for more than a decade")
        if claim.unit != source.unit:
            return False
        return bool(set(claim.about) & set(source.about)) or (bool(claim.verb) and _same_verb(claim.verb, source.verb))
    if claim.kind == SCORE:  # a vote, a series or a result; one team's record is not another's
        return claim.role == source.role and _same_owners(claim, source)
    return True  # TIME: times of day in the sentence about the event


def _other_sort(claim: Fact, source: Fact) -> bool:
    """Two counts of two kinds of one thing: "four police officer positions" are none of "nine
    firefighter positions" (each names its kind, and no word of it is shared)."""
    return bool(claim.sort and source.sort) and not set(claim.sort) & set(source.sort)


def _same_owners(claim: Fact, source: Fact) -> bool:
    """Two scores that may be one party's: they share a name, or one side names no one."""
    return bool(set(claim.about) & set(source.about)) or not (claim.about and source.about)


# Verbs any figure may hang on: a figure of one of these elsewhere in a passage is no other act's.
_LIGHT_FIGURE_VERBS = frozenset({"", "be", "have", "say", "report", "tell", "add", "include", "make", "get"})


def _own_verb(claim: Fact, source: Fact) -> bool:
    if _ages_of_acts(claim, source):
        return _same_age(claim, source)
    return bool(claim.verb and source.verb) and _same_verb(claim.verb, source.verb)


GENERIC_UNITS = frozenset({"person", "time", "thing", "one", "other", "fraction"})


def _other_happening(claim: Fact, source: Fact) -> bool:
    """Two counts of people in general that befell them differently ("Two people died" and "Two
    people were treated for hypothermia"): the same figure, another happening; it confirms nothing."""
    if claim.kind != QUANTITY or claim.unit not in GENERIC_UNITS or not (claim.verb and source.verb):
        return False
    if claim.verb in ("be", "have") or source.verb in ("be", "have"):
        return False
    shared = (set(claim.about) & set(source.about)) - GENERIC_UNITS - {"people", claim.unit}
    return not shared and not _same_verb(claim.verb, source.verb)


# Ordinal times of a game: "in the fourth inning", "the third quarter", "the 23rd minute".
_GAME_TIME = frozenset({"inning", "quarter", "half", "period", "minute", "overtime", "lap", "hole", "set"})


def _same_event(claim: Fact, source: Fact) -> bool:
    """A conflict needs two counts of the same thing in the same happening: "killed one worker"
    does not rule on "injured seven people"; a count of people in general rules on nothing."""
    if claim.kind == ORDINAL and claim.unit == "minute":  # a goal's minute is not a booking's
        return bool(claim.verb) and _same_verb(claim.verb, source.verb)
    if claim.kind == ORDINAL and claim.unit and claim.unit not in _GAME_TIME:
        # An ordinal that names which thing ("the fourth stage", "the third woman to lead the
        # city") tells another thing of that kind apart: "won the fourth stage" says nothing of what
        # the fifth stage "takes place" on, only of a fifth stage "won". A verb that only says what
        # is ("was the third woman", "became the first") compares with any. Not a time in a game
        # ("in the fourth inning"): any act of the game is dated by it.
        light = {"", "be", "become", "have"}
        return claim.verb in light or source.verb in light or _same_verb(claim.verb, source.verb)
    if claim.kind != QUANTITY or claim.role == RATIO:
        return True
    if claim.says_who and source.party:
        # "Park, 21," and "Park, 19,": one person, named alike ("Smith, 45," may be Mary Smith's husband)
        return _name_words(claim.party) == _name_words(source.party)
    if _ages_of_acts(claim, source):
        return _same_age(claim, source)
    shared = (set(claim.about) & set(source.about)) - {claim.unit}
    same_verb = bool(claim.verb) and _same_verb(claim.verb, source.verb)
    if claim.unit in GENERIC_UNITS:
        # People in general, unless both say which people and what happened to them: "About 12,000
        # residents ... were told to boil their water" rules on "21,000 residents were told"; "41
        # are under 18" says nothing of "three are over 60".
        return bool(shared - GENERIC_UNITS - {"people"}) and same_verb and claim.verb not in ("be", "have")
    # The act said as a noun on one side and a verb on the other ("cover about 24 miles of
    # resurfacing" and "resurface roughly 42 miles of streets") is one act.
    acts = _act_stems(claim) & _act_stems(source) - content_stems(claim.unit)
    return bool(shared) or same_verb or bool(acts)


# The acts an age is the age now or at death of ("She was 87", "died at 84").
_AGE_NOW_VERBS = frozenset({"be", "die"})


def _ages_of_acts(claim: Fact, source: Fact) -> bool:
    """Both are ages said at an act (compared by _same_age, not by their words)."""
    return claim.unit == AGE and source.unit == AGE and bool(claim.verb and source.verb)


def _same_age(claim: Fact, source: Fact) -> bool:
    """Two stated ages are one person's at one time: named alike where both are named, at the same
    act ("moved ... at 19" and "was 17 when she moved"), or both the age now or at death ("was 85
    when he died" and "He was 84", the way an obituary gives it)."""
    if claim.party and source.party and not set(_name_words(claim.party)) & set(_name_words(source.party)):
        return False
    return _same_verb(claim.verb, source.verb) or {claim.verb, source.verb} <= _AGE_NOW_VERBS


def _act_stems(fact: Fact) -> set[str]:
    return content_stems(" ".join((*fact.about, fact.verb))) - _LIGHT_ACT_STEMS


# Verbs any count may hang on say nothing of which act it counts.
_LIGHT_ACT_STEMS = content_stems("be have get make take give say include report total reach")


def _same_people(claim: Fact, source: Fact) -> bool:
    """Counts of people in general that the same verb is said of, in a sentence restating the
    claim: "About 140 people attended the three-hour hearing" rules on "Fewer than 100 people
    attended the hearing", though neither says which people."""
    return (
        claim.kind == source.kind == QUANTITY
        and claim.unit in GENERIC_UNITS
        and same_unit(claim.unit, source.unit)
        and claim.verb not in ("be", "have", "")
        and _same_verb(claim.verb, source.verb)
    )


# Parts of a game: a count of one is never a count of the whole ("eight points in overtime" is
# not "34 points"). A quarter, a round or a stage is often the whole of what an article reports
# ("revenue rose 4.7 percent in the quarter"), so only a different one of those is no rival.
GAME_PARTS = frozenset("overtime halftime half inning innings regulation".split())


def _same_period(claim: Fact, source: Fact) -> bool:
    """Whether two figures may be about the same part of a game or period: the same one (one
    wording inside the other: "quarter" and "second quarter"), or neither naming a part of a game;
    never a figure of the year before with one that is not (_other_year)."""
    if _other_year(claim, source):
        return False
    if claim.period and source.period:
        a, b = set(claim.period.split()), set(source.period.split())
        return a <= b or b <= a
    one = claim.period or source.period
    if claim.kind == SCORE:  # a score of a part of a game ("22-12 in the fourth quarter") is not the game's
        return not one
    return not (set(one.split()) & GAME_PARTS)


def _told_otherwise(claim: Fact, source: Fact, lone_end: bool) -> bool:
    """The same value told of something else, so it backs nothing: another happening, another named
    doer ("Hale ... freezing property taxes for two years" for Tandy's pledge) or year, another part
    of the game ("12 points in the first half" for "12 of his points in the second half"), or, for a
    claim figure that is a change's lone end (`lone_end`), the other end ("up from $19.8 million"
    for "will fall to $19.8 million")."""
    return (
        _other_happening(claim, source)
        or _another_doers(claim, source)
        or _other_year(claim, source)
        or _other_period(claim, source)
        or (lone_end and {claim.change_end, source.change_end} == {"earlier", "later"})
    )


def _other_period(claim: Fact, source: Fact) -> bool:
    """Both figures name a part of a game or period, and not the same one ("in the second half",
    "in the first half"); one that names none may be of any ("in his six innings" for "pitched the
    first six innings")."""
    return bool(claim.period and source.period) and not _same_period(claim, source)


def _other_year(claim: Fact, source: Fact) -> bool:
    """One figure is the year before's ("compared with $35.0 million, or 81 cents a share, in the
    same period last year") and the other not: "earned 81 cents a share in the second quarter" is
    neither confirmed nor denied by it."""
    return (claim.period == YEAR_BEFORE) != (source.period == YEAR_BEFORE)


def _equal(claim: Fact, source: Fact) -> bool:
    """The same figure as written, or one end of the source's range ("$72" in "from $60 to $72")."""
    if claim.kind == SCORE:
        return claim.pair is not None and source.pair is not None and sorted(claim.pair) == sorted(source.pair)
    if claim.value is None or claim.comparator != "=" or source.comparator != "=":
        return False
    if claim.kind == DURATION and claim.upper is None and source.upper is None and source.value is not None:
        return abs(claim.value - source.value) <= DURATION_SLACK * max(claim.value, source.value)
    if claim.upper is None and source.upper is not None:
        return claim.value in (source.value, source.upper)
    return (claim.value, claim.upper) == (source.value, source.upper)


def _figure_relation(claim: Fact, source: Fact) -> str:
    if claim.kind == SCORE:
        if claim.pair is None or source.pair is None:
            return "unsure"
        return "agree" if sorted(claim.pair) == sorted(source.pair) else "conflict"
    if claim.upper is not None or source.upper is not None:
        return _range_relation(claim, source)
    if claim.kind == TIME:
        vague = "~" in claim.comparator + source.comparator or re.search(r"\b(?:before|after)\b", claim.text, re.I)
        tolerance = TIME_TOLERANCE_MINUTES * (3 if vague else 1)
        apart = abs((claim.value or 0) - (source.value or 0)) % 1440
        return "agree" if min(apart, 1440 - apart) <= tolerance else "conflict"
    if claim.kind == DURATION and _equal(claim, source):
        return "agree"  # "a month" and "30 days": one length, each allowed its slack
    lo, hi = claim.bounds()
    slo, shi = source.bounds()
    if claim.comparator == source.comparator == "<=":
        # Two maxima ("as much as half an hour", "up to 15 minutes") each say how far it went:
        # compared by the ends they name, as "until May" and "until March" are.
        return "agree" if _equal(replace(claim, comparator="="), replace(source, comparator="=")) else "conflict"
    if claim.comparator == source.comparator == "~":
        # Two round figures ("about 89 percent", "about 79 percent"): their allowances overlap
        # though neither writer would accept the other's figure. Each value outside the other's
        # allowance conflicts; they agree only where the two are nearly one ("about 4 percent",
        # "about 4.1 percent"), as "about 86,000" is not "about 94,000".
        a, b = claim.value or 0.0, source.value or 0.0
        if not (lo <= b <= hi or slo <= a <= shi) or _apart_as_written(claim, source):
            return "conflict"
        return "agree" if abs(a - b) <= ROUND_FIGURES_AGREE * max(abs(a), abs(b)) else "unsure"
    if shi < lo or hi < slo:
        return "conflict"
    if lo <= slo and shi <= hi:
        return "agree"
    # an exact figure within a bound: "3,412 students" are "more than 3,400", though the slack an
    # exact figure is allowed reaches below 3,400
    if source.comparator == "=" and claim.comparator in (">", ">=", "<", "<=") and lo <= (source.value or 0.0) <= hi:
        return "agree"
    return "unsure"


def _apart_as_written(claim: Fact, source: Fact) -> bool:
    """Two round figures written to one step ("about $3.2 billion", "about $2.9 billion": tenths of
    a billion) that differ by more than two such steps and by more than ROUND_APART: each writer
    rounded a figure the other's rounding cannot reach. "About 140" and "about 150" stay unsure."""
    step_a, step_b = _written_step(claim), _written_step(source)
    if step_a is None or step_b is None or not math.isclose(step_a, step_b, rel_tol=1e-6):
        return False
    a, b = claim.value or 0.0, source.value or 0.0
    return abs(a - b) > 2 * step_a and abs(a - b) > ROUND_APART * max(abs(a), abs(b))


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _written_step(fact: Fact) -> float | None:
    """The place of a figure's last written digit, in its value's units: 0.1 billion for "$3.2
    billion", 10 for "140", 100 for "2,100"; None where it is not written in digits."""
    m = _DIGITS.search(fact.text)
    if m is None or not fact.value:
        return None
    written = m.group().replace(",", "")
    number = float(written)
    if not number:
        return None
    scale = fact.value / number  # "billion", or a percent's 1
    if "." in written:
        return scale * 10 ** -len(written.split(".")[1])
    digits = written.rstrip("0")
    return scale * 10 ** (len(written) - len(digits))


def _range_relation(claim: Fact, source: Fact) -> str:
    """A range on either side. "From 7:30 to 8:25" may be a change or an interval, so: every end
    the claim states found among the source's ends agrees; a claim wholly outside the source's
    range conflicts, and so does a range with one end the same and the other different ("$4 to $6"
    against "$4 to $5"); a value inside the other's range is left unsure."""
    if claim.kind == TIME:
        tolerance = TIME_TOLERANCE_MINUTES

        def same(x: float, y: float) -> bool:
            return abs(x - y) <= tolerance

    else:

        def same(x: float, y: float) -> bool:
            return abs(x - y) <= 0.005 * max(abs(x), abs(y))

    s_ends = (source.value or 0.0, source.upper if source.upper is not None else source.value or 0.0)
    if source.upper is None and source.comparator != "=":  # "200 to 300 jobs" against "more than 150"
        slo, shi = source.bounds()
        c_lo, c_hi = claim.value or 0.0, claim.upper if claim.upper is not None else claim.value or 0.0
        if slo <= c_lo and c_hi <= shi:
            return "agree"
        return "conflict" if c_hi < slo or shi < c_lo else "unsure"
    if claim.upper is None and claim.comparator != "=":  # "more than 20,000" against "22,000 to 41,000"
        lo, hi = claim.bounds()
        if lo <= s_ends[0] and s_ends[1] <= hi:
            return "agree"
        return "conflict" if s_ends[1] < lo or hi < s_ends[0] else "unsure"
    c_ends = [claim.value or 0.0] + ([claim.upper] if claim.upper is not None else [])
    found = [any(same(c, s) for s in s_ends) for c in c_ends]
    if all(found):
        return "agree"
    if not any(found) and (max(c_ends) < s_ends[0] or min(c_ends) > s_ends[1]):
        return "conflict"
    if claim.upper is not None and source.upper is not None and any(found):
        return "conflict"
    return "unsure"


# ---- names ----------------------------------------------------------------------------------


def _names(claim: str, claim_facts: TextFacts, text: str, title: str | None, in_sentence: list[Fact]) -> list[Finding]:
    """A claim's name conflicts only with a name of the same type doing (or undergoing) the same
    thing in the sentence about the event, and only when the source never mentions the claim's."""
    out = []
    haystack = (text + "\n" + (title or "")).lower()
    for cf in (f for f in claim_facts.facts if f.kind == NAME):
        if _mentioned(cf.text, haystack, person=cf.label == "PERSON"):
            continue
        for sf in in_sentence:
            if sf.kind not in (NAME, UNTAGGED) or _mentioned(sf.text, claim.lower(), person=sf.label == "PERSON"):
                continue
            in_place = bool(cf.role) and sf.role == cf.role and _same_verb(sf.verb, cf.verb)
            if sf.kind == UNTAGGED:
                # a name the tagger missed: of the claim's kind of body and in its place, to be sure
                if in_place and _same_head(cf.text, sf.text):
                    out.append(_finding(NAME, False, cf.text, sf))
                    break
                continue
            if (in_place and sf.label == cf.label) or _same_head(cf.text, sf.text):
                out.append(_finding(NAME, False, cf.text, sf))
                break
    return out


# A contest's sides by verb and role: the doer of "beat" won, its object lost; the doer of "lost"
# lost, and whom it lost "to" won. The object of "won" is the prize, no side.
_SIDES = {("agent", "win"): "winner", ("agent", "lose"): "loser", ("venue", "lose"): "winner"}
_SIDES |= {("agent", v): "winner" for v in WINNER_VERBS} | {("patient", v): "loser" for v in WINNER_VERBS - {"win"}}
_SIDE_WORDS = {"winner": "as the winner", "loser": "as the one beaten"}


def _relative_clause_verbs(source: TextFacts, sentence: tuple[int, int]) -> set[str]:
    return {v[2] for v in source.verbs if sentence[0] <= v[0] < sentence[1] and v[3] == "relcl"}


def _sides(claim_facts: TextFacts, in_sentence: list[Fact], aside: set[str]) -> list[Finding]:
    """Swapped sides of a contest, in a sentence that restates the claim: the claim has Hale win
    where the source has Hale beaten ("Tandy won the runoff, defeating Hale"), and nowhere in that
    sentence does Hale win. Names are matched by their words, not their type (the tagger calls one
    candidate a person and the other an organisation). `aside`: the verbs of the sentence's
    relative clauses."""
    # A relative clause tells of another contest ("Tandy, who beat Hale in 2016, lost to her on
    # Tuesday"), and its pronoun may give a name a side ("Tandy, who had defeated him"): a source
    # sentence with one says nothing sure of sides, and the claim's own counts for nothing.
    if aside & CONTEST_VERBS:
        return []
    # A contest the sentence dates otherwise than the claim dates its own is another contest
    # ("Hale also beat Tandy in 2020" says nothing of who won in 2016).
    claim_dates = [f for f in claim_facts.facts if f.kind == DATE and f.verb in CONTEST_VERBS]
    sentence_dates = [f for f in in_sentence if f.kind == DATE and f.verb in CONTEST_VERBS]
    if any(_compare_dates(_value(c), f, None) == "conflict" for c in claim_dates for f in sentence_dates):
        return []
    # ... and so is one the claim dates in words the sentence's day does not bear out ("in last
    # year's state final" against "won ... on Saturday night ... to beat defending champion ...")
    if (
        claim_dates
        and sentence_dates
        and not any(_compare_dates(_value(c), f, None) == "agree" for c in claim_dates for f in sentence_dates)
    ):
        return []
    # So is one it scores otherwise ("Crestview had beaten Marlow Falls 2-1 in the regular season"
    # says nothing of who won the 3-1 final).
    claim_scores = {tuple(sorted(f.pair)) for f in claim_facts.facts if f.kind == SCORE and f.pair}
    sentence_scores = {tuple(sorted(f.pair)) for f in in_sentence if f.kind == SCORE and f.pair}
    if claim_scores and sentence_scores and not claim_scores & sentence_scores:
        return []
    claim_aside = _relative_clause_verbs(claim_facts, (0, 10**9))
    out = []
    for cf in (f for f in claim_facts.facts if f.kind == NAME):
        side = _SIDES.get((cf.role, cf.verb))
        if side is None or cf.verb in claim_aside:
            continue
        same = [sf for sf in in_sentence if sf.kind == NAME and _same_name(cf.text, sf.text)]
        sides = {_SIDES.get((sf.role, sf.verb)) for sf in same}
        if side not in sides and (other := next((sf for sf in same if _SIDES.get((sf.role, sf.verb))), None)):
            detail = _SIDE_WORDS[_SIDES[(other.role, other.verb)]]
            out.append(_finding("role", False, f"{cf.text} {_SIDE_WORDS[side]}", other, detail))
    return out


_UNANIMOUS = re.compile(r"\b(?:unanimous(?:ly)?|without (?:a )?dissent)\b", re.IGNORECASE)


_NO_ONE_AGAINST = re.compile(
    r"\b(?:no|none|nobody|no one|not a single|not one)\b[^;]{0,80}?\b(?:voted against|voted no|opposed|dissented)\b",
    re.IGNORECASE,
)
_DIVIDED_BODY = re.compile(
    r"\b(?:divided|split)\s+(?:[\w-]+\s+){0,3}?(?:court|panel|bench|board|council|commission|committee|jury|legislature)\b",
    re.IGNORECASE,
)


def _unanimity(
    claim: str, claim_facts: TextFacts, in_sentence: list[Fact], text: str, sentence: tuple[int, int]
) -> list[Finding]:
    """A claim that a vote was unanimous against the tally of the vote in a sentence that restates
    the claim, with votes against ("approved the project ... by a 5-2 vote"). Only where the
    sentence has one tally and the claim none: two tallies may be two votes."""
    tallies = [f for f in in_sentence if f.kind == SCORE and f.role == "vote" and f.pair]
    if not _UNANIMOUS.search(claim) or any(f.kind == SCORE for f in claim_facts.facts):
        return []
    if not tallies and (divided := _DIVIDED_BODY.search(text, *sentence)):
        # "A divided state appeals court ruled Wednesday ...": the body split, whatever the tally
        where = (divided.start(), divided.end())
        return [Finding("vote", False, "unanimously", divided.group(), *where, sentence, "divided")]
    if len(tallies) != 1:
        return []
    # A vote the claim dates otherwise is another vote ("the 2016 fare increase was approved
    # unanimously" against this year's 6-3 vote).
    days = [f for f in in_sentence if f.kind == DATE and f.label != "filed"]
    for cf in (f for f in claim_facts.facts if f.kind == DATE):
        if not any(_compare_dates(_value(cf), f, None) == "agree" for f in days):
            return []
    tally = tallies[0]
    assert tally.pair is not None
    return [_finding("vote", min(tally.pair) == 0, "unanimously", tally, tally.text)]


# Who votes in a body: a count of them taking a side is one side of the body's tally.
_VOTERS = frozenset(
    "trustee member commissioner councillor councilor councilman councilwoman senator representative lawmaker "
    "legislator justice judge director supervisor alderman juror delegate regent selectman".split()
)
_AGAINST = re.compile(r"\b(?:opposed|dissented|voted (?:against|no)|voting (?:against|no)|cast (?:the )?no votes)\b")
_FOR = re.compile(r"\b(?:supported|backed|voted (?:for|in favou?r)|voting (?:for|in favou?r))\b")
# The body's act in the sentence giving its tally: a yes carried ("approved ... by a 5-2 vote"),
# or a no ("rejected ... 4-3").
_CARRIED = re.compile(
    r"\b(?:approved|passed|adopted|ratified|confirmed|hired|appointed|endorsed|granted|accepted)\b"
    r"|\bvot(?:ed|es) [^.;]{0,40}?\bto (?!(?:reject|deny|refuse|block|defeat|oppose|table|delay)\b)[a-z]+"
)
_DEFEATED = re.compile(r"\b(?:rejected|denied|voted down|defeated|turned down|refused)\b")


def _voters_on_a_side(
    claim: str, claim_facts: TextFacts, text: str, sentence: tuple[int, int], in_sentence: list[Fact]
) -> list[Finding]:
    """ "Two trustees opposed the contract" against "The board approved the deal by a 5-2 vote": the
    claim's count of a body's members on one side against that side of the sentence's one tally,
    where the sentence says whether the yes carried (the larger side) or not."""
    lowered = claim.lower()
    against, for_ = bool(_AGAINST.search(lowered)), bool(_FOR.search(lowered))
    tallies = [f for f in in_sentence if f.kind == SCORE and f.role == "vote" and f.pair]
    if against == for_ or len(tallies) != 1 or any(f.kind == SCORE for f in claim_facts.facts):
        return []
    said = text[sentence[0] : sentence[1]].lower()
    # the tally's act itself, not the claim's: "with trustees Pike and Marsh voting no" is no verdict
    carried, defeated = bool(_CARRIED.search(said)), bool(_DEFEATED.search(said))
    if carried == defeated:
        return []
    tally = tallies[0]
    assert tally.pair is not None
    larger, smaller = max(tally.pair), min(tally.pair)
    side = smaller if against == carried else larger
    out = []
    for cf in claim_facts.facts:
        if cf.kind == QUANTITY and cf.unit in _VOTERS and cf.value is not None and cf.role == WHOLE:
            # the body the side is taken from ("Three of the nine members"): both sides together,
            # if all voted; never a conflict, as some may have been absent or abstained
            if cf.value == larger + smaller:
                out.append(
                    _finding(QUANTITY, True, cf.text, tally, f"{tally.text}, {larger + smaller} voting", own=False)
                )
            continue
        if cf.kind == QUANTITY and cf.unit in _VOTERS and cf.value is not None and cf.comparator == "=":
            detail = f"{tally.text}, {side} {'against' if against else 'in favour'}"
            # a count, so a backing fact; not the claim's wording to restate ("5-2 commissioners")
            out.append(_finding(QUANTITY, cf.value == side, cf.text, tally, detail, own=False))
    return out


# A name with a relative clause on it: ", Hollins Supply, which reported ... that its profit fell".
_RELATIVE_OF_NAME = re.compile(rf"(?P<name>{_NAME}),\s+(?:which|who)\s+(?P<clause>[^;]+)")


def _told_of_another(claim: str, claim_facts: TextFacts, said: str) -> bool:
    """The sentence tells what the claim says in a relative clause on another name ("its larger
    rival, Hollins Supply, which reported ... that its quarterly profit fell 4 percent" for
    "Pemberton's profit fell 4 percent"), and never names the claim's company or person."""
    names = [f for f in claim_facts.facts if f.kind == NAME and f.label in ("ORG", "PERSON")]
    if not names or any(_mentioned(f.text, said, person=f.label == "PERSON") for f in names):
        return False
    words = content_stems(claim) - {w for f in names for w in content_stems(f.text)}
    for m in _RELATIVE_OF_NAME.finditer(said):
        inside = words & content_stems(m.group("clause"))
        outside = words & content_stems(said[: m.start()])
        if len(inside) >= 2 and len(inside) > len(outside):
            return True
    return False


def _other_party(claim: str, claim_facts: TextFacts, passage: list[Fact], sentence: tuple[int, int]) -> bool:
    """The sentence names another body of the claim's body's kind ("the Moscow City Court" for
    "Russia's Supreme Court", by the head word) and never the claim's own: it tells of another
    party's act, though the article may name the claim's party elsewhere."""
    named = [f for f in passage if f.kind == NAME and sentence[0] <= f.start < sentence[1]]
    for cf in (f for f in claim_facts.facts if f.kind == NAME):
        if any(_same_name(cf.text, sf.text) for sf in named):
            continue
        if any(
            _same_head(cf.text, sf.text)
            and not _same_name(cf.text, sf.text)
            and not _mentioned(sf.text, claim.lower(), person=sf.label == "PERSON")
            for sf in named
        ):
            return True
    return False


def _same_name(a: str, b: str) -> bool:
    """One name written in full or in part ("Hale", "Marcus Hale", "former ... president Marcus Hale")."""
    if not _name_words(a) or not _name_words(b):
        return False
    shorter, longer = sorted((a, b), key=lambda n: len(_name_words(n)))
    if _mentioned(shorter, longer, person=False):
        return True
    # a title kept before a name the other gives in full ("Superintendent Marsh", "Superintendent
    # Angela Marsh"): the shorter's words in the longer's order, ending on the same surname
    few, many = _name_words(shorter), iter(_name_words(longer))
    return few[-1] == _name_words(longer)[-1] and all(w in many for w in few)


def _mentioned(name: str, haystack: str, person: bool) -> bool:
    """Whether a name occurs in a text, as words ("St. Agnes" is "St Agnes"; "Russia's" is "Russia")."""
    words = _name_words(name)
    if not words:
        return True
    plain = " " + " ".join(_name_words(haystack)) + " "
    if " " + " ".join(words) + " " in plain:
        return True
    # A person is often named by surname alone after the first mention.
    return person and len(words) > 1 and f" {words[-1]} " in plain and words[-1][0].isalpha()


def _same_head(a: str, b: str) -> bool:
    """Two names of one kind of body that differ before the head word: "Tagansky District Court"
    and "Meshchansky District Court", "Russia's Supreme Court" and "Constitutional Court"; or after
    a word that says the kind first: "Lake Ambry" and "Lake Corrigan", "Mount Hood" and "Mount Adams"."""
    wa, wb = _name_words(a), _name_words(b)
    if len(wa) < 2 or len(wb) < 2 or wa == wb:
        return False
    return (wa[-1] == wb[-1] and wa[-1][:1].isalpha()) or (wa[0] == wb[0] and wa[0] in _KIND_FIRST)


# Words that name a kind of place or body before its own name ("Lake Corrigan", "Fort Wayne").
_KIND_FIRST = frozenset("lake mount mt fort cape port camp university college".split())


def _name_words(name: str) -> list[str]:
    name = re.sub(r"[\u2019']s\b", "", name.lower())
    return [w for w in re.findall(r"\w+", name) if w not in ("the", "a", "an")]


def _same_verb(a: str, b: str) -> bool:
    return a == b or any(a in family and b in family for family in VERB_FAMILIES)


def _same_kind_of_event(a: str, b: str) -> bool:
    return any(a in family and b in family for family in DATE_EVENT_FAMILIES)


# ---- negation -------------------------------------------------------------------------------


def _negation(
    claim: str, claim_facts: TextFacts, source: TextFacts, sentence: tuple[int, int], text: str
) -> list[Finding]:
    """The claim's main verb negated where the source's same verb is not, or the reverse; a "not"
    inside a noun phrase or a clause the claim does not restate is not the claim's negation."""
    source_verbs = [v for v in source.verbs if sentence[0] <= v[0] < sentence[1]]
    for start, _, lemma, dep, negated in claim_facts.verbs:
        if dep not in ("ROOT", "ccomp", "conj", "xcomp") or lemma in ("be", "have", "do", "say"):
            continue
        # A verb of a relative clause is said of its noun ("Dusseau, who did not run in college"),
        # not of the claim's subject ("The marathon was run on Oct. 19"); nor is the verb of another
        # subject the claim's ("ruled that voters will get to decide" for "The appeals court did
        # not decide ...").
        # Nor is the verb done to another thing ("would not reduce pay" against "prices would be
        # reduced").
        doer, undergoer = claim_facts.doers.get(start), claim_facts.undergoers.get(start)
        same = [
            v
            for v in source_verbs
            if v[2] == lemma and v[3] != "relcl" and not _other_doer(doer, source.doers.get(v[0]))
        ]
        # Any occurrence of the verb with the claim's polarity answers it ("approved the plan, but
        # did not approve the budget" does not deny "approved the plan"); a verb under another's
        # negation ("do not need to vote") says neither.
        if not same or negated == 2 or any(bool(v[4]) == bool(negated) or v[4] == 2 for v in same):
            continue
        # Nor does one done to another thing deny it ("would not reduce pay" against "prices would
        # be reduced").
        same = [v for v in same if not _other_doer(undergoer, source.undergoers.get(v[0]))]
        if not same or _counted_otherwise(doer, lemma, source, sentence):
            continue
        v0, v1, _, _, s_negated = same[0]
        say = {True: "does not", False: "does"}
        return [
            Finding(
                "negation",
                False,
                f"{say[bool(negated)]} {lemma}",
                text[v0:v1],
                v0,
                v1,
                sentence,
                f"{say[bool(s_negated)]} {lemma}",
            )
        ]
    return []


def _counts_the_rest(claim_facts: TextFacts, source: TextFacts, sentence: tuple[int, int]) -> bool:
    """A denied verb of the claim with counted doers ("Eight ... did not report damage") that the
    sentence counts otherwise ("Twenty-nine of the households reported damage"); or a part of a
    whole the claim counts ("13 of Lakeshore's 64 jets were unavailable") that, with a count of
    the sentence, makes up that whole ("51 of them available"): the other side of one whole."""
    if any(v[4] and _counted_otherwise(claim_facts.doers.get(v[0]), v[2], source, sentence) for v in claim_facts.verbs):
        return True
    wholes = [f for f in claim_facts.facts if f.kind == QUANTITY and f.role == WHOLE and f.value]
    parts = [f for f in claim_facts.facts if f.kind == QUANTITY and not f.role and f.value]
    counts = [f.value for f in source.facts if sentence[0] <= f.start < sentence[1] and f.kind == QUANTITY and f.value]
    return any(
        p.unit == w.unit and q != p.value and p.value + q == w.value and w.value in counts
        for w in wholes
        for p in parts
        for q in counts
        if p.value is not None and w.value is not None
    )


def _counted_otherwise(doer: Party | None, verb: str, source: TextFacts, sentence: tuple[int, int]) -> bool:
    """The claim's doers are a count ("222 did not attend") and the sentence counts those who did
    otherwise ("371 of 593 attended"): the rest of a whole, not a denial. The parse often gives the
    source's verb no subject; its counts still hang on the verb."""
    if doer is None or doer.count is None:
        return False
    counts = [
        f.value
        for f in source.facts
        if sentence[0] <= f.start < sentence[1] and f.kind == QUANTITY and f.verb == verb and f.value is not None
    ]
    return bool(counts) and doer.count not in counts


# "told" takes its listener: "told reporters that ..."
LEADING_ATTRIBUTION = re.compile(rf"^.*?\b(?:told \w+|{ATTRIBUTION_WORDS})\s+(?:that\s+)?", re.IGNORECASE)
SAME_CLAUSE = 0.6


def _without_attribution(claim: str) -> str:
    """The claim less a leading "X said that"; kept whole when that part is negative ("Police have
    not confirmed that ..."): dropping it would drop the claim's own "not"."""
    m = LEADING_ATTRIBUTION.match(claim)
    if m is None or negation_count(m.group()) % 2 == 1:
        return claim
    return claim[m.end() :]


_RATHER_THAN = re.compile(r"\b(?:rather\s+than|instead\s+of)\b", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|unless)\b", re.IGNORECASE)
_EXPLICIT_NOT = re.compile(r"\b(?:not|never)\b|n[\u2019']t\b", re.IGNORECASE)
MIN_SHARED_IN_CLAUSE = 3


def _lexical_negation(
    claim: str, sentence: tuple[int, int], text: str, claim_facts: TextFacts, source: TextFacts
) -> list[Finding]:
    """Polarity words ("not", "nothing", "unrelated", "refused") counted clause by clause, for what
    the parse does not mark on a verb ("is not unrelated" against "has nothing to do with"). A
    clause of the source counts only if it restates most of a claim clause, so a "not" in a clause
    the claim does not restate ("... and not the data that ...") is never the claim's."""
    # Only a claim that says "not" outright is read this way: "kept prices unchanged", "cast the
    # no votes", "was without" are affirmative claims whatever words they use.
    s0, s1 = sentence
    # "... the harbor authority has not done so": the denial is of a verb in another clause
    if not _EXPLICIT_NOT.search(claim) or _NOT_DONE_SO.search(text, s0, s1):
        return []
    names = [f.text for f in claim_facts.facts if f.kind == NAME]
    for claim_clause, clause in _restating_clauses(claim, text, sentence):
        # "urged that the county replace the alarms" states neither that it did nor that it did not
        if _ASKED_FOR.search(clause) and not _ASKED_FOR.search(claim_clause):
            continue
        # a sentence that names none of the claim clause's names is about another party or place
        # ("Metal Trades Union Local 1417, which represents about 880 of the plant's workers" for
        # "Workers at Ambrook's Kellerman plant are not represented by a union"); the names may
        # stand outside the clause ("According to Durov, Russian intelligence services seek ...")
        own = [n for n in names if _mentioned(n, claim_clause, person=False)]
        if own and not any(_mentioned(n, text[s0:s1], person=True) for n in own):
            continue
        at = text.find(clause, s0, s1)
        if _anothers_verbs(claim, claim_clause, claim_facts, at, clause, source):
            continue
        if _denied_verb_absent(claim, claim_clause, claim_facts, at, clause, source):
            continue
        # "222 did not attend" against "371 of 593 attended": the rest of a whole, not a denial
        if _counts_the_rest(claim_facts, source, sentence):
            continue
        claim_negated, source_negated = negation_count(claim_clause) % 2 == 1, negation_count(clause) % 2 == 1
        # "from the general fund rather than the police department's budget" denies the budget too
        source_negated = source_negated or (claim_negated and bool(_RATHER_THAN.search(clause)))
        # "not ... until Saturday" says when, not whether: it denies nothing the claim affirms.
        if claim_negated != source_negated and not _UNTIL.search(clause if source_negated else claim_clause):
            say = {True: "negated", False: "affirmed"}
            return [
                Finding(
                    "negation", False, say[claim_negated], clause, at, at + len(clause), sentence, say[source_negated]
                )
            ]
    return []


def _anothers_verbs(
    claim: str, claim_clause: str, claim_facts: TextFacts, at: int, clause: str, source: TextFacts
) -> bool:
    """The claim clause's verbs are in the source clause only as another subject's acts ("ruled
    that voters will get to decide" for "The appeals court did not decide ...")."""
    mine = [
        v for v in _verbs_in(claim_facts, claim.find(claim_clause), len(claim_clause)) if v[2] not in _LIGHT_SLOT_VERBS
    ]
    theirs = _verbs_in(source, at, len(clause))
    shared = [(c, v) for c in mine for v in theirs if c[2] == v[2]]
    return bool(shared) and all(_other_doer(claim_facts.doers.get(c[0]), source.doers.get(v[0])) for c, v in shared)


def _verbs_in(facts: TextFacts, start: int, length: int) -> list[tuple[int, int, str, str, int]]:
    """The clause verbs of `facts` in `length` characters from `start` (a clause's)."""
    return [v for v in facts.verbs if start <= v[0] < start + length]


def _denied_verb_absent(
    claim: str, claim_clause: str, claim_facts: TextFacts, at: int, clause: str, source: TextFacts
) -> bool:
    """The claim clause denies an act ("has not brought back the hours it cut") that the source
    clause does not tell of at all ("forced the pantry to cut its hours"): its polarity is not the
    claim's. Only a verb of content: "is not unrelated" and "has nothing to do with" meet anyway."""
    denied = [
        v[2]
        for v in _verbs_in(claim_facts, claim.find(claim_clause), len(claim_clause))
        if v[4] == 1 and v[2] not in _LIGHT_VERBS_OF_NEGATION
    ]
    told = [v[2] for v in _verbs_in(source, at, len(clause))]
    return bool(denied) and not any(_same_verb(d, t) for d in denied for t in told)


def _other_doer(claim: Party | None, source: Party | None) -> bool:
    """Two subjects (or two undergoers) of one verb that are not one: two common nouns, or two
    names, with no word in common ("appeal court" and "harrowgate voter"; "hale" and "tandy"; not
    "diver" and "diver survey"), or two counts that differ ("Eleven riders" and "121"), or a count
    and none. A name and a common noun may be one ("the mayor", "Hale"); an unknown one, anyone."""
    if claim is None or source is None:
        return False
    if claim.count is not None or source.count is not None:
        return claim.count != source.count
    if claim.proper != source.proper:
        return False
    return not set(claim.words) & set(source.words)


def _denied_clause(claim: str, text: str, sentence: tuple[int, int]) -> bool:
    """An affirmative claim whose clause is restated (most of its content words) by a negated
    clause of the sentence, relative clauses counted with their noun ("Mayor Dennis Whitford, who
    did not seek a fourth term" for "Whitford ran for a fourth term"). A clause that only asks for
    the act, or says when rather than whether ("not ... until"), denies nothing."""
    if negation_count(claim) % 2 == 1:
        return False
    return any(
        negation_count(clause) % 2 == 1 and not _UNTIL.search(clause) and not _ASKED_FOR.search(clause)
        for _, clause in _restating_clauses(claim, text, sentence)
    )


def _restating_clauses(claim: str, text: str, sentence: tuple[int, int]) -> Iterator[tuple[str, str]]:
    """Each clause of the claim (less a leading "X said that") with the clause of the sentence that
    holds most of its content words, where that is at least three of them and SAME_CLAUSE of all."""
    source_clauses = _clauses(text[sentence[0] : sentence[1]])
    for claim_clause in _clauses(_without_attribution(claim)):
        words = content_stems(claim_clause)
        if not words:
            continue
        shared, clause = _best_clause(words, source_clauses)
        if shared >= MIN_SHARED_IN_CLAUSE and shared / len(words) >= SAME_CLAUSE:
            yield claim_clause, clause


# "did not say whether", "declined to say if", "has not decided whether", "it was not immediately
# clear whether" (not "did not say why the plant closed": that presumes it closed)
_OPEN_QUESTION = re.compile(
    r"\b(?:(?:did|does|do|would|could|has|have|had)\s+not|didn't|doesn't|wouldn't|couldn't|hasn't|haven't|"
    r"declined\s+to|refused\s+to|would\s+not)\s+(?:yet\s+)?(?:say|said|decide|decided|determine|determined|"
    r"confirm|confirmed|disclose|disclosed|specify|specified|know|known)\s+(?:whether|if)\b"
    r"|\b(?:it\s+)?(?:is|was|remains|remained)\s+(?:unclear|unknown|undecided|not\s+known|not\s+(?:immediately\s+)?clear)"
    r"\s+(?:whether|if)\b",
    re.IGNORECASE,
)


def _left_open(claim: str, text: str, sentence: tuple[int, int]) -> bool:
    """The sentence says it is not known, or not said, whether what the claim states holds: most of
    the claim's words (less who said it) come after its "did not say whether" in that clause. Any
    sentence of the passage counts: the one holding most of the claim may be the one before ("Ashe
    said Tuesday that ... He did not say whether the state would support limits on phones")."""
    m = _OPEN_QUESTION.search(text, sentence[0], sentence[1])
    if m is None or _OPEN_QUESTION.search(claim):
        return False
    words = content_stems(_without_attribution(claim))
    question = text[m.end() : sentence[1]].split(";")[0]
    shared = len(words & content_stems(question))
    return shared >= 2 and shared / len(words) >= 0.5


_WEIGHING = re.compile(rf"\b(?:{'|'.join(sorted(WEIGHING_VERBS))})(?:s|ed|d|ing|ion)?\b", re.IGNORECASE)


def _only_weighed(claim_facts: TextFacts, source: TextFacts, text: str, sentence: tuple[int, int]) -> bool:
    """The sentence about the claim's event gives the claim's act only as one weighed ("said she had
    considered proposing a smaller extension but decided against it" for "Delaney proposed a
    smaller extension"): it does not state the act, whatever a model reads in it."""
    root = next((v for v in claim_facts.verbs if v[3] == "ROOT"), None)
    if root is None or root[4] or root[2] in _LIGHT_SLOT_VERBS:
        return False
    mine = [v for v in source.verbs if sentence[0] <= v[0] < sentence[1] and v[2] == root[2]]
    if not mine or any(v[4] != 2 or v[3] not in ("xcomp", "ccomp") for v in mine):
        return False
    weighed = _WEIGHING.search(text, sentence[0], mine[0][0])
    return weighed is not None


# A clause that asks another party for an act (ASKING_VERBS), in any form, or "calls for" it.
_ASKED_FOR = re.compile(
    rf"\b(?:{'|'.join(sorted(ASKING_VERBS))})(?:s|ed|d|ing)?\b|\bcall(?:s|ed|ing)? for\b", re.IGNORECASE
)
# A story's word that nobody died ("No deaths or serious injuries have been reported").
_NO_DEATHS = re.compile(
    r"\bno (?:deaths|fatalities)\b|\b(?:no one|nobody) (?:has |had |was |have )?(?:died|been killed|killed)\b",
    re.IGNORECASE,
)
_A_DEATH = re.compile(r"\b(?:died|dies|killed|dead|death of)\b", re.IGNORECASE)


def _no_deaths(claim_facts: TextFacts, text: str, start: int, end: int) -> list[Finding]:
    """ "Two people died after their car stalled on Route 9" against a passage about that car that
    also says "No deaths or serious injuries have been reported", and tells of no death itself."""
    if not any(v[2] in ("die", "kill") and not v[4] for v in claim_facts.verbs):
        return []
    m = _NO_DEATHS.search(text, start, end)
    if m is None or _A_DEATH.search(text[start:end]):
        return []
    said = (text.rfind(".", start, m.start()) + 1 or start, text.find(".", m.end(), end) + 1 or end)
    return [Finding("negation", False, "does die", m.group(), m.start(), m.end(), said, m.group())]


def _object_denied(
    claim: str, claim_facts: TextFacts, source: TextFacts, text: str, start: int, end: int
) -> list[Finding]:
    """The claim's own verb, said of the claim's own object, negated in the passage and nowhere
    affirmed of it there ("the plans do not currently include such filters" for "the upgrade will
    include microplastic filters"; "the study does not show that phones cause depression" for "The
    study showed that heavy phone use causes depression"): a paraphrase shares too few words for the
    sentence checks, but the verb and what follows it say the same thing the other way. What
    follows is compared without names (the passage may name its people elsewhere); at least half of
    the words on each side must meet."""
    if negation_count(claim) % 2 == 1:
        return []
    names = {w for f in claim_facts.facts if f.kind == NAME for w in content_stems(f.text)}
    for _, v1, lemma, dep, negated in claim_facts.verbs:
        if negated or dep not in ("ROOT", "ccomp", "conj", "xcomp") or lemma in _LIGHT_VERBS_OF_NEGATION:
            continue
        wanted = content_stems(_clause_after(claim, v1)) - names
        if not wanted:
            continue
        same = [v for v in source.verbs if start <= v[0] < end and v[2] == lemma]
        denied: list[tuple[int, int]] = []
        for w0, w1, _, _, w_negated in same:
            after = _clause_after(text, w1, end)
            # (a possessor is not the object: "did not arrest the driver's passenger")
            said = content_stems(_A_POSSESSOR.sub(" ", after))
            met = len(wanted & said)
            if not met or met * 2 < len(wanted) or met * 2 < len(said - names):
                continue
            if not w_negated:
                denied = []  # the passage also says it the claim's way
                break
            if w_negated == 1 and not _UNTIL.search(after):
                denied.append((w0, w1))
        if denied:
            w0, w1 = denied[0]
            said_in = next((s for s in source.sentences if s[0] <= w0 < s[1]), (w0, w1))
            return [Finding("negation", False, f"does {lemma}", text[w0:w1], w0, w1, said_in, f"does not {lemma}")]
    return []


# A possessor: "the driver's", "the players'".
_A_POSSESSOR = re.compile(r"\b[\w-]+['\u2019]s\b|\b[\w-]+s['\u2019](?=\s)")
_LIGHT_VERBS_OF_NEGATION = frozenset("be have do say tell make take get go come".split())


def _clause_after(text: str, at: int, end: int | None = None) -> str:
    """The words after a verb to the end of its clause (a comma, a semicolon, a dash, the sentence's end)."""
    stop = len(text) if end is None else end
    m = re.search(r"[.,;:!?\u2014]", text[at:stop])
    return text[at : at + m.start()] if m else text[at:stop]


_NOT_DONE_SO = re.compile(r"\b(?:has|have|had|did)\s+(?:not|never)\s+(?:yet\s+)?(?:done|do)\s+so\b", re.IGNORECASE)


def _not_done_so(
    claim: str, claim_facts: TextFacts, source: TextFacts, sentence: tuple[int, int], text: str
) -> list[Finding]:
    """ "recommended that the harbor authority dredge the area; the harbor authority has not done
    so" for "The harbor authority dredged the area": the sentence names the claim's act and then
    says its doer has not done it."""
    s0, s1 = sentence
    m = _NOT_DONE_SO.search(text, s0, s1)
    if m is None or negation_count(claim) != 0:
        return []
    main = next((v for v in claim_facts.verbs if v[3] == "ROOT"), None)
    if main is None or not any(v[2] == main[2] and s0 <= v[0] < m.start() for v in source.verbs):
        return []
    # the one who has not done it is the claim's doer: the words of its clause before "has not"
    doer = content_stems(text[max(text.rfind(";", s0, m.start()), text.rfind(",", s0, m.start()), s0) : m.start()])
    if not doer or not doer <= content_stems(claim):
        return []
    return [Finding("negation", False, f"does {main[2]}", m.group(), m.start(), m.end(), sentence, m.group())]


# "no paid circulators", "no widespread outages": none of a thing (not "no longer", "no more than").
_NONE_OF = re.compile(
    r"\bno\s+(?!(?:longer|more|less|fewer|later|earlier|sooner|one|matter|doubt|other)\b)"
    r"((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\b(?!\s+(?:than|sooner|later)\b)",
    re.IGNORECASE,
)


_CONDITIONAL = re.compile(r"\b(?:if|unless|without|would|could|might|should)\b", re.IGNORECASE)


def _none_of_it(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """ "with about 90 volunteers and no paid circulators" for "used a mix of volunteers and paid
    circulators"; "said there had been no widespread outages" for "reported widespread outages": an
    affirmative claim that gives a thing of two words or more which the sentence says there was none
    of, and never gives without its "no"."""
    if negation_count(claim) != 0:
        return []
    s0, s1 = sentence
    said = text[s0:s1]
    if _CONDITIONAL.search(said):  # "If the measure fails, there will be no new library branches"
        return []
    claimed = " " + _plain(claim) + " "
    for m in _NONE_OF.finditer(said):
        words = _plain(m.group(1))
        if len(content_stems(words)) < 2 or f" {words} " not in claimed:
            continue
        elsewhere = _plain(said[: m.start()] + " " + said[m.end() :])
        if f" {words} " in f" {elsewhere} ":
            continue
        return [Finding("negation", False, "affirmed", m.group(), s0 + m.start(), s0 + m.end(), sentence, m.group())]
    return []


# "the county commission voted 3-2 to put a traffic signal" against "the county commission voted
# 3-2 against installing a signal": a body's vote (not a member's), and "to" an act that is no
# refusal ("voted to reject" is a vote against).
_VOTING_BODY = (
    r"\b(?P<body>council|board|commission|committee|panel|trustees|supervisors|commissioners|legislature|senate"
    r"|assembly|members|voters|jury|court)\s+(?:\w+ly\s+)?"
)
_REFUSALS = r"reject|deny|oppose|kill|table|delay|postpone|block|repeal|defeat|halt|cancel|scrap|drop|end|overturn"
_VOTED_FOR = re.compile(
    _VOTING_BODY + r"vot(?:ed|es|e)\s+(?:(?P<tally>\d{1,2}-\d{1,2})\s+)?"
    rf"(?:to\s+(?!(?:{_REFUSALS})\b)|in\s+favou?r\s+of\s+|for\s+)(?P<what>[^.;,]+)",
    re.IGNORECASE,
)
_VOTED_AGAINST = re.compile(
    _VOTING_BODY + r"vot(?:ed|es|e)\s+(?:(?P<tally>\d{1,2}-\d{1,2})\s+)?against\s+(?P<what>[^.;,]+)", re.IGNORECASE
)


def _voted_the_other_way(claim: str, text: str, sentence: tuple[int, int]) -> list[Finding]:
    """The sentence restating the claim has the claim's body vote against what the claim has it
    vote for (a word of it shared), or the reverse, by the claim's tally where the claim gives one,
    and never the claim's way."""
    s0, s1 = sentence
    said = text[s0:s1]
    for mine, theirs in ((_VOTED_FOR, _VOTED_AGAINST), (_VOTED_AGAINST, _VOTED_FOR)):
        claimed = mine.search(claim)
        if claimed is None or mine.search(said):
            continue
        other = next(
            (
                m
                for m in theirs.finditer(said)
                if m.group("body").lower() == claimed.group("body").lower()
                and (not claimed.group("tally") or m.group("tally") == claimed.group("tally"))
                # the same thing voted on: a content word of what follows shared
                and content_stems(m.group("what")) & content_stems(claimed.group("what"))
            ),
            None,
        )
        if other is not None:
            at, end = s0 + other.start(), s0 + other.end()
            return [Finding("outcome", False, claimed.group(), other.group(), at, end, sentence, other.group())]
    return []


def _clauses(text: str) -> list[str]:
    """Split at clause punctuation and conjunctions, keeping relative clauses with their noun."""
    parts = re.split(r"[;:\n\u201c\u201d\"]|,(?!\s*(?:which|who|where|that)\b)|\s(?:and|but|while|whereas)\s", text)
    return [p.strip() for p in parts if p.strip()] or [text]


def _clause_around(text: str, sentence: tuple[int, int], at: int) -> str:
    """The stretch of the sentence between clause punctuation around a verb."""
    s0, s1 = sentence
    left = max(text.rfind(ch, s0, at) for ch in ',;:\u201c\u201d"')
    rights = [i for i in (text.find(ch, at, s1) for ch in ',;:\u201c\u201d"') if i != -1]
    return text[max(left + 1, s0) : min(rights, default=s1)]


def _finding(kind: str, agrees: bool, claim: str, source: Fact, detail: str = "", own: bool = True) -> Finding:
    return Finding(kind, agrees, claim, source.text, source.start, source.end, source.sentence, detail, own)


def check_text(claim: str, passage: str, published: dt.date | None = None, title: str | None = None) -> Alignment:
    """One claim against one passage held in memory (both parsed here): for tests, notebooks and
    one-off checks; the pipeline reads source facts from the index instead."""
    from verify.chunk import dateline_spans
    from verify.facts.extract import claim_facts, source_facts

    facts = source_facts(passage, published, dateline_spans(passage))
    return align(claim, claim_facts([claim])[0], passage, facts, 0, len(passage), title)
