"""Hybrid retrieval: dense (FAISS) and BM25 (tantivy) rankings merged by reciprocal rank fusion.

Dense search finds paraphrases; BM25 finds the rare exact words (names, numbers) that small
embedding models blur. RRF needs no score calibration between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from verify.store import StoredPassage
from verify.store_api import SourceStore

RRF_K = 60  # the constant from Cormack et al. (2009); damps the weight of top ranks


@dataclass(frozen=True)
class Hit:
    passage: StoredPassage
    fused: float
    dense: float | None
    bm25: float | None


class HybridRetriever:
    def __init__(self, store: SourceStore, candidates_per_k: int = 4) -> None:
        self.store = store
        self.candidates_per_k = candidates_per_k

    def search(self, query: str, k: int) -> list[Hit]:
        return self.search_many([query], k)[0]

    def search_many(self, queries: list[str], k: int) -> list[list[Hit]]:
        """The top-k passages for each query, best first."""
        if k < 1:
            raise ValueError("k must be at least 1")
        if not queries:
            return []
        depth = k * self.candidates_per_k
        dense_all = self.store.dense_search(self.store.embedder.embed(queries), depth)
        results = []
        for query, dense in zip(queries, dense_all):
            bm25 = self.store.bm25_search(query, depth)
            results.append(self._fuse(dense, bm25, k))
        return results

    def _fuse(self, dense: list[tuple[int, float]], bm25: list[tuple[int, float]], k: int) -> list[Hit]:
        fused: dict[int, float] = {}
        for ranking in (dense, bm25):
            for rank, (pid, _) in enumerate(ranking, start=1):
                fused[pid] = fused.get(pid, 0.0) + 1.0 / (RRF_K + rank)
        top = sorted(fused, key=lambda pid: (-fused[pid], pid))[:k]
        rows = self.store.passages(top)
        dense_scores, bm25_scores = dict(dense), dict(bm25)
        return [Hit(rows[pid], fused[pid], dense_scores.get(pid), bm25_scores.get(pid)) for pid in top if pid in rows]
