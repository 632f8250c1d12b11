"""FAISS indexes of the scale benchmark: flat (verify's default), HNSW, IVF-flat and IVF-PQ.

Each is built once from the corpus vectors and cached as a FAISS file; `recall` compares an
approximate index's top-k with the exact (flat) top-k of the same queries.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

HNSW_M = 32  # links per node: FAISS's usual choice for 384-d
HNSW_EF_CONSTRUCTION = 40
HNSW_EF_SEARCH = 64
KMEANS_ITERATIONS = 10  # coarse centroids: 10 rounds are within a point of recall of 25 and take 2.5x less
RERANK_FACTOR = 5  # IVF-PQ candidates per result re-scored with the full vector
TRAIN_PER_LIST = 39  # FAISS's minimum training points per IVF list


@dataclass(frozen=True)
class DenseSpec:
    name: str  # flat, hnsw, ivf, ivfpq
    nlist: int = 0
    nprobe: int = 0
    pq_bytes: int = 0  # PQ sub-quantizers of 8 bits: bytes per vector

    @property
    def label(self) -> str:
        if self.name == "flat":
            return "FAISS flat (exact; verify's default)"
        if self.name == "hnsw":
            return f"FAISS HNSW (M={HNSW_M}, efSearch={HNSW_EF_SEARCH})"
        if self.name == "ivf":
            return f"FAISS IVF{self.nlist},Flat (nprobe={self.nprobe})"
        return f"FAISS IVF{self.nlist},PQ{self.pq_bytes} (nprobe={self.nprobe})"

    @property
    def cache_name(self) -> str:
        return f"{self.name}-{self.nlist}-{self.pq_bytes}.faiss"


def default_nlist(size: int) -> int:
    """About 4 * sqrt(N) lists, a power of two: 4096 at 1M passages, 1024 at 100k."""
    return 2 ** round(math.log2(4 * math.sqrt(size)))


def specs(size: int, pq_bytes: list[int]) -> list[DenseSpec]:
    nlist = default_nlist(size)
    nprobe = max(8, nlist // 128)
    return [
        DenseSpec("flat"),
        DenseSpec("hnsw"),
        DenseSpec("ivf", nlist, nprobe),
        *(DenseSpec("ivfpq", nlist, nprobe, m) for m in pq_bytes),
    ]


def build(spec: DenseSpec, vectors: np.ndarray, quantizer: Any | None) -> Any:
    """The index, filled. `quantizer`: trained coarse centroids (an array) to reuse (IVF and IVF-PQ share them)."""
    import faiss

    d = vectors.shape[1]
    if spec.name == "flat":
        index = faiss.IndexFlatIP(d)
    elif spec.name == "hnsw":
        index = faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        coarse = faiss.IndexFlatIP(d)
        if quantizer is not None:  # IndexIVF.train skips the k-means when its quantizer is filled
            coarse.add(quantizer)
        if spec.name == "ivf":
            index = faiss.IndexIVFFlat(coarse, d, spec.nlist, faiss.METRIC_INNER_PRODUCT)
        else:
            index = faiss.IndexIVFPQ(coarse, d, spec.nlist, spec.pq_bytes, 8, faiss.METRIC_INNER_PRODUCT)
        index.own_fields = True
        coarse.this.disown()
        index.cp.niter = KMEANS_ITERATIONS
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), TRAIN_PER_LIST * spec.nlist), False)
        index.train(np.ascontiguousarray(vectors[np.sort(sample)]))
    for start in range(0, len(vectors), 100_000):
        index.add(np.ascontiguousarray(vectors[start : start + 100_000]))
    return index


def configure(spec: DenseSpec, index: Any) -> None:
    if spec.name == "hnsw":
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif spec.name in ("ivf", "ivfpq"):
        index.nprobe = spec.nprobe


def centroids(index: Any) -> np.ndarray:
    """The coarse centroids of an IVF index, to train the next IVF index on the same lists."""
    return np.asarray(index.quantizer.reconstruct_n(0, index.nlist), dtype=np.float32)


def recall(found: list[list[int]], exact: list[list[int]], k: int) -> float:
    """Mean share of the exact top-k that the index also returns in its top-k."""
    return float(np.mean([len(set(f[:k]) & set(e[:k])) / k for f, e in zip(found, exact)]))


def rerank(index: Any, vectors: np.ndarray, query: np.ndarray, depth: int) -> list[int]:
    """The index's top depth * RERANK_FACTOR, re-ordered by exact inner product: the top depth."""
    _, ids = index.search(query[None, :], depth * RERANK_FACTOR)
    candidates = ids[0][ids[0] >= 0]
    scores = vectors[candidates] @ query
    return candidates[np.argsort(-scores)[:depth]].tolist()
