"""Models by name, one instance per process: every Verifier (a CLI command, the server, the tests,
a notebook opening several indexes) shares them, so each model loads from disk once. Both load
lazily, on first use, so creating one costs nothing."""

from __future__ import annotations

from functools import cache

from verify.embed import SentenceTransformerEmbedder
from verify.nli import NLIModel, load_nli


@cache
def shared_embedder(name: str) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(name)


@cache
def shared_nli(spec: str) -> NLIModel:
    return load_nli(spec)
