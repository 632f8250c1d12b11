"""Which runtime computes the models: ONNX Runtime or PyTorch (`--backend`, $VERIFY_BACKEND).

`onnx` runs the embedder and the bundled NLI models on ONNX Runtime, with no torch import once
their exports exist (see verify.onnx_models); `torch` runs everything on PyTorch; `auto`, the
default, takes ONNX Runtime wherever it can compute the model (the bundles at fp32 and int8, the
packaged embedder or any mean-pooling folder) and PyTorch for the rest (bf16, CrossEncoder names,
other embedders), and falls back to PyTorch, with one line on stderr, when no export can be found
or written (no onnxruntime, a read-only cache).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.config import BACKENDS, BUNDLED_NLI, DEFAULT_BACKEND
from verify.errors import ConfigError
from verify.onnx_cache import OnnxUnavailable
from verify.premise import declared_format

if TYPE_CHECKING:
    import numpy as np

    from verify.embed import Embedder
    from verify.nli import NLIModel

ONNX_PRECISIONS = ("fp32", "int8", "int8-static")
ONNX_SUFFIX = " (onnx)"  # on a model's name when ONNX Runtime runs it: "bundled:fp32 (onnx)"


def check_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
    return backend


def onnxruntime_installed() -> bool:
    return importlib.util.find_spec("onnxruntime") is not None


def open_embedder(name: str, backend: str = DEFAULT_BACKEND) -> Embedder:
    """The embedder `name` on `backend`; loads lazily."""
    from verify.embed import SentenceTransformerEmbedder, resolve_model_path
    from verify.pooled import is_mean_pooling_folder

    check_backend(backend)
    torch_model = SentenceTransformerEmbedder(name)
    if backend == "torch":
        return torch_model
    folder = Path(resolve_model_path(name))
    if not is_mean_pooling_folder(folder):
        if backend == "onnx":
            raise ConfigError(
                f"the onnx backend runs local mean-pooling sentence-transformers folders; {name!r} is not one "
                "(use --backend torch)"
            )
        return torch_model
    from verify.onnx_models import OnnxEmbedder

    onnx_model = OnnxEmbedder(name, folder)
    if backend == "onnx":
        return onnx_model
    return FallbackEmbedder(onnx_model, torch_model) if onnxruntime_installed() else torch_model


def open_nli(spec: str = BUNDLED_NLI, backend: str = DEFAULT_BACKEND) -> NLIModel:
    """The NLI model `spec` (as verify --model) on `backend`; loads lazily."""
    from verify.bundled import BUNDLED_DIR
    from verify.cascade import CASCADE, CascadeNLI, accurate_spec, resolve_model_spec
    from verify.nli import BundledNLI, load_nli

    check_backend(backend)
    spec = resolve_model_spec(spec)
    if spec == CASCADE:
        return CascadeNLI(open_nli(BUNDLED_NLI, backend), open_nli(accurate_spec(), backend), backend=backend)
    static = spec.endswith(":int8-static")  # a precision only ONNX Runtime computes
    if backend == "torch":
        if static:
            raise ConfigError("int8-static runs on ONNX Runtime only: use --backend onnx or auto")
        return load_nli(spec)
    if static:
        bundle = spec.removesuffix(":int8-static")
        model = load_nli(bundle)
        if not isinstance(model, BundledNLI):
            raise ConfigError(f"int8-static applies to bundles; {bundle!r} is not one")
        return _onnx_nli(model.bundle_dir or BUNDLED_DIR, "int8-static", model.name.rpartition(":")[0])
    torch_model = load_nli(spec)
    # bf16 is only the automatic choice of a CPU with native bf16, and ONNX Runtime computes none:
    # asked for ONNX Runtime, a bundle with no precision named runs at fp32
    chosen_bf16 = isinstance(torch_model, BundledNLI) and torch_model.precision == "bf16" and not spec.endswith(":bf16")
    if backend == "onnx" and chosen_bf16:
        torch_model = load_nli(f"{spec}:fp32")
    onnx_ok = isinstance(torch_model, BundledNLI) and torch_model.precision in ONNX_PRECISIONS
    if backend == "onnx":
        if not isinstance(torch_model, BundledNLI) or not onnx_ok:
            raise ConfigError(
                f"the onnx backend runs bundles at {', '.join(ONNX_PRECISIONS)}; {spec!r} is not one "
                "(use --backend torch)"
            )
    elif not onnx_ok or not onnxruntime_installed():
        return torch_model
    assert isinstance(torch_model, BundledNLI)
    base = torch_model.name.rpartition(":")[0]
    onnx_model = _onnx_nli(torch_model.bundle_dir or BUNDLED_DIR, torch_model.precision, base)
    return onnx_model if backend == "onnx" else FallbackNLI(onnx_model, torch_model)


def portable_nli(nli: NLIModel) -> str | NLIModel:
    """What another process (a Ray worker) needs to compute as this one does: the resolved name
    ("bundled:fp32", whatever that process's CPU would pick) of a model opened by name, else the
    model object itself, to be pickled (a cascade pickles as its two members' names)."""
    from verify.nli import BundledNLI, CrossEncoderNLI
    from verify.onnx_models import OnnxNLI

    if isinstance(nli, (BundledNLI, CrossEncoderNLI, OnnxNLI, FallbackNLI)):
        return nli.name.removesuffix(ONNX_SUFFIX)
    return nli


def _onnx_nli(bundle_dir: Path, precision: str, base: str) -> NLIModel:
    from verify.onnx_models import OnnxNLI

    # The name says what computes the verdicts: the same bundle and precision, on ONNX Runtime.
    return OnnxNLI(bundle_dir, precision, name=f"{base}:{precision}{ONNX_SUFFIX}")


def _fall_back(exc: OnnxUnavailable, name: str) -> None:
    print(f"note: {exc}; {name} runs on PyTorch instead", file=sys.stderr)


class FallbackNLI:
    """ONNX Runtime, or the same bundle on PyTorch when its export cannot be found or made."""

    def __init__(self, onnx_model: NLIModel, torch_model: NLIModel) -> None:
        self.name = onnx_model.name
        # The same bundle either way, so the same premise format (verify.premise).
        self.premise_format = declared_format(torch_model)
        self.current = onnx_model
        self.fallback: NLIModel | None = torch_model

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        try:
            return self.current.score(premises, hypotheses)
        except OnnxUnavailable as exc:
            if self.fallback is None:
                raise
            _fall_back(exc, self.fallback.name)
            self.current, self.fallback = self.fallback, None
            self.name = self.current.name
            return self.current.score(premises, hypotheses)


class FallbackEmbedder:
    """ONNX Runtime, or the same model on PyTorch when its export cannot be found or made."""

    def __init__(self, onnx_model: Any, torch_model: Embedder) -> None:
        self.name = torch_model.name
        self.current: Embedder = onnx_model
        self.fallback: Embedder | None = torch_model

    def _switch(self, exc: OnnxUnavailable) -> None:
        if self.fallback is None:
            raise exc
        _fall_back(exc, f"the embedder {self.name}")
        self.current, self.fallback = self.fallback, None

    @property
    def dimension(self) -> int:
        try:
            return self.current.dimension
        except OnnxUnavailable as exc:
            self._switch(exc)
            return self.current.dimension

    def embed(self, texts: list[str]) -> np.ndarray:
        try:
            return self.current.embed(texts)
        except OnnxUnavailable as exc:
            self._switch(exc)
            return self.current.embed(texts)
