"""MilvusStore: the store interface (verify.store_api) over Milvus, for indexes that outgrow one
machine; `--index milvus://HOST:PORT/NAME`, or `milvus-lite:PATH` embedded (collections in
verify.milvus_schema).

All or none of a source, without transactions. Milvus commits one row at a time, so a write
never changes rows in place: each changed source gets a new *version* tag (time-ordered), and
  0. the write announces itself (a `pending:WRITE` row in the meta collection, beating while it
     writes), then checks the index's embedder and any running rebuild;
  1. its text and facts go into the blobs collection and its passages into the passages
     collection under that version, then flushed (nothing points at them yet: readers skip them);
  2. the source's row in NAME_sources is upserted to name the new version: the commit point,
     one row, atomic in Milvus;
  3. the `commit` row's token changes, so every store's `refresh()` notices;
  4. the replaced version's passages and blobs are deleted, the announcement too.
A reader works from a snapshot of the source rows (taken by `refresh()`, as the folder store pins
a generation) and keeps a passage only when its version is the one its snapshot names, so it sees
a source's old passages, or its new ones, never a mix or a part. Removing a source deletes its row
first. A reader whose snapshot is older than a replace may, once step 4 ran, find none of the old
version (never part of it: one delete call per version); the service refreshes before every
request. Two writers of the same source: the last commit wins, except that a write puts its row
back when, just after its commit, it finds an older version there (what a rebuild updating a row
it read just before can do).

The meta row (embedder, dimension, chunking, live passages collection) is written only when the
index is created and by a rebuild, never by a plain write, so it always says what the passages
are; a write finding another embedder there (a rebuild switched it meanwhile) writes nothing.
A write that fails cleans up its versions; one killed leaves an announcement whose heartbeat
stops, and a write LIVE_S later deletes what it stored that no row names.

A rebuild re-embeds every source into a new passages collection and switches the meta row to it.
It first puts up a `rebuild` row (beating), then waits for the writes announced before it: a
write announced later sees the row and writes its passages into both collections (or, during a
rebuild to another model, is refused), so no source added meanwhile is lost. Facts stored by an
older extraction are read again and stored under a new facts tag, and blob pieces no row names
(a write killed after its commit leaves the replaced version's) are swept. A second rebuild is
refused while one runs, and takes over from one that died; two started at the same moment are
not told apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verify import generations as gens
from verify import milvus_schema as ms
from verify.embed import Embedder
from verify.facts.model import FACTS_VERSION, TextFacts
from verify.generations import IndexStoreError
from verify.schema import Source, source_id_problem
from verify.store import (
    ChangeReport,
    CharacterProgress,
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
# 4: the commit token in its own row (writers never rewrite the meta row), rebuild and pending-write
# rows, facts tags. A format-3 index is read and written; its next rebuild makes it format 4.
MILVUS_FORMAT = 4
READABLE_FORMATS = (2, 3, 4)
LIVE_S = 300.0  # a write or rebuild silent this long (no heartbeat) is taken as dead
BEAT_S = 30.0  # how often a running write or rebuild says it is alive
WAIT_S = 0.5  # a rebuild's poll of the writes it waits for
CRASH_STEPS = ("milvus-written", "milvus-committed")  # VERIFY_TEST_CRASH_AT steps of a write (tests)


def _now() -> float:
    """The clock that heartbeats and orphan ages are read on (a test moves it)."""
    return time.time()


@dataclass(frozen=True)
class _Row:
    """A committed source, as its NAME_sources row says."""

    data: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.data["version"])

    @property
    def facts_tag(self) -> str:
        """The tag its facts pieces are stored under: its version, unless a rebuild stored fresh facts."""
        return str(self.data.get("facts_tag") or self.data["version"])


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
        self._stale_facts = StaleFacts(url)
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
            rows = self._client.get(self._name("meta"), ids=["index", "commit"], output_fields=["data"])
        found = {r["key"]: r["data"] for r in rows}
        if "index" not in found:
            return None
        meta: dict[str, Any] = json.loads(found["index"])
        # What a reader compares: a rebuild rewrites the meta row, every other write the commit row.
        meta["token"] = f"{meta.get('commit', '')}/{found.get('commit', '')}"
        return meta

    def refresh(self) -> bool:
        """Take a new snapshot if the commit token moved (one primary-key read otherwise)."""
        meta = self._read_meta()
        if meta is None and self._meta is None:
            return False
        if meta is not None and self._meta is not None and meta["token"] == self._meta["token"]:
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
        return None if row is None else self._source_of(row)

    def source_facts(self, source_ids: list[str]) -> dict[str, tuple[str, TextFacts]]:
        out = {}
        for sid in source_ids:
            row = self._rows.get(sid)
            if row is not None:
                text = self._blob(row.version, "t", row.data["text_parts"])
                facts = TextFacts.from_json(json.loads(self._blob(row.facts_tag, "f", row.data["facts_parts"])))
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
        pending = _PendingWrite(self)
        self._record_drops(pending, old)
        with ms.engine_errors(self.url):
            self._client.delete(self._name("sources"), ids=[_key(s) for s in source_ids])
        self._committed()
        self._drop_versions(old)
        self._settle(pending)
        self._collect_dead_writes(own=pending.write)
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
        self._refuse_other_model(self._rebuild_marker())  # before the slow part
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
        pending = _PendingWrite(self)  # announced before the checks below: see rebuild()
        old = [self._rows[s] for s in report.replaced + report.removed]
        committed = False
        try:
            targets, dimension = self._targets()
            pending.collections = targets
            pending.beat(force=True)
            new_rows = []
            for n, source in enumerate(changed):
                version = pending.version(n)
                ready = prepared.pop(source.id)
                self._write_blobs(version, "t", source.text, pending)
                self._write_blobs(version, "f", ready.facts, pending)
                self._write_passages(version, ready.passages, ready.vectors, targets, dimension, pending)
                report.passages_embedded += len(ready.passages)
                new_rows.append(_source_row(source, kind, version, len(ready.passages), ready.facts))
            self._record_drops(pending, old)
            with ms.engine_errors(self.url):
                for collection in self._existing(targets):
                    self._client.flush(collection)
                self._client.flush(self._name("blobs"))
                gens.crash_point("milvus-written")
                # The commit point of each source: its row names the new version.
                if new_rows:
                    self._client.upsert(self._name("sources"), [_row_entity(r) for r in new_rows])
                if report.removed:
                    self._client.delete(self._name("sources"), ids=[_key(s) for s in report.removed])
                self._client.flush(self._name("sources"))
            committed = True
            gens.crash_point("milvus-committed")
            self._keep_newest(new_rows)
        except BaseException:
            if not committed:  # what it wrote goes now; if that fails too, the next write's sweep
                with contextlib.suppress(Exception):
                    self._discard(pending)
            raise
        self._committed()
        self._drop_versions(old)
        self._settle(pending)  # killed before this, its announcement outlives it: see _collect_dead_writes
        self._collect_dead_writes(own=pending.write)
        return report

    def _targets(self) -> tuple[list[str], int]:
        """The passages collections this write goes to, read after it announced itself: the live
        one, and a running rebuild's. The index must still hold this embedder's passages."""
        meta = self._read_meta()
        assert meta is not None
        if meta["embedding_model"] != self.embedder.name or meta["dimension"] != self.embedder.dimension:
            raise EmbedderMismatch(
                f"index {self.url} holds passages of embedding model {meta['embedding_model']!r}, not "
                f"{self.embedder.name!r} (a rebuild switched it while this write ran); nothing was written: "
                f"run it again with --embed-model {meta['embedding_model']}"
            )
        targets = [meta["passages_collection"]]
        marker = self._rebuild_marker()
        self._refuse_other_model(marker)
        if marker is not None and marker["collection"] not in targets:
            targets.append(marker["collection"])
        return targets, int(meta["dimension"])

    def _refuse_other_model(self, marker: dict[str, Any] | None) -> None:
        if marker is not None and marker["embedding_model"] != self.embedder.name:
            raise IndexStoreError(
                f"index {self.url}: a rebuild to embedding model {marker['embedding_model']!r} is running "
                f"(started {_when(marker['started'])}); nothing was written: add after it finishes, with "
                f"--embed-model {marker['embedding_model']}"
            )

    def _keep_newest(self, new_rows: list[dict[str, Any]]) -> None:
        """A rebuild updating a row it read just before this commit may have put back an older
        version: the newest version of a source wins, so this write's rows go back in."""
        if not new_rows:
            return
        with ms.engine_errors(self.url):
            current = {
                json.loads(r["data"])["id"]: json.loads(r["data"])["version"]
                for r in self._client.get(self._name("sources"), ids=[_key(r["id"]) for r in new_rows],
                                          output_fields=["data"])
            }  # fmt: skip
            lost = [r for r in new_rows if current.get(r["id"], r["version"]) < r["version"]]
            if lost:
                self._client.upsert(self._name("sources"), [_row_entity(r) for r in lost])
                self._client.flush(self._name("sources"))

    def rebuild(self, progress: Progress | None = None) -> ChangeReport:
        """Re-chunk and re-embed every source into a new passages collection, then switch the meta
        row to it (and to this embedder) in one upsert; the old collection is dropped after. Stored
        text is kept, and facts of an older extraction are read again. Writes running meanwhile
        are waited for (announced before) or write into both collections (announced after)."""
        self.refresh()
        if self._meta is None:
            raise IndexStoreError(f"index {self.url} does not exist yet")
        old_collection = self._meta["passages_collection"]
        collection = self._name("p_" + uuid.uuid4().hex[:12])
        with ms.engine_errors(self.url):
            self._take_over_rebuild(old_collection)
            ms.create_passages(self._client, collection, self.embedder.dimension)
        marker = _Beacon(self, "rebuild", {"collection": collection, "embedding_model": self.embedder.name,
                                           "dimension": self.embedder.dimension, "started": _now()})  # fmt: skip
        pending = _PendingWrite(self)  # the fresh facts pieces, swept if this rebuild dies
        switched = False
        try:
            self._wait_for_writes(own=pending.write, beacon=marker)
            report, written, recounted, facts = self._rebuild_into(collection, marker, pending, progress)
            with ms.engine_errors(self.url):
                self._client.flush(collection)
                self._client.flush(self._name("blobs"))
                self._write_meta(collection)  # the switch
            switched = True
        except BaseException:
            if not switched:
                with contextlib.suppress(Exception):
                    self._client.drop_collection(collection)
                with contextlib.suppress(Exception):
                    self._discard(pending)
            raise
        finally:
            with contextlib.suppress(Exception):
                marker.finish()
        self._update_rows(written, recounted | set(facts), facts)
        self._committed()
        with ms.engine_errors(self.url):
            if self._client.has_collection(old_collection):
                self._client.drop_collection(old_collection)
        self._drop_unnamed(collection, written)
        pending.finish()
        self._sweep_blobs()
        return report

    def _take_over_rebuild(self, live_collection: str) -> None:
        """Refuse while another rebuild runs; take over from one that died (its collection goes)."""
        marker = self._rebuild_marker(live_only=False)
        if marker is None:
            return
        if _now() - marker["beat"] < LIVE_S:
            raise IndexStoreError(
                f"index {self.url}: a rebuild to embedding model {marker['embedding_model']!r} is running "
                f"(started {_when(marker['started'])}); wait for it to finish (a rebuild that stopped is "
                f"taken over {LIVE_S / 60:.0f} minutes after its last sign of life)"
            )
        if marker["collection"] != live_collection and self._client.has_collection(marker["collection"]):
            self._client.drop_collection(marker["collection"])

    def _wait_for_writes(self, own: str, beacon: _Beacon) -> None:
        """Wait for the writes announced before the rebuild row went up: they may not have seen it.
        One announced later reads the row before writing (after announcing itself), so either it
        sees the rebuild or the rebuild sees it here."""
        waiting = {p["write"] for p in self._pending() if p["write"] != own and _live(p)}
        while waiting:
            time.sleep(WAIT_S)
            beacon.beat()
            waiting &= {p["write"] for p in self._pending() if _live(p)}

    def _rebuild_into(
        self, collection: str, marker: _Beacon, pending: _PendingWrite, progress: Progress | None
    ) -> tuple[ChangeReport, dict[str, _Row], set[str], dict[str, tuple[str, str]]]:
        """Every committed source's passages into `collection` (upserts: a writer may have put the
        same version there); fresh facts, under new tags, for those stored by an older extraction."""
        report = ChangeReport()
        rows, sources, stale = self._read_rows(), [], []
        for row in rows.values():
            try:
                source = self._source_of(row)
                stored = TextFacts.from_json(json.loads(self._blob(row.facts_tag, "f", row.data["facts_parts"])))
            except IndexStoreError:  # replaced or removed meanwhile: its writer wrote the new version here
                continue
            sources.append(source)
            if stored.version != FACTS_VERSION:
                stale.append(source)

        def beating(stage: str, done: int, total: int) -> None:
            marker.beat()
            pending.beat()
            if progress is not None:
                progress(stage, done, total)

        facts = {}
        chars = CharacterProgress(beating, sum(len(s.text) for s in stale))
        for n, source in enumerate(stale):
            facts_json = json.dumps(chars.facts_of(source).to_json(), separators=(",", ":"))
            tag = pending.version(n)
            self._write_blobs(tag, "f", facts_json, pending)
            facts[source.id] = (tag, facts_json)
        prepared = prepare(sources, self.embedder, self.chunking, beating, facts=False)
        written, recounted = {}, set()
        for source in sources:
            row, ready = rows[source.id], prepared.pop(source.id)
            self._write_passages(row.version, ready.passages, ready.vectors, [collection], self.embedder.dimension,
                                 marker, upsert=True)  # fmt: skip
            written[source.id] = _Row({**row.data, "passages": len(ready.passages)})
            if len(ready.passages) != row.data["passages"]:  # the chunking code changed: the listing's count
                recounted.add(source.id)
            report.passages_embedded += len(ready.passages)
            report.replaced.append(source.id)
        return report, written, recounted, facts

    def _update_rows(self, written: dict[str, _Row], changed_ids: set[str], facts: dict[str, tuple[str, str]]) -> None:
        """Rows whose passage count or facts (fresh ones) the rebuild changed: each read again just
        before, so one replaced meanwhile keeps its new version."""
        changed = sorted(changed_ids)
        if not changed:
            return
        with ms.engine_errors(self.url):
            rows = self._client.get(self._name("sources"), ids=[_key(s) for s in changed], output_fields=["data"])
            current = {d["id"]: d for d in (json.loads(r["data"]) for r in rows)}
            entities, old_facts, unused = [], [], []
            for sid in changed:
                now, mine = current.get(sid), written[sid].data
                if now is None or now["version"] != mine["version"]:
                    if sid in facts:
                        unused.append(facts[sid][0])
                    continue
                update = {**now, "passages": mine["passages"]}
                if sid in facts:
                    tag, facts_json = facts[sid]
                    old_facts += [f"{_Row(now).facts_tag}:f:{i}" for i in range(now["facts_parts"])]
                    update.update(facts_tag=tag, facts_parts=-(-len(facts_json) // ms.BLOB_CHARS))
                entities.append(_row_entity(update))
            if entities:
                self._client.upsert(self._name("sources"), entities)
                self._client.flush(self._name("sources"))
            if old_facts:
                self._client.delete(self._name("blobs"), ids=old_facts)
            for tag in unused:
                self._client.delete(self._name("blobs"), filter=f'key like "{tag}:%"')

    def _drop_unnamed(self, collection: str, written: dict[str, _Row]) -> None:
        """Versions the rebuild embedded that no row names any more (replaced or removed while it ran)."""
        self.refresh()
        gone = sorted({r.version for sid, r in written.items() if not self._visible(sid, r.version)})
        if gone:
            with ms.engine_errors(self.url):
                self._client.delete(collection, filter=f"version in [{_quoted(gone)}]")

    def _source_of(self, row: _Row) -> Source:
        d = row.data
        keys = ("id", "title", "url", "publisher", "published", "dateline", "origin", "content_hash")
        return Source(text=self._blob(row.version, "t", d["text_parts"]), **{k: d[k] for k in keys})

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
        """The meta row: written when the index is created and by a rebuild, by nothing else."""
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

    def _committed(self) -> None:
        """Tell every store a commit happened (a new token in the commit row), and read it here."""
        with ms.engine_errors(self.url):
            row = {"key": "commit", "data": uuid.uuid4().hex, "dummy": ms.DUMMY}
            self._client.upsert(self._name("meta"), [row])
            self._client.flush(self._name("meta"))
        self._meta = None
        self.refresh()

    def _rebuild_marker(self, live_only: bool = True) -> dict[str, Any] | None:
        """The running rebuild's row; None when none runs (or, live_only, when its rebuild died)."""
        with ms.engine_errors(self.url):
            rows = self._client.get(self._name("meta"), ids=["rebuild"], output_fields=["data"])
        marker: dict[str, Any] | None = json.loads(rows[0]["data"]) if rows else None
        return marker if marker is None or not live_only or _live(marker) else None

    def _pending(self) -> list[dict[str, Any]]:
        """The writes announced and not finished (or dead: see _collect_dead_writes)."""
        with ms.engine_errors(self.url):
            rows = self._client.query(self._name("meta"), filter='key like "pending:%"', output_fields=["data"])
        return [json.loads(r["data"]) for r in rows]

    def _existing(self, collections: list[str]) -> list[str]:
        """Those still there: a rebuild drops the collection it replaced."""
        with ms.engine_errors(self.url):
            return [c for c in collections if self._client.has_collection(c)]

    def _write_blobs(self, version: str, kind: str, text: str, beacon: _Beacon) -> None:
        pieces = [text[i : i + ms.BLOB_CHARS] for i in range(0, len(text), ms.BLOB_CHARS)]
        rows = [{"key": f"{version}:{kind}:{i}", "data": p, "dummy": ms.DUMMY} for i, p in enumerate(pieces)]
        with ms.engine_errors(self.url):
            for start in range(0, len(rows), 64):
                self._client.insert(self._name("blobs"), rows[start : start + 64])
                beacon.beat()

    def _write_passages(
        self,
        version: str,
        passages: list[Any],
        vectors: list[Any],
        collections: list[str],
        dimension: int,
        beacon: _Beacon,
        upsert: bool = False,
    ) -> None:
        """A version's passages into each collection (a write during a rebuild has two). One the
        rebuild dropped meanwhile (it switched away from it) is left out."""
        rows: list[dict[str, Any]] = []
        n = 0
        while vectors or rows:
            if vectors:
                batch = vectors.pop(0)  # freed once Milvus holds its copy
                if batch.shape[1] != dimension:
                    raise EmbedderMismatch(f"embedder gives dimension {batch.shape[1]}, index holds {dimension}")
                for vector in batch:
                    p = passages[n]
                    rows.append(
                        {"id": _passage_id(version, n), "source_id": p.source_id, "version": version,
                         "start": p.start, "end": p.end, "text": p.text, "vector": vector.tolist()}
                    )  # fmt: skip
                    n += 1
            if len(rows) >= INSERT_ROWS or (rows and not vectors):
                for collection in list(collections):
                    if not self._insert(collection, rows[:INSERT_ROWS], upsert):
                        collections.remove(collection)
                if not collections:
                    raise IndexStoreError(
                        f"index {self.url}: its passages collection was dropped during this write; run it again"
                    )
                del rows[:INSERT_ROWS]
                beacon.beat()

    def _insert(self, collection: str, rows: list[dict[str, Any]], upsert: bool) -> bool:
        """False when the collection is gone (a rebuild switched away from it and dropped it)."""
        from pymilvus.exceptions import MilvusException

        try:
            (self._client.upsert if upsert else self._client.insert)(collection, rows)
        except MilvusException:
            if not self._existing([collection]):
                return False
            with ms.engine_errors(self.url):
                raise
        return True

    def _drop_versions(self, rows: list[_Row]) -> None:
        """Delete replaced or removed versions (after the commit: no snapshot taken since needs
        them), from the live collection and a running rebuild's."""
        if not rows or self._meta is None:
            return
        marker = self._rebuild_marker()
        collections = [self._meta["passages_collection"]] + ([marker["collection"]] if marker else [])
        keys = [f"{r.version}:t:{i}" for r in rows for i in range(r.data["text_parts"])]
        keys += [f"{r.facts_tag}:f:{i}" for r in rows for i in range(r.data["facts_parts"])]
        with ms.engine_errors(self.url):
            for collection in self._existing(collections):
                ms.ensure_loaded(self._client, collection)
                self._client.delete(collection, filter=f"version in [{_quoted(r.version for r in rows)}]")
            if keys:
                self._client.delete(self._name("blobs"), ids=keys)

    def _record_drops(self, pending: _PendingWrite, rows: list[_Row]) -> None:
        """Before the commit, the versions it replaces or removes (deleted after it), stored under
        the write's own tag: a write killed in between leaves a list of them to delete."""
        if rows:
            keys = ("version", "facts_tag", "text_parts", "facts_parts")
            listed = [{k: r.data.get(k) for k in keys} for r in rows]
            self._write_blobs(pending.write, "d", json.dumps(listed), pending)
            pending.drops = -(-len(json.dumps(listed)) // ms.BLOB_CHARS)

    def _recorded_drops(self, write: str) -> list[_Row]:
        keys = sorted(self._blob_keys(f'key like "{write}:d:%"'), key=lambda k: int(k.rsplit(":", 1)[1]))
        return [_Row(d) for d in json.loads(self._blob(write, "d", len(keys)))] if keys else []

    def _settle(self, pending: _PendingWrite) -> None:
        """A write done: its list of versions to delete, then its announcement."""
        if pending.drops:
            with ms.engine_errors(self.url):
                self._client.delete(self._name("blobs"), ids=[f"{pending.write}:d:{i}" for i in range(pending.drops)])
        pending.finish()

    def _discard(self, pending: _PendingWrite) -> None:
        """Delete everything a write stored under its versions (none committed), then its announcement."""
        with ms.engine_errors(self.url):
            for collection in self._existing(pending.collections):
                ms.ensure_loaded(self._client, collection)
                self._client.delete(collection, filter=f'version like "{pending.write}%"')
            self._client.delete(self._name("blobs"), filter=f'key like "{pending.write}%"')
        pending.finish()

    def _collect_dead_writes(self, own: str = "") -> None:
        """Delete what dead writes (announced, silent for LIVE_S) stored that no row names: a writer
        killed before its commit leaves passages and blob pieces of versions nobody points at. A
        write still beating is left alone, however long it takes."""
        dead = [p for p in self._pending() if p["write"] != own and not _live(p)]
        if not dead:
            return
        rows = self._read_rows()
        named = {r.version for r in rows.values()} | {r.facts_tag for r in rows.values()}
        meta = self._read_meta()
        with ms.engine_errors(self.url):
            for p in dead:
                write = p["write"]
                keep = sorted(t for t in named if t.startswith(write))  # it died after its commit
                self._drop_versions([r for r in self._recorded_drops(write) if r.version not in named])
                unnamed = f'version like "{write}%"' + (f" and version not in [{_quoted(keep)}]" if keep else "")
                collections = set(p["collections"]) | ({meta["passages_collection"]} if meta else set())
                for collection in self._existing(sorted(collections)):
                    ms.ensure_loaded(self._client, collection)
                    self._client.delete(collection, filter=unnamed)
                keys = [k for k in self._blob_keys(f'key like "{write}%"') if k.split(":")[0] not in keep]
                self._delete_blobs(keys)
                self._client.delete(self._name("meta"), ids=[f"pending:{write}"])

    def _sweep_blobs(self) -> None:
        """After a rebuild: blob pieces no row names, of no running write, older than LIVE_S (a write
        killed between its commit and deleting the version it replaced; older crashes)."""
        running = tuple(p["write"] for p in self._pending() if _live(p))  # read before the rows
        rows = self._read_rows()
        named = {r.version for r in rows.values()} | {r.facts_tag for r in rows.values()}
        keys = [
            k for k in self._blob_keys("")
            if (tag := k.split(":")[0]) not in named and not tag.startswith(running) and _age(tag) > LIVE_S
        ]  # fmt: skip
        with ms.engine_errors(self.url):
            self._delete_blobs(keys)

    def _blob_keys(self, filter: str) -> list[str]:
        keys = []
        with ms.engine_errors(self.url):
            it = self._client.query_iterator(self._name("blobs"), batch_size=1000, filter=filter, output_fields=["key"])
            try:
                while batch := it.next():
                    keys += [r["key"] for r in batch]
            finally:
                it.close()
        return keys

    def _delete_blobs(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            self._client.delete(self._name("blobs"), ids=keys[start : start + 1000])


class _Beacon:
    """A row in the meta collection saying a write or rebuild is running, with a heartbeat (`beat`
    every BEAT_S while it works): others take it as dead once it is LIVE_S old."""

    def __init__(self, store: MilvusStore, key: str, data: dict[str, Any]) -> None:
        self.store, self.key, self.data = store, key, data
        self._last = 0.0
        self.beat(force=True)

    def beat(self, force: bool = False) -> None:
        now = _now()
        if force or now - self._last >= BEAT_S:
            row = {"key": self.key, "data": json.dumps({**self.data, "beat": now}), "dummy": ms.DUMMY}
            with ms.engine_errors(self.store.url):
                self.store._client.upsert(self.store._name("meta"), [row])
            self._last = now

    def finish(self) -> None:
        with ms.engine_errors(self.store.url):
            self.store._client.delete(self.store._name("meta"), ids=[self.key])


class _PendingWrite(_Beacon):
    """A write's announcement (`pending:WRITE`): its id prefixes every version it writes, and it
    names the passages collections it writes to, so what a dead one left can be found."""

    def __init__(self, store: MilvusStore, collections: list[str] | None = None) -> None:
        self.write = _new_version()
        self.collections = collections or []
        self.drops = 0  # pieces of its list of versions to delete after the commit
        super().__init__(store, f"pending:{self.write}", {"write": self.write})

    def beat(self, force: bool = False) -> None:
        self.data["collections"] = self.collections
        super().beat(force)

    def version(self, n: int) -> str:
        return f"{self.write}{n:06d}"


def _live(beacon: dict[str, Any]) -> bool:
    return _now() - float(beacon["beat"]) < LIVE_S


def _age(tag: str) -> float:
    """Seconds since a version tag was made (its first 20 digits are nanoseconds); 0 if not a tag."""
    return _now() - int(tag[:20]) / 1e9 if tag[:20].isdigit() else 0.0


def _when(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).isoformat(timespec="seconds")


def _quoted(tags: Any) -> str:
    return ", ".join(f'"{t}"' for t in tags)  # our own digit and hex tags: safe to quote


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
