"""Role pairs from news-style relation frames, for when real sentences give too few.

Real sentences with two safe parties around a role verb are rare (verify.train.roles finds about
sixty in FM2 and the NLI premises), so the verifier would see few pairs that teach who did what to
whom. Here a frame ("A beat B 3-1", "A took over B for $N", "A replaced B as coach", "A met B")
is filled with invented parties and news context (a date, a place, a score, money, a second
sentence), and yields, from one premise:

- `role_frame_swap` (contradiction, one-way frames): the parties reordered ("B beat A"), or kept
  in order through the other voice or the converse verb ("A was beaten by B", "A lost to B");
- `role_frame_kept` / `role_frame_converse` (entailment, one-way frames): the same relation with
  the names reordered through the other voice ("B was beaten by A") or the converse verb ("B lost
  to A", "B bought X from A");
- `role_frame_symmetric` (entailment, symmetric frames): "B met A" for "A met B".

Every one-way instance gives one contradiction and one entailment from the same premise, so each
frame is balanced and both labels make the same surface change. Labels hold by construction: a
frame is one-way only where the swapped relation cannot also be true of the one event described.
Names are generated from this module's own word lists (never from an evaluation set), so the
pairs are the project's own data. Each premise comes with a headline, as a page title would.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

SWAP, KEPT, CONVERSE, SYMMETRIC = "role_frame_swap", "role_frame_kept", "role_frame_converse", "role_frame_symmetric"
TENSES = ("past", "perfect", "future")


@dataclass(frozen=True)
class Verb:
    """A verb's forms: base, third person singular, past, past participle ("beat beats beat beaten")."""

    base: str
    third: str
    past: str
    participle: str

    @classmethod
    def of(cls, forms: str) -> Verb:
        base, third, past, participle = forms.split("|")
        return cls(base, third, past, participle)

    def active(self, tense: str, plural: bool) -> str:
        if tense == "past":
            return self.past
        if tense == "perfect":
            return f"{'have' if plural else 'has'} {self.participle}"
        return f"will {self.base}"

    def passive(self, tense: str, plural: bool) -> str:
        be = {
            "past": "were" if plural else "was",
            "perfect": "have been" if plural else "has been",
            "future": "will be",
        }[tense]
        return f"{be} {self.participle}"

    def headline(self, plural: bool) -> str:
        return self.base if plural else self.third


@dataclass(frozen=True)
class Party:
    """A party as first named ("the Ashby Falcons", "Adaeze Lindqvist") and as named again ("the
    Falcons", "Sjoberg"); `plural` for verb agreement."""

    full: str
    short: str
    plural: bool

    def name(self, first: bool) -> str:
        return self.full if first else self.short


@dataclass(frozen=True)
class Frame:
    """One relation. Templates use {a} (the agent: winner, buyer, giver), {b} (the other party),
    {v} (the verb phrase, agreeing with the template's first party) and {t} (the relation's own
    detail: a score, "out of the cup", "as coach"; said in the premise, sometimes in the claim).
    `converse` restates the relation with {b} first ("{b} {v} to {a}{t}" with "lost"); `passive`
    None where the other voice is not English ("A drew with B"). A symmetric frame has no
    one-way roles: "{b} {v} {a}" restates it."""

    beat: str
    kinds: tuple[str, str]
    verb: Verb
    details: tuple[str, ...] = ("",)
    active: str = "{a} {v} {b}{t}"
    passive: str | None = "{b} {v}{t} by {a}"
    converse: tuple[Verb, str] | None = None
    symmetric: bool = False
    future: bool = True  # "will" reads naturally (a deal, an appointment; not a stabbing)
    headline: str = "{a} {v} {b}"  # present tense, headline style; {a}/{b} short names, no article


def _f(beat: str, kinds: str, verb: str, **kw: object) -> Frame:
    a, b = kinds.split("/")
    if kw.get("symmetric"):
        kw.setdefault("passive", None)  # "B was met by A": not how a symmetric relation is reported
    converse = kw.pop("converse", None)
    if isinstance(converse, tuple):
        kw["converse"] = (Verb.of(converse[0]), converse[1])
    return Frame(beat, (a, b), Verb.of(verb), **kw)  # type: ignore[arg-type]


LOSE = ("lose|loses|lost|lost", "{b} {v} to {a}{t}")
SCORE, NARROW, HEAVY = " {score}", " {narrow}", " {heavy}"
# fmt: off
FRAMES: tuple[Frame, ...] = (
    # sport results
    _f("sport", "team/team", "beat|beats|beat|beaten", details=(SCORE, ""), converse=LOSE, future=False),
    _f("sport", "team/team", "defeat|defeats|defeated|defeated", details=(SCORE, ""), converse=LOSE, future=False),
    _f("sport", "team/team", "edge|edges|edged|edged", details=(NARROW,), converse=LOSE, future=False),
    _f("sport", "team/team", "thrash|thrashes|thrashed|thrashed", details=(HEAVY,), converse=LOSE, future=False),
    _f("sport", "team/team", "knock|knocks|knocked|knocked", future=False, active="{a} {v} {b} out of the {cup}",
       passive="{b} {v} out of the {cup} by {a}", converse=("go|goes|went|gone", "{b} {v} out of the {cup} to {a}"),
       headline="{a} {v} {b} out of cup"),
    _f("sport", "team/team", "eliminate|eliminates|eliminated|eliminated", details=(" from the {cup}",), future=False,
       converse=("lose|loses|lost|lost", "{b} {v} to {a} in the {cup}")),
    _f("sport", "person/person", "beat|beats|beat|beaten", details=(" in the {match} final", " in straight sets"),
       converse=LOSE, future=False),
    _f("sport", "person/person", "overtake|overtakes|overtook|overtaken", details=(" on the final lap",),
       future=False, converse=("fall|falls|fell|fallen", "{b} {v} behind {a}{t}")),
    # elections
    _f("election", "person/person", "defeat|defeats|defeated|defeated", details=(" in the race for {office}",),
       converse=LOSE, future=False),
    _f("election", "person/person", "unseat|unseats|unseated|unseated", details=(" as {office}",), future=False,
       converse=("lose|loses|lost|lost", "{b} {v} the post of {office} to {a}")),
    _f("election", "person/person", "oust|ousts|ousted|ousted", details=(" as {office}",), future=False),
    _f("election", "person/person", "endorse|endorses|endorsed|endorsed", details=(" for {office}",)),
    # business
    _f("business", "company/company", "acquire|acquires|acquired|acquired", details=(" for {money}", "")),
    _f("business", "company/company", "take|takes|took|taken", active="{a} {v} over {b}{t}",
       passive="{b} {v} over{t} by {a}", details=(" for {money}", ""), headline="{a} {v} over {b}"),
    _f("business", "company/company", "buy|buys|bought|bought", details=(" for {money}",),
       converse=("sell|sells|sold|sold", "{b} {v} itself to {a}{t}")),
    _f("business", "company/company", "sell|sells|sold|sold", active="{a} {v} {asset} to {b}{t}",
       passive="{asset} {v} to {b} by {a}{t}", details=(" for {money}", ""), headline="{a} {v} {asset_short} to {b}",
       converse=("buy|buys|bought|bought", "{b} {v} {asset} from {a}{t}")),
    _f("business", "company/company", "outbid|outbids|outbid|outbid", details=(" for {asset}",), future=False),
    # courts
    _f("court", "person/company", "sue|sues|sued|sued", details=(" for {money}", " over {dispute}")),
    _f("court", "company/person", "sue|sues|sued|sued", details=(" for {money}", " over {dispute}")),
    _f("court", "person/person", "order|orders|ordered|ordered", active="a judge {v} {a} to pay {money} to {b}",
       passive="{a} {v} to pay {money} to {b}", converse=("win|wins|won|won", "{b} {v} {money} from {a}"),
       future=False, headline="{a} ordered to pay {b}"),
    _f("court", "person/company", "convict|convicts|convicted|convicted", future=False,
       active="a jury {v} {a} of stealing {money} from {b}", passive="{a} {v} of stealing {money} from {b}",
       headline="{a} guilty of theft from {b}"),
    _f("court", "company/person", "pay|pays|paid|paid", active="{a} {v} damages to {b}{t}",
       passive="damages {v} to {b} by {a}{t}", details=(" over {dispute}",), headline="{a} to pay {b} damages",
       converse=("receive|receives|received|received", "{b} {v} damages from {a}{t}")),
    # appointments
    _f("appointment", "person/person", "hire|hires|hired|hired", details=(" as {aide}",)),
    _f("appointment", "council/person", "appoint|appoints|appointed|appointed", details=(" as {post}",),
       converse=("join|joins|joined|joined", "{b} {v} {a}{t}")),
    _f("appointment", "person/person", "replace|replaces|replaced|replaced", details=(" as {job} of {org}",)),
    _f("appointment", "person/person", "succeed|succeeds|succeeded|succeeded", details=(" as {job} of {org}",),
       converse=("precede|precedes|preceded|preceded", "{b} {v} {a}{t}")),
    _f("appointment", "person/person", "fire|fires|fired|fired", details=(" as {aide}",)),
    _f("appointment", "team/person", "sack|sacks|sacked|sacked", details=(" as manager",), future=False,
       converse=("lose|loses|lost|lost", "{b} {v} the manager's job at {a}")),
    # crime
    _f("crime", "person/person", "stab|stabs|stabbed|stabbed", details=(" {place_detail}",), future=False),
    _f("crime", "person/person", "rob|robs|robbed|robbed", details=(" {place_detail}",), future=False),
    _f("crime", "person/person", "attack|attacks|attacked|attacked", details=(" {place_detail}",), future=False),
    _f("crime", "person/person", "shoot|shoots|shot|shot", details=(" {place_detail}",), future=False),
    _f("crime", "person/company", "defraud|defrauds|defrauded|defrauded", details=(" of {money}",), future=False),
    # transfers
    _f("transfer", "person/council", "donate|donates|donated|donated", active="{a} {v} {money} to {b}",
       passive="{money} {v} to {b} by {a}",
       converse=("receive|receives|received|received", "{b} {v} {money} from {a}"),
       headline="{a} {v} {money} to {b}"),
    _f("transfer", "company/company", "lend|lends|lent|lent", active="{a} {v} {money} to {b}",
       passive="{money} {v} to {b} by {a}", converse=("borrow|borrows|borrowed|borrowed", "{b} {v} {money} from {a}"),
       headline="{a} {v} {b} {money}"),
    _f("transfer", "person/person", "give|gives|gave|given", active="{a} {v} {money} to {b}",
       passive="{money} {v} to {b} by {a}",
       converse=("receive|receives|received|received", "{b} {v} {money} from {a}"),
       headline="{a} {v} {money} to {b}"),
    _f("transfer", "team/team", "sell|sells|sold|sold", active="{a} {v} {player} to {b}{t}",
       passive="{player} {v} to {b} by {a}{t}", details=(" for {money}", ""), headline="{a} {v} {player} to {b}",
       converse=("sign|signs|signed|signed", "{b} {v} {player} from {a}{t}")),
    _f("transfer", "team/team", "loan|loans|loaned|loaned", active="{a} {v} {player} to {b}{t}",
       passive="{player} {v} to {b} by {a}{t}", details=(" for the season", ""), headline="{a} {v} {player} to {b}"),
    _f("transfer", "company/council", "pay|pays|paid|paid", active="{a} {v} {money} to {b}{t}",
       passive="{money} {v} to {b} by {a}{t}", details=(" in back taxes", ""), headline="{a} {v} {b} {money}"),
    # rankings, oversight
    _f("ranking", "company/company", "overtake|overtakes|overtook|overtaken", details=(" as {ranking}",),
       converse=("fall|falls|fell|fallen", "{b} {v} behind {a}")),
    _f("ranking", "team/team", "overtake|overtakes|overtook|overtaken",
       details=(" at the top of the table", " in the race for {spot}"), future=False,
       converse=("drop|drops|dropped|dropped", "{b} {v} below {a}{t}")),
    _f("regulation", "council/company", "fine|fines|fined|fined", details=(" {money}",), future=False),
    _f("regulation", "council/company", "censure|censures|censured|censured", details=(" over {dispute}",)),
    # symmetric: the order of the parties does not matter
    _f("sport", "team/team", "draw|draws|drew|drawn", symmetric=True, active="{a} {v}{t} with {b}",
       details=(" {draw}",), future=False, headline="{a} and {b} share spoils"),
    _f("sport", "person/person", "face|faces|faced|faced", symmetric=True, details=(" in the {match} final",),
       headline="{a} and {b} meet in final"),
    _f("politics", "person/person", "meet|meets|met|met", symmetric=True, details=(" {venue}",)),
    _f("politics", "person/person", "hold|holds|held|held", symmetric=True, active="{a} {v} talks with {b}{t}",
       details=(" on {topic}",), headline="{a} and {b} hold talks"),
    _f("people", "person/person", "marry|marries|married|married", symmetric=True, details=(" {venue}",),
       headline="{a} and {b} wed"),
    _f("business", "company/company", "merge|merges|merged|merged", symmetric=True, active="{a} {v} with {b}",
       headline="{a} {v} with {b}"),
    _f("business", "company/company", "sign|signs|signed|signed", symmetric=True, active="{a} {v} a {deal} with {b}",
       headline="{a} and {b} sign {deal}"),
    _f("business", "company/company", "partner|partners|partnered|partnered", symmetric=True,
       active="{a} {v} with {b} on {project}", headline="{a} teams up with {b}"),
    _f("politics", "council/council", "sign|signs|signed|signed", symmetric=True,
       active="{a} {v} a twinning agreement with {b}", headline="{a} and {b} agree twinning"),
    _f("court", "company/company", "settle|settles|settled|settled", symmetric=True,
       active="{a} {v} its dispute with {b}", headline="{a} and {b} settle dispute"),
)
# fmt: on

# Names: this module's own lists, combined (first and last names of varied origins, towns from
# syllables), so that no instance names a real person or an evaluation set's party.
FIRST_NAMES = (
    "Adaeze", "Tomasz", "Sigrun", "Rahul", "Chidi", "Mirela", "Kenji", "Soraya", "Dmitri", "Graziella", "Obinna",
    "Freya", "Haruto", "Ludmila", "Oskar", "Ishani", "Joaquim", "Saoirse", "Tariq", "Yusuf", "Zofia", "Anselm",
    "Bettina", "Cormac", "Delphine", "Esteban", "Farida", "Gunnar", "Hana", "Hedda", "Jovan", "Kalani",
    "Leocadia", "Matteo", "Nkechi", "Aoife", "Pavel", "Quentin", "Rosalind", "Sven", "Thandiwe", "Umar",
    "Valentina", "Wendell", "Ximena", "Yara", "Zoltan", "Anouk", "Bram", "Celestine", "Dagny", "Eamon",
)  # fmt: skip
LAST_NAMES = (
    "Abernethy", "Brannock", "Castellanos", "Dragomir", "Ezeani", "Fairweather", "Gruenwald", "Halloran",
    "Ishikura", "Jablonska", "Kowalczuk", "Sjoberg", "Mbatha", "Nakashima", "Okonjo", "Petrakis", "Quarshie",
    "Rasmussen", "Szalai", "Tremayne", "Ulloa", "Halasz", "Whitcombe", "Yildiz", "Zaragoza", "Achterberg",
    "Bellweather", "Cardenas", "Ruthven", "Eriksen", "Fontaine", "Gallacher", "Pengelly", "Iwu", "Jaramillo",
    "Kettering", "Lachance", "Moretti", "Nwachukwu", "Oyelaran", "Pellegrini", "Ravensworth", "Sandoval",
)  # fmt: skip
_TOWN_HEADS = ("Brom", "Pen", "Cal", "Rav", "Strel", "Bel", "Tarr", "Ulv", "Wim", "Cray", "Hep", "Mor", "Quen", "Yarl",
               "Skel", "Drum", "Grel", "Vor", "Orm", "Tib", "Zell", "Hask", "Brin", "Cul")  # fmt: skip
_TOWN_TAILS = ("by", "ford", "ton", "mere", "wick", "ham", "stead", "bridge", "well", "field", "port", "dale",
               "holm", "brook", "worth", "combe")  # fmt: skip
MASCOTS = ("Cormorants", "Herons", "Badgers", "Comets", "Beavers", "Foxes", "Stags", "Kestrels", "Jackdaws",
           "Kingfishers", "Buzzards", "Pilots", "Stallions", "Millers", "Anchors", "Rams", "Hornets",
           "Mariners")  # fmt: skip
TRADES = ("Foods", "Motors", "Logistics", "Energy", "Media", "Pharma", "Holdings", "Telecom", "Textiles",
          "Brewing", "Robotics", "Freight", "Insurance", "Software")  # fmt: skip


def towns() -> list[str]:
    return [head + tail for head in _TOWN_HEADS for tail in _TOWN_TAILS]


_SLOTS: dict[str, tuple[str, ...]] = {
    "cup": ("Northern Cup", "County Cup", "League Cup", "Shield"),
    "match": ("county championship", "regional open", "national indoor", "junior masters"),
    "office": ("mayor", "council leader", "party chair", "regional governor", "union president"),
    "job": ("chief executive", "chair", "president", "treasurer", "director", "secretary"),
    "aide": ("chief of staff", "campaign manager", "press secretary", "deputy", "personal assistant"),
    "post": ("town clerk", "planning director", "head of housing", "chief constable"),
    "dispute": ("unpaid fees", "a breach of contract", "a failed building project", "a patent"),
    "ranking": ("the region's largest employer", "the market leader", "the country's most valuable listed company"),
    "spot": ("the last promotion place", "a playoff spot"),
    "topic": ("trade", "a ceasefire", "the budget", "water rights", "the new bridge"),
    "deal": ("supply deal", "licensing agreement", "ten-year contract", "joint venture"),
    "project": ("a new battery plant", "a delivery network", "a research centre"),
    "unit_kind": ("depot", "warehouse", "brewery", "printing works", "data centre"),
}
_ORG_KINDS = ("Water Board", "Housing Trust", "Chamber of Commerce", "Arts Council", "Rowing Club")


def _money(rng: random.Random, millions: bool) -> str:
    """A sum of money: millions only where no person pays or gets it (companies, councils)."""
    unit = rng.choice(["$", "£", "€"])
    if millions and rng.random() < 0.6:
        return f"{unit}{rng.choice([1.2, 2.5, 4, 7.5, 12, 30, 45, 120, 300])}m".replace(".0m", "m")
    return f"{unit}{rng.choice([15, 40, 75, 120, 250, 600])},000"


def _score(rng: random.Random, low: int, high: int) -> str:
    margin = rng.randint(low, high)
    loser = rng.randint(0, 2)
    return f"{loser + margin}-{loser}"


@dataclass
class _Cast:
    """Fresh names for one instance, none repeated within it."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            text = make()
            words = set(text.split())
            if not words & self.used:
                self.used |= words
                return text
        raise RuntimeError("role_frames: ran out of fresh names")

    def town(self) -> str:
        return self._fresh(lambda: self.rng.choice(towns()))

    def party(self, kind: str) -> Party:
        rng = self.rng
        if kind == "person":
            full = self._fresh(lambda: f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
            return Party(full, full.split()[-1], False)
        if kind == "team":
            town, mascot = self.town(), self._fresh(lambda: rng.choice(MASCOTS))
            return Party(f"the {town} {mascot}", f"the {mascot}", True)
        if kind == "company":
            town, trade = self.town(), self._fresh(lambda: rng.choice(TRADES))
            return Party(f"{town} {trade}", town, False)
        if kind == "council":
            town = self.town()
            return Party(f"{town} Council", f"{town} Council", False)
        raise ValueError(f"unknown party kind {kind!r}")


def _slots(cast: _Cast, tense: str, millions: bool) -> dict[str, str]:
    rng = cast.rng
    out = {key: rng.choice(values) for key, values in _SLOTS.items()}
    unit_town = cast.town()
    out |= {
        "score": _score(rng, 1, 3),
        "narrow": rng.choice(["1-0", "2-1", "3-2"]),
        "heavy": _score(rng, 4, 6),
        "draw": rng.choice(["0-0", "1-1", "2-2"]),
        "money": _money(rng, millions),
        "org": f"the {cast.town()} {rng.choice(_ORG_KINDS)}",
        "asset": f"the {unit_town} {out['unit_kind']}",
        "asset_short": f"{unit_town} {out['unit_kind']}",
        "player": f"{rng.choice(['striker', 'midfielder', 'defender', 'goalkeeper'])} "
        + cast._fresh(lambda: f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"),
        "place_detail": rng.choice(
            ["outside a bar in {town}", "in a car park in {town}", "at a flat in {town}", "near {town} railway station"]
        ),  # fmt: skip
        "venue": rng.choice(["in {town}", "at the town hall in {town}", "at a hotel in {town}"]),
        "town": cast.town(),
        "when": rng.choice(_WHEN[tense]),
        "source": rng.choice(_SOURCES),
        "crowd": f"{rng.randint(2, 40)},{rng.randint(100, 999)}",
    }
    return out


_WHEN = {
    "past": ("on Saturday", "on Tuesday", "on 14 March", "last week", "in May", "on Sunday afternoon"),
    "perfect": ("this week", "this season", "", ""),
    "future": ("next month", "on Friday", "in June", "later this year", "next week"),
}
_SOURCES = ("officials said", "a spokesperson said", "according to a statement", "local media reported")
# Second sentences by beat: context that neither names the roles nor decides them. {A}/{B}: the
# parties as named again; the relation is then in the other sentence.
_CONTEXT: dict[str, tuple[str, ...]] = {
    "sport": (
        "The event was watched by {crowd} spectators in {town}.",
        "Rain delayed the start by an hour.",
        "Both {A} and {B} had reached this stage unbeaten.",
        "Tickets had sold out within a day.",
    ),
    "election": (
        "Turnout was the lowest in a decade.",
        "{B} and {A} had both campaigned on housing.",
        "The count in {town} went on past midnight.",
    ),
    "business": (
        "Shares in {A} rose 4% on the news.",
        "{A} and {B} both employ hundreds of people in {town}.",
        "Regulators in {town} must still approve the deal.",
        "Neither company commented further.",
    ),
    "court": (
        "The case was heard in {town}.",
        "Lawyers for {B} declined to comment.",
        "The hearing lasted three days.",
        "{A} and {B} had been in dispute for two years.",
    ),
    "appointment": (
        "The change takes effect next month.",
        "{B} has worked in {town} for a decade.",
        "The announcement came after months of speculation.",
    ),
    "crime": (
        "Police were called at about 11pm.",
        "Officers in {town} have appealed for witnesses.",
        "The incident is being investigated.",
    ),
    "transfer": (
        "The payment was confirmed in a statement.",
        "{A} and {B} are both based in {town}.",
        "The terms were not disclosed in full.",
    ),
    "ranking": ("The figures were published in {town}.", "Analysts had expected the change for months."),
    "politics": (
        "The meeting lasted about two hours.",
        "Both sides described the talks as constructive.",
        "Journalists were kept outside.",
    ),
    "people": ("About a hundred guests attended.", "The couple met in {town} in 2015."),
    "regulation": ("The ruling can be appealed.", "{B} said it would review its procedures."),
}
_NEUTRAL_HEADLINES: dict[str, tuple[str, ...]] = {
    "sport": ("Match report: {x}", "Weekend round-up featuring {x}"),
    "election": ("Election night: {x}", "{x} and the race for {office}"),
    "business": ("Deal news: {x}", "What the deal means for {x}"),
    "court": ("{x} in court", "Court round-up: {x}"),
    "appointment": ("Leadership change: {x}", "{x}: a new chapter"),
    "crime": ("Police appeal after incident in {town}", "Arrest after {town} incident"),
    "transfer": ("Money matters: {x}", "{x} in payment row"),
    "ranking": ("The latest standings: {x}", "League table update"),
    "politics": ("{x} in talks", "Diplomatic round-up"),
    "people": ("Wedding in {town}", "{x} ties the knot"),
    "regulation": ("{x}: the regulator's ruling", "Ruling published in {town}"),
}
_FUTURE_CONTEXT = ("The announcement was made in {town}.", "Details are expected in the coming weeks.")


@dataclass(frozen=True)
class FramePair:
    """One generated pair: the passage, its headline, the claim, its kind (SWAP, KEPT, CONVERSE,
    SYMMETRIC) and the instance it comes from (a contradiction and its twin share it)."""

    kind: str
    passage: str
    headline: str
    hypothesis: str
    instance: int
    frame: int  # index in FRAMES
    parties: tuple[str, str]  # the agent's and the other party's names as first given (for checks)


def _subject_plural(template: str, a: Party, b: Party) -> bool:
    """Whether a template's subject is plural: the party it starts with, or its first noun."""
    if template.startswith("{a}'s") or template.startswith("{b}'s"):
        return False
    if template.startswith("{a}"):
        return a.plural
    if template.startswith("{b}"):
        return b.plural
    return template.startswith("damages")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(template: str, verb: Verb, voice: str, tense: str, a: Party, b: Party, first: bool,
           detail: str, slots: dict[str, str]) -> str:  # fmt: skip
    """One clause of a frame: `template` with the parties named (`first`: in full) and the verb in
    `voice` ("active" or "passive") and `tense`, agreeing with the subject; as it would stand
    inside a sentence (a leading article in lower case), no final period."""
    plural = _subject_plural(template, a, b)
    phrase = verb.active(tense, plural) if voice == "active" else verb.passive(tense, plural)
    text = template.format(a=a.name(first), b=b.name(first), v=phrase, t=detail, **_braced(slots))
    return text.format(**slots)


def _braced(slots: dict[str, str]) -> dict[str, str]:
    """Slot values keep their own placeholders ({town} in a place) for a second format pass."""
    return {k: "{" + k + "}" for k in slots}


def _headline(frame: Frame, tense: str, a: Party, b: Party, slots: dict[str, str], rng: random.Random) -> str:
    """A headline in headline style (present tense, "to" for the future, no leading article); now
    and then one naming one party only, without saying who did what."""
    bare = {name: p.short.removeprefix("the ") for name, p in (("a", a), ("b", b))}
    if rng.random() < 0.3:
        template = rng.choice(_NEUTRAL_HEADLINES[frame.beat])
        text = template.format(x=bare[rng.choice("ab")], **_braced(slots))
    else:
        verb = f"to {frame.verb.base}" if tense == "future" else frame.verb.headline(a.plural)
        text = frame.headline.format(a=bare["a"], b=bare["b"], v=verb, **_braced(slots))
    return _sentence_case(text.format(**slots))


def _forms(frame: Frame) -> list[tuple[str, str, Verb]]:
    """(template, voice, verb) of each way to state the frame's relation."""
    out = [(frame.active, "active", frame.verb)]
    if frame.passive:
        out.append((frame.passive, "passive", frame.verb))
    if frame.converse:
        out.append((frame.converse[1], "active", frame.converse[0]))
    return out


def frame_instance(frame_index: int, instance: int, rng: random.Random) -> list[FramePair]:
    """One instance of FRAMES[frame_index]: a premise and, for a one-way frame, one swapped claim
    (contradiction) and one restatement (entailment); for a symmetric frame, the swap (entailment)."""
    frame = FRAMES[frame_index]
    tense = rng.choice(TENSES if frame.future else ("past", "past", "perfect"))
    cast = _Cast(rng)
    a, b = cast.party(frame.kinds[0]), cast.party(frame.kinds[1])
    slots = _slots(cast, tense, "person" not in frame.kinds)
    detail = rng.choice(frame.details).format(**_braced(slots)).format(**slots)
    forms = _forms(frame)
    stated = rng.choice(forms[:2])  # the premise states the relation in either voice
    active, voice, verb = stated
    context_pool = _FUTURE_CONTEXT if tense == "future" else _CONTEXT[frame.beat]
    context_template = rng.choice(context_pool)
    context_first = rng.random() < 0.35
    # Each party is named in full where it first occurs: in the context when that comes first and
    # names it, else in the relation.
    named = {key: context_first and "{" + key + "}" in context_template for key in "AB"}
    a_named, b_named = (Party(p.short, p.short, p.plural) if named[key] else p for key, p in (("A", a), ("B", b)))
    relation = render(active, verb, voice, tense, a_named, b_named, True, detail, slots)
    when, source = slots["when"], slots["source"]
    roll = rng.random()
    if when and roll < 0.3:
        relation = f"{when}, {relation}"
    elif when and roll < 0.7:
        relation = f"{relation} {when}"
    if rng.random() < 0.25:
        relation = f"{relation}, {source}"
    names = {"A": a.name(context_first), "B": b.name(context_first)}
    context = context_template.format(**names, **_braced(slots)).format(**slots)
    relation = _sentence_case(relation)
    sentences = [_sentence_case(context), f"{relation}."] if context_first else [f"{relation}."]
    if not context_first and rng.random() < 0.7:
        sentences.append(_sentence_case(context))
    passage = " ".join(sentences)
    headline = _headline(frame, tense, a, b, slots, rng)
    claim_tense = "past" if tense == "perfect" and rng.random() < 0.5 else tense
    claim_detail = detail if rng.random() < 0.5 else ""
    full = rng.random() < 0.5

    def claim(template: str, voice: str, verb: Verb, first: Party, second: Party) -> str:
        return (
            _sentence_case(render(template, verb, voice, claim_tense, first, second, full, claim_detail, slots)) + "."
        )

    if frame.symmetric:
        swapped = claim(frame.active, "active", frame.verb, b, a)
        return [FramePair(SYMMETRIC, passage, headline, swapped, instance, frame_index, (a.full, b.full))]
    # The contradiction reorders the names (the premise's verb and voice) or keeps their order
    # through another form; the entailment reorders them through another form (the other voice,
    # the converse verb): the same surface changes on both labels.
    others = [form for form in forms if form != stated]
    # A converse with the parties of two kinds swapped is nonsense ("the Millers lost the manager's
    # job at Achterberg"), not a claim: the contradiction then keeps to the frame's own verb.
    wrong = [form for form in others if frame.kinds[0] == frame.kinds[1] or form[2] == frame.verb]
    template, voice, verb = rng.choice([stated] * max(len(wrong), 1) + wrong)
    contradiction = claim(template, voice, verb, b, a)
    template, voice, verb = rng.choice(others)
    kind = CONVERSE if verb != stated[2] else KEPT
    entailment = claim(template, voice, verb, a, b)
    return [
        FramePair(SWAP, passage, headline, contradiction, instance, frame_index, (a.full, b.full)),
        FramePair(kind, passage, headline, entailment, instance, frame_index, (a.full, b.full)),
    ]


def frame_pairs(one_way: int, symmetric: int, seed: int = 0) -> list[FramePair]:
    """`one_way` instances of the one-way frames (each a contradiction and its entailed twin) and
    `symmetric` of the symmetric ones, the frames taken in turn so each gets an even share."""
    rng = random.Random(f"role frames {seed}")
    one_way_frames = [i for i, f in enumerate(FRAMES) if not f.symmetric]
    symmetric_frames = [i for i, f in enumerate(FRAMES) if f.symmetric]
    out: list[FramePair] = []
    for n, pool in ((one_way, one_way_frames), (symmetric, symmetric_frames)):
        for i in range(n):
            out += frame_instance(pool[i % len(pool)], len(out), rng)
    return out
