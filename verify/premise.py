"""What the NLI model reads as a premise: the passage, after its source's title and dateline when
the model was trained so.

One function, format_premise, builds the premise for training (verify.train: synthetic and
benchmark pairs) and for inference (verify.pipeline), so a model sees at inference exactly the
format it learnt. Whether a model gets the title and dateline is a property of the model: its card
(model.json) says `"premise": {"title": true, "dateline": true}`; a card without it, a hub
CrossEncoder and any other model get the bare passage (the shipped MiniLM was trained so). For
measurement, $VERIFY_PREMISE overrides the card: `plain`, `title` or `title,dateline`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verify.errors import ConfigError

ENV_PREMISE = "VERIFY_PREMISE"
CARD_KEY = "premise"
_OPENING = 300  # a title or dateline within the passage's first characters is already there
_AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


@dataclass(frozen=True)
class PremiseFormat:
    """Which of the source's title and dateline go before the passage."""

    title: bool = False
    dateline: bool = False

    def to_card(self) -> dict[str, bool]:
        return {"title": self.title, "dateline": self.dateline}


PLAIN = PremiseFormat()


def format_premise(passage_text: str, title: str | None = None, dateline: str | None = None) -> str:
    """The premise as `Title. DATELINE. passage`: each part given and not already in the passage's
    opening (an article's first passage often starts with its headline and dateline)."""
    opening = passage_text[:_OPENING]
    head = []
    title_part = (title or "").strip().rstrip(".").strip()
    if title_part and not _has_words(opening, title_part):
        head.append(title_part)
    dateline_part = (dateline or "").strip().rstrip(".").strip()
    if dateline_part and not _dateline_in(opening, dateline_part):
        head.append(dateline_part)
    return f"{'. '.join(head)}. {passage_text}" if head else passage_text


def _has_words(text: str, part: str) -> bool:
    """`part` in `text` as whole words ("Kingsley Motors recall" is not in "... recalled ...")."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


def _dateline_in(opening: str, dateline: str) -> bool:
    """A wire dateline in the text starts a line with its place and a comma ("CORVANE, Oct. 14 —")."""
    place = dateline.split(",")[0].strip()
    return _has_words(opening, dateline) or bool(re.search(rf"(?:^|\n)\s*{re.escape(place)},", opening))


def dateline_text(place: str | None, published: dt.date | None) -> str | None:
    """A source's dateline as the premise gives it: "CORVANE, Oct. 14, 2025" (place and AP-style
    date, either alone when the other is unknown), or None when neither is known."""
    place = (place or "").strip() or None
    date = f"{_AP_MONTHS[published.month - 1]} {published.day}, {published.year}" if published else None
    parts = [p for p in (place, date) if p]
    return ", ".join(parts) or None


def format_from_card(card: dict[str, Any]) -> PremiseFormat:
    """The card's `premise` field; absent means the bare passage (how every older model was trained)."""
    spec = card.get(CARD_KEY) or {}
    if not isinstance(spec, dict) or not all(isinstance(v, bool) for v in spec.values()):
        raise ConfigError(f"model card field {CARD_KEY!r} must map title/dateline to true or false, not {spec!r}")
    unknown = set(spec) - {"title", "dateline"}
    if unknown:
        raise ConfigError(f"model card field {CARD_KEY!r} has unknown keys {sorted(unknown)}")
    return PremiseFormat(title=spec.get("title", False), dateline=spec.get("dateline", False))


def bundle_premise_format(bundle_dir: Path) -> PremiseFormat:
    """The premise format a bundle folder's card asks for (PLAIN when it has no card)."""
    card_path = bundle_dir / "model.json"
    if not card_path.is_file():
        return PLAIN
    try:
        return format_from_card(json.loads(card_path.read_text(encoding="utf-8")))
    except ConfigError as exc:
        raise ConfigError(f"{card_path}: {exc}") from exc


def parse_override(value: str) -> PremiseFormat:
    """$VERIFY_PREMISE: `plain`, `title`, `dateline` or `title,dateline`."""
    parts = {p.strip() for p in value.lower().replace("+", ",").split(",") if p.strip()}
    if parts == {"plain"}:
        return PLAIN
    if not parts or parts - {"title", "dateline"}:
        raise ConfigError(f"${ENV_PREMISE} must be plain, title, dateline or title,dateline; not {value!r}")
    return PremiseFormat(title="title" in parts, dateline="dateline" in parts)


def model_premise_format(nli: object) -> PremiseFormat:
    """What `nli` should read: $VERIFY_PREMISE when set, else the model's own `premise_format`
    (a bundle's card), else the bare passage."""
    override = os.environ.get(ENV_PREMISE, "").strip()
    return parse_override(override) if override else declared_format(nli)


def declared_format(nli: object) -> PremiseFormat:
    """The model's own `premise_format` (a bundle's card), or the bare passage for any other model."""
    fmt = getattr(nli, "premise_format", PLAIN)
    return fmt if isinstance(fmt, PremiseFormat) else PLAIN


def premise_for(fmt: PremiseFormat, passage_text: str, title: str | None, dateline: str | None) -> str:
    """format_premise with only the parts `fmt` asks for."""
    return format_premise(passage_text, title if fmt.title else None, dateline if fmt.dateline else None)
