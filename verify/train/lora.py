"""LoRA fine-tuning (with the `peft` library) and the small delta it ships.

Why LoRA for the larger encoder: on a 2-core AVX2 CPU, full fine-tuning of mpnet-base ran at
6.0 pairs/s, LoRA on all 12 layers at 5.2 (the adapters add work), and LoRA on the top 8 layers
at 7.7 (no backward pass through the bottom four); and a rank-16 delta is ~5 MB where mpnet's
int8 full delta was 86 MB, too large to commit. The shipped delta holds each adapted matrix's
two factors with the LoRA scaling folded into B, so loading needs neither peft nor its config:
W <- W + B @ A (see verify.bundled.merge_lora).
"""

from __future__ import annotations

from typing import Any

from verify.bundled import LORA_A, LORA_B

# Linear layers adapted per encoder family (matched as name suffixes by peft).
TARGETS = {
    "mpnet": ["attn.q", "attn.k", "attn.v", "attn.o", "intermediate.dense", "output.dense"],
    "bert": [
        "attention.self.query",
        "attention.self.key",
        "attention.self.value",
        "intermediate.dense",
        "output.dense",
    ],
}


def add_lora(model: Any, rank: int, from_layer: int = 0, dropout: float = 0.1) -> Any:
    """Wrap a sequence classifier: LoRA adapters on layers from_layer.., the classifier fully trained."""
    from peft import LoraConfig, get_peft_model

    family = model.config.model_type
    if family not in TARGETS:
        raise ValueError(f"no LoRA targets known for {family!r} encoders; known: {', '.join(TARGETS)}")
    layers = list(range(from_layer, model.config.num_hidden_layers))
    config = LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=dropout,
        target_modules=TARGETS[family],
        layers_to_transform=layers,
        modules_to_save=["classifier"],
    )
    return get_peft_model(model, config)


def _plain_name(name: str) -> str:
    """A peft parameter name as the unwrapped model names it."""
    name = name.removeprefix("base_model.model.")
    return name.replace(".modules_to_save.default.", ".").replace(".base_layer.", ".")


def lora_delta(peft_model: Any) -> dict[str, Any]:
    """What ships: `<module>.lora_A` and `<module>.lora_B` (scaling folded in) per adapted layer,
    and every other trained tensor (the classifier) under its plain name."""
    import torch
    from peft.tuners.lora import LoraLayer

    delta: dict[str, torch.Tensor] = {}
    for name, module in peft_model.named_modules():
        if isinstance(module, LoraLayer) and "default" in module.lora_A:
            plain = _plain_name(name)
            layer: Any = module  # peft's adapter dicts are untyped ModuleDicts
            a = layer.lora_A["default"].weight.detach().float()
            b = layer.lora_B["default"].weight.detach().float() * layer.scaling["default"]
            delta[plain + LORA_A] = a.contiguous()
            delta[plain + LORA_B] = b.contiguous()
    for name, param in peft_model.named_parameters():
        if param.requires_grad and ".lora_" not in name:
            delta[_plain_name(name)] = param.detach().float().contiguous()
    return delta


def trainable_state(model: Any) -> dict[str, Any]:
    """The parameters being trained (what a checkpoint must keep; the rest is the base)."""
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def load_lora_delta(peft_model: Any, delta: dict[str, Any]) -> None:
    """Continue from a shipped LoRA delta (lora_delta's inverse): each adapted layer's A, its B with
    the scaling taken back out, the other trained tensors (the classifier) as they are. Every
    tensor of the delta must find its place: adapters of another rank or layers are an error."""
    import torch
    from peft.tuners.lora import LoraLayer

    placed: set[str] = set()
    with torch.no_grad():
        for name, module in peft_model.named_modules():
            if isinstance(module, LoraLayer) and "default" in module.lora_A:
                plain = _plain_name(name)
                layer: Any = module
                a, b = delta.get(plain + LORA_A), delta.get(plain + LORA_B)
                if a is None or b is None or a.shape != layer.lora_A["default"].weight.shape:
                    raise ValueError(f"the LoRA delta has no adapter of this shape for {plain}")
                layer.lora_A["default"].weight.copy_(a)
                layer.lora_B["default"].weight.copy_(b / layer.scaling["default"])
                placed |= {plain + LORA_A, plain + LORA_B}
        for name, param in peft_model.named_parameters():
            plain = _plain_name(name)
            if param.requires_grad and ".lora_" not in name and plain in delta:
                param.copy_(delta[plain])
                placed.add(plain)
    unplaced = sorted(set(delta) - placed)
    if unplaced:
        raise ValueError(f"the LoRA delta holds tensors the model does not train: {unplaced[:3]}")
