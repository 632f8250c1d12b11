"""Crash injection: a writer killed at every step of a commit never wedges the index or loses a
source (issue 11, item 2). The writer runs in a subprocess that SIGKILLs itself at the step named
by VERIFY_TEST_CRASH_AT; the index must then read the old or the new state and take the next write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fake_embedder import HashEmbedder

from verify.generations import COMMIT_STEPS, CRASH_ENV
from verify.sources import make_source
from verify.store import IndexStore

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from fake_embedder import HashEmbedder
    from verify.sources import make_source
    from verify.store import IndexStore
    store = IndexStore(Path(sys.argv[1]), HashEmbedder())
    if sys.argv[2] == "add":
        store.add([make_source("The harbour reopened on Friday after repairs.", {"id": "new"}, "new", None)])
    elif sys.argv[2] == "remove":
        store.remove(["old-b"])
    else:
        store.rebuild()
    """
)

OLD = {
    "old-a": "The council approved the budget on Monday. It passed by six votes to three.",
    "old-b": "The bridge on Elm Street closed in March. Repairs will cost four million.",
}
NEW_STATE = {"add": {"old-a", "old-b", "new"}, "remove": {"old-a"}, "rebuild": {"old-a", "old-b"}}


def article(source_id: str, text: str):  # noqa: ANN201
    return make_source(text, {"id": source_id}, source_id, None)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith((".tmp-", ".manifest-")))


CASES = [(step, op) for op in ("add", "remove") for step in COMMIT_STEPS] + [
    (step, "rebuild")
    for step in ("renamed", "manifest-written", "manifest-replaced")  # same commit path
]


@pytest.mark.slow
@pytest.mark.parametrize(("step", "op"), CASES)
def test_writer_killed_at_each_commit_step(tmp_path: Path, step: str, op: str) -> None:
    directory = tmp_path / "idx"
    embedder = HashEmbedder()
    IndexStore(directory, embedder).add([article(i, t) for i, t in OLD.items()])
    reader = IndexStore(directory, embedder)  # opened before the crash: must keep reading
    before = reader.source_hashes

    env = {**os.environ, CRASH_ENV: step, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", WRITER, str(directory), op, str(TESTS)], env=env, capture_output=True, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]

    assert {s.id for s in reader.list_sources()} == set(OLD)  # the pinned generation survived
    after = IndexStore(directory, embedder)
    ids = {s.id for s in after.list_sources()}
    assert ids in (set(OLD), NEW_STATE[op])  # the old state or the new one, nothing in between
    assert all(after.source_hashes[i] == before[i] for i in ids & set(OLD))  # no source damaged
    assert after.bm25_search("bridge repairs", 3) or "old-b" not in ids
    assert len(after.dense_search(embedder.embed(["council budget"]), 2)[0]) >= 1

    # The next write succeeds and clears what the crash left.
    after.add([article("next", "A write after the crash works.")])
    assert {s.id for s in IndexStore(directory, embedder).list_sources()} == ids | {"next"}
    assert leftovers(directory) == []
    reader.close()
    after.add([article("next2", "And another write prunes the old generations.")])
    assert len(list(directory.glob("gen-*"))) == 2
