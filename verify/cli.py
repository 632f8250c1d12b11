"""The `verify` command line: a thin layer that parses flags, calls the library and prints.

Heavy libraries (torch, transformers, faiss) are imported only inside commands, so
`verify --help` answers at once.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperGroup

from verify._version import __version__
from verify.config import (
    DEFAULT_BACKEND,
    DEFAULT_EMBED_MODEL,
    DEFAULT_NLI,
    ENV_BACKEND,
    ENV_CALIBRATION,
    ENV_EMBED_MODEL,
    ENV_INDEX,
    ENV_NLI_MODEL,
    TOP_K,
)
from verify.settings import Settings

if TYPE_CHECKING:
    from verify.pipeline import Verifier
    from verify.ray_runtime import RayOptions
    from verify.store import ChangeReport

DEFAULT_COMMAND = "check"
EXIT_LINE_ERRORS = 1
EXIT_FATAL = 2
EXIT_BUG = 1
LIST_IDS_UNDER = 20  # index add names the sources it touched when fewer than this (or --verbose)
REPORT_FORMATS = ("html", "csv", "markdown", "claimreview", "jsonl")


class DefaultCommandGroup(TyperGroup):
    """`verify CLAIMS` runs the `check` command; `verify index ...` and `verify eval ...` stay subcommands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, with_ray_default(args))


def with_ray_default(args: list[str]) -> list[str]:
    """`--ray` with no address (last, or before another option) means `--ray local`: typer has no
    options whose value may be left out."""
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            return out + args[i:]
        out.append(arg)
        if arg == "--ray" and (i + 1 == len(args) or args[i + 1].startswith("-")):
            out.append(LOCAL_RAY)
    return out


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
    Optional[str],
    typer.Option(
        "--index",
        envvar=ENV_INDEX,
        help="index folder, or a Milvus URL: milvus://HOST:PORT/COLLECTION, milvus-lite:FILE.db "
        "[default: index/default, seeded from seeds/]",
    ),
]
EmbedOpt = Annotated[str, typer.Option("--embed-model", envvar=ENV_EMBED_MODEL, help="embedding model name or path")]
ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        envvar=ENV_NLI_MODEL,
        help="NLI model: 'fast' (= 'bundled', the shipped MiniLM), 'accurate' (the mpnet bundle, or "
        "$VERIFY_ACCURATE_MODEL), 'cascade' (the default: fast for every claim, accurate again where the fact "
        "checks and the fast model disagree), or a "
        "bundle folder from `python -m verify.train`; a bundle optionally with ':fp32', ':bf16', ':int8' or "
        "':int8-static' (ONNX Runtime only) [default: bf16 on CPUs that have it natively, else fp32]; or a "
        "CrossEncoder name/path",
    ),
]
BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend",
        envvar=ENV_BACKEND,
        help="what computes the models: 'onnx' (ONNX Runtime), 'torch' (PyTorch), or 'auto': ONNX Runtime where "
        "it can run the model, else PyTorch",
    ),
]
TopKOpt = Annotated[int, typer.Option("--top-k", min=1, max=100, help="passages retrieved per claim")]
CalibrationOpt = Annotated[
    Optional[str],
    typer.Option(
        "--calibration",
        envvar=ENV_CALIBRATION,
        help="confidence calibration: a curves file, or 'check-covid' (fitted on scientific claims) [default: none]",
    ),
]
LOCAL_RAY = "local"  # `--ray` with no address: a Ray runtime started on this machine
RayOpt = Annotated[
    Optional[str],
    typer.Option(
        "--ray",
        metavar="[ADDRESS]",
        help="run as a Ray Data job: on a local Ray runtime (capped at --ray-workers CPUs), or on the cluster at "
        "ADDRESS (auto, ray://HOST:10001); needs pip install 'newsroom-verify[ray]'",
    ),
]
RayWorkersOpt = Annotated[
    Optional[int],
    typer.Option(
        "--ray-workers", min=1, help="Ray actors, each loading the models once [default: one per CPU; 2 on a cluster]"
    ),
]


def ray_options(address: str | None, workers: int | None) -> RayOptions | None:
    """The Ray options of --ray/--ray-workers, or None for a single-process run; Ray's absence is
    reported here, before anything runs."""
    if address is None:
        if workers is not None:
            fail("--ray-workers needs --ray")
        return None
    if address != LOCAL_RAY and Path(address).exists():
        # `--ray articles/` would take the folder for an address.
        fail(f"--ray {address}: that is a file or folder, not a Ray address; put --ray after it, or write --ray local")
    from verify.ray_runtime import RayOptions, import_ray

    import_ray()
    return RayOptions(address=None if address == LOCAL_RAY else address, workers=workers)


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


F = TypeVar("F", bound=Callable[..., Any])


def library_errors(command: F) -> F:
    """A command's VerifyError becomes one clean line on stderr and exit 2. Any other exception is
    a bug: its traceback is kept, with a line asking for a report, and the exit status is 1."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        from verify.errors import user_errors

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except user_errors() as exc:
            fail(str(exc))
        except BrokenPipeError:
            # the reader stopped early (`verify report ... | head`): nothing is wrong, and nothing
            # more can be written; stdout goes to /dev/null so the interpreter's own flush is quiet
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:  # a file we were told to read or write: the system says why
            fail(f"{exc.filename or 'file'}: {exc.strerror or exc}" if exc.filename else str(exc))
        except Exception:
            import traceback

            traceback.print_exc()
            typer.echo(
                f"error: an unexpected failure in verify {__version__} (above). This is a bug: please report it "
                "with the command you ran and the traceback.",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None

    return guarded  # type: ignore[return-value]


def open_verifier(settings: Settings, *, create: bool = False, check_embedder: bool = True) -> Verifier:
    verifier = settings.open_verifier(create=create, check_embedder=check_embedder)
    if verifier.seed_report is not None:
        report_change(verifier.seed_report, f"seeded {verifier.index_dir} from {verifier.seeds_dir}", err=True)
    return verifier


def report_change(report: ChangeReport, what: str, err: bool = False, failed: int = 0, verbose: bool = False) -> None:
    """One line of counts; the ids touched follow when there are few of them, or with --verbose."""
    groups = [
        ("added", report.added),
        ("replaced", report.replaced),
        ("unchanged", report.unchanged),
        ("removed", report.removed),
    ]
    counts = [f"{len(ids):,} {name}" for name, ids in groups if ids] + ([f"{failed:,} failed"] if failed else [])
    typer.echo(
        f"{what}: {', '.join(counts) or 'nothing to do'}; {report.passages_embedded:,} passages embedded", err=err
    )
    if verbose or sum(len(ids) for _, ids in groups) < LIST_IDS_UNDER:
        for name, ids in groups:
            if ids:
                typer.echo(f"  {name}: {', '.join(ids)}", err=err)


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
    """A progress line on stderr, only when stderr is a terminal: the stage and how far it is.
    Redrawn at most ten times a second (a batch of 2,000 small files reports 2,000 times)."""

    def __init__(self) -> None:
        self.shown = False
        self.enabled = sys.stderr.isatty()
        self.last = (0.0, "")

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if stage == self.last[1] and done < total and now - self.last[0] < 0.1:
            return
        self.last = (now, stage)
        percent = f" ({100 * done // total}%)" if total else ""
        sys.stderr.write(f"\r\033[K{stage}: {done:,}/{total:,}{percent}")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def printable(text: str) -> str:
    """Control and bidirectional characters shown as '?' so one line stays one row."""
    return "".join(c if c.isprintable() else "?" for c in text)


PARQUET = "parquet"


def input_format_of(claims: str, requested: str, output_format: str) -> str:
    """The claims file's format ("jsonl" or "parquet"); pyarrow's absence is reported here, before
    any model loads, when either side is Parquet."""
    from verify.parquet_support import claims_format, import_pyarrow

    chosen = claims_format(claims, requested)
    if PARQUET in (chosen, output_format):
        import_pyarrow()
    return chosen


@contextmanager
def claim_items(path: str, input_format: str) -> Iterator[Iterator[Any]]:
    """The claims and error records of a claims file, opened now (a missing or unreadable file fails
    before any output is written)."""
    if input_format == PARQUET:
        from verify.claims_parquet import ParquetClaims

        with ParquetClaims(path) as rows:
            yield iter(rows)
        return
    from verify.claims_io import read_claims

    with claim_lines(path) as lines:
        yield read_claims(lines)


def claim_lines(path: str, what: str = "claims") -> IO[bytes]:
    """`path` opened for reading its lines ("-": standard input); `what` names it in the error."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        fail(f"cannot read {what} file {path}: {exc.strerror}")
        raise  # unreachable: fail() exits


FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="jsonl, csv, markdown, html (one self-contained page), claimreview, or parquet (needs -o FILE "
        "and pip install 'newsroom-verify[parquet]')",
    ),
]
InputFormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format",
        help="claims file format: jsonl (JSONL or text lines), parquet, or auto: parquet for a .parquet file",
    ),
]
AuthorOpt = Annotated[str, typer.Option(help="organisation named as author in ClaimReview output")]
AuthorUrlOpt = Annotated[Optional[str], typer.Option(help="its URL, for ClaimReview output")]
ReviewUrlOpt = Annotated[
    Optional[str],
    typer.Option(
        help="where each review is published, for ClaimReview's url: a URL with {id} for the claim's id "
        "(https://desk.example/checks/{id}); without it, the claim line's own url field, if any"
    ),
]
OutputOpt = Annotated[Optional[Path], typer.Option("-o", "--output", help="write here instead of stdout")]


@app.command(DEFAULT_COMMAND)
@library_errors
def check(
    claims: Annotated[
        str,
        typer.Argument(
            help='claims file: JSONL {"id", "claim", ...} or plain text lines, - for stdin; or Parquet with a '
            "'claim' column"
        ),
    ],
    output: OutputOpt = None,
    input_format: InputFormatOpt = "auto",
    index: IndexOpt = None,
    top_k: TopKOpt = TOP_K,
    model: ModelOpt = DEFAULT_NLI,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
    calibration: CalibrationOpt = None,
    fmt: FormatOpt = "jsonl",
    author: AuthorOpt = "verify",
    author_url: AuthorUrlOpt = None,
    review_url: ReviewUrlOpt = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="keep the verdicts already in -o FILE and verify only the rest")
    ] = False,
    ray: RayOpt = None,
    ray_workers: RayWorkersOpt = None,
) -> None:
    """Verify each claim and print one JSON verdict per line (or --format), in input order.

    A malformed line yields an error record for that line and the run goes on; the exit status
    is 0 when every line was verified, 1 when some were not, 2 when nothing could run. With
    -o FILE in JSONL, what the run used is saved beside it (FILE.run.json) for `verify report`.
    With --ray, the claims are verified as a Ray Data job, with the same output.

    Example: verify claims/example.jsonl -o verdicts.jsonl
    """
    from verify import runinfo
    from verify.pipeline import verify_items
    from verify.report import FORMATS, write
    from verify.resume import done_records, skip_done

    if fmt not in (*FORMATS, PARQUET):
        fail(f"unknown --format {fmt!r}: choose one of {', '.join((*FORMATS, PARQUET))}")
    if resume and (output is None or fmt != "jsonl"):
        fail("--resume needs -o FILE and the jsonl format")
    if fmt == PARQUET and output is None:
        fail("--format parquet needs -o FILE: a Parquet file is not written to stdout")
    refuse_same_file(claims, output)
    in_format = input_format_of(claims, input_format, fmt)
    on_ray = ray_options(ray, ray_workers)
    settings = Settings(index, embed_model, model, top_k, calibration, backend)
    done = done_records(output) if resume and output is not None else []
    tally = Tally(done, to_stdout=output is None)
    verifier = open_verifier(settings)
    run = verifier.run_info()
    started = time.time()
    mode = "a" if done else "w"
    with claim_items(claims, in_format) as items:
        if on_ray is not None:
            records = verifier.verify_file(claims, ray=on_ray, done=done, input_format=in_format)
        else:
            records = verify_items(verifier, skip_done(items, done))
        if fmt == PARQUET:
            from verify.verdicts_parquet import write_parquet

            assert output is not None
            write_parquet(tally.watch(records), output, run)
        else:
            with _report_file(output, fmt, mode) as out:
                if output is not None and fmt == "jsonl":
                    runinfo.save(run, output)
                write(fmt, tally.watch(records), out, author, author_url, run, review_url)
    tally.finish()
    if tally.total == 0:
        fail(f"no claims found in {claims}", EXIT_LINE_ERRORS)
    rate = tally.new / max(time.time() - started, 1e-9)
    speed = f" ({tally.new} new, {rate:.1f} claims/s)" if tally.new else ""
    typer.echo(f"{tally.summary()}{speed}; {run.describe()}", err=True)
    decided = tally.labels.get("supported", 0) + tally.labels.get("contradicted", 0)
    if run.seeded and index is None and tally.new and not decided:
        typer.echo(
            f"warning: these claims were checked against the bundled seed articles ({run.index}, "
            f"{run.sources} source{'' if run.sources == 1 else 's'}), and none of them supports or contradicts "
            "any claim: pass --index DIR (or set VERIFY_INDEX) to check against your own sources",
            err=True,
        )
    if tally.failed:
        raise typer.Exit(EXIT_LINE_ERRORS)


@app.command("report")
@library_errors
def report(
    verdicts: Annotated[
        str, typer.Argument(help="verdicts JSONL (or .parquet) written by `verify -o FILE`; - for stdin")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="html, csv, markdown, claimreview, jsonl or parquet (needs -o)")
    ] = "html",
    output: OutputOpt = None,
    author: AuthorOpt = "verify",
    author_url: AuthorUrlOpt = None,
    review_url: ReviewUrlOpt = None,
) -> None:
    """Render saved verdicts as a report, without verifying again.

    The output is the same as `verify CLAIMS --format FORMAT` gives; the run details (index,
    model, date) come from VERDICTS.run.json, saved beside the verdicts by `verify -o`.

    Example: verify report verdicts.jsonl --format html -o report.html
    """
    from verify import runinfo
    from verify.report import write
    from verify.verdicts_io import read_verdicts

    refuse_same_file(verdicts, output)
    if fmt not in (*REPORT_FORMATS, PARQUET):
        fail(f"unknown --format {fmt!r}: choose one of {', '.join((*REPORT_FORMATS, PARQUET))}")
    if fmt == PARQUET and output is None:
        fail("--format parquet needs -o FILE: a Parquet file is not written to stdout")
    run: runinfo.RunInfo | None
    if input_format_of(verdicts, "auto", fmt) == PARQUET:
        from verify.verdicts_parquet import read_parquet_verdicts, read_run_info

        records = list(read_parquet_verdicts(verdicts))
        run = read_run_info(verdicts)
    else:
        with claim_lines(verdicts, "verdicts") as lines:
            records = read_verdicts(lines, verdicts)
        run = runinfo.load(Path(verdicts)) if verdicts != "-" else None
    if fmt == PARQUET:
        from verify.verdicts_parquet import write_parquet

        assert output is not None
        write_parquet(records, output, run)
    else:
        with _report_file(output, fmt) as out:
            write(fmt, records, out, author, author_url, run, review_url)
    if output is not None:
        typer.echo(f"{len(records)} records from {verdicts} written to {output}", err=True)


class Tally:
    """Counts verdicts by label as they stream past; shows progress on a terminal."""

    def __init__(self, done: list[tuple[str | None, int | None, str | None]], to_stdout: bool = False) -> None:
        """`done`: the records a resumed run keeps, counted in the summary too. `to_stdout`: the
        verdicts go to stdout; where that is the same terminal, they show the progress themselves,
        and a progress line would run into them."""
        from collections import Counter

        # Labels as verify.report.label_of names them: a failed line is "error".
        self.labels: Counter[str] = Counter(label or "error" for _, _, label in done)
        self.new = 0
        self.already_done = len(done)
        self.progress = sys.stderr.isatty() and not (to_stdout and sys.stdout.isatty())

    @property
    def total(self) -> int:
        return self.already_done + self.new

    @property
    def failed(self) -> int:
        return self.labels["error"]

    def watch(self, records: Iterator[Any]) -> Iterator[Any]:
        from verify.report import label_of
        from verify.schema import ClaimError

        for record in records:
            self.new += 1
            self.labels[label_of(record)] += 1
            if isinstance(record, ClaimError):
                typer.echo(("\r" if self.progress else "") + f"warning: {record.error}", err=True)
            if self.progress:
                sys.stderr.write(f"\r{self.total} claims processed")
                sys.stderr.flush()
            yield record

    def finish(self) -> None:
        if self.progress and self.new:
            sys.stderr.write("\r\033[K")

    def summary(self) -> str:
        from verify.text import plural

        counts = ", ".join(f"{self.labels[k]} {k}" for k in ("supported", "contradicted", "unknown"))
        return f"{plural(self.total - self.failed, 'claim')}: {counts}; {plural(self.failed, 'line')} failed"


@contextmanager
def _stdout() -> Iterator[IO[str]]:
    yield sys.stdout


def _report_file(output: Path | str | None, fmt: str, mode: str = "w") -> contextlib.AbstractContextManager[IO[str]]:
    """Where verdicts in `fmt` go: stdout; JSONL verdicts streamed into the file (`--resume`
    continues one an interrupted run left); any report written whole or not at all."""
    from verify.whole_file import whole_file

    if output is None:
        return _stdout()
    if fmt == "jsonl":
        return open(output, mode, encoding="utf-8", newline="")
    return whole_file(output)


@app.command("eval")
@library_errors
def evaluate(
    labelled: Annotated[
        str,
        typer.Argument(help="claims JSONL (or .parquet) with a gold 'label' (and optional gold 'evidence' text)"),
    ],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="also write the verdicts here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the figures as JSON")] = False,
    index: IndexOpt = None,
    top_k: TopKOpt = TOP_K,
    model: ModelOpt = DEFAULT_NLI,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
    calibration: CalibrationOpt = None,
) -> None:
    """Verify labelled claims and print accuracy, macro-F1, a confusion matrix and evidence hit rate.

    Example: verify eval claims/seed_dev.jsonl
    """
    from verify.evaluate import format_report, score
    from verify.pipeline import verify_items

    refuse_same_file(labelled, output)
    in_format = input_format_of(labelled, "auto", "jsonl")
    verifier = open_verifier(Settings(index, embed_model, model, top_k, calibration, backend))
    records = []
    with claim_items(labelled, in_format) as items:
        for record in verify_items(verifier, items):
            records.append(record)
    if output:
        from verify import runinfo
        from verify.report import write_jsonl

        with open(output, "w", encoding="utf-8") as out:
            write_jsonl(records, out)
        runinfo.save(verifier.run_info(), output)
    report = score(records)
    if report.total == 0:
        fail(f"no claims found in {labelled}", EXIT_LINE_ERRORS)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))


@app.command("extract")
@library_errors
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
@library_errors
def serve(
    index: IndexOpt = None,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    top_k: TopKOpt = TOP_K,
    model: ModelOpt = DEFAULT_NLI,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
    calibration: CalibrationOpt = None,
) -> None:
    """Serve the index over HTTP: POST /verify, POST /sources, GET /sources, DELETE /sources/{id}, GET /health.

    The OpenAPI schema is at /openapi.json, interactive docs at /docs.

    Example: verify serve --port 8000
    """
    from verify.server import serve as run_server

    run_server(open_verifier(Settings(index, embed_model, model, top_k, calibration, backend)), host, port)


@index_app.command("add")
@library_errors
def index_add(
    paths: Annotated[list[Path], typer.Argument(help="article files (.txt .md .html .jsonl) or folders")],
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every source id touched")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="stop at the first file that cannot be read, adding nothing")
    ] = False,
    ray: RayOpt = None,
    ray_workers: RayWorkersOpt = None,
) -> None:
    """Add articles: new ones are embedded, changed ones replaced, unchanged ones skipped.

    Creates the index if it does not exist. Prints one line of counts, and the source ids when
    there are fewer than 20 of them (or with --verbose). A file that cannot be read is reported
    and skipped (exit status 1 once the rest are added); with --strict it stops the run before
    anything is added (exit status 2). With --ray, chunking, facts and embedding run in Ray actors;
    the commit stays in this process, under the index's lock.

    Example: verify index add articles/ --index index/newsroom
    """
    from verify.sources import SourceError

    failed: list[SourceError] = []

    def skip(exc: SourceError) -> None:
        failed.append(exc)
        typer.echo(f"warning: skipped {exc}", err=True)

    on_ray = ray_options(ray, ray_workers)
    progress = Progress()
    verifier = open_verifier(Settings(index, embed_model, backend=backend), create=True)
    try:
        report = verifier.add_sources(paths, on_error=None if strict else skip, progress=progress, ray=on_ray)
    finally:
        progress.finish()
    report_change(report, f"index {verifier.index_dir}", failed=len(failed), verbose=verbose)
    if failed:
        typer.echo(f"error: {len(failed)} file(s) could not be read and were skipped", err=True)
        raise typer.Exit(EXIT_LINE_ERRORS)


@index_app.command("list")
@library_errors
def index_list(
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per source")] = False,
) -> None:
    """List the sources in an index.

    Example: verify index list --json
    """
    verifier = open_verifier(Settings(index, embed_model, backend=backend))
    sources = verifier.list_sources()
    for s in sources:
        if as_json:
            typer.echo(json.dumps(s.__dict__))
        else:
            title = printable(s.title or "")
            typer.echo(f"{printable(s.id)}\t{s.kind}\t{s.published or '-'}\t{s.passages} passages\t{title}")
    if not as_json:
        from verify.runinfo import counted

        typer.echo(f"{counted(len(sources), 'source')} in {verifier.index_dir}", err=True)


@index_app.command("remove")
@library_errors
def index_remove(
    source_ids: Annotated[list[str], typer.Argument(help="ids as shown by `verify index list`")],
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
) -> None:
    """Remove sources by id.

    Example: verify index remove riverton-bridge
    """
    verifier = open_verifier(Settings(index, embed_model, backend=backend))
    report_change(verifier.remove_sources(source_ids), f"index {verifier.index_dir}")


@index_app.command("rebuild")
@library_errors
def index_rebuild(
    index: IndexOpt = None,
    embed_model: EmbedOpt = DEFAULT_EMBED_MODEL,
    backend: BackendOpt = DEFAULT_BACKEND,
) -> None:
    """Re-chunk and re-embed every source, e.g. with a different --embed-model.

    Example: verify index rebuild --embed-model sentence-transformers/all-mpnet-base-v2
    """
    progress = Progress()
    verifier = open_verifier(Settings(index, embed_model, backend=backend), check_embedder=False)
    try:
        report = verifier.rebuild(progress=progress)
    finally:
        progress.finish()
    report_change(report, f"rebuilt {verifier.index_dir}")


if __name__ == "__main__":  # pragma: no cover
    app()
