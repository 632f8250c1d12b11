from __future__ import annotations

import datetime as dt

import pytest

from verify.checks import check

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
DURAV = "The Telegram messaging service will not consider requests, Telegram founder Pavel Durov said."


def reasons(claim: str, passage: str) -> list[str]:
    """What the checks found, leaving out the bookkeeping of names found as they are."""
    return [f.reason for f in check(claim, passage, PUB).findings if not (f.kind == "name" and f.agrees)]


def test_names_found_in_the_passage_are_recorded_as_agreeing() -> None:
    findings = check("The Moscow City Court rejected the appeal.", APPEAL, PUB).findings
    assert [(f.kind, f.agrees, f.claim_value) for f in findings] == [("name", True, "Moscow City Court")]


@pytest.mark.parametrize(
    ("claim", "passage", "expected"),
    [
        ("The appeal was rejected June 14.", APPEAL, ["date matches: claim June 14, source 2018-06-14"]),
        ("The appeal was rejected on 14 June.", APPEAL, ["date matches: claim June 14, source 2018-06-14"]),
        ("The appeal was rejected in mid-June.", APPEAL, ["date matches: claim mid-June, source 2018-06-14"]),
        ("The appeal was rejected June 15.", APPEAL, ["date differs: claim June 15, source 2018-06-14"]),
        ("The appeal was rejected in late June.", APPEAL, ["date differs: claim late-June, source 2018-06-14"]),
        ("The lawyers filed the appeal on May 21.", APPEAL, ["date differs: claim May 21, source 2018-05-11"]),
        # the date sits in the sentence before the event: a match anywhere in the passage agrees
        (
            "The Supreme Court turned the request down in March 2018.",
            COURT,
            ["date matches: claim March 2018, source 2018-03-20"],
        ),
        (
            "Telegram's managers sued in the Supreme Court in December 2016.",
            COURT,
            ["date differs: claim December 2016, source December 2017"],
        ),
        (
            "The service had more than 200 million users in March.",
            USERS,
            [
                "date matches: claim March, source March 2018",
                "number matches: claim 200 million users, source 250 million users",
            ],
        ),
        (
            "The service had 150 million users.",
            USERS,
            ["number differs: claim 150 million users, source 250 million users"],
        ),
        (
            "The service had about 250 million users.",
            USERS,
            ["number matches: claim 250 million users, source 250 million users"],
        ),
        ("The service had 48 percent of users.", USERS, []),  # no comparable figure: say nothing
        (
            "The Moscow City Court did not reject the appeal.",
            APPEAL,
            [
                'negation differs: claim negated, source affirmed ("Telegram’s lawyers filed an appeal against the '
                'ban with the Moscow City Court, which was rejected on June 14.")'
            ],
        ),
        ("The Moscow City Court rejected the appeal.", APPEAL, []),
        (
            "Telegram will consider requests, founder Pavel Durov said.",
            DURAV,
            [
                "negation differs: claim affirmed, source negated "
                '("The Telegram messaging service will not consider requests")'
            ],
        ),
        (
            "Telegram founder Mikhail Volkov said the service will not consider requests.",
            DURAV,
            ["name differs: claim Mikhail Volkov, source Pavel Durov"],
        ),
        (
            "Telegram sued in Russia's Constitutional Court in December 2017.",
            COURT,
            [
                "date matches: claim December 2017, source December 2017",
                "name differs: claim Constitutional Court, source Supreme Court",
            ],
        ),
        # an unrelated claim shares too little with the passage for its details to be compared
        ("Bananas were cheaper on June 15.", APPEAL, []),
    ],
)
def test_check_table(claim: str, passage: str, expected: list[str]) -> None:
    assert reasons(claim, passage) == expected


def test_overlap_and_aligned_sentence() -> None:
    result = check("The appeal was rejected June 14.", APPEAL, PUB)
    assert result.overlap == 1.0 and result.sentence.endswith("rejected on June 14.")
    assert result.agreements and not result.conflicts


def test_short_claims_sharing_only_the_topic_are_not_negation_conflicts() -> None:
    passage = "The Telegram messaging service will not consider requests to provide users' phone numbers."
    assert reasons("Telegram has 200 million users.", passage) == []


def test_a_year_cannot_be_checked_against_a_month_of_unknown_year() -> None:
    # Without a publication date "March" has no year: neither a match nor a clash with 2017.
    findings = check("The service had 250 million users in 2017.", USERS, None).findings
    assert not [f for f in findings if f.kind == "date"]


def test_a_wire_dateline_date_is_not_an_event_date() -> None:
    passage = (
        "Durov says the agencies want all messages\n"
        "MOSCOW, August 28. /TASS/. The service will not consider the requests, founder Pavel Durov said."
    )
    assert reasons("Pavel Durov and his brother founded the service in 2013.", passage) == []
    assert reasons("The service said on August 29 it will not consider the requests.", passage) == []
    assert reasons("Durov said on August 28 that the service will not consider the requests.", passage) == [
        "date matches: claim August 28, source 2018-08-28"
    ]


def test_the_day_of_a_dateline_is_not_a_quantity() -> None:
    passage = "MOSCOW, August 28. /TASS/. The Telegram messaging service will not consider the requests."
    assert reasons("Telegram has 200 million users.", passage) == []
