"""Natural-language-inference backends: `score(premises, hypotheses)` -> probabilities.

Columns always come in LABELS order (entailment, neutral, contradiction), whatever order the
model was trained with: it is read from the model's config (id2label), never assumed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from verify.bundled import BUNDLED_DIR, DELTA_FILE, load_bundle
from verify.config import BUNDLED_NLI
from verify.premise import PLAIN, PremiseFormat, bundle_premise_format

# How a bundle computes: fp32; bf16 (on a CPU with native bf16 instructions: the same verdicts,
# scores within ~0.02 of fp32, 1.2-1.6x the claims/s end to end); or int8 (dynamic int8 matrix
# products, ~2x, slightly less accurate, and scores that depend on the batch). "auto", the default,
# is bf16 where the CPU has native bf16 and fp32 elsewhere, because emulated bf16 is slower.
PRECISIONS = ("fp32", "bf16", "int8")
AUTO = "auto"

if TYPE_CHECKING:
    import numpy as np

LABELS = ("entailment", "neutral", "contradiction")
MAX_TOKENS = 256
BUCKET_TOKENS = 16  # fixed-shape batches: sequence lengths are padded up to a multiple of this


class NLIModel(Protocol):
    name: str

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        """float array (n, 3): P(entailment), P(neutral), P(contradiction) per pair."""
        ...


class NLIModelError(RuntimeError):
    pass


def empty_scores(premises: list[str], hypotheses: list[str]) -> np.ndarray:
    """The (pairs x LABELS) array every backend's score() fills, after checking the pairs match."""
    import numpy as np

    if len(premises) != len(hypotheses):
        raise ValueError("premises and hypotheses differ in length")
    return np.zeros((len(premises), len(LABELS)), dtype=np.float32)


def label_columns(id2label: dict[int, str]) -> list[int]:
    """Model output column of each of LABELS, matched on the label name's prefix."""
    columns = []
    for wanted in LABELS:
        found = [i for i, name in id2label.items() if str(name).lower().startswith(wanted[:7])]
        if len(found) != 1:
            raise NLIModelError(
                f"cannot find the {wanted!r} output among the model's labels {dict(id2label)}: "
                "an NLI model must name entailment, neutral and contradiction in its config"
            )
        columns.append(int(found[0]))
    return columns


class TransformersNLI:
    """A sequence-classification model and tokenizer already in memory (the bundled model).

    With fixed_shapes, every pair is padded to a width its own length decides (a multiple of
    BUCKET_TOKENS) and batched only with pairs of that width. bf16 rounding depends on the padded
    width, so with batches padded to their longest member a claim's scores would change (in the
    third decimal) with the claims it happens to be batched with; fixed widths make every pair's
    scores depend on that pair alone, so a resumed or re-batched run gives the same output. The
    number of rows does not change them (measured: a pair alone and in batches of 2 to 32 scores
    the same to the last bit), so a short batch runs short: filling it with dummy rows, as this
    did before, cost mpnet 40% of its time on Check-COVID's re-scored pairs."""

    def __init__(self, name: str, model: Any, tokenizer: Any, batch_size: int = 32, fixed_shapes: bool = False) -> None:
        self.name = name
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.fixed_shapes = fixed_shapes
        self.columns = label_columns(model.config.id2label)

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        import torch

        out = empty_scores(premises, hypotheses)
        if not premises:
            return out
        encoded = self.tokenizer(premises, hypotheses, truncation="longest_first", max_length=MAX_TOKENS)
        lengths = [len(ids) for ids in encoded["input_ids"]]
        # Sort by length so each batch pads little.
        order = sorted(range(len(premises)), key=lambda i: lengths[i])
        with torch.inference_mode():
            for idx, width in self._batches(order, lengths):
                logits = self.model(**self._pad(encoded, idx, width)).logits
                probs = torch.softmax(logits.float(), dim=-1).numpy()
                out[idx] = probs[:, self.columns]
        return out

    def _batches(self, order: list[int], lengths: list[int]) -> Iterator[tuple[list[int], int]]:
        """(pair indices, padded width) per forward pass."""
        if not self.fixed_shapes:
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                yield idx, max(lengths[i] for i in idx)
            return
        buckets: dict[int, list[int]] = {}
        for i in order:
            buckets.setdefault(-(-lengths[i] // BUCKET_TOKENS) * BUCKET_TOKENS, []).append(i)
        for width, members in buckets.items():
            for start in range(0, len(members), self.batch_size):
                yield members[start : start + self.batch_size], width

    def _pad(self, encoded: Any, rows: list[int], width: int) -> dict[str, Any]:
        import torch

        pad_id = self.tokenizer.pad_token_id or 0
        batch = {}
        for key, pad in (("input_ids", pad_id), ("token_type_ids", 0), ("attention_mask", 0)):
            if key in encoded:
                batch[key] = torch.tensor([encoded[key][i] + [pad] * (width - len(encoded[key][i])) for i in rows])
        return batch


def cpu_has_native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """True on x86 CPUs with AVX512-BF16 or AMX-BF16 (read from Linux's cpuinfo; False where unknown)."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    flags = next((line.split(":", 1)[1].split() for line in text.splitlines() if line.startswith("flags")), [])
    return "avx512_bf16" in flags or "amx_bf16" in flags


def resolve_precision(precision: str) -> str:
    if precision == AUTO:
        return "bf16" if cpu_has_native_bf16() else "fp32"
    if precision not in PRECISIONS:
        raise NLIModelError(f"unknown precision {precision!r}: use one of {', '.join(PRECISIONS)} or {AUTO}")
    return precision


class BundledNLI(TransformersNLI):
    """The offline model shipped in verify/models/ (or another bundle folder), loaded on first use."""

    def __init__(self, bundle_dir: Path | None = None, precision: str = AUTO) -> None:
        self.precision = resolve_precision(precision)
        # The name says what computes the verdicts, so a report can be reproduced exactly.
        self.name = f"{BUNDLED_NLI if bundle_dir is None else bundle_dir}:{self.precision}"
        self.bundle_dir = bundle_dir
        # bf16 batches hold pairs of one padded width (see TransformersNLI): small ones fill up.
        self.batch_size = 8 if self.precision == "bf16" else 32
        self._loaded = False
        self._premise_format: PremiseFormat | None = None

    @property
    def premise_format(self) -> PremiseFormat:
        """Title/dateline before passages or not, as the bundle's card says (read without loading)."""
        if self._premise_format is None:
            self._premise_format = bundle_premise_format(self.bundle_dir or BUNDLED_DIR)
        return self._premise_format

    def _load(self) -> None:
        import torch

        model, tokenizer, self.card = load_bundle(self.bundle_dir or BUNDLED_DIR)
        if self.precision == "bf16":  # weights and activations in bf16; softmax is taken in fp32
            model = model.to(torch.bfloat16)
        if self.precision == "int8":  # int8 matrix products at inference: about twice the speed on a CPU
            import warnings

            # torch.ao quantization is deprecated in favour of torchao (not a dependency); it still
            # works with the pinned torch, so its notices would only alarm users.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", UserWarning)
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        # Only bf16 needs fixed shapes (see TransformersNLI); dynamic int8 quantizes each batch with
        # one scale, so its scores depend on the batch however it is shaped.
        TransformersNLI.__init__(
            self, self.name, model, tokenizer, self.batch_size, fixed_shapes=self.precision == "bf16"
        )
        self._loaded = True

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        if not self._loaded:
            self._load()
        return super().score(premises, hypotheses)


class CrossEncoderNLI:
    """Any sentence-transformers CrossEncoder NLI model, by hub name or local path."""

    premise_format = PLAIN  # hub models are read the way MNLI-style sets give premises: bare

    def __init__(self, name: str, batch_size: int = 32) -> None:
        self.name = name
        self.batch_size = batch_size
        self._model: Any = None
        self.columns: list[int] = []

    def _load(self) -> Any:
        if self._model is None:
            from sentence_transformers import CrossEncoder

            try:
                model = CrossEncoder(self.name, device="cpu", max_length=MAX_TOKENS)
            except OSError as exc:
                raise NLIModelError(f"cannot load NLI model {self.name!r}: {exc}") from exc
            config = getattr(model, "config", None) or model.model.config
            self.columns = label_columns(config.id2label)
            self._model = model
        return self._model

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        import numpy as np

        model = self._load()
        if not premises:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        probs = model.predict(
            list(zip(premises, hypotheses)), batch_size=self.batch_size, apply_softmax=True, show_progress_bar=False
        )
        return np.asarray(probs, dtype=np.float32)[:, self.columns]


def load_nli(spec: str = BUNDLED_NLI) -> NLIModel:
    """'bundled' for the shipped offline model, or a folder written by `python -m verify.train` for
    another bundle (e.g. the mpnet one), either optionally with ':fp32', ':bf16' or ':int8' (default:
    bf16 where the CPU has it natively, else fp32); anything else is a CrossEncoder name or path."""
    base, _, suffix = spec.rpartition(":")
    if not base or suffix not in PRECISIONS:
        base, suffix = spec, AUTO
    if base == BUNDLED_NLI:
        return BundledNLI(precision=suffix)
    if (Path(base) / DELTA_FILE).is_file():
        return BundledNLI(Path(base), precision=suffix)
    if suffix != AUTO:
        raise NLIModelError(
            f"precision {suffix!r} applies to bundles ('{BUNDLED_NLI}' or a folder from `python -m verify.train`); "
            f"{base!r} is neither"
        )
    return CrossEncoderNLI(spec)
