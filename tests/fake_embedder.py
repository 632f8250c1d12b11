"""A deterministic bag-of-words embedder for tests of index mechanics (no model to load).

Importable by subprocesses too: crash-injection writers put tests/ on sys.path.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np


class HashEmbedder:
    name = "test/hash-embedder"
    dimension = 32

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, hashlib.sha1(word.encode()).digest()[0] % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)
