"""A report file written whole or not at all.

Why: an HTML, Markdown, CSV or ClaimReview report is read as a whole; if rendering fails halfway,
a half-written file under the report's name looks like a finished report with claims missing.
The text goes to a temporary file beside the target and is renamed over it only when complete, so
a failure leaves whatever was there before (or nothing). JSONL verdicts are not written this way:
they stream, and `--resume` continues a file an interrupted run left.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def whole_file(path: str | Path) -> Iterator[IO[str]]:
    """A text stream that becomes `path` when the block ends without an error. A path that exists
    and is not a regular file (a FIFO, /dev/stdout) is written in place, as renaming over it would
    replace it."""
    target = Path(path)
    if target.exists() and not target.is_file():
        with open(target, "w", encoding="utf-8", newline="") as out:
            yield out
        return
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:  # said of the file asked for, not of the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        # the permissions open() would give (mkstemp's are owner-only)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
