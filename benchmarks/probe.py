"""The NLI probe: 320 hand-written (premise, hypothesis, label) pairs that test what a verifier
must read, never trained on: synonyms, antonyms, swapped and kept roles, names the title gives,
names nobody gives, negation, added or changed details. Prints accuracy per category.

    python benchmarks/probe.py                          # the bundled model
    python benchmarks/probe.py --model index/.train/mpnet-stage1 --json probe.json

The premise is what a verifier trained with titles sees: the article's title, its dateline, then the
passage (always, whatever the model's card says: the name categories test reading the title).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import REPO  # noqa: E402

from verify.backends import open_nli  # noqa: E402
from verify.config import BACKENDS, DEFAULT_BACKEND  # noqa: E402
from verify.nli import LABELS, NLIModel  # noqa: E402
from verify.premise import format_premise  # noqa: E402
from verify.train.data import read_jsonl  # noqa: E402

PROBE = REPO / "benchmarks" / "probe" / "nli_probe.jsonl"


def premise(row: dict[str, str]) -> str:
    """The premise with the title and dateline, built as training and the pipeline build it."""
    return format_premise(row["passage"], row.get("title"), row.get("dateline"))


def evaluate(nli: NLIModel, rows: list[dict[str, str]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(figures, predictions) of a model on the probe rows: accuracy overall and per category."""
    started = time.time()
    probs = nli.score([premise(r) for r in rows], [r["hypothesis"] for r in rows])
    elapsed = time.time() - started
    by_category: dict[str, list[bool]] = defaultdict(list)
    predictions = []
    for row, p in zip(rows, probs):
        predicted = LABELS[int(p.argmax())]
        by_category[row["category"]].append(predicted == row["label"])
        scores = p.round(4).tolist()
        predictions.append({"id": row["id"], "gold": row["label"], "predicted": predicted, "scores": scores})
    overall = [ok for oks in by_category.values() for ok in oks]
    figures = {
        "model": nli.name,
        "pairs": len(rows),
        "accuracy": sum(overall) / len(overall),
        "by_category": {c: sum(oks) / len(oks) for c, oks in sorted(by_category.items())},
        "pairs_per_s": len(rows) / elapsed,
    }
    return figures, predictions


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="bundled", help="as verify --model")
    parser.add_argument("--backend", default=DEFAULT_BACKEND, choices=BACKENDS, help="as verify --backend")
    parser.add_argument("--json", type=Path, help="also write the figures and every prediction here")
    args = parser.parse_args(argv)
    rows = list(read_jsonl(PROBE))
    figures, predictions = evaluate(open_nli(args.model, args.backend), rows)
    print(f"{figures['model']}: probe accuracy {figures['accuracy']:.3f} on {len(rows)} pairs")
    for category, accuracy in figures["by_category"].items():
        n = sum(1 for r in rows if r["category"] == category)
        print(f"  {category:12s} {accuracy:.3f} (n={n})")
    if args.json:
        args.json.write_text(json.dumps({**figures, "predictions": predictions}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
