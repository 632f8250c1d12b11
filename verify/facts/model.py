"""Typed facts: what the fact layer extracts from a sentence, stored with each source at index time.

A fact keeps its own characters (`start`/`end` in the text it came from), the sentence around it,
its normalised value, and what it is about, so that only like is compared with like: a count
with a count of the same thing, a date with a date, a name with a name in the same role.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Kinds. A figure is compared only with a figure of the same kind.
DATE = "date"  # an interval of days: a day, part of a month, a month, a season, a year
TIME = "time"  # a time of day, in minutes after midnight
DURATION = "duration"  # a length of time, in days
QUANTITY = "quantity"  # a count or measure: value + what it counts (`unit`)
MONEY = "money"
PERCENT = "percent"
ORDINAL = "ordinal"
SCORE = "score"  # a result or tally, "3-1", "5-2 vote"
NAME = "name"  # a person, organisation, place, work ...
# A capitalised doer or object of several words the tagger did not name ("Moscow's Tagansky District
# Court ruled"): compared only with a claim's name of the same head word (align._names), nothing else.
UNTAGGED = "untagged"
# A figure's unit for a person's age; and the kind of finding on an age beside a name ("Harold
# Minter, 71,"), which says who rather than what happened: it may conflict, never back a claim.
AGE = "age"
# Labels of a date that is one side of the day it names ("before Aug. 25", "after May 3", "by
# Friday", "from" for "not before May"): verify.facts.extract sets them, align opens them.
SIDES_OF_A_DAY = ("before", "after", "by", "from")
# Roles of a figure (Fact.role): a difference between two figures, a multiple of one.
CHANGE = "change"
# A difference between two differences: "eliminates seven fewer positions than the May plan" (how
# much smaller one cut is than another), compared only with another such gap, never with the cut.
GAP = "gap"
RATIO = "ratio"
PART = "part"  # a count added to another of the same thing ("this state and three neighboring states")
WHOLE = "whole"  # the whole a part is taken from: the "19" of "made 11 of 19 free throws"
# Some of a group the text does not count: "about 4,300 of the homes that lost power" (the homes
# may be more); a larger count of the group is its whole, not a rival.
SOME = "some of"
# A figure's period when the words after it give it to the year before ("$35.0 million ... in the
# same period last year", "$731.4 million a year earlier"): the comparison's other term.
YEAR_BEFORE = "year before"
# How far apart two lengths of time may be and still be one ("a month" is 28 to 31 days).
DURATION_SLACK = 0.035
KINDS = (DATE, TIME, DURATION, QUANTITY, MONEY, PERCENT, ORDINAL, SCORE, NAME)


@dataclass(frozen=True)
class Fact:
    kind: str
    text: str  # the wording, as in the text
    start: int
    end: int
    sentence: tuple[int, int]  # the sentence holding it, as offsets into the same text
    value: float | None = None  # quantity / money / percent / ordinal / time (minutes) / duration (days)
    comparator: str = "="  # = > >= < <= ~ (about) ~< (nearly) ~> (just over)
    # what a quantity counts (lemma: "firefighter"), a currency ("$/year" for a rate by the year,
    # month or week), a measure ("foot")
    unit: str = ""
    about: tuple[str, ...] = ()  # content lemmas saying what the figure is about ("budget", "station")
    first: str | None = None  # DATE: ISO day the interval starts; "--MM-DD" when the year is not given
    last: str | None = None  # DATE: ISO day it ends (same form as first)
    weekday: int | None = None  # DATE: 0 = Monday, when the text names one
    # NAME: PERSON / ORG / PLACE / WORK; DATE: "filed" for a dateline's date, "which" for one that
    # says which thing ("the 2016 fare increase", "summer classes") rather than when a verb happened,
    # "until" / "since" for a span the text gives one end of (first and last are that end: "March"
    # in "until March"; the span is open before or after it); ORDINAL: "which" for a rank on a
    # verb's subject ("The first patient was diagnosed"), which says which one is meant
    label: str = ""
    # NAME: "agent", "patient" or ""; SCORE: "vote" for a tally of votes; a figure: "change" for a
    # difference ("rose 4.1 percent", "$12 more"), "gap" for a difference of two differences (GAP),
    # "ratio" for a multiple ("doubled"), "part" for a count that is part of a total (PART), "some
    # of" for some of an uncounted group (SOME), "" for a level.
    role: str = ""
    verb: str = ""  # NAME: lemma of the verb it is the agent or patient of
    pair: tuple[int, int] | None = None  # SCORE: the two numbers, as written
    # A range's other end: "from $60 to $72", "22,000 to 41,000 square feet", "7:30 to 8:25 a.m."
    # hold value 60 and upper 72 (a change or an interval: the wording rarely says which).
    upper: float | None = None
    # A figure's part of a game or period, from a phrase on it, its noun or its verb: "overtime" in
    # "scored eight points in overtime", "after halftime", "second quarter" in "second-quarter profit".
    period: str = ""
    # DATE and a figure: the proper name that is the subject of its verb ("Brannigan" in "Brannigan
    # was sentenced a week earlier", "Pellegrin ... leads the climbers' competition with 31
    # points"), lower-cased: whose act it is. "" for a common noun or a pronoun.
    party: str = ""
    # A figure that is one end of a change the sentence tells ("to 28.1 percent from 28.6 percent",
    # "241,000 fans, down from 256,000"): "earlier" or "later"; "" for any other.
    change_end: str = ""
    # A difference told by a comparative after it ("$90,000 more than the city estimated", "three
    # fewer seats than"): "more" or "less"; by "up" or "down" before it ("up 8% from 1.18 million"):
    # that word; "" where its verb or noun says the way, or none does.
    way: str = ""
    # A count: the nouns before the counted noun that say which kind of it ("firefighter" in "nine
    # firefighter positions", "police officer" in "four police officer positions"), as lemmas.
    sort: tuple[str, ...] = ()

    @property
    def says_who(self) -> bool:
        """An age beside a name ("Harold Minter, 71, of Lisle"): it tells which person is meant,
        not what happened, so it may conflict with the same person's age but backs no claim."""
        return self.unit == AGE and bool(self.party) and not self.verb

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if v not in (None, "", (), "=")}
        data["kind"], data["text"], data["start"], data["end"] = self.kind, self.text, self.start, self.end
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
        return cls(**values)

    def shifted(self, offset: int) -> Fact:
        """The same fact with offsets moved (facts of a piece of a long text)."""
        s0, s1 = self.sentence
        return _replace(self, start=self.start + offset, end=self.end + offset, sentence=(s0 + offset, s1 + offset))

    def bounds(self) -> tuple[float, float]:
        """The values the figure allows, given its comparator ("more than 60" -> (60, inf))."""
        v = float(self.value or 0.0)
        # A length of time in months or weeks is a length in days only roughly ("a month", "30 days").
        exact = abs(v) * (DURATION_SLACK if self.kind == DURATION else 0.005)
        about = self._about_slack() if self.comparator == "~" else 0.0
        return {
            "=": (v - exact, v + exact),
            ">": (v + 1e-9, float("inf")),
            ">=": (v, float("inf")),
            "<": (float("-inf"), v - 1e-9),
            "<=": (float("-inf"), v),
            "~": (v - about, v + about),
            "~<": (v * 0.85, v),
            "~>": (v, v * 1.15),
        }[self.comparator]

    def _about_slack(self) -> float:
        """How far "about" reaches: a tenth of the figure, or one step of its last written digit
        where that is less: of its last decimal ("about 10.9 metres" is not 11.8 metres; "about 4
        percent" holds 4.1), or, for a count of a thousand or more, of its last digit that is not a
        zero, but no less than 5 percent ("about 1,900 children" are not "more than 2,000"; "about
        1,250" holds 1,300; "about 91,000" and "about 94,000" are not held to each other)."""
        v = abs(float(self.value or 0.0))
        tenth = v * 0.1
        written = _DECIMAL.search(self.text)
        if written is not None:
            mantissa = float(written.group().replace(",", ""))
            return min(tenth, 10.0 ** -len(written.group(1)) * (v / mantissa if mantissa else 1.0))
        whole = _WHOLE_NUMBER.search(self.text)
        if whole is None or v < 1000:
            return tenth
        digits = whole.group().replace(",", "")
        mantissa = float(digits)
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0**zeros * (v / mantissa if mantissa else 1.0)
        return min(tenth, max(step, v * ABOUT_FLOOR))

    def day_interval(self) -> tuple[dt.date, dt.date] | None:
        """A DATE with a year as real days."""
        if self.first and self.last and not self.first.startswith("--"):
            return dt.date.fromisoformat(self.first), dt.date.fromisoformat(self.last)
        return None


# The least share of a round count of a thousand or more that "about" reaches (_about_slack).
ABOUT_FLOOR = 0.05
# A figure written with decimals: "10.9", "1,234.56" (group 1: the decimals).
_DECIMAL = re.compile(r"\d[\d,]*\.(\d+)")
# A figure written as a whole number: "1,900", "212".
_WHOLE_NUMBER = re.compile(r"\d[\d,]*\d|\d")


def _replace(fact: Fact, **changes: Any) -> Fact:
    from dataclasses import replace

    return replace(fact, **changes)


# Bumped whenever extraction changes what a stored fact means. 2: ranges ("from $60 to $72"),
# shares ("one of three", "nine in ten"), a count's relative-clause verb, counts' context words,
# verbs under another verb's negation. 3: units of measure in one spelling ("mph", "psi", "%"),
# fractions as percentages ("a quarter of"), differences and ratios marked ("$12 more", "doubled").
# 4: "last year", "yesterday" in a source without an article date kept as dates it cannot place;
# units as whole words ("kilowatts" is no "kg"); a past-tense weekday in a sentence about the future.
# 5: a leading dateline with a year ("LAKEPORT, May 20, 2025 —") is the dateline whole; year-less
# dates of a verb not in the past follow their sentence's recent day ("voted on Wednesday to raise
# the fare starting July 1"); a figure's part of a game or period (Fact.period); a day the tagger
# read as a time ("Wednesday morning") is a date; a date that says which thing (label "which").
# 6: a difference "by" so much is about what its verb changes ("raise the rate by 3.5 percent");
# a minute of a match is an ordinal ("the 67th minute"), not a length of time; a score knows whose
# it is (the proper names of its verb's parties, Fact.about); "until March" and "since 2019" are
# labelled so, and two of one kind are compared by the end they give.
# 7: "pleaded not guilty", "no employees would lose", "nobody was hurt" negate their verb; "a
# dozen workers" counts workers; "two-fifths" is 40 percent; an ordinal "third" is 3.
# 8: an "until" / "since" date stores the interval it names, opened by its label when compared.
# 9: a figure "of" a noun is about that noun ("a street value of about $40,000": value, street).
# 10: "before Aug. 25", "after May 3", "by Friday" are one side of that day (labels before, after,
# by; the wording keeps the side word); "do not start until Aug. 25" dates the start, a day.
# 11: a place that owns a doer or an object ("Moscow's district court ruled") has its role; a
# doer or object of several capitalised words the tagger missed is kept (kind UNTAGGED).
# 12-16: durations across units; "found no X leaking" denies; ordinal periods are no lengths; a
# compound-hung number counts the noun it modifies; a side of a vote ("cast the two votes against").
# 17: a part with one thing of its kind before it is also stored as their total ("this state and
# three neighboring states": four states).
# 18: a date and a length run together by the tagger ("Nov. 6 to two and a half years") are both
# read; a relative date after a stretch ("in April") counts from the last day of its own verb; a
# date knows the proper name its verb is said of (Fact.party).
# 19: cents and pence are money ("24 cents a share" is $0.24).
# 20: "the day", "that week" say which one, not how long.
# 21: a range of dates is one interval ("between 2017 and 2022", "from May to July 2019", "June 1
# to 15"); a year-less date a few weeks after the article across New Year is the coming one.
# 22: a vote tally in words is a score ("voted four in favor and three against", "by a vote of 7
# to 2"), and a score in a sentence about a vote is a tally; a figure of a verb that takes another
# ("Six tugboats were needed to refloat the ship") counts for the verb it takes (refloat).
# 23: "innings" counts innings (the tagger's lemma kept the s).
# 24: lengths of time the tagger misses or cuts short are read ("as much as 15 minutes", "half an
# hour"); "as much as" is a maximum.
# 25: "plans to", "intends", "aims" speak of the future: a year-less date there is the coming one.
# 26: "takes effect", "goes into effect", "comes into force" are the verb "begin".
# 27: two dates the tagger split are a range only where both ends are dates ("sentenced Thursday to
# six years" is a day and a length, as before 21).
# 28: "came out" is one verb ("come out"), of a publication.
# 29: a date that owns an act ("Tuesday's ruling") dates that act, and is that day, not a side of it.
# 30: "neither" as a verb's subject, or before its noun, denies the verb.
# 31: a verb another party is asked for ("urged that the county replace ...") is under negation:
# stated neither way.
# 32: "since Monday" keeps its "since" where no date places the weekday.
# 33: a record in brackets after a name is that name's ("Ridgeline (13-1)"); a date of a participle
# hung on a noun is in the past ("The merger, approved ... on Sept. 19, is expected to close ...");
# a contest told by its noun gives sides ("a 28-24 victory over X": X beaten; "a loss to X").
# 34: a sum the tagger cut at its "$" ("$64 to $" and "76") is read whole.
# 35: a share of something ("8 percent of its employees") is no change's size; a number that says
# which one ("grades 8 through 12", "No. 21") is no count.
# 36: "the next morning" (evening, night) is the next day; a streak ("three years in a row", "the
# third straight year") is no length of time.
# 37: a road's number is no count, nor part of a date ("State Highway 19 early Saturday"); an
# ordinal in digits the tagger leaves out is read ("the 23rd mile"); "17 others" counts what the
# count before it counts; "early Saturday", tagged a time, is a day.
# 38: "no" names a number only as "No." ("there was no 2019 budget" keeps its year).
# 39: a time of day with its weekday run together ("reopened at 3:25 p.m. Saturday") gives the day
# as a date too.
# 40: a score's sides include the one it is "over" and, for "..., beating X 3-1", the main verb's
# subject; a sentence never runs across a blank line (a headline without a full stop).
# 41: "next spring", "last fall", "this winter" resolve by their word ("next spring" in July was
# the spring just past).
# 42: a weekday of a verb reported with "would" is the coming one ("said trustees would meet
# Monday"); "the early hours of" is no length of time; the "three" of "two of the three pumps" is
# the whole, not a count of the verb's.
# 43: a range with its scale after each end ("$630 million to $650 million") is a range; a figure
# after "of" measures the noun written right before it ("revenue of $630 million").
# 44: a figure is about what it is per ("$1.42 a share"); a "by" figure of "beat", "won", "trail"
# is a margin, a difference ("beat the estimate by 3 cents").
# 45: a part of a year is its months ("the first six months of 2025", "the fourth quarter of 2024").
# 46: a weekday something is "for" is the coming one ("a red flag warning for Saturday"); the whole
# of "11 of 19" and the rest, "the other six", are marked (WHOLE, PART); an act weighed ("had
# considered calling a timeout") is not asserted.
# 47: a "by" figure of every contest verb ("defeated the bond by $2 million") is a margin too.
# 48: a crowd, fans and spectators count the same people (UNIT_FAMILIES).
# 49: a figure the words after it give to the year before has period YEAR_BEFORE.
# 50: a weekday of a verb with any modal ("could be lifted Thursday") is the coming one; a day the
# parse gives to the verb of "N days after ..." is that verb's day counted back.
# 51: a figure knows its verb's proper-name subject (party); a length of time in a rate ("one week of
# pay for every year") is none; "tops", "will top", "exceeded" are comparators.
# 52: money that is the object of "raise" is money collected, not a change.
# 53: a day is counted back only for the verb of a clause its count opens ("after a train derailed").
# 54: a party may be the proper name a subject belongs to ("St. Brennan's board"), or the subject of
# the verb an xcomp hangs on ("voted to approve"); "gave its approval" is the verb "approve"; each
# clause verb's subject is kept (TextFacts.doers); "Bus No. 31" denies nothing.
# 55: the bare count a change starts from counts what its later end counts ("241,000 fans, down
# from 256,000"); "the eighth consecutive day" is a rank in a run (ORDINAL, unit "day in a row"); "early
# 2027" is January to April (dates.YEAR_THIRDS).
# 56: a capitalised singular noun opening its sentence without a determiner is a name's party
# ("Tremblay stopped 38 of the 41 shots"); money on "raise" ("a $43-an-hour raise") is a change.
# 57: ... and has no words of its own but an aside ("Support for Measure H" is no name).
# 58: the count a change starts from takes its end's unit only after "up/down from" or "to X ... from"
# ("12 finalists chosen from 300" counts no finalists); a place dateline is cut at the opening only;
# the thirds of a year overlap by a month ("early 2027" is January to May) and are whole dates only.
# 59: a bound after a figure ("$600 or more") is its comparator; a margin ("by a margin of 1,382
# votes") and a figure a comparative follows ("4 knots faster than") are differences; a tally's bare
# second count takes the first's unit ("8,913 votes to 7,531"); each clause verb's undergoer is kept
# (TextFacts.undergoers: its object, or its passive subject).
# 60: an age beside a name ("Park, 19,"; the tagger calls it a date) is that person's age; "came
# off the bench" is "enter"; "The collision occurred on Oct. 4" dates the collision.
# 61: money by the year, month or week is a rate (unit "$/year"), and the money a change starts
# from is by its end's period ("$3.1 million a year, up from $2.6 million").
# 62: a change's two ends are marked once, here (Fact.change_end), for align to read.
# 63: "a year earlier" after money is no rate; a rate's period may follow a bound ("$5 or more a
# year"); a margin is a difference only of votes, points and the like ("gross margin" is a level);
# "late 40s" is 47 to 49.
# 64: a doer or undergoer keeps its count ("noun:#11 rider"): "121 finished" is said of others.
# 65: a count of a noun whose main verb is denied ("Six boats that started did not finish") counts
# for that verb, not its relative clause's.
# 66: a tally's "1,060 no votes" denies nothing.
# 67: doers and undergoers are records (Party), not strings.
# 68: a count of what a change verb changes is a difference ("grew by about 14,000 visitors", "cut
# nine turbines"); a change's two ends are found past a date between them ("118,000 visitors last
# year, up from 104,000"); a verb a refusal takes ("declined to propose", "ruled out raising") is
# under negation.
# 69: a verb's undergoer may be the act it takes ("did not expect the outbreak to stop": "stop");
# "not diagnosed ... until three days later, when ..." dates the diagnosis, a day, however the parse
# hangs "until"; "fell behind by 15 points" is no change, "beat X by seven points" is a margin.
# 70: ... and its conjuncts' acts ("how fast it was traveling or whether its driver was
# distracted"); "19 of them" and a bare count after it and a verb ("and rejected 8") count what the
# count before counts.
# 71: a rank on a verb's subject says which one ("The first patient was diagnosed"; label "which").
# 72: money by the year past what it is per ("$9,000 per turbine each year") is a rate; a figure
# that is the one end a change verb gives ("will fall to $19.8 million") is marked that end.
# 73: "them" after counts of two things says not which ("challenged 27 ballots and filed three
# lawsuits; ... accepted 19 of them").
# 74: the count "lose", "shed", "eliminate" and "lay off" take is a difference ("laid off 40
# workers").
# 75: a length of time by the period ("three days a week") is a frequency, unit "/week"; a clock
# reading the tagger takes for a number ("2:14 into overtime") is no count; a score after an "out-"
# verb ("outshot Millhaven 37-33") is a tally (role "tally"); a record broken "by" so many is a
# difference ("broke the mark by one goal").
# 76: a count a verb takes away, compared with another ("eliminates seven fewer positions than the
# May plan"), is a gap between two such differences (role "gap"), not the cut itself.
# 77: a noun ("the preliminary plan") does not put a sentence in the future; a relative clause's
# verb with its own subject and no auxiliary is past ("the plan the board approved May 20"); a year
# or season a thing is for says which ("a budget for the 2025-26 school year").
# 78: a tally's whole is both its sides ("Three of the nine members" against "6-3"); a count joined
# to one thing and called "neighbouring", "other" or "more" is besides it ("the Barrawong shire and
# two neighbouring council areas"); a count of some of an uncounted group is marked "some of".
# 79: a first or a record "since" a year is also a length worked out from the article's date
# ("first state championship since 1998", in 2026: 27 to 28 years; a DURATION labelled "since").
# 80: a score "in the fourth quarter" is that part's (Fact.period); a date of what "had been
# scheduled" is a superseded plan's (label "which"); "all but six" of 47 counts 41.
# 81: "all but 12 of its 1,460" counts 1,448 (the whole right after it).
# 82: ages said with "was" or "at" ("She was 79", "died at 84") and decades of life in words; a
# difference's way from "more"/"less than" after it (Fact.way); durations and match minutes carry
# their doer; a verb joined by "and" or a preposition shares its subject.
# 83: "over" after another length spreads an act across a length; a figure "at" a verb is about
# the verb's subject; a participle's noun is what its figure measures; "9 mph under the limit".
# 84: "up 8%" / "down 8%" give a difference's way.
# 85-86: "scheduled for" a day dates the act its noun names ("The hearing is scheduled for Nov.
# 8"); the year that names an event ("the 2019 Brushy Peak Fire") carries the name as its party.
# 87: "34 years old" is its subject's age; a relative clause's noun is what its figure measures.
# 88: "between X and Y" tagged without its "between" is the whole span.
# 89: a record said with its season ("a 13-1 season for the Hawks") is that team's record.
# 90: a count carries the nouns that say which kind of thing it counts (Fact.sort); a figure
# after "last year's" is the year before's; a subject parsed as the verb's compound is what the
# verb's figure measures.
FACTS_VERSION = 90
# Verbs that ask another party for an act: "recommended that the authority dredge the area" says
# neither that it did nor that it did not (extract marks such a verb so; align reads clauses so).
# Not the subject's own intent: "plans to appeal" is a claim that "would not appeal" denies.
ASKING_VERBS = frozenset("recommend urge ask propose demand request suggest".split())
# Verbs that weigh an act without saying it was done or not: "had considered calling a timeout".
WEIGHING_VERBS = frozenset("consider weigh contemplate debate discuss mull ponder explore".split())
# Verbs that turn an act down without it being denied in so many words: "declined to propose",
# "ruled out raising", "refused to approve" say the act was not done, but not as "did not" does
# (a refusal may be later reversed, and "failed to" may be in part): stated neither way. "rule"
# counts only with its particle ("ruled out").
REFUSING_VERBS = frozenset("refuse decline fail avoid neglect".split())
# Verbs of a contest with a winner and a loser ("Hale beat Tandy"): their doer and object are sides.
WINNER_VERBS = frozenset("win beat defeat top edge oust unseat".split())
CONTEST_VERBS = WINNER_VERBS | {"lose"}
# The label of a claim's contest side that the tagger did not name ("The Falcons beat the Gulls").
UNTAGGED_SIDE = "side"
# Facts that back or sink a claim on their own: figures and dates, not a shared name.
BACKING_KINDS = frozenset({"date", "time", "duration", "quantity", "money", "percent", "ordinal", "score"})


@dataclass(frozen=True)
class Party:
    """Who does a clause verb's act, or undergoes it: the lemmas of its nouns ("appeal court" for
    "The appeals court"), whether its head is a proper name, and how many it counts where it says
    ("121" for "121 finished"). Align compares a name with a name and a common noun with a common
    noun (the mayor may be "Hale"); two counts that differ are other parties."""

    words: tuple[str, ...]
    proper: bool = False
    count: float | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"words": list(self.words), "proper": self.proper}
        if self.count is not None:
            data["count"] = self.count
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Party:
        return cls(tuple(data["words"]), bool(data.get("proper")), data.get("count"))


def _parties(data: dict[str, Any]) -> dict[int, Party]:
    # (facts of an older extraction kept parties as strings; they are read again, FACTS_VERSION)
    return {int(k): Party.from_json(v) for k, v in data.items() if isinstance(v, dict)}


@dataclass
class TextFacts:
    """Everything the fact layer found in one text (a source or a claim)."""

    facts: list[Fact] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Clause verbs: (start, end, lemma, dependency label, polarity): 1 when negated in its own clause,
    # 2 when the verb governing it is ("do not need to vote"), else 0.
    verbs: list[tuple[int, int, str, str, int]] = field(default_factory=list)
    # Each clause verb's subject, by the verb's start ("appeal court" for "The appeals court did
    # not decide"), where it is not a pronoun.
    doers: dict[int, Party] = field(default_factory=dict)
    # Each clause verb's undergoer, by the verb's start: its object, or its subject where it is
    # passive ("season ticket price" for "prices would be reduced"), its whole phrase.
    undergoers: dict[int, Party] = field(default_factory=dict)

    # The extraction that made these facts (FACTS_VERSION); stored facts of an older one are
    # read again from the source's text rather than trusted.
    version: int = field(default_factory=lambda: FACTS_VERSION)

    def to_json(self) -> dict[str, Any]:
        return {
            "facts": [f.to_json() for f in self.facts],
            "sentences": self.sentences,
            "verbs": self.verbs,
            "doers": {str(k): v.to_json() for k, v in self.doers.items()},
            "undergoers": {str(k): v.to_json() for k, v in self.undergoers.items()},
            "version": self.version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextFacts:
        return cls(
            facts=[Fact.from_json(f) for f in data.get("facts", [])],
            sentences=[tuple(s) for s in data.get("sentences", [])],  # type: ignore[misc]
            verbs=[tuple(v) for v in data.get("verbs", [])],  # type: ignore[misc]
            doers=_parties(data.get("doers", {})),
            undergoers=_parties(data.get("undergoers", {})),
            version=int(data.get("version", 1)),
        )

    def within(self, start: int, end: int) -> list[Fact]:
        return [f for f in self.facts if start <= f.start < end]
