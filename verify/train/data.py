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

from verify.nli import LABELS  # the one column order, shared with inference

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
# The wider mix for a larger base encoder (mpnet-base learns from far more than MiniLM can use
# on a CPU budget): every natural-language set that is not non-commercial, template sets only for
# what they teach that the others do not (counting, comparison, time, negation, quantifiers).
MIX_WIDE: dict[str, tuple[tuple[str, ...] | None, int]] = {
    **MIX,
    "lingnli": MIX["lingnli"][:1] + (52_302,),
    "snli_cad": (None, 11_042),
    "gnli_misc": (("snli/dev", "scitail/test"), 11_966),
    "taxinli": (None, 6_142),
    "conjnli": (None, 8_000),
    "negation_nli": (None, 4_494),
    "breaking_nli": (None, 4_000),
    "docnli_repo_binary": (("binary-FEVER-NLI/",), 17_827),
    "scone": (("train/",), 5_980),
    "monli": (None, 1_472),
    "help_partial": (("leskexppmb",), 3_000),
    "mpe": (("train", "dev"), 8_993),
    "scitail_devtest": (None, 1_303),
    "tracie": (None, 1_164),
    "ambient": (None, 2_273),
    "esnli_snli_devtest": (None, 5_000),
    "wanli_sample": (None, 100),
    "hans_misc": (None, 248),
    "curriculum": (
        ("counting/", "comparative/", "temporal/", "negation/", "quantifier/", "boolean/"),
        6_000,
    ),
}
MIXES = {"compact": MIX, "wide": MIX_WIDE}
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


def build_mix(
    nli_dir: Path, max_pairs: int, heldout: int, seed: int = 0, mix: str = "compact"
) -> tuple[list[Pair], list[Pair]]:
    """Shuffled (train, held-out) lists; held-out is drawn from the same mix, never trained on.

    Every mix reports on the compact mix's held-out pairs and never trains on them, so the
    held-out figure of a model trained on the wide mix compares with the shipped MiniLM's."""
    if mix != "compact":
        _, heldout_pairs = build_mix(nli_dir, 0, heldout, seed)
        held = {(p.premise, p.hypothesis) for p in heldout_pairs}
        train_pairs, _ = _draw(nli_dir, MIXES[mix], 0, seed, max_pairs=len(held) + max_pairs)
        train_pairs = [p for p in train_pairs if (p.premise, p.hypothesis) not in held]
        return train_pairs[:max_pairs], heldout_pairs
    return _draw(nli_dir, MIX, heldout, seed, max_pairs)


def _draw(
    nli_dir: Path, mix: dict[str, tuple[tuple[str, ...] | None, int]], heldout: int, seed: int, max_pairs: int
) -> tuple[list[Pair], list[Pair]]:
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for dataset, (splits, cap) in mix.items():
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
