"""Retrieval through verify's own store interface, folder vs Milvus Lite, side by side.

    python benchmarks/backend_retrieval.py --work /tmp/backend-retrieval

Builds the same index (the articles in claims/news, real MiniLM embeddings) on both backends, then
times HybridRetriever.search (dense + BM25, fused; top 5) for each claim of claims/news_dev.jsonl,
one claim at a time, and prints build seconds and p50/p95 ms per backend as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import numpy as np

from verify.embed import SentenceTransformerEmbedder
from verify.retrieve import HybridRetriever
from verify.sources import read_sources
from verify.store_api import open_store

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/backend-retrieval"))
    parser.add_argument("--claims", type=int, default=150)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    embedder = SentenceTransformerEmbedder()
    sources = read_sources(REPO / "claims" / "news")
    lines = (REPO / "claims" / "news_dev.jsonl").read_text().splitlines()[: args.claims]
    claims = [json.loads(line)["claim"] for line in lines]
    embedder.embed(claims[:2])  # load the model outside the timings
    for location in (args.work / "folder", f"milvus-lite:{args.work / 'milvus.db'}"):
        store = open_store(location, embedder)
        started = time.perf_counter()
        store.add(sources)
        build = time.perf_counter() - started
        retriever = HybridRetriever(store)
        retriever.search(claims[0], 5)
        times = []
        for claim in claims:
            t = time.perf_counter()
            retriever.search(claim, 5)
            times.append((time.perf_counter() - t) * 1000)
        print(json.dumps({
            "backend": "folder" if isinstance(location, Path) else "milvus-lite",
            "sources": len(sources), "passages": store.passage_count, "build_s": round(build, 1),
            "search_p50_ms": round(float(np.percentile(times, 50)), 1),
            "search_p95_ms": round(float(np.percentile(times, 95)), 1),
        }))  # fmt: skip


if __name__ == "__main__":
    main()
