from __future__ import annotations

import pytest
from conftest import SEEDS

from verify.draft import check_worthy


def test_seed_article_dated_events_become_claims_and_headlines_do_not() -> None:
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    claims = [c.claim for c in check_worthy(text)]
    for event in (
        "On March 20, the Supreme Court turned the request down.",
        "On April 13, 2018",
        "On May 11",
        "In June, the company filed an appeal",
        "updated on August 14, 2018",
    ):
        assert sum(event in c for c in claims) == 1, event
    headline, subhead = text.splitlines()[:2]
    assert headline not in claims and subhead not in claims and "Telegram issue" not in claims
    assert claims[0].startswith("The Telegram messaging service will not consider")  # dateline cut off
    for c in check_worthy(text):
        assert text[c.start : c.end] == c.claim


def test_a_dateline_of_a_place_alone_is_cut_off() -> None:
    text = "MARLOW FALLS \u2014 The town council voted 4-1 on Monday to buy a $865,000 fire engine."
    (claim,) = check_worthy(text)
    assert claim.claim.startswith("The town council voted 4-1") and text[claim.start : claim.end] == claim.claim
    # a sentence that opens on an acronym and a dash keeps it only where no dash follows
    assert next(check_worthy("NASA said on Monday that the launch of the $2 billion probe would slip.")).start == 0


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("The council approved the $48 million bridge on March 2.", True),
        ("Mayor Helen Ortiz said the bridge had earned its retirement.", True),
        ("Will the bridge be finished on time?", False),
        ("I think the council should have waited.", False),
        ("Subscribe to our newsletter for more local news.", False),
        ("It was a nice day.", False),
        ("Council approves bridge replacement", False),
    ],
)
def test_check_worthiness(sentence: str, kept: bool) -> None:
    assert bool(list(check_worthy(sentence))) is kept
