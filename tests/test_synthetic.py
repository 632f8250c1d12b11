from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from verify.facts.align import check_text
from verify.mentions import extract_dates, extract_numbers
from verify.text import negation_count
from verify.train.synthetic import (
    add_unstated_date,
    flip_polarity,
    page_sentences,
    shorten,
    swap_date,
    swap_name,
    swap_number,
    synthetic_pairs,
)

SENTENCES = [
    "The bridge over the Arno was opened on 14 June 1958 by the mayor of Florence.",
    "The company, which was founded in Leeds, employed 2,400 people in March 1999.",
    "Marie Curie was awarded the Nobel Prize in Chemistry in 1911 for her work on radium.",
    "The expedition reached the summit after 43 days, losing three of its eleven members.",
]


@pytest.mark.slow  # the fact layer's spaCy pipeline
@pytest.mark.parametrize("sentence", SENTENCES[:3])
def test_date_swap_gives_a_date_the_checks_call_different(sentence: str) -> None:
    for seed in range(5):
        swapped = swap_date(sentence, random.Random(seed))
        assert swapped and swapped != sentence
        result = check_text(swapped, sentence)
        assert any(f.kind == "date" and not f.agrees for f in result.findings), (swapped, result.findings)


@pytest.mark.parametrize("sentence", [SENTENCES[1], SENTENCES[3]])
def test_number_swap_gives_a_clearly_different_quantity(sentence: str) -> None:
    for seed in range(5):
        swapped = swap_number(sentence, random.Random(seed))
        assert swapped and swapped != sentence
        before = sorted(n.value for n in extract_numbers(sentence))
        after = sorted(n.value for n in extract_numbers(swapped))
        assert len(before) == len(after)
        changed = [(a, b) for a, b in zip(before, after) if a != b]
        assert len(changed) == 1 and abs(changed[0][0] - changed[0][1]) >= 0.25 * max(changed[0])


def test_number_swap_leaves_clock_times_alone() -> None:
    assert swap_number("The shots were fired at 12:30 on the night of the vote.", random.Random(0)) is None


def test_name_swap_replaces_one_name_with_a_rival_of_the_same_length() -> None:
    swapped = swap_name(SENTENCES[2], ["Lise Meitner", "Paris", "Ernest Rutherford"], random.Random(0))
    assert swapped and "Marie Curie" in swapped  # the sentence-initial name is the subject: kept
    assert swapped != SENTENCES[2] and any(r in swapped for r in ("Lise Meitner", "Paris", "Ernest Rutherford"))
    assert swap_name("It rained all day and all night long.", ["Paris"], random.Random(0)) is None


@pytest.mark.parametrize(
    ("sentence", "flipped"),
    [
        ("The treaty was signed in Vienna.", "The treaty was not signed in Vienna."),
        ("The band has been called the best of its decade.", "The band has not been called the best of its decade."),
        ("Voters can change their registration online.", "Voters cannot change their registration online."),
        ("The court did not reject the appeal.", "The court did reject the appeal."),
        ("The river floods every spring.", None),  # no auxiliary to negate: skipped, not mangled
    ],
)
def test_flip_polarity(sentence: str, flipped: str | None) -> None:
    assert flip_polarity(sentence) == flipped
    if flipped:
        assert negation_count(flipped) != negation_count(sentence)


def test_shorten_drops_parentheticals_and_relative_clauses_only() -> None:
    assert shorten(SENTENCES[1]) == "The company employed 2,400 people in March 1999."
    assert shorten("Mary Stuart (1542 – 1587) reigned over Scotland for twenty-five years.") == (
        "Mary Stuart reigned over Scotland for twenty-five years."
    )
    assert shorten("Short one (really).") == "Short one (really)."  # too short once trimmed: unchanged


def test_added_date_only_where_the_sentence_gives_none() -> None:
    added = add_unstated_date("The museum holds the largest collection of his drawings.", random.Random(0))
    assert added and extract_dates(added) and added.startswith("The museum holds the largest collection")
    assert add_unstated_date(SENTENCES[0], random.Random(0)) is None


def _fm2_folder(tmp_path: Path, pages: int = 12) -> Path:
    rng = random.Random(1)
    rows = []
    for p in range(pages):
        texts = [
            f"{s.rstrip('.')} according to page {p}." if rng.random() < 0.5 else s for s in rng.sample(SENTENCES, 4)
        ]
        rows.append(
            {
                "gold_evidence": [{"text": texts[0]}],
                "retrieved_evidence": [{"text": t} for t in texts[1:]] + [{"text": "{\\displaystyle x}"}],
            }
        )
    folder = tmp_path / "fm2"
    folder.mkdir()
    (folder / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return tmp_path


def test_synthetic_pairs_are_balanced_and_labelled_by_kind(tmp_path: Path) -> None:
    bench = _fm2_folder(tmp_path)
    assert all("displaystyle" not in s for page in page_sentences(bench) for s in page)  # markup debris dropped
    pairs = synthetic_pairs(bench, 240, seed=3)
    labels = Counter(p.label for p in pairs)
    assert sum(labels.values()) >= 200 and all(abs(n - 80) <= 10 for n in labels.values()), labels
    kinds = {p.dataset: p.label for p in pairs}
    assert kinds["synthetic_date_swap"] == kinds["synthetic_negated"] == "contradiction"
    assert kinds["synthetic_shortened"] == kinds["synthetic_extracted"] == "entailment"
    assert kinds["synthetic_same_page"] == kinds["synthetic_added_date"] == "neutral"
    for p in pairs:
        if p.dataset == "synthetic_extracted":
            assert p.hypothesis in p.premise and p.hypothesis != p.premise
    assert synthetic_pairs(bench, 240, seed=3) == pairs  # reproducible from the seed
