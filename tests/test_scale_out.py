"""Scale-out on the Milvus backend: separate processes share one engine-backed index.

Milvus Lite's embedded mode lets one process open a file, so these tests run `milvus-lite server`
(a single-process Milvus that speaks the same protocol as a production cluster) and point at it
with milvus://. A `verify serve` process, a second service replica in this process and `verify
index` CLI processes all write and read the same index; each sees the others' writes without a
restart, and a reader never sees part of a source.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from conftest import DATA, REPO, SEED_ID, SEEDS, needs_milvus

from verify.pipeline import Verifier
from verify.server import create_app
from verify.sources import make_source
from verify.store_api import open_store

pytestmark = [pytest.mark.scale, pytest.mark.slow, needs_milvus]
BRIDGE_CLAIM = "Riverton's council approved a $48 million replacement of the Elm Street bridge."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(check, what: str, seconds: float = 180) -> None:  # noqa: ANN001
    deadline = time.time() + seconds
    while True:
        try:
            if check():
                return
        except (httpx.HTTPError, OSError):
            pass
        assert time.time() < deadline, f"{what} did not start"
        time.sleep(0.3)


@pytest.fixture
def milvus_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    engine = subprocess.Popen(
        [sys.executable, "-m", "milvus_lite", "server", "--data-dir", str(tmp_path / "milvus"), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def listening() -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0

    wait_for(listening, "milvus-lite server", 60)
    url = f"milvus://127.0.0.1:{port}/news"
    yield url
    from verify.milvus_schema import disconnect, parse_url

    disconnect(parse_url(url))
    engine.terminate()
    engine.wait(timeout=30)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "verify.cli", *args], capture_output=True, text=True, env=env,
                          timeout=600)  # fmt: skip


@pytest.fixture
def replica_in_process(milvus_url: str) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(Verifier(milvus_url)), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    wait_for(lambda: instance.started, "in-process replica", 60)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def test_replicas_and_the_cli_see_each_others_writes(milvus_url: str, tmp_path: Path) -> None:
    assert cli("index", "add", str(SEEDS), "--index", milvus_url).returncode == 0
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    service = subprocess.Popen(
        [sys.executable, "-m", "verify.cli", "serve", "--index", milvus_url, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    first = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: httpx.get(f"{first}/health").status_code == 200, "verify serve", 300)
        second = Verifier(milvus_url)  # another process's view of the index, through its own store
        with httpx.Client(base_url=first, timeout=120) as one:
            assert [s["id"] for s in one.get("/sources").json()] == [SEED_ID]
            # A write through the CLI, seen by the running service without a restart.
            assert cli("index", "add", str(DATA / "riverton_bridge.txt"), "--index", milvus_url).returncode == 0
            assert {s["id"] for s in one.get("/sources").json()} == {SEED_ID, "riverton-bridge"}
            verdict = one.post("/verify", json={"claim": BRIDGE_CLAIM}).json()["verdicts"][0]
            assert verdict["label"] == "supported" and verdict["evidence"][0]["source_id"] == "riverton-bridge"
            # A write through the service, seen by another process's store and the CLI.
            added = one.post("/sources", json={"id": "harbour", "text": "The harbour reopened on Friday, 3 May."})
            assert added.status_code == 201
            assert second.refresh() and "harbour" in {s.id for s in second.list_sources()}
            listing = cli("index", "list", "--json", "--index", milvus_url)
            assert {json.loads(line)["id"] for line in listing.stdout.splitlines()} == {
                SEED_ID, "riverton-bridge", "harbour",
            }  # fmt: skip
            # Removals from either side.
            assert cli("index", "remove", "riverton-bridge", "--index", milvus_url).returncode == 0
            assert one.delete("/sources/riverton-bridge").status_code == 404
            assert one.delete("/sources/harbour").json()["removed"] == ["harbour"]
            assert second.refresh() and [s.id for s in second.list_sources()] == [SEED_ID]
            verdict = one.post("/verify", json={"claim": BRIDGE_CLAIM}).json()["verdicts"][0]
            assert verdict["label"] == "unknown"
    finally:
        service.terminate()
        service.wait(timeout=60)


def test_two_service_replicas_share_adds_and_removes(milvus_url: str, replica_in_process: str) -> None:
    """Two `verify serve` replicas (the second in this process) behind one would-be load balancer."""
    assert cli("index", "add", str(SEEDS), "--index", milvus_url).returncode == 0
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    service = subprocess.Popen(
        [sys.executable, "-m", "verify.cli", "serve", "--index", milvus_url, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    a, b = f"http://127.0.0.1:{port}", replica_in_process
    try:
        wait_for(lambda: httpx.get(f"{a}/health").status_code == 200, "verify serve", 300)
        text = (DATA / "riverton_bridge.txt").read_text()
        assert httpx.post(f"{b}/sources", json={"id": "riverton-bridge", "text": text}, timeout=120).status_code == 201
        assert httpx.get(f"{a}/health").json()["sources"] == 2
        verdict = httpx.post(f"{a}/verify", json={"claim": BRIDGE_CLAIM}, timeout=120).json()["verdicts"][0]
        assert verdict["evidence"][0]["source_id"] == "riverton-bridge"
        assert httpx.delete(f"{a}/sources/riverton-bridge", timeout=60).status_code == 200
        assert {s["id"] for s in httpx.get(f"{b}/sources").json()} == {SEED_ID}
    finally:
        service.terminate()
        service.wait(timeout=60)


def test_a_reader_never_sees_part_of_a_source_while_it_is_replaced(milvus_url: str) -> None:
    """One store replaces a source over and over (two texts, eight passages each, a marker word in
    every passage); another refreshes and reads all the while. Every read finds the source's
    passages all from one version and all of them (or, if a replace's clean-up overtook the
    reader's snapshot, none): never a mix, never a part."""
    from fake_embedder import HashEmbedder

    embedder = HashEmbedder()
    writer, reader = open_store(milvus_url, embedder), open_store(milvus_url, embedder)

    def text(marker: str) -> str:
        return "\n\n".join(f"Paragraph {i} of the {marker} edition mentions the flipbook." for i in range(16))

    writer.add([make_source(text("alpha"), {"id": "flip"}, "flip", None)])
    done = threading.Event()
    failures: list[BaseException] = []

    def write() -> None:
        try:
            for round_ in range(4):
                writer.add([make_source(text("beta" if round_ % 2 == 0 else "alpha"), {"id": "flip"}, "flip", None)])
        except BaseException as exc:  # reported by the test below
            failures.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    seen: list[tuple[int, frozenset[str]]] = []
    while not done.is_set() or not seen:
        reader.refresh()
        hits = reader.bm25_search("paragraph edition mentions flipbook alpha beta", 100)
        rows = reader.passages([pid for pid, _ in hits]).values()
        markers = frozenset("alpha" if "alpha" in p.text else "beta" for p in rows if p.source_id == "flip")
        count = sum(p.source_id == "flip" for p in rows)
        seen.append((count, markers))
    thread.join()
    assert not failures, failures
    full = reader.list_sources()[0].passages
    assert full > 1
    assert all(len(markers) <= 1 for _, markers in seen), seen  # never two versions at once
    assert all(count in (0, full) for count, _ in seen), seen  # never part of one
    assert any(count == full for count, _ in seen)
