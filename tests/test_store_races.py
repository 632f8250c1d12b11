"""Writers racing a rebuild, rebuild and stale facts, and what a crashed engine write leaves behind
(issue 13's review: four defects of the Milvus backend; the folder store shares the first).

Each test runs on every backend it concerns (conftest.BACKENDS); a hashing embedder stands in for
the model (tests/fake_embedder.py), and the facts are real (spaCy: the tests are slow).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import BACKENDS, REPO, engine_location, release
from fake_embedder import HashEmbedder

from verify.facts.model import FACTS_VERSION
from verify.generations import CRASH_ENV
from verify.schema import Source
from verify.sources import make_source
from verify.store import Chunking, EmbedderMismatch, IndexStoreError, prepare
from verify.store_api import SourceStore, open_store

pytestmark = pytest.mark.slow  # every write parses its sources' facts (spaCy)
TESTS = Path(__file__).resolve().parent
ENGINE = [p for p in BACKENDS if p != "folder"]


class OtherHashEmbedder(HashEmbedder):
    """Another model of the same dimension: only the name tells them apart, as with two 384-d models."""

    name = "test/other-hash-embedder"


def article(source_id: str, text: str) -> Source:
    return make_source(text, {"id": source_id}, source_id, None)


COUNCIL = article("council", "The council approved the budget on Monday. It passed by six votes to three.")
HARBOUR = article("harbour", "The harbour reopened on Friday after repairs. Ferries resumed at noon.")


@pytest.fixture
def location(backend: str, tmp_path: Path) -> Any:
    where = engine_location(backend, tmp_path)
    open_store(where, HashEmbedder()).add([COUNCIL])
    yield where
    release(where)


def found_ids(store: SourceStore, words: str) -> set[str]:
    """Source ids whose passages BM25 and dense search find for these words."""
    hits = store.bm25_search(words, 20) + store.dense_search(store.embedder.embed([words]), 20)[0]
    return {p.source_id for p in store.passages([pid for pid, _ in hits]).values()}


# ---- 1. the index's embedder is what its passages really are ------------------------------------


def test_a_write_racing_a_rebuild_to_another_model_is_refused(location: Any) -> None:
    """A plain add embeds with model A while `rebuild --embed-model B` commits: the add must not
    write A's vectors or A's name over the rebuilt index; it is refused with a message naming B."""
    writer = open_store(location, HashEmbedder())

    def prepare_then_rebuild(sources: list[Source], chunking: Chunking, progress: Any) -> Any:
        ready = prepare(sources, writer.embedder, chunking, progress)
        open_store(location, OtherHashEmbedder(), check_embedder=False).rebuild()  # meanwhile, elsewhere
        return ready

    with pytest.raises(EmbedderMismatch, match="other-hash-embedder"):
        writer.add([HARBOUR], prepare=prepare_then_rebuild)
    rebuilt = open_store(location, OtherHashEmbedder())  # the index says B, as its passages are
    assert [s.id for s in rebuilt.list_sources()] == ["council"]
    assert found_ids(rebuilt, "council approved budget") == {"council"}
    with pytest.raises(EmbedderMismatch):
        open_store(location, HashEmbedder())


# ---- 2. a source added while a rebuild runs is kept ---------------------------------------------


def test_a_source_added_while_a_rebuild_runs_is_kept(location: Any) -> None:
    writer, rebuilder = open_store(location, HashEmbedder()), open_store(location, HashEmbedder())
    added: list[str] = []

    def add_meanwhile(stage: str, done: int, total: int) -> None:
        if not added:  # once, while the rebuild embeds
            added.extend(writer.add([HARBOUR]).added)

    rebuilder.rebuild(progress=add_meanwhile)
    assert added == ["harbour"]
    after = open_store(location, HashEmbedder())
    assert {s.id for s in after.list_sources()} == {"council", "harbour"}
    assert found_ids(after, "harbour reopened ferries") >= {"harbour"}
    assert found_ids(after, "council approved budget") >= {"council"}


@pytest.mark.parametrize("backend", ENGINE)
def test_a_write_committing_across_a_rebuilds_start_is_kept(location: Any) -> None:
    """A writer has written its passages and is about to commit when a rebuild starts in another
    thread: the rebuild waits for it (the writer never saw the rebuild) and keeps its source."""
    writer, rebuilder = open_store(location, HashEmbedder()), open_store(location, HashEmbedder())
    client = writer._client  # type: ignore[attr-defined]
    real_upsert = client.upsert
    at_commit, go_on = threading.Event(), threading.Event()
    writer_thread: list[threading.Thread] = []

    def slow_commit(collection: str, rows: list) -> Any:
        if collection.endswith("_sources") and threading.current_thread() in writer_thread:
            at_commit.set()
            assert go_on.wait(60)
        return real_upsert(collection, rows)

    failures: list[BaseException] = []

    def run(job: Any) -> None:
        try:
            job()
        except BaseException as exc:  # reported below
            failures.append(exc)

    client.upsert = slow_commit
    try:
        writer_thread.append(threading.Thread(target=run, args=(lambda: writer.add([HARBOUR]),)))
        writer_thread[0].start()
        assert at_commit.wait(120)
        rebuild = threading.Thread(target=run, args=(rebuilder.rebuild,))
        rebuild.start()
        time.sleep(3)  # the rebuild runs (or waits) while the writer holds its commit
        go_on.set()
        writer_thread[0].join(120)
        rebuild.join(120)
    finally:
        client.upsert = real_upsert
    assert not failures, failures
    after = open_store(location, HashEmbedder())
    assert {s.id for s in after.list_sources()} == {"council", "harbour"}
    assert found_ids(after, "harbour reopened ferries") >= {"harbour"}


# ---- 3. a rebuild stores fresh facts in place of stale ones -------------------------------------


def make_facts_stale(store: SourceStore, source_id: str) -> None:
    """Store the source's facts as an older verify did: no version, no facts."""
    stale = json.dumps({"facts": []})
    if hasattr(store, "directory"):
        import sqlite3

        generation = store.directory / store.manifest["generation"]  # type: ignore[attr-defined]
        with sqlite3.connect(generation / "passages.sqlite") as conn:
            conn.execute("UPDATE facts SET data = ? WHERE source_id = ?", (stale, source_id))
        return
    from verify import milvus_schema as ms
    from verify.milvus_store import _row_entity

    row = store._rows[source_id]  # type: ignore[attr-defined]
    tag = row.data.get("facts_tag", row.version)
    blobs = store._name("blobs")  # type: ignore[attr-defined]
    client = store._client  # type: ignore[attr-defined]
    client.delete(blobs, ids=[f"{tag}:f:{i}" for i in range(row.data["facts_parts"])])
    client.insert(blobs, [{"key": f"{tag}:f:0", "data": stale, "dummy": ms.DUMMY}])
    client.upsert(store._name("sources"), [_row_entity({**row.data, "facts_parts": 1})])  # type: ignore[attr-defined]
    client.flush(blobs)


def test_rebuild_stores_fresh_facts_in_place_of_stale_ones(location: Any, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(location, HashEmbedder())
    fresh = store.source_facts(["council"])["council"][1]
    assert fresh.facts  # "Monday", "six", "three": something to lose
    make_facts_stale(store, "council")
    store.close()
    store.refresh()
    with caplog.at_level("WARNING", logger="verify"):
        assert open_store(location, HashEmbedder()).source_facts(["council"])["council"][1].facts == fresh.facts
    assert "older version" in caplog.text and "index rebuild" in caplog.text  # stale, read again, with the cure
    caplog.clear()

    store.rebuild()
    reopened = open_store(location, HashEmbedder())
    with caplog.at_level("WARNING", logger="verify"):
        facts = reopened.source_facts(["council"])["council"][1]
    assert facts.version == FACTS_VERSION and facts.facts == fresh.facts
    assert "older version" not in caplog.text  # stored afresh: nothing to read again


# ---- 4. a crashed engine write leaves nothing behind for long -----------------------------------


def engine_leftovers(store: Any) -> tuple[set[str], set[str]]:
    """Versions that passages and blob pieces are stored under but no source row names."""
    store.close()
    store.refresh()
    named = {r.version for r in store._rows.values()} | {
        r.data.get("facts_tag", r.version) for r in store._rows.values()
    }
    client = store._client
    passages = {r["version"] for r in client.query(store._meta["passages_collection"], filter="id >= 0",
                                                       output_fields=["version"], limit=16_384)}  # fmt: skip
    blobs = {r["key"].split(":")[0] for r in client.query(store._name("blobs"), filter='key != ""',
                                                          output_fields=["key"], limit=16_384)}  # fmt: skip
    return passages - named, blobs - named


@pytest.mark.parametrize("backend", ENGINE)
def test_an_engine_write_that_fails_before_its_commit_cleans_up_after_itself(location: Any) -> None:
    store = open_store(location, HashEmbedder())
    client = store._client  # type: ignore[attr-defined]
    real_upsert = client.upsert

    def dies(collection: str, rows: list) -> Any:
        if collection.endswith("_sources"):
            raise KeyboardInterrupt  # Ctrl-C between writing the passages and the commit
        return real_upsert(collection, rows)

    client.upsert = dies
    try:
        with pytest.raises(KeyboardInterrupt):
            store.add([HARBOUR, article("council", "A replacement the commit never named: lighthouse gulls.")])
    finally:
        client.upsert = real_upsert
    assert engine_leftovers(store) == (set(), set())
    assert [s.id for s in store.list_sources()] == ["council"]


ENGINE_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from fake_embedder import HashEmbedder
    from verify.sources import make_source
    from verify.store_api import open_store
    store = open_store(sys.argv[1], HashEmbedder())
    store.add([make_source("The harbour reopened on Friday after repairs.", {"id": "harbour"}, "harbour", None),
               make_source("The council met again. The vote was tied.", {"id": "council"}, "council", None)])
    """
)


@pytest.mark.parametrize("backend", ENGINE)
@pytest.mark.parametrize("step", ["milvus-written", "milvus-committed"])
def test_a_killed_engine_writer_leaves_orphans_the_next_write_clears(
    location: Any, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verify import milvus_store

    release(location)  # Milvus Lite: one process opens the file at a time
    env = {**os.environ, CRASH_ENV: step, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", ENGINE_WRITER, str(location), str(TESTS)], env=env, capture_output=True, timeout=300
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]

    store: Any = open_store(location, HashEmbedder())
    ids = {s.id for s in store.list_sources()}
    assert ids == ({"council"} if step == "milvus-written" else {"council", "harbour"})
    passages, blobs = engine_leftovers(store)
    if step == "milvus-written":
        assert passages and blobs  # the dead write's versions, which no row names
    assert ("harbour" in found_ids(store, "harbour reopened friday")) == ("harbour" in ids)

    # Another writer is mid-write right now: its versions are no row's yet, and must survive.
    live = milvus_store._PendingWrite(store, [store._meta["passages_collection"]])
    live_version = live.version(0)
    store._write_blobs(live_version, "t", "In flight.", live)
    # A while later (the dead write's heartbeat is old, the live one's fresh), the next write clears up.
    later = time.time() + milvus_store.LIVE_S + 60
    monkeypatch.setattr(milvus_store, "_now", lambda: later)
    live.beat(force=True)
    store.add([article("next", "A write after the crash works.")])
    assert engine_leftovers(store) == (set(), {live_version})
    live.finish()
    assert {s.id for s in store.list_sources()} == ids | {"next"}
    assert "next" in found_ids(store, "write after the crash works")


def test_a_second_rebuild_while_one_runs_is_refused(location: Any, backend: str) -> None:
    if backend == "folder":
        pytest.skip("the folder store's rebuilds queue on its write lock")
    first, second = open_store(location, HashEmbedder()), open_store(location, HashEmbedder())
    refused: list[str] = []

    def rebuild_meanwhile(stage: str, done: int, total: int) -> None:
        if not refused:
            with pytest.raises(IndexStoreError, match="rebuild .* is running") as info:
                second.rebuild()
            refused.append(str(info.value))

    first.rebuild(progress=rebuild_meanwhile)
    assert refused
    assert found_ids(open_store(location, HashEmbedder()), "council approved budget") == {"council"}


@pytest.mark.parametrize("backend", ENGINE)
def test_rebuild_sweeps_blob_pieces_no_row_names(location: Any) -> None:
    """Pieces left by an older crash (no announcement to go by): a rebuild deletes those older
    than LIVE_S that no row names, and leaves a fresh one (a write may be about to commit it)."""
    from verify import milvus_schema as ms
    from verify import milvus_store

    store: Any = open_store(location, HashEmbedder())
    old_tag = f"{time.time_ns() - int((milvus_store.LIVE_S + 60) * 1e9):020d}" + "a" * 12
    new_tag = milvus_store._new_version()
    rows = [{"key": f"{tag}:t:0", "data": "orphan", "dummy": ms.DUMMY} for tag in (old_tag, new_tag)]
    store._client.insert(store._name("blobs"), rows)
    assert engine_leftovers(store)[1] == {old_tag, new_tag}
    store.rebuild()
    assert engine_leftovers(store)[1] == {new_tag}
    assert found_ids(store, "council approved budget") == {"council"}


@pytest.mark.parametrize("backend", ENGINE)
def test_a_write_with_the_old_model_during_a_rebuild_to_another_is_refused(location: Any) -> None:
    """Its vectors would fit neither collection: refused before it writes anything, naming the model."""
    writer = open_store(location, HashEmbedder())
    refused: list[str] = []

    def add_meanwhile(stage: str, done: int, total: int) -> None:
        if not refused:
            with pytest.raises(IndexStoreError, match="rebuild to embedding model 'test/other-hash-embedder'"):
                writer.add([HARBOUR])
            refused.append("yes")

    open_store(location, OtherHashEmbedder(), check_embedder=False).rebuild(progress=add_meanwhile)
    assert refused
    after: Any = open_store(location, OtherHashEmbedder())
    assert [s.id for s in after.list_sources()] == ["council"]
    assert engine_leftovers(after) == (set(), set())
