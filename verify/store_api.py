"""The store interface: what the Verifier, the retriever, the server and the CLI use of an index,
and `open_store`, which picks the backend from the index argument.

- a folder path (the default): `verify.store.IndexStore`, FAISS + SQLite + tantivy in one folder;
- `milvus://HOST:PORT/COLLECTION`: a Milvus server (standalone or distributed; `milvus-lite
  server` too), `verify.milvus_store.MilvusStore`;
- `milvus-lite:PATH` (optionally `milvus-lite:PATH?collection=NAME`): Milvus Lite embedded in
  this process, one process at a time per file.

Every backend keeps the same contract: source hashes decide unchanged/replaced, facts are stored
per source, the embedder is checked, and a reader sees each source's passages all or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from verify.generations import IndexStoreError

if TYPE_CHECKING:
    import numpy as np

    from verify.embed import Embedder
    from verify.facts.model import TextFacts
    from verify.schema import Source
    from verify.store import ChangeReport, Preparer, Progress, SourceInfo, StoredPassage

ENGINE_SCHEMES = ("milvus://", "milvus-lite:")

__all__ = ["ENGINE_SCHEMES", "SourceStore", "index_location", "is_engine_url", "open_store"]


@runtime_checkable
class SourceStore(Protocol):
    """An index of sources, their passages (dense vectors and BM25), and each source's facts."""

    embedder: Embedder

    @property
    def location(self) -> str:
        """The folder or URL, as given: for messages and run records."""
        ...

    @property
    def exists(self) -> bool:
        """At least one write has been committed (the index may hold no sources after removals)."""
        ...

    @property
    def source_hashes(self) -> dict[str, str]:
        """Source id to content hash, as of the commit this store reads."""
        ...

    @property
    def passage_count(self) -> int: ...

    def refresh(self) -> bool:
        """Move to the latest commit if another writer made one; True when it moved. Cheap: a
        service calls it before every request."""
        ...

    def close(self) -> None: ...

    def list_sources(self) -> list[SourceInfo]: ...

    def get_source(self, source_id: str) -> Source | None: ...

    def source_facts(self, source_ids: list[str]) -> dict[str, tuple[str, TextFacts]]: ...

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]: ...

    def dense_search(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]: ...

    def bm25_search(self, query: str, k: int) -> list[tuple[int, float]]: ...

    def add(
        self,
        sources: list[Source],
        kind: str = "user",
        progress: Progress | None = None,
        prepare: Preparer | None = None,
    ) -> ChangeReport:
        """`prepare` does the slow part (passages, facts, vectors) elsewhere, e.g. on Ray actors."""
        ...

    def sync(self, sources: list[Source], kind: str, progress: Progress | None = None) -> ChangeReport: ...

    def remove(self, source_ids: list[str]) -> ChangeReport: ...

    def rebuild(self, progress: Progress | None = None) -> ChangeReport: ...


def is_engine_url(index: str | Path) -> bool:
    """True for an index given as an engine URL rather than a folder."""
    return isinstance(index, str) and index.startswith(ENGINE_SCHEMES)


def index_location(index: str | Path) -> str | Path:
    """A folder becomes a Path; an engine URL stays as given. Any other `scheme://` is refused
    rather than taken for a folder name."""
    if is_engine_url(index):
        return str(index)
    text = str(index)
    if "://" in text:
        raise IndexStoreError(
            f"index {text!r}: unknown index URL; give a folder, milvus://HOST:PORT/COLLECTION or milvus-lite:PATH"
        )
    return Path(index)


def open_store(index: str | Path, embedder: Embedder, check_embedder: bool = True) -> SourceStore:
    """The store for `index`: a folder (FAISS + SQLite) or an engine URL."""
    location = index_location(index)
    if isinstance(location, Path):
        from verify.store import IndexStore

        return IndexStore(location, embedder, check_embedder=check_embedder)
    from verify.milvus_store import MilvusStore

    return MilvusStore(location, embedder, check_embedder=check_embedder)
