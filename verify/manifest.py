"""manifest.json of an index: read and checked before anything trusts it, written atomically.

The manifest is the commit record (see store.py). A manifest of the wrong shape, one naming a
folder that is not a generation of this index, or a manifest that is a symbolic link is refused
with a message rather than followed.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

from verify.generations import IndexStoreError, crash_point, generation_number

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 256_000_000  # about 2 million sources; more is not a manifest we wrote

Signature = tuple[int, int, int]

_FIELDS: dict[str, type | tuple[type, ...]] = {
    "generation": str,
    "embedding_model": str,
    "dimension": int,
    "chunking": dict,
    "passages": int,
    "sources": dict,
}


def signature(directory: Path) -> Signature | None:
    """Changes whenever the manifest is replaced (a new inode each commit): cheap to poll."""
    try:
        st = os.lstat(directory / MANIFEST)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def read_manifest(
    directory: Path, format_version: int | tuple[int, ...]
) -> tuple[dict[str, Any] | None, Signature | None]:
    """The checked manifest (None for an index never written) and the signature it was read at."""
    path = directory / MANIFEST
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IndexStoreError(f"{path} is a symbolic link; refusing to follow it") from exc
        raise IndexStoreError(f"{path}: unreadable manifest ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if st.st_size > MAX_MANIFEST_BYTES:
            raise IndexStoreError(f"{path}: {st.st_size:,} bytes is too large for a manifest")
        raw = handle.read()
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise IndexStoreError(f"{path}: unreadable manifest ({exc})") from exc
    check(manifest, path, format_version)
    return manifest, (st.st_ino, st.st_mtime_ns, st.st_size)


def check(manifest: Any, path: Path, format_version: int | tuple[int, ...]) -> None:
    if not isinstance(manifest, dict):
        raise IndexStoreError(f"{path}: a manifest is a JSON object, not {type(manifest).__name__}")
    readable = format_version if isinstance(format_version, tuple) else (format_version,)
    if manifest.get("format_version") not in readable:
        raise IndexStoreError(
            f"{path}: index format {manifest.get('format_version')!r} is not {' or '.join(map(str, readable))}; "
            "rebuild it with `verify index rebuild`"
        )
    for key, kind in _FIELDS.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise IndexStoreError(f"{path}: field {key!r} is missing or not a {getattr(kind, '__name__', kind)}")
    generation_number(manifest["generation"])  # a generation name, never a path
    chunking = manifest["chunking"]
    if set(chunking) != {"sentences", "overlap", "max_chars"} or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in chunking.values()
    ):
        raise IndexStoreError(f"{path}: 'chunking' needs integer sentences, overlap and max_chars")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in manifest["sources"].items()):
        raise IndexStoreError(f"{path}: 'sources' maps source ids to content hashes")
    if manifest["dimension"] < 1 or manifest["passages"] < 0:
        raise IndexStoreError(f"{path}: 'dimension' and 'passages' must be positive")


def write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    """Replace manifest.json in one rename (the commit point); a failed write leaves no temp file."""
    tmp = directory / f".manifest-{os.getpid()}.json"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        crash_point("manifest-written")
        os.replace(tmp, directory / MANIFEST)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    crash_point("manifest-replaced")
    fsync_dir(directory)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
