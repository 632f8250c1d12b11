"""The twin rewrites on hand-made sentences: what each says, and where it must refuse."""

from __future__ import annotations

import random

import pytest

from verify.train import twins
from verify.train.lexicon import ANTONYMS, ASYMMETRIC, ROLE_FORMS, SYNONYMS, VERB_FORMS


def test_the_lexicon_is_consistent() -> None:
    words = {w for pair in ANTONYMS for w in pair} | {w for a, b, _ in SYNONYMS for w in (a, b)} | set(ASYMMETRIC)
    assert words <= set(VERB_FORMS) | set(ROLE_FORMS)  # every verb has its participle and base form
    assert not set(VERB_FORMS) & set(ROLE_FORMS)
    antonyms = {frozenset(p) for p in ANTONYMS}
    assert not any(frozenset((a, b)) in antonyms for a, b, _ in SYNONYMS)  # no pair is both


@pytest.mark.parametrize(
    ("sentence", "antonym", "synonym", "negated", "negated_antonym"),
    [
        (
            "The court upheld the ban on March 2.",
            {"The court overturned the ban on March 2.", "The court reversed the ban on March 2.",
             "The court struck down the ban on March 2."},
            {"The court affirmed the ban on March 2."},
            "The court did not uphold the ban on March 2.",
            {"The court did not overturn the ban on March 2.", "The court did not reverse the ban on March 2.",
             "The court did not strike down the ban on March 2."},
        ),
        (
            "The appeal was rejected by the panel in June.",
            {"The appeal was approved by the panel in June.", "The appeal was granted by the panel in June.",
             "The appeal was accepted by the panel in June."},
            {"The appeal was turned down by the panel in June."},
            "The appeal was not rejected by the panel in June.",
            {"The appeal was not approved by the panel in June.", "The appeal was not granted by the panel in June.",
             "The appeal was not accepted by the panel in June."},
        ),
        (
            "The Tigers won the final after extra time.",
            {"The Tigers lost the final after extra time."},
            None,
            "The Tigers did not win the final after extra time.",
            {"The Tigers did not lose the final after extra time."},
        ),
    ],
)  # fmt: skip
def test_verb_rewrites(
    sentence: str, antonym: set[str], synonym: set[str] | None, negated: str, negated_antonym: set[str]
) -> None:
    for seed in range(4):
        rng = random.Random(seed)
        assert twins.swap_antonym(sentence, rng) in antonym
        assert twins.swap_synonym(sentence, rng) in (synonym or {None})
        assert twins.negate_verb(sentence) == negated
        assert twins.negate_antonym(sentence, rng) in negated_antonym


@pytest.mark.parametrize(
    "sentence",
    [
        "The court did not uphold the ban.",  # already negated: "did not overturn" is no opposite
        "Police opened fire on the crowd.",  # an idiom
        "The newly opened bridge carries 40,000 cars a day.",  # an adjective, not the verb
        "Prices rose to prominence in the 1990s.",
        "The affair ultimately ended with his complete exoneration.",  # how it ended, not whether
    ],
)
def test_verb_rewrites_refuse_unsafe_sentences(sentence: str) -> None:
    rng = random.Random(0)
    assert twins.swap_antonym(sentence, rng) is None and twins.negate_antonym(sentence, rng) is None


def test_killed_entails_died_but_not_the_reverse() -> None:
    rng = random.Random(0)
    assert twins.swap_synonym("Three soldiers were killed in the attack.", rng) == "Three soldiers died in the attack."
    assert twins.swap_synonym("Three soldiers died in the attack.", rng) == "Three soldiers passed away in the attack."


def test_dates_and_numbers_restated_keep_their_meaning() -> None:
    rng = random.Random(0)
    assert twins.restate_date("The bridge opened on 14 June 1958.", rng) == "The bridge opened on June 14, 1958."
    assert twins.restate_date("The bridge opened on June 14, 1958.", rng) == "The bridge opened on 14 June 1958."
    assert twins.restate_date("The mill closed in 1982.", rng) == "The mill closed in the 1980s."
    assert twins.restate_date("The mill closed in March 1982.", rng) == "The mill closed in 1982."
    # one end of a range is not rewritten alone ("in the 1820s–1827")
    assert twins.restate_date("He lived in Paris in 1826–1827.", rng) is None
    assert twins.restate_date("The festival ran 5–7 February 2019.", rng) is None
    assert twins.restate_number("The firm employed 2,400 people.", rng) == "The firm employed more than 2,000 people."
    assert twins.restate_number("The trip took five days.", rng) == "The trip took 5 days."
    assert twins.restate_number("The trip took about 40 days.", rng) is None  # not exact: no bound follows
    assert twins.restate_number("In 1914, Hughes was appointed.", rng) is None  # a year, not a count
    assert twins.restate_number("Turnout rose by 40% this year.", rng) is None


def test_names_fill_the_subject_the_page_leaves_unnamed() -> None:
    sentences = ["Willie Stargell played for the Pirates.", "He won the World Series in 1979.", "Stargell retired."]
    assert twins.looks_like_person("Willie Stargell", sentences)
    assert not twins.looks_like_person("Gandhi (film)", sentences)
    slot = twins.name_slot(sentences[1], "Willie Stargell", person=True)
    assert (
        slot
        and twins.fill_name(sentences[1], slot, "Willie Stargell") == "Willie Stargell won the World Series in 1979."
    )
    film = twins.name_slot("The film premiered in New Delhi.", "Gandhi (film)", person=False)
    assert (
        film and twins.fill_name("The film premiered in New Delhi.", film, "Gandhi") == "Gandhi premiered in New Delhi."
    )
    assert twins.name_slot("The novel was a success.", "Gandhi (film)", person=False) is None
    assert twins.page_name("No Country for Old Men (2007 film)") == ("No Country for Old Men", "film")


def test_spot_check_failures_stay_fixed() -> None:
    """Rewrites an eye check of 30 generated pairs found wrong."""
    rng = random.Random(0)
    # "increased" after a preposition is an adjective: negating it broke the sentence.
    assert twins.negate_verb("While providing for increased trade, the canal cut the flow of silt.") is None
    assert twins.restate_number("The density is 0.69 g/cm3 at sea level.", rng) is None  # a unit's digit
    assert twins.restate_number("The team posted a 70–90 record in 2004.", rng) is None  # a range
    assert twins.restate_number("The 78-year-old former president fell ill.", rng) is None  # a compound
