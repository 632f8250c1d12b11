"""What a run used: the index (path, sources, passages), the models, the version and the date.

The summary line and every report name it. `verify -o verdicts.jsonl` saves it beside the
verdicts (verdicts.jsonl.run.json), so `verify report` renders the same header later.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from verify._version import __version__
from verify.errors import ReportError

SIDECAR_SUFFIX = ".run.json"


class RunInfo(BaseModel):
    version: str = __version__
    date: dt.date
    index: str
    sources: int
    passages: int
    seeded: bool = False
    embedding_model: str
    nli_model: str
    calibration: str | None = None

    @property
    def source_count(self) -> str:
        """ "1 source", "2,400 sources"."""
        return counted(self.sources, "source")

    def describe(self) -> str:
        """One line for a summary or a report header."""
        sources = self.source_count
        seeded = ", the bundled seed articles" if self.seeded else ""
        calibration = f", calibration {self.calibration}" if self.calibration else ""
        index = f"index {self.index} ({sources}, {self.passages:,} passages{seeded})"
        return f"{index}; model {self.nli_model}{calibration}"


def counted(n: int, noun: str) -> str:
    """ "1 source", "2 sources": a count with its noun in the right number."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def run_date() -> dt.date:
    """Today, or the date SOURCE_DATE_EPOCH names (the reproducible-builds convention), so a report
    rendered again from saved verdicts can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def sidecar(verdicts: Path) -> Path:
    return verdicts.with_name(verdicts.name + SIDECAR_SUFFIX)


def save(info: RunInfo, verdicts: Path) -> None:
    sidecar(verdicts).write_text(info.model_dump_json(indent=1) + "\n", encoding="utf-8")


def load(verdicts: Path) -> RunInfo | None:
    """The run info saved beside a verdicts file; None when there is none (e.g. stdout was saved)."""
    path = sidecar(verdicts)
    if not path.is_file():
        return None
    try:
        return RunInfo.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as exc:
        raise ReportError(f"{path}: not a run record ({exc})") from exc
