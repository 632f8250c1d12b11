"""Generation folders of an index: their names, the write lock, reader pins and crash leftovers.

A reader pins the generation it opened with a shared flock on the folder; a writer deletes an old
generation only when it can take that lock exclusively, so a generation never vanishes under a
reader (another process, or a service that has not reopened yet). Writers serialise on an
exclusive flock of `.lock`, and under it clear what a crashed write left behind: temp folders,
temp manifests and generation folders no manifest ever named.

`VERIFY_TEST_CRASH_AT=<step>` kills the process at that step of a commit (tests only: the
crash-injection test walks every step of COMMIT_STEPS).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

from verify.errors import VerifyError

GENERATION = re.compile(r"gen-(\d{6})")
LOCK_FILE = ".lock"
CRASH_ENV = "VERIFY_TEST_CRASH_AT"
COMMIT_STEPS = (
    "locked",
    "tmp-created",
    "db-written",
    "vectors-written",
    "renamed",
    "manifest-written",
    "manifest-replaced",
    "pruned",
)


class IndexStoreError(VerifyError, RuntimeError):
    """An index that cannot be used as asked; the message says what to do."""


def crash_point(step: str) -> None:
    if os.environ.get(CRASH_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def generation_number(name: object) -> int:
    """The number of a generation folder name; anything else (a path, "..") is refused."""
    match = GENERATION.fullmatch(name) if isinstance(name, str) else None
    if match is None:
        raise IndexStoreError(f"{name!r} is not a generation name (gen-NNNNNN)")
    return int(match.group(1))


def generation_name(number: int) -> str:
    return f"gen-{number:06d}"


@contextlib.contextmanager
def write_lock(directory: Path) -> Iterator[None]:
    """Hold the index's exclusive write lock. The lock file is never truncated or followed."""
    path = directory / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IndexStoreError(f"{path} is a symbolic link; refusing to use it as the write lock") from exc
        raise IndexStoreError(f"{path}: cannot open the write lock ({exc.strerror})") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IndexStoreError(f"{path} is not a regular file; refusing to use it as the write lock")
        fcntl.flock(fd, fcntl.LOCK_EX)
        crash_point("locked")
        yield
    finally:
        os.close(fd)  # releases the lock


class Pin:
    """A shared lock on one generation folder: while held, no writer deletes the folder."""

    def __init__(self, folder: Path) -> None:
        """Raises FileNotFoundError when the folder is gone (pruned since the manifest was read)."""
        self.folder = folder
        self._fd: int | None = None
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                raise IndexStoreError(f"{folder} is not a generation folder (a link or a file)") from exc
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            # A writer may have deleted it between our open and our lock: then this is a dead inode.
            if os.stat(folder, follow_symlinks=False).st_ino != os.fstat(fd).st_ino:
                raise FileNotFoundError(folder)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.close()


def _remove_if_unpinned(folder: Path) -> bool:
    """Delete a generation folder unless a reader pins it."""
    if folder.is_symlink() or not folder.is_dir():
        folder.unlink(missing_ok=True)
        return True
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a reader still uses it; a later write removes it
        shutil.rmtree(folder, ignore_errors=True)
        return True
    finally:
        os.close(fd)


def clear_leftovers(directory: Path, live: str | None) -> None:
    """Under the write lock: remove what crashed writes left (temp folders and manifests, and
    generations newer than the live one, which no manifest ever named)."""
    live_number = generation_number(live) if live else 0
    for path in directory.iterdir():
        name = path.name
        if name.startswith(".tmp-"):
            shutil.rmtree(path, ignore_errors=True)
        elif name.startswith(".manifest-") and name.endswith(".json"):
            path.unlink(missing_ok=True)
        elif (match := GENERATION.fullmatch(name)) and int(match.group(1)) > live_number:
            _remove_if_unpinned(path)


def next_generation(directory: Path, live: str | None) -> str:
    """A name above the live generation and above any folder still lying around."""
    numbers = [int(m.group(1)) for p in directory.iterdir() if (m := GENERATION.fullmatch(p.name))]
    return generation_name(max([generation_number(live) if live else 0, *numbers]) + 1)


def prune(directory: Path, live: str) -> None:
    """Keep the live generation and the newest one before it (for readers that read the old
    manifest but have not pinned yet); delete the older ones that no reader pins."""
    live_number = generation_number(live)
    older = sorted(
        (int(m.group(1)), p)
        for p in directory.iterdir()
        if (m := GENERATION.fullmatch(p.name)) and int(m.group(1)) < live_number
    )
    for _, path in older[:-1]:
        _remove_if_unpinned(path)
