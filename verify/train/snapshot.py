"""A bundle from a training run's checkpoint, while the run is still going (or stopped).

Why: a long CPU run (mpnet, hours over several sessions) should be measurable end to end before it
finishes, e.g. to tune the cascade's band or see whether the held-out curve has flattened. The
snapshot is written to a folder of your choice (an ignored one: it is an intermediate, never to be
committed) and its card says which step it is and that the run is unfinished.

    python -m verify.train.snapshot --checkpoint-dir index/.train/ckpt-mpnet-lora \\
        --base mpnet-base --lora-rank 16 --lora-from-layer 4 --out index/.train/mpnet-snapshot

A run trained with --premise-title (stage 2 of `make train-mpnet`) needs --premise-title here too:
the card tells inference how to build premises (verify.premise), and a titled model read with bare
passages is measured on inputs it was not trained on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from verify.bundled import BASES, DELTA_FILE, base_model_dir, save_bundle, unpack_state
from verify.premise import CARD_KEY, PLAIN, PremiseFormat
from verify.train.data import LABELS

LABEL_IDS = {label: i for i, label in enumerate(LABELS)}


def snapshot(
    checkpoint_dir: Path,
    out: Path,
    base: str,
    lora_rank: int,
    lora_from_layer: int,
    init_from: Path | None = None,
    premise: PremiseFormat = PLAIN,
) -> dict[str, Any]:
    """Write the checkpoint's trained state as a bundle; returns its card. The LoRA shape must be
    the run's (it is not stored in the checkpoint), or loading the state fails loudly."""
    import torch
    from transformers import AutoModelForSequenceClassification

    ckpt_path = checkpoint_dir / "checkpoint.pt"
    if not ckpt_path.is_file():
        raise FileNotFoundError(f"no checkpoint at {ckpt_path}")
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_dir(base)), num_labels=3, id2label=dict(enumerate(LABELS)), label2id=LABEL_IDS
    )
    if init_from is not None:
        from safetensors.torch import load_file

        model.load_state_dict(unpack_state(load_file(str(init_from / DELTA_FILE))), strict=False)
    delta = None
    if lora_rank:
        from verify.train.lora import add_lora, lora_delta

        model = add_lora(model, lora_rank, lora_from_layer)
    ckpt = torch.load(ckpt_path, weights_only=False)
    _, unexpected = model.load_state_dict(ckpt["model"], strict=False)
    if unexpected:
        raise ValueError(f"checkpoint does not fit this model shape (unexpected {unexpected[:3]}): check the LoRA args")
    if lora_rank:
        delta = lora_delta(model)
    curve = checkpoint_dir / "curve.jsonl"
    card: dict[str, Any] = {
        "base": BASES[base],
        "base_key": base,
        "delta": "lora" if lora_rank else "full",
        "lora": {"rank": lora_rank, "alpha": 2 * lora_rank, "from_layer": lora_from_layer} if lora_rank else None,
        CARD_KEY: premise.to_card(),  # as the run was trained: finetune's card says the same
        "snapshot": {"step": ckpt["step"], "checkpoint": str(checkpoint_dir), "finished": False},
        "curve": [json.loads(line) for line in curve.read_text(encoding="utf-8").splitlines()]
        if curve.is_file()
        else [],
    }
    save_bundle(model, out, card, delta)
    return card


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="bundle folder to write (keep it out of git)")
    parser.add_argument("--base", choices=sorted(BASES), default="mpnet-base")
    parser.add_argument("--lora-rank", type=int, default=16, help="the run's LoRA rank (0: a full fine-tune)")
    parser.add_argument("--lora-from-layer", type=int, default=4)
    parser.add_argument("--init-from", type=Path, help="the bundle the run started from, if any")
    parser.add_argument(
        "--premise-title", action="store_true", help="the run was trained with --premise-title (stage 2 of train-mpnet)"
    )
    args = parser.parse_args(argv)
    premise = PremiseFormat(title=args.premise_title)
    card = snapshot(
        args.checkpoint_dir, args.out, args.base, args.lora_rank, args.lora_from_layer, args.init_from, premise
    )
    print(f"wrote {args.out} (step {card['snapshot']['step']})")


if __name__ == "__main__":
    main()
