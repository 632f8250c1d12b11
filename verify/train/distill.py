"""Knowledge distillation: a larger NLI model (the teacher, e.g. the mpnet bundle) teaches MiniLM.

`python -m verify.train --teacher SPEC --out FOLDER ...` trains as usual, with the loss
α · T² · KL(teacher_T ‖ student_T) + (1 − α) · cross-entropy on the gold label (verify.train.losses).
The teacher's probabilities on every training pair are computed once, before the first step, and
cached (verify.train.teacher_cache), so a resumed run or a second stage never re-scores a pair.

The teacher reads each pair as the student does, so both must read premises alike (verify.premise):
a teacher whose card asks for titles makes the student train with titled claim-style premises too
(its card then says so), and a plain teacher refuses --premise-title.

This module's command fills the cache only, for the pairs a training command line would use:

    python -m verify.train.distill --teacher index/.train/mpnet-stage2 --bench-pairs --synthetic 12000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.bundled import BUNDLED_DIR, CARD_FILE, DELTA_FILE
from verify.config import BACKENDS, DEFAULT_BACKEND
from verify.premise import PLAIN, PremiseFormat, bundle_premise_format
from verify.train.data import LABELS, NOT_ENTAILMENT, Pair
from verify.train.teacher_cache import TeacherCache

if TYPE_CHECKING:
    import numpy as np

    from verify.nli import NLIModel

CACHE_ROOT = Path("index/.train")  # ignored by git, like the checkpoints beside it
CACHE_FORMAT = 1  # bump when what a shard means changes: old caches are then not reused
# What of the teacher's card the student's card repeats: its measured figures and provenance.
TEACHER_CARD_FIELDS = ("base", "delta", "mix", "train_pairs", "fp32", "shipped_int8", "curve", "snapshot", "licences")


def add_distill_arguments(parser: argparse.ArgumentParser) -> None:
    """The training command's distillation flags."""
    parser.add_argument(
        "--teacher",
        help="distil from this NLI model (a bundle folder, or as verify --model): its soft labels join the "
        "gold ones in the loss (verify/train/distill.py); needs --out",
    )
    parser.add_argument("--alpha", type=float, default=0.5, help="with --teacher: the soft labels' share of the loss")
    parser.add_argument("--temperature", type=float, default=2.0, help="with --teacher: the softmax temperature T")
    parser.add_argument(
        "--teacher-cache", help="with --teacher: folder of its cached scores (default index/.train/teacher-NAME-KEY)"
    )
    parser.add_argument(
        "--teacher-backend", choices=BACKENDS, default=DEFAULT_BACKEND, help="with --teacher: as verify --backend"
    )


def distill_setup(args: argparse.Namespace) -> dict[str, Any] | None:
    """The teacher's identity with --teacher (after checking the flags), else None."""
    if not args.teacher:
        return None
    if not args.out or Path(args.out).resolve() == BUNDLED_DIR:
        # A distilled model ships only once benchmarks/compare_models.py says it beats the shipped one.
        raise SystemExit(
            "--teacher needs --out: a folder other than the shipped bundle (copied there only after "
            "benchmarks/compare_models.py passes)"
        )
    if not 0.0 <= args.alpha <= 1.0 or args.temperature <= 0:
        raise SystemExit(f"--alpha must be within 0..1 and --temperature above 0, not {args.alpha}, {args.temperature}")
    return teacher_identity(args.teacher)


def resolve_teacher(spec: str) -> tuple[str, Path | None]:
    """(the spec the teacher is opened with, its bundle folder or None for a CrossEncoder name).

    A bundle runs at fp32 unless the spec names a precision: bf16 rounds the soft labels and int8's
    scores depend on the batch. A spec that is a local path must be a bundle (a missing one is an
    error here, not a download attempt from the hub)."""
    from verify.cascade import CASCADE, resolve_model_spec
    from verify.nli import PRECISIONS, BundledNLI, load_nli

    resolved = resolve_model_spec(spec)
    if resolved.partition(":")[0] == CASCADE:
        raise SystemExit("--teacher must be one model, not the cascade")
    base, _, suffix = resolved.rpartition(":")
    explicit = bool(base) and suffix in PRECISIONS
    path = Path(base if explicit else resolved)
    local = path.is_absolute() or path.parts[0] in (".", "..") or Path(path.parts[0]).exists()
    if local and not (path / DELTA_FILE).is_file() and resolved.partition(":")[0] != "bundled":
        raise SystemExit(f"--teacher {spec}: no model bundle at {path} (train it first, e.g. `make train-mpnet`)")
    model = load_nli(resolved)
    if isinstance(model, BundledNLI):
        return (resolved if explicit else f"{resolved}:fp32"), model.bundle_dir or BUNDLED_DIR
    return resolved, None


def teacher_identity(spec: str) -> dict[str, Any]:
    """Who the teacher is: the cache key hashes a bundle's weights and precision, so a retrained
    teacher (the mpnet snapshot, later the finished model) never reuses another's scores."""
    run_spec, folder = resolve_teacher(spec)
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{run_spec.rpartition(':')[2] if folder else run_spec}".encode())
    card: dict[str, Any] = {}
    premise = PLAIN
    if folder is not None:
        card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
        digest.update(str(card.get("base_key")).encode())
        digest.update((folder / DELTA_FILE).read_bytes())
        premise = bundle_premise_format(folder)
    return {
        "spec": run_spec,
        "name": folder.name if folder else run_spec,
        "key": digest.hexdigest()[:16],
        "premise": premise.to_card(),
        "card": {k: card[k] for k in TEACHER_CARD_FIELDS if k in card},
    }


def teacher_premise(identity: dict[str, Any]) -> PremiseFormat:
    return PremiseFormat(**identity["premise"])


def student_premise_title(args: argparse.Namespace, identity: dict[str, Any]) -> bool:
    """Whether the student's claim-style premises carry titles: as the teacher was trained."""
    title = teacher_premise(identity).title
    if args.premise_title and not title:
        raise SystemExit(
            f"--premise-title: the teacher {identity['name']} reads bare passages, so it would score "
            "titled premises it never learnt; leave --premise-title out"
        )
    if title and not args.premise_title:
        print(f"the teacher {identity['name']} reads titles: so will the student (as --premise-title)", flush=True)
    return title


def cache_folder(args: argparse.Namespace, identity: dict[str, Any]) -> Path:
    if args.teacher_cache:
        return Path(args.teacher_cache)
    return CACHE_ROOT / f"teacher-{identity['name']}-{identity['key'][:8]}"


def open_teacher(identity: dict[str, Any], backend: str) -> NLIModel:
    from verify.backends import open_nli

    return open_nli(identity["spec"], backend)


def cached_teacher_probs(
    args: argparse.Namespace, identity: dict[str, Any], pairs: list[Pair]
) -> tuple[np.ndarray, TeacherCache]:
    """The teacher's probabilities on `pairs` (in order), scoring only what the cache lacks; the
    teacher is loaded only then."""
    cache = TeacherCache(cache_folder(args, identity), {k: v for k, v in identity.items() if k != "card"})
    texts = [(p.premise, p.hypothesis) for p in pairs]
    if cache.missing(texts):
        cache.fill(open_teacher(identity, args.teacher_backend), texts)
    return cache.probs_for(texts), cache


def agreement(probs: np.ndarray, pairs: list[Pair]) -> dict[str, Any]:
    """How often the teacher's argmax matches the gold label (a check on the soft labels)."""
    picked = probs.argmax(axis=1)
    three = [int(picked[i]) == LABELS.index(p.label) for i, p in enumerate(pairs) if p.label in LABELS]
    two = [
        (picked[i] == 0) == (p.label == LABELS[0]) for i, p in enumerate(pairs) if p.label in (*LABELS, NOT_ENTAILMENT)
    ]
    return {
        "pairs": len(pairs),
        "accuracy_3way": round(sum(three) / max(len(three), 1), 4),
        "accuracy_2way": round(sum(two) / max(len(two), 1), 4),
    }


def card_section(
    args: argparse.Namespace, identity: dict[str, Any], cache: TeacherCache, probs: np.ndarray, pairs: list[Pair]
) -> dict[str, Any]:
    """What the student's model card records of its distillation."""
    return {
        "teacher": {
            "spec": identity["spec"],
            "name": identity["name"],
            "key": identity["key"],
            "premise": identity["premise"],
            **identity["card"],
        },
        "alpha": args.alpha,
        "temperature": args.temperature,
        "cached_pairs": len({(p.premise, p.hypothesis) for p in pairs}),
        "scored_by": cache.meta().get("scored_by", []),
        "teacher_on_training_pairs": agreement(probs, pairs),
    }


def fill_cache(args: argparse.Namespace) -> dict[str, Any]:
    """Score (or find cached) every pair the training command line would train on; a summary."""
    from verify.train.finetune import training_data

    if not args.teacher:
        raise SystemExit("--teacher is required")
    identity = teacher_identity(args.teacher)
    titles = student_premise_title(args, identity)
    train_pairs, _, _ = training_data(args, titles, random.Random(args.seed))
    started = time.time()
    cache = TeacherCache(cache_folder(args, identity), {k: v for k, v in identity.items() if k != "card"})
    texts = [(p.premise, p.hypothesis) for p in train_pairs]
    scored = cache.fill(open_teacher(identity, args.teacher_backend), texts)
    elapsed = time.time() - started
    probs = cache.probs_for(texts)
    size = sum(p.stat().st_size for p in cache.shards())
    summary = {
        "teacher": identity["spec"],
        "cache": str(cache.folder),
        "train_pairs": len(train_pairs),
        "scored_now": scored,
        "pairs_per_s": round(scored / elapsed, 2) if scored else None,
        "cached_pairs": len(cache),
        "shards": len(cache.shards()),
        "bytes_per_1000_pairs": round(size / max(len(cache), 1) * 1000),
        "teacher_on_training_pairs": agreement(probs, train_pairs),
    }
    print(json.dumps(summary, indent=2), flush=True)
    return summary


def main(argv: list[str] | None = None) -> None:
    from verify.train.finetune import parse_args

    args = parse_args(sys.argv[1:] if argv is None else argv)
    fill_cache(args)


if __name__ == "__main__":
    main()
