from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BACKENDS, DATA, REPO, SEED_ID, SEEDS, engine_location, release
from typer.testing import CliRunner

from verify.cli import app

EXAMPLE = REPO / "claims" / "example.jsonl"
runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):  # noqa: A002
    return runner.invoke(app, list(args), input=input)


def verdicts(stdout: str) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, stdout.splitlines())}


def test_example_claims_on_the_default_index() -> None:
    result = run(str(EXAMPLE))
    assert result.exit_code == 0, result.stderr
    assert "seeded index/default" in result.stderr
    out = verdicts(result.stdout)
    assert list(out) == [json.loads(line)["id"] for line in EXAMPLE.read_text().splitlines()]  # input order
    appeal = out["appeal-date"]
    assert appeal["label"] == "supported"
    cited = appeal["evidence"][0]
    assert "Moscow City Court" in cited["text"] and "rejected on June 14" in cited["text"]
    assert cited["source_id"] == SEED_ID and cited["published"] == "2018-08-28"
    seed_text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8").strip("\n")
    assert seed_text[cited["start"] : cited["end"]] == cited["text"]
    assert set(appeal["scores"]) == {"entailment", "neutral", "contradiction"}
    assert 0.0 <= appeal["confidence"] <= 1.0 and appeal["reason"]
    assert out["users"]["label"] == "unknown"

    again = run(str(EXAMPLE), "--top-k", "3")
    assert again.exit_code == 0 and "seeded" not in again.stderr  # built once, not re-embedded
    assert all(len(v["evidence"]) <= 3 for v in verdicts(again.stdout).values())


def test_default_index_notices_changed_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = tmp_path / "my-seeds"
    shutil.copytree(SEEDS, seeds)
    monkeypatch.setenv("VERIFY_SEEDS", str(seeds))
    assert "1 added" in run("index", "list").stderr
    article = next(seeds.glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nDurov later moved to Dubai.\n", encoding="utf-8")
    shutil.copy(DATA / "riverton_bridge.txt", seeds / "riverton.txt")
    result = run("index", "list")
    assert "1 added, 1 replaced" in result.stderr
    assert "added: riverton\n" in result.stderr and f"replaced: {SEED_ID}\n" in result.stderr
    (seeds / "riverton.txt").unlink()
    assert "removed: riverton\n" in run("index", "list").stderr


def test_index_add_makes_claims_verifiable_and_remove_undoes_it() -> None:
    text = "Riverton's council approved a $48 million replacement of the Elm Street bridge."
    claim = json.dumps({"id": "bridge", "claim": text}) + "\n"
    before = verdicts(run("-", input=claim).stdout)["bridge"]
    assert before["label"] == "unknown"
    manifest = json.loads(Path("index/default/manifest.json").read_text())

    added = run("index", "add", str(DATA / "riverton_bridge.txt"))
    assert added.exit_code == 0 and "1 added;" in added.stdout and "added: riverton-bridge" in added.stdout
    after = json.loads(Path("index/default/manifest.json").read_text())
    assert after["sources"][SEED_ID] == manifest["sources"][SEED_ID]
    listing = run("index", "list")
    assert "riverton-bridge" in listing.stdout and SEED_ID in listing.stdout

    verdict = verdicts(run("-", input=claim).stdout)["bridge"]
    assert verdict["label"] == "supported" and verdict["evidence"][0]["source_id"] == "riverton-bridge"

    assert "unchanged" in run("index", "add", str(DATA)).stdout
    removed = run("index", "remove", "riverton-bridge")
    assert removed.exit_code == 0 and "1 removed" in removed.stdout
    assert verdicts(run("-", input=claim).stdout)["bridge"]["label"] == "unknown"


def test_bad_lines_get_error_records_and_the_rest_are_verified(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"id": "good", "claim": "The appeal was rejected June 14.", "desk": "world"}\n'
        b"{not json\n"
        b'{"id": "nofield", "statement": "x"}\n'
        b"\xff\xfe bad bytes\n"
        b'{"id": "huge", "claim": "' + b"x" * 1_000_000 + b'"}\n'
        b"Telegram has 200 million users.\n"
    )
    out_file = tmp_path / "out.jsonl"
    result = run(str(path), "-o", str(out_file))
    assert result.exit_code == 1
    records = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [r.get("id") for r in records] == ["good", None, "nofield", None, "huge", "6"]
    assert [("error" in r) for r in records] == [False, True, True, True, True, False]
    assert records[0]["desk"] == "world" and records[0]["label"] == "supported"
    assert [r["line"] for r in records if "error" in r] == [2, 3, 4, 5]
    assert "4 lines failed" in result.stderr


def test_empty_and_missing_files_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = run(str(empty))
    assert result.exit_code == 1 and "no claims found" in result.stderr and result.stdout == ""
    missing = run(str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2 and "cannot read claims file" in missing.stderr


def test_a_non_default_index_starts_empty(tmp_path: Path) -> None:
    result = run(str(EXAMPLE), "--index", str(tmp_path / "fresh"))
    assert result.exit_code == 2 and f"no index at {tmp_path / 'fresh'}" in result.stderr
    assert run("index", "add", str(SEEDS), "--index", str(tmp_path / "fresh")).exit_code == 0
    assert run(str(EXAMPLE), "--index", str(tmp_path / "fresh")).exit_code == 0


@pytest.mark.parametrize(
    "command",
    [
        ["index", "list"],
        ["index", "remove", "x"],
        ["index", "rebuild"],
        ["eval", str(EXAMPLE)],
        [str(EXAMPLE)],
        ["serve"],
    ],
)
def test_commands_on_a_missing_index_fail_clearly(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    result = run(*command, "--index", str(missing))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"error: no index at {missing}: create one with `verify index add")
    assert not missing.exists()


def test_index_add_prints_counts_and_ids_only_when_few(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"story-{i:02}", "text": f"Story {i}. The council met on May {i + 1}, 2024."} for i in range(25)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "broken.jsonl").write_text("{not json\n")
    idx = str(tmp_path / "idx")
    added = run("index", "add", str(feed), str(tmp_path / "broken.jsonl"), "--index", idx)
    assert added.exit_code == 1  # one file failed; the others were added
    assert added.stdout.splitlines() == [f"index {idx}: 25 added, 1 failed; 25 passages embedded"]
    assert "broken.jsonl" in added.stderr
    again = run("index", "add", str(feed), "--index", idx, "--verbose")
    assert again.exit_code == 0 and again.stdout.splitlines()[0] == f"index {idx}: 25 unchanged; 0 passages embedded"
    assert "story-00, story-01" in again.stdout
    one = tmp_path / "one.txt"
    one.write_text("The bridge reopened on March 3, 2024.\n")
    assert run("index", "add", str(one), "--index", idx).stdout.splitlines()[1] == "  added: one"


def test_the_summary_names_the_index_and_model_and_warns_on_the_seed_index() -> None:
    claim = "Two workers died in the Brookvale factory fire\n"
    result = run("-", input=claim)
    assert result.exit_code == 0
    summary, warning = result.stderr.splitlines()[-2:]
    seeds = "index index/default (1 source, 16 passages, the bundled seed articles)"
    assert f"{seeds}; model cascade(bundled:" in summary  # the default model
    assert warning.startswith("warning: these claims were checked against the bundled seed articles")
    assert "--index" in warning
    assert "warning" not in run("-", input="The appeal was rejected June 14.\n").stderr  # a claim it answers


def test_report_renders_saved_verdicts_exactly_as_the_format_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # one run date for both runs
    claims = tmp_path / "claims.jsonl"
    rows = [{**json.loads(line), "desk": "world"} for line in EXAMPLE.read_text().splitlines()]
    claims.write_text("".join(json.dumps(r) + "\n" for r in rows))
    saved = tmp_path / "verdicts.jsonl"
    assert run(str(claims), "-o", str(saved)).exit_code == 0
    assert json.loads((tmp_path / "verdicts.jsonl.run.json").read_text())["index"] == "index/default"
    for fmt in ("html", "csv", "markdown", "claimreview", "jsonl"):
        direct, rendered = tmp_path / f"direct.{fmt}", tmp_path / f"rendered.{fmt}"
        assert run(str(claims), "--format", fmt, "-o", str(direct), "--author", "Desk").exit_code == 0
        result = run("report", str(saved), "--format", fmt, "-o", str(rendered), "--author", "Desk")
        assert result.exit_code == 0, result.stderr
        assert rendered.read_bytes() == direct.read_bytes(), fmt
    assert "world" in (tmp_path / "rendered.csv").read_text()  # pass-through field kept
    bad = tmp_path / "claims-not-verdicts.jsonl"
    bad.write_text('{"id": "x", "claim": "y"}\n')
    refused = run("report", str(bad))
    assert refused.exit_code == 2 and "is not a verdict record" in refused.stderr
    missing = run("report", str(tmp_path / "nowhere.jsonl"))
    assert missing.exit_code == 2 and "cannot read verdicts file" in missing.stderr
    # a reader that stops early (`verify report ... | head`) is no error
    many = tmp_path / "many.jsonl"
    many.write_text(saved.read_text() * 2000)
    exe = Path(sys.executable).with_name("verify")
    command = [str(exe), "report", str(many), "--format", "markdown"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as head:
        assert head.stdout is not None and head.stderr is not None
        head.stdout.readline()
        head.stdout.close()
        stderr = head.stderr.read()
    assert head.returncode == 0 and b"Broken pipe" not in stderr, stderr


def test_unexpected_errors_keep_their_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import verify.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("an internal bug")

    monkeypatch.setattr(verify.pipeline.Verifier, "verify_many", broken)
    result = run("-", input="The appeal was rejected June 14.\n")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "ValueError: an internal bug" in result.stderr
    assert "please report it" in result.stderr


def test_a_missing_model_bundle_base_is_a_clean_error(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "delta.safetensors").write_bytes(b"")
    card = {"id2label": {"0": "entailment", "1": "neutral", "2": "contradiction"}, "base_key": "no-such-base"}
    (bundle / "model.json").write_text(json.dumps(card))
    result = run("-", "--model", str(bundle), input="The appeal was rejected June 14.\n")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: unknown base encoder 'no-such-base'")


def test_seed_sources_cannot_be_removed_by_id() -> None:
    result = run("index", "remove", SEED_ID)
    assert result.exit_code == 2 and "seeds folder" in result.stderr


def test_embedder_mismatch_then_rebuild(tmp_path: Path) -> None:
    idx = str(tmp_path / "idx")
    assert run("index", "add", str(DATA), "--index", idx).exit_code == 0
    manifest_path = tmp_path / "idx" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "embedding_model": "someone/old-model"}))
    mismatch = run(str(EXAMPLE), "--index", idx)
    assert mismatch.exit_code == 2 and "someone/old-model" in mismatch.stderr and "rebuild" in mismatch.stderr
    rebuilt = run("index", "rebuild", "--index", idx)
    assert rebuilt.exit_code == 0 and "1 replaced" in rebuilt.stdout
    assert json.loads(manifest_path.read_text())["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_eval_prints_figures(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    rows = [json.loads(line) for line in (REPO / "claims" / "seed_dev.jsonl").read_text().splitlines()]
    labelled.write_text("\n".join(json.dumps(r) for r in rows[::8]) + "\n")
    result = run("eval", str(labelled), "--json", "-o", str(tmp_path / "v.jsonl"))
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["claims"] == figures["scored"] == 6
    assert 0.0 <= figures["accuracy"] <= 1.0 and figures["evidence_checked"] == 4
    assert len((tmp_path / "v.jsonl").read_text().splitlines()) == 6
    text = run("eval", str(labelled))
    assert "macro-F1" in text.stdout and "confusion" in text.stdout


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["check"],
        ["eval"],
        ["index"],
        ["index", "add"],
        ["index", "list"],
        ["index", "remove"],
        ["index", "rebuild"],
    ],
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example: verify" in result.stdout


def test_console_script_runs_from_stdin() -> None:
    exe = Path(sys.executable).with_name("verify")
    done = subprocess.run(
        [str(exe), "-"], input="The appeal was rejected June 14.\n", capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["id"] == "1" and record["label"] == "supported"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("verify ")


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html", "claimreview"])
def test_output_formats_from_the_command_line(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    page = ["--review-url", "https://ledger.example/checks/{id}"] if fmt == "claimreview" else []
    result = run(str(EXAMPLE), "--format", fmt, "-o", str(out), "--author", "Ledger Desk", *page)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in EXAMPLE.read_text().splitlines()]
    claims = [line["claim"] for line in lines]
    if fmt == "claimreview":
        reviews = [json.loads(line) for line in text.splitlines()]
        assert [r["claimReviewed"] for r in reviews] == claims
        assert all(r["author"]["name"] == "Ledger Desk" for r in reviews)
        assert [r["url"] for r in reviews] == [f"https://ledger.example/checks/{line['id']}" for line in lines]
    else:
        assert all(c.replace("'", "&#x27;") in text or c in text for c in claims)


def test_unknown_output_format() -> None:
    result = run(str(EXAMPLE), "--format", "pdf")
    assert result.exit_code == 2 and "unknown --format" in result.stderr


def test_extract_then_verify_a_whole_draft(tmp_path: Path) -> None:
    extracted = run("extract", str(next(SEEDS.glob("*.txt"))))
    assert extracted.exit_code == 0, extracted.stderr
    rows = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert len(rows) >= 10 and all(r["claim"] and r["check_worthy"] for r in rows)
    verified = run("-", input=extracted.stdout)
    assert verified.exit_code == 0
    out = [json.loads(line) for line in verified.stdout.splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    # The article's own sentences are supported by the article.
    assert sum(r["label"] == "supported" for r in out) >= len(out) * 0.7


def test_resumed_run_matches_an_uninterrupted_one(tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    lines = (REPO / "claims" / "seed_dev.jsonl").read_text().splitlines()[::4] + ["{broken"]
    claims.write_text("\n".join(lines) + "\n")
    full, partial = tmp_path / "full.jsonl", tmp_path / "partial.jsonl"
    uninterrupted = run(str(claims), "-o", str(full))
    assert uninterrupted.exit_code == 1  # the broken line fails
    full_summary = uninterrupted.stderr.splitlines()[-1]
    done = full.read_text().splitlines(keepends=True)
    partial.write_text("".join(done[:5]) + done[5][:40])  # killed in the middle of record 6
    resumed = run(str(claims), "-o", str(partial), "--resume")
    assert resumed.exit_code == 1 and "(8 new" in resumed.stderr
    assert resumed.stderr.splitlines()[-1].startswith(full_summary.split(" (")[0])
    assert partial.read_text() == full.read_text()
    again = run(str(claims), "-o", str(partial), "--resume")
    assert " new, " not in again.stderr.splitlines()[-1] and partial.read_text() == full.read_text()


def test_resume_refuses_a_different_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run(str(EXAMPLE), "-o", str(out)).exit_code == 0
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "zzz", "claim": "Something else entirely."}\n')
    result = run(str(other), "-o", str(out), "--resume")
    assert result.exit_code == 2 and "does not match" in result.stderr
    assert run(str(EXAMPLE), "--resume").exit_code == 2  # needs -o


def test_calibration_option() -> None:
    raw = verdicts(run(str(EXAMPLE)).stdout)
    calibrated = verdicts(run(str(EXAMPLE), "--calibration", "check-covid").stdout)
    assert [v["label"] for v in raw.values()] == [v["label"] for v in calibrated.values()]
    assert any(raw[k]["confidence"] != calibrated[k]["confidence"] for k in raw)
    missing = run(str(EXAMPLE), "--calibration", "no-such-file.json")
    assert missing.exit_code == 2 and "no calibration file" in missing.stderr


# ---- issue 11 ---------------------------------------------------------------------------------


def test_output_naming_the_input_is_refused(tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"id": "a", "claim": "The appeal was rejected June 14."}\n')
    before = claims.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(claims)
    for args in (
        [str(claims), "-o", str(claims)],
        [str(claims), "-o", str(tmp_path / "link.jsonl")],
        ["eval", str(claims), "-o", str(claims)],
        ["extract", str(claims), "-o", str(claims)],
    ):
        result = run(*args)
        assert result.exit_code == 2 and "is the input file" in result.stderr, args
        assert claims.read_bytes() == before


@pytest.mark.parametrize("garbage", [b"[1]\n", b'"x"\n', b"\xff\xfe\n", b"not json\n", b"my notes, no newline"])
def test_a_garbage_resume_file_is_a_message_and_is_left_alone(tmp_path: Path, garbage: bytes) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(garbage)
    result = run(str(EXAMPLE), "-o", str(out), "--resume")
    assert result.exit_code == 2 and "cannot resume" in result.stderr
    assert out.read_bytes() == garbage


def test_deeply_nested_line_is_an_error_record_and_the_good_lines_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_bytes(
        b'{"id": "good", "claim": "The appeal was rejected June 14."}\n'
        b'{"id": "deep", "claim": "x", "meta": ' + b"[" * 1000 + b"]" * 1000 + b"}\n"
        b'{"id": "after", "claim": "The appeal was rejected June 15."}\n'
    )
    out = tmp_path / "out.jsonl"
    result = run(str(path), "-o", str(out))
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("id") for r in records] == ["good", None, "after"] and "nested deeper" in records[1]["error"]


def test_index_add_skips_unreadable_files_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(DATA / "riverton_bridge.txt", folder / "riverton.txt")
    (folder / "latin1.txt").write_bytes(b"caf\xe9 au lait")
    (folder / "broken.jsonl").write_text('{"text": "one"}\n{oops\n')
    index = str(tmp_path / "idx")
    strict = run("index", "add", str(folder), "--index", index, "--strict")
    assert strict.exit_code == 2 and "broken.jsonl" in strict.stderr
    assert not (tmp_path / "idx" / "manifest.json").exists()
    result = run("index", "add", str(folder), str(tmp_path / "missing.txt"), "--index", index)
    assert result.exit_code == 1 and "1 added, 3 failed;" in result.stdout and "added: riverton" in result.stdout
    for name in ("latin1.txt", "broken.jsonl", "missing.txt"):
        assert name in result.stderr
    assert "3 file(s) could not be read" in result.stderr


def test_index_progress_names_the_stage_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from verify.cli import Progress
    from verify.store import STAGE_EMBED, STAGE_FACTS

    progress = Progress()
    progress.enabled = True  # as on a terminal
    progress(STAGE_FACTS, 20_000, 2_000_000)
    progress(STAGE_FACTS, 40_000, 2_000_000)  # within a tenth of a second of the last: not redrawn
    progress(STAGE_FACTS, 2_000_000, 2_000_000)  # a stage's end is always drawn
    progress(STAGE_EMBED, 64, 3_300)
    progress.finish()
    shown = capsys.readouterr().err
    assert f"{STAGE_FACTS}: 20,000/2,000,000 (1%)" in shown and "40,000" not in shown
    assert f"{STAGE_FACTS}: 2,000,000/2,000,000 (100%)" in shown
    assert f"{STAGE_EMBED}: 64/3,300 (1%)" in shown and shown.endswith("\r\033[K")


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_index_command_and_verify_on_each_backend(backend: str, tmp_path: Path) -> None:
    """`--index` takes a folder or an engine URL; the commands behave the same on both."""
    index = str(engine_location(backend, tmp_path))
    claim = json.dumps({"id": "bridge", "claim": "Riverton's council approved a $48 million bridge replacement."})
    missing = run("-", "--index", index, input=claim + "\n")
    assert missing.exit_code == 2 and f"no index at {index}" in missing.stderr
    added = run("index", "add", str(SEEDS), str(DATA / "riverton_bridge.txt"), "--index", index)
    assert added.exit_code == 0 and "2 added;" in added.stdout, added.stderr
    assert "unchanged" in run("index", "add", str(DATA / "riverton_bridge.txt"), "--index", index).stdout
    listing = run("index", "list", "--json", "--index", index)
    assert {json.loads(line)["id"] for line in listing.stdout.splitlines()} == {SEED_ID, "riverton-bridge"}
    verdict = verdicts(run("-", "--index", index, input=claim + "\n").stdout)["bridge"]
    assert verdict["label"] == "supported" and verdict["evidence"][0]["source_id"] == "riverton-bridge"
    rebuilt = run("index", "rebuild", "--index", index)
    assert rebuilt.exit_code == 0 and "2 replaced" in rebuilt.stdout
    assert run("index", "remove", "riverton-bridge", "--index", index).exit_code == 0
    assert "no source with id riverton-bridge" in run("index", "remove", "riverton-bridge", "--index", index).stderr
    after = run("-", "--index", index, input=claim + "\n")
    assert verdicts(after.stdout)["bridge"]["label"] == "unknown"
    assert f"index {index} (1 source, 16 passages)" in after.stderr
    release(index)


def test_an_unknown_index_url_is_refused() -> None:
    result = run("index", "list", "--index", "qdrant://localhost:6333/news")
    assert result.exit_code == 2 and "unknown index URL" in result.stderr


@pytest.mark.parametrize(
    ("stderr_tty", "stdout_tty", "to_stdout", "shown"),
    [
        (True, True, True, False),  # verdicts scroll on the terminal: a progress line would run into them
        (True, True, False, True),  # -o FILE: the terminal shows only the progress
        (True, False, True, True),  # stdout piped or redirected
        (False, True, False, False),  # stderr to a log file: no carriage returns in it
    ],
)
def test_progress_line_only_where_it_runs_into_nothing(
    monkeypatch: pytest.MonkeyPatch, stderr_tty: bool, stdout_tty: bool, to_stdout: bool, shown: bool
) -> None:
    from verify.cli import Tally

    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr_tty)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout_tty)
    assert Tally([], to_stdout=to_stdout).progress is shown
