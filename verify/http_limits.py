"""Request-body limits for the HTTP service, enforced while the body streams in.

A Content-Length header can be absent (chunked transfer) or lie, so the body is counted as it
arrives and the request is refused once it passes the limit; nothing past the limit is read or
parsed. A JSON body nested deeper than MAX_JSON_DEPTH is refused before any handler parses it.
Error responses carry a message, never the rejected input.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from verify.jsonsafe import MAX_JSON_DEPTH, JSONTooDeep, loads

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: 413 for a body over max_bytes (however it is sent), 422 for deep JSON."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await respond(send, 413, f"request body over {self.max_bytes:,} bytes")
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await respond(send, 413, f"request body over {self.max_bytes:,} bytes")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if b"json" in headers.get(b"content-type", b"") and _too_deep(body, self.max_depth):
            await respond(send, 422, f"JSON nested deeper than {self.max_depth} levels")
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # later calls wait for the disconnect, as the server's would

        await self.app(scope, replay, send)


def _too_deep(body: bytes, max_depth: int) -> bool:
    try:
        loads(body, max_depth)
    except JSONTooDeep:
        return True
    except ValueError:  # invalid JSON: the handler's own 422 says where
        return False
    return False


async def respond(send: Send, status: int, detail: str) -> None:
    payload = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def validation_errors(errors: list[Any], limit: int = 20) -> list[dict[str, Any]]:
    """pydantic's errors without the `input` and `ctx` they carry: a 422 never echoes the body."""
    cleaned = []
    for error in errors[:limit]:
        loc = [part if isinstance(part, int) else str(part)[:100] for part in error.get("loc", ())]
        cleaned.append({"loc": loc, "msg": str(error.get("msg", ""))[:300], "type": error.get("type", "")})
    return cleaned
