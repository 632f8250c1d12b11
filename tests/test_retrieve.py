from __future__ import annotations

import pytest

from verify.retrieve import HybridRetriever
from verify.store import IndexStore


def test_appeal_claim_finds_the_moscow_city_court_passage(seed_store: IndexStore) -> None:
    hits = HybridRetriever(seed_store).search("The appeal was rejected June 14.", k=3)
    assert len(hits) == 3
    assert "Moscow City Court, which was rejected on June 14" in hits[0].passage.text
    assert hits[0].dense is not None and hits[0].bm25 is not None
    assert [h.fused for h in hits] == sorted((h.fused for h in hits), reverse=True)


def test_paraphrase_without_shared_words_is_found_by_dense_search(seed_store: IndexStore) -> None:
    [top] = HybridRetriever(seed_store).search("judges turned down the messenger's challenge", k=1)
    assert "turned the request down" in top.passage.text or "rejected on June 14" in top.passage.text


def test_bm25_prefers_rare_exact_terms(seed_store: IndexStore) -> None:
    [(pid, _), *_] = seed_store.bm25_search("Tagansky", 5)
    assert "Tagansky District Court" in seed_store.passages([pid])[pid].text
    assert seed_store.bm25_search("!!! ??", 5) == []


def test_batch_search_and_bad_k(seed_store: IndexStore) -> None:
    retriever = HybridRetriever(seed_store)
    results = retriever.search_many(["GDPR compliance", "Supreme Court decision"], k=2)
    assert [len(r) for r in results] == [2, 2]
    assert "General Data Protection Regulation" in results[0][0].passage.text
    with pytest.raises(ValueError):
        retriever.search("x", k=0)
