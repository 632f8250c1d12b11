"""The models on ONNX Runtime: the embedder and the bundled NLI model, with no torch at all.

Tokenization is the fast tokenizer's own (the `tokenizers` library, from the export's
tokenizer.json, truncated as transformers truncates); the graphs come from verify.onnx_export. The
embedder pools and normalises as sentence-transformers does for a mean-pooling folder. Exports are
found in the cache (verify.onnx_cache); when one is missing it is made on first use, which needs
torch once.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.onnx_cache import (
    META_FILE,
    TOKENIZER_FILE,
    OnnxUnavailable,
    embedder_export_dir,
    graph_path,
    is_ready,
    nli_export_dir,
)
from verify.premise import PremiseFormat, bundle_premise_format

if TYPE_CHECKING:
    import numpy as np

NLI_BATCH = 32
EMBED_BATCH = 64


def session(graph: Path) -> Any:
    """An ONNX Runtime session on the CPU, one thread per core (as torch uses)."""
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise OnnxUnavailable("onnxruntime is not installed: pip install onnxruntime, or use --backend torch") from exc
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # The CPUs this process may use (a Ray actor's one, a container's limit), not the machine's.
    options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS") or 0) or len(os.sched_getaffinity(0)) or 1
    options.log_severity_level = 3  # errors only: no notices about unused initializers
    return ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


def _export() -> Any:
    import verify.onnx_export

    return verify.onnx_export


def _make_export(make: Callable[[], Path]) -> None:
    """Export on first use (torch and onnx are needed this once)."""
    try:
        make()
    except (ImportError, OSError) as exc:  # no torch, or a cache we cannot write: PyTorch then
        raise OnnxUnavailable(f"no ONNX export yet, and it cannot be made here ({exc})") from exc


class _Encoder:
    """The export's tokenizer, padding a batch to its longest member (as transformers does)."""

    def __init__(self, tokenizer_file: Path, meta: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=int(meta["max_length"]), strategy="longest_first")
        self.inputs: list[str] = list(meta["inputs"])
        self.pad_id = int(meta["pad_id"])

    def _pad(self, encodings: list[Any]) -> dict[str, np.ndarray]:
        import numpy as np

        width = max(len(e.ids) for e in encodings)
        batch = {
            "input_ids": np.full((len(encodings), width), self.pad_id, dtype=np.int64),
            "attention_mask": np.zeros((len(encodings), width), dtype=np.int64),
            "token_type_ids": np.zeros((len(encodings), width), dtype=np.int64),
        }
        for row, e in enumerate(encodings):
            batch["input_ids"][row, : len(e.ids)] = e.ids
            batch["attention_mask"][row, : len(e.ids)] = 1
            batch["token_type_ids"][row, : len(e.ids)] = e.type_ids
        return {name: batch[name] for name in self.inputs}


class PairEncoder(_Encoder):
    def batch(self, premises: list[str], hypotheses: list[str]) -> dict[str, np.ndarray]:
        return self._pad(self.tokenizer.encode_batch(list(zip(premises, hypotheses))))

    def lengths(self, premises: list[str], hypotheses: list[str]) -> list[int]:
        return [len(e.ids) for e in self.tokenizer.encode_batch(list(zip(premises, hypotheses)))]


class TextEncoder(_Encoder):
    def batch(self, texts: list[str]) -> dict[str, np.ndarray]:
        return self._pad(self.tokenizer.encode_batch(texts))


class OnnxNLI:
    """A bundle (the shipped MiniLM, or a folder from `python -m verify.train`) on ONNX Runtime at
    fp32, int8 (dynamic) or int8-static; loaded on first use."""

    def __init__(self, bundle_dir: Path, precision: str, name: str, batch_size: int = NLI_BATCH) -> None:
        self.bundle_dir = bundle_dir
        self.precision = precision
        self.name = name
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._session: Any = None
        self._premise_format: PremiseFormat | None = None

    @property
    def premise_format(self) -> PremiseFormat:
        """As the bundle's card says (see verify.premise), read without loading the graph."""
        if self._premise_format is None:
            self._premise_format = bundle_premise_format(self.bundle_dir)
        return self._premise_format

    def _load_nli(self) -> None:
        folder = nli_export_dir(self.bundle_dir)
        if not is_ready(folder, self.precision):
            _make_export(lambda: _export().ensure_nli(self.bundle_dir, self.precision))
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        self.columns = [int(c) for c in meta["columns"]]
        self.encoder = PairEncoder(folder / TOKENIZER_FILE, meta)
        self._session = session(graph_path(folder, self.precision))

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        import numpy as np

        from verify.nli import empty_scores

        out = empty_scores(premises, hypotheses)
        if not premises:
            return out
        with self._lock:  # a tokenizer and a session per model, shared by a service's threads
            if self._session is None:
                self._load_nli()
            lengths = self.encoder.lengths(premises, hypotheses)
            # Sorted by length so each batch pads little, as the torch backend does.
            order = sorted(range(len(premises)), key=lambda i: lengths[i])
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                batch = self.encoder.batch([premises[i] for i in rows], [hypotheses[i] for i in rows])
                logits = self._session.run(None, batch)[0].astype(np.float64)
                probs = np.exp(logits - logits.max(axis=1, keepdims=True))
                probs /= probs.sum(axis=1, keepdims=True)
                out[rows] = probs[:, self.columns]
        return out


class OnnxEmbedder:
    """Mean-pooled, L2-normalised sentence embeddings of a local sentence-transformers folder (a
    Transformer and a mean Pooling, as the packaged all-MiniLM-L6-v2), the vectors
    sentence-transformers computes, to float rounding. `name` is the configured model name, so an
    index built by either backend opens with the other."""

    def __init__(self, name: str, model_dir: Path, batch_size: int = EMBED_BATCH) -> None:
        self.name = name
        self.model_dir = model_dir
        self.batch_size = batch_size
        self._lock = threading.RLock()
        self._session: Any = None
        self._dimension = 0

    def _load_embedder(self) -> None:
        folder = embedder_export_dir(self.model_dir)
        if not is_ready(folder):
            _make_export(lambda: _export().ensure_embedder(self.model_dir))
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        self._dimension = int(meta["dimension"])
        self.encoder = TextEncoder(folder / TOKENIZER_FILE, meta)
        self._session = session(graph_path(folder, "fp32"))

    def _loaded(self) -> None:
        with self._lock:
            if self._session is None:
                self._load_embedder()

    @property
    def dimension(self) -> int:
        self._loaded()
        return self._dimension

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        self._loaded()
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        # Longest first, as sentence-transformers batches.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with self._lock:
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                batch = self.encoder.batch([texts[i] for i in rows])
                hidden = self._session.run(None, batch)[0]
                mask = batch["attention_mask"][:, :, None].astype(hidden.dtype)
                pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
                norms = np.linalg.norm(pooled, axis=1, keepdims=True)
                out[rows] = pooled / np.clip(norms, 1e-12, None)
        return out
