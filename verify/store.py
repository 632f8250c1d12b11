"""IndexStore: sources, passages, BM25 and vectors of one index folder, written atomically.

Layout of `index/<name>/`:
    manifest.json        the commit record: format version, embedding model and dimension,
                         chunking parameters, source hashes, and the live generation folder
    gen-000007/          passages.sqlite (sources, passages, FTS5 for BM25) + vectors.faiss
Every write builds a new generation folder beside the live one, then replaces manifest.json with
os.replace. A crash or Ctrl-C at any point leaves the previous manifest naming the previous,
untouched generation, so the index stays loadable. Writers serialise on an flock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify.chunk import make_passages
from verify.config import CHUNK_MAX_CHARS, CHUNK_OVERLAP, CHUNK_SENTENCES
from verify.embed import Embedder
from verify.errors import VerifyError
from verify.schema import Passage, Source

if TYPE_CHECKING:
    import numpy as np

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_FILE = "passages.sqlite"
VECTORS_FILE = "vectors.faiss"

_SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT, url TEXT, publisher TEXT, published TEXT, dateline TEXT,
    origin TEXT, kind TEXT NOT NULL, content_hash TEXT NOT NULL, text TEXT NOT NULL, added TEXT NOT NULL
);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source_id TEXT NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX passages_by_source ON passages(source_id);
CREATE VIRTUAL TABLE passages_fts USING fts5(text, tokenize = 'porter unicode61');
"""


class IndexStoreError(VerifyError, RuntimeError):
    """An index that cannot be used as asked; the message says what to do."""


class EmbedderMismatch(IndexStoreError):
    pass


@dataclass(frozen=True)
class Chunking:
    sentences: int = CHUNK_SENTENCES
    overlap: int = CHUNK_OVERLAP
    max_chars: int = CHUNK_MAX_CHARS


@dataclass
class ChangeReport:
    """What a write did, by source id."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    passages_embedded: int = 0


@dataclass(frozen=True)
class SourceInfo:
    id: str
    title: str | None
    published: str | None
    kind: str
    origin: str | None
    passages: int
    content_hash: str


@dataclass(frozen=True)
class StoredPassage:
    """A passage row joined with its source's citation metadata."""

    id: int
    source_id: str
    start: int
    end: int
    text: str
    title: str | None
    url: str | None
    published: dt.date | None


class IndexStore:
    def __init__(
        self, directory: Path, embedder: Embedder, chunking: Chunking | None = None, check_embedder: bool = True
    ) -> None:
        self.directory = Path(directory)
        self.embedder = embedder
        self.manifest = self._read_manifest()
        if self.manifest is None:
            self.chunking = chunking or Chunking()
        else:
            self.chunking = Chunking(**self.manifest["chunking"])
            if check_embedder and self.manifest["embedding_model"] != embedder.name:
                raise EmbedderMismatch(
                    f"index {self.directory} was built with embedding model "
                    f"{self.manifest['embedding_model']!r}, but {embedder.name!r} is configured: "
                    f"use that model, or run `verify index rebuild --index {self.directory} "
                    f"--embed-model {embedder.name}` to re-embed it"
                )
        self._vectors: Any = None
        self._conn: sqlite3.Connection | None = None

    # ---- reading ---------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return self.manifest is not None

    @property
    def source_hashes(self) -> dict[str, str]:
        return dict(self.manifest["sources"]) if self.manifest else {}

    def _read_manifest(self) -> dict[str, Any] | None:
        path = self.directory / MANIFEST
        if not path.is_file():
            return None
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise IndexStoreError(f"{path}: unreadable manifest ({exc})") from exc
        if manifest.get("format_version") != FORMAT_VERSION:
            raise IndexStoreError(
                f"{path}: index format {manifest.get('format_version')} is not {FORMAT_VERSION}; "
                "rebuild it with `verify index rebuild`"
            )
        return manifest

    def _generation_dir(self) -> Path:
        assert self.manifest is not None
        return self.directory / self.manifest["generation"]

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            if self.manifest is None:
                raise IndexStoreError(f"index {self.directory} is empty: add sources with `verify index add`")
            uri = (self._generation_dir() / DB_FILE).resolve().as_uri() + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._conn

    def _faiss(self) -> Any:
        if self._vectors is None:
            import faiss

            self._vectors = faiss.read_index(str(self._generation_dir() / VECTORS_FILE))
        return self._vectors

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._vectors = None, None

    def reload(self) -> None:
        """Pick up a generation committed by another writer."""
        self.close()
        self.manifest = self._read_manifest()

    def list_sources(self) -> list[SourceInfo]:
        if self.manifest is None:
            return []
        rows = self._db().execute(
            "SELECT s.id, s.title, s.published, s.kind, s.origin, COUNT(p.id), s.content_hash "
            "FROM sources s LEFT JOIN passages p ON p.source_id = s.id GROUP BY s.id ORDER BY s.added, s.id"
        )
        return [SourceInfo(*row) for row in rows]

    def get_source(self, source_id: str) -> Source | None:
        if self.manifest is None:
            return None
        row = (
            self._db()
            .execute(
                "SELECT id, text, title, url, publisher, published, dateline, origin, content_hash "
                "FROM sources WHERE id = ?",
                (source_id,),
            )
            .fetchone()
        )
        if row is None:
            return None
        keys = ("id", "text", "title", "url", "publisher", "published", "dateline", "origin", "content_hash")
        return Source(**dict(zip(keys, row)))

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        if not ids or self.manifest is None:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._db().execute(
            "SELECT p.id, p.source_id, p.start, p.end, p.text, s.title, s.url, s.published "
            f"FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id IN ({marks})",
            ids,
        )
        found = {}
        for pid, source_id, start, end, text, title, url, published in rows:
            date = dt.date.fromisoformat(published) if published else None
            found[pid] = StoredPassage(pid, source_id, start, end, text, title, url, date)
        return found

    def dense_search(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """Per query row: (passage id, cosine similarity), best first."""
        if self.manifest is None or self.manifest["passages"] == 0:
            return [[] for _ in range(len(vectors))]
        scores, ids = self._faiss().search(vectors, min(k, self.manifest["passages"]))
        return [
            [(int(i), float(s)) for i, s in zip(row_ids, row_scores) if i >= 0]
            for row_ids, row_scores in zip(ids, scores)
        ]

    def bm25_search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(passage id, BM25 score; higher is better) for passages sharing words with the query."""
        terms = [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]
        if not terms or self.manifest is None:
            return []
        match = " OR ".join(f'"{t}"' for t in dict.fromkeys(terms))
        rows = self._db().execute(
            "SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? "
            "ORDER BY bm25(passages_fts) LIMIT ?",
            (match, k),
        )
        return [(int(rowid), -float(score)) for rowid, score in rows]

    # ---- writing ---------------------------------------------------------------------------

    def add(self, sources: list[Source], kind: str = "user") -> ChangeReport:
        """Add new sources, replace changed ones (same id, new content), skip unchanged ones."""
        return self._write(sources, kind, prune=False)

    def sync(self, sources: list[Source], kind: str) -> ChangeReport:
        """Make the sources of `kind` exactly these: add, replace, and remove the ones gone."""
        return self._write(sources, kind, prune=True)

    def remove(self, source_ids: list[str]) -> ChangeReport:
        missing = [s for s in source_ids if s not in self.source_hashes]
        if missing:
            raise IndexStoreError(f"no source with id {', '.join(missing)} in {self.directory}")
        with self._transaction() as (conn, vectors):
            self._delete(conn, vectors, source_ids)
        return ChangeReport(removed=list(source_ids))

    def rebuild(self) -> ChangeReport:
        """Re-chunk and re-embed every source with the configured embedder."""
        if self.manifest is None:
            raise IndexStoreError(f"index {self.directory} does not exist yet")
        kinds = dict(self._db().execute("SELECT id, kind FROM sources").fetchall())
        sources = [s for s in (self.get_source(i) for i in kinds) if s is not None]
        report = ChangeReport()
        with self._transaction(fresh=True) as (conn, vectors):
            for source in sources:
                report.passages_embedded += self._insert(conn, vectors, source, kinds[source.id])
                report.replaced.append(source.id)
        return report

    def _write(self, sources: list[Source], kind: str, prune: bool) -> ChangeReport:
        counts = Counter(s.id for s in sources)
        dupes = {i for i, n in counts.items() if n > 1}
        if dupes:
            raise IndexStoreError(f"two sources share the id {', '.join(sorted(dupes))}: give them distinct ids")
        report = ChangeReport()
        with self._transaction() as (conn, vectors):
            existing = dict(conn.execute("SELECT id, content_hash FROM sources").fetchall())
            kinds = dict(conn.execute("SELECT id, kind FROM sources").fetchall())
            changed = []
            for source in sources:
                old = existing.get(source.id)
                if old == source.content_hash and kinds.get(source.id) == kind:
                    report.unchanged.append(source.id)
                else:
                    (report.replaced if old else report.added).append(source.id)
                    changed.append(source)
            if prune:
                report.removed = [i for i, k in kinds.items() if k == kind and i not in counts]
            self._delete(conn, vectors, report.replaced + report.removed)
            for source in changed:
                report.passages_embedded += self._insert(conn, vectors, source, kind)
            if not (changed or report.removed):
                raise _NothingToCommit
        return report

    def _delete(self, conn: sqlite3.Connection, vectors: Any, source_ids: list[str]) -> None:
        if not source_ids:
            return
        import faiss
        import numpy as np

        marks = ",".join("?" * len(source_ids))
        ids = [r[0] for r in conn.execute(f"SELECT id FROM passages WHERE source_id IN ({marks})", source_ids)]
        if ids:
            vectors.remove_ids(faiss.IDSelectorBatch(np.asarray(ids, dtype=np.int64)))
            conn.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(i,) for i in ids])
        conn.execute(f"DELETE FROM passages WHERE source_id IN ({marks})", source_ids)
        conn.execute(f"DELETE FROM sources WHERE id IN ({marks})", source_ids)

    def _insert(self, conn: sqlite3.Connection, vectors: Any, source: Source, kind: str) -> int:
        import numpy as np

        c = self.chunking
        passages: list[Passage] = make_passages(source.text, source.id, c.sentences, c.overlap, c.max_chars)
        conn.execute(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                source.id,
                source.title,
                source.url,
                source.publisher,
                source.published.isoformat() if source.published else None,
                source.dateline,
                source.origin,
                kind,
                source.content_hash,
                source.text,
                dt.datetime.now(dt.timezone.utc).isoformat(),
            ),
        )
        ids = []
        for p in passages:
            cur = conn.execute(
                "INSERT INTO passages (source_id, start, end, text) VALUES (?,?,?,?)",
                (p.source_id, p.start, p.end, p.text),
            )
            ids.append(cur.lastrowid)
            conn.execute("INSERT INTO passages_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, p.text))
        embedded = self.embedder.embed([p.text for p in passages])
        if embedded.shape[1] != vectors.d:
            raise EmbedderMismatch(f"embedder gives dimension {embedded.shape[1]}, index holds {vectors.d}")
        vectors.add_with_ids(embedded, np.asarray(ids, dtype=np.int64))
        return len(passages)

    @contextlib.contextmanager
    def _transaction(self, fresh: bool = False) -> Iterator[tuple[sqlite3.Connection, Any]]:
        """Build the next generation from the live one (or empty), then commit it atomically."""
        import faiss

        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.reload()  # another writer may have committed while we waited
            for stale in self.directory.glob(".tmp-*"):
                shutil.rmtree(stale, ignore_errors=True)
            number = int(self.manifest["generation"].split("-")[1]) + 1 if self.manifest else 1
            name = f"gen-{number:06d}"
            tmp = self.directory / f".tmp-{name}-{os.getpid()}"
            tmp.mkdir()
            try:
                if self.manifest and not fresh:
                    _copy_db(self._generation_dir() / DB_FILE, tmp / DB_FILE)
                    vectors = faiss.read_index(str(self._generation_dir() / VECTORS_FILE))
                else:
                    _copy_db(None, tmp / DB_FILE)
                    vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(self.embedder.dimension))
                conn = sqlite3.connect(tmp / DB_FILE)
                try:
                    yield conn, vectors
                    conn.commit()
                    hashes = dict(conn.execute("SELECT id, content_hash FROM sources").fetchall())
                finally:
                    conn.close()
                faiss.write_index(vectors, str(tmp / VECTORS_FILE))
                _fsync_dir_files(tmp)
                os.rename(tmp, self.directory / name)
                previous = self._commit_manifest(name, hashes, vectors)
            except _NothingToCommit:
                shutil.rmtree(tmp, ignore_errors=True)
                return
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            self._prune_generations(keep={name, previous})

    def _commit_manifest(self, generation: str, hashes: dict[str, str], vectors: Any) -> str:
        """Point manifest.json at the new generation; returns the generation it replaced."""
        previous = self.manifest["generation"] if self.manifest else ""
        manifest = {
            "format_version": FORMAT_VERSION,
            "generation": generation,
            "embedding_model": self.embedder.name,
            "dimension": int(vectors.d),
            "chunking": self.chunking.__dict__,
            "passages": int(vectors.ntotal),
            "sources": hashes,
            "updated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        tmp = self.directory / f".manifest-{os.getpid()}.json"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.directory / MANIFEST)  # the commit point
        _fsync_dir(self.directory)
        self.close()
        self.manifest = manifest
        return previous

    def _prune_generations(self, keep: set[str]) -> None:
        # The previous generation stays one write longer for readers that opened it.
        for gen in self.directory.glob("gen-*"):
            if gen.name not in keep:
                shutil.rmtree(gen, ignore_errors=True)


class _NothingToCommit(Exception):
    """Raised inside a transaction whose changes are empty: no new generation is written."""


def _copy_db(src: Path | None, dst: Path) -> None:
    target = sqlite3.connect(dst)
    try:
        if src is None:
            target.executescript(_SCHEMA)
        else:
            source = sqlite3.connect(src.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                source.backup(target)
            finally:
                source.close()
        target.commit()
    finally:
        target.close()


def _fsync_dir_files(folder: Path) -> None:
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
