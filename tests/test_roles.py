"""Role rewrites (verify.train.roles) on hand-made sentences, and the role pool's exclusions."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from verify.train import roles
from verify.train.role_pool import POOL, detokenise, heldout_sentences, pool_passages

pytestmark = pytest.mark.slow  # spaCy's pipeline


def rewrites(sentence: str, seed: int = 0) -> list[tuple[str, str]]:
    from verify.facts.nlp import nlp

    return roles.role_rewrites(nlp()(sentence), random.Random(seed))


def rewrite(sentence: str, seed: int = 0) -> dict[str, str]:
    """The entailed rewrites by kind (one each)."""
    return {kind: text for kind, text in rewrites(sentence, seed) if kind != roles.ROLE_SWAP}


def swaps(sentence: str) -> set[str]:
    """Every contradiction the rewriter makes of the sentence."""
    return {text for kind, text in rewrites(sentence) if kind == roles.ROLE_SWAP}


def test_one_way_relation_swapped_and_restated() -> None:
    s = "In 1998, Jefferson defeated John Adams in the election."
    out = rewrite(s)
    assert out[roles.ROLE_KEPT] == "In 1998, John Adams was defeated by Jefferson in the election."
    assert out[roles.ROLE_CONVERSE] == "In 1998, John Adams lost to Jefferson in the election."
    assert swaps(s) == {
        "In 1998, John Adams defeated Jefferson in the election.",
        "In 1998, Jefferson was defeated by John Adams in the election.",
        "In 1998, Jefferson lost to John Adams in the election.",
    }


def test_passive_to_active_with_a_team_name_in_the_plural() -> None:
    out = rewrite("The Rovers were beaten by the Falcons in the semi-final.")
    assert out[roles.ROLE_KEPT] == "The Falcons beat the Rovers in the semi-final."
    assert out[roles.ROLE_CONVERSE] == "The Rovers lost to the Falcons in the semi-final."
    assert "The Falcons were beaten by the Rovers in the semi-final." in swaps(
        "The Rovers were beaten by the Falcons in the semi-final."
    )


@pytest.mark.parametrize(
    ("sentence", "kept", "swapped"),
    [
        # present perfect: the auxiliary agrees with the new subject, adverbs before "been"
        ("Obama has publicly endorsed Clinton.", "Clinton has publicly been endorsed by Obama.", None),
        # a phrasal verb, and a particle with its complement kept before "by"
        ("Google took over Motorola in 2012.", "Motorola was taken over by Google in 2012.",
         "Motorola took over Google in 2012."),
        ("Wigan knocked Arsenal out of the FA Cup on Saturday.",
         "Arsenal was knocked out of the FA Cup by Wigan on Saturday.", None),
        ("Arsenal were knocked out of the FA Cup by Wigan on Saturday.",
         "Wigan knocked Arsenal out of the FA Cup on Saturday.",
         "Wigan was knocked out of the FA Cup by Arsenal on Saturday."),
        # people and groups where that is natural; a common noun lower-cased off the sentence start
        ("Police arrested a 17-year-old boy on Monday.", "A 17-year-old boy was arrested by police on Monday.",
         "A 17-year-old boy arrested police on Monday."),
        # a people's name is plural, and the auxiliary agrees in place too ("Kurds have attacked")
        ("The gang has attacked Kurds in the north.", "Kurds have been attacked by the gang in the north.",
         "Kurds have attacked the gang in the north."),
        # an adverb stays after the first auxiliary ("was allegedly punched", not "allegedly was")
        ("Hartley allegedly punched Dobson outside the club.",
         "Dobson was allegedly punched by Hartley outside the club.",
         "Hartley was allegedly punched by Dobson outside the club."),
        # a name's "-s" is not a plural ("Evers was traded", not "were")
        ("The Cubs traded Evers to the Braves in 1914.", "Evers was traded by the Cubs to the Braves in 1914.", None),
    ],
)  # fmt: skip
def test_other_voice(sentence: str, kept: str, swapped: str | None) -> None:
    assert rewrite(sentence)[roles.ROLE_KEPT] == kept
    if swapped:
        assert swapped in swaps(sentence)


def test_a_subordinate_or_coordinate_clause_is_rewritten_on_its_own() -> None:
    out = rewrite("Harper scored twice in his last game after the Falcons defeated the Rovers in the first leg.")
    assert out[roles.ROLE_KEPT] == "The Rovers were defeated by the Falcons in the first leg."  # "his": not in it
    assert "The Rovers defeated the Falcons in the first leg." in swaps(
        "Harper scored twice in his last game after the Falcons defeated the Rovers in the first leg."
    )
    out = rewrite("The crowd left early, and Merkel met Macron in the evening.")
    assert out == {roles.ROLE_SYMMETRIC: "Macron met Merkel in the evening."}
    # what is only reported or hoped is not asserted: no rewrite of it
    assert rewrites("Critics said that Smith betrayed Jones in 1990.") == []


def test_a_description_set_off_by_commas_is_dropped_with_its_party() -> None:
    # Moved, "a music company" would describe the other firm: the rewrites leave it out.
    s = "In 2014, Spotify acquired The Echo Nest, a music intelligence company."
    assert rewrite(s)[roles.ROLE_KEPT] == "In 2014, The Echo Nest was acquired by Spotify."
    assert "In 2014, The Echo Nest acquired Spotify." in swaps(s)
    s = "Kaitlyn Marsh, 24, a teacher at a school in Irving, was arrested by police on Monday."
    assert rewrite(s)[roles.ROLE_KEPT] == "Police arrested Kaitlyn Marsh on Monday."
    assert all("teacher" not in text for _, text in rewrites(s))
    s = "Henry, who joined in 1997, replaced Wright as captain."
    assert rewrite(s)[roles.ROLE_KEPT] == "Wright was replaced by Henry as captain."
    # two names joined by "and" are one plural party
    s = "Jefferson and Madison defeated John Adams."
    assert "Jefferson and Madison were defeated by John Adams." in swaps(s)


def test_transfers_and_successions_through_their_converse() -> None:
    s = "In 2004, Arsenal sold the training ground to Chelsea for £5m."
    assert rewrite(s)[roles.ROLE_CONVERSE] == "In 2004, Chelsea bought the training ground from Arsenal for £5m."
    assert roles.ROLE_KEPT not in rewrite(s)
    assert "In 2004, Chelsea sold the training ground to Arsenal for £5m." in swaps(s)
    out = rewrite("Nixon succeeded Johnson as president in 1969.")
    assert out[roles.ROLE_CONVERSE] == "Johnson preceded Nixon as president in 1969."


@pytest.mark.parametrize(
    ("sentence", "symmetric"),
    [
        ("Adele married Simon Konecki in 2018.", "Simon Konecki married Adele in 2018."),
        ("Merkel held talks with Macron in Berlin.", "Macron held talks with Merkel in Berlin."),
        ("In May, Boeing signed an agreement with Embraer.", "In May, Embraer signed an agreement with Boeing."),
    ],
)
def test_symmetric_relations_swap_into_an_entailment(sentence: str, symmetric: str) -> None:
    assert rewrite(sentence) == {roles.ROLE_SYMMETRIC: symmetric}


@pytest.mark.parametrize(
    "sentence",
    [
        "He defeated John Adams in 1800.",  # a pronoun party
        "Jefferson did not defeat John Adams in 1800.",  # negation
        "In August 1990, Bush signed the Ryan White CARE Act.",  # a law, not a party
        "In 1998, Meat Loaf released The Very Best of Meat Loaf.",
        "The Falcons beat the Rovers, winning the title.",  # who won the title, once restated?
        "If the Falcons beat the Rovers on Monday, they go top.",  # a condition
        "Putin sacked Kasyanov in 2004, after he had become critical.",  # "he" could change referent
        "Jacques Santer succeeded Jacques Delors in 1995, the second Luxembourger to hold the office.",
        "West played Higgins in the revival.",  # a role in a play, not a match
        "Jones later married Selznick after the affair ended his first marriage.",  # whose, once swapped?
        "Jefferson could defeat John Adams.",  # not a past event
    ],
)
def test_unsafe_sentences_are_left_alone(sentence: str) -> None:
    assert rewrites(sentence) == []


def test_spot_check_failures_stay_fixed() -> None:
    """Rewrites an eye check of the generated pairs found wrong."""
    # a place or origin phrase that would attach to the other party once the voice changes
    assert roles.ROLE_KEPT not in rewrite("The singer adopted a boy from Malawi in 2006.")
    # a party that runs on into another name (a misparse): nothing is made of it
    assert rewrites("During the offseason, the Jazz signed free agents Chris Greg Foster.") == []
    # "beat B to the award" has no converse with "lost to"
    assert roles.ROLE_CONVERSE not in rewrite("Zidane has beaten Henry to the 2003 World Player award.")


def test_rewrites_are_deterministic_for_a_seed_and_balanced_per_sentence() -> None:
    s = "The Falcons defeated the Rovers 3-1 on Sunday."
    assert rewrites(s, 5) == rewrites(s, 5)
    made = rewrites(s)
    assert all(text != s for _, text in made)
    # as many contradictions as restatements from one sentence, plus the in-place swap
    kinds = [kind for kind, _ in made]
    assert kinds.count(roles.ROLE_SWAP) == kinds.count(roles.ROLE_KEPT) + kinds.count(roles.ROLE_CONVERSE) + 1


def write_pairs(folder: Path, dataset: str, rows: list[dict[str, Any]]) -> None:
    (folder / "pairs").mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps({"hypothesis": "x", "label": "neutral", **r}) + "\n" for r in rows)
    (folder / "pairs" / f"{dataset}.jsonl").write_text(text, encoding="utf-8")


def test_pool_skips_held_out_sentences_and_reads_tokenised_evidence(tmp_path: Path) -> None:
    for dataset, splits in POOL.items():
        split = splits[0] if splits else "train"
        rows = [{"premise": f"Quentin Marsh defeated Olaf Brandt in the {dataset} final.", "split": split}]
        write_pairs(tmp_path, dataset, rows)
    fever = "Olaf Brandt . Brandt lost to Quentin Marsh -LRB- his rival -RRB- , twice ."
    write_pairs(tmp_path, "docnli_repo_binary", [
        {"premise": fever, "split": "binary-FEVER-NLI/x"},
        {"premise": "Vera Lind married Tomas Berg in Oslo.", "split": "binary-MNLI/train"},
    ])  # fmt: skip
    mnli = "Quentin Marsh defeated Olaf Brandt in the rte_glue final."
    write_pairs(tmp_path, "gnli_misc", [{"premise": mnli, "split": "mnli/dev"}])
    held = "Quentin Marsh defeated Olaf Brandt in the frank final."
    passages = pool_passages(tmp_path, heldout_sentences(tmp_path, [held]), roles.PREFILTER)
    sentences = {s for p in passages for s in p}
    assert mnli not in sentences and held not in sentences  # the held-out sets never feed the pool
    assert "Quentin Marsh defeated Olaf Brandt in the conjnli final." in sentences
    assert "Brandt lost to Quentin Marsh (his rival), twice." in sentences  # FEVER detokenised
    assert not any("Vera Lind" in s for s in sentences)  # DocNLI's MNLI part is not in the pool
    assert detokenise("Smith , who won -LRB- 2-1 -RRB- , said `` no '' .") == 'Smith, who won (2-1), said " no ".'
