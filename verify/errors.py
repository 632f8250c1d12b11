"""One base for the errors a user can act on: the CLI prints their message and exits 2, the server
answers 4xx. Anything else is a bug, and keeps its traceback."""

from __future__ import annotations


class VerifyError(Exception):
    """An error whose message tells the user what went wrong and what to do."""


class ConfigError(VerifyError, ValueError):
    """A setting or option that cannot work (a bad top_k, an unknown format)."""


class IndexMissing(VerifyError):
    """No index at the given folder (and it is not the seeded default)."""


class ClaimInvalid(VerifyError, ValueError):
    """A claim the Python API was handed that cannot be checked (empty, only spaces, not text)."""


class ReportError(VerifyError, ValueError):
    """A saved verdicts file that cannot be rendered."""


def user_errors() -> tuple[type[BaseException], ...]:
    """The exception classes to show as one clean line: VerifyError, plus the two model errors
    that do not derive from it yet (verify.nli and verify.bundled, which the fact-layer work owns;
    once they subclass VerifyError this is just VerifyError)."""
    from verify.bundled import BundledModelMissing
    from verify.nli import NLIModelError

    return (VerifyError, NLIModelError, BundledModelMissing)
