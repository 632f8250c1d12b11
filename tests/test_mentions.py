from __future__ import annotations

import datetime as dt

import pytest

from verify.mentions import extract_dates, extract_names, extract_numbers
from verify.text import negation_count

AUG_28_2018 = dt.date(2018, 8, 28)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("It was rejected on June 14.", None, ["June 14"]),
        ("It was rejected on 14 June.", None, ["June 14"]),
        ("It was rejected on the 14th of June, 2018.", None, ["2018-06-14"]),
        ("It was rejected in mid-June.", None, ["mid-June"]),
        ("On March 20, the court ruled.", AUG_28_2018, ["2018-03-20"]),
        ("On December 5, the court ruled.", AUG_28_2018, ["2017-12-05"]),  # after the dateline: last year
        ("In December 2017, they sued.", AUG_28_2018, ["December 2017"]),
        ("Updated on August 14, 2018.", None, ["2018-08-14"]),
        ("Filed 2018-05-11.", None, ["2018-05-11"]),
        ("Founded in 2013.", None, ["2013"]),
        ("On April 16, it arrived. On the same day, operators moved.", AUG_28_2018, ["2018-04-16", "2018-04-16"]),
        ("On May 11, it was filed. A week later it was heard.", AUG_28_2018, ["2018-05-11", "2018-05-18"]),
        ("May I ask? They met in May.", None, ["May"]),
        ("Sales rose by 2,018 units.", None, []),
        ("Marie, Janet and Augustine met Marshall in Decatur.", None, []),  # names, not "Mar"/"Jan"/"Aug"
        ("Marie Curie won in 1911.", None, ["1911"]),
    ],
)
def test_dates(text: str, reference: dt.date | None, expected: list[str]) -> None:
    assert [str(d) for d in extract_dates(text, reference)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than 200 users", [(200.0, ">", "user")]),
        ("about 250 users", [(250.0, "~", "user")]),
        ("a $48 million project", [(48e6, "=", "$")]),
        ("cut to 10 tons", [(10.0, "=", "ton")]),
        ("3.5% growth and 12 percent", [(3.5, "=", "%"), (12.0, "=", "%")]),
        ("seven people died", [(7.0, "=", "people")]),
        ("On June 14, 2018 they met", []),  # days and years are dates, not quantities
        ("1,200 troops", [(1200.0, "=", "troop")]),
    ],
)
def test_numbers(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert [(n.value, n.qualifier, n.kind) for n in extract_numbers(text)] == expected


def test_names_split_possessives_and_skip_dates() -> None:
    names = extract_names("On March 20, Moscow’s Tagansky District Court and Pavel Durov met Russia's FSB.")
    assert names == ["Moscow", "Tagansky District Court", "Pavel Durov", "Russia", "FSB"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("It did not reject the appeal.", 1),
        ("It didn't reject it.", 1),
        ("It rejected the appeal.", 0),
        ("Never say nothing.", 2),
        ("The policy is unrelated to Russia.", 1),
        # a "no" that denies nothing: a vote, a compound
        ("The plan passed 5-2, with trustees Pike and Marsh voting no.", 0),
        ("The two no votes came from trustees Pike and Marsh.", 0),
        ("It was the team's first no-hitter.", 0),
        ("There was no vote on the plan.", 1),
    ],
)
def test_negation_cues(text: str, count: int) -> None:
    assert negation_count(text) == count
