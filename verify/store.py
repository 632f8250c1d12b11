"""IndexStore: sources, passages, BM25 and vectors of one index folder, written atomically.

Layout of `index/<name>/`:
    manifest.json        the commit record: format version, embedding model and dimension,
                         chunking parameters, source hashes, and the live generation folder
    gen-000007/          passages.sqlite (sources, passages, facts) + vectors.faiss + fulltext/
                         (the BM25 index: tantivy, verify/fulltext.py)
Every write embeds its new passages first (no lock held), then, under the write lock, builds a
new generation folder beside the live one and replaces manifest.json with os.replace. A crash or
Ctrl-C at any point leaves the previous manifest naming the previous, untouched generation, and
the next write clears the leftovers (generations.py). A reader pins the generation it opened
until it closes or reloads; `refresh()` reopens when another writer has committed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verify import generations as gens
from verify.chunk import dateline_spans, make_passages
from verify.config import CHUNK_MAX_CHARS, CHUNK_OVERLAP, CHUNK_SENTENCES
from verify.embed import Embedder
from verify.facts.model import FACTS_VERSION, TextFacts
from verify.fulltext import FullTextIndex, FullTextWriter, query_words
from verify.generations import IndexStoreError
from verify.manifest import MANIFEST, fsync_dir, read_manifest, signature, write_manifest
from verify.schema import Passage, Source, source_id_problem

if TYPE_CHECKING:
    import numpy as np

# 2: typed facts (verify.facts) computed once per source at index time, stored beside it.
# 3: BM25 in a tantivy index (fulltext/) instead of SQLite FTS5, which does not scale (docs/SCALE.md).
# A format-2 index is still read (FTS5), and its next write moves it to format 3.
FORMAT_VERSION = 3
READABLE_FORMATS = (2, 3)
DB_FILE = "passages.sqlite"
VECTORS_FILE = "vectors.faiss"
FULLTEXT = "fulltext"  # the generation's tantivy folder
EMBED_BATCH = 64  # passages per embedding call, across sources: bounded memory, and a query waits one batch at most
_OPEN_TRIES = 20  # reads of the manifest while writers keep replacing it under us

# (stage, done, total). A write reads the new sources' facts first (STAGE_FACTS, counted in
# characters: spaCy's parse is the slow part of a long article), then embeds (STAGE_EMBED, passages).
Progress = Callable[[str, int, int], None]
STAGE_FACTS = "reading facts (characters)"
STAGE_EMBED = "embedding passages"
# Prepares sources for a write (passages, facts, vectors) outside the lock; the default is
# IndexStore._prepare, in this process; verify.ray_index spreads the work over Ray actors.
Preparer = Callable[[list[Source], "Chunking", "Progress | None"], "dict[str, _Prepared]"]

__all__ = ["MANIFEST", "ChangeReport", "Chunking", "EmbedderMismatch", "IndexStore", "IndexStoreError"]

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
CREATE TABLE facts (source_id TEXT PRIMARY KEY REFERENCES sources(id), data TEXT NOT NULL);
"""


class EmbedderMismatch(IndexStoreError):
    pass


class UnknownSource(IndexStoreError):
    """A source id that is not in the index."""


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
    publisher: str | None = None
    dateline: str | None = None  # the source's (its place, as given on the article)


class IndexStore:
    def __init__(
        self, directory: Path, embedder: Embedder, chunking: Chunking | None = None, check_embedder: bool = True
    ) -> None:
        self.directory = Path(directory)
        self.embedder = embedder
        self.check_embedder = check_embedder
        self._default_chunking = chunking or Chunking()
        self.chunking = self._default_chunking
        self.manifest: dict[str, Any] | None = None
        self._signature: Any = None
        self._pin: gens.Pin | None = None
        self._vectors: Any = None
        self._conn: sqlite3.Connection | None = None
        self._base: dict[str, Any] | None = None  # inside a transaction: the manifest it builds on
        self._reread = StaleFacts(str(self.directory))
        self._fulltext: FullTextIndex | None = None
        self._text_writer: FullTextWriter | None = None  # inside a transaction: the new generation's
        self._open()

    # ---- reading ---------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        return self.manifest is not None

    @property
    def source_hashes(self) -> dict[str, str]:
        return dict(self.manifest["sources"]) if self.manifest else {}

    @property
    def location(self) -> str:
        return str(self.directory)

    @property
    def passage_count(self) -> int:
        return int(self.manifest.get("passages", 0)) if self.manifest else 0

    def _open(self) -> None:
        """Read the manifest and pin the generation it names (retrying if a writer prunes it first)."""
        for _ in range(_OPEN_TRIES):
            manifest, sig = read_manifest(self.directory, READABLE_FORMATS)
            pin = None
            if manifest is not None:
                try:
                    pin = gens.Pin(self.directory / manifest["generation"])
                except FileNotFoundError:
                    continue
            self._adopt(manifest, sig, pin)
            return
        raise IndexStoreError(
            f"{self.directory / MANIFEST} names generation {manifest and manifest['generation']}, which is missing"
        )

    def _adopt(self, manifest: dict[str, Any] | None, sig: Any, pin: gens.Pin | None) -> None:
        if manifest is not None and self.check_embedder and manifest["embedding_model"] != self.embedder.name:
            if pin is not None:
                pin.close()
            raise EmbedderMismatch(
                f"index {self.directory} was built with embedding model "
                f"{manifest['embedding_model']!r}, but {self.embedder.name!r} is configured: "
                f"use that model, or run `verify index rebuild --index {self.directory} "
                f"--embed-model {self.embedder.name}` to re-embed it"
            )
        self.close()
        self.manifest, self._signature, self._pin = manifest, sig, pin
        self.chunking = Chunking(**manifest["chunking"]) if manifest else self._default_chunking

    def _generation_dir(self) -> Path:
        assert self.manifest is not None
        return self.directory / self.manifest["generation"]

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """A damaged index file becomes an IndexStoreError naming it, not a traceback."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise IndexStoreError(
                f"{self._generation_dir() / DB_FILE}: damaged index database ({exc}); "
                "restore the index folder or build a new one from the source files"
            ) from exc

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            if self.manifest is None:
                raise IndexStoreError(f"index {self.directory} is empty: add sources with `verify index add`")
            uri = (self._generation_dir() / DB_FILE).resolve().as_uri() + "?mode=ro"
            with self._reading():
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
                try:
                    conn.execute("SELECT id FROM sources LIMIT 1").fetchall()
                except sqlite3.Error:
                    conn.close()
                    raise
            self._conn = conn
        return self._conn

    def _faiss(self) -> Any:
        if self._vectors is None:
            self._vectors = _read_vectors(self._generation_dir() / VECTORS_FILE, self.manifest)
        return self._vectors

    def _text_index(self) -> FullTextIndex | None:
        """The generation's tantivy index; None for a format-2 generation (BM25 in FTS5)."""
        if self._fulltext is None:
            folder = self._generation_dir() / FULLTEXT
            if not folder.is_dir():
                return None
            with _fulltext_errors(folder):
                self._fulltext = FullTextIndex(folder)
        return self._fulltext

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._pin is not None:
            self._pin.close()
        self._conn, self._vectors, self._pin, self._fulltext = None, None, None, None

    def reload(self) -> None:
        """Pick up a generation committed by another writer."""
        self._open()

    def open_as_of(self, manifest: dict[str, Any]) -> None:
        """Read the generation this manifest (another store's `manifest` on the same folder) names,
        while that store still pins it: every worker of a bulk job then answers from the one
        generation its driver opened, whatever is committed meanwhile."""
        try:
            pin = gens.Pin(self.directory / gens.generation_name(gens.generation_number(manifest["generation"])))
        except FileNotFoundError as exc:
            raise IndexStoreError(f"{exc.filename}: this generation of the index is gone; run the job again") from exc
        self._adopt(manifest, None, pin)

    def refresh(self) -> bool:
        """Reopen if another writer has committed since this store opened; True if it did.
        Costs one stat call, so a service calls it before every request."""
        if signature(self.directory) == self._signature:
            return False
        self._open()
        return True

    def list_sources(self) -> list[SourceInfo]:
        if self.manifest is None:
            return []
        with self._reading():
            rows = self._db().execute(
                "SELECT s.id, s.title, s.published, s.kind, s.origin, COUNT(p.id), s.content_hash "
                "FROM sources s LEFT JOIN passages p ON p.source_id = s.id GROUP BY s.id ORDER BY s.added, s.id"
            )
            return [SourceInfo(*row) for row in rows]

    def get_source(self, source_id: str) -> Source | None:
        if self.manifest is None:
            return None
        with self._reading():
            return _get_source(self._db(), source_id)

    def source_facts(self, source_ids: list[str]) -> dict[str, tuple[str, TextFacts]]:
        """(text, facts) of each source, as computed when it was indexed. Facts stored by an older
        extraction (FACTS_VERSION) are read again from the source's text, once per process, and
        `verify index rebuild` is suggested: old facts would judge claims by rules since fixed."""
        if not source_ids or self.manifest is None:
            return {}
        marks = ",".join("?" * len(source_ids))
        with self._reading():
            rows = (
                self._db()
                .execute(
                    "SELECT s.id, s.text, s.content_hash, f.data FROM sources s JOIN facts f ON f.source_id = s.id "
                    f"WHERE s.id IN ({marks})",
                    source_ids,
                )
                .fetchall()
            )
        out = {}
        for sid, text, content_hash, data in rows:
            facts = TextFacts.from_json(json.loads(data))
            out[sid] = (text, self._reread.current(facts, sid, content_hash, self.get_source))
        return out

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        if not ids or self.manifest is None:
            return {}
        marks = ",".join("?" * len(ids))
        found = {}
        with self._reading():
            rows = self._db().execute(
                "SELECT p.id, p.source_id, p.start, p.end, p.text, s.title, s.url, s.published, s.publisher, "
                "s.dateline "
                f"FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id IN ({marks})",
                ids,
            )
            for pid, source_id, start, end, text, title, url, published, publisher, dateline in rows:
                date = dt.date.fromisoformat(published) if published else None
                found[pid] = StoredPassage(pid, source_id, start, end, text, title, url, date, publisher, dateline)
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
        if self.manifest is None:
            return []
        text_index = self._text_index()
        if text_index is not None:
            with _fulltext_errors(text_index.folder):
                return text_index.search(query, k)
        terms = query_words(query)  # a format-2 generation: its FTS5 table
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        with self._reading():
            rows = self._db().execute(
                "SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? "
                "ORDER BY bm25(passages_fts) LIMIT ?",
                (match, k),
            )
            return [(int(rowid), -float(score)) for rowid, score in rows]

    # ---- writing ---------------------------------------------------------------------------

    def add(
        self,
        sources: list[Source],
        kind: str = "user",
        progress: Progress | None = None,
        prepare: Preparer | None = None,
    ) -> ChangeReport:
        """Add new sources, replace changed ones (same id, new content), skip unchanged ones.
        `prepare` does the slow part elsewhere (see Preparer); the commit is this process's."""
        return self._write(sources, kind, prune=False, progress=progress, prepare=prepare)

    def sync(self, sources: list[Source], kind: str, progress: Progress | None = None) -> ChangeReport:
        """Make the sources of `kind` exactly these: add, replace, and remove the ones gone."""
        return self._write(sources, kind, prune=True, progress=progress)

    def remove(self, source_ids: list[str]) -> ChangeReport:
        with self._transaction() as (conn, vectors):
            present = {r[0] for r in conn.execute("SELECT id FROM sources")}
            missing = [s for s in source_ids if s not in present]
            if missing:
                raise UnknownSource(f"no source with id {', '.join(missing)} in {self.directory}")
            self._delete(conn, vectors, source_ids)
        return ChangeReport(removed=list(source_ids))

    def rebuild(self, progress: Progress | None = None) -> ChangeReport:
        """Re-chunk and re-embed every source with the configured embedder."""
        self.refresh()
        if self.manifest is None:
            raise IndexStoreError(f"index {self.directory} does not exist yet")
        with self._reading():
            ids = [r[0] for r in self._db().execute("SELECT id FROM sources")]
        prepared = self._prepare([s for s in map(self.get_source, ids) if s is not None], progress)
        report = ChangeReport()
        # The sources as of taking the lock: one another writer changed meanwhile is taken as it is now.
        with self._transaction(fresh=True) as (conn, vectors), self._base_db() as base:
            kinds = dict(base.execute("SELECT id, kind FROM sources").fetchall())
            for source_id, kind in kinds.items():
                source = _get_source(base, source_id)
                assert source is not None
                report.passages_embedded += self._insert(conn, vectors, source, kind, prepared)
                report.replaced.append(source_id)
        return report

    def _write(
        self, sources: list[Source], kind: str, prune: bool, progress: Progress | None, prepare: Preparer | None = None
    ) -> ChangeReport:
        counts = Counter(s.id for s in sources)
        dupes = {i for i, n in counts.items() if n > 1}
        if dupes:
            raise IndexStoreError(f"two sources share the id {', '.join(sorted(dupes))}: give them distinct ids")
        for source in sources:
            problem = source_id_problem(source.id)
            if problem:
                raise IndexStoreError(problem)
        # Embedding is the slow part: done before taking the write lock, against the hashes of the
        # latest commit; a source some other writer changed meanwhile is embedded under the lock.
        committed, _ = read_manifest(self.directory, READABLE_FORMATS)
        hashes = committed["sources"] if committed else {}
        todo = [s for s in sources if hashes.get(s.id) != s.content_hash]
        prepared = prepare(todo, self.chunking, progress) if prepare and todo else self._prepare(todo, progress)
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
                report.passages_embedded += self._insert(conn, vectors, source, kind, prepared)
            if not (changed or report.removed):
                raise _NothingToCommit
        return report

    def _prepare(self, sources: list[Source], progress: Progress | None) -> dict[str, _Prepared]:
        return prepare(sources, self.embedder, self.chunking, progress)

    def _delete(self, conn: sqlite3.Connection, vectors: Any, source_ids: list[str]) -> None:
        if not source_ids:
            return
        import faiss
        import numpy as np

        marks = ",".join("?" * len(source_ids))
        ids = [r[0] for r in conn.execute(f"SELECT id FROM passages WHERE source_id IN ({marks})", source_ids)]
        if ids:
            vectors.remove_ids(faiss.IDSelectorBatch(np.asarray(ids, dtype=np.int64)))
            assert self._text_writer is not None
            self._text_writer.delete(ids)
        conn.execute(f"DELETE FROM passages WHERE source_id IN ({marks})", source_ids)
        conn.execute(f"DELETE FROM facts WHERE source_id IN ({marks})", source_ids)
        conn.execute(f"DELETE FROM sources WHERE id IN ({marks})", source_ids)

    def _insert(
        self, conn: sqlite3.Connection, vectors: Any, source: Source, kind: str, prepared: dict[str, _Prepared]
    ) -> int:
        import numpy as np

        ready = prepared.pop(source.id, None)
        if ready is None or ready.content_hash != source.content_hash:
            ready = self._prepare([source], None)[source.id]
        passages = ready.passages
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
        conn.execute("INSERT INTO facts VALUES (?, ?)", (source.id, ready.facts))
        ids: list[int] = []
        for p in passages:
            cur = conn.execute(
                "INSERT INTO passages (source_id, start, end, text) VALUES (?,?,?,?)",
                (p.source_id, p.start, p.end, p.text),
            )
            assert cur.lastrowid is not None
            ids.append(cur.lastrowid)
        assert self._text_writer is not None
        self._text_writer.add((i, p.text) for i, p in zip(ids, passages))
        added = 0
        while ready.vectors:
            embedded = ready.vectors.pop(0)  # freed once FAISS holds its copy
            if embedded.shape[1] != vectors.d:
                raise EmbedderMismatch(f"embedder gives dimension {embedded.shape[1]}, index holds {vectors.d}")
            vectors.add_with_ids(embedded, np.asarray(ids[added : added + len(embedded)], dtype=np.int64))
            added += len(embedded)
        return len(passages)

    @contextlib.contextmanager
    def _base_db(self) -> Iterator[sqlite3.Connection]:
        """Inside a transaction: the live generation's database, read-only."""
        assert self._base is not None
        path = self.directory / self._base["generation"] / DB_FILE
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def _transaction(self, fresh: bool = False) -> Iterator[tuple[sqlite3.Connection, Any]]:
        """Build the next generation from the live one (or empty), then commit it atomically.
        The store's reading state is left alone until the commit, then moves to the new generation."""
        import faiss

        self.directory.mkdir(parents=True, exist_ok=True)
        with gens.write_lock(self.directory):
            # The latest commit, whoever made it; this store may still be reading an older one.
            base, _ = read_manifest(self.directory, READABLE_FORMATS)
            if base and not fresh and base["embedding_model"] != self.embedder.name:
                # A rebuild to another model committed since this writer embedded: its vectors, and
                # its model's name in the manifest, would no longer describe the index.
                raise EmbedderMismatch(
                    f"index {self.directory} was rebuilt with embedding model {base['embedding_model']!r} while "
                    f"this write ran with {self.embedder.name!r}; nothing was written: run it again with "
                    f"--embed-model {base['embedding_model']}"
                )
            live = base["generation"] if base else None
            gens.clear_leftovers(self.directory, live)
            name = gens.next_generation(self.directory, live)
            tmp = self.directory / f".tmp-{name}-{os.getpid()}"
            tmp.mkdir()
            gens.crash_point("tmp-created")
            built = self.directory / name
            committed = False
            self._base = base
            try:
                if base and not fresh:
                    base_dir = self.directory / base["generation"]
                    _copy_db(base_dir / DB_FILE, tmp / DB_FILE)
                    vectors = _read_vectors(base_dir / VECTORS_FILE, base)
                else:
                    _copy_db(None, tmp / DB_FILE)
                    vectors = faiss.IndexIDMap2(faiss.IndexFlatIP(self.embedder.dimension))
                    base_dir = None
                conn = sqlite3.connect(tmp / DB_FILE)
                try:
                    self._text_writer = _fulltext_writer(conn, base_dir, tmp / FULLTEXT)
                    yield conn, vectors
                    conn.commit()
                    # Taken first: a commit that fails has consumed the writer, and abandoning it
                    # then would hide the real error behind tantivy's "writer consumed".
                    writer, self._text_writer = self._text_writer, None
                    writer.commit()
                    hashes = dict(conn.execute("SELECT id, content_hash FROM sources").fetchall())
                finally:
                    conn.close()
                    if self._text_writer is not None:
                        self._text_writer.abandon()
                        self._text_writer = None
                gens.crash_point("db-written")
                faiss.write_index(vectors, str(tmp / VECTORS_FILE))
                _fsync_dir_files(tmp)
                gens.crash_point("vectors-written")
                os.rename(tmp, built)
                gens.crash_point("renamed")
                manifest = self._manifest(name, hashes, vectors)
                write_manifest(self.directory, manifest)
                committed = True
            except _NothingToCommit:
                shutil.rmtree(tmp, ignore_errors=True)
                return
            except BaseException:
                if not committed:
                    shutil.rmtree(tmp, ignore_errors=True)
                    shutil.rmtree(built, ignore_errors=True)
                raise
            finally:
                self._base = None
            self._open()  # pins the new generation before older ones are pruned
            gens.prune(self.directory, name)
            gens.crash_point("pruned")

    def _manifest(self, generation: str, hashes: dict[str, str], vectors: Any) -> dict[str, Any]:
        return {
            "format_version": FORMAT_VERSION,
            "generation": generation,
            "embedding_model": self.embedder.name,
            "dimension": int(vectors.d),
            "chunking": self.chunking.__dict__,
            "passages": int(vectors.ntotal),
            "sources": hashes,
            "updated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }


def prepare(
    sources: list[Source], embedder: Embedder, chunking: Chunking, progress: Progress | None, facts: bool = True
) -> dict[str, _Prepared]:
    """Passages and their vectors for these sources, embedded EMBED_BATCH passages a call across
    source boundaries (every backend writes what this returns). Vectors stay in their batches (never
    concatenated), and a writer frees each batch once the index holds it: memory peaks near one copy
    of the vectors. `facts=False` skips the facts (a rebuild that keeps the stored ones)."""
    c = chunking
    chars = CharacterProgress(progress, sum(len(s.text) for s in sources) if facts else 0)
    prepared = {
        s.id: _Prepared(
            s.content_hash,
            make_passages(s.text, s.id, c.sentences, c.overlap, c.max_chars),
            [],
            # Facts are parsed here too, outside the write lock: with embedding, the slow part.
            json.dumps(chars.facts_of(s).to_json(), separators=(",", ":")) if facts else "",
        )
        for s in sources
    }
    texts = [p.text for ready in prepared.values() for p in ready.passages]
    owners = iter(prepared.values())
    owner, filled = next(owners, None), 0
    for start in range(0, len(texts), EMBED_BATCH):
        batch = embedder.embed(texts[start : start + EMBED_BATCH])
        row = 0
        while row < len(batch) and owner is not None:
            take = min(len(owner.passages) - filled, len(batch) - row)
            if take:
                owner.vectors.append(batch[row : row + take])
            row, filled = row + take, filled + take
            if filled == len(owner.passages):
                owner, filled = next(owners, None), 0
        if progress is not None:
            progress(STAGE_EMBED, min(start + EMBED_BATCH, len(texts)), len(texts))
    return prepared


@dataclass(frozen=True)
class _Prepared:
    content_hash: str
    passages: list[Passage]
    vectors: list[Any]  # float32 arrays, one per embedding batch (or part of one), in passage order
    facts: str  # the source's facts (verify.facts), as stored: JSON


def facts_of(source: Source, progress: Callable[[int], None] | None = None) -> TextFacts:
    """A source's facts; its dates resolve against its publication date. `progress` hears the
    characters read so far."""
    from verify.facts.extract import source_facts

    return source_facts(source.text, source.published, dateline_spans(source.text), progress)


class StaleFacts:
    """Facts stored by an older extraction (TextFacts.version below FACTS_VERSION) read again from
    the source's text, once per source and process, with a one-time hint to rebuild: old facts
    would judge claims by rules since fixed. Every backend's source_facts() goes through one."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.cache: dict[tuple[str, str], TextFacts] = {}

    def current(
        self, facts: TextFacts, source_id: str, content_hash: str, load: Callable[[str], Source | None]
    ) -> TextFacts:
        if facts.version == FACTS_VERSION:
            return facts
        key = (source_id, content_hash)
        if key not in self.cache:
            source = load(source_id)
            if source is None:
                return facts
            if not self.cache:  # every backend's rebuild stores them afresh
                logging.getLogger("verify").warning(
                    "warning: %s holds facts from an older version of verify; they are read again from the "
                    "sources as claims need them (slower). `verify index rebuild --index %s` refreshes them.",
                    self.location,
                    self.location,
                )
            self.cache[key] = facts_of(source)
        return self.cache[key]


class CharacterProgress:
    """Facts of many sources read one after another, reported as characters of the whole batch."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def facts_of(self, source: Source) -> TextFacts:
        report = self.progress
        if report is None:
            return facts_of(source)
        before = self.done
        facts = facts_of(source, lambda read: report(STAGE_FACTS, before + read, self.total))
        self.done = before + len(source.text)
        return facts


class _NothingToCommit(Exception):
    """Raised inside a transaction whose changes are empty: no new generation is written."""


def _get_source(conn: sqlite3.Connection, source_id: str) -> Source | None:
    keys = ("id", "text", "title", "url", "publisher", "published", "dateline", "origin", "content_hash")
    row = conn.execute(f"SELECT {', '.join(keys)} FROM sources WHERE id = ?", (source_id,)).fetchone()
    return Source(**dict(zip(keys, row))) if row else None


def _read_vectors(path: Path, manifest: dict[str, Any] | None) -> Any:
    import faiss

    try:
        vectors = faiss.read_index(str(path))
    except RuntimeError as exc:
        raise IndexStoreError(
            f"{path}: damaged vector file; restore the index folder or build a new one from the source files"
        ) from exc
    if manifest is not None and (vectors.d != manifest["dimension"] or vectors.ntotal != manifest["passages"]):
        raise IndexStoreError(
            f"{path}: holds {vectors.ntotal} vectors of dimension {vectors.d}, not what manifest.json says"
        )
    return vectors


def _copy_db(src: Path | None, dst: Path) -> None:
    target = sqlite3.connect(dst)
    try:
        if src is None:
            target.executescript(_SCHEMA)
        else:
            source = sqlite3.connect(src.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                source.backup(target)
            except sqlite3.DatabaseError as exc:
                raise IndexStoreError(f"{src}: damaged index database ({exc})") from exc
            finally:
                source.close()
        target.commit()
    finally:
        target.close()


@contextlib.contextmanager
def _fulltext_errors(folder: Path) -> Iterator[None]:
    """A damaged tantivy folder (tantivy raises ValueError) becomes an IndexStoreError naming it."""
    try:
        yield
    except (OSError, ValueError) as exc:
        raise IndexStoreError(
            f"{folder}: damaged full-text index ({exc}); restore the index folder or build a new one "
            "from the source files"
        ) from exc


def _fulltext_writer(conn: sqlite3.Connection, base_dir: Path | None, folder: Path) -> FullTextWriter:
    """The new generation's full-text index: the base generation's, linked (not copied); or, from
    a format-2 base, built from its passages (and its FTS5 table dropped); or empty."""
    if base_dir is not None and (base_dir / FULLTEXT).is_dir():
        with _fulltext_errors(base_dir / FULLTEXT):
            return FullTextIndex.copy(base_dir / FULLTEXT, folder).writer()
    writer = FullTextIndex.create(folder).writer()
    if base_dir is not None:
        writer.add(conn.execute("SELECT id, text FROM passages"))
        conn.execute("DROP TABLE IF EXISTS passages_fts")
    return writer


def _fsync_dir_files(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir():
            _fsync_dir_files(path)
            continue
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    fsync_dir(folder)
