"""Bulk jobs on Ray give what one process gives: the same bytes of verdicts (seed claims, a
Check-COVID sample, bad lines, a resumed run) and the same index from `index add --ray`.

Needs the ray extra (`make test-scale` installs it); skipped without it. One small local Ray
runtime serves the whole module (2 CPUs, a 512 MB object store); each job starts its own actors.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SEEDS
from typer.testing import CliRunner

ray = pytest.importorskip("ray", reason="the ray extra is not installed: pip install -e '.[ray]'")

from verify.cli import app  # noqa: E402
from verify.ray_runtime import allow_a_slow_start  # noqa: E402
from verify.schema import Claim, ClaimError, Source, Verdict  # noqa: E402

pytestmark = [pytest.mark.scale, pytest.mark.slow]
BENCH = REPO.parent / "shared" / "bench" / "check-covid"
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def ray_runtime() -> Iterator[None]:
    """Jobs join this runtime instead of starting one each (verify.ray_runtime.ray_session)."""
    allow_a_slow_start()
    ray.init(
        num_cpus=2,
        object_store_memory=512 * 1024 * 1024,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(REPO)}},
    )
    yield
    ray.shutdown()


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the run date in run.json, both runs alike


def run(*args: str) -> tuple[int, str]:
    """Exit status, and stdout and stderr together."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def both_ways(claims: Path, *options: str) -> tuple[Path, Path]:
    """The claims verified by one process and on Ray (2 workers); both outputs' paths."""
    single, on_ray = claims.parent / "single.jsonl", claims.parent / "ray.jsonl"
    code_single, err_single = run(str(claims), "-o", str(single), *options)
    code_ray, err_ray = run(str(claims), "-o", str(on_ray), *options, "--ray", "--ray-workers", "2")
    assert code_single == code_ray, (err_single, err_ray)
    assert code_single in (0, 1), err_single
    # The summary line's counts, before the speed (the first run also seeds index/default).
    summary = [err.strip().splitlines()[-1].split(" (")[0] for err in (err_single, err_ray)]
    assert summary[0] == summary[1]
    return single, on_ray


def test_seed_claims_on_ray_are_byte_identical(tmp_path: Path) -> None:
    claims = tmp_path / "seed_dev.jsonl"
    claims.write_bytes((REPO / "claims" / "seed_dev.jsonl").read_bytes())
    single, on_ray = both_ways(claims)
    assert single.read_bytes() == on_ray.read_bytes()
    assert len(single.read_bytes().splitlines()) == 48
    # What the run used (index, models, date): the same record for `verify report`.
    assert Path(f"{single}.run.json").read_bytes() == Path(f"{on_ray}.run.json").read_bytes()


def test_workers_build_the_drivers_premises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$VERIFY_PREMISE set after the runtime started (as on a cluster, or in a notebook) still
    reaches the workers: they read passages with the title and dateline, as the driver does."""
    claims = tmp_path / "claims.jsonl"
    claims.write_bytes(b"".join((REPO / "claims" / "seed_dev.jsonl").read_bytes().splitlines(keepends=True)[:6]))
    plain = tmp_path / "plain"
    plain.mkdir()
    run(str(claims), "-o", str(plain / "v.jsonl"))
    monkeypatch.setenv("VERIFY_PREMISE", "title,dateline")
    single, on_ray = both_ways(claims)
    assert single.read_bytes() != (plain / "v.jsonl").read_bytes()  # the titles change the scores
    assert single.read_bytes() == on_ray.read_bytes()


def bad_lines_file(tmp_path: Path) -> Path:
    seed = (REPO / "claims" / "seed_dev.jsonl").read_bytes().splitlines()[:10]
    bad = [b"{not json", b'{"id": "no-claim"}', b"\xff\xfe not utf-8", b"[1, 2]", b"", b"x" * 2_001]
    rows = [row for pair in zip(seed, bad + [b""] * len(seed)) for row in pair]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(rows + [b"The appeal was rejected\ron June 14."]))
    return path


def test_bad_lines_give_the_same_error_records_on_ray(tmp_path: Path) -> None:
    single, on_ray = both_ways(bad_lines_file(tmp_path))
    assert single.read_bytes() == on_ray.read_bytes()
    records = [json.loads(line) for line in on_ray.read_bytes().splitlines()]
    errors = {r["line"]: r["error"] for r in records if "error" in r}
    # Lines 2, 4, 6, 8 and 12 are bad (10 is blank): each has its record, in place, with its reason.
    assert sorted(errors) == [2, 4, 6, 8, 12]
    assert "invalid JSON" in errors[2] and "missing or empty 'claim'" in errors[4] and "not UTF-8" in errors[6]
    assert "2,001 characters" in errors[12]
    first_seed = json.loads((REPO / "claims" / "seed_dev.jsonl").read_bytes().splitlines()[0])
    assert records[0]["id"] == first_seed["id"] and "label" in records[0]
    assert records[-1]["claim"] == "The appeal was rejected\ron June 14."  # a bare CR does not end a line


def test_small_groups_span_many_blocks_and_keep_their_order(tmp_path: Path) -> None:
    """Groups of 3 claims: many spans, read tasks and blocks, two actors; still one process's bytes."""
    from verify.claims_io import read_claims
    from verify.pipeline import Verifier, verify_items
    from verify.ray_claims import verify_file_on_ray
    from verify.ray_runtime import RayOptions
    from verify.report import FORMATS, write

    path = bad_lines_file(tmp_path)
    verifier = Verifier.open(tmp_path / "seeded", seeds_dir=SEEDS)
    with open(path, "rb") as lines:
        expected = list(verify_items(verifier, read_claims(lines), batch_size=3))
    got = list(verify_file_on_ray(verifier, path, RayOptions(workers=2), batch_size=3))
    assert [r.model_dump_json() for r in got] == [r.model_dump_json() for r in expected]
    # The records come back from the workers as JSON: every report renders them alike.
    run = verifier.run_info()
    for fmt in FORMATS:
        rendered = []
        for records in (expected, got):
            out = io.StringIO()
            write(fmt, iter(records), out, "verify", None, run)
            rendered.append(out.getvalue())
        assert rendered[0] == rendered[1], fmt


def test_a_resumed_ray_run_writes_the_uninterrupted_file(tmp_path: Path) -> None:
    claims = bad_lines_file(tmp_path)
    full = tmp_path / "full.jsonl"
    assert run(str(claims), "-o", str(full))[0] == 1
    cut = full.read_bytes()
    torn = tmp_path / "torn.jsonl"
    lines = cut.splitlines(keepends=True)
    torn.write_bytes(b"".join(lines[:7]) + lines[7][:25])  # killed mid-record
    code, err = run(str(claims), "-o", str(torn), "--resume", "--ray", "--ray-workers", "1")
    assert code == 1, err
    assert torn.read_bytes() == cut


def check_covid_sample(claims: int = 40, distractors: int = 20) -> tuple[list[Source], list[Claim]]:
    """The first `claims` Check-COVID dev claims, and their abstracts plus `distractors` others."""
    from verify.sources import make_source

    rows = [json.loads(line) for line in (BENCH / "dev" / "covidCheck_dev_composed+extracted.json").open()][:claims]
    corpus = {d["cord_id"]: d for d in map(json.loads, (BENCH / "corpus.json").open())}
    wanted = list(dict.fromkeys(r["cord_id"] for r in rows))
    wanted += [c for c in corpus if c not in wanted][:distractors]
    sources = []
    for cord_id in wanted:
        doc = corpus[cord_id]
        text = "\n".join([doc["title"], *doc["abstract"]])  # as benchmarks/datasets.py reads them
        sources.append(make_source(text, {"id": cord_id, "title": doc["title"]}, cord_id, None))
    sample = [Claim(id=r["id"], claim=r["claim"], label=r["label"]) for r in rows]
    return sources, sample


@pytest.mark.skipif(not BENCH.is_dir(), reason="the Check-COVID data (../shared/bench/check-covid) is not here")
def test_a_check_covid_sample_on_ray_is_byte_identical(tmp_path: Path, embedder) -> None:
    from verify.store import IndexStore

    sources, sample = check_covid_sample()
    IndexStore(tmp_path / "covid", embedder).add(sources)
    claims = tmp_path / "covid.jsonl"
    claims.write_text("".join(c.model_dump_json() + "\n" for c in sample), encoding="utf-8")
    single, on_ray = both_ways(claims, "--index", str(tmp_path / "covid"))
    assert single.read_bytes() == on_ray.read_bytes()
    labels = [json.loads(line)["label"] for line in on_ray.read_bytes().splitlines()]
    assert len(labels) == 40 and len(set(labels)) > 1


def test_index_add_on_ray_builds_the_same_index(tmp_path: Path) -> None:
    news = REPO / "claims" / "news"
    one, many = tmp_path / "one", tmp_path / "many"
    articles = len(list(news.glob("*.txt")))
    assert run("index", "add", str(news), "--index", str(one))[0] == 0
    code, err = run("index", "add", str(news), "--index", str(many), "--ray", "--ray-workers", "2")
    assert code == 0, err
    assert f"{articles} added" in err, err
    assert index_contents(one) == index_contents(many)
    assert vectors(one) == vectors(many)  # embedded in the same batches: the very same floats
    # Adding the same articles again on Ray changes nothing; the index answers as the other does.
    code, out = run("index", "add", str(news), "--index", str(many), "--ray")
    assert code == 0 and f"{articles} unchanged" in out and index_contents(one) == index_contents(many)
    claims = tmp_path / "news.jsonl"
    claims.write_bytes(b"".join((REPO / "claims" / "news_dev.jsonl").read_bytes().splitlines(keepends=True)[:24]))
    answers = []
    for index in (one, many):
        out = tmp_path / f"{index.name}.jsonl"
        assert run(str(claims), "--index", str(index), "-o", str(out))[0] == 0
        answers.append(out.read_bytes())
    assert answers[0] == answers[1]


def index_contents(index: Path) -> dict[str, list[tuple]]:
    manifest = json.loads((index / "manifest.json").read_text())
    db = sqlite3.connect(index / manifest["generation"] / "passages.sqlite")
    try:
        return {
            "sources": db.execute("SELECT id, title, published, content_hash FROM sources ORDER BY id").fetchall(),
            "passages": db.execute("SELECT id, source_id, start, end, text FROM passages ORDER BY id").fetchall(),
            "facts": db.execute("SELECT source_id, data FROM facts ORDER BY source_id").fetchall(),
            "manifest": [(k, json.dumps(manifest[k])) for k in ("sources", "passages", "chunking", "embedding_model")],
        }
    finally:
        db.close()


def vectors(index: Path) -> bytes:
    import faiss

    manifest = json.loads((index / "manifest.json").read_text())
    stored = faiss.read_index(os.fspath(index / manifest["generation"] / "vectors.faiss"))
    return faiss.serialize_index(stored).tobytes()


def parquet_claims(tmp_path: Path, count: int = 12, row_group_size: int = 5) -> Path:
    """Seed claims as Parquet with bad rows among them (an empty claim, a null one, one too long),
    in row groups of `row_group_size`, so spans start and end inside row groups."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in (REPO / "claims" / "seed_dev.jsonl").read_bytes().splitlines()[:count]]
    bad = {1: {"id": "empty", "claim": " "}, 4: {"claim": None}, 8: {"id": "long", "claim": "x" * 2_001}}
    for at, row in bad.items():
        rows.insert(at, row)
    path = tmp_path / "claims.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def test_parquet_in_and_out_on_ray_gives_the_single_process_file(tmp_path: Path) -> None:
    claims = parquet_claims(tmp_path)
    single, on_ray = both_ways(claims, "--format", "parquet")
    import pyarrow.parquet as pq

    from verify.verdicts_parquet import read_parquet_verdicts

    assert pq.read_table(single).equals(pq.read_table(on_ray))
    assert pq.read_schema(single).metadata == pq.read_schema(on_ray).metadata  # the run record
    records = list(read_parquet_verdicts(on_ray))
    assert len(records) == 15 and [r.line for r in records if isinstance(r, ClaimError)] == [2, 5, 9]
    # The same verdicts as the JSONL output of the same claims on Ray.
    jsonl = tmp_path / "ray-out.jsonl"
    assert run(str(claims), "-o", str(jsonl), "--ray", "--ray-workers", "1")[0] == 1
    assert "".join(r.model_dump_json() + "\n" for r in records).encode() == jsonl.read_bytes()


def test_parquet_spans_cross_row_groups_and_keep_their_order(tmp_path: Path) -> None:
    """Groups of 3 claims over row groups of 4 rows: spans start and end inside row groups; a resumed
    job skips the rows already done. Both give one process's records."""
    from verify.claim_spans import plan_parquet_spans
    from verify.claims_parquet import ParquetClaims
    from verify.pipeline import Verifier, verify_items
    from verify.ray_claims import verify_file_on_ray
    from verify.ray_runtime import RayOptions

    path = parquet_claims(tmp_path, count=20, row_group_size=4)
    spans = plan_parquet_spans(path, batch_size=3)
    assert len(spans) > 5 and any(s.start % 4 for s in spans) and spans[-1].end == 23
    verifier = Verifier.open(tmp_path / "seeded", seeds_dir=SEEDS)
    with ParquetClaims(path) as rows:
        expected = [r.model_dump_json() for r in verify_items(verifier, rows, batch_size=3)]
    got = verify_file_on_ray(verifier, path, RayOptions(workers=2), batch_size=3)
    assert [r.model_dump_json() for r in got] == expected
    done = [(r.id, r.line, None) if isinstance(r, ClaimError) else (r.id, None, r.label) for r in map(_parse, expected)]
    resumed = verify_file_on_ray(verifier, path, RayOptions(workers=1), batch_size=3, done=done[:7])
    assert [r.model_dump_json() for r in resumed] == expected[7:]


def _parse(record: str) -> Any:
    row = json.loads(record)
    return ClaimError.model_validate(row) if "error" in row else Verdict.model_validate(row)
