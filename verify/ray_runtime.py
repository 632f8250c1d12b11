"""Connecting to Ray for bulk jobs: the optional import, a capped local runtime or a cluster, and
Ray Data settings that keep the output in input order.

Ray is an optional extra (`pip install 'newsroom-verify[ray]'`); nothing else in verify imports
it, and this module imports it only when a job starts.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verify.errors import ConfigError, VerifyError

INSTALL_HINT = "pip install 'newsroom-verify[ray]'"
# The local runtime's shared-memory object store: Ray's default is 30% of RAM; blocks beyond the
# cap spill to disk, and Ray Data's back-pressure keeps the pipeline inside it.
LOCAL_OBJECT_STORE_BYTES = 1 << 30


class RayMissing(VerifyError):
    """--ray was asked for but Ray is not installed."""


class RayJobError(VerifyError):
    """A bulk job failed on the Ray side (a worker died, the cluster is unreachable)."""


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide a bulk job runs.

    `address` None starts a local Ray runtime on this machine, capped at `workers` CPUs and
    `object_store_memory` bytes; otherwise `ray.init(address=...)` joins that cluster ("auto" finds
    a running one, "ray://HOST:10001" a remote one). `workers` is the number of actors, each of
    which loads the models once and uses one CPU; None means one per CPU of this machine (local)
    or two (cluster)."""

    address: str | None = None
    workers: int | None = None
    object_store_memory: int = LOCAL_OBJECT_STORE_BYTES

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise ConfigError("a Ray job needs at least one worker")

    @property
    def actor_options(self) -> dict[str, Any]:
        """Ray options for the job's actors. On the local runtime an actor that dies (out of memory,
        a crash) is not restarted: a restart would die the same way, and the job should fail with
        the reason. On a cluster Ray Data restarts actors lost with their node."""
        return {"max_restarts": 0} if self.address is None else {}

    @property
    def worker_count(self) -> int:
        if self.workers is not None:
            return self.workers
        return max(1, os.cpu_count() or 1) if self.address is None else 2


def import_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (the Data library is the [data] part of the extra)
    except ImportError as exc:
        raise RayMissing(f"--ray needs Ray, which is not installed: {INSTALL_HINT}") from exc
    return ray


# Ray waits 30 s for a local runtime's GCS server to write its port; on a busy 2-core machine (a
# training run, a test suite beside it) that start can take longer, and the job fails before it
# begins. A user's own setting of the variable wins.
GCS_PORT_WAIT_VAR = "RAY_gcs_server_port_wait_time_s"
GCS_PORT_WAIT_S = "120"


def allow_a_slow_start() -> None:
    """Give a local Ray runtime GCS_PORT_WAIT_S to start, unless the environment says otherwise."""
    os.environ.setdefault(GCS_PORT_WAIT_VAR, GCS_PORT_WAIT_S)


@contextlib.contextmanager
def ray_session(options: RayOptions) -> Iterator[Any]:
    """Ray, initialised for one job: joins a runtime already started in this process (a notebook's
    own ray.init), else starts or connects as `options` say, and shuts down only what it started."""
    ray = import_ray()
    started = False
    if not ray.is_initialized():
        try:
            if options.address is None:
                allow_a_slow_start()
                ray.init(
                    num_cpus=options.worker_count,
                    object_store_memory=options.object_store_memory,
                    include_dashboard=False,
                    logging_level=logging.ERROR,
                    log_to_driver=False,
                    # Workers import the same verify as this process (an editable install may point
                    # elsewhere, and a relative PYTHONPATH means nothing in a worker's folder).
                    runtime_env={"env_vars": {"PYTHONPATH": _package_path()}},
                )
            else:
                ray.init(address=options.address, logging_level=logging.ERROR, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = options.address or "a local runtime"
            raise RayJobError(f"cannot start Ray ({where}): {exc}") from exc
        started = True
    # Ray Data's own INFO/WARNING lines (execution finished, progress bars off) are noise on a
    # command's stderr; its errors still show.
    data_logger = logging.getLogger("ray.data")
    saved_level = data_logger.level
    data_logger.setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    saved = (context.execution_options.preserve_order, context.enable_progress_bars, context.print_on_execution_start)
    # Output in input order; no progress bars or plan dumps on stderr (the CLI shows its own count).
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        yield ray
    finally:
        context.execution_options.preserve_order, context.enable_progress_bars, context.print_on_execution_start = saved
        data_logger.setLevel(saved_level)
        if started:
            ray.shutdown()


def _package_path() -> str:
    here = str(Path(__file__).resolve().parents[1])
    inherited = [str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys([here, *inherited]))


def job_failure(exc: BaseException) -> BaseException:
    """The error a failed Ray job should raise here: a worker's own user error (a bad model name,
    a damaged index) as it is, anything Ray-side as a RayJobError, anything else unchanged (a bug)."""
    from verify.errors import user_errors

    cause: BaseException | None = exc
    seen: set[int] = set()
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, user_errors()):
            return cause
        seen.add(id(cause))
        cause = getattr(cause, "cause", None) or cause.__cause__  # RayTaskError keeps the worker's in .cause
    ray = import_ray()
    if isinstance(exc, (ray.exceptions.ActorDiedError, ray.exceptions.RaySystemError, ray.exceptions.ObjectLostError)):
        return RayJobError(f"the Ray job failed: {exc}")
    return exc
