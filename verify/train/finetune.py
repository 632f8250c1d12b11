"""Fine-tune the packaged MiniLM into a 3-way NLI cross-encoder and write the shipped bundle.

Reproducible from one command (see README "Training the bundled model"):
    python -m verify.train --nli-dir ../shared/nli --out verify/models/nli-minilm-l6
Speed levers for a 2-core CPU: frozen word embeddings (half the parameters), length-bucketed
batches (little padding), max_length 128, bf16 autocast where the CPU computes bf16 natively
(2.3x the pairs/s of fp32 for mpnet LoRA on an AVX512-BF16 CPU; weights and optimizer stay fp32),
checkpoints so an interrupted run resumes.
With --teacher, the student also learns a teacher model's soft labels (verify.train.distill).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

from verify.bundled import (
    BASES,
    CARD_FILE,
    DEFAULT_BASE,
    DELTA_FILE,
    base_model_dir,
    is_frozen,
    load_bundle,
    save_bundle,
    unpack_state,
)
from verify.nli import resolve_precision
from verify.premise import CARD_KEY, PremiseFormat
from verify.train.bench_pairs import bench_pairs
from verify.train.data import LABELS, MIXES, NOT_ENTAILMENT, Pair, build_mix, external_heldout
from verify.train.distill import (
    add_distill_arguments,
    cached_teacher_probs,
    card_section,
    distill_setup,
    student_premise_title,
)
from verify.train.licences import card_licences
from verify.train.lora import load_lora_delta, trainable_state
from verify.train.losses import distillation_loss, nli_loss
from verify.train.synthetic import DEFAULT_ROLE_WEIGHT, synthetic_pairs

LABEL_IDS = {label: i for i, label in enumerate(LABELS)}


def length_bucketed_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: sort inside windows of 50 batches, then shuffle batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def encode(tokenizer: Any, pairs: list[Pair], max_length: int) -> dict[str, list[list[int]]]:
    return tokenizer(
        [p.premise for p in pairs],
        [p.hypothesis for p in pairs],
        truncation="longest_first",
        max_length=max_length,
    )


def collate(tokenizer: Any, enc: dict[str, list[list[int]]], idx: list[int]) -> dict[str, Any]:
    rows = [{k: enc[k][i] for k in enc} for i in idx]
    return tokenizer.pad(rows, return_tensors="pt")


def evaluate(model: Any, tokenizer: Any, pairs: list[Pair], max_length: int, batch_size: int = 64) -> dict[str, Any]:
    """3-way accuracy on 3-way pairs, 2-way accuracy (entailment vs not) on all pairs."""
    import torch

    model.eval()
    enc = encode(tokenizer, pairs, max_length)
    lengths = [len(x) for x in enc["input_ids"]]
    order = sorted(range(len(pairs)), key=lambda i: lengths[i])
    preds: dict[int, int] = {}
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            logits = model(**collate(tokenizer, enc, idx)).logits
            for i, p in zip(idx, logits.argmax(-1).tolist()):
                preds[i] = p
    three = [(preds[i], LABEL_IDS[p.label]) for i, p in enumerate(pairs) if p.label in LABEL_IDS]
    two = [(preds[i] == 0, p.label == "entailment") for i, p in enumerate(pairs)]
    figures: dict[str, Any] = {
        "pairs": len(pairs),
        "accuracy_3way": round(sum(a == b for a, b in three) / max(len(three), 1), 4),
        "pairs_3way": len(three),
        "accuracy_2way": round(sum(a == b for a, b in two) / max(len(two), 1), 4),
    }
    # A mix's figure per dataset: which sets hold a plateau back (adversarial sets sit far below SNLI).
    names = sorted({p.dataset for p in pairs})
    if len(names) > 1:
        figures["by_dataset"] = {name: _dataset_figures(pairs, preds, name) for name in names}
    return figures


def _dataset_figures(pairs: list[Pair], preds: dict[int, int], name: str) -> dict[str, Any]:
    rows = [i for i, p in enumerate(pairs) if p.dataset == name]
    three = [preds[i] == LABEL_IDS[pairs[i].label] for i in rows if pairs[i].label in LABEL_IDS]
    two = [(preds[i] == 0) == (pairs[i].label == "entailment") for i in rows]
    out: dict[str, Any] = {"pairs": len(rows), "accuracy_2way": round(sum(two) / max(len(two), 1), 4)}
    if three:
        out["accuracy_3way"] = round(sum(three) / len(three), 4)
    return out


def initial_delta(args: argparse.Namespace) -> tuple[dict[str, Any] | None, bool]:
    """(state, is LoRA) of the --init-from bundle, or (None, False). A LoRA bundle is continued
    with adapters of the same shape, so the shipped delta stays one LoRA over the base."""
    if not args.init_from:
        return None, False
    from safetensors.torch import load_file

    folder = Path(args.init_from)
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    if card.get("base_key", DEFAULT_BASE) != args.base:
        raise SystemExit(f"--init-from {folder} was trained from {card.get('base_key')!r}, not --base {args.base!r}")
    lora = card.get("delta") == "lora"
    if lora:
        shape = (card.get("lora") or {}).get("rank"), (card.get("lora") or {}).get("from_layer")
        if shape != (args.lora_rank, args.lora_from_layer):
            raise SystemExit(
                f"--init-from {folder} holds LoRA adapters of rank {shape[0]} from layer {shape[1]}: "
                f"continue it with --lora-rank {shape[0]} --lora-from-layer {shape[1]}"
            )
    return unpack_state(load_file(str(folder / DELTA_FILE))), lora


def dry_run_report(train_pairs: list[Pair], rng: random.Random, sample: int = 12) -> dict[str, Any]:
    """--dry-run: the assembled training data (pairs per dataset and label, a few examples), no model."""
    by_dataset = Counter(p.dataset for p in train_pairs)
    report: dict[str, Any] = {
        "train_pairs": len(train_pairs),
        "labels": dict(Counter(p.label for p in train_pairs)),
        "datasets": dict(sorted(by_dataset.items())),
        "examples": [p.__dict__ for p in rng.sample(train_pairs, min(sample, len(train_pairs)))],
    }
    print(json.dumps(report, indent=2), flush=True)
    return report


def training_data(
    args: argparse.Namespace, titles: bool, rng: random.Random
) -> tuple[list[Pair], list[Pair], list[Pair]]:
    """(training pairs, held-out mix pairs, MNLI dev-matched pairs) as the flags ask. Claim-style
    pairs get their source's title before the passage when the model is to read titles (the card
    says so, and inference then gives them: verify.premise). `rng` is the run's: the batch order
    drawn from it next must stay what it was, or a resumed checkpoint would see other batches."""
    nli_dir = Path(args.nli_dir)
    train_pairs, heldout = build_mix(nli_dir, args.max_pairs + args.skip_pairs, args.heldout, args.seed, args.mix)
    train_pairs = train_pairs[args.skip_pairs :]  # a continued run takes pairs the first one did not see
    extra = bench_pairs(Path(args.bench_dir), args.seed, titles) if args.bench_pairs else []
    if args.synthetic:
        held = [p.premise for p in heldout]  # the role pool never draws on the held-out slice
        seed = args.seed if args.synthetic_seed is None else args.synthetic_seed
        extra += synthetic_pairs(
            Path(args.bench_dir), args.synthetic, seed, titles, nli_dir, held, role_weight=args.role_weight
        )
    if extra:
        train_pairs = train_pairs + extra
        rng.shuffle(train_pairs)
    return train_pairs, heldout, external_heldout(nli_dir, args.mnli_pairs, args.seed)


def train(args: argparse.Namespace) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    # bf16 autocast only where the CPU has it natively (emulated bf16 is slower than fp32), as inference
    precision = resolve_precision(args.precision)
    rng = random.Random(args.seed)
    teacher = distill_setup(args)
    titles = args.premise_title
    if teacher is not None:
        titles = student_premise_title(args, teacher)
    train_pairs, heldout, mnli = training_data(args, titles, rng)
    print(f"train {len(train_pairs)} pairs, held-out {len(heldout)}, MNLI dev-m {len(mnli)}", flush=True)
    if args.dry_run:
        return dry_run_report(train_pairs, rng)
    soft: Any = None
    distillation: dict[str, Any] | None = None
    if teacher is not None:
        probs, cache = cached_teacher_probs(args, teacher, train_pairs)
        distillation = card_section(args, teacher, cache, probs, train_pairs)
        soft = torch.from_numpy(probs)
    # A checkpoint continues only the run it came from: the same teacher and loss.
    run_kind = {"teacher": teacher["key"], "alpha": args.alpha, "temperature": args.temperature} if teacher else None

    base = base_model_dir(args.base)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=3, id2label=dict(enumerate(LABELS)), label2id=LABEL_IDS
    )
    init_state, init_lora = initial_delta(args)
    if init_state is not None and not init_lora:  # continue from a full-delta bundle
        model.load_state_dict(init_state, strict=False)
    if args.lora_rank:
        from verify.train.lora import add_lora

        model = add_lora(model, args.lora_rank, args.lora_from_layer)
        if init_state is not None and init_lora:  # continue training the same adapters
            load_lora_delta(model, init_state)
    else:
        for name, param in model.named_parameters():
            param.requires_grad = not is_frozen(name)

    enc = encode(tokenizer, train_pairs, args.max_length)
    targets = torch.tensor([LABEL_IDS.get(p.label, -1) for p in train_pairs])
    two_way = torch.tensor([p.label == NOT_ENTAILMENT for p in train_pairs])
    lengths = [len(x) for x in enc["input_ids"]]
    schedule = [b for _ in range(args.epochs) for b in length_bucketed_batches(lengths, args.batch_size, rng)]
    total = len(schedule)
    warmup = max(1, int(total * 0.06))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )

    ckpt_path = Path(args.checkpoint_dir) / "checkpoint.pt"
    curve_path = Path(args.checkpoint_dir) / "curve.jsonl"
    step = 0
    if ckpt_path.is_file():
        ckpt = torch.load(ckpt_path, weights_only=False)
        # Checkpoints hold the trained parameters only; the frozen rest is the base model.
        model.load_state_dict(ckpt["model"], strict=False)
        optimizer.load_state_dict(ckpt["optimizer"])
        scheduler.load_state_dict(ckpt["scheduler"])
        step = ckpt["step"]
        if ckpt.get("distillation") != run_kind:
            raise SystemExit(
                f"{ckpt_path} is from a run with distillation {ckpt.get('distillation')}, not {run_kind}: "
                "give another --checkpoint-dir"
            )
        print(f"resumed at step {step}/{total}", flush=True)

    model.train()
    started, seen, running = time.time(), 0, 0.0
    while step < total:
        idx = schedule[step]
        batch = collate(tokenizer, enc, idx)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
            logits = model(**batch).logits.float()
        if soft is None:
            loss = nli_loss(logits, targets[idx], two_way[idx])
        else:
            loss = distillation_loss(logits, soft[idx], targets[idx], two_way[idx], args.alpha, args.temperature)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        step += 1
        seen += len(idx)
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % args.log_every == 0 or step == total:
            rate = seen / (time.time() - started)
            eta = (total - step) * args.batch_size / rate / 60
            print(f"step {step}/{total} loss {running:.3f} {rate:.1f} pairs/s eta {eta:.0f} min", flush=True)
        if args.eval_every and step % args.eval_every == 0 and step < total:
            point = {
                "step": step,
                "pairs_seen": step * args.batch_size,
                "heldout_mix": evaluate(model, tokenizer, heldout[: args.eval_pairs], args.max_length),
                "mnli_dev_matched": evaluate(model, tokenizer, mnli[: args.eval_pairs], args.max_length),
            }
            print("curve", json.dumps(point), flush=True)
            curve_path.parent.mkdir(parents=True, exist_ok=True)
            with curve_path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(point) + "\n")
            model.train()
        if step % args.checkpoint_every == 0 and step < total:
            ckpt_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = ckpt_path.with_suffix(".tmp")
            torch.save(
                {
                    "model": trainable_state(model),
                    "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(),
                    "step": step,
                    "distillation": run_kind,
                },
                tmp,
            )
            os.replace(tmp, ckpt_path)

    report: dict[str, Any] = {
        "base": BASES[args.base],
        "base_key": args.base,
        "train_pairs": len(train_pairs),
        "init_from": args.init_from and "previous bundle (see git history of this file)",
        "skip_pairs": args.skip_pairs,
        "bench_pairs": args.bench_pairs,
        "synthetic_pairs": args.synthetic,
        "synthetic_seed": args.seed if args.synthetic_seed is None else args.synthetic_seed,
        "role_weight": args.role_weight,
        "train_precision": precision,
        "mix": args.mix,
        "delta": "lora" if args.lora_rank else "full",
        "lora": {"rank": args.lora_rank, "alpha": 2 * args.lora_rank, "from_layer": args.lora_from_layer}
        if args.lora_rank
        else None,
        "train_datasets": sorted({p.dataset for p in train_pairs}),
        "licences": card_licences([p.dataset for p in train_pairs]),
        "synthetic_kinds": dict(
            sorted(Counter(p.dataset for p in train_pairs if p.dataset.startswith("synthetic_")).items())
        ),
        # How premises were built in training, hence how inference must build them (verify.premise).
        CARD_KEY: PremiseFormat(title=titles).to_card(),
        "epochs": args.epochs,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "max_length": args.max_length,
        "seed": args.seed,
        "train_minutes": round((time.time() - started) / 60, 1),
        "fp32": {
            "heldout_mix": evaluate(model, tokenizer, heldout, args.max_length),
            "mnli_dev_matched": evaluate(model, tokenizer, mnli, args.max_length),
        },
    }
    if distillation is not None:
        report["distillation"] = distillation
    if curve_path.is_file():
        report["curve"] = [json.loads(line) for line in curve_path.read_text(encoding="utf-8").splitlines()]
    out = Path(args.out or Path(__file__).resolve().parents[1] / "models" / f"nli-{args.base}")
    delta = None
    if args.lora_rank:
        from verify.train.lora import lora_delta

        delta = lora_delta(model)
    save_bundle(model, out, report, delta)
    # Measure what actually ships: the int8 delta rebuilt over the packaged base weights.
    shipped, shipped_tok, _ = load_bundle(out)
    report["shipped_int8"] = {
        "heldout_mix": evaluate(shipped, shipped_tok, heldout, args.max_length),
        "mnli_dev_matched": evaluate(shipped, shipped_tok, mnli, args.max_length),
    }
    save_bundle(model, out, report, delta)
    print(json.dumps(report, indent=2), flush=True)
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m verify.train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nli-dir", default="../shared/nli", help="the shared NLI pair collection")
    parser.add_argument("--base", choices=sorted(BASES), default=DEFAULT_BASE, help="base encoder to fine-tune")
    parser.add_argument("--out", help="bundle folder to write (default: verify/models/nli-<base>)")
    parser.add_argument("--checkpoint-dir", default="index/.train-checkpoint")
    parser.add_argument("--max-pairs", type=int, default=75_000)
    parser.add_argument(
        "--mix", choices=sorted(MIXES), default="compact", help="which public NLI sets to draw from (see data.py)"
    )
    parser.add_argument(
        "--lora-rank", type=int, default=0, help="train LoRA adapters of this rank (0: full fine-tuning)"
    )
    parser.add_argument("--lora-from-layer", type=int, default=0, help="adapt only encoder layers from this one up")
    parser.add_argument("--eval-every", type=int, default=0, help="log held-out accuracy every N steps (curve.jsonl)")
    parser.add_argument("--eval-pairs", type=int, default=500, help="pairs of each held-out set in those logs")
    parser.add_argument("--skip-pairs", type=int, default=0, help="skip this many pairs of the mix first")
    parser.add_argument("--init-from", help="start from this bundle folder instead of the base model")
    parser.add_argument("--bench-dir", default="../shared/bench", help="the shared benchmark sets")
    parser.add_argument(
        "--bench-pairs", action="store_true", help="also train on claim/evidence pairs of their training splits"
    )
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        help="also train on N synthetic pairs made from FM2 sentences (the role kinds: NLI premises too)",
    )
    parser.add_argument(
        "--synthetic-seed",
        type=int,
        help="seed of the synthetic pairs (default --seed): a continued run draws other instances "
        "while --seed keeps the mix's held-out slice where it was",
    )
    parser.add_argument(
        "--role-weight",
        type=float,
        default=DEFAULT_ROLE_WEIGHT,
        help="the swapped-role contradictions' weight among the synthetic contradiction kinds (others 1)",
    )
    parser.add_argument(
        "--premise-title",
        action="store_true",
        help="benchmark and synthetic premises start with their source's title; the card then asks "
        "inference for titled premises (verify/premise.py)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="assemble the training data, print what it holds, and stop"
    )
    add_distill_arguments(parser)
    parser.add_argument("--heldout", type=int, default=2_000, help="pairs of the mix kept out of training")
    parser.add_argument("--mnli-pairs", type=int, default=1_500)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument(
        "--precision",
        choices=("auto", "fp32", "bf16"),
        default="auto",
        help="the training forward pass: bf16 autocast (fp32 weights) or fp32; auto: bf16 where the CPU has it",
    )
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--checkpoint-every", type=int, default=200)
    return parser.parse_args(argv)
