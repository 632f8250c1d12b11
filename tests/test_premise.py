"""The premise format: one function for training and inference, switched on by a model's card."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from fake_embedder import HashEmbedder

from verify.backends import open_nli
from verify.nli import LABELS, load_nli
from verify.pipeline import Verifier
from verify.premise import (
    PLAIN,
    PremiseFormat,
    bundle_premise_format,
    dateline_text,
    format_from_card,
    format_premise,
    model_premise_format,
    parse_override,
)
from verify.sources import make_source

TITLE = "Oakton council approves transit plan"
BODY = "The plan, which starts on May 3, adds 40 buses to the fleet."


def test_format_premise_puts_title_and_dateline_first_once() -> None:
    assert format_premise(BODY) == BODY
    assert format_premise(BODY, TITLE) == f"{TITLE}. {BODY}"
    assert format_premise(BODY, TITLE + ".", "OAKTON, May 1") == f"{TITLE}. OAKTON, May 1. {BODY}"
    assert format_premise(BODY, None, "OAKTON") == f"OAKTON. {BODY}"
    lead = f"{TITLE}\nOAKTON, May 1 — {BODY}"
    assert format_premise(lead, TITLE, "OAKTON, May 1, 2024") == lead  # both already open the passage
    assert format_premise(BODY, "  ", "") == BODY


def test_dateline_text_is_place_and_ap_date() -> None:
    assert dateline_text("CORVANE", dt.date(2025, 10, 14)) == "CORVANE, Oct. 14, 2025"
    assert dateline_text(None, dt.date(2025, 6, 3)) == "June 3, 2025"
    assert dateline_text("MOSCOW", None) == "MOSCOW"
    assert dateline_text(" ", None) is None


def test_card_field_and_override_are_checked() -> None:
    assert format_from_card({}) == PLAIN
    assert format_from_card({"premise": {"title": True}}) == PremiseFormat(title=True)
    with pytest.raises(ValueError, match="unknown keys"):
        format_from_card({"premise": {"headline": True}})
    with pytest.raises(ValueError, match="true or false"):
        format_from_card({"premise": {"title": "yes"}})
    assert parse_override("title,dateline") == PremiseFormat(True, True)
    assert parse_override("plain") == PLAIN
    with pytest.raises(ValueError, match="VERIFY_PREMISE"):
        parse_override("headline")


def bundle(folder: Path, premise: dict[str, bool] | None) -> Path:
    """A bundle folder as the loaders see it before loading (card and delta file); never loaded here."""
    folder.mkdir()
    card = {"base_key": "minilm-l6", "id2label": {"0": "entailment", "1": "neutral", "2": "contradiction"}}
    if premise is not None:
        card["premise"] = premise
    (folder / "model.json").write_text(json.dumps(card), encoding="utf-8")
    (folder / "delta.safetensors").write_bytes(b"")
    return folder


def test_loaders_honour_the_card(tmp_path: Path) -> None:
    on = bundle(tmp_path / "on", {"title": True, "dateline": True})
    off = bundle(tmp_path / "off", None)
    for backend in ("torch", "onnx", "auto"):
        assert open_nli(f"{on}:fp32", backend).premise_format == PremiseFormat(True, True)  # type: ignore[attr-defined]
        assert open_nli(f"{off}:fp32", backend).premise_format == PLAIN  # type: ignore[attr-defined]
    assert load_nli("bundled:fp32").premise_format == PLAIN  # type: ignore[attr-defined]  # the shipped MiniLM
    assert bundle_premise_format(Path(__file__).resolve().parents[1] / "verify" / "models" / "nli-minilm-l6") == PLAIN
    assert load_nli("some-org/some-cross-encoder").premise_format == PLAIN  # type: ignore[attr-defined]


class RecordingNLI:
    """Says entailment for everything and keeps the premises it was given."""

    name = "test/recording"

    def __init__(self, card_dir: Path) -> None:
        self.premise_format = bundle_premise_format(card_dir)
        self.premises: list[str] = []

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        self.premises += premises
        out = np.zeros((len(premises), len(LABELS)), dtype=np.float32)
        out[:, 0] = 1.0
        return out


@pytest.mark.parametrize("card", [{"title": True, "dateline": True}, None])
def test_the_pipeline_builds_premises_as_the_card_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, card: dict[str, bool] | None
) -> None:
    nli = RecordingNLI(bundle(tmp_path / "model", card))
    verifier = Verifier(tmp_path / "index", embed_model=HashEmbedder(), nli_model=nli, seeds_dir=None, checks=False)
    text = f"{TITLE}\nOAKTON, May 1 — The council voted 7-2 on Tuesday.\n\n{BODY} It also extends night service."
    meta = {"id": "oakton", "title": TITLE, "dateline": "OAKTON", "published": "2024-05-01"}
    verifier.add(make_source(text, meta, "oakton", None))
    verifier.verify("The Oakton transit plan starts on May 3.")
    passage_texts = [p.text for p in verifier._store.passages(list(range(1, 20))).values()]
    expected = {format_premise(t, TITLE, "OAKTON, May 1, 2024") if card else t for t in passage_texts}
    assert nli.premises and set(nli.premises) <= expected
    titled = [p for p in nli.premises if p.startswith(f"{TITLE}. OAKTON, May 1, 2024. ")]
    assert bool(titled) == bool(card)  # a passage without the headline got it only when the card asks
    monkeypatch.setenv("VERIFY_PREMISE", "plain")  # the measurement override beats the card
    assert model_premise_format(nli) == PLAIN


def test_training_and_inference_build_the_same_premise(tmp_path: Path) -> None:
    """A benchmark training pair's premise and the pipeline's premise for the same passage of the
    same source are one string (both come from format_premise)."""
    import random

    from test_synthetic import PAGES, fm2_folder

    import verify.pipeline as pipeline
    from verify.retrieve import Hit
    from verify.store import StoredPassage
    from verify.train.bench_pairs import fm2_dev

    title, text = "Gandhi (film)", PAGES["Gandhi (film)"][2]
    trained = {p.premise for p in fm2_dev(fm2_folder(tmp_path), random.Random(0), titles=True) if p.hypothesis == text}
    passage = StoredPassage(1, "gandhi", 0, len(text), text, title, None, None)
    inferred = pipeline.premise(Hit(passage, 0.1, 0.5, None), PremiseFormat(title=True))
    assert inferred == f"{title}. {text}" and inferred in trained
    assert pipeline.premise(Hit(passage, 0.1, 0.5, None)) == text  # a model whose card says nothing
    untitled = {p.premise for p in fm2_dev(fm2_folder(tmp_path), random.Random(0)) if p.hypothesis == text}
    assert text in untitled


def test_a_bad_premise_setting_is_a_clear_error_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A misspelt $VERIFY_PREMISE or a card's malformed `premise` field is a user error (the CLI
    prints it as one), raised when the Verifier opens, not a traceback mid-run."""
    from verify.errors import ConfigError
    from verify.nli import BundledNLI

    monkeypatch.setenv("VERIFY_PREMISE", "titel")
    with pytest.raises(ConfigError, match="VERIFY_PREMISE"):
        Verifier(tmp_path / "idx", embed_model=HashEmbedder(), nli_model=BundledNLI(precision="fp32"))
    monkeypatch.delenv("VERIFY_PREMISE")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "model.json").write_text(json.dumps({"premise": {"title": "yes"}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="model.json.*true or false"):
        Verifier(tmp_path / "idx", embed_model=HashEmbedder(), nli_model=BundledNLI(bundle, precision="fp32"))
