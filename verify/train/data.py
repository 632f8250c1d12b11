"""The training mix for the bundled NLI model, read from the shared NLI pair collection.

Every pair keeps its dataset name; the label is one of entailment / neutral / contradiction, or
not_entailment for 2-way sets (trained as "neutral or contradiction", never as neutral).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS = ("entailment", "neutral", "contradiction")
NOT_ENTAILMENT = "not_entailment"

# dataset -> (accepted split prefixes or None for all, cap on pairs taken).
# Non-commercial sets (anli, sick, imppres) are left out so the shipped weights stay
# redistributable; template-generated sets are left out for their low lexical diversity.
# MNLI dev-matched (gnli_misc mnli/dev) is the external held-out set and is never trained on.
MIX: dict[str, tuple[tuple[str, ...] | None, int]] = {
    "lingnli": (
        ("1_Baseline_protocol/train", "2_Ling_on_side_protocol/train", "3_Ling_in_loop_protocol/train"),
        45_000,
    ),
    "snli_cad": (None, 6_000),
    "gnli_misc": (("snli/dev",), 3_000),
    "taxinli": (None, 4_000),
    "conjnli": (None, 3_000),
    "negation_nli": (None, 4_500),
    "breaking_nli": (None, 3_000),
    "fever_symmetric": (None, 1_416),
    "docnli_repo_binary": (("binary-FEVER-NLI/",), 9_000),
    "rte_glue": (("train",), 2_487),
    "nope": (None, 2_725),
    "citint": (("train", "dev"), 2_452),
    "superglue_cb": (("train",), 250),
}
HELDOUT_EXTERNAL = ("gnli_misc", "mnli/dev")
MAX_PREMISE_CHARS = 1_500  # long documents are not what the verifier sees (passages of 1-3 sentences)


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    dataset: str


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON-lines file of the shared data (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_pairs(nli_dir: Path, dataset: str, splits: tuple[str, ...] | None) -> Iterator[Pair]:
    for row in read_jsonl(nli_dir / "pairs" / f"{dataset}.jsonl"):
        if splits is not None and not row["split"].startswith(splits):
            continue
        if len(row["premise"]) > MAX_PREMISE_CHARS:
            continue
        yield Pair(row["premise"], row["hypothesis"], row["label"], dataset)


def random_pair_neutrals(pairs: list[Pair], count: int, rng: random.Random) -> list[Pair]:
    """Unrelated premise/hypothesis pairs labelled neutral: the retriever's off-topic passages."""
    out = []
    for _ in range(count):
        a, b = rng.sample(pairs, 2)
        out.append(Pair(a.premise, b.hypothesis, "neutral", "random_pair"))
    return out


def build_mix(nli_dir: Path, max_pairs: int, heldout: int, seed: int = 0) -> tuple[list[Pair], list[Pair]]:
    """Shuffled (train, held-out) lists; held-out is drawn from the same mix, never trained on."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for dataset, (splits, cap) in MIX.items():
        rows = list(read_pairs(nli_dir, dataset, splits))
        rng.shuffle(rows)
        pairs.extend(rows[:cap])
    pairs.extend(random_pair_neutrals(pairs, len(pairs) // 25, rng))
    rng.shuffle(pairs)
    heldout_pairs, train_pairs = pairs[:heldout], pairs[heldout:]
    if max_pairs < len(train_pairs):
        train_pairs = train_pairs[:max_pairs]
    return train_pairs, heldout_pairs


def external_heldout(nli_dir: Path, count: int, seed: int = 0) -> list[Pair]:
    """MNLI dev-matched 3-way pairs (the figure TRAINING-NOTES.md reports against)."""
    dataset, split = HELDOUT_EXTERNAL
    rows = [p for p in read_pairs(nli_dir, dataset, (split,)) if p.label in LABELS]
    random.Random(seed).shuffle(rows)
    return rows[:count]
