from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from verify.facts.align import check_text
from verify.mentions import extract_dates, extract_numbers
from verify.premise import format_premise
from verify.text import negation_count
from verify.train.synthetic import (
    KIND_LABEL,
    TWINS,
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


PAGES = {
    "Willie Stargell": [
        "Willie Stargell played for the Pittsburgh Pirates from 1962 to 1982.",
        "He won the World Series with the Pirates in 1979, hitting three home runs.",
        "Stargell hit 475 home runs over a career of twenty-one seasons.",
        "In 1979, the Pirates defeated the Orioles in seven games.",
    ],
    "Gandhi (film)": [
        "The film premiered in New Delhi, India on 30 November 1982.",
        "Filming was delayed after the government declared a state of emergency.",
        "The film won eight Academy Awards at the ceremony in April 1983.",
        "Critics praised its cast, and the film earned 52 million dollars in North America.",
    ],
    "Casablanca (film)": [
        "The film was released in the United States on 23 January 1943.",
        "Warner Bros. bought the rights to the play for 20,000 dollars in January 1942.",
        "The studio rejected a sequel that was proposed by the writers in 1943.",
    ],
    "Marie Curie": [
        "Marie Curie was born in Warsaw on 7 November 1867.",
        "She was awarded the Nobel Prize in Chemistry in 1911 for her work on radium.",
        "Curie founded two institutes, in Paris and in Warsaw, which still operate.",
        "The university approved her appointment as professor in 1906.",
        "Marie Sklodowska married Pierre Curie in Sceaux in July 1895.",
    ],
}


def fm2_folder(tmp_path: Path) -> Path:
    rows = []
    for title, texts in PAGES.items():
        for text in texts:
            others = [{"text": t} for t in texts if t != text] + [{"text": "{\\displaystyle x}"}]
            evidence = {"gold_evidence": [{"text": text}], "retrieved_evidence": others}
            rows.append({"wikipedia_page": title, "text": text, "label": "SUPPORTS", **evidence})
    folder = tmp_path / "fm2"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.slow  # the role kinds parse with spaCy
def test_synthetic_pairs_are_balanced_and_labelled_by_kind(tmp_path: Path) -> None:
    bench = fm2_folder(tmp_path)
    assert all("displaystyle" not in s for page in page_sentences(bench) for s in page)  # markup debris dropped
    pairs = synthetic_pairs(bench, 90, seed=3)
    labels = Counter(p.label for p in pairs)
    assert len(set(labels.values())) == 1 and sum(labels.values()) >= 75, labels  # a third each
    kinds = {p.dataset.removeprefix("synthetic_"): p.label for p in pairs}
    assert kinds == {kind: KIND_LABEL[kind] for kind in kinds}
    assert kinds["date_swap"] == kinds["negated"] == kinds["antonym"] == kinds["role_swap"] == "contradiction"
    assert kinds["synonym"] == kinds["role_kept"] == kinds["date_restated"] == "entailment"
    assert kinds["role_converse"] == kinds["role_symmetric"] == "entailment"
    assert {"same_page", "added_date"} & set(kinds)  # fillers make up the rest of each label
    for p in pairs:
        if p.dataset == "synthetic_extracted":
            assert p.hypothesis in p.premise and p.hypothesis != p.premise
    assert synthetic_pairs(bench, 90, seed=3) == pairs  # reproducible from the seed


@pytest.mark.slow
def test_every_contradiction_kind_comes_with_as_many_twins(tmp_path: Path) -> None:
    pairs = synthetic_pairs(fm2_folder(tmp_path), 150, seed=0, titles=True)
    counts = Counter(p.dataset.removeprefix("synthetic_") for p in pairs)
    for kind, twin_kinds in TWINS.items():
        assert counts[kind] > 0, (kind, counts)  # the fixture has material for every kind
        assert counts[kind] == sum(counts[t] for t in twin_kinds), (kind, counts)
        assert all(counts[t] > 0 for t in twin_kinds), (kind, counts)
    # Twins come from the same sentence and premise where it yields both.
    premises = defaultdict(set)
    for p in pairs:
        premises[p.premise].add(p.dataset.removeprefix("synthetic_"))
    assert any({"role_swap", "role_kept"} <= kinds for kinds in premises.values())
    assert any(
        {"antonym", "synonym"} <= kinds or {"negated", "negated_antonym"} <= kinds for kinds in premises.values()
    )


@pytest.mark.slow
def test_premises_carry_the_page_title_as_the_verifier_formats_it(tmp_path: Path) -> None:
    pairs = synthetic_pairs(fm2_folder(tmp_path), 150, seed=0, titles=True)
    framed = [p for p in pairs if p.dataset.startswith("synthetic_role_frame_")]
    assert framed  # generated role pairs carry their headline as the title
    for p in framed:
        headline, body = p.premise.split(". ", 1)
        assert p.premise == format_premise(body, headline) and headline not in PAGES
    for p in pairs:
        if p in framed:
            continue
        title = next(t for t, texts in PAGES.items() if any(s.split(",")[0][:30] in p.premise for s in texts))
        body = p.premise.removeprefix(f"{title}. ")
        assert p.premise == format_premise(body, title), p.premise
    added = [p for p in pairs if p.dataset == "synthetic_name_added"]
    unstated = [p for p in pairs if p.dataset == "synthetic_name_unstated"]
    assert added and unstated
    for p in added:  # the name it adds is the page's, given by the title before the passage
        assert p.hypothesis.split(" ")[0] in p.premise and not p.hypothesis.startswith(("He ", "She ", "The film "))
    untitled = synthetic_pairs(fm2_folder(tmp_path), 150, seed=0)
    assert not any(p.premise.startswith(tuple(f"{t}. " for t in PAGES)) for p in untitled)


def nli_folder(tmp_path: Path, sentences: list[str]) -> Path:
    """A shared-NLI folder whose pool datasets hold the sentences (one premise each)."""
    from verify.train.role_pool import POOL

    folder = tmp_path / "nli"
    (folder / "pairs").mkdir(parents=True)
    for dataset, splits in POOL.items():
        split = splits[0] if splits else "train"
        rows = [{"premise": s, "hypothesis": "x", "label": "neutral", "split": split} for s in sentences]
        (folder / "pairs" / f"{dataset}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    mnli = {"premise": "Nobody reads this.", "hypothesis": "x", "label": "neutral", "split": "mnli/dev"}
    (folder / "pairs" / "gnli_misc.jsonl").write_text(json.dumps(mnli) + "\n")
    return folder


@pytest.mark.slow
def test_the_role_pool_adds_role_pairs_with_as_many_twins_and_skips_held_out_premises(tmp_path: Path) -> None:
    pool = [
        "In 2011, the Falcons defeated the Rovers in the regional final.",
        "Police arrested a 19-year-old man in Carlisle on Friday.",
        "Quentin Marsh succeeded Olaf Brandt as chairman of the board in 2009.",
        "In 2015, the council sold the old library to a local charity for one pound.",
        "Vera Lind married Tomas Berg in Bergen in 1999.",
        "The senator held talks with the mayor of Lyon in March.",
    ]
    held = "The Rangers were beaten by the Harriers in the cup."
    bench = fm2_folder(tmp_path)
    nli = nli_folder(tmp_path, [*pool, held])
    pairs = synthetic_pairs(bench, 150, seed=0, nli_dir=nli, heldout_premises=[held])
    assert not any("Harriers" in p.premise or "Harriers" in p.hypothesis for p in pairs)
    counts = Counter(p.dataset.removeprefix("synthetic_") for p in pairs)
    assert counts["role_swap"] == counts["role_kept"] + counts["role_converse"] + counts["role_symmetric"]
    assert counts["role_symmetric"] > 0 and counts["role_converse"] > 0
    assert any(p.premise.startswith("Police arrested") for p in pairs if p.dataset == "synthetic_role_swap")
    assert synthetic_pairs(bench, 150, seed=0, nli_dir=nli, heldout_premises=[held]) == pairs  # deterministic


@pytest.mark.slow
def test_role_frames_fill_the_role_share_the_real_sentences_cannot(tmp_path: Path) -> None:
    bench = fm2_folder(tmp_path)
    real_only = Counter(p.dataset.removeprefix("synthetic_") for p in synthetic_pairs(bench, 300, seed=1, frames=False))
    counts = Counter(p.dataset.removeprefix("synthetic_") for p in synthetic_pairs(bench, 300, seed=1))
    assert not any(kind.startswith("role_frame_") for kind in real_only)
    # the real rewrites come first, all of them; the frames make up the rest of the role share
    assert counts["role_swap"] == real_only["role_swap"] > 0
    assert counts["role_frame_swap"] > 0
    frame_twins = ("role_frame_kept", "role_frame_converse", "role_frame_symmetric")
    assert counts["role_frame_swap"] == sum(counts[t] for t in frame_twins)
    assert all(counts[t] > 0 for t in frame_twins)
    # the role kinds now get at least an even share of the contradictions, as the other kinds do
    contradictions = sum(n for kind, n in counts.items() if KIND_LABEL[kind] == "contradiction")
    assert counts["role_swap"] + counts["role_frame_swap"] >= contradictions / len(TWINS)
    # where the fixture's sentences run out of every kind, the frames make up the contradictions
    real_contradictions = sum(n for kind, n in real_only.items() if KIND_LABEL[kind] == "contradiction")
    assert contradictions > real_contradictions and contradictions <= 100
    # a heavier role weight gives the swapped roles more of the contradictions, twins kept equal
    heavy = Counter(p.dataset.removeprefix("synthetic_") for p in synthetic_pairs(bench, 300, seed=1, role_weight=4))
    assert heavy["role_frame_swap"] > counts["role_frame_swap"]
    assert heavy["role_frame_swap"] == sum(heavy[t] for t in frame_twins)
