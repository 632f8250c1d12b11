"""HTTP service over one index (`verify serve`): verify claims, add, list and remove sources.

Requests are validated by the pydantic models below (which also make the OpenAPI schema at
/docs and /openapi.json); bodies are capped while they stream in (http_limits.py).

Reading and writing take separate locks. Verifications and listings take turns on the reading
lock (the CPU is the bottleneck anyway) and before each one the index is reopened if anyone, this
service or another process, has committed a write since: never a stale answer, never a vanished
generation. A new source is chunked and embedded by a separate writer store without the reading
lock, so /health (on the event loop, no thread needed) and reads keep answering while it is added;
the embedder interleaves its batches with the queries' embeddings.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from verify._version import __version__
from verify.config import MAX_CLAIM_CHARS
from verify.errors import VerifyError
from verify.http_limits import BodyLimit, validation_errors
from verify.pipeline import Verifier
from verify.schema import Claim, Verdict
from verify.sources import SourceError, make_source
from verify.store import IndexStoreError, SourceInfo, UnknownSource
from verify.store_api import open_store

MAX_BODY_BYTES = 2_000_000
MAX_BATCH = 256
MAX_ARTICLE_CHARS = 1_000_000


def _has_text(value: str) -> str:
    if not value:
        raise ValueError("a claim needs some text: this one is empty or only spaces")
    return value


# Stripped first, as the CLI's claims reader does: a claim of only whitespace is refused, saying so
# (a bare min_length would answer "at least 1 character" to a claim of three spaces).
ClaimText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=MAX_CLAIM_CHARS), AfterValidator(_has_text)
]


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    claim: ClaimText


class VerifyRequest(BaseModel):
    """Either one `claim` (with an optional `id`) or a batch of `claims`."""

    model_config = ConfigDict(extra="forbid")

    claim: ClaimText | None = None
    id: str | None = None
    claims: list[ClaimIn] | None = Field(default=None, min_length=1, max_length=MAX_BATCH)
    top_k: int | None = Field(default=None, ge=1, le=100)

    @model_validator(mode="after")
    def one_kind(self) -> VerifyRequest:
        if (self.claim is None) == (self.claims is None):
            raise ValueError("give either 'claim' or 'claims'")
        return self

    def as_claims(self) -> list[Claim]:
        if self.claims is None:
            return [Claim(id=self.id or "1", claim=self.claim or "")]
        return [
            Claim(**{**c.model_dump(exclude_none=True), "id": c.id or str(i)}) for i, c in enumerate(self.claims, 1)
        ]


class VerifyResponse(BaseModel):
    verdicts: list[Verdict]


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.:-]{1,200}$")
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = Field(default=None, description="ISO date, YYYY-MM-DD")
    dateline: str | None = None


class ChangeOut(BaseModel):
    added: list[str]
    replaced: list[str]
    unchanged: list[str]
    removed: list[str]
    passages_embedded: int


class Health(BaseModel):
    status: str
    index: str
    sources: int
    passages: int
    embedding_model: str
    nli_model: str


def create_app(verifier: Verifier) -> FastAPI:
    app = FastAPI(title="verify", version=__version__, description="Verify claims against an index of articles.")
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    reading = threading.Lock()  # the verifier's index handles and models
    writing = threading.Lock()  # this service's writes (other processes queue on the index's own lock)
    # Writes go through their own store, so a write never touches what a verification is reading.
    writer = open_store(verifier.index_dir, verifier.embedder)
    writer.close()  # it holds no generation between writes

    def reopen() -> None:
        """Move the readers to what was just committed, so the writer's client never reads stale."""
        with current_index():
            pass

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_errors(list(exc.errors()))}, status_code=422)

    @contextmanager
    def current_index() -> Iterator[None]:
        """Hold the reading lock on the latest committed generation."""
        with reading, _errors():
            verifier.refresh()
            yield

    @app.get("/health", response_model=Health)
    async def health() -> Health:
        if reading.acquire(blocking=False):  # never waits behind a verification
            try:
                verifier.refresh()
            except IndexStoreError:
                pass  # reported by the next request that needs the index
            finally:
                reading.release()
        run = verifier.run_info()
        return Health(
            status="ok",
            index=run.index,
            sources=run.sources,
            passages=run.passages,
            embedding_model=run.embedding_model,
            nli_model=run.nli_model,
        )

    @app.post("/verify", response_model=VerifyResponse, response_model_exclude_none=False)
    def verify(request: VerifyRequest) -> dict[str, Any]:
        with current_index():
            verdicts = list(verifier.verify_many(request.as_claims(), top_k=request.top_k))
        return {"verdicts": [v.model_dump(mode="json") for v in verdicts]}

    @app.post("/sources", response_model=ChangeOut, status_code=201)
    def add_source(source: SourceIn) -> ChangeOut:
        meta = source.model_dump(exclude={"text"}, exclude_none=True)
        default_id = "api-" + hashlib.sha1(source.text.encode()).hexdigest()[:12]
        with _errors():
            article = make_source(source.text, meta, default_id, origin="api")
        with current_index():
            verifier.check_not_seeds([article.id], "add")
        with writing, _errors():
            report = writer.add([article])  # chunked and embedded without the reading lock
            writer.close()
        reopen()
        return ChangeOut(**report.__dict__)

    @app.get("/sources", response_model=list[SourceInfo])
    def list_sources() -> list[SourceInfo]:
        with current_index():
            return verifier.list_sources()

    @app.delete("/sources/{source_id}", response_model=ChangeOut)
    def remove_source(source_id: str) -> ChangeOut:
        with current_index():
            if not verifier.has_source(source_id):
                raise HTTPException(404, f"no source with id {source_id[:200]!r}")
            verifier.check_not_seeds([source_id], "remove")
        with writing, _errors():
            report = writer.remove([source_id])
            writer.close()
        reopen()
        return ChangeOut(**report.__dict__)

    return app


@contextmanager
def _errors() -> Iterator[None]:
    """Library errors (VerifyError) become 4xx responses carrying the library's message; anything
    else is a bug and reaches the server's log with its traceback (a 500)."""
    try:
        yield
    except SourceError as exc:
        raise HTTPException(422, str(exc)) from exc
    except UnknownSource as exc:  # removed by another writer meanwhile
        raise HTTPException(404, str(exc)) from exc
    except IndexStoreError as exc:
        raise HTTPException(409, str(exc)) from exc
    except VerifyError as exc:
        raise HTTPException(400, str(exc)) from exc


def serve(verifier: Verifier, host: str, port: int) -> None:
    import uvicorn

    verifier.nli.score(["Warm-up."], ["Warm-up."])  # load the model before the first request
    uvicorn.run(create_app(verifier), host=host, port=port, log_level="info")
