"""Loopback load test of `verify serve` with concurrent writers (issue 11).

    python benchmarks/load.py                       # 8 clients x 25 requests, an HTTP writer, a CLI writer
    python benchmarks/load.py --clients 4 --requests 5 --cli-rounds 1

Starts the service on a copy of an index of the seed article, then at the same time:
- `clients` threads each POST /verify `requests` times, alternating a claim the seed supports and
  one it contradicts (a verdict other than the expected one counts as wrong);
- an HTTP writer adds and removes a second article in a loop, and right after each write verifies
  a claim only that article supports (a verdict that misses a write counts as stale);
- a second process writes through the CLI (`verify index add` / `remove` of a third article), and
  after each of its commits the service must list it, or not, at once (else stale);
- a poller GETs /health every 50 ms.
Prints the status counts, wrong and stale verdicts, and /health and /verify latency percentiles.
The test suite runs the same code small (tests/test_service_load.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
RIVERTON = REPO / "tests" / "data" / "riverton_bridge.txt"
SEED_CLAIMS = [("The appeal was rejected June 14.", "supported"), ("The appeal was rejected June 15.", "contradicted")]
BRIDGE_CLAIM = "Riverton's council approved a $48 million replacement of the Elm Street bridge."
HARBOUR_ID = "harbour-report"
HARBOUR_TEXT = (
    "Harbour report\nThe Port of Elmsworth reopened its north quay on 3 April 2024 after a two-year rebuild "
    "that cost 61 million euros.\nThe harbour master said the quay can now berth ships of 300 metres."
)
HARBOUR_CLAIM = "The Port of Elmsworth reopened its north quay on 3 April 2024."

CLI_WRITER = textwrap.dedent(
    """
    import sys
    from verify.cli import app
    folder, index, rounds, source_id = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    for _ in range(rounds):
        for args in (["index", "add", folder, "--index", index], ["index", "remove", source_id, "--index", index]):
            sys.stdin.readline()  # the go-ahead: the checks of the previous write are done
            code = app(args, standalone_mode=False)
            print("@@" + args[1], code or 0, flush=True)
    """
)


@dataclass
class LoadResult:
    statuses: Counter[int] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    health_ms: list[float] = field(default_factory=list)
    verify_ms: list[float] = field(default_factory=list)
    http_writes: int = 0
    cli_writes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self, code: int) -> None:
        with self.lock:
            self.statuses[code] += 1

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)

    def summary(self) -> dict[str, object]:
        return {
            "statuses": dict(sorted(self.statuses.items())),
            "5xx": self.server_errors,
            "wrong": len(self.wrong),
            "stale": len(self.stale),
            "client_errors": len(self.errors),
            "http_writes": self.http_writes,
            "cli_writes": self.cli_writes,
            "health_requests": len(self.health_ms),
            "health_p50_ms": percentile(self.health_ms, 50),
            "health_p95_ms": percentile(self.health_ms, 95),
            "verify_requests": len(self.verify_ms),
            "verify_p50_ms": percentile(self.verify_ms, 50),
            "verify_p95_ms": percentile(self.verify_ms, 95),
        }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))], 1)


def cited(verdict: dict, source_id: str) -> bool:
    return any(e["source_id"] == source_id for e in verdict["evidence"])


def run_load(
    base: str, index_dir: Path, clients: int = 8, requests: int = 25, cli_rounds: int = 1, work: Path | None = None
) -> LoadResult:
    """Drive the service at `base` (serving `index_dir`) as the module docstring says."""
    result = LoadResult()
    done = threading.Event()
    # Held by the HTTP writer around each of its writes, and by the CLI writer from an add to its
    # checks: then nothing else writes in between, so a service that missed the CLI's commit (and
    # would only catch up on its own next write) is caught answering stale.
    quiet = threading.Lock()
    work = work or Path(tempfile.mkdtemp(prefix="verify-load-"))
    riverton = RIVERTON.read_text(encoding="utf-8")

    def call(client: httpx.Client, method: str, path: str, **kwargs: object) -> httpx.Response | None:
        try:
            response = client.request(method, f"{base}{path}", timeout=600, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            result.errors.append(f"{method} {path}: {exc!r}")
            return None
        result.status(response.status_code)
        return response

    def verify(client: httpx.Client, claim: str) -> dict | None:
        started = time.perf_counter()
        response = call(client, "POST", "/verify", json={"claim": claim})
        result.verify_ms.append((time.perf_counter() - started) * 1000)
        return response.json()["verdicts"][0] if response is not None and response.status_code == 200 else None

    def verifier_client(n: int) -> None:
        with httpx.Client() as client:
            for i in range(requests):
                claim, expected = SEED_CLAIMS[(n + i) % 2]
                verdict = verify(client, claim)
                if verdict is not None and verdict["label"] != expected:
                    result.wrong.append(f"{claim!r}: {verdict['label']}, expected {expected}")

    def health_poller() -> None:
        with httpx.Client() as client:
            while not done.is_set():
                started = time.perf_counter()
                if call(client, "GET", "/health") is not None:
                    result.health_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(0.05)

    def http_writer() -> None:
        with httpx.Client() as client:
            while not done.is_set():
                with quiet:
                    added = call(client, "POST", "/sources", json={"id": "riverton-bridge", "text": riverton})
                    if added is None or added.status_code != 201:
                        continue
                    result.http_writes += 1
                    verdict = verify(client, BRIDGE_CLAIM)
                if verdict is not None and not (verdict["label"] == "supported" and cited(verdict, "riverton-bridge")):
                    result.stale.append(f"after POST: {verdict['label']}, riverton cited: {cited(verdict, 'riverton')}")
                if done.is_set():
                    break
                with quiet:
                    removed = call(client, "DELETE", "/sources/riverton-bridge")
                    if removed is None or removed.status_code != 200:
                        continue
                    result.http_writes += 1
                    verdict = verify(client, BRIDGE_CLAIM)
                if verdict is not None and cited(verdict, "riverton-bridge"):
                    result.stale.append("after DELETE: the removed source was cited")

    def cli_writer() -> None:
        folder = work / "cli-sources"
        folder.mkdir(exist_ok=True)
        (folder / f"{HARBOUR_ID}.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-c", CLI_WRITER, str(folder), str(index_dir), str(cli_rounds), HARBOUR_ID],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert proc.stdin is not None and proc.stdout is not None
        with httpx.Client() as client:
            for action in ["add", "remove"] * cli_rounds:
                # Adds wait for a quiet moment; removes run concurrently with the HTTP writer.
                held = quiet.acquire() if action == "add" else False
                try:
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                    line = proc.stdout.readline()
                    while line and not line.startswith("@@"):
                        line = proc.stdout.readline()
                    if not line:
                        break
                    code = line.split()[1]
                    if code != "0":
                        result.errors.append(f"CLI {action} exited {code}")
                        continue
                    result.cli_writes += 1
                    listed = call(client, "GET", "/sources")
                    ok = listed is not None and listed.status_code == 200
                    ids = {s["id"] for s in listed.json()} if listed is not None and ok else set()
                    if (HARBOUR_ID in ids) != (action == "add"):
                        result.stale.append(f"GET /sources after CLI {action}: harbour listed {HARBOUR_ID in ids}")
                    verdict = verify(client, HARBOUR_CLAIM)
                    if verdict is not None and cited(verdict, HARBOUR_ID) != (action == "add"):
                        result.stale.append(f"/verify after CLI {action}: harbour cited {cited(verdict, HARBOUR_ID)}")
                finally:
                    if held:
                        quiet.release()
            proc.stdin.close()
        if proc.wait() != 0:
            stderr = proc.stderr.read()[-500:] if proc.stderr else ""
            result.errors.append(f"CLI writer exited {proc.returncode}: {stderr}")

    background = [threading.Thread(target=health_poller), threading.Thread(target=http_writer)]
    foreground = [threading.Thread(target=verifier_client, args=(n,)) for n in range(clients)]
    if cli_rounds:
        foreground.append(threading.Thread(target=cli_writer))
    for thread in background + foreground:
        thread.start()
    for thread in foreground:
        thread.join()
    done.set()
    for thread in background:
        thread.join()
    return result


@contextmanager
def serve(index_dir: Path) -> Iterator[str]:
    """The service on a free loopback port, in this process (as `verify serve` runs it)."""
    import uvicorn

    from verify.pipeline import Verifier
    from verify.server import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(Verifier(index_dir)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 120
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--cli-rounds", type=int, default=2, help="add+remove rounds by the CLI process")
    args = parser.parse_args(argv)

    from verify.embed import SentenceTransformerEmbedder
    from verify.sources import read_sources
    from verify.store import IndexStore

    work = Path(tempfile.mkdtemp(prefix="verify-load-"))
    try:
        index_dir = work / "idx"
        IndexStore(index_dir, SentenceTransformerEmbedder()).add(read_sources(SEEDS))
        started = time.time()
        with serve(index_dir) as base:
            result = run_load(base, index_dir, args.clients, args.requests, args.cli_rounds, work)
        summary = {"seconds": round(time.time() - started, 1), **result.summary()}
        print(json.dumps(summary, indent=2))
        for problem in result.wrong + result.stale + result.errors:
            print("problem:", problem, file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
