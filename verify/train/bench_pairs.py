"""Claim/evidence pairs from the training splits of the shared benchmark sets.

Only splits that are not evaluated: Check-COVID train, less its calibration split, and FM2 dev (FM2
is not one of the sets benchmarks/run.py reports). Gold evidence gives entailment or contradiction; the sentences a
not-enough-info claim points to, and non-evidence sentences of the same document, give neutral:
exactly the "related but not deciding" passages retrieval returns.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from verify.premise import format_premise
from verify.train.data import Pair, read_jsonl

CALIBRATION_SHARE = 0.3


def in_calibration_split(claim: str) -> bool:
    """About 30% of Check-COVID train, chosen by a stable hash of the claim text (a claim repeated
    under another id falls on the same side), is never trained on: the confidence calibration is
    fitted there (calibrating on training data would be overconfident)."""
    digest = hashlib.sha1(" ".join(claim.split()).encode("utf-8")).hexdigest()
    return int(digest, 16) % 100 < CALIBRATION_SHARE * 100


def check_covid_train(bench_dir: Path, rng: random.Random, titles: bool = False) -> list[Pair]:
    """With `titles`, each premise starts with its paper's title, as the verifier gives it."""
    folder = bench_dir / "check-covid"
    docs = list(read_jsonl(folder / "corpus.json"))
    corpus = {d["cord_id"]: d["abstract"] for d in docs}
    title = {d["cord_id"]: d.get("title") if titles else None for d in docs}
    label = {"SUPPORT": "entailment", "REFUTE": "contradiction", "NOTENOUGHINFO": "neutral"}
    pairs = []
    for row in read_jsonl(folder / "train" / "covidCheck_train_composed+extracted.json"):
        if in_calibration_split(row["claim"]):
            continue
        abstract = corpus[row["cord_id"]]
        used = sorted({e["sent_index"] for e in row["evidence_set"]})
        if used:
            premise = format_premise(" ".join(abstract[i] for i in used), title[row["cord_id"]])
            pairs.append(Pair(premise, row["claim"], label[row["label"]], "check_covid_train"))
        others = [s for i, s in enumerate(abstract) if i not in used]
        if others:
            premise = format_premise(rng.choice(others), title[row["cord_id"]])
            pairs.append(Pair(premise, row["claim"], "neutral", "check_covid_train"))
    return pairs


def fm2_dev(bench_dir: Path, rng: random.Random, titles: bool = False) -> list[Pair]:
    """With `titles`, each premise starts with its Wikipedia page's title."""
    label = {"SUPPORTS": "entailment", "REFUTES": "contradiction"}
    pairs = []
    for row in read_jsonl(bench_dir / "fm2" / "dev.jsonl"):
        title = row.get("wikipedia_page") if titles else None
        gold = [e["text"] for e in row["gold_evidence"]]
        pairs.append(Pair(format_premise(" ".join(gold), title), row["text"], label[row["label"]], "fm2_dev"))
        others = [e["text"] for e in row["retrieved_evidence"] if e["text"] not in gold]
        if others:
            # Another sentence of the same page: usually topical, not deciding; a 2-way label
            # keeps an occasional deciding one from being taught as neutral.
            pairs.append(Pair(format_premise(rng.choice(others), title), row["text"], "not_entailment", "fm2_dev"))
    return pairs


def bench_pairs(bench_dir: Path, seed: int = 0, titles: bool = False) -> list[Pair]:
    rng = random.Random(seed)
    return check_covid_train(bench_dir, rng, titles) + fm2_dev(bench_dir, rng, titles)
