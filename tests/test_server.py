"""The HTTP service, started for real on a loopback port and spoken to over HTTP."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn
from conftest import DATA, SEED_ID

from verify.pipeline import Verifier
from verify.server import MAX_BATCH, MAX_BODY_BYTES, create_app

RIVERTON = (DATA / "riverton_bridge.txt").read_text(encoding="utf-8")
BRIDGE_CLAIM = "Riverton's council approved a $48 million replacement of the Elm Street bridge."


@pytest.fixture
def server(seed_index_dir: Path, tmp_path: Path) -> Iterator[str]:
    shutil.copytree(seed_index_dir, tmp_path / "idx")
    yield from serving(tmp_path / "idx")


@pytest.fixture
def any_server(seeded_location: str | Path) -> Iterator[str]:
    """The service over the seed index on each backend (conftest.BACKENDS)."""
    yield from serving(seeded_location)


def serving(index: str | Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(Verifier(index)), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not instance.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def test_health_and_openapi(any_server: str) -> None:
    server = any_server
    health = httpx.get(f"{server}/health").json()
    assert health["status"] == "ok" and health["sources"] == 1 and health["passages"] == 16
    schema = httpx.get(f"{server}/openapi.json").json()
    assert {"/verify", "/sources", "/sources/{source_id}", "/health"} <= set(schema["paths"])
    assert "Verdict" in schema["components"]["schemas"]


def test_verify_one_and_a_batch(server: str) -> None:
    one = httpx.post(f"{server}/verify", json={"claim": "The appeal was rejected June 14.", "id": "x"}, timeout=60)
    assert one.status_code == 200
    [verdict] = one.json()["verdicts"]
    assert verdict["id"] == "x" and verdict["label"] == "supported"
    assert verdict["evidence"][0]["source_id"] == SEED_ID
    batch = httpx.post(
        f"{server}/verify",
        timeout=60,
        json={
            "claims": [
                {"claim": "The appeal was rejected June 15.", "desk": "world"},
                {"id": "u", "claim": "Telegram has 200 million users."},
            ],
            "top_k": 2,
        },
    )
    verdicts = batch.json()["verdicts"]
    assert [v["id"] for v in verdicts] == ["1", "u"] and verdicts[0]["desk"] == "world"
    assert verdicts[0]["label"] == "contradicted" and all(len(v["evidence"]) <= 2 for v in verdicts)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({}, 422),
        ({"claim": ""}, 422),
        ({"claim": "a", "claims": [{"claim": "b"}]}, 422),
        ({"claims": []}, 422),
        ({"claims": [{"claim": "x"}] * (MAX_BATCH + 1)}, 422),
        ({"claim": "x" * 3000}, 422),
        ({"claim": "ok", "top_k": 0}, 422),
        ({"claim": "ok", "colour": "red"}, 422),
    ],
)
def test_bad_verify_requests_get_clear_4xx(server: str, body: dict, status: int) -> None:
    response = httpx.post(f"{server}/verify", json=body)
    assert response.status_code == status and response.json()["detail"]


def test_oversized_and_malformed_bodies(server: str) -> None:
    big = httpx.post(
        f"{server}/sources", content=b"x" * (MAX_BODY_BYTES + 1), headers={"content-type": "application/json"}
    )
    assert big.status_code == 413
    broken = httpx.post(f"{server}/verify", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 422


def test_source_lifecycle(any_server: str) -> None:
    server = any_server
    added = httpx.post(
        f"{server}/sources",
        timeout=60,
        json={"id": "riverton-bridge", "text": RIVERTON, "title": "Riverton bridge", "published": "2024-03-03"},
    )
    assert added.status_code == 201 and added.json()["added"] == ["riverton-bridge"]
    again = httpx.post(
        f"{server}/sources",
        json={"id": "riverton-bridge", "text": RIVERTON, "title": "Riverton bridge", "published": "2024-03-03"},
    )
    assert again.json()["unchanged"] == ["riverton-bridge"]
    listed = {s["id"]: s for s in httpx.get(f"{server}/sources").json()}
    assert set(listed) == {SEED_ID, "riverton-bridge"} and listed["riverton-bridge"]["published"] == "2024-03-03"
    verdict = httpx.post(f"{server}/verify", json={"claim": BRIDGE_CLAIM}, timeout=60).json()["verdicts"][0]
    assert verdict["label"] == "supported" and verdict["evidence"][0]["source_id"] == "riverton-bridge"
    assert httpx.delete(f"{server}/sources/riverton-bridge").json()["removed"] == ["riverton-bridge"]
    assert httpx.delete(f"{server}/sources/riverton-bridge").status_code == 404
    bad_date = httpx.post(f"{server}/sources", json={"text": "x", "published": "last week"})
    assert bad_date.status_code == 422 and "ISO date" in bad_date.json()["detail"]


def test_concurrent_requests_while_a_source_is_added(server: str) -> None:
    def verify(i: int) -> httpx.Response:
        return httpx.post(
            f"{server}/verify", json={"id": str(i), "claim": "The appeal was rejected June 14."}, timeout=120
        )

    def add() -> httpx.Response:
        return httpx.post(f"{server}/sources", json={"id": "riverton-bridge", "text": RIVERTON}, timeout=120)

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = (
            [pool.submit(verify, i) for i in range(3)]
            + [pool.submit(add)]
            + [pool.submit(verify, i) for i in range(3, 6)]
        )
        responses = [f.result() for f in futures]
    assert [r.status_code for r in responses] == [200, 200, 200, 201, 200, 200, 200]
    assert all(r.json()["verdicts"][0]["label"] == "supported" for i, r in enumerate(responses) if i != 3)
    assert "riverton-bridge" in {s["id"] for s in httpx.get(f"{server}/sources").json()}


# ---- issue 11: limits, other writers, reads during a large add --------------------------------


def test_chunked_body_over_the_limit_is_refused_without_reading_it(server: str) -> None:
    def body():  # no Content-Length: sent chunked
        for _ in range(200):
            yield b"x" * 100_000

    try:
        response = httpx.post(f"{server}/verify", content=body(), headers={"content-type": "application/json"})
    except httpx.HTTPError:
        pass  # the service may close the connection while the client is still sending
    else:
        assert response.status_code == 413 and len(response.content) < 200
    assert httpx.get(f"{server}/health").status_code == 200
    small = httpx.post(
        f"{server}/verify",
        content=iter([b'{"claim": ', b'"The appeal was rejected June 14."}']),
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert small.status_code == 200


def test_errors_never_echo_the_body(server: str) -> None:
    bad = [
        {"claim": "z" * 1_500_000},
        {"claims": [{"claim": "ok", "id": ["z" * 500_000]}]},
        {"z" * 100_000: 1, "claim": "ok"},
    ]
    for body in bad:
        response = httpx.post(f"{server}/verify", json=body)
        assert response.status_code == 422 and len(response.content) < 2_000 and "zzzz" * 30 not in response.text
    garbage = httpx.post(
        f"{server}/verify", content=b"{" + b"z" * 1_000_000, headers={"content-type": "application/json"}
    )
    assert garbage.status_code == 422 and len(garbage.content) < 2_000


def test_deeply_nested_json_is_a_422(server: str) -> None:
    deep = b'{"claims": [{"claim": "ok", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}]}"
    response = httpx.post(f"{server}/verify", content=deep, headers={"content-type": "application/json"})
    assert response.status_code == 422 and "nested deeper" in response.json()["detail"]


@pytest.mark.parametrize("body", [{"claim": "   "}, {"claim": "\n\t "}, {"claims": [{"claim": " "}]}])
def test_whitespace_claims_are_refused_as_by_the_cli(server: str, body: dict) -> None:
    response = httpx.post(f"{server}/verify", json=body)
    # the message says what is wrong with it ("at least 1 character" misread three spaces)
    assert response.status_code == 422 and "only spaces" in response.text


def test_another_writer_is_seen_at_once_and_never_breaks_reads(
    any_server: str, seeded_location: str | Path, embedder
) -> None:
    from verify.sources import make_source
    from verify.store_api import open_store

    server = any_server
    other = open_store(seeded_location, embedder)  # another writer of the served index
    other.add([make_source(RIVERTON, {"id": "riverton-bridge"}, "x", None)])
    other.add([make_source("The harbour reopened on Friday.", {"id": "harbour"}, "x", None)])  # old gen pruned
    listed = httpx.get(f"{server}/sources")
    assert listed.status_code == 200 and {s["id"] for s in listed.json()} == {SEED_ID, "riverton-bridge", "harbour"}
    verdict = httpx.post(f"{server}/verify", json={"claim": BRIDGE_CLAIM}, timeout=60).json()["verdicts"][0]
    assert verdict["evidence"][0]["source_id"] == "riverton-bridge"
    assert httpx.get(f"{server}/health").json()["sources"] == 3
    other.remove(["riverton-bridge"])
    other.remove(["harbour"])
    added = httpx.post(f"{server}/sources", json={"id": "late", "text": "A late article about the harbour."})
    assert added.status_code == 201
    assert {s["id"] for s in httpx.get(f"{server}/sources").json()} == {SEED_ID, "late"}
    assert httpx.delete(f"{server}/sources/harbour").status_code == 404


@pytest.mark.slow
def test_reads_answer_while_a_large_source_is_added(server: str) -> None:
    big = " ".join(f"Paragraph {i} says the council met on day {i} to discuss the harbour." for i in range(800))
    finished: dict[str, float] = {}

    def add() -> int:
        response = httpx.post(f"{server}/sources", json={"id": "big", "text": big}, timeout=600)
        finished["add"] = time.monotonic()
        return response.status_code

    with ThreadPoolExecutor(max_workers=1) as pool:
        adding = pool.submit(add)
        time.sleep(1.0)  # the add is embedding now
        health = httpx.get(f"{server}/health", timeout=60)
        listed = httpx.get(f"{server}/sources", timeout=60)
        verdict = httpx.post(f"{server}/verify", json={"claim": "The appeal was rejected June 14."}, timeout=120)
        answered = time.monotonic()
        assert adding.result() == 201
    assert health.status_code == listed.status_code == verdict.status_code == 200
    assert answered < finished["add"], "the reads waited for the add to finish"
    assert "big" in {s["id"] for s in httpx.get(f"{server}/sources").json()}
