"""Natural-language-inference backends: `score(premises, hypotheses)` -> probabilities.

Columns always come in LABELS order (entailment, neutral, contradiction), whatever order the
model was trained with: it is read from the model's config (id2label), never assumed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from verify.bundled import DELTA_FILE
from verify.config import BUNDLED_NLI

INT8_SUFFIX = ":int8"

if TYPE_CHECKING:
    import numpy as np

LABELS = ("entailment", "neutral", "contradiction")
MAX_TOKENS = 256


class NLIModel(Protocol):
    name: str

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        """float array (n, 3): P(entailment), P(neutral), P(contradiction) per pair."""
        ...


class NLIModelError(RuntimeError):
    pass


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
    """A sequence-classification model and tokenizer already in memory (the bundled model)."""

    def __init__(self, name: str, model: Any, tokenizer: Any, batch_size: int = 32) -> None:
        self.name = name
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.columns = label_columns(model.config.id2label)

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        import numpy as np
        import torch

        if len(premises) != len(hypotheses):
            raise ValueError("premises and hypotheses differ in length")
        out = np.zeros((len(premises), len(LABELS)), dtype=np.float32)
        # Sort by length so each batch pads little.
        order = sorted(range(len(premises)), key=lambda i: len(premises[i]) + len(hypotheses[i]))
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                batch = self.tokenizer(
                    [premises[i] for i in idx],
                    [hypotheses[i] for i in idx],
                    truncation="longest_first",
                    max_length=MAX_TOKENS,
                    padding=True,
                    return_tensors="pt",
                )
                probs = torch.softmax(self.model(**batch).logits.float(), dim=-1).numpy()
                out[idx] = probs[:, self.columns]
        return out


class BundledNLI(TransformersNLI):
    """The offline model shipped in verify/models/ (or another bundle folder), loaded on first use."""

    def __init__(self, bundle_dir: Path | None = None, int8: bool = False) -> None:
        self.name = (BUNDLED_NLI if bundle_dir is None else str(bundle_dir)) + (INT8_SUFFIX if int8 else "")
        self.bundle_dir = bundle_dir
        self.int8 = int8
        self.batch_size = 32
        self._loaded = False

    def _load(self) -> None:
        from verify.bundled import BUNDLED_DIR, load_bundle

        model, tokenizer, self.card = load_bundle(self.bundle_dir or BUNDLED_DIR)
        if self.int8:  # int8 matrix products at inference: about twice the speed on a CPU
            import warnings

            import torch

            # torch.ao quantization is deprecated in favour of torchao (not a dependency); it still
            # works with the pinned torch, so its notices would only alarm users.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", UserWarning)
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        TransformersNLI.__init__(self, self.name, model, tokenizer, self.batch_size)
        self._loaded = True

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        if not self._loaded:
            self._load()
        return super().score(premises, hypotheses)


class CrossEncoderNLI:
    """Any sentence-transformers CrossEncoder NLI model, by hub name or local path."""

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
    """'bundled' for the shipped offline model, a folder written by `python -m verify.train` for
    another bundle (e.g. the mpnet one), either with ':int8' for int8 inference; anything else is a
    CrossEncoder name or path."""
    base, int8 = (spec[: -len(INT8_SUFFIX)], True) if spec.endswith(INT8_SUFFIX) else (spec, False)
    if base == BUNDLED_NLI:
        return BundledNLI(int8=int8)
    if (Path(base) / DELTA_FILE).is_file():
        return BundledNLI(Path(base), int8=int8)
    return CrossEncoderNLI(spec)
