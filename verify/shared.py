"""Models by name, one instance per process: every Verifier (a CLI command, the server, the tests,
a notebook opening several indexes) shares them, so each model loads from disk once. Both load
lazily, on first use, so creating one costs nothing."""

from __future__ import annotations

from functools import cache

from verify.backends import open_embedder, open_nli
from verify.config import DEFAULT_BACKEND
from verify.embed import Embedder
from verify.nli import NLIModel


@cache
def shared_embedder(name: str, backend: str = DEFAULT_BACKEND) -> Embedder:
    return open_embedder(name, backend)


@cache
def shared_nli(spec: str, backend: str = DEFAULT_BACKEND) -> NLIModel:
    return open_nli(spec, backend)
