"""HTTP service over one index (`verify serve`): verify claims, add, list and remove sources.

Requests are validated by the pydantic models below (which also make the OpenAPI schema at
/docs and /openapi.json). One lock serialises work on the index and models: the CPU is the
bottleneck anyway, and a verification never sees an index half-way through an update.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from verify._version import __version__
from verify.config import MAX_CLAIM_CHARS
from verify.errors import VerifyError
from verify.pipeline import Verifier
from verify.schema import Claim, Verdict
from verify.sources import SourceError, make_source
from verify.store import IndexStoreError, SourceInfo

MAX_BODY_BYTES = 2_000_000
MAX_BATCH = 256
MAX_ARTICLE_CHARS = 1_000_000


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    claim: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS)


class VerifyRequest(BaseModel):
    """Either one `claim` (with an optional `id`) or a batch of `claims`."""

    model_config = ConfigDict(extra="forbid")

    claim: str | None = Field(default=None, min_length=1, max_length=MAX_CLAIM_CHARS)
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
    lock = threading.Lock()

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return JSONResponse({"detail": f"request body over {MAX_BODY_BYTES:,} bytes"}, status_code=413)
        return await call_next(request)

    @app.get("/health", response_model=Health)
    def health() -> Health:
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
        with lock, _errors():
            verdicts = list(verifier.verify_many(request.as_claims(), top_k=request.top_k))
        return {"verdicts": [v.model_dump(mode="json") for v in verdicts]}

    @app.post("/sources", response_model=ChangeOut, status_code=201)
    def add_source(source: SourceIn) -> ChangeOut:
        meta = source.model_dump(exclude={"text"}, exclude_none=True)
        default_id = "api-" + hashlib.sha1(source.text.encode()).hexdigest()[:12]
        with lock, _errors():
            report = verifier.add(make_source(source.text, meta, default_id, origin="api"))
        return ChangeOut(**report.__dict__)

    @app.get("/sources", response_model=list[SourceInfo])
    def list_sources() -> list[SourceInfo]:
        with lock:
            return verifier.list_sources()

    @app.delete("/sources/{source_id}", response_model=ChangeOut)
    def remove_source(source_id: str) -> ChangeOut:
        with lock:
            if not verifier.has_source(source_id):
                raise HTTPException(404, f"no source with id {source_id}")
            with _errors():
                report = verifier.remove_sources([source_id])
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
    except IndexStoreError as exc:
        raise HTTPException(409, str(exc)) from exc
    except VerifyError as exc:
        raise HTTPException(400, str(exc)) from exc


def serve(verifier: Verifier, host: str, port: int) -> None:
    import uvicorn

    verifier.nli.score(["Warm-up."], ["Warm-up."])  # load the model before the first request
    uvicorn.run(create_app(verifier), host=host, port=port, log_level="info")
