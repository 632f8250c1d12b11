"""MilvusStore: the store interface (verify.store_api) over Milvus, for indexes that outgrow one
machine; `--index milvus://HOST:PORT/NAME`, or `milvus-lite:PATH` embedded (collections in
verify.milvus_schema).

All or none of a source, without transactions. Milvus commits one row at a time, so a write
never changes rows in place: each changed source gets a new *version* tag (time-ordered), and
  1. its text and facts go into the blobs collection and its passages into the passages
     collection under that version, then flushed (nothing points at them yet: readers skip them);
  2. the source's row in NAME_sources is upserted to name the new version: the commit point,
     one row, atomic in Milvus;
  3. the meta row's commit token changes, so every store's `refresh()` notices;
  4. the replaced version's passages and blobs are deleted.
A reader works from a snapshot of the source rows (taken by `refresh()`, as the folder store pins
a generation) and keeps a passage only when its version is the one its snapshot names, so it sees
a source's old passages, or its new ones, never a mix or a part. Removing a source deletes its row
first. A reader whose snapshot is older than a replace may, once step 4 ran, find none of the old
version (never part of it: one delete call per version); the service refreshes before every
request. A writer that dies between 1 and 2 leaves passages no row names: invisible, and dropped by
the next `rebuild`. Two writers of the same source: the last commit wins. A rebuild writes every
source into a new passages collection (same versions) and switches the meta row to it in one upsert.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verify import milvus_schema as ms
from verify.embed import Embedder
from verify.facts.model import TextFacts
from verify.generations import IndexStoreError
from verify.schema import Source, source_id_problem
from verify.store import (
    ChangeReport,
    Chunking,
    EmbedderMismatch,
    Preparer,
    Progress,
    SourceInfo,
    StaleFacts,
    StoredPassage,
    UnknownSource,
    prepare,
)

if TYPE_CHECKING:
    import numpy as np

INSERT_ROWS = 512  # passages a Milvus insert call
_MAX_LIMIT = 16_384  # Milvus's cap on a search's limit
# The Milvus layout's own version, apart from the folder store's: 2 and 3 were written while it
# borrowed the folder's number (3 only changed the folder's full-text files), same layout.
MILVUS_FORMAT = 3
READABLE_FORMATS = (2, 3)


@dataclass(frozen=True)
class _Row:
    """A committed source, as its NAME_sources row says."""

    data: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.data["version"])


class MilvusStore:
    def __init__(
        self, url: str, embedder: Embedder, chunking: Chunking | None = None, check_embedder: bool = True
    ) -> None:
        self.url = url
        self.target = ms.parse_url(url)
        self.embedder = embedder
        self.check_embedder = check_embedder
        self.chunking = chunking or Chunking()
        self._client = ms.connect(self.target, url)
        self._meta: dict[str, Any] | None = None
        self._rows: dict[str, _Row] = {}
        # Its rebuild re-embeds and keeps the stored facts, so it cannot be the hint.
        self._stale_facts = StaleFacts(url, rebuild_refreshes=False)
        self.refresh()

    # ---- reading ---------------------------------------------------------------------------

    @property
    def location(self) -> str:
        return self.url

    @property
    def exists(self) -> bool:
        return self._meta is not None

    @property
    def source_hashes(self) -> dict[str, str]:
        return {sid: row.data["content_hash"] for sid, row in self._rows.items()}

    @property
    def passage_count(self) -> int:
        return sum(int(row.data["passages"]) for row in self._rows.values())

    def _name(self, suffix: str) -> str:
        return f"{self.target.name}_{suffix}"

    def _read_meta(self) -> dict[str, Any] | None:
        with ms.engine_errors(self.url):
            if not self._client.has_collection(self._name("meta")):
                return None
            for suffix in ("meta", "sources", "blobs"):
                ms.ensure_loaded(self._client, self._name(suffix))
            rows = self._client.get(self._name("meta"), ids=["index"], output_fields=["data"])
        return json.loads(rows[0]["data"]) if rows else None

    def refresh(self) -> bool:
        """Take a new snapshot if the commit token moved (one primary-key read otherwise)."""
        meta = self._read_meta()
        if meta is None and self._meta is None:
            return False
        if meta is not None and self._meta is not None and meta["commit"] == self._meta["commit"]:
            return False
        if meta is not None:
            if meta.get("format_version") not in READABLE_FORMATS:
                raise IndexStoreError(
                    f"index {self.url}: format {meta.get('format_version')}, expected {MILVUS_FORMAT}"
                )
            if self.check_embedder and meta["embedding_model"] != self.embedder.name:
                raise EmbedderMismatch(
                    f"index {self.url} was built with embedding model {meta['embedding_model']!r}, but "
                    f"{self.embedder.name!r} is configured: use that model, or run `verify index rebuild --index "
                    f"{self.url} --embed-model {self.embedder.name}` to re-embed it"
                )
            self.chunking = Chunking(**meta["chunking"])
            with ms.engine_errors(self.url):
                ms.ensure_loaded(self._client, meta["passages_collection"])
        self._meta, self._rows = meta, self._read_rows() if meta is not None else {}
        return True

    def _read_rows(self) -> dict[str, _Row]:
        rows: dict[str, _Row] = {}
        with ms.engine_errors(self.url):
            it = self._client.query_iterator(self._name("sources"), batch_size=1000, filter="", output_fields=["data"])
            try:
                while batch := it.next():
                    for item in batch:
                        data = json.loads(item["data"])
                        rows[data["id"]] = _Row(data)
            finally:
                it.close()
        return rows

    def close(self) -> None:
        """Forget the snapshot (the connection is the process's, shared); the next read refreshes."""
        self._meta, self._rows = None, {}

    def list_sources(self) -> list[SourceInfo]:
        rows = sorted(self._rows.values(), key=lambda r: (r.data["added"], r.data["id"]))
        return [
            SourceInfo(d["id"], d["title"], d["published"], d["kind"], d["origin"], d["passages"], d["content_hash"])
            for d in (r.data for r in rows)
        ]

    def _blob(self, version: str, kind: str, parts: int) -> str:
        keys = [f"{version}:{kind}:{i}" for i in range(parts)]
        if not keys:
            return ""
        with ms.engine_errors(self.url):
            found = {
                r["key"]: r["data"] for r in self._client.get(self._name("blobs"), ids=keys, output_fields=["data"])
            }
        if len(found) != len(keys):
            raise IndexStoreError(f"index {self.url}: a source's stored text is incomplete; re-add the source")
        return "".join(found[k] for k in keys)

    def get_source(self, source_id: str) -> Source | None:
        row = self._rows.get(source_id)
        if row is None:
            return None
        d = row.data
        keys = ("id", "title", "url", "publisher", "published", "dateline", "origin", "content_hash")
        return Source(text=self._blob(row.version, "t", d["text_parts"]), **{k: d[k] for k in keys})

    def source_facts(self, source_ids: list[str]) -> dict[str, tuple[str, TextFacts]]:
        out = {}
        for sid in source_ids:
            row = self._rows.get(sid)
            if row is not None:
                text = self._blob(row.version, "t", row.data["text_parts"])
                facts = TextFacts.from_json(json.loads(self._blob(row.version, "f", row.data["facts_parts"])))
                out[sid] = (text, self._stale_facts.current(facts, sid, row.data["content_hash"], self.get_source))
        return out

    def _visible(self, source_id: str, version: str) -> bool:
        row = self._rows.get(source_id)
        return row is not None and row.version == version

    def passages(self, ids: list[int]) -> dict[int, StoredPassage]:
        if not ids or self._meta is None:
            return {}
        fields = ["source_id", "version", "start", "end", "text"]
        with ms.engine_errors(self.url):
            rows = self._client.get(self._meta["passages_collection"], ids=ids, output_fields=fields)
        found = {}
        for r in rows:
            if self._visible(r["source_id"], r["version"]):
                d = self._rows[r["source_id"]].data
                date = dt.date.fromisoformat(d["published"]) if d["published"] else None
                found[int(r["id"])] = StoredPassage(
                    int(r["id"]), r["source_id"], r["start"], r["end"], r["text"], d["title"], d["url"], date,
                    d["publisher"], d.get("dateline"),
                )  # fmt: skip
        return found

    def _search(self, data: list[Any], field: str, k: int) -> list[list[tuple[int, float]]]:
        """Top k visible passages per query. Invisible ones (an uncommitted or replaced version)
        are few, so ask for a little more and widen only when they crowd out the k."""
        if self._meta is None or not self._rows or not data:
            return [[] for _ in data]
        limit = min(k + 8, _MAX_LIMIT)
        while True:
            with ms.engine_errors(self.url):
                results = self._client.search(
                    self._meta["passages_collection"], data=data, anns_field=field, limit=limit,
                    output_fields=["source_id", "version"],
                )  # fmt: skip
            out, short = [], False
            for hits in results:
                # BM25: Milvus gives a positive score, Milvus Lite its negative; the order is the engine's.
                kept = [
                    (int(h["id"]), abs(float(h["distance"])) if field == "sparse" else float(h["distance"]))
                    for h in hits
                    if self._visible(h["entity"]["source_id"], h["entity"]["version"])
                ]
                short |= len(kept) < k and len(hits) == limit
                out.append(kept[:k])
            if not short or limit >= _MAX_LIMIT:
                return out
            limit = min(limit * 4, _MAX_LIMIT)

    def dense_search(self, vectors: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        return self._search([v.tolist() for v in vectors], "vector", k)

    def bm25_search(self, query: str, k: int) -> list[tuple[int, float]]:
        # The same query words as the folder store's BM25 (words of two characters or more).
        if not [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]:
            return []
        return self._search([query], "sparse", k)[0]

    # ---- writing ---------------------------------------------------------------------------

    def add(
        self,
        sources: list[Source],
        kind: str = "user",
        progress: Progress | None = None,
        prepare: Preparer | None = None,
    ) -> ChangeReport:
        return self._write(sources, kind, prune=False, progress=progress, preparer=prepare)

    def sync(self, sources: list[Source], kind: str, progress: Progress | None = None) -> ChangeReport:
        return self._write(sources, kind, prune=True, progress=progress)

    def remove(self, source_ids: list[str]) -> ChangeReport:
        self.refresh()
        missing = [s for s in source_ids if s not in self._rows]
        if missing:
            raise UnknownSource(f"no source with id {', '.join(missing)} in {self.url}")
        old = [self._rows[s] for s in source_ids]
        with ms.engine_errors(self.url):
            self._client.delete(self._name("sources"), ids=[_key(s) for s in source_ids])
        self._committed()
        self._drop_versions(old)
        return ChangeReport(removed=list(source_ids))

    def _write(
        self,
        sources: list[Source],
        kind: str,
        prune: bool,
        progress: Progress | None,
        preparer: Preparer | None = None,
    ) -> ChangeReport:
        seen: set[str] = set()
        for source in sources:
            problem = source_id_problem(source.id)
            if problem:
                raise IndexStoreError(problem)
            if source.id in seen:
                raise IndexStoreError(f"two sources share the id {source.id}: give them distinct ids")
            seen.add(source.id)
        self._ensure_index()
        self.refresh()
        report = ChangeReport()
        changed = []
        for source in sources:
            row = self._rows.get(source.id)
            if row is not None and row.data["content_hash"] == source.content_hash and row.data["kind"] == kind:
                report.unchanged.append(source.id)
            else:
                (report.replaced if row else report.added).append(source.id)
                changed.append(source)
        if prune:
            report.removed = [i for i, r in self._rows.items() if r.data["kind"] == kind and i not in seen]
        if not (changed or report.removed):
            return report
        prepared = (
            preparer(changed, self.chunking, progress)
            if preparer and changed
            else prepare(changed, self.embedder, self.chunking, progress)
        )
        new_rows = []
        for source in changed:
            version = _new_version()
            ready = prepared.pop(source.id)
            self._write_blobs(version, "t", source.text)
            self._write_blobs(version, "f", ready.facts)
            self._write_passages(version, ready.passages, ready.vectors)
            report.passages_embedded += len(ready.passages)
            new_rows.append(_source_row(source, kind, version, len(ready.passages), ready.facts))
        with ms.engine_errors(self.url):
            self._client.flush(self._meta_passages())
            self._client.flush(self._name("blobs"))
            # The commit point of each source: its row names the new version.
            if new_rows:
                self._client.upsert(self._name("sources"), [_row_entity(r) for r in new_rows])
            if report.removed:
                self._client.delete(self._name("sources"), ids=[_key(s) for s in report.removed])
            self._client.flush(self._name("sources"))
        old = [self._rows[s] for s in report.replaced + report.removed]
        self._committed()
        self._drop_versions(old)
        return report

    def rebuild(self, progress: Progress | None = None) -> ChangeReport:
        """Re-chunk and re-embed every source into a new passages collection, then switch the meta
        row to it (and to this embedder) in one upsert; the old collection is dropped after.
        Stored text and facts are kept. Passages a crashed writer never committed go with the old
        collection (its text and facts pieces stay, unreferenced and never read)."""
        self.refresh()
        if self._meta is None:
            raise IndexStoreError(f"index {self.url} does not exist yet")
        old_collection = self._meta["passages_collection"]
        collection = self._name("p_" + uuid.uuid4().hex[:12])
        with ms.engine_errors(self.url):
            ms.create_passages(self._client, collection, self.embedder.dimension)
        report = ChangeReport()
        rows = list(self._rows.values())
        sources = [s for s in (self.get_source(r.data["id"]) for r in rows) if s is not None]
        prepared = prepare(sources, self.embedder, self.chunking, progress, facts=False)
        counts = {}
        for row, source in zip(rows, sources):
            ready = prepared.pop(source.id)
            self._write_passages(row.version, ready.passages, ready.vectors, collection, self.embedder.dimension)
            counts[source.id] = len(ready.passages)
            report.passages_embedded += len(ready.passages)
            report.replaced.append(source.id)
        with ms.engine_errors(self.url):
            self._client.flush(collection)
            self._write_meta(collection)
            self._client.drop_collection(old_collection)
            stale = [r for r in rows if counts[r.data["id"]] != r.data["passages"]]
            if stale:  # the listing's counts, when the chunking code changed
                entities = [_row_entity({**r.data, "passages": counts[r.data["id"]]}) for r in stale]
                self._client.upsert(self._name("sources"), entities)
        self._committed()
        return report

    def _ensure_index(self) -> None:
        """Create the collections and the meta row on the first write."""
        if self._read_meta() is not None:
            return
        with ms.engine_errors(self.url):
            ms.create_bookkeeping(self._client, self.target.name)
            collection = self._name("p_" + uuid.uuid4().hex[:12])
            ms.create_passages(self._client, collection, self.embedder.dimension)
            self._write_meta(collection)

    def _write_meta(self, passages_collection: str) -> None:
        meta = {
            "format_version": MILVUS_FORMAT,
            "embedding_model": self.embedder.name,
            "dimension": self.embedder.dimension,
            "chunking": self.chunking.__dict__,
            "passages_collection": passages_collection,
            "commit": uuid.uuid4().hex,
        }
        self._client.upsert(self._name("meta"), [{"key": "index", "data": json.dumps(meta), "dummy": ms.DUMMY}])
        self._client.flush(self._name("meta"))

    def _meta_passages(self) -> str:
        meta = self._read_meta()
        assert meta is not None
        return str(meta["passages_collection"])

    def _committed(self) -> None:
        """Tell every store a commit happened (a new token in the meta row), and read it here."""
        meta = self._read_meta()
        assert meta is not None
        with ms.engine_errors(self.url):
            self._write_meta(meta["passages_collection"])
        self._meta = None
        self.refresh()

    def _write_blobs(self, version: str, kind: str, text: str) -> None:
        pieces = [text[i : i + ms.BLOB_CHARS] for i in range(0, len(text), ms.BLOB_CHARS)]
        rows = [{"key": f"{version}:{kind}:{i}", "data": p, "dummy": ms.DUMMY} for i, p in enumerate(pieces)]
        with ms.engine_errors(self.url):
            for start in range(0, len(rows), 64):
                self._client.insert(self._name("blobs"), rows[start : start + 64])

    def _write_passages(
        self, version: str, passages: list[Any], vectors: list[Any], collection: str = "", dimension: int = 0
    ) -> None:
        meta = self._read_meta()
        assert meta is not None
        collection, dimension = collection or meta["passages_collection"], dimension or meta["dimension"]
        rows = []
        n = 0
        while vectors:
            batch = vectors.pop(0)  # freed once Milvus holds its copy
            if batch.shape[1] != dimension:
                raise EmbedderMismatch(f"embedder gives dimension {batch.shape[1]}, index holds {dimension}")
            for vector in batch:
                p = passages[n]
                rows.append(
                    {"id": _passage_id(version, n), "source_id": p.source_id, "version": version, "start": p.start,
                     "end": p.end, "text": p.text, "vector": vector.tolist()}
                )  # fmt: skip
                n += 1
        with ms.engine_errors(self.url):
            for start in range(0, len(rows), INSERT_ROWS):
                self._client.insert(collection, rows[start : start + INSERT_ROWS])

    def _drop_versions(self, rows: list[_Row]) -> None:
        """Delete replaced or removed versions (after the commit: no snapshot taken since needs them)."""
        if not rows or self._meta is None:
            return
        versions = ", ".join(f'"{r.version}"' for r in rows)  # our own hex tags: safe to quote
        keys = [f"{r.version}:{k}:{i}" for r in rows for k, n in (("t", "text_parts"), ("f", "facts_parts"))
                for i in range(r.data[n])]  # fmt: skip
        with ms.engine_errors(self.url):
            self._client.delete(self._meta["passages_collection"], filter=f"version in [{versions}]")
            if keys:
                self._client.delete(self._name("blobs"), ids=keys)


def _key(source_id: str) -> str:
    """A source row's primary key: a digest, since an id may hold quotes a filter cannot carry."""
    return hashlib.sha256(source_id.encode()).hexdigest()


def _new_version() -> str:
    return f"{time.time_ns():020d}{uuid.uuid4().hex[:12]}"


def _passage_id(version: str, n: int) -> int:
    digest = hashlib.blake2b(f"{version}:{n}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


def _source_row(source: Source, kind: str, version: str, passages: int, facts: str) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "published": source.published.isoformat() if source.published else None,
        "dateline": source.dateline,
        "origin": source.origin,
        "kind": kind,
        "content_hash": source.content_hash,
        "added": dt.datetime.now(dt.timezone.utc).isoformat(),
        "version": version,
        "passages": passages,
        "text_parts": -(-len(source.text) // ms.BLOB_CHARS),
        "facts_parts": -(-len(facts) // ms.BLOB_CHARS),
    }


def _row_entity(row: dict[str, Any]) -> dict[str, Any]:
    data = json.dumps(row, ensure_ascii=False)
    if len(data.encode()) > 65_535:
        raise IndexStoreError(f"source {row['id']}: its title, url and other metadata exceed 64 KB")
    return {"key": _key(row["id"]), "data": data, "dummy": ms.DUMMY}
