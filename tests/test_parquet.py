"""Parquet claims in, Parquet verdicts out: the reader (bad rows, nulls, batches), the writer (row
groups, nested columns, a lossless round trip), the CLI with the real models against the seed
article, and the clear error when pyarrow is missing.

pyarrow comes with the parquet and ray extras (`make test-scale` installs them); these tests carry
the `scale` mark and skip without it, except the missing-pyarrow ones, which need no pyarrow.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from typer.testing import CliRunner

from verify.cli import app
from verify.schema import ClaimError, Evidence, FactFinding, Label, Scores, Verdict

SEED_DEV = REPO / "claims" / "seed_dev.jsonl"
runner = CliRunner()


def pyarrow_modules() -> tuple[Any, Any]:
    pa = pytest.importorskip("pyarrow", reason="the parquet extra is not installed: pip install -e '.[parquet]'")
    import pyarrow.parquet as pq

    return pa, pq


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def write_rows(path: Path, rows: list[dict[str, Any]], row_group_size: int = 5) -> Path:
    pa, pq = pyarrow_modules()
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def seed_rows(count: int = 12) -> list[dict[str, Any]]:
    return [json.loads(line) for line in SEED_DEV.read_text(encoding="utf-8").splitlines()[:count]]


def with_bad_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with bad ones put in at rows 2, 5 and 9 (counted from 1)."""
    rows = list(rows)
    rows.insert(1, {"id": "empty", "claim": "  "})
    rows.insert(4, {"id": None, "claim": None, "label": "supported"})
    rows.insert(8, {"id": "long", "claim": "x" * 2_001})
    return rows


# ---- the reader -------------------------------------------------------------------------------


@pytest.mark.scale
def test_each_bad_row_is_an_error_record_and_the_rest_are_claims(tmp_path: Path) -> None:
    from verify.claims_parquet import ParquetClaims

    rows = [
        {"id": "a", "claim": " The appeal was rejected. ", "desk": "metro", "due": dt.date(2026, 1, 2), "n": None},
        {"id": None, "claim": "", "desk": None, "due": None, "n": None},
        {"id": "c", "claim": None, "desk": "x", "due": None, "n": 3},
        {"id": None, "claim": "No id, so the row number.", "desk": None, "due": None, "n": 4},
        {"id": "e", "claim": "y" * 2_001, "desk": None, "due": None, "n": None},
    ]
    with ParquetClaims(write_rows(tmp_path / "c.parquet", rows, row_group_size=2), batch_rows=2) as claims:
        items = list(claims)
    assert [type(i).__name__ for i in items] == ["Claim", "ClaimError", "ClaimError", "Claim", "ClaimError"]
    first = items[0]
    # Stripped as a JSONL claim is; a null is an absent field; a date takes its JSON form.
    assert first.claim == "The appeal was rejected." and first.extra == {"desk": "metro", "due": "2026-01-02"}
    assert items[3].id == "4" and items[3].extra == {"n": 4}
    errors = [i for i in items if isinstance(i, ClaimError)]
    assert [(e.id, e.line) for e in errors] == [("2", 2), ("c", 3), ("e", 5)]
    assert errors[0].error == "row 2: missing or empty 'claim' string"
    assert "claim is 2,001 characters" in errors[2].error


@pytest.mark.scale
def test_a_claim_column_of_another_type_fails_row_by_row(tmp_path: Path) -> None:
    from verify.claims_parquet import ParquetClaims

    with ParquetClaims(write_rows(tmp_path / "n.parquet", [{"claim": 1}, {"claim": 2}])) as claims:
        items = list(claims)
    assert [(i.line, i.error) for i in items] == [(n, f"row {n}: missing or empty 'claim' string") for n in (1, 2)]


@pytest.mark.scale
def test_files_that_hold_no_claims_are_refused_at_once(tmp_path: Path) -> None:
    from verify.claims_parquet import ParquetClaims
    from verify.parquet_support import ParquetFileError

    with pytest.raises(ParquetFileError, match=r"no 'claim' column \(its columns: text, id\)"):
        ParquetClaims(write_rows(tmp_path / "t.parquet", [{"text": "a", "id": "1"}]))
    (tmp_path / "j.parquet").write_text('{"claim": "a JSONL file named .parquet"}\n')
    with pytest.raises(ParquetFileError, match="is not a Parquet file"):
        ParquetClaims(tmp_path / "j.parquet")
    with pytest.raises(FileNotFoundError):
        ParquetClaims(tmp_path / "missing.parquet")


@pytest.mark.scale
def test_the_reader_holds_a_batch_not_the_file(tmp_path: Path) -> None:
    """Arrow's memory while the whole file is read stays at a row group or two (the file has 20)."""
    pa, pq = pyarrow_modules()
    from verify.claims_parquet import ParquetClaims

    claims = pa.array([f"Claim {n}: " + "words " * 80 for n in range(40_000)])
    table = pa.table({"id": pa.array([str(n) for n in range(40_000)]), "claim": claims})
    pq.write_table(table, tmp_path / "big.parquet", row_group_size=2_000)
    decoded = table.nbytes  # about 20 MB
    del table, claims
    before = pa.total_allocated_bytes()
    peak = count = 0
    with ParquetClaims(tmp_path / "big.parquet") as rows:
        for count, item in enumerate(rows, start=1):
            assert item.id == str(count - 1)
            if count % 500 == 0:
                peak = max(peak, pa.total_allocated_bytes() - before)
    assert count == 40_000
    assert 0 < peak < decoded / 6, (peak, decoded)


# ---- the writer -------------------------------------------------------------------------------


def fake_verdict(n: int) -> Verdict:
    scores = Scores(entailment=0.7, neutral=0.2, contradiction=0.1 + n / 1e6)
    evidence = Evidence(
        source_id="s", title="T", url=None, published=dt.date(2018, 8, 28), start=n, end=n + 4,
        text="text", scores=scores, retrieval_score=0.03,
    )  # fmt: skip
    finding = FactFinding(kind="date", agrees=n % 2 == 0, claim="June", source="July", source_id="s", start=1, end=5)
    return Verdict(
        id=f"c{n}", claim=f"claim {n}", label=Label.SUPPORTED if n % 3 else Label.UNKNOWN, confidence=0.5,
        scores=scores, reason="r", evidence=[evidence] * (n % 4), findings=[finding] if n % 5 == 0 else [],
        **({"input_label": "supported", "desk": {"name": "metro", "floor": 3}} if n % 2 else {}),
    )  # fmt: skip


@pytest.mark.scale
def test_verdicts_are_written_a_row_group_at_a_time_and_read_back_unchanged(tmp_path: Path) -> None:
    _, pq = pyarrow_modules()
    from verify.runinfo import RunInfo
    from verify.verdicts_parquet import read_parquet_verdicts, read_run_info, write_parquet

    records: list[Verdict | ClaimError] = [fake_verdict(n) for n in range(2_500)]
    records[7] = ClaimError(id="7", line=8, error="line 8: invalid JSON")
    run = RunInfo(date=dt.date(2026, 1, 1), index="idx", sources=1, passages=16, embedding_model="e", nli_model="m")
    path = tmp_path / "v.parquet"
    assert write_parquet(iter(records), path, run, row_group_rows=1_000) == 2_500
    meta = pq.ParquetFile(path).metadata
    assert (meta.num_rows, meta.num_row_groups) == (2_500, 3)
    assert [r.model_dump_json() for r in read_parquet_verdicts(path)] == [r.model_dump_json() for r in records]
    assert read_run_info(path) == run
    table = pq.read_table(path)
    error = table.slice(7, 1).to_pylist()[0]
    assert (error["line"], error["error"], error["label"], error["evidence"]) == (8, "line 8: invalid JSON", None, None)
    row = table.slice(3, 1).to_pylist()[0]
    assert row["evidence"][0]["published"] == dt.date(2018, 8, 28) and row["scores"]["entailment"] == 0.7
    assert json.loads(row["passthrough"]) == {"input_label": "supported", "desk": {"name": "metro", "floor": 3}}


@pytest.mark.scale
def test_a_run_that_stops_early_leaves_a_readable_file_of_what_was_done(tmp_path: Path) -> None:
    _, pq = pyarrow_modules()
    from verify.verdicts_parquet import write_parquet

    def interrupted() -> Iterator[Verdict]:
        yield from (fake_verdict(n) for n in range(1_500))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_parquet(interrupted(), tmp_path / "v.parquet", row_group_rows=1_000)
    assert pq.read_table(tmp_path / "v.parquet").column("id").to_pylist() == [f"c{n}" for n in range(1_500)]


@pytest.mark.scale
def test_report_converts_saved_jsonl_verdicts_to_parquet_and_back(tmp_path: Path) -> None:
    pyarrow_modules()
    from verify.runinfo import RunInfo, save
    from verify.verdicts_parquet import read_run_info

    records = [fake_verdict(n) for n in range(30)] + [ClaimError(id="31", line=31, error="line 31: invalid JSON")]
    saved = tmp_path / "v.jsonl"
    saved.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    run_info = RunInfo(date=dt.date(2026, 1, 1), index="i", sources=1, passages=2, embedding_model="e", nli_model="m")
    save(run_info, saved)
    code, out = run("report", str(saved), "-f", "parquet", "-o", str(tmp_path / "v.parquet"))
    assert code == 0 and "31 records" in out, out
    assert read_run_info(tmp_path / "v.parquet") == run_info
    code, out = run("report", str(tmp_path / "v.parquet"), "-f", "jsonl", "-o", str(tmp_path / "back.jsonl"))
    assert code == 0, out
    assert (tmp_path / "back.jsonl").read_bytes() == saved.read_bytes()
    assert run("report", str(saved), "-f", "parquet")[0] == 2  # no -o: refused


@pytest.mark.scale
def test_the_schema_has_a_column_for_every_verdict_field() -> None:
    pyarrow_modules()
    from verify.verdicts_parquet import verdict_schema

    schema = verdict_schema()
    assert set(Verdict.model_fields) | set(ClaimError.model_fields) | {"passthrough"} == set(schema.names)
    evidence = schema.field("evidence").type.value_type
    assert [evidence.field(i).name for i in range(evidence.num_fields)] == list(Evidence.model_fields)
    finding = schema.field("findings").type.value_type
    assert [finding.field(i).name for i in range(finding.num_fields)] == list(FactFinding.model_fields)


# ---- without pyarrow: a clear error, before any model loads ------------------------------------


@pytest.fixture
def no_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes `import pyarrow` raise ImportError, as when it is not installed.
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize(
    "args",
    [
        ["claims.parquet"],
        ["claims.jsonl", "--format", "parquet", "-o", "out.parquet"],
        ["claims.jsonl", "--input-format", "parquet"],
        ["report", "verdicts.parquet"],
    ],
)
def test_parquet_without_pyarrow_names_the_extra(args: list[str], no_pyarrow: None, tmp_path: Path) -> None:
    for name in ("claims.parquet", "claims.jsonl", "verdicts.parquet"):
        (tmp_path / name).write_bytes(b"")
    code, out = run(*args)
    assert code == 2, out
    assert out.strip() == (
        "error: Parquet needs pyarrow, which is not installed: pip install 'newsroom-verify[parquet]'"
    )
    assert not (tmp_path / "index").exists()  # refused before the index was seeded or a model loaded


def test_parquet_output_needs_a_file_and_stdin_cannot_be_parquet(no_pyarrow: None) -> None:
    code, out = run(str(SEED_DEV), "--format", "parquet")
    assert code == 2 and "--format parquet needs -o FILE" in out
    code, out = run("-", "--input-format", "parquet")
    assert code == 2 and "Parquet claims cannot be read from stdin" in out
    code, out = run(str(SEED_DEV), "--input-format", "csv")
    assert code == 2 and "unknown input format 'csv'" in out


# ---- the command line, real models on the seed article -----------------------------------------


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def as_jsonl(rows: list[dict[str, Any]], path: Path) -> Path:
    """The rows as JSONL, a null field left out (as the Parquet reader reads it)."""
    lines = [json.dumps({k: v for k, v in row.items() if v is not None}) for row in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def same_but_row_for_line(jsonl: bytes) -> bytes:
    return jsonl.replace(b'"error":"line ', b'"error":"row ')


@pytest.mark.scale
@pytest.mark.slow
def test_parquet_claims_give_the_jsonl_runs_verdicts_in_both_formats(tmp_path: Path) -> None:
    _, pq = pyarrow_modules()
    from verify.verdicts_parquet import read_parquet_verdicts

    rows = with_bad_rows(seed_rows())
    claims = write_rows(tmp_path / "claims.parquet", rows)
    jsonl_claims = as_jsonl(rows, tmp_path / "claims.jsonl")
    expected = tmp_path / "from-jsonl.jsonl"
    assert run(str(jsonl_claims), "-o", str(expected))[0] == 1  # three bad lines
    code, out = run(str(claims), "-o", str(tmp_path / "from-parquet.jsonl"))
    assert code == 1, out
    assert "warning: row 2: missing or empty 'claim' string" in out
    # the summary counts the twelve claims' verdicts and the three bad rows, nothing else
    counts = re.search(r"(\d+) supported, (\d+) contradicted, (\d+) unknown; 3 lines failed", out)
    assert counts is not None and sum(int(n) for n in counts.groups()) == 12, out
    # The same records, in the same order; error messages name a row instead of a line.
    assert (tmp_path / "from-parquet.jsonl").read_bytes() == same_but_row_for_line(expected.read_bytes())

    code, out = run(str(claims), "--format", "parquet", "-o", str(tmp_path / "v.parquet"))
    assert code == 1, out
    written = list(read_parquet_verdicts(tmp_path / "v.parquet"))
    assert (
        "".join(r.model_dump_json() + "\n" for r in written).encode() == (tmp_path / "from-parquet.jsonl").read_bytes()
    )
    table = pq.read_table(tmp_path / "v.parquet")
    assert table.column("id").to_pylist()[:3] == ["sd-01", "empty", "sd-02"]
    assert table.column("line").to_pylist()[1] == 2 and table.column("error").null_count == table.num_rows - 3
    labels = table.column("label").drop_null().to_pylist()
    assert len(labels) == 12 and set(labels) <= {"supported", "contradicted", "unknown"}
    # The gold label travels in passthrough, named as in the JSONL verdict.
    assert json.loads(table.column("passthrough")[0].as_py())["input_label"] == rows[0]["label"]
    # `verify report` reads the Parquet verdicts back: the JSONL run's bytes.
    code, out = run("report", str(tmp_path / "v.parquet"), "-f", "jsonl", "-o", str(tmp_path / "again.jsonl"))
    assert code == 0, out
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "from-parquet.jsonl").read_bytes()


@pytest.mark.scale
@pytest.mark.slow
def test_a_resumed_run_from_parquet_claims_writes_the_uninterrupted_file(tmp_path: Path) -> None:
    pyarrow_modules()
    claims = write_rows(tmp_path / "claims.parquet", with_bad_rows(seed_rows(8)))
    full = tmp_path / "full.jsonl"
    assert run(str(claims), "-o", str(full))[0] == 1
    lines = full.read_bytes().splitlines(keepends=True)
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(b"".join(lines[:5]) + lines[5][:30])  # killed mid-record, after the error at row 5
    code, out = run(str(claims), "-o", str(torn), "--resume")
    assert code == 1, out
    assert torn.read_bytes() == full.read_bytes()
    assert run(str(claims), "-o", str(tmp_path / "x.parquet"), "-f", "parquet", "--resume")[0] == 2
