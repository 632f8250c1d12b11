from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import BACKENDS, DATA, REPO, SEED_ID, engine_location, release

from verify.embed import SentenceTransformerEmbedder
from verify.facts.nlp import MAX_DOC_CHARS
from verify.schema import Source
from verify.sources import SourceError, make_source, read_sources
from verify.store import STAGE_EMBED, STAGE_FACTS, EmbedderMismatch, IndexStore, IndexStoreError
from verify.store_api import SourceStore, open_store


def article(source_id: str, text: str) -> Source:
    return make_source(text, {"id": source_id}, source_id, None)


# Tests taking `any_seed_store` or `backend` run on every backend (conftest.BACKENDS): the folder
# store and the Milvus one (embedded Milvus Lite). The others test the folder store's own files.


@pytest.mark.parametrize("backend", BACKENDS)
def test_new_index_is_empty_until_first_write(tmp_path: Path, embedder: SentenceTransformerEmbedder, backend) -> None:
    location = engine_location(backend, tmp_path)
    store = open_store(location, embedder)
    assert not store.exists and store.list_sources() == [] and store.passage_count == 0
    assert store.dense_search(embedder.embed(["anything"]), 3) == [[]] and store.bm25_search("anything", 3) == []
    if backend == "folder":
        assert not (tmp_path / "idx").exists()
    release(location)


def seed_passage_ids(store: SourceStore) -> list[int]:
    """Every passage id of the seed article, found through search (ids are the backend's own)."""
    hits = store.bm25_search("Telegram court appeal FSB keys ban Moscow lawyers", 100)
    hits += store.dense_search(store.embedder.embed(["Telegram court appeal"]), 100)[0]
    return sorted({pid for pid, _ in hits})


def test_add_writes_manifest_sqlite_and_vectors(seed_store: IndexStore) -> None:
    manifest = json.loads((seed_store.directory / "manifest.json").read_text())
    assert manifest["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert manifest["dimension"] == 384 and manifest["format_version"] == 3
    assert manifest["chunking"] == {"sentences": 2, "overlap": 1, "max_chars": 600}
    gen = seed_store.directory / manifest["generation"]
    assert (gen / "passages.sqlite").is_file() and (gen / "vectors.faiss").is_file()
    [info] = seed_store.list_sources()
    assert info.id == SEED_ID and info.kind == "user" and info.passages == manifest["passages"] == 16


def test_stored_passages_have_exact_offsets(any_seed_store: SourceStore) -> None:
    source = any_seed_store.get_source(SEED_ID)
    assert source is not None and source.published is not None
    rows = any_seed_store.passages(seed_passage_ids(any_seed_store))
    assert len(rows) == 16 == any_seed_store.passage_count
    for row in rows.values():
        assert source.text[row.start : row.end] == row.text
        assert row.title == source.title and row.published == source.published


def test_incremental_add_skip_replace_remove(any_seed_store: SourceStore, tmp_path: Path) -> None:
    seed_store = any_seed_store
    seed_ids = seed_passage_ids(seed_store)
    report = seed_store.add(read_sources(DATA / "riverton_bridge.txt"))
    assert report.added == ["riverton-bridge"] and report.passages_embedded > 0
    # The seed was not re-embedded: its passage ids and hash are unchanged.
    assert {p.source_id for p in seed_store.passages(seed_ids).values()} == {SEED_ID}
    assert len(seed_store.passages(seed_ids)) == 16

    again = seed_store.add(read_sources(DATA / "riverton_bridge.txt"))
    assert again.unchanged == ["riverton-bridge"] and again.passages_embedded == 0

    changed = tmp_path / "riverton_bridge.txt"
    changed.write_text((DATA / "riverton_bridge.txt").read_text() + "\nThe council meets again in May.\n")
    (tmp_path / "riverton_bridge.txt.meta.json").write_text((DATA / "riverton_bridge.txt.meta.json").read_text())
    replaced = seed_store.add(read_sources(changed))
    assert replaced.replaced == ["riverton-bridge"]
    assert "meets again in May" in seed_store.get_source("riverton-bridge").text  # type: ignore[union-attr]
    # Only the new version's passages are found: the replaced ones are gone, none twice.
    found = seed_store.bm25_search("Riverton Elm Street bridge council meets again in May", 50)
    texts = [p.text for p in seed_store.passages([pid for pid, _ in found]).values()]
    assert any("meets again in May" in t for t in texts) and len(texts) == len(set(texts))

    seed_store.remove(["riverton-bridge"])
    assert [s.id for s in seed_store.list_sources()] == [SEED_ID]
    assert seed_store.bm25_search("Riverton bridge council", 5) == []


def test_sync_removes_sources_of_that_kind_only(any_seed_store: SourceStore) -> None:
    seed_store = any_seed_store
    seed_store.sync([article("s1", "Seed one says hello.")], kind="seed")
    report = seed_store.sync([article("s2", "Seed two says goodbye.")], kind="seed")
    assert report.added == ["s2"] and report.removed == ["s1"]
    assert {s.id for s in seed_store.list_sources()} == {SEED_ID, "s2"}


def test_duplicate_ids_and_unknown_removals_are_errors(any_seed_store: SourceStore) -> None:
    with pytest.raises(IndexStoreError, match="share the id"):
        any_seed_store.add([article("x", "One."), article("x", "Two.")])
    with pytest.raises(IndexStoreError, match="no source with id nope"):
        any_seed_store.remove(["nope"])
    assert [s.id for s in any_seed_store.list_sources()] == [SEED_ID]  # nothing half-done


def test_different_embedder_is_a_clear_error(seeded_location: str | Path, any_seed_store: SourceStore) -> None:
    other = SentenceTransformerEmbedder("sentence-transformers/all-mpnet-base-v2")
    with pytest.raises(EmbedderMismatch, match="all-MiniLM-L6-v2.*all-mpnet-base-v2.*rebuild"):
        open_store(seeded_location, other)


def test_unknown_format_version_is_a_clear_error(seed_store: IndexStore, embedder: SentenceTransformerEmbedder) -> None:
    path = seed_store.directory / "manifest.json"
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps({**manifest, "format_version": 99}))
    with pytest.raises(IndexStoreError, match="format 99"):
        IndexStore(seed_store.directory, embedder)


def test_rebuild_keeps_sources_and_renumbers(any_seed_store: SourceStore) -> None:
    report = any_seed_store.rebuild()
    assert report.replaced == [SEED_ID] and report.passages_embedded == 16
    assert any_seed_store.list_sources()[0].passages == 16
    assert len(any_seed_store.passages(seed_passage_ids(any_seed_store))) == 16
    assert SEED_ID in any_seed_store.source_facts([SEED_ID])


def test_old_generations_are_pruned(seed_store: IndexStore) -> None:
    for i in range(3):
        seed_store.add([article(f"a{i}", f"Article number {i} is here.")])
    gens = sorted(p.name for p in seed_store.directory.glob("gen-*"))
    assert len(gens) == 2 and seed_store.manifest["generation"] == gens[-1]


WRITER = textwrap.dedent(
    """
    import signal
    import sys
    from pathlib import Path
    # Ctrl-C works as at a terminal even when pytest was started in the background, where the
    # shell has the children ignore SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from verify.embed import SentenceTransformerEmbedder
    from verify.sources import make_source
    from verify.store import IndexStore
    embedder = SentenceTransformerEmbedder()
    store = IndexStore(Path(sys.argv[1]), embedder)
    embedder.dimension  # load the model before saying so
    print("ready", flush=True)
    body = " ".join(f"Sentence {i} reports that the council met on day {i}." for i in range(400))
    store.add([make_source(body, {"id": f"bulk-{n}"}, f"bulk-{n}", None) for n in range(10)])
    """
)


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "delay"), [(signal.SIGKILL, 0.0), (signal.SIGKILL, 1.5), (signal.SIGINT, 0.5)])
def test_writer_killed_mid_write_leaves_previous_index_intact(
    seed_store: IndexStore, tmp_path: Path, embedder: SentenceTransformerEmbedder, sig: int, delay: float
) -> None:
    before = {s.id: s.content_hash for s in seed_store.list_sources()}
    manifest_before = (seed_store.directory / "manifest.json").read_text()
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(seed_store.directory)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},  # this checkout's code, not an installed copy
    )
    assert proc.stdout is not None and proc.stderr is not None
    ready = proc.stdout.readline()
    assert ready == b"ready\n", proc.stderr.read().decode()[-2000:]  # it is embedding or committing now
    time.sleep(delay)
    assert proc.poll() is None, "the writer finished before it could be interrupted"
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)

    assert (seed_store.directory / "manifest.json").read_text() == manifest_before
    reopened = IndexStore(seed_store.directory, embedder)
    assert {s.id: s.content_hash for s in reopened.list_sources()} == before
    hits = reopened.dense_search(embedder.embed(["appeal rejected by the Moscow City Court"]), 3)[0]
    assert len(hits) == 3
    if sig == signal.SIGINT:  # Ctrl-C cleans up after itself
        assert not list(seed_store.directory.glob(".tmp-*"))
    # The next write succeeds and clears any leftovers.
    reopened.add([article("after", "A write after the crash works.")])
    assert not list(seed_store.directory.glob(".tmp-*"))
    assert "after" in reopened.source_hashes


def test_facts_are_stored_with_each_source_when_it_is_indexed(any_seed_store: SourceStore) -> None:
    """Facts are computed once, at index time, and read back for any source (issue 10)."""
    text, facts = any_seed_store.source_facts([SEED_ID])[SEED_ID]
    dates = {f.text: f.first for f in facts.facts if f.kind == "date" and f.label != "filed"}
    assert dates["June 14"] == "2018-06-14" and dates["March 20"] == "2018-03-20"
    assert all(text[f.start : f.end] == f.text for f in facts.facts)
    assert any_seed_store.source_facts(["no-such-source"]) == {}


def test_facts_of_an_older_extraction_are_read_again(
    seed_store: IndexStore, embedder: SentenceTransformerEmbedder, caplog: pytest.LogCaptureFixture
) -> None:
    """An index built before the fact layer last changed: its stored facts are not trusted (they
    would judge claims by rules since fixed); they are read again from the text, with a hint."""
    import sqlite3

    from verify.facts.model import FACTS_VERSION

    fresh = seed_store.source_facts([SEED_ID])[SEED_ID][1]
    db = seed_store.directory / json.loads((seed_store.directory / "manifest.json").read_text())["generation"]
    with sqlite3.connect(db / "passages.sqlite") as conn:  # as an older verify stored them: no version, no facts
        conn.execute("UPDATE facts SET data = ? WHERE source_id = ?", (json.dumps({"facts": []}), SEED_ID))
    reopened = IndexStore(seed_store.directory, embedder)
    with caplog.at_level("WARNING", logger="verify"):
        text, facts = reopened.source_facts([SEED_ID])[SEED_ID]
    assert facts.version == FACTS_VERSION and facts.facts == fresh.facts
    assert "index rebuild" in caplog.text


# ---- issue 11: crash leftovers, readers across writers, refusing what is not ours -------------


def test_write_after_a_crash_between_rename_and_manifest_switch(seed_store: IndexStore) -> None:
    """A generation folder renamed into place whose manifest switch never happened, and a
    half-written temp manifest: the next write clears both and proceeds."""
    directory = seed_store.directory
    live = seed_store.manifest["generation"]
    shutil.copytree(directory / live, directory / "gen-000002")
    (directory / ".manifest-999999.json").write_text("{")
    seed_store.add([article("after", "A write after the crash works.")])
    assert "after" in IndexStore(directory, seed_store.embedder).source_hashes
    assert not list(directory.glob(".manifest-*")) and not list(directory.glob(".tmp-*"))


def test_a_reader_keeps_its_generation_while_others_write(seed_store: IndexStore, embedder) -> None:
    reader = IndexStore(seed_store.directory, embedder)
    for i in range(3):  # three commits: without a pin, the reader's generation would be pruned
        seed_store.add([article(f"w{i}", f"Writer {i} added this article about harbour repairs.")])
    assert [s.id for s in reader.list_sources()] == [SEED_ID]  # a consistent, older snapshot
    assert len(reader.dense_search(embedder.embed(["Moscow City Court appeal"]), 3)[0]) == 3
    assert reader.refresh() and {s.id for s in reader.list_sources()} == {SEED_ID, "w0", "w1", "w2"}
    assert not reader.refresh()  # nothing new since
    seed_store.add([article("w3", "One more.")])
    assert len(list(seed_store.directory.glob("gen-*"))) == 2  # the reader moved on: old ones pruned


def test_a_reader_keeps_its_snapshot_on_every_backend(seeded_location, any_seed_store: SourceStore, embedder) -> None:
    reader = open_store(seeded_location, embedder)
    for i in range(3):
        any_seed_store.add([article(f"w{i}", f"Writer {i} added this article about harbour repairs.")])
    assert [s.id for s in reader.list_sources()] == [SEED_ID]  # a consistent, older snapshot
    hits = reader.bm25_search("writer added article harbour repairs", 10)
    hits += reader.dense_search(embedder.embed(["Writer added this article about harbour repairs"]), 10)[0]
    assert {p.source_id for p in reader.passages([pid for pid, _ in hits]).values()} == {SEED_ID}
    assert reader.refresh() and {s.id for s in reader.list_sources()} == {SEED_ID, "w0", "w1", "w2"}
    assert not reader.refresh()  # nothing new since
    found = reader.passages([pid for pid, _ in reader.bm25_search("writer harbour repairs", 10)])
    assert {p.source_id for p in found.values()} >= {"w0", "w1", "w2"}


@pytest.mark.parametrize("backend", [p for p in BACKENDS if p != "folder"])
def test_an_engine_write_that_dies_before_its_commit_is_never_seen(seeded_location, embedder) -> None:
    """Passages are written under a new version before the source row names it: a writer that
    dies in between leaves nothing a reader can see, and the source as it was."""
    store = open_store(seeded_location, embedder)
    client = store._client  # type: ignore[attr-defined]
    real_upsert = client.upsert

    def dies(collection: str, rows: list) -> None:
        if collection.endswith("_sources"):
            raise KeyboardInterrupt  # killed between writing the passages and the commit
        real_upsert(collection, rows)

    client.upsert = dies
    try:
        with pytest.raises(KeyboardInterrupt):
            store.add([article("lost", "The lighthouse keeper counted 412 gulls.")])
        with pytest.raises(KeyboardInterrupt):
            store.add([article(SEED_ID, "A replacement the commit never named: lighthouse gulls.")])
    finally:
        client.upsert = real_upsert
    reader = open_store(seeded_location, embedder)
    assert [s.id for s in reader.list_sources()] == [SEED_ID] and reader.passage_count == 16
    assert reader.bm25_search("lighthouse keeper gulls", 10) == []
    assert len(reader.passages(seed_passage_ids(reader))) == 16
    assert reader.rebuild().replaced == [SEED_ID] and reader.bm25_search("lighthouse keeper gulls", 10) == []


def test_symlinked_lock_or_manifest_is_refused(seed_store: IndexStore, tmp_path: Path, embedder) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    lock = seed_store.directory / ".lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    with pytest.raises(IndexStoreError, match="symbolic link"):
        seed_store.add([article("x", "Some text.")])
    assert victim.read_text() == "precious"
    lock.unlink()

    manifest = seed_store.directory / "manifest.json"
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(manifest.read_text())
    manifest.unlink()
    manifest.symlink_to(elsewhere)
    with pytest.raises(IndexStoreError, match="symbolic link"):
        IndexStore(seed_store.directory, embedder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"generation": "../../etc"}, "not a generation name"),
        ({"generation": "/tmp/gen-000001"}, "not a generation name"),
        ({"generation": "gen-000099"}, "missing"),
        ({"sources": ["a"]}, "'sources'"),
        ({"chunking": {"sentences": "2"}}, "chunking"),
        ({"passages": None}, "'passages'"),
        ({"dimension": True}, "'dimension'"),
    ],
)
def test_manifest_of_the_wrong_shape_is_a_clear_error(seed_store: IndexStore, embedder, change, message) -> None:
    path = seed_store.directory / "manifest.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **change}))
    with pytest.raises(IndexStoreError, match=message):
        IndexStore(seed_store.directory, embedder)


@pytest.mark.parametrize("content", ["[]", "null", '"x"', "[" * 100_000, "\udcff", ""])
def test_unreadable_manifest_is_a_clear_error(seed_store: IndexStore, embedder, content: str) -> None:
    (seed_store.directory / "manifest.json").write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(IndexStoreError, match="manifest"):
        IndexStore(seed_store.directory, embedder)


@pytest.mark.parametrize("victim", ["passages.sqlite", "vectors.faiss", "fulltext/meta.json"])
def test_damaged_index_files_are_a_clear_error(seed_store: IndexStore, embedder, victim: str) -> None:
    path = seed_store.directory / seed_store.manifest["generation"] / victim
    path.write_bytes(b"not an index file " * 100)
    store = IndexStore(seed_store.directory, embedder)
    with pytest.raises(IndexStoreError, match="damaged"):
        if victim.endswith("sqlite"):
            store.list_sources()
        elif victim.endswith("faiss"):
            store.dense_search(embedder.embed(["x"]), 3)
        else:
            store.bm25_search("Telegram court", 3)
    with pytest.raises(IndexStoreError, match="damaged"):
        store.add([article("x", "Some text.")])


@pytest.mark.parametrize("bad_id", ["two\nlines", "evil\u202etxt.exe", "tab\there", " padded", "", "x" * 201, "\x00"])
def test_source_ids_must_be_printable(any_seed_store: SourceStore, bad_id: str) -> None:
    if bad_id:  # an empty id falls back to the file name
        with pytest.raises(SourceError, match="printable"):
            make_source("Some text.", {"id": bad_id}, "fallback", None)
    with pytest.raises(IndexStoreError, match="printable"):
        any_seed_store.add([Source(id=bad_id, text="Some text.", content_hash="h")])


def test_ids_with_quotes_and_long_texts_round_trip(any_seed_store: SourceStore) -> None:
    """An id a query language would choke on, and a text longer than an engine's string field."""
    tricky = 'O\'Brien "quoted" [x] \\ 100%'
    long_text = "The harbour authority met again. " * 600  # 19,800 characters: two pieces of BLOB_CHARS
    any_seed_store.add([article(tricky, long_text)])
    assert any_seed_store.get_source(tricky).text == long_text  # type: ignore[union-attr]
    assert tricky in any_seed_store.source_facts([tricky])
    any_seed_store.remove([tricky])
    assert [s.id for s in any_seed_store.list_sources()] == [SEED_ID]


@pytest.mark.slow  # every source's facts are parsed (spaCy)
def test_many_small_sources_are_embedded_in_one_batched_pass(tmp_path: Path) -> None:
    from fake_embedder import HashEmbedder

    from verify.store import EMBED_BATCH

    embedder = HashEmbedder()
    store = IndexStore(tmp_path / "idx", embedder)
    sources = [article(f"s{i}", f"Article {i} says the council met on day {i}.") for i in range(2000)]
    seen: list[tuple[str, int, int]] = []
    report = store.add(sources, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert report.passages_embedded == 2000 and len(report.added) == 2000
    assert embedder.calls == 2000 // EMBED_BATCH + 1  # batches across files, not a call per file
    # Facts first (characters of all the files), then embedding (passages), each counting up.
    stages = [stage for stage, _, _ in seen]
    assert stages == sorted(stages, key=[STAGE_FACTS, STAGE_EMBED].index)
    facts = [(d, t) for stage, d, t in seen if stage == STAGE_FACTS]
    embedded = [(d, t) for stage, d, t in seen if stage == STAGE_EMBED]
    assert facts[-1] == (sum(len(s.text) for s in sources),) * 2 and len(facts) == 2000
    assert embedded[-1] == (2000, 2000)
    for run in (facts, embedded):
        assert [d for d, _ in run] == sorted(d for d, _ in run)


@pytest.mark.slow  # the source's facts are parsed (spaCy)
def test_a_huge_source_is_embedded_in_bounded_batches(tmp_path: Path) -> None:
    from fake_embedder import HashEmbedder

    from verify.store import EMBED_BATCH

    class Recording(HashEmbedder):
        largest = 0

        def embed(self, texts: list[str]):  # noqa: ANN201
            Recording.largest = max(Recording.largest, len(texts))
            return super().embed(texts)

    body = "\n".join(f"Paragraph {i} reports that the harbour reopened on day {i}." for i in range(5_000))
    store = IndexStore(tmp_path / "idx", Recording())
    read: list[int] = []
    report = store.add(
        [article("huge", body)], progress=lambda stage, done, _: read.append(done) if stage == STAGE_FACTS else None
    )
    assert report.passages_embedded >= 4_999 and Recording.largest <= EMBED_BATCH
    # The parse of one long source reports as it goes, piece by piece, not once at the end.
    assert len(read) >= len(body) // MAX_DOC_CHARS and read == sorted(read) and read[-1] == len(body)
    assert store.bm25_search("harbour reopened day 2345", 1)


@pytest.mark.slow  # the sources' facts are parsed (spaCy)
def test_a_format_2_index_is_read_with_fts5_and_moved_to_tantivy_by_its_next_write(tmp_path: Path) -> None:
    import sqlite3

    from fake_embedder import HashEmbedder

    store = IndexStore(tmp_path / "idx", HashEmbedder())
    store.add([article("harbour", "The harbour reopened on Tuesday after repairs.")])
    # Make it what format 2 wrote: BM25 in an FTS5 table of the database, no fulltext/ folder.
    old_gen = store.directory / store.manifest["generation"]  # type: ignore[index]
    store.close()
    shutil.rmtree(old_gen / "fulltext")
    conn = sqlite3.connect(old_gen / "passages.sqlite")
    conn.execute("CREATE VIRTUAL TABLE passages_fts USING fts5(text, tokenize = 'porter unicode61')")
    conn.execute("INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passages")
    conn.commit()
    conn.close()
    path = store.directory / "manifest.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "format_version": 2}))

    old = IndexStore(tmp_path / "idx", HashEmbedder())
    [(harbour_passage, _)] = old.bm25_search("repairs harbour", 5)
    old.add([article("bridge", "The bridge repairs ended in May.")])
    new_gen = old.directory / old.manifest["generation"]  # type: ignore[index]
    assert old.manifest["format_version"] == 3 and (new_gen / "fulltext").is_dir()  # type: ignore[index]
    with sqlite3.connect(new_gen / "passages.sqlite") as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'passages_fts'").fetchall() == []
    found = old.passages([pid for pid, _ in old.bm25_search("repairs", 5)])
    assert {p.source_id for p in found.values()} == {"harbour", "bridge"} and harbour_passage in found
