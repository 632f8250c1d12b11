"""The fact layer: typed facts (spaCy), dates as intervals, and like-with-like alignment."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from verify.facts.align import align, check_text
from verify.facts.dates import compare, parse_date, parse_duration
from verify.facts.extract import claim_facts, source_facts
from verify.facts.model import Party, TextFacts
from verify.facts.numbers import comparator_in, parse_number

# spaCy's pipeline is a model (and thinc imports torch): not in the quick lane.
pytestmark = pytest.mark.slow

PUB = dt.date(2018, 8, 28)
APPEAL = (
    "On May 11, Telegram’s lawyers filed an appeal against the ban with the Moscow City Court, "
    "which was rejected on June 14. In June, the company filed an appeal against the ban with the ECHR."
)
COURT = (
    "In December 2017, Telegram’s top managers filed a lawsuit with Russia’s Supreme Court. "
    "On March 20, the Supreme Court turned the request down."
)
USERS = "The service said it had 250 million users in March."
DUROV = "The Telegram messaging service will not consider requests, Telegram founder Pavel Durov said."
TASS = (
    "According to Durov, Russian intelligence services seek access to all users’ messages and not the data "
    "that Telegram is ready to provide in accordance with court rulings."
)
# The examples of issue 10: local-news passages whose unrelated figures were compared.
MATCH = (
    "HOLLIS — The Carston Tigers beat the Hollis Falcons 3-1 on Saturday. Priya Nandakumar scored two goals, "
    "in the 23rd and 67th minutes, and Dean Roper, the Falcons coach, said his side never recovered."
)
FIRE = (
    "BROOKVALE — The fire was reported at 10:40 p.m. More than 60 firefighters fought the blaze for about "
    "five hours. Two workers were treated for smoke inhalation; 35 workers were on the night shift."
)
STAY_OPEN = "The library will stay open during the work, though the second floor will close from September."
PROPOSED = "Mayor Denise Okafor, who proposed the project in January 2024, said the new wing would add 12 study rooms."
COURT_RULING = "On April 13, 2018, Moscow's Tagansky District Court ruled to block access to Telegram in Russia."
BUDGET = "The council approved a $48.2 million operating budget, including $2 million for a new police station."


def said(claim: str, passage: str, published: dt.date | None = PUB) -> list[tuple[str, bool, str, str]]:
    """(kind, agrees, claim wording, source wording) of every fact compared."""
    return [(f.kind, f.agrees, f.claim, f.source) for f in check_text(claim, passage, published).findings]


def conflicts(claim: str, passage: str, published: dt.date | None = PUB) -> list[str]:
    return [f.kind for f in check_text(claim, passage, published).conflicts]


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        ("The appeal was rejected June 14.", APPEAL, [("date", True, "June 14", "June 14")]),
        ("The appeal was rejected on 14 June.", APPEAL, [("date", True, "14 June", "June 14")]),
        ("The appeal was rejected in mid-June.", APPEAL, [("date", True, "mid-June", "June 14")]),
        ("The appeal was rejected June 15.", APPEAL, [("date", False, "June 15", "June 14")]),
        ("The appeal was rejected in late June.", APPEAL, [("date", False, "late June", "June 14")]),
        ("The lawyers filed the appeal on May 21.", APPEAL, [("date", False, "May 21", "May 11")]),
        # the date sits in the sentence before the event: agreement may come from anywhere
        ("The Supreme Court turned the request down in March 2018.", COURT, [("date", True, "March 2018", "March 20")]),
        (
            "The service had more than 200 million users.",
            USERS,
            [("quantity", True, "more than 200 million", "250 million")],
        ),
        ("The service had 150 million users.", USERS, [("quantity", False, "150 million", "250 million")]),
        ("The service had about 250 million users.", USERS, [("quantity", True, "about 250 million", "250 million")]),
        ("The service had 48 percent of users.", USERS, []),  # no comparable figure: say nothing
        ("Bananas were cheaper on June 15.", APPEAL, []),  # too little in common to compare details
    ],
)
def test_alignment_table(claim: str, passage: str, expected: list[tuple[str, bool, str, str]]) -> None:
    assert said(claim, passage) == expected


@pytest.mark.parametrize(
    ("claim", "passage", "kind"),
    [
        ("The Moscow City Court did not reject the appeal.", APPEAL, "negation"),
        ("Telegram will consider requests, founder Pavel Durov said.", DUROV, "negation"),
        ("Telegram founder Mikhail Volkov said the service will not consider requests.", DUROV, "name"),
        ("Telegram's managers filed a lawsuit with Russia's Constitutional Court in December 2017.", COURT, "name"),
        ("The Carston Tigers beat the Hollis Falcons 3-2 on Saturday.", MATCH, "score"),
        ("Fewer than 40 firefighters fought the blaze.", FIRE, "quantity"),
        ("The fire was reported at 9:15 p.m.", FIRE, "time"),
        # quantifiers and intensifiers ("every", "really") are not content the source must repeat
        (
            "Durov said Russian intelligence services are not really after access to every user's messages.",
            TASS,
            "negation",
        ),
    ],
)
def test_real_conflicts_are_found(claim: str, passage: str, kind: str) -> None:
    assert kind in conflicts(claim, passage)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("The Moscow City Court rejected the appeal.", APPEAL),
        # a score is one fact, not two numbers: "3-1" never clashes with its own "1" or "3"
        ("The Carston Tigers beat the Hollis Falcons 3-1.", MATCH),
        # two goals are not the 23rd minute
        ("Priya Nandakumar scored two goals.", MATCH),
        # a count of firefighters is not the time "10:40 p.m."
        ("More than 60 firefighters fought the blaze for about five hours.", FIRE),
        # 35 workers on the shift are not the two workers treated
        ("Roughly 35 workers were on the night shift.", FIRE),
        # one budget line is not the whole budget
        ("The council set aside $2 million for a new police station.", BUDGET),
        # a name in another role of another verb is no rival
        ("Dean Roper has agreed to coach the Carston Rangers.", MATCH),
        # a "not" inside a noun phrase does not negate the sentence's verb
        ("Russian intelligence services seek access to all users' messages, according to Durov.", TASS),
        ("According to Durov, Russian intelligence services do not want the data Telegram is ready to provide.", TASS),
        # a negative attribution is kept with its "not": the claim is about what police confirmed
        (
            "Police have not confirmed that the suspect was arrested at the station.",
            "Police said the suspect was not arrested at the station.",
        ),
        # a range against a figure with a comparator: "200 to 300" is "more than 150"
        (
            "The company will cut between 200 and 300 jobs at the plant.",
            "The company said it will cut more than 150 jobs at the plant.",
        ),
        # "do not need to vote" says nothing either way about voting
        (
            "The credit union's members will not vote on the merger.",
            "The credit union's members do not need to vote because it is the continuing credit union.",
        ),
    ],
)
def test_issue_examples_are_not_contradictions(claim: str, passage: str) -> None:
    assert conflicts(claim, passage) == []


SCHOOLS = (
    "Three of the district's five high schools moved their first bell from 7:30 a.m. to 8:25 a.m. in the fall "
    "of 2022. Gallery space grew from 22,000 to 41,000 square feet."
)
BOARD = "The increase needs the approval of the City Council, which appoints five of the nine board members."
POWER = "The utility expected to restore power to 90 percent of customers by Thursday night."


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        # a range may be a change ("from 7:30 to 8:25"): either end stated agrees ...
        ("Three schools moved their first bell to 8:25 a.m.", SCHOOLS, ("time", True, "8:25 a.m.")),
        ("Gallery space grew to 41,000 square feet.", SCHOOLS, ("quantity", True, "41,000 square feet")),
        # ... a figure outside it conflicts, one inside is left unsure (no finding)
        ("The schools moved their first bell to 9:40 a.m.", SCHOOLS, ("time", False, "9:40 a.m.")),
        ("Gallery space grew to 50,000 square feet.", SCHOOLS, ("quantity", False, "50,000 square feet")),
        ("Gallery space grew to 30,000 square feet.", SCHOOLS, None),
        # "nine in ten" is a share (90 percent), not counts of 9 and 10
        (
            "The utility expected nine in ten customers to have power by Thursday night.",
            POWER,
            ("percent", True, "nine in ten"),
        ),
        # "one of three board members": a share of voters, not a count to hold against "nine board members"
        ("Meredith Haig was one of three board members who voted against the increase.", BOARD, None),
    ],
)
def test_ranges_and_shares(claim: str, passage: str, expected: tuple[str, bool, str] | None) -> None:
    found = [(kind, agrees, wording) for kind, agrees, wording, _ in said(claim, passage)]
    figures = [f for f in found if f[0] in ("time", "quantity", "percent") and f[2] != "Three"]
    assert figures == ([expected] if expected else [])


def test_a_range_with_its_scale_after_each_end_is_a_range_of_what_is_written_before_of() -> None:
    outlook = (
        "For 2025, Harwick forecast earnings of $1.55 to $1.70 a share and revenue of $630 million to $650 million."
    )
    money = {f.text: (f.value, f.upper, f.about) for f in source_facts(outlook, PUB).facts if f.kind == "money"}
    assert money["$630 million to $650 million"] == (630e6, 650e6, ("revenue",))
    assert conflicts("Harwick forecast 2025 revenue of $650 million to $670 million.", outlook) == ["money"]
    assert ("money", True) in [
        f[:2] for f in said("Harwick forecast 2025 revenue of $630 million to $650 million.", outlook)
    ]


def test_a_figure_per_share_and_a_margin_are_read_as_such() -> None:
    results = (
        "The maker posted net income of $18.6 million, or $1.42 a share, for the year ended Dec. 31, and the "
        "company earned 41 cents a share in the quarter, topping the 38 cents analysts had expected on average."
    )
    assert "money" in conflicts("The maker earned $1.24 a share in 2024.", results)
    # "beat ... by 3 cents" is the difference between two figures, worked out from them
    margin = "The maker's quarterly earnings beat analysts' average estimate by 3 cents a share."
    assert [f[:3] for f in said(margin, results) if f[0] == "money"] == [("money", True, "3 cents")]
    # (a wrong margin is not worked out into agreement; no count of its own to conflict with either)
    assert [f for f in said(margin.replace("3 cents", "5 cents"), results) if f[0] == "money"] == []


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # the whole a part is taken from is no rival count ("missed eight" is 19 - 11)
        (
            "Ridgeport missed eight free throws in its semifinal loss to Halden State.",
            "Ridgeport shot 51 percent from the field, compared with 44 percent for Halden State, and outrebounded "
            "the Kestrels 36-29. But the Mariners made only 11 of 19 free throws, while Halden State made 16 of 18.",
        ),
        # "the other six" are the rest, besides one named before
        (
            "The jury awarded the seven injured plaintiffs more than $18 million in total.",
            "The other six plaintiffs were awarded amounts ranging from $450,000 to $3.1 million.",
        ),
        # a count of those who did not, against a count of those required to
        (
            "Two of the 12 jurors did not agree that the firm was negligent.",
            "State law requires at least nine of 12 jurors to agree in a civil case.",
        ),
        # no one voting against is what a unanimous vote says
        (
            "No member of St. Brennan Medical Center's board voted against the merger.",
            "St. Brennan's board voted unanimously to approve the merger last Thursday.",
        ),
        # an act weighed is neither done nor denied
        (
            "Halden State coach Renata Solberg chose not to call a timeout before Tomas Ybarra's game-winning drive.",
            "Halden State coach Renata Solberg, in her second season, said she had considered calling a timeout "
            "after the missed free throw but decided against it when she saw Ybarra already moving.",
        ),
    ],
)
def test_true_claims_the_checks_once_called_false(claim: str, passage: str) -> None:
    # the title names the story's teams, so the sentence restates the claim (as in the pipeline)
    title = "Ybarra's late layup lifts Halden State past Ridgeport into conference final"
    assert check_text(claim, passage, PUB, title).conflicts == []


def test_an_act_only_weighed_is_left_open() -> None:
    weighed = (
        "Commissioner Ruth Delaney, who voted against the plan, said she had considered proposing a smaller "
        "extension but decided against it."
    )
    claim = "Ruth Delaney proposed a smaller runway extension."
    assert check_text(claim, weighed, PUB).left_open is not None
    stated = "Commissioner Ruth Delaney proposed a smaller extension on Tuesday."
    assert check_text(claim, stated, PUB).left_open is None


def test_a_weekday_something_is_for_is_the_coming_one() -> None:
    friday = dt.date(2025, 8, 8)
    warning = "The National Weather Service issued a red flag warning for Saturday, with gusts of up to 40 mph."
    dates = {f.text: f.first for f in source_facts(warning, friday).facts if f.kind == "date"}
    assert dates == {"Saturday": "2025-08-09"}
    met = {f.text: f.first for f in source_facts("The council met on Saturday.", friday).facts if f.kind == "date"}
    assert met == {"Saturday": "2025-08-02"}


def test_a_sentence_that_says_the_claims_act_in_other_words_holds_it() -> None:
    # "turned the request down" holds "rejected": the sentence is about the claim's event, so its
    # court and date are compared.
    claim = "Russia's Supreme Court rejected Telegram's request in March 2018."
    assert check_text(claim, COURT, PUB).overlap >= 0.6
    assert ("date", True, "March 2018", "March 20") in said(claim, COURT)
    assert ("name", False, "Arbitration Court", "the Supreme Court") in said(
        "Russia's Arbitration Court rejected Telegram's request in March 2018.", COURT.split(". ")[1]
    )
    fire = "A fire at a plastics plant late Tuesday killed one worker and injured seven other people."
    assert conflicts("Two workers died in the fire.", fire) == ["quantity"]


def test_another_partys_act_confirms_nothing() -> None:
    # The article names the Supreme Court, but the June 14 rejection is the Moscow City Court's.
    both = COURT + " " + APPEAL
    wrong_court = said("Russia's Supreme Court rejected Telegram's request in June 2018.", both)
    assert not [f for f in wrong_court if f[1] and f[0] == "date"]
    right_court = said("The Moscow City Court rejected the appeal in June 2018.", both)
    assert ("date", True, "June 2018", "June 14") in right_court
    # The claim's court written in part ("the Supreme Court" for "Russia's Supreme Court") is the same party.
    in_part = said("Russia's Supreme Court turned the request down in March 2018.", both)
    assert ("date", True, "March 2018", "March 20") in in_part
    # A passage that names only the other court tells of the other court's act, whatever a model reads.
    claim = "Russia's Supreme Court rejected Telegram's request in June 2018."
    assert check_text(claim, APPEAL, PUB).another_party
    assert not check_text(claim, both, PUB).another_party  # it names the claim's court too
    assert not check_text("The Moscow City Court rejected the appeal in June.", APPEAL, PUB).another_party
    assert not check_text("Telegram's lawyers filed an appeal in May.", APPEAL, PUB).another_party  # no court named


def test_a_sentence_about_another_lake_tells_of_another_partys_act() -> None:
    # The passage names the claim's lake, but in the sentence after the one about the claim's event.
    passage = (
        "The team examined 412 fish taken from Lake Corrigan and found plastic in 264 of them, or 64 percent. "
        "In Lake Ambry, a comparison site, the rate was 29 percent."
    )
    alignment = check_text("The researchers found plastic in 64 percent of the fish from Lake Ambry.", passage, PUB)
    assert alignment.another_party and not alignment.agreements
    own = check_text("The researchers found plastic in 64 percent of the fish from Lake Corrigan.", passage, PUB)
    assert not own.another_party and [f.kind for f in own.agreements] == ["percent"]


@pytest.mark.parametrize(
    ("claim", "sentence", "opposed"),
    [
        (
            "The county board approved the ferry plan in January.",
            "The board had rejected a similar plan in January.",
            True,
        ),
        ("The judge denied bail on Monday.", "On Monday the judge granted him bail.", True),
        ("The appeals court upheld the ruling.", "The appeals court overturned the ruling in May.", True),
        (
            "The council approved the plan.",
            "The council approved the plan the mayor had rejected.",
            False,
        ),  # its own verb too
        ("The Tigers won the final.", "The Tigers lost the final to the Lions.", False),  # a contest: sides matter
        ("The board approved the budget.", "The board approved the budget on Friday.", False),
        ("Raj Patel voted for the measure.", "Raj Patel, who voted against the measure, called it a giveaway.", True),
        ("Amsel had publicly backed the decision.", "Amsel resigned after the decision, which he had opposed.", True),
        # both stances, the claim's among them in another word
        (
            "Most parents backed the ban.",
            "64 percent of parents supported the ban, while 31 percent opposed it.",
            False,
        ),
        (
            "The renovation came in under budget.",
            "The renovation cost $3.2 million, about $400,000 more than the city had budgeted.",
            True,
        ),
        (
            "The renovation came in $6 million under its original budget.",
            "The project ran $6 million over its original budget of $36 million.",
            True,
        ),
        ("The renovation came in under budget.", "Under the budget, the renovation gets $6 million.", False),
        # when a job finished against its schedule
        (
            "The bridge reopened two weeks behind schedule.",
            "The bridge reopened on Friday, two weeks ahead of schedule and under budget.",
            True,
        ),
        ("The bridge reopened two weeks early.", "The bridge reopened on Friday, two weeks ahead of schedule.", False),
        # the other extreme, said of the claim's subject in its own clause
        (
            "Yellow perch had the lowest rate of plastic of any species.",
            "Yellow perch had the highest rate of any species, while walleye had the lowest.",
            True,
        ),
        (
            "Walleye had the lowest rate of plastic of any species.",
            "Yellow perch had the highest rate of any species, while walleye had the lowest.",
            False,
        ),
        # a body's decision on a proposal
        (
            "The council adopted Gordon Pyle's proposal to delay the oversight board.",
            "Pyle's proposal to delay the board's start until Jan. 1 was rejected 4-5.",
            True,
        ),
        ("The levy measure passed.", "The countywide levy measure failed by 312 votes.", True),
        ("The levy measure passed.", "The countywide levy measure passed by 312 votes.", False),
        # the clause that restates the claim gives the other outcome, though another clause has its verb
        ("The library will close during construction.", STAY_OPEN, True),
        ("The second floor will close during the work.", STAY_OPEN, False),
    ],
)
def test_a_sentence_with_the_opposite_outcome_is_flagged(claim: str, sentence: str, opposed: bool) -> None:
    assert check_text(claim, sentence, PUB).opposed_verb is opposed


SCORERS = (
    "For Dunlin, Jaylen Straker led all scorers with 37 points, one short of his career playoff high, "
    "and forward Andre Pellham added 24."
)


@pytest.mark.parametrize(
    ("claim", "sentence", "taken"),
    [
        ("Andre Pellham led all scorers with 37 points.", SCORERS, True),  # named, but as the one who added 24
        ("Jaylen Straker led all scorers with 37 points.", SCORERS, False),
        ("Straker led all scorers.", SCORERS, False),  # a surname is the same name
        (
            "Tandy finished first in the first round of voting.",
            "Two weeks earlier, Hale had finished first in a field of three candidates, taking 44.3 percent "
            "to Tandy's 38.6 percent.",
            True,
        ),
        ("The mayor said the budget was balanced.", "Fontaine said the budget was balanced.", False),  # "said"
        ("The council approved the budget.", "The council approved the budget 7-2 on Monday.", False),
        # another named place for the claim's noun
        (
            "The painting turned up at an estate sale in Linwood.",
            "It turned up in 2023 at an estate sale in Carrow Falls, where a dealer recognized it.",
            True,
        ),
        (
            "Whitcombe was a deputy superintendent in the Rowan Heights district.",
            "The board hired Adaeze Whitcombe, a deputy superintendent in the neighbouring Calder Springs district.",
            True,
        ),
        (
            "The painting turned up at an estate sale in Carrow Falls.",
            "It turned up in 2023 at an estate sale in Carrow Falls, where a dealer recognized it.",
            False,
        ),
        # another name for the claim's noun; a name before a word that is no noun names nothing
        ("The last break-in was at a Linden Pharmacy store.", "The last was at a Mercer Drug store.", True),
        ("The last break-in was at a Linden Pharmacy store.", "The last was at a Linden Pharmacy store.", False),
        ("Carol Vance is a Democrat from Millbrook.", "Carol Vance, a Democrat from Ashford, filed the bill.", False),
        # the doer's place, of an act of one kind ("ordered" for "ruled"): another court's act
        ("A St. Petersburg court ordered Telegram blocked in April 2018.", COURT_RULING, True),
        ("A Moscow court ordered Telegram blocked in April 2018.", COURT_RULING, False),
        # a name's relative clause says what it did ("Okafor, who proposed the project, said ...")
        ("Tom Brandt proposed the library project.", PROPOSED, True),
        ("Denise Okafor proposed the library project.", PROPOSED, False),
        # the claim names the sentence's doer among its own ("Nathan and Leah Whitlock"), not as the
        # other side of the act
        (
            "Nathan and Leah Whitlock had lived in their house for more than a decade.",
            "Nathan Whitlock, a chemistry teacher, and his wife had lived in the house for 11 years.",
            False,
        ),
        ("Tandy defeated Hale in the runoff.", "Hale defeated Tandy in the runoff on Tuesday.", True),
    ],
)
def test_another_name_in_the_claims_place_is_flagged(claim: str, sentence: str, taken: bool) -> None:
    assert check_text(claim, sentence, PUB).slot_taken is taken


def test_a_date_from_a_sentence_about_another_place_confirms_nothing() -> None:
    """The aligned sentence is about the first break-in; the claim's date is in the next one, which
    puts the break-in at another store."""
    passage = (
        "The break-ins began on April 6, when someone smashed the door of Linden Pharmacy on Main Street. "
        "The most recent was on July 12, at a Mercer Drug store in Port Anson."
    )
    claim = "The most recent break-in was at a Linden Pharmacy store on July 12."
    assert not [f for f in check_text(claim, passage, PUB).findings if f.agrees]
    # the claim's own day, told with another name in the claim's place: the claim's event, named otherwise
    assert ("name", False, "Linden Pharmacy", "Mercer Drug") in said(claim, passage)
    right = "The most recent break-in was at a Mercer Drug store on July 12."
    assert ("date", True) in [(f.kind, f.agrees) for f in check_text(right, passage, PUB).findings]


def test_a_jobs_other_outcome_in_a_sentence_that_restates_the_claim_conflicts() -> None:
    reopened = "The bridge reopened on Friday, two weeks ahead of schedule and about $300,000 under budget."
    found = said("The bridge reopened on Friday, two weeks behind schedule.", reopened)
    assert ("outcome", False, "behind schedule", "ahead of schedule") in found
    assert not [f for f in said("The bridge reopened on Friday, two weeks ahead of schedule.", reopened) if not f[1]]
    # a sentence that shares little of the claim only keeps it from being supported (opposed_verb)
    assert conflicts("The repairs came in $300,000 over budget.", reopened) == []


def test_a_thing_changed_the_other_way_conflicts() -> None:
    guidance = "Halden Foods raised its annual sales forecast on Tuesday and cut its dividend to 10 cents."
    found = said("Halden Foods lowered its annual sales forecast on Tuesday.", guidance)
    assert ("outcome", False, "lowered its annual sales forecast", "raised its annual sales forecast") in found
    # each thing is read with its own change: the forecast went up, the dividend down
    assert conflicts("Halden Foods raised its annual sales forecast on Tuesday.", guidance) == []
    assert "outcome" in conflicts("Halden Foods raised its dividend on Tuesday.", guidance)
    assert "outcome" not in conflicts("Halden Foods cut its dividend on Tuesday.", guidance)
    # a sentence changing the thing both ways says nothing clear of it
    both = "The district raised the bus fare in March and lowered the bus fare again in June."
    assert "outcome" not in conflicts("The district lowered the bus fare.", both)


def test_a_thing_put_at_another_compass_point_conflicts() -> None:
    line = (
        "Incident commander Lena Forsgren said crews had completed a containment line along the fire's "
        "southern edge, which is why the east side of Juniper Bend could be reopened."
    )
    found = said("Forsgren said crews had completed a containment line along the northern edge of the fire.", line)
    assert ("outcome", False, "northern edge", "southern edge") in found
    # the same point, however written, agrees; another thing at another point says nothing of it
    assert "outcome" not in conflicts(
        "Forsgren said crews had completed a containment line along the south edge.", line
    )
    assert "outcome" not in conflicts("Forsgren said crews had completed a line on the north flank of the fire.", line)
    # a sentence that gives the thing at both points does not deny either
    both = line.replace("which is why", "and crews on the northern edge said")
    assert "outcome" not in conflicts(
        "Forsgren said crews had completed a containment line along the northern edge.", both
    )
    # nor does a sentence that shares too little of the claim
    assert "outcome" not in conflicts("Residents of the west side of Juniper Bend may return home.", line)


def test_an_office_the_sentence_gives_another_after_an_aside_conflicts() -> None:
    merger = (
        "Harlow Savings, the older of the two, with $2.4 billion in deposits, will be the surviving bank "
        "after its merger with Eastgate Federal."
    )
    found = said("Eastgate Federal will be the surviving bank after the merger.", merger)
    assert ("name", False, "Eastgate Federal", "Harlow Savings") in found
    assert conflicts("Harlow Savings will be the surviving bank after the merger.", merger) == []
    # a pronoun is nobody's name
    it = "It will be the surviving bank after its merger with Eastgate Federal, the two boards said."
    assert "name" not in conflicts("Eastgate Federal will be the surviving bank after the merger.", it)


def test_a_count_of_members_on_a_side_is_read_from_the_tally() -> None:
    vote = (
        "The county board approved the landfill contract on Monday by a 6-3 vote, "
        "with supervisors Ames, Ruiz and Cole voting no."
    )
    assert ("quantity", True, "Three", "6-3") in said("Three county supervisors opposed the landfill contract.", vote)
    assert ("quantity", False, "Four", "6-3") in said("Four county supervisors opposed the landfill contract.", vote)
    assert ("quantity", True, "Six", "6-3") in said("Six county supervisors voted for the landfill contract.", vote)
    accepted = "The county board voted 6-3 on Monday to accept the landfill contract."
    assert ("quantity", True, "Three", "6-3") in said(
        "Three county supervisors opposed the landfill contract.", accepted
    )
    turned_down = "The county board rejected the landfill contract on Monday by a 6-3 vote."
    assert ("quantity", True, "Six", "6-3") in said(
        "Six county supervisors opposed the landfill contract.", turned_down
    )
    # without the tally's outcome the sides are a guess
    split = "The county board split 6-3 on the landfill contract on Monday."
    assert "quantity" not in [f[0] for f in said("Three county supervisors opposed the landfill contract.", split)]


def test_a_minute_the_sentence_gives_another_players_act_conflicts() -> None:
    goals = "Ana Ruiz put Dunford ahead in the 12th minute, and substitute Kim Olsen sealed the win in the 58th minute."
    assert ("ordinal", False, "the 58th minute", "the 12th minute") in said(
        "Ana Ruiz scored in the 58th minute.", goals
    )
    assert "ordinal" not in conflicts("Ana Ruiz put Dunford ahead in the 12th minute.", goals)
    # a second goal of hers, in a minute the sentence gives her too, or one it does not give at all
    twice = "Ana Ruiz put Dunford ahead in the 12th minute and scored again in the 58th minute."
    assert "ordinal" not in conflicts("Ana Ruiz scored in the 58th minute.", twice)
    assert "ordinal" not in conflicts("Ana Ruiz scored in the 75th minute.", goals)


def test_a_comparison_with_its_sides_swapped_conflicts() -> None:
    fares = "Riders on the east line paid about twice as much per trip as riders on the west line, the audit found."
    found = said("Riders on the west line paid about twice as much per trip as riders on the east line.", fares)
    assert ("role", False, "riders on the east line", "riders on the west line") in found
    assert not [f for f in found if f[1]]  # "about twice" agrees only as the other side's figure
    assert (
        conflicts("Riders on the east line paid about twice as much per trip as those on the west line.", fares) == []
    )
    # the other comparative with the sides swapped says the same thing: not read as a conflict
    assert conflicts("Riders on the west line paid less per trip than riders on the east line.", fares) == []


def test_a_date_owning_an_act_dates_that_act() -> None:
    hearing = (
        "BRANT, March 20 — The board heard the appeal on Feb. 4, six weeks before Tuesday's decision, "
        "and took no questions from the public."
    )
    published = dt.date(2025, 3, 20)
    late = said("The board decided two weeks after hearing the appeal.", hearing, published)
    assert ("date", False, "two weeks after hearing the appeal", "Tuesday") in late
    right = said("The board decided six weeks after hearing the appeal.", hearing, published)
    assert ("date", True, "six weeks after hearing the appeal", "Tuesday") in right


def test_the_day_an_act_began_meets_the_day_it_has_gone_on_since() -> None:
    pumps = "DENBY, June 6 — Volunteers have been pumping water out of the old mill since Tuesday morning."
    published = dt.date(2025, 6, 6)
    late = said("Volunteers began pumping water out of the old mill on Wednesday.", pumps, published)
    assert ("date", False, "Wednesday", "Tuesday") in late and not [f for f in late if f[1]]
    assert ("date", True, "June 3", "Tuesday") in said(
        "Volunteers started pumping water out of the mill on June 3.", pumps, published
    )
    # an article with no date to place the days: the days of the week still meet
    undated = said("Volunteers began pumping water out of the old mill on Wednesday.", pumps, None)
    assert ("date", False, "Wednesday", "Tuesday") in undated


def test_a_relative_clause_on_another_name_tells_that_ones_act() -> None:
    rival = (
        "The figures contrasted with those of its rival, Norcross Foods, which said on Monday that its "
        "annual sales fell 6 percent."
    )
    other = check_text("Delmar Foods' annual sales fell 6 percent.", rival, PUB)
    assert other.another_party and not other.agreements
    own = check_text("Norcross Foods' annual sales fell 6 percent.", rival, PUB)
    assert not own.another_party and ("percent", True) in [(f.kind, f.agrees) for f in own.findings]


def test_a_mark_short_of_its_record_is_no_record() -> None:
    crest = "The Bell River crested at 22.1 feet on Friday, about a foot below the record set in 2011."
    found = said("The Bell River set a new record when it crested on Friday.", crest)
    assert ("outcome", False, "set a new record", "below the record") in found
    assert "outcome" not in conflicts("The Bell River crested below its record on Friday.", crest)
    # a sentence sharing less of the claim keeps it from being supported, and no more
    assert check_text(
        "Ruiz's goal equalled the club's scoring record.", "Ruiz's goal left her one short of the club record."
    ).opposed_verb


def test_neither_denies_its_verb() -> None:
    crash = "Two riders were thrown from the bus; neither was seriously hurt, the county said."
    assert "negation" in conflicts("One of the two riders was seriously hurt.", crash)
    assert "negation" not in conflicts("Neither rider was seriously hurt.", crash)
    assert "negation" not in conflicts("Neither of the riders was seriously hurt.", crash)


def test_an_act_asked_for_and_not_done() -> None:
    audit = (
        "In 2022 the auditor urged that the county replace the jail's fire alarms; "
        "the county has not done so, citing the cost."
    )
    assert "negation" in conflicts("The county replaced the jail's fire alarms after the 2022 audit.", audit)
    # what was asked for says neither that it was done nor that it was not
    assert "negation" not in conflicts("The county has not replaced the jail's fire alarms.", audit)
    asked = "In 2022 the auditor urged that the county replace the jail's fire alarms."
    assert "negation" not in conflicts("The county has not replaced the jail's fire alarms.", asked)


def test_a_sum_is_read_with_its_giver() -> None:
    funds = (
        "The new roof was paid for with a $310,000 grant from the state Historic Trust, "
        "along with $45,000 from the Friends of Alden Library."
    )
    assert ("money", False, "$54,000", "$45,000") in said(
        "The Friends of Alden Library gave $54,000 for the roof.", funds
    )
    assert ("money", True, "$45,000", "$45,000") in said(
        "The Friends of Alden Library gave $45,000 for the roof.", funds
    )
    # the other giver's sum is not this one's, whatever verb each hangs on
    assert ("money", False, "$45,000", "$310,000") in said("The state Historic Trust gave $45,000 for the roof.", funds)
    # a giver the tagger names only in part is still the claim's doer; one the claim gives money to is not
    assert ("money", False, "$54,000", "$45,000") in said("The Friends of Alden Library chipped in $54,000.", funds)
    assert "money" not in conflicts("The town gave $54,000 to the Friends of Alden Library.", funds)


def test_a_named_place_the_sentence_puts_elsewhere() -> None:
    care = (
        "Five were treated at Mercy General Hospital in Alden, and two at Brook Valley Clinic "
        "in the nearby village of Corran."
    )
    assert check_text("Two were treated at Brook Valley Clinic in Alden.", care).slot_taken
    # the sentence restates the claim with the other place: the claim's place is named otherwise
    assert ("name", False, "Alden", "Corran") in said("Two were treated at Brook Valley Clinic in Alden.", care)
    hired = (
        "The Alder County board voted on Monday to hire Rosa Lind, a deputy principal in the neighbouring "
        "Fenwick district, as principal."
    )
    found = said("Before her hiring, Lind was a deputy principal in the Alder County district.", hired)
    assert ("name", False, "Alder County", "Fenwick") in found
    assert not check_text("Two were treated at Brook Valley Clinic in Corran.", care).slot_taken
    # a place inside the claim's, named after it, is no other place
    assert not check_text(
        "The plant is at Kessler Mills in Ohio.", "The plant is at Kessler Mills in Dayton, Ohio."
    ).slot_taken


def test_the_only_one_to_do_a_thing_rules_out_another() -> None:
    only = "Harmon is the only one of the four mills that draws water from the Dell River, the report said."
    assert ("name", False, "Kessler Mill", "Harmon") in said("Kessler Mill draws water from the Dell River.", only)
    assert "name" not in conflicts("Harmon draws water from the Dell River.", only)
    # a claim that does something else is not ruled out
    assert "name" not in conflicts("Kessler Mill draws water from Ash Creek.", only)


def test_words_given_to_another_speaker() -> None:
    quote = "She was 91. Her son, Peter Vance, said the cause was a stroke."
    found = said("Her daughter, Mary Vance, said the cause was a stroke.", quote)
    assert ("name", False, "Mary Vance", "Peter Vance") in found
    assert "name" not in conflicts("Peter Vance said the cause was a stroke.", quote)
    assert "name" not in conflicts("Mr. Vance said the cause was a stroke.", quote)


def test_a_story_that_reports_no_deaths_denies_one() -> None:
    crash = (
        "No deaths have been reported, the sheriff said. Three people were hurt when a bus slid off "
        "Ridge Road on Friday morning."
    )
    assert "negation" in conflicts("One person died when a bus slid off Ridge Road on Friday morning.", crash)
    assert "negation" not in conflicts("Three people were hurt when a bus slid off Ridge Road on Friday.", crash)
    # a passage that tells of a death elsewhere says no such thing of every one
    mixed = "No deaths were reported in Alden. A driver died when a bus slid off Ridge Road on Friday."
    assert "negation" not in conflicts("A driver died when a bus slid off Ridge Road on Friday.", mixed)


def test_a_scores_other_result_conflicts() -> None:
    game = "On Friday the Otters fell behind early and never recovered in a 7-2 loss at Brenton Park."
    found = said("On Friday the Otters earned a 7-2 win at Brenton Park.", game)
    assert ("outcome", False, "a 7-2 win", "a 7-2 loss") in found
    assert ("score", True, "7-2", "7-2") not in found  # the score agrees, but not as whose win it was
    assert conflicts("On Friday the Otters suffered a 7-2 loss at Brenton Park.", game) == []
    # a result with an owner may be the same game told from the other side
    assert "outcome" not in conflicts("On Friday, Brenton's 7-2 win came against the Otters.", game)


def test_a_records_since_year_and_a_publication_year_are_compared() -> None:
    record = "The flooding is the worst the valley has seen since 1974, when 40 homes were lost."
    assert ("date", False, "1962", "1974") in said("The flooding is the worst in the valley since 1962.", record)
    assert ("date", True, "1974", "1974") in said("The flooding is the worst in the valley since 1974.", record)
    # the year of the last record, not of the event: a date the event falls after confirms nothing
    later = "The valley flooded again last spring. " + record
    assert ("date", True) not in [f[:2] for f in said("The flooding is the worst in the valley since 1962.", later)]
    # another superlative is another record
    assert "date" not in conflicts("The flooding is the longest in the valley since 1962.", record)
    book = 'Her memoir, "Salt and Iron," was published in 2004 by a small press in Duluth.'
    assert ("date", False, "2001", "2004") in said('Her memoir, "Salt and Iron," came out in 2001.', book)


APPEAL = (
    "On May 11, Telegram's lawyers filed an appeal against the ban with the Moscow City Court, "
    "which was rejected on June 14."
)


def test_a_refusal_on_the_claims_own_day_by_the_claims_body_counts_though_it_shares_few_words() -> None:
    """The sentence sharing most words is another court's ruling; the one that gives the claim's
    day and names its court turned the request down."""
    passage = (
        "On March 20, the Supreme Court turned the request down. On April 13, 2018, Moscow's Tagansky "
        "District Court ruled to block access to Telegram in Russia over its failure to implement the FSB's order."
    )
    claim = "On March 20, the Supreme Court sided with Telegram and declared the FSB order void."
    assert [(f.claim, f.source) for f in check_text(claim, passage, PUB).findings if f.kind == "outcome"] == [
        ("sided with", "turned the request down")
    ]
    # another day: another decision, nothing to say
    other_day = claim.replace("March 20", "March 27")
    assert not [f for f in check_text(other_day, passage, PUB).findings if f.kind == "outcome"]


@pytest.mark.parametrize(
    ("claim", "sentence", "outcome"),
    [
        # the asking party winning, where what it asked was turned down
        ("In June, the Moscow City Court overturned the ban on Telegram.", APPEAL, ("overturned", "rejected")),
        (
            "On March 20, the court sided with Telegram.",
            "On March 20, the court turned Telegram's request down.",
            ("sided with", "turned Telegram's request down"),
        ),
        # the claim says it was turned down too, or the sentence has a win as well
        ("In June, the Moscow City Court rejected Telegram's appeal.", APPEAL, None),
        (
            "The appeals court struck down the ban.",
            "The appeals court rejected the city's appeal of the ruling that struck down the ban.",
            None,
        ),
    ],
)
def test_a_win_where_the_request_was_turned_down_conflicts(
    claim: str, sentence: str, outcome: tuple[str, str] | None
) -> None:
    found = [(f.claim, f.source) for f in check_text(claim, sentence, PUB).findings if f.kind == "outcome"]
    assert found == ([outcome] if outcome else [])


@pytest.mark.parametrize(
    ("claim", "sentence", "other"),
    [
        (
            "Keisha Dunmore is the authority's finance director.",
            "It will bring in $3.4 million a year, according to the authority's finance director, Priya Raman.",
            "Priya Raman",
        ),
        (
            "Rick Hollis is the county's health director.",
            "The advisory stays in effect until Saturday, said the county's health director, Dr. Elaine Wu.",
            "Elaine Wu",
        ),
        (
            "Police Chief Ana Ruiz said the road would reopen Monday.",
            "Police Chief Tom Weller said the road would reopen Monday morning.",
            "Tom Weller",
        ),
        # a company's chief officer holds the office alone too
        (
            "Chief Financial Officer Annika Brandvold blamed the narrower margin on promotions.",
            "Margin narrowed, which Chief Financial Officer Desmond Achterberg attributed to promotions.",
            "Desmond Achterberg",
        ),
        (
            "Chief Financial Officer Desmond Achterberg blamed the narrower margin on promotions.",
            "Margin narrowed, which Chief Financial Officer Desmond Achterberg attributed to promotions.",
            None,
        ),
        # the office's holder is the claim's, or the claim gives no definite office
        (
            "Priya Raman is the authority's finance director.",
            "It will bring in $3.4 million a year, according to the authority's finance director, Priya Raman.",
            None,
        ),
        ("Priya Anand is a doctoral student.", "Priya Anand, a doctoral student, spent two summers on the lake.", None),
        ("Dr. Victor Osagie was the lead author.", "The senior author, Dr. Victor Osagie, said it.", None),
    ],
)
def test_an_office_the_sentence_gives_another_holder_conflicts(claim: str, sentence: str, other: str | None) -> None:
    found = [f.source for f in check_text(claim, sentence, PUB).conflicts if f.kind == "name"]
    assert found == ([other] if other else [])


def test_a_voter_the_tagger_misnames_still_has_a_side() -> None:
    # the tagger reads "Otis Reed" as a work of art here; the name still votes
    vote = "The council approved $2.1 million for the repairs by a vote of 6 to 1, with Otis Reed voting against."
    assert said("Otis Reed voted for the repair funding.", vote)[0][:2] == ("role", False)
    assert conflicts("Otis Reed voted against the repair funding.", vote) == []


@pytest.mark.parametrize(
    ("claim", "sentence", "differs"),
    [
        (
            "Whitaker said more store closures were planned for the third quarter.",
            "Whitaker said the chain planned to open 10 more stores in the third quarter, and that no further "
            "closures were scheduled.",
            True,
        ),
        ("The mayor did not sign the order.", "The mayor signed the order on Monday.", True),
        ("The mayor did not sign the order.", "The mayor never signed the order.", False),
        ("The mayor signed the order.", "The mayor signed the order on Monday.", False),
    ],
)
def test_a_sentence_that_denies_what_the_claim_states_is_flagged(claim: str, sentence: str, differs: bool) -> None:
    assert check_text(claim, sentence, PUB).polarity_differs is differs


@pytest.mark.parametrize(
    ("claim", "sentence", "denies"),
    [
        # the relative clause that restates the claim is negated
        (
            "The 1998 renovation included a new roof for the library.",
            "Trustees praised the 1998 renovation, which did not include a new roof for the library.",
            True,
        ),
        (
            "Coach Ray Dillard sought a new contract this year.",
            "The club thanked its long-serving coach, Ray Dillard, who has not sought a new contract this year.",
            True,
        ),
        # a "none" in a clause the claim does not restate
        (
            "The clinic saw four flu cases in March.",
            "The clinic saw four flu cases in March, and none of them needed a hospital stay.",
            False,
        ),
        # "not ... until" says when, not whether; a negated claim is another check's
        ("The bridge reopened to traffic.", "The bridge did not reopen to traffic until Friday.", False),
        ("The bridge did not reopen.", "The bridge, which did not reopen, stays shut.", False),
    ],
)
def test_a_clause_that_denies_the_claim_is_flagged(claim: str, sentence: str, denies: bool) -> None:
    assert check_text(claim, sentence, PUB).denies is denies


@pytest.mark.parametrize(
    ("claim", "left_open"),
    [
        ("Mayor Ruth Okafor supports a second bridge over the river.", True),
        ("Mayor Ruth Okafor said the city would apply for the grant.", False),
    ],
)
def test_a_matter_the_source_leaves_open_is_flagged(claim: str, left_open: bool) -> None:
    passage = (
        "Mayor Ruth Okafor said on Monday that the city would apply for the state grant. She declined to "
        "say whether she would support a second bridge over the river."
    )
    assert (check_text(claim, passage).left_open is not None) is left_open


def test_a_why_presumes_what_it_asks_about() -> None:
    # "did not say why the plant closed" leaves the reason open, not whether it closed
    why = "It was not immediately clear whether the plant would reopen. Officials did not say why the plant closed."
    assert check_text("The plant will reopen.", why).left_open is not None
    assert check_text("The plant closed.", why).left_open is None


@pytest.mark.parametrize(
    ("claim", "denied"),
    [
        # the claim's verb and what follows it, said the other way in a paraphrase
        ("The audit found that the agency had lost track of 40 vehicles.", True),
        ("The new contract will include raises for bus drivers.", True),
        # said the claim's way, or of another thing
        ("The audit found that the agency overspent on fuel.", False),
        ("The new contract will include a longer school year.", False),
    ],
)
def test_a_verb_denied_of_the_claims_own_object(claim: str, denied: bool) -> None:
    passage = (
        "Auditors said the agency overspent on fuel by $2 million. The audit did not find that the agency "
        "had lost track of any vehicles. Officials added that the deal does not include raises for drivers, "
        "though it includes a longer school year."
    )
    assert ("negation" in conflicts(claim, passage)) is denied


def test_those_named_as_doing_the_act_leave_out_the_claims_person() -> None:
    vote = "The three members who voted against the plan were Ann Lee, Bo Diaz and Cy Park, the board's newest member."
    assert conflicts("Board chair Ruth Okafor was among the members who voted against the plan.", vote) == ["name"]
    assert conflicts("Bo Diaz was among the members who voted against the plan.", vote) == []
    assert conflicts("Board chair Ruth Okafor voted for the plan.", vote) == []


def test_a_passage_after_a_quote_keeps_its_first_sentence() -> None:
    # the parser alone would start the sentence after a closing quote at the blank line, before the
    # passage; sentences start after every blank line (facts.nlp), so the passage holds it whole
    text = (
        '"This is not the outcome anyone on this board wanted."\n\n'
        "The three members who voted against the plan were Ann Lee, Bo Diaz and Cy Park."
    )
    start = text.index("The three")
    claim = "Board chair Ruth Okafor was among the members who voted against the plan."
    found = align(claim, claim_facts([claim])[0], text, source_facts(text, None), start, len(text))
    assert found.sentence[1] == len(text) and [f.kind for f in found.conflicts] == ["name"]


def test_the_next_morning_is_the_next_day() -> None:
    wake = "A wake will be held Tuesday, May 6, at the Pell Funeral Home, with a service the next morning at 11."
    published = dt.date(2025, 5, 3)
    assert said("The service will be held on Wednesday, May 7.", wake, published) == [
        ("date", True, "Wednesday, May 7", "the next morning")
    ]


def test_a_streak_is_no_length_of_time() -> None:
    race = "Lena Ortiz won for the third straight year, finishing in 2 hours, 31 minutes."
    assert conflicts("Lena Ortiz has won the race three years in a row.", race) == []


def test_a_relative_clauses_denial_is_its_nouns() -> None:
    # "who did not run in college" says nothing of whether the race was run
    sentence = "Dusseau, who did not run in college, finished third in the Talloway River Marathon."
    assert conflicts("The Talloway River Marathon was run on Sunday.", sentence) == []


def test_rather_than_denies_what_follows() -> None:
    fund = "The money will come from the city's general fund rather than the police department's budget."
    claim = "The board will be paid for out of the city's general fund, not the police department's budget."
    assert conflicts(claim, fund) == []


def test_a_roads_number_is_no_count_nor_a_day() -> None:
    crash = "A crash on Route 12 early Saturday killed two people and injured 14 others, the state police said."
    published = dt.date(2025, 11, 17)
    # no count of 12, and the crash's day is "early Saturday", not a "12 early Saturday"
    assert said("Two people died in the Route 12 crash.", crash, published) == [("quantity", True, "Two", "two")]
    assert [f.text for f in source_facts(crash, published).facts if f.kind == "date"] == ["early Saturday"]
    # "14 others" counts people, as the count before it does
    assert conflicts("Nineteen people were injured in the Route 12 crash.", crash, published) == ["quantity"]


def test_a_time_run_together_with_its_weekday_gives_the_day() -> None:
    reopened = "Crews cleared the wreckage by mid-afternoon. The northbound lanes reopened at 3:25 p.m. Saturday."
    published = dt.date(2025, 11, 17)
    days = [(f.text, f.first) for f in source_facts(reopened, published).facts if f.kind == "date"]
    assert days == [("Saturday", "2025-11-15")]
    assert conflicts("The northbound lanes reopened at 3:25 p.m. on Sunday.", reopened, published) == ["date"]
    assert conflicts("The northbound lanes reopened at 3:25 p.m. on Saturday.", reopened, published) == []
    # the other order, and the time itself still compared
    other = "The northbound lanes reopened Saturday at 3:25 p.m., the patrol said."
    assert conflicts("The northbound lanes reopened at 4:25 p.m. on Saturday.", other, published) == ["time"]


def test_a_contest_scored_otherwise_is_another_contest() -> None:
    final = (
        "The Marlow Falls girls soccer team won its first sectional title on Saturday, beating Crestview 3-1 "
        "in the Class B final."
    )
    earlier = "Crestview had beaten Marlow Falls 2-1 in the regular season on Sept. 20."
    # the regular-season game says nothing of who won the 3-1 final
    assert conflicts("Marlow Falls beat Crestview 3-1.", earlier) == []
    # the score is the winner's over the side it is "over", the side of "..., beating X 3-1"
    assert said("Marlow Falls won the sectional final 3-1 over Crestview.", final) == [("score", True, "3-1", "3-1")]
    assert "role" in conflicts("Crestview beat Marlow Falls 3-1.", final)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("next spring", "2026-03-20"),  # in an article of July 2025: the coming one
        ("this spring", "2025-03-20"),
        ("last spring", "2025-03-20"),
        ("next fall", "2025-09-23"),
        ("this fall", "2025-09-23"),  # this year's, still to come
        ("last fall", "2024-09-23"),
        ("this winter", "2025-12-21"),
        ("spring", "2025-03-20"),  # a bare season: the last one begun
        ("fall", "2024-09-23"),
    ],
)
def test_a_season_resolves_by_its_word(text: str, first: str) -> None:
    value = parse_date(text, dt.date(2025, 7, 17))
    assert value is not None and value.iso()[0] == first


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("the first six months of 2025", ("2025-01-01", "2025-06-30")),
        ("the first half of 2019", ("2019-01-01", "2019-06-30")),
        ("the fourth quarter of 2024", ("2024-10-01", "2024-12-31")),
        ("the last three months of the year", ("2025-10-01", "2025-12-31")),  # the article's year
        # about a third of a year, as "early June" is a third of a month (a month of overlap)
        ("the start of 2027", ("2027-01-01", "2027-05-31")),
        ("mid-2027", ("2027-04-01", "2027-09-30")),
        ("the end of 2027", ("2027-08-01", "2027-12-31")),
        # the end of a range is no date by itself
        ("March 2026 to the end of 2027", ("2026-03-01", "2027-12-31")),
    ],
)
def test_a_part_of_a_year_is_its_months(text: str, span: tuple[str, str]) -> None:
    value = parse_date(text, dt.date(2025, 7, 17))
    assert value is not None and value.iso() == span
    # so "the first six months" are no fall of the same year
    passage = (
        "The airport will add flights this fall. The airport handled 412,600 passengers from January through June."
    )
    claim = "The airport handled more than 400,000 passengers in the first six months of 2025."
    found = said(claim, passage, dt.date(2025, 7, 17))
    assert [f[3] for f in found if f[0] == "date" and f[1]] == ["January through June"]


def test_a_sentence_never_runs_across_a_blank_line() -> None:
    text = "Marlow Falls girls win first sectional title since 2009\n\nThe team beat Crestview 3-1 on Saturday."
    sentences = [text[s:e].strip() for s, e in source_facts(text, PUB).sentences]
    assert sentences == [
        "Marlow Falls girls win first sectional title since 2009",
        "The team beat Crestview 3-1 on Saturday.",
    ]


def test_an_ordinal_the_tagger_leaves_out_is_read() -> None:
    race = "Lena Ortiz broke away from a pack of three runners in the 23rd mile and won by a minute."
    assert conflicts("Lena Ortiz broke away in the 20th mile.", race) == ["ordinal"]
    assert conflicts("Lena Ortiz broke away in the 23rd mile.", race) == []


def test_a_first_since_is_a_record() -> None:
    loss = "The 2023 loss was the company's first since 2009, when sales fell during the recession."
    assert conflicts("The company's 2023 loss was its first since 2013.", loss) == ["date"]
    assert conflicts("The company's 2023 loss was its first since 2009.", loss) == []


def test_another_partys_figure_is_not_the_claims() -> None:
    tally = "The final count gave Ortiz 4,812 votes to Kramer's 4,790, a margin of 22."
    assert conflicts("Lena Ortiz finished with 4,790 votes.", tally) == ["quantity"]
    assert conflicts("Lena Ortiz finished with 4,812 votes.", tally) == []
    # a giver's sum to the claim's party is the claim's party's too
    grant = "Ohio's $2 million grant to Dayton will pay for the new library."
    assert conflicts("Dayton received a $2 million grant for the new library.", grant) == []


def test_a_date_without_a_year_resolves_against_the_article() -> None:
    published = dt.date(2024, 6, 2)
    # a few weeks after the article: the coming one, not a year before
    assert parse_date("June 15", published).iso() == ("2024-06-15", "2024-06-15")
    assert parse_date("March 20", PUB).iso() == ("2018-03-20", "2018-03-20")
    assert parse_date("December 20", PUB).iso() == ("2017-12-20", "2017-12-20")
    assert parse_date("June 15", published, future=True).iso() == ("2024-06-15", "2024-06-15")
    assert parse_date("Tuesday", PUB).iso() == ("2018-08-28", "2018-08-28")  # 28 Aug 2018 was a Tuesday
    assert parse_date("last Tuesday", PUB).iso() == ("2018-08-21", "2018-08-21")
    # ... across New Year too: "Jan. 5" in a story of Dec. 28 is eight days on, not a year back
    assert parse_date("Jan. 5", dt.date(2026, 12, 28)).iso() == ("2027-01-05", "2027-01-05")
    assert parse_date("Jan. 5", dt.date(2026, 11, 20)).iso() == ("2026-01-05", "2026-01-05")


def test_taking_effect_is_starting() -> None:
    fare = (
        "The board voted 6-3 on Wednesday to raise the base bus fare to $2.25 starting July 1, the first "
        "fare increase the agency has approved in nine years."
    )
    assert said("The fare increase takes effect on June 1.", fare) == [("date", False, "June 1", "July 1")]
    assert said("The fare increase takes effect on July 1.", fare) == [("date", True, "July 1", "July 1")]


def test_a_plan_is_for_the_coming_date_and_shown_as_the_text_says_it() -> None:
    plan = "The city plans to inspect its other 11 bridges by the end of June."
    [end] = [f for f in source_facts(plan, dt.date(2026, 3, 14)).facts if f.kind == "date"]
    assert (end.first, end.last, end.label) == ("2026-06-21", "2026-06-30", "by")
    found = check_text("The city will inspect its other bridges by the end of June.", plan, dt.date(2026, 3, 14))
    assert [(f.agrees, f.detail) for f in found.findings] == [(True, "by late June 2026")]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("between 2017 and 2022", ("2017-01-01", "2022-12-31")),
        ("2017-2022", ("2017-01-01", "2022-12-31")),
        ("from May to July 2019", ("2019-05-01", "2019-07-31")),
        ("June 1 to 15", ("--06-01", "--06-15")),
        ("between May 3 and May 9, 2025", ("2025-05-03", "2025-05-09")),
        # no ranges: one side is no date by itself, or the ends run backwards
        ("mid-June", ("--06-11", "--06-20")),
        ("the 2017-18 season", ("2017-01-01", "2017-12-31")),
        ("June 30 to 4", ("--06-30", "--06-30")),
    ],
)
def test_a_range_of_dates_is_one_interval(text: str, span: tuple[str, str]) -> None:
    value = parse_date(text)
    assert value is not None and value.iso() == span


def test_a_claims_range_of_years_meets_the_sources() -> None:
    """ "from 2017 to 2022" (two dates to the tagger) is one interval, and agrees with the source's
    "between 2017 and 2022", not with a dateline's day that happens to fall in 2017."""
    source = "HARLAN, Nov. 20 — Enrollment in the district grew every year between 2017 and 2022, then fell in 2023."
    finding = next(
        f for f in check_text("Enrollment rose each year from 2017 to 2022.", source, PUB).findings if f.kind == "date"
    )
    assert (finding.agrees, finding.claim, finding.source) == (True, "from 2017 to 2022", "between 2017 and 2022")
    assert finding.detail == "2017 to 2022"
    late = check_text("Enrollment rose each year from 2019 to 2022.", source, PUB).findings
    assert not any(f.kind == "date" and f.agrees for f in late)


def test_relative_dates_count_from_the_date_before_them() -> None:
    text = (
        "On April 16, the watchdog received the ruling. On the same day, operators began blocking. "
        "Two days later, it rained."
    )
    facts = source_facts(text, PUB)
    dates = {f.text: f.first for f in facts.facts if f.kind == "date"}
    assert dates == {"April 16": "2018-04-16", "the same day": "2018-04-16", "Two days later": "2018-04-18"}


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("mid-June", "June 14", "agree"),
        ("June", "June 14", "agree"),
        ("June 14", "June", "unsure"),
        ("in January", "In June", "conflict"),
        ("the spring", "April 9", "agree"),
        ("2003", "June 14", "conflict"),
    ],
)
def test_vague_dates_are_intervals(claim: str, source: str, expected: str) -> None:
    claim_value, source_value = parse_date(claim), parse_date(source, PUB)
    assert claim_value is not None and source_value is not None
    assert compare(claim_value, source_value) == expected


def test_a_date_without_a_year_does_not_confirm_a_claimed_year() -> None:
    # a source with no publication date: "Nov. 20" could be in any year, so it agrees with no year
    assert compare(parse_date("2017"), parse_date("Nov. 20")) == "unsure"  # type: ignore[arg-type]
    assert compare(parse_date("June 2017"), parse_date("Nov. 20")) == "conflict"  # type: ignore[arg-type]
    assert compare(parse_date("Nov. 20, 2017"), parse_date("Nov. 20")) == "agree"  # type: ignore[arg-type]


def test_claim_dates_relative_to_a_source_event() -> None:
    passage = "The hearing was held on March 3. The court ruled on March 10, upholding the ban."
    assert said("The court ruled a week after the hearing.", passage)[0][:2] == ("date", True)
    assert conflicts("The court ruled two weeks after the hearing.", passage) == ["date"]
    assert said("The court ruled after the hearing.", passage)[0][:2] == ("date", True)
    assert conflicts("The court ruled before the hearing.", passage) == ["date"]


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [
        ("More than 60", 60, ">"),
        ("Thirty-four", 34, "="),
        ("a dozen", 12, "="),
        ("half a dozen", 6, "="),
        ("nearly 100", 100, "~<"),
        ("$48.2 million", 48.2e6, "="),
        ("fewer than 40", 40, "<"),
        ("twice", 2, "="),
    ],
)
def test_figures_as_written(text: str, value: float, comparator: str) -> None:
    assert parse_number(text) == pytest.approx(value) and comparator_in(text) == comparator


def test_which_people_and_what_befell_them_make_a_count_comparable() -> None:
    advisory = "About 12,000 residents on Ashvale's east side were told to boil their tap water before drinking it."
    assert conflicts("About 21,000 residents were told to boil their tap water.", advisory) == ["quantity"]
    # which people, but not what befell them
    assert conflicts("About 21,000 residents lost power.", advisory) == []


def test_a_figure_of_a_noun_is_about_that_noun() -> None:
    haul = "In all, the thieves took drugs with a street value of about $40,000 and less than $5,000 in cash."
    assert conflicts("The stolen drugs had a street value of about $400,000.", haul) == ["money"]
    assert said("The stolen drugs had a street value of about $40,000.", haul)[0][:2] == ("money", True)


def test_a_sentence_about_another_part_of_the_year_rules_on_no_amount() -> None:
    outlook = "For the third quarter, Pemberton expects revenue of $760 million to $775 million."
    assert conflicts("Quarterly revenue topped $800 million.", outlook) == []
    assert conflicts("Pemberton expects third-quarter revenue of $900 million.", outlook) == ["money"]


def test_comparators_are_honoured() -> None:
    passage = "Officials said 55 homes were evacuated after more than 60 firefighters arrived."
    assert said("More than 50 homes were evacuated.", passage)[0][:2] == ("quantity", True)
    assert said("Fewer than 60 homes were evacuated.", passage)[0][:2] == ("quantity", True)
    assert conflicts("Nearly 40 homes were evacuated.", passage) == ["quantity"]
    # "more than 50" agrees with "more than 60"; "more than 80" cannot be told from it
    assert said("More than 50 firefighters arrived.", passage)[-1][:2] == ("quantity", True)
    assert conflicts("More than 80 firefighters arrived.", passage) == []
    # a count of people in general rules only where the same thing befell them: it may count anyone
    assert conflicts("Nearly 40 people were evacuated.", "Officials said 55 people were hurt.") == []
    assert conflicts("Nearly 40 people were evacuated.", "Officials said 55 people were evacuated.") == ["quantity"]


def test_two_round_figures_are_held_to_each_other() -> None:
    ridership = "Ridership has recovered to about 79 percent of its 2019 level, Raman said."
    assert conflicts("Ridership has recovered to about 89 percent of its 2019 level.", ridership) == ["percent"]
    assert said("Ridership has recovered to about 80 percent of its 2019 level.", ridership)[-1][:2] == (
        "percent",
        True,
    )
    # within each other's allowance but not one figure: neither agrees nor conflicts
    outage = "In December 2013 about 94,000 customers lost power."
    assert said("About 91,000 customers lost power.", outage) == []
    # but eight thousands apart, each written to the thousand, no rounding reaches the other
    assert said("About 86,000 customers lost power.", outage)[-1][:2] == ("quantity", False)


def test_facts_survive_storage() -> None:
    facts = source_facts(FIRE + " " + APPEAL, PUB)
    assert TextFacts.from_json(facts.to_json()) == facts
    kinds = {f.kind for f in facts.facts}
    assert {"time", "quantity", "duration", "date", "name"} <= kinds


def test_a_wire_dateline_date_agrees_but_never_clashes() -> None:
    passage = "MOSCOW, August 28. /TASS/. The service will not consider the requests, founder Pavel Durov said."
    assert conflicts("The service said on August 29 it will not consider the requests.", passage) == []
    assert said("Durov said on August 28 that the service will not consider the requests.", passage)[0][:2] == (
        "date",
        True,
    )


def test_claims_are_parsed_in_one_batch() -> None:
    a, b = claim_facts(["The appeal was rejected on June 14.", "Telegram has 200 million users."])
    assert [f.kind for f in a.facts] == ["date"] and a.facts[0].first == "--06-14"
    assert [(f.kind, f.value) for f in b.facts] == [("name", None), ("quantity", 200e6)]


# ---- units, shares, differences and ratios (issue 10, third pass) ----------------------------------

GALE = "Gusts reached 70 miles per hour at the airport, and the tyres were pumped to 35 pounds per square inch."


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Gusts reached 70 mph at the airport.", ("quantity", True)),
        ("Gusts reached 85 mph at the airport.", ("quantity", False)),
        ("The tyres were pumped to 35 psi.", ("quantity", True)),
    ],
)
def test_units_written_two_ways_are_one_unit(claim: str, expected: tuple[str, bool]) -> None:
    assert [f[:2] for f in said(claim, GALE)] == [expected]


def test_innings_count_innings() -> None:
    """The tagger keeps "innings" as its own lemma: "his six innings" counts the same thing as
    "the first six innings", so the pitcher's line is confirmed, not left to the model alone."""
    line = "Starter Eli Marchetti pitched the first six innings, striking out eight and walking two."
    found = said("Marchetti struck out eight Foxes batters in his six innings.", line)
    assert ("quantity", True, "six", "six") in found and ("quantity", True, "eight", "eight") in found


def test_unit_spellings() -> None:
    from verify.facts.units import same_unit, unit_after

    assert unit_after(" miles an hour.") == unit_after(" mph") == "mph"
    assert unit_after(" lbs. of flour") == unit_after(" pounds") == "lb"
    assert unit_after(" kilometres") == unit_after(" km east") == "km"
    assert unit_after("°F") == "degF" and same_unit("degF", "degree") and not same_unit("degF", "degC")
    assert unit_after(" per cent") == "%" and unit_after(" people") is None
    # whole words only: another word that starts like a unit is not one
    assert unit_after(" kilowatts") is None and unit_after(" kilos") == "kg"
    assert unit_after(" Tony Awards") is None and unit_after(" tons of steel") == "ton"
    assert unit_after(" galaxies") is None and unit_after(" ozone") is None and unit_after(" kms") == "km"


def test_per_cent_and_fractions_are_percentages() -> None:
    passage = "Turnout rose 6 percent this year. About 25 percent of the district's voters cast ballots by mail."
    assert said("Turnout rose 6 per cent this year.", passage)[0][:2] == ("percent", True)
    assert ("percent", True) in [
        f[:2] for f in said("A quarter of the district's voters cast ballots by mail.", passage)
    ]
    assert "percent" in conflicts("Two-thirds of the district's voters cast ballots by mail.", passage)


LIBRARY = (
    "The library's late fee for a lost laptop will go from $40 to $55 in September. "
    "Visits to the branch rose from 8,000 visitors in 2022 to 16,000 visitors last year."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # a difference stated against two figures of the source: 55 - 40
        ("The fee for a lost laptop will be $55, fifteen dollars more than now.", ("money", True, "fifteen dollars")),
        ("The late fee for a lost laptop will rise by $15 in September.", ("money", True, "$15")),
        # a ratio against two figures: 16,000 / 8,000
        ("Visits to the branch doubled.", ("quantity", True, "doubled")),
    ],
)
def test_differences_and_ratios_are_worked_out(claim: str, expected: tuple[str, bool, str]) -> None:
    assert expected in [f[:3] for f in said(claim, LIBRARY)]


def test_a_difference_is_never_held_against_a_level() -> None:
    # "$20 more" is not the $40 or the $55 the source gives; worked-out figures never conflict
    assert conflicts("The late fee for a lost laptop will rise by $20 in September.", LIBRARY) == []
    assert conflicts("Visits to the branch tripled.", LIBRARY) == []


def test_a_dollar_sign_before_a_bare_number_makes_it_money() -> None:
    (fact,) = [f for f in claim_facts(["The ticket costs $72, the club said."])[0].facts if f.kind != "name"]
    assert (fact.kind, fact.value, fact.unit) == ("money", 72.0, "$")


def test_relative_dates_count_from_a_year_or_month_before_them() -> None:
    text = "The bakery won the county prize in 2011. Its rye won the same prize two years later. "
    text += "It opened a second shop in March 2015; the following month it hired a baker."
    dates = {f.text: (f.first, f.last) for f in source_facts(text, PUB).facts if f.kind == "date"}
    assert dates["two years later"] == ("2013-01-01", "2013-12-31")
    assert dates["the following month"] == ("2015-04-01", "2015-04-30")
    assert conflicts("The bakery's rye won the county prize in 2013.", text) == []


def test_not_until_is_a_wait_not_a_denial() -> None:
    passage = "The mayor said the pool would not reopen until inspectors had checked the filters, possibly by Friday."
    assert conflicts("The pool reopened on Friday.", passage) == []
    assert "negation" in conflicts(
        "The pool would not reopen, the mayor said.", "The mayor said the pool would reopen."
    )


def test_a_figure_of_another_period_or_time_is_no_rival() -> None:
    budget = "The board adopted a $12.4 million budget for the coming school year on Tuesday."
    assert conflicts("The district's budget for the current school year is $11.9 million.", budget) == []
    assert "money" in conflicts("The board adopted a $11.9 million budget for the coming school year.", budget)
    outage = (
        "At the peak of the outage, about 90,000 homes had no electricity, the utility said. "
        "By noon Friday, that had dropped to about 12,000."
    )
    assert conflicts("Fewer than 15,000 homes still had no electricity on Friday.", outage) == []
    assert "quantity" in conflicts("About 40,000 homes had no electricity at the peak of the outage.", outage)


DIKE = (
    "The county ordered the evacuation of the riverside district on Monday evening. "
    "At about 2 a.m. on Wednesday, the Mill Lane dike failed, flooding 300 homes."
)
BRICKWORKS = "The cooperative was founded in 1961 to serve workers at the Harlow brickworks, which closed in 1998."


@pytest.mark.parametrize(
    ("claim", "passage", "agrees"),
    [
        # the other event is dated in another sentence, and named by a clause
        ("The Mill Lane dike failed two days after the county ordered the evacuation.", DIKE, True),
        ("The Mill Lane dike failed the day after the county ordered the evacuation.", DIKE, False),
        ("The Mill Lane dike failed before the county ordered the evacuation.", DIKE, False),
        # two dates in one sentence: the other event's is the one of its own verb ("closed")
        ("The cooperative was founded before the brickworks closed.", BRICKWORKS, True),
        ("The cooperative was founded in 1961, after the Harlow brickworks had closed.", BRICKWORKS, False),
    ],
)
def test_relative_dates_against_the_other_events_date(claim: str, passage: str, agrees: bool) -> None:
    relative = [
        f for f in check_text(claim, passage, dt.date(2024, 6, 2)).findings if " " in f.claim and f.kind == "date"
    ]
    assert [f.agrees for f in relative if "after" in f.claim or "before" in f.claim][:1] == [agrees]


def test_before_and_after_the_same_event_conflict() -> None:
    passage = "Before the hearing, about 40 neighbours protested outside the courthouse, many of them holding signs."
    assert conflicts("Neighbours protested outside the courthouse after the hearing had ended.", passage) == ["date"]
    assert conflicts("Neighbours protested outside the courthouse before the hearing.", passage) == []
    # the sentence must restate the claim's own event, not only name the other one
    assert conflicts("The judge resigned after the hearing.", passage) == []
    # the sentence may say it the claim's way too (of "it"); a relative clause's order dates its own verb
    rallied = "Shares fell before the earnings report but rallied sharply after it was released."
    assert conflicts("Shares rallied after the earnings report.", rallied) == []
    hired = "The company, which cut 300 jobs before the merger, hired 500 workers."
    assert conflicts("The company hired 500 workers after the merger.", hired) == []
    before = "The company hired 500 workers before the merger."
    assert conflicts("The company hired 500 workers after the merger.", before) == ["date"]
    dropped = "A plan to close the library was dropped three days before a council vote after protests from readers."
    assert "date" in conflicts("The plan to close the library was dropped three days after a council vote.", dropped)
    assert conflicts("The plan to close the library was dropped after protests from readers.", dropped) == []


def test_a_date_of_another_verb_does_not_confirm_the_claims() -> None:
    passage = "The town bought the mill in 1931, but it burned down in 1967 during a storm."
    assert conflicts("The town bought the mill in 1967.", passage) == ["date"]
    assert said("The mill burned down in 1967.", passage)[0][:2] == ("date", True)


def test_a_past_tense_weekday_in_a_sentence_about_the_future_is_in_the_past() -> None:
    # "will raise ..., the company said on Tuesday", filed on a Tuesday: said today, not next week
    tuesday = dt.date(2025, 5, 20)
    passage = "Lakeport Ferries will raise the price of a ticket to $72 on July 1, the company said on Tuesday."
    assert said("Lakeport Ferries announced the fare rise on May 20.", passage, tuesday)[0][:2] == ("date", True)
    dates = {f.text: f.first for f in source_facts(passage, tuesday).facts if f.kind == "date"}
    assert dates["Tuesday"] == "2025-05-20"
    ahead = "The hearing, which was held on Monday, will resume on Friday; the vote was scheduled for Thursday."
    dates = {f.text: f.first for f in source_facts(ahead, tuesday).facts if f.kind == "date"}
    assert dates == {"Monday": "2025-05-19", "Friday": "2025-05-23", "Thursday": "2025-05-22"}


def test_a_weekday_reported_with_would_is_the_coming_one() -> None:
    # filed on Thursday, 20 February 2025: "would meet ... Monday" is Monday the 24th, not the 17th
    thursday = dt.date(2025, 2, 20)
    passage = "The board president said trustees would meet in closed session Monday to discuss an appeal."
    assert said("Trustees planned to meet on February 24, 2025, to discuss an appeal.", passage, thursday)[0][:2] == (
        "date",
        True,
    )
    assert conflicts("Trustees met on February 17, 2025, to discuss an appeal.", passage, thursday) == ["date"]
    # what was said on a weekday stays in the past
    past = "Trustees met in closed session Monday, the board president said."
    dates = {f.text: f.first for f in source_facts(past, thursday).facts if f.kind == "date"}
    assert dates == {"Monday": "2025-02-17"}


def test_the_early_hours_of_a_day_are_no_length_of_time() -> None:
    passage = "The spill began in the early hours of Saturday, March 15, when a power surge knocked out the pumps."
    assert [f.kind for f in source_facts(passage, PUB).facts if f.kind == "duration"] == []
    assert conflicts("The spill went on for two days before the state was told.", passage) == []


def test_the_whole_a_part_is_taken_from_is_not_the_verbs_count() -> None:
    passage = "The spill began when a power surge knocked out two of the three main pumps at the plant."
    assert conflicts("A power surge knocked out all three main pumps at the plant.", passage) == ["quantity"]
    assert conflicts("A power surge knocked out two of the plant's three main pumps.", passage) == []
    assert [f[:2] for f in said("A power surge knocked out two of the plant's three main pumps.", passage)] == [
        ("quantity", True),
        ("quantity", True),
    ]


def test_a_date_the_source_cannot_place_still_keeps_its_verb_from_being_dated_once() -> None:
    # No article date: "last year" cannot be placed, but it dates one "carried" of the sentence,
    # so the other "carried ... in 2015" is not the claim's only date.
    passage = (
        "Lakeport Ferries said it carried 2.4 million passengers last year, double the 1.2 million it carried in 2015."
    )
    assert conflicts("Lakeport Ferries carried 2.4 million passengers in 2024.", passage, None) == []
    assert said("Lakeport Ferries carried 1.2 million passengers in 2015.", passage, None)[0][:2] == ("date", True)
    # With the article's date, "last year" is 2017 and does conflict.
    assert conflicts("Lakeport Ferries carried 2.4 million passengers in 2024.", passage) == ["date"]
    assert parse_date("last year") is not None and compare(parse_date("2024"), parse_date("yesterday")) == "unsure"


def test_an_event_the_source_dates_two_ways_or_a_bare_name_gives_no_relative_date() -> None:
    passage = (
        "The storm struck on Monday evening. A lineman was hurt on Tuesday afternoon. "
        "It was the worst storm since one in March 2011."
    )
    assert [
        f for f in check_text("A lineman was hurt the day after the storm.", passage).findings if "after" in f.claim
    ] == []
    arrests = "Police arrested Ana Ruiz on Saturday. Officers arrested Tom Hale on Monday."
    assert conflicts("Ana Ruiz was arrested three days before Hale.", arrests) == []


def test_a_relative_date_dates_the_claims_own_verb() -> None:
    passage = (
        "On April 3, the regulator received the court's order. "
        "In March, the company filed a lawsuit to keep the app in its store."
    )
    # "after the court's order" dates the claim's keeping, not the lawsuit the sentence dates
    assert conflicts("The company kept the app in its store after the court's order.", passage) == []
    assert "date" in conflicts("The company filed a lawsuit after the court's order.", passage)


@pytest.mark.parametrize(
    ("claim", "agrees"),
    [
        ("The county opened a vaccination clinic more than three weeks after the first case was confirmed.", True),
        ("The county opened a vaccination clinic within a month of the first case being confirmed.", True),
        ("The county opened a vaccination clinic less than two weeks after the first case was confirmed.", False),
        ("The county opened a vaccination clinic more than five weeks after the first case was confirmed.", False),
    ],
)
def test_relative_dates_with_a_comparator(claim: str, agrees: bool) -> None:
    passage = "The first case of mumps was confirmed on March 1. The county opened a vaccination clinic on March 27."
    relative = [
        f.agrees for f in check_text(claim, passage, dt.date(2024, 6, 2)).findings if " the first case" in f.claim
    ]
    assert relative == [agrees]


def test_a_wire_dateline_dates_a_plain_text_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from verify.sources import read_sources
    from verify.store import facts_of

    path = tmp_path / "ferries.txt"
    path.write_text(
        "LAKEPORT, May 20, 2025 — Lakeport Ferries will raise fares on July 1, the company said on Tuesday.",
        encoding="utf-8",
    )
    [source] = read_sources(path)
    dates = {f.text: (f.first, f.label) for f in facts_of(source).facts if f.kind == "date"}
    # the dateline's date is when the story was filed; the weekday and the year-less date resolve against it
    assert dates == {
        "May 20, 2025": ("2025-05-20", "filed"),
        "July 1": ("2025-07-01", ""),
        "Tuesday": ("2025-05-20", ""),
    }


def test_year_less_dates_of_one_sentence_are_placed_together() -> None:
    # Filed on Thursday 8 May 2025: the vote was on Wednesday, and the fare it raised starts on the
    # coming July 1, not on the July 1 before the vote.
    thursday = dt.date(2025, 5, 8)
    fare = "The board voted 6-3 on Wednesday to raise the bus fare from $1.75 to $2.25 starting July 1."
    dates = {f.text: f.first for f in source_facts(fare, thursday).facts if f.kind == "date"}
    assert dates == {"Wednesday": "2025-05-07", "July 1": "2025-07-01"}
    # the other order, and a month across New Year
    shield = "The win earns them a place in the Champions Shield on Aug. 2, the club said on Saturday."
    dates = {f.text: f.first for f in source_facts(shield, dt.date(2025, 5, 18)).facts if f.kind == "date"}
    assert dates == {"Aug. 2": "2025-08-02", "Saturday": "2025-05-17"}
    winter = "The council said on Monday that the rink would open in January."
    dates = {f.text: f.first for f in source_facts(winter, dt.date(2024, 12, 17)).facts if f.kind == "date"}
    assert dates["January"] == "2025-01-01"
    # a verb in the past keeps its date in the past, and so does a date far from the sentence's other
    past = "The board, which met on Wednesday, raised the fare on July 1."
    assert {f.text: f.first for f in source_facts(past, thursday).facts if f.kind == "date"}["July 1"] == "2024-07-01"
    far = "The board said on Wednesday that its audit covers spending up to December 31."
    assert {f.text: f.first for f in source_facts(far, thursday).facts if f.kind == "date"}["December 31"] == (
        "2024-12-31"
    )
    # the claim keeps no year, and the source's now agrees with one
    found = said("The bus fare rises starting July 1, 2025.", fare, thursday)
    assert ("date", True, "July 1, 2025") in [f[:3] for f in found]


GAME = (
    "Rafael Odum scored 34 points, including the go-ahead three-pointer with 41 seconds left in overtime. "
    "Reserve guard Tommy Vrabel scored 14 of his 16 points after halftime. "
    "Harbor City trailed by 13 points early in the third quarter."
)


def test_a_count_of_one_part_of_a_game_is_not_a_count_of_another_or_of_the_whole() -> None:
    # "in overtime" qualifies the count, though the parse hangs it on the verb
    assert conflicts("Tommy Vrabel scored eight points in overtime.", GAME) == []
    assert conflicts("Rafael Odum scored eight points in overtime.", GAME) == []
    # a count of the same part, or a total against a total, still conflicts
    assert "quantity" in conflicts("Tommy Vrabel scored 10 points after halftime.", GAME)
    assert "quantity" in conflicts("Rafael Odum scored 30 points.", GAME)
    assert "quantity" in conflicts("Harbor City trailed by 15 points in the third quarter.", GAME)


BLOCK = (
    "On April 13, 2018, Moscow’s Tagansky District Court ruled to block access to Telegram in Russia over its "
    "failure to implement the FSB’s order."
)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # Issue 10: a claim naming another court than the passage's is about an event the passage
        # never places in any court, so the passage's court is no rival.
        ("The Meshchansky District Court fined Telegram 800,000 rubles.", BLOCK),
        ("The European Court of Human Rights ruled that blocking Telegram violated freedom of expression.", BLOCK),
        ("The Moscow City Court heard Telegram's appeal behind closed doors.", APPEAL),
        ("The European Court of Human Rights rejected Telegram's appeal against the ban.", APPEAL),
    ],
)
def test_another_court_of_another_event_is_no_rival(claim: str, passage: str) -> None:
    assert conflicts(claim, passage) == []
    # while the same slot of the same event names a rival ("filed ... with")
    assert "name" in conflicts("Telegram's lawyers filed an appeal against the ban with the Supreme Court.", APPEAL)


QUARRY = "On April 14, Judge Ana Ruiz ordered the county to suspend the quarry's permit."


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        # a court's "ordered" and "ruled" are one decision: its date is the claim's event's
        ("On April 13, Judge Ana Ruiz ruled that the county must suspend the quarry's permit.", QUARRY, False),
        ("Judge Ana Ruiz ruled on April 14 that the county must suspend the quarry's permit.", QUARRY, True),
        # results "reported" are results "released"
        (
            "Pemberton will release its third-quarter results in late October.",
            "Pemberton, which was founded in 1962, will report third-quarter results in early November.",
            False,
        ),
        # a verb of another kind of event is no rival, however much of the sentence the claim shares
        ("On April 13, Judge Ana Ruiz inspected the quarry named in the county's permit.", QUARRY, None),
        # nor is a decision in a sentence the claim does not restate
        ("On April 13, a judge ruled on the protest.", QUARRY, None),
    ],
)
def test_a_date_of_a_verb_of_the_same_kind_of_event(claim: str, passage: str, expected: bool | None) -> None:
    dates = [f.agrees for f in check_text(claim, passage, dt.date(2025, 5, 1)).findings if f.kind == "date"]
    assert dates == ([] if expected is None else [expected])


def test_a_day_read_as_a_time_of_day_is_a_date() -> None:
    # the tagger calls "Wednesday morning" a time; it names a day, with no time on the clock
    [fact] = [f for f in claim_facts(["Officials ordered the evacuation on Wednesday morning."])[0].facts]
    assert (fact.kind, fact.weekday, fact.verb) == ("date", 2, "order")
    passage = "County officials ordered the evacuation of the east side on Tuesday afternoon, after heavy rain."
    assert conflicts("County officials ordered the evacuation of the east side on Wednesday morning.", passage) == [
        "date"
    ]
    # a time on the clock stays a time of day, and "Sunday hours" names no day
    kinds = [f.kind for f in claim_facts(["The fire was reported at 10:40 p.m. Tuesday."])[0].facts]
    assert "time" in kinds
    library = "The library will receive $7.3 million, allowing its branches to reopen on Sundays and add Sunday hours."
    assert [f.text for f in source_facts(library, dt.date(2025, 6, 24)).facts if f.kind == "date"] == []


def test_a_date_that_says_which_thing_is_not_the_date_of_the_claims_event() -> None:
    # "summer classes", "the 2016 fare increase": which classes, which increase, not when
    schools = "Superintendent Paul Erikson said classes would resume Thursday at all buildings."
    june = dt.date(2025, 6, 18)  # its Thursday, June 12, is before the summer
    claim = "Classes at all buildings were expected to resume summer classes on Thursday."
    assert conflicts(claim, schools, june) == []
    fares = "The board voted 6-3 on Wednesday to raise the fare, the first increase it has approved in nine years."
    assert conflicts("The board voted on its 2016 fare increase unanimously.", fares) == []
    # "on Tuesday night" is still a date of the verb
    assert conflicts(
        "Crews restored power to the hospital on Tuesday night.", "Crews restored power to the hospital on Monday."
    ) == ["date"]


def test_a_headline_sharing_the_claims_words_does_not_stand_for_the_sentence_with_its_figures() -> None:
    # A plain-text story: headline and dateline first. The claim shares as many content words with
    # the headline as with the lead, but only the lead gives its date.
    story = (
        "Quarry road bridge to close for repairs\n\nDENTON, March 3, 2026 — The quarry road bridge will "
        "close on April 14 for repairs, the county said on Tuesday."
    )
    claim = "The quarry road bridge will shut for repairs on April 14."
    aligned = check_text(claim, story)
    assert story[aligned.sentence[0] : aligned.sentence[1]].startswith("The quarry road bridge will close")
    assert [(f.kind, f.agrees) for f in aligned.findings] == [("date", True)]


def test_a_difference_that_goes_the_other_way_conflicts() -> None:
    shares = "Shares of Dorrance Foods fell 3.4 percent on Monday after the company cut its forecast."
    [finding] = check_text("Dorrance Foods shares rose 3.4 percent on Monday.", shares).conflicts
    assert (finding.kind, finding.claim, finding.detail) == ("change", "a rise of 3.4 percent", "a fall of 3.4 percent")
    # the same way, in other words, agrees
    assert ("percent", True, "3.4 percent", "3.4 percent") in said(
        "Dorrance Foods shares dropped 3.4 percent on Monday.", shares
    )


def test_a_difference_by_so_much_is_about_what_its_verb_changes() -> None:
    water = "The water board voted on Tuesday to raise the sewer rate by 2.5 percent from July."
    assert conflicts("The sewer rate will rise by 5.2 percent.", water) == ["percent"]
    assert said("The sewer rate will rise by 2.5 percent.", water) == [("percent", True, "2.5 percent", "2.5 percent")]


def test_a_minute_of_a_match_is_a_rank_on_the_clock() -> None:
    [fact] = [f for f in claim_facts(["Ortiz scored in the 58th minute."])[0].facts if f.kind != "name"]
    assert (fact.kind, fact.value, fact.unit, fact.verb) == ("ordinal", 58.0, "minute", "score")
    match = "Lena Ortiz scored in the 58th minute, and the visitors held on for a 1-0 win."
    assert conflicts("Lena Ortiz scored in the 71st minute.", match) == ["ordinal"]
    # a minute of another happening is no rival, and two minutes in one phrase say nothing alone
    assert conflicts("Lena Ortiz was booked in the 71st minute.", match) == []
    both = "Lena Ortiz scored in the 12th and 58th minutes."
    assert [f.kind for f in source_facts(both, PUB).facts if f.kind in ("ordinal", "duration")] == []


@pytest.mark.parametrize(
    ("claim", "found"),
    [
        ("The school board vote on reopening bidding was 4-3.", ("score", True, "4-3")),
        ("The board voted 4 to 3 to reopen bidding.", ("score", True, "4 to 3")),
        ("The board voted 5-2 to reopen bidding.", ("score", False, "5-2")),
    ],
)
def test_a_tally_in_words_is_the_votes_score(claim: str, found: tuple[str, bool, str]) -> None:
    """ "four in favor and three against" is the 4-3 a claim writes; its numbers are no counts."""
    vote = "The school board voted four in favor and three against on Wednesday to reopen bidding."
    assert said(claim, vote) == [(*found, "four in favor and three against")]
    tallies = [(f.kind, f.role, f.pair) for f in source_facts(vote, PUB).facts if f.kind in ("score", "quantity")]
    assert tallies == [("score", "vote", (4, 3))]
    assert [f.pair for f in source_facts("It passed by a vote of 7 to 2; 5 for, 4 against.", PUB).facts] == [
        (7, 2),
        (5, 4),
    ]


def test_a_unanimous_vote_conflicts_with_a_tally_with_votes_against() -> None:
    vote = "The City Council approved the library project in March 2023 by a 5-2 vote."
    assert conflicts("The council approved the library project unanimously.", vote) == ["vote"]
    assert conflicts("The council approved the library project unanimously.", vote.replace("5-2", "7-0")) == []
    assert said("The council approved the library project unanimously.", vote.replace("5-2", "7-0"))[0][:2] == (
        "vote",
        True,
    )
    # a vote the claim dates otherwise is another vote
    assert (
        conflicts(
            "The 2016 fare increase was approved unanimously.", "The board voted 6-3 on Wednesday to raise the fare."
        )
        == []
    )
    # two tallies may be two votes
    two = "The council rejected an amendment 4-3 and approved the library project by a 7-0 vote."
    assert conflicts("The council approved the library project unanimously.", two) == []
    # a body the sentence calls divided did not rule unanimously, whatever its tally
    divided = "A divided state appeals court ruled Wednesday that the school district overstepped its authority."
    assert conflicts("The state appeals court ruled unanimously against the school district.", divided) == ["vote"]
    assert conflicts("The state appeals court ruled against the school district.", divided) == []


def test_the_claims_act_given_to_another_name_conflicts_where_the_claims_name_does_something_else() -> None:
    scorers = (
        "For Dunlin, Jaylen Straker led all scorers with 37 points, one short of his career playoff high, "
        "and forward Andre Pellham added 24."
    )
    assert conflicts("Andre Pellham led all scorers with 37 points.", scorers) == ["name"]
    assert conflicts("Jaylen Straker led all scorers with 37 points.", scorers) == []
    # a relative clause tells of another act: "that Aldana had won" does not give Aldana the win
    precincts = "The endorsement mattered: Tandy carried 11 of the 14 precincts that Aldana had won on Nov. 4."
    assert conflicts("Tandy won every precinct in Ward 3.", precincts) == []
    # a name merely absent may be a pronoun's: no conflict without the claim's name doing another act
    alone = "Jaylen Straker led all scorers with 37 points."
    assert conflicts("Andre Pellham led all scorers with 37 points.", alone) == []


def test_one_teams_record_is_not_anothers() -> None:
    season = "Easton finished the regular season 51-31, while Marlow went 44-38."
    assert conflicts("Marlow went 51-31 in the regular season.", season) == ["score"]
    assert conflicts("Marlow went 44-38 in the regular season.", season) == []
    assert conflicts("Easton went 51-31 in the regular season.", season) == []


def test_a_record_in_brackets_is_the_named_teams() -> None:
    # the other team's record, later in the passage, neither confirms nor sinks the claim's
    game = (
        "Lena Ortiz hit a three-pointer with 40 seconds left, giving Westbrook (18-4) the lead. "
        "Carver (15-7) missed its last two shots."
    )
    assert said("Westbrook finished the season with a 15-7 record.", game) == []
    facts = claim_facts(["Westbrook (18-4) beat Carver (15-7)."])[0].facts
    owners = {f.text: (f.role, f.about) for f in facts if f.kind == "score"}
    assert owners == {"18-4": ("record", ("westbrook",)), "15-7": ("record", ("carver",))}


def test_a_contest_told_by_its_noun_has_sides() -> None:
    clinched = "The Harbor City Gulls clinched the series on Friday with a 102-97 victory over the Dunlin Falcons."
    assert "role" in conflicts("The Dunlin Falcons beat the Harbor City Gulls 102-97 on Friday.", clinched)
    assert conflicts("The Harbor City Gulls beat the Dunlin Falcons 102-97 on Friday.", clinched) == []


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # the restating sentence's one day, hung on another verb than the claim's
        ("The storm hit Alder Bay on Monday evening.", ["date"]),
        ("The storm hit Alder Bay on Tuesday evening.", []),
    ],
)
def test_a_restating_sentences_one_day_meets_the_claims(claim: str, expected: list[str]) -> None:
    storm = (
        "A storm with winds of about 90 mph tore through Alder Bay on Tuesday evening, damaging 40 homes, "
        "county officials said Wednesday."
    )
    assert conflicts(claim, storm) == expected


def test_a_range_the_tagger_splits_is_one_range() -> None:
    # tagged "$64 to $" and "76": read as the one change it is
    permits = "Parking permits will rise from $64 to $76."
    assert said("Parking permits will rise from $64 to $80.", permits) == [("money", False, "$64 to $80", "$64 to $76")]
    assert said("Parking permits will rise from $64 to $76.", permits) == [("money", True, "$64 to $76", "$64 to $76")]


def test_the_titles_names_count_as_said() -> None:
    # a story seldom repeats its subject: "Lindqvist" in the title is known to every sentence
    claim = "Jurors in the Mara Lindqvist trial deliberated for about nine hours."
    panel = "The panel of eight women and four men deliberated for about five hours before reaching a verdict."
    title = "Jury acquits Lindqvist in warehouse fire case"
    assert check_text(claim, panel).findings == []
    assert [f.kind for f in check_text(claim, panel, None, title).conflicts] == ["duration"]
    # ... but not to a sentence about whoever its opening pronoun stands for
    assert check_text(claim, "He said the panel deliberated for about five hours.", None, title).findings == []


def test_a_participles_date_is_in_the_past() -> None:
    # "approved ... on Sept. 19" in a sentence that also looks ahead: the Sept. 19 before the article
    merger = "The deal, approved by both boards on Sept. 19, is expected to close Jan. 1."
    assert said("Both boards approved the deal on Sept. 19, 2025.", merger, dt.date(2025, 9, 25)) == [
        ("date", True, "Sept. 19, 2025", "Sept. 19")
    ]


def test_a_paraphrase_with_the_claims_figures_is_compared() -> None:
    # few words shared, but the claim's month and sum: the sentence is about its event
    draft = "The first draft, released in January, had called for a fare of $2.75."
    claim = "A January draft of the plan had proposed a base fare of $2.75."
    assert ("money", True, "$2.75", "$2.75") in said(claim, draft)


RUNOFF = (
    "Council member Ines Varga won the Dalby mayoral runoff on Sunday, defeating businessman Tom Reck by 900 votes."
)


@pytest.mark.parametrize(
    ("claim", "swapped"),
    [
        ("Tom Reck won the Dalby mayoral runoff.", True),
        ("Ines Varga lost the Dalby mayoral runoff to Tom Reck.", True),
        ("Ines Varga was defeated by Tom Reck in the Dalby mayoral runoff.", True),
        ("Ines Varga won the Dalby mayoral runoff.", False),
        ("Tom Reck lost the Dalby mayoral runoff to Ines Varga.", False),
        ("Tom Reck was defeated by Ines Varga in the Dalby mayoral runoff.", False),
    ],
)
def test_swapped_sides_of_a_contest_conflict(claim: str, swapped: bool) -> None:
    assert ("role" in conflicts(claim, RUNOFF)) is swapped


def test_teams_named_by_their_nicknames_are_sides_too() -> None:
    # The tagger names no entity in "The Falcons beat the Gulls 118-114": the claim's sides are its
    # capitalised doer and object all the same.
    game = "Rafael Odum scored 34 points, and the Harbor City Gulls beat the Dunlin Falcons 118-114 on Wednesday."
    assert "role" in conflicts("The Falcons beat the Gulls 118-114.", game)
    assert conflicts("The Gulls beat the Falcons 118-114.", game) == []
    sides = [
        (f.text, f.role) for f in claim_facts(["The Falcons beat the Gulls 118-114."])[0].facts if f.kind == "name"
    ]
    assert sides == [("Falcons", "agent"), ("Gulls", "patient")]


def test_a_side_the_source_also_gives_the_name_is_no_swap() -> None:
    # Reck won one contest and lost another: the claim's side is in the sentence, so no conflict
    cup = "Ines Varga beat Tom Reck in the final, a year after Tom Reck had beaten Ines Varga in the semifinal."
    assert conflicts("Tom Reck beat Ines Varga in the semifinal.", cup) == []


def test_a_contest_is_compared_only_with_the_same_contest() -> None:
    rematch = "Marcus Hale won the mayoral runoff on Tuesday, beating Dana Tandy, who had defeated him in 2016."
    # "who had defeated him in 2016": the pronouns hide that contest's sides, so nothing of it conflicts
    assert conflicts("Hale beat Tandy in 2020.", rematch) == []
    assert conflicts("Tandy, who beat Hale in 2016, lost the runoff on Tuesday.", rematch) == []
    primary = "Dana Tandy defeated Marcus Hale in the 2016 primary."
    # the sides the other way: the year confirms nothing, and the swap conflicts
    assert said("Hale beat Tandy in 2016.", primary) == [
        ("role", False, "Tandy as the one beaten", "Dana Tandy"),
        ("role", False, "Hale as the winner", "Marcus Hale"),  # "Hale", untagged, is a side by its capital
    ]
    # a contest of another year is another contest: its sides say nothing of the claim's
    assert conflicts("Hale beat Tandy in 2020.", primary) == []
    # the same contest, the same sides, another day: a conflict as before
    runoff = "Marcus Hale beat Dana Tandy in the mayoral runoff on Tuesday."
    assert conflicts("Hale beat Tandy in the mayoral runoff on Wednesday.", runoff) == ["date"]


def test_a_relative_date_counts_from_the_event_and_meets_the_date_of_the_claims_verb() -> None:
    # "Tuesday's ruling" dates the ruling, not the hearing; the ruling's own date is in the
    # sentence before.
    source = (
        "The Fourth District Court of Appeal ruled on Tuesday that the county erred. "
        "The appeals court heard arguments on Sept. 9 in Corvane, five weeks before Tuesday's ruling."
    )
    published = dt.date(2025, 10, 14)
    late = check_text("The appeals court ruled one week after hearing arguments.", source, published)
    assert [(f.kind, f.agrees, f.detail) for f in late.findings] == [("date", False, "14 October 2025")]
    right = check_text("The appeals court ruled five weeks after hearing arguments.", source, published)
    assert ("date", True, "14 October 2025") in [(f.kind, f.agrees, f.detail) for f in right.findings]


def test_a_date_of_the_claims_verb_in_another_sentence_about_it_can_conflict() -> None:
    # the claim's names are in the first sentence; its verb is dated in the second
    suit = (
        "In May, Harwick Mills filed a complaint with the state Labor Board over the strike. "
        "On July 9, the board dismissed the complaint."
    )
    assert conflicts("The state Labor Board dismissed Harwick Mills' complaint in August.", suit) == ["date"]
    assert conflicts("The state Labor Board dismissed Harwick Mills' complaint in July.", suit) == []
    # a date of another verb in that sentence is no rival
    assert conflicts("The state Labor Board fined Harwick Mills in August.", suit) == []


def test_spans_that_give_one_end_are_compared_by_that_end() -> None:
    parole = "Ferris was on parole until March for a 2021 theft conviction, court records show."
    assert conflicts("Ferris was on parole until May.", parole, None) == ["date"]
    assert conflicts("Ferris was on parole until March.", parole, None) == []
    assert conflicts("Ferris was on parole until March 31.", parole, None) == []
    # one month, another day: not said either way
    assert conflicts("Ferris was on parole until March 5.", parole, None) == []
    labels = {f.text: f.label for f in source_facts(parole, None).facts if f.kind == "date"}
    assert labels["March"] == "until"


def test_a_date_after_before_or_by_is_one_side_of_that_day() -> None:
    start = "Superintendent Carmen Reyes said classes do not start until Aug. 25 at the three schools."
    # "not ... until Aug. 25" dates the start
    assert conflicts("Classes start on Aug. 15 at the three schools.", start) == ["date"]
    assert conflicts("Classes start on Aug. 25 at the three schools.", start) == []
    # a claim's "before" / "after" is every day on that side, not the day itself
    assert conflicts("Classes start before Aug. 25 at the three schools.", start) == ["date"]
    assert conflicts("Classes start after Aug. 20 at the three schools.", start) == []
    found = said("Classes start after Aug. 20 at the three schools.", start)
    assert ("date", True, "after Aug. 20", "Aug. 25") in found  # the wording keeps its side
    reopened = "The bridge reopened after May 3, officials said."
    assert conflicts("The bridge reopened on May 1.", reopened) == ["date"]
    assert conflicts("The bridge reopened on May 5.", reopened) == []
    # "not before May" is May or later
    senate = "Okafor said she did not expect the chamber to take up the bill before May."
    assert conflicts("Okafor said the chamber would take up the bill in April.", senate) == ["date"]
    assert conflicts("Okafor said the chamber would take up the bill in June.", senate) == []
    labels = {f.text: f.label for f in source_facts(senate, PUB).facts if f.kind == "date"}
    assert labels == {"before May": "from"}


def test_a_count_of_people_to_whom_something_else_happened_confirms_nothing() -> None:
    stalled = "Two people were treated for hypothermia after being pulled from a stalled car on Route 9."
    assert said("Two people died after their car stalled on Route 9.", stalled) == []
    assert ("quantity", True, "Two", "Two") in said("Two people were treated after their car stalled.", stalled)


def test_the_place_that_owns_the_doer_is_in_the_doers_role() -> None:
    ruling = "On April 13, 2018, Moscow's Tagansky District Court ruled to block access to Telegram in Russia."
    found = said("A St. Petersburg district court ruled in April 2018 to block access to Telegram.", ruling)
    assert ("name", False, "St. Petersburg", "Moscow") in found
    assert conflicts("A Moscow district court ruled in April 2018 to block access to Telegram.", ruling) == []
    # the place meets only a place: "the Supreme Court" in the doer's slot does not take Russia's
    turned = "On March 20, the Supreme Court turned the request down."
    assert not check_text("Russia's Supreme Court rejected Telegram's request in March.", turned, PUB).slot_taken
    # a court the tagger does not name ("Tagansky District Court") still differs by its head word
    tagansky = "On April 13, 2018, Moscow’s Tagansky District Court ruled to block access to Telegram in Russia."
    found = said("Moscow's Meshchansky District Court ruled on April 13, 2018, to block Telegram.", tagansky)
    assert ("name", False, "Meshchansky District Court", "Tagansky District Court") in found
    assert conflicts("Moscow's Tagansky District Court ruled on April 13, 2018, to block Telegram.", tagansky) == []


def test_the_ends_of_a_change_from_one_figure_to_another() -> None:
    fares = "The transit board voted on Wednesday to raise the base bus fare from $1.75 to $2.25 starting July 1."
    found = said("The base fare will rise from $1.75 to $2.50 on July 1.", fares)
    assert ("money", False, "$2.50", "$2.25") in found
    assert ("money", True, "$1.75", "$1.75") in found
    assert conflicts("The base fare will rise from $1.75 to $2.25 on July 1.", fares) == []


def test_a_figure_of_the_claims_own_verb_outranks_a_like_figure_of_another() -> None:
    crews = (
        "Brightwater brought in about 450 line workers from other states to work alongside its own 280 line workers."
    )
    assert conflicts("Brightwater brought in about 280 line workers from other states.", crews) == ["quantity"]
    assert conflicts("Brightwater brought in about 450 line workers from other states.", crews) == []
    assert conflicts("Brightwater has its own 280 line workers.", crews) == []


DETOUR = "During the closure, drivers were detoured over the Route 4 bridge, adding up to 15 minutes to some trips."


@pytest.mark.parametrize(
    ("claim", "found"),
    [
        # two maxima say how far it went: compared by the ends they name
        ("The detour added as much as half an hour to some trips.", ("duration", False, "as much as half an hour")),
        ("The detour added as much as 15 minutes to some trips.", ("duration", True, "15 minutes")),
        ("The detour added up to 20 minutes to some trips.", ("duration", False, "20 minutes")),
    ],
)
def test_lengths_of_time_the_tagger_misses_are_read_and_maxima_compared_by_their_ends(
    claim: str, found: tuple[str, bool, str]
) -> None:
    assert said(claim, DETOUR) == [(*found, "15 minutes")]


def test_a_length_read_without_the_tagger_is_no_date_or_age() -> None:
    for text in ("He left three years ago.", "Two days later it rained.", "She was 12 years old."):
        assert not [f for f in claim_facts([text])[0].facts if f.kind == "duration"], text


def test_an_act_said_as_a_noun_meets_the_same_act_said_as_a_verb() -> None:
    roads = "Road repair gets $9.4 million, enough to resurface roughly 42 miles of streets, the director said."
    claim = "The road repair money is expected to cover about 24 miles of resurfacing."
    assert said(claim, roads) == [("quantity", False, "about 24 miles", "roughly 42 miles")]
    assert said(claim.replace("24", "42"), roads) == [("quantity", True, "about 42 miles", "roughly 42 miles")]
    # a count of another act ("paved") is no rival
    assert conflicts("The city has paved about 24 miles of road.", roads) == []


def test_a_figure_of_a_verb_that_takes_another_counts_for_that_one() -> None:
    """ "were needed to refloat", "took ... to put out": the count is of the refloating, the putting out."""
    refloat = "The ship was refloated on Wednesday with help from four tugboats and towed to Pier 6."
    assert said("Six tugboats were needed to refloat the ship.", refloat) == [("quantity", False, "Six", "four")]
    assert said("Four tugboats were needed to refloat the ship.", refloat) == [("quantity", True, "Four", "four")]
    took = claim_facts(["It took 60 firefighters to put out the blaze."])[0]
    [count] = [f for f in took.facts if f.kind == "quantity"]
    assert count.verb == "put"


def test_a_figure_of_another_act_yields_to_the_claims_own_verb_in_the_next_sentence() -> None:
    """The sentence sharing most words gives the union's ask; the board's offer is the next one."""
    talks = "The drivers' union had asked for a 6 percent raise. The board offered 4 percent, the superintendent said."
    assert said("The board offered drivers a 6 percent raise.", talks) == [("percent", False, "6 percent", "4 percent")]
    assert said("The board offered drivers a 4 percent raise.", talks) == [("percent", True, "4 percent", "4 percent")]
    assert said("The union asked for a 6 percent raise.", talks) == [("percent", True, "6 percent", "6 percent")]
    # a verb any figure may hang on ("was") finds no other act in the next sentence
    assert conflicts("The raise was 6 percent.", talks) == []


def test_fifths_a_dozen_and_ranks_read_as_written() -> None:
    pipes = "About 40 percent of the town's 90 miles of sewer pipes are more than 70 years old, a 2022 survey found."
    assert ("percent", True, "About two-fifths", "About 40 percent") in said(
        "About two-fifths of the town's sewer pipes are more than 70 years old.", pipes
    )
    assert "percent" in conflicts("About three-fifths of the town's sewer pipes are more than 70 years old.", pipes)
    club = "The Marsh Rowing Club, founded in 1911 by 12 dockworkers, will close in June."
    assert ("quantity", True, "a dozen", "12") in said(
        "The Marsh Rowing Club was founded by a dozen dockworkers.", club
    )
    # an ordinal is a rank: "third" is 3, not the fraction a third
    [rank] = [f for f in claim_facts(["The Lions finished third."])[0].facts if f.kind == "ordinal"]
    assert rank.value == 3.0


@pytest.mark.parametrize(
    ("claim", "passage", "denied"),
    [
        ("Reyes pleaded guilty to the theft charge.", "Reyes pleaded not guilty to the theft charge on Monday.", True),
        (
            "Reyes pleaded not guilty to the theft charge.",
            "Reyes pleaded not guilty to the theft charge on Monday.",
            False,
        ),
        (
            "The jury found Tate guilty of arson.",
            "The jury found Tate not guilty of arson after a two-day trial.",
            True,
        ),
        (
            "Bauer said some staff would lose their jobs.",
            "Bauer said no staff would lose their jobs in the move.",
            True,
        ),
        ("Nobody was hurt in the crash.", "No one was hurt in the crash, police said.", False),
        ("Two people were hurt in the crash.", "No one was hurt in the crash, police said.", True),
        # "found no fuel leaking": the one seen doing it is none, so the finding is denied
        ("Divers found fuel leaking from the ship.", "The divers found no fuel leaking from the ship.", True),
        ("Divers found no hole in the hull.", "The divers found no fuel leaking from the hull.", False),
    ],
)
def test_a_denied_complement_or_a_none_subject_negates_the_verb(claim: str, passage: str, denied: bool) -> None:
    assert ("negation" in conflicts(claim, passage)) is denied


RULING = (
    "A state appeals court ruled Wednesday that Harrowgate voters will get to decide a proposed tax on "
    "short-term rentals in November."
)


def test_a_verb_said_of_another_subject_is_not_the_claims_negated_verb() -> None:
    claim = "The appeals court did not decide whether Harrowgate's proposed rental tax would be legal."
    assert "negation" not in conflicts(claim, RULING)  # the voters decide; the court's deciding is not said
    assert "negation" in conflicts("Harrowgate voters will not get to decide the proposed tax.", RULING)
    # a subject that says how many ("no one") may be anyone's
    tornado = (
        "A tornado cut a path through the east side of Granby Crossing on Tuesday evening, damaging 63 homes "
        "and injuring nine people, but no one was killed, officials said."
    )
    assert "negation" in conflicts("Two people were killed when the tornado struck Granby Crossing.", tornado)


def test_a_numbers_no_denies_nothing() -> None:
    bus = "The bus, a 2019 model, had no lap-shoulder seat belts; the state does not require them."
    assert "negation" not in conflicts("Bus No. 31 was not equipped with lap-shoulder belts.", bus)
    unequipped = "Bus No. 31, a 2019 model, was not equipped with lap-shoulder seat belts."
    assert "negation" in conflicts("Bus No. 31 was equipped with lap-shoulder seat belts.", unequipped)


@pytest.mark.parametrize(
    ("claim", "passage", "kinds"),
    [
        # a span's end named more or less exactly, or written as the next day, is the same end
        ("The mill has been shut since 2018.", "The mill has been shut since April 2018, after a flood.", []),
        ("Doyle has run the clinic since the 1980s.", "Doyle has run the clinic since 1987.", []),
        ("The bridge will be closed through August.", "The bridge will be closed until Sept. 1 for repairs.", []),
        ("The mill has been shut since 2015.", "The mill has been shut since April 2018, after a flood.", ["date"]),
        # idioms and exceptions are no denials
        ("Pratt pleaded innocent to the charges.", "Pratt pleaded not guilty to the charges on Friday.", []),
        ("Okoro made clear he wanted the post.", "Okoro made no secret that he wanted the post.", []),
        (
            "Vale has scored more goals than anyone this season.",
            "No one has scored more goals than Vale this season.",
            [],
        ),
        # the sides of another contest, told in a relative clause
        ("Rovers beat Marston in the final.", "Rovers, who lost to Marston in the league, beat them in the final.", []),
        # a season's record is no game's score, and a team's record is its own
        (
            "The Herons improved to 31-11.",
            "The Herons beat the Owls 101-95 on Friday, and the Owls, swept by the Herons this season, fell to 22-20.",
            [],
        ),
        # a minute of a part of the match, and a goal's own minute on its noun
        ("Ames scored in the third minute of stoppage time.", "Ames scored in the 93rd minute to win it.", []),
        ("Jory levelled in the 50th minute before Ames's 88th-minute winner.", "Jory levelled in the 50th minute.", []),
        # the verb's way, over the words of its subject
        ("Lower costs lifted the margin 2 percent.", "The margin rose 2 percent on lower costs, the company said.", []),
    ],
)
def test_reviewed_edges_of_the_new_rules(claim: str, passage: str, kinds: list[str]) -> None:
    assert conflicts(claim, passage) == kinds


def test_a_date_that_agrees_in_the_aligned_sentence_keeps_other_sentences_out() -> None:
    budget = "The council voted 6-1 on Tuesday to approve the budget. It had approved a draft of the budget on March 3."
    assert conflicts("The council approved the budget on Tuesday.", budget) == []


DIRECTOR_SENTENCING = (
    "A former public works director for the city of Port Calder was sentenced Thursday to six years in "
    "federal prison. Brannigan, 58, was sentenced a week earlier by the same judge to 30 months in prison."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # a length of time in months, years or days is one length: a month is a twelfth of a year
        ("The former director received a 72-month federal prison sentence.", [("duration", True)]),
        ("The former director was sentenced to seven years in federal prison.", [("duration", False)]),
        ("Brannigan was sentenced to two and a half years in prison.", [("duration", True)]),
        ("Brannigan was sentenced to a year and a half in prison.", [("duration", False)]),
    ],
)
def test_lengths_of_time_in_other_units_are_compared(claim: str, expected: list[tuple[str, bool]]) -> None:
    assert [(kind, agrees) for kind, agrees, _, _ in said(claim, DIRECTOR_SENTENCING)] == expected


def test_a_month_is_thirty_days_and_a_relative_date_is_no_length() -> None:
    assert said("The company has a month to file.", "The company has 30 days to file its petition.") == [
        ("duration", True, "a month", "30 days")
    ]
    # "a week earlier" says when Brannigan was sentenced, not for how long
    facts = source_facts(SENTENCING, PUB)
    assert "a week earlier" not in [f.text for f in facts.facts if f.kind == "duration"]
    # "Nov. 6 to two and a half years": a date and a length run together by the tagger are neither
    run_together = claim_facts(["Brannigan was sentenced by Judge Onwuachi on Nov. 6 to two and a half years."])[0]
    assert not [f for f in run_together.facts if f.kind == "duration" and "Nov" in f.text]


@pytest.mark.parametrize(
    ("passage", "denied"),
    [
        # the source finds some things and not a breach: its "found" is no denial of "found no hole"
        ("An initial diver survey Wednesday found dents and scraped paint on the hull but no breach.", False),
        ("An initial diver survey Wednesday found dents and a hole in the ship's hull.", True),
    ],
)
def test_a_verb_with_one_object_denied_is_neither_affirmed_nor_denied(passage: str, denied: bool) -> None:
    assert ("negation" in conflicts("Divers found no hole in the ship's hull.", passage)) is denied


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The recalled cheeses were sold in four states.", []),  # this state and three more: four
        ("The recalled cheeses were sold in two states.", ["quantity"]),
    ],
)
def test_a_count_added_to_another_is_part_of_a_total(claim: str, expected: list[str]) -> None:
    passage = "The cheeses were sold in grocery stores in this state and three neighboring states."
    assert conflicts(claim, passage) == expected


def test_a_part_and_one_more_of_its_kind_confirm_their_total() -> None:
    passage = "The cheeses were sold in grocery stores in this state and three neighboring states."
    found = check_text("The recalled cheeses were sold in four states.", passage, PUB).findings
    assert [(f.agrees, f.source) for f in found] == [(True, "this state and three neighboring states")]
    # the part alone is still what "three neighboring states" says; a larger total is still wrong
    assert conflicts("The cheeses were sold in three neighboring states.", passage) == []
    assert conflicts("The cheeses were sold in five states.", passage) == ["quantity"]


MUSEUM = "The city contributed $9 million and the state $4 million; the rest came from about 1,300 private donors."
MERGER = (
    "Adeyemi said that all 27 branches, 16 of Bayline's and 11 of Pelham Teachers', would stay open for at "
    "least two years."
)


@pytest.mark.parametrize(
    ("claim", "passage", "agrees"),
    [
        ("The city contributed $4 million and the state $9 million.", MUSEUM, False),
        ("The city contributed $9 million and the state $4 million.", MUSEUM, True),
        ("The state gave $4 million and the city $9 million.", MUSEUM, True),  # reordered, still paired
    ],
)
def test_two_figures_given_to_two_things_the_other_way_round_conflict(claim: str, passage: str, agrees: bool) -> None:
    found = said(claim, passage)
    assert len(found) == 2 and all(f[0] == "money" and f[1] is agrees for f in found), found


def test_owners_named_after_their_figures_are_paired_too() -> None:
    assert conflicts("Bayline has 11 branches and Pelham Teachers has 16.", MERGER) == ["quantity", "quantity"]
    assert conflicts("Bayline has 16 branches and Pelham Teachers has 11.", MERGER) == []


def test_an_ordinal_period_is_no_length_of_time() -> None:
    """ "The third year of the contract" says which year, not how long: never compared with a length."""
    passage = (
        "The contract gives teachers raises of 5 percent this school year, 4 percent next year and 3.5 percent "
        "in the third year."
    )
    facts = source_facts(passage, PUB)
    assert not [f for f in facts.facts if f.kind == "duration"]
    strike = "It was the district's first strike since 1994, when a walkout lasted three weeks."
    assert conflicts("The district's previous strike, in 1994, lasted about a week.", strike) == ["duration"]


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The petition against the project carried about 800 signatures.", ["quantity"]),
        ("The petition against the project carried about 1,800 signatures.", []),
    ],
)
def test_the_one_count_of_a_thing_in_a_restating_sentence_rules_on_the_claims(claim: str, expected: list[str]) -> None:
    """One count of signatures on each side, in a sentence that restates the claim: the same count,
    whatever verb each hangs on ("carried", "presented")."""
    passage = "A neighborhood group, Keep Lyle Road Rural, presented a petition with about 1,800 signatures against it."
    assert conflicts(claim, passage) == expected


def test_a_number_hung_on_a_compound_counts_the_noun_it_modifies() -> None:
    """The parser may hang "about 2,100" on "vehicle" in "about 2,100 vehicle trips": trips are
    what is counted, so the claim's "about 1,200 vehicle trips" is another figure of the same thing."""
    passage = (
        "A traffic study commissioned by the city found the project would add about 2,100 vehicle trips a day to "
        "Lyle Road and that its intersection with Route 9 would fail at rush hour without a signal."
    )
    claim = "The city's traffic study found the project would add about 1,200 vehicle trips a day to Lyle Road."
    assert said(claim, passage) == [("quantity", False, "about 1,200", "about 2,100")]


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        (
            "Commissioner Hester Quinn voted in favor of Orchard Bend.",
            "Commissioners Paul Drayton, Hester Quinn and Samir Bahadur voted against the plan, citing traffic.",
            [("role", False, "Hester Quinn as voting for", "Hester Quinn")],
        ),
        (
            "Trustee Warren Pike voted in favor of the deal.",
            "The board approved the deal by a 5-2 vote, with trustees Warren Pike and Lucinda Marsh voting no.",
            [("role", False, "Warren Pike as voting for", "Warren Pike")],
        ),
        (
            "Elena Ruiz voted in favor of the library expansion.",
            "The council approved the expansion 5-2; Councillors Tom Brandt and Elena Ruiz cast the two votes against.",
            [("role", False, "Elena Ruiz as voting for", "Elena Ruiz")],
        ),
        # a sentence that gives both sides may give each to someone else: it rules on no one
        ("Rep. Luis Marquez voted for the bill.", "Marquez voted for the bill while Diaz voted against it.", []),
        ("Rep. Luis Marquez voted for the bill.", "Marquez backed the bill; Diaz and Holt voted against it.", []),
    ],
)
def test_a_person_the_sentence_has_on_the_other_side_conflicts(
    claim: str, sentence: str, expected: list[tuple[str, bool, str, str]]
) -> None:
    assert [f for f in said(claim, sentence) if f[0] == "role"] == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("72-month", 2190.0),
        ("six years", 2190.0),
        ("two and a half years", 912.5),
        ("a year and a half", 547.5),
        ("half an hour", 1 / 48),
        ("a week", 7.0),
    ],
)
def test_lengths_of_time_in_days(text: str, days: float) -> None:
    assert parse_duration(text) == pytest.approx(days, abs=1e-5)


def test_a_date_and_a_length_the_tagger_runs_together_are_both_read() -> None:
    """spaCy tags "Nov. 6 to two and a half years" as one date: it is a day and a length of time."""
    passage = "Brannigan was sentenced on Nov. 6 by the same judge to 30 months in prison."
    found = check_text("Dale Brannigan was sentenced on Nov. 6 to two and a half years in prison.", passage, PUB)
    assert {(f.kind, f.agrees) for f in found.findings} == {("date", True), ("duration", True)}
    assert conflicts("Dale Brannigan was sentenced on Nov. 6 to four years in prison.", passage) == ["duration"]
    # tagged as two dates, "Thursday" and "six years", they are no range of dates either
    lead = "A former public works director was sentenced Thursday to six years in federal prison."
    assert said("Raymond Kessel received a 72-month federal prison sentence.", lead) == [
        ("duration", True, "72-month", "six years")
    ]


SENTENCING = (
    "Kessel was sentenced on Thursday, Nov. 16, to six years in prison. He pleaded guilty in April. "
    "Brannigan was sentenced a week earlier by the same judge to 30 months in prison."
)


def test_a_relative_date_after_a_stretch_counts_from_the_last_day_of_its_own_verb() -> None:
    earlier = next(f for f in source_facts(SENTENCING, PUB).facts if f.text == "a week earlier")
    assert (earlier.first, earlier.party) == ("2017-11-09", "brannigan")  # Nov. 16 less a week, not April's


def test_the_date_of_another_named_partys_act_neither_agrees_nor_conflicts() -> None:
    assert conflicts("Brannigan was sentenced on Nov. 9.", SENTENCING) == []
    assert [f.agrees for f in check_text("Brannigan was sentenced on Nov. 9.", SENTENCING, PUB).findings] == [True]
    # Kessel's own date rules on his; Brannigan's Nov. 9 does not back "Kessel ... on Nov. 9"
    assert conflicts("Kessel was sentenced on Nov. 9.", SENTENCING) == ["date"]
    assert conflicts("Kessel was sentenced on Nov. 16.", SENTENCING) == []


MARGIN = "Gross margin narrowed to 28.1 percent from 28.6 percent, which the finance chief blamed on promotions."


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        ("Gross margin widened to 28.6 percent from 28.1 percent.", MARGIN, ["change"]),
        ("Gross margin fell to 28.1 percent from 28.6 percent.", MARGIN, []),
        ("Gross margin went from 28.1 percent to 28.6 percent.", MARGIN, ["change"]),
        (
            "The kindergarten vaccination rate rose from 86.4 percent to 91 percent.",
            "The rate for kindergarten children was 86.4 percent, down from 91 percent five years ago.",
            ["change"],
        ),
        # the same two figures as another thing's change, beside the claim's own, the claim's way
        (
            "Revenue rose to $5 million from $4 million.",
            "Revenue rose to $5 million from $4 million, while costs fell to $4 million from $5 million.",
            [],
        ),
    ],
)
def test_a_changes_ends_the_other_way_round_conflict(claim: str, passage: str, expected: list[str]) -> None:
    assert conflicts(claim, passage) == expected


def test_a_thing_kept_unchanged_was_not_raised() -> None:
    dividend = "The board declared a quarterly dividend of 23 cents a share, unchanged from the previous quarter."
    assert conflicts("Tolliver raised its quarterly dividend to 23 cents a share.", dividend) == ["outcome"]
    assert conflicts("Tolliver kept its quarterly dividend at 23 cents a share.", dividend) == []


def test_the_start_of_a_year_is_not_its_middle() -> None:
    effect = "If approved on Nov. 3, it would take effect July 1, 2027."
    assert conflicts("If approved, the tax would take effect at the start of 2027.", effect) == ["date"]
    assert conflicts("If approved, the tax would take effect in mid-2027.", effect) == []


HEAT = "Thursday marked the eighth consecutive day above 100 degrees, and the weather service extended its warning."


def test_a_rank_in_a_run_is_an_ordinal_of_the_run() -> None:
    assert conflicts("Thursday was the sixth straight day above 100 degrees.", HEAT) == ["ordinal"]
    assert conflicts("Thursday was the eighth straight day above 100 degrees.", HEAT) == []
    # a count of a run is still no length of time, nor a rank
    assert not [f for f in claim_facts(["It rained for three days in a row."])[0].facts if f.kind != "name"]


def test_the_count_a_change_starts_from_counts_what_its_end_counts() -> None:
    drew = "The Foxhounds drew 241,000 fans last season, down from 256,000 a year earlier."
    assert [f.unit for f in source_facts(drew, PUB).facts if f.kind == "quantity"] == ["spectator", "spectator"]
    assert said("Foxhounds attendance fell by 15,000 last season.", drew) == [
        ("quantity", True, "15,000", "241,000 and 256,000")
    ]
    # so both ends of a change a claim gives agree with the source's range
    assert [(kind, agrees, wording) for kind, agrees, wording, _ in said(GALLERY, SCHOOLS)] == [
        ("quantity", True, "41,000 square feet"),
        ("quantity", True, "22,000"),
    ]


GALLERY = "Gallery space grew to 41,000 square feet from 22,000."


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Castavon Power & Light reported widespread outages Monday.", ["negation"]),
        ("Castavon Power & Light reported no widespread outages Monday.", []),
        # one word is too little to be sure of the thing ("no outages" against "reported outages")
        ("Castavon Power & Light reported outages Monday.", []),
    ],
)
def test_a_thing_the_sentence_says_there_was_none_of_denies_it(claim: str, expected: list[str]) -> None:
    utility = "Castavon Power & Light said there had been no widespread outages, though demand peaked Monday."
    assert [k for k in conflicts(claim, utility) if k == "negation"] == expected
    assert conflicts("Demand peaked no later than Monday, it said.", "Demand peaked no later than Monday.") == []


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("A year earlier, the county commission voted 3-2 to put a traffic signal at the intersection.", ["outcome"]),
        ("A year earlier, the county commission voted 3-2 against a traffic signal at the intersection.", []),
        # another tally is another vote
        ("A year earlier, the county commission voted 4-1 to put a traffic signal at the intersection.", ["score"]),
    ],
)
def test_a_vote_against_is_no_vote_for(claim: str, expected: list[str]) -> None:
    signal = "A year earlier, the county commission voted 3-2 against installing a signal at the intersection."
    assert [k for k in conflicts(claim, signal) if k != "date"] == expected


def test_a_surname_the_tagger_calls_a_noun_still_names_the_figures_party() -> None:
    saves = "Tremblay, a senior, made 38 saves. Greystone goalie Micah Delacroix stopped 29 shots."
    shots = next(f for f in claim_facts(["Tremblay stopped 38 of the 41 shots."])[0].facts if f.text == "38")
    assert shots.party == "tremblay"
    assert conflicts("Tremblay stopped 38 of the 41 shots.", saves) == []  # Delacroix's 29 is not his
    # a common noun may open a sentence only with its determiner: no name there
    cars = next(f for f in claim_facts(["The police stopped 38 cars."])[0].facts if f.kind == "quantity")
    assert cars.party == ""


def test_money_on_a_raise_is_a_change() -> None:
    pay = "Captains at the top of the scale will earn $214 an hour, up from $171."
    assert said("Captains at the top of the pay scale get a $43-an-hour raise.", pay) == [
        ("money", True, "$43", "$214 and $171")
    ]


def test_a_denial_of_an_act_the_clause_never_tells_of_is_not_its_polarity() -> None:
    hours = "The theft forced the pantry to cut its Saturday hours in 2024, and it has not yet restored them."
    assert "negation" not in conflicts("The pantry still has not brought back the Saturday hours it cut.", hours)
    assert "negation" in conflicts("The pantry did not cut its Saturday hours in 2024.", hours)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # a vote "to reject" is a vote against; a member's vote is not the body's; another thing voted on
        ("The council voted 6-1 to reject the proposal.", "The council voted 6-1 against the proposal on Tuesday."),
        ("Hale voted for the budget on Tuesday.", "Tandy voted against the budget on Tuesday, which passed 4-1."),
        (
            "The board voted to delay the tuition increase.",
            "The board voted against the fee increase and to delay a decision on tuition.",
        ),
        # "unchanged" beside a change the sentence also tells of
        (
            "Tolliver raised its quarterly dividend to 25 cents a share.",
            "Tolliver's quarterly dividend, unchanged since 2021, rose to 25 cents a share.",
        ),
        # another company's or another rank's officer; a former one
        (
            "Chief Petty Officer Ann Lee pulled the crew from the water.",
            "Chief Petty Officer Mark Diaz, who pulled the crew from the water with Lee, said it was cold.",
        ),
        (
            "Chief Executive Officer John Smith will become chairman of the combined company.",
            "Chief Executive Officer Jane Doe will lead the combined company, and Smith will become its chairman.",
        ),
        # none of a thing only if a condition fails
        (
            "The measure would pay for new library branches.",
            "If the measure fails, there will be no new library branches, the mayor said.",
        ),
        # the end of a range is no date of its own
        (
            "The bridge will be closed to traffic in the summer of 2026.",
            "The bridge will be closed to traffic from March 2026 to the end of 2027, the state said.",
        ),
    ],
)
def test_true_copy_near_this_passs_conflict_rules_is_not_contradicted(claim: str, passage: str) -> None:
    assert conflicts(claim, passage, dt.date(2026, 3, 1)) == []


MERGER_VOTES = (
    "St. Brennan's board voted unanimously to approve the agreement last Thursday, and Harrowgate's board "
    "gave its approval a day later."
)


def test_a_body_is_the_party_of_whose_it_is_and_a_light_verb_says_its_acts_verb() -> None:
    dates = {f.text: f for f in source_facts(MERGER_VOTES, dt.date(2025, 9, 30)).facts if f.kind == "date"}
    assert (dates["last Thursday"].party, dates["last Thursday"].verb) == ("st. brennan", "approve")
    assert (dates["a day later"].first, dates["a day later"].party, dates["a day later"].verb) == (
        "2025-09-26",
        "harrowgate",
        "approve",
    )
    # St. Brennan's Thursday rules on St. Brennan's act, not on Harrowgate's
    claim = "Harrowgate Regional Health's board approved the merger on Friday, September 26, 2025."
    assert conflicts(claim, MERGER_VOTES, dt.date(2025, 9, 30)) == []
    assert conflicts(claim.replace("September 26", "September 27"), MERGER_VOTES, dt.date(2025, 9, 30)) == ["date"]


def test_the_object_of_an_order_is_the_party_of_what_it_orders() -> None:
    ordered = "Judge Harriet Onwuachi also ordered Raymond Kessel, 61, to forfeit $318,000."
    money = next(f for f in source_facts(ordered, PUB).facts if f.kind == "money")
    assert money.party == "raymond kessel"  # who forfeits, not the judge who ordered it
    assert conflicts("Kessel was ordered to forfeit $381,000.", ordered) == ["money"]


def test_a_dateline_of_a_place_alone_is_not_the_subject_of_the_lead() -> None:
    lead = "MERRITON \u2014 Tessaly State University's Board of Trustees voted 7-4 on Thursday to raise tuition."
    thursday = next(f for f in source_facts(lead, dt.date(2026, 6, 12)).facts if f.kind == "date")
    assert thursday.party == "tessaly state university board"
    assert conflicts("Tessaly State's trustees voted on Wednesday, June 10.", lead, dt.date(2026, 6, 12)) == ["date"]


CREST = (
    "The Tessaly River crested at 31.4 feet at the Marlow gauge shortly after 4 a.m. on Thursday, about two "
    "feet below the record set in 1987, the National Weather Service said."
)


@pytest.mark.parametrize(("claim", "expected"), [("Wednesday", ["date"]), ("Thursday", [])])
def test_a_claimed_day_is_checked_against_the_sentences_days_not_its_years(claim: str, expected: list[str]) -> None:
    # "in 1987" hangs on "crested" in the parse ("record set" read as one noun): it cannot say which day
    assert conflicts(f"The Tessaly River crested at Marlow on {claim}.", CREST, dt.date(2024, 5, 17)) == expected


HEARING = "About 140 people attended the three-hour hearing at City Hall before the vote, and 52 of them spoke."


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("Fewer than 100 people attended the hearing before the vote.", ["quantity"]),
        ("More than 100 people attended the hearing before the vote.", []),
        # people of another happening in the same sentence are no rivals
        ("Fewer than 100 people spoke against the fare increase at the hearing.", []),
        # nor where the claim narrows them by a name the sentence does not give (a part of them)
        ("Fewer than 100 people attended the hearing in the Carver Hotel ballroom.", []),
    ],
)
def test_people_the_restating_sentence_says_the_same_verb_of_are_the_claims_people(
    claim: str, expected: list[str]
) -> None:
    assert conflicts(claim, HEARING) == expected


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The merged credit union will have about $3.2 billion in assets.", ["money"]),
        ("The merged credit union will have about $2.9 billion in assets.", []),
        # two steps of the last written digit or less: one writer's rounding may reach the other's
        ("The merged credit union will have about $3 billion in assets.", []),
    ],
)
def test_round_figures_written_to_one_step_conflict_when_far_apart(claim: str, expected: list[str]) -> None:
    passage = "The two credit unions agreed to merge, forming a lender with about $2.9 billion in assets."
    assert conflicts(claim, passage) == expected


FARE = "The board voted 6-3 on Wednesday to raise the base bus fare from $1.75 to $2.25 starting July 1."


def test_cents_are_money_and_going_up_by_them_is_a_change() -> None:
    dividend = "The board approved a quarterly dividend of $0.24 a share."
    assert said("The board approved a quarterly dividend of 24 cents a share.", dividend)[-1][:2] == ("money", True)
    # "go up by 50 cents" is the difference of $1.75 and $2.25, not a fare of 50 cents
    assert [f[:2] for f in said("The base fare will go up by 50 cents, to $2.25.", FARE)] == [
        ("money", True),
        ("money", True),
    ]
    assert conflicts("The base fare will go up by 75 cents, to $2.25.", FARE) == []  # a change only ever agrees


@pytest.mark.parametrize(("size", "agrees"), [("12 percent", True), ("15 percent", False)])
def test_a_changes_size_told_by_its_verb_is_a_change(size: str, agrees: bool) -> None:
    # "the increase amounts to ...": the size of the change, met by "a 12 percent increase"
    raise_ = "The 12 percent increase in water rates takes effect July 1."
    assert said(f"The water rate increase amounts to {size}.", raise_) == [("percent", agrees, size, "12 percent")]


def test_an_exact_figure_just_past_a_bound_meets_it() -> None:
    # 2,508 is "more than 2,500", though the slack an exact figure gets reaches below 2,500
    poll = "The poll surveyed 2,508 registered voters in the county last week."
    assert said("The poll surveyed more than 2,500 registered voters.", poll) == [
        ("quantity", True, "more than 2,500", "2,508")
    ]
    assert not any(f[1] for f in said("The poll surveyed fewer than 2,500 registered voters.", poll))


def test_a_share_of_something_is_no_change() -> None:
    # "amount to 8 percent of its employees": a share, met by a share
    cuts = "The layoffs amount to about 8 percent of the district's 900 employees."
    assert said("The layoffs amount to about 8 percent of the district's employees.", cuts) == [
        ("percent", True, "about 8 percent", "about 8 percent")
    ]


def test_a_number_that_says_which_one_is_no_count() -> None:
    survey = "The study surveyed 3,412 students in grades 8 through 12 at 27 schools."
    assert said("The study surveyed 3,412 students in grades 9 through 12.", survey) == [
        ("quantity", True, "3,412", "3,412")
    ]
    assert [f.kind for f in source_facts("He wears No. 21.", PUB).facts if f.kind == "quantity"] == []
    # "no" without its full stop is a "no": the year stays
    assert [f.text for f in source_facts("There was no 2019 budget for the park.", PUB).facts] == ["2019"]


def test_time_spent_is_time_used() -> None:
    # two groups compared: the claim's group is the one that "spent" its hours, not the other
    survey = (
        "Adults who spent more than three hours a day on social media were twice as likely to report "
        "poor sleep as those who used it for less than one hour, the survey found."
    )
    claim = "A third of the adults surveyed used social media more than three hours a day."
    assert said(claim, survey) == [("duration", True, "more than three hours", "more than three hours")]


BUDGET_VOTE = "The Halvorsen school board voted 4-3 on Tuesday night to approve a $48.6 million operating budget."


@pytest.mark.parametrize(("day", "expected"), [("Monday", ["date"]), ("Tuesday", [])])
def test_a_vote_to_approve_dates_the_approval(day: str, expected: list[str]) -> None:
    claim = f"The Halvorsen school board approved the budget on {day}."
    assert conflicts(claim, BUDGET_VOTE, dt.date(2025, 3, 12)) == expected


def test_the_day_before_an_event_is_no_length_of_time() -> None:
    facts = claim_facts(["Grace Whitfield presented the final budget the day before the board voted."])[0]
    assert not [f for f in facts.facts if f.kind == "duration"]


def test_a_crowd_counts_the_fans_and_spectators_a_claim_says_attended() -> None:
    game = (
        "Halden State players spilled onto the floor at Merrivale Civic Arena in front of a crowd of 8,912 "
        "after the semifinal."
    )
    assert ("quantity", False, "More than 9,000", "8,912") in said(
        "More than 9,000 fans attended the semifinal at Merrivale Civic Arena.", game
    )
    assert ("quantity", True) in [
        (f.kind, f.agrees)
        for f in check_text(
            "Nearly 9,000 spectators watched the semifinal at Merrivale Civic Arena.", game, PUB
        ).findings
    ]
    # the players are no count of the crowd's
    assert "quantity" not in conflicts("More than 9,000 players were on the floor at Merrivale Civic Arena.", game)


def test_a_figure_of_the_year_before_is_no_figure_of_the_reported_period() -> None:
    results = (
        "Net income for the three months ended June 30 was $41.3 million, or 96 cents a share, compared with "
        "$35.0 million, or 81 cents a share, in the same period last year."
    )
    # last year's 81 cents confirms nothing of this quarter's
    assert ("money", True) not in [
        (f.kind, f.agrees)
        for f in check_text("Pemberton earned 81 cents a share in the quarter.", results, PUB).findings
    ]
    assert ("money", True, "96 cents", "96 cents") in said("Pemberton earned 96 cents a share in the quarter.", results)
    # a claim about the year before is read against the year before's figure, wherever it says so
    for year_before in (
        "A year earlier, Pemberton earned 81 cents a share.",
        "Pemberton earned 81 cents a share in the same period last year.",
        "Pemberton earned 81 cents a share in the second quarter a year earlier.",
    ):
        found = said(year_before, results)
        assert not [f for f in found if f[0] == "money" and not f[1]], (year_before, found)
    # the base of a change is not the year before's figure ("rose 18 percent from a year earlier")
    rose = "Second-quarter profit rose 18 percent from a year earlier."
    assert ("percent", True, "18 percent", "18 percent") in said("Pemberton's profit rose 18 percent.", rose)


def test_a_weekday_of_a_verb_said_with_a_modal_is_the_coming_one() -> None:
    wednesday = dt.date(2026, 3, 11)
    advisory = (
        "Water Department Director Teodora Marsh said the advisory could be lifted as early as Thursday "
        'evening "if the numbers hold."'
    )
    claim = "The director said the boil-water advisory might be lifted as soon as the evening of March 12."
    assert ("date", True, "March 12", "Thursday") in said(claim, advisory, wednesday)
    assert ("date", False) in [
        (f.kind, f.agrees) for f in check_text(claim.replace("March 12", "March 5"), advisory, wednesday).findings
    ]
    # "could have" looks back
    looked_back = "Marsh said the advisory could have been lifted on Monday had the samples come back sooner."
    assert ("date", True, "March 9", "Monday") in said(
        "Marsh said the advisory could have been lifted on March 9.", looked_back, wednesday
    )


def test_an_ordinal_that_names_which_thing_rules_only_on_the_same_act() -> None:
    stage = "Tomas Verhaegen of Brightline Cycling won the fourth stage of the Tour of the Garnet Hills on Thursday."
    # the fifth stage is another stage: what it is won on says nothing of when it takes place
    assert "ordinal" not in conflicts("The fifth stage of the Tour of the Garnet Hills takes place on Friday.", stage)
    assert ("ordinal", False, "fifth", "fourth") in said(
        "Tomas Verhaegen won the fifth stage of the Tour of the Garnet Hills.", stage
    )


def test_a_day_counted_from_another_event_dates_that_event_by_the_count() -> None:
    thursday = dt.date(2026, 2, 19)
    spill = (
        "Two downstream communities were still drawing on stored water Thursday, three days after a freight "
        "train derailed near Quarry Bend and spilled an industrial chemical into the Tamsin River."
    )
    assert ("date", True, "Feb. 16", "Thursday") in said(
        "The freight train derailed near Quarry Bend on Feb. 16.", spill, thursday
    )
    assert ("date", False, "Feb. 19", "Thursday") in said(
        "The freight train derailed near Quarry Bend on Feb. 19.", spill, thursday
    )


def test_a_figure_said_of_another_named_subject_is_no_rival() -> None:
    standings = (
        "Verhaegen has 87 points to Ferrandi's 75. Pellegrin, who picked up four more mountain points on the "
        "day's only categorized climb, leads the climbers' competition with 31 points."
    )
    assert "quantity" not in conflicts("Tomas Verhaegen leads Luca Ferrandi by 12 points in the standings.", standings)
    # the same subject's other figure still conflicts
    assert ("quantity", False, "35", "31") in said(
        "Pellegrin leads the climbers' competition with 35 points.", standings
    )


def test_a_length_of_time_in_a_rate_is_none() -> None:
    severance = "Laid-off hourly employees will receive one week of pay for every year of service, up to 26 weeks."
    claim = "A laid-off hourly worker with 30 years of service would get 26 weeks of severance pay."
    assert "duration" not in conflicts(claim, severance)
    assert not [f for f in check_text(claim, severance, PUB).findings if f.source in ("one week", "every year")]


def test_a_verb_that_passes_a_figure_is_its_comparator() -> None:
    tuition = "Tuition for out-of-state undergraduates will rise 8 percent, from $29,500 to $31,860."
    assert ("money", True, "$31,000", "$31,860") in said(
        "Out-of-state undergraduate tuition will top $31,000.", tuition
    )
    # "the top 10" is no comparator
    assert [
        f.comparator for f in claim_facts(["She finished in the top 10 of the 40 riders."])[0].facts if f.value == 10
    ] == ["="]


def test_a_share_of_the_whole_confirms_nothing_of_an_age_group() -> None:
    poll = "The poll of 612 likely voters found 51 percent support Measure H and 43 percent oppose it."
    claim = "Support for Measure H among voters 65 and older topped 50 percent in the poll."
    assert ("percent", True) not in [(f.kind, f.agrees) for f in check_text(claim, poll, PUB).findings]
    # the whole's share still confirms the whole's
    assert ("percent", True, "50 percent", "51 percent") in said(
        "Support for Measure H topped 50 percent in the poll.", poll
    )


def test_a_figure_of_the_other_group_says_nothing_of_the_claims() -> None:
    tuition = (
        "Tuition for out-of-state undergraduates will rise 8 percent, from $29,500 to $31,860. In-state "
        "undergraduate tuition will rise 6.5 percent this fall."
    )
    assert "percent" not in conflicts("Graduate tuition will rise 5 percent this fall.", tuition)
    assert ("percent", False, "5 percent", "8 percent") in said(
        "Tuition for out-of-state undergraduates will rise 5 percent.", tuition
    )
    assert ("percent", True, "6.5 percent", "6.5 percent") in said("In-state tuition will rise 6.5 percent.", tuition)


def test_a_clause_naming_none_of_the_claims_names_denies_nothing_of_it() -> None:
    union = (
        "Under the company's agreement with Metal Trades Union Local 1417, which represents about 880 of the "
        "plant's workers, laid-off hourly employees will receive severance."
    )
    assert "negation" not in conflicts("Workers at Ambrook's Kellerman plant are not represented by a union.", union)
    assert "negation" in conflicts("Workers at the plant are not represented by a union.", union)
    # the names may stand outside the clause that restates the claim
    wants = (
        "According to Durov, Russian intelligence services seek access to all users' messages and not the data "
        "that Telegram is ready to provide."
    )
    claim = (
        "According to Durov, what Russia's intelligence services really want is not access to every message "
        "sent by Telegram users."
    )
    assert "negation" in conflicts(claim, wants)


def test_a_share_that_restates_another_partys_count_is_that_partys() -> None:
    recount = "The recount gave Barkowski 21,407 votes, or 49.93 percent, to Pruett's 21,352, or 49.80 percent."
    assert ("percent", False) in [
        (f.kind, f.agrees)
        for f in check_text("Gordon Pruett received 49.93 percent of the vote.", recount, PUB).findings
    ]
    assert ("percent", True, "49.80 percent", "49.80 percent") in said(
        "Gordon Pruett received 49.80 percent of the vote.", recount
    )
    assert ("percent", True, "49.93 percent", "49.93 percent") in said(
        "Anita Barkowski received 49.93 percent of the vote.", recount
    )


def test_money_raised_is_money_collected_not_a_change() -> None:
    raised = (
        "The increases are expected to bring in about $19.6 million. Of that, $4.1 million will go to financial aid."
    )
    claim = "Tessaly State expects its tuition increases to raise roughly $16 million."
    # not worked out as 19.6 - 4.1
    assert not [f for f in check_text(claim, raised, PUB).findings if f.agrees]
    assert [f.role for f in claim_facts([claim])[0].facts if f.kind == "money"] == [""]


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # a bound written after the figure: two lower bounds never conflict
        (
            "Members of the club won more than $2 million in prizes last year.",
            "Members may not claim any prize of $500 or more won at their own club.",
        ),
        # a margin and a difference said with a comparative are differences, worked out or left alone
        (
            "The school bond passed by a margin of 412 votes.",
            "The school bond passed 3,120 votes to 2,708, according to the county clerk.",
        ),
        (
            "The truck was traveling 15 miles per hour faster than the limit.",
            "The truck was traveling at 50 miles per hour, faster than the 35 mph limit on the bridge, police said.",
        ),
        # a denied act done to another thing: "would not cut salaries" is not answered by fares cut
        (
            "Mayor Ruiz said Brookvale would not cut salaries for its clerks.",
            "Mayor Ruiz said Brookvale would not lower wages for clerks and that bus fares would be cut by 10%.",
        ),
    ],
)
def test_true_copy_near_a_bound_a_margin_or_another_things_act_is_not_contradicted(claim: str, passage: str) -> None:
    assert conflicts(claim, passage) == []


def test_a_bound_after_a_figure_is_its_comparator() -> None:
    facts = claim_facts(["Groups of 10 or fewer may enter, and prizes of $600 or more are taxed."])[0].facts
    assert [(f.text, f.comparator) for f in facts if f.kind in ("quantity", "money")] == [("10", "<="), ("$600", ">=")]


def test_a_margin_and_a_figure_before_a_comparative_are_differences() -> None:
    margin, faster, level = claim_facts(
        [
            "The bond passed by a margin of 412 votes.",
            "The truck was going 15 miles per hour faster than the limit.",
            "The truck was going 50 miles per hour.",
        ]
    )
    assert [f.role for f in margin.facts if f.kind == "quantity"] == ["change"]
    assert [f.role for f in faster.facts if f.kind == "quantity"] == ["change"]
    assert [f.role for f in level.facts if f.kind == "quantity"] == [""]
    # worked out from the tally, whose second count takes the first's unit
    assert said("The bond passed by a margin of 412 votes.", "The bond passed 3,120 votes to 2,708.") == [
        ("quantity", True, "412", "3,120 and 2,708")
    ]


def test_an_age_told_by_its_decade_is_an_age_not_a_decade() -> None:
    facts = claim_facts(["The driver, a woman in her late 40s, was hurt; two men in their 30s were not."])[0].facts
    assert [(f.unit, f.value, f.upper) for f in facts if f.unit == "age"] == [("age", 47.0, 49.0), ("age", 30.0, 39.0)]
    assert not [f for f in facts if f.kind == "date"]


def test_each_clause_verb_keeps_what_it_is_done_to_in_either_voice() -> None:
    active, passive = claim_facts(["The club will reduce ticket prices.", "Ticket prices will be reduced."])
    assert list(active.undergoers.values()) == [Party(("ticket", "price"))]
    assert list(passive.undergoers.values()) == [Party(("ticket", "price"))]


def test_a_doer_keeps_how_many_it_counts() -> None:
    finished, dropped = claim_facts(["121 riders finished the stage.", "Eleven riders did not finish the stage."])
    assert list(finished.doers.values()) == [Party(("rider",), count=121)]
    assert list(dropped.doers.values()) == [Party(("rider",), count=11)]


def test_parties_survive_the_index_round_trip() -> None:
    facts = claim_facts(["Mayor Hale's office said 121 riders finished the stage."])[0]
    again = TextFacts.from_json(json.loads(json.dumps(facts.to_json())))
    assert again.doers == facts.doers and again.undergoers == facts.undergoers
    assert sorted(again.doers.values(), key=str) == [
        Party(("mayor", "hale", "office")),
        Party(("rider",), count=121),
    ]


def test_an_age_beside_a_name_is_that_persons_and_only_conflicts() -> None:
    source = "Dana Whitlow, 34, of Carver, was hurt when the scaffold gave way."
    facts = claim_facts([source])[0].facts
    assert [(f.value, f.unit, f.party) for f in facts if f.unit == "age"] == [(34.0, "age", "dana whitlow")]
    assert said("Dana Whitlow, 43, was hurt when the scaffold gave way.", source) == [("age", False, "43", "34")]
    # the same age says who, not what happened: its finding backs nothing (kind "age")
    assert said("Dana Whitlow, 34, of Lisle, was hurt when the scaffold gave way.", source) == [
        ("age", True, "34", "34")
    ]
    # another person's age is no rival (the name is)
    assert conflicts("Sam Ortiz, 43, was hurt when the scaffold gave way.", source) == ["name"]


def test_coming_off_the_bench_is_entering_not_a_goal_that_came() -> None:
    assert conflicts("Okoro came off the bench in the 70th minute.", "The equalizer came in the 74th minute.") == []
    assert [
        f.verb for f in claim_facts(["Okoro came on for Reyes in the 70th minute."])[0].facts if f.kind == "ordinal"
    ] == ["enter"]
    assert [f.verb for f in claim_facts(["The ruling came on Tuesday."])[0].facts if f.kind == "date"] == ["come"]


def test_an_event_that_occurred_is_dated_as_its_noun() -> None:
    source = "The bus hit a delivery van on Route 9 at 7:15 a.m. on Oct. 14."
    assert said("The collision occurred on Oct. 14.", source, dt.date(2025, 10, 20)) == [
        ("date", True, "Oct. 14", "Oct. 14")
    ]
    dated = claim_facts(["The crash took place on Oct. 4.", "The collision occurred on Oct. 14.", "It happened Oct. 4"])
    verbs = [[f.verb for f in facts.facts if f.kind == "date"] for facts in dated]
    assert verbs == [["crash"], ["collide"], ["happen"]]


def test_money_by_the_year_is_a_rate_compared_only_with_a_rate() -> None:
    facts = claim_facts(["The levy raises $3.1 million a year, up from $2.6 million, and cost $40,000 once."])[0]
    assert [f.unit for f in facts.facts if f.kind == "money"] == ["$/year", "$/year", "$"]
    total = "The board agreed to spend $420,000 over two years on the mowing program."
    assert conflicts("The mowing program will cost about $210,000 a year.", total) == []
    assert conflicts("The mowing program will cost about $210,000 a year.", "It costs $300,000 a year.") == ["money"]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        (
            "Turnout narrowed to 28.1 percent from 28.6 percent.",
            [("28.1 percent", "later"), ("28.6 percent", "earlier")],
        ),
        ("The rink drew 41,000 fans, down from 56,000 a year earlier.", [("41,000", "later"), ("56,000", "earlier")]),
        ("Fares rose from $2.50 to $2.75.", [("$2.50", "earlier"), ("$2.75", "later")]),
        ("Listings rose to 2,140 rentals from 1,760.", [("2,140", "later"), ("1,760", "earlier")]),
        # not a change: the finalists were chosen from the entrants
        ("The jury picked 12 finalists from 300 entries.", [("12", ""), ("300", "")]),
    ],
)
def test_a_changes_two_ends_are_marked_once_by_the_extractor(text: str, ends: list[tuple[str, str]]) -> None:
    facts = claim_facts([text])[0].facts
    assert [(f.text, f.change_end) for f in facts if f.kind in ("quantity", "money", "percent")] == ends


def test_where_a_change_began_is_compared_only_with_where_one_began() -> None:
    both = "Alder's jobless rate fell by a point, to 4 percent, while Brill's rose to 5 percent from 4 percent."
    # the sentence never says where Alder's change began: Brill's "5 percent" is where another ended
    assert conflicts("Alder's jobless rate fell to 4 percent from 5 percent.", both) == []
    assert conflicts("The rate rose to 7 percent from 3 percent.", "The rate rose to 7 percent from 6 percent.") == [
        "percent"
    ]


def test_another_rank_of_the_same_extreme_conflicts_only_for_the_claims_subject() -> None:
    mill = "The paper mill, which employs 300 people, is the county's second-largest employer, after the hospital."
    assert conflicts("The paper mill is the county's largest employer.", mill) == ["ordinal"]
    assert conflicts(
        "The mill is the county's third-largest employer.", "The mill is the county's second-largest employer."
    ) == ["ordinal"]
    # the hospital is the largest; another scope ("the state's") is another list
    assert conflicts("The hospital is the county's largest employer.", mill) == []
    assert conflicts("The paper mill is the state's largest employer.", mill) == []
    both = "The hospital is the county's largest employer, while the mill is its second-largest."
    assert conflicts("The hospital is the county's largest employer.", both) == []


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # found by the review of this pass's rules: each was called false by a first version
        ("Acme is the largest employer in town.", "Acme is the second-largest employer in the state."),
        (
            "Acme is the county's largest employer.",
            "Acme is the region's second-largest employer and the county's largest.",
        ),
        ("Acme is the town's largest employer.", "Acme, the town's second-largest employer in 2010, has since grown."),
        ("Rent is $1,400 a month.", "The apartment rents for $1,400, plus $50 a month for parking."),
        (
            "The city received $2 million a month later.",
            "The city received $2 million in May and $1 million a month earlier.",
        ),
        (
            "The board approved the contract.",
            "The board approved the deal Monday, though it has not approved the contract's final terms.",
        ),
        ("Smith, 45, was charged.", "Mary Smith, 41, said her husband was charged."),
        ("Ramos, 33, signed a new contract.", "Ramos, 32, signed a new contract last season."),
        ("The company's gross margin of 40 percent beat forecasts.", "Gross margin rose 3 percent to 40 percent."),
        ("The storm struck on Oct. 4.", "A crash occurred Oct. 5 on the flooded highway after the storm."),
        # a verb said of another count of the thing ("48 finished" is said of others than the nine),
        # and a count of those who did not is no count of those who started
        ("Nine runners who started did not finish the race.", "Of the 57 runners who started, 48 finished the race."),
        (
            "Six boats that started the regatta did not finish it.",
            "Of the 40 boats that started the regatta, 34 finished it.",
        ),
    ],
)
def test_true_copy_near_this_passs_new_rules_is_not_contradicted(claim: str, passage: str) -> None:
    assert conflicts(claim, passage) == []


def test_a_verb_said_of_the_same_count_is_denied() -> None:
    assert conflicts("48 runners did not finish the race.", "Of the 57 runners who started, 48 finished the race.") == [
        "negation"
    ]


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # found by the review, called false before this pass too
        ("Voters rejected the levy.", "Voters rejected the levy, 1,060 no votes to 1,020 yes votes."),
        ("Police arrested the driver.", "Police arrested the motorist but did not arrest the driver's passenger."),
        ("Police charged the teen.", "Police charged the 17-year-old but have not charged the teen's father."),
    ],
)
def test_a_tallys_no_votes_and_a_possessor_deny_nothing(claim: str, passage: str) -> None:
    assert conflicts(claim, passage) == []


def test_a_rank_said_of_a_pronoun_is_nobodys() -> None:
    assert (
        conflicts("Acme is the town's largest employer.", "It is the town's second-largest employer, after Acme.") == []
    )


def test_a_count_of_what_a_change_verb_changes_is_a_difference() -> None:
    # "grew by about 14,000 visitors" is worked out from the two ends, a date between them read past
    source = "The museum drew about 118,000 visitors last year, up from 104,000 the year before."
    assert said("Museum attendance grew by about 14,000 visitors last year.", source) == [
        ("quantity", True, "about 14,000", "about 118,000 and 104,000")
    ]
    assert conflicts("Museum attendance grew by about 30,000 visitors last year.", source) == []
    assert conflicts("The museum drew about 104,000 visitors last year.", source) == ["quantity"]
    # "cut nine turbines" is no rival of the 51 first proposed; a stated cut still is
    plan = "The company first proposed 51 turbines in 2024 but scaled the plan back. It now plans 42 turbines."
    assert ("quantity", True, "nine", "51 and 42") in said("Plainsgate has cut nine turbines from its plan.", plan)
    assert conflicts("The company cut 40 jobs.", "The company cut 35 jobs in March.") == ["quantity"]


def test_an_act_turned_down_is_stated_neither_way() -> None:
    source = "Mayor Gordon Heppner said Wednesday that he would not propose a property tax increase this year."
    assert conflicts("Heppner ruled out proposing a property tax increase this year.", source) == []
    assert conflicts("Heppner declined to propose a property tax increase this year.", source) == []
    refused = "Heppner said he refused to propose a property tax increase this year."
    assert conflicts("Heppner will not propose a property tax increase this year.", refused) == []
    assert conflicts("Heppner will propose a property tax increase this year.", source) == ["negation"]


def test_a_day_that_owns_a_thing_says_which_it_is() -> None:
    race = "Of the 132 riders who started the race in Harlan City on Thursday, 121 finished Sunday's stage."
    published = dt.date(2026, 8, 10)
    assert conflicts("Vos started Sunday's stage as the race leader.", race, published) == []
    assert [f.label for f in claim_facts(["Vos started Sunday's stage."])[0].facts if f.kind == "date"] == ["which"]
    assert conflicts("Vos started the race on Friday.", race, published) == ["date"]
    # a day that owns an act still dates it
    assert [f.label for f in claim_facts(["Tuesday's ruling was appealed."])[0].facts if f.kind == "date"] == [""]


def test_a_speaker_named_by_title_and_surname_is_the_one_named_in_full() -> None:
    source = "No teachers will be laid off, Superintendent Angela Marsh said, though 11 positions will go."
    assert conflicts("Superintendent Marsh said the closures would not lead to teacher layoffs.", source) == []
    assert conflicts("John Marsh said no teachers will be laid off.", source) == ["name"]
    assert conflicts("Superintendent Marsh said the plan was sound.", "Superintendent Angela Marsh said so.") == []


def test_a_contests_margin_is_worked_out_from_its_score_and_no_count_of_points() -> None:
    lead = "Harlan State rallied from a five-point deficit to beat second-seeded Westbrook 78-71 on Saturday."
    assert said("Harlan State beat Westbrook by seven points.", lead) == [("quantity", True, "seven", "78-71")]
    turnovers = "Westbrook committed 15 turnovers, which Harlan State converted into 19 points."
    assert conflicts("Harlan State beat Westbrook by seven points.", turnovers) == []
    assert conflicts("Hale won by 12 votes.", "Hale received 1,012 votes to Tandy's 1,000.") == []
    assert conflicts("Hale won by 15 votes.", "Hale won by 12 votes.") == ["quantity"]
    # how far behind a side fell is a level, compared as one
    behind = claim_facts(["Harbor City fell behind by 15 points early in the third quarter."])[0].facts
    assert [f.role for f in behind if f.kind == "quantity"] == [""]


def test_the_claims_own_whole_is_no_rival_of_its_part() -> None:
    offered = "About 120 employees at the affected stations will be offered transfers to other airports."
    part = "About 45 of the 120 employees being offered transfers work at the Kellerton station."
    assert conflicts(part, offered) == []
    other_part = "About 30 of the 120 employees work at the Kellerton station."
    assert conflicts("About 45 of the 120 employees work at the Kellerton station.", other_part) == ["quantity"]


def test_a_denied_expectation_of_another_act_denies_nothing() -> None:
    expected = "Castellanos said she expected more cases."
    assert conflicts("Castellanos said she does not expect the outbreak to stop at seven cases.", expected) == []
    assert conflicts("Castellanos said she does not expect more cases.", expected) == ["negation"]
    assert conflicts("The council did not vote to approve the plan.", "The council voted to reject the plan.") == []


def test_not_until_dates_the_denied_verb_however_the_parse_hangs_until() -> None:
    text = (
        "The patient sought treatment on Jan. 27. The patient was not diagnosed with measles until three days"
        " later, when a rash appeared and the person returned to the clinic."
    )
    published = dt.date(2026, 2, 5)
    later = next(f for f in source_facts(text, published).facts if f.text == "three days later")
    assert (later.first, later.label, later.verb) == ("2026-01-30", "", "diagnose")
    assert said("The patient was diagnosed with measles on Jan. 30.", text, published) == [
        ("date", True, "Jan. 30", "three days later")
    ]
    assert conflicts("The patient was diagnosed with measles on Jan. 29.", text, published) == ["date"]


def test_a_count_of_them_and_a_bare_count_after_it_count_what_came_before() -> None:
    recount = (
        "The campaigns challenged 27 ballots, most over stray marks; the canvass board accepted 19 of them and"
        " rejected 8."
    )
    assert [f.unit for f in source_facts(recount, PUB).facts if f.kind == "quantity"] == ["vote", "vote", "vote"]
    assert conflicts("The canvass board rejected 19 of the 27 challenged ballots.", recount) == ["quantity"]
    assert conflicts("The canvass board rejected eight of the 27 challenged ballots.", recount) == []


def test_another_halfs_figure_agrees_with_nothing() -> None:
    first_half = "Kofi Mensah scored 12 points in the first half."
    assert said("Kofi Mensah scored 12 points in the second half.", first_half) == []
    assert said("Kofi Mensah scored 12 points.", first_half) == [("quantity", True, "12", "12")]


def test_an_officers_other_title_before_the_same_name_conflicts() -> None:
    source = "The five routes accounted for about 2% of revenue, Chief Financial Officer Priya Natarajan said."
    claim = "Chief Executive Priya Natarajan said the five routes accounted for about 2% of revenue."
    assert conflicts(claim, source) == ["name"]
    assert conflicts(claim.replace("Chief Executive", "Chief Financial Officer"), source) == []
    # a former post, or the claim's own title given elsewhere, is no conflict
    assert conflicts(claim, source.replace("Chief Financial", "former Chief Financial")) == []
    both = "Chief Executive Priya Natarajan spoke first. " + source
    assert "name" not in conflicts(claim, both)


def test_a_reversed_preference_or_the_other_side_of_a_place_backs_nothing() -> None:
    stage = "Monday's stage is a rolling route expected to favor breakaway riders rather than the overall contenders."
    reversed_ = "Monday's stage is expected to suit the overall contenders rather than breakaway riders."
    assert check_text(reversed_, stage, PUB).opposed_verb
    assert not check_text(
        "Monday's stage is expected to favor breakaway riders rather than the overall contenders.", stage, PUB
    ).opposed_verb
    village = "About 1,100 people live downstream in the village of Carver Mills."
    assert check_text("About 1,100 people live upstream of the dam in Carver Mills.", village, PUB).opposed_verb
    assert not check_text("About 1,100 people live downstream of the dam in Carver Mills.", village, PUB).opposed_verb


def test_a_rate_by_the_year_past_what_it_is_per() -> None:
    paid = claim_facts(["Landowners would be paid about $9,000 per turbine each year."])[0].facts
    assert [f.unit for f in paid if f.kind == "money"] == ["$/year"]
    yearly = "Landowners would be paid about $9,000 per turbine each year, according to Plainsgate."
    assert said("Landowners would be paid about $9,000 per turbine over the full term of their leases.", yearly) == []


def test_where_a_change_began_does_not_back_where_one_ended() -> None:
    source = "The report sets the 2027 contribution at $24.6 million, up from $19.8 million this year."
    ended = claim_facts(["The contribution will fall to $19.8 million in 2027."])[0].facts
    assert [f.change_end for f in ended if f.kind == "money"] == ["later"]
    assert ("money", True, "$19.8 million", "$19.8 million") not in said(
        "The contribution will fall to $19.8 million in 2027.", source
    )
    assert ("money", True, "$24.6 million", "$24.6 million") in said(
        "The contribution will rise to $24.6 million in 2027.", source
    )
    assert ("money", True, "$19.8 million", "$19.8 million") in said(
        "The contribution is $19.8 million this year.", source
    )


def test_an_officer_with_two_posts_or_a_new_one_is_no_conflict() -> None:
    claim = "Chief Executive Priya Natarajan said sales rose."
    for source in (
        "Chief Executive Officer and Chief Financial Officer Priya Natarajan said sales rose 4 percent.",
        "Chief Financial Officer Priya Natarajan, who was named chief executive last week, said sales rose.",
        "Chief Operating Officer Priya Natarajan, who became chief executive on Jan. 1, said sales rose.",
    ):
        assert conflicts(claim, source) == []
    former = "Chief Executive Priya Natarajan, the company's former chief financial officer, said sales rose."
    assert conflicts("Former Chief Financial Officer Priya Natarajan now leads the company.", former) == []
    # another person's chief executive leaves the claim's title unexplained
    two = "Chief Executive Tom Ashby spoke first. Sales rose, Chief Financial Officer Priya Natarajan said."
    assert conflicts(claim, two) == ["name"]


def test_them_after_two_counted_things_says_not_which() -> None:
    source = "The campaigns challenged 27 ballots and filed 3 lawsuits; the board accepted 19 of them and rejected 8."
    assert [f.unit for f in source_facts(source, PUB).facts if f.kind == "quantity"] == ["vote", "lawsuit", "they", ""]
    assert conflicts("The board rejected eight ballots.", source) == []


def test_a_count_lost_or_laid_off_is_a_difference() -> None:
    staff = "The company now has 210 workers, down from 250."
    assert said("The company laid off 40 workers.", staff) == [("quantity", True, "40", "210 and 250")]
    assert conflicts("The company lost 40 workers.", staff) == []
    assert conflicts("The company lost 40 employees.", "The company lost 35 employees last year.") == ["quantity"]


def test_a_day_inside_a_since_span_does_not_give_where_it_began() -> None:
    """ "has been chief executive since 2019" is backed by the year the post began, not by any later
    day the source dates her in it ("said on a call ... this spring")."""
    claim = "Lorraine Whitaker has been Pemberton's chief executive since 2019."
    spring = (
        '"Customers came back in a big way this spring," chief executive Lorraine Whitaker said on a call '
        "with analysts."
    )
    published = dt.date(2025, 8, 7)
    assert [f for f in said(claim, spring, published) if f[0] == "date"] == []
    began = "Lorraine Whitaker became Pemberton's chief executive in 2019."
    assert ("date", True, "2019", "2019") in said(claim, began, published)
    # a later year is no backing either, and not called a conflict: she may have held it since 2019
    later = "Lorraine Whitaker was named Pemberton's chief executive in 2021."
    assert ("date", True) not in [f[:2] for f in said(claim, later, published)]


def test_an_order_conflict_needs_the_claims_own_act_in_the_sentence() -> None:
    """A sentence that orders another act says nothing of when the claim's came: "learned of the
    layoffs ... one day before the public announcement" is no answer to "voted to authorize a strike
    after the layoffs were announced"; "Before the vote, the crowd rallied" still is to "The crowd
    rallied after the vote"."""
    learned = (
        "Local 88 of the Riverside Nurses Union, which represents the hospital's nurses, said it learned of "
        "the cuts Monday morning, one day before the public announcement."
    )
    claim = "Local 88 of the Riverside Nurses Union voted to authorize a strike after the cuts were announced."
    assert "date" not in conflicts(claim, learned)
    assert conflicts("The crowd rallied after the vote.", "Before the vote, the crowd rallied outside city hall.") == [
        "date"
    ]


@pytest.mark.parametrize(
    ("claim", "passage", "kinds"),
    [
        # a total or a margin worked out from two of the sentence's figures is no conflict
        (
            "In all, 209 homes in Pell County were destroyed or damaged by the tornado.",
            "County officials said 61 homes were destroyed and another 148 were damaged.",
            [],
        ),
        (
            "Pike broke Callahan's franchise record for goals in a single playoff series by one goal.",
            "Pike's two goals gave him six in the series, a franchise record for a single playoff round, breaking "
            "the mark of five set by Callahan in 2009.",
            [],
        ),
        # small counts add up by chance, and "survived by" is no margin
        ("Two people died in the fire.", "Three people died in the fire and one was injured.", ["quantity"]),
        (
            "Van Tassel is survived by three daughters.",
            "Van Tassel is survived by four daughters and one son.",
            ["quantity"],
        ),
        # the claim's figure is there as another thing's: a swap, not a sum
        (
            "The canvass board rejected 19 of the 27 challenged ballots.",
            "The canvass board reviewed 27 challenged ballots, accepted 19 of them and rejected 8.",
            ["quantity"],
        ),
    ],
)
def test_a_figure_worked_out_from_two_of_the_sentences_is_not_contradicted(
    claim: str, passage: str, kinds: list[str]
) -> None:
    assert [k for k in conflicts(claim, passage) if k == "quantity"] == kinds


def test_a_count_of_those_who_did_not_is_the_rest_not_a_denial() -> None:
    """ "222 did not attend" against "371 of 593 attended": the rest of the 593; the same count
    said both ways is a denial."""
    attended = "Just under two-thirds of those offered places, 371 of 593, attended at least half the sessions."
    rest = "Of the 593 people offered places, 222 did not attend at least half the sessions."
    assert "negation" not in conflicts(rest, attended)
    same = "Of the 593 people offered places, 371 did not attend at least half the sessions."
    assert "negation" in conflicts(same, attended)


def test_a_clock_reading_and_a_tally_of_shots_are_not_the_score() -> None:
    """ "2:14 into overtime" counts no goals; "outshot Millhaven 37-33" is a tally of shots, not the
    game's 4-3."""
    game = "Dufresne's goal 2:14 into overtime gave the Mariners a 4-3 win over the Carrick Stags in Game 7."
    assert "quantity" not in conflicts("The Carrick Stags held a two-goal lead in Game 7.", game)
    assert "score" not in conflicts("Carrick outshot the Mariners 37-33 in Game 7.", game)
    assert "score" in conflicts("The Mariners beat the Carrick Stags 5-3 in Game 7.", game)


def test_the_base_of_a_comparison_is_no_date_of_the_claims_event() -> None:
    """ "1,400 more passengers in 2025 than in 2024": the source may give 2024 only as "the year
    before"; the claim's event is dated 2025, and a wrong main year still conflicts."""
    ferry = "The Saturday run carried 11,200 passengers in 2025, up from 9,800 the year before."
    claim = "The Saturday ferry carried 1,400 more passengers in 2025 than in 2024."
    assert "date" not in conflicts(claim, ferry, dt.date(2026, 1, 16))
    wrong = "The Saturday ferry carried 1,400 more passengers in 2023 than in 2022."
    assert "date" in conflicts(wrong, ferry, dt.date(2026, 1, 16))


def test_how_often_is_not_how_long() -> None:
    """ "rides Route 14 three days a week" says how often (the tagger may cut it to "three days"):
    no answer to "for more than a decade", a rival of "four days a week"; "about a week" is a length."""
    finch = "Among those who spoke was Dolores Finch, 71, who rides Route 14 three days a week to dialysis."
    assert "duration" not in conflicts("Dolores Finch has been riding Route 14 for more than a decade.", finch)
    assert "duration" in conflicts("Dolores Finch rides Route 14 four days a week.", finch)
    assert "duration" in conflicts("The strike lasted about a week.", "The strike lasted three weeks.")


def test_a_cut_smaller_than_another_is_a_gap_not_the_cut() -> None:
    # "seven fewer positions than the May plan" is how far apart two cuts are, not the cut itself
    budget = "The board adopted a $212.4 million budget that raises taxes and eliminates 38 positions."
    claim = "The final budget eliminates seven fewer positions than the preliminary plan approved in May."
    assert [(f.role, f.value) for f in claim_facts([claim])[0].facts if f.kind == "quantity"] == [("gap", 7.0)]
    assert conflicts(claim, budget) == []
    assert conflicts("The final budget eliminates 45 positions.", budget) == ["quantity"]
    # two gaps of one cut still disagree
    other = "The county laid off 12 more workers than the city did."
    assert conflicts("The county laid off 20 more workers than the city did.", other) == ["quantity"]


def test_a_plan_noun_is_no_future_and_a_relative_clause_verb_with_a_subject_is_past() -> None:
    june = dt.date(2025, 6, 12)
    days = lambda text: [f.first for f in source_facts(text, june).facts if f.kind == "date"]  # noqa: E731
    # "plan" the noun says nothing of when; "the board approved May 20" is a past tense
    plan = "The budget makes fewer cuts than the preliminary plan the board approved May 20, which called for 45 cuts."
    assert days(plan) == ["2025-05-20"]
    assert days("The council will vote on the plan the mayor proposed May 20.") == ["2025-05-20"]
    assert days("The city plans to reopen the pool on May 20.") == ["2026-05-20"]


def test_a_year_a_thing_is_for_does_not_date_the_act() -> None:
    june = dt.date(2025, 6, 12)
    vote = "The school board voted 6-3 on Tuesday night to adopt a $212.4 million budget for the 2025-26 school year."
    # the budget's school year says which budget; Tuesday (June 10) is when it was adopted
    assert said("The school board adopted its budget on June 10, 2025.", vote, june) == [
        ("date", True, "June 10, 2025", "Tuesday")
    ]
    assert conflicts("The school board adopted its budget on June 11, 2025.", vote, june) == ["date"]


def test_the_rest_of_a_counted_whole_is_marked_for_the_rules() -> None:
    source = "The case was brought by the owners of 37 homes. Twenty-nine of the households reported damage."
    claim = "Eight of the 37 households did not report damage."
    assert check_text(claim, source, PUB).counts_the_rest == (48, 94)
    assert check_text("Eight of the 37 households reported damage.", source, PUB).counts_the_rest is None
    # the other side of one whole, however the claim words it
    fleet = "We have been flying a schedule built for an airline with 64 jets, and we have had 51 of them available."
    assert check_text("13 of Lakeshore's 64 jets were unavailable to fly.", fleet, PUB).counts_the_rest is not None
    fewer = fleet.replace("51", "50")
    assert check_text("13 of Lakeshore's 64 jets were unavailable to fly.", fewer, PUB).counts_the_rest is None


def test_both_sides_of_a_tally_are_the_body_voting() -> None:
    vote = "The school board voted 6-3 on Tuesday night to adopt a $212.4 million budget."
    assert said("Three of the nine board members voted against the budget.", vote) == [
        ("quantity", True, "Three", "6-3"),
        ("quantity", True, "nine", "6-3"),
    ]
    # a vote "to" do something carried with its larger side
    fare = "The commission voted 5-2 on Monday night to raise the ferry fare to $6, the first increase since 2017."
    assert said("Two of the seven commissioners voted against the increase.", fare) == [
        ("quantity", True, "Two", "5-2"),
        ("quantity", True, "seven", "5-2"),
    ]
    # some members may have been absent: another whole is no conflict, another side still is
    assert conflicts("Three of the eleven board members voted against the budget.", vote) == []
    assert conflicts("Four of the nine board members voted against the budget.", vote) == ["quantity"]


def test_a_count_called_neighbouring_is_besides_the_one_named() -> None:
    declared = "The state declared a natural disaster for the Barrawong shire and two neighbouring council areas."
    assert conflicts("The declaration covers three council areas in all.", declared) == []
    assert conflicts("The declaration covers one council area.", declared) == ["quantity"]


def test_some_of_an_uncounted_group_is_not_held_against_the_group() -> None:
    power = "NorthGrid said 6,200 homes and businesses lost power at the height of the flood."
    assert conflicts("NorthGrid reconnected about 4,300 of the homes and businesses that lost power.", power) == []
    assert conflicts("NorthGrid reconnected about 7,000 of the homes and businesses that lost power.", power) == [
        "quantity"
    ]
    # the source's "some of" is still its count of those who did it
    assert conflicts("35 households reported damage.", "Twenty-nine of the households reported damage.") == ["quantity"]


def test_money_by_the_person_is_a_rate() -> None:
    grants = "Eligible households can receive one-off payments of $1,000 per adult and $400 per child."
    money = [(f.text, f.unit) for f in source_facts(grants, PUB).facts if f.kind == "money"]
    assert money == [("$1,000", "$/adult"), ("$400", "$/child")]
    household = "A household of two adults and three children could receive $3,200 in one-off payments."
    assert "money" not in conflicts(household, grants)
    assert conflicts("Each adult can receive a one-off payment of $1,500.", grants) == []  # no "per"
    assert conflicts("Households can receive $1,500 per adult.", grants) == ["money"]


def test_about_reaches_one_step_of_the_last_written_decimal() -> None:
    flood = "The Barrawong River peaked at 11.8 metres in Kellerton late on Saturday night."
    assert conflicts("The river peaked at about 10.9 metres on Saturday.", flood) == ["quantity"]
    assert said("The river peaked at about 11.8 metres on Saturday.", flood)[-1] == (
        "quantity",
        True,
        "about 11.8 metres",
        "11.8 metres",
    )
    # a round figure keeps its tenth either way
    assert conflicts("Revenue rose about 4 percent.", "Revenue rose 4.3 percent.") == []


def test_a_year_that_says_which_event_is_not_the_sentences_event() -> None:
    flood = "The Barrawong River peaked at 11.8 metres in Kellerton late on Saturday night."
    published = dt.date(2026, 2, 9)
    assert conflicts("The 2012 Barrawong River flood peaked at about 10.9 metres.", flood, published) == []
    assert conflicts("The 2026 Barrawong River flood peaked at about 10.9 metres.", flood, published) == ["quantity"]


def test_a_first_since_a_year_is_a_length_worked_out_from_the_articles_date() -> None:
    title = "It was Marlow Bay's first state championship since 1998 and the second in program history."
    march = dt.date(2026, 3, 8)
    (found,) = [f for f in check_text("It was Marlow Bay's first title in 28 years.", title, march).findings]
    assert (found.kind, found.agrees, found.worked) == ("duration", True, True)
    assert check_text("It was Marlow Bay's first title in 27 years.", title, march).conflicts == []
    (wrong,) = check_text("It was Marlow Bay's first title in 20 years.", title, march).conflicts
    assert wrong.detail == "27 to 28 years, since 1998"
    # without a first or a record, a "since" year is only a span
    assert [f for f in source_facts("Prices have risen since 1998.", march).facts if f.kind == "duration"] == []


def test_a_score_of_a_part_of_the_game_is_not_the_games() -> None:
    final = "Wexley Central rallied from an 11-point halftime deficit to beat Dorrance Valley 64-58 in the final."
    assert conflicts("Wexley outscored Dorrance Valley 22-12 in the fourth quarter.", final) == []
    assert conflicts("Wexley beat Dorrance Valley 64-56.", final) == ["score"]
    quarter = "Wexley outscored Dorrance Valley 22-12 in the fourth quarter to win 64-58."
    assert conflicts("Wexley outscored Dorrance Valley 22-14 in the fourth quarter.", quarter) == ["score"]
    # a game won in overtime is the game's score
    assert [f.period for f in source_facts("Marlow Bay won 3-2 in overtime.", PUB).facts if f.kind == "score"] == [""]


def test_a_contest_the_claim_dates_in_words_the_sentence_does_not_bear_out_is_another() -> None:
    final = (
        "Wexley Central won its first state championship in 31 years on Saturday night, rallying to beat "
        "defending champion Dorrance Valley 64-58 in the Class 3A final."
    )
    march = dt.date(2026, 3, 15)
    assert conflicts("Dorrance Valley beat Wexley Central in last year's state final.", final, march) == []
    assert conflicts("Dorrance Valley beat Wexley Central on Saturday night.", final, march) == ["role"]


def test_a_superseded_plans_day_is_not_when_it_happens() -> None:
    delay = (
        "Larkspur schools, which had been scheduled to begin the fall term on Monday, will delay the start by "
        "one week, Superintendent Gloria Nakamura announced Thursday."
    )
    august = dt.date(2026, 8, 7)
    assert conflicts("Larkspur's fall term will now begin on August 17.", delay, august) == []
    assert said("Larkspur's fall term had been scheduled to begin on August 10.", delay, august) == [
        ("date", True, "August 10", "Monday")
    ]


def test_all_but_so_many_of_a_count_is_the_rest() -> None:
    cited = (
        "The department cited the complex for 47 code violations, and all but six of them have since been corrected."
    )
    assert said("Forty-one of the 47 code violations have been corrected.", cited)[0] == (
        "quantity",
        True,
        "Forty-one",
        "all but six",
    )
    assert conflicts("Forty of the 47 code violations have been corrected.", cited) == ["quantity"]
    excepted = cited.replace("all but", "all except")
    assert [(f.text, f.value) for f in source_facts(excepted, PUB).facts if f.value == 41] == [("all except six", 41)]
    crossings = "All but 12 of its 1,460 scheduled crossings ran on time, the commission said."
    assert said("1,448 of the ferry's scheduled crossings ran on time.", crossings)[0][:2] == ("quantity", True)
    # without a count before it, "all but six" counts nothing
    assert [f for f in source_facts("All but six have been corrected.", PUB).facts if f.kind == "quantity"] == []


def test_a_comparison_without_figures_is_read_against_a_changes_two_ends() -> None:
    ferry = "The ferry carried 412,000 passengers last year, down from 438,000 in 2024."
    june = dt.date(2026, 6, 10)
    (way,) = [f for f in check_text("The ferry carried more passengers last year than in 2024.", ferry, june).conflicts]
    assert (way.kind, way.detail) == ("change", "a fall from 438,000 to 412,000")
    fewer = check_text("The ferry carried fewer passengers last year than the year before.", ferry, june)
    assert fewer.conflicts == [] and [f.kind for f in fewer.agreements] == ["change"]
    # a base that is not the earlier time is left alone
    assert conflicts("The ferry carried more passengers in 2024 than in 2023.", ferry, june) == []


def test_about_a_round_thousand_reaches_its_last_digit_that_is_not_a_zero() -> None:
    league = "The league, which serves about 1,900 children, discovered the losses in 2024."
    assert conflicts("The league serves more than 2,000 children.", league) == ["quantity"]
    assert conflicts("The league serves about 1,950 children.", league) == []
    # never tighter than 5 percent, and a small round count keeps its tenth
    assert conflicts("About 1,300 people attended.", "About 1,250 people attended.") == []
    assert conflicts("About 64 firefighters responded.", "About 60 firefighters responded.") == []


def test_a_claims_verb_read_as_a_noun_still_names_the_sources_act() -> None:
    # the tagger reads "The recall cost" as a noun phrase; the money is still what the recall cost
    recall = (
        "The company said the recall of 310,000 packages of its chicken pot pies in August, after a supplier's "
        "flour was found to contain metal fragments, cost it about $6 million in lost sales and refunds."
    )
    assert conflicts("The recall cost Brightwell about $16 million.", recall) == ["money"]
    assert said("The recall cost Brightwell about $6 million.", recall)[-1][:2] == ("money", True)


def test_a_named_thing_of_the_subjects_placed_in_another_town_conflicts() -> None:
    plant = (
        "Penner said the company would close its older plant in Easton by the end of next year and move "
        "production to Calder Bay."
    )
    assert conflicts("Brightwell will close its Calder Bay plant.", plant) == ["name"]
    assert conflicts("Brightwell will close its Easton plant.", plant) == []
    # a body "in the ..." is no town
    league = "Varga's goal gave the Ravens a 3-2 lead in their first-round series in the Northern Hockey League."
    assert conflicts("The Ravens lead the Ridgeport-Kessler Bay series 3-2.", league) == []


def test_a_sentences_lone_year_does_not_date_an_act_it_dates_from_another() -> None:
    retired = "He retired from coaching in 1999, a year after the school named its new gym after him."
    april = dt.date(2026, 4, 14)
    assert conflicts("The school named its gym after Harlan in 1998.", retired, april) == []
    assert conflicts("Harlan retired from coaching in 1998.", retired, april) == ["date"]


def test_an_age_stated_with_was_or_at_is_compared_as_an_age() -> None:
    obituary = "Walter Harlan, the town's first fire chief, died Sunday at his home in Greystone. He was 84."
    assert conflicts("Harlan was 88 when he died.", obituary) == ["age"]
    assert said("Walter Harlan was 84 when he died.", obituary)[-1][:2] == ("quantity", True)
    # a year off may be a birthday between the two tellings
    assert conflicts("Harlan was 85 when he died.", obituary) == []
    # an age at another act is another age; another person's age is theirs
    moved = "Born in Lagos, she moved to the United States at 19 and married in 1971. She was 79."
    assert conflicts("She was 17 when she moved to the United States.", moved) == ["age"]
    assert conflicts("Harlan was 88 when he died.", "Walter Harlan died Sunday. His wife, Mae Ortiz, was 84.") == []
    # "closed at 84" of a thing is no age
    assert not [f for f in source_facts("Shares of Pemberton closed at 58.", PUB).facts if f.unit == "age"]


def test_an_age_by_the_decade_in_words_is_a_range_of_years() -> None:
    facts = claim_facts(["Dunn began writing fiction in her late fifties."])[0].facts
    assert [(f.value, f.upper) for f in facts if f.unit == "age"] == [(57.0, 59.0)]
    assert said("She began writing fiction in her late fifties.", "She began writing fiction when she was nearly 60.")[
        -1
    ][:2] == ("quantity", True)


def test_a_difference_told_by_more_or_less_than_has_a_way() -> None:
    repairs = "The repairs cost $312,000, about $90,000 more than the city first estimated."
    found = check_text("The repairs cost about $90,000 less than the city had estimated.", repairs, PUB).conflicts
    assert [(f.kind, f.claim, f.detail) for f in found] == [("change", "about $90,000 less", "about $90,000 more")]
    assert said("The repairs cost about $90,000 more than the city had estimated.", repairs)[-1][:2] == ("money", True)


def test_a_figure_of_another_named_doer_confirms_nothing() -> None:
    campaign = (
        "Hale, 61, had campaigned on hiring 40 more police officers and freezing property taxes for two years. "
        "Tandy had said she would not commit to a tax freeze."
    )
    assert said("Tandy pledged to freeze property taxes for two years.", campaign) == []
    assert said("Hale pledged to freeze property taxes for two years.", campaign)[-1][:2] == ("duration", True)


def test_over_a_length_of_time_after_another_length_spreads_the_act_across_it() -> None:
    jury = "Jurors deliberated for about 11 hours over three days before reaching their verdict."
    assert conflicts("Jurors deliberated for about 11 hours over two days.", jury) == ["duration"]
    assert conflicts("Jurors deliberated over three days.", jury) == []
    # after "lasted" or "for" it is still "more than"
    assert said("The trial lasted over two weeks.", "The trial lasted nearly three weeks.")[0][:2] == ("duration", True)
    assert conflicts("The trial lasted over four weeks.", "The trial lasted nearly three weeks.") == ["duration"]


def test_money_a_thing_stays_at_is_about_that_thing() -> None:
    fares = "Fares will stay at $4 for adults and $2 for children and seniors."
    assert conflicts("Adult fares will rise to $5.", fares) == ["money"]
    assert said("Adult fares will remain $4.", fares)[0][:2] == ("money", True)


def test_a_figure_under_a_mark_is_how_far_below_it() -> None:
    recorder = "The train was traveling at 41 mph, below the 50 mph limit for that stretch, a spokesman said."
    assert said("The train was going 9 mph under the speed limit.", recorder)[0][:2] == ("quantity", True)
    # "under the budget" says which budget gives it, not a shortfall
    library = "The library system will receive $4.9 million under the budget."
    assert conflicts("The library system will receive $9.4 million under the budget.", library) == ["money"]


def test_damage_estimated_at_a_sum_is_about_the_damage() -> None:
    loss = "The home was declared a total loss, with damage estimated at $385,000 to the structure and its contents."
    assert conflicts("Damage to the home was estimated at $835,000.", loss) == ["money"]


def test_a_share_neither_side_says_what_of_is_compared_on_the_same_act() -> None:
    fire = "The Cedar Notch Fire was 35% contained as of 7 p.m. Thursday, up from 10% on Wednesday morning."
    assert conflicts("The fire was 53% contained as of Thursday evening.", fire) == ["percent"]
    assert said("The fire was 35% contained as of Thursday evening.", fire)[-1][:2] == ("percent", True)


def test_up_or_down_before_a_difference_gives_its_way() -> None:
    carried = "Ridgeline carried 1.27 million passengers in the quarter, up 8% from 1.18 million a year earlier."
    found = check_text("Ridgeline's passenger numbers fell 8% from the year before.", carried, PUB).conflicts
    assert [(f.kind, f.claim, f.detail) for f in found] == [("change", "a fall of 8%", "up 8%")]
    assert conflicts("Ridgeline's passenger numbers rose 8% from the year before.", carried) == []


def test_a_hearing_scheduled_for_a_day_is_the_hearing_held_that_day() -> None:
    fees = "Judge Theodore Banerjee said he would hold a hearing on Nov. 18 on the plaintiffs' request for fees."
    october = dt.date(2026, 10, 22)
    assert conflicts("The hearing on the fees is scheduled for Nov. 8.", fees, october) == ["date"]
    assert conflicts("The court scheduled a hearing on the fees for Nov. 18.", fees, october) == []


def test_the_year_that_names_an_event_dates_it() -> None:
    fire = "The fire is the largest in the county since the 2019 Brushy Peak Fire, which burned about 21,000 acres."
    august = dt.date(2026, 8, 7)
    assert conflicts("The Brushy Peak Fire burned in 2021.", fire, august) == ["date"]
    assert conflicts("The Brushy Peak Fire burned in 2019.", fire, august) == []
    # another named event's year says nothing of this one's
    assert conflicts("The Cedar Notch Fire broke out in 2021.", fire, august) == []


def test_a_comparisons_way_is_not_a_changes_way() -> None:
    plan = "The company redesigned the layout twice, dropping eight turbines from its original plan of 70."
    assert conflicts("The original plan called for eight more turbines than the approved project.", plan) == []


def test_a_share_whose_subject_passes_for_a_surname_still_agrees() -> None:
    # "Containment" opens its sentence with no determiner, as a surname would; a share measures it
    fire = "Pinecrest Fire reaches 85 percent containment\nFirefighters had the fire 85 percent contained on Monday."
    assert said("Containment had reached 85 percent by Monday morning.", fire)[0][:2] == ("percent", True)


def test_an_age_in_years_old_is_its_subjects() -> None:
    victims = "The county coroner identified them as Harold Vance, 78, and his neighbor, Marisol Ochoa, 34."
    assert conflicts("Harold Vance, who was killed in the tornado, was 34 years old.", victims) == ["age"]
    assert conflicts("Harold Vance, who was killed in the tornado, was 78 years old.", victims) == []


def test_a_changes_ends_swapped_conflict_where_the_sentence_restates_little_else() -> None:
    seats = (
        "Lakeshore carried 2.31 million passengers in the quarter, but filled a smaller share of its seats. "
        "Its load factor, the percentage of seats sold, slipped to 78.4% from 81.1%."
    )
    assert conflicts("Lakeshore's load factor improved to 81.1% from 78.4% a year earlier.", seats) == ["change"]
    assert conflicts("Lakeshore's load factor slipped to 78.4% from 81.1% a year earlier.", seats) == []


def test_a_span_written_with_both_ends_is_compared_end_by_end() -> None:
    trial = "The trial, run in 14 libraries between March 2024 and June 2025, followed 1,186 people."
    november = dt.date(2026, 11, 12)
    assert conflicts("The trial ran from March 2024 to June 2026.", trial, november) == ["date"]
    assert conflicts("The trial ran from March 3, 2024 to June 2025.", trial, november) == []
    assert said("The trial ran from March 2024 to June 2025.", trial, november)[0][:2] == ("date", True)
    # the tagger's "March 2024 and June 2025", without its "between", is still the whole span
    span = next(f for f in source_facts(trial, november).facts if f.kind == "date")
    assert (span.first, span.last) == ("2024-03-01", "2025-06-30")


FINAL = (
    "On Saturday night the Hawks wrote their own, beating Eastport 28-21 in overtime to win the Class 3A "
    "state championship at Memorial Stadium."
)


def test_a_season_said_with_its_record_is_that_teams_record() -> None:
    season = next(f for f in source_facts("The win completed a 13-1 season for the Hawks.", PUB).facts)
    assert (season.kind, season.role, season.about) == ("score", "record", ("hawks",))
    # one game of the season is no record
    opener = source_facts("The Hawks won a 3-1 season opener against Eastport.", PUB).facts
    assert all(f.role != "record" for f in opener if f.kind == "score")
    record = "The win completed a 13-1 season for the Hawks."
    assert conflicts("The Hawks finished the season with a 12-2 record.", record) == ["score"]


def test_the_claims_record_given_to_another_team_states_nothing_of_the_claims_team() -> None:
    eastport = "Eastport, the defending champion, finished 12-2."
    claim = "The Hawks finished the season with a 12-2 record."
    assert check_text(claim, eastport, PUB).states_otherwise
    assert said(claim, eastport) == []
    # a sentence that gives the claim's team its own record is compared, not set aside
    both = "Harbor City finished the regular season with a 54-28 record, while Dunlin went 49-33."
    assert not check_text("Dunlin went 54-28 in the regular season.", both, PUB).states_otherwise
    assert conflicts("Dunlin went 54-28 in the regular season.", both) == ["score"]


def test_the_claims_winner_beaten_by_the_claims_score_is_the_opposite_result() -> None:
    assert conflicts("Eastport beat Harlan Valley 28-21 in the state final.", FINAL) == ["outcome"]
    assert conflicts("The Hawks beat Eastport 28-21 in the state final.", FINAL) == []
    assert conflicts("Eastport beat Harlan Valley 35-14 in the state final.", FINAL) != ["outcome"]


def test_a_person_appointed_to_another_company_office_conflicts() -> None:
    merger = (
        "Dr. Patricia Okafor, Millbrook General's chief executive since 2019, will lead the combined system. "
        "Raymond Delacroix, president of St. Anne's for 14 years, will become its chief operating officer."
    )
    assert conflicts("Raymond Delacroix will become chief executive of the combined system.", merger) == ["role"]
    assert conflicts("Delacroix was named chief financial officer.", merger) == ["role"]
    assert conflicts("Raymond Delacroix will become the combined system's chief operating officer.", merger) == []
    # a person given both posts holds the claim's too
    both = "Raymond Delacroix will become its chief operating officer and, until June, chief executive."
    assert conflicts("Raymond Delacroix will become chief executive of the combined system.", both) == []


def test_counts_of_two_kinds_of_one_thing_are_not_compared() -> None:
    budget = "The budget adds nine firefighter positions, paid for partly by a $1.2 million federal grant."
    assert said("The budget adds four police officer positions.", budget) == []
    assert said("The budget adds nine police officer positions.", budget) == []
    assert conflicts("The budget adds four firefighter positions.", budget) == ["quantity"]
    # a count that names no kind may be either
    assert conflicts("The budget adds four positions.", budget) == ["quantity"]
    nine = next(f for f in source_facts(budget, PUB).facts if f.kind == "quantity")
    assert nine.sort == ("firefighter",)


def test_last_years_figure_is_not_this_years() -> None:
    budget = (
        "The council also approved an $86.3 million general fund budget for the fiscal year that begins "
        "July 1, up 3.8 percent from last year's $83.1 million."
    )
    june = dt.date(2025, 6, 12)
    assert conflicts("Brennick's new general fund budget totals $83.1 million.", budget, june) == ["money"]
    assert said("Brennick's new general fund budget totals $86.3 million.", budget, june)[0][:2] == ("money", True)
    last = [f for f in source_facts(budget, june).facts if f.kind == "money"][-1]
    assert last.period == "year before"


def test_a_company_officers_title_before_a_name_does_not_hide_the_speaker() -> None:
    forecast = (
        "For the fourth quarter, Tallgrass expects revenue of $225 million to $235 million. "
        "Osei said the forecast assumed no change in tariffs on parts imported from Asia."
    )
    october = dt.date(2025, 10, 30)
    claim = "Chief financial officer Maya Lindqvist said the forecast assumed no change in tariffs."
    assert conflicts(claim, forecast, october) == ["name"]
    right = "Chief financial officer Derek Osei said the forecast assumed no change in tariffs."
    assert conflicts(right, forecast, october) == []


def test_a_change_told_with_another_verb_of_its_way_restates_the_claim() -> None:
    revenue = "Revenue rose 18 percent to $212.6 million from $180.2 million."
    claim = "Tallgrass Robotics' third-quarter revenue grew 18% to $212.6 million."
    assert check_text(claim, revenue, PUB).overlap >= 0.5
    # the other way is no restatement of it
    fell = "Tallgrass Robotics' third-quarter revenue fell 18% to $212.6 million."
    assert check_text(fell, revenue, PUB).overlap < 0.5


def test_an_age_the_next_sentence_gives_by_a_pronoun_is_the_persons() -> None:
    obituary = (
        "CARVER CITY — Eleanor Ruth Voss, who served three terms as mayor of Carver City, died Wednesday at her "
        "home on Elm Street. She was 87."
    )
    november = dt.date(2024, 11, 8)
    assert conflicts("Eleanor Voss died at the age of 89.", obituary, november) == ["age"]
    assert conflicts("Eleanor Voss died at the age of 87.", obituary, november) == []
    assert conflicts("Eleanor Voss died at the age of 88.", obituary, november) == []  # a birthday apart
    # an age at another act is no age at death
    assert conflicts("Eleanor Voss moved to Carver City at 24.", obituary, november) == []


def test_the_claims_winner_beaten_under_its_full_name_is_the_opposite_result() -> None:
    game = "The Lakeport Lakers rallied from an eight-point deficit to beat the Westfield Warriors 68-61."
    assert conflicts("Westfield beat Lakeport 68-61.", game) == ["outcome"]
    assert conflicts("Lakeport beat Westfield 68-61.", game) == []


SNOW = (
    "Ashford recorded 27 inches of snow, according to the National Weather Service, and Pine Ridge "
    "measured nearly two feet, at 23 inches."
)
BORN = (
    "Mrs. Voss was born Eleanor Ruth Lindgren on March 3, 1937, in Duluth, Minnesota, the youngest of four "
    "children of a Swedish-born carpenter and a schoolteacher."
)


@pytest.mark.parametrize(
    ("source", "published", "wrong", "found", "right"),
    [
        # a figure given to another named subject conflicts with the subject's own
        (
            SNOW,
            dt.date(2025, 1, 15),
            "Pine Ridge received 27 inches of snow.",
            ("quantity", False, "27 inches", "23 inches"),
            ["Pine Ridge received 23 inches of snow.", "Ashford received 27 inches of snow."],
        ),
        # a birthplace the sentence gives after other words is compared (a state holds its town)
        (
            BORN,
            dt.date(2024, 11, 8),
            "Eleanor Voss was born in Minneapolis.",
            ("name", False, "Minneapolis", "Duluth"),
            ["Eleanor Voss was born in Duluth.", "Eleanor Voss was born in Minnesota."],
        ),
    ],
)
def test_a_subjects_figure_or_birthplace_given_otherwise_conflicts(
    source: str, published: dt.date, wrong: str, found: tuple[str, bool, str, str], right: list[str]
) -> None:
    assert said(wrong, source, published)[0][:4] == found
    for claim in right:
        assert conflicts(claim, source, published) == []
