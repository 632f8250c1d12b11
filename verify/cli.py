"""The `verify` command line: a thin layer that parses flags, calls the library and prints.

Heavy libraries (torch, transformers, faiss) are imported only inside commands, so
`verify --help` answers at once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from verify import __version__
from verify.config import BUNDLED_NLI, DEFAULT_EMBED_MODEL, ENV_EMBED_MODEL, ENV_INDEX, ENV_NLI_MODEL, TOP_K

if TYPE_CHECKING:
    from verify.pipeline import Verifier

DEFAULT_COMMAND = "check"
EXIT_LINE_ERRORS = 1
EXIT_FATAL = 2


class DefaultCommandGroup(TyperGroup):
    """`verify CLAIMS` runs the `check` command; `verify index ...` and `verify eval ...` stay subcommands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultCommandGroup,
    help="Verify claims against an index of source articles: supported, contradicted or unknown, with evidence.\n\n"
    "Example: verify claims/example.jsonl",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
index_app = typer.Typer(
    help="Manage the sources in an index.\n\nExample: verify index add articles/", no_args_is_help=True
)
app.add_typer(index_app, name="index")

IndexOpt = Annotated[
    Optional[Path],
    typer.Option("--index", envvar=ENV_INDEX, help="index folder [default: index/default, seeded from seeds/]"),
]
EmbedOpt = Annotated[str, typer.Option("--embed-model", envvar=ENV_EMBED_MODEL, help="embedding model name or path")]
ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        envvar=ENV_NLI_MODEL,
        help="NLI model: 'bundled', or a bundle folder from `python -m verify.train`, either optionally with "
        "':fp32', ':bf16' or ':int8' [default: bf16 on CPUs that have it natively, else fp32]; or a CrossEncoder "
        "name/path",
    ),
]
TopKOpt = Annotated[int, typer.Option("--top-k", min=1, max=100, help="passages retrieved per claim")]
CalibrationOpt = Annotated[
    Optional[str],
    typer.Option(
        "--calibration",
        envvar="VERIFY_CALIBRATION",
        help="confidence calibration: a curves file, or 'check-covid' (fitted on scientific claims) [default: none]",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"verify {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="show the version")
    ] = False,
) -> None:
    """Verify claims against an index of source articles."""


def fail(message: str, code: int = EXIT_FATAL) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def library_errors() -> Iterator[None]:
    """Library exceptions become one clean line on stderr and a non-zero exit."""
    from verify.nli import NLIModelError
    from verify.sources import SourceError
    from verify.store import IndexStoreError

    try:
        yield
    except (IndexStoreError, SourceError, NLIModelError, ValueError, OSError) as exc:
        fail(str(exc))


def open_verifier(
    index: Path | None,
    embed_model: str,
    model: str = "bundled",
    top_k: int = TOP_K,
    check_embedder: bool = True,
    calibration: str | None = None,
) -> Verifier:
    from verify.calibrate import Calibrator
    from verify.pipeline import Verifier

    calibrator = Calibrator.load(Path(calibration)) if calibration else None
    verifier = Verifier(
        index,
        embed_model=embed_model,
        nli_model=model,
        top_k=top_k,
        check_embedder=check_embedder,
        calibrator=calibrator,
    )
    if verifier.seed_report is not None:
        report_change(verifier.seed_report, f"seeded {verifier.index_dir} from {verifier.seeds_dir}", err=True)
    return verifier


def report_change(report: Any, what: str, err: bool = False) -> None:
    parts = [
        f"{len(ids)} {name} ({', '.join(ids)})"
        for name, ids in (
            ("added", report.added),
            ("replaced", report.replaced),
            ("unchanged", report.unchanged),
            ("removed", report.removed),
        )
        if ids
    ]
    typer.echo(f"{what}: {'; '.join(parts) or 'nothing to do'}; {report.passages_embedded} passages embedded", err=err)


def refuse_same_file(input_path: str, output: Path | None) -> None:
    """-o naming the input would truncate it before it is read."""
    if output is None or input_path == "-":
        return
    try:
        same = output.exists() and os.path.samefile(input_path, output)
    except OSError:
        same = False
    if same or Path(input_path).resolve() == output.resolve():
        fail(f"-o {output} is the input file; write the output somewhere else")


class Progress:
    """A progress line on stderr, only when stderr is a terminal."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.enabled:
            sys.stderr.write(f"\r{self.what}: {done:,}/{total:,}")
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def printable(text: str) -> str:
    """Control and bidirectional characters shown as '?' so one line stays one row."""
    return "".join(c if c.isprintable() else "?" for c in text)


def claim_lines(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        fail(f"cannot read claims file {path}: {exc.strerror}")
        raise  # unreachable: fail() exits


@app.command(DEFAULT_COMMAND)
def check(
    claims: Annotated[
        str, typer.Argument(help='claims file: JSONL {"id", "claim", ...} or plain text lines; - for stdin')
    ],
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="write verdicts here instead of stdout")
    ] = None,
    index: IndexOpt = None,
    top_k: TopKOpt = TOP_K,
    model: ModelOpt = BUNDLED_NLI,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    calibration: CalibrationOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv, markdown, html (one self-contained page) or claimreview")
    ] = "jsonl",
    author: Annotated[str, typer.Option(help="organisation named as author in ClaimReview output")] = "verify",
    author_url: Annotated[Optional[str], typer.Option(help="its URL, for ClaimReview output")] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="keep the verdicts already in -o FILE and verify only the rest")
    ] = False,
) -> None:
    """Verify each claim and print one JSON verdict per line (or --format), in input order.

    A malformed line yields an error record for that line and the run goes on; the exit status
    is 0 when every line was verified, 1 when some were not, 2 when nothing could run.

    Example: verify claims/example.jsonl -o verdicts.jsonl
    """
    from verify.claims_io import read_claims
    from verify.pipeline import verify_items
    from verify.report import FORMATS, write
    from verify.resume import ResumeError, done_records, skip_done

    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if resume and (output is None or fmt != "jsonl"):
        fail("--resume needs -o FILE and the jsonl format")
    refuse_same_file(claims, output)
    try:
        done = done_records(output) if resume and output is not None else []
    except ResumeError as exc:
        fail(str(exc))
    tally = Tally(done)
    with library_errors():
        verifier = open_verifier(index, embed_model, model, top_k, calibration=calibration)
        started = time.time()
        source = claim_lines(claims)
        mode = "a" if done else "w"
        with source, open(output, mode, encoding="utf-8", newline="") if output else _stdout() as out:
            try:
                items = skip_done(read_claims(source), done)
                write(fmt, tally.watch(verify_items(verifier, items)), out, author, author_url)
            except ResumeError as exc:
                fail(str(exc))
    tally.finish()
    if tally.total == 0:
        fail(f"no claims found in {claims}", EXIT_LINE_ERRORS)
    rate = tally.new / max(time.time() - started, 1e-9)
    typer.echo(tally.summary() + (f" ({tally.new} new, {rate:.1f} claims/s)" if tally.new else ""), err=True)
    if tally.failed:
        raise typer.Exit(EXIT_LINE_ERRORS)


class Tally:
    """Counts verdicts by label as they stream past; shows progress on a terminal."""

    def __init__(self, done: list[tuple[str | None, int | None, str | None]]) -> None:
        """`done`: the records a resumed run keeps, counted in the summary too."""
        self.labels: dict[str, int] = {}
        for _, _, label in done:
            if label:
                self.labels[label] = self.labels.get(label, 0) + 1
        self.failed = sum(1 for _, _, label in done if label is None)
        self.new = 0
        self.already_done = len(done)
        self.progress = sys.stderr.isatty()

    @property
    def total(self) -> int:
        return self.already_done + self.new

    def watch(self, records: Iterator[Any]) -> Iterator[Any]:
        from verify.schema import ClaimError

        for record in records:
            self.new += 1
            if isinstance(record, ClaimError):
                self.failed += 1
                typer.echo(("\r" if self.progress else "") + f"warning: {record.error}", err=True)
            else:
                self.labels[record.label.value] = self.labels.get(record.label.value, 0) + 1
            if self.progress:
                sys.stderr.write(f"\r{self.total} claims processed")
                sys.stderr.flush()
            yield record

    def finish(self) -> None:
        if self.progress and self.new:
            sys.stderr.write("\r\033[K")

    def summary(self) -> str:
        counts = ", ".join(f"{self.labels.get(k, 0)} {k}" for k in ("supported", "contradicted", "unknown"))
        return f"{self.total} claims: {counts}; {self.failed} lines failed"


@contextmanager
def _stdout() -> Iterator[IO[str]]:
    yield sys.stdout


@app.command("eval")
def evaluate(
    labelled: Annotated[
        str, typer.Argument(help="claims JSONL with a gold 'label' (and optional gold 'evidence' text)")
    ],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="also write the verdicts here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
    index: IndexOpt = None,
    top_k: TopKOpt = TOP_K,
    model: ModelOpt = BUNDLED_NLI,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    calibration: CalibrationOpt = None,
) -> None:
    """Verify labelled claims and print accuracy, macro-F1, a confusion matrix and evidence hit rate.

    Example: verify eval claims/seed_dev.jsonl
    """
    from verify.claims_io import read_claims
    from verify.evaluate import format_report, score
    from verify.pipeline import verify_items

    refuse_same_file(labelled, output)
    with library_errors():
        verifier = open_verifier(index, embed_model, model, top_k, calibration=calibration)
        source = claim_lines(labelled)
        records = []
        with source:
            for record in verify_items(verifier, read_claims(source)):
                records.append(record)
        if output:
            from verify.report import write_jsonl

            with open(output, "w", encoding="utf-8") as out:
                write_jsonl(records, out)
    report = score(records)
    if report.total == 0:
        fail(f"no claims found in {labelled}", EXIT_LINE_ERRORS)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))


@app.command("extract")
def extract(
    article: Annotated[str, typer.Argument(help="draft or transcript (.txt .md .html), - for stdin")],
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="write claims here instead of stdout")
    ] = None,
) -> None:
    """Split a draft into check-worthy factual claims, written as claims JSONL that `verify` reads.

    Keeps sentences with dates, numbers, names or attributions; skips questions, opinions,
    boilerplate and headline-style lines.

    Example: verify extract draft.txt | verify -
    """
    from verify.draft import check_worthy
    from verify.sources import SourceError, plain_text

    refuse_same_file(article, output)
    try:
        raw = sys.stdin.buffer.read() if article == "-" else Path(article).read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        fail(f"cannot read {article}: {exc.strerror}")
    except UnicodeDecodeError as exc:
        fail(f"{article} is not UTF-8 text (byte {exc.start})")
    try:
        text = plain_text(text, Path(article).suffix)[0]
    except SourceError as exc:
        fail(f"{article}: {exc}")
    stem = "draft" if article == "-" else Path(article).stem
    count = 0
    with open(output, "w", encoding="utf-8") if output else _stdout() as out:
        for count, found in enumerate(check_worthy(text), start=1):
            row = {
                "id": f"{stem}-{count}",
                "claim": found.claim,
                "offsets": [found.start, found.end],
                "check_worthy": list(found.features),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    typer.echo(f"{count} check-worthy claims in {article}", err=True)


@app.command("serve")
def serve(
    index: IndexOpt = None,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    top_k: TopKOpt = TOP_K,
    model: ModelOpt = BUNDLED_NLI,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    calibration: CalibrationOpt = None,
) -> None:
    """Serve the index over HTTP: POST /verify, POST /sources, GET /sources, DELETE /sources/{id}, GET /health.

    The OpenAPI schema is at /openapi.json, interactive docs at /docs.

    Example: verify serve --port 8000
    """
    from verify.server import serve as run_server

    with library_errors():
        verifier = open_verifier(index, embed_model, model, top_k, calibration=calibration)
    run_server(verifier, host, port)


@index_app.command("add")
def index_add(
    paths: Annotated[list[Path], typer.Argument(help="article files (.txt .md .html .jsonl) or folders")],
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    strict: Annotated[
        bool, typer.Option("--strict", help="stop at the first file that cannot be read, adding nothing")
    ] = False,
) -> None:
    """Add articles: new ones are embedded, changed ones replaced, unchanged ones skipped.

    A file that cannot be read is reported and skipped (exit status 1 once the rest are added);
    with --strict it stops the run before anything is added (exit status 2).

    Example: verify index add articles/ --index index/newsroom
    """
    from verify.sources import SourceError

    failed: list[SourceError] = []

    def skip(exc: SourceError) -> None:
        failed.append(exc)
        typer.echo(f"warning: skipped {exc}", err=True)

    progress = Progress("embedding passages")
    with library_errors():
        verifier = open_verifier(index, embed_model)
        try:
            report = verifier.add_sources(paths, on_error=None if strict else skip, progress=progress)
        finally:
            progress.finish()
        report_change(report, f"index {verifier.index_dir}")
    if failed:
        typer.echo(f"error: {len(failed)} file(s) could not be read and were skipped", err=True)
        raise typer.Exit(EXIT_LINE_ERRORS)


@index_app.command("list")
def index_list(
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per source")] = False,
) -> None:
    """List the sources in an index.

    Example: verify index list --json
    """
    with library_errors():
        verifier = open_verifier(index, embed_model)
        sources = verifier.list_sources()
    for s in sources:
        if as_json:
            typer.echo(json.dumps(s.__dict__))
        else:
            title = printable(s.title or "")
            typer.echo(f"{printable(s.id)}\t{s.kind}\t{s.published or '-'}\t{s.passages} passages\t{title}")
    if not as_json:
        typer.echo(f"{len(sources)} sources in {verifier.index_dir}", err=True)


@index_app.command("remove")
def index_remove(
    source_ids: Annotated[list[str], typer.Argument(help="ids as shown by `verify index list`")],
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
) -> None:
    """Remove sources by id.

    Example: verify index remove riverton-bridge
    """
    with library_errors():
        verifier = open_verifier(index, embed_model)
        report_change(verifier.remove_sources(source_ids), f"index {verifier.index_dir}")


@index_app.command("rebuild")
def index_rebuild(
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
) -> None:
    """Re-chunk and re-embed every source, e.g. with a different --embed-model.

    Example: verify index rebuild --embed-model sentence-transformers/all-mpnet-base-v2
    """
    progress = Progress("embedding passages")
    with library_errors():
        verifier = open_verifier(index, embed_model, check_embedder=False)
        try:
            report = verifier.rebuild(progress=progress)
        finally:
            progress.finish()
        report_change(report, f"rebuilt {verifier.index_dir}")


if __name__ == "__main__":  # pragma: no cover
    app()
